"""Whose words: every quotation, speech and reported order of the bundled corpus against a hand-checked list.

The list below was written by reading the five documents, not from the
program's output. A wrong speaker is the worst error citebot can make, so the
test fails on any; a missed speaker (None where the text names one) only
lowers recall, which the test prints.
"""

from pathlib import Path

import pytest

from citebot.index.text.clean import clean
from citebot.index.voices.quotes import find_quotes
from citebot.index.voices.referents import find_referents
from citebot.index.voices.voices import find_voices
from tests.test_people import seed_registry

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
DOCS = {n: p for n, p in enumerate(sorted(CORPUS.glob("*.txt")))}

# (document number, how the voice's text opens, its speaker as the text names it, or None where it does not)
HAND_CHECKED = [
    (0, "“Worst Crime Against Humanity Since WW2”", "Geoffrey Robertson"),  # headline: "“...” – Geoffrey Robertson QC"
    (0, "“a complex multi-faceted operation.”", None),  # what the regime called its campaign
    (0, "“July 19th marks the anniversary", "Morgan Ortagus"),
    (0, "“Free Iran Global Summit”", None),  # an event's name
    (0, "“Death Commissions.”", None),
    (0, "Good evening, Madam Rajavi", "Geoffrey Robertson"),  # the speech given in full
    (1, "“Those who are in prisons", "Ruhollah Khomeini"),
    (1, "“It is naive to show mercy", "Ruhollah Khomeini"),
    (1, "‘most ferocious against infidels.’", None),  # Khomeini quoting scripture, unnamed
    (1, "“The greatest crime committed", "Hossein-Ali Montazeri"),
    (1, "“What is your crime.”", None),  # "the death committee asked"
    (1, "“being member or sympathizer", None),  # what a prisoner might say
    (1, "“July 19th marks the anniversary", "Morgan Ortagus"),
    (1, "“The leading figures in this evil regime", "31 American personalities"),  # "a statement by 31 ..."
    (1, "“We recommend that countries", "31 American personalities"),  # "The statement adds, “..."
    (1, "“Let us warn the UN", "Tahar Boumedra"),
    (1, "“By his fatwa sanctioning", "Maryam Rajavi"),
    (1, "“The sacred blood of those martyrs", "Maryam Rajavi"),
    (2, "“Khomeini hastily put together", "Reza Shafiee"),
    (2, "“one of the most heinous crimes", "Reza Shafiee"),  # the article quoting Shafiee's piece
    (2, "“Impunity for crimes in those days", "Reza Shafiee"),
    (2, "“Death Commission”", None),
    (2, "“the greatest crime committed during the reign", "Hossein-Ali Montazeri"),
    (2, "“Movement for Justice”", None),  # a campaign's name, though "she led ... a campaign called"
    (2, "“to carry out God’s will”", "Mostafa Pour-Mohammadi"),
    (2, "“an abject failure”", "Phillip Luther"),  # 3 words, speaker named as the subject
    (2, "“catastrophic consequences", "Phillip Luther"),
    (3, "‘ongoing crime against humanity’", None),
    (3, "“July 19th marks the anniversary", "Morgan Ortagus"),
    (3, "“Blood-soaked secrets", None),  # a report's title
    (3, "“Between July and August 1988", "Asma Jahangir"),
    (3, "“Over the years, a high number", "Asma Jahangir"),
    (3, "“OHCHR continued to receive", "António Guterres"),
    (3, "“The 88 massacre", "Zeid Ra’ad Al Hussein"),
    (3, '"After days of protests', "Reuters"),
    (3, "Do whatever it takes to stop them.", "Ali Khamenei"),  # "he issued an order:", inside Reuters' text
    (3, "“extremely concerned about", "Michelle Bachelet"),  # "the High Commissioner said she is"
    (3, "“Many of the arrested protesters", "Michelle Bachelet"),
    (3, "“‘We have caught all", "The Wall Street Journal"),
    (3, "‘We have caught all", "Ali Fadavi"),
    (3, "“‘The judicial system", "The Wall Street Journal"),
    (3, "‘The judicial system", "Ali Fadavi"),
    (3, "“fifth column”", "Ahmad Alamolhoda"),
    (4, "“Khomeini's fatwa was an explicit decree", "Maryam Rajavi"),
    (4, "“death commission,”", None),
    (4, "“The fact that such a large", "Maryam Rajavi"),
    (4, "“Over the past 33 years", "Maryam Rajavi"),
    (4, "“as genocide and a crime against humanity.”", "Maryam Rajavi"),
    (4, "“They must not accept Raisi", "Maryam Rajavi"),
    (4, "“visit the Iranian regime's prisons", "Maryam Rajavi"),
    (4, "“The dossier of human rights violations", "Maryam Rajavi"),
    (4, "“It is important to see", "Geoffrey Robertson"),
    (4, "“When the news of these killings", "Geoffrey Robertson"),
    (4, "“It is moving for me", "Kumi Naidoo"),
    (4, "“Governments that behave like this", "Kumi Naidoo"),
    (4, "“Despite all the calls", "Audronius Ažubalis"),
    (4, "“I would like to call on the EU", "Audronius Ažubalis"),
    (4, "“All international jurisdictions", "Eric David"),
    (4, "“The roles of states", "Gulnara Shahinian"),
    (4, "“The international community must do much more", "Gulnara Shahinian"),
]


@pytest.fixture(scope="module")
def found():
    """Every voice of every bundled document, as (document number, text, voice)."""
    registry = seed_registry(CORPUS.parent / "config" / "people.yaml")
    names = {e.id: e.name for e in registry.entries.values()}
    out = []
    for n, path in DOCS.items():
        text = clean(path.read_text(encoding="utf-8")).text
        mentions = registry.mentions(text)
        quotes = find_quotes(text, mentions)
        referents = find_referents(text, mentions, [(q.start, q.end) for q in quotes])
        out += [(n, text[v.start:v.end], v) for v in find_voices(text, mentions, quotes, referents, names)]
    return out


def _speaker(found, doc: int, opening: str) -> str | None:
    return next((v.speaker for n, text, v in found if n == doc and text.startswith(opening)), None)


def test_no_wrong_speaker_and_measured_recall(found):
    wrong, right, missed = [], 0, []
    for doc, opening, truth in HAND_CHECKED:
        got = _speaker(found, doc, opening)
        if got is not None and got != truth:
            wrong.append((doc, opening, got, truth))
        elif got is not None:
            right += 1
        elif truth is not None:
            missed.append((doc, opening, truth))
    named = right + len(wrong)
    truths = sum(1 for *_, t in HAND_CHECKED if t)
    print(f"\nspeakers: precision {right}/{named} = {right / named:.3f}, recall {right}/{truths} = "
          f"{right / truths:.3f}; missed: {missed}")
    assert wrong == []
    assert right / truths >= 0.95


def test_every_named_voice_is_hand_checked(found):
    """A voice the program names a speaker for must be on the list, so precision covers all of them."""
    checked = {(d, o) for d, o, _ in HAND_CHECKED}
    unlisted = [(n, text[:40], v.speaker) for n, text, v in found
                if v.speaker and not any(d == n and text.startswith(o) for d, o in checked)]
    assert unlisted == []


def test_the_speech_reproduced_in_full_runs_to_where_the_document_resumes(found):
    (speech,) = [(text, v) for n, text, v in found if v.kind == "speech"]
    text, v = speech
    assert v.speaker == "Geoffrey Robertson" and text.startswith("Good evening, Madam Rajavi")
    assert text.rstrip().endswith("one of the worst crimes against humanity.")  # the document's last words
    assert "The following is the full text" not in text  # the introduction is the document's voice


def test_nested_quotations_are_reported_by_the_outer_source(found):
    inner = [v for n, text, v in found if text.startswith("‘We have caught")]
    assert [(v.speaker, v.kind, v.reported_by) for v in inner] == [("Ali Fadavi", "reported", "The Wall Street Journal")]
    assert inner[0].role == "deputy commander of Iran’s Islamic Revolutionary Guard Corps"


@pytest.mark.parametrize("text, speaker, kind", [
    # made-up texts, one per way a speech is introduced
    ("Dr. Ahmed Shaheed told the Council:\n\nWe have heard the families. They deserve answers.\n\n"
     "The session then ended.", "Ahmed Shaheed", "speech"),
    ("Professor Jane Okafor, a jurist, said in her remarks:\n\nThe evidence is overwhelming.\n\n"
     "Other speakers agreed.", "Jane Okafor", "speech"),
])
def test_introduced_speeches(text, speaker, kind):
    from citebot.index.voices.people import Registry, discover
    registry = Registry()
    discover(registry, [text])
    names = {e.id: e.name for e in registry.entries.values()}
    mentions = registry.mentions(text)
    voices = find_voices(text, mentions, find_quotes(text, mentions), [], names)
    assert [v.kind for v in voices] == [kind]
    assert speaker in voices[0].speaker
    body = text[voices[0].start:voices[0].end]
    assert body.split()[0] in ("We", "The") and "then ended" not in body and "Other speakers" not in body


def test_a_group_statement_is_its_signatories_words():
    text = ("Also, an open letter from 150 former UN officials reads: “The killings must be investigated.” "
            "The letter adds, “No one is above the law.”")
    from citebot.index.voices.quotes import find_quotes as fq
    voices = find_voices(text, [], fq(text, []), [], {})
    assert [(v.speaker, text[v.start:v.end][:12]) for v in voices] == [
        ("150 former UN officials", "“The killing"), ("150 former UN officials", "“No one is a")]


def test_a_colon_without_a_named_speaker_is_no_speech():
    text = "The report lists three findings:\n\nThe graves were hidden. The families were silenced."
    assert find_voices(text, [], [], [], {}) == []
