"""Same-story scores for pairs of texts (`naba similarity`)."""

from __future__ import annotations

import numpy as np

from naba.model import Article
from naba.stories.stage import article_vectors, calibrated, tag_entities


def score_pairs(rows: list[dict], mode: str = "standard") -> np.ndarray:
    """For each {text1, text2, title1?, title2?}: how likely the two tell the same story, in [0, 1]
    — the cosine of their story vectors (`mode`, see `naba.stories.stage.MODES`) through the
    mode's logistic, so that 0.5 is where `naba run` puts two articles in one story."""
    if not rows:
        return np.zeros(0)
    articles = [Article(body="", text=row[f"text{k}"], title=row.get(f"title{k}"), source_kind="jsonl")
                for row in rows for k in (1, 2)]
    tag_entities(articles, mode)
    vectors = article_vectors(articles, mode)
    return calibrated(np.einsum("ij,ij->i", vectors[0::2], vectors[1::2]), mode)
