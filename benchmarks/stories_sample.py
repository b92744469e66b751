"""Stories over SaudiNewsNet as `naba run` makes them, for reading: the copies stage, then stories
(near-duplicates share one), then

  - every group of identical bodies published by different outlets, and how many were split
    across stories (the issue's requirement: none);
  - a seeded random sample of multi-outlet stories, each event with its members' titles, outlets
    and days, to be judged by hand (the README lists the verdicts of the default sample).

The standard mode needs each article's entities: the CRF tags them first (~6 min for 31k articles
on one core; `--mode fast` skips that).

Usage: python benchmarks/stories_sample.py [--mode standard|fast] [--sample 20] [--seed 20261122]
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import random
import sys
import time

from saudinewsnet import SAUDINEWSNET  # benchmarks/saudinewsnet.py
from stories import articles  # benchmarks/stories.py


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default=str(SAUDINEWSNET))
    parser.add_argument("--mode", default="standard", choices=["fast", "standard"])
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=20261122)
    args = parser.parse_args()

    from naba.pipeline import copies, single_threaded_blas
    from naba.stories.stage import build_stories, tag_entities

    items = list(articles(args.path, 10**9))
    with single_threaded_blas():
        if args.mode == "standard":
            t0 = time.perf_counter()
            tag_entities(items, args.mode)
            print(f"entities: {len(items):,} articles in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        t0 = time.perf_counter()
        reuse = copies(items)
        print(f"copies: {len(reuse):,} pairs in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
        t0 = time.perf_counter()
        stories = build_stories(items, reuse, mode=args.mode)
        print(f"stories: {len(stories):,} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)

    story_of = {m: s.id for s in stories for m in s.articles}
    by_body = collections.defaultdict(list)
    for a in items:
        by_body[hashlib.sha1(" ".join(a.text.split()).encode("utf-8")).hexdigest()].append(a)
    groups = [g for g in by_body.values() if len({a.outlet for a in g}) > 1]
    split = [g for g in groups if len({story_of[a.id] for a in g}) > 1]
    sizes = sorted((len(s.articles) for s in stories), reverse=True)
    print(f"{args.mode}: {len(items):,} articles, {len(stories):,} stories (largest {sizes[:5]}); "
          f"identical bodies across outlets: {len(groups)} groups, {len(split)} split across stories")

    by_id = {a.id: a for a in items}
    multi = sorted((s for s in stories if len(s.outlets) > 1), key=lambda s: s.id)
    for n, story in enumerate(random.Random(args.seed).sample(multi, min(args.sample, len(multi))), 1):
        print(f"\n## {n}. {story.id}: {len(story.articles)} articles, {len(story.events)} events")
        for event in story.events:
            print(f"  event of {len(event['articles'])}:")
            for member in event["articles"][:8]:
                a = by_id[member]
                print(f"    [{a.outlet} {str(a.published)[:10]}] {(a.title or a.text[:60]).strip()[:90]}")
            if len(event["articles"]) > 8:
                print(f"    … {len(event['articles']) - 8} more")


if __name__ == "__main__":
    main()
