"""citebot's index and answer layer: the public names bot/ and other callers may use.

Everything else under citebot.index is private to it (tests/test_structure.py
keeps bot/ to these names).
"""

from .answers import HELP, Answerer, IndexStats
from .build import Report as ReindexReport
from .build import reindex
from .collection import EDITABLE, KINDS, CollectionError, InvalidField
from .errors import CitebotError, ConfigError, ManifestError, NoIndex, ReindexBusy, UnreadableFile
from .fetch import FetchError
from .intake import Draft, collection_entry, prepare_url
from .intake import commit as commit_draft
from .intake import edit as edit_document
from .intake import prepare as prepare_file
from .intake import remove as remove_document
from .models import Answer, Document, Person, Result
from .reports import REASONS, AuditEntry, Journal, ReaderReport
from .settings import Settings, bot_token
from .settings import load as load_settings

__all__ = [
    "HELP", "Answer", "Answerer", "CitebotError", "ConfigError", "Document", "IndexStats", "ManifestError",
    "NoIndex", "Person", "ReindexBusy", "ReindexReport", "Result", "Settings", "UnreadableFile", "bot_token",
    "load_settings", "reindex",
    # the collection admins grow: drafts, atomic add/edit/remove, fetching, reports and the audit log
    "EDITABLE", "KINDS", "REASONS", "AuditEntry", "CollectionError", "Draft", "FetchError", "InvalidField", "Journal",
    "ReaderReport", "collection_entry", "commit_draft", "edit_document", "prepare_file", "prepare_url", "remove_document",
]
