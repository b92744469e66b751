"""Publication times: a source's value in whatever form a crawler wrote it (`to_iso`), and the date
an article states for itself in its header or first paragraph (`publication_date`)."""

from __future__ import annotations

import datetime as _dt
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from naba import dates

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
# Seconds since 1970 between 1990 and 2100; larger values are taken as milliseconds.
_EPOCH_RANGE = (631152000, 4102444800)
_MAX_HEADER_LINES = 6
_PARAGRAPH_WORDS = 12  # a header line this long is prose, not a date line or a title


def to_iso(value: object) -> str | None:
    """An ISO 8601 date or date-time for a source's publication value, or None when it is not a date.

    >>> to_iso("2015-07-21 02:51:32")
    '2015-07-21T02:51:32'
    >>> to_iso(1765814700)
    '2025-12-15T16:05:00+00:00'
    >>> to_iso("Mon, 15 Dec 2025 19:05:00 +0300")
    '2025-12-15T19:05:00+03:00'
    >>> to_iso("الاثنين ١٥ كانون الأول ٢٠٢٥")
    '2025-12-15'
    """
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        try:
            return _epoch(float(value))
        except OverflowError:  # an integer of 400 digits
            return None
    text = str(value).strip()
    if _ISO.match(text):
        return _in_range(text.replace(" ", "T", 1))
    if re.fullmatch(r"\d{9,13}(?:\.\d+)?", text):
        return _epoch(float(text))
    return _rfc2822(text) or _written(text)


def _in_range(iso: str) -> str | None:
    """`iso`, or None when its time in UTC falls outside the years Python can hold («0001-01-01T00:00:00+03:00»,
    «9999-12-31T23:00:00-05:00»: every later step that compares times would fail on it)."""
    try:
        parsed = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso  # a form fromisoformat does not read: kept as the source wrote it
    try:
        parsed.astimezone(timezone.utc) if parsed.tzinfo else None
    except OverflowError:
        return None
    return iso


def _epoch(seconds: float) -> str | None:
    if seconds > _EPOCH_RANGE[1]:
        seconds /= 1000
    if not _EPOCH_RANGE[0] <= seconds <= _EPOCH_RANGE[1]:
        return None
    return datetime.fromtimestamp(seconds, tz=timezone.utc).isoformat()


def _rfc2822(text: str) -> str | None:
    if not re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", text):
        return None
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError):
        return None


def _written(text: str) -> str | None:
    """A date written out ('15/12/2025', 'الاثنين ١٥ كانون الأول ٢٠٢٥ - 19:05')."""
    found = [m for m in dates.find_dates(text) if m.precision == "day"]
    if len(found) != 1:
        return None
    return found[0].date + (f"T{found[0].time}" if found[0].time else "")


def publication_date(text: str, *, reference: _dt.date | None = None) -> dates.DateMention | None:
    """The date an article states for itself, or None when it does not state one.

    Looks at the header (the first six non-empty lines) for a date line — a short line that is
    mostly a day-precise date, such as "الجمعة 06 كانون الأول 2024 - 19:37 عربي21" — and then
    at the first paragraph for "اليوم، الجمعة 6 من كانون الأول" or a dateline
    ("الرياض 6 ديسمبر 2024 (واس) -"). A weekday alone is never a publication date.

    >>> publication_date("عربي21\\nالجمعة 06 كانون الأول 2024 - 19:37\\nنص").time
    '19:37'
    """
    mentions = [m for m in dates.find_dates(text, reference=reference) if m.precision == "day"]
    if not mentions:
        return None
    for start, end in _header_lines(text):
        inside = [m for m in mentions if start <= m.start < end]
        if len(text[start:end].split()) >= _PARAGRAPH_WORDS:
            return _first_paragraph_date(text, start, inside)
        found = _date_line(text, start, end, inside)
        if found is not None:
            return found
    return None


def _header_lines(text: str):
    count = 0
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            yield match.start(), match.end()
            count += 1
            if count == _MAX_HEADER_LINES:
                return


def _date_line(text: str, start: int, end: int, inside: list[dates.DateMention]) -> dates.DateMention | None:
    """The line's date when the line is little more than a date (an outlet name, 'نشر في')."""
    if not inside:
        return None
    rest = text[start:end]
    for m in inside:
        rest = rest.replace(m.text, " ")
    if len(rest.split()) > 5:
        return None
    return next((m for m in inside if m.calendar == "gregorian"), inside[0])


_TODAY_BEFORE = re.compile(r"اليوم[\s،,:\-–]*$")
_DATELINE_AFTER = re.compile(r"[^\S\n]*(?:\([^()\n]{1,25}\)[^\S\n]*)?[-–—:/(]")


def _first_paragraph_date(text: str, start: int, inside: list[dates.DateMention]) -> dates.DateMention | None:
    rules = dates._rules()
    for m in inside:
        if m.weekday is None and not dates._has_digit(m.text[0]):
            continue  # "اليوم الثامن من رمضان" is "the eighth day", not "today"
        if _TODAY_BEFORE.search(rules.fold(text[max(start, m.start - 12):m.start])[0]):
            return m
    for m in inside:
        prefix = text[start:m.start]
        if (len(prefix) <= 40 and len(prefix.split()) <= 4 and not dates._has_digit(prefix)
                and _DATELINE_AFTER.match(text, m.end)):
            return m
    return None
