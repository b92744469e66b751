"""A compact inverted index from fingerprints to documents, growing one document at a time.

Postings live in two sorted NumPy arrays (fingerprint, document number): 8 bytes a posting,
so ~100 fingerprints cost ~800 bytes an article. New postings wait in a small dictionary and
are merged in (one linear pass) when it fills, so adding and looking up both stay cheap.
"""

from __future__ import annotations

import itertools
from collections import defaultdict

import numpy as np

from naba.reuse.fingerprints import is_stem

_BUFFER = 100_000  # postings held in the dictionary before a merge


class FingerprintIndex:
    """Documents by fingerprint. Documents are numbered 0, 1, 2… in the order they are added."""

    def __init__(self, max_postings: int = 1000, max_stem_postings: int | None = 300) -> None:
        self.max_postings = max_postings
        self.max_stem_postings = max_postings if max_stem_postings is None else max_stem_postings
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
        found = np.flatnonzero((gram_counts >= min_ngrams) | (stem_counts >= min_stems))
        grams, stems_n = gram_counts[found], stem_counts[found]
        order = np.argsort(-(grams * 4 + stems_n), kind="stable")
        return list(zip(found[order].tolist(), grams[order].tolist(), stems_n[order].tolist()))

    def _postings(self, fingerprints: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Every (document, is-stem) posting of these fingerprints, from the arrays and the buffer.

        A fingerprint held by more than `max_postings` documents (arrays and buffer together) is
        skipped: like a stop word, it is common to everything and names no particular source.
        """
        stem_flags = is_stem(fingerprints)
        if len(self.keys_):
            lo = np.searchsorted(self.keys_, fingerprints, side="left")
            lens = np.searchsorted(self.keys_, fingerprints, side="right") - lo
        else:
            lo = lens = np.zeros(len(fingerprints), dtype=np.int64)
        buffered = [self._pending.get(key, ()) for key in fingerprints.tolist()]
        blens = np.fromiter(map(len, buffered), dtype=np.int64, count=len(buffered))
        keep = (lens + blens) <= np.where(stem_flags, self.max_stem_postings, self.max_postings)
        lens, blens = np.where(keep, lens, 0), np.where(keep, blens, 0)
        total = int(lens.sum())
        offsets = np.repeat(lo - np.cumsum(lens) + lens, lens) + np.arange(total)
        docs = [self.docs_[offsets]]
        if blens.any():
            docs.append(np.fromiter(itertools.chain.from_iterable(
                b for b, k in zip(buffered, keep.tolist()) if k), dtype=np.uint32, count=int(blens.sum())))
        return np.concatenate(docs), np.repeat(np.concatenate([stem_flags, stem_flags]), np.r_[lens, blens])

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
