"""Fingerprints: a sample of an article's word n-gram hashes and of its content-word stems.

Two kinds, because copies come in two shapes. Word n-grams (in order) find copied and lightly
edited passages; content-word stems (in any order) find passages whose words were reordered.
Each is sampled by value (`hash % rate == 0`), so two texts sharing a passage share the same
sample of it: the chance that a passage of `n` shared n-grams yields no common fingerprint is
about `(1 - 1/rate) ** n`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from naba.reuse.arrays import distinct_each


NGRAM = 3
# 8: a shared passage of 40 words keeps ~5 common n-gram fingerprints (miss chance 0.5%),
# and a 500-word article costs ~60 + ~35 fingerprints of 4 bytes each in the index.
RATE = 8
_KIND_BIT = np.uint32(1)  # lowest bit: 0 = n-gram, 1 = stem; sampling uses the bits above it
_MIX = (np.uint64(0x9E3779B1), np.uint64(0x85EBCA77), np.uint64(0xC2B2AE3D))


def ngram_hashes(word_hashes: np.ndarray, n: int = NGRAM) -> np.ndarray:
    """Hashes of every word n-gram (uint32), in text order, from the words' hashes."""
    h = word_hashes.astype(np.uint64)
    if len(h) < n:
        return np.zeros(0, dtype=np.uint32)
    count = len(h) - n + 1
    mixed = h[:count] * _MIX[0]  # the first step's (0 ^ h) * _MIX[0], in place from here on
    mixed ^= mixed >> np.uint64(29)
    for k in range(1, n):
        mixed ^= h[k:count + k]
        mixed *= _MIX[k % 3]
        mixed ^= mixed >> np.uint64(29)
    return mixed.astype(np.uint32)  # the low 32 bits (unsigned casts wrap)


def fingerprints(tokens, rate: int = RATE) -> np.ndarray:
    """The sampled, distinct fingerprints of one text (uint32, sorted)."""
    return fingerprints_many([tokens], rate)[0]


def fingerprints_many(batch: Sequence, rate: int = RATE) -> list[np.ndarray]:
    """The fingerprints of each of `batch` (Tokens): every text's in the same few NumPy passes."""
    gram_sets, stem_sets = [t.gram_set for t in batch], [t.stem_set for t in batch]
    grams, stems = np.concatenate(gram_sets), np.concatenate(stem_sets)
    gram_counts = np.array([len(g) for g in gram_sets], dtype=np.int64)
    stem_counts = np.array([len(s) for s in stem_sets], dtype=np.int64)
    gram_text = np.repeat(np.arange(len(batch)), gram_counts)
    stem_text = np.repeat(np.arange(len(batch)), stem_counts)
    # The two smallest trigram hashes always count, so a short text (a 45-word wire flash keeps
    # ~1 sampled trigram) still meets its copies: 706/706 identical SaudiNewsNet groups found.
    gram_starts = np.cumsum(gram_counts) - gram_counts
    smallest = np.concatenate([gram_starts[gram_counts >= 1], gram_starts[gram_counts >= 2] + 1])
    picked = np.concatenate([np.flatnonzero(_sampled(grams, rate)), smallest])
    sampled_stems = _sampled(stems, rate)
    values = np.concatenate([grams[picked] & ~_KIND_BIT, stems[sampled_stems] | _KIND_BIT])
    texts = np.concatenate([gram_text[picked], stem_text[sampled_stems]])
    # gram_set and stem_set are already distinct; the kind bit can merge two grams into one.
    prints, bounds = distinct_each(values, texts, len(batch))
    return [prints[b0:b1] for b0, b1 in zip(bounds[:-1].tolist(), bounds[1:].tolist())]


def _sampled(hashes: np.ndarray, rate: int) -> np.ndarray:
    """Where `(hash >> 1) % rate == 0` (the bits above the kind bit); for a power-of-two rate,
    as the default 8 is, the same test as a mask: one NumPy pass fewer."""
    if rate & (rate - 1) == 0:
        return hashes & np.uint32((rate - 1) << 1) == 0
    return (hashes >> np.uint32(1)) % np.uint32(rate) == 0


def is_stem(fingerprint: np.ndarray) -> np.ndarray:
    """True where a fingerprint comes from a content-word stem rather than an n-gram."""
    return (fingerprint & _KIND_BIT).astype(bool)
