"""An admin's word on who is whom: names to merge into one person, names to keep apart, applied at every reindex.

Kept in the collection's config, beside people.yaml (`people_overrides.yaml`):

    merge:                      # the second name is a spelling of the first person
      - [Hossein-Ali Montazeri, Hussein Montazeri]
    split:                      # never join these two names, however alike they are spelt
      - [Ahmad Montazeri, Ahmed Montazeri]

A merge makes the second name a key of the first person before the texts are read, so every mention of
either is the one person; a split stops variants.py (and the middle-name rule) from joining the two.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import ConfigError
from ..settings import read_yaml
from .people import Registry, key

FILE_NAME = "people_overrides.yaml"
HEADER = ("# People an admin merged or split (citebot people merge/split, or /people in Telegram),\n"
          "# applied at every reindex. merge: [person, another spelling of them]; split: [name, name never joined].\n")


@dataclass
class Overrides:
    merge: list[tuple[str, str]] = field(default_factory=list)
    split: list[tuple[str, str]] = field(default_factory=list)


def path_beside(people_file: Path) -> Path:
    """Where a collection keeps its overrides: beside its people.yaml."""
    return Path(people_file).with_name(FILE_NAME)


def load(path: Path) -> Overrides:
    """The overrides in `path` (none when it does not exist). Raises ConfigError naming a malformed entry."""
    if not path.exists():
        return Overrides()
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected 'merge:' and 'split:' lists")
    return Overrides(merge=_pairs(path, data, "merge"), split=_pairs(path, data, "split"))


def _pairs(path: Path, data: dict, what: str) -> list[tuple[str, str]]:
    pairs = []
    for item in data.get(what) or []:
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(n, str) and len(key(n)) > 1 for n in item)):
            raise ConfigError(f"{path}: each {what} entry is two full names, e.g. [Jo Bloggs, Joe Bloggs]: {item!r}")
        pairs.append((item[0], item[1]))
    return pairs


def save(path: Path, overrides: Overrides) -> None:
    body = yaml.safe_dump({"merge": [list(p) for p in overrides.merge], "split": [list(p) for p in overrides.split]},
                          allow_unicode=True, sort_keys=False, default_flow_style=None)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(HEADER + body, encoding="utf-8")
    tmp.replace(path)


def change(people_file: Path, what: str, a: str, b: str) -> Path:
    """Keep an admin's merge (b is a spelling of a) or split (a and b never joined) in the collection's config,
    undoing the opposite one; the file it is kept in. Raises ConfigError for names that are not two full names."""
    if what not in ("merge", "split"):
        raise ConfigError(f"{what!r}: merge or split")
    if len(key(a)) < 2 or len(key(b)) < 2 or key(a) == key(b):
        raise ConfigError("give two different full names (first and last), e.g. Jo Bloggs | Joe Bloggs")
    path = path_beside(people_file)
    overrides = load(path)
    pair = frozenset((key(a), key(b)))
    other = "split" if what == "merge" else "merge"
    setattr(overrides, other, [p for p in getattr(overrides, other) if frozenset(map(key, p)) != pair])
    kept = getattr(overrides, what)
    if all(frozenset(map(key, p)) != pair for p in kept):
        kept.append((a, b))
    save(path, overrides)
    return path


def apply(registry: Registry, overrides: Overrides) -> None:
    """Put an admin's merges and splits into the registry, before the texts are read."""
    for a, b in overrides.split:
        registry.apart.add(frozenset((key(a), key(b))))
    for a, b in overrides.merge:
        entry = registry.add(a)
        if entry is not None:
            registry.adopt(entry, key(b))


def registry_for(people_file: Path | None) -> Registry:
    """The collection's people before its texts are read: people.yaml, then the admin's merges and splits."""
    registry = Registry.from_yaml(people_file)
    if people_file is not None:
        apply(registry, load(path_beside(people_file)))
    return registry
