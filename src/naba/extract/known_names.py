"""Latin names of entities that no transliteration spells right, from `data/latin_names.json`:
organisations known by an English or original-language name (الأمم المتحدة: United Nations) and people
whose names come from outside Arabic (سيرغي لافروف: Sergey Lavrov — the romanizer, trained on Arabic
personal names, writes "Serghi Lafrouf"), and regions GeoNames does not name (الشرق الأوسط: Middle East).
The list is written for naba; the places the places stage resolves keep GeoNames' names.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from naba.errors import RulesError
from naba.extract.resolve import spelling_key
from naba.rules import load_json

__all__ = ["known_latin", "name_known"]

TYPES = ("PER", "ORG", "MISC", "GPE", "LOC")


def known_latin(name: str, kind: str) -> str | None:
    """The listed Latin name of `name` as an entity of type `kind`, if the list has it.

    >>> known_latin("سيرجي لافروف", "PER"), known_latin("الأمم المتّحدة", "ORG"), known_latin("لافروف", "ORG")
    ('Sergey Lavrov', 'United Nations', None)
    """
    return _table().get(kind, {}).get(spelling_key(name))


def name_known(entities: list[dict[str, Any]]) -> None:
    """Give each entity without a `latin` the listed name of its name, else of its most frequent listed
    variant (a story that writes only «لافروف» gets "Lavrov"; one that also writes «سيرغي لافروف» names
    the entity so and gets "Sergey Lavrov")."""
    for entity in entities:
        if not entity.get("latin"):
            names = (entity["name"], *entity["variants"])
            entity["latin"] = next(filter(None, (known_latin(n, entity["type"]) for n in names)), None)


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, str]]:
    """{entity type: {spelling key: Latin name}}."""
    raw = load_json("latin_names.json")
    table: dict[str, dict[str, str]] = {}
    for section, names in raw.items():
        if section.startswith("_"):
            continue
        kinds = section.split()
        if not kinds or not set(kinds) <= set(TYPES) or not isinstance(names, dict) or not all(
                isinstance(k, str) and isinstance(v, str) and spelling_key(k) and v.strip() for k, v in names.items()):
            raise RulesError(f"naba/data/latin_names.json: section {section!r} must be entity types ({', '.join(TYPES)}) "
                             "naming an object of non-empty Arabic names and their Latin names")
        for kind in kinds:
            for arabic, latin in names.items():
                table.setdefault(kind, {}).setdefault(spelling_key(arabic), latin.strip())
    return table
