"""The live stories' centroids, searched through an HNSW graph (usearch) so that assigning an
article stays fast however many stories the store holds.

The graph stores each centroid in 8 bits and finds candidates; the caller re-scores them with the
exact float32 centroids, so quantisation never decides an assignment. On SaudiNewsNet (3,681
stories after 8,000 articles) the exact best story is among the 16 candidates for 99.3% of
articles, in ~90 µs a search against ~880 µs for one matrix-vector product over all centroids.

A centroid moves a little with every article its story takes; re-inserting it each time would
cost ~100 µs an article, so an entry is refreshed only when its story has grown by a quarter
since it was last written.
"""

from __future__ import annotations

import numpy as np

CANDIDATES = 16
REFRESH_GROWTH = 1.25


class CentroidIndex:
    """Story id -> centroid, approximately searchable by inner product."""

    def __init__(self, dim: int):
        from usearch.index import Index

        self._graph = Index(ndim=dim, metric="ip", dtype="i8", connectivity=16, expansion_add=64,
                            expansion_search=64)
        self._key_of: dict[str, int] = {}
        self._story_of: dict[int, str] = {}
        self._written_at: dict[str, int] = {}  # story size when its entry was last written
        self._next_key = 0

    def put(self, story_id: str, centroid: np.ndarray, size: int) -> None:
        """Write a story's centroid, or leave the entry as it is while the story has grown less than
        REFRESH_GROWTH since it was written (so sizes 1, 2, 3, 4, 5, 7, 9, 12 … are written)."""
        written = self._written_at.get(story_id)
        if written is not None and size < written * REFRESH_GROWTH:
            return
        self.remove(story_id)
        key = self._key_of[story_id] = self._next_key
        self._next_key += 1
        self._story_of[key] = story_id
        self._written_at[story_id] = size
        self._graph.add(key, centroid.astype(np.float32), threads=1)

    def remove(self, story_id: str) -> None:
        key = self._key_of.pop(story_id, None)
        if key is not None:
            self._graph.remove(key)
            del self._story_of[key]
            del self._written_at[story_id]

    def candidates(self, vector: np.ndarray, k: int = CANDIDATES) -> list[str]:
        """Ids of up to k stories whose centroids are nearest to `vector` (approximately)."""
        if not self._key_of:
            return []
        found = self._graph.search(vector.astype(np.float32), k, threads=1)
        return [self._story_of[key] for key in found.keys.tolist() if key in self._story_of]

    def stories(self) -> list[str]:
        return list(self._key_of)
