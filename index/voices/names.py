"""The words of names: titles, roles, words that are never names, speech verbs, and the matching form.

Shared by people discovery (people.py) and the speech cues that find a
speaker's name next to a quotation (cues.py).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..text.persian import fold as persian_fold

TOKEN = re.compile(r"[^\W\d_]+(?:[’'\-][^\W\d_]+)*")
WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")  # a word of folded text
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "prof", "professor", "madam",
    "ayatollah", "hojatoleslam", "imam", "sheikh", "judge", "senator", "president", "minister",
    "general", "gen", "colonel", "rev", "mullah", "king", "queen", "prince", "princess",
    "sen", "rep", "gov", "lt", "col", "capt", "sgt", "adm", "amb",  # as news abbreviates them
}
ROLES = {
    "spokesperson", "spokeswoman", "spokesman", "head", "minister", "leader", "judge", "lawyer",
    "jurist", "president", "president-elect", "secretary", "secretary-general", "rapporteur",
    "commissioner", "professor", "director", "member", "prosecutor", "deputy-prosecutor", "deputy",
    "chief", "advisor", "adviser", "representative", "founder", "commander", "heir", "official",
    "officer", "ambassador", "chairman", "chairwoman", "chair", "senator", "envoy", "activist",
    "journalist", "writer", "author", "prisoner", "survivor", "witness", "successor", "cleric",
    "chancellor", "mayor", "governor", "diplomat", "researcher", "historian", "expert", "advocate",
    "editor", "reporter", "correspondent", "analyst", "whistle-blower", "qc", "mp", "economist",
    "scholar", "politician", "lecturer", "spokesperson’s", "candidate", "attorney", "campaigner",
}
SUFFIXES = {"qc", "kc", "jr", "sr", "mp", "mep", "obe", "cbe", "kbe", "phd", "ii", "iii"}
SPEECH = (
    r"said|says|told|tells|wrote|writes|added|adds|stated|states|stating|informed|urged|argued|"
    r"warned|noted|declared|reminded|explained|insisted|emphasized|stressed|reiterated|recalled|"
    r"asked|announced|tweeted|described|called|expressed|defended|reiterate|reiterates|urges|warns|insists"
)
# Capitalised words that are not parts of a person's name.
NOT_NAMES = set(
    """
    the a an in on at of and or but for to by with from as into after before during since when while
    this that these those his her their its our we they he she it i you there here also many most some
    all now then well if so not no yes one two three more other such what who whom which why how
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    united nations states state department council committee commission commissions court courts
    republic islamic revolution revolutionary guard corps organization organisation office mission
    international national human rights security general assembly union european global summit free
    amnesty resistance movement party foreign affairs supreme leader judiciary ministry government
    agency news press times journal street wall reuters digest policy special high chief advocacy
    middle east west north south africa world war death call mullahs regime iran iranian iraq tehran
    europe america american britain british canada australia sweden lithuania belgium france albania
    germany german israel russia china kingdom mojahedin mek pmoi ncri un god islam almighty internet
    twitter facebook telegram youtube program programme report reports statement conference event
    website university institute center centre foundation association society group magazine
    province city county district east-west massacre justice victims prisoners prison law
    yet though although maybe perhaps both neither either still even against about like unlike following
    using despite without within over under into onto upon than via versus
    meanwhile however moreover furthermore nevertheless nonetheless instead indeed besides otherwise thus
    hence therefore afterwards finally eventually additionally likewise similarly consequently accordingly
    ultimately initially currently recently previously earlier later another
    """.split()
)


def fold(text: str) -> str:
    """Matching form of a name: lower case, no diacritics, one kind of apostrophe, no hyphens.

    Persian script folds as the index does (رئيسي = رئیسی), after NFKD has split hamza seats.
    """
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    text = persian_fold("".join(c for c in text if not unicodedata.combining(c)))
    return " ".join(re.sub(r"[-\s]+", " ", text.casefold()).split())


COMMON = 100  # occurrences in pyspellchecker's English list that make a word common ("raise", not "Raisi")


@lru_cache(maxsize=1)
def common_english_words() -> frozenset[str]:
    """The words pyspellchecker's list counts at least COMMON times (its keys are lower case), loaded on first use.

    Only this set is kept: the whole list (160,000 words with counts, ~15 MB) is needed when cleaning, not
    when answering, and a serving bot would otherwise hold it for good after its first misspelt name.
    """
    from spellchecker import SpellChecker

    return frozenset(w for w, n in SpellChecker(distance=1).word_frequency.items() if n >= COMMON)
