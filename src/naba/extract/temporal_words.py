"""The words of relative dates (data/relative_dates.json, with the weekday and month names of
dates_words.json and months.json), read, checked and folded once for `naba.extract.temporal`."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from naba.errors import RulesError
from naba.normalize import letter_folding
from naba.rules import load_json

__all__ = ["BEFORE_LAST", "RELATIONS", "Vocabulary", "load_vocabulary", "vocabulary"]

RELATIONS = ("past", "future", "current")
BEFORE_LAST = "before_last"  # قبل الماضي: the one before the last


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
class Vocabulary:
    """Folded words of relative_dates.json plus weekdays and months of the absolute-date files."""

    day_offset: dict[str, int]
    needs_cue: frozenset[str]
    takes_adjectives: frozenset[str]
    day_adjectives: frozenset[str]
    day_parts: list[str]
    not_after: frozenset[str]
    not_before: frozenset[str]
    noun_not_after: frozenset[str]
    noun_not_before: frozenset[str]
    relation: dict[str, str]  # past | future | current | before_last, singular, dual and plural
    future_cues: frozenset[str]
    past_cues: frozenset[str]
    since: frozenset[str]  # «منذ»: the weekday or month right after is the latest on or before the day
    this_words: list[str]
    period: dict[str, str]
    unit: dict[str, tuple[str, frozenset[str]]]  # word -> (unit, the forms it serves: "1", "2", "n")
    marker: dict[str, str]
    approximators: list[str]
    number: dict[str, int]
    month_cues: frozenset[str]
    month_strong_cues: frozenset[str]
    month_needs_shahr: frozenset[str]
    month_needs_more: frozenset[str]
    recurring: tuple[str, ...]  # «من كل عام» after a date: every year's, no date
    weekday: dict[str, int]
    month: dict[str, tuple[str, int]]
    holiday: dict[str, tuple[str, int, int]]  # name -> (calendar, month, day)


def load_vocabulary(source: str = "relative_dates.json") -> Vocabulary:
    """Read and check the relative-date words (and the weekday and month names they build on)."""
    raw, words, months = load_json(source), load_json("dates_words.json"), load_json("months.json")
    units = raw.get("units")
    if not isinstance(units, dict) or set(units) != {"day", "week", "month", "year"}:
        raise RulesError(f"{source}: 'units' must map day, week, month and year to their forms.")
    unit: dict[str, tuple[str, frozenset[str]]] = {}
    for name, forms in units.items():
        if not isinstance(forms, dict) or set(forms) != {"1", "2", "n"}:
            raise RulesError(f"{source}: units '{name}' needs the forms '1', '2' and 'n'.")
        for form in ("1", "2", "n"):  # "عاما" is one year alone and the counted form after "30"
            for w in _words(forms, form, f"{source} '{name}'"):
                unit[w] = (name, unit.get(w, (name, frozenset()))[1] | {form})
    month = {w: (cal, n) for cal in ("gregorian", "hijri")
             for w, n in _numbered(months, cal, "months.json").items()}
    return Vocabulary(
        day_offset=_numbered(raw, "day_words", source),
        needs_cue=frozenset(_words(raw, "needs_cue", source)),
        takes_adjectives=frozenset(_words(raw, "takes_adjectives", source)),
        day_adjectives=frozenset(_words(raw, "day_adjectives", source)),
        day_parts=_words(raw, "day_parts", source),
        not_after=frozenset(_words(raw, "not_after", source)),
        not_before=frozenset(_words(raw, "not_before", source)),
        noun_not_after=frozenset(_words(raw, "noun_not_after", source)),
        noun_not_before=frozenset(_words(raw, "noun_not_before", source)),
        relation={**_named(raw, "plural_relations", RELATIONS, source),
                  **_named(raw, "relations", (*RELATIONS, BEFORE_LAST), source)},
        future_cues=frozenset(_words(raw, "future_cues", source)),
        past_cues=frozenset(_words(raw, "past_cues", source)),
        since=frozenset(_words(raw, "since_words", source)),
        this_words=_words(raw, "this_words", source),
        period=_named(raw, "periods", ("week", "month", "year"), source),
        unit=unit,
        marker=_named(raw, "offset_markers", ("past", "future"), source),
        approximators=_words(raw, "approximators", source),
        number=_numbered(raw, "numbers", source),
        month_cues=frozenset(_words(raw, "month_cues", source)),
        month_strong_cues=frozenset(_words(raw, "month_strong_cues", source)),
        month_needs_shahr=frozenset(_words(raw, "month_needs_shahr", source)),
        month_needs_more=frozenset(_words(raw, "month_needs_more", source)),
        recurring=tuple(_words(raw, "recurring", source)),
        weekday=_numbered(words, "weekdays", "dates_words.json"),
        month=month,
        holiday=_holidays(raw, source),
    )


def _holidays(raw: dict, source: str) -> dict[str, tuple[str, int, int]]:
    """{folded name: (calendar, month, day)} from the 'holidays' table, checked."""
    section = raw.get("holidays")
    if not isinstance(section, dict) or not set(section) <= {"hijri", "gregorian"}:
        raise RulesError(f"{source}: 'holidays' must map 'hijri' and/or 'gregorian' to names; got {section!r}.")
    found = {}
    for calendar, names in section.items():
        for name, when in (names or {}).items():
            if not (isinstance(when, list) and len(when) == 2 and 1 <= when[0] <= 12 and 1 <= when[1] <= 30):
                raise RulesError(f"{source}: holiday {name!r} must be [month, day]; got {when!r}.")
            found[_fold(name)] = (calendar, when[0], when[1])
    return found


@functools.cache
def vocabulary() -> Vocabulary:
    """The package's vocabulary, read once."""
    return load_vocabulary()
