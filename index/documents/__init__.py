"""Documents: reading corpus files (.txt .md .html .pdf), the manifest, and URLs into cleaned documents.

Built on text/; knows nothing of people, the index or questions.
"""
