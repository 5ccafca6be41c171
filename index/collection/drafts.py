"""Documents admins are adding, kept on disk until they confirm, cancel or leave them.

The admin's next press or reply may reach any worker, so a draft lives in a folder
every worker mounts (`.drafts` in the collection folder), not in one worker's
memory. A draft is two files: `<key>.bin` (the file as sent, written once) and
`<key>.json` (everything else, replaced atomically after each edit). Taking a
draft (confirm, cancel) renames its `.json` away first: of two workers pressing
"Confirm" at once, one gets the draft and the other finds none.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import time
from dataclasses import asdict
from pathlib import Path

from ..models import Document
from .collection import write_atomically
from .intake import Draft

KEEP = 10  # drafts kept (each up to 20 MB); the oldest go first
DAYS = 2.0  # a draft nobody confirmed for this long is gone


class Drafts:
    def __init__(self, folder: Path, keep: int = KEEP, days: float = DAYS) -> None:
        self.folder, self.keep, self.seconds = folder, keep, days * 86400

    def put(self, key: str, draft: Draft) -> None:
        """Keep `draft` under `key` (a new one, or the same after an edit); old drafts beyond the limits go."""
        self.folder.mkdir(parents=True, exist_ok=True)
        data = self.folder / f"{key}.bin"
        if not data.exists():
            write_atomically(data, draft.data)
        fields = {k: v for k, v in asdict(draft).items() if k != "data"}
        write_atomically(self.folder / f"{key}.json", json.dumps(fields, ensure_ascii=False).encode("utf-8"))
        self._expire()

    def get(self, key: str) -> Draft | None:
        return self._read(self.folder / f"{key}.json", key)

    def take(self, key: str) -> Draft | None:
        """The draft, removed; None if there is none (never made, expired, or taken by another worker)."""
        if not _is_key(key):
            return None
        taken = self.folder / f".taken-{secrets.token_hex(6)}-{key}.json"
        try:
            (self.folder / f"{key}.json").rename(taken)
        except FileNotFoundError:
            return None
        try:
            return self._read(taken, key)
        finally:
            self._remove(taken, self.folder / f"{key}.bin")

    def _read(self, path: Path, key: str) -> Draft | None:
        if not _is_key(key):
            return None
        try:
            fields = json.loads(path.read_text(encoding="utf-8"))
            data = (self.folder / f"{key}.bin").read_bytes()
        except FileNotFoundError:
            return None
        fields["document"] = Document(**fields["document"])
        fields["near"] = [tuple(n) for n in fields["near"]]
        return Draft(data=data, **fields)

    def _expire(self) -> None:
        now = time.time()
        drafts = sorted((p for p in self.folder.glob("*.json") if not p.name.startswith(".")),
                        key=_age, reverse=True)
        for n, path in enumerate(drafts):
            if n >= self.keep or _age(path) < now - self.seconds:
                self._remove(path, path.with_suffix(".bin"))
        for path in self.folder.iterdir():  # left by a worker that died mid-write or mid-take
            orphan = path.name.startswith(".") or (path.suffix == ".bin" and not path.with_suffix(".json").exists())
            if orphan and _age(path) < now - 3600:
                self._remove(path)

    @staticmethod
    def _remove(*paths: Path) -> None:
        for path in paths:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _age(path: Path) -> float:
    """When the file was last written (0 if it is gone already: another worker removed it)."""
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def _is_key(key: str) -> bool:
    """Keys come back in callback data: only plain names may become file names."""
    return bool(key) and key.isascii() and key.replace("-", "").replace("_", "").isalnum()
