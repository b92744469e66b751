"""Publication times given by a source, in whatever form a crawler wrote them, as ISO 8601."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from naba import dates

_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$")
# Seconds since 1970 between 1990 and 2100; larger values are taken as milliseconds.
_EPOCH_RANGE = (631152000, 4102444800)


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
        return _epoch(float(value))
    text = str(value).strip()
    if _ISO.match(text):
        return text.replace(" ", "T", 1)
    if re.fullmatch(r"\d{9,13}(?:\.\d+)?", text):
        return _epoch(float(text))
    return _rfc2822(text) or _written(text)


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
