"""Hostile inputs built here, small files and lines that cost a reader far more than their size: PDF bombs,
deep object graphs, gzip bombs, long lines of many names. Each is of the shape attacks use, made without extra tools."""

from __future__ import annotations

import gzip
import random
import zlib
from pathlib import Path

PAGE = "<< /Type /Page /MediaBox [0 0 612 792] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"
TEXT = "BT /F1 12 Tf 72 720 Td (A page of a hostile file, repeated.) Tj ET"
PERSIAN_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
FONT = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf(objects: list[bytes | str]) -> bytes:
    """A PDF with `objects` numbered from 1 (object 1 is the catalog), with a correct cross-reference table."""
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n".encode() + (body.encode("latin-1") if isinstance(body, str) else body) + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def stream(data: bytes, compress: bool = False, padding: int = 0) -> bytes:
    """A stream object holding `data` and then `padding` spaces (FlateDecode-compressed a MB at a time)."""
    if compress:
        packer = zlib.compressobj(9)
        block = b" " * 1_000_000
        body = packer.compress(data) + b"".join(packer.compress(block) for _ in range(padding // len(block)))
        body += packer.flush()
    else:
        body = data + b" " * padding
    flate = " /Filter /FlateDecode" if compress else ""
    return f"<< /Length {len(body)}{flate} >>\nstream\n".encode() + body + b"\nendstream"


def page_tree_bomb(path: Path, depth: int = 24) -> int:
    """A page tree whose every node lists the same child twice: 2**depth pages from a file of a few kB."""
    objects: list[bytes | str] = ["<< /Type /Catalog /Pages 5 0 R >>", "", stream(TEXT.encode()), FONT]
    for level in range(depth):  # object 5 is the root; each level's node points twice at the next one
        kids = f"{6 + level} 0 R"
        objects.append(f"<< /Type /Pages /Kids [{kids} {kids}] /Count {2 ** (depth - level)} >>")
    objects.append(PAGE.replace("/Type /Page", f"/Type /Page /Parent {4 + depth} 0 R"))
    objects[1] = "<< >>"
    path.write_bytes(pdf(objects))
    return path.stat().st_size


def stream_bomb(path: Path, megabytes: int = 60) -> int:
    """One page whose content stream inflates about a thousandfold, to `megabytes` MB of spaces."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
               stream(TEXT.encode(), compress=True, padding=megabytes * 1_000_000), FONT,
               PAGE.replace("/Type /Page", "/Type /Page /Parent 2 0 R")]
    path.write_bytes(pdf(objects))
    return path.stat().st_size


def deep_pdf(path: Path, depth: int = 100_000) -> int:
    """A page holding an array nested `depth` deep: a deep object graph in a few hundred kB."""
    deep = "/Deep " + "[" * depth + "]" * depth
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
               stream(TEXT.encode()), FONT, PAGE.replace("/Type /Page", f"/Type /Page /Parent 2 0 R {deep}")]
    path.write_bytes(pdf(objects))
    return path.stat().st_size


def wide_html(path: Path, paragraphs: int = 300_000) -> int:
    """A page of `paragraphs` one-word paragraphs: a few MB of markup that a DOM and its text blocks multiply."""
    path.write_text("<html><body><article>" + "<p>word " * paragraphs + "</article></body></html>")
    return path.stat().st_size


def gzip_bomb(megabytes: int, layers: int = 1) -> bytes:
    """`megabytes` MB of spaces gzipped `layers` times (made a MB at a time): each layer shrinks the last
    about a thousandfold, so two layers hold a few hundred MB in a few kB."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * 1_000_000
    data = b"".join(packer.compress(block) for _ in range(megabytes)) + packer.flush()
    for _ in range(layers - 1):
        data = gzip.compress(data, 9)
    return data


def spin(seconds: float) -> int:
    """Burn CPU for `seconds` of process time (a reader stuck in a loop)."""
    import time

    n, end = 0, time.process_time() + seconds
    while time.process_time() < end:
        n += 1
    return n


def hostile_lines(seed: int = 7) -> dict[str, str]:
    """300-character lines of the shapes that cost most: many Persian words, many capitalised Latin words,
    both scripts mixed, many quotation marks; as a search and as /who."""
    r = random.Random(seed)

    def words(letters: str, title: bool = False) -> str:
        ws = ("".join(r.choice(letters) for _ in range(r.randint(3, 7))) for _ in range(80))
        return " ".join(w.title() if title else w for w in ws)[:300]

    persian, latin = words(PERSIAN_LETTERS), words("abcdefghijklmnopqrstuvwxyz", title=True)
    mixed = " ".join(f"{a} {b}" for a, b in zip(persian.split(), latin.split()))[:300]
    return {"long Persian": persian, "long Latin": latin, "mixed scripts": mixed, "many quotes": ('“a” "b" ' * 40)[:300],
            "/who long Persian": "/who " + persian, "/who long Latin": "/who " + latin}
