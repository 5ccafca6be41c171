"""Dates in Persian messages: the Gregorian date in Persian words and digits, with the Solar Hijri (Iranian)
calendar date beside it.

The arithmetic 2820-year-cycle conversion used by Iranian software (exact for 1300–1500 SH,
the years documents date from); no dependency for one small function.
"""

from __future__ import annotations

import datetime as dt

from citebot.index import Document

from .catalogue import say

LANGUAGES = {"fa"}  # whose dates add the Solar Hijri date
MONTHS = ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند")
GREGORIAN = ("ژانویه", "فوریه", "مارس", "آوریل", "مه", "ژوئن", "ژوئیه", "اوت", "سپتامبر", "اکتبر", "نوامبر", "دسامبر")
DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_BEFORE = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)  # Gregorian days before each month


def from_gregorian(day: dt.date) -> tuple[int, int, int]:
    """(year, month, day) in the Solar Hijri calendar."""
    gy, gm, gd = day.year, day.month, day.day
    leap_year = gy + 1 if gm > 2 else gy
    days = (355666 + 365 * gy + (leap_year + 3) // 4 - (leap_year + 99) // 100 + (leap_year + 399) // 400
            + gd + _BEFORE[gm - 1])
    year = -1595 + 33 * (days // 12053)
    days %= 12053
    year += 4 * (days // 1461)
    days %= 1461
    if days > 365:
        year += (days - 1) // 365
        days = (days - 1) % 365
    if days < 186:
        return year, 1 + days // 31, 1 + days % 31
    return year, 7 + (days - 186) // 30, 1 + (days - 186) % 30


def date_label(d: Document, lang: str) -> str:
    """The document's date as the manifest gives it; in Persian, with the Solar Hijri date beside it, narrowed
    by what the text proves (date_not_before / date_not_after): "2020" written after July 2020 is 1399 only."""
    if not d.date:
        return say("date.unknown", lang)
    if lang not in LANGUAGES:
        return d.date_label()
    return f"{gregorian(d.date, d.date_precision)} ({label(d.date, d.date_precision, d.date_interval())})"


def gregorian(iso: str, precision: str | None) -> str:
    """The Gregorian date in Persian month names and digits ("۲۴ ژوئیه ۲۰۲۰"), at the precision it is known."""
    parts = [int(p) for p in iso.split("-")]
    if precision == "day" and len(parts) == 3:
        text = f"{parts[2]} {GREGORIAN[parts[1] - 1]} {parts[0]}"
    elif precision == "month" and len(parts) > 1:
        text = f"{GREGORIAN[parts[1] - 1]} {parts[0]}"
    else:
        text = str(parts[0])
    return text.translate(DIGITS)


def label(iso: str | None, precision: str | None,
          bounds: tuple[str | None, str | None] = (None, None)) -> str:
    """A document's date in Persian words and digits: "۲۸ تیر ۱۳۶۷" for a day, the one or two years a month
    or a year falls in otherwise ("۱۳۶۶–۱۳۶۷" for 1988), only those within `bounds` (ISO earliest, latest
    day) where evidence narrows the date. Empty when there is no date."""
    if not iso:
        return ""
    parts = [int(p) for p in iso.split("-")]
    if precision == "day" and len(parts) == 3:
        year, month, day = from_gregorian(dt.date(*parts))
        return f"{day} {MONTHS[month - 1]} {year}".translate(DIGITS)
    first = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, 1)
    last = (dt.date(parts[0], parts[1] % 12 + 1, 1) - dt.timedelta(days=1) if len(parts) > 1 and parts[1] < 12
            else dt.date(parts[0], 12, 31))
    first, last = _narrowed(first, last, bounds)
    years = sorted({from_gregorian(first)[0], from_gregorian(last)[0]})
    if precision == "month" and len(parts) > 1:
        a, b = from_gregorian(first), from_gregorian(last)
        if a[:2] == b[:2]:
            text = f"{MONTHS[a[1] - 1]} {a[0]}"
        elif a[0] == b[0]:
            text = f"{MONTHS[a[1] - 1]}–{MONTHS[b[1] - 1]} {a[0]}"
        else:
            text = f"{MONTHS[a[1] - 1]} {a[0]} – {MONTHS[b[1] - 1]} {b[0]}"
        return text.translate(DIGITS)
    return "–".join(str(y) for y in years).translate(DIGITS)


def _narrowed(first: dt.date, last: dt.date, bounds: tuple[str | None, str | None]) -> tuple[dt.date, dt.date]:
    """The period [first, last] cut to the ISO `bounds`; unchanged where a bound is missing, malformed or
    would leave nothing (the manifest's date then stands as given)."""
    try:
        low = max(first, dt.date.fromisoformat(bounds[0])) if bounds[0] else first
        high = min(last, dt.date.fromisoformat(bounds[1])) if bounds[1] else last
    except ValueError:
        return first, last
    return (low, high) if low <= high else (first, last)
