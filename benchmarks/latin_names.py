"""How much of the news the list of Latin names (`naba.extract.known_names`, data/latin_names.json) names.

Runs the extraction stage as `naba run` does (the CRF, stories in the fast mode) on SaudiNewsNet's first N
records and counts, per entity type, the story entities and their mentions that take their Latin name
from the list, then prints the most mentioned entities that the list does not name and the romanizer
spells (what to add next, or where the romanizer does well: Arabic names).

Usage: python benchmarks/latin_names.py [--limit 1000] [--top 30]
"""

from __future__ import annotations

import argparse
import os
from collections import Counter

from saudinewsnet import articles  # benchmarks/saudinewsnet.py


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=1000)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()
    os.environ["NABA_NER_MODEL"] = "crf"
    from naba.extract.known_names import known_latin
    from naba.pipeline import enrich_stories, extract, extract_stages
    from naba.stories.stage import build_stories

    stages = extract_stages()
    items = [extract(a, stages) for a in articles(limit=args.limit)]
    stories = build_stories(items, mode="fast")
    enrich_stories(stories, items, [], fusion=False)
    entities, mentions, missed = Counter(), Counter(), Counter()
    for story in stories:
        for entity in story.entities:
            kind = entity["type"]
            if kind not in ("PER", "ORG", "MISC"):
                continue
            listed = any(known_latin(n, kind) for n in (entity["name"], *entity["variants"]))
            entities[kind, listed] += 1
            mentions[kind, listed] += len(entity["mentions"])
            if not listed:
                missed[kind, entity["name"], entity["latin"]] += len(entity["mentions"])
    print(f"SaudiNewsNet, first {args.limit} records: {len(items)} articles, {len(stories)} stories")
    print(f"{'type':<6} {'entities named by the list':>28} {'mentions named by the list':>28}")
    for kind in ("PER", "ORG", "MISC"):
        e_all, m_all = entities[kind, True] + entities[kind, False], mentions[kind, True] + mentions[kind, False]
        print(f"{kind:<6} {entities[kind, True]:>9,} of {e_all:>6,} ({entities[kind, True] / max(e_all, 1):>4.0%}) "
              f"{mentions[kind, True]:>9,} of {m_all:>6,} ({mentions[kind, True] / max(m_all, 1):>4.0%})")
    print("\nmost mentioned names the list does not have (type, name, romanizer's spelling):")
    for (kind, name, latin), count in missed.most_common(args.top):
        print(f"{count:>5}  {kind:<4} {name}  {latin}")


if __name__ == "__main__":
    main()
