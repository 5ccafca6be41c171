"""A title or role typed for a name (/who Justice Minister, /quote High Commissioner): the people the documents give
it, all of them when several hold it, each with the sentence that gives the title; suggestions only for spellings."""

import json

import pytest

from citebot.index.voices.people import Registry
from citebot.index.voices.roles import holds
from tests.conftest import exact

NGO = "ngo-2020-bring-to-justice"


@pytest.mark.parametrize("typed, name, sentence", [
    ("Justice Minister", "Alireza Avaei", "They include Judiciary Chief Ebrahim Raisi and Justice Minister Alireza Avaei."),
    ("Judiciary Chief", "Ebrahim Raisi", "They include Judiciary Chief Ebrahim Raisi and Justice Minister Alireza Avaei."),
    ("president-elect", "Maryam Rajavi", "The president-elect of the Iranian opposition, Maryam Rajavi, has also "
                                         "echoed these calls."),
    ("Advocacy Director", "Phillip Luther", None),
    ("deputy commander", "Ali Fadavi", None),
])
def test_a_title_one_person_holds_answers_for_them_and_says_so(answerer, typed, name, sentence):
    a = answerer.ask(f"/who {typed}")
    assert a.person is not None and a.person.name == name
    assert a.message.startswith(f"Read “{typed}” as {name}: the sources give {name} that title.")
    exact(answerer, a)
    if sentence:
        assert sentence in [r.excerpt for r in a.results]


def test_the_minister_of_justice_is_a_justice_minister_and_an_advisor_to_the_chief_is_no_chief(answerer):
    a = answerer.ask("/who Minister of Justice")
    assert a.person.name == "Alireza Avaei"
    assert a.results[0].excerpt.endswith("and Alireza Avaei, the regime’s current Minister of Justice, then prosecutor "
                                         "in Khuzestan province.")
    assert answerer.ask("/who Judiciary Chief").person.name == "Ebrahim Raisi"  # not Pour-Mohammadi, its Advisor
    assert not holds("Advisor to the Judiciary Chief and a former member of the Death Commissions", ["judiciary", "chief"])
    assert not holds("president-elect of the National Council of Resistance of Iran", ["president"])


@pytest.mark.parametrize("command, typed, names", [
    ("who", "Supreme Leader", ["Ali Khamenei", "Ruhollah Khomeini"]),
    ("who", "the Secretary General", ["António Guterres", "Kumi Naidoo"]),
    ("quote", "High Commissioner", ["Zeid Ra’ad Al Hussein", "Michelle Bachelet"]),
    ("who", "UN High Commissioner for Human Rights", ["Zeid Ra’ad Al Hussein", "Michelle Bachelet"]),
])
def test_a_title_several_people_hold_lists_them_all_never_picks_one(answerer, command, typed, names):
    a = answerer.ask(f"/{command} {typed}")
    assert a.person is None and sorted(p.name for p in a.people) == sorted(names)
    assert a.message == (f"The sources give the title “{typed}” to several people: {', '.join(p.name for p in a.people)}. "
                         f"Each excerpt below shows where. Which one? Send /{command} with the full name.")
    exact(answerer, a)
    for person in a.people:  # each holder's name is in an excerpt that gives the title, highlighted
        assert any(person.name.split()[-1] in r.excerpt[s:e] for r in a.results for s, e in r.highlights)


def test_supreme_leader_shows_khomeini_in_1988_and_khamenei(answerer):
    excerpts = [(r.document.id, r.excerpt) for r in answerer.ask("/who Supreme Leader").results]
    assert (NGO, "Following a fatwa handed down by Supreme Leader Ayatollah Khomeini in mid-July 1988, more than "
                 "30,000 political prisoners, primarily affiliated with the People’s Mojahedin Organization of Iran "
                 "(PMOI or MEK), were secretly mass executed over several months after mock trials lasting just five "
                 "minutes.") in excerpts
    assert ("mek-2021-08-28-online-conference", "The 1988 massacre was carried out based on a fatwa issued by "
            "Ruhollah Khomeini, then-supreme leader of the regime.") in excerpts
    assert any("Supreme Leader, Ali Khamenei" in e for _, e in excerpts)


def test_quote_of_a_title_one_person_holds_is_their_quotations(answerer):
    a = answerer.ask("/quote Secretary General of Amnesty International")
    assert a.person.name == "Kumi Naidoo" and a.results and all(r.speaker == "Kumi Naidoo" for r in a.results)
    assert a.message.startswith("Read “Secretary General of Amnesty International” as Kumi Naidoo")


def test_a_name_still_wins_over_a_title(answerer):
    assert answerer.ask("/who President Raisi").person.name == "Ebrahim Raisi"
    assert answerer.ask("/who Ayatollah Khamenei").person.name == "Ali Khamenei"


@pytest.mark.parametrize("typed", ["Prime Minister", "Chief Justice", "Foreign Minister of France", "president elect of France"])
def test_a_title_no_one_is_given_is_no_one(answerer, typed):
    a = answerer.ask(f"/who {typed}")
    assert a.person is None and a.people == [] and a.results == []
    assert a.message.startswith(f"No one called “{typed}” is named in the sources.")


@pytest.mark.parametrize("typed", ["نیری", "Nayyeri", "president-elected", "elect"])
def test_no_suggestion_of_a_different_name(answerer, typed):
    a = answerer.ask(f"/who {typed}")
    assert a.person is None and a.people == [] and "Did you mean" not in a.message


def test_suggestions_are_spellings_of_the_same_name(answerer):
    assert [p.name for p in answerer.ask("/who Massoud Rajavi").people] == ["Maryam Rajavi"]  # the same surname
    assert answerer.ask("/who نوری").person.name == "Hamid Nouri"  # Nouri is نوری; نیری (Nayyeri) is someone else


def test_cross_script_candidates_hear_the_vowels_persian_writes():
    from citebot.index.models import Person
    from citebot.index.text.translit import candidates

    people = [Person("hamid-nouri", "Hamid Nouri", documents=1), Person("ali-fadavi", "Ali Fadavi", documents=1),
              Person("ali-khamenei", "Ali Khamenei", documents=2), Person("ruhollah-khomeini", "Ruhollah Khomeini")]
    names = lambda q: [p.name for p in candidates(q, people)]  # noqa: E731
    assert names("نیری") == [] and names("نوری") == ["Hamid Nouri"]
    assert names("فدوی") == ["Ali Fadavi"]  # و is a v too
    assert names("خامنه‌ای")[0] == "Ali Khamenei" and names("خمینی")[0] == "Ruhollah Khomeini"


def test_registry_suggestions_need_a_plausible_spelling():
    registry = Registry()
    for name in ("Michelle Bachelet", "Hamid Nouri", "Ali Fadavi", "Maryam Rajavi"):
        registry.add(name)
    assert registry._suggestions(("nayyeri",)) == []
    assert registry._suggestions(("elect",)) == []
    assert [e.name for e in registry._suggestions(("massoud", "rajavi"))] == ["Maryam Rajavi"]
    assert [e.name for e in registry._suggestions(("bache",))] == ["Michelle Bachelet"]


def test_cli_json_lists_the_holders_of_a_title(cli):
    a = json.loads(cli("ask", "--json", "/who High Commissioner"))
    assert "person" not in a and {p["name"] for p in a["people"]} == {"Michelle Bachelet", "Zeid Ra’ad Al Hussein"}
    assert [p["key"] for p in a["message_parts"]] == ["answer.title.several", "answer.title.choose"]
    assert {r["document"]["id"] for r in a["results"]} == {NGO}
