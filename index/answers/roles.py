"""A title typed for a name (/who Justice Minister): the people the documents give it (voices/roles.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import TitleRow
from ..voices.roles import holding

if TYPE_CHECKING:
    from .corpus import Corpus


def holders(corpus: Corpus, typed: str) -> dict[str, list[TitleRow]]:
    """The known people the documents give the title `typed`, each with the rows that give it, in corpus order."""
    found: dict[str, list[TitleRow]] = {}
    for pid, held in holding(corpus.generation.meta.titles, typed).items():
        if pid in corpus.registry.entries:
            found[pid] = sorted(held, key=lambda r: (corpus.documents[r.doc].chronology(), r.start)
                                if r.doc in corpus.documents else ((), r.start))
    return found
