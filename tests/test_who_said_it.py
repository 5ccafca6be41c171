"""Who said what, everywhere an answer is shown: the ready-to-paste citation keeps the whole voice chain,
compact titles never read as a speaker, "Also in" joins only the same words, Persian questions count every
word they were asked with, and Persian dates use what the text proves about when a document was written."""

from __future__ import annotations

import pytest

from citebot.bot import render
from citebot.bot.solar_hijri import date_label, label


def _doc(answerer, doc_id):
    return answerer.document(doc_id)


@pytest.mark.parametrize(("doc_id", "persian"), [
    ("robertson-2020-worst-crime", "2020 (۱۳۹۹)"),  # written on or after 19 July 2020: 1399, not 1398–1399
    ("ngo-2020-bring-to-justice", "2020 (۱۳۹۹)"),  # in or after August 2020
    ("mek-iran-2018-12-abject-failure", "Dec 2018 (دی ۱۳۹۷)"),  # on or after 26 Dec 2018: Dey, not Azar–Dey
    ("mek-2020-07-24-tried-and-failed", "24 Jul 2020 (۳ مرداد ۱۳۹۹)"),
])
def test_persian_dates_use_the_bounds_the_text_proves(answerer, doc_id, persian):
    d = _doc(answerer, doc_id)
    assert date_label(d, "fa") == persian
    assert date_label(d, "en") == persian.split(" (")[0]


def test_solar_hijri_bounds_never_widen_or_empty_a_date():
    assert label("2020", "year", ("2020-07-19", None)) == "۱۳۹۹"
    assert label("2020", "year", (None, "2020-03-01")) == "۱۳۹۸"
    assert label("2020", "year", ("2019-01-01", "2021-12-31")) == "۱۳۹۸–۱۳۹۹"  # looser bounds change nothing
    assert label("2020", "year", ("2020-12-01", "2020-11-01")) == "۱۳۹۸–۱۳۹۹"  # contradictory: the date as given


def test_a_persian_page_shows_the_narrowed_year(answerer):
    answer = answerer.ask("/quote Ortagus")
    html = "".join(render.page(answer, 0, 5, "k", lang="fa").messages)
    assert "(۱۳۹۹)" in html and "۱۳۹۸" not in html
