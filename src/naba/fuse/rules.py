"""The fusion word lists (`data/fusion.json`), folded, checked and loaded once."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from naba.errors import RulesError
from naba.normalize import fold
from naba.rules import load_json

NAME = "fusion.json"


@dataclass(frozen=True)
class FusionRules:
    """Folded words and phrases that fusion compares against folded text."""

    negations: frozenset[str]  # single words
    negation_phrases: tuple[str, ...]  # several words, matched as folded substrings
    not_negations: tuple[str, ...]  # phrases opening with a negation word that do not negate
    denials: frozenset[str]
    antonyms: frozenset[tuple[str, str]]  # each pair in both orders
    characterisations: frozenset[tuple[str, str]]
    clause_verbs: frozenset[str]
    attribution: frozenset[str]
    number_words: dict[str, float]
    not_quantities: frozenset[str]  # words after a number that do not name what is counted
    joined_negations: frozenset[str]  # ألا = أن لا (folded like إلا, so no negation of its own)
    source_markers: frozenset[str]  # words before a source a clause quotes: «بحسب», «وفقا لـ»
    subject_heads: frozenset[str]  # nouns followed by a name: «شركة سبكيم»
    # How a number is meant (`words.figure_rules` reads them): hedges before it (about, at_least,
    # at_most) and after its counted word (about_after, at_least_after), labels («رقم»), parts
    # («أقواها»), ordinals, currencies, amount words and market readings («نقطة», «للبرميل»); each a
    # tuple of phrases, a phrase a tuple of folded words.
    figure_words: dict[str, tuple[tuple[str, ...], ...]]
    periods: dict[str, tuple[str, ...]]  # a report's period -> its folded phrases, each without its first article
    spans: dict[str, tuple[str, ...]]  # a stretch a figure is summed over (a week) -> its phrases, likewise
    broken_plurals: dict[str, str]  # counted noun's folded singular -> its folded broken plural («شخص» -> «اشخاص»)
    dual_nouns: frozenset[str]  # folded singulars with a regular plural whose dual is read as 2 («طايره»)
    not_duals: frozenset[str]  # folded words spelled like a dual that usually are not one («موقعين»)
    exceptives: frozenset[str]  # «إلا», «سوى», «غير»: after a negation they make it affirm («لم … غير»)
    dual_scales: frozenset[str]  # «ألفا»: a scale after a number, 2 x the scale where it opens one
    casualty_states: dict[str, str]  # folded word -> what it says befell the counted («مقتل» -> «قتلى»)
    leaning_openers: tuple[tuple[str, ...], ...]  # a clause opening so leans on the one before («جاء ذلك»)
    formula_openers: tuple[tuple[str, ...], ...]  # verses, prayers, closing formulas («قال تعالى»)
    privatives: frozenset[str]  # «دون», «بلا»: before a noun they deny the noun, not the clause
    negating_phrases: tuple[str, ...]  # «دون أن»: `not_negations` opened by a privative; they negate the verb after
    purpose_before: frozenset[str]  # «لكي»: «لكي لا …» is a purpose, not a denial
    conditions_before: frozenset[str]  # «إذا», «في حال»: a negation after one is a condition
    unless: frozenset[str]  # «ما لم»: a word and the particle after it that say "unless"
    so_far: tuple[str, ...]  # «حتى الآن»: a negation holding one covers the days before it
    three_decimals: tuple[str, ...]  # «دينار»: currencies written with three decimals («1,250.500 دينار»)
    own_reporting: tuple[str, ...]  # «مراسلنا»: a clause holding one is the outlet's own account
    but_words: frozenset[str]  # «بل»: ends the reach of a «not only … but»
    untrue: frozenset[str]  # «صحيح»: «غير صحيح» denies; «غير» before other words makes an adjective
    truth_words: frozenset[str]  # «الصحة»: «عار من الصحة» denies a whole report
    light_words: frozenset[str]  # «وجود», «يتم»: a negation passes over them to what it negates
    not_only: frozenset[str]  # «فقط»: «ليس … فقط» is «not only», which affirms
    distances: frozenset[str]  # «كيلومتر»: a count of one may be a distance from somewhere
    distance_words: frozenset[str]  # «على بعد»: before the number, it is a distance
    distance_from: frozenset[str]  # «من», «جنوب»: after the unit, from where


FIGURE_LISTS = ("about", "at_least", "at_most", "about_after", "at_least_after", "number_labels", "part_words",
                "ordinals", "currencies", "amount_words", "readings", "tallies", "increments")


def _words(raw: dict, key: str) -> list[str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and fold(v) for v in value):
        raise RulesError(f"naba/data/{NAME}: '{key}' must be a list of non-empty Arabic words; "
                         f"got {str(value)[:80]}")
    return [fold(v) for v in value]


def _pairs(raw: dict, key: str) -> frozenset[tuple[str, str]]:
    """Opposite pairs: each entry is [side, side], a side one word or a list of words."""
    value = raw.get(key)

    def side(x) -> list[str] | None:
        words = [x] if isinstance(x, str) else x
        ok = isinstance(words, list) and words and all(
            isinstance(w, str) and fold(w) and " " not in fold(w) for w in words)
        return [fold(w) for w in words] if ok else None

    bad = [p for p in value or [] if not (isinstance(p, list) and len(p) == 2 and side(p[0]) and side(p[1]))]
    if not isinstance(value, list) or bad:
        raise RulesError(f"naba/data/{NAME}: '{key}' must be a list of [side, side] entries, a side one "
                         f"word or a list of single words; these are not: {bad[:3]}")
    folded = {(a, b) for p in value for a in side(p[0]) for b in side(p[1]) if a != b}
    return frozenset(folded) | frozenset((b, a) for a, b in folded)


def _numbers(raw: dict) -> dict[str, float]:
    value = raw.get("number_words")
    if not isinstance(value, dict) or not all(isinstance(v, (int, float)) and v > 0 for v in value.values()):
        raise RulesError(f"naba/data/{NAME}: 'number_words' must map words to positive numbers")
    return {fold(k): float(v) for k, v in value.items()}


@functools.cache
def fusion_rules() -> FusionRules:
    """Load and check `data/fusion.json` once.

    Raises:
        RulesError: a list is missing, empty-worded, or a pair is not two single words.
    """
    raw = load_json(NAME)
    negations = _words(raw, "negations")
    return FusionRules(
        negations=frozenset(w for w in negations if " " not in w),
        negation_phrases=tuple(w for w in negations if " " in w),
        not_negations=tuple(_words(raw, "not_negations")),
        denials=frozenset(_words(raw, "denials")),
        antonyms=_pairs(raw, "antonyms"),
        characterisations=_pairs(raw, "characterisations"),
        clause_verbs=frozenset(_words(raw, "clause_verbs")),
        attribution=frozenset(_words(raw, "attribution")),
        number_words=_numbers(raw),
        not_quantities=frozenset(_words(raw, "not_quantities")),
        joined_negations=frozenset(_words(raw, "joined_negations")),
        source_markers=frozenset(_words(raw, "source_markers")),
        subject_heads=frozenset(_words(raw, "subject_heads")),
        figure_words={key: tuple(tuple(p.split()) for p in _words(raw, key)) for key in FIGURE_LISTS},
        periods=_periods(raw), spans=_periods(raw, "spans"),
        broken_plurals=_plurals(raw),
        dual_nouns=frozenset(_words(raw, "dual_nouns")),
        not_duals=frozenset(_words(raw, "not_duals")),
        exceptives=frozenset(_words(raw, "exceptives")),
        dual_scales=frozenset(_words(raw, "dual_scales")),
        casualty_states=_states(raw),
        leaning_openers=tuple(tuple(p.split()) for p in _words(raw, "leaning_openers")),
        formula_openers=tuple(tuple(p.split()) for p in _words(raw, "formula_openers")),
        privatives=frozenset(_words(raw, "privatives")),
        negating_phrases=tuple(p for p in _words(raw, "not_negations") if p.split()[0] in _words(raw, "privatives")),
        purpose_before=frozenset(_words(raw, "purpose_before")),
        conditions_before=frozenset(_words(raw, "conditions_before")),
        unless=frozenset(_words(raw, "unless")),
        so_far=tuple(_words(raw, "so_far")),
        three_decimals=tuple(_words(raw, "three_decimals")),
        own_reporting=tuple(_words(raw, "own_reporting")),
        but_words=frozenset(_words(raw, "but_words")),
        untrue=frozenset(_words(raw, "untrue")),
        truth_words=frozenset(_words(raw, "truth_words")),
        light_words=frozenset(_words(raw, "light_words")),
        not_only=frozenset(_words(raw, "not_only")),
        distances=frozenset(_words(raw, "distances")),
        distance_words=frozenset(_words(raw, "distance_words")),
        distance_from=frozenset(_words(raw, "distance_from")),
    )


def _states(raw: dict) -> dict[str, str]:
    """{folded word: its state's label} from 'casualty_states' ({label: [words]})."""
    value = raw.get("casualty_states")
    if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
        raise RulesError(f"naba/data/{NAME}: 'casualty_states' must map a label to a list of words")
    return {word: label for label in value for word in _words(value, label)}


def _plurals(raw: dict) -> dict[str, str]:
    """{folded singular: folded broken plural}, each a single word."""
    value = raw.get("broken_plurals")
    ok = isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) and len(fold(k).split()) == 1
                                         and len(fold(v).split()) == 1 for k, v in value.items())
    if not ok:
        raise RulesError(f"naba/data/{NAME}: 'broken_plurals' must map a singular noun to its plural, one word each")
    return {fold(k): fold(v) for k, v in value.items()}


def _periods(raw: dict, key: str = "periods") -> dict[str, tuple[str, ...]]:
    """{period: folded phrases}, the first word without its article so «للربع الثاني» matches too."""
    value = raw.get(key)
    if not isinstance(value, dict) or not all(isinstance(v, list) for v in value.values()):
        raise RulesError(f"naba/data/{NAME}: '{key}' must map a period to a list of phrases")
    return {period: tuple(p.removeprefix("ال") for p in _words(value, period)) for period in value}
