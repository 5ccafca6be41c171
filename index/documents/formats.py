"""Text and metadata out of Markdown files (HTML: extract.py, PDF: pdf.py).

Each returns (raw text with one block per line, metadata found in the file).
The cleaner does the rest, the same way for every format.
"""

from __future__ import annotations

import re

import yaml

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def markdown_text(text: str) -> tuple[str, dict]:
    """Markdown body as plain lines; YAML front matter, when present, is the metadata."""
    meta: dict = {}
    if m := FRONT_MATTER.match(text):
        try:
            loaded = yaml.safe_load(m.group(1))
        except yaml.YAMLError:
            loaded = None
        meta = loaded if isinstance(loaded, dict) else {}
        text = text[m.end():]
    text = re.sub(r"^#{1,6}\s+", "", text, flags=re.M)  # headings
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # links and images keep their text
    text = re.sub(r"(\*\*|__|`)", "", text)  # emphasis and code marks
    text = re.sub(r"^\s*(?:[-*+]|>)\s+", "", text, flags=re.M)  # list bullets, block quotes
    return text, meta
