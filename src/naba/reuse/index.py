"""A compact inverted index from fingerprints to documents, growing one document at a time.

Postings live in two sorted NumPy arrays (fingerprint, document number): 8 bytes a posting,
so ~60 fingerprints cost ~500 bytes an article. New postings go into a second, small pair of
sorted arrays, merged into the large one (one linear pass) when it fills: adding is one insert
into the small arrays, looking up is a binary search in both, and neither touches a posting
in Python.
"""

from __future__ import annotations

import numpy as np

from naba.reuse.fingerprints import is_stem

# Postings held in the small arrays before a merge. Adding costs ~_BUFFER bytes moved, a merge
# the whole index: at SaudiNewsNet's 1.9M postings, 16k balances the two (sqrt(60 x 1.9M) ~ 11k).
_BUFFER = 16_384


class FingerprintIndex:
    """Documents by fingerprint. Documents are numbered 0, 1, 2… in the order they are added."""

    def __init__(self, max_postings: int = 1000, max_stem_postings: int | None = 300) -> None:
        self.max_postings = max_postings
        self.max_stem_postings = max_postings if max_stem_postings is None else max_stem_postings
        self.keys_ = np.zeros(0, dtype=np.uint32)
        self.docs_ = np.zeros(0, dtype=np.uint32)
        self._new_keys = np.zeros(0, dtype=np.uint32)  # postings not merged yet, sorted too
        self._new_docs = np.zeros(0, dtype=np.uint32)
        self.size_ = 0

    def add(self, fingerprints: np.ndarray) -> int:
        """Index one document's fingerprints; return its number."""
        number = self.size_
        self.size_ += 1
        at = np.searchsorted(self._new_keys, fingerprints, side="right")
        self._new_keys = np.insert(self._new_keys, at, fingerprints)
        self._new_docs = np.insert(self._new_docs, at, np.uint32(number))
        if len(self._new_keys) >= _BUFFER:
            self.merge()
        return number

    def candidates(self, fingerprints: np.ndarray, min_ngrams: int, min_stems: int) -> list[tuple[int, int, int]]:
        """Documents sharing at least `min_ngrams` n-gram or `min_stems` stem fingerprints with these.

        Returns (document number, shared n-grams, shared stems), most shared first.
        """
        if not len(fingerprints) or not self.size_:
            return []
        docs, stems = self._postings(fingerprints)
        if not len(docs):
            return []
        gram_counts = np.bincount(docs[~stems], minlength=self.size_)
        stem_counts = np.bincount(docs[stems], minlength=self.size_)
        found = np.flatnonzero((gram_counts >= min_ngrams) | (stem_counts >= min_stems))
        grams, stems_n = gram_counts[found], stem_counts[found]
        order = np.argsort(-(grams * 4 + stems_n), kind="stable")
        return list(zip(found[order].tolist(), grams[order].tolist(), stems_n[order].tolist()))

    def _postings(self, fingerprints: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every (document, is-stem) posting of these fingerprints, from both pairs of arrays.

        A fingerprint held by more than `max_postings` documents (both pairs together) is
        skipped: like a stop word, it is common to everything and names no particular source.
        """
        stem_flags = is_stem(fingerprints)
        lo_old, n_old = _ranges(self.keys_, fingerprints)
        lo_new, n_new = _ranges(self._new_keys, fingerprints)
        keep = (n_old + n_new) <= np.where(stem_flags, self.max_stem_postings, self.max_postings)
        n_old, n_new = n_old * keep, n_new * keep
        docs = np.concatenate([self.docs_[_spread(lo_old, n_old)], self._new_docs[_spread(lo_new, n_new)]])
        return docs, np.repeat(np.concatenate([stem_flags, stem_flags]), np.concatenate([n_old, n_new]))

    def merge(self) -> None:
        """Move the new postings into the large arrays (one linear pass)."""
        if not len(self._new_keys):
            return
        at = np.searchsorted(self.keys_, self._new_keys, side="right")
        self.keys_ = np.insert(self.keys_, at, self._new_keys)
        self.docs_ = np.insert(self.docs_, at, self._new_docs)
        self._new_keys = np.zeros(0, dtype=np.uint32)
        self._new_docs = np.zeros(0, dtype=np.uint32)

    @property
    def nbytes(self) -> int:
        """Memory held by the postings once merged."""
        self.merge()
        return self.keys_.nbytes + self.docs_.nbytes


def _ranges(keys: np.ndarray, fingerprints: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each fingerprint's postings start in the sorted `keys`, and how many there are."""
    lo = np.searchsorted(keys, fingerprints, side="left")
    return lo, np.searchsorted(keys, fingerprints, side="right") - lo


def _spread(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The positions start, start+1, … (count of them) of every range, concatenated."""
    total = int(counts.sum())
    return np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total)
