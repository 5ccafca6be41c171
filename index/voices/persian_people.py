"""People named in Persian-script text, in the one registry both scripts share.

Persian writes no capital letters, so a name is found by what the text and the
registry already know, never by its shape alone:
  - the registry's Persian spellings (config/people.yaml `fa`, and names joined
    below), matched joined, spaced or with a ZWNJ alike (حسینعلی / حسین علی /
    حسین‌علی) and with Arabic letter variants folded (ي/ی ك/ک ة ۀ);
  - a new name only after a title (آیت‌الله، حجت‌الاسلام، دکتر، آقای، خانم …): the
    two or three words up to a function word or punctuation; or two or three words
    opening a sentence with a role right after them (ایرج مصداقی، زندانی سیاسی سابق،);
  - a lone surname names the one person whose Persian name ends with it, else no one;
    for someone known only from Persian text, only after the text named them in full.
A role is the appositive after a name that opens with a role noun (وکیل خانواده‌ها).
A new Persian name joins a person known in Latin script only when every one of its
words is a transliteration of a word of that person's name and no one else fits
(index/text/translit.py); otherwise it stays an entry of its own, never a wrong join.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..models import Mention, Person
from ..text import translit
from ..text.persian import fold  # letter variants and marks folded, the ZWNJ gone
from ..text.split import sentences

# Persian and Arabic letters with their marks and the ZWNJ: one written word (digits and punctuation end it).
WORD = re.compile(r"[\u0621-\u063a\u0641-\u064a\u064b-\u065f\u0670\u0671-\u06d3\u06fa-\u06ff\u0640\u200c]+")
TITLES = ("آیت‌الله العظمی", "آیت الله العظمی", "آیت‌الله", "آیت الله", "آیه الله", "حجت‌الاسلام و المسلمین",
          "حجت‌الاسلام", "حجت الاسلام", "دکتر", "آقای", "خانم", "مهندس", "سرلشکر", "سرتیپ", "سرهنگ", "سردار", "شیخ",
          "استاد", "حاج", "حاجی", "سید", "سیده", "امام", "شهید", "مرحوم", "قاضی")
# Words that never belong to a name: they end the name a title opens (folded: no ZWNJ, Persian letters).
_NOT_NAME = """
در که به از با و را این آن تا بر برای هم نیز روز پس یا اما ولی چون اگر هر همه خود او وی ما من شما آنها ایشان
است بود شد کرد گفت نوشت افزود داشت داد زد پرسید کند کرده گفته نوشته میگوید میگفت مینویسد اعلام اظهار تصریح
تاکید هشدار بیان فرمان حکم دستور پیام نامه بیانیه سخنان خاطرات کتاب زمان هنگام سال ماه بعد قبل پیش نیز سپس
همچنین بعدها یکی چند برخی تعدادی بسیاری گروهی کسی هیچ دیگر دیگری همان همین آنجا اینجا
"""


NOT_NAME = {fold(w) for w in _NOT_NAME.split()}
TITLE_WORDS = [tuple(fold(w) for w in t.split()) for t in sorted(TITLES, key=len, reverse=True)]
TITLE_FIRST = {t[0] for t in TITLE_WORDS}


def words(text: str) -> list[tuple[str, int, int]]:
    """Persian words of `text` as (folded word, start, end)."""
    return [(fold(m.group()), m.start(), m.end()) for m in WORD.finditer(text)]


class PersianNames:
    """The registry's Persian spellings, each as its letters without spaces: one form for joined and spaced.

    `keys`: (person id, matching key) for every key of the registry (people.py builds it); `local`: the people
    known only by a Persian name found in the text, whose surname alone names them only after their full name."""

    def __init__(self, keys: Iterable[tuple[str, tuple[str, ...]]], local: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        self.full: dict[str, str] = {}  # joined letters of a whole Persian name (or a one-word key) -> person id
        surnames: dict[str, set[str]] = {}
        for pid, k in keys:
            if not k or not all(WORD.fullmatch(w) for w in k):
                continue
            self.full.setdefault("".join(fold(w) for w in k), pid)
            surnames.setdefault(fold(k[-1]), set()).add(pid)
        self.surnames = {last: next(iter(ids)) for last, ids in surnames.items() if len(ids) == 1}
        self.local = local
        self.openings = {k[:2] for k in [*self.full, *self.surnames]}  # a name's first two letters: a quick test

    def knows(self, name: str) -> bool:
        """Whether `name` (as written) is already a known Persian spelling."""
        return "".join(fold(w) for w in name.split()) in self.full

    def mentions(self, text: str) -> list[Mention]:
        """Every mention of a known person in Persian script, longest name first, as offsets. A surname alone
        that no spelling lists by itself names its person when one person has it; one known only by a Persian
        name found in the text, only after the text has named them in full."""
        found: list[Mention] = []
        named: set[str] = set()
        tokens = words(text)
        i = 0
        while i < len(tokens):
            pid, n = self._match(text, tokens, i, named)
            if pid:
                found.append(Mention(pid, tokens[i][1], tokens[i + n - 1][2]))
                named.add(pid)
                i += n
            else:
                i += 1
        return found

    def _match(self, text: str, tokens: list[tuple[str, int, int]], i: int,
               named: set[str]) -> tuple[str | None, int]:
        if tokens[i][0][:2] not in self.openings:
            return None, 1
        for n in range(min(4, len(tokens) - i), 0, -1):
            run = tokens[i:i + n]
            if not _spaced(text, run):
                continue
            joined = "".join(w for w, _, _ in run)
            if pid := self.full.get(joined):
                return pid, n
            if n == 1 and (pid := self.surnames.get(joined)) and (pid in named or pid not in self.local) and \
                    joined not in NOT_NAME | ROLE_NOUNS:
                return pid, 1
        return None, 1


# An appositive after a name: "شیرین احمدی، وکیل خانواده‌ها، اظهار داشت" (a role noun first, no verb in it).
ROLE_AFTER = re.compile(r"[ \t]*[،,][ \t]*(?P<role>[^،,.:؛«»“”()\n]{3,70}?)[ \t]*[،,]")
ROLE_NOUNS = {fold(w) for w in """
وکیل رئیس دبیرکل دبیر عضو اعضای سخنگوی سخنگو نماینده قاضی دادستان وزیر رهبر گزارشگر مدیر فرمانده معاون مشاور
استاد پژوهشگر فعال نویسنده روزنامه‌نگار خبرنگار زندانی پزشک همسر مادر پدر برادر خواهر فرزند دختر پسر بنیانگذار
مسئول کارشناس رئیس‌جمهور نخست‌وزیر دیپلمات سفیر جانشین فرستاده کمیسر حقوقدان شاهد بازمانده
""".split()}
NOT_IN_ROLE = {"که", "است", "بود", "شد", "گفت", "کرد", "نوشت", "افزود", "داشت", "هم", "نیز"}


def describe_persian(text: str, end: int) -> str | None:
    """How a Persian text presents the person named just before `end`: an appositive that opens with a role
    noun ("وکیل خانواده‌ها"), else None."""
    m = ROLE_AFTER.match(text, end)
    if not m:
        return None
    role = [fold(w) for w in m["role"].split()]
    if not role or len(role) > 8 or role[0] not in ROLE_NOUNS or NOT_IN_ROLE & set(role):
        return None
    return m["role"].strip()


def romanised(name: str) -> str:
    """Persian letters in rough Latin ones (مهدی رستگار: mhdi rstgar), for a person's id; other letters kept."""
    return "".join(translit.ROUGH.get(c, c) for c in fold(name))


def titled_names(text: str) -> list[str]:
    """Names that follow a title, as written ("حسین‌علی منتظری" of "آیت‌الله حسین‌علی منتظری در …"):
    two or three words up to a function word, a title or punctuation."""
    tokens = words(text)
    out = []
    i = 0
    while i < len(tokens):
        n = _title_at(text, tokens, i)
        if not n:
            i += 1
            continue
        i += n
        while (more := _title_at(text, tokens, i)):  # "خانم دکتر شیرین احمدی"
            i += more
        name: list[tuple[str, int, int]] = []
        while i < len(tokens) and len(name) < 3 and tokens[i][0] not in NOT_NAME | ROLE_NOUNS and \
                (not name or _spaced(text, [name[-1], tokens[i]])) and not _title_at(text, tokens, i):
            name.append(tokens[i])
            i += 1
        if len(name) >= 2:
            out.append(text[name[0][1]:name[-1][2]])
    return out


# At a sentence's start: two or three words, then an appositive with a role ("ایرج مصداقی، زندانی سیاسی سابق،").
NAME_BEFORE_ROLE = re.compile(r"(?P<name>[^\s،,.:؛«»“”()]+(?: [^\s،,.:؛«»“”()]+){1,2})(?=[ \t]*[،,])")


def described_names(text: str) -> list[str]:
    """Names the text presents with a role right after them, at a sentence's start: "ایرج مصداقی" of
    "ایرج مصداقی، زندانی سیاسی سابق، نوشت"; never a word that is no name ("مادر یکی از …")."""
    out = []
    for start, _ in sentences(text):
        m = NAME_BEFORE_ROLE.match(text, start)
        if not m or not describe_persian(text, m.end()):
            continue
        found = words(m["name"])
        if len(found) == len(m["name"].split()) and not any(w in NOT_NAME | ROLE_NOUNS | TITLE_FIRST for w, _, _ in found):
            out.append(m["name"])
    return out


def _title_at(text: str, tokens: list[tuple[str, int, int]], i: int) -> int:
    """How many words a title opening at tokens[i] has (0: none)."""
    if i >= len(tokens) or tokens[i][0] not in TITLE_FIRST:
        return 0
    for title in TITLE_WORDS:
        run = tokens[i:i + len(title)]
        if tuple(w for w, _, _ in run) == title and _spaced(text, run) and i + len(title) < len(tokens) and \
                _spaced(text, [run[-1], tokens[i + len(title)]]):
            return len(title)
    return 0


def _spaced(text: str, run: list[tuple[str, int, int]]) -> bool:
    """Words one space (or a ZWNJ) apart: a name never runs over a comma or a full stop."""
    return all(text[a[2]:b[1]] in (" ", "\u200c") for a, b in zip(run, run[1:]))


def same_person(name: str, people: list[Person]) -> Person | None:
    """The one Latin-script person every word of the Persian `name` transliterates a word of, or None."""
    fits = translit.candidates(name, people, limit=2)
    if len(fits) != 1:
        return None
    person = fits[0]
    whole = all(translit.candidates(w, [person], limit=1) for w in name.split())
    return person if whole else None
