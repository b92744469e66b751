"""Batch against stream: does the order articles arrive in change the stories?

`naba run` places a batch's articles in publication order; `naba watch` places them as feeds
deliver them, and a feed may deliver an article hours after one published later. This feeds
SaudiNewsNet to the clusterer in publication order (the batch), then in "arrival" orders — each
article delayed by a random 0..D hours — and prints, for each D, the B-cubed precision, recall
and F1 of the arrival stories against the batch stories (1.0 = the same partition).

SaudiNewsNet stamps its articles with a day, not a time, so within a day publication order is by
id and any delay shuffles the day; 24 h or more moves articles across days. `late` is the share
of articles that arrive after one published later than them.

Usage: python benchmarks/stories_order.py [--limit N] [--mode fast] [--delays 1,6,24,48]
"""

from __future__ import annotations

import argparse
import random
from datetime import timedelta

from saudinewsnet import SAUDINEWSNET  # benchmarks/saudinewsnet.py
from stories import articles  # benchmarks/stories.py
from stories_day import bcubed  # benchmarks/stories_day.py


def stream(items, vectors, mode):
    from naba.stories.stage import clusterer_for, published_at

    clusterer = clusterer_for(mode)
    for article in items:
        clusterer.add(article.id, vectors[article.id], published_at(article))
    return {a.id: clusterer.story_of(a.id) for a in items}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default=str(SAUDINEWSNET))
    parser.add_argument("--limit", type=int, default=10**9)
    parser.add_argument("--mode", default="fast")
    parser.add_argument("--delays", default="1,6,24,48")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    from naba.pipeline import single_threaded_blas
    from naba.stories.stage import published_at, vectorizer

    with single_threaded_blas():
        items = sorted(articles(args.path, args.limit), key=lambda a: (published_at(a), a.id))
        vectors = dict(zip((a.id for a in items), vectorizer(args.mode)(items)))
        batch = stream(items, vectors, args.mode)
        print(f"{len(items):,} articles, {len(set(batch.values())):,} stories in publication order ({args.mode})")
        print(f"{'delay ≤':>8} {'late':>7} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'stories':>8}")
        rng = random.Random(args.seed)
        for hours in map(float, args.delays.split(",")):
            arrival = sorted(items, key=lambda a: (published_at(a) + timedelta(hours=rng.uniform(0, hours)), a.id))
            latest, late = None, 0  # articles that arrive after one published later than them
            for a in arrival:
                late += latest is not None and (published_at(a), a.id) < latest
                latest = max(latest, (published_at(a), a.id)) if latest else (published_at(a), a.id)
            found = stream(arrival, vectors, args.mode)
            p, r, f = bcubed(found, batch)
            print(f"{hours:>7.0f}h {late / len(items):>7.0%} {p:>6.3f} {r:>6.3f} {f:>6.3f} {len(set(found.values())):>8,}")


if __name__ == "__main__":
    main()
