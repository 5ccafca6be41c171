"""Whose words, on news-style sentences written for these tests: the speaker a user sees for each quotation.

Every text is read as a new collection of one document is (people discovered, then quotations,
referents and voices), so each case also checks that the speaker became a person.
"""

import pytest

from citebot.index.voices.people import Registry, discover
from citebot.index.voices.quotes import find_quotes
from citebot.index.voices.referents import find_referents
from citebot.index.voices.voices import find_voices


def read(text: str) -> tuple[Registry, dict[str, str | None]]:
    """The registry of a one-document collection, and each quotation (its first 30 characters) -> its speaker."""
    registry = Registry()
    discover(registry, [text])
    names = {e.id: e.name for e in registry.entries.values()}
    mentions = registry.mentions(text)
    quotes = find_quotes(text, mentions)
    referents = find_referents(text, mentions, [(q.start, q.end) for q in quotes])
    voices = find_voices(text, mentions, quotes, referents, names)
    return registry, {text[v.start:v.end][:30]: v.speaker for v in voices if v.kind in ("quotation", "reported")}


def speaker(text: str, opening: str) -> str | None:
    found = read(text)[1]
    return next(s for q, s in found.items() if q.startswith(opening))


# -- 1. a speech cue in the quotation's own sentence --------------------------------------------------------

@pytest.mark.parametrize("text, opening, who", [
    ('"We will rebuild the old bridge by spring," Dana Whitcombe said on Monday.', '"We will', "Dana Whitcombe"),
    ('"We will rebuild the old bridge by spring," said Dana Whitcombe.', '"We will', "Dana Whitcombe"),
    ('Dana Whitcombe said: "We will rebuild the old bridge by spring."', '"We will', "Dana Whitcombe"),
    ('Dana Whitcombe told reporters, “We will rebuild the old bridge by spring.”', "“We will", "Dana Whitcombe"),
    ('“We will rebuild the old bridge by spring,” Dana Whitcombe told the Gazette.', "“We will", "Dana Whitcombe"),
    ('The bridge is "going to be rebuilt by the spring," according to Dana Whitcombe.', '"going', "Dana Whitcombe"),
    ('"We will rebuild the old bridge by spring," Dana Whitcombe tweeted.', '"We will', "Dana Whitcombe"),
    ('"Why would anyone vote against the bridge?" asked Dana Whitcombe.', '"Why', "Dana Whitcombe"),
    ('When asked about the delay, Dana Whitcombe said, "We will rebuild it by spring."', '"We will', "Dana Whitcombe"),
    ('Said Dana Whitcombe: "We will rebuild the old bridge by spring."', '"We will', "Dana Whitcombe"),
])
def test_a_speech_cue_names_the_speaker_even_named_once(text, opening, who):
    assert speaker(text, opening) == who


# -- 2. names as news writes them ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, who", [
    ('"The numbers simply do not add up," TV9 host Marla Quist said.', "Marla Quist"),
    ('"The numbers simply do not add up," said White House press secretary Omar Feld.', "Omar Feld"),
    ('"The numbers simply do not add up," Lakeside Bank spokesman Tomas Perl said.', "Tomas Perl"),
    ('"The numbers simply do not add up," said Sen. Ilse Varga (D-Ore.) in an interview.', "Ilse Varga"),
    ('"The numbers simply do not add up," said Rep. Ilse Varga, R-Ohio, after the vote.', "Ilse Varga"),
    ('"The numbers simply do not add up," Gov. Ilse Varga said.', "Ilse Varga"),
    ('"The numbers simply do not add up," said Judge Ilse Varga.', "Ilse Varga"),
    ('"The numbers simply do not add up," Prof. Ilse Varga said.', "Ilse Varga"),
    ('"The numbers simply do not add up," Dr. Ilse Varga said.', "Ilse Varga"),
    ('"The numbers simply do not add up," said Senate Minority Whip Ilse Varga.', "Ilse Varga"),
    ('"The numbers simply do not add up," said Ilse M. Varga, a budget analyst.', "Ilse M. Varga"),
    ('"The numbers simply do not add up," said Ilse Varga, who chairs the panel with Karl Dorn.', "Ilse Varga"),
    ('"The numbers simply do not add up," Ilse Varga, a former aide to Karl Dorn, said.', "Ilse Varga"),
    ('"The numbers simply do not add up," Ilse Varga, the county treasurer, one of the plan\'s critics, said.',
     "Ilse Varga"),
    ('"The numbers simply do not add up," Dorn campaign manager Ilse Varga said.', "Ilse Varga"),
    ('"The numbers simply do not add up." ― Ilse Varga', "Ilse Varga"),
    ('Rep. Ilse Varga (R-Ohio): "The numbers simply do not add up."', "Ilse Varga"),
    ('"The numbers simply do not add up," said the party\'s deputy campaign manager, Ilse Varga, who ran it.',
     "Ilse Varga"),
    ('"The numbers simply do not add up," Ilse Varga, the analyst who wrote the report tweeted on Monday.',
     "Ilse Varga"),
    ('As Ilse Varga, the No. 2 in the party, put it: "The numbers simply do not add up."', "Ilse Varga"),
    ('"The numbers simply do not add up," state Sen. Ilse Varga (D) said.', "Ilse Varga"),
    ('"The numbers simply do not add up," said United Dock Workers Secretary-Treasurer Ilse Varga.', "Ilse Varga"),
    ("Lakeside State University's Ilse Varga agreed: \"The numbers simply do not add up.\"", "Ilse Varga"),
    ('In 2019, the former county treasurer, Ilse Varga, told the council: "The numbers simply do not add up."',
     "Ilse Varga"),
    # an office and what it is of, then the name
    ('"The numbers simply do not add up," said Secretary of State Ilse Varga.', "Ilse Varga"),
    ('"The numbers simply do not add up," said Minister of Justice Ilse Varga, who spoke in Bonn.', "Ilse Varga"),
    ('"The numbers simply do not add up," said the Speaker of the House Ilse Varga.', "Ilse Varga"),
    ('"The numbers simply do not add up," said Secretary of Homeland Security Ilse M. Varga.', "Ilse M. Varga"),
])
def test_a_description_before_or_after_the_name_is_not_the_name(text, who):
    assert speaker(text, '"The numbers') == who


@pytest.mark.parametrize("text, who", [
    ('"The merger will cost four thousand jobs," Amnesty International said.', "Amnesty International"),
    ('"The merger will cost four thousand jobs," the Dorn campaign said in a statement.', "the Dorn campaign"),
    ('"The merger will cost four thousand jobs," CNN reported.', "CNN"),
])
def test_organisations_speak(text, who):
    assert speaker(text, '"The merger') == who


def test_headline_words_and_sentence_openers_are_not_parts_of_a_name():
    text = ('Senator Nils Ekberg spoke on Monday. The plan, using the surplus, is not yet final.\n\n'
            'Ekberg Hints Reform Using Budget Surplus\n\n'
            'Yet Ekberg said: "We will pay for this without new taxes of any kind."')
    registry, found = read(text)
    assert {e.name for e in registry.entries.values()} == {"Nils Ekberg"}
    assert found['"We will pay for this without '] == "Nils Ekberg"


def test_a_capitalised_word_before_a_full_name_the_text_also_gives_is_not_part_of_it():
    text = ('Senator Nils Ekberg met voters.\n\nGrowing Nils Ekberg\n\n'
            '"We will pay for this without new taxes of any kind," Ekberg said.')
    registry, found = read(text)
    assert {e.name for e in registry.entries.values()} == {"Nils Ekberg"}
    assert found['"We will pay for this without '] == "Nils Ekberg"


def test_organisations_are_not_registered_as_people():
    registry, _ = read('"The merger will cost four thousand jobs," Amnesty International said.')
    assert registry.entries == {}


def test_menu_and_button_words_are_not_people():
    text = "Select Page\n\nHome\n\nShare this\n\nThe council met on Monday and approved the budget for next year."
    registry, found = read(text)
    assert registry.entries == {} and found == {}


def test_transcript_labels_are_the_named_speakers():
    text = ('Journalist Kira Holm moderated the debate between Senator Tomas Perl and Mayor Ada Quist.\n\n'
            'HOLM: Will you accept the result of this election?\n'
            'PERL: I will look at it at the time, and not before.\n'
            'HOLM: And you?\n'
            'QUIST: Yes, whatever it is.')
    registry = Registry()
    discover(registry, [text])
    mentions = registry.mentions(text)
    names = {e.id: e.name for e in registry.entries.values()}
    lines = [(v.speaker, text[v.start:v.end]) for v in find_voices(text, mentions, find_quotes(text, mentions), [], names)]
    assert lines == [("Kira Holm", "Will you accept the result of this election?"),
                     ("Tomas Perl", "I will look at it at the time, and not before."),
                     ("Kira Holm", "And you?"), ("Ada Quist", "Yes, whatever it is.")]


def test_a_label_naming_no_one_is_not_a_speaker():
    text = "UPDATE: The council postponed the vote.\n\nNOTE: Figures are from the city's own report."
    registry = Registry()
    discover(registry, [text])
    assert registry.entries == {} and find_voices(text, [], [], [], {}) == []


@pytest.mark.parametrize("text", [
    'Voters embracing Senator Nils Ekberg announced "a new era for the whole valley and its farms."',
    'Band member Ekberg posted the news, writing "Feels great to support someone who means it."',
])
def test_a_name_that_is_not_the_sentences_subject_is_not_the_speaker(text):
    found = read(text)[1]
    assert all(s is None for s in found.values())


def test_a_name_inside_a_description_is_not_the_speaker():
    text = ('Mayor Lena Holm opened the fair. '
            'Ekberg, a South Holm native who writes novels, says it is "where the loser becomes the main course."')
    assert speaker(text, '"where') == "Ekberg"


def test_the_sentences_subject_is_the_speaker_of_its_quotation():
    text = 'In his letter, Senator Nils Ekberg clearly states: "The farms will not be sold to anyone."'
    assert speaker(text, '"The farms') == "Nils Ekberg"


# -- 3. surnames --------------------------------------------------------------------------------------------

def test_a_later_surname_is_the_full_name_used_earlier():
    text = ('Mayor Petra Lindqvist opened the new library on Friday.\n\n'
            '"Every child in this town deserves a place to read," Lindqvist said.')
    assert speaker(text, '"Every child') == "Petra Lindqvist"


def test_a_shared_surname_goes_to_the_one_named_in_full_clearly_more_often():
    text = ('Petra Lindqvist met voters. Petra Lindqvist spoke twice. Her brother Nils Lindqvist stayed home.\n\n'
            '"Every child in this town deserves a place to read," Lindqvist said.')
    assert speaker(text, '"Every child') == "Petra Lindqvist"


def test_a_shared_surname_named_as_often_stays_unidentified():
    text = ('Petra Lindqvist and Nils Lindqvist both ran for the council seat.\n\n'
            '"Every child in this town deserves a place to read," Lindqvist said.')
    assert speaker(text, '"Every child') is None


def test_a_first_name_tells_two_people_sharing_a_surname_apart():
    text = ('Petra Lindqvist and Nils Lindqvist both ran for the council seat.\n\n'
            '"Every child in this town deserves a place to read," Nils Lindqvist said.')
    assert speaker(text, '"Every child') == "Nils Lindqvist"


# -- 4. pronouns --------------------------------------------------------------------------------------------

def test_a_pronoun_follows_the_thread_of_she_back_to_the_named_subject():
    text = ('Mayor Petra Lindqvist visited the flooded farms on Tuesday. She promised help before winter.\n\n'
            '"We will not leave anyone behind this time," she told AFP.')
    assert speaker(text, '"We will not') == "Petra Lindqvist"


def test_a_pronoun_whose_thread_reaches_two_people_stays_unidentified():
    text = ('Mayor Petra Lindqvist visited the flooded farms with Senator Karl Dorn on Tuesday. '
            'She promised help before winter.\n\n'
            '"We will not leave anyone behind this time," she told AFP.')
    assert speaker(text, '"We will not') is None


def test_a_pronoun_after_the_paragraph_speaker_is_that_speaker():
    text = ('"The farms need help now," Petra Lindqvist said at the meeting. '
            '"We will not leave anyone behind this time," she told AFP.')
    assert speaker(text, '"We will not') == "Petra Lindqvist"


def test_a_pronoun_goes_to_the_subject_not_the_last_named_person():
    text = ('Mayor Petra Lindqvist criticised the ministry and its head, Karl Dorn, on Tuesday. '
            '"We will not leave anyone behind this time," she said.')
    assert speaker(text, '"We will not') is None  # two people in the sentence before: not certain


def test_a_pronoun_opening_its_paragraph_goes_to_the_previous_subject():
    text = ('Petra Lindqvist, the regional governor, visited the flooded farms on Tuesday.\n\n'
            '"We will not leave anyone behind this time," she said.')
    assert speaker(text, '"We will not') == "Petra Lindqvist"


# -- 5. continuation ----------------------------------------------------------------------------------------

def test_a_quotation_after_the_cue_in_the_same_paragraph_keeps_the_speaker():
    text = '"It was close," Petra Lindqvist said. "We counted every ballot twice and the result held."'
    assert speaker(text, '"We counted') == "Petra Lindqvist"


def test_a_paragraph_that_is_only_a_quotation_continues_the_speaker_before():
    text = ('"It was a very close count," Petra Lindqvist said.\n\n'
            '"We counted every ballot twice and the result held."')
    assert speaker(text, '"We counted') == "Petra Lindqvist"


def test_a_quotation_running_over_paragraphs_keeps_its_speaker():
    text = ('Petra Lindqvist said: “It was a very close count.\n\n'
            '“We counted every ballot twice and the result held.”')
    found = read(text)[1]
    assert found["“It was a very close count."] == "Petra Lindqvist"
    assert found["“We counted every ballot twice"] == "Petra Lindqvist"


# -- rules that hold ----------------------------------------------------------------------------------------

def test_the_window_never_crosses_a_paragraph_end():
    text = ('The court ruled against Karl Dorn on Monday.\n\n'
            '"The evidence was overwhelming and the law is clear," said Judge Petra Lindqvist.\n\n'
            'Dorn said he would appeal.')
    assert speaker(text, '"The evidence') == "Petra Lindqvist"


def test_a_judges_ruling_is_the_judges_not_the_defendants():
    text = ('The defendant, Karl Dorn, denied every charge and spoke for an hour.\n\n'
            '"The evidence was overwhelming and the sentence is upheld," said Court of Appeals Judge Robert Green.')
    assert speaker(text, '"The evidence') == "Robert Green"


def test_a_description_with_a_place_and_an_organisation_before_the_name():
    text = ('"The families deserve the truth and they deserve it now," '
            'said London-based Amnesty Secretary General Agnès Callamard.')
    assert speaker(text, '"The families') == "Agnès Callamard"


def test_a_cue_in_the_next_paragraph_is_not_the_speaker():
    text = ('"The evidence was overwhelming and the law is clear."\n\n'
            'Karl Dorn said he would appeal.')
    assert speaker(text, '"The evidence') is None


def test_the_inverted_tag_names_the_speaker_not_the_relative_clause():
    text = ('"I spent ten years in that prison for nothing," said Omid Razi, who was freed by Judge Karl Dorn.\n\n'
            'Karl Dorn declined to comment.')
    assert speaker(text, '"I spent') == "Omid Razi"


def test_mixed_marks_pair():
    text = 'Petra Lindqvist said: "We counted every ballot twice and the result held.” The count ended.'
    found = read(text)[1]
    assert found['"We counted every ballot twice'] == "Petra Lindqvist"


def test_an_opening_mark_typed_as_the_closing_one_still_closes():
    text = '“If we lose the vote, that could create real problems for us,“ said Senator Nils Ekberg.'
    assert speaker(text, '“If we lose') == "Nils Ekberg"


@pytest.mark.parametrize("text", [
    '"Boots on the ground" would be the right answer now, Senator Nils Ekberg said after the attack.',
    '"It seems extremely unlikely" that the count will change, said Senator Nils Ekberg, a party elder.',
])
def test_a_cue_closing_the_sentence_a_quotation_opens_names_its_speaker(text):
    assert speaker(text, '"') == "Nils Ekberg"


def test_the_subject_urging_someone_else_saying_is_the_speaker():
    text = ('Ada Quist, a former secretary of state, urged voters to back Senator Nils Ekberg, saying, '
            '"There is no better choice for this state."')
    assert speaker(text, '"There is') == "Ada Quist"


def test_short_quoted_terms_without_a_cue_are_not_quotations():
    text = 'The so-called "reform" was passed. Critics of the "new deal" were loud. It was a "win" for nobody.'
    assert read(text)[1] == {}


def test_quotes_inside_quotes_name_both():
    text = ('“The minister told us, ‘Nothing will change before the election,’ and then left,” '
            'Petra Lindqvist said.')
    found = read(text)[1]
    assert found["“The minister told us, ‘Nothin"] == "Petra Lindqvist"
    assert found["‘Nothing will change before th"] is None  # "the minister", unnamed: reported by Lindqvist


def test_a_named_speaker_inside_a_quotation_is_reported_by_the_outer_one():
    text = ('“The minister, Karl Dorn, told us, ‘Nothing will change before the election,’ and then left,” '
            'Petra Lindqvist said.')
    registry = Registry()
    discover(registry, [text])
    mentions = registry.mentions(text)
    names = {e.id: e.name for e in registry.entries.values()}
    voices = [(v.kind, v.speaker, v.reported_by, text[v.start:v.end][:20])
              for v in find_voices(text, mentions, find_quotes(text, mentions), [], names)]
    assert voices == [("quotation", "Petra Lindqvist", None, "“The minister, Karl "),
                      ("reported", "Karl Dorn", "Petra Lindqvist", "‘Nothing will change")]


# -- 100+ sentences whose honest answer is "speaker not identified" -----------------------------------------

UNNAMED_SOURCES = [
    "a spokesman", "a spokeswoman for the company", "one official", "another official", "officials",
    "a senior official who asked not to be named", "the senator", "the mayor", "the governor's office",
    "a neighbour", "one resident", "some voters", "two aides", "an adviser", "a former aide",
    "the statement", "the report", "a lawyer for the family", "his lawyer", "her spokesman",
    "the company", "the ministry", "police", "witnesses", "a source close to the talks", "the judge",
    "one New Hampshire Democrat", "a South Carolina voter", "an Iowa farmer", "another New York delegate",
    # someone related to a named person: the name is not the speaker's
    "the son of Marta Quell", "the lawyer for Marta Quell", "the former chief of staff to Marta Quell",
    "the mother of Ivo Brandt", "a neighbour of Ivo Brandt", "the widow of Ivo Brandt",
]
UNIDENTIFIED = [
    '"The verdict is already written," said the lawyer for Marta Quell, Tomas Riedel.',
    # an office with no name after it: what it is of is no one ("Washington" could be a surname)
    'George Washington was the first president. "It will be done," said the Governor of Washington.',
    '"It will be done," said the Governor of Texas, who was in town.',
    '"It will be done," said Secretary of State Varga.',
    '"It will be done," said Director of National Intelligence Ilse Varga.',  # where does the office end?
    '"This is not over," said the mother of Ivo Brandt, Rosa Brandt.',
    *[f'"We are not going to accept this deal at all," {who} said.' for who in UNNAMED_SOURCES],
    *[f'"We are not going to accept this deal at all," said {who}.' for who in UNNAMED_SOURCES],
    '"We will not back down on the budget," he said.',
    '"We will not back down on the budget," she told reporters.',
    '"We will not back down on the budget," they said in a statement.',
    'He said: "We will not back down on the budget."',
    'Karl Dorn met Petra Lindqvist on Tuesday. "We will not back down on the budget," she said.',
    'Karl Dorn and Petra Lindqvist met on Tuesday. "The talks went well, all things considered," he said.',
    'Karl Dorn was there.\n\n"We will not back down on the budget," the minister said.',
    'Karl Dorn arrived late.\n\n"We will not back down on the budget."',
    'Petra Lindqvist won.\n\nKarl Dorn lost.\n\n"It is a new day for this city and its people."',
    'The sign on the door read "closed until further notice, sorry."',
    'Critics called the plan "a costly mistake for the whole city."',
    'The slogan "make the river clean again" was painted on every wall.',
    'A banner reading "no more cuts to our schools" hung from the bridge.',
    'According to a report, "the economy is slowing down faster than expected."',
    'According to the poll, "most voters have not made up their minds yet."',
    '"Stay home tonight and lock your doors," read a message on the phone.',
    'The headline said "Council votes to close the library for good."',
    'Voters were asked whether "the city should raise taxes to pay for roads."',
    'The law bans what it calls "unfair and deceptive business practices of any kind."',
    '"It is over for the old guard now," a woman who declined to give her name said.',
    '"It is over for the old guard now," said a man in the crowd.',
    '"It is over for the old guard now," one protester shouted.',
    '"It is over for the old guard now," someone wrote on the wall.',
    'The chant "lock the gates, save the farms" rang out across the square.',
    'Officials said: "The water is safe to drink again from today."',
    'Sources said "a deal could come as early as Friday night."',
    'Reports that "the plant will close next year" were denied.',
    'The memo, titled "What we do when the money runs out," was leaked.',
    'The film "A Long Road Back Home Again" opens on Friday.',
    'Karl Dorn\'s book, "The Long Road Back Home," sold well.',
    'Petra Lindqvist read the letter aloud. "Dear friends, the farm is sold," it began.',
    '"We will not back down on the budget," the Ministry of Finance official said.',
    'The minister\'s aide, speaking on condition of anonymity, said "there is no plan B at all."',
    'In a statement, the agency said it "regrets the delay and the confusion it caused."',
    'The crowd shouted "four more years, four more years" as the band played.',
    'What the voters wanted was "change, and lots of it, right now."',
    'The words "never again, not in our name" were carved into the stone.',
    '"Who will pay for all of this in the end?" the editorial asked.',
    'The ad ends with a question: "Can you trust them with your money?"',
    '"Let them eat cake and be happy," the old saying goes.',
    'Under the new rule, anything "likely to cause public alarm or harm" is banned.',
    'Karl Dorn said he would fight. Petra Lindqvist said she would not.\n\n"We will see who is right in the end."',
    'The report by Karl Dorn found that "most of the money was never spent."',
    'Karl Dorn\'s critics say his plan is "nothing more than a tax on the poor."',
    'Petra Lindqvist\'s office said in a statement that "the talks have stalled for now."',
    'Asked whether the deal would hold, Karl Dorn shrugged. "Nobody knows that for sure yet," an aide said.',
    '"We will not back down on the budget," Dorn aides said.',
    '"We will not back down on the budget," Lindqvist supporters chanted.',
    'Press Secretary said: "We will not back down on the budget."',
    'Update: "We will not back down on the budget."',
    'Breaking News: "We will not back down on the budget."',
    'Ekberg Addresses Flood Victims: "We will not back down on the budget."',
]


def test_there_are_over_a_hundred_unidentified_cases():
    assert len(UNIDENTIFIED) >= 100


@pytest.mark.parametrize("text", UNIDENTIFIED)
def test_speaker_not_identified(text):
    """Every quotation here has no speaker a reader could name: any name given is wrong."""
    found = read(text)[1]
    named = {q: s for q, s in found.items() if s is not None}
    assert named == {}
