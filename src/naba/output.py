"""The `stories.json` document (schema naba/1, see DESIGN.md) and the files a run writes."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from naba.model import Article, Rejected, Story

SCHEMA = "naba/1"


def build_document(articles: list[Article], rejected: list[Rejected],
                   stories: list[Story] | None = None, reuse: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The whole output as one JSON-ready dict. Lists of stages not built yet stay empty."""
    return {
        "schema": SCHEMA,
        "rejected": [r.to_dict() for r in rejected],
        "articles": [a.to_dict() for a in articles],
        "reuse": list(reuse or []),
        "stories": [s.to_dict() for s in (stories or [])],
    }


def write_outputs(doc: dict[str, Any], out_dir: str | os.PathLike) -> list[Path]:
    """Write stories.json, report.html, report.md and places.geojson into `out_dir` (created if needed)."""
    from naba.report import write_reports

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = write_json(out / "stories.json", doc)
    geojson = write_json(out / "places.geojson", places_collection(doc))
    return [path, *write_reports(doc, out), geojson]


def write_json(path: Path, value: Any) -> Path:
    """`value` as JSON at `path` (`json_lines`), through a temporary file: a killed run never leaves half."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as out:  # written as encoded: all 31k SaudiNewsNet articles make 653 MB
        out.writelines(json_lines(value))
    os.replace(tmp, path)
    return path


_ENCODE = json.JSONEncoder(ensure_ascii=False, default=str).encode


def json_lines(value: Any) -> Iterator[str]:
    """`value` as JSON text in pieces: a dict's keys one to a line, a list under a key one item to a
    line, each item compact on its line (`jq .` indents it all). The pieces are made by the C encoder,
    which `json.dump` and any `indent` never use: all of SaudiNewsNet's stories.json took 32.6 s indented
    and takes 8.8 s so (`benchmarks/output.py`; a `naba watch` writes it every poll that brings an article)."""
    if not isinstance(value, dict) or not value:
        yield _ENCODE(value) + "\n"
        return
    for n, (key, item) in enumerate(value.items()):
        yield ("{\n " if n == 0 else ",\n ") + _ENCODE(str(key)) + ": "
        if isinstance(item, list) and item:
            for m, element in enumerate(item):
                yield ("[\n  " if m == 0 else ",\n  ") + _ENCODE(element)
            yield "\n ]"
        else:
            yield _ENCODE(item)
    yield "\n}\n"


def places_collection(doc: dict[str, Any]) -> dict[str, Any]:
    """Every story's places as one GeoJSON FeatureCollection; each feature names its story."""
    from naba.extract.places import places_geojson

    features = []
    for story in doc.get("stories") or []:
        located = [p for p in story.get("places") or [] if p.get("lat") is not None and p.get("lon") is not None]
        for feature in places_geojson(located)["features"]:
            feature["properties"].update(story=story.get("id"), story_title=story.get("title"))
            features.append(feature)
    return {"type": "FeatureCollection", "features": features}


def contradiction_sides(item: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """A `contradictions` entry's claims as its two sides, each the claims that say one thing (their
    `side`, 0 or 1; a claim without one — a document written before sides — takes its place: the
    first claim one side, the rest the other). Empty sides are left out."""
    claims = [c for c in item.get("claims") or [] if isinstance(c, dict)]
    sides: list[list[dict[str, Any]]] = [[], []]
    for i, claim in enumerate(claims):
        side = claim.get("side")
        sides[int(side) if side in (0, 1) else min(i, 1)].append(claim)
    return [side for side in sides if side]
