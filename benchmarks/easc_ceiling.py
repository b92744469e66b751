"""How far can an extractive brief go on EASC? Ceilings for the single-article gate.

The gate (`tests/test_quality_easc.py`) scores a summary a third of the article long against the five
human extractive summaries (ROUGE-1 F, averaged over them, `naba.fuse.rouge`). This prints, over the
153 articles, at that length and with naba's claims (`naba.fuse.claims`) as the units:

  human         one human summary against the other four (how much the humans agree)
  lead          the article's first words
  brief         naba's single-article brief (what the gate scores)
  votes oracle  the claims most of the five humans chose (a claim counts as chosen by a human when
                80% of its tokens are in that human's summary), in text order: a perfect predictor of
                the humans' picks
  greedy oracle claims added one at a time, each the one that most raises ROUGE-1 against the
                references themselves (an upper bound no method that does not see them reaches)

Usage: python benchmarks/easc_ceiling.py [--data ../shared/data/easc/easc.jsonl]  (about a minute)
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path

from naba.fuse.brief import summarize
from naba.fuse.claims import claims_of
from naba.fuse.rouge import rouge_n, rouge_tokens
from naba.model import Article

SHARE = 0.33  # as the gate
CHOSEN = 0.8  # share of a claim's tokens in a human summary for it to count as that human's pick


def _claims(text: str):
    return sorted(claims_of(Article(body=text, text=text, source_kind="text", id="easc")), key=lambda c: c.span)


def _fill(ranked, budget: int) -> str:
    """Claims in rank order until the budget (as `naba.fuse.brief.select`: 20% overflow allowed), in text order."""
    chosen, used = [], 0
    for claim in ranked:
        length = len(claim.text.split())
        if used and used + length > budget * 1.2:
            continue
        chosen.append(claim)
        used += length
        if used >= budget:
            break
    return " ".join(c.text for c in sorted(chosen, key=lambda c: c.span))


def _votes(claim, references: list[set]) -> int:
    tokens = set(rouge_tokens(claim.text))
    return sum(len(tokens & ref) / max(1, len(tokens)) >= CHOSEN for ref in references)


def _greedy(claims, references: list[str], budget: int) -> float:
    chosen, best, used = [], 0.0, 0
    while used < budget:
        pick = None
        for claim in claims:
            length = len(claim.text.split())
            if claim in chosen or (used and used + length > budget * 1.2):
                continue
            text = " ".join(c.text for c in sorted([*chosen, claim], key=lambda c: c.span))
            score = rouge_n(text, references, 1)[2]
            if score > best:
                best, pick = score, claim
        if pick is None:
            break
        chosen.append(pick)
        used += len(pick.text.split())
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared/data/easc/easc.jsonl")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.open(encoding="utf-8")]
    scores: dict[str, list[float]] = {k: [] for k in ("human", "lead", "brief", "votes oracle", "greedy oracle")}
    for row in rows:
        text, references = row["text"], list(row["summaries"].values())
        budget = max(1, round(SHARE * len(text.split())))
        claims = _claims(text)
        token_sets = [set(rouge_tokens(r)) for r in references]
        scores["human"].append(statistics.mean(
            rouge_n(r, references[:i] + references[i + 1:], 1)[2] for i, r in enumerate(references)))
        scores["lead"].append(rouge_n(" ".join(text.split()[:budget]), references, 1)[2])
        brief = " ".join(c.text for c in sorted(summarize(claims, words=budget), key=lambda c: c.span))
        scores["brief"].append(rouge_n(brief, references, 1)[2])
        ranked = sorted(claims, key=lambda c: (-_votes(c, token_sets), c.span))
        scores["votes oracle"].append(rouge_n(_fill(ranked, budget), references, 1)[2])
        scores["greedy oracle"].append(_greedy(claims, references, budget))
    print(f"EASC, {len(rows)} articles, summaries {SHARE:.0%} of the article, ROUGE-1 F (mean over the 5 references):")
    for name, values in scores.items():
        print(f"  {name:14s} {statistics.mean(values):.3f}")
    print("  goal           0.550")


if __name__ == "__main__":
    main()
