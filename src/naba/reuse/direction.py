"""Who copied whom: the earlier article when publication times say so, else the one the other
credits, else nobody — and the sentence a reader sees ("«الرصد نت» أعاد نشر 5 فقرات …")."""

from __future__ import annotations

from datetime import datetime, timedelta

from naba.model import Article
from naba.text import line_key

# Times without a zone may be an outlet's local time: closer than this, their order is unknown.
_ZONE_DOUBT = timedelta(hours=3)


def original_of(a: Article, b: Article) -> tuple[str | None, str | None]:
    """(id of the original, how it was decided: 'time' | 'credit'), or (None, None)."""
    earlier = _earlier(a.published, b.published)
    if earlier is not None:
        return (a.id if earlier == 0 else b.id), "time"
    if _credits(a, b):
        return b.id, "credit"
    if _credits(b, a):
        return a.id, "credit"
    return None, None


def delay(a: Article, b: Article) -> timedelta | None:
    """How long after `a` article `b` was published, when both times are known comparably."""
    ta, tb = _parse(a.published), _parse(b.published)
    if ta is None or tb is None or ta[1] != tb[1] or not (ta[2] and tb[2]):
        return None
    return tb[0] - ta[0]


def _credits(copy: Article, original: Article) -> bool:
    """`copy` names `original`'s outlet as its source ('نقلا عن «…»', 'المصدر: …')."""
    if not original.outlet:
        return False
    name = line_key(original.outlet)
    credited = copy.extra.get("credited")
    if credited and line_key(str(credited)) == name:
        return True
    return any(line_key(line).startswith(("المصدر", "نقلا عن")) and line_key(line).endswith(name)
               for line in copy.boilerplate)


def _earlier(pa: str | None, pb: str | None) -> int | None:
    """0 when `pa` is earlier, 1 when `pb` is, None when unknown or too close to tell."""
    ta, tb = _parse(pa), _parse(pb)
    if ta is None or tb is None:
        return None
    (da, aware_a, timed_a), (db, aware_b, timed_b) = ta, tb
    if aware_a != aware_b:
        da, db = da.replace(tzinfo=None), db.replace(tzinfo=None)
    doubt = timedelta(days=1) if not (timed_a and timed_b) else (
        timedelta(0) if aware_a and aware_b else _ZONE_DOUBT)
    if abs(da - db) <= doubt:
        return None
    return 0 if da < db else 1


def _parse(value: str | None) -> tuple[datetime, bool, bool] | None:
    """(time, has a zone, has a clock time)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed, parsed.tzinfo is not None, "T" in value


def describe(copy: Article, original: Article, paragraphs: int, whole: bool) -> tuple[str, str]:
    """The Arabic and English sentences a reader sees for one copy."""
    who = copy.outlet or copy.title or copy.id
    whose = original.outlet or original.title or original.id
    late = delay(original, copy)
    what_ar = "المقال كاملاً تقريباً" if whole else f"{_count_ar(paragraphs, 'فقرة', 'فقرتين', 'فقرات')}"
    what_en = "almost all of" if whole else f"{paragraphs} paragraph{'s' if paragraphs != 1 else ''} of"
    ar = f"«{who}» أعاد نشر {what_ar} من «{whose}»" + (f" بعد {_delay_ar(late)}" if late else "")
    en = f"{who} republished {what_en} {whose}" + (f" {_delay_en(late)} later" if late else "")
    return ar, en


def describe_shared(a: Article, b: Article, paragraphs: int, whole: bool) -> tuple[str, str]:
    """The Arabic and English sentences for two articles that share text when neither is known to be
    the original (no publication times, no credit)."""
    one, other = (a.outlet or a.title or a.id), (b.outlet or b.title or b.id)
    what_ar = "النص كله تقريباً" if whole else _count_ar(paragraphs, "فقرة", "فقرتين", "فقرات")
    what_en = "almost all their text" if whole else f"{paragraphs} paragraph{'s' if paragraphs != 1 else ''}"
    return (f"«{one}» و«{other}» يشتركان في {what_ar}، ولا يُعرف أيهما نقل عن الآخر",
            f"{one} and {other} share {what_en}; which copied the other is not known")


def _count_ar(n: int, one: str, two: str, few: str, many: str | None = None) -> str:
    """Arabic number agreement: 1 فقرة, 2 فقرتين, 3-10 فقرات, 11+ فقرة."""
    if n == 1:
        return one
    if n == 2:
        return two
    return f"{n} {few if 3 <= n <= 10 else (many or one)}"


def _delay_ar(late: timedelta) -> str:
    minutes = int(late.total_seconds() // 60)
    if minutes < 60:
        return _count_ar(max(minutes, 1), "دقيقة", "دقيقتين", "دقائق")
    if minutes < 48 * 60:
        return _count_ar(minutes // 60, "ساعة", "ساعتين", "ساعات")
    return _count_ar(minutes // (24 * 60), "يوم", "يومين", "أيام")


def _delay_en(late: timedelta) -> str:
    minutes = int(late.total_seconds() // 60)
    if minutes < 60:
        return f"{max(minutes, 1)} minute{'s' if minutes != 1 else ''}"
    if minutes < 48 * 60:
        return f"{minutes // 60} hour{'s' if minutes // 60 != 1 else ''}"
    return f"{minutes // (24 * 60)} days"
