"""Quotes benchmark: naba's quote stage against the regex a user would otherwise write, on SaudiNewsNet.

Each contender runs in its own process (so peak memory is its own), pinned to one core, on the same
articles (the `content` field of the first N records, read before timing starts):
  naba   — `naba.extract.quotes.find_quotes`: quote-mark pairing, speech verbs, speakers, via, attributions
  regex  — re.findall(r"«([^«»]+)»"): the floor — guillemet quotes only, no speaker, no indirect speech

Usage:
  python benchmarks/quotes.py [--path FILE.jsonl.gz] [--limit N]
Prints articles/s, quotes found and peak resident memory for both.

  python benchmarks/quotes.py --sample 40 --seed 2027
Prints 40 random quotes from 2,000 random articles (random.seed(7)) with the text before them, for the
hand check reported in README "Quotes" (samples read with seeds 2027-2033).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

from saudinewsnet import SAUDINEWSNET, records  # benchmarks/saudinewsnet.py

DEFAULT = SAUDINEWSNET
_GUILLEMETS = re.compile(r"«([^«»]+)»")


def load(path: str, limit: int) -> list[str]:
    return [row.get("content") or "" for row in records(path, limit)]


def run_naba(texts: list[str]) -> int:
    from naba.extract.quotes import find_quotes
    from naba.model import Article

    find_quotes(Article(body="", source_kind="text", text="قال الوزير إن العمل مستمر."))  # load the rules
    return sum(len(find_quotes(Article(body="", source_kind="text", text=t)).quotes) for t in texts)


def run_regex(texts: list[str]) -> int:
    return sum(len(_GUILLEMETS.findall(t)) for t in texts)


def child(which: str, path: str, limit: int) -> None:
    """Run one contender and print one JSON line with its figures."""
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    texts = load(path, limit)
    start = time.perf_counter()
    found = (run_naba if which == "naba" else run_regex)(texts)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"which": which, "articles": len(texts), "quotes": found, "seconds": seconds,
                      "peak_mb": peak_mb}))


def print_sample(path: str, count: int, seed: int) -> None:
    """Print `count` random quotes of 2,000 random articles, each with 200 characters before it."""
    import random

    from naba.extract.quotes import quotes_in

    corpus = list(records(path))
    random.seed(7)
    found = [(r["id"], r.get("content") or "", q) for r in random.sample(corpus, 2000)
             for q in quotes_in(r.get("content") or "")]
    print(f"{len(found)} quotes in 2000 articles")
    random.seed(seed)
    for n, (record_id, text, quote) in enumerate(random.sample(found, count), 1):
        start, end = quote["span"]
        left = max(0, min(start, (quote["speaker_span"] or [start])[0]) - 200)
        print(f"#{n} {record_id} {quote['kind']} verb={quote['verb']} speaker=[{quote['speaker']}] via={quote['via']}")
        print("   ", text[left:start].replace("\n", " / "), "【", text[start:end].replace("\n", " / "), "】",
              text[end:end + 60].replace("\n", " / "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--sample", type=int, help="print this many random quotes for a hand check")
    parser.add_argument("--seed", type=int, default=2027, help="which random quotes --sample prints")
    parser.add_argument("--child", choices=["naba", "regex"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.path, args.limit)
        return
    if not Path(args.path).exists():
        sys.exit(f"SaudiNewsNet not found at {args.path}; pass --path")
    if args.sample:
        print_sample(args.path, args.sample, args.seed)
        return
    for which in ("regex", "naba"):
        out = subprocess.run([sys.executable, __file__, "--child", which, "--path", args.path,
                              "--limit", str(args.limit)], capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rate = row["articles"] / row["seconds"]
        print(f"{which:6s} {row['articles']:6d} articles  {rate:9.1f} articles/s  {row['quotes']:6d} quotes  "
              f"peak {row['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
