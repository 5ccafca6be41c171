"""Solar Hijri (Iranian calendar) years and months → the Gregorian ones the documents use.

A Solar Hijri year begins at Nowruz, about 21 March: 1367 ran from March 1988 to March
1989, so most of it (Farvardin to Dey) is in 1988, year + 621. Its months begin on fixed
Gregorian days, give or take one: Mordad 1367 is 23 July to 22 August 1988.

A Persian document's dateline ("تهران — ۱۰ شهریور ۱۴۰۲", or a Gregorian date written in Persian, "لندن —
۱ سپتامبر ۲۰۲۳") is read to the day: `dateline`, with the exact day arithmetic of `to_gregorian`.
"""

from __future__ import annotations

import datetime as dt
import re

from .persian import fold

YEARS = range(1300, 1411)  # years a question means in the Solar Hijri calendar (1921-2032)
OFFSET = 621  # 1367 began in March 1988

# The twelve months, in order: their Latin spellings and Persian name, and the Gregorian months they
# run across (each begins in the first, about the 21st-23rd, and ends in the second).
MONTHS = [
    ("farvardin", "فروردین", "March", "April"),
    ("ordibehesht", "اردیبهشت", "April", "May"),
    ("khordad", "خرداد", "May", "June"),
    ("tir", "تیر", "June", "July"),
    ("mordad amordad", "مرداد", "July", "August"),
    ("shahrivar sharivar", "شهریور", "August", "September"),
    ("mehr", "مهر", "September", "October"),
    ("aban", "آبان", "October", "November"),
    ("azar", "آذر", "November", "December"),
    ("dey dei", "دی", "December", "January"),
    ("bahman", "بهمن", "January", "February"),
    ("esfand isfand", "اسفند", "February", "March"),
]
MONTH = {name: n for n, (latin, persian, _, _) in enumerate(MONTHS) for name in [*latin.split(), fold(persian)]}


def gregorian_year(year: int) -> int:
    """The Gregorian year most of a Solar Hijri year falls in (Farvardin to Dey)."""
    return year + OFFSET


def month_number(word: str) -> int | None:
    """The month (0 = Farvardin) a word names, in Latin letters or Persian; None if it names none."""
    return MONTH.get(fold(word).lower())


def gregorian_month(year: int, month: int) -> tuple[str, str, int, int]:
    """(first month, second month, its year, the second month's year) of a Solar Hijri month."""
    first, second = MONTHS[month][2], MONTHS[month][3]
    start = year + OFFSET + (1 if month >= 10 else 0)  # Bahman and Esfand begin in the next Gregorian year
    return first, second, start, start + (1 if month == 9 else 0)  # Dey runs from December into January


def to_gregorian(year: int, month: int, day: int) -> dt.date:
    """The Gregorian day of a Solar Hijri date (month 1 = Farvardin), by the 2820-year-cycle arithmetic Iranian
    software uses (bot/solar_hijri.py goes the other way; a test checks the two agree over 1300-1500 SH)."""
    cycle_year = year + 1595
    days = -355668 + 365 * cycle_year + cycle_year // 33 * 8 + (cycle_year % 33 + 3) // 4 + day
    days += (month - 1) * 31 if month < 7 else (month - 7) * 30 + 186
    return dt.date.fromordinal(days - 365)  # the arithmetic counts days from 1 January of the year 0 (proleptic)


# "تهران — ۱۰ شهریور ۱۴۰۲" and "تهران، ۱۰ شهریور ۱۴۰۲ —": a place, a Solar Hijri day, at a paragraph's start.
# Gregorian months as Persian writes them ("لندن — ۱ سپتامبر ۲۰۲۳"), January first.
GREGORIAN = ["ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر"]
_GREGORIAN_NUMBER = {fold(m): n for n, m in enumerate(GREGORIAN, 1)} | {fold("آگوست"): 8, fold("مې"): 5}
_MONTH_NAMES = "|".join(sorted(["امرداد", *(persian for _, persian, _, _ in MONTHS), *GREGORIAN, "آگوست"],
                               key=len, reverse=True))
_DIGIT = "[0-9۰-۹٠-٩]"
_LETTERS = "[\u0621-\u064a\u0671-\u06d3\u200c]+"  # Persian and Arabic letters: no digits, no Persian comma
_WEEKDAY = r"(?:(?:شنبه|یک‌?شنبه|دو‌?شنبه|سه‌?شنبه|چهار‌?شنبه|پنج‌?شنبه|جمعه)[ \t]*[،,]?[ \t]*)?"
_DAY = rf"{_WEEKDAY}(?P<day>{_DIGIT}{{1,2}})[ \t]+(?P<month>{_MONTH_NAMES})[ \t]+(?P<year>{_DIGIT}{{4}})"
DATELINE = re.compile(
    rf"^[ \t]*(?P<place>{_LETTERS}(?:[ \t]{_LETTERS}){{0,2}})[ \t]*[،,]?[ \t]*"
    rf"(?:(?P<dash>[—–-])[ \t]*)?{_DAY}(?(dash)|[ \t]*[—–-])[ \t]*", re.M)
# "تاریخ انتشار: ۱۰ شهریور ۱۴۰۲": a publication date the page labels as such, on a line of its own.
PUBLISHED = re.compile(rf"^[ \t]*(?:تاریخ[ \t]+انتشار|تاریخ[ \t]+نشر|منتشر[ \t]+شده[ \t]+در)[ \t]*:?[ \t]*{_DAY}[ \t]*$",
                       re.M)


def dateline(text: str) -> tuple[dt.date, re.Match] | None:
    """The Gregorian day of the first Persian dateline in `text` (or a line labelled as the publication date),
    and the dateline itself; None if there is none or its date is no real day."""
    found = sorted([*DATELINE.finditer(text), *PUBLISHED.finditer(text)], key=lambda m: m.start())
    for m in found:
        year, day = int(fold(m["year"])), int(fold(m["day"]))
        if (gregorian := _GREGORIAN_NUMBER.get(fold(m["month"]))) and year in range(1900, 2100):
            try:
                return dt.date(year, gregorian, day), m
            except ValueError:
                continue
        month = month_number(m["month"])
        if month is None or not 1 <= day <= (31 if month < 6 else 30) or year not in range(1200, 1600):
            continue
        return to_gregorian(year, month + 1, day), m
    return None
