"""What a web page says about itself: title, publisher, date, author and URL, each with where it was found.

Publishers write these for search engines and social networks (Open Graph
`og:*`, schema.org JSON-LD `NewsArticle`, `<time datetime>`, bylines); the
admin's card shows each value with its source ("publisher: Example News (from
og:site_name)") so they know what they are confirming. The first source that
gives a plausible value wins; sources are listed from the most to the least
deliberate.
"""

from __future__ import annotations

import json
import re

ISO_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})")
ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting",
                 "OpinionNewsArticle", "ScholarlyArticle", "Report", "WebPage"}
BY = re.compile(r"^\s*(?:by|written by|posted by)\s+", re.I)
# The tagline under an encyclopedia's title names its publisher.
TAGLINE = re.compile(r"From (Wikipedia|[A-Z][\w ]{2,40}?), the free (?:encyclopedia|dictionary)")
SUFFIX_MARKS = (" | ", " - ", " – ", " — ", " · ", " :: ")


def page_metadata(tree) -> dict:
    """{"title": …, "publisher": …, "date": …, "author": …, "url": …, "how": {field: where}} from an lxml tree."""
    ld = _json_ld(tree)
    meta: dict = {"how": {}}
    publisher = _first(meta, "publisher", [
        (_meta(tree, "og:site_name"), "og:site_name"),
        (_name(ld.get("publisher")), "JSON-LD publisher"),
        (_tagline(tree), "the tagline under the title"),
        (_masthead(tree), "the masthead"),
    ])
    _first(meta, "title", [(_trimmed(_meta(tree, "og:title"), publisher), "og:title"),
                           (_trimmed(_text_of(ld.get("headline")), publisher), "JSON-LD headline"),
                           (_first_text(tree, "//h1"), "the page's h1"),
                           (_trimmed(_first_text(tree, "//title"), publisher), "the page's <title>")])
    _first(meta, "date", [(_day(_meta(tree, "article:published_time")), "article:published_time"),
                          (_day(_text_of(ld.get("datePublished"))), "JSON-LD datePublished"),
                          (_day(_first_attribute(tree, "//article//time/@datetime | //time/@datetime")),
                           "the page's <time datetime>")])
    _first(meta, "author", [(_name(ld.get("author")), "JSON-LD author"), (_meta(tree, "author"), "meta author"),
                            (_byline(tree), "the byline")])
    _first(meta, "url", [(_meta(tree, "og:url"), "og:url"),
                         (_first_attribute(tree, "//link[@rel='canonical']/@href"), "the canonical link")])
    return meta


def _first(meta: dict, name: str, candidates: list[tuple[str | None, str]]) -> str | None:
    for value, where in candidates:
        value = " ".join(value.split()) if value else None
        if value and 2 <= len(value) <= 200:
            meta[name], meta["how"][name] = value, where
            return value
    return None


def _meta(tree, name: str) -> str | None:
    found = tree.xpath(f"//meta[@property='{name}' or @name='{name}']/@content")
    return str(found[0]) if found else None


def _first_text(tree, path: str) -> str | None:
    found = tree.xpath(path)
    return found[0].text_content() if found else None


def _first_attribute(tree, path: str) -> str | None:
    found = tree.xpath(path)
    return str(found[0]) if found else None


def _json_ld(tree) -> dict:
    """The page's first schema.org article object (in a list or an @graph), or {}."""
    for script in tree.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text_content() or "")
        except ValueError:
            continue
        for item in _items(data):
            kinds = item.get("@type")
            if set(kinds if isinstance(kinds, list) else [kinds]) & ARTICLE_TYPES:
                return item
    return {}


def _items(data) -> list[dict]:
    if isinstance(data, list):
        return [i for d in data for i in _items(d)]
    if isinstance(data, dict):
        return [data, *_items(data.get("@graph", []))]
    return []


def _name(value) -> str | None:
    """A JSON-LD Person/Organization (or a list of them, or a bare string) as a name."""
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) if names else None
    if isinstance(value, dict):
        return _text_of(value.get("name"))
    return _text_of(value)


def _text_of(value) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _day(value: str | None) -> str | None:
    m = ISO_DAY.match(value or "")
    return m.group(1) if m else None


def _trimmed(title: str | None, site: str | None) -> str | None:
    """A title without the site's name after it: "Court hears witness | Example News" → "Court hears witness"."""
    if not title:
        return None
    title = " ".join(title.split())
    for mark in SUFFIX_MARKS:
        head, _, tail = title.rpartition(mark)
        if head and site and tail.strip().lower() == site.lower():
            return head.strip()
    return title


def _tagline(tree) -> str | None:
    m = TAGLINE.search(" ".join(tree.xpath("//body//text()")[:400]))
    return m.group(1) if m else None


def _masthead(tree) -> str | None:
    """The site's name in its header: an element named masthead, site-title or site-name."""
    for element in tree.xpath("//*[contains(concat(' ', @class, ' '), ' masthead ') or contains(@class, 'site-title')"
                              " or contains(@class, 'site-name')]"):
        link = element.xpath(".//a")
        text = " ".join((link[0] if link else element).text_content().split())
        if 2 <= len(text) <= 60:
            return text
    return None


def _byline(tree) -> str | None:
    for element in tree.xpath("//*[contains(@class, 'byline') or @rel='author' or contains(@class, 'author')]"):
        names = element.xpath(".//*[contains(@class, 'author') or @rel='author']")
        text = " ".join((names[0] if names else element).text_content().split())
        text = BY.sub("", text)
        if 3 <= len(text) <= 60 and not re.search(r"\d", text):
            return text
    return None
