"""citebot's index and answer layer: the public names bot/ and other callers may use.

Everything else under citebot.index is private to it (tests/test_structure.py
keeps bot/ to these names).
"""

from .answers.answerer import HELP, Answerer, IndexStats
from .answers.chatter import is_chatter
from .answers.messages import MESSAGES as ANSWER_MESSAGES
from .answers.messages import echo
from .answers.quotations import Quotation
from .collection.collection import BOUNDS, EDITABLE, KINDS, CollectionError, InvalidField
from .collection.custody import Verification
from .collection.custody import verify as verify_collection
from .collection.database import DatabaseError
from .collection.drafts import Drafts
from .collection.intake import Draft, collection_entry, prepare_url
from .collection.intake import commit as commit_draft
from .collection.intake import edit as edit_document
from .collection.intake import prepare as prepare_file
from .collection.intake import remove as remove_document
from .collection.reports import REASONS, AuditEntry, Journal, ReaderReport
from .collection.requests import ReindexRequests, reindex
from .documents.fetch import FetchError
from .errors import CitebotError, ConfigError, ManifestError, NoIndex, ReindexBusy, UnreadableFile
from .models import Answer, Context, Document, Paragraph, Person, Quoted, Referent, Result, Voice
from .refusals import MESSAGES as REFUSAL_MESSAGES
from .settings import Settings, SettingsSource, env_name, env_names, setting
from .settings import defaults_yaml as settings_defaults
from .settings import effective as effective_settings
from .store.build import Report as ReindexReport
from .store.build import no_corpus
from .voices.overrides import change as change_people

# One name a line, sorted: helpers adding names merge without conflicts.
__all__ = [
    "ANSWER_MESSAGES",
    "Answer",
    "Answerer",
    "AuditEntry",
    "CitebotError",
    "CollectionError",
    "ConfigError",
    "Context",
    "DatabaseError",
    "Document",
    "Draft",
    "Drafts",
    "BOUNDS",
    "EDITABLE",
    "FetchError",
    "HELP",
    "IndexStats",
    "InvalidField",
    "Journal",
    "KINDS",
    "ManifestError",
    "NoIndex",
    "Paragraph",
    "Person",
    "Quotation",
    "Quoted",
    "REASONS",
    "REFUSAL_MESSAGES",
    "ReaderReport",
    "Referent",
    "ReindexBusy",
    "ReindexReport",
    "ReindexRequests",
    "Result",
    "Settings",
    "SettingsSource",
    "UnreadableFile",
    "Verification",
    "Voice",
    "change_people",
    "collection_entry",
    "commit_draft",
    "echo",
    "edit_document",
    "effective_settings",
    "is_chatter",
    "env_name",
    "env_names",
    "no_corpus",
    "prepare_file",
    "prepare_url",
    "reindex",
    "remove_document",
    "setting",
    "settings_defaults",
    "verify_collection",
]
