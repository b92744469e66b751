"""Every temporal expression of an article, resolved against its publication date.

`find_dates(article)` is the per-article stage. It sets `article.dates` to

    {"text", "date", "precision", "span": [s, e], "relative": bool}

in text order, without overlaps. Absolute dates ("6 كانون الأول 2024", "عام 2011", Hijri dates,
"27 نوفمبر" whose year comes from the publication date) are found by `naba.dates.find_dates`.
This module adds what depends on the publication date:

- day words, with an optional part of the day: اليوم، الليلة، أمس، يوم أمس، البارحة، أول أمس،
  الليلة قبل الماضية، غدا، بعد غد، صباح اليوم، مساء أمس — and a weekday after them ("اليوم الجمعة",
  "أمس الخميس") in the same span;
- weekdays alone (الخميس، يوم الجمعة، مساء الأحد): the most recent such day on or before the
  publication date, as Arabic news writes "الخميس" for the latest Thursday — but tomorrow's weekday
  is tomorrow, and a future cue earlier in the clause ("من المقرر أن يلتقي الفريقان الأربعاء")
  makes it the coming one; with الماضي the one strictly before it, with قبل الماضي the one before
  that, with المقبل/القادم the coming one, also when a dual relation follows a second weekday
  ("يومي الجمعة والسبت المقبلين");
- periods: الأسبوع/الشهر/العام الماضي، قبل الماضي، المقبل، الجاري، هذا العام; a Gregorian year
  written after one is its year ("العام المقبل 2016");
- counts: منذ ثلاثة أيام، قبل يومين، بعد أسبوع، منذ 3 أشهر، منذ 30 عاماً، منذ نحو شهر (number words
  or digits; an approximation such as نحو، أكثر من stays in the span);
- a month name without day or year: "في كانون الأول الماضي", "شهر رمضان المقبل", "يونيو من العام
  الماضي", "منتصف رمضان", "أكتوبر (تشرين الأول) المقبل" (the relation after the month's other
  name); a month that is also a name needs شهر, a relation or a strong cue;
- feasts: عيد الفطر، عيد الأضحى، يوم عرفة … (the one nearest the publication date, or the one its
  relation names).

Precisions are "day", "month", "year" and, for weeks, "week": `date` is then the Monday
(ISO week start) of that week, written YYYY-MM-DD — "الأسبوع الماضي" is no single day.

Relative mentions are resolved against the day the text calls today (`writing_day`: «أمس الثلاثاء»
is written on a Wednesday), which is the publication day unless the text's weekdays say otherwise:
a page stamped after midnight, or fetched days later, still says «أمس» of the day before it was
written.

Without a publication date a relative mention keeps `date: null` with `"relative_to": "published"`;
every relative mention carries its `rule`, so `resolve_relative(mention, reference)` can date it
once the story step has inferred the article's date (`published_from: "story"`).

Guards (data in `relative_dates.json`): "اليوم الوطني"/"اليوم التالي" are not today (a definite
adjective after اليوم), nor are "مرتين في اليوم", "على مدار اليوم", "صحيفة اليوم", "اليوم الذي…";
"صلاة الجمعة"/"كل خميس"/"صيام الاثنين والخميس" are not a date, and a relative word inside a
PER/ORG entity of `article.entities` (the surname الخميس) is skipped. "اليوم" meaning nowadays
("المسلمون اليوم في …") is not told apart from today.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from naba import dates as absolute
from naba.extract.temporal_resolve import publication_day, resolve_relative, writing_day
from naba.extract.temporal_words import BEFORE_LAST as _BEFORE_LAST
from naba.extract.temporal_words import vocabulary as _vocabulary
from naba.model import Article
from naba.normalize import letter_folding

__all__ = ["find_dates", "publication_day", "resolve_relative", "temporal_expressions"]

_SP = r"[^\S\n]+"
# proclitics: a conjunction, then a preposition (والخميس، بالأمس، وفي)
_CONJUNCTIONS, _PREPOSITIONS = "وف", "بل"
_CLITICS = tuple(a + b for a in ("", *_CONJUNCTIONS) for b in ("", *_PREPOSITIONS))
_START = rf"(?<![^\W\d_])(?:[{_CONJUNCTIONS}]?[{_PREPOSITIONS}]?)"
_END = r"(?![^\W\d_])"
_LETTERS = re.compile(r"[^\W\d_]+")
_DIGIT = "[0-9\u0660-\u0669\u06f0-\u06f9]"
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _any(words) -> str:
    """Alternation of folded words, longest first; a space matches any run of spaces."""
    ordered = sorted(set(words), key=lambda w: (-len(w), w))
    return "(?:" + "|".join(_SP.join(map(re.escape, w.split())) for w in ordered) + ")"


@dataclass(frozen=True)
class _Pattern:
    """One relative-date pattern: its rule's kind, the compiled pattern and the letter runs it can start
    at (the first word of each phrase that can open it, alone or behind the clitics `_CLITICS`)."""

    kind: str
    pattern: re.Pattern[str]
    openers: frozenset[str]


@functools.cache
def _patterns() -> tuple[_Pattern, ...]:
    v = _vocabulary()
    part = f"(?:(?P<part>{_any(v.day_parts)}){_SP})?"
    definite_weekdays = [w for w in v.weekday if w.startswith("ال")]
    weekday = f"(?:يومي?{_SP}(?P<wd>{_any(v.weekday)})|(?P<wd2>{_any(definite_weekdays)}))"
    rel = f"(?:{_SP}(?P<rel>{_any(v.relation)}))?"
    number = f"(?:(?P<num>{_any(v.number)}|{_DIGIT}{{1,3}}){_SP})?"
    approx = f"(?:(?P<approx>{_any(v.approximators)}){_SP})?"
    this_period = f"(?:(?P<this>{_any(v.this_words)}){_SP})?"
    years = [w for w, unit in v.period.items() if unit == "year"]
    # "يونيو من العام الماضي", "رمضان من هذا العام": the month in the year the phrase names
    of_year = (f"(?:{_SP}من{_SP}(?:(?P<ythis>{_any(v.this_words)}){_SP}{_any(years)}"
               f"|{_any(years)}{_SP}(?P<yrel>{_any(v.relation)})))")
    # the month in the other system after it, "أكتوبر (تشرين الأول)", "سبتمبر أيلول", "أكتوبر/تشرين
    # الأول": the relation after the pair is the month's ("سبتمبر (أيلول) المقبل")
    paired = (f"[^\\S\\n]*\\([^\\S\\n]*{_any(v.month)}[^\\S\\n]*\\)|[^\\S\\n]*[/\\-–][^\\S\\n]*{_any(v.month)}"
              f"|{_SP}{_any(v.month)}")
    rules = (  # kind, body, the phrases that can open it
        # "اليوم الجمعة", "أمس، الخميس", "اليوم (الأربعاء)"
        ("day", (f"(?P<body>{part}(?P<day>{_any(v.day_offset)})(?:(?:[^\\S\\n]*،?{_SP}|[^\\S\\n]*\\([^\\S\\n]*)"
                 f"(?P<wd>{_any(v.weekday)})\\)?)?)"), [*v.day_parts, *v.day_offset]),
        ("weekday", f"(?P<body>{part}{weekday}{rel})", [*v.day_parts, "يوم", "يومي", *definite_weekdays]),
        # "العام المقبل 2016": the year written after the phrase is the phrase's year
        ("period", (f"(?P<body>{this_period}(?P<period>{_any(years)}){rel}{_SP}(?P<year>{_DIGIT}{{4}})"
                    f"(?:[^\\S\\n]?م)?)(?![^\\S\\n]*[/\\-]?[^\\S\\n]*{_DIGIT})"), [*v.this_words, *years]),
        ("period", f"(?P<body>{this_period}(?P<period>{_any(v.period)}){rel})", [*v.this_words, *v.period]),
        ("count", f"(?P<body>(?P<marker>{_any(v.marker)}){_SP}{approx}{number}(?P<unit>{_any(v.unit)}))",
         [*v.marker]),
        ("month", (f"(?P<body>(?:(?P<shahr>شهر|الشهر|شهري){_SP})?(?P<month>{_any(v.month)})(?:{paired})?"
                   f"(?:{of_year}|{rel}))"),
         ["شهر", "الشهر", "شهري", *v.month]),
        ("holiday", f"(?P<body>(?P<holiday>{_any(v.holiday)}){rel})", [*v.holiday]),
    )
    return tuple(_Pattern(kind, re.compile(_START + body + _END),
                          frozenset(c + phrase.split()[0] for phrase in phrases for c in _CLITICS))
                 for kind, body, phrases in rules)


# ---------------------------------------------------------------- finding

def find_dates(article: Article) -> Article:
    """Per-article stage: set `article.dates` to every temporal expression in `article.text`.

    >>> a = Article(body="", source_kind="text", text="وصل الوفد أمس الخميس.", published="2024-12-06")
    >>> [(d["text"], d["date"]) for d in find_dates(a).dates]
    [('أمس الخميس', '2024-12-05')]
    """
    names = [e.get("span") for e in article.entities if e.get("type") in ("PER", "ORG")]
    reference = publication_day(article.published)
    article.dates = temporal_expressions(article.text or "", reference, [tuple(s) for s in names if s],
                                         _assumed_today(article, reference))
    return article


# A crawler's stamp before this hour (as written) is taken as a page written the day before: on
# SaudiNewsNet (`date_extracted`), of the 4,359 articles whose day words name a weekday («أمس
# الثلاثاء»), those stamped 01:00-04:59 call the day before the stamp today 455 times and the stamp's
# own day 152 times (the rest two or three days back); from 05:00 on the stamp's day wins (86%).
SMALL_HOURS = 5


def _assumed_today(article: Article, reference: datetime.date | None) -> datetime.date | None:
    """The day the text is taken to call today when its own weekdays do not say: the publication
    day, or the day before it for a page a crawler stamped in the small hours (`SMALL_HOURS`)."""
    from naba.sources.jsonl import crawl_stamped

    if reference is None or not crawl_stamped(article):
        return reference
    hour = re.match(r"\d{4}-\d{2}-\d{2}[T ](\d{2})", article.published or "")
    return reference - datetime.timedelta(days=1) if hour and int(hour.group(1)) < SMALL_HOURS else reference


def temporal_expressions(text: str, reference: datetime.date | None = None,
                         names: list[tuple[int, int]] = (), today: datetime.date | None = None
                         ) -> list[dict[str, Any]]:
    """The absolute and relative dates of `text`, resolved against `reference` where given.

    names: spans of person/organisation names, inside which no relative word is a date.
    today: the day relative mentions count from when the text's weekdays do not say (`writing_day`);
    `reference` when not given.
    """
    if not text or not re.search(r"[\u0600-\u06ff0-9]", text):
        return []
    found = [_absolute(m) for m in absolute.find_dates(text, reference=reference)]
    if reference is None:
        found += _needing_reference(text, {tuple(d["span"]) for d in found})
    taken, relative = bytearray(len(text) + 1), []  # characters inside a date found or a name
    for start, end in [tuple(d["span"]) for d in found] + [tuple(n) for n in names]:
        taken[start:end] = b"\x01" * (end - start)
    for mention in sorted(_relative(text), key=lambda m: (m["span"][0], -m["span"][1])):
        start, end = mention["span"]
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        relative.append(mention)
    if reference:
        day = writing_day(relative, reference, today)
        relative = [resolve_relative(mention, day) for mention in relative]
    found += relative
    return sorted((d for d in found if not _recurring(text, d["span"][1])), key=lambda d: d["span"])


_GLOSS = r"\s*(?:\([^()\n]{1,20}\)\s*)?"  # «يونيو (حزيران) من كل عام»: a bracketed gloss between
_RECURRING_REACH = 40  # characters after a date in which a recurring phrase is looked for


def _recurring(text: str, end: int) -> bool:
    """Whether a recurring phrase (`recurring` in relative_dates.json: «من كل عام») follows the date
    ending at `end`: a time of every year, no date."""
    return bool(_recurring_pattern().match(letter_folding().fold(text[end:end + _RECURRING_REACH])[0]))


@functools.cache
def _recurring_pattern() -> re.Pattern[str]:
    phrases = sorted(_vocabulary().recurring, key=len, reverse=True)
    return re.compile(_GLOSS + "(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in phrases) + r")(?!\w)")


def _needing_reference(text: str, dated: set[tuple[int, int]]) -> list[dict[str, Any]]:
    """Day-and-month dates without a year ("27 نوفمبر"), which only a reference can date."""
    probe = datetime.date(2000, 7, 1)  # any reference: only the spans are kept
    return [{**_absolute(m), "date": None, "relative": True, "relative_to": "published",
             "rule": {"kind": "day_month", "text": m.text}}
            for m in absolute.find_dates(text, reference=probe) if (m.start, m.end) not in dated]


def _absolute(m: absolute.DateMention) -> dict[str, Any]:
    return {"text": m.text, "date": m.date, "precision": m.precision, "span": [m.start, m.end],
            "relative": False}


def _relative(text: str) -> list[dict[str, Any]]:
    """Unresolved relative mentions (date None, with their rule), overlapping ones included."""
    folded, shifts = letter_folding().fold(text)
    runs = [(m.start(), m.group()) for m in _LETTERS.finditer(folded)]
    found = []
    for p in _patterns():
        kind = p.kind
        for match in _matches(p.pattern, folded, runs, p.openers):
            rule = _RULES[kind](match, folded, text, shifts)
            if rule is not None:
                found.append(_unresolved(text, shifts, match.start("body"), match.end("body"), rule))
            if kind == "day" and rule is not None and match.group("wd"):
                # "اليوم، الجمعة 6 من كانون الأول": اليوم alone when the weekday is in a date
                found.append(_unresolved(text, shifts, match.start("body"), match.end("day"), rule))
    return found


def _matches(pattern: re.Pattern[str], folded: str, runs: list[tuple[int, str]],
             opens: frozenset[str]) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(folded)` gives, tried only at the letter runs in `opens`.

    Every pattern starts a word and its first word ends at a non-letter, so a match can only begin
    where a whole run of letters is one of its openers; `finditer` tried the pattern (lookbehind,
    clitics and long alternations) at every character, which took half of the dates' time."""
    end = 0
    for start, run in runs:
        if start < end or run not in opens:
            continue
        match = pattern.match(folded, start)
        if match is not None:
            end = match.end()
            yield match


def _unresolved(text: str, shifts: list[int], folded_start: int, folded_end: int,
                rule: dict) -> dict[str, Any]:
    """A relative mention at the original span of a folded match, with its date left to resolve."""
    start = _original(folded_start, shifts)
    end = _original(folded_end - 1, shifts) + 1
    while end < len(text) and unicodedata.category(text[end]) == "Mn":
        end += 1  # the tanween of غداً belongs to the word
    return {"text": text[start:end], "date": None, "precision": _precision(rule),
            "span": [start, end], "relative": True, "relative_to": "published", "rule": rule}


def _original(folded_pos: int, shifts: list[int]) -> int:
    return folded_pos + bisect.bisect_right(shifts, folded_pos)


def _word_before(folded: str, pos: int) -> str:
    words = folded[max(0, pos - 30):pos].split()
    return words[-1].strip("،,.:؛") if words else ""


def _word_after(folded: str, pos: int) -> str:
    words = folded[pos:pos + 30].split()
    return words[0] if words and folded[pos:pos + 1].isspace() else ""


def _blocked(match: re.Match[str], folded: str) -> bool:
    v = _vocabulary()
    return (_word_before(folded, match.start("body")) in v.not_after
            or _word_after(folded, match.end()) in v.not_before)


def _day_rule(match, folded, text, shifts):
    v, word = _vocabulary(), " ".join(match.group("day").split())
    after = _word_after(folded, match.end()).rstrip("،,.:؛")
    if match.group("wd") is None and word in v.takes_adjectives and _is_day_adjective(after):
        return None  # اليوم الوطني، الليلة الأولى: a noun phrase, not a day
    if word in v.needs_cue and not _has_cue(match, folded, text, shifts):
        return None
    before = _word_before(folded, match.start("body"))
    if before in v.not_after or after in v.not_before - {"من"}:
        return None
    if word in v.takes_adjectives and _is_plain_noun(match, folded, before, after):
        return None
    if _is_quoted_name(match, folded):
        return None  # «الإمارات اليوم»، لـ(اليوم): a newspaper's name
    rule = {"kind": "days", "offset": v.day_offset[word]}
    if match.group("wd"):
        rule["weekday"] = v.weekday[match.group("wd")]
    return rule


def _is_plain_noun(match, folded: str, before: str, after: str) -> bool:
    """True for اليوم/الليلة as a noun, not a day: «مرة في اليوم»، «دار اليوم»، «اليوم الذي…»، «باليوم».

    A part of the day or a weekday makes it a date again («في صباح اليوم», «في اليوم الاثنين»)."""
    if match.group("part") or match.group("wd"):
        return False
    v = _vocabulary()
    clitic = folded[match.start():match.start("body")]
    return before in v.noun_not_after or after in v.noun_not_before or "ب" in clitic


_OPENING, _CLOSING = absolute.OPENING_QUOTES, absolute.CLOSING_QUOTES


def _is_quoted_name(match, folded: str) -> bool:
    """True when the day word ends a quoted or bracketed name: "عين اليوم"، (اليوم)."""
    end = match.end()
    if end >= len(folded) or folded[end] not in _CLOSING or match.group("wd"):
        return False
    before = folded[max(0, match.start("body") - 25):match.start("body")].rstrip()
    if before.endswith(tuple(_OPENING)):
        return True
    words = before.split()
    return bool(words) and any(ch in _OPENING for ch in words[-1])  # لـ”عين اليوم”


def _is_day_adjective(word: str) -> bool:
    """الوطني، العالمية، التالي: a relative adjective or an ordinal after اليوم/الليلة."""
    v = _vocabulary()
    if word in v.relation:
        return False  # الليلة الماضية is a date
    return word in v.day_adjectives or (word.startswith("ال") and word.endswith(("ي", "يه")) and len(word) > 4)


_PUNCTUATION_AFTER = re.compile(r"[^\S\n]*(?:[،,.؛:!؟)]|$)")


def _has_cue(match, folded, text, shifts) -> bool:
    """غدا is also a verb ("غدا الأمر صعبا"): take it with tanween, a weekday or a part of the day."""
    start, end = _original(match.start("day"), shifts), _original(match.end() - 1, shifts) + 1
    tanween = "\u064b" in text[start:end + 1]  # غداً / غدًا
    return bool(tanween or match.group("wd") or match.group("part")
                or _PUNCTUATION_AFTER.match(folded, match.end()))


def _weekday_rule(match, folded, text, shifts):
    if _blocked(match, folded) or _after_blocked_weekday(match, folded):
        return None
    v = _vocabulary()
    day = v.weekday[match.group("wd") or match.group("wd2")]
    relation = (_relation(match) or _coordinated_relation(folded, match.end()) or _since(match, folded)
                or _expected(folded, match.start("body")))
    return {"kind": "weekday", "weekday": day, "relation": relation}


def _since(match, folded: str) -> str | None:
    """"since" right after «منذ»: «منذ الجمعة», «منذ أغسطس» are on or before the day written
    (`naba.extract.temporal_resolve`), never the coming one."""
    return "since" if _word_before(folded, match.start("body")) in _vocabulary().since else None


def _after_blocked_weekday(match, folded: str) -> bool:
    """True for the second of two weekdays whose first is no date: «صيام الاثنين والخميس»."""
    v = _vocabulary()
    before = folded[max(0, match.start() - 40):match.start()].rstrip().removesuffix(" و").rstrip()
    first = before.split()[-1] if before.split() else ""
    return first in v.weekday and _word_before(before, len(before) - len(first)) in v.not_after


def _relation(match, group: str = "rel") -> str | None:
    rel = match.group(group)
    return _vocabulary().relation[" ".join(rel.split())] if rel else None


@functools.cache
def _coordinated() -> re.Pattern[str]:
    v = _vocabulary()
    return re.compile(f"[^\\S\\n]*[و،,][^\\S\\n]*(?:يوم{_SP})?{_any(v.weekday)}{_SP}(?P<rel>{_any(v.relation)}){_END}")


def _coordinated_relation(folded: str, end: int) -> str | None:
    """The relation after a second weekday: «يومي الجمعة والسبت المقبلين» — both are coming."""
    match = _coordinated().match(folded, end)
    return _relation(match) if match else None


_CLAUSE_END = re.compile(r"[.!?؟؛\n]")
_CUE_WORDS = 8  # how far back a future cue may stand: "من المقرر أن يلتقي الفريقان الأربعاء" is six


def _expected(folded: str, start: int) -> str | None:
    """"upcoming" when a future cue (سوف، المقرر، يلتقي …) stands earlier in the weekday's clause and
    no past cue (كان …) does: the weekday is then the coming one, not the latest."""
    v = _vocabulary()
    clause = folded[max(0, start - 120):start]
    clause = clause[max((m.end() for m in _CLAUSE_END.finditer(clause)), default=0):]
    words = [w.strip("،,:" + _OPENING + _CLOSING) for w in clause.split()[-_CUE_WORDS:]]
    words = [w[1:] if w[:1] in _CONJUNCTIONS and w not in v.future_cues | v.past_cues else w for w in words]
    if any(w in v.past_cues for w in words):
        return None
    return "upcoming" if any(w in v.future_cues for w in words) else None


_OFFSET = {"past": -1, "current": 0, "future": 1, _BEFORE_LAST: -2}


def _period_rule(match, folded, text, shifts):
    relation = "current" if match.group("this") else _relation(match)
    if relation is None or (match.group("this") and match.group("rel")):
        return None  # "العام" alone (الأمين العام) is no date; "هذا العام الماضي" is odd
    rule = {"kind": "period", "unit": _vocabulary().period[" ".join(match.group("period").split())],
            "offset": _OFFSET[relation]}
    if "year" in match.re.groupindex and match.group("year"):
        year = int(match.group("year").translate(_DIGITS))  # "العام المقبل 2016"
        if not _GREGORIAN_YEARS[0] <= year <= _GREGORIAN_YEARS[1]:
            return None  # "العام الماضي 1435هـ" is a Hijri year: the shorter match dates the phrase
        rule["year"] = year
    return rule


_GREGORIAN_YEARS = (1800, 2099)


def _count_rule(match, folded, text, shifts):
    v = _vocabulary()
    unit, forms = v.unit[" ".join(match.group("unit").split())]
    num = match.group("num")
    if num is None:
        if forms == {"n"}:
            return None  # "منذ سنوات": no count
        count = 2 if "2" in forms else 1
    else:
        if "n" not in forms:
            return None  # "قبل ثلاثة يومين" is not Arabic
        count = v.number.get(" ".join(num.split())) or int(num.translate(_DIGITS))
    after = _word_after(folded, match.end())
    if after in {"من", "علي"} or after in v.day_offset or after in v.month or count == 0:
        return None  # "قبل يومين من الانتخابات": relative to another event
    sign = -1 if v.marker[" ".join(match.group("marker").split())] == "past" else 1
    return {"kind": "count", "unit": unit, "offset": sign * count}


_DIGIT_AFTER = re.compile(r"[^\S\n]*[0-9]")
_DIGIT_BEFORE = re.compile(r"[0-9][^\S\n]*(?:من[^\S\n]+)?$")  # read in the 40 characters before: not the whole text


def _month_rule(match, folded, text, shifts):
    v = _vocabulary()
    name = " ".join(match.group("month").split())
    before = _word_before(folded, match.start("body"))
    has_shahr, relation = match.group("shahr") is not None, _relation(match) or _since(match, folded)
    if _DIGIT_AFTER.match(folded, match.end()) or _DIGIT_BEFORE.search(folded[max(0, match.start("body") - 40):match.start("body")]):
        return None  # part of an absolute date the other matcher has or rejected
    joined_year = _joined_month_year(folded, match.end())
    year_offset = 0 if match.group("ythis") else _OFFSET.get(_relation(match, "yrel"))
    if not (has_shahr or relation or year_offset is not None or _month_cue(name, before)):
        return None
    calendar, month = v.month[name]
    rule = {"kind": "month", "calendar": calendar, "month": month, "relation": relation}
    if year_offset is not None:
        rule["year_offset"] = year_offset  # "يونيو من العام الماضي"
    if joined_year is not None:
        if calendar == "hijri" or not _GREGORIAN_YEARS[0] <= joined_year <= _GREGORIAN_YEARS[1]:
            return None  # "رجب وشعبان 1436هـ": left to the absolute matcher
        rule["year"] = joined_year  # "شهري يوليو وأغسطس 2014": the second month's year
    return rule


@functools.cache
def _joined_month() -> re.Pattern[str]:
    return re.compile(f"[^\\S\\n]*(?:و|،|,)[^\\S\\n]*(?:{_any(_vocabulary().month)}){_SP}(?:من{_SP})?"
                      f"(?:(?:عام|العام|سنه){_SP})?(?P<year>{_DIGIT}{{4}})(?!{_DIGIT})")


def _joined_month_year(folded: str, end: int) -> int | None:
    """The year written after a second month joined to this one ("يوليو وأغسطس 2014"), if any."""
    match = _joined_month().match(folded, end)
    return int(match.group("year").translate(_DIGITS)) if match else None


def _month_cue(name: str, before: str) -> bool:
    """Whether the word before a bare month name makes it a date: «في أبريل»; a month that is also a
    name or a word (رمضان، مارس) takes only the strong cues («منتصف رمضان»), some not even those (صفر)."""
    v = _vocabulary()
    if name not in v.month_needs_shahr:
        return before in v.month_cues
    return name not in v.month_needs_more and before in v.month_strong_cues


def _holiday_rule(match, folded, text, shifts):
    calendar, month, day = _vocabulary().holiday[" ".join(match.group("holiday").split())]
    return {"kind": "holiday", "calendar": calendar, "month": month, "day": day,
            "relation": _relation(match)}


_RULES = {"day": _day_rule, "weekday": _weekday_rule, "period": _period_rule,
          "count": _count_rule, "month": _month_rule, "holiday": _holiday_rule}


# ---------------------------------------------------------------- resolving

def _precision(rule: dict) -> str:
    if rule["kind"] in ("days", "weekday", "holiday"):
        return "day"
    return "month" if rule["kind"] == "month" else rule["unit"]
