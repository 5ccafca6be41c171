"""The Whoosh store: building a generation, publishing it atomically, opening and searching it.

The only layer that touches Whoosh. Built on documents/, voices/ and text/.
"""
