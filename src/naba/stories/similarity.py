"""Same-story scores for pairs of texts (`naba similarity`)."""

from __future__ import annotations

import numpy as np

from naba.model import Article
from naba.stories.stage import article_vectors


def score_pairs(rows: list[dict]) -> np.ndarray:
    """For each {text1, text2, title1?, title2?}: the cosine of the two articles' story vectors,
    in [0, 1]; `naba run` puts articles in one story from 0.5."""
    if not rows:
        return np.zeros(0)
    articles = [Article(body="", text=row[f"text{k}"], title=row.get(f"title{k}"), source_kind="jsonl")
                for row in rows for k in (1, 2)]
    vectors = article_vectors(articles)
    return np.clip(np.einsum("ij,ij->i", vectors[0::2], vectors[1::2]), 0.0, 1.0)
