"""A compact inverted index from fingerprints to documents, growing one document at a time.

Postings live in two sorted NumPy arrays (fingerprint, document number): 8 bytes a posting,
so ~100 fingerprints cost ~800 bytes an article. New postings wait in a small dictionary and
are merged in (one linear pass) when it fills, so adding and looking up both stay cheap.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from naba.reuse.fingerprints import is_stem

_BUFFER = 100_000  # postings held in the dictionary before a merge


class FingerprintIndex:
    """Documents by fingerprint. Documents are numbered 0, 1, 2… in the order they are added."""

    def __init__(self, max_postings: int = 1000) -> None:
        self.max_postings = max_postings
        self.keys_ = np.zeros(0, dtype=np.uint32)
        self.docs_ = np.zeros(0, dtype=np.uint32)
        self._pending: defaultdict[int, list[int]] = defaultdict(list)
        self._pending_count = 0
        self.size_ = 0

    def add(self, fingerprints: np.ndarray) -> int:
        """Index one document's fingerprints; return its number."""
        number = self.size_
        self.size_ += 1
        for key in fingerprints.tolist():
            self._pending[key].append(number)
        self._pending_count += len(fingerprints)
        if self._pending_count >= _BUFFER:
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
        found = np.nonzero((gram_counts >= min_ngrams) | (stem_counts >= min_stems))[0]
        order = np.argsort(-(gram_counts[found] * 4 + stem_counts[found]), kind="stable")
        return [(int(d), int(gram_counts[d]), int(stem_counts[d])) for d in found[order]]

    def _postings(self, fingerprints: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every (document, is-stem) posting of these fingerprints, from the arrays and the buffer.

        A fingerprint held by more than `max_postings` documents is skipped: like a stop word,
        it is common to everything and names no particular source.
        """
        stem_flags = is_stem(fingerprints)
        docs, kinds = [np.zeros(0, dtype=np.uint32)], [np.zeros(0, dtype=bool)]
        if len(self.keys_):
            lo = np.searchsorted(self.keys_, fingerprints, side="left")
            lens = np.searchsorted(self.keys_, fingerprints, side="right") - lo
            keep = (lens > 0) & (lens <= self.max_postings)
            lo, lens = lo[keep], lens[keep]
            if len(lens):
                offsets = np.repeat(lo - np.cumsum(lens) + lens, lens) + np.arange(lens.sum())
                docs.append(self.docs_[offsets])
                kinds.append(np.repeat(stem_flags[keep], lens))
        for key, stem in zip(fingerprints.tolist(), stem_flags.tolist()):
            found = self._pending.get(key)
            if found and len(found) <= self.max_postings:
                docs.append(np.asarray(found, dtype=np.uint32))
                kinds.append(np.full(len(found), stem))
        return np.concatenate(docs), np.concatenate(kinds)

    def merge(self) -> None:
        """Move the buffered postings into the sorted arrays (one linear pass)."""
        if not self._pending:
            return
        keys = np.fromiter((k for k, ds in self._pending.items() for _ in ds), dtype=np.uint32,
                           count=self._pending_count)
        docs = np.fromiter((d for ds in self._pending.values() for d in ds), dtype=np.uint32,
                           count=self._pending_count)
        order = np.argsort(keys, kind="stable")
        keys, docs = keys[order], docs[order]
        at = np.searchsorted(self.keys_, keys, side="right")
        self.keys_ = np.insert(self.keys_, at, keys)
        self.docs_ = np.insert(self.docs_, at, docs)
        self._pending.clear()
        self._pending_count = 0

    @property
    def nbytes(self) -> int:
        """Memory held by the postings once merged."""
        self.merge()
        return self.keys_.nbytes + self.docs_.nbytes
