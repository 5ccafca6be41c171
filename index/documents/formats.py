"""Text and metadata out of Markdown and PDF files (HTML: extract.py).

Each returns (raw text with one block per line, metadata found in the file).
The cleaner does the rest, the same way for every format.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from ..errors import UnreadableFile

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


def pdf_text(path: Path) -> tuple[str, dict]:
    """The text layer of a PDF, page by page; a PDF without one is refused."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile.said("refusal.encrypted_pdf")
        pages = [page.extract_text() or "" for page in reader.pages]
        info: Mapping[str, Any] = reader.metadata or {}
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
        raise UnreadableFile.said("refusal.unreadable_pdf", problem=f"{type(e).__name__}: {str(e)[:80]}") from e
    text = "\n\n".join(pages)
    if not text.strip():
        raise UnreadableFile.said("refusal.no_text_layer")
    meta = {"title": getattr(info, "title", None)}
    return text, {k: v for k, v in meta.items() if v}
