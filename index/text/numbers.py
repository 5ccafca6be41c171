"""Numbers, however they are written: one term per number, and number words read as digits.

A document may write thirty thousand as 30,000, 30.000, 30 000 (a space, no-break space or thin
space between groups), ۳۰٬۰۰۰ or ٣٠٬٠٠٠; the index and /source treat them as one number.

Grouping, decided once here (`canonical`): a first group of 1-3 digits, then groups of exactly
3 digits, one separator throughout, then optionally a decimal part with the other separator
("30,000.5", "30.000,5"). Anything else keeps its written form: "3.5" is 3.5 (a decimal),
"1.2.3" and "19.07.1988" are what they say. A space groups digits only where it cannot be a day
of a month ("July 19 200 prisoners" is the 19th and 200 people) or follow a four-digit year
("in 1988 300 prisoners": 1988 is no first group); `analysis.TOKEN` holds that rule.

`read` turns number words in a question into digits ("thirty thousand", "30 هزار", "سی هزار",
"1.5 million" → 30000, 30000, 30000, 1500000): the documents write counts in digits. Only
phrases with a multiplier (hundred, thousand, million, billion; صد، هزار، میلیون، میلیارد) are
read, so "one of the prisoners" and "five judges" stay words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction

from .persian import fold as fold_persian

SPACES = " \u00a0\u2009\u202f"  # space, no-break space, thin space, narrow no-break space
# (grouped digits, decimal part): groups by spaces, commas ("30,000.5") or dots ("30.000,5")
GROUPED = [re.compile(rf"(\d{{1,3}}(?:{sep}\d{{3}})+)(?:{dec}(\d+))?") for sep, dec in
           ((f"[{SPACES}]", "[.,]"), (",", r"\."), (r"\.", ","))]
DECIMAL = re.compile(r"\d+(?:\.\d+)?")

# English and Persian number words (folded Persian spelling) and multipliers.
SMALL = {
    **dict(zip("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
               "sixteen seventeen eighteen nineteen".split(), range(20))),
    **dict(zip("twenty thirty forty fifty sixty seventy eighty ninety".split(), range(20, 100, 10))),
    **dict(zip("صفر یک دو سه چهار پنج شش هفت هشت نه ده یازده دوازده سیزده چهارده پانزده شانزده هفده هجده نوزده"
               .split(), range(20))),
    "هیجده": 18,
    **dict(zip("بیست سی چهل پنجاه شصت هفتاد هشتاد نود".split(), range(20, 100, 10))),
    **dict(zip("یکصد دویست سیصد چهارصد پانصد ششصد هفتصد هشتصد نهصد".split(), range(100, 1000, 100))),
}
HUNDRED = {"hundred", "صد"}
SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9,
          "هزار": 10**3, "میلیون": 10**6, "ملیون": 10**6, "میلیارد": 10**9}
AND = {"and", "و"}
BARE = {"صد", "هزار", "میلیون", "میلیارد"}  # Persian says هزار for "a thousand"; English needs "a" or "one"
ARTICLE = {"a"}  # "a thousand"; "one thousand" reads "one" as a number


def canonical(folded: str) -> str:
    """The term of a folded number token: its digits, "." before a decimal part; any other token as it is."""
    for pattern in GROUPED:
        if m := pattern.fullmatch(folded):
            return re.sub(r"\D", "", m[1]) + (f".{m[2]}" if m[2] else "")
    return folded


def value(folded: str) -> Fraction | None:
    """The number a folded token says, or None ("1.2.3" says none)."""
    term = canonical(folded)
    return Fraction(term) if DECIMAL.fullmatch(term) else None


def written(number: Fraction) -> str:
    """A number as its term: 30000, 1.5 (no exponent, no trailing zeros)."""
    if number.denominator == 1:
        return str(number.numerator)
    digits = 0
    while (number * 10**digits).denominator != 1 and digits < 12:
        digits += 1
    return f"{float(number):.{digits}f}" if digits < 12 else str(float(number))


@dataclass
class Read:
    """A question with its number words as digits: `text` is what to search, `numbers` what was read."""

    text: str
    numbers: list[tuple[str, str]] = field(default_factory=list)  # (the words as typed, the number)


def read(text: str, token: re.Pattern) -> Read:
    """`text` with every number phrase that has a multiplier written in digits."""
    tokens = list(token.finditer(text))
    out, numbers, at, i = [], [], 0, 0
    while i < len(tokens):
        n, number = _phrase(text, tokens, i)
        if n:
            start, end = tokens[i].start(), tokens[i + n - 1].end()
            out += [text[at:start], written(number)]
            numbers.append((text[start:end], written(number)))
            at, i = end, i + n
        else:
            i += 1
    return Read("".join(out) + text[at:], numbers)


def _word(tok: re.Match) -> str:
    return fold_persian(tok.group()).lower().replace("\u200c", "")


def _phrase(text: str, tokens: list[re.Match], i: int) -> tuple[int, Fraction]:
    """How many tokens from `i` make one number with a multiplier (0: none), and the number."""
    total, current, big, n, end, digits, multiplied = Fraction(0), Fraction(0), 0, 0, 0, False, False
    while i + n < len(tokens):
        if n and not _joined(text, tokens, i + n - 1):
            break
        word = _word(tokens[i + n])
        after = _word(tokens[i + n + 1]) if i + n + 1 < len(tokens) else ""
        number = value(word) if word[:1].isdigit() else None
        if number is not None:
            if n:
                break  # a number after a number is another one: "in 1988 300 prisoners"
            current, digits = number, True
        elif n == 0 and word in ARTICLE and (after in HUNDRED or after in SCALES):
            current = Fraction(1)
        elif word in SMALL and not digits and _fits(current, SMALL[word]):
            current += SMALL[word]
            multiplied = multiplied or SMALL[word] >= 100  # سیصد: three hundred in one word
        elif word in AND and n and after in SMALL:
            pass
        elif word in HUNDRED and (current or word in BARE) and current < 100:
            current, multiplied = (current or Fraction(1)) * 100, True
        elif word in SCALES and (current or word in BARE) and (not big or SCALES[word] < big):
            total, current, big, digits = total + (current or Fraction(1)) * SCALES[word], Fraction(0), SCALES[word], False
            multiplied = True
        else:
            break
        n += 1
        end = n if word not in AND else end
    return (end, total + current) if multiplied else (0, Fraction(0))


def _fits(current: Fraction, small: int) -> bool:
    """Whether a number word may follow what was read so far: "thirty five", "three hundred twenty", not "five thirty"."""
    if current.denominator != 1:
        return False
    rest = int(current) % 100
    return current == 0 or (rest == 0 and small < 100) or (rest % 10 == 0 and rest >= 20 and small < 10)


def _joined(text: str, tokens: list[re.Match], i: int) -> bool:
    """Whether tokens i and i+1 are one phrase: only spaces or a hyphen between them ("thirty-five")."""
    gap = text[tokens[i].end():tokens[i + 1].start()]
    return gap.strip(" \u00a0\u200c-") == "" and "\n\n" not in gap
