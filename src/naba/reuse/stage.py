"""The copies stage over articles: reuse pairs in the `stories.json` shape, with direction and words."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

import numpy as np

from naba.model import Article
from naba.reuse.detect import Reuse, ReuseIndex
from naba.reuse.direction import describe, describe_shared, original_of
from naba.reuse.formulas import name_spans, names_only

log = logging.getLogger("naba")

# Articles checked and indexed together (`ReuseIndex.add_many`: each still meets only those before
# it): the tokenizer's and the index's NumPy passes run once for the batch. On SaudiNewsNet the
# index step costs 47 µs an article in batches of 64, 41 at 256, 50 at 1,024.
BATCH = 256


def find_copies(articles: Iterable[Article], index: ReuseIndex,
                known: dict[str, Article] | None = None) -> Iterator[tuple[Article, np.ndarray, list[dict]]]:
    """Check each article against the index (then add it); yield (article, fingerprints, reuse records).

    `known` resolves the ids of earlier articles (the store's) for direction and wording; the
    articles passed in are added to it as they are indexed.
    """
    known = known if known is not None else {}
    ordered = sorted(articles, key=_publication_order)
    for start in range(0, len(ordered), BATCH):
        batch = ordered[start:start + BATCH]
        checked = index.add_many([(article.id, article.text) for article in batch])
        known.update((article.id, article) for article in batch)
        for article, (prints, found) in zip(batch, checked):
            yield article, prints, [entry for r in found if (entry := record(r, article, known[r.b]))]


def record(reuse: Reuse, a: Article, b: Article) -> dict[str, Any] | None:
    """One `reuse` entry of stories.json: spans index `a.text` and `b.text`. Passages made of names
    and titles on both sides (`formulas.names_only`, with the articles' entities) are left out, and
    a pair left without passages is none (None), unless its texts are near-duplicates."""
    names_a, names_b = name_spans(a.entities), name_spans(b.entities)
    passages = [p for p in reuse.passages
                if not (names_only(a.text, p.a_span, names_a) and names_only(b.text, p.b_span, names_b))]
    if len(passages) < len(reuse.passages):
        log.debug("copies %s ~ %s: %d passages of names and titles alone left out", a.id, b.id,
                  len(reuse.passages) - len(passages))
    if not passages and not reuse.near_duplicate:
        return None
    reuse = replace(reuse, passages=passages)
    original, how = original_of(a, b)
    entry: dict[str, Any] = {
        "a": a.id, "b": b.id, "similarity": reuse.similarity, "near_duplicate": reuse.near_duplicate,
        "original": original, "original_from": how,
        "passages": [p.to_dict() for p in reuse.passages],
        "verbatim_chars": sum(p.a_span[1] - p.a_span[0] for p in reuse.passages if p.kind == "verbatim"),
    }
    if original is not None:
        copy, source = (a, b) if original == b.id else (b, a)
        entry["summary"], entry["summary_en"] = describe(copy, source, len(reuse.passages), reuse.near_duplicate)
    else:  # every entry says it in words, the contract's `summary` and `summary_en` always there
        entry["summary"], entry["summary_en"] = describe_shared(a, b, len(reuse.passages), reuse.near_duplicate)
    return entry


def _publication_order(article: Article) -> tuple[int, str]:
    return (0, article.published) if article.published else (1, "")
