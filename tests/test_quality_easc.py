"""Quality gate: the brief in single-article mode on EASC (153 articles, five human extractive
summaries each), ROUGE-1/2 F with naba's Arabic tokenizer (`naba.fuse.rouge`), beside the lead
baseline (the article's first words). Both get the same length: a third of the article's words
(the human summaries average 32% of their article). Goal ROUGE-1 F >= 0.55.
"""

from __future__ import annotations

import json

import pytest

from naba.fuse.brief import summarize
from naba.fuse.claims import claims_of
from naba.fuse.rouge import rouge_n
from naba.model import Article

SHARE = 0.33  # summary length as a share of the article's words
FLOOR = {"rouge1": 0.50, "rouge2": 0.42}  # measured 2026-11-22: brief 0.516 / 0.440, lead 0.513 / 0.430


def brief_of(text: str, words: int) -> str:
    article = Article(body=text, text=text, source_kind="text", id="easc")
    return " ".join(c.text for c in sorted(summarize(claims_of(article), words=words), key=lambda c: c.span))


def lead_of(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


@pytest.fixture(scope="module")
def easc(shared_dir):
    with open(shared_dir / "data" / "easc" / "easc.jsonl", encoding="utf-8") as stream:
        return [json.loads(line) for line in stream]


def _mean_rouge(rows, summarizer) -> tuple[float, float]:
    total1 = total2 = 0.0
    for row in rows:
        references = list(row["summaries"].values())
        summary = summarizer(row["text"], max(1, round(SHARE * len(row["text"].split()))))
        total1 += rouge_n(summary, references, 1)[2]
        total2 += rouge_n(summary, references, 2)[2]
    return total1 / len(rows), total2 / len(rows)


def test_easc_rouge(easc):
    brief = _mean_rouge(easc, brief_of)
    lead = _mean_rouge(easc, lead_of)
    print(f"\nEASC ({len(easc)} articles) ROUGE-1/2 F: brief {brief[0]:.3f} / {brief[1]:.3f}; "
          f"lead baseline {lead[0]:.3f} / {lead[1]:.3f} (goal ROUGE-1 0.55)")
    assert brief[0] >= FLOOR["rouge1"] and brief[1] >= FLOOR["rouge2"]
