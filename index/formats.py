"""Text and metadata out of HTML, Markdown and PDF files.

Each returns (raw text with one block per line, metadata found in the file).
The cleaner does the rest, the same way for every format.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .errors import UnreadableFile

BLOCKS = ["p", "div", "section", "article", "li", "blockquote", "pre", "tr", "br", "figcaption",
          "h1", "h2", "h3", "h4", "h5", "h6"]
NOT_CONTENT = ["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
               "svg", "button", "template"]
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)


def html_text(html: str) -> tuple[str, dict]:
    """The main text of a page (its <article> or <main>, without navigation) and its metadata."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    meta = _html_meta(soup)
    for tag in soup(NOT_CONTENT):
        tag.decompose()
    main = soup.find("article") or soup.find("main") or soup.body or soup
    for tag in main.find_all(BLOCKS):
        tag.insert_after("\n\n")
    return main.get_text(), meta


def _html_meta(soup) -> dict:
    def content(**attrs):
        tag = soup.find("meta", attrs=attrs)
        return tag.get("content") if tag and tag.get("content") else None

    title = content(property="og:title") or (soup.title.string.strip() if soup.title and soup.title.string else None)
    date = content(property="article:published_time") or content(name="date")
    canonical = soup.find("link", rel="canonical")
    meta = {
        "title": title,
        "publisher": content(property="og:site_name"),
        "url": content(property="og:url") or (canonical.get("href") if canonical else None),
        "date": date[:10] if date and re.match(r"\d{4}-\d{2}-\d{2}", date) else None,
    }
    return {k: v for k, v in meta.items() if v}


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
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
        raise UnreadableFile(f"unreadable PDF ({type(e).__name__}: {str(e)[:80]})") from e
    text = "\n\n".join(pages)
    if not text.strip():
        raise UnreadableFile("PDF has no text layer (scanned image?)")
    meta = {"title": getattr(info, "title", None)}
    return text, {k: v for k, v in meta.items() if v}
