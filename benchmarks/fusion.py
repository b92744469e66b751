"""Fusion benchmark: one 50-article story from SaudiNewsNet, fused on one core.

The story: the first `--size` articles whose title holds `--topic` (default «الحوثي», the war in
Yemen, 2015), cleaned as a run cleans them (per-article stages, then lines an outlet repeats in
many articles). The copies stage runs first (untimed, as in a run); then `fuse` is timed. For
comparison, the baseline a user would write with scikit-learn: sentences split on punctuation,
TF-IDF vectors, cosine distance, average-linkage agglomerative clustering (threshold 0.7), with
no spans kept, no copies, no contradictions and no brief. Prints seconds, peak Python memory
(tracemalloc) and what each found.

Usage: python benchmarks/fusion.py [--size 50] [--topic الحوثي] [--repeat 3]
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
    """Best wall time of `repeat` runs and the peak traced memory of one run (MB)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    work()
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return min(times), peak, result


def naba_fusion(articles, reuse):
    from naba.fuse import fuse
    from naba.model import Story

    by_id = {a.id: a for a in articles}
    return lambda: fuse(Story(id="bench", title="", articles=list(by_id)), by_id, reuse)


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
    args = parser.parse_args()

    from naba.pipeline import copies, single_threaded_blas

    articles = story_articles(args.data, args.topic, args.size)
    words = sum(len(a.text.split()) for a in articles)
    print(f"story: {len(articles)} SaudiNewsNet articles with «{args.topic}» in the title, {words} words")
    with single_threaded_blas():
        reuse = copies(articles)
        seconds, peak, story = measure(naba_fusion(articles, reuse), args.repeat)
        corroborated = sum(1 for f in story.facts if len(f["independent_sources"]) > 1)
        copied = sum(1 for f in story.facts if f["copies"])
        print(f"naba fuse:        {seconds:.2f} s, peak {peak:.1f} MB — {len(story.facts)} facts, "
              f"{corroborated} with 2+ independent sources, {copied} with copies, "
              f"{len(story.contradictions)} contradictions, {len(story.summary)} brief sentences "
              f"({len(reuse)} reuse pairs in)")
        seconds, peak, (sentences, clusters) = measure(sklearn_baseline(articles), args.repeat)
        print(f"sklearn baseline: {seconds:.2f} s, peak {peak:.1f} MB — {sentences} sentences in {clusters} "
              "clusters (TF-IDF + cosine average-linkage; no spans, copies, contradictions or brief)")


if __name__ == "__main__":
    main()
