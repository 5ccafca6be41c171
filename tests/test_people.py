"""People: discovery with evidence, name folding, spelling variants, no false merges."""

from pathlib import Path

import pytest

from citebot.index.errors import ConfigError
from citebot.index.text.clean import clean
from citebot.index.voices.people import Registry, candidates, discover, fold

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def seed_registry(yaml_file: Path | None = None) -> Registry:
    texts = [clean(p.read_text(encoding="utf-8")).text for p in sorted(CORPUS.glob("*.txt"))]
    registry = Registry.from_yaml(yaml_file)
    discover(registry, texts)
    return registry


def test_people_are_found_without_any_configuration():
    registry = seed_registry(None)  # no people.yaml at all
    names = {e.name for e in registry.entries.values()}
    for name in ["Morgan Ortagus", "Kumi Naidoo", "Audronius Ažubalis", "Ali Fadavi", "António Guterres",
                 "Michelle Bachelet", "Hamid Nouri", "Asma Jahangir", "Zeid Ra’ad Al Hussein", "Reza Shafiee"]:
        assert name in names
    assert not names & {"United Nations", "Free Iran Global Summit", "Supreme Leader", "Human Rights Council"}


def test_titles_roles_and_appositives_are_evidence():
    text = "Yesterday spokesperson Jane Doakes spoke. Karl Mintz, a former minister, left. Lee Wong said hi."
    assert candidates(text) == ["Jane Doakes", "Karl Mintz", "Lee Wong"]
    assert candidates("The Big Apple Festival opened. Green Street is long.") == []


def test_a_title_written_as_an_acronym_is_no_evidence():
    # "MS" in a manual is Microsoft, not "Ms."; "DR Congo" a country, not a doctor
    assert candidates("Common types (such as MS Word Documents) will be provided by the package.") == []
    assert candidates("DR Congo Mining and the Kivu Fund signed the deal.") == []
    assert candidates("Ms Ann Roe spoke. Dr. Jo Bloggs, a surgeon, left.") == ["Ann Roe", "Jo Bloggs"]


def test_matching_folds_case_diacritics_hyphens_and_apostrophes():
    assert fold("Ažubalis") == fold("azubalis")
    assert fold("Pour-Mohammadi") == fold("pour mohammadi")
    assert fold("Ra’ad") == fold("Ra'ad")
    registry = seed_registry(None)
    assert registry.lookup("Azubalis").name == "Audronius Ažubalis"
    assert registry.lookup("antonio guterres").name == "António Guterres"


def test_close_spellings_the_corpus_uses_join_one_person():
    registry = seed_registry(None)
    assert registry.lookup("Avaie").id == registry.lookup("Alireza Avaei").id
    assert registry.lookup("Shaifee").id == registry.lookup("Reza Shafiee").id


def test_different_people_are_not_merged():
    registry = seed_registry(None)
    assert registry.lookup("Khomeini") is None or registry.lookup("Khomeini").id != registry.lookup("Ali Khamenei").id
    assert registry.lookup("Mostafa Salehi").id != registry.lookup("Mostafa Pour-Mohammadi").id
    assert registry.lookup("Razavi") is None  # a province, one letter from Rajavi
    assert registry.lookup("Napoleon") is None


def test_people_yaml_sets_canonical_names_and_aliases(tmp_path):
    yaml_file = tmp_path / "people.yaml"
    yaml_file.write_text("- name: Hossein-Ali Montazeri\n  aliases: [Ayatollah Montazeri]\n")
    registry = seed_registry(yaml_file)
    entry = registry.lookup("Hossein Ali Montazeri")
    assert entry.name == "Hossein-Ali Montazeri"
    assert registry.lookup("Ayatollah Montazeri").id == entry.id == registry.lookup("montazeri").id


def test_mentions_are_exact_offsets():
    registry = seed_registry(None)
    text = "Ebrahim Raisi was there. Raisi’s role and Mrs. Rajavi's speech."
    found = [(text[m.start:m.end], m.person) for m in registry.mentions(text)]
    assert [f[0] for f in found] == ["Ebrahim Raisi", "Raisi", "Rajavi"]


def test_a_people_file_naming_someone_by_surname_alone_says_which_entry(tmp_path):
    people = tmp_path / "people.yaml"
    people.write_text("- name: Montazeri\n  aliases: [Ayatollah Montazeri]\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'Montazeri' is not a full name"):
        Registry.from_yaml(people)


@pytest.mark.parametrize("written, says", [
    ("people: []\n", "should be a list of entries"),
    ("- Jo Bloggs\n", "entry 1 should have a name"),
    ("- name: Jo Bloggs\n- name: Ann Roe\n  aliases: Roe\n", "entry 2 should have a name and lists of aliases"),
    ("- name: [Jo\n", "line 2: not valid YAML"),
])
def test_a_people_file_of_the_wrong_shape_says_what_is_wrong_and_where(tmp_path, written, says):
    path = tmp_path / "people.yaml"
    path.write_text(written, encoding="utf-8")
    with pytest.raises(ConfigError, match=says) as raised:
        Registry.from_yaml(path)
    assert str(path) in str(raised.value)


def test_a_line_in_title_case_is_no_evidence_of_a_name():
    text = ("[Video: Full Speech: President Ann Roe Speech at the Black Caucus Dinner in Washington. Watch it here.]\n\n"
            "President Ann Roe gave a speech at a dinner of the caucus on Saturday; the full text is online, and "
            "people can watch it there. Black and white photos of the dinner were shown.")
    assert candidates(text) == ["Ann Roe"]  # from the sentence, not "Ann Roe Speech" from the caption


def test_a_sentence_opening_adverb_is_not_a_given_name():
    registry = Registry()
    discover(registry, ["Jo Bloggs, a senator, spoke on Monday. Meanwhile Bloggs continues his tour, and "
                        "however Bloggs is seen, he said, “I will go on.” Meanwhile Bloggs said nothing more."])
    assert {e.name for e in registry.entries.values()} == {"Jo Bloggs"}


def test_a_hyphenated_surname_alone_is_the_person_named_in_full_not_someone_new():
    registry = Registry()
    text = ("“This is not reform,” said Dana Holt-Eakins, an economist who led the budget office. "
            "“I admire the mechanics,” Ms. Holt-Eakins said. Jean-Paul, her driver, said nothing.")
    discover(registry, [text])
    assert {e.name for e in registry.entries.values()} == {"Dana Holt-Eakins"}
    assert {m.person for m in registry.mentions(text)} == {registry.resolve("Dana Holt-Eakins").person.id}


def test_a_name_after_a_bare_the_is_a_things():
    text = ("The Daily Beast called them anchors, said the Smithsonian Institution. The Clean Power Plan, while "
            "certainly an important rule, was a former minister's idea, the spokesman Jo Bloggs said.")
    assert candidates(text) == ["Jo Bloggs"]


def test_a_verb_opening_a_sentence_is_no_given_name_but_a_surname_like_a_verb_is_a_surname():
    from citebot.index.voices.cues import name_in

    text = "Chasing Bloggs and Roe was Smith. Continued Bloggs: “We will win.” “It is a fraud,” says Suckling."
    named = {run: name_in(text, text.index(run), text.index(run) + len(run))
             for run in ("Chasing Bloggs", "Continued Bloggs", "Suckling")}
    assert named == {"Chasing Bloggs": None, "Continued Bloggs": None, "Suckling": "Suckling"}


def test_a_name_never_runs_over_a_paragraph_break():
    text = ("Jo Bloggs, a senator, spoke on Monday about the old empire of 500 B.C.\n\nBloggs said the count was fair, "
            "and “we will win,” Bloggs said.")
    registry = Registry()
    discover(registry, [text])
    assert {e.name for e in registry.entries.values()} == {"Jo Bloggs"}
