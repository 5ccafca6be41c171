"""People and voices: who the documents name, what they quote, and whose words every span is.

Built on text/; read at build time. Nothing here knows Whoosh or questions.
"""
