"""NumPy helpers the reuse index shares: sorted distinct values (of one array or of each group of
one), membership in a sorted set, ranges spelled out, and a sorted insert — each without the
generality (and fixed cost) of the NumPy function it stands for, since they run on a few hundred
values a text."""

from __future__ import annotations

import numpy as np

_SHIFT, _LOW = np.uint64(32), np.uint64(0xFFFFFFFF)


def distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values: np.unique without its generality (half the time on a few hundred
    values, and this runs three times an article)."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


def distinct_each(values: np.ndarray, groups: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """`distinct` of the uint32 `values` of each group 0…n-1 (`groups` numbers each value's),
    concatenated by group, and where each group's begin (one more entry: the end): one sort for all."""
    keys = distinct((groups.astype(np.uint64) << _SHIFT) | values.astype(np.uint64))
    bounds = np.searchsorted(keys >> _SHIFT, np.arange(n + 1, dtype=np.uint64))
    return (keys & _LOW).astype(np.uint32), bounds


def spread(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The positions start, start+1, … (count of them) of every range, concatenated."""
    return np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))


def insert_sorted(ordered: np.ndarray, values: np.ndarray) -> np.ndarray:
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


def member(values: np.ndarray, ordered: np.ndarray) -> np.ndarray:
    """np.isin(values, ordered) for `ordered` sorted and distinct, by binary search: ~10 µs on a few
    hundred values where np.isin, sorting both sides again, took ~100 (the aligner asks 20 times a pair)."""
    if not len(ordered):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(ordered, values)
    return ordered[np.minimum(at, len(ordered) - 1)] == values
