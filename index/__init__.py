"""citebot's index and answer layer: the public names bot/ and other callers may use.

Everything else under citebot.index is private to it (tests/test_structure.py
keeps bot/ to these names).
"""

from .answers import HELP, Answerer, IndexStats
from .build import Report as ReindexReport
from .build import reindex
from .errors import CitebotError, ConfigError, ManifestError, NoIndex, ReindexBusy, UnreadableFile
from .models import Answer, Context, Document, Paragraph, Person, Referent, Result, Voice
from .settings import Settings, bot_token, env_name, env_names
from .settings import defaults_yaml as settings_defaults
from .settings import load as load_settings

# One name a line, sorted: helpers adding names merge without conflicts.
__all__ = [
    "HELP",
    "Answer",
    "Answerer",
    "CitebotError",
    "ConfigError",
    "Context",
    "Document",
    "IndexStats",
    "ManifestError",
    "NoIndex",
    "Paragraph",
    "Person",
    "Referent",
    "ReindexBusy",
    "ReindexReport",
    "Result",
    "Settings",
    "UnreadableFile",
    "Voice",
    "bot_token",
    "env_name",
    "env_names",
    "load_settings",
    "reindex",
    "settings_defaults",
]
