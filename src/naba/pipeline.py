"""The run: sources -> per-article stages -> corpus stages -> store and outputs.

Per-article stages are pure functions `Article -> Article`; the list below is the whole
per-article pipeline, in order. Corpus stages see every article (`add`) before changing any.
"""

from __future__ import annotations

import concurrent.futures
import gc
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from naba import clean, metadata
from naba.errors import NabaError
from naba.model import Article, Rejected, Story
from naba.normalize import plain_letters
from naba.settings import Settings
from naba.text import extraction_part

log = logging.getLogger("naba")
# Stories whose names are spelled in Latin in one pass, once their entities are resolved (about 12
# names an article: ~15k names, within naba.extract.latin's cache of 50k)
SPELLED_TOGETHER = 1000

Stage = Callable[[Article], Article]


def in_plain_letters(article: Article) -> Article:
    """The first stage: the article's text as plain letters where a source wrote Arabic presentation
    forms (ﻣﺤﻤﺪ for محمد, from old PDFs and some web pages; `naba.normalize.plain_letters`), so that
    names, places, dates and quotes are found in it and every span indexes the text users see.
    The id is taken before (`process`): it hashes the text as the source gave it."""
    article.body = plain_letters(article.body)
    for name in ("title", "outlet", "section", "author"):
        if value := getattr(article, name):
            setattr(article, name, plain_letters(value))
    article.boilerplate = [plain_letters(line) for line in article.boilerplate]
    return article


ARTICLE_STAGES: tuple[Stage, ...] = (in_plain_letters, metadata.from_text, clean.remove_furniture)


@dataclass
class RunResult:
    """What a run read: articles in input order (each id once) and the rejected inputs."""

    articles: list[Article] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    stored: int = 0  # articles new to the store
    reuse: list[dict] = field(default_factory=list)  # copies among the articles (stories.json `reuse`)
    stories: list[Story] = field(default_factory=list)


def process(article: Article, stages: Iterable[Stage] = ARTICLE_STAGES) -> Article:
    """Run the per-article stages on one article.

    Raises:
        NabaError: a stage returned something other than the article (a programming error).
    """
    if not article.id:
        article.assign_id()
    for stage in stages:
        article = _returned(stage, stage(article))
    return article


def _returned(stage: Stage, result: object) -> Article:
    """A stage's result, which must be the Article it was given (else a programming error)."""
    if not isinstance(result, Article):
        raise NabaError(f"stage {stage.__name__} must return the Article it was given, "
                        f"got {type(result).__name__}")
    return result


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


def extract_stages() -> tuple[Stage, ...]:
    """The extraction stages, in order: entities first (quotes use them to find speakers).

    They run after the corpus-wide cleaning (recurring lines), because their spans index the
    final clean text."""
    from naba.extract.ner.stage import find_entities
    from naba.extract.quotes import find_quotes
    from naba.extract.temporal import find_dates

    return (find_entities, find_dates, find_quotes)


def extract(article: Article, stages: Iterable[Stage]) -> Article:
    """Run the extraction stages on one article; a stage that fails leaves its list empty and the
    article in the run (what it says is still worth clustering and showing). An article longer than
    `naba.text.EXTRACT_CHARS` is read up to there (`naba.text.extraction_part`), and the run says so."""
    whole = article.text or ""
    part = extraction_part(whole)
    if len(part) < len(whole):
        _say_read_in_part(article, len(part))
        article.text = part
    try:
        for stage in stages:
            try:
                result = stage(article)
            except NabaError:
                raise
            except Exception:  # noqa: BLE001 — one article's odd text must not stop the run
                log.warning("%s failed on %s; its %s are left empty", stage.__name__,
                            article.source_path or article.url or article.id, stage.__name__.removeprefix("find_"))
                log.debug("extraction failure", exc_info=True)
                continue
            article = _returned(stage, result)
    finally:
        article.text = whole
    return article


def _say_read_in_part(article: Article, read: int) -> None:
    log.warning("%s: its text is %s characters; entities, dates, quotes and facts are read from the first %s",
                article.source_path or article.url or article.id, f"{len(article.text):,}", f"{read:,}")


def run(items: Iterable[Article | Rejected], settings: Settings = Settings(), store=None,
        find_copies: bool = True, find_stories: bool = True, mode: str | None = None,
        extraction: bool = True) -> RunResult:
    """Process a finite stream of inputs, apply the corpus stages and store the result.

    find_copies: run the copies stage (near-duplicates, shared passages, who copied whom).
    find_stories: cluster the articles into stories and events.
    mode: the signals stories are made from (`naba.stories.stage.MODES`): `fast` (content words),
        `standard` (and people and places), `embed` (and sentence embeddings); by default
        `standard` when entities are extracted, else `fast`.
    extraction: find entities, dates and quotes in each article and, per story, resolve them,
        place them on the map, build the timeline and fuse the facts (off for fast backfills).
    """
    with single_threaded_blas(), rare_collections():
        return _run(items, settings, store, find_copies, find_stories,
                    mode or ("standard" if extraction else "fast"), extraction)


# A run keeps every article, its entities and the taggers' per-word tables alive, so the heap grows
# all run long, and CPython's default thresholds (700, 10, 10) rescan all of it each time it grows by a
# quarter: on SaudiNewsNet's first 300 records those full collections took 0.9-1.1 s of the 6 s
# extraction stage (benchmarks/extract.py). At (10_000, 10, 100) they take ~0.2 s. Objects are still
# freed by reference counting; only garbage cycles (rare in naba's dicts and lists) wait longer.
RUN_GC_THRESHOLDS = (10_000, 10, 100)


@contextmanager
def rare_collections():
    """Run the block with `RUN_GC_THRESHOLDS`, then put the process's own thresholds back."""
    before = gc.get_threshold()
    gc.set_threshold(*RUN_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def warn_failed_pages(articles: list[Article]) -> None:
    """Say which feed entries kept only the feed's text because their page could not be fetched.

    With --follow-links a failing page is no reason to lose its entry, but the user asked for the page's
    full text and must hear that some entries hold only the feed's summary (one warning, three examples).
    """
    failed = [a for a in articles if a.extra.get("page_error")]
    if failed:
        shown = "; ".join(f"{a.url}: {a.extra['page_error']}" for a in failed[:3])
        log.warning("%d feed %s kept only the feed's text because the page failed (%s%s)", len(failed),
                    "entry" if len(failed) == 1 else "entries", shown, "; …" if len(failed) > 3 else "")


def single_threaded_blas():
    """naba's matrix work is many small products; OpenBLAS threads make each one 20x slower on a
    2-core machine (a 1770 x 2048 matrix-vector product: 12 ms threaded, 0.6 ms on one thread)."""
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def _run(items, settings, store, find_copies, find_stories, mode, extraction) -> RunResult:
    result = RunResult()
    seen: set[str] = set()
    for item in read_and_process(items):
        if isinstance(item, Rejected):
            log.debug("skipped %s: %s", item.source_path, item.reason)
            result.rejected.append(item)
        elif item.id not in seen:
            seen.add(item.id)
            result.articles.append(item)
    result.articles = clean.remove_recurring(result.articles, settings.recurring_min_articles)
    progress = Progress(len(result.articles))
    if extraction:
        progress.stage("finding entities, dates and quotes")
        result.articles, result.stored = _extract_all(result.articles, store, progress, settings.jobs)
    elif store is not None:
        result.stored = store.add_articles(result.articles)
    if store is not None:
        store.add_rejected(result.rejected)
    if find_copies:
        progress.stage("finding copies")
        result.reuse = copies(result.articles, store)
    if find_stories:
        from naba.stories.stage import build_stories, tag_entities

        if not extraction:
            tag_entities(result.articles, mode)  # a mode that weighs names needs them even in a backfill
        progress.stage("grouping them into stories")
        result.stories = build_stories(result.articles, result.reuse, mode=mode)
        if extraction:
            progress.stage(f"resolving and fusing {len(result.stories):,} stories", len(result.stories))
            result.stories = enrich_stories(result.stories, result.articles, result.reuse, progress=progress,
                                            store=store, jobs=settings.jobs)
        if store is not None:
            store.save_stories(result.stories)
            store.forget_enrichments_of_gone_stories()
    return result


def _taken(article: Article) -> Article:
    """An article whose extraction came from the store, said to be read in part as when it was made."""
    if len(read := extraction_part(article.text or "")) < len(article.text or ""):
        _say_read_in_part(article, len(read))
    return article


STORED_EVERY = 500  # articles extracted between two writes to the store: what an interrupt can cost


def _extract_all(articles: list[Article], store, progress: Progress, jobs: int = 1) -> tuple[list[Article], int]:
    """Extract every article and store them (when there is a store) batch by batch as they are done,
    each marked by this naba (`naba.resume.mark`); an article the store holds under the mark this naba
    gives it now takes the stored extraction. Returns the articles and how many were new to the store.
    jobs: processes that extract side by side when EXTRACTED_APART_FROM articles or more are to be read."""
    from naba import resume

    stamp, taken = None, set()
    if store is not None:
        stamp = resume.stamp()
        taken = resume.take_extractions(articles, store.extractions([a.id for a in articles]), stamp)
        if taken:
            log.info("%s of %s articles' entities, dates and quotes taken from the store (this naba read them "
                     "before)", f"{len(taken):,}", f"{len(articles):,}")
    done: list[Article] = []
    stored = 0
    with _workers(jobs if len(articles) - len(taken) >= EXTRACTED_APART_FROM else 1) as pool:
        for first in range(0, len(articles), STORED_EVERY):
            batch = articles[first:first + STORED_EVERY]
            fresh = _extracted([a for a in batch if a.id not in taken], pool)
            batch = [progress.step(_taken(a) if a.id in taken else next(fresh), "articles") for a in batch]
            if store is not None:
                stored += store.add_articles(batch, extracted_by=lambda a: resume.mark(a, stamp))
            done += batch
    return done, stored


# Articles to read before `_extract_all` starts other processes: each loads the tagger (a few seconds).
EXTRACTED_APART_FROM = 1000
EXTRACTED_TOGETHER = 25  # articles a process is given at a time


def _extracted(articles: list[Article], pool: concurrent.futures.ProcessPoolExecutor | None) -> Iterator[Article]:
    """The articles extracted, in order: here, or in the pool `EXTRACTED_TOGETHER` at a time."""
    if pool is None:
        stages = extract_stages()
        yield from (extract(a, stages) for a in articles)
        return
    tasks = [articles[k:k + EXTRACTED_TOGETHER] for k in range(0, len(articles), EXTRACTED_TOGETHER)]
    for extracted in _in_pool(pool, _extract_apart, tasks, f"groups of {EXTRACTED_TOGETHER} articles"):
        yield from extracted


def _extract_apart(articles: list[Article]) -> list[Article]:
    """`extract` of each article, in a pool's process."""
    stages = extract_stages()
    return [extract(a, stages) for a in articles]


PROGRESS_FROM = 500  # articles: smaller runs take seconds and say only what they made
PROGRESS_EVERY = 15.0  # seconds between two counts within a stage


class Progress:
    """What a long run is doing, on naba's log (a terminal or a log file alike): a line as each stage
    starts and a count every `PROGRESS_EVERY` seconds within it; silent below `PROGRESS_FROM` articles."""

    def __init__(self, articles: int) -> None:
        self.on = articles >= PROGRESS_FROM
        self.articles, self.total, self.last = articles, articles, time.monotonic()
        self.done: dict[str, int] = {}  # per unit: a stage may count two steps («resolved», «fused»)

    def stage(self, what: str, total: int | None = None) -> None:
        self.total, self.done, self.last = total if total is not None else self.articles, {}, time.monotonic()
        if self.on:
            log.info("%s (%s articles) …", what, f"{self.articles:,}")

    def step(self, item, unit: str):
        self.done[unit] = self.done.get(unit, 0) + 1
        if self.done[unit] == 1:  # the time before a step's first item was another step's
            self.last = time.monotonic()
        elif self.on and time.monotonic() - self.last >= PROGRESS_EVERY:
            self.last = time.monotonic()
            log.info("  %s of %s %s", f"{self.done[unit]:,}", f"{self.total:,}", unit)
        return item


def copies(articles: list[Article], store=None) -> list[dict]:
    """The copies stage: each article not yet in the reuse index is checked against everything
    indexed (the store's articles too) and added; returns the reuse entries among `articles`."""
    import numpy as np

    from naba.reuse import ReuseIndex
    from naba.reuse.stage import find_copies

    index = ReuseIndex(text_of=store.text if store is not None else None)
    known = _StoredArticles(store)
    done: set[str] = set()
    mark = 0
    if store is not None:
        mark = store.reuse_mark()
        stored = [(article_id, np.frombuffer(blob, dtype="<u4"))
                  for article_id, blob in store.reuse_fingerprints(upto=mark)]
        index.index_stored(stored)
        done.update(article_id for article_id, _ in stored)
    new = [a for a in articles if a.id not in done]
    found = find_copies(new, index, known)
    if store is None:
        return [entry for _, _, entries in found for entry in entries]
    store.add_copies((a.id, prints.astype("<u4").tobytes(), entries) for a, prints, entries in found)
    _copies_of_other_writers(new, store, mark, known)
    return store.copies_among(a.id for a in articles)


def _copies_of_other_writers(new: list[Article], store, mark: int, known: dict[str, Article]) -> None:
    """Check this run's new articles against those another process indexed while this one ran.

    Each writer read the index before the other wrote, so neither compared its articles with the
    other's (two runs at once kept 838 of 1,454 copy pairs). Whichever of two writers finishes writing
    last sees all of the other's fingerprints here, so every pair is found by at least one of them.
    """
    import numpy as np

    from naba.reuse import ReuseIndex
    from naba.reuse.stage import record

    ours = {a.id for a in new}
    late = [(article_id, np.frombuffer(blob, dtype="<u4"))
            for article_id, blob in store.reuse_fingerprints(after=mark) if article_id not in ours]
    if not new or not late:
        return
    index = ReuseIndex(text_of=store.text)
    index.index_stored(late)
    log.info("copies: checking %d new articles against %d another process stored meanwhile", len(new), len(late))
    store.add_copies_once([entry for article in new for reuse in index.check(article.id, article.text)
                           if (entry := record(reuse, article, known[reuse.b]))])


class _StoredArticles(dict):
    """Articles by id, read from the store on first use (for copies of earlier runs' articles)."""

    def __init__(self, store) -> None:
        super().__init__()
        self.store = store

    def __missing__(self, article_id: str) -> Article:
        if self.store is None:
            raise KeyError(article_id)
        article = next(iter(self.store.articles([article_id])))
        self[article_id] = article
        return article


def enrich_stories(stories: list[Story], articles: list[Article], reuse: list[dict],
                   fusion: bool = True, progress: Progress | None = None, store=None, jobs: int = 1) -> list[Story]:
    """The story-level steps after clustering: extraction in the story's context, then fusion (unless
    `fusion` is false: the extraction benchmark times extraction alone). The names of each
    SPELLED_TOGETHER stories are spelled in Latin together, after their entities are resolved: the
    romanizer's model decodes a large batch far faster than a story's few names.

    store: where every SAVED_EVERY stories' enrichment is kept as they are fused, and taken from for a
    story whose `naba.resume.story_key` is the one stored (a re-run, or a run after an interrupt).
    jobs: processes that enrich stories side by side when PARALLEL_FROM stories or more are to be made
    (`_enrich_apart`); the stories come out as one process makes them."""
    from naba.extract.resolve import spell_latin
    from naba.extract.story import enrich_story
    from naba.fuse.stage import fuse
    from naba.resume import copies_by_article, copies_of

    by_id = {a.id: a for a in articles}
    # each story is fused with the reuse entries of its members alone: looking through all of a large
    # run's entries for each story took ~5% of fusion (3,000 articles)
    copies = copies_by_article(reuse)
    keys, stored = _enrichment_keys(stories, by_id, copies, store) if fusion and store is not None else ({}, {})
    with _workers(jobs if len(stories) - len(stored) >= PARALLEL_FROM else 1) as pool:
        for first in range(0, len(stories), SPELLED_TOGETHER):
            chunk = stories[first:first + SPELLED_TOGETHER]
            fresh = [story for story in chunk if story.id not in stored]
            if pool is not None:
                for story in chunk:
                    if story.id in stored:
                        _take_enrichment(story, by_id, stored[story.id])
                        _steps(progress, story, fusion)
                _enrich_side_by_side(pool, fresh, by_id, copies, fusion, progress, store if keys else None, keys)
                continue
            for story in chunk:
                if story.id in stored:
                    _take_enrichment(story, by_id, stored[story.id])
                else:
                    _story_step(story, "extraction", lambda s: enrich_story(s, by_id, spell=False))
                if progress is not None:
                    progress.step(story, "stories resolved")
            spell_latin([story.entities for story in fresh])
            if fusion:
                unsaved = []
                for story in chunk:
                    if story.id not in stored:
                        _story_step(story, "fusion", lambda s: fuse(s, by_id, copies_of(s, copies)))
                        unsaved.append(story)
                    if keys and (len(unsaved) == SAVED_EVERY or story is chunk[-1]):
                        _save_enrichments(store, unsaved, keys)
                        unsaved = []
                    if progress is not None:
                        progress.step(story, "stories fused")
    return stories


# Stories to make before `enrich_stories` starts other processes: each spends a second or two loading
# the gazetteer and the pair models, which a few hundred stories repay.
PARALLEL_FROM = 200


@contextmanager
def _workers(jobs: int) -> Iterator[concurrent.futures.ProcessPoolExecutor | None]:
    """A pool of `jobs` processes (None for one). They start from a fresh server process, not from a fork of
    this one, whose ONNX sessions and threads a fork would copy half-alive; so each task carries what it
    needs (a story, its articles and its reuse entries) and nothing is shared."""
    if jobs <= 1:
        yield None
        return
    import multiprocessing

    context = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods()
                                          else "spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_speaking_as,
                                                initargs=(log.getEffectiveLevel(), bool(log.handlers))) as pool:
        yield pool


def _speaking_as(level: int, on_stderr: bool) -> None:
    """A pool process's naba log at the run's level, on stderr as the command's own when it has one (a
    warning about one article or story reads like the run's)."""
    log.setLevel(level)
    if on_stderr:
        from naba.cli import setup_logging

        setup_logging(quiet=level >= logging.ERROR, verbose=level <= logging.DEBUG)


def _enrich_side_by_side(pool: concurrent.futures.ProcessPoolExecutor, fresh: list[Story],
                         by_id: dict[str, Article], copies: dict[str, list], fusion: bool,
                         progress: Progress | None, store, keys: dict[str, str]) -> None:
    """Each story made by `_enrich_apart` in the pool; their names spelled and their enrichment kept
    every SAVED_EVERY stories, in story order, while the pool goes on."""
    from naba.extract.resolve import spell_latin
    from naba.resume import copies_of

    tasks = [(story, [by_id[i] for i in story.articles if i in by_id], copies_of(story, copies), fusion)
             for story in fresh]
    made: list[Story] = []
    for story, (enriched, members) in zip(fresh, _in_pool(pool, _enrich_apart, tasks, "stories")):
        vars(story).update(vars(enriched))
        for member in members:  # what enriching did to its articles (an undated one takes the story's day)
            vars(by_id[member.id]).update(vars(member))
        made.append(story)
        _steps(progress, story, fusion)
        if len(made) == SAVED_EVERY or story is fresh[-1]:
            spell_latin([s.entities for s in made])
            if store is not None and fusion:
                _save_enrichments(store, made, keys)
            made = []


def _in_pool(pool: concurrent.futures.ProcessPoolExecutor, function: Callable, tasks: list, what: str) -> Iterator:
    """`function` of each task, in order: from the pool, or here once the pool has broken (a process
    killed, or one that could not start: a script run without an `if __name__ == "__main__"` guard is
    run again by each new process) — the run goes on in one process and loses nothing."""
    done = 0
    try:
        for result in pool.map(function, tasks, chunksize=4 if len(tasks) >= 100 else 1):
            done += 1
            yield result
    except concurrent.futures.process.BrokenProcessPool as exc:
        log.warning("the processes that work side by side stopped (%s); the other %s %s are done in this one",
                    exc, f"{len(tasks) - done:,}", what)
        yield from map(function, tasks[done:])


def _enrich_apart(task: tuple[Story, list[Article], list[dict], bool]) -> tuple[Story, list[Article]]:
    """One story's extraction and fusion in a pool's process, as `enrich_stories` makes it in its own (names
    left for the caller to spell); returns the story and its articles."""
    from naba.extract.story import enrich_story
    from naba.fuse.stage import fuse

    story, members, copies, fusion = task
    by_id = {a.id: a for a in members}
    _story_step(story, "extraction", lambda s: enrich_story(s, by_id, spell=False))
    if fusion:
        _story_step(story, "fusion", lambda s: fuse(s, by_id, copies))
    return story, members


def _steps(progress: Progress | None, story: Story, fusion: bool) -> None:
    if progress is not None:
        progress.step(story, "stories resolved")
        if fusion:
            progress.step(story, "stories fused")


SAVED_EVERY = 50  # stories fused between two writes of their enrichment: what an interrupt can cost


def _save_enrichments(store, stories: list[Story], keys: dict[str, str]) -> None:
    """Keep the enrichment of stories fused since the last write (their names are spelled: a chunk's
    names are spelled together before any of its stories is fused)."""
    from naba.resume import enrichment

    store.save_enrichments((story.id, keys[story.id], enrichment(story)) for story in stories)


def _enrichment_keys(stories: list[Story], by_id: dict[str, Article], copies: dict[str, list], store,
                     ) -> tuple[dict[str, str], dict[str, dict]]:
    """Each story's `naba.resume.story_key`, and the enrichment the store holds under it (by story id).
    copies: `naba.resume.copies_by_article` of the run's reuse entries."""
    from naba import resume

    keys = {story.id: resume.story_key(story, [by_id[i] for i in story.articles if i in by_id],
                                       resume.copies_of(story, copies)) for story in stories}
    stored = store.enrichments(keys)
    if stored:
        log.info("%s of %s stories' entities, timelines, facts and briefs taken from the store (this naba made "
                 "them from the same articles before)", f"{len(stored):,}", f"{len(stories):,}")
    return keys, stored


def _take_enrichment(story: Story, by_id: dict[str, Article], stored: dict) -> None:
    """A story's stored enrichment, and what making it does to its members (an undated article takes
    the story's day: `naba.extract.story.infer_publication`)."""
    from naba.extract.story import infer_publication
    from naba.resume import take_enrichment

    infer_publication([by_id[i] for i in story.articles if i in by_id])
    take_enrichment(story, stored)


def _story_step(story: Story, name: str, step: Callable[[Story], object]) -> None:
    try:
        step(story)
    except NabaError:
        raise
    except Exception:  # noqa: BLE001 — one story's odd text must not cost the others
        log.warning("story %s: %s failed; its lists stay empty", story.id, name)
        log.debug("story step failure", exc_info=True)

