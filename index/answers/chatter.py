"""What is not a question: greetings and one-word chatter, and words that carry no meaning on their own.

A greeting gets a short help, not a search. A match made only through
function words ("des", "en" in a French question; "his" for "hi" by
stemming) is not an answer.
"""

from __future__ import annotations

import re

from ..text.analysis import TOKEN, fold, term

GREETINGS = frozenset("""
hi hello hey heya hiya howdy yo hallo hullo greetings salut bonjour bonsoir hola ciao merci gracias danke salam
salaam slm dorood dorud سلام درود ممنون مرسی thanks thank thx ty cheers ok okay k kk cool nice great wow lol
haha bye goodbye ciao test testing ping yes no yep nope please help sup start
""".split())
GREETING_PHRASES = frozenset({"good morning", "good evening", "good afternoon", "good night", "thank you",
                              "thanks a lot", "how are you", "what s up", "whats up", "are you there",
                              "hi there", "hello there", "hey there", "salam alaikum", "salam aleykom"})

# Words that say nothing on their own: English ones the index keeps (it drops only Whoosh's short stop
# list), and the commonest of languages users write questions in.
FUNCTION_WORDS = frozenset("""
he him his she her hers they them their theirs i me my mine our ours its was were been being has had do does
did am what which who whom whose how why where there here these those than then so such too very just also
about into over under again any all both each few more most other some own same only nor but
de des du le la les un une et en est sont dans pour par sur au aux ce cette ces qui que quoi il elle ils
elles nous vous je tu ne pas plus ou où à y qu c l j n s d m t
el los las del al una unos unas es son por para con sin que como pero o lo su sus
der die das den dem des ein eine einer und ist sind mit von zu im auf für nicht
il lo gli della delle di da per che non
""".split())

_WORD = re.compile(r"[^\W\d_]+")


def is_chatter(text: str) -> bool:
    """A greeting or a one-word pleasantry, rather than words to look up."""
    words = _WORD.findall(fold(text))
    line = " ".join(words)
    return bool(words) and (line in GREETING_PHRASES or all(w in GREETINGS for w in words)) and len(words) <= 4


def real_words(text: str) -> frozenset[str]:
    """The terms of `text` that are not function words."""
    return frozenset(t for m in TOKEN.finditer(text)
                     if fold(m.group()) not in FUNCTION_WORDS and (t := term(m.group())) is not None)


def real_match(excerpt: str, wanted: frozenset[str]) -> bool:
    """Whether a word of `excerpt` that is not a function word has one of the `wanted` terms (`real_words`).

    "hi" matches "his" only by stemming; "des" and "en" in a French question match nothing worth showing.
    """
    return any(term(m.group()) in wanted and fold(m.group()) not in FUNCTION_WORDS for m in TOKEN.finditer(excerpt))
