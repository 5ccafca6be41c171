"""Write small real PDFs (one text layer, or none) for the tests, with no extra dependency."""

from __future__ import annotations

from pathlib import Path

# (x, y, font size, text): one line of text placed on a page, in points from the bottom left.
Placed = tuple[float, float, float, str]
HELVETICA = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def write_pdf(path: Path, lines: list[str] | None) -> None:
    """A one-page PDF showing `lines` as text, or an empty page when `lines` is None."""
    ops = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({ln}) '" for ln in lines) + " ET" if lines else ""
    _write(path, [ops], {})


def write_pages(path: Path, pages: list[list[Placed]], info: dict[str, str] | None = None,
                font: str = HELVETICA) -> None:
    """A PDF with one page per list of placed lines, and an optional /Info dictionary (Title, Author, CreationDate)."""
    _write(path, [" ".join(f"BT /F1 {size:g} Tf {x:g} {y:g} Td ({_escape(text)}) Tj ET" for x, y, size, text in page)
                  for page in pages], info or {}, font)


def write_shown(path: Path, lines: list[list[str | float]], font: str) -> None:
    """A one-page PDF whose lines are TJ arrays (strings, and offsets in thousandths of an em between them)."""
    arrays = ["[" + " ".join(f"({_escape(x)})" if isinstance(x, str) else f"{x:g}" for x in line) + "] TJ"
              for line in lines]
    _write(path, ["BT /F1 11 Tf 72 720 Td 14 TL " + " T* ".join(arrays) + " ET"], {}, font)


def even_font(space_width: int | None) -> str:
    """A font whose glyphs are all 500 wide, with a space `space_width` wide, or (None) none: code 32 draws a
    "Q", as in TeX's subset fonts, where words are set apart by position alone."""
    encoding = "/WinAnsiEncoding" if space_width else "<< /BaseEncoding /WinAnsiEncoding /Differences [32 /Q] >>"
    return (f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding {encoding} /FirstChar 32 /LastChar 126 "
            f"/Widths [{space_width or 722} {' '.join(['500'] * 94)}] >>")


def column(x: float, top: float, lines: list[str], size: float = 11, leading: float = 14) -> list[Placed]:
    """Lines set one under another from `top` down, as a text column starting at `x`."""
    return [(x, top - n * leading, size, line) for n, line in enumerate(lines)]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _write(path: Path, contents: list[str], info: dict[str, str], font: str = HELVETICA) -> None:
    n = len(contents)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(n))
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {n} >>",
               font]
    for i, ops in enumerate(contents):
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {5 + 2 * i} 0 R "
                       "/Resources << /Font << /F1 3 0 R >> >> >>")
        objects.append(f"<< /Length {len(ops.encode('cp1252'))} >>\nstream\n{ops}\nendstream")
    trailer = f"/Size {len(objects) + 2} /Root 1 0 R"
    if info:
        objects.append("<< " + " ".join(f"/{k} ({_escape(v)})" for k, v in info.items()) + " >>")
        trailer += f" /Info {len(objects)} 0 R"
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("cp1252")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< {trailer.replace(f'/Size {len(objects) + 2}', f'/Size {len(objects) + 1}')} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)
