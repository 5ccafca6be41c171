"""Persian analysis: every way of typing a word gives one term, and offsets stay exact."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from citebot.index.store.generations import ANALYZER
from citebot.index.text.analysis import TOKEN, analysed, term, term_spans
from citebot.index.text.persian import fold, is_persian

PERSIAN_LETTERS = "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی"
# canonical letter -> the spellings an Arabic keyboard or an old text gives it
VARIANTS = {"ی": "یيىئ", "ک": "کك", "ه": "هةۀ", "ا": "اأإٱآ", "و": "وؤ"}
HARAKAT = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
PERSIAN_DIGITS, ARABIC_DIGITS = "۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩"

words = st.text(alphabet=PERSIAN_LETTERS, min_size=2, max_size=10)


@st.composite
def variant(draw, word: str) -> str:
    """`word` as someone might type it: Arabic letters, vowel marks, tatweel, ZWNJ between letters."""
    out = []
    for i, c in enumerate(word):
        out.append(draw(st.sampled_from(VARIANTS.get(c, c))))
        if i < len(word) - 1:
            out.append(draw(st.sampled_from(["", "", "\u200c", "\u0640", *HARAKAT])))
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), word=words)
def test_every_spelling_of_a_word_is_one_term(data, word):
    typed = data.draw(variant(word))
    assert analysed(typed) == analysed(word) == [term(word)]
    assert [t.text for t in ANALYZER(typed)] == analysed(word)  # the index agrees with the query side


@settings(max_examples=200, deadline=None)
@given(number=st.integers(0, 10**7))
def test_persian_and_arabic_digits_are_ascii_numbers(number):
    ascii_ = str(number)
    persian = ascii_.translate(str.maketrans("0123456789", PERSIAN_DIGITS))
    arabic = ascii_.translate(str.maketrans("0123456789", ARABIC_DIGITS))
    assert analysed(persian) == analysed(arabic) == analysed(ascii_) == [ascii_]


def test_separators_of_persian_numbers():
    assert analysed("۳۰٬۰۰۰ زندانی") == analysed("30,000 زندانی")
    assert analysed("۱٫۵") == ["1.5"]


def test_the_examples_of_the_issue():
    assert analysed("می‌خواهم") == analysed("میخواهم")
    assert analysed("اِعدام") == analysed("اعدام") == [term("اعدام")]  # a vowel mark no longer splits the word
    assert analysed("اعـــدام") == analysed("اعدام")  # tatweel
    assert analysed("كشتار") == analysed("کشتار") and analysed("رئيسي") == analysed("رئیسی")
    assert analysed("۱۳۶۷") == analysed("١٣٦٧") == analysed("1367")


def test_english_analysis():
    assert analysed("Iran’s 1988 massacre, WW2 café, 30,000 prisoners") == [
        "iran", "1988", "massacr", "ww2", "cafe", "30000", "prison"]  # 30,000: one number (numbers.py)


mixed = st.lists(
    st.one_of(words, st.sampled_from(["Raisi", "1988", "۱۳۶۷", "،", "؟", " ", "\n", "«", "»", "(", "می‌", "اِ", "ـ"]),
              st.text(max_size=6)),
    max_size=20,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=mixed)
def test_offsets_stay_exact(text):
    """Each term comes from text[start:end] of the original, unfolded text: excerpts and highlights cut there."""
    tokens = [(t.startchar, t.endchar, t.text) for t in ANALYZER(text, chars=True)]  # Whoosh reuses one Token
    assert [(start, end) for start, end, _ in tokens] == [m.span() for m in TOKEN.finditer(text) if term(m.group())]
    for start, end, indexed in tokens:
        assert term(text[start:end]) == indexed
    wanted = [w for w in analysed(text)][:3]
    for start, end in term_spans(text, wanted):
        assert term(text[start:end]) in wanted


@settings(max_examples=200, deadline=None)
@given(text=st.text())
def test_the_index_and_the_query_side_agree_on_any_text(text):
    assert [t.text for t in ANALYZER(text)] == analysed(text)


@given(text=st.text())
def test_fold_never_lengthens(text):
    assert len(fold(text)) <= len(text)


def test_is_persian():
    assert is_persian("رئیسی") and is_persian("who is رئیسی") and not is_persian("Raisi 1988")
