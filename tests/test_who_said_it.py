"""Who said what, everywhere an answer is shown: the ready-to-paste citation keeps the whole voice chain,
compact titles never read as a speaker, "Also in" joins only the same words, Persian questions count every
word they were asked with, and Persian dates use what the text proves about when a document was written."""

from __future__ import annotations

import pytest

from citebot.bot import render
from citebot.bot.solar_hijri import date_label, label
from tests.fake_telegram import TelegramHTML


def _doc(answerer, doc_id):
    return answerer.document(doc_id)


@pytest.mark.parametrize(("doc_id", "english", "persian"), [
    ("robertson-2020-worst-crime", "2020", "۲۰۲۰ (۱۳۹۹)"),  # written on or after 19 July 2020: 1399, not 1398–1399
    ("ngo-2020-bring-to-justice", "2020", "۲۰۲۰ (۱۳۹۹)"),  # in or after August 2020
    ("mek-iran-2018-12-abject-failure", "Dec 2018", "دسامبر ۲۰۱۸ (دی ۱۳۹۷)"),  # on or after 26 Dec: Dey, not Azar–Dey
    ("mek-2020-07-24-tried-and-failed", "24 Jul 2020", "۲۴ ژوئیه ۲۰۲۰ (۳ مرداد ۱۳۹۹)"),
])
def test_persian_dates_use_the_bounds_the_text_proves_and_persian_words(answerer, doc_id, english, persian):
    d = _doc(answerer, doc_id)
    assert date_label(d, "fa") == persian
    assert date_label(d, "en") == english


def test_solar_hijri_bounds_never_widen_or_empty_a_date():
    assert label("2020", "year", ("2020-07-19", None)) == "۱۳۹۹"
    assert label("2020", "year", (None, "2020-03-01")) == "۱۳۹۸"
    assert label("2020", "year", ("2019-01-01", "2021-12-31")) == "۱۳۹۸–۱۳۹۹"  # looser bounds change nothing
    assert label("2020", "year", ("2020-12-01", "2020-11-01")) == "۱۳۹۸–۱۳۹۹"  # contradictory: the date as given


def test_a_persian_page_shows_the_narrowed_year(answerer):
    answer = answerer.ask("/quote Ortagus")
    html = "".join(render.page(answer, 0, 5, "k", lang="fa").messages)
    assert "(۱۳۹۹)" in html and "۱۳۹۸" not in html


# -- the ready-to-paste citation -------------------------------------------------------------------


def _voice_lines(r) -> list[str]:
    """What the answer shows below an excerpt: the speaker's line and every note."""
    from citebot.bot.attribution import notes, speaker_line

    return [line for line in (speaker_line(r), *notes(r)) if line]


@pytest.mark.parametrize("line", ["/quote Khamenei", "/quote Fadavi", "/quote Ortagus", "/quote Montazeri",
                                  "/who Robertson", "/who Khomeini", "maximum punishment", "Do whatever it takes", "/source death commission"])
def test_every_citation_carries_the_voice_chain_the_answer_shows(answerer, line):
    from html import unescape

    for r in answerer.ask(line).results:
        pasted = unescape(render.cite(r, "citebot", "", "apa", "k:1").messages[0])
        shown = render.result(r)
        for voice_line in _voice_lines(r):  # speaker, "as reported by", "quoted in", other voices, referents
            assert voice_line in pasted and voice_line in TelegramHTML.visible(shown), (line, voice_line)
        assert r.document.title in pasted and render.date_label(r.document, "en") in pasted
        assert (r.document.url or "") in pasted


def test_reported_words_are_never_pasted_in_quote_marks_the_document_does_not_have(answerer, cli):
    import json

    line = "/quote Khamenei"
    answer = answerer.ask(line)
    reported = [r for r in answer.results if r.voice() and r.voice().kind == "reported"
                and r.excerpt[:1] not in "“\"‘'"]
    assert reported, line
    by_start = {(j["document"]["id"], j["start"]): j for j in json.loads(cli("ask", "--json", line))["results"]}
    for r in reported:
        citation = by_start[(r.document.id, r.start)]["citation"].split("\n")
        assert citation[0].strip("… ") == r.excerpt.strip()  # the words, without added quote marks
        assert f", as reported by {r.voice().reported_by}, words reported, not quoted, in:" in citation[1]
        assert citation[2] == "(Reported words: the document does not put them in quotation marks.)"


def test_json_citation_is_the_cite_buttons_text(answerer, cli):
    import json
    from html import unescape

    answer = answerer.ask("/quote Fadavi")
    shown = json.loads(cli("ask", "--json", "/quote Fadavi"))
    for r, j in zip(answer.results, shown["results"], strict=True):
        assert j["citation"].startswith("… ‘") and "as reported by The Wall Street Journal, quoted in:" in j["citation"]
        assert j["citation"] in unescape(render.cite(r, "citebot", "", "apa", "k:1").messages[0])


# -- compact titles never read as a speaker --------------------------------------------------------


def _person_leads(title: str, answerer) -> set[str]:
    """Person ids a title's lead names, if it leads like a speaker: "Name:" or "Name says"."""
    import re

    m = re.match(r"^([^:“”\"]{2,60}?)(?:\s*:|\s+(?:says|said|tells|told)\b)", title)
    registry = answerer.corpus().registry
    return {x.person for x in registry.mentions(m.group(1))} if m else set()


def test_no_documents_compact_citation_reads_as_someone_speaking(answerer):
    registry = answerer.corpus().registry
    for d in answerer.corpus().documents.values():
        author = {m.person for m in registry.mentions(d.publisher or "")}
        for shown in (render.short_title(d), render.citation(d), d.card()["citation_title"]):
            assert _person_leads(TelegramHTML.visible(shown) if "<" in shown else shown, answerer) <= author, \
                (d.id, shown)


def test_the_summit_report_is_not_cited_as_robertsons(answerer):
    answer = answerer.ask("/quote Ortagus")
    html = "".join(render.page(answer, 0, 5, "k").messages)
    assert "— <i>Morgan Ortagus</i> (spokesperson of the United States State Department), quoted in:\n[1] " in html
    assert "Robertson:" not in TelegramHTML.visible(html)
    assert "Iran’s 1988 massacre of the MEK (Free Iran summit report)" in html


@pytest.mark.parametrize(("short", "title", "publisher", "shown"), [
    ("Robertson: “Worst Crime”", "Iran’s 1988 Massacre: “Worst Crime” – Geoffrey Robertson QC", None,
     "Iran’s 1988 Massacre: “Worst Crime” – Geoffrey Robertson QC"),  # the full title, which does not lead with him
    (None, "Raisi says the executions were lawful", None, "the executions were lawful"),  # only the lead is dropped
    ("Khamenei: a decree", "Khamenei: a decree on the prisoners", None, "a decree on the prisoners"),
    ("Robertson: my speech", "Robertson: my speech", "Geoffrey Robertson", "Robertson: my speech"),  # his own
    ("Iran: executions continue", "Iran: executions continue in 2020", None, "Iran: executions continue"),  # a place
])
def test_titles_that_lead_with_another_persons_name_are_not_compact_citations(answerer, short, title, publisher,
                                                                              shown):
    from citebot.index.models import Document
    from citebot.index.voices.titles import citation_title

    d = Document(id="x", title=title, publisher=publisher, date=None, date_precision=None, short_title=short)
    assert citation_title(d, answerer.corpus().registry) == shown


# -- "Also in" joins only the same words -----------------------------------------------------------

SAID = ("Maryam Rajavi said: “We will not forget the prisoners of 1988, and we will hold every member of the "
        "commissions to account before an international court.”")


def _three_reports(corpus_dir):
    """The same quotation three times: word for word (other case, quote marks and hyphens), and reworded."""
    texts = {
        "a.txt": f"Report A\n\n{SAID}\n",
        "b.txt": "Report B\n\nMaryam Rajavi said: \"We will NOT forget the prisoners of 1988, and we will hold every "
                 "member of the commissions to account before an international court.\"\n",
        "c.txt": "Report C\n\nMaryam Rajavi said: “We shall not forget the prisoners of 1988, and we will hold every "
                 "member of the commissions to account before an international court.”\n",
    }
    for name, text in texts.items():
        (corpus_dir / name).write_text(text, encoding="utf-8")
    (corpus_dir / "sources.yaml").write_text("".join(
        f"- {{file: {n}, id: {n[0]}, title: 'Report {n[0].upper()}', publisher: P, date: '2020'}}\n" for n in texts),
        encoding="utf-8")


def test_also_in_lists_only_documents_with_the_same_words(tmp_path, corpus_dir):
    from citebot.bot.terminal import render as terminal
    from citebot.index.answers.answerer import Answerer
    from citebot.index.store.build import reindex
    from tests.conftest import settings_for

    _three_reports(corpus_dir)
    reindex(settings_for(tmp_path, corpus_dir))
    answer = Answerer(settings_for(tmp_path, corpus_dir)).ask("/quote Maryam Rajavi")
    by_doc = {r.document.id: r for r in answer.results}
    shown = next(iter(by_doc.values()))
    together = {shown.document.id, *shown.also_in}
    assert together in ({"a", "b"}, {"c"}) and set(shown.reworded_in) == {"a", "b", "c"} - together
    first = answer.results[0]
    html = TelegramHTML.visible(render.result(first))
    if first.also_in:
        assert f"Also in: Report {first.also_in[0].upper()}" in html
    assert "Also quoted, in other words, in: Report " in html
    assert "Also quoted, in other words, in:" in terminal(answer)
    assert answer.to_json()["results"][0]["also_in_other_words"] == first.reworded_in


@pytest.mark.parametrize("line", ["/quote Ortagus", "/quote Montazeri"])
def test_quotations_worded_differently_are_not_also_in(answerer, line):
    from citebot.index.text.analysis import literal

    texts = {d: answerer.corpus().generation.text(d) for d in answerer.corpus().documents}
    for r in answerer.ask(line).results:
        words = f" {' '.join(literal(r.excerpt))} "
        for other in r.also_in:
            assert words in f" {' '.join(literal(texts[other]))} ", (line, other)
        for other in r.reworded_in:
            assert words not in f" {' '.join(literal(texts[other]))} ", (line, other)
        html = TelegramHTML.visible(render.result(r))
        assert ("Also in:" in html) == bool(r.also_in)
    shown = answerer.ask(line).results[0]
    assert not shown.also_in and shown.reworded_in  # these quotations differ in wording, so say so


# -- Persian questions count every word they were asked with ---------------------------------------


@pytest.mark.parametrize(("persian", "unknown"), [
    ("زندان اوین", ["اوین"]),  # Evin prison
    ("گورهای جمعی خاوران", ["خاوران"]),  # the mass graves of Khavaran
    ("زندان گوهردشت", ["گوهردشت"]),
    ("کمیسیون حقیقت یاب سازمان ملل", ["کمیسیون", "حقیقت", "یاب"]),  # UN fact-finding commission
    ("نامه منتظری", ["نامه"]),  # Montazeri's letter
])
def test_a_persian_word_nothing_translates_is_a_word_no_document_has(answerer, persian, unknown):
    a = answerer.ask(persian)
    assert a.unmatched == unknown and a.to_json()["unmatched"] == unknown
    assert a.matched_all == 0 and a.to_json()["matched_all"] == 0
    mentions = " or ".join(f"“{w}”" for w in unknown)
    assert f"The documents don't say “{persian}” in these words. No document mentions {mentions}." in a.message
    assert "with only some of the words, " in a.message and 0 < len(a.results) <= 3  # the closest few (honest absence)
    assert "have every word" not in a.message and "has every word, the" not in a.message


def test_persian_and_english_say_the_same_of_a_word_no_document_has(answerer):
    english, persian = answerer.ask("Evin prison"), answerer.ask("زندان اوین")
    assert (english.matched_all, persian.matched_all) == (0, 0)
    assert [r.excerpt for r in english.results] == [r.excerpt for r in persian.results]
    for line, word in (("/source Evin prison", "Evin"), ("/source زندان اوین", "اوین"), ("Evin", "Evin"),
                       ("اوین", "اوین"), ("/source اوین", "اوین")):
        a = answerer.ask(line)
        assert not a.results and a.unmatched == [word] and f"No document mentions “{word}”." in a.message, line


def test_a_persian_question_claims_every_word_only_when_every_word_is_understood(answerer):
    from citebot.index.answers.persian_questions import read_persian as read

    corpus = answerer.corpus()
    for line in ("کمیسیون مرگ", "فتوای خمینی", "گورهای جمعی", "جنایت علیه بشریت", "قتل عام ۱۳۶۷", "دادگاه حمید نوری",
                 "عدالت برای قربانیان", "اعدام زندانیان سیاسی اوین", "گزارشگر ویژه سازمان ملل", "فتوای خمینی خاوران"):
        a = answerer.ask(line)
        reading = read(line, corpus.registry, answerer.glossary)
        if reading.unknown:  # a word nothing translates is a word no excerpt has
            assert a.matched_all == 0 and "The documents don't say" in a.message, line
        assert a.unmatched == list(dict.fromkeys(reading.unknown)), line


def test_source_of_a_translated_persian_word_quotes_the_english_the_documents_say(answerer):
    a = answerer.ask("/source نسل کشی")  # genocide
    assert a.results and a.message == "Searched for: genocide.\n1 document says “genocide”, earliest first:"
    assert all("genocide" in r.excerpt.lower() for r in a.results)


def test_the_persian_interface_names_the_missing_word(answerer):
    header = render.header_text(answerer.ask("زندان اوین"), "fa")
    assert "اوین" in header and "prison" in header


# -- a pronoun at an excerpt's start that the text does not resolve ---------------------------------

UNRESOLVED = "[He: someone the text names before this excerpt; see the context]"


def test_an_unresolved_he_in_someones_voice_is_not_left_to_read_as_the_speaker(answerer, cli):
    import json

    a = answerer.ask("maximum punishment ISNA")
    (r,) = [r for r in a.results if r.excerpt.startswith("He said that this was a form of punishing blasphemy")]
    assert r.speaker == "Geoffrey Robertson" and not r.refers_to
    shown = TelegramHTML.visible(render.result(r)).split("\n")
    assert shown[1].startswith("— Geoffrey Robertson (") and shown[2] == UNRESOLVED
    from citebot.bot.terminal import render as terminal
    assert f"   {UNRESOLVED}" in terminal(a)
    (cited,) = [j["citation"] for j in json.loads(cli("ask", "--json", "maximum punishment ISNA"))["results"]
                if j["excerpt"] == r.excerpt]
    assert UNRESOLVED in cited.split("\n")


def test_pronouns_the_text_resolves_or_outside_a_voice_get_no_such_note(answerer):
    from citebot.bot.attribution import unresolved_note

    for line in ("/who Khamenei", "/who Raisi", "/quote Geoffrey Robertson", "/source he said", "blasphemy"):
        for r in answerer.ask(line).results:
            note = unresolved_note(r)
            if r.voice() is None or not r.voice().speaker or r.excerpt.lstrip("“\"‘' …").lower().startswith(
                    ("they", "we", "i ", "the ")):
                assert note is None, (line, r.excerpt[:60])
            if note:
                assert not any(ref.start == r.start for ref in r.refers_to)


@pytest.mark.parametrize(("persian", "english"), [
    ("گورهای جمعی کجاست؟", "where are the mass graves?"),  # question words are no more missing words than "where"
    ("خمینی چه فتوایی داد؟", "what fatwa did Khomeini give?"),
])
def test_persian_question_words_are_not_missing_words(answerer, persian, english):
    a, b = answerer.ask(persian), answerer.ask(english)
    assert a.unmatched == [] and a.matched_all and "No document mentions" not in a.message
    assert b.unmatched == [] and "No document mentions" not in b.message
