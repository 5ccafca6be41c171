"""Persian documents added by an admin through the CLI answer /quote, /who, /source and plain searches in both
scripts, with the speaker named where the text names one and the document dated by its Solar Hijri dateline."""

from __future__ import annotations

import json

import pytest

from tests.conftest import cli_in_process, indexed
from tests.persian_texts import MEMOIR, NEWS, STATEMENT


@pytest.fixture(scope="module")
def cli_run(bundled, tmp_path_factory):
    """`citebot ask --json` on the bundled corpus with the three Persian documents added by `citebot add`."""
    tmp = tmp_path_factory.mktemp("persian-documents")
    settings = indexed(bundled, tmp)
    run = cli_in_process({"CITEBOT_INDEX_DIR": str(settings.index_dir), "CITEBOT_COLLECTION_DIR": str(tmp / "added"),
                          "CITEBOT_DATABASE": str(tmp / "db.sqlite")})
    for name, text in (("khavaran", NEWS), ("memoir", MEMOIR), ("statement", STATEMENT)):
        path = tmp / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        run("add", str(path), "--id", name, "--publisher", "نمونه", "--yes")
    return run


@pytest.fixture(scope="module")
def ask(cli_run):
    return lambda line: json.loads(cli_run("ask", "--json", line))


@pytest.fixture(scope="module")
def ask_text(cli_run):
    return lambda line: cli_run("ask", line)


def quoted(answer: dict, doc: str) -> list[tuple[str, str | None]]:
    return [(r["excerpt"], r["speaker"]) for r in answer["results"] if r["document"]["id"] == doc]


@pytest.mark.parametrize("line", ["/quote منتظری", "/quote منتظري", "/quote Montazeri"])
def test_montazeris_persian_words_are_his_quotations_in_either_script(ask, line):
    answer = ask(line)
    assert quoted(answer, "khavaran") == [
        ("«من به آقایان گفتم که این کار در تاریخ به نام ما ثبت خواهد شد.»", "Hossein-Ali Montazeri"),
        ("«نسل‌های بعد درباره این روزها داوری خواهند کرد و ما پاسخی نخواهیم داشت.»", "Hossein-Ali Montazeri"),
    ]
    assert any(r["document"]["id"] != "khavaran" for r in answer["results"])  # and his English quotations


def test_a_persian_speaker_of_a_persian_document_is_found_by_name(ask):
    answer = ask("/quote رستگار")
    assert [(r["excerpt"], r["speaker"]) for r in answer["results"]] == [
        ("«فهرست‌ها از پیش آماده بود.»", "مهدی رستگار"),
        ("«هیچ‌کس اجازه نداشت با خانواده‌اش خداحافظی کند»", "مهدی رستگار"),
    ]


def test_a_person_named_only_in_persian_is_found_by_a_latin_spelling_and_the_answer_says_how(ask):
    answer = ask("/quote Rastegar")
    assert answer["message"].startswith("Showing مهدی رستگار (closest to “Rastegar”).")
    assert [r["speaker"] for r in answer["results"]] == ["مهدی رستگار", "مهدی رستگار"]
    assert ask("/quote Rostami")["results"] == []  # a name no one has: no one


def test_who_shows_the_persian_document_beside_the_english_ones(ask):
    answer = ask("/who منتظری")
    docs = [r["document"]["id"] for r in answer["results"]]
    assert "khavaran" in docs and "statement" in docs and len(set(docs)) > 2
    assert answer["person"]["name"] == "Hossein-Ali Montazeri"
    languages = {r["document"]["id"]: r["language"] for r in answer["results"]}  # each labelled with its language
    assert languages["khavaran"] == languages["statement"] == "fa"
    assert {language for doc, language in languages.items() if doc not in ("khavaran", "statement")} == {"en"}


def test_who_in_the_terminal_says_which_excerpt_is_in_which_language(ask_text):
    shown = ask_text("/who Montazeri")
    persian = shown.index("آیت‌الله حسين‌علی منتظري در خاطرات خود نوشت")
    assert shown.index("(In Persian.)", persian) < shown.index("خانواده‌های اعدام‌شدگان", persian)
    assert "(In English.)" in shown


def test_a_latin_name_finds_the_persian_document_and_says_what_it_searched(ask):
    answer = ask("Khavaran")
    assert answer["message"].startswith("Searched for: Khavaran, خاوران.")
    assert answer["results"][0]["excerpt"] == ("صدها تن از خانواده‌های زندانیان سیاسی که در تابستان ۱۳۶۷ اعدام شدند، "
                                               "روز جمعه در گورستان خاوران گرد هم آمدند.")
    source = ask("/source Montazeri")
    assert source["message"] == ("Searched for: Montazeri, منتظری.\n3 documents say “Montazeri”, earliest first:\n"
                                 "In the other script: 2 documents say “منتظری”, earliest first:")
    ids = [r["document"]["id"] for r in source["results"]]
    assert ids.index("khavaran") > 0  # the words as typed first, then the other script's


def test_english_words_find_the_persian_passage_that_has_every_word_through_the_glossary(ask):
    answer = ask("execution Khavaran")
    assert answer["message"].startswith("Searched for: execution Khavaran, اعدام خاوران.")
    first = answer["results"][0]
    assert (first["document"]["id"], first["language"]) == ("khavaran", "fa")  # every word: first
    assert "اعدام شدند، روز جمعه در گورستان خاوران" in first["excerpt"]
    assert {r["language"] for r in answer["results"]} == {"fa", "en"}


def test_source_folds_persian_letter_variants_and_zwnj_and_gives_the_english_documents_after(ask):
    for line in ("/source حسین‌علی منتظری", "/source حسينعلي منتظري"):
        answer = ask(line)
        ids = [r["document"]["id"] for r in answer["results"]]
        # the words as typed first (حسين‌علی منتظري with a ZWNJ, حسین علی منتظری spaced), then the English documents'
        assert set(ids[:2]) == {"khavaran", "statement"} and len(ids) == 4
        assert answer["message"] == (f"Searched for: {line.split(' ', 1)[1]}, Hossein-Ali Montazeri.\n"
                                     f"2 documents say “{line.split(' ', 1)[1]}”, earliest first:\n"
                                     "In the other script: 2 documents say “Hossein-Ali Montazeri”, earliest first:")
        excerpts = {r["document"]["id"]: r["excerpt"] for r in answer["results"]}
        assert excerpts["khavaran"].startswith("آیت‌الله حسين‌علی منتظري در خاطرات خود نوشت")
        assert excerpts["statement"].startswith("حسین علی منتظری در آن زمان در نامه‌ای به مقامات")


def test_source_says_a_phrase_joined_spaced_or_with_a_zwnj_and_keeps_its_small_words(ask):
    for line in ("/source نسلهای بعد", "/source نسل های بعد", "/source نسل‌های بعد", "/source تاريخ به نام ما"):
        answer = ask(line)
        assert [r["document"]["id"] for r in answer["results"]] == ["khavaran"], line
        assert answer["message"].startswith(f"1 document says “{line.split(' ', 1)[1]}”")


def test_the_document_is_dated_by_its_solar_hijri_dateline(ask):
    (result,) = [r for r in ask("/source گورستان خاوران")["results"]]
    assert (result["document"]["date"], result["document"]["date_precision"]) == ("2023-09-01", "day")
    assert result["voices"] == []


def test_a_persian_question_nothing_answers_no_longer_says_the_documents_are_english(ask):
    answer = ask("/quote خاوران")  # no quotation is about Khavaran
    assert answer["results"] == []
    assert "The documents are in English and Persian: try English words too" in answer["message"]


def test_a_persian_word_written_with_a_suffix_is_found_not_said_absent(ask):
    """دیوار is in the news story only as دیوارها, ملاقات in the memoir only as ملاقات‌ها: the same words."""
    for word, written, doc in (("دیوار", "دیوارها", "khavaran"), ("ملاقات", "ملاقات‌ها", "memoir")):
        answer = ask(word)
        assert answer["unmatched"] == [] and "No document mentions" not in answer["message"]
        assert {"word": word, "form": written, "how": "written"} in answer["searched_as"]
        assert any(written in r["excerpt"] for r in answer["results"] if r["document"]["id"] == doc)
