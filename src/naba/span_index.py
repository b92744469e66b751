"""An article's items with spans (entities, dates) looked up by where they lie, not read in full for
every clause or quote that asks (a page of tens of thousands of clauses and quotes had)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import Any


class SpanIndex:
    """`items` (dicts with a `span` [start, end); others are left out) by where their spans start.

    >>> index = SpanIndex([{"text": "دمشق", "span": [14, 18]}, {"text": "الوزير", "span": [4, 10]}])
    >>> [item["text"] for item in index.inside(0, 12)]
    ['الوزير']
    """

    def __init__(self, items: list[dict[str, Any]] | None):
        spans = [(item["span"][0], n, item) for n, item in enumerate(items or [])
                 if isinstance(item.get("span"), (list, tuple)) and len(item["span"]) == 2]
        self.items = sorted(spans, key=lambda x: (x[0], x[1]))
        self.starts = [start for start, _, _ in self.items]

    def inside(self, start: int, end: int) -> list[dict[str, Any]]:
        """The items whose spans lie within [start, end], in the order they were given."""
        found = self.items[bisect_left(self.starts, start):bisect_right(self.starts, end)]
        return [item for _, _, item in sorted(found, key=lambda x: x[1]) if item["span"][1] <= end]
