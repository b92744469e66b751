"""Who copied whom: nobody when one of the two credits a news agency (both took its text), else the
earlier article when publication times say so, else the one the other credits, else nobody — and the
sentence a reader sees ("«الرصد نت» أعاد نشر 5 فقرات …").

An analyst's reading of 25 copies between outlets (SaudiNewsNet records 16,001-18,000) found every one
of the 8 originals named by time wrong: both outlets had the text from an agency («جدة - واس», «القاهرة:
أ. ف. ب» in the byline) or from one statement, and the times were a crawler's batches, not the outlets'.
"""

from __future__ import annotations

import functools
import re
from datetime import datetime, timedelta

from naba.model import Article
from naba.rules import load_json
from naba.text import count_ar, line_key

# Times without a zone may be an outlet's local time: closer than this, their order is unknown.
_ZONE_DOUBT = timedelta(hours=3)
# A crawler fetches outlets in batches (SaudiNewsNet: ~1,300 articles of ten outlets in two hours, the
# next batch up to ~40 hours later): its stamps order two articles only when days apart.
_CRAWL_DOUBT = timedelta(days=2)
# Marks between a dateline's parts; a tatweel standing alone is a dash («جدة ـ واس»), inside a word it
# only draws it out («رويتـرز»).
_CREDIT_PARTS = re.compile(r"[-–—:：()/\\،,|«»\"“”]+|\s+ـ+\s+")
_DATELINE_HEAD = 60  # characters of an article's first line read for a dateline's credit


def original_of(a: Article, b: Article) -> tuple[str | None, str | None]:
    """(id of the original, how it was decided: 'time' | 'credit'), (None, 'agency') when either credits
    a news agency, or (None, None)."""
    if agency_credit(a) or agency_credit(b):
        return None, "agency"
    earlier = _earlier(a, b)
    if earlier is not None:
        return (a.id if earlier == 0 else b.id), "time"
    if _credits(a, b):
        return b.id, "credit"
    if _credits(b, a):
        return a.id, "credit"
    return None, None


def agency_credit(article: Article) -> str | None:
    """The news agency `article` credits in its byline or its dateline («جدة - واس», «الرياض (رويترز) -»,
    «القاهرة/سان فرانسيسكو : (د ب أ)»), by the name readers know it by (`agency_credits` in reuse.json)."""
    agencies = _agencies()
    first = (article.text or "").lstrip().split("\n", 1)[0]
    head = first[:_DATELINE_HEAD]
    places = [article.author or "", *re.findall(r"\(([^()]{1,30})\)", head)]
    if ":" in head:
        places.append(head.split(":", 1)[0])  # «الرياض - واس:» before the report
    if len(first.split()) <= 6:
        places.append(first)  # a dateline line of its own
    for place in places:
        for part in _CREDIT_PARTS.split(place):
            found = agencies.get(line_key(part).replace(" ", ""))
            if found:
                return found
    return None


@functools.cache
def _agencies() -> dict[str, str]:
    """Each way of crediting an agency (line_key, spaces removed) -> the agency's name."""
    out = {}
    for name, forms in load_json("reuse.json").get("agency_credits", {}).items():
        if not name.startswith("_"):
            for form in (name, *forms):
                out[line_key(form).replace(" ", "")] = name
    return out


def delay(a: Article, b: Article) -> timedelta | None:
    """How long after `a` article `b` was published, when both times are known comparably (not when
    either is a crawler's stamp: the gap between two batches says nothing of the outlets)."""
    ta, tb = _parse(a.published), _parse(b.published)
    if ta is None or tb is None or ta[1] != tb[1] or not (ta[2] and tb[2]) or _crawled(a) or _crawled(b):
        return None
    return tb[0] - ta[0]


def _crawled(article: Article) -> bool:
    from naba.sources.jsonl import crawl_stamped

    return crawl_stamped(article)


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


def _earlier(a: Article, b: Article) -> int | None:
    """0 when `a` was published earlier, 1 when `b` was, None when unknown or too close to tell."""
    ta, tb = _parse(a.published), _parse(b.published)
    if ta is None or tb is None:
        return None
    (da, aware_a, timed_a), (db, aware_b, timed_b) = ta, tb
    if aware_a != aware_b:
        da, db = da.replace(tzinfo=None), db.replace(tzinfo=None)
    doubt = timedelta(days=1) if not (timed_a and timed_b) else (
        timedelta(0) if aware_a and aware_b else _ZONE_DOUBT)
    if _crawled(a) or _crawled(b):
        doubt = max(doubt, _CRAWL_DOUBT)
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
    who, whose = _labels(copy, original)
    late = delay(original, copy)
    what_ar = "المقال كاملاً تقريباً" if whole else f"{_count_ar(paragraphs, 'فقرة', 'فقرتين', 'فقرات')}"
    what_en = "almost all of" if whole else f"{paragraphs} paragraph{'s' if paragraphs != 1 else ''} of"
    ar = f"«{who}» أعاد نشر {what_ar} من «{whose}»" + (f" بعد {_delay_ar(late)}" if late else "")
    en = f"{who} republished {what_en} {whose}" + (f" {_delay_en(late)} later" if late else "")
    return ar, en


def describe_shared(a: Article, b: Article, paragraphs: int, whole: bool) -> tuple[str, str]:
    """The Arabic and English sentences for two articles that share text when neither is known to be
    the original (no publication times, no credit)."""
    one, other = _labels(a, b)
    what_ar = "النص كله تقريباً" if whole else _count_ar(paragraphs, "فقرة", "فقرتين", "فقرات")
    what_en = "almost all their text" if whole else f"{paragraphs} paragraph{'s' if paragraphs != 1 else ''}"
    agency_a, agency_b = agency_credit(a), agency_credit(b)
    if agency_a and agency_a == agency_b:
        return (f"«{one}» و«{other}» يشتركان في {what_ar} من نص «{agency_a}» الذي ينسبانه إليها",
                f"{one} and {other} share {what_en} of the text both credit to {agency_a}")
    if agency_a or agency_b:
        credits_ar = "، و".join(f"ينسب «{who}» نصه إلى «{agency}»" for who, agency in ((one, agency_a), (other, agency_b))
                               if agency)
        credits_en = " and ".join(f"{who} credits {agency}" for who, agency in ((one, agency_a), (other, agency_b))
                                  if agency)
        return (f"«{one}» و«{other}» يشتركان في {what_ar}؛ {credits_ar}، فلا يُعد أحدهما ناقلاً عن الآخر",
                f"{one} and {other} share {what_en}; {credits_en}, so neither is taken as the other's source")
    return (f"«{one}» و«{other}» يشتركان في {what_ar}، ولا يُعرف أيهما نقل عن الآخر",
            f"{one} and {other} share {what_en}; which copied the other is not known")


def _labels(a: Article, b: Article) -> tuple[str, str]:
    """The two articles' names in a sentence: their outlets, with their titles when the outlet is the
    same («عكاظ» و«عكاظ» said nothing)."""
    one, other = a.label(), b.label()
    if one == other and a.outlet:
        one, other = (f"{x.outlet}: {x.label(outlet=False)}" for x in (a, b))
    if one == other:  # one title, no outlet («عاجل» twice): their files, else their ids
        one, other = (f"{label} ({x.file_name() or x.id})" for label, x in ((one, a), (other, b)))
    return one, other


def _count_ar(n: int, one: str, two: str, few: str, many: str | None = None) -> str:
    """A count of paragraphs, hours … in Arabic agreement (`naba.text.count_ar`), one said without its
    figure: «فقرة», «فقرتين», «5 فقرات»."""
    return one if n == 1 else count_ar(n, one, two, few, many)


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
