"""A compact inverted index from fingerprints to documents, growing one document at a time.

Postings live in two sorted NumPy arrays (fingerprint, document number): 8 bytes a posting,
so ~60 fingerprints cost ~500 bytes an article. New postings go into a small sorted array of
`fingerprint << 32 | document` (one uint64 a posting, so the same (fingerprint, document)
order), merged into the large pair (one linear pass) when it fills: adding is one insert into
the small array, looking up is a binary search in both, and neither touches a posting in Python.
"""

from __future__ import annotations

import numpy as np

from naba.reuse.fingerprints import is_stem

# Postings held in the small arrays before a merge. Adding costs ~_BUFFER bytes moved, a merge
# the whole index: at SaudiNewsNet's 1.9M postings, 16k balances the two (sqrt(60 x 1.9M) ~ 11k).
_BUFFER = 16_384
_SHIFT, _LOW = np.uint64(32), np.uint64(0xFFFFFFFF)  # a new posting: fingerprint << 32 | document


class FingerprintIndex:
    """Documents by fingerprint. Documents are numbered 0, 1, 2… in the order they are added."""

    def __init__(self, max_postings: int = 1000, max_stem_postings: int | None = 300) -> None:
        self.max_postings = max_postings
        self.max_stem_postings = max_postings if max_stem_postings is None else max_stem_postings
        self.keys_ = np.zeros(0, dtype=np.uint32)
        self.docs_ = np.zeros(0, dtype=np.uint32)
        self._new = np.zeros(0, dtype=np.uint64)  # postings not merged yet: fingerprint << 32 | document
        self.size_ = 0

    def add(self, fingerprints: np.ndarray) -> int:
        """Index one document's fingerprints; return its number."""
        number = self.size_
        self.size_ += 1
        self._new = _insert_sorted(self._new, (fingerprints.astype(np.uint64) << _SHIFT) | np.uint64(number))
        if len(self._new) >= _BUFFER:
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
        """Every (document, is-stem) posting of these fingerprints, from both parts.

        A fingerprint held by more than `max_postings` documents (both parts together) is
        skipped: like a stop word, it is common to everything and names no particular source.
        The ranges of both parts are handled as one list (old ranges first), so each step is one
        NumPy call, not two: the calls' fixed costs are most of a lookup.
        """
        n = len(fingerprints)
        stem_flags = is_stem(fingerprints)
        wide = fingerprints.astype(np.uint64) << _SHIFT  # a fingerprint's new postings: [wide, wide + 2**32)
        lo = np.concatenate([np.searchsorted(self.keys_, fingerprints, side="left"),
                             np.searchsorted(self._new, wide)])
        counts = np.concatenate([np.searchsorted(self.keys_, fingerprints, side="right"),
                                 np.searchsorted(self._new, wide + (np.uint64(1) << _SHIFT))]) - lo
        keep = (counts[:n] + counts[n:]) <= np.where(stem_flags, self.max_stem_postings, self.max_postings)
        counts *= np.concatenate([keep, keep])
        positions = _spread(lo, counts)
        split = int(counts[:n].sum())  # positions before it are in the large arrays
        docs = np.concatenate([self.docs_[positions[:split]], (self._new[positions[split:]] & _LOW).astype(np.uint32)])
        return docs, np.repeat(np.concatenate([stem_flags, stem_flags]), counts)

    def merge(self) -> None:
        """Move the new postings into the large arrays (one linear pass)."""
        if not len(self._new):
            return
        new_keys, new_docs = (self._new >> _SHIFT).astype(np.uint32), (self._new & _LOW).astype(np.uint32)
        at = np.searchsorted(self.keys_, new_keys, side="right")
        self.keys_ = np.insert(self.keys_, at, new_keys)
        self.docs_ = np.insert(self.docs_, at, new_docs)
        self._new = np.zeros(0, dtype=np.uint64)

    @property
    def nbytes(self) -> int:
        """Memory held by the postings once merged."""
        self.merge()
        return self.keys_.nbytes + self.docs_.nbytes


def _spread(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The positions start, start+1, … (count of them) of every range, concatenated."""
    total = int(counts.sum())
    return np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total)


def _insert_sorted(ordered: np.ndarray, values: np.ndarray) -> np.ndarray:
    """`ordered` with the sorted `values` put in place (none equal to one already there): what
    np.insert(ordered, np.searchsorted(ordered, values), values) gives, without its ~10 µs of
    argument handling, which is most of adding one article."""
    at = np.searchsorted(ordered, values) + np.arange(len(values))  # their places in the result
    out = np.empty(len(ordered) + len(values), dtype=ordered.dtype)
    old = np.ones(len(out), dtype=bool)
    old[at] = False
    out[at] = values
    out[old] = ordered
    return out
