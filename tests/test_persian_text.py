"""Persian documents as written: headline, dateline and paragraphs apart, sentences split at Persian
punctuation, and a Solar Hijri dateline read as the document's date."""

from __future__ import annotations

import datetime as dt

from citebot.bot.solar_hijri import from_gregorian
from citebot.index.documents.sources import load_corpus
from citebot.index.text import hijri
from citebot.index.text.clean import clean
from citebot.index.text.headings import heading_spans, without_datelines
from citebot.index.text.split import sentences
from tests.persian_texts import NEWS


def test_headline_dateline_and_paragraphs_stay_apart():
    paragraphs = clean(NEWS).text.split("\n\n")
    assert paragraphs[:2] == ["خانواده‌های اعدام‌شدگان سال ۶۷ بار دیگر در گورستان خاوران گرد هم آمدند",
                              "تهران — ۱۰ شهریور ۱۴۰۲"]
    assert paragraphs[3].startswith("مادر یکی از این زندانیان") and paragraphs[3].endswith("سپرده‌اند.»")
    assert len(paragraphs) == 9


def test_a_hard_wrapped_persian_text_keeps_its_dateline_apart():
    wrapped = ("گزارش کوتاه درباره دیدار خانواده‌ها با نمایندگان سازمان ملل در ژنو\n"
               "ژنو، ۲۰ مهر ۱۴۰۱ —\n"
               "نمایندگان خانواده‌ها روز سه‌شنبه با گزارشگر ویژه دیدار کردند و\n"
               "فهرستی از نام‌ها را به او دادند که\n"
               "در سال‌های گذشته گردآوری شده بود\n")
    paragraphs = clean(wrapped).text.split("\n\n")
    assert paragraphs[1] == "ژنو، ۲۰ مهر ۱۴۰۱ —"
    assert paragraphs[2].startswith("نمایندگان خانواده‌ها")


def test_persian_sentences_end_at_full_stops_question_marks_and_closing_quotes():
    text = "او پرسید: «چرا؟» پاسخی نشنید. مادرش گفت که صبر کند؟ روز بعد دوباره آمد."
    assert [text[a:b] for a, b in sentences(text)] == ["او پرسید: «چرا؟»", "پاسخی نشنید.", "مادرش گفت که صبر کند؟",
                                                       "روز بعد دوباره آمد."]


def test_the_headline_is_a_heading_and_the_dateline_is_no_evidence():
    text = clean(NEWS).text
    assert text[slice(*heading_spans(text)[0])].startswith("خانواده‌های اعدام‌شدگان")
    assert "۱۴۰۲" not in without_datelines(text).split("\n\n")[1]


def test_a_solar_hijri_dateline_dates_the_document(corpus_dir):
    (corpus_dir / "khavaran.txt").write_text(NEWS, encoding="utf-8")
    (source,), skipped = load_corpus(corpus_dir, 1_000_000)
    d = source.document
    assert not skipped
    assert (d.date, d.date_precision) == ("2023-09-01", "day")  # 10 Shahrivar 1402
    assert d.date_note == 'inferred from the dateline "تهران — ۱۰ شهریور ۱۴۰۲"'
    assert "date" in d.inferred


def test_a_dateline_with_a_weekday_and_a_labelled_publication_date_are_dates():
    assert hijri.dateline("تهران، پنجشنبه ۹ شهریور ۱۴۰۲ —")[0] == dt.date(2023, 8, 31)
    assert hijri.dateline("تهران — سه‌شنبه، ۷ شهریور ۱۴۰۲")[0] == dt.date(2023, 8, 29)
    assert hijri.dateline("عنوان خبر\n\nتاریخ انتشار: ۱ مهر ۱۳۹۹\n\nمتن خبر")[0] == dt.date(2020, 9, 22)


def test_a_gregorian_date_written_in_persian_is_a_dateline_too():
    assert hijri.dateline("لندن — ۱ سپتامبر ۲۰۲۳")[0] == dt.date(2023, 9, 1)
    assert hijri.dateline("ژنو، ۱۹ ژوئیه ۱۹۸۸ —")[0] == dt.date(1988, 7, 19)
    assert hijri.dateline("لندن — ۳۱ فوریه ۲۰۲۳") is None


def test_a_date_inside_a_sentence_is_no_dateline():
    assert hijri.dateline("او در ۱۰ شهریور ۱۴۰۲ به تهران رفت.") is None
    assert hijri.dateline("تهران — ۴۰ شهریور ۱۴۰۲") is None  # no such day


def test_solar_hijri_days_convert_both_ways_over_two_centuries():
    day = dt.date(1921, 3, 21)
    while day < dt.date(2121, 3, 21):
        assert hijri.to_gregorian(*from_gregorian(day)) == day
        day += dt.timedelta(days=1)
    assert hijri.to_gregorian(1367, 4, 28) == dt.date(1988, 7, 19)
