"""citebot's index and answer layer: the public names bot/ and other callers may use.

Everything else under citebot.index is private to it (tests/test_structure.py
keeps bot/ to these names).
"""

from .answers import HELP, Answerer, IndexStats
from .build import Report as ReindexReport
from .build import reindex
from .errors import CitebotError, ConfigError, ManifestError, NoIndex, ReindexBusy, UnreadableFile
from .models import Answer, Document, Person, Referent, Result, Voice
from .settings import Settings, bot_token
from .settings import load as load_settings

__all__ = [
    "HELP", "Answer", "Answerer", "CitebotError", "ConfigError", "Document", "IndexStats", "ManifestError",
    "NoIndex", "Person", "Referent", "ReindexBusy", "ReindexReport", "Result", "Voice", "Settings", "UnreadableFile", "bot_token",
    "load_settings", "reindex",
]
