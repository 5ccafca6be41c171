"""Text: cleaning, sentences and passages, the analyzer's terms, numbers, Persian folding, headings.

Pure functions of strings (and the glossary file). Nothing here knows people, Whoosh or questions.
"""
