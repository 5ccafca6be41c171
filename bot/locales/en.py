"""Every user-facing string the Telegram bot writes, in English.

Templates are plain text with `{name}` parameters; bot/render.py escapes them
and adds the markup. A translation is a sibling module with the same keys
(missing keys fall back to English).
"""

MESSAGES = {
    # the command menu
    "menu.who": "Who a person is, in the sources' words",
    "menu.quote": "Direct quotations by a person or about a topic",
    "menu.source": "Every document that says this",
    "menu.docs": "The documents",
    "menu.help": "How to ask",
    "menu.reindex": "Rebuild the index",
    "menu.stats": "Index and bot stats",
    "menu.add": "Add a document from a URL (or send a file)",
    "menu.edit": "Correct a field: ID FIELD VALUE",
    "menu.remove": "Remove a document: ID",
    "menu.reports": "Readers' open reports",
    # /start, /help and the group introduction
    "start.intro": "I answer questions about {collection} with exact quotes, each with its title, publisher and "
                   "date. I never paraphrase.",
    "start.collection": "{description} ({documents} documents, in {language}.)",
    "start.collection_plain": "{documents} documents.",
    "help.commands": "/who NAME: who a person is, in the sources' words\n"
                     "/quote NAME or TOPIC: direct quotations\n"
                     "/source TEXT: every document that says this\n"
                     "/docs: the documents (tap one to open it)\n"
                     "Or just type words to search.",
    "help.inline": "In any chat, type @{bot} and a few words (for example @{bot} {example}) to share an excerpt.",
    "help.groups": "In groups, use the commands, or reply to one of my answers to ask a follow-up.",
    "button.docs": "📚 The documents",
    "group.intro": "Hello! I answer questions about {collection} with exact, cited quotes.\n"
                   "Ask with /who NAME, /quote TOPIC or /source WORDS, or reply to one of my answers.",
    "default_collection": "a document collection",
    # no silences
    "unknown.command": "I don't know /{command}. I answer with exact quotes from {collection}: try /who {name}, "
                       "/docs, or just type words. /help",
    "unsupported": "I can only read text. I answer with exact quotes from {collection}: try /who {name}, /docs, or "
                   "type words to search. /help",
    # /docs
    "docs.open": "open: /doc_{number}",
    "doc.no_number": "There is no document {number}: there are {count}. Send /docs for the list.",
    # answers
    "page.range": "{first}–{last} of {total}",
    "button.more": "More »",
    "button.back": "« Back",
    "button.doc": "📄 {number}",
    "hint.language": "The documents are in {language}: try words in {language}.",
    "result.also_in": "Also in: {titles}",
    "result.reworded_in": "Also quoted, in other words, in: {titles}",
    "publisher.unknown": "publisher unknown",
    "unknown": "unknown",
    # the document card
    "card.publisher": "Publisher: {publisher}",
    "card.publisher_note": "Publisher: {publisher} ({note})",
    "card.date": "Date: {date}",
    "card.date_note": "Date: {date} ({note})",
    "card.link": "Read it at: {url}",
    "card.link_note": "Read it at: {url} ({note})",
    "card.no_link": "No public link to this document is known.",
    "card.share": "Share this card: {link}",
    "card.excerpts": "The collection holds {count} excerpts from it.",
    "card.inferred": "Not confirmed by an admin (inferred: {fields}).",
    "result.inferred": "inferred: {fields}",
    "voice.quotation": ", quoted in:",
    "voice.speech": ", speech reproduced in:",
    "voice.reported_by": ", as reported by {name}",
    "voice.includes": "Includes words of {whos}.",
    "voice.unresolved": "[{word}: someone the text names before this excerpt; see the context]",
    "result.heading": "(A heading of the document, not a sentence of its text.)",
    "button.context": "📖 Context",
    "button.read": "📖 Read it",
    "button.cite": "❝ Cite",
    "button.report": "⚑ Report a problem",
    # a reader's report on an excerpt
    "report.expired": "This button has expired. Please send your question again.",
    "report.changed": "The index has changed since: please ask again.",
    "report.which": "Which excerpt is wrong?",
    "report.what": "What is wrong with this excerpt?",
    "report.reason.speaker": "wrong speaker",
    "report.reason.context": "out of context",
    "report.reason.source": "wrong date or source",
    "report.reason.link": "broken link",
    "report.reason.other": "other",
    "report.recorded": "Thank you: report #{id} ({reason}) is recorded for the admins.",
    "report.note_prompt": "To add a note, reply to this message with one line (optional).",
    "report.note_added": "Thank you: your note is added to report #{id}.",
    "context.title": "{title}, paragraphs {first}–{last} of {total}",
    "button.earlier": "« Earlier",
    "button.later": "Later »",
    "cite.title": "Citation, ready to paste:",
    "cite.via": "Open in citebot: {link}",
    "cite.unquoted": "(Reported words: the document does not put them in quotation marks.)",
    # buttons that no longer work
    "button.expired": "This button has expired. Please send your question again.",
    "button.expired_short": "This button has expired.",
    "button.foreign": "This button is not mine or has expired.",
    # inline mode
    "inline.hint": "Type words or a name to search",
    "inline.via": "Open the source in @{bot}",
    "inline.no_match": "No excerpt matches “{query}”: open the bot",
    # flooding
    "flood.button": "Slow down a little, please.",
    "flood.notice": "You sent more than {limit} messages in {seconds} seconds, so I am skipping what you send for "
                    "the next {wait} seconds. Please send those questions again after that.",
    # admin
    "admin.refuse_reindex": "Only the bot's admins can reindex.",
    "admin.refuse_stats": "Only the bot's admins can see stats.",
    "reindex.busy": "A reindex is already running.",
    "reindex.started": "Reindexing…",
    "reindex.progress": "Reindexing… {done}/{total} documents",
    "reindex.failed": "Reindex failed: {error}. The previous index keeps answering.",
    "stats": "Index {generation}: {megabytes:.1f} MB, {documents} documents, {passages} passages, {quotes} quotes, "
             "{people} people.\nUptime {hours}h {minutes}m; {served} queries served.",
    "stats.worker": "Worker {worker}; shared state: {health}.",
    "stats.unopened": "A newer index generation could not be opened here ({problem}); this one keeps answering.",
    # errors
    "error": "Sorry, something went wrong. Please try again.",
}
