"""`citebot chat`: the bot in a terminal pages like Telegram, a few excerpts at a time, "more" for the next."""

from __future__ import annotations

import contextlib
import re

from click.testing import CliRunner

from citebot.bot.cli import main
from tests.conftest import ROOT


def chat(bundled, typed: str) -> str:
    with contextlib.chdir(ROOT):
        out = CliRunner().invoke(main, ["chat"], input=typed, env={"CITEBOT_INDEX_DIR": str(bundled.index_dir)},
                                 catch_exceptions=False)
    assert out.exit_code == 0, out.stderr
    return out.stdout


def numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"^(\d+)\. │", text, re.M)]


def test_the_terminal_chat_shows_three_excerpts_then_more_on_request(bundled):
    first, second = chat(bundled, "mass graves\nmore\n").split("> ")[1:3]
    assert "Excerpts for “mass graves”:" in first.split("\n\n")[0] and numbers(first) == [1, 2, 3]
    total = int(re.search(r"1–3 of (\d+)\. Type “more” for the next ones\.", first).group(1))
    assert total > 6 and numbers(second) == [4, 5, 6]  # numbered as in the whole answer, no header again
    assert second.strip().endswith(f"1–6 of {total}. Type “more” for the next ones.")


def test_more_after_the_last_page_says_that_was_all(bundled):
    replies = chat(bundled, "/quote Montazeri\nmore\n").split("> ")[1:3]
    assert "Type “more”" not in replies[0]
    assert replies[1].startswith("That was all of them. Ask something else.")


def test_each_line_can_follow_up_the_answer_before_it(bundled):
    replies = chat(bundled, "/who Montazeri\nwhat did he say?\nwho is he?\nmass graves\n").split("> ")[1:5]
    assert replies[1].startswith("Read “what did he say?” as about Hossein-Ali Montazeri, from the answer you replied "
                                 "to.\nDirect quotations of Hossein-Ali Montazeri:")
    assert replies[2].startswith("Read “who is he?” as about Hossein-Ali Montazeri")  # a follow-up of a follow-up
    assert replies[3].startswith("Also searched, as related words: buried.")  # a question of its own
