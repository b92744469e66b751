"""Every temporal expression of an article, resolved against its publication date.

`find_dates(article)` is the per-article stage. It sets `article.dates` to

    {"text", "date", "precision", "span": [s, e], "relative": bool}

in text order, without overlaps. Absolute dates ("6 كانون الأول 2024", "عام 2011", Hijri dates,
"27 نوفمبر" whose year comes from the publication date) are found by `naba.dates.find_dates`.
This module adds what depends on the publication date:

- day words, with an optional part of the day: اليوم، الليلة، أمس، البارحة، أول أمس، غدا، بعد غد،
  صباح اليوم، مساء أمس — and a weekday after them ("اليوم الجمعة", "أمس الخميس") in the same span;
- weekdays alone (الخميس، يوم الجمعة، مساء الأحد): the most recent such day on or before the
  publication date, as Arabic news writes "الخميس" for the latest Thursday; with الماضي the one
  strictly before it, with المقبل/القادم the coming one;
- periods: الأسبوع/الشهر/العام الماضي، المقبل، الجاري، هذا العام;
- counts: منذ ثلاثة أيام، قبل يومين، بعد أسبوع، منذ 3 أشهر (number words or digits);
- a month name without day or year: "في كانون الأول الماضي", "شهر رمضان المقبل".

Precisions are "day", "month", "year" and, for weeks, "week": `date` is then the Monday
(ISO week start) of that week, written YYYY-MM-DD — "الأسبوع الماضي" is no single day.

Without a publication date a relative mention keeps `date: null` with `"relative_to": "published"`;
every relative mention carries its `rule`, so `resolve_relative(mention, reference)` can date it
once the story step has inferred the article's date (`published_from: "story"`).

Guards (data in `relative_dates.json`): "اليوم الوطني"/"اليوم التالي" are not today (a definite
adjective after اليوم), "صلاة الجمعة"/"كل خميس" are not a date, and a relative word inside a
PER/ORG entity of `article.entities` (the surname الخميس) is skipped.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass
from collections.abc import Iterator
from typing import Any

from naba import dates as absolute
from naba.errors import RulesError
from naba.model import Article
from naba.normalize import letter_folding
from naba.rules import load_json

__all__ = ["find_dates", "temporal_expressions", "resolve_relative", "publication_day"]

_SP = r"[^\S\n]+"
# proclitics: a conjunction, then a preposition (والخميس، بالأمس، وفي)
_CONJUNCTIONS, _PREPOSITIONS = "وف", "بل"
_CLITICS = tuple(a + b for a in ("", *_CONJUNCTIONS) for b in ("", *_PREPOSITIONS))
_START = rf"(?<![^\W\d_])(?:[{_CONJUNCTIONS}]?[{_PREPOSITIONS}]?)"
_END = r"(?![^\W\d_])"
_LETTERS = re.compile(r"[^\W\d_]+")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_RELATIONS = ("past", "future", "current")


# ---------------------------------------------------------------- rules (data files)

def _fold(word: str) -> str:
    return " ".join(letter_folding().fold(word)[0].split())


def _words(table: dict, key: str, source: str) -> list[str]:
    value = table.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w.strip() for w in value):
        raise RulesError(f"{source}: '{key}' must be a non-empty list of non-empty strings; got {value!r}.")
    return [_fold(w) for w in value]


def _numbered(table: dict, key: str, source: str) -> dict[str, int]:
    """Invert {"-1": ["أمس", ...]} into {folded word: -1}."""
    section = table.get(key)
    if not isinstance(section, dict) or not section:
        raise RulesError(f"{source}: '{key}' must be an object of number -> list of words.")
    try:
        return {w: int(n) for n in section for w in _words(section, n, f"{source} '{key}'")}
    except ValueError as exc:
        raise RulesError(f"{source}: the keys of '{key}' must be integers; got {sorted(section)}.") from exc


def _named(table: dict, key: str, names: tuple[str, ...], source: str) -> dict[str, str]:
    """Invert {"past": [...], "future": [...]} into {folded word: name}, requiring every name."""
    section = table.get(key)
    if not isinstance(section, dict) or set(section) != set(names):
        raise RulesError(f"{source}: '{key}' must be an object with the keys {list(names)}; "
                         f"got {sorted(section) if isinstance(section, dict) else section!r}.")
    return {w: name for name in names for w in _words(section, name, f"{source} '{key}'")}


@dataclass(frozen=True)
class _Vocabulary:
    """Folded words of relative_dates.json plus weekdays and months of the absolute-date files."""

    day_offset: dict[str, int]
    needs_cue: frozenset[str]
    takes_adjectives: frozenset[str]
    day_adjectives: frozenset[str]
    day_parts: list[str]
    not_after: frozenset[str]
    not_before: frozenset[str]
    relation: dict[str, str]
    this_words: list[str]
    period: dict[str, str]
    unit: dict[str, tuple[str, str]]  # word -> (unit, "1" | "2" | "n")
    marker: dict[str, str]
    number: dict[str, int]
    month_cues: frozenset[str]
    month_needs_shahr: frozenset[str]
    weekday: dict[str, int]
    month: dict[str, tuple[str, int]]


def _load_vocabulary(source: str = "relative_dates.json") -> _Vocabulary:
    """Read and check the relative-date words (and the weekday and month names they build on)."""
    raw, words, months = load_json(source), load_json("dates_words.json"), load_json("months.json")
    units = raw.get("units")
    if not isinstance(units, dict) or set(units) != {"day", "week", "month", "year"}:
        raise RulesError(f"{source}: 'units' must map day, week, month and year to their forms.")
    unit = {}
    for name, forms in units.items():
        if not isinstance(forms, dict) or set(forms) != {"1", "2", "n"}:
            raise RulesError(f"{source}: units '{name}' needs the forms '1', '2' and 'n'.")
        for form in ("n", "2", "1"):  # the singular wins where a spelling serves two forms
            unit.update({w: (name, form) for w in _words(forms, form, f"{source} '{name}'")})
    month = {w: (cal, n) for cal in ("gregorian", "hijri")
             for w, n in _numbered(months, cal, "months.json").items()}
    return _Vocabulary(
        day_offset=_numbered(raw, "day_words", source),
        needs_cue=frozenset(_words(raw, "needs_cue", source)),
        takes_adjectives=frozenset(_words(raw, "takes_adjectives", source)),
        day_adjectives=frozenset(_words(raw, "day_adjectives", source)),
        day_parts=_words(raw, "day_parts", source),
        not_after=frozenset(_words(raw, "not_after", source)),
        not_before=frozenset(_words(raw, "not_before", source)),
        relation=_named(raw, "relations", _RELATIONS, source),
        this_words=_words(raw, "this_words", source),
        period=_named(raw, "periods", ("week", "month", "year"), source),
        unit=unit,
        marker=_named(raw, "offset_markers", ("past", "future"), source),
        number=_numbered(raw, "numbers", source),
        month_cues=frozenset(_words(raw, "month_cues", source)),
        month_needs_shahr=frozenset(_words(raw, "month_needs_shahr", source)),
        weekday=_numbered(words, "weekdays", "dates_words.json"),
        month=month,
    )


@functools.cache
def _vocabulary() -> _Vocabulary:
    return _load_vocabulary()


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
    weekday = f"(?:يوم{_SP}(?P<wd>{_any(v.weekday)})|(?P<wd2>{_any(definite_weekdays)}))"
    rel = f"(?:{_SP}(?P<rel>{_any(v.relation)}))?"
    number = f"(?:(?P<num>{_any(v.number)}|[0-9\u0660-\u0669\u06f0-\u06f9]{{1,3}}){_SP})?"
    rules = (  # kind, body, the phrases that can open it
        # "اليوم الجمعة", "أمس، الخميس", "اليوم (الأربعاء)"
        ("day", (f"(?P<body>{part}(?P<day>{_any(v.day_offset)})(?:(?:[^\\S\\n]*،?{_SP}|[^\\S\\n]*\\([^\\S\\n]*)"
                 f"(?P<wd>{_any(v.weekday)})\\)?)?)"), [*v.day_parts, *v.day_offset]),
        ("weekday", f"(?P<body>{part}{weekday}{rel})", [*v.day_parts, "يوم", *definite_weekdays]),
        ("period", f"(?P<body>(?:(?P<this>{_any(v.this_words)}){_SP})?(?P<period>{_any(v.period)}){rel})",
         [*v.this_words, *v.period]),
        ("count", f"(?P<body>(?P<marker>{_any(v.marker)}){_SP}{number}(?P<unit>{_any(v.unit)}))", [*v.marker]),
        ("month", f"(?P<body>(?:(?P<shahr>شهر|الشهر){_SP})?(?P<month>{_any(v.month)}){rel})",
         ["شهر", "الشهر", *v.month]),
    )
    return tuple(_Pattern(kind, re.compile(_START + body + _END),
                          frozenset(c + phrase.split()[0] for phrase in phrases for c in _CLITICS))
                 for kind, body, phrases in rules)


# ---------------------------------------------------------------- finding

def publication_day(published: str | None) -> datetime.date | None:
    """The calendar day of an ISO publication stamp ("2024-12-06T19:37:00+03:00" -> 2024-12-06)."""
    if not published or not isinstance(published, str):
        return None
    try:
        return datetime.date.fromisoformat(published.strip()[:10])
    except ValueError:
        return None


def find_dates(article: Article) -> Article:
    """Per-article stage: set `article.dates` to every temporal expression in `article.text`.

    >>> a = Article(body="", source_kind="text", text="وصل الوفد أمس الخميس.", published="2024-12-06")
    >>> [(d["text"], d["date"]) for d in find_dates(a).dates]
    [('أمس الخميس', '2024-12-05')]
    """
    names = [e.get("span") for e in article.entities if e.get("type") in ("PER", "ORG")]
    article.dates = temporal_expressions(article.text or "", publication_day(article.published),
                                         [tuple(s) for s in names if s])
    return article


def temporal_expressions(text: str, reference: datetime.date | None = None,
                         names: list[tuple[int, int]] = ()) -> list[dict[str, Any]]:
    """The absolute and relative dates of `text`, resolved against `reference` where given.

    names: spans of person/organisation names, inside which no relative word is a date.
    """
    if not text or not re.search(r"[\u0600-\u06ff0-9]", text):
        return []
    found = [_absolute(m) for m in absolute.find_dates(text, reference=reference)]
    if reference is None:
        found += _needing_reference(text, {tuple(d["span"]) for d in found})
    taken = [(d["span"][0], d["span"][1]) for d in found]
    for mention in sorted(_relative(text), key=lambda m: (m["span"][0], -m["span"][1])):
        start, end = mention["span"]
        if any(s < end and start < e for s, e in taken + list(names)):
            continue
        taken.append((start, end))
        found.append(resolve_relative(mention, reference) if reference else mention)
    return sorted(found, key=lambda d: d["span"])


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
    if _is_quoted_name(match, folded):
        return None  # «الإمارات اليوم»، لـ(اليوم): a newspaper's name
    rule = {"kind": "days", "offset": v.day_offset[word]}
    if match.group("wd"):
        rule["weekday"] = v.weekday[match.group("wd")]
    return rule


_OPENING, _CLOSING = "\"(«“”‘[", "\")»”“’]"  # outlets open with ” as often as with “


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


def _has_cue(match, folded, text, shifts) -> bool:
    """غدا is also a verb ("غدا الأمر صعبا"): take it with tanween, a weekday or a part of the day."""
    start, end = _original(match.start("day"), shifts), _original(match.end() - 1, shifts) + 1
    tanween = "\u064b" in text[start:end + 1]  # غداً / غدًا
    return bool(tanween or match.group("wd") or match.group("part")
                or re.match(r"[^\S\n]*(?:[،,.؛:!؟)]|$)", folded[match.end():]))


def _weekday_rule(match, folded, text, shifts):
    if _blocked(match, folded):
        return None
    v = _vocabulary()
    day = v.weekday[match.group("wd") or match.group("wd2")]
    return {"kind": "weekday", "weekday": day, "relation": _relation(match)}


def _relation(match) -> str | None:
    rel = match.group("rel")
    return _vocabulary().relation[rel] if rel else None


def _period_rule(match, folded, text, shifts):
    relation = "current" if match.group("this") else _relation(match)
    if relation is None or (match.group("this") and match.group("rel")):
        return None  # "العام" alone (الأمين العام) is no date; "هذا العام الماضي" is odd
    offset = {"past": -1, "current": 0, "future": 1}[relation]
    return {"kind": "period", "unit": _vocabulary().period[match.group("period")], "offset": offset}


def _count_rule(match, folded, text, shifts):
    v = _vocabulary()
    unit, form = v.unit[match.group("unit")]
    num = match.group("num")
    if num is None:
        if form == "n":
            return None  # "منذ سنوات": no count
        count = int(form)
    else:
        if form != "n":
            return None  # "قبل ثلاثة يوم" is not Arabic; "منذ 3 سنة" neither
        count = v.number.get(num) or int(num.translate(_DIGITS))
    after = _word_after(folded, match.end())
    if after in {"من", "علي"} or after in v.day_offset or after in v.month or count == 0:
        return None  # "قبل يومين من الانتخابات": relative to another event
    sign = -1 if v.marker[" ".join(match.group("marker").split())] == "past" else 1
    return {"kind": "count", "unit": unit, "offset": sign * count}


def _month_rule(match, folded, text, shifts):
    v = _vocabulary()
    name = " ".join(match.group("month").split())
    before = _word_before(folded, match.start("body"))
    has_shahr, relation = match.group("shahr") is not None, _relation(match)
    if re.match(r"[^\S\n]*[0-9]", folded[match.end():]) or re.search(r"[0-9][^\S\n]*(?:من[^\S\n]+)?$",
                                                                        folded[:match.start("body")]):
        return None  # part of an absolute date the other matcher has or rejected
    if not (has_shahr or relation or (before in v.month_cues and name not in v.month_needs_shahr)):
        return None
    calendar, month = v.month[name]
    return {"kind": "month", "calendar": calendar, "month": month, "relation": relation}


_RULES = {"day": _day_rule, "weekday": _weekday_rule, "period": _period_rule,
          "count": _count_rule, "month": _month_rule}


# ---------------------------------------------------------------- resolving

def _precision(rule: dict) -> str:
    if rule["kind"] in ("days", "weekday"):
        return "day"
    return "month" if rule["kind"] == "month" else rule["unit"]


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
    back = (ref.weekday() - weekday) % 7
    if relation == "future":
        return ref + datetime.timedelta(days=(weekday - ref.weekday()) % 7 or 7)
    if relation == "past" and back == 0:
        back = 7
    return ref - datetime.timedelta(days=back)


def _shift(ref: datetime.date, unit: str, offset: int) -> datetime.date | None:
    if unit in ("day", "week"):
        return ref + datetime.timedelta(days=offset * (7 if unit == "week" else 1))
    months = offset * (12 if unit == "year" else 1)
    year, month = divmod(ref.year * 12 + ref.month - 1 + months, 12)
    return datetime.date(year, month + 1, 1) if 1 <= year <= 9999 else None


def _month_name(ref: datetime.date, rule: dict) -> datetime.date | None:
    """The month `rule["month"]` nearest `ref` as its relation (past/future/current/none) says."""
    if rule["calendar"] == "hijri":
        return _hijri_month(ref, rule)
    return _nearest_month(ref.year, ref.month, rule["month"], rule["relation"],
                          lambda y, m: datetime.date(y, m, 1) if 1 <= y <= 9999 else None)


def _nearest_month(year: int, month: int, target: int, relation: str | None, make):
    if relation == "past":
        return make(year if target < month else year - 1, target)
    if relation == "future":
        return make(year if target > month else year + 1, target)
    if relation == "current" or target <= month + 1:
        return make(year, target)  # undated months are recent: next month at most
    return make(year - 1, target)


def _hijri_month(ref: datetime.date, rule: dict) -> datetime.date | None:
    from hijridate import Gregorian, Hijri  # first use only: `import naba` stays cheap

    try:
        today = Gregorian(ref.year, ref.month, ref.day).to_hijri()
        found = _nearest_month(today.year, today.month, rule["month"], rule["relation"],
                               lambda y, m: Hijri(y, m, 15).to_gregorian())
    except (ValueError, OverflowError):
        return None
    return datetime.date(found.year, found.month, found.day) if found else None


def _iso(day: datetime.date, precision: str) -> str:
    if precision == "week":
        return (day - datetime.timedelta(days=day.weekday())).isoformat()
    return {"day": day.isoformat(), "month": day.isoformat()[:7]}.get(precision, f"{day.year:04d}")
