"""The main text of a web page and its metadata: the page's own markup first, then trafilatura.

Real pages carry menus, share bars, ad slots and related-article lists;
trafilatura is a maintained extractor built for exactly that, so citebot does
not grow its own main-text rules. Two things it gets wrong on news pages are
set right before it runs: a standfirst (`<p class="teaser">`, dek, summary) is
dropped as boilerplate, so it loses its class and is kept; photo captions,
credits, share bars, related links and "Open this photo in gallery" links can
pass as text, and a caption ranks first for the name in it, so they are taken
out. What is returned is raw text, one block per line: the cleaner still turns
it into the one cleaned text every excerpt's offsets point into.

trafilatura's `deduplicate` is off: it remembers text across calls, so a page read twice
(a preview, then a reindex) would lose its paragraphs the second time.

Metadata comes from markup.py (Open Graph, JSON-LD, `<time>`, bylines), each
field with where it was found; trafilatura's own reading (htmldate looking only
at publication markup) fills what is missing. Every value is inferred until an
admin confirms it.
"""

from __future__ import annotations

import re

from ..errors import UnreadableFile
from .markup import ISO_DAY, page_metadata

# Class or id words of page furniture that can look like text: captions, credits, share bars, related links.
FURNITURE = re.compile(r"(?:^|[-_ ])(?:caption|credits?|share|sharing|social|related|gallery|newsletter|breadcrumbs?"
                       r"|promo|subscribe|comments?|tags|toolbar|menu|advert|sponsored|recommended|more-stories"
                       r"|toc|thumb|thumbcaption|references|reflist|navbox|catlinks|mw-editsection|sitesub|mw-jump-link)"
                       r"(?:$|[-_ ]|posts|addy)", re.I)
KEEP = ("html", "body", "main", "article")  # a page's whole-content containers: their classes say nothing of furniture
# Class words of a standfirst: the sentence under the headline that says what the article is about.
STANDFIRST = re.compile(r"(?:^|[-_ ])(?:teaser|standfirst|dek|summary|lede|lead|intro|subtitle|subheading|strapline)"
                        r"(?:$|[-_ ])", re.I)
CONTROL = re.compile(r"open (?:this )?(?:photo|image|picture|video) in (?:the )?gallery|view (?:the )?gallery"
                     r"|enlarge (?:this )?(?:photo|image)|(?:skip|jump) to (?:main )?content", re.I)
# A heading's permalink: a link to its own anchor shown as a mark (Sphinx's "¶", GitHub's "#", "§", "🔗").
PERMALINK = {"¶", "#", "§", "🔗", "⚓", "link", "permalink"}
FURNITURE_TAGS = ("figure", "figcaption", "aside", "nav", "button", "noscript")
# Headings of an encyclopedia's lists of sources and links, which go with them.
BACK_MATTER = re.compile(r"references|notes|citations|external links|see also|further reading|sources|contents", re.I)


def html_text(html: str) -> tuple[str, dict]:
    """(raw main text with a blank line between blocks, metadata found in the markup). Raises UnreadableFile."""
    import trafilatura
    from trafilatura.settings import Document

    tree = _tree(html)
    if tree is not None:
        _drop_permalinks(tree)  # before the metadata: a heading is the title without its "¶"
    meta = page_metadata(tree) if tree is not None else {"how": {}}
    if tree is not None:
        html = _tidied(tree)
    found = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True,
        deduplicate=False, date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (found.text if isinstance(found, Document) else "") or ""  # None when nothing is found
    if len(text.strip()) < 20:
        raise UnreadableFile.said("refusal.no_main_text")
    if isinstance(found, Document):
        _fill(meta, found)
    return text.replace("\n", "\n\n"), meta


def _tree(html: str):
    import lxml.html
    from lxml.etree import ParserError

    try:
        return lxml.html.fromstring(html)
    except ValueError:  # an XHTML page declaring its encoding: lxml takes it as bytes only
        try:
            return lxml.html.fromstring(html.encode("utf-8"))
        except (ParserError, ValueError):
            return None
    except ParserError:
        return None


def _tidied(tree) -> str:
    """The page without captions, credits, share bars and related links, its standfirst made plain text."""
    import lxml.html

    total = len(tree.text_content())
    for table in reversed(list(tree.iter("table"))):  # inner tables first
        _unwrap_layout(table)
    for element in list(tree.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None or element.tag in KEEP:
            continue
        words = f"{element.get('class', '')} {element.get('id', '')}"
        if element.tag in FURNITURE_TAGS or FURNITURE.search(words) or _is_control(element):
            if len(element.text_content()) <= total / 2:  # a wrapper holding most of the page is not furniture
                element.drop_tree()
        elif element.tag in ("p", "div", "h2") and STANDFIRST.search(words) and 20 <= len(element.text_content()) <= 600:
            element.tag, element.attrib["class"] = "p", "article-body"
    return lxml.html.tostring(tree, encoding="unicode")


def _drop_permalinks(tree) -> None:
    """A heading's permalink: a link to its own anchor shown as a mark, no word of the heading."""
    for a in list(tree.iter("a")):
        if a.get("href", "").startswith("#") and " ".join(a.text_content().split()).lower() in PERMALINK:
            a.drop_tree()


def _unwrap_layout(table) -> None:
    """A table that only lays text out (no row with words in two cells: an icon beside a note, a site's column
    of paragraphs) becomes its cells' blocks; read as a table, each row would be "| | text"."""
    rows = [[c for c in row if c.tag in ("td", "th")] for row in table.iter("tr")]
    if table.find(".//table") is not None:
        return  # a data table inside: this one holds it, and stays a table
    if not rows or any(sum(1 for c in row if c.text_content().strip()) > 1 for row in rows):
        return
    for row in rows:
        for cell in row:
            cell.tag = "div"
    table.tag = "div"
    for part in list(table.iter("tbody", "thead", "tfoot", "tr")):
        part.tag = "div"


def _is_control(element) -> bool:
    """A link or label that works the page ("Open this photo in gallery"), or a back-matter heading."""
    text = " ".join(element.text_content().split())
    if element.tag in ("h2", "h3"):
        return bool(BACK_MATTER.fullmatch(text))
    return element.tag in ("a", "span", "div", "p") and bool(CONTROL.fullmatch(text))


def _fill(meta: dict, found) -> None:
    """trafilatura's reading for fields the markup did not give."""
    date = found.date if found.date and ISO_DAY.fullmatch(found.date) else None
    theirs = {"title": found.title, "publisher": found.sitename, "url": found.url, "date": date, "author": found.author}
    for name, value in theirs.items():
        if name not in meta and isinstance(value, str) and value.strip():
            meta[name], meta["how"][name] = value.strip(), "the page's metadata (trafilatura)"
