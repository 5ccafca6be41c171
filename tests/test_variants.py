"""One person, one entry: transliteration variants of a name join, different people stay apart (issue 19.4).

The pairs are written for this test: spellings of Persian-origin names as English-language sources print
them, and look-alike names of different people (same surname, father and son, similar first names).
"""

import pytest

from citebot.index.voices.people import key
from citebot.index.voices.variants import near_name, same_name, same_word

SAME_PERSON = [
    ("Hossein-Ali Montazeri", "Hussein-Ali Montazeri"),
    ("Hossein-Ali Montazeri", "Hosein Ali Montazeri"),
    ("Hossein-Ali Montazeri", "Hosseinali Montazeri"),
    ("Hossein-Ali Montazeri", "Hossein Ali Montazari"),
    ("Hussein Ali Montazeri", "Hosseinali Montazari"),
    ("Ebrahim Raisi", "Ebrahim Raeesi"),
    ("Ebrahim Raisi", "Ebrahim Raeisi"),
    ("Ebrahim Raeisi", "Ebrahim Raeesi"),
    ("Ebrahim Raisi", "Ibrahim Raisi"),
    ("Hassan Rouhani", "Hassan Rohani"),
    ("Hasan Rouhani", "Hassan Rohani"),
    ("Ruhollah Khomeini", "Rouhollah Khomeini"),
    ("Ruhollah Khomeini", "Ruhollah Khomeyni"),
    ("Ali Khamenei", "Ali Khamenei"),
    ("Ali Khamenei", "Aly Khamenei"),
    ("Mohammad Khatami", "Muhammad Khatami"),
    ("Mohammad Khatami", "Mohammed Khatami"),
    ("Mohammad Javad Zarif", "Mohammad Jawad Zarif"),
    ("Mohammad Javad Zarif", "Muhammad Javad Zarif"),
    ("Alireza Avaei", "Alireza Avaie"),
    ("Alireza Avaei", "Ali Reza Avaei"),
    ("Alireza Avaei", "Ali-Reza Avaei"),
    ("Mostafa Pour-Mohammadi", "Mostafa Pourmohammadi"),
    ("Mostafa Pour-Mohammadi", "Moustafa Pour Mohammadi"),
    ("Mostafa Pourmohammadi", "Mostafa Pourmohamadi"),
    ("Ahmad Alamolhoda", "Ahmed Alamolhoda"),
    ("Ahmad Jannati", "Ahmad Janati"),
    ("Mahmoud Ahmadinejad", "Mahmood Ahmadinejad"),
    ("Mahmoud Ahmadinejad", "Mahmoud Ahmadinezhad"),
    ("Mehdi Karroubi", "Mahdi Karroubi"),
    ("Mehdi Karroubi", "Mehdi Karrubi"),
    ("Mir-Hossein Mousavi", "Mir Hossein Mousavi"),
    ("Mir-Hossein Mousavi", "Mirhossein Musavi"),
    ("Mir Hossein Mousavi", "Mir Hussein Moosavi"),
    ("Gholam-Hossein Mohseni-Ejei", "Gholamhossein Mohseni Ejei"),
    ("Gholamhossein Mohseni-Ejei", "Qolamhossein Mohseni-Ejei"),
    ("Hamid Nouri", "Hamid Noury"),
    ("Hamid Nouri", "Hamid Noori"),
    ("Hossein-Ali Nayeri", "Hossein Ali Nayyeri"),
    ("Hossein-Ali Nayyeri", "Hussein-Ali Nayeri"),
    ("Morteza Eshraghi", "Morteza Eshraqi"),
    ("Reza Shafiee", "Reza Shafiei"),
    ("Ali Fadavi", "Ali Fadawi"),
    ("Akbar Hashemi Rafsanjani", "Akbar Hashemi-Rafsanjani"),
    ("Ghasem Soleimani", "Qasem Soleimani"),
    ("Qassem Soleimani", "Ghasem Soleimani"),
]

DIFFERENT_PEOPLE = [
    ("Ahmad Montazeri", "Hossein-Ali Montazeri"),  # son and father
    ("Ahmad Khomeini", "Ruhollah Khomeini"),  # son and father
    ("Hassan Khomeini", "Ruhollah Khomeini"),  # grandson
    ("Hassan Khomeini", "Hossein Khomeini"),  # cousins
    ("Mojtaba Khamenei", "Ali Khamenei"),  # son and father
    ("Ruhollah Khomeini", "Ruhollah Khamenei"),  # a different surname, spelt alike
    ("Ali Khamenei", "Ali Khomeini"),
    ("Hassan Rouhani", "Hossein Rouhani"),
    ("Hassan Nouri", "Hossein Nouri"),
    ("Hasan Nouri", "Hosein Nouri"),
    ("Ali Avaei", "Alireza Avaei"),
    ("Ali Fadavi", "Alireza Fadavi"),
    ("Reza Shafiee", "Alireza Shafiee"),
    ("Mohammad Ahmadinejad", "Mahmoud Ahmadinejad"),
    ("Mohammad Rezaei", "Mahmoud Rezaei"),
    ("Mohammad Reza Rahimi", "Mahmoud Reza Rahimi"),
    ("Mohammad Reza Rahimi", "Mohammad Rahimi Reza"),
    ("Hamid Nouri", "Hamed Nouri"),
    ("Hamid Nouri", "Mahmoud Nouri"),
    ("Hamid Nouri", "Hamid Nuri Zadeh"),
    ("Mohsen Rezaei", "Mohsen Rezai Pour"),
    ("Hassan Rezaei", "Hossein Rezaei"),
    ("Mehdi Hashemi", "Mohammad Hashemi"),
    ("Mehdi Hashemi", "Mahmoud Hashemi"),
    ("Akbar Hashemi", "Ali Akbar Hashemi"),
    ("Ali Akbar Velayati", "Akbar Velayati"),
    ("Ali Larijani", "Sadegh Larijani"),  # brothers
    ("Sadegh Larijani", "Sadegh Lahijani"),
    ("Ebrahim Raisi", "Ebrahim Rais"),
    ("Ebrahim Raisi", "Ebrahim Rasi"),
    ("Ebrahim Raisi", "Ibrahim Rasouli"),
    ("Ebrahim Raisi", "Ebrahim Reisi Nia"),
    ("Mostafa Pour-Mohammadi", "Mostafa Mohammadi"),
    ("Mostafa Pour-Mohammadi", "Morteza Pour-Mohammadi"),
    ("Morteza Eshraghi", "Mostafa Eshraghi"),
    ("Mir-Hossein Mousavi", "Hossein Mousavi"),
    ("Mir-Hossein Mousavi", "Mir-Hassan Mousavi"),
    ("Mir-Hossein Mousavi", "Mir-Hossein Mousavian"),
    ("Maryam Rajavi", "Massoud Rajavi"),  # wife and husband
    ("Maryam Rajavi", "Mariam Rahavi"),
    ("Javad Zarif", "Javid Zarif"),
    ("Hossein Ali Nayeri", "Hossein Ali Naderi"),
    ("Mohammad Hosseini", "Mohammad Hassani"),
    ("Ali Hosseini", "Ali Husseini Khamenei"),
    ("Hamid Ansari", "Hamid Ansar"),
    ("Mark Warner", "Mark Werner"),  # English surnames differ in their first vowel
    ("Anna Marshall", "Anna Mershall"),
    ("Jo Ebling", "Jo Ibling"),  # an opening e/i may differ in a given name, never in a surname
]


@pytest.mark.parametrize(("a", "b"), SAME_PERSON)
def test_spellings_of_one_name_join(a, b):
    assert same_name(key(a), key(b))
    assert same_name(key(b), key(a))


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PEOPLE)
def test_different_people_stay_apart(a, b):
    assert not same_name(key(a), key(b))
    assert not same_name(key(b), key(a))


def test_the_lists_are_long_enough_and_distinct():
    assert len(SAME_PERSON) >= 40 and len(DIFFERENT_PEOPLE) >= 40
    assert not {frozenset(p) for p in SAME_PERSON} & {frozenset(p) for p in DIFFERENT_PEOPLE}


def test_a_vowel_persian_leaves_unwritten_may_differ_only_in_longer_names():
    assert same_word("Montazeri", "Montazari")
    assert not same_word("Hamid", "Hamed")  # two names, not two spellings
    assert not same_word("Khomeini", "Khamenei")
    assert same_word("Mehdi", "Mahdi") and not same_word("Werner", "Warner", surname=True)


def test_look_alike_first_names_are_flagged_for_an_admin():
    assert near_name(key("Hassan Rouhani"), key("Hossein Rouhani"))
    assert near_name(key("Mohammad Rezaei"), key("Mahmoud Rezaei"))
    assert not near_name(key("Ahmad Montazeri"), key("Hossein-Ali Montazeri"))
    assert not near_name(key("Hassan Rouhani"), key("Hassan Rohani"))  # joined, not near


def test_the_registry_keeps_one_entry_per_person_and_says_what_it_joined():
    from citebot.index.voices.people import Registry

    registry = Registry()
    father = registry.add("Hossein-Ali Montazeri")
    assert registry.add("Hussein-Ali Montazari") is father
    assert registry.add("Hosseinali Montazeri") is father
    son = registry.add("Ahmad Montazeri")
    assert son is not father
    hassan = registry.add("Hassan Rouhani")
    assert registry.add("Hossein Rouhani") is not hassan
    assert registry.joined == {"Hussein-Ali Montazari": father.id, "Hosseinali Montazeri": father.id}
    assert ("hossein-rouhani", "hassan-rouhani") in registry.near
    text = "In a letter, Hussein Ali Montazari wrote that the killings must stop."
    [mention] = registry.mentions(text)
    assert mention.person == father.id
    assert text[mention.start:mention.end] == "Hussein Ali Montazari"


def test_an_admins_split_keeps_two_names_apart_however_they_would_join():
    from citebot.index.voices.overrides import Overrides, apply
    from citebot.index.voices.people import Registry

    registry = Registry()
    apply(registry, Overrides(split=[("Hossein-Ali Montazeri", "Hossein Montazeri"),
                                     ("Hossein-Ali Montazeri", "Hussein-Ali Montazari")]))
    father = registry.add("Hossein-Ali Montazeri")
    assert registry.add("Hossein Montazeri") is not father  # the middle-name rule would join them
    assert registry.add("Hussein-Ali Montazari") is not father  # and so would the transliteration rule
    assert registry.add("Hossein Ali Montazeri") is father  # a name no one split still joins
    third = registry.add("Hosein Ali Montazeri")  # a spelling of both: it joins neither, and the admin is told
    assert third not in (father, registry.entries["hussein-ali-montazari"])
    assert {(third.id, father.id), (third.id, "hussein-ali-montazari")} <= registry.near
    assert not {p for p in registry.near if set(p) == {father.id, "hussein-ali-montazari"}}  # split: no news


def test_an_admins_merge_makes_a_name_someone_elses_spelling():
    from citebot.index.voices.overrides import Overrides, apply
    from citebot.index.voices.people import Registry

    registry = Registry()
    apply(registry, Overrides(merge=[("Hassan Rouhani", "Hossein Rouhani")]))
    hassan = registry.add("Hassan Rouhani")
    assert registry.add("Hossein Rouhani") is hassan
    [mention] = registry.mentions("Later Hossein Rouhani said so.")
    assert mention.person == hassan.id
