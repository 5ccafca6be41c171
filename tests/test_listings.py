"""Every listing pages within Telegram's limits (bot/render.py): /docs and lists of people, however many and
however long their titles. Before, /docs failed ("Sorry, something went wrong") past about 27 documents."""

from __future__ import annotations

import re

import pytest

from citebot.bot import render
from citebot.index.answers.messages import phrase, said
from citebot.index.models import Document, Person


def documents(n: int, title_words: int = 12) -> list[Document]:
    return [Document(id=f"doc-{k}", title=f"Report number {k} on " + " ".join(["prisons"] * title_words),
                     publisher=f"Publisher {k}", date="2020-01-02", date_precision="day",
                     url=f"https://example.org/{k}") for k in range(1, n + 1)]


def every_page(answer, lang: str = "en") -> list[render.Reply]:
    first = render.page(answer, 0, 5, "k", lang=lang)
    pages, number = [first], 0
    while any(label.startswith("More") or data == f"pg:k:{number + 1}" for row in pages[-1].buttons for label, data in row):
        number += 1
        pages.append(render.page(answer, number, 5, "k", lang=lang))
        assert number < 100
    return pages


@pytest.mark.parametrize("count,words", [(3, 12), (28, 12), (250, 12), (40, 2000)])
def test_docs_pages_each_within_one_message_and_lists_every_document_once(count, words):
    answer = said("docs", "", phrase("answer.docs", count=count), documents=documents(count, words))
    pages = every_page(answer)
    shown = []
    for n, reply in enumerate(pages):
        assert len(reply.messages) == 1
        assert render.visible_length(reply.messages[0]) <= render.MAX_MESSAGE
        assert reply.messages[0].startswith(f"{count} documents in the collection, earliest first:")
        shown += [int(k) for k in re.findall(r"/doc_(\d+)", reply.messages[0])]
        nav = [data for row in reply.buttons for _, data in row]
        assert (f"pg:k:{n - 1}" in nav) == (n > 0)  # « Back from the second page on
    assert shown == list(range(1, count + 1))
    assert len(pages) == (1 if count <= render.LIST_PAGE else -(-count // render.LIST_PAGE))
    if len(pages) > 1:
        assert f"11–{min(20, count)} of {count}" in pages[1].messages[0]


def test_a_page_asked_past_the_end_shows_the_last():
    answer = said("docs", "", phrase("answer.docs", count=25), documents=documents(25))
    assert render.page(answer, 99, 5, "k").messages[0] == every_page(answer)[-1].messages[0]


def test_a_long_list_of_people_pages_with_a_button_for_each_person_shown():
    people = [Person(id=f"p{k}", name=f"Person Number{k} " + "Longname" * (k % 7), documents=k) for k in range(60)]
    answer = said("who", "", phrase("answer.docs", count=60), people=people)
    pages = every_page(answer)
    assert len(pages) == 6
    for n, reply in enumerate(pages):
        assert render.visible_length(reply.messages[0]) <= render.MAX_MESSAGE
        who = [data for row in reply.buttons for _, data in row if data.startswith("wh:")]
        assert who == [f"wh:k:{i}" for i in range(10 * n, 10 * n + 10)]
        assert f"• Person Number{10 * n} " in reply.messages[0]


def test_persian_docs_pages_too():
    answer = said("docs", "", phrase("answer.docs", count=30), documents=documents(30))
    pages = every_page(answer, "fa")
    assert len(pages) == 3 and all(render.visible_length(p.messages[0]) <= render.MAX_MESSAGE for p in pages)
