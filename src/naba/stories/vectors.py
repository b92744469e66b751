"""Article vectors for story clustering: a sketch of character n-gram TF-IDF (lexical), and, when
available, a sentence embedding — concatenated with weights so one dot product scores both."""

from __future__ import annotations

import functools

import numpy as np

from naba.model import Article

FEATURES = 2 ** 20
DIM = 2048          # sketch width: loses ~0.01 Pearson on the SemEval dev pairs against exact vectors
LEDE_CHARS = 1500   # title + the first ~250 words carry the story; the rest adds noise and time


def story_text(article: Article, chars: int = LEDE_CHARS) -> str:
    """What identifies an article's story: the content words (stop words out, article-bearing
    clitics off) of its title and the beginning of its text."""
    return content_words(f"{article.title or ''}\n{article.text[:chars]}")


def content_words(text: str) -> str:
    """Folded content-word stems of a text, space-separated.

    Character n-grams of these score 0.76 Pearson on the SemEval dev pairs with plain term
    frequencies — better than TF-IDF over all words (0.72), and with no
    document frequencies to learn, a batch of five articles scores like a corpus of thousands.
    """
    from naba.reuse.tokens import content_stems

    return " ".join(content_stems(text))


@functools.cache
def _hasher():
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=FEATURES,
                             alternate_sign=False, norm=None)


@functools.cache
def _projection(dim: int, seed: int = 20241206) -> tuple[np.ndarray, np.ndarray]:
    """Each hashed n-gram lands on one of `dim` columns with a random sign (a count sketch)."""
    rng = np.random.default_rng(seed)
    return rng.integers(0, dim, FEATURES), rng.choice(np.array([-1.0, 1.0], dtype=np.float32), FEATURES)


class LexicalSketch:
    """Character 3–5-gram term frequencies of content words, sketched to `dim` dimensions."""

    def __init__(self, dim: int = DIM):
        self.dim = dim

    def transform(self, texts: list[str]) -> np.ndarray:
        """L2-normalised sketches (n x dim, float32)."""
        counts = _hasher().transform(texts).tocsr()  # raw counts: 0.757 Pearson, sublinear 0.722
        column, sign = _projection(self.dim)
        rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
        cells = rows * self.dim + column[counts.indices]
        dense = np.bincount(cells, weights=sign[counts.indices] * counts.data,
                            minlength=counts.shape[0] * self.dim).reshape(counts.shape[0], self.dim)
        dense = dense.astype(np.float32)
        return dense / np.maximum(np.linalg.norm(dense, axis=1, keepdims=True), 1e-9)


def combine(parts: list[tuple[np.ndarray, float]]) -> np.ndarray:
    """Concatenate unit vectors with weights so that the dot product of two combined vectors is
    the weighted mean of the parts' cosines (weights sum to 1)."""
    total = sum(w for _, w in parts)
    return np.hstack([v * np.sqrt(w / total) for v, w in parts]).astype(np.float32)
