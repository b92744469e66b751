"""Relative dates resolved against a reference day: the calendar arithmetic behind
`naba.extract.temporal` ("الخميس الماضي" read on 7 December 2024 is 5 December).

`resolve_relative(mention, reference)` dates one mention from its `rule`; the story step calls it
for articles whose publication day it inferred. `writing_day(mentions, reference)` is the day the
text itself calls today, which the relative mentions are resolved against."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from naba import dates as absolute
from naba.date_resolution import hijri, hijri_year
from naba.extract.temporal_words import BEFORE_LAST

__all__ = ["publication_day", "resolve_relative", "writing_day"]


def publication_day(published: str | None) -> datetime.date | None:
    """The calendar day of an ISO publication stamp ("2024-12-06T19:37:00+03:00" -> 2024-12-06)."""
    if not published or not isinstance(published, str):
        return None
    try:
        return datetime.date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


# How far from the publication stamp an article's own "today" may fall: a page is fetched or stamped up
# to a few days after it was written (SaudiNewsNet's crawl stamps: half the pages fetched after
# midnight), hardly ever before.
WRITING_DAY_REACH = (3, 1)  # days before, days after


def writing_day(mentions: list[dict[str, Any]], reference: datetime.date,
                default: datetime.date | None = None) -> datetime.date:
    """The day the article's text calls today, from the day words it ties to a weekday («أمس
    الثلاثاء» is written on a Wednesday, «اليوم (الأربعاء)» too): the day most of them point to,
    within `WRITING_DAY_REACH` of `reference`; `default` (else `reference`) when none or a tie. A bare «أمس» is then
    the day before that day, not before the stamp: on SaudiNewsNet records 20,000-21,999 (crawled
    after midnight for half of them) a reviewer found 29 of 31 wrong dates a day late, in articles
    whose «أمس الثلاثاء» was right.

    >>> tuesday = {"rule": {"kind": "days", "offset": -1, "weekday": 1}}  # أمس الثلاثاء
    >>> writing_day([tuesday], datetime.date(2015, 8, 6))  # stamped Thursday, written Wednesday
    datetime.date(2015, 8, 5)
    """
    votes: Counter[datetime.date] = Counter()
    for mention in mentions:
        rule = mention.get("rule") or {}
        if rule.get("kind") == "days" and rule.get("weekday") is not None:
            offset = datetime.timedelta(days=rule["offset"])
            votes[_day_with_weekday(reference + offset, rule["weekday"]) - offset] += 1
    ranked, fallback = votes.most_common(2), default or reference
    if not ranked or len(ranked) == 2 and ranked[1][1] == ranked[0][1]:
        return fallback
    day = ranked[0][0]
    before, after = WRITING_DAY_REACH
    return day if -before <= (day - reference).days <= after else fallback


def resolve_relative(mention: dict[str, Any], reference: datetime.date | str) -> dict[str, Any]:
    """A copy of a relative mention with `date` resolved against `reference` (a date or ISO text).

    The story step calls this when it infers an article's publication date from its story.
    A mention without a `rule` (an absolute date) comes back unchanged.

    >>> m = {"text": "الخميس الماضي", "span": [0, 13], "relative": True,
    ...      "rule": {"kind": "weekday", "weekday": 3, "relation": "past"}}
    >>> resolve_relative(m, "2024-12-07")["date"]
    '2024-12-05'
    """
    rule = mention.get("rule")
    day = reference if isinstance(reference, datetime.date) else publication_day(reference)
    if not rule or day is None:
        return dict(mention)
    resolved = dict(mention)
    value, precision = _resolve(rule, day)
    resolved.update(date=_iso(value, precision) if value else None, precision=precision)
    resolved.pop("relative_to", None)
    return resolved


def _resolve(rule: dict, ref: datetime.date) -> tuple[datetime.date | None, str]:
    kind = rule["kind"]
    if kind == "day_month":
        return _day_month(rule["text"], ref), "day"
    if kind == "days":
        return _day_with_weekday(ref + datetime.timedelta(days=rule["offset"]), rule.get("weekday")), "day"
    if kind == "weekday":
        return _weekday(ref, rule["weekday"], rule["relation"]), "day"
    if kind == "month":
        return _month_name(ref, rule), "month"
    if kind == "holiday":
        return _holiday(ref, rule), "day"
    if rule.get("year"):
        return datetime.date(rule["year"], 1, 1), "year"
    return _shift(ref, rule["unit"], rule["offset"]), rule["unit"]


def _day_with_weekday(day: datetime.date, weekday: int | None) -> datetime.date:
    """The stated weekday wins over the publication stamp ("اليوم الخميس" in a page stamped Friday):
    the day with that weekday nearest `day`, earlier on a tie (stamps run late, not early)."""
    if weekday is None:
        return day
    back = (day.weekday() - weekday) % 7
    return day - datetime.timedelta(days=back) if back <= 3 else day + datetime.timedelta(days=7 - back)


def _day_month(mention_text: str, ref: datetime.date) -> datetime.date | None:
    found = absolute.find_dates(mention_text, reference=ref)
    return datetime.date.fromisoformat(found[0].date) if found and found[0].precision == "day" else None


def _weekday(ref: datetime.date, weekday: int, relation: str | None) -> datetime.date:
    """The weekday `relation` names around `ref`: past/future strictly before/after it, since on or before
    it (after «منذ»), before_last a
    week before past, upcoming on or after it (but yesterday stays yesterday: "تبدأ منتصف ليل الأحد"
    in Monday's paper was written on Sunday); alone the latest on or before it — except tomorrow's
    weekday, which is tomorrow: a weekday six days back is written with الماضي, and a bare
    "الثلاثاء" in Monday's paper is the match or meeting to come."""
    back = (ref.weekday() - weekday) % 7
    ahead = (weekday - ref.weekday()) % 7
    if relation == "since":  # «منذ الجمعة»: the latest on or before, a Friday paper's own Friday too
        return ref - datetime.timedelta(days=back)
    if relation == "future":
        return ref + datetime.timedelta(days=ahead or 7)
    if relation == "upcoming" and back > 1 or relation is None and back == 6:
        return ref + datetime.timedelta(days=ahead)  # yesterday stays: the stamp runs late
    if relation in ("past", BEFORE_LAST) and back == 0:
        back = 7
    if relation == BEFORE_LAST:
        back += 7
    return ref - datetime.timedelta(days=back)


SUNDAY = 6  # datetime.date.weekday()


def _shift(ref: datetime.date, unit: str, offset: int) -> datetime.date | None:
    if unit == "week" and ref.weekday() == SUNDAY:
        # The Arab working week starts on Sunday (Saturday in some countries): on a Sunday «الأسبوع
        # الماضي» is the week that just ended, «هذا الأسبوع» the one begun. Counted from the ISO week
        # (Monday), a Sunday paper's weeks came out one early (8-9 of 12 such SaudiNewsNet mentions read).
        ref += datetime.timedelta(days=1)
    if unit in ("day", "week"):
        return ref + datetime.timedelta(days=offset * (7 if unit == "week" else 1))
    months = offset * (12 if unit == "year" else 1)
    year, month = divmod(ref.year * 12 + ref.month - 1 + months, 12)
    return datetime.date(year, month + 1, 1) if 1 <= year <= 9999 else None


def _month_name(ref: datetime.date, rule: dict) -> datetime.date | None:
    """The month `rule["month"]` nearest `ref` as its relation (past/future/current/none) says, or in
    the year `rule["year_offset"]` years from `ref`'s ("يونيو من العام الماضي"), or in `rule["year"]`."""
    if rule.get("year"):
        return datetime.date(rule["year"], rule["month"], 1)
    if rule["calendar"] == "hijri":
        return _hijri_month(ref, rule)
    return _nearest_month(ref.year, ref.month, rule["month"], rule["relation"],
                          lambda y, m: datetime.date(y, m, 1) if 1 <= y <= 9999 else None,
                          rule.get("year_offset"))


MONTHS_AHEAD = 5  # a month named alone this many months ahead or fewer is the coming one


def _nearest_month(year: int, month: int, target: int, relation: str | None, make,
                   year_offset: int | None = None):
    if year_offset is not None:
        return make(year + year_offset, target)
    if relation == BEFORE_LAST:
        return make(year - 1 if target < month else year - 2, target)
    if relation == "past":
        return make(year if target < month else year - 1, target)
    if relation == "since":  # «منذ يوليو» written in July: since this July began
        return make(year if target <= month else year - 1, target)
    if relation == "future":
        return make(year if target > month else year + 1, target)
    if relation == "current":
        return make(year, target)
    # A month named alone up to five months ahead is the coming one, as an undated day up to half a year
    # ahead is (naba.date_resolution): of the bare month names of SaudiNewsNet records 27,000-29,999 that
    # "next month at most" sent back a year (2-5 months ahead), 6 of 8 read were coming events (OPEC's
    # «الاجتماع الدوري المقرر في ديسمبر», «تبقى على شهر ديسمبر أقل من 4 أشهر»), one past, one neither.
    if (target - month) % 12 <= MONTHS_AHEAD:
        return make(year if target >= month else year + 1, target)
    return make(year if target < month else year - 1, target)


def _hijri_month(ref: datetime.date, rule: dict) -> datetime.date | None:
    from hijridate import Gregorian, Hijri  # first use only: `import naba` stays cheap

    try:
        today = Gregorian(ref.year, ref.month, ref.day).to_hijri()
        found = _nearest_month(today.year, today.month, rule["month"], rule["relation"],
                               lambda y, m: Hijri(y, m, 15).to_gregorian(), rule.get("year_offset"))
    except (ValueError, OverflowError):
        return None
    return datetime.date(found.year, found.month, found.day) if found else None


def _holiday(ref: datetime.date, rule: dict) -> datetime.date | None:
    """The feast nearest `ref` (the earlier on a tie), or the last before / next after it as the
    relation says: "عيد الفطر" in a paper of 11 Shawwal is the feast ten days back."""
    if rule["calendar"] == "hijri":
        year = hijri_year(ref)
        if year is None:
            return None
        days = [hijri(y, rule["month"], rule["day"]) for y in (year - 1, year, year + 1)]
    else:
        days = [datetime.date(y, rule["month"], rule["day"]) for y in (ref.year - 1, ref.year, ref.year + 1)]
    days = [d for d in days if d is not None]
    relation = rule.get("relation")
    if relation in ("past", BEFORE_LAST):
        days = [d for d in days if d < ref]
    elif relation == "future":
        days = [d for d in days if d > ref]
    return min(days, key=lambda d: (abs((d - ref).days), d), default=None)


def _iso(day: datetime.date, precision: str) -> str:
    if precision == "week":
        return (day - datetime.timedelta(days=day.weekday())).isoformat()
    return {"day": day.isoformat(), "month": day.isoformat()[:7]}.get(precision, f"{day.year:04d}")
