"""Persian users: names, questions and numbers in Persian script, over English and Persian documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from citebot.index.answers.answerer import Answerer
from citebot.index.answers.persian_questions import read_persian as read
from citebot.index.store.build import reindex
from citebot.index.text.glossary import Glossary
from tests.conftest import exact, settings_for

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def ask(cli):
    """`citebot ask --json LINE` on the bundled corpus (in process), parsed."""

    def run(line: str) -> dict:
        return json.loads(cli("ask", "--json", line))

    return run


def test_who_in_persian_script_any_spelling(ask):
    latin = ask("/who Raisi")
    for line in ("/who رئیسی", "/who رئيسي", "/who ابراهیم رئیسی", "/who رییسی"):
        a = ask(line)
        assert a["person"]["name"] == "Ebrahim Raisi" and a["query"] == line.split(" ", 1)[1]
        assert a["results"] == latin["results"] and a["translated"] == "Ebrahim Raisi"
        assert a["message"] == "Searched for: Ebrahim Raisi.\n" + latin["message"]
    montazeri = ask("/who آیت‌الله منتظری")  # a Persian title is left out, as "Ayatollah" is
    assert montazeri["person"]["name"] == "Hossein-Ali Montazeri"
    assert montazeri["results"][0]["excerpt"].startswith("Ayatollah Hossein Ali Montazeri, who was at that time heir")
    assert ask("/who خامنه ای")["person"]["name"] == ask("/who خامنه‌ای")["person"]["name"] == "Ali Khamenei"
    assert ask("/who خمینی")["person"]["name"] == "Ruhollah Khomeini"  # not Khamenei, a skeleton's twin


def test_quote_in_persian_script(answerer):
    a = answerer.ask("/quote خمینی")
    assert a.person.name == "Ruhollah Khomeini" and a.results
    assert {r.speaker for r in a.results} == {"Ruhollah Khomeini"}
    assert a.results[0].excerpt.startswith("“Those who are in prisons throughout the country and remain steadfast")
    exact(answerer, a)
    topic = answerer.ask("/quote گورهای جمعی")
    assert topic.translated == "mass graves" and topic.results
    assert [r.excerpt for r in topic.results] == [r.excerpt for r in answerer.ask("/quote mass graves").results]


def test_source_with_persian_digits_and_solar_hijri_year(ask):
    latin = ask("/source 1988")
    for line in ("/source ۱۹۸۸", "/source ١٩٨٨", "/source ۱۳۶۷"):
        a = ask(line)
        assert a["translated"] == "1988" and a["results"] == latin["results"], line
        assert a["message"].startswith("Searched for: 1988.\n")


def test_plain_persian_question_searches_the_english_it_means(ask, answerer):
    a = ask("قتل عام زندانیان سیاسی در سال ۱۳۶۷ چه بود؟")
    assert a["translated"] == "massacre political prisoners 1988"
    assert a["message"].startswith("Searched for: massacre, political prisoners, 1988.\nExcerpts for “قتل عام")
    english = answerer.ask("massacre political prisoners 1988")
    assert [r["excerpt"] for r in a["results"]] == [r.excerpt for r in english.results]
    graves = ask("گورهاي جمعي")  # Arabic ي, as an Arabic keyboard types it
    assert graves["translated"] == "mass graves"
    assert any("mass graves" in r["excerpt"] for r in graves["results"])


def test_a_person_typed_in_persian_as_a_plain_or_inline_query(answerer):
    a = answerer.ask("منتظری")
    assert a.translated == "Montazeri" and a.results
    assert [r.excerpt for r in a.results] == [r.excerpt for r in answerer.ask("Montazeri").results]
    assert answerer.ask("ابراهیم رئیسی").translated == "Ebrahim Raisi"
    exact(answerer, a)


def test_a_persian_question_nothing_matches_says_the_documents_are_english(answerer):
    a = answerer.ask("سلام دوست من")
    assert a.results == [] and "The documents are in English: try English words, e.g. " in a.message
    assert "massacre" in a.message
    hint = answerer.ask("اعدامیها و شکنجه")  # a known word with an unlisted ending, and an unknown word
    assert hint.translated == "execution" and hint.results


def test_unlisted_persian_names_are_suggested_not_answered(tmp_path):
    """Without people.yaml's Persian spellings, a Persian name gets candidates by sound, never a silent answer."""
    people = yaml.safe_load((ROOT / "config" / "people.yaml").read_text())
    for item in people:
        item.pop("fa", None)
    (tmp_path / "people.yaml").write_text(yaml.safe_dump(people, allow_unicode=True))
    settings = settings_for(tmp_path)
    settings = type(settings)(**{**settings.__dict__, "people_file": tmp_path / "people.yaml",
                                 "glossary_file": ROOT / "config" / "glossary.yaml"})
    reindex(settings)
    answerer = Answerer(settings)
    a = answerer.ask("/who رئیسی")
    assert a.person is None and a.results == [] and [p.name for p in a.people] == ["Ebrahim Raisi"]
    assert a.message.endswith("Did you mean Ebrahim Raisi?")
    b = answerer.ask("/who منتظري")
    assert [p.name for p in b.people] == ["Hossein-Ali Montazeri"]
    assert answerer.ask("/who جاوید رحمان").people[0].name == "Javaid Rehman"
    plain = answerer.ask("رئیسی")  # a plain or inline query: suggested, not searched as something else
    assert plain.results == [] and plain.message.endswith("Did you mean Ebrahim Raisi?")
    assert answerer.ask("اعدام رئیسی").translated == "execution"  # a known word still searches


PERSIAN_DOC = """گزارش کوتاه دربارهٔ زندان

در تابستان ۱۳۶۷ هزاران زندانی سیاسی در زندان‌های ایران اِعدام شدند.
خانواده‌ها هنوز نمی‌دانند عزیزانشان کجا دفن شده‌اند.
گورهاي جمعي در خاوران پيدا شد و مادران هر سال به آنجا مي‌روند.
"""


@pytest.fixture(scope="module")
def persian_corpus(tmp_path_factory) -> Answerer:
    tmp = tmp_path_factory.mktemp("persian")
    corpus = tmp / "corpus"
    corpus.mkdir()
    (corpus / "persian-report.txt").write_text(PERSIAN_DOC, encoding="utf-8")
    settings = settings_for(tmp, corpus=corpus)
    reindex(settings)
    return Answerer(settings)


@pytest.mark.parametrize("line, words", [
    ("خانواده ها نمیدانند", "خانواده‌ها هنوز نمی‌دانند"),  # ZWNJ typed as a space, or left out
    ("گورهای جمعی خاوران", "گورهاي جمعي در خاوران"),  # Persian ی finds the document's Arabic ي
    ("اعدام", "اِعدام"),  # the document's vowel mark
    ("مادران میروند", "مادران هر سال به آنجا مي‌روند"),
])
def test_a_persian_document_answers_persian_questions(persian_corpus, line, words):
    a = persian_corpus.ask(line)
    assert a.results, a.message
    assert words in a.results[0].excerpt
    exact(persian_corpus, a)
    text = persian_corpus.document_text(a.results[0].document.id)
    for start, end in a.results[0].highlights:  # highlights cut whole words of the original text
        word = a.results[0].excerpt[start:end]
        assert word.strip() == word and word in text


def test_a_persian_document_and_persian_digits(persian_corpus):
    for line in ("/source ۱۳۶۷", "/source 1367", "/source ١٣٦٧"):
        a = persian_corpus.ask(line)
        assert len(a.results) == 1 and "تابستان ۱۳۶۷" in a.results[0].excerpt, line
        exact(persian_corpus, a)
    phrase = persian_corpus.ask("/source زندانهای ايران")  # no ZWNJ, Arabic ي: the document's زندان‌های ایران
    assert phrase.results and "زندان‌های ایران" in phrase.results[0].excerpt


def test_glossary_reading():
    glossary = Glossary.load(ROOT / "config" / "glossary.yaml")
    assert len(glossary.english) >= 40
    from citebot.index.voices.people import Registry
    registry = Registry.from_yaml(ROOT / "config" / "people.yaml")
    r = read("هیئت‌های مرگ و فتوای خمینی", registry, glossary)
    assert r.english == ["Death Commission", "fatwa", "Khomeini"] and r.unknown == []
    assert read("هيات مرگ", registry, glossary).english == ["Death Commission"]
    assert read("کشتار ۶۷", registry, glossary).english == ["massacre", "1988"]
    assert read("سال ۱۳۶۰", registry, glossary).english == ["1981"]  # any Solar Hijri year


def test_cross_script_candidates_by_sound(answerer):
    from citebot.index.text.translit import candidates, latin_skeleton, persian_skeleton

    assert persian_skeleton("رئیسی") == latin_skeleton("Raisi") == "rs"
    assert persian_skeleton("منتظری") == latin_skeleton("Montazeri")
    assert persian_skeleton("خمینی") == latin_skeleton("Khomeini")
    people = answerer.ask("/who").people
    names = lambda q: [p.name for p in candidates(q, people)]  # noqa: E731
    assert names("خامنه‌ای")[0] == "Ali Khamenei" and names("خمینی")[0] == "Ruhollah Khomeini"
    assert names("پورمحمدی") == ["Mostafa Pour-Mohammadi"]  # one Persian word for "Pour-Mohammadi"
    assert names("اورتاگاس") == ["Morgan Ortagus"] and names("گوترش") == ["António Guterres"]
    assert names("زندان") == names("اعدام") == names("سلام") == []  # words are not names


def test_a_persian_name_the_registry_knows_in_part_is_answered_never_said_to_be_no_one(answerer):
    """موسوی is Khomeini's family name in people.yaml (روح‌الله موسوی خمینی): the registry's answer, as /who
    Mousavi gets, not "No one called “موسوی” is named in the sources"."""
    for line in ("/who موسوی", "/quote موسوی"):
        a = answerer.ask(line)
        assert "No one called" not in a.message and "Nothing in the sources matches" not in a.message
        assert a.person and a.person.name == "Ruhollah Khomeini"
