"""A compact inverted index from fingerprints to documents, growing one document at a time.

Postings live in two sorted NumPy arrays (fingerprint, document number): 8 bytes a posting,
so ~60 fingerprints cost ~500 bytes an article. New postings go into a small sorted array of
`fingerprint << 32 | document` (one uint64 a posting, so the same (fingerprint, document)
order), merged into the large pair (one linear pass) when it fills: adding is one insert into
the small array, looking up is a binary search in both, and neither touches a posting in Python.
A batch of documents is looked up and added in one set of passes (`check_and_add`), each still
meeting only the documents before it: ~43 µs a SaudiNewsNet article in batches of 256, against
~100 µs one at a time (most of which was the passes' fixed cost).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from naba.reuse.arrays import distinct, insert_sorted, spread
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
        return self.add_many([fingerprints])

    def add_many(self, batch: Sequence[np.ndarray]) -> int:
        """Index documents' fingerprints in order; return the first one's number."""
        number = self.size_
        if not len(batch):
            return number
        self.size_ += len(batch)
        documents = np.repeat(np.arange(number, self.size_, dtype=np.uint64), [len(p) for p in batch])
        postings = np.sort((np.concatenate(batch).astype(np.uint64) << _SHIFT) | documents)
        self._new = insert_sorted(self._new, postings)
        if len(self._new) >= _BUFFER:
            self.merge()
        return number

    def candidates(self, fingerprints: np.ndarray, min_ngrams: int, min_stems: int) -> list[tuple[int, int, int]]:
        """Documents sharing at least `min_ngrams` n-gram or `min_stems` stem fingerprints with these.

        Returns (document number, shared n-grams, shared stems), most shared first.
        """
        return self.candidates_many([fingerprints], min_ngrams, min_stems)[0]

    def check_and_add(self, batch: Sequence[np.ndarray], min_ngrams: int, min_stems: int) -> list[list[tuple[int, int, int]]]:
        """For each document of `batch` in order, its candidates among every document before it
        (the index's and the batch's earlier ones), then index them all: what `candidates` then
        `add` one document at a time give, in one set of NumPy passes for the batch."""
        found = self.candidates_many(batch, min_ngrams, min_stems, chained=True)
        self.add_many(batch)
        return found

    def candidates_many(self, batch: Sequence[np.ndarray], min_ngrams: int, min_stems: int,
                        chained: bool = False) -> list[list[tuple[int, int, int]]]:
        """`candidates` of each of `batch`; `chained`: as if each were added after its query, so
        the batch's earlier documents (numbers size_, size_ + 1, …) are candidates too.

        A fingerprint held by more than `max_postings` documents (at the query: both parts of the
        index, and the batch's earlier documents when chained) is skipped: like a stop word, it is
        common to everything and names no particular source.
        """
        n = len(batch)
        prints = np.concatenate(batch) if n else np.zeros(0, dtype=np.uint32)
        query = np.repeat(np.arange(n, dtype=np.uint64), [len(p) for p in batch])
        # Every (fingerprint, query) in fingerprint order: each distinct fingerprint is looked up
        # once, in increasing order (NumPy's binary search narrows from the previous one).
        wide = np.sort((prints.astype(np.uint64) << _SHIFT) | query)
        prints, query = (wide >> _SHIFT).astype(np.uint32), (wide & _LOW).astype(np.int64)
        keys, run_sizes = _runs(prints)
        run_start = np.cumsum(run_sizes) - run_sizes
        run_of = np.repeat(np.arange(len(keys)), run_sizes)  # which distinct fingerprint each entry is
        # Postings already indexed: ranges in the large arrays and in the new ones (old first).
        key_wide = keys.astype(np.uint64) << _SHIFT  # a fingerprint's new postings: [wide, wide + 2**32)
        lo = np.concatenate([np.searchsorted(self.keys_, keys, side="left"), np.searchsorted(self._new, key_wide)])
        counts = np.concatenate([np.searchsorted(self.keys_, keys, side="right"),
                                 np.searchsorted(self._new, key_wide + (np.uint64(1) << _SHIFT))]) - lo
        lo, counts = lo.reshape(2, -1)[:, run_of].ravel(), counts.reshape(2, -1)[:, run_of].ravel()
        held = counts[:len(prints)] + counts[len(prints):]
        # when chained, the batch's earlier documents with the same fingerprint: those before it in its run
        earlier = np.arange(len(prints)) - run_start[run_of] if chained else np.zeros(len(prints), dtype=np.int64)
        stem_flags = is_stem(prints)
        keep = held + earlier <= np.where(stem_flags, self.max_stem_postings, self.max_postings)
        counts *= np.concatenate([keep, keep])
        positions = spread(lo, counts)
        split = int(counts[:len(prints)].sum())  # positions before it are in the large arrays
        taken = earlier * keep
        docs = np.concatenate([self.docs_[positions[:split]].astype(np.int64),
                               (self._new[positions[split:]] & _LOW).astype(np.int64),
                               self.size_ + query[spread(np.arange(len(prints)) - taken, taken)]])
        owners = np.concatenate([np.repeat(np.concatenate([query, query]), counts), np.repeat(query, taken)])
        kinds = np.concatenate([np.repeat(np.concatenate([stem_flags, stem_flags]), counts), np.repeat(stem_flags, taken)])
        return _tally(owners, docs, kinds, n, min_ngrams, min_stems)

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


def _tally(owners: np.ndarray, docs: np.ndarray, kinds: np.ndarray, n: int, min_ngrams: int,
           min_stems: int) -> list[list[tuple[int, int, int]]]:
    """Per query (0…n-1), the documents met often enough — (document, shared n-grams, shared
    stems), most shared first (ties: lower number first) — from every (query, document, is-stem)
    meeting. Each kind is tallied by its own sort (most pairs meet once, on a common fingerprint)."""
    pairs = (owners.astype(np.uint64) << _SHIFT) | docs.astype(np.uint64)
    gram_pairs, gram_tallies = _runs(np.sort(pairs[~kinds]))
    stem_pairs, stem_tallies = _runs(np.sort(pairs[kinds]))
    met = distinct(np.concatenate([gram_pairs[gram_tallies >= min_ngrams], stem_pairs[stem_tallies >= min_stems]]))
    grams, stems = _tally_of(met, gram_pairs, gram_tallies), _tally_of(met, stem_pairs, stem_tallies)
    owner, doc = (met >> _SHIFT).astype(np.int64), (met & _LOW).astype(np.int64)
    order = np.lexsort((doc, -(grams * 4 + stems), owner))
    rows = list(zip(doc[order].tolist(), grams[order].tolist(), stems[order].tolist()))
    bounds = np.searchsorted(owner[order], np.arange(n + 1)).tolist()
    return [rows[b0:b1] for b0, b1 in zip(bounds[:-1], bounds[1:])]


def _runs(ordered: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct values of a sorted array and how many times each occurs."""
    if not len(ordered):
        return ordered, np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.concatenate([[True], ordered[1:] != ordered[:-1]]))
    return ordered[starts], np.diff(np.append(starts, len(ordered)))


def _tally_of(wanted: np.ndarray, values: np.ndarray, tallies: np.ndarray) -> np.ndarray:
    """The tally of each wanted value among (sorted distinct) `values`, 0 where absent."""
    at = np.minimum(np.searchsorted(values, wanted), max(len(values) - 1, 0))
    return np.where(values[at] == wanted, tallies[at], 0) if len(values) else np.zeros(len(wanted), dtype=np.int64)
