"""The main text of a web page and its metadata, by trafilatura (with htmldate for the date).

Real pages carry menus, share bars, ad slots and related-article lists;
trafilatura is a maintained extractor built for exactly that, so citebot does
not grow its own rules. What it returns is raw text, one block per line: the
cleaner still turns it into the one cleaned text every excerpt's offsets point
into, the same way as for every other format.

trafilatura's `deduplicate` is off: it remembers text across calls, so a page read twice
(a preview, then a reindex) would lose its paragraphs the second time.

Metadata is conservative: htmldate is told to look only at the page's
publication markup (no guessing from URLs or body text), and every value found
here is marked inferred until an admin confirms it.
"""

from __future__ import annotations

import re

from ..errors import UnreadableFile

ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def html_text(html: str) -> tuple[str, dict]:
    """(raw main text with a blank line between blocks, metadata found in the markup). Raises UnreadableFile."""
    import trafilatura
    from trafilatura.settings import Document

    found = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True,
        deduplicate=False, date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (found.text if isinstance(found, Document) else "") or ""  # None when nothing is found
    if len(text.strip()) < 20:
        raise UnreadableFile.said("refusal.no_main_text")
    return text.replace("\n", "\n\n"), _meta(found)


def _meta(found) -> dict:
    date = found.date if found.date and ISO_DAY.fullmatch(found.date) else None
    meta = {"title": found.title, "publisher": found.sitename, "url": found.url, "date": date,
            "author": found.author}
    return {k: v.strip() for k, v in meta.items() if isinstance(v, str) and v.strip()}
