"""Quotes benchmark: naba's quote stage against the regex a user would otherwise write, on SaudiNewsNet.

Each contender runs in its own process (so peak memory is its own), pinned to one core, on the same
articles (the `content` field of the first N records, read before timing starts):
  naba   — `naba.extract.quotes.find_quotes`: quote-mark pairing, speech verbs, speakers, via, attributions
  regex  — re.findall(r"«([^«»]+)»"): the floor — guillemet quotes only, no speaker, no indirect speech

Usage:
  python benchmarks/quotes.py [--path FILE.jsonl.gz] [--limit N]
Prints articles/s, quotes found and peak resident memory for both.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
_GUILLEMETS = re.compile(r"«([^«»]+)»")


def load(path: str, limit: int) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return [json.loads(line).get("content") or "" for line in islice(stream, limit)]


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=2000)
    parser.add_argument("--child", choices=["naba", "regex"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.path, args.limit)
        return
    if not Path(args.path).exists():
        sys.exit(f"SaudiNewsNet not found at {args.path}; pass --path")
    for which in ("regex", "naba"):
        out = subprocess.run([sys.executable, __file__, "--child", which, "--path", args.path,
                              "--limit", str(args.limit)], capture_output=True, text=True, check=True)
        row = json.loads(out.stdout.strip().splitlines()[-1])
        rate = row["articles"] / row["seconds"]
        print(f"{which:6s} {row['articles']:6d} articles  {rate:9.1f} articles/s  {row['quotes']:6d} quotes  "
              f"peak {row['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
