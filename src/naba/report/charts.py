"""A story's timeline as inline SVG: one dot per dated entry on a day axis, no script.

Time runs from right to left, as Arabic text does: the earliest entry is on the right.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from html import escape

WIDTH = 640
PAD_X, TOP, DOT_GAP = 40, 14, 14  # dots of one day stack upwards from the axis, DOT_GAP apart
MAX_TICKS = 8
MAX_STACK = 8  # dots drawn for one day; the rest are counted (+N)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def timeline_svg(timeline: list[dict], width: int = WIDTH) -> str:
    """An SVG chart of `timeline` entries (stories.json `timeline`: date, text), or "" when no entry
    has a readable date. A month or a year is placed on its first day. Each dot's tooltip is its
    (escaped) text, and the dots are numbered in date order so a list beside the chart can match them.

    >>> svg = timeline_svg([{"date": "2024-12-05", "text": "سيطرة على حماة"},
    ...                     {"date": "2024-12-07", "text": "دخول حمص"}])
    >>> svg.count("<circle"), "حماة" in svg
    (2, True)
    >>> timeline_svg([{"date": "غير معروف", "text": "…"}])
    ''
    """
    dated = sorted(((d, e) for e in timeline or [] if (d := entry_day(e.get("date")))), key=lambda pair: pair[0])
    if not dated:
        return ""
    first, last = dated[0][0], dated[-1][0]
    days = max((last - first).days, 1)

    def x_of(day: date) -> float:  # right to left
        return width - PAD_X - (day - first).days / days * (width - 2 * PAD_X)

    levels: dict[date, int] = {}
    for day, _ in dated:
        levels[day] = levels.get(day, 0) + 1
    axis_y = TOP + min(max(levels.values()), MAX_STACK + 1) * DOT_GAP + 6  # room for the busiest day
    height = axis_y + 28
    stacked: dict[date, int] = {}
    dots = []
    for number, (day, entry) in enumerate(dated, start=1):
        level = stacked[day] = stacked.get(day, -1) + 1
        if level < MAX_STACK:
            dots.append(_dot(number, x_of(day), axis_y - 10 - level * DOT_GAP, day, entry))
    dots += [_more(levels[day] - MAX_STACK, x_of(day), axis_y - 6 - MAX_STACK * DOT_GAP)
             for day in levels if levels[day] > MAX_STACK]
    ticks = [_tick(day, x_of(day), axis_y) for day in _tick_days(first, last)]
    return (f'<svg class="naba-timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'role="img" aria-label="الخط الزمني">'
            f'<line x1="{PAD_X / 2}" y1="{axis_y}" x2="{width - PAD_X / 2}" y2="{axis_y}" stroke="#555"/>'
            f'{"".join(ticks)}{"".join(dots)}</svg>')


def entry_day(value) -> date | None:
    """The day a timeline date names: `2024-12-06`, `2024-12` (its first day), `2024`, or a
    date-time; None when unreadable."""
    match = _DATE.match(str(value or ""))
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2] or 1), int(match[3] or 1))
    except ValueError:
        return None


def _tick_days(first: date, last: date) -> list[date]:
    """Evenly spaced days from first to last; a regular tick too close to the last is dropped so
    that their labels do not overlap."""
    span = (last - first).days
    step = max(1, -(-span // (MAX_TICKS - 1)))
    days = [first + timedelta(days=k) for k in range(0, span + 1, step)]
    if days[-1] != last:
        if len(days) > 1 and (last - days[-1]).days < step * 0.6:
            days.pop()
        days.append(last)
    return days


def _tick(day: date, x: float, axis_y: float) -> str:
    return (f'<line x1="{x:.1f}" y1="{axis_y}" x2="{x:.1f}" y2="{axis_y + 5}" stroke="#555"/>'
            f'<text x="{x:.1f}" y="{axis_y + 20}" font-size="11" text-anchor="middle" fill="#333">'
            f'{day.isoformat()}</text>')


def _more(hidden: int, x: float, y: float) -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="10" text-anchor="middle" fill="#1f5f8b">+{hidden}</text>'


def _dot(number: int, x: float, y: float, day: date, entry: dict) -> str:
    text = escape(str(entry.get("text") or ""))
    return (f'<g class="event"><circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#1f5f8b"/>'
            f'<text x="{x:.1f}" y="{y + 3.5:.1f}" font-size="8" text-anchor="middle" fill="#fff">{number}</text>'
            f'<title>{day.isoformat()} — {text}</title></g>')
