"""Telegram as people use it, end to end: no silences, everything tappable, edits, follow-ups, checkable citations.

A real `citebot serve` talks to the fake Bot API server; every call it makes is
checked against the Bot API description and Telegram's HTML rules.
"""

from __future__ import annotations

import json
import time

import bibtexparser
import pytest
import rispy

from tests.botproc import bundled_bot, message
from tests.fake_telegram import BOT, FakeTelegram, TelegramHTML
from tests.users import added_to_group, edited, media, press, reply_to

pytestmark = pytest.mark.e2e
USER, GROUP = 5101, -100600


@pytest.fixture(scope="module")
def tg(tmp_path_factory, bundled):
    with bundled_bot(tmp_path_factory.mktemp("telegram"), bundled, CITEBOT_TELEGRAM_FLOOD_MESSAGES=1000) as server:
        yield server


def sent_to(tg: FakeTelegram, chat: int, since: int, method: str = "sendMessage") -> list[dict]:
    return [p for m, p in tg.calls[since:] if m == method and int(p["chat_id"]) == chat]


def push(tg: FakeTelegram, update: dict, chat: int, method: str = "sendMessage", settle: float = 0.3) -> list[dict]:
    """Push an update; return the calls of `method` to `chat` it caused (at least one)."""
    n = len(tg.calls)
    tg.push(update)
    deadline = time.monotonic() + 20
    while not sent_to(tg, chat, n, method) and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(settle)
    found = sent_to(tg, chat, n, method)
    assert found, f"no {method} to {chat}; calls: {[c[0] for c in tg.calls[n:]]}"
    return found


def only_the_next_answer(tg: FakeTelegram, chat: int, since: int) -> bool:
    """Ask for /docs and wait for the listing: True when it is the only message sent to `chat` since `since`.

    Messages into one chat go out one a second, in turn, so anything the bot was still
    about to send (an error notice, a second answer) would have come before the listing.
    """
    tg.push(message("/docs", chat=chat))
    tg.wait_for(lambda m, p: m == "sendMessage" and int(p["chat_id"]) == chat and "documents in the collection" in p["text"])
    return [p["text"].split(",")[0] for p in sent_to(tg, chat, since)] == ["5 documents in the collection"]


def nothing_sent(tg: FakeTelegram, update: dict, chat: int, wait: float = 1.0) -> None:
    n = len(tg.calls)
    tg.push(update)
    time.sleep(wait)
    assert sent_to(tg, chat, n) == []


def buttons(p: dict) -> list[dict]:
    markup = p.get("reply_markup")
    rows = (json.loads(markup) if isinstance(markup, str) else markup or {}).get("inline_keyboard", [])
    return [b for row in rows for b in row]


def say(tg: FakeTelegram, text: str, chat: int = USER, **kw) -> list[dict]:
    return push(tg, message(text, chat=chat, **kw), chat)


# -- no silences -------------------------------------------------------------------------------


def test_an_unknown_command_gets_one_line_on_what_the_bot_does(tg):
    (reply,) = say(tg, "/foo")
    assert reply["text"] == ("I don't know /foo. I answer with exact quotes from Iran's 1988 prison massacre: try "
                             "/who Ruhollah Khomeini, /docs, or just type words. /help")  # the most named person
    assert "/docs" in reply["text"] and "\n" not in reply["text"]


@pytest.mark.parametrize("kind", ["photo", "sticker", "voice"])
def test_media_in_a_private_chat_get_one_line(tg, kind):
    (reply,) = push(tg, media(kind, USER), USER)
    assert reply["text"].startswith("I can only read text. I answer with exact quotes from Iran's 1988 prison")


def test_a_photo_caption_is_a_question(tg):
    (reply,) = push(tg, media("photo", USER, caption="Hamid Nouri"), USER)
    assert reply["text"].startswith("Excerpts for “Hamid Nouri”:") and "<b>Hamid</b> <b>Nouri</b>" in reply["text"]


def test_added_to_a_group_the_bot_introduces_itself_in_two_lines(tg):
    (intro,) = push(tg, added_to_group(GROUP - 1, by=USER), GROUP - 1)
    lines = intro["text"].split("\n")
    assert len(lines) == 2
    assert lines[0] == "Hello! I answer questions about Iran&#x27;s 1988 prison massacre with exact, cited quotes."
    assert "/who NAME" in lines[1] and "reply to one of my answers" in lines[1]


def test_in_groups_only_commands_naming_the_bot_get_the_unknown_command_line(tg):
    nothing_sent(tg, message("/foo", chat=GROUP, user=USER, chat_type="supergroup"), GROUP)
    nothing_sent(tg, message("/who@some_other_bot Raisi", chat=GROUP, user=USER, chat_type="supergroup"), GROUP)
    (reply,) = say(tg, f"/foo@{BOT['username']}", chat=GROUP, user=USER, chat_type="supergroup")
    assert reply["text"].startswith("I don't know /foo.")


# -- everything tappable -----------------------------------------------------------------------


def test_docs_lists_tappable_commands_that_open_each_document(tg):
    (listing,) = say(tg, "/docs")
    text = listing["text"]
    assert "/doc mek" not in text
    for n in range(1, 6):
        assert f"open: /doc_{n}" in text
    third = text.split("\n3. ", 1)[1].split(" · ", 1)[0]  # the third document's (linked) title
    (card,) = say(tg, "/doc_3")
    assert third in card["text"]
    (card_again,) = say(tg, f"/doc_3@{BOT['username']}", chat=GROUP, user=USER, chat_type="supergroup")
    assert card_again["text"] == card["text"]
    nothing_sent(tg, message("/doc_3@some_other_bot", chat=GROUP, user=USER, chat_type="supergroup"), GROUP)
    (missing,) = say(tg, "/doc_99")
    assert missing["text"] == "There is no document 99: there are 5. Send /docs for the list."
    (bare,) = say(tg, "/doc")
    assert bare["text"] == listing["text"]


def test_people_listed_open_with_one_tap(tg):
    (everyone,) = say(tg, "/who")
    assert [b["text"] for b in buttons(everyone)][:3] == ["Ruhollah Khomeini", "Ebrahim Raisi", "Maryam Rajavi"]
    (guess,) = say(tg, "/who Khomeni")  # as close to Khomeini as to Khamenei: candidates, never a guess
    assert guess["text"].startswith("“Khomeni” could be several people: Ruhollah Khomeini, Ali Khamenei.")
    reply = pressed(tg, button(guess, "Ali Khamenei"))
    assert reply["text"].startswith("Ali Khamenei, in the words of the sources.")


def test_words_in_another_script_are_told_the_documents_language(tg):
    (reply,) = say(tg, "казнь")  # Persian has its own glossary (tests/test_persian.py); Russian does not
    assert reply["text"] == "No document mentions “казнь”.\n<i>The documents are in English: try words in English.</i>"
    (reply,) = say(tg, "zzxqv")
    assert reply["text"] == "No document mentions “zzxqv”."


def test_help_has_tappable_commands_inline_mode_and_a_documents_button(tg):
    (reply,) = say(tg, "/help")
    text = reply["text"]
    assert "/doc " not in text and "/docs: the documents (tap one to open it)" in text
    assert f"type @{BOT['username']} and a few words" in text
    (docs,) = [b for b in buttons(reply) if b["text"] == "📚 The documents"]
    (listing,) = push(tg, press(docs["callback_data"], USER, USER), USER)
    assert listing["text"].startswith("5 documents in the collection, earliest first:")


# -- edits and follow-ups ----------------------------------------------------------------------


def test_an_edited_question_edits_its_answer_in_place(tg):
    question = tg.push(message("/who Raisi", chat=USER + 1))
    tg.wait_for(lambda m, p: m == "sendMessage" and int(p["chat_id"]) == USER + 1)
    answer = next(m for m in reversed(tg.sent) if m["chat"]["id"] == USER + 1)
    (edit,) = push(tg, edited(question, "/who Montazeri"), USER + 1, method="editMessageText")
    assert int(edit["message_id"]) == answer["message_id"]
    assert edit["text"].startswith("Hossein-Ali Montazeri, in the words of the sources.")
    assert sent_to(tg, USER + 1, len(tg.calls) - 1) == []


def test_an_edit_that_changes_nothing_in_the_answer_leaves_it_as_it_is(tg):
    """Only the question's formatting changed: the answer is the same, Telegram refuses the edit as "not modified",
    and that is fine."""
    chat = USER + 31
    question = tg.push(message("/who Raisi", chat=chat))
    tg.wait_for(lambda m, p: m == "sendMessage" and int(p["chat_id"]) == chat)
    time.sleep(0.3)
    answer = next(m for m in reversed(tg.sent) if m["chat"]["id"] == chat)
    n, refused = len(tg.calls), len(tg.refusals)
    (edit,) = push(tg, edited(question, "/who Raisi"), chat, method="editMessageText", settle=0.8)
    assert int(edit["message_id"]) == answer["message_id"]
    assert [m for m, d in tg.refusals[refused:]] == ["editMessageText"]
    assert tg.refusals[-1][1].startswith("Bad Request: message is not modified")
    assert only_the_next_answer(tg, chat, n)  # neither a second answer nor an error


def test_an_edit_too_old_to_map_is_answered_under_the_edited_message(tg):
    old = message("Raisi", chat=USER + 2)
    old["message"]["message_id"] = 3  # asked before this bot process started: no answer to edit
    (reply,) = push(tg, edited({"update_id": 0, **old}, "Hamid Nouri"), USER + 2)
    assert reply["text"].startswith("Excerpts for “Hamid Nouri”:")
    assert json.loads(reply["reply_parameters"])["message_id"] == 3


def test_in_a_group_an_edit_updates_the_answer_and_leaves_no_second_one(tg):
    question = tg.push(message("/quote Montazeri", chat=GROUP, user=USER, chat_type="supergroup"))
    tg.wait_for(lambda m, p: m == "sendMessage" and int(p["chat_id"]) == GROUP
                and str(question["message"]["message_id"]) in str(p.get("reply_parameters")))
    n = len(tg.calls)
    (edit,) = push(tg, edited(question, "/quote Robertson"), GROUP, method="editMessageText")
    assert "Robertson" in edit["text"] and sent_to(tg, GROUP, n) == []


def last_sent(tg: FakeTelegram, chat: int) -> dict:
    return next(m for m in reversed(tg.sent) if m["chat"]["id"] == chat)


def test_a_reply_to_the_bots_answer_in_a_group_is_a_follow_up_question(tg):
    (answer,) = say(tg, "/who Raisi", chat=GROUP, user=USER, chat_type="supergroup")
    (follow,) = push(tg, reply_to(last_sent(tg, GROUP), "and Pour-Mohammadi?", GROUP, USER), GROUP)
    assert follow["text"].startswith("Read “and Pour-Mohammadi?” as about Pour-Mohammadi, from the answer you "
                                     "replied to.\nMostafa Pour-Mohammadi, in the words of the sources.")
    (quoted,) = push(tg, reply_to(last_sent(tg, GROUP), "what did he say?", GROUP, USER), GROUP)  # a reply to that
    assert quoted["text"].startswith("Read “what did he say?” as about Mostafa Pour-Mohammadi, from the answer you "
                                     "replied to.\nDirect quotations of Mostafa Pour-Mohammadi:")
    assert "“to carry out God’s will”" in quoted["text"]
    someone = message("Raisi again", chat=GROUP, user=USER + 9, chat_type="supergroup")["message"]
    nothing_sent(tg, reply_to(someone, "I agree", GROUP, USER), GROUP)  # a reply to a person is chatter


def test_in_a_private_chat_a_reply_to_an_answer_follows_it_and_its_more_button_pages_the_follow_up(tg):
    say(tg, "/who Montazeri")
    (follow,) = push(tg, reply_to(last_sent(tg, USER), "او چه گفت؟", USER, USER, chat_type="private"), USER)
    assert follow["text"].startswith("Read “او چه گفت؟” as about Hossein-Ali Montazeri, from the answer you replied "
                                     "to.\nDirect quotations of Hossein-Ali Montazeri:")
    (again,) = push(tg, reply_to(last_sent(tg, USER), "who is he?", USER, USER, chat_type="private"), USER)
    assert "Hossein-Ali Montazeri, in the words of the sources." in again["text"]
    (unclear,) = say(tg, "what did he say?")  # not a reply: no one to read "he" as
    assert "Read “what did he say?” as about" not in unclear["text"]
    (search,) = say(tg, "mass graves")
    more = next(b for b in buttons(search) if b.get("callback_data", "").startswith("pg:"))
    (where,) = push(tg, reply_to(last_sent(tg, USER), "where?", USER, USER, chat_type="private"), USER)
    assert where["text"].startswith("Read “where?” as about mass graves, from the answer you replied to.")
    page = next((b for b in buttons(where) if b.get("callback_data", "").startswith("pg:")), None)
    assert more and page, "both answers have more than one page"
    (paged,) = push(tg, press(page["callback_data"], USER, USER, last_sent(tg, USER)["message_id"]), USER,
                    method="editMessageText")
    assert paged["text"].startswith("Read “where?” as about mass graves")  # the follow-up's page 2, not "where?" alone


def test_in_a_group_a_mention_anywhere_in_a_message_is_a_question(tg):
    bot = BOT["username"]
    (reply,) = say(tg, f"hey @{bot} who is Raisi?", chat=GROUP, user=USER, chat_type="supergroup")
    assert reply["text"].startswith("Read as /who Raisi.\nEbrahim Raisi, in the words of the sources.")
    (reply,) = say(tg, f"mass graves @{bot}", chat=GROUP, user=USER, chat_type="supergroup")
    assert "\nExcerpts for “mass graves”:" in reply["text"]
    (reply,) = say(tg, f"@{bot}", chat=GROUP, user=USER, chat_type="supergroup")
    assert reply["text"] == f"Ask me with a few words after my name, for example: @{bot} mass graves"


def test_in_a_group_the_bot_stays_out_of_talk_not_addressed_to_it(tg):
    nothing_sent(tg, message("who is Raisi?", chat=GROUP, user=USER, chat_type="supergroup"), GROUP)
    nothing_sent(tg, message("@someone_else who is Raisi?", chat=GROUP, user=USER, chat_type="supergroup"), GROUP)
    nothing_sent(tg, message(f"thanks @{BOT['username']}!", chat=GROUP, user=USER, chat_type="supergroup"), GROUP)
    (answer,) = say(tg, "/who Raisi", chat=GROUP, user=USER, chat_type="supergroup")
    bot_message = next(m for m in reversed(tg.sent) if m["chat"]["id"] == GROUP)
    nothing_sent(tg, reply_to(bot_message, "thanks!", GROUP, USER), GROUP)  # no help text in reply to thanks


def test_a_bare_who_sent_as_a_reply_asks_about_the_replied_to_text(tg):
    someone = message("Montazeri", chat=GROUP, user=USER + 9, chat_type="supergroup")["message"]
    (reply,) = push(tg, reply_to(someone, "/who", GROUP, USER), GROUP)
    assert reply["text"].startswith("Hossein-Ali Montazeri, in the words of the sources.")
    (reply,) = push(tg, reply_to(someone, "/quote", GROUP, USER), GROUP)
    assert reply["text"].startswith("Direct quotations of Hossein-Ali Montazeri:")
    question = message("So what exactly did Pour-Mohammadi do that summer?", chat=GROUP, user=USER + 9,
                       chat_type="supergroup")["message"]
    (reply,) = push(tg, reply_to(question, "/who", GROUP, USER), GROUP)  # the person the message names
    assert reply["text"].startswith("Mostafa Pour-Mohammadi, in the words of the sources.")
    (reply,) = push(tg, reply_to(question, "/source", GROUP, USER), GROUP)  # /source takes the words as they are
    assert reply["text"].startswith("No document says “So what exactly did Pour-Mohammadi do that summer?”")


# -- numbered excerpts, cards, context, citations ----------------------------------------------


@pytest.fixture(scope="module")
def texts(tg, tmp_path_factory):
    """Each document's cleaned text and its passages as Whoosh holds them, read straight from the index."""
    from whoosh import index, query

    from citebot.index.store.generations import Shelf

    gen = Shelf(next(tmp_path_factory.getbasetemp().glob("telegram*")) / "index").current()
    ix = index.open_dir(str(gen.path))
    with ix.searcher() as searcher:
        passages = {}
        for doc in gen.meta.documents:
            hits = searcher.search(query.Term("doc", doc.id), limit=None)
            passages[doc.id] = sum(1 for h in hits if h["kind"] == "passage")
    return {d.id: gen.text(d.id) for d in gen.meta.documents}, passages


def pressed(tg: FakeTelegram, button: dict, chat: int = USER, method: str = "sendMessage") -> dict:
    (reply,) = push(tg, press(button["callback_data"], chat, chat), chat, method=method)
    return reply


def visible(p: dict) -> str:
    """The text a reader sees."""
    return TelegramHTML.visible(p["text"])


def button(p: dict, label: str) -> dict:
    (found,) = [b for b in buttons(p) if b["text"] == label]
    return found


def test_excerpts_are_numbered_across_pages_and_each_has_its_own_button(tg):
    (first,) = say(tg, "/source 30,000")
    assert [f"[{n}] " in first["text"] for n in (1, 2, 3, 4)] == [True, True, True, False]
    assert [b["text"] for b in buttons(first)][:3] == ["📄 1", "📄 2", "📄 3"]
    second = pressed(tg, button(first, "More »"), method="editMessageText")
    assert "[4] " in second["text"] and "[5] " in second["text"] and "[1] " not in second["text"]
    assert [b["text"] for b in buttons(second)][:2] == ["📄 4", "📄 5"]


def test_a_page_button_pressed_twice_leaves_the_page_and_says_nothing_more(tg):
    """Telegram refuses an edit that changes nothing ("message is not modified"): the reader already sees that page."""
    chat = USER + 30
    (first,) = say(tg, "/source 30,000", chat=chat)
    shown = next(m for m in reversed(tg.sent) if m["chat"]["id"] == chat)
    more = button(first, "More »")["callback_data"]
    (second,) = push(tg, press(more, chat, chat, message_id=shown["message_id"]), chat, method="editMessageText")
    n, refused = len(tg.calls), len(tg.refusals)
    (again,) = push(tg, press(more, chat, chat, message_id=shown["message_id"]), chat, method="editMessageText",
                    settle=0.8)
    assert again["text"] == second["text"] and int(again["message_id"]) == shown["message_id"]
    assert [m for m, _ in tg.refusals[refused:]] == ["editMessageText"]
    assert tg.refusals[-1][1].startswith("Bad Request: message is not modified")
    assert [m for m, _ in tg.calls[n:] if m == "answerCallbackQuery"] == ["answerCallbackQuery"]
    assert only_the_next_answer(tg, chat, n)  # no "something went wrong", no second copy of the page


def test_a_press_delivered_twice_is_answered_once_and_says_nothing_more(tg):
    """A redelivered update: Telegram refuses a second answer to one press ("query is too old"), which means it
    was answered already; the page it asks for is already shown ("message is not modified")."""
    chat = USER + 32
    (first,) = say(tg, "/source 30,000", chat=chat)
    shown = next(m for m in reversed(tg.sent) if m["chat"]["id"] == chat)
    pressed_once = press(button(first, "More »")["callback_data"], chat, chat, message_id=shown["message_id"])
    push(tg, pressed_once, chat, method="editMessageText")
    n, refused = len(tg.calls), len(tg.refusals)
    (again,) = push(tg, pressed_once, chat, method="editMessageText", settle=0.8)
    assert "4–5 of 5" in again["text"]
    assert [(m, d.split(":")[1].strip()[:23]) for m, d in tg.refusals[refused:]] == [
        ("answerCallbackQuery", "query is too old and re"), ("editMessageText", "message is not modified")]
    assert only_the_next_answer(tg, chat, n)


def test_citations_are_compact_and_titles_link_where_a_url_is_known(tg):
    (reply,) = say(tg, "/source refrigerated trucks")
    text = reply["text"]
    # earliest first: the speech (on or after 19 Jul 2020) before the statement (on or after Aug 2020)
    assert ('[1] <a href="https://www.irandemocratic.org/public_html/news/19164/">Iran’s 1988 massacre of the '
            'MEK (Free Iran summit report)</a> · 2020') in text
    assert "[2] <b>Bring the perpetrators to justice (joint NGO statement)</b> · Joint NGO statement" in text
    assert "It is time to bring to justice the perpetrators" not in text  # the full title is on the card


def test_the_card_of_an_excerpt_has_everything_to_check_it(tg, texts):
    _, passages = texts
    (answer,) = say(tg, "/who Raisi")
    card = pressed(tg, button(answer, "📄 2"))
    doc = "mek-2021-08-28-online-conference"
    assert card["text"].split("\n") == [
        '<b><a href="https://english.mojahedin.org/i/1988-massacre-online-conference-20210828">Online conference calls '
        'for justice for the victims of Iran’s 1988 massacre</a></b>',
        "Publisher: PMOI/MEK (Byline &quot;Reporting by PMOI/MEK&quot;.)",
        "Date: 28 Aug 2021 (Dateline &quot;Iran, August 28, 2021—&quot;.)",
        "Read it at: https://english.mojahedin.org/i/1988-massacre-online-conference-20210828 (This article&#x27;s "
        "page on the PMOI/MEK English site, with the same title, byline and dateline.)",
        f"Share this card: https://t.me/{BOT['username']}?start=doc-{doc}",
        f"The collection holds {passages[doc]} excerpts from it.",
    ]
    assert [b["text"] for b in buttons(card)] == ["📖 Context", "❝ Cite"]


def test_context_shows_the_exact_paragraphs_around_the_excerpt_and_pages_through_them(tg, texts):
    text = texts[0]["ngo-2020-bring-to-justice"]
    paragraphs = text.split("\n\n")
    (answer,) = say(tg, "/source refrigerated trucks")
    card = pressed(tg, button(answer, "📄 2"))  # earliest first: the statement is second
    assert card["text"].startswith("<b>It is time to bring to justice the perpetrators of the 1988 massacre")
    ctx = pressed(tg, button(card, "📖 Context"))
    at = next(n for n, p in enumerate(paragraphs) if "refrigerated trucks" in p)
    assert "<b>Their corpses were doused with disinfectant, packed in refrigerated trucks, and buried at night in mass " \
           "graves across the country.</b>" in ctx["text"]
    body = visible(ctx).split("\n\n")
    assert body[0] == f"Bring the perpetrators to justice (joint NGO statement), paragraphs {at}–{at + 2} of {len(paragraphs)}"
    assert body[1:] == paragraphs[at - 1:at + 2]  # visible text: exactly the document's paragraphs
    earlier = pressed(tg, button(ctx, "« Earlier"), method="editMessageText")
    assert visible(earlier).split("\n\n")[1:] == paragraphs[at - 3:at]  # centred on the paragraph before those shown


def test_cite_gives_a_ready_to_paste_citation(tg):
    (answer,) = say(tg, "/quote Montazeri")
    card = pressed(tg, button(answer, "📄 1"))
    cite = pressed(tg, button(card, "❝ Cite"))
    assert cite["text"].startswith("Citation, ready to paste:\n<pre>") and cite["text"].endswith("</pre>")
    pasted, reference = visible(cite).split("\n", 1)[1].split("\nThe same, as a reference (apa):\n")
    assert reference == ("MEK-Iran.com. (2018, December). Lack of Investigation into 1988 Massacre is an ‘Abject "
                         "Failure’ and Emboldened Mullahs to Commit Further Human Rights Abuses.")
    lines = pasted.split("\n")
    assert lines[0].startswith("“the greatest crime committed during the reign of the Islamic Republic")
    assert lines[0].endswith("as criminals”")
    assert lines[1] == "— Hossein-Ali Montazeri, quoted in:"  # the same voice chain the answer shows
    assert lines[2] == ("“Lack of Investigation into 1988 Massacre is an ‘Abject Failure’ and Emboldened Mullahs to Commit "
                        "Further Human Rights Abuses”, MEK-Iran.com, Dec 2018.")
    assert lines[3] == f"Open in citebot: https://t.me/{BOT['username']}?start=doc-mek-iran-2018-12-abject-failure"


def test_cite_sends_the_reference_as_a_file_a_reference_manager_reads(tg):
    (answer,) = say(tg, "/quote Montazeri")
    cite = pressed(tg, button(pressed(tg, button(answer, "📄 1")), "❝ Cite"))
    assert [b["text"] for b in buttons(cite)] == ["📎 BibTeX", "📎 RIS", "📎 CSL-JSON"]
    for label, check in [("📎 BibTeX", lambda text: bibtexparser.parse_string(text).entries[0].key),
                         ("📎 RIS", lambda text: rispy.loads(text)[0]["title"][:4]),
                         ("📎 CSL-JSON", lambda text: json.loads(text)[0]["id"])]:
        sent = pressed(tg, button(cite, label), method="sendDocument")
        assert sent["caption"] == f"{label[2:]} file of this reference, for a reference manager"
        text = sent["document"]["content"].decode()
        assert check(text) in ("mek-iran-2018-12-abject-failure", "Lack")
        assert "Excerpt: “the greatest crime committed during the reign of the Islamic Republic" in text
        assert "— Hossein-Ali Montazeri, quoted in this document" in text


def test_cite_keeps_the_reporting_layer_and_adds_no_quote_marks_to_reported_words(tg):
    (answer,) = say(tg, "/quote Khamenei")
    assert "as reported by Reuters, words reported, not quoted, in:" in visible(answer)
    card = pressed(tg, button(answer, "📄 1"))
    lines = visible(pressed(tg, button(card, "❝ Cite"))).split("\n")[1:]
    assert lines[0] == "… Do whatever it takes to stop them. …"  # the document has no quote marks around them
    assert lines[1] == "— Ali Khamenei (Supreme Leader), as reported by Reuters, words reported, not quoted, in:"
    assert lines[2] == "(Reported words: the document does not put them in quotation marks.)"
    assert lines[3].startswith("“It is time to bring to justice the perpetrators") and lines[3].endswith(", 2020.")


def test_a_deep_linked_card_reads_the_document_from_its_start(tg, texts):
    doc = "mek-2020-07-24-tried-and-failed"
    (card,) = say(tg, f"/start doc-{doc}")
    assert [b["text"] for b in buttons(card)] == ["📖 Read it"]
    ctx = pressed(tg, button(card, "📖 Read it"))
    paragraphs = texts[0][doc].split("\n\n")
    assert visible(ctx).split("\n\n")[1:] == paragraphs[:2]
    assert [b["text"] for b in buttons(ctx)] == ["Later »"]


def test_forged_context_offsets_are_clamped_or_refused(tg):
    for data in ("cx:nope:0:10", "cp:mek-2020-07-24-tried-and-failed:99999999:1", "cx:mek-2020-07-24-tried-and-failed:x:1"):
        tg.push(press(data, USER, USER, qid=f"forged-{data}"))
        (_, p), = tg.wait_for(lambda m, p, d=data: m == "answerCallbackQuery" and p["callback_query_id"] == f"forged-{d}")


# -- headers -----------------------------------------------------------------------------------


def test_headers_cut_long_input_and_show_one_pair_of_quote_marks(tg):
    (reply,) = say(tg, '/source "mass graves"')
    assert reply["text"].startswith("3 documents say “mass graves”, earliest first:")
    long = "the prisoners who were executed in the summer of 1988 and buried in unmarked mass graves " * 3
    (reply,) = say(tg, long.strip())
    header = reply["text"].split("\n")[0]
    assert header.startswith("The documents don&#x27;t say “the prisoners who were executed in the summer of 1988 and…” "
                             "in these words.")


# -- inline mode -------------------------------------------------------------------------------


def inline(tg: FakeTelegram, text: str) -> dict:
    qid = f"iq-{time.monotonic_ns()}"
    tg.push({"inline_query": {"id": qid, "from": {"id": USER, "is_bot": False, "first_name": "Ana"},
                              "query": text, "offset": ""}})
    (_, p), = tg.wait_for(lambda m, p: m == "answerInlineQuery" and p["inline_query_id"] == qid)
    return p


def test_inline_results_say_whose_words_where_from_and_when_and_are_never_headings(tg, texts):
    p = inline(tg, "massacre")
    results = json.loads(p["results"])
    assert len(results) == 10 and p["is_personal"] in (True, "true")  # labels are in the asker's language
    headings = {p for t in texts[0].values() for p in t.split("\n\n") if len(p.split()) <= 12 and p[-1] not in ".”\""}
    for r in results:
        sent = TelegramHTML.visible(r["input_message_content"]["message_text"])
        excerpt = sent.split("\n")[0]
        where, words = r["description"].split("\n")
        assert excerpt not in headings and excerpt.startswith(words.rstrip("…")), (excerpt, words)
        assert where in sent and " · " in where  # publisher · date, as the citation under the excerpt says
        spoken = [line[2:] for line in sent.split("\n") if line.startswith("— ")]
        if spoken:  # whose words, as the line under the excerpt names them
            assert spoken[0].startswith(r["title"])
        else:  # the document, never the excerpt's own words again
            assert r["title"] not in excerpt
        assert f"@{BOT['username']}" in sent  # the shared message leads back to the source card


def test_an_inline_quotation_is_titled_with_its_speaker(tg):
    results = json.loads(inline(tg, "/quote Montazeri")["results"])
    assert results[0]["title"] == "Hossein-Ali Montazeri"
    assert results[0]["description"].split("\n")[1].startswith("“the greatest crime committed during the reign")


def test_inline_docs_lists_the_documents_with_their_provenance(tg):
    results = json.loads(inline(tg, "/docs")["results"])
    assert len(results) == 5
    first = TelegramHTML.visible(results[0]["input_message_content"]["message_text"])
    assert first.startswith(results[0]["title"].rstrip("…")[:40]) and results[0]["description"] in first


def test_an_empty_inline_query_features_the_most_named_people_with_what_the_sources_say(tg):
    results = json.loads(inline(tg, "")["results"])
    assert [r["title"] for r in results[:2]] == ["Ruhollah Khomeini", "Ebrahim Raisi"]
    raisi = TelegramHTML.visible(results[1]["input_message_content"]["message_text"])
    assert raisi.startswith("These officials are the regime’s Supreme Leader, Ali Khamenei")
    assert len({r["description"] for r in results}) == len(results)  # each person, their own excerpt


def test_an_inline_query_with_no_match_explains_and_opens_the_bot(tg):
    p = inline(tg, "zzxqv unfindable")
    assert json.loads(p["results"]) == []
    button = json.loads(p["button"]) if isinstance(p["button"], str) else p["button"]
    assert button["text"] == "No excerpt matches “zzxqv unfindable”: open the bot"
    (reply,) = say(tg, f"/start {button['start_parameter']}")  # the button carries the query into the chat
    assert reply["text"].startswith("No document mentions") and "zzxqv" in reply["text"]
