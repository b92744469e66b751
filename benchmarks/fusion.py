"""Fusion benchmark: one 50-article story from SaudiNewsNet, fused on one core.

The story: the first `--size` articles whose title holds `--topic` (default «الحوثي», the war in
Yemen, 2015), cleaned as a run cleans them (per-article stages, then lines an outlet repeats in
many articles). The copies stage runs first (untimed, as in a run); then `fuse` is timed. For
comparison, the baseline a user would write with scikit-learn: sentences split on punctuation,
TF-IDF vectors, cosine distance, average-linkage agglomerative clustering (threshold 0.7), with
no spans kept, no copies, no contradictions and no brief. Prints seconds, peak Python memory
(tracemalloc) and what each found.

A story on one subject is not the costliest kind: one event that many outlets tell at length gives
many more clause pairs to compare. `--run OUT/stories.json` fuses instead the story with the most
articles of a finished `naba run` (or `--story ID`), its articles as the run extracted them and its
copies as the run found them — for SaudiNewsNet records 12,000-14,999, a 53-article visit and
graduation ceremony. The first fusion (nothing remembered yet, as in a run) and the best are printed.

Usage: python benchmarks/fusion.py [--size 50] [--topic الحوثي] [--repeat 3]
       python benchmarks/fusion.py --run OUT/stories.json [--story ID]
"""

from __future__ import annotations

import argparse
import re
import time
import tracemalloc
from pathlib import Path

from saudinewsnet import SAUDINEWSNET, records  # benchmarks/saudinewsnet.py

DEFAULT = SAUDINEWSNET


def story_articles(path: Path, topic: str, size: int):
    from naba.clean import RecurringLines
    from naba.model import Article
    from naba.pipeline import process
    from naba.published import to_iso
    from naba.settings import Settings

    found = []
    for row in records(path):
        if topic in (row.get("title") or "") and (row.get("content") or "").strip():
            article = Article(body=row["content"], title=row.get("title"), source_kind="jsonl",
                              outlet=row.get("source"), published=to_iso(row.get("date_extracted")))
            article.id = row["id"]
            found.append(process(article))
            if len(found) == size:
                break
    recurring = RecurringLines(min_articles=Settings().recurring_min_articles)
    for article in found:
        recurring.add(article)
    return [recurring.apply(a) for a in found]


def measure(work, repeat: int):
    """Wall times of `repeat` runs (the first, then the best) and the peak traced memory of one run (MB)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return times[0], min(times), peak, result


def run_story(path: Path, story_id: str | None):
    """A story of a finished run (the one with the most articles, or `story_id`): its articles as the run
    extracted them, its copies, and its id and title."""
    import json

    from naba.model import Article

    doc = json.loads(path.read_text(encoding="utf-8"))
    stories = doc.get("stories") or []
    chosen = next((s for s in stories if s["id"] == story_id), None) if story_id else \
        max(stories, key=lambda s: len(s["articles"]), default=None)
    if chosen is None:
        raise SystemExit(f"{path}: no story {story_id or ''} there")
    members = set(chosen["articles"])
    articles = [Article.from_dict(a) for a in doc["articles"] if a["id"] in members]
    reuse = [e for e in doc.get("reuse") or [] if e["a"] in members or e["b"] in members]
    return articles, reuse, chosen


def _load_once() -> None:
    """What a run has loaded before its first story is fused (the gazetteer, the rules, the pair model),
    so that the first fusion timed is a story's own cost."""
    from naba.extract.gazetteer import gazetteer
    from naba.fuse.relate import pair_model
    from naba.fuse.rules import fusion_rules

    gazetteer()
    fusion_rules()
    pair_model()


def naba_fusion(articles, reuse, entities=None):
    from naba.fuse import fuse
    from naba.model import Story

    by_id = {a.id: a for a in articles}

    def work():
        story = Story(id="bench", title="", articles=list(by_id))
        story.entities = entities or []
        return fuse(story, by_id, reuse)
    return work


def sklearn_baseline(articles):
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    def work():
        sentences = [s for a in articles for s in re.split(r"[.!؟?؛\n]+", a.text) if len(s.split()) >= 5]
        vectors = TfidfVectorizer().fit_transform(sentences).toarray()
        labels = AgglomerativeClustering(n_clusters=None, distance_threshold=0.7, metric="cosine",
                                         linkage="average").fit_predict(vectors)
        return len(sentences), len(set(labels))
    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--size", type=int, default=50)
    parser.add_argument("--topic", default="الحوثي")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--run", type=Path, help="a stories.json of `naba run`: fuse its largest story")
    parser.add_argument("--story", help="with --run: this story's id instead of the largest")
    args = parser.parse_args()

    from naba.pipeline import copies, single_threaded_blas

    if args.run:
        articles, reuse, chosen = run_story(args.run, args.story)
        entities = chosen.get("entities")
        words = sum(len(a.text.split()) for a in articles)
        print(f"story {chosen['id']} of {args.run}: «{chosen['title']}», {len(articles)} articles, {words} words")
    else:
        articles, entities = story_articles(args.data, args.topic, args.size), None
        words = sum(len(a.text.split()) for a in articles)
        print(f"story: {len(articles)} SaudiNewsNet articles with «{args.topic}» in the title, {words} words")
    _load_once()
    with single_threaded_blas():
        if not args.run:
            reuse = copies(articles)
        first, best, peak, story = measure(naba_fusion(articles, reuse, entities), args.repeat)
        corroborated = sum(1 for f in story.facts if len(f["independent_sources"]) > 1)
        copied = sum(1 for f in story.facts if f["copies"])
        print(f"naba fuse:        {first:.2f} s first, {best:.2f} s best, peak {peak:.1f} MB — {len(story.facts)} facts, "
              f"{corroborated} with 2+ independent sources, {copied} with copies, "
              f"{len(story.contradictions)} contradictions, {len(story.summary)} brief sentences "
              f"({len(reuse)} reuse pairs in)")
        first, best, peak, (sentences, clusters) = measure(sklearn_baseline(articles), args.repeat)
        print(f"sklearn baseline: {first:.2f} s first, {best:.2f} s best, peak {peak:.1f} MB — {sentences} sentences in "
              f"{clusters} clusters (TF-IDF + cosine average-linkage; no spans, copies, contradictions or brief)")


if __name__ == "__main__":
    main()
