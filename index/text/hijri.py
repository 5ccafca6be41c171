"""Solar Hijri (Iranian calendar) years and months → the Gregorian ones the documents use.

A Solar Hijri year begins at Nowruz, about 21 March: 1367 ran from March 1988 to March
1989, so most of it (Farvardin to Dey) is in 1988, year + 621. Its months begin on fixed
Gregorian days, give or take one: Mordad 1367 is 23 July to 22 August 1988.
"""

from __future__ import annotations

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
