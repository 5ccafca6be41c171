"""Anything a user can type: a short, well-formed, exactly cited answer, and never an exception.

Every answer is rendered the way the bot sends it and checked with the fake
server's Telegram HTML parser and limits, so "well-formed" means what Telegram
would accept.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from citebot.bot import render
from citebot.bot.buttons import number
from citebot.index.store.generations import ANALYZER, TIME_LIMIT
from citebot.index.store.search import search
from citebot.index.text.analysis import MAX_TERMS, term_spans, terms
from tests.conftest import exact
from tests.fake_telegram import TelegramHTML, _check_keyboard
from tests.reliability import trials

pytestmark = pytest.mark.reliability("user input (fuzz)")
EXAMPLES = trials(ci=300, full=3000)
NASTY = [
    '"', "(", ")", "[", "]", "{", "}", "*", "?", "~", "^", ":", "AND", "OR", "NOT", "TO", "a:b", "[a TO z]",
    "سلام", "ایران", "اعدام", "\u200b", "\u200c", "\u200d", "\u202e", "\ufeff", "\x00", "\x07", "\x1b[31m", "\r\n",
    "🙂", "👨‍👩‍👧", "<b>", "</blockquote>", "&amp;", "&lt;", "<a href='x'>", "x" * 300, "ĳ" * 80,
    "Raisi", "Montazeri", "30,000", "massacre", "1988", "Death Commission",
]
COMMANDS = ["", "/who ", "/quote ", "/source ", "/doc ", "/docs ", "/start ", "/help ", "/nonsense ", "/who@citebot_test_bot "]
words = st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=12)), max_size=40).map(" ".join)
lines = st.builds(str.__add__, st.sampled_from(COMMANDS), st.one_of(words, st.text(max_size=200)))
slowest = [0.0]


def answered(answerer, tally, line: str):
    tally.tried()
    started = time.perf_counter()
    try:
        answer = answerer.ask(line)
    except Exception:
        tally.crashed()
        raise
    slowest[0] = max(slowest[0], time.perf_counter() - started)
    tally.note(f"slowest answer {slowest[0] * 1000:.1f} ms (queries keep {MAX_TERMS} terms; searches stop at 2 s)")
    assert answer.message.strip() and len(answer.message) < 600
    exact(answerer, answer)
    return answer


def telegram_accepts(html: str) -> None:
    visible = TelegramHTML.visible(html)  # raises the real "can't parse entities" error
    assert visible.strip() and len(visible.encode("utf-16-le")) // 2 <= 4096


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(line=lines)
def test_any_line_gets_a_well_formed_reply(answerer, tally, line):
    answer = answered(answerer, tally, line)
    pages = max(1, -(-len(answer.results) // 3))
    for n in range(pages):
        reply = render.page(answer, n, 3, "abcdef012345")
        for html in reply.messages:
            telegram_accepts(html)
        _check_keyboard({"inline_keyboard": [[{"text": t, "callback_data": d} for t, d in row] for row in reply.buttons]})


@settings(max_examples=EXAMPLES // 3, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(line=st.one_of(st.text(min_size=3900, max_size=4096), words.map(lambda w: (w + " ") * 200)))
def test_a_4096_character_message(answerer, tally, line):
    answer = answered(answerer, tally, line[:4096])
    for html in render.page(answer, 0, 3, "k").messages:
        telegram_accepts(html)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.one_of(words, st.text(max_size=256)).map(lambda q: q[:256]))
def test_inline_queries(answerer, tally, query):
    if not query.strip():
        return  # the handler answers an empty query with a hint, without searching
    answer = answered(answerer, tally, query)
    for item in render.inline_items(answer):
        telegram_accepts(item["html"])
        assert item["title"].strip() and len(item["title"]) <= 100 and item["description"].strip()


@settings(max_examples=EXAMPLES, deadline=None)
@given(data=st.one_of(st.text(max_size=70), st.from_regex(r"[0-9²³¹٠-٩]{0,8}", fullmatch=True)))
def test_untrusted_page_numbers_and_offsets(data):
    n = number(data)
    assert n is None or (data.isascii() and data.isdigit() and n == int(data))


def test_query_cost_is_capped():
    assert len(terms("word " * 10_000)) == MAX_TERMS
    assert len(terms(" ".join(f"w{n}" for n in range(1000)))) == MAX_TERMS


@settings(max_examples=EXAMPLES, deadline=None)
@given(text=st.one_of(words, st.text(max_size=300), st.text(alphabet="aAéÉœßİıﬁ’'.,0123456789 -_Was", max_size=80)))
def test_query_time_analysis_is_the_index_analysis(text):
    """terms() and term_spans() skip Whoosh's token objects for speed; they must give the index's terms exactly."""
    analysed = [(t.text, t.startchar, t.endchar) for t in ANALYZER(text, chars=True)]  # Whoosh reuses one Token
    assert terms(text) == [t for t, _, _ in analysed][:MAX_TERMS]
    assert term_spans(text, [t for t, _, _ in analysed]) == [(a, b) for _, a, b in analysed]


def test_a_search_past_its_time_limit_stops_and_answers(answerer):
    gen = answerer.corpus().generation
    words = terms("Iran massacre prisoners 1988")
    assert len(search(gen, words, "passage", limit=5)) == 5
    gen.time_limit = 0
    try:  # the clock is read before the first match, so nothing is collected, and nothing raises
        assert search(gen, words, "passage", limit=5) == []
        assert search(gen, words, "passage", limit=5, per_doc=True) == []
    finally:
        gen.time_limit = TIME_LIMIT
