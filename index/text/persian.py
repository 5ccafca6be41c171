"""Persian (and Arabic-script) folding: one spelling per word, whatever the keyboard.

Persian text reaches the index typed on Arabic and Persian keyboards alike, with
or without vowel marks, tatweel and zero-width non-joiners. Folding maps every
variant to one form, character by character, inside a token whose offsets were
already taken from the original text, so excerpts and highlights stay exact.

- Arabic letters that Persian writes differently: ي ى ئ → ی, ك → ک, ة ۀ → ه,
  أ إ ٱ آ → ا, ؤ → و (hamza seats are spelled both ways in practice).
- Removed: tatweel (ـ), vowel marks (harakat, superscript alef, hamza marks),
  a lone hamza (ء: اجراء = اجرا), the zero-width non-joiner and joiner
  (می‌خواهم = میخواهم).
- Persian (۰-۹) and Arabic-Indic (٠-٩) digits → ASCII, with the Arabic decimal
  and thousands separators (٫ ٬) → "." and ",", so ۱۳۶۷ = ١٣٦٧ = 1367.

`FOLD` is Whoosh's accent map plus these, as one `str.translate` table: the
index (a Whoosh CharsetFilter) and the query side (`analysis.term`) use it alike.
"""

from __future__ import annotations

import re

from whoosh.support.charset import accent_map

LETTERS = {
    "ي": "ی", "ى": "ی", "ئ": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "ە": "ه",
    "أ": "ا", "إ": "ا", "ٱ": "ا", "آ": "ا", "ؤ": "و",
}
DIGITS = {**{chr(0x06F0 + i): str(i) for i in range(10)}, **{chr(0x0660 + i): str(i) for i in range(10)}}
SEPARATORS = {"٫": ".", "٬": ","}
# Harakat and Quranic marks, superscript alef, hamza above/below, tatweel, lone hamza, ZWNJ, ZWJ.
MARKS = "\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
REMOVED = [chr(c) for c in (*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06DD), *range(0x06DF, 0x06E9),
                            *range(0x06EA, 0x06EE), 0x0640, 0x0621, 0x200C, 0x200D)]

PERSIAN = str.maketrans({**LETTERS, **DIGITS, **SEPARATORS, **dict.fromkeys(REMOVED)})
# For analysis.fold, which keeps offsets (one character for one), and analysis.term, which then drops marks.
SAME_LENGTH = {ord(k): v for k, v in {**LETTERS, **DIGITS, **SEPARATORS}.items()}
DROPPED = dict.fromkeys(map(ord, REMOVED))
# accent_map's own outputs are folded too, so one pass of FOLD is enough (a presentation form → ی, not ي).
FOLD = {**{k: (v.translate(PERSIAN) if isinstance(v, str) else v) for k, v in accent_map.items()}, **PERSIAN}

# Inside a word: marks and joiners that Python's \w does not count as word characters.
JOINERS = MARKS + "\u200c\u200d"
SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")


def fold(text: str) -> str:
    """`text` with one spelling per Persian word (same length or shorter, never longer)."""
    return text.translate(PERSIAN)


def is_persian(text: str) -> bool:
    """Whether `text` has any Arabic-script letter (Persian, Arabic, Urdu alike)."""
    return bool(SCRIPT.search(text))


LETTER = re.compile(r"[^\W\d_]")


def mostly_persian(text: str) -> bool:
    """Whether most letters of `text` are Arabic-script ones: a Persian document, whatever Latin names it has."""
    if not SCRIPT.search(text, 0, 20000):  # no such letter at all (most English excerpts): no need to count
        return False
    letters = LETTER.findall(text[:20000])
    return bool(letters) and 2 * sum(1 for c in letters if SCRIPT.match(c)) > len(letters)
