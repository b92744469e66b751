"""Reuse-index benchmark: signatures + candidate index, naba against datasketch MinHash LSH.

Stage measured (no alignment, no scoring): for each SaudiNewsNet article in stream order, turn its
text into signatures, ask the index for candidates among the articles before it, then add it.
  naba                tokenize_many -> fingerprints_many -> FingerprintIndex.check_and_add, in batches
                      of naba.reuse.stage.BATCH articles as `naba run` feeds them (each article still
                      meets only the articles before it: the same candidates as one at a time), with
                      ReuseIndex's default min_ngrams / min_stems
  datasketch-raw      MinHash(num_perm=128) of the raw text's word 3-grams (str.split, no folding)
                      -> MinHashLSH.query -> MinHashLSH.insert (one at a time: MinHashLSH has no
                      batched query, and MinHash.bulk is the shared-permutations set-up used here)
  datasketch-folded   the same, over naba's folded word 3-grams (naba.reuse.tokenize), so both sides
                      see the same shingles and datasketch also pays for naba's tokenizer
Each contender runs in its own process pinned to one core, so throughput and peak memory are its own.
Loading and decoding the corpus happen before the clock starts. Throughput is given per wall second
and per CPU second of that core; the goals use CPU seconds, which other load on a shared machine
does not inflate. naba's line also splits its CPU time between tokenize, fingerprints, and candidates + add.

Index memory per article: naba, FingerprintIndex.nbytes (the posting arrays) / articles;
datasketch, len(pickle.dumps(lsh)) / articles. Both also get the RSS growth over the loop / articles.

Recall uses the corpus' silver duplicates: groups of articles (different ids) whose `content` is
identical up to whitespace and at least 30 words long (the README's 706 groups, 175 across outlets;
byte for byte, only 527 and 27, as outlets pad the same wire copy with different spaces and lines).
In stream order, a group is recalled
  any-earlier: when every later member gets at least one earlier member of its group as a candidate;
  all-earlier: when every later member gets every earlier member of its group as a candidate.
The same definitions apply to every contender; "cross" restricts to groups spanning two or more outlets.

Usage:
  python benchmarks/reuse_index.py [--path FILE.jsonl.gz] [--limit N] [--threshold 0.5] [--only NAME]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import pickle
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from saudinewsnet import SAUDINEWSNET, records  # benchmarks/saudinewsnet.py

DEFAULT = SAUDINEWSNET
CONTENDERS = ("naba", "datasketch-raw", "datasketch-folded")
NUM_PERM = 128
MIN_WORDS = 30  # the README's silver duplicate groups are bodies of at least 30 words
# Goals from the reuse-index issue.
GOAL_SPEEDUP, GOAL_RATE, GOAL_BYTES = 3.0, 5_000, 1_024


def load(path: str, limit: int) -> list[tuple[str, str, str]]:
    """(id, source, content) of the first `limit` records with a non-empty content."""
    return [(row["id"], row.get("source") or "", row["content"])
            for row in records(path, limit) if (row.get("content") or "").strip()]


def duplicate_groups(articles: list[tuple[str, str, str]]) -> list[tuple[list[int], bool]]:
    """Groups of positions with the same content up to whitespace, and whether they cross outlets."""
    by_body: defaultdict[str, list[int]] = defaultdict(list)
    for pos, (_, _, text) in enumerate(articles):
        words = text.split()
        if len(words) >= MIN_WORDS:
            by_body[" ".join(words)].append(pos)
    groups = [g for g in by_body.values() if len({articles[p][0] for p in g}) >= 2]
    return [(g, len({articles[p][1] for p in g}) >= 2) for g in groups]


def recall(groups: list[tuple[list[int], bool]], found: dict[int, set[int]]) -> dict[str, float]:
    """Share of groups recalled, by the any-earlier and all-earlier definitions (module docstring)."""
    out = {}
    for scope, chosen in (("all", groups), ("cross", [g for g in groups if g[1]])):
        anys = alls = 0
        for members, _ in chosen:
            later = [(p, set(members[:k])) for k, p in enumerate(members) if k]
            anys += all(found.get(p, set()) & earlier for p, earlier in later)
            alls += all(earlier <= found.get(p, set()) for p, earlier in later)
        out[f"{scope}_groups"] = len(chosen)
        out[f"{scope}_any"] = anys / len(chosen) if chosen else None  # None: no group to recall
        out[f"{scope}_all"] = alls / len(chosen) if chosen else None
    return out


def run_naba(articles, watch: set[int]) -> tuple[dict[int, set[int]], int, dict]:
    from naba.reuse.detect import ReuseIndex
    from naba.reuse.fingerprints import fingerprints_many
    from naba.reuse.index import FingerprintIndex
    from naba.reuse.stage import BATCH
    from naba.reuse.tokens import tokenize_many

    defaults = ReuseIndex()
    min_ngrams, min_stems = defaults.min_ngrams, defaults.min_stems
    index = FingerprintIndex()
    found, total = {}, 0
    clock, spent = time.process_time, [0.0] * 3  # CPU seconds in each step, for the breakdown line
    for start in range(0, len(articles), BATCH):
        t0 = clock()
        tokens = tokenize_many([text for _, _, text in articles[start:start + BATCH]])
        t1 = clock()
        prints = fingerprints_many(tokens)
        t2 = clock()
        candidates = index.check_and_add(prints, min_ngrams, min_stems)
        t3 = clock()
        for step, took in enumerate((t1 - t0, t2 - t1, t3 - t2)):
            spent[step] += took
        for pos, these in enumerate(candidates, start):
            total += len(these)
            if pos in watch:
                found[pos] = {number for number, _, _ in these}
    steps = dict(zip(("tokenize", "fingerprints", "candidates + add"), spent))
    return found, total, {"index_bytes": index.nbytes, "index_method": "FingerprintIndex.nbytes", "steps": steps}


def run_datasketch(articles, watch: set[int], threshold: float, folded: bool):
    from datasketch import MinHash, MinHashLSH

    if folded:
        from naba.reuse.tokens import tokenize

        def words_of(text: str) -> list[str]:
            return tokenize(text).words
    else:
        def words_of(text: str) -> list[str]:
            return text.split()

    # Permutations drawn once and shared: datasketch's documented way to make many MinHashes fast.
    template = MinHash(num_perm=NUM_PERM)
    permutations, scheme = template.permutations, template.scheme
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    found, total = {}, 0
    for pos, (_, _, text) in enumerate(articles):
        words = words_of(text)
        shingles = {" ".join(words[i:i + 3]) for i in range(len(words) - 2)}
        if not shingles:
            continue  # nothing to sign (texts under three words); never in a duplicate group
        minhash = MinHash(num_perm=NUM_PERM, permutations=permutations, scheme=scheme)
        minhash.update_batch([s.encode("utf-8") for s in shingles])
        candidates = lsh.query(minhash)
        lsh.insert(pos, minhash)
        total += len(candidates)
        if pos in watch:
            found[pos] = set(candidates)
    return found, total, {"index_bytes": len(pickle.dumps(lsh, protocol=pickle.HIGHEST_PROTOCOL)),
                          "index_method": "pickle.dumps(lsh)"}


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def child(which: str, path: str, limit: int, threshold: float) -> None:
    """Run one contender and print one JSON line with its figures."""
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    articles = load(path, limit)
    groups = duplicate_groups(articles)
    watch = {p for members, _ in groups for p in members}
    if which == "naba":
        from naba.reuse.tokens import tokenize
        tokenize("تحميل الجداول مرة واحدة")  # load folding tables and stop words before the clock
        work = lambda: run_naba(articles, watch)  # noqa: E731
    else:
        import datasketch  # noqa: F401  (import time is not the stage's)
        work = lambda: run_datasketch(articles, watch, threshold, which.endswith("folded"))  # noqa: E731
    gc.collect()
    before = rss_bytes()
    start, cpu_start = time.perf_counter(), time.process_time()
    found, total, extra = work()
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    gc.collect()
    growth = rss_bytes() - before
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"which": which, "articles": len(articles), "seconds": seconds, "cpu": cpu, "peak_mb": peak_mb,
                      "loaded_mb": before / 2**20, "rss_growth": growth, "candidates": total,
                      **extra, **recall(groups, found)}))


def spawn(which: str, args: argparse.Namespace) -> dict:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    out = subprocess.run([sys.executable, __file__, "--child", which, "--path", args.path, "--limit",
                          str(args.limit), "--threshold", str(args.threshold)],
                         capture_output=True, text=True, env=env)
    if out.returncode:
        sys.exit(f"{which} failed:\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(results: list[dict], threshold: float) -> None:
    print(f"{'contender':<18} {'articles':>8} {'wall s':>6} {'art/s':>6} {'art/cpu-s':>9} {'peak MB':>7} "
          f"{'index B/art':>11} {'RSS+ B/art':>10} {'cand/art':>8}  {'recall any|all':>14}  {'cross any|all':>13}")
    for r in results:
        n = r["articles"]
        print(f"{r['which']:<18} {n:>8,} {r['seconds']:>6.1f} {n / r['seconds']:>6,.0f} {n / r['cpu']:>9,.0f} "
              f"{r['peak_mb']:>7.0f} {r['index_bytes'] / n:>11,.0f} {r['rss_growth'] / n:>10,.0f} "
              f"{r['candidates'] / n:>8.2f}  {_share(r['all_any']):>6}|{_share(r['all_all']):<6}  "
              f"{_share(r['cross_any']):>6}|{_share(r['cross_all']):<6}")
    first = results[0]
    print(f"\ngroups: {first['all_groups']} identical bodies (>= {MIN_WORDS} words, up to whitespace), "
          f"{first['cross_groups']} across outlets; datasketch: num_perm={NUM_PERM}, LSH threshold={threshold}; "
          f"corpus loaded before the clock: ~{first['loaded_mb']:.0f} MB of each peak")
    print("index B/art: " + "; ".join(f"{r['which']} = {r['index_method']}" for r in results))
    for r in results:
        if "steps" in r:
            print(f"{r['which']} CPU us/article: " + ", ".join(
                f"{step} {seconds / r['articles'] * 1e6:.0f}" for step, seconds in r["steps"].items()))
    # Goals use CPU time (articles per CPU-second on the pinned core): a shared machine's other
    # load stretches wall time but not the work done per article.
    rates = {r["which"]: r["articles"] / r["cpu"] for r in results}
    if "naba" in rates:
        naba = next(r for r in results if r["which"] == "naba")
        others = [rate for which, rate in rates.items() if which != "naba"]
        checks = [(f"naba >= {GOAL_RATE:,} articles/CPU-s on one core", rates["naba"] >= GOAL_RATE),
                  (f"naba index <= {GOAL_BYTES:,} B/article", naba["index_bytes"] / naba["articles"] <= GOAL_BYTES)]
        if others:
            speedup = rates["naba"] / max(others)
            checks.insert(0, (f"naba >= {GOAL_SPEEDUP:.0f}x the fastest datasketch (got {speedup:.2f}x)",
                              speedup >= GOAL_SPEEDUP))
        for goal, met in checks:
            print(f"goal {'met   ' if met else 'MISSED'}  {goal}")


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=10**9, help="read at most N records")
    parser.add_argument("--threshold", type=float, default=0.5,
                        help="MinHashLSH Jaccard threshold (identical bodies collide at any threshold)")
    parser.add_argument("--only", choices=CONTENDERS, action="append", help="run just these contenders")
    parser.add_argument("--child", choices=CONTENDERS, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not 0 < args.threshold <= 1:
        parser.error(f"--threshold must be a float in (0, 1]; got {args.threshold}")
    if args.child:
        child(args.child, args.path, args.limit, args.threshold)
        return
    if not Path(args.path).exists():
        sys.exit(f"benchmark data not found: {args.path} (needs ../shared beside the repository)")
    print(f"reuse-index benchmark (signatures + index, no alignment) on {args.path}; one core each, same run\n")
    report([spawn(which, args) for which in (args.only or CONTENDERS)], args.threshold)


if __name__ == "__main__":
    main()
