"""Year inference and calendar conversion for `naba.dates`: a matched date becomes a Gregorian day.

`resolve` dates one `Candidate` (see the rules in `naba.dates`' docstring: a weekday picks the
year, the reference's year moved by الماضي/المقبل or by the 30 days an event may be announced
ahead); `hijri` and `hijri_year` convert with `hijridate` (Umm al-Qura, 1343-1500 AH), imported
on first use so that `import naba` stays cheap.
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

__all__ = ["Candidate", "hijri", "hijri_year", "latest_explicit_year", "resolve"]

_WEEKDAY_SEARCH_YEARS = 7
# An undated "6 كانون الأول" up to half a year after the publication date is that coming day; later
# than that, it is last year's. News writes a coming day without its year (a summit, a deadline, a
# school term) and a day long past with its year or الماضي. Read on SaudiNewsNet (2026-11-23): of the
# 311 undated days, with no relation word, that a 30-day limit sent back a year (31-150 days ahead),
# 12 of a random 15 were coming events («تعقد قمة المناخ في 30 نوفمبر», «أمام الكونغرس حتى 20 سبتمبر»),
# one a past one (a US-Cuba announcement 150 days ahead of the page: now wrong) and two neither
# (11 September 2001, a district named «6 أكتوبر»). A day already past this year stays in this year:
# of a random 15 undated days more than half a year back, 11 were past ones («أدنى مستوى منذ 30
# يناير»), one a coming one and three neither.
_FUTURE_SLACK_DAYS = 183


class Candidate(NamedTuple):
    """A matched expression before year inference (fields are None when the text lacks them)."""

    start: int
    end: int
    calendar: str
    year: int | None
    month: int | None
    day: int | None
    weekday: int | None
    time: str | None
    relation: str | None  # past | future | current
    year_is_gregorian: bool  # a Hijri month followed by a Gregorian year ("رمضان 2015")
    year_offset: int | None = None  # "من العام الماضي": the year is the reference's, moved this much


def latest_explicit_year(cands: list[Candidate], reference: datetime.date | None) -> int | None:
    """The latest Gregorian year written out in the text, not after the reference's year."""
    limit = (reference or datetime.date.today()).year
    years = (found[0].year for cand in cands
             if cand.year is not None and (found := resolve(cand, reference, None)))
    return max((year for year in years if year <= limit), default=None)


def resolve(cand: Candidate, reference: datetime.date | None, floor: int | None):
    """(a date inside the mention, precision, weekday) or None when it cannot be resolved."""
    if cand.month is None:
        day = _year_start(cand.calendar, cand.year)
        return (day, "year", None) if day else None
    if cand.day is None:
        day = _month_date(cand, cand.year, 15) if cand.year is not None else None
        return (day, "month", None) if day else None
    if cand.year is None and cand.year_offset is not None:
        base = None if reference is None else (
            reference.year if cand.calendar == "gregorian" else hijri_year(reference))
        if base is None:
            return None
        cand = cand._replace(year=base + cand.year_offset)  # "10 يونيو من العام الماضي"
    if cand.year is not None:
        day = _month_date(cand, cand.year, cand.day)
        if day and cand.weekday is not None and cand.calendar == "hijri":
            day = _match_sighting(day, cand.weekday)
        return (day, "day", cand.weekday) if day else None
    if cand.weekday is not None:
        day = _by_weekday(cand, reference or datetime.date.today(), floor)
    elif reference is not None:
        day = _by_reference(cand, reference)
    else:
        day = None
    return (day, "day", cand.weekday) if day else None


def _year_start(calendar: str, year: int) -> datetime.date | None:
    if calendar == "hijri":
        return hijri(year, 7, 1)  # 1 Rajab: the middle of the Hijri year
    return datetime.date(year, 1, 1) if 1000 <= year <= 2199 else None


def _month_date(cand: Candidate, year: int, day: int) -> datetime.date | None:
    if cand.calendar == "gregorian":
        if not 1000 <= year <= 2199:
            return None
        try:
            return datetime.date(year, cand.month, day)
        except ValueError:
            return None
    if cand.year_is_gregorian:
        return _hijri_in_gregorian_year(year, cand.month, day)
    return hijri(year, cand.month, day)


def hijri(year: int, month: int, day: int) -> datetime.date | None:
    from hijridate import Hijri  # imported on first use: `import naba` stays cheap

    try:
        found = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return datetime.date(found.year, found.month, found.day)


def hijri_year(day: datetime.date) -> int | None:
    from hijridate import Gregorian

    try:
        return Gregorian(day.year, day.month, day.day).to_hijri().year
    except (ValueError, OverflowError):
        return None


def _hijri_in_gregorian_year(year: int, month: int, day: int) -> datetime.date | None:
    """The Hijri `month`/`day` that falls in Gregorian `year` ("رمضان 2015")."""
    guess = round((year - 622) * 365.2425 / 354.367)
    for year_ah in (guess - 1, guess, guess + 1):
        found = hijri(year_ah, month, day)
        if found and found.year == year:
            return found
    return None


def _match_sighting(day: datetime.date, weekday: int) -> datetime.date:
    """Move a Hijri date one day when the stated weekday says the month began a day off."""
    for shift in (0, -1, 1):
        moved = day + datetime.timedelta(days=shift)
        if moved.weekday() == weekday:
            return moved
    return day


def _by_weekday(cand: Candidate, reference: datetime.date, floor: int | None):
    top = reference.year if cand.calendar == "gregorian" else hijri_year(reference)
    if top is None:
        return None
    for year in range(top, top - _WEEKDAY_SEARCH_YEARS - 1, -1):
        day = _month_date(cand, year, cand.day)
        if day is None or day.weekday() != cand.weekday:
            continue
        return day if floor is None or day.year >= floor else None
    return None


def _by_reference(cand: Candidate, reference: datetime.date) -> datetime.date | None:
    year = reference.year if cand.calendar == "gregorian" else hijri_year(reference)
    day = _month_date(cand, year, cand.day) if year is not None else None
    if day is None:
        return None
    late = (day - reference).days
    if cand.relation == "past" and late > 0 or cand.relation is None and late > _FUTURE_SLACK_DAYS:
        return _month_date(cand, year - 1, cand.day)
    if cand.relation == "future" and late < 0:
        return _month_date(cand, year + 1, cand.day)
    return day
