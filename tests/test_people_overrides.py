"""Which people a reindex found, joined or nearly joined, and an admin's merges and splits (issue 19.4)."""

from __future__ import annotations

import shutil

import pytest
import yaml

from citebot.index import Settings, change_people
from citebot.index.answers.answerer import Answerer
from citebot.index.store.build import reindex
from citebot.index.voices.overrides import load, path_beside
from tests.conftest import cli_in_process

DOCS = {
    "letter.txt": "The deputy leader's letter\n\nHossein-Ali Montazeri, the deputy leader, wrote to the judges in "
                  "the summer. “You will be remembered as the authors of a crime,” Hossein-Ali Montazeri wrote.\n",
    "reference.txt": "A reference entry\n\nHussein-Ali Montazari, a senior cleric, told the judges that the hearings "
                 "lasted minutes. He was dismissed the next spring.\n",
    "talks.txt": "Two speakers at the meeting\n\nHassan Rouhani, the president, said the file was closed. "
                 "Hossein Rouhani, a journalist, said “the names of the dead are still unknown to their families.”\n",
}


@pytest.fixture
def collection(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in DOCS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    people = tmp_path / "config" / "people.yaml"
    people.parent.mkdir()
    people.write_text("- name: Morgan Bloggs\n", encoding="utf-8")
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index", people_file=people)


def test_a_reindex_says_who_is_new_which_spellings_joined_and_which_names_look_alike(collection):
    summary = reindex(collection).summary()
    assert "New people (3): Hassan Rouhani, Hossein Rouhani, Hossein-Ali Montazeri" in summary
    assert "Spellings joined to one person (1): Hussein-Ali Montazari → Hossein-Ali Montazeri" in summary
    assert "Nearly joined, kept as two people (1): Hossein Rouhani / Hassan Rouhani" in summary
    assert 'citebot people merge "Hassan Rouhani" "Hossein Rouhani"' in summary
    again = reindex(collection)
    assert again.people_new == [] and "New people" not in again.summary()


def test_an_admins_merge_and_split_are_kept_and_applied_at_every_reindex(collection):
    reindex(collection)
    answerer = Answerer(collection)
    assert answerer.ask("/who Montazari").person.name == "Hossein-Ali Montazeri"
    change_people(collection.people_file, "split", "Hossein-Ali Montazeri", "Hussein-Ali Montazari")
    change_people(collection.people_file, "merge", "Hassan Rouhani", "Hossein Rouhani")
    kept = yaml.safe_load(path_beside(collection.people_file).read_text(encoding="utf-8"))
    assert kept == {"merge": [["Hassan Rouhani", "Hossein Rouhani"]],
                    "split": [["Hossein-Ali Montazeri", "Hussein-Ali Montazari"]]}
    report = reindex(collection)
    assert report.people_joined == [] and report.people_near == []
    assert report.people_new == ["Hussein-Ali Montazari"]
    answerer = Answerer(collection)
    assert answerer.ask("/who Hussein-Ali Montazari").person.name == "Hussein-Ali Montazari"
    quoted = answerer.ask("/quote Hossein Rouhani")
    assert quoted.person.name == "Hassan Rouhani"
    assert [r.excerpt for r in quoted.results] == ["“the names of the dead are still unknown to their families.”"]
    change_people(collection.people_file, "merge", "Hossein-Ali Montazeri", "Hussein-Ali Montazari")
    assert load(path_beside(collection.people_file)).split == []  # a merge undoes the split of the same names


def test_two_names_that_are_not_full_names_are_refused(collection):
    from citebot.index import ConfigError

    with pytest.raises(ConfigError, match="two different full names"):
        change_people(collection.people_file, "merge", "Rouhani", "Hossein Rouhani")
    assert not path_beside(collection.people_file).exists()


def test_the_cli_merges_and_splits_people(collection, tmp_path):
    env = {"CITEBOT_CORPUS_DIR": str(collection.corpus_dir), "CITEBOT_INDEX_DIR": str(collection.index_dir),
           "CITEBOT_PEOPLE_FILE": str(collection.people_file), "CITEBOT_DATABASE": str(tmp_path / "db.sqlite")}
    run = cli_in_process(env)
    out = run("people", "merge", "Hassan Rouhani", "Hossein Rouhani")
    assert out.startswith(f"Hossein Rouhani is Hassan Rouhani from now on (kept in {path_beside(collection.people_file)}).")
    assert "Indexed 3 documents" in out and "Nearly joined" not in out
    out = run("people", "split", "Hossein-Ali Montazeri", "Hussein-Ali Montazari", "--no-reindex")
    assert out.strip() == ("Hossein-Ali Montazeri and Hussein-Ali Montazari are kept apart from now on "
                           f"(kept in {path_beside(collection.people_file)}).")
    shutil.rmtree(collection.index_dir)


def test_an_admin_merges_people_in_telegram_and_the_reindex_summary_says_so(collection, tmp_path):
    from tests.botproc import TOKEN, citebot, message
    from tests.fake_telegram import FakeTelegram
    from tests.test_collection_e2e import ADMIN, USER, send, text_to

    reindex(collection)
    server = FakeTelegram(TOKEN)
    server.start()  # a daemon thread, as in the other end-to-end tests
    with citebot(collection, server, tmp_path / "bot.log", CITEBOT_ADMINS=ADMIN,
                 CITEBOT_PEOPLE_FILE=str(collection.people_file), CITEBOT_TELEGRAM_MESSAGES_PER_SECOND=0):
        send(server, message("/people merge Hassan Rouhani", chat=ADMIN), text_to(ADMIN, "Usage: /people merge"))
        send(server, message("/people merge Hassan Rouhani | Hossein Rouhani", chat=USER),
             text_to(USER, "Only the bot's admins"))
        assert not path_beside(collection.people_file).exists()
        send(server, message("/people merge Hassan Rouhani | Hossein Rouhani", chat=ADMIN),
             text_to(ADMIN, "Hossein Rouhani is Hassan Rouhani from now on."))
        done = send(server, message("/reindex", chat=ADMIN), text_to(ADMIN, "Indexed 3 documents"), timeout=60)
        assert "Nearly joined" not in done["text"]
        assert "Spellings joined to one person (1): Hussein-Ali Montazari → Hossein-Ali Montazeri" in done["text"]
    assert load(path_beside(collection.people_file)).merge == [("Hassan Rouhani", "Hossein Rouhani")]


def test_an_encyclopedia_spelling_hussein_ali_montazeri_does_not_split_him(seeds, tmp_path):
    """The issue's case: one added article spelling him "Hussein-Ali Montazeri" made two people and broke /quote."""
    from tests.conftest import settings_for

    (seeds / "encyclopedia.txt").write_text(
        "Montazeri (encyclopedia entry)\n\nHussein-Ali Montazeri, a senior cleric, was named deputy to the "
        "Supreme Leader in 1985. Hussein-Ali Montazeri wrote letters of protest in the summer of 1988.\n",
        encoding="utf-8")
    settings = settings_for(tmp_path, seeds)
    report = reindex(settings)
    assert ("Hussein-Ali Montazeri", "Hossein-Ali Montazeri") in report.people_joined
    answerer = Answerer(settings)
    assert [p.name for p in answerer.ask("/who Montazeri").people] == []
    assert answerer.ask("/who Hussein-Ali Montazeri").person.name == "Hossein-Ali Montazeri"
    quoted = answerer.ask("/quote Montazeri")
    assert quoted.person.name == "Hossein-Ali Montazeri"
    assert any(r.excerpt.startswith("“the greatest crime committed") for r in quoted.results)


def test_the_card_before_adding_says_which_people_are_new_and_which_spellings_join_someone(bundled, tmp_path):
    from citebot.bot.render import draft_card as telegram_card
    from citebot.bot.terminal import draft_card
    from citebot.index import prepare_file
    from tests.conftest import indexed

    settings = indexed(bundled, tmp_path)
    text = ("Letters from 1988\n\nHussein-Ali Montazari, a senior cleric, wrote to the judges that summer. "
            "Maximilian Kettering, a historian who read the letters, said they were written in haste.\n")
    draft = prepare_file(settings, text.encode(), "letters.txt")
    assert draft.people_new == ["Maximilian Kettering"]
    assert draft.people_joined == [("Hussein-Ali Montazari", "Hossein-Ali Montazeri")]
    card = draft_card(draft)
    assert "New people: Maximilian Kettering" in card
    assert "Spellings joined to people the collection has: Hussein-Ali Montazari → Hossein-Ali Montazeri" in card
    assert "Spellings joined to people the collection has: Hussein-Ali Montazari → Hossein-Ali Montazeri" in \
        telegram_card(draft, "en")


def test_the_telegram_summary_names_people_in_the_admins_language():
    from citebot.bot.handlers import summary
    from citebot.index import ReindexReport

    report = ReindexReport(generation="g1", documents=2, people=3, people_new=["Jo Bloggs"],
                           people_joined=[("Hussein-Ali Montazari", "Hossein-Ali Montazeri")],
                           people_near=[("Hossein Rouhani", "Hassan Rouhani")])
    english = summary(report, "en").split("\n")[1:]
    assert english == [
        "New people (1): Jo Bloggs",
        "Spellings joined to one person (1): Hussein-Ali Montazari → Hossein-Ali Montazeri",
        "Nearly joined, kept as two people (1): Hossein Rouhani / Hassan Rouhani. "
        "If one person: /people merge Hassan Rouhani | Hossein Rouhani",
    ]
    persian = summary(report, "fa").split("\n")[1:]
    assert persian[0].startswith("اشخاص تازه (") and "Jo Bloggs" in persian[0]
    assert "Hussein-Ali Montazari → Hossein-Ali Montazeri" in persian[1]
