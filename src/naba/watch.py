"""`naba watch`: poll RSS/Atom feeds, store what is new and assign it to a story as it arrives.

One `StoryClusterer` lives as long as the process: rebuilt from the store at start (in publication
order, as a batch run builds it), then given each newly stored article, so a story keeps its id
while it grows. Every poll goes through the same pipeline as `naba run` — per-article stages,
idempotent store ingest, the copies stage — so an entry seen on every poll is stored once.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from time import monotonic, sleep
from typing import TYPE_CHECKING

import click

from naba.errors import NabaError, UsageError
from naba.text import count_en

if TYPE_CHECKING:
    from naba.model import Article, Rejected, Story
    from naba.settings import Settings

log = logging.getLogger("naba")
WATCH_MODE = "standard"  # feeds are extracted as they come, so people and places are there for free


class Watcher:
    """The live state of a watch: the store, one story clusterer and the articles it has placed.

    Args:
        feeds: feed URLs or files (anything `naba.sources.read_inputs` reads).
        settings: fetch timeout, follow_links and the other run-wide options.
        store: an open store (`naba.store.open_store`); the watcher does not close it.
        out_dir: where `write` puts stories.json, report.html and report.md; None writes nothing.
    """

    def __init__(self, feeds: Iterable[str], settings: Settings, store, out_dir: str | None = None):
        from naba.stories.stage import clusterer_for

        self.feeds = tuple(feeds)
        self.settings = settings
        self.store = store
        self.out_dir = out_dir
        self.clusterer = clusterer_for(WATCH_MODE)
        self.articles_: dict[str, Article] = {}  # every article the clusterer holds, by id
        self.polls_ = 0
        self.failed_: set[str] = set()  # the feeds that failed on the last poll
        self.last_poll = False  # set for `--once`: a failed feed is not tried again
        self._reported: set[str] = set()  # entries whose rejection was already logged
        self._enriched: dict[str, tuple[frozenset[str], Story]] = {}  # story id -> (members, enriched story)
        self._written: list[dict] | None = None  # the rejected inputs of the last outputs written; None: none yet

    def rebuild(self) -> Watcher:
        """Place the articles already in the store, as `naba run` would (publication order)."""
        from naba.stories.stage import build_stories

        from naba import pipeline

        stages = pipeline.extract_stages()  # for articles stored before the store kept extraction
        stored = [a if a.entities or a.dates or a.quotes else pipeline.extract(a, stages)
                  for a in self.store.articles()]
        self.articles_ = {a.id: a for a in stored}
        build_stories(stored, self.store.copies_among(list(self.articles_)), clusterer=self.clusterer,
                      mode=WATCH_MODE)
        return self

    def poll(self) -> list[Article]:
        """Read every feed once, store its entries and place the new ones; returns the new articles.

        A feed that cannot be read is logged with its reason and skipped until the next poll.
        """
        from naba import pipeline
        from naba.sources import read_inputs

        self.polls_ += 1
        result = pipeline.run(read_inputs(self.feeds, self.settings), self.settings, self.store,
                              find_copies=True, find_stories=False)
        self._report(result.rejected)
        new = [a for a in result.articles if a.id not in self.articles_]
        pipeline.warn_failed_pages(new)  # said once, for the poll that brings the entry
        reuse = self.store.copies_among([*self.articles_, *(a.id for a in new)])
        self.place(new, reuse)
        self.write(reuse, result.rejected)
        level = logging.INFO if new else logging.DEBUG
        log.log(level, "poll %d: %s, %d new; %s", self.polls_, count_en(len(result.articles), "entry", "entries"),
                len(new), self.holding())
        return new

    def holding(self) -> str:
        """«N articles in M stories», counted in English."""
        return (f"{count_en(len(self.articles_), 'article')} in "
                f"{count_en(len(self.clusterer.stories_), 'story', 'stories')}")

    def place(self, new: list[Article], reuse: list[dict]) -> None:
        """Give each new article to the clusterer, oldest first; a near-duplicate joins its twin's story."""
        from naba.stories.stage import article_vectors, published_at

        ordered = sorted(new, key=lambda a: (published_at(a) or datetime.max, a.id))
        twins = _near_duplicates(reuse)
        for article, vector in zip(ordered, article_vectors(ordered, WATCH_MODE) if ordered else []):
            self.articles_[article.id] = article
            twin = next((t for t in twins.get(article.id, ()) if self.clusterer.story_of(t)), None)
            story_id, _ = self.clusterer.add(article.id, vector, published_at(article), twin)
            size = len(self.clusterer.stories_[story_id].members)
            log.info("+ %s: %s → story %s (%d %s)", article.outlet or "(no outlet)", _headline(article),
                     story_id, size, "article" if size == 1 else "articles")

    def stories(self) -> list[Story]:
        """The clusterer's stories as `Story` objects (the conversion `build_stories` makes)."""
        from naba.stories.stage import stories_of

        return stories_of(self.clusterer, self.articles_)

    def write(self, reuse: list[dict], rejected: list[Rejected]) -> None:
        """Enrich the stories whose articles changed since the last write (entities, places,
        timeline, facts), save those in the store (what `naba serve` shows) and write stories.json
        and the reports for every article into `out_dir`. A poll that adds three articles to one
        story re-enriches that story, not the thousands around it."""
        from naba.output import build_document, write_outputs

        from naba.pipeline import PARALLEL_FROM, Progress, enrich_stories

        articles = list(self.articles_.values())
        current = self.stories()
        changed = [s for s in current if self._enriched.get(s.id, (None,))[0] != frozenset(s.articles)]
        progress = None
        if len(changed) >= PARALLEL_FROM:  # a first poll: every story (after an upgrade, none is in the store)
            progress = Progress(len(articles))
            progress.stage(f"resolving and fusing {len(changed):,} stories", len(changed))
        # with the store: a restarted watch takes the enrichment a run or an earlier watch kept (`naba.resume`)
        for story in enrich_stories(changed, articles, reuse, store=self.store, jobs=self.settings.jobs,
                                    progress=progress):
            self._enriched[story.id] = (frozenset(story.articles), story)
        live = {s.id for s in current}
        self._enriched = {sid: kept for sid, kept in self._enriched.items() if sid in live}
        stories = [self._enriched[s.id][1] for s in current]
        self.store.save_stories(changed)
        self.store.forget_enrichments_of_gone_stories()
        log.debug("write: %d of %d stories changed and were enriched", len(changed), len(current))
        written = [r.to_dict() for r in rejected]
        if self.out_dir and (changed or written != self._written or not self._outputs_there()):
            write_outputs(build_document(articles, rejected, stories=stories, reuse=reuse), self.out_dir)
            self._written = written

    def _outputs_there(self) -> bool:
        """Whether this watch wrote `out_dir`'s stories.json and it is still there (a poll that changes
        nothing does not write 600 MB again)."""
        return self._written is not None and (Path(self.out_dir) / "stories.json").exists()

    def _report(self, rejected: list[Rejected]) -> None:
        """A feed that failed: one line on every poll. A rejected entry: one line, the first time."""
        self.failed_ = {item.source_path for item in rejected if item.source_path in self.feeds}
        for item in rejected:
            if item.source_path in self.feeds:
                log.error("feed %s failed: %s%s", item.source_path, item.reason,
                          "" if self.last_poll else "; trying again next poll")
            elif item.source_path not in self._reported:
                self._reported.add(item.source_path)
                log.warning("skipped %s: %s", item.source_path, item.reason)


def _near_duplicates(reuse: list[dict]) -> dict[str, list[str]]:
    """Article id -> the ids it is a near-duplicate of."""
    twins: dict[str, list[str]] = {}
    for entry in reuse:
        if entry.get("near_duplicate"):
            twins.setdefault(entry["a"], []).append(entry["b"])
            twins.setdefault(entry["b"], []).append(entry["a"])
    return twins


def _headline(article: Article, words: int = 12) -> str:
    """The title, else the first words of the text."""
    if article.title:
        return article.title
    first = article.text.split()
    return " ".join(first[:words]) + ("…" if len(first) > words else "")


def poll_until_stopped(watcher: Watcher, interval: float, max_polls: int | None = None) -> None:
    """Poll now and then every `interval` seconds (start to start) until `max_polls` polls."""
    while True:
        started = monotonic()
        watcher.poll()
        if max_polls is not None and watcher.polls_ >= max_polls:
            return
        sleep(max(0.0, started + interval - monotonic()))


@click.command("watch", short_help="Poll RSS/Atom feeds and put each new entry in its story.")
@click.argument("feeds", nargs=-1, required=True, metavar="FEED_OR_URL...")
@click.option("--interval", default=300.0, show_default=True, type=float,
              help="Seconds between the starts of two polls (> 0).")
@click.option("--db", "db_path", default=None, type=click.Path(dir_okay=False),
              help="SQLite store to ingest into [default: $NABA_DB or ./naba.db].")
@click.option("--out", "out_dir", default=None, type=click.Path(file_okay=False),
              help="After each poll that changes them, write stories.json, report.html and report.md "
                   "for the whole store here.")
@click.option("--once", is_flag=True, help="Poll once and exit.")
@click.option("--max-polls", default=None, type=click.IntRange(min=1), help="Stop after this many polls.")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds to wait for each URL.")
@click.option("--follow-links", is_flag=True, help="Fetch each entry's page for its full text.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Processes that extract entries (from 1,000 in a poll) and resolve and fuse stories (from 200: "
                   "the first poll over a large store) side by side [default: the machine's cores, up to 4].")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--verbose", "-v", is_flag=True, help="Print debugging detail to stderr.")
def watch(feeds: tuple[str, ...], interval: float, db_path: str | None, out_dir: str | None, once: bool,
          max_polls: int | None, timeout: float, follow_links: bool, jobs: int | None, quiet: bool,
          verbose: bool) -> None:
    """Poll RSS/Atom feeds (http(s) URLs or feed files) every --interval seconds, store new entries
    and assign each to a story as it arrives, one line per new article. Ctrl-C stops.

    Example: naba watch https://example.org/rss.xml --interval 600 --out live/
    """
    from naba.cli import check_writable, setup_logging
    from naba.settings import Settings
    from naba.store import open_store

    if not (math.isfinite(interval) and interval > 0):
        raise UsageError(f"--interval must be a number of seconds greater than 0. Got {interval:g} instead.")
    setup_logging(quiet, verbose)
    if out_dir:
        check_writable(out_dir)
    settings = Settings(fetch_timeout=timeout, follow_links=follow_links, **({"jobs": jobs} if jobs else {}))
    store = open_store(db_path)
    watcher = Watcher(feeds, settings, store, out_dir)
    watcher.last_poll = once
    try:
        _run(watcher, interval, 1 if once else max_polls)
    finally:
        store.close()
    if once and watcher.polls_ and watcher.failed_ == set(watcher.feeds):
        raise NabaError(f"every feed failed ({len(watcher.feeds)}); nothing was read")


def _run(watcher: Watcher, interval: float, max_polls: int | None) -> None:
    """Rebuild, then poll, turning Ctrl-C into a clean stop (the store's transactions keep it whole)."""
    stopped = "stopped"
    try:
        watcher.rebuild()
        when = "once" if max_polls == 1 else f"every {interval:g} s"
        log.info("watching %s %s; %s in %s (Ctrl-C stops)", count_en(len(watcher.feeds), "feed"), when,
                 watcher.holding(), watcher.store.path)
        poll_until_stopped(watcher, interval, max_polls)
    except KeyboardInterrupt:
        stopped = "interrupted; stopped"
    log.info("%s after %s: %s", stopped, count_en(watcher.polls_, "poll"), watcher.holding())

