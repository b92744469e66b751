"""What a re-run takes from the store instead of working it out again.

Extraction (each article's entities, dates and quotes) and enrichment (each story's resolved entities,
places, dates, quotes, timeline, facts and brief) are most of `naba run`'s time: on SaudiNewsNet
records 12,000-14,999 (2,978 articles, 1,866 stories, CRF tagger) ~110 of 120 s; the ensemble tagger
reads ~5 articles a second. `naba.pipeline` stores each batch's extraction as it is done and every
50 stories' enrichment once they are fused, so a run interrupted there, or run again over a folder
that has grown, does again only what is new or changed:

- an article's extraction is taken when the store holds it under the same `mark`: this naba's `stamp`
  (its code, its dependencies' versions and the tagger in use) and a digest of what extraction read of
  the article (its text, title and date: one text may come back with another date, and «أمس» with it);
- a story's enrichment is taken when the store holds one for its id under the same `story_key` (the
  code's stamp, its members as the run has them, extraction included, its events and its copies).

Any change to naba's files or to an installed dependency's version changes the stamp, so nothing made
by another naba is taken; what is taken is what this naba made from the same input.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from importlib import metadata
from pathlib import Path
from typing import Any

from naba.model import Article, Story

# A story's lists that enrichment fills (`naba.extract.story.enrich_story`, `naba.fuse.stage.fuse`)
ENRICHED = ("entities", "places", "dates", "quotes", "timeline", "facts", "unique", "contradictions", "summary")
# What extraction reads of an article (the stages' inputs: its text, and its day for relative dates)
READ_BY_EXTRACTION = ("text", "title", "published", "published_from")


@functools.cache
def code_stamp() -> str:
    """A digest of naba's own files (code, rules, models) and its dependencies' installed versions."""
    import naba

    root = Path(naba.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name, version in _dependency_versions():
        digest.update(f"{name}=={version}\0".encode())
    return digest.hexdigest()[:24]


# Packages that change what naba reads though its metadata does not require them: torch is the e5
# backend where onnxruntime is missing (`naba.embed`); the romanizer's model runs on onnxruntime too.
_BACKENDS = ("torch", "onnxruntime")
# Extras that change what naba reads (the e5 weights and backends); test, web and bench tools do not.
_READING_EXTRAS = ("embed",)


def _dependency_versions() -> list[tuple[str, str]]:
    """(name, installed version or "-") of the packages naba reads with: its requirements, those of
    its `_READING_EXTRAS` and the `_BACKENDS`."""
    try:
        wanted = metadata.requires("naba") or []
    except metadata.PackageNotFoundError:  # run from a source tree on PYTHONPATH
        wanted = []
    reading = [r for r in wanted if "extra ==" not in r or any(f'extra == "{e}"' in r for e in _READING_EXTRAS)]
    names = sorted({m.group(0).lower() for r in reading if (m := re.match(r"[A-Za-z0-9_.-]+", r))}
                   | set(_BACKENDS))
    found = []
    for name in names:
        try:
            found.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            found.append((name, "-"))
    return found


def stamp() -> str:
    """What names the naba that extracts now: its code's stamp and the tagger in use."""
    from naba.extract.ner.stage import tagger_in_use

    return f"{code_stamp()}:{tagger_in_use()}"


def mark(article: Article, naba_stamp: str) -> str:
    """What names an article's extraction: the stamp of the naba that made it and a digest of what it read."""
    read = json.dumps([getattr(article, k) for k in READ_BY_EXTRACTION], ensure_ascii=False)
    return f"{naba_stamp}/{hashlib.sha256(read.encode()).hexdigest()[:16]}"


def take_extractions(articles: list[Article], stored: dict[str, dict[str, Any]], naba_stamp: str) -> set[str]:
    """Give each article the extraction `stored` holds for it (`Store.extractions`) when its mark is the
    one this naba gives the article now; returns the ids that took one."""
    taken = set()
    for article in articles:
        row = stored.get(article.id)
        if row is not None and row["extracted_by"] == mark(article, naba_stamp):
            article.entities, article.dates, article.quotes = row["entities"], row["dates"], row["quotes"]
            taken.add(article.id)
    return taken


def story_key(story: Story, members: list[Article], copies: list[dict[str, Any]]) -> str:
    """A digest of everything a story's enrichment is made from: the code's stamp, its title, members
    (in its order, as `Article.to_dict` writes them, extraction included, but not the file each was read
    from: a moved folder, or `naba serve`'s upload folder, is the same story), events, and the copies
    that touch its members."""
    made_from = {"code": code_stamp(), "title": story.title, "articles": story.articles, "events": story.events,
                 "members": [{**a.to_dict(), "source_path": None} for a in members],
                 "copies": sorted(json.dumps(c, sort_keys=True, ensure_ascii=False, default=str) for c in copies)}
    text = json.dumps(made_from, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def copies_by_article(reuse: list[dict[str, Any]]) -> dict[str, list[tuple[int, dict[str, Any]]]]:
    """The run's reuse entries under each of their two articles, with their places in `reuse`."""
    by_article: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for k, entry in enumerate(reuse):
        for side in {entry.get("a"), entry.get("b")} - {None}:
            by_article.setdefault(side, []).append((k, entry))
    return by_article


def copies_of(story: Story, by_article: dict[str, list[tuple[int, dict[str, Any]]]]) -> list[dict[str, Any]]:
    """The reuse entries that touch a story's members, each once, in the run's order (`fuse` takes the
    first passage that covers a claim)."""
    seen: dict[int, dict[str, Any]] = {}
    for article_id in story.articles:
        seen.update(by_article.get(article_id, ()))
    return [seen[k] for k in sorted(seen)]


def enrichment(story: Story) -> dict[str, Any]:
    """What enrichment made of a story, as the store keeps it."""
    return {key: getattr(story, key) for key in ENRICHED}


def take_enrichment(story: Story, stored: dict[str, Any]) -> Story:
    """Give a story the enrichment the store kept for it."""
    for key in ENRICHED:
        setattr(story, key, stored[key])
    return story
