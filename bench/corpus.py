"""A scale corpus of real English prose nobody on this project wrote, from Debian packages.

    python -m bench.corpus 100000 var/bench/corpus-100000

installs the packages (apt-get, once), turns their text into documents with
titles, publishers and dates (a `sources.yaml` manifest, as an operator would
write), and stops when citebot's own cleaning and splitting count the target
number of passages. When the packages run out, they are used again as later
"editions" (new ids, titles and dates), which RESULTS.md says.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

from citebot.index.text.clean import clean
from citebot.index.text.split import passages

PACKAGES = ["dict-gcide", "linux-doc-6.1", "python3.11-doc", "fortunes", "debian-reference-en"]
CHUNK = 40_000  # characters per document cut from a long text


def install() -> None:
    if Path("/usr/share/dictd/gcide.dict.dz").exists() and Path("/usr/share/doc/linux-doc-6.1").exists():
        return
    if not shutil.which("apt-get"):
        sys.exit("bench needs Debian's packages: " + " ".join(PACKAGES))
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = sudo + ["apt-get", "install", "-y", "-q", "--no-install-recommends", *PACKAGES]
    print("installing the scale corpus's Debian packages:", " ".join(PACKAGES), flush=True)
    if subprocess.run(install, env=env, stdout=subprocess.DEVNULL).returncode:  # stale package lists
        subprocess.run(sudo + ["apt-get", "update", "-q"], check=True, env=env, stdout=subprocess.DEVNULL)
        subprocess.run(install, check=True, env=env, stdout=subprocess.DEVNULL)


def texts() -> Iterator[dict]:
    """(title, publisher, date, text) of every document the packages give, in a fixed order."""
    yield from _linux_docs()
    yield from _python_docs()
    yield from _dictionary()
    yield from _fortunes()
    yield from _debian_reference()


def _linux_docs() -> Iterator[dict]:
    root = Path("/usr/share/doc/linux-doc-6.1/Documentation")
    for path in sorted(root.rglob("*.rst.gz")):
        name = str(path.relative_to(root))[: -len(".rst.gz")]
        yield _doc(f"Linux kernel documentation: {name}", "The Linux kernel developers", "2022-12",
                   gzip.open(path, "rt", errors="replace").read())


def _python_docs() -> Iterator[dict]:
    root = Path("/usr/share/doc/python3.11/html/_sources")
    for path in sorted(root.rglob("*.rst.txt")):
        name = str(path.relative_to(root))[: -len(".rst.txt")]
        yield _doc(f"Python 3.11 documentation: {name}", "Python Software Foundation", "2023-12",
                   path.read_text(errors="replace"))


def _dictionary() -> Iterator[dict]:
    text = gzip.open("/usr/share/dictd/gcide.dict.dz", "rt", errors="replace").read()
    for n, chunk in enumerate(_chunks(text), 1):
        first = chunk.split(None, 1)[0] if chunk.strip() else str(n)
        yield _doc(f"GCIDE, part {n} ({first})", "GNU Collaborative International Dictionary of English", "1913",
                   chunk)


def _fortunes() -> Iterator[dict]:
    for path in sorted(Path("/usr/share/games/fortunes").iterdir()):
        if path.suffix or path.is_symlink():
            continue
        text = path.read_text(errors="replace").replace("\n%\n", "\n\n")
        for n, chunk in enumerate(_chunks(text), 1):
            yield _doc(f"Fortunes: {path.name}, part {n}", "fortune-mod", "2022-11", chunk)


def _debian_reference() -> Iterator[dict]:
    for path in sorted(Path("/usr/share/debian-reference").glob("*.en.html")):
        html = path.read_text(errors="replace")
        text = re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(script|style).*?</\1>", "", html))
        yield _doc(f"Debian Reference: {path.stem}", "Osamu Aoki", "2023-01", text)


def _doc(title: str, publisher: str, date: str, text: str) -> dict:
    return {"title": title, "publisher": publisher, "date": date, "text": text}


def _chunks(text: str) -> Iterator[str]:
    """Pieces of about CHUNK characters, cut at blank lines."""
    while text:
        cut = text.find("\n\n", CHUNK)
        cut = len(text) if cut < 0 else cut
        yield text[:cut]
        text = text[cut:].lstrip("\n")


def build(target: int, folder: Path) -> int:
    """Write documents into `folder` until citebot splits them into `target` passages; return the count."""
    install()
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    manifest, count, edition = [], 0, 1
    while count < target:
        for doc in texts():
            n = len(passages(clean(doc["text"]).text))
            if n == 0:
                continue
            file = f"{len(manifest):06d}.txt"
            (folder / file).write_text(doc["text"], encoding="utf-8")
            suffix = "" if edition == 1 else f" (edition {edition})"
            year = int(doc["date"][:4]) + edition - 1
            manifest.append({"file": file, "id": f"d{len(manifest):06d}", "title": doc["title"] + suffix,
                             "publisher": doc["publisher"], "date": str(year) + doc["date"][4:], "kind": "reference"})
            count += n
            if count >= target:
                break
        edition += 1
    (folder / "sources.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False))
    return count


if __name__ == "__main__":
    size, out = int(sys.argv[1]), Path(sys.argv[2])
    print(f"{build(size, out)} passages in {out}")
