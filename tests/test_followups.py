"""A reply to an answer, read with that answer's person, document and topic (issue 21, item 5), on the bundled
corpus: what the reply is read as, the note that says so, and the question back when it cannot tell whom or which.
Through Telegram: tests/test_telegram.py (replies in private chats and groups, "More" on a follow-up's answer)."""

from __future__ import annotations

import json

import pytest

from citebot.index.answers.followup import Earlier, read

MONTAZERI = "Hossein-Ali Montazeri"
NOTE = "Read “{typed}” as about {about}, from the answer you replied to."


def test_what_did_he_say_after_who_is_that_persons_direct_quotations(answerer):
    a = answerer.ask("what did he say?", ["/who Montazeri"])
    assert a.message == NOTE.format(typed="what did he say?", about=MONTAZERI) + "\nDirect quotations of " + MONTAZERI + ":"
    assert (a.command, a.question["follows"]) == ("quote", "/who Montazeri")
    assert a.results and {r.speaker for r in a.results} == {MONTAZERI}
    assert a.results[0].excerpt.startswith("“the greatest crime committed during the reign of the Islamic Republic")
    assert a.results == answerer.ask(f"/quote {MONTAZERI}").results  # the same excerpts as the command


@pytest.mark.parametrize("reply", ["who is he?", "Who was that", "tell me about him", "او کیست؟"])
def test_who_is_he_after_a_quote_is_who_of_its_speaker(answerer, reply):
    a = answerer.ask(reply, ["/quote Robertson"])
    assert a.message.startswith(NOTE.format(typed=reply, about="Geoffrey Robertson") + "\n" +
                                "Geoffrey Robertson, in the words of the sources.")
    assert a.person and a.person.name == "Geoffrey Robertson"


def test_a_persian_reply_asks_in_persian_and_is_answered_the_same(answerer):
    fa, en = answerer.ask("او چه گفت؟", ["/who Montazeri"]), answerer.ask("what did he say?", ["/who Montazeri"])
    assert fa.command == "quote" and fa.results == en.results


def test_a_topic_in_the_reply_keeps_only_quotations_about_it(answerer):
    a = answerer.ask("what did he say about history?", ["/who Montazeri"])
    assert a.message.startswith(NOTE.format(typed="what did he say about history?", about=MONTAZERI))
    assert a.question["topic"] == "history" and a.results
    assert all("history" in r.excerpt for r in a.results) and {r.speaker for r in a.results} == {MONTAZERI}


def test_who_said_that_after_source_is_who_of_the_one_speaker_of_those_words(answerer):
    a = answerer.ask("who said that?", ["/source abject failure"])
    assert a.message.startswith(NOTE.format(typed="who said that?", about="Phillip Luther") + "\n" +
                                "Phillip Luther, in the words of the sources.")


def test_he_after_a_search_is_never_picked_from_the_excerpts_but_asked(answerer):
    a = answerer.ask("what did she say?", ["mass graves"])
    assert a.results == [] and a.message == (
        "The answer you replied to names several people: Gulnara Shahinian, Geoffrey Robertson, Reza Shafiee. "
        "Which one? Send /quote or /who with the name.")


def test_he_after_an_answer_quoting_one_person_among_unattributed_excerpts_says_so(answerer):
    a = answerer.ask("what did he say?", ["/source mass graves"])
    assert a.results == [] and a.message == (
        "Some excerpts of the answer you replied to quote Geoffrey Robertson, others name no speaker, so I can't "
        "tell whom “what did he say?” means. Send /quote or /who with the name.")


def test_he_after_an_answer_naming_no_one_says_it_cannot_tell(answerer):
    a = answerer.ask("what did he say?", ["/docs"])
    assert a.results == [] and a.message == (
        "The answer you replied to quotes no one by name, so I can't tell whom “what did he say?” means. "
        "Send /who or /quote with a name.")


def test_when_and_where_ask_the_earlier_words_when_and_where(answerer):
    when = answerer.ask("when?", ["mass graves"])
    assert when.message.startswith(NOTE.format(typed="when?", about="mass graves") + "\n" +
                                   "Left out of the search as question words: when.")
    assert when.question["words"] == "when mass graves" and when.results
    where = answerer.ask("کجا؟", ["mass graves"])
    assert where.question["words"] == "where mass graves" and where.results


def test_more_from_this_document_keeps_the_earlier_words_in_that_document_only(answerer):
    a = answerer.ask("more from this document", ["/source abject failure"])
    assert a.message.startswith("Read “more from this document” as “abject failure” in Lack of Investigation into "
                                "1988 Massacre is an ‘Abject Failure’")
    assert a.results and {r.document.id for r in a.results} == {"mek-iran-2018-12-abject-failure"}
    assert a.question["document"] == "mek-iran-2018-12-abject-failure"


def test_which_document_after_one_document_is_its_card_and_after_several_asks_which(answerer):
    card = answerer.ask("which document?", ["/source abject failure"])
    assert card.command == "doc" and [d.id for d in card.documents] == ["mek-iran-2018-12-abject-failure"]
    several = answerer.ask("this document", ["/source refrigerated trucks"])
    assert several.documents == [] and several.message == (
        "The answer you replied to quotes several documents: Iran’s 1988 Massacre of the MEK: “Worst Crime Against "
        "Humanity Since WW2” – Geoffrey Robertson QC (/doc robertson-2020-worst-crime); It is time to bring to justice "
        "the perpetrators of the 1988 massacre in the Islamic Republic of Iran (/doc ngo-2020-bring-to-justice). "
        "Which one? Send /doc and its id.")


@pytest.mark.parametrize(("after", "reply", "command", "words"), [
    ("/who Raisi", "and Montazeri?", "who", "Montazeri"),
    ("/quote Robertson", "what about Montazeri", "quote", "Montazeri"),
    ("mass graves", "and Khavaran?", "search", "Khavaran"),
    ("/source refrigerated trucks", "how about mass graves?", "source", "mass graves"),
])
def test_and_x_asks_the_earlier_command_about_x(answerer, after, reply, command, words):
    a = answerer.ask(reply, [after])
    assert (a.command, a.question["words"], a.question["follows"]) == (command, words, after)
    assert a.message.startswith(NOTE.format(typed=reply, about=words))


@pytest.mark.parametrize("reply", ["mass graves", "Raisi", "and who ordered the executions?", "thanks!",
                                   "what did Robertson say?"])
def test_a_reply_that_is_a_question_of_its_own_is_answered_as_sent(answerer, reply):
    a = answerer.ask(reply, ["/who Montazeri"])
    assert "follows" not in a.question
    assert a.to_json() == answerer.ask(reply).to_json()


def test_a_reply_to_a_reply_follows_the_whole_thread(answerer):
    a = answerer.ask("who is he?", ["/source abject failure", "more from this document"])
    assert a.person and a.person.name == "Phillip Luther"  # every excerpt of the answer replied to is his
    b = answerer.ask("and Montazeri?", ["/who Raisi", "what did he say?"])  # the thread's command is /quote now
    assert b.command == "quote" and b.question["words"] == "Montazeri"


def test_earlier_is_about_the_person_of_who_not_the_sources_speaking_of_them(answerer):
    earlier = Earlier.of(answerer.ask("/who Montazeri"))
    assert earlier.people == (MONTAZERI,) and earlier.command == "who"
    assert read("what did he say?", earlier).line == f"/quote {MONTAZERI}"


def test_the_cli_answers_a_follow_up_with_after(cli):
    shown = json.loads(cli("ask", "--json", "--after", "/who Montazeri", "what did he say?"))
    assert shown["command"] == "quote" and shown["question"]["follows"] == "/who Montazeri"
    assert shown["results"][0]["speaker"] == MONTAZERI


def test_the_bot_remembers_a_follow_up_with_its_thread_and_a_line_as_typed():
    import asyncio

    from citebot.bot.state import THREAD, Asked, BotState

    async def round_trip(asked: Asked) -> Asked | None:
        state = BotState()
        return await state.recall(await state.remember(asked))

    for asked in [Asked("mass graves"), Asked("what did he say?", ("/who Raisi",)),
                  Asked("who is he?", ("/who Raisi", "and Montazeri?")), Asked('["a", "b"]'), Asked(THREAD + "[x"),
                  Asked("mass graves", (), "20261203-1"), Asked("who is he?", ("/who Raisi",), "20261203-1")]:
        assert asyncio.run(round_trip(asked)) == asked

    async def kept_before(stored: str) -> Asked | None:  # a thread a worker stored before generations were kept
        state = BotState()
        await state.shared.remember("old", stored)
        return await state.recall("old")

    assert asyncio.run(kept_before(THREAD + '["/who Raisi", "who is he?"]')) == Asked("who is he?", ("/who Raisi",))


def test_he_after_a_list_of_people_asks_which(answerer):
    a = answerer.ask("what did he say?", ["/who"])
    assert a.results == [] and a.message.startswith("The answer you replied to names several people: ")


@pytest.mark.parametrize("reply", ["what did he say?", "who is he?", "او چه گفت؟", "more from this document"])
def test_a_reply_to_an_answer_from_before_a_reindex_does_not_guess_what_it_refers_to(answerer, reply):
    """The documents changed since the answer replied to: its first page, and so "he", may be another now."""
    current = answerer.ask("/who Montazeri").generation
    fresh = answerer.ask(reply, ["/who Montazeri"], since=current)  # the same generation: followed up
    assert "answer.followup.changed" not in [p.key for p in fresh.phrases] and fresh.message
    a = answerer.ask(reply, ["/who Montazeri"], since="20200101-000000-1-1")
    assert a.results == [] and a.people == [] and a.person is None
    assert [p.key for p in a.phrases] == ["answer.followup.changed"]
    assert a.message.startswith(f"The documents were reindexed after the answer you replied to, so I can't be sure what “{reply}”")


def test_a_reply_that_is_no_follow_up_is_answered_as_sent_after_a_reindex_too(answerer):
    a = answerer.ask("/source mass graves", ["/who Montazeri"], since="20200101-000000-1-1")
    assert a.results == answerer.ask("/source mass graves").results
