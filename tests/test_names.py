"""Name lookup for /who and /quote: first names, titles, spelling variants; suggestions instead of guesses."""

import json

import pytest

from citebot.index.answers.answerer import Answerer
from citebot.index.store.build import reindex
from citebot.index.voices.people import Registry, sound, spelling_distance
from tests.conftest import exact, settings_for


@pytest.mark.parametrize("typed, name", [
    ("Zeid", "Zeid Ra’ad Al Hussein"),  # the only Zeid
    ("gulnara", "Gulnara Shahinian"),
    ("Tahar", "Tahar Boumedra"),
    ("Hossein", "Hossein-Ali Montazeri"),  # a first name; "Hussein" is Zeid's surname, not a near miss
    ("Hussein", "Zeid Ra’ad Al Hussein"),
    ("Ayatollah Montazeri", "Hossein-Ali Montazeri"),
    ("President Raisi", "Ebrahim Raisi"),
    ("Judge Robertson", "Geoffrey Robertson"),
    ("Sir Geoffrey Robertson QC", "Geoffrey Robertson"),
    ("UN High Commissioner Bachelet", "Michelle Bachelet"),
    ("Secretary-General Guterres", "António Guterres"),
    ("Mrs. Rajavi", "Maryam Rajavi"),
    ("Zeid Hussein", "Zeid Ra’ad Al Hussein"),  # words of one person's name, in order
    ("Ali Montazeri", "Hossein-Ali Montazeri"),
    ("Pourmohammadi", "Mostafa Pour-Mohammadi"),  # the hyphenated surname typed as one word
    ("“Ortagus”", "Morgan Ortagus"),
])
def test_names_the_sources_use_resolve_without_a_note(answerer, typed, name):
    a = answerer.ask(f"/who {typed}")
    assert a.person is not None and a.person.name == name
    assert a.message.startswith(f"{name}, in the words of the sources.")
    assert a.results and any(r.highlights for r in a.results)
    exact(answerer, a)


@pytest.mark.parametrize("typed, name", [
    ("Rajavy", "Maryam Rajavi"),
    ("Montazari", "Hossein-Ali Montazeri"),
    ("Khomeyni", "Ruhollah Khomeini"),
    ("Khamenai", "Ali Khamenei"),
    ("Raeisi", "Ebrahim Raisi"),
    ("Rohani", "Hassan Rouhani"),
    ("Hassan Rohani", "Hassan Rouhani"),
    ("Pour Mohamadi", "Mostafa Pour-Mohammadi"),
    ("Fadawi", "Ali Fadavi"),
    ("Bachelett", "Michelle Bachelet"),
    ("Geoffry Robertson", "Geoffrey Robertson"),
    ("Zeyd", "Zeid Ra’ad Al Hussein"),  # a first name only when it is the same sound spelt otherwise
])
def test_spelling_variants_resolve_and_say_so(answerer, typed, name):
    a = answerer.ask(f"/who {typed}")
    assert a.person is not None and a.person.name == name
    assert a.message.startswith(f"Showing {name} (closest to “{typed}”). {name}, in the words of the sources.")


def test_quote_uses_the_same_resolution(answerer):
    a = answerer.ask("/quote Montazari")
    assert a.person.name == "Hossein-Ali Montazeri"
    assert a.message == "Showing Hossein-Ali Montazeri (closest to “Montazari”). Direct quotations of Hossein-Ali Montazeri:"
    assert "the greatest crime committed during" in a.results[0].excerpt.lower()
    assert answerer.ask("/quote Kumi").person.name == "Kumi Naidoo"
    assert answerer.ask("/quote Kumi").results[0].speaker == "Kumi Naidoo"
    exact(answerer, a)


def test_quote_of_a_shared_first_name_asks_which(answerer):
    a = answerer.ask("/quote Ali")
    assert a.results == [] and a.person is None
    assert a.message == "“Ali” could be several people: Ali Khamenei, Hossein-Ali Montazeri, Ali Fadavi. Which one? Send the full name."
    assert answerer.ask("/quote mass graves").results  # a topic is still a topic


@pytest.mark.parametrize("typed, offered", [
    ("Ali", ["Ali Khamenei", "Hossein-Ali Montazeri", "Ali Fadavi"]),
    ("Mostafa", ["Mostafa Pour-Mohammadi", "Mostafa Salehi"]),
    ("Khomeni", ["Ruhollah Khomeini", "Ali Khamenei"]),  # as near to Khamenei as to Khomeini: no guess
])
def test_several_candidates_are_offered_never_guessed(answerer, typed, offered):
    a = answerer.ask(f"/who {typed}")
    assert a.person is None and a.results == []
    assert [p.name for p in a.people] == offered
    assert a.message.startswith(f"“{typed}” could be several people: ")


@pytest.mark.parametrize("typed", [
    "Razavi",  # a province in the sources, one letter from Rajavi
    "raise", "away", "Mohammed", "Michael", "leather",  # common words and other names near a surname
    "justice", "the", "prison", "Human Rights", "Napoleon", "Kofi Annan", "Ali Rajavi",
])
def test_common_words_and_strangers_resolve_to_no_one(answerer, typed):
    a = answerer.ask(f"/who {typed}")
    assert a.person is None and a.results == []
    assert a.message.startswith(f"No one called “{typed}” is named in the sources.")


def test_a_stranger_near_a_known_name_gets_a_suggestion(answerer):
    a = answerer.ask("/who Massoud Rajavi")
    assert a.person is None and [p.name for p in a.people] == ["Maryam Rajavi"]
    assert a.message.endswith("Did you mean Maryam Rajavi?")


SHARED = (
    "Paris, March 3, 2021—Massoud Rajavi, the leader of the MEK, said the fight goes on. Maryam Rajavi said the "
    "same. Ahmad Khomeini, a cleric and the son of Ruhollah Khomeini, said his father was tired. Ayatollah Khomeini issued a "
    "fatwa in July 1988.\n"
)


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """A corpus where two Rajavis and two Khomeinis share a surname."""
    tmp = tmp_path_factory.mktemp("shared")
    (tmp / "corpus").mkdir()
    (tmp / "corpus" / "shared.txt").write_text(SHARED, encoding="utf-8")
    settings = settings_for(tmp, tmp / "corpus")
    reindex(settings)
    return Answerer(settings)


@pytest.mark.parametrize("typed, offered", [
    ("Rajavi", {"Maryam Rajavi", "Massoud Rajavi"}),
    ("Rajavy", {"Maryam Rajavi", "Massoud Rajavi"}),
    ("Khomeini", {"Ruhollah Khomeini", "Ahmad Khomeini"}),
    ("Khomeyni", {"Ruhollah Khomeini", "Ahmad Khomeini"}),
])
def test_a_shared_surname_gives_suggestions(shared, typed, offered):
    a = shared.ask(f"/who {typed}")
    assert a.person is None and {p.name for p in a.people} == offered
    a = shared.ask(f"/quote {typed}")
    assert a.person is None and a.results == [] and {p.name for p in a.people} == offered


@pytest.mark.parametrize("typed, name", [
    ("Massoud", "Massoud Rajavi"),
    ("Massoud Rajavi", "Massoud Rajavi"),
    ("Mrs. Rajavi", "Maryam Rajavi"),  # a title that names one of them (people.yaml)
    ("Ayatollah Khomeini", "Ruhollah Khomeini"),
    ("Ahmad Khomeini", "Ahmad Khomeini"),
])
def test_a_full_name_or_titled_alias_still_resolves(shared, typed, name):
    assert shared.ask(f"/who {typed}").person.name == name


def test_spelling_distance_weighs_transliteration():
    assert sound("Khomeyni") == sound("Khomeini") and sound("Pour-Mohammadi") == sound("pourmohamadi")
    assert spelling_distance(sound("montazari"), sound("montazeri")) == 0.5  # one vowel for another
    assert spelling_distance(sound("razavi"), sound("rajavi")) == 1.0  # a consonant: a different word
    assert spelling_distance(sound("khomeni"), sound("khomeini")) < spelling_distance(sound("khomeni"), sound("khamenei"))


def test_resolution_survives_the_index_round_trip(answerer):
    registry = Registry.from_dict(answerer.corpus().generation.meta.registry.to_dict())
    assert registry.resolve("Mrs. Rajavi").person.name == "Maryam Rajavi"
    assert registry.resolve("Razavi").person is None  # the corpus words came along
    assert registry.lookup("Rajavy") is None  # lookup() never approximates; resolve() does, and says so
    assert registry.resolve("Rajavy").approximate


def test_cli_json_keeps_the_person_and_the_candidates(cli):
    a = json.loads(cli("ask", "--json", "/who Rajavy"))
    assert a["person"]["name"] == "Maryam Rajavi" and a["person"]["documents"] == 4
    assert a["message"].startswith("Showing Maryam Rajavi (closest to “Rajavy”).")
    assert a["results"] and all(r["document"]["id"] for r in a["results"])
    a = json.loads(cli("ask", "--json", "/who Mostafa"))
    assert "person" not in a and [p["name"] for p in a["people"]] == ["Mostafa Pour-Mohammadi", "Mostafa Salehi"]
    assert json.loads(cli("ask", "--json", "/who Zeid"))["person"]["name"] == "Zeid Ra’ad Al Hussein"
