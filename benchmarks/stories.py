"""Stories benchmark: SaudiNewsNet fed through the online clusterer one article at a time.

Prints articles/s, p50/p95 assignment latency (vector + assignment of one article, with everything
before it already assigned) and peak memory, for each mode:
  fast     — lexical vectors only (content-word character n-gram sketches)
  standard — lexical + person and place names; the names come from the extraction stage, which
             runs before stories in `naba run`: here the CRF tags every article first, outside
             the timed stream (its own rate is printed to stderr)
  embed    — lexical + sentence embeddings (naba.embed; needs the 'embed' extra)
  baseline — what a user would assemble from libraries: scikit-learn's HashingVectorizer (character
             3–5-grams of title + first 1,500 characters, 2,048 signed columns, l2) and a faiss
             IndexFlatIP of story centroids (a centroid that moves is removed and re-added), joining
             the best story at cosine >= 0.58 (its best on the SemEval dev pairs) within the same
             3-day window; no events, no merges
             (needs the 'bench' extra for faiss-cpu)

A batch's vectors are computed in one call (latency: its share of that call plus the assignment).

Usage: python benchmarks/stories.py [--limit N] [--modes fast,standard,embed,baseline] [--cores 1] [--batch 1]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from saudinewsnet import SAUDINEWSNET, articles  # benchmarks/saudinewsnet.py

import numpy as np

DEFAULT = SAUDINEWSNET


class Baseline:
    """scikit-learn hashing + a faiss flat inner-product index of story centroids (see the docstring)."""

    # 0.58: its best pairwise threshold on the SemEval dev pairs (F1 0.744, Pearson 0.647; naba fast
    # at 0.5: F1 0.85 pairwise, Pearson 0.755 raw)
    def __init__(self, threshold: float = 0.58, window_days: float = 3.0):
        import faiss
        from sklearn.feature_extraction.text import HashingVectorizer

        self.hasher = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=2048, norm="l2")
        self.index = faiss.IndexIDMap2(faiss.IndexFlatIP(2048))
        self.threshold, self.window = threshold, window_days * 86400
        self.totals: list[np.ndarray] = []
        self.last: list[float] = []
        self.stories_: dict[int, list[str]] = {}

    def add(self, member: str, text: str, when) -> None:
        vector = self.hasher.transform([text]).toarray().astype(np.float32)
        scores, found = self.index.search(vector, 4)
        when = when.timestamp()
        best = next((int(i) for s, i in zip(scores[0], found[0])
                     if i >= 0 and s >= self.threshold and when - self.last[i] <= self.window), None)
        if best is None:
            best = len(self.totals)
            self.totals.append(vector[0].copy())
            self.last.append(when)
            self.stories_[best] = []
        else:
            self.totals[best] += vector[0]
            self.last[best] = max(self.last[best], when)
            self.index.remove_ids(np.array([best], dtype=np.int64))
        self.stories_[best].append(member)
        centroid = self.totals[best] / max(float(np.linalg.norm(self.totals[best])), 1e-9)
        self.index.add_with_ids(centroid[None, :], np.array([best], dtype=np.int64))


def child(mode: str, path: str, limit: int, cores: int = 1, batch: int = 1) -> None:
    from naba.stories.stage import MODES, clusterer_for, published_at, tag_entities, vectorizer

    from naba.pipeline import single_threaded_blas

    os.sched_setaffinity(0, set(sorted(os.sched_getaffinity(0))[:cores]))
    if cores == 1:
        single_threaded_blas().__enter__()
    items = sorted(articles(path, limit), key=lambda a: (published_at(a), a.id))
    if mode == "baseline":
        baseline, latencies = Baseline(), []
        start = time.perf_counter()
        for article in items:
            t0 = time.perf_counter()
            baseline.add(article.id, f"{article.title or ''}\n{article.text[:1500]}", published_at(article))
            latencies.append(time.perf_counter() - t0)
        report(mode, items, time.perf_counter() - start, latencies, len(baseline.stories_))
        return
    if MODES[mode].entities:
        t0 = time.perf_counter()
        tag_entities(items, mode)
        print(f"{mode}: entities (extraction stage, CRF) {len(items) / (time.perf_counter() - t0):,.0f} "
              "articles/s, not counted below", file=sys.stderr)
    vectorize = vectorizer(mode)
    clusterer = clusterer_for(mode)
    latencies = []
    start = time.perf_counter()
    for first in range(0, len(items), batch):  # articles that arrive together (a poll) share one vectors call
        t0 = time.perf_counter()
        group = items[first:first + batch]
        vectors = vectorize(group)
        share = (time.perf_counter() - t0) / len(group)
        for article, vector in zip(group, vectors):
            t1 = time.perf_counter()
            clusterer.add(article.id, vector, published_at(article))
            latencies.append(share + time.perf_counter() - t1)
    report(mode, items, time.perf_counter() - start, latencies, len(clusterer.stories_))


def report(mode: str, items: list, seconds: float, latencies: list[float], stories: int) -> None:
    print(json.dumps({"mode": mode, "articles": len(items), "seconds": seconds,
                      "p50_ms": 1000 * float(np.percentile(latencies, 50)),
                      "p95_ms": 1000 * float(np.percentile(latencies, 95)),
                      "p95_last_1000_ms": 1000 * float(np.percentile(latencies[-1000:], 95)),
                      "stories": stories,
                      "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=10**9)
    parser.add_argument("--modes", default="fast,standard,embed,baseline")
    parser.add_argument("--cores", type=int, default=1, help="cores the stream may use (default 1)")
    parser.add_argument("--batch", type=int, default=1,
                        help="articles vectorised together, as one poll or run brings them (default 1)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.path, args.limit, args.cores, args.batch)
        return
    if not Path(args.path).exists():
        sys.exit(f"benchmark data not found: {args.path} (needs ../shared beside the repository)")
    print(f"stories benchmark on {args.path} ({args.cores} core(s), vectors in batches of {args.batch}, "
          "stream order = publication order)")
    print(f"{'mode':<8} {'articles':>9} {'art/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p95 ms (last 1k)':>17} "
          f"{'stories':>8} {'peak MB':>8}")
    for mode in args.modes.split(","):
        out = subprocess.run([sys.executable, __file__, "--child", mode, "--path", args.path,
                              "--limit", str(args.limit), "--cores", str(args.cores), "--batch", str(args.batch)],
                             capture_output=True, text=True)
        if out.returncode:
            print(f"{mode:<8} failed: {out.stderr.strip().splitlines()[-1] if out.stderr else out.returncode}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        if out.stderr.strip():
            print(out.stderr.strip().splitlines()[-1], file=sys.stderr)
        print(f"{mode:<8} {r['articles']:>9,} {r['articles'] / r['seconds']:>8,.0f} {r['p50_ms']:>8.1f} "
              f"{r['p95_ms']:>8.1f} {r['p95_last_1000_ms']:>17.1f} {r['stories']:>8,} {r['peak_mb']:>8.0f}")


if __name__ == "__main__":
    main()
