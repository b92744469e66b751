"""Ingest benchmark: read + metadata + clean + normalise + store, on SaudiNewsNet (31k articles).

Runs each contender in its own process (so peak memory is its own) on one core, in the same run:
  naba      — naba's whole per-article pipeline, the corpus furniture stage and the SQLite store
  baseline  — what a user would otherwise write: json.loads per line, a regex that drops a few
              furniture lines, str.translate folding, and plain INSERTs into SQLite

Usage:
  python benchmarks/ingest.py [--path FILE.jsonl.gz] [--limit N]
Prints articles/s and peak resident memory for both.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"


def run_naba(path: str, limit: int, db: str) -> int:
    from itertools import islice

    from naba import pipeline
    from naba.settings import Settings
    from naba.sources.jsonl import read_jsonl
    from naba.store import open_store

    store = open_store(db)
    result = pipeline.run(islice(read_jsonl(path, Settings()), limit), Settings(), store, find_copies=False,
                          find_stories=False, extraction=False)  # ingest alone, as the README row says
    store.close()
    return len(result.articles)


_FURNITURE = re.compile(r"^\s*(اقرأ أيضا|اقرأ أيضاً|تابعونا|شارك|جميع الحقوق محفوظة).*$", re.MULTILINE)
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه", "ـ": None,
                       **{chr(c): None for c in range(0x064B, 0x0653)}})


def run_baseline(path: str, limit: int, db: str) -> int:
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE articles (id TEXT PRIMARY KEY, outlet TEXT, title TEXT, text TEXT, folded TEXT)")
    rows = []
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for n, line in enumerate(stream):
            if n >= limit:
                break
            try:
                row = json.loads(line)
            except ValueError:
                continue
            text = _FURNITURE.sub("", row.get("content") or "").strip()
            if text:
                rows.append((row.get("id"), row.get("source"), row.get("title"), text, text.translate(_FOLD)))
    with conn:
        conn.executemany("INSERT OR IGNORE INTO articles VALUES (?, ?, ?, ?, ?)", rows)
    conn.close()
    return len(rows)


def child(which: str, path: str, limit: int) -> None:
    """Run one contender and print one JSON line with its figures."""
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        count = (run_naba if which == "naba" else run_baseline)(path, limit, os.path.join(tmp, "bench.db"))
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"which": which, "articles": count, "seconds": seconds, "peak_mb": peak_mb}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=10**9)
    parser.add_argument("--child", choices=["naba", "baseline"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.path, args.limit)
        return
    if not Path(args.path).exists():
        sys.exit(f"benchmark data not found: {args.path} (needs ../shared beside the repository)")
    print(f"ingest benchmark on {args.path} (one core each, same run)")
    print(f"{'contender':<10} {'articles':>9} {'seconds':>8} {'articles/s':>11} {'peak MB':>8}")
    for which in ("naba", "baseline"):
        out = subprocess.run([sys.executable, __file__, "--child", which, "--path", args.path,
                              "--limit", str(args.limit)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{which:<10} {r['articles']:>9,} {r['seconds']:>8.1f} {r['articles'] / r['seconds']:>11,.0f} "
              f"{r['peak_mb']:>8.0f}")


if __name__ == "__main__":
    main()
