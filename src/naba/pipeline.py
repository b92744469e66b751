"""The run: sources -> per-article stages -> corpus stages -> store and outputs.

Per-article stages are pure functions `Article -> Article`; the list below is the whole
per-article pipeline, in order. Corpus stages see every article (`add`) before changing any.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from naba import clean, metadata
from naba.errors import NabaError
from naba.model import Article, Rejected
from naba.settings import Settings

log = logging.getLogger("naba")

Stage = Callable[[Article], Article]
ARTICLE_STAGES: tuple[Stage, ...] = (metadata.from_text, clean.remove_furniture)


@dataclass
class RunResult:
    """What a run read: articles in input order (each id once) and the rejected inputs."""

    articles: list[Article] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    stored: int = 0  # articles new to the store


def process(article: Article, stages: Iterable[Stage] = ARTICLE_STAGES) -> Article:
    """Run the per-article stages on one article.

    Raises:
        NabaError: a stage returned something other than the article (a programming error).
    """
    if not article.id:
        article.assign_id()
    for stage in stages:
        result = stage(article)
        if not isinstance(result, Article):
            raise NabaError(f"stage {stage.__name__} must return the Article it was given, "
                            f"got {type(result).__name__}")
        article = result
    return article


def read_and_process(items: Iterable[Article | Rejected]) -> Iterator[Article | Rejected]:
    """Per-article stages over a stream; an article that fails or ends empty becomes a Rejected record."""
    for item in items:
        if isinstance(item, Rejected):
            yield item
            continue
        where = item.source_path or item.url or "<input>"
        if item.source_kind == "jsonl" and item.source_id:
            where = f"{where}#{item.source_id}"
        try:
            article = process(item)
        except NabaError:
            raise
        except Exception as exc:  # noqa: BLE001 — one bad article must not stop the run
            log.debug("stage failure", exc_info=True)
            yield Rejected(where, f"could not be processed: {type(exc).__name__}: {exc}")
            continue
        if not article.text.strip():
            yield Rejected(where, "no article text left after removing site furniture")
            continue
        yield article


def run(items: Iterable[Article | Rejected], settings: Settings = Settings(), store=None) -> RunResult:
    """Process a finite stream of inputs, apply the corpus stages and store the result."""
    result = RunResult()
    seen: set[str] = set()
    for item in read_and_process(items):
        if isinstance(item, Rejected):
            log.debug("skipped %s: %s", item.source_path, item.reason)
            result.rejected.append(item)
        elif item.id not in seen:
            seen.add(item.id)
            result.articles.append(item)
    recurring = clean.RecurringLines(min_articles=settings.recurring_min_articles)
    for article in result.articles:
        recurring.add(article)
    result.articles = [recurring.apply(a) for a in result.articles]
    if store is not None:
        result.stored = store.add_articles(result.articles)
        store.add_rejected(result.rejected)
    return result
