"""Contradictions as `naba run` reports them on real news, for reading: runs naba on a slice of
SaudiNewsNet records (as a user would: `naba run SLICE.jsonl --out DIR`), then prints

  - how many contradictions of each kind, in how many stories, and how many pair two articles of
    one outlet (none should: one outlet is one source);
  - a seeded random sample, each with both claims, their outlets and the story, to be judged by
    hand (the README lists the verdicts);
  - a seeded sample of facts that have two independent sources or more, to check the alignment;
  - with --briefs N, the briefs of N stories told by 3 articles or more from 2 outlets or more (the
    story ids sorted, `random.Random(--briefs-seed).sample`), with their members' headlines, to read
    as an editor would (session 21 read 25 at --first 27000 --briefs-seed 27, and 25 at --first 6000
    --briefs-seed 6 against the briefs of the code before).

Usage: python benchmarks/contradictions_sample.py [--first 12000] [--count 3000] [--sample 40]
       [--facts 20] [--seed 5] [--briefs 0] [--briefs-seed 27] [--out DIR] (DIR keeps the run; a
       temporary folder otherwise)
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
import random
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from saudinewsnet import SAUDINEWSNET  # benchmarks/saudinewsnet.py


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default=str(SAUDINEWSNET))
    parser.add_argument("--first", type=int, default=12000)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--sample", type=int, default=40)
    parser.add_argument("--facts", type=int, default=20)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--briefs", type=int, default=0)
    parser.add_argument("--briefs-seed", type=int, default=27)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()

    folder = Path(args.out or tempfile.mkdtemp(prefix="naba-contradictions-"))
    folder.mkdir(parents=True, exist_ok=True)
    stories_json = folder / "out" / "stories.json"
    if not stories_json.is_file():
        slice_path = folder / "slice.jsonl"
        with gzip.open(args.path, "rt", encoding="utf-8") as src, slice_path.open("w", encoding="utf-8") as dst:
            dst.writelines(islice(src, args.first, args.first + args.count))
        started = time.perf_counter()
        subprocess.run(["naba", "run", str(slice_path), "--out", str(folder / "out"), "--db", str(folder / "naba.db"),
                        "-q"], check=True)
        print(f"naba run: {args.count:,} records in {time.perf_counter() - started:.0f} s -> {folder}", file=sys.stderr)

    data = json.loads(stories_json.read_text(encoding="utf-8"))
    articles = {a["id"]: a for a in data["articles"]}
    found = [(s, c) for s in data["stories"] for c in s.get("contradictions") or []]
    outlet = lambda claim: articles[claim["article"]].get("outlet")  # noqa: E731
    same = sum(1 for _, c in found if outlet(c["claims"][0]) and outlet(c["claims"][0]) == outlet(c["claims"][1]))
    kinds = collections.Counter(c["kind"] for _, c in found)
    print(f"SaudiNewsNet records {args.first:,}-{args.first + args.count - 1:,}: {len(data['stories']):,} stories, "
          f"{len(found)} contradictions in {len({s['id'] for s, _ in found})} stories "
          f"({', '.join(f'{k} {n}' for k, n in kinds.most_common())}); one outlet on both sides: {same}")

    rng = random.Random(args.seed)
    for n, (story, c) in enumerate(rng.sample(found, min(args.sample, len(found))), 1):
        print(f"\n#{n} {c['kind']} — {c['about']} — story {story['id']} «{story['title'][:60]}»")
        for claim in c["claims"]:
            print(f"   [{outlet(claim)}] {' '.join(claim['text'].split())[:300]}")

    facts = [(s, f) for s in data["stories"] for f in s.get("facts") or [] if len(f["independent_sources"]) >= 2]
    print(f"\n{len(facts)} facts with two independent sources or more")
    for n, (story, fact) in enumerate(rng.sample(facts, min(args.facts, len(facts))), 1):
        print(f"\nF{n} story {story['id']}: {len(fact['citations'])} citations")
        for cite in fact["citations"][:4]:
            text = articles[cite["article"]]["text"][slice(*cite["span"])]
            print(f"   [{articles[cite['article']].get('outlet')}] {' '.join(text.split())[:200]}")

    told = sorted(s["id"] for s in data["stories"]
                  if len(s["articles"]) >= 3 and len({articles[a].get("outlet") for a in s["articles"]}) >= 2)
    by_id = {s["id"]: s for s in data["stories"]}
    for n, ident in enumerate(random.Random(args.briefs_seed).sample(told, min(args.briefs, len(told))), 1):
        story = by_id[ident]
        print(f"\nB{n} story {ident}: {len(story['articles'])} articles, {len(story['events'])} events")
        for a in story["articles"]:
            print(f"   - [{articles[a].get('outlet')}] {articles[a].get('published')} {articles[a].get('title')}")
        for k, sentence in enumerate(story.get("summary") or []):
            print(f"   {k}. {' '.join(sentence['text'].split())}")


if __name__ == "__main__":
    main()
