"""User-facing strings of the bot, looked up by key in a language's catalogue (bot/locales/<lang>.py)."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from functools import cache

from citebot.index import Answer, CitebotError, Quoted

DEFAULT = "en"
RIGHT_TO_LEFT = {"fa"}
FSI, PDI = "\u2068", "\u2069"  # FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE
LEFT_TO_RIGHT = re.compile(r"[A-Za-z0-9\u00c0-\u024f]")


@cache
def _messages(lang: str) -> dict[str, str]:
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        return {}
    try:
        return importlib.import_module(f"{__package__}.locales.{lang}").MESSAGES
    except ModuleNotFoundError:
        return {}


def languages() -> list[str]:
    """The translated languages: each module of bot/locales but English."""
    folder = importlib.import_module(f"{__package__}.locales").__path__
    return sorted(m.name for m in pkgutil.iter_modules(folder) if m.name != DEFAULT)


def language(code: str | None) -> str:
    """The catalogue for a Telegram `language_code` ("fa", "fa-IR"): its language when translated, else English."""
    lang = (code or "").split("-")[0].lower()
    return lang if lang != DEFAULT and _messages(lang) else DEFAULT


def has(key: str, lang: str) -> bool:
    return key in _messages(lang)


def template(key: str, lang: str = DEFAULT) -> str:
    """The `key` message in `lang` (English when missing), its {parameters} unfilled."""
    return _messages(lang).get(key) or _messages(DEFAULT)[key]


def say(key: str, lang: str = DEFAULT, **params) -> str:
    """The `key` message with `params` filled in. Plain text, not HTML.

    In a right-to-left language, text parameters with Latin letters or digits are isolated (`isolate`).
    """
    params = {k: quoted(v, lang) if isinstance(v, Quoted) else v for k, v in params.items()}
    if lang in RIGHT_TO_LEFT:
        params = {k: isolate(v) if isinstance(v, str) and not isinstance(v, Said) else v for k, v in params.items()}
    return template(key, lang).format(**params)


def quote(text: str, lang: str = DEFAULT) -> str:
    """`text` in the quotation marks of `lang` (“…” in English, «…» in Persian): words quoted, not said by us."""
    return template("marks.quoted", lang).format(text=isolate(text) if lang in RIGHT_TO_LEFT else text)


def quoted(words: Quoted, lang: str = DEFAULT) -> Said:
    """Words an answer quotes, each in `lang`'s quotation marks, joined with its "or" (or its comma)."""
    joiner = template("marks.or" if words.alternatives else "marks.comma", lang)
    return Said(joiner.join(quote(w, lang) for w in words))


def language_name(name: str, lang: str = DEFAULT) -> str:
    """A language's name ("English", as the settings write it) in `lang`; as written when not translated."""
    return template(f"language.{name}", lang) if has(f"language.{name}", lang) else name


class Said(str):
    """A message already said in the target language ("4 passages"): a parameter put in as it is, never isolated."""


def spoken(answer: Answer, lang: str, shown: Callable[[dict], dict] = dict) -> str:
    """The answer layer's message in `lang`: said from its phrases when `lang` has every one, else the English.

    `shown` may change the parameters first (the bot cuts a long question to fit a header).
    """
    if lang != DEFAULT and answer.phrases and all(has(p.key, lang) for p in answer.phrases):
        return "".join((p.sep if n else "") + say(p.key, lang, **shown(p.params)) for n, p in enumerate(answer.phrases))
    return answer.message


def field_names(names: list[str], lang: str = DEFAULT) -> str:
    """A document's fields ("publisher, date") in `lang`, for the "inferred: ..." notes; unknown names as they are."""
    comma = "، " if lang in RIGHT_TO_LEFT else ", "
    return comma.join(template(f"field.{n}", lang) if has(f"field.{n}", DEFAULT) else n for n in names)


def counted(key: str, count: int, lang: str = DEFAULT) -> Said:
    """`key` with its count, in the singular form (`key`_one) for exactly one."""
    return Said(say(f"{key}_one" if count == 1 and has(f"{key}_one", DEFAULT) else key, lang, count=count))


def reason(error: CitebotError, lang: str = DEFAULT) -> str:
    """Why the index refused (a file, a URL, a field): said in `lang` when it has the refusal, else the English.

    A "field" parameter ("date") is named in `lang` too.
    """
    if not error.key or lang == DEFAULT or not has(error.key, lang):
        return str(error)
    params = {k: template(f"field.{v}", lang) if k == "field" and has(f"field.{v}", DEFAULT) else v
              for k, v in error.params.items()}
    return Said(say(error.key, lang, **params))


def isolate(text: str) -> str:
    """Latin text (a name, a title, "30,000") set in its own direction inside right-to-left text.

    Without the isolate, the spaces, punctuation and numbers in it take the Persian side's direction and move.
    One bare word ("Raisi", "frobnicate" after a "/") needs none, and a command must stay one run to stay tappable.
    """
    return f"{FSI}{text}{PDI}" if LEFT_TO_RIGHT.search(text) and not re.fullmatch(r"\w+", text) else text


def listed(items: list[str], lang: str = DEFAULT, shown: int = 15, sep: str = "marks.comma") -> str:
    """The first `shown` items joined in `lang`, then how many more: a list that always fits a message."""
    joined = (template(sep, lang) if sep.startswith("marks.") else sep).join(items[:shown])
    return joined + (f" (+{len(items) - shown})" if len(items) > shown else "")


def quoted_lines(lines: list[str], lang: str = DEFAULT, shown: int = 4, chars: int = 60) -> Said:
    """“1”, “2”, “Statement to the Assembly” (+3): the first `shown` lines quoted, each cut to `chars`, and how
    many more (the page furniture an admin checks; the messages the flood guard skipped)."""
    cut = [line if len(line) <= chars else line[:chars].rstrip() + "…" for line in lines[:shown]]
    listed = template("marks.comma", lang).join(quote(line, lang) for line in cut)
    return Said(listed + (f" (+{len(lines) - shown})" if len(lines) > shown else ""))


# The signs of a damaged text the draft names (index/collection/damage.py), in words.
DAMAGE = {"quote_marks": "draft.damaged_quotes", "long_paragraph": "draft.damaged_paragraph",
          "short_lines": "draft.damaged_lines"}


def damage_line(sign: dict, lang: str = DEFAULT) -> str:
    """"⚠️ One paragraph is 3239 characters long: …" for one sign of damage the draft found."""
    return say(DAMAGE[sign["sign"]], lang, **{k: v for k, v in sign.items() if k != "sign"})
