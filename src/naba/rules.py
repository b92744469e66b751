"""Arabic rules kept as data files in `naba/data/`, loaded lazily and checked."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from naba.errors import RulesError


def load_json(name: str) -> dict[str, Any]:
    """Read one data file shipped in the package.

    Raises:
        RulesError: the file is missing or is not a JSON object.
    """
    try:
        raw = resources.files("naba.data").joinpath(name).read_text(encoding="utf-8")
        value = json.loads(raw)
    except (OSError, ValueError) as exc:
        raise RulesError(f"cannot read rules file naba/data/{name}: {exc}") from exc
    if not isinstance(value, dict):
        raise RulesError(f"rules file naba/data/{name} must hold a JSON object, got {type(value).__name__}")
    return value


def _phrases(raw: dict[str, Any], key: str, name: str) -> frozenset[str]:
    """A list of phrases from a rules file, folded the way lines are folded for matching."""
    from naba.text import line_key

    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RulesError(f"naba/data/{name}: '{key}' must be a list of non-empty strings")
    keys = frozenset(line_key(v) for v in value)
    if "" in keys:
        empty = [v for v in value if not line_key(v)]
        raise RulesError(f"naba/data/{name}: '{key}' holds phrases with no letters or digits: {empty}; "
                         "rules compare folded words, so punctuation-only phrases never match")
    return keys


@dataclass(frozen=True)
class FurnitureRules:
    """Site-furniture phrases, compared against `line_key` of each line."""

    line_equals: frozenset[str]
    line_startswith: frozenset[str]
    short_contains: frozenset[str]
    list_markers: frozenset[str]
    social: frozenset[str]
    tag_prefixes: frozenset[str]
    credit_prefixes: frozenset[str]
    byline_prefixes: frozenset[str]
    contact_prefixes: frozenset[str]


@dataclass(frozen=True)
class MetadataRules:
    """Vocabulary used to read metadata from a scraped page's header lines."""

    section_words: frozenset[str]
    outlets: frozenset[str]
    agencies: frozenset[str]
    outlet_prefixes: frozenset[str]
    published_prefixes: frozenset[str]
    update_prefixes: frozenset[str]
    copied_prefixes: frozenset[str]
    desk_labels: frozenset[str]


@functools.cache
def furniture_rules() -> FurnitureRules:
    raw = load_json("furniture.json")
    fields = FurnitureRules.__dataclass_fields__
    return FurnitureRules(**{f: _phrases(raw, f, "furniture.json") for f in fields})


@functools.cache
def metadata_rules() -> MetadataRules:
    raw = load_json("metadata.json")
    fields = MetadataRules.__dataclass_fields__
    return MetadataRules(**{f: _phrases(raw, f, "metadata.json") for f in fields})
