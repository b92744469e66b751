"""News-precision sample: the passages naba's reuse index flags on SaudiNewsNet, for checking by hand.

Runs `ReuseIndex(mode=…)` over the first N SaudiNewsNet records (after the clean stage, as
`naba run` does; `--raw` for the records as they are) in stream order (each article
checked against all before it, then indexed), prints counts (pairs, near-duplicates, passages by
kind, pairs across outlets) and a seeded random sample of flagged pairs, one random passage each,
both sides' text, so a reader can judge whether the two spans really carry the same text.
The same seed and N give the same sample, so a hand check can be repeated after a change.

Usage:
  python benchmarks/reuse_news_sample.py [--path FILE.jsonl.gz] [--limit 4000] [--mode news|document]
                                         [--sample 36] [--seed 1] [--cap N] [--raw]
--cap overrides the mode's candidates-per-article cap (document mode aligns every candidate).
"""

from __future__ import annotations

import argparse
import collections
import random
import time
from pathlib import Path

from saudinewsnet import SAUDINEWSNET, records  # benchmarks/saudinewsnet.py

DEFAULT = SAUDINEWSNET


def load(path: Path, limit: int) -> list[tuple[str, str, str]]:
    """(record number, outlet, content) of the first `limit` records with a non-empty content."""
    return [(str(n), row.get("source") or "", row["content"])
            for n, row in enumerate(records(path, limit)) if (row.get("content") or "").strip()]


def cleaned(articles: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The texts as `naba run` indexes them: furniture rules per article, then lines recurring
    across one outlet's articles (the clean stage), so a hand check sees what a user would."""
    from naba import clean
    from naba.model import Article

    docs = clean.remove_recurring([clean.remove_furniture(Article(id=key, body=text, text=text, outlet=outlet or None,
                                                                  source_kind="text"))
                                   for key, outlet, text in articles])
    return [(key, outlet, doc.text) for (key, outlet, _), doc in zip(articles, docs)]


def flagged(articles, mode: str, cap: int | None) -> tuple[list, float]:
    """Every reuse record the index reports, and the CPU seconds it took."""
    from naba.reuse import ReuseIndex

    index = ReuseIndex(mode=mode, max_candidates=cap)
    found = []
    start = time.process_time()
    for key, _, text in articles:
        found += index.add(key, text)
    return found, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=4000, help="read the first N records")
    parser.add_argument("--mode", choices=("news", "document"), default="news")
    parser.add_argument("--cap", type=int, default=None, help="candidates aligned per article")
    parser.add_argument("--sample", type=int, default=36, help="pairs to print")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--raw", action="store_true", help="index the raw records, not the clean stage's text")
    args = parser.parse_args()
    if not args.path.exists():
        parser.error(f"SaudiNewsNet not found at {args.path} (needs ../shared beside the repository)")
    articles = load(args.path, args.limit)
    if not args.raw:
        articles = [a for a in cleaned(articles) if a[2].strip()]
    text = {key: body for key, _, body in articles}
    outlet = {key: source for key, source, _ in articles}
    found, seconds = flagged(articles, args.mode, args.cap)
    kinds = collections.Counter(p.kind for r in found for p in r.passages)
    print(f"mode {args.mode}: {len(articles)} articles, {seconds:.0f} CPU-s; {len(found)} pairs flagged "
          f"({sum(r.near_duplicate for r in found)} near-duplicates, "
          f"{sum(outlet[r.a] != outlet[r.b] for r in found)} across outlets); passages: "
          + ", ".join(f"{n} {kind}" for kind, n in kinds.most_common()))
    rng = random.Random(args.seed)
    with_passages = [r for r in found if r.passages]
    for number, reuse in enumerate(rng.sample(with_passages, min(args.sample, len(with_passages)))):
        passage = rng.choice(reuse.passages)
        a = text[reuse.a][slice(*passage.a_span)].replace("\n", " / ")
        b = text[reuse.b][slice(*passage.b_span)].replace("\n", " / ")
        print(f"\n#{number} {reuse.a} ({outlet[reuse.a]}) <- {reuse.b} ({outlet[reuse.b]}): similarity "
              f"{reuse.similarity}, near-duplicate {reuse.near_duplicate}, {len(reuse.passages)} passages; "
              f"this one {passage.kind}, {len(a)} chars")
        print("  a:", a[:260])
        print("  b:", b[:260])


if __name__ == "__main__":
    main()
