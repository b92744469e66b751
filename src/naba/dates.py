"""Absolute dates in Arabic news text: find them, resolve them to ISO dates, keep their spans.

`find_dates` recognises, in ASCII, Arabic-Indic (٠-٩) or Persian (۰-۹) digits:

- ``[weekday] day [من] [شهر] month [/ or ( other-system month )] [[من] عام] [year] [هـ|م] [time]``,
  with Levantine/Iraqi (كانون الأول), transliterated (ديسمبر, دجنبر, أوت …) or Hijri (رمضان) months,
  and ordinal days before "من" (السادس من كانون الأول);
- ``month year`` (precision month) and ``عام/سنة/العام year``, ``عام (1993)`` or ``year هـ/م``
  (precision year); a bare four-digit number is a year only after a preposition of time with
  nothing but punctuation after it ("في 2014،", "منذ 2011.", "بحلول 2030") and in 1800-2099
  ("في 2000 مدرسة", "حتى 1920$" are counts and prices);
- numeric dates, day first as Arab outlets write them: 06/12/2024, 6-12-2024, 2024-12-06,
  26 / 9 / 1436هـ (a year in 1300-1500 or a هـ marker makes it Hijri);
- a clock time right after the date: "- 19:37", "الساعة 10:20", "10:20 م" (ص/م become 24-hour);
- a month may carry the conjunction ("يوليو وأغسطس 2014": the span starts after و) and a day
  its article after a weekday ("الخميس الـ30 من يوليو").

A day and month without a year after a naming noun of dates_words.json ("ثورة 25 يناير",
"شارع 26 يوليو", and the day joined to it: "ثورتي 25 يناير و30 يونيو") name an event or a
place and are left out.

Hijri dates are converted with `hijridate` (Umm al-Qura, 1343-1500 AH); ``date`` is always
Gregorian. A Hijri month resolves to the Gregorian month holding its 15th day, a Hijri year to
the Gregorian year holding its 1 Rajab (mid-year). A Hijri month followed by a Gregorian-range
year ("رمضان 2015") means that month as it fell in that Gregorian year.

Year inference for "day month" without a year:

- with a weekday ("الجمعة 6 من كانون الأول"): the most recent year <= the reference's year
  (reference defaults to today) in which that day falls on that weekday, looking back at most
  seven years and never before the latest explicit year (not after the reference's) mentioned
  elsewhere in the text; no such year means no mention;
- without a weekday: only when ``reference`` is given. The reference's year is used, moved back
  one year when that lands more than half a year (183 days) after the reference: an undated day
  ahead is a coming one (`naba.date_resolution`). A following الماضي/المنصرم
  keeps the date on or before the reference, المقبل/القادم on or after it, and الجاري/الحالي
  in the reference's year; "من العام الماضي/المقبل/الجاري", "من هذا العام" name the year;
- the first end of a range takes the year or the relation written after the last
  ("من 30 نوفمبر وحتى 2 ديسمبر المقبلين", "من 28 ديسمبر إلى 3 يناير 2016": December 2015), and
  a last end written bare is the first such day on or after the first ("من 10 أكتوبر إلى 3 يناير":
  the January after).

Spans index the text passed in; matching runs on a folded copy (diacritics, tatweel and bidi
marks dropped, alef/yaa/taa-marbuta forms unified) with an offset map back.
"""

from __future__ import annotations

import bisect
import datetime
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from naba.date_resolution import Candidate, hijri_year, latest_explicit_year, resolve
from naba.errors import RulesError
from naba.normalize import letter_folding

__all__ = ["DateMention", "find_dates"]

_DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"  # ASCII, Arabic-Indic, Persian
_DIGIT = f"[{_DIGITS}]"
_SP = r"[^\S\n]"  # a space that is not a line break: dates never run across lines
_NOT_AFTER_LETTER = r"(?<![^\W\d_])"
_NOT_BEFORE_LETTER = r"(?![^\W\d_])"
_BARE_YEARS = (1800, 2099)  # a four-digit number after "في" is a year only in this range


@dataclass(frozen=True)
class DateMention:
    """One absolute date found in a text, as a `[start, end)` span with its resolved value."""

    start: int  # span [start, end) into the text passed in
    end: int
    text: str  # text[start:end]
    date: str  # Gregorian ISO: 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY' according to precision
    precision: str  # 'day' | 'month' | 'year'
    time: str | None  # 'HH:MM' (24-hour) when a clock time follows the date
    calendar: str  # 'gregorian' | 'hijri': how the text wrote it
    weekday: int | None  # 0=Monday..6=Sunday when a weekday name is part of the expression


# ---------------------------------------------------------------- rules (data files)

class _Rules:
    """Month and date words from the data files, folded, with the compiled matcher."""

    def __init__(self, months: dict, words: dict, sources: tuple[str, str]) -> None:
        source = sources[1]
        self._letters = letter_folding()
        self.month_of = {name: (cal, n) for cal in ("gregorian", "hijri")
                         for n, names in self._numbered(months, cal, sources[0], 12).items()
                         for name in names}
        self.weekday_of = self._inverted(words, "weekdays", source, 7, first=0)
        self.ordinal_of = self._inverted(words, "ordinal_days", source, 31)
        self.words = {key: {self.fold_word(w) for w in _strings(words, key, source)} for key in (
            "year_words", "hijri_markers", "gregorian_markers", "past_words", "future_words",
            "current_words", "morning_words", "evening_words", "year_prepositions",
            "named_day_nouns")}
        self.marker_of = {w: cal for cal in ("hijri", "gregorian")
                          for w in self.words[cal + "_markers"]}
        self.relation_of = {w: kind for kind in ("past", "future", "current")
                            for w in self.words[kind + "_words"]}
        # definite words that may stand before an ordinal day: "اليوم الأول من رمضان"
        self.day_leaders = {"اليوم", "الموافق", *self.weekday_of, *self.relation_of}
        self._matcher: re.Pattern[str] | None = None
        self._month_finder: re.Pattern[str] | None = None

    def fold(self, text: str) -> tuple[str, list[int]]:
        """The text for matching, and where each dropped character would sit in it (see `_original`)."""
        return self._letters.fold(text)

    def fold_word(self, word: str) -> str:
        """Fold one data spelling the way the text is folded, with single spaces."""
        return " ".join(self.fold(word)[0].split())

    @property
    def matcher(self) -> re.Pattern[str]:
        if self._matcher is None:
            self._matcher = re.compile(_build_pattern(self))
        return self._matcher

    @property
    def month_finder(self) -> re.Pattern[str]:
        if self._month_finder is None:
            self._month_finder = re.compile(_NOT_AFTER_LETTER + _any(self.month_of))
        return self._month_finder

    def _numbered(self, table: dict, key: str, source: str, count: int, first: int = 1,
                  ) -> dict[int, set[str]]:
        section = table.get(key)
        expected = {str(n) for n in range(first, first + count)}
        if not isinstance(section, dict) or set(section) != expected:
            got = sorted(section) if isinstance(section, dict) else type(section).__name__
            raise RulesError(f"{source}: '{key}' must be an object with the keys "
                             f"{first}..{first + count - 1}, each a list of spellings; got {got}.")
        return {int(n): {self.fold_word(w) for w in _strings(section, n, f"{source} '{key}'")}
                for n in section}

    def _inverted(self, table: dict, key: str, source: str, count: int, first: int = 1,
                  ) -> dict[str, int]:
        numbered = self._numbered(table, key, source, count, first)
        return {word: n for n, words in numbered.items() for word in words}


def _strings(table: dict, key: str, source: str, whole: bool = False):
    """The non-empty list of non-empty strings (or, with `whole`, the string) under `key`."""
    value = table.get(key)
    if whole and isinstance(value, str) and value:
        return value
    if whole or not isinstance(value, list) or not value or not all(
            isinstance(s, str) and s.strip() for s in value):
        kind = "string" if whole else "list of non-empty strings"
        raise RulesError(f"{source}: '{key}' must be a non-empty {kind}; got {value!r}. "
                         "Fix the data file.")
    return value


def _load_rules(months_path: Path | None = None, words_path: Path | None = None) -> _Rules:
    """Read and check months.json and dates_words.json (package data unless paths are given).

    Raises:
        RulesError: a file is missing, is not JSON, or lacks a table the matcher needs.
    """
    data = resources.files("naba.data")
    paths = (months_path or data / "months.json", words_path or data / "dates_words.json")
    tables = []
    for path in paths:
        try:
            table = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise RulesError(f"Cannot read the date rules file {path}: {exc}. "
                             "Expected a JSON object; restore the file from the package.") from exc
        if not isinstance(table, dict):
            raise RulesError(f"{path}: expected a JSON object; got {type(table).__name__}.")
        tables.append(table)
    return _Rules(tables[0], tables[1], (str(paths[0]), str(paths[1])))


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    return _load_rules()


# ---------------------------------------------------------------- the pattern

def _any(words) -> str:
    """A regex for any of `words`, as a trie so that each position is tried once per letter.

    A space in a word matches any run of spaces. Optional tails are greedy, so the longest
    spelling wins ("كانون الأول" before a bare "كانون" could).
    """
    tree: dict = {}
    for word in set(words):
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return "(?:" + _trie_pattern(tree) + ")"


def _trie_pattern(node: dict) -> str:
    branches = [(_SP + "+" if ch == " " else re.escape(ch)) + _trie_pattern(sub)
                for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _build_pattern(rules: _Rules) -> str:
    d, s, words = _DIGIT, _SP, rules.words
    months = _any(rules.month_of)
    marker = f"(?:{_any(rules.marker_of)}(?!\\w))"
    year_word = _any(words["year_words"])
    weekday = (f"(?:{_NOT_AFTER_LETTER}(?:يوم{s}+)?(?P<wd>{_any(rules.weekday_of)})"
               f"{_NOT_BEFORE_LETTER}(?:{s}|[,،\\-–])*(?:(?:ال)?موافق{s}+)?)?")
    numeric = (f"(?<![{_DIGITS}./:\\-٫])(?P<n1>{d}{{1,4}})"  # "12/10/ 1436هـ": spaces may differ
               f"{s}?(?P<sep>[/\\-.]){s}?(?P<n2>{d}{{1,2}}){s}?(?P=sep){s}?(?P<n3>{d}{{1,4}})"
               f"(?!{d})(?![/\\-.]{d})")
    day = (f"(?:(?:ال)?(?<![{_DIGITS}./:٫])(?P<day>{d}{{1,2}})(?!{d})"
           f"|{_NOT_AFTER_LETTER}(?P<oday>{_any(rules.ordinal_of)})"
           f"(?={s}+من{s}))")
    relation = _any(rules.relation_of)
    # "10 يونيو من العام الماضي", "5 رمضان من هذا العام": a year counted from the reference's
    of_year = (f"(?:{s}+من{s}+(?:(?P<ythis>هذا|هذه){s}+(?:العام|السنه)"
               f"|(?:العام|السنه){s}+(?P<yrel>{relation}){_NOT_BEFORE_LETTER}))")
    # a month may carry the conjunction: "يوليو وأغسطس 2014" (the span starts after it)
    # ("5 ويوليو 2014" is a count and a month, not a day: the conjunction is taken without a day)
    named = (f"(?:{day}{s}*(?:من{s}+)?{_NOT_AFTER_LETTER}|(?P<and>(?<!{d})و)|{_NOT_AFTER_LETTER})"
             f"(?:شهر{s}+)?"
             f"(?P<month>{months}){_NOT_BEFORE_LETTER}"
             f"(?:(?:{s}*(?P<m2open>\\(){s}*|{s}*[/\\-]{s}*|{s}+)(?P<month2>{months}){_NOT_BEFORE_LETTER}"
             f"(?(m2open){s}*\\)))?"  # "أبريل (نيسان)"; a bracket opened before the day is not ours
             f"(?:{of_year}|{s}+(?P<rel0>{relation}){_NOT_BEFORE_LETTER})?"  # "رمضان المقبل 1436هـ"
             f"(?:[^\\S\\n,،]*[,،]?{s}*(?:من{s}+)?(?:{year_word}{s}+)?"
             f"(?<!{d})(?P<year>{d}{{4}})(?!{d}))?"
             f"(?(day)|(?(oday)|(?(year)|(?!))))")
    ampm = _any(words["morning_words"] | words["evening_words"])
    clock = (f"(?P<clock>{s}*[-–—,،|]?{s}*(?:(?:في{s}+)?(?P<cw>(?:ال)?ساعه){s}+)?"
             f"(?P<hh>{d}{{1,2}})(?::|(?(cw)\\.|(?!)))(?P<mm>{d}{{2}})(?!{d})"
             f"(?:{s}*(?P<ampm>{ampm})(?!\\w))?)?")
    dated = (f"{weekday}(?:{numeric}|{named})(?:(?<={d}){s}?(?P<mark>{marker}))?"
             f"(?:{s}+(?P<rel>{relation}){_NOT_BEFORE_LETTER})?{clock}")
    # "عام 2012", "عام (1993)", "2015م" ("في 2014،" is found apart: see `_bare_years`)
    year_only = (f"(?:{_NOT_AFTER_LETTER}(?P<yw>{year_word}){s}*(?P<yparen>\\({s}*)?)?"
                 f"(?<!{d})(?P<yonly>{d}{{4}})(?!{d})(?(yparen){s}*\\))(?:{s}?(?P<ymark>{marker}))?"
                 f"(?(yw)|(?(ymark)|(?!)))")
    # A date starts a word or a digit run ("و22 أكتوبر", "الـ20 من"): testing that first
    # rejects most positions cheaply.
    return f"(?:{_NOT_AFTER_LETTER}|(?={d}))(?:{dated}|{year_only})"


# ---------------------------------------------------------------- matching

def find_dates(text: str, *, reference: datetime.date | None = None) -> list[DateMention]:
    """Find the absolute dates in `text`, resolved, in text order.

    Args:
        text: any text; spans index it as given.
        reference: the date the text was written ("today" for it); used to infer missing
            years (see the module docstring). Defaults to today only for weekday inference.

    Returns:
        Non-overlapping `DateMention`s; expressions that cannot be resolved are left out.

    >>> [m.date for m in find_dates("في 6 كانون الأول 2024 و عام 2011")]
    ['2024-12-06', '2011']
    """
    rules = _rules()
    # «12 ــ 15 أغسطس»: tatweel joining two numbers is a dash (one for one, so spans stay), not
    # letters' stretching to fold away («1215»)
    text_for_matching = _TATWEEL_BETWEEN_NUMBERS.sub(lambda m: m[1] + "-" * len(m[2]), text)
    folded, shifts = rules.fold(text_for_matching)
    if not _has_digit(folded) and not rules.month_finder.search(folded):
        return []  # every date has a digit, except an ordinal day before a month name
    candidates = _candidates(folded, rules)
    if _has_year_digits(folded):
        candidates = _bare_years(folded, rules, candidates)
    candidates = _ranges(folded, candidates)
    floor = latest_explicit_year(candidates, reference)
    resolved = _range_ends(folded, candidates, [resolve(cand, reference, floor) for cand in candidates])
    return [_mention(text, shifts, cand, *found) for cand, found in zip(candidates, resolved) if found is not None]


_has_digit = re.compile(_DIGIT).search
_has_year_digits = re.compile(f"{_DIGIT}{{4}}").search
# four digits alone, with only punctuation (or the line's end) after them: "في 2014،"
_BARE_YEAR = re.compile(f"(?<![{_DIGITS}./:\\-٫,٬])({_DIGIT}{{4}})(?!{_DIGIT})"
                        f"(?={_SP}*(?:[.,،؛:!?؟)»”\"'\\]]|\n|$))")


_TATWEEL_BETWEEN_NUMBERS = re.compile(f"({_DIGIT}{_SP}*)(\u0640+)(?={_SP}*{_DIGIT})")
# what joins the two ends of a range: "من 30 نوفمبر وحتى 2 ديسمبر", "بين 5 و7 مارس", "1 - 3 يونيو"
_RANGE_JOIN = re.compile(r"[^\S\n]*(?:و?[^\S\n]*(?:حتي|الي|لغايه)|و|-+|–)[^\S\n]*")  # folded spellings
# what joins a range that runs from one day to another, not a list of two: "إلى", "حتى", "لغاية", a dash
_RANGE_TO = re.compile(r"[^\S\n]*(?:و?[^\S\n]*(?:حتي|الي|لغايه)|-+|–)[^\S\n]*")  # folded spellings
# a day alone before a range's last end, with what opens the range before it: "من 12 إلى 15 أغسطس",
# "بين 5 و7 مارس", "يومي 12 و13 أغسطس", "12-15 أغسطس" (a dash written tight needs no opener)
_DAY_BEFORE_RANGE = re.compile(rf"(?:(?:^|\s)و?(?P<opener>من|بين|الفتره|يومي|ايام)?{_SP}+|^|(?<=\s))"
                               rf"(?P<day>{_DIGIT}{{1,2}})(?P<join>{_RANGE_JOIN.pattern})$")


def _ranges(folded: str, cands: list[Candidate]) -> list[Candidate]:
    """A range's first date takes the year or the relation written after its last: "من 30 نوفمبر
    وحتى 2 ديسمبر المقبلين" is this coming November, "من 28 ديسمبر إلى 3 يناير 2016" December 2015;
    a first end written as a day alone takes the last end's month too ("من 12 إلى 15 أغسطس")."""
    out = _first_days(folded, cands)
    for i in range(len(out) - 2, -1, -1):
        first, last = out[i], out[i + 1]
        if (first.day is None or first.year is not None or first.relation or first.weekday is not None
                or first.year_offset is not None or first.calendar != last.calendar
                or not _RANGE_JOIN.fullmatch(folded, first.end, last.start)):
            continue
        if last.year is not None and last.month is not None:
            year = last.year - (first.month > last.month)  # December to January crosses the year
            out[i] = first._replace(year=year, year_is_gregorian=last.year_is_gregorian)
        elif last.relation or last.year_offset is not None:
            out[i] = first._replace(relation=last.relation, year_offset=last.year_offset)
    return out


def _range_ends(folded: str, cands: list[Candidate], resolved: list[tuple | None]) -> list[tuple | None]:
    """A range's last end written without a year (nor a weekday or a relation) is the first such day on or
    after its first end: "من 10 أكتوبر إلى 3 يناير" ends in the January after, where the reference alone
    put it in the January before. Only a range written with إلى/حتى/لغاية or a dash: two days joined
    by و may be listed in any order."""
    out = list(resolved)
    for i in range(len(cands) - 1):
        first, last = cands[i], cands[i + 1]
        if (out[i] is None or out[i + 1] is None or out[i][1] != "day" or out[i + 1][1] != "day"
                or first.calendar != last.calendar or last.year is not None or last.relation
                or last.year_offset is not None or last.weekday is not None
                or not _RANGE_TO.fullmatch(folded, first.end, last.start)):
            continue
        start = out[i][0]
        year = start.year if first.calendar == "gregorian" else hijri_year(start)
        for candidate_year in (year, year + 1) if year is not None else ():
            found = resolve(last._replace(year=candidate_year), None, None)
            if found is not None and found[0] >= start:
                out[i + 1] = found
                break
    return out


def _first_days(folded: str, cands: list[Candidate]) -> list[Candidate]:
    """`cands` with the day alone that opens a range of days in one month: "من 12 إلى 15 أغسطس" gives
    12 August before 15 August. The day must come before the last end's, and a range joined by a
    word or a spaced dash needs its opener (من … إلى، بين … و، يومي … و): "قتل 5 و7 مارس", "العدد 20
    إلى 3 يونيو" and the score "خسر الفريق 1 - 3 أغسطس" are none; "12-15 أغسطس" needs none."""
    extra = []
    for cand in cands:
        if cand.day is None or cand.month is None or cand.weekday is not None:
            continue
        match = _DAY_BEFORE_RANGE.search(folded, max(0, cand.start - 24), cand.start)
        if match is None or any(c.start < match.end("day") and match.start("day") < c.end for c in cands):
            continue
        day, join, opener = int(match["day"]), match["join"], match["opener"]
        tight_dash = join.startswith(("-", "–"))
        if not 1 <= day < cand.day or not (tight_dash or opener):
            continue
        if join.strip() == "و" and opener not in ("بين", "يومي", "ايام"):
            continue
        extra.append(cand._replace(start=match.start("day"), end=match.end("day"), day=day, time=None))
    return sorted(cands + extra) if extra else list(cands)


def _bare_years(folded: str, rules: _Rules, found: list[Candidate]) -> list[Candidate]:
    """`found` with the bare years a preposition announces ("في 2014،", "منذ 2011.", "بحلول 2030."),
    in text order; a four-digit number followed by a word ("في 2000 مدرسة") or outside 1800-2099
    ("حتى 1077،") is not one. Kept out of the main pattern: trying the prepositions at every word
    cost a tenth of its time."""
    extra = []
    for match in _BARE_YEAR.finditer(folded):
        year = int(match.group(1))  # int() reads Arabic-Indic digits too
        before = _WORD_BEFORE.search(folded, max(0, match.start() - 20), match.start())
        if (before and before.group(1) in rules.words["year_prepositions"]
                and _BARE_YEARS[0] <= year <= _BARE_YEARS[1]
                and not any(c.start < match.end() and match.start() < c.end for c in found)):
            extra.append(Candidate(match.start(), match.end(), "gregorian", year, None, None, None,
                                    None, None, False))
    return sorted(found + extra) if extra else found


def _candidates(folded: str, rules: _Rules) -> list[Candidate]:
    found, pos = [], 0
    search = rules.matcher.search
    while (match := search(folded, pos)) is not None:
        cand = _candidate(match, rules)
        if cand is None:
            pos = match.start() + 1  # a shorter date may start inside a rejected match
        else:
            found.append(cand)
            pos = max(cand.end, match.start() + 1)
    return found


def _candidate(match: re.Match[str], rules: _Rules) -> Candidate | None:
    g = match.groupdict()
    weekday = rules.weekday_of.get(_spaced(g["wd"]))
    mark = rules.marker_of.get(g["mark"] or g["ymark"])
    if g["yonly"]:
        year = int(g["yonly"])
        calendar = mark or "gregorian"
        return Candidate(match.start(), match.end(), calendar, year, None, None, None, None,
                          None, False)
    if g["n1"]:
        parts = _numeric_parts(g["n1"], g["n2"], g["n3"], mark)
        if parts is None:
            return None
        calendar, year, month, day = parts
        year_is_gregorian = False
    elif g["oday"] and _ordinal_is_adjective(match, rules):
        return None
    else:
        calendar, month = rules.month_of[_spaced(g["month"])]
        day = int(g["day"]) if g["day"] else rules.ordinal_of.get(_spaced(g["oday"]))
        year = int(g["year"]) if g["year"] else None
        if year is None and weekday is None and _names_an_event(match, rules):
            return None
        year_is_gregorian = calendar == "hijri" and year is not None and mark != "hijri" \
            and year >= 1800
    time, end = _clock(match, rules)
    start = match.start("and") + 1 if g["and"] and match.start("and") == match.start() else match.start()
    relation = rules.relation_of.get(g["rel"] or g["rel0"])
    year_offset = None
    if year is None and (g.get("ythis") or g.get("yrel")):
        year_offset = 0 if g["ythis"] else {"past": -1, "current": 0, "future": 1}[
            rules.relation_of[_spaced(g["yrel"])]]
    return Candidate(start, end, calendar, year, month, day, weekday, time, relation,
                      year_is_gregorian, year_offset)


_CLITICS = ("", "و", "ف", "ل", "ب", "ول", "وب", "فل", "فب")

# The marks that open and close a quote or a bracket (outlets open with ” as often as with “);
# naba.extract.temporal uses them too.
OPENING_QUOTES, CLOSING_QUOTES = "\"(«“”‘[", "\")»”“’]"


def _names_an_event(match: re.Match[str], rules: _Rules) -> bool:
    """True for a yearless day and month after a naming noun: «ثورة 25 يناير», «شارع 26 يوليو»,
    and for the second of two joined to it: «ثورتي 25 يناير و30 يونيو»."""
    nouns, text, start = rules.words["named_day_nouns"], match.string, match.start()
    for _ in range(2):
        before = _WORD_BEFORE.search(text, max(0, start - 20), start)
        word = before.group(1).strip(OPENING_QUOTES) if before else ""
        if any(word.startswith(c) and word[len(c):] in nouns for c in _CLITICS):
            return True
        joined = _JOINED_DAY.search(text, max(0, start - 40), start)
        if joined is None:
            return False
        start = joined.start()
    return False


# "25 يناير و" (or "25 كانون الثاني و") right before a day: the day is joined to that date
_JOINED_DAY = re.compile(f"(?<!{_DIGIT}){_DIGIT}{{1,2}}{_SP}+(?:\\S+{_SP}+)?\\S+{_SP}*و$")


_WORD_BEFORE = re.compile(r"(\S+)\s+$")


def _ordinal_is_adjective(match: re.Match[str], rules: _Rules) -> bool:
    """True for "الأسبوع الأول من أكتوبر": an ordinal after a definite noun is not a day."""
    start = match.start("oday")
    before = _WORD_BEFORE.search(match.string, max(0, start - 20), start)
    word = before.group(1) if before else ""
    return word.startswith("ال") and word not in rules.day_leaders


def _spaced(words: str | None) -> str | None:
    return " ".join(words.split()) if words else None


def _numeric_parts(a: str, b: str, c: str, mark: str | None):
    """(calendar, year, month, day) of a numeric date, day first; None when it is not one."""
    if len(a) == 4:
        year, month, day = int(a), int(b), int(c)
    elif len(c) == 4 and len(a) <= 2:
        day, month, year = int(a), int(b), int(c)
        if month > 12 and day <= 12:  # 12/25/2024: unambiguously month first
            day, month = month, day
    else:
        return None
    hijri = mark == "hijri" or (mark is None and 1300 <= year <= 1500)
    return ("hijri" if hijri else "gregorian"), year, month, day


def _clock(match: re.Match[str], rules: _Rules) -> tuple[str | None, int]:
    """The attached 'HH:MM' (24-hour) and where the mention ends; an impossible time is cut off."""
    if match.group("clock") is None:
        return None, match.end()
    hour, minute, ampm = int(match.group("hh")), int(match.group("mm")), match.group("ampm")
    if ampm:
        if not 1 <= hour <= 12:
            return None, match.start("clock")
        evening = ampm in rules.words["evening_words"]
        hour = hour % 12 + (12 if evening else 0)
    if hour > 23 or minute > 59:
        return None, match.start("clock")
    return f"{hour:02d}:{minute:02d}", match.end()


def _original(folded_pos: int, shifts: list[int]) -> int:
    """Where the character at `folded_pos` of the folded text sits in the original text.

    `shifts[k]` is the folded position the k-th dropped character would have had; every drop
    at or before a position pushes it one character right.
    """
    return folded_pos + bisect.bisect_right(shifts, folded_pos)


def _mention(text: str, shifts: list[int], cand: Candidate, day: datetime.date,
             precision: str, weekday: int | None) -> DateMention:
    start, end = _original(cand.start, shifts), _original(cand.end - 1, shifts) + 1
    while end < len(text) and not text[end - 1].isdigit() and (
            text[end] == "\u0640" or unicodedata.category(text[end]) == "Mn"):
        end += 1  # keep the marks that sit on the mention's last letter (a digit has none: «12ـ15»)
    iso = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": f"{day.year:04d}"}
    return DateMention(start, end, text[start:end], iso[precision], precision,
                       cand.time if precision == "day" else None, cand.calendar, weekday)
