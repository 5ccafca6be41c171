"""/who answers with what the sources say about a person, not with lines that only carry their words."""

import yaml

from citebot.bot import terminal
from tests.conftest import ROOT, exact

PEOPLE = [p["name"] for p in yaml.safe_load((ROOT / "config" / "people.yaml").read_text())]


def lead_in(excerpt: str) -> bool:
    """A sentence ending with a colon introduces words the excerpt does not show."""
    return excerpt.rstrip().endswith(":")


def test_a_lead_in_ranks_after_the_descriptions(answerer):
    a = answerer.ask("/who Rajavi")
    excerpts = [r.excerpt for r in a.results]
    assert excerpts[0] == ("The virtual conference featured speeches from the witnesses, jurists and politicians, "
                           "and Mrs. Maryam Rajavi, the president-elect of the National Council of Resistance of Iran (NCRI).")
    intro = ("Mrs. Maryam Rajavi, the President-elect of the National Council of Resistance of Iran (NCRI) said in her "
             "remarks on the Free Iran Global Summit:")
    assert intro in excerpts  # kept: it says her role, but after every line that describes her
    assert excerpts.index(intro) > excerpts.index("The president-elect of the Iranian opposition, Maryam Rajavi, "
                                                  "has also echoed these calls.")
    exact(answerer, a)


def test_a_quotation_tagged_with_the_name_ranks_after_what_the_text_says_of_them(answerer):
    a = answerer.ask("/who Naidoo")
    assert a.results[0].excerpt.startswith("Kumi Naidoo, Secretary General of Amnesty International (2018-2020)")
    assert a.results[1].excerpt.startswith("Naidoo also reminded that while the international community")
    tagged = next(n for n, r in enumerate(a.results) if r.excerpt.endswith("applaud you,” he said."))
    assert tagged > 1
    r = answerer.ask("/who Robertson")
    order = [x.excerpt for x in r.results]
    studied = "Mr. Robertson has studied the 1988 massacre for years and even published a book about it."
    full_text = "The following is the full text of Mr. Geoffrey Robertson QC. speech during the NCRI’s conference:"
    assert order.index(studied) < order.index(full_text)


def test_a_lead_in_is_the_answer_when_nothing_else_names_them(answerer):
    a = answerer.ask("/who Zeid")
    assert a.person.name == "Zeid Ra’ad Al Hussein"
    assert [r.excerpt for r in a.results] == [
        "UN High Commissioner for Human Rights, Zeid Ra’ad Al Hussein, told NGOs on 9 March 2018:"]
    assert "UN High Commissioner for Human Rights" in terminal.render(a)


def test_for_every_person_a_description_comes_before_any_lead_in(answerer):
    """Over everyone the sources name, and everyone config/people.yaml lists."""
    names = dict.fromkeys([*PEOPLE, *(p.name for p in answerer.ask("/who").people)])
    for name in names:
        a = answerer.ask(f"/who {name}")
        excerpts = [r.excerpt for r in a.results]
        if excerpts and lead_in(excerpts[0]):
            assert all(lead_in(e) for e in excerpts), (name, excerpts)
        exact(answerer, a)
