"""A story's place entities tied to the places the places stage resolved for the same words.

The tagger and the places stage read the same text: where a GPE or LOC entity's mentions meet the
mentions of one resolved place (one span inside the other), the entity is that place. It then takes the place's Latin name (the
mention «ريف حمص» holds «حمص» read as the province: Homs Governorate, not a transliteration), and two
entities that are one place become one entity — spellings that folding does not join («سوريا» and
«سورية», both Syria in GeoNames).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from typing import Any

__all__ = ["join_places"]

PLACE_TYPES = ("GPE", "LOC")


def join_places(entities: list[dict[str, Any]], places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`entities` (as `naba.extract.resolve.resolve_entities` gives them, most mentioned first) with each
    place entity's `latin` set to its place's Latin name, and the entities that are one place joined
    into the most mentioned of them.

    An entity is a place when at least half of its mentions meet a mention of it in the same article,
    one span inside the other («ريف حمص» holds «حمص»; «مدينة حمص» holds «حمص»); the place met most
    often wins.
    """
    spans = _place_spans(places)
    kept: list[dict[str, Any]] = []
    first: dict[int, dict[str, Any]] = {}  # place -> the entity that stands for it
    for entity in entities:
        place = _place_of(entity, spans) if entity["type"] in PLACE_TYPES else None
        if place is None:
            kept.append(entity)
        elif place in first:
            _absorb(first[place], entity)
        else:
            first[place] = entity
            if places[place].get("name_en"):
                entity["latin"] = places[place]["name_en"]
            kept.append(entity)
    kept.sort(key=lambda e: (-len(e["mentions"]), e["name"]))
    return kept


Spans = dict[str, tuple[list[tuple[int, int, int]], int]]


def _place_spans(places: list[dict[str, Any]]) -> Spans:
    """{article: ([(start, end, place index)] sorted, the longest span's length)} of the places' mentions."""
    spans: dict[str, list[tuple[int, int, int]]] = {}
    for index, place in enumerate(places):
        for mention in place.get("mentions", ()):
            start, end = mention["span"]
            spans.setdefault(mention["article"], []).append((start, end, index))
    return {article: (sorted(found), max(e - s for s, e, _ in found)) for article, found in spans.items()}


def _place_of(entity: dict[str, Any], spans: Spans) -> int | None:
    votes: Counter = Counter()
    for mention in entity["mentions"]:
        start, end = mention["span"]
        found, longest = spans.get(mention["article"], ([], 0))
        # A span that meets this one starts before its end and, being at most `longest` long, no earlier
        # than `longest` before its start: only those are read (a page of 37,500 paragraphs had read
        # every place mention before each entity mention, eight minutes of a run).
        near = found[bisect_left(found, (start - longest, -1, -1)):bisect_left(found, (end, -1, -1))]
        held = {place for s, e, place in near if (start <= s and e <= end) or (s <= start and end <= e)}
        votes.update(held)
    if not votes:
        return None
    place, count = max(votes.items(), key=lambda item: (item[1], -item[0]))  # ties: the most mentioned place
    return place if 2 * count >= len(entity["mentions"]) else None


def _absorb(keep: dict[str, Any], other: dict[str, Any]) -> None:
    keep["variants"] += [v for v in other["variants"] if v not in keep["variants"]]
    keep["titles"] = sorted(set(keep["titles"]) | set(other["titles"]))
    keep["mentions"] = sorted(keep["mentions"] + other["mentions"], key=lambda m: (m["article"], m["span"][0]))
