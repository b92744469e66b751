"""Passage alignment: which stretches of two texts carry the same words.

Two passes. *In order*: word trigrams shared by both texts are seeds; seeds that follow each
other closely in both texts chain into a passage — copied paragraphs, and paragraphs with a few
words changed, added or dropped. *Reordered*: what is left of the new text is cut into windows
of content words, each looked for in wider windows of the other text by the share of its
distinct words found there (word order does not count); a run of such windows is a passage,
whose ends are trimmed on both sides to the densest stretch of shared words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from naba.reuse.arrays import member
from naba.reuse.fingerprints import NGRAM
from naba.reuse.formulas import is_formula
from naba.reuse.modes import NEWS, Mode, mode_of
from naba.reuse.tokens import Tokens

GAP = 12           # words between two seeds of one in-order passage, in either text
MIN_WORDS = 12     # words a passage must span to count (about one sentence)
MIN_COVER = 0.4    # share of an in-order passage's words covered by shared trigrams
WINDOW = 12        # content words in a window of the new text (reordered pass)
STRIDE = 6
# How much wider the other text's windows are, and the share of a window's words they must hold,
# differ between news and documents: see naba.reuse.modes.
DENSITY = 0.5      # trimming keeps the stretch where more than this share of words is shared
# A reordered passage needs more evidence than an in-order one: two outlets' own wordings of one
# statement share many content words in a short span without one copying the other.
REORDERED_MIN_CONTENT = 20
# A trigram's first places in the other text that seed chains: a page repeating one paragraph 37,500
# times (the bad-input audit's 9.7 MB page) gave each of the paragraph's trigrams 37,500 seeds; a
# paragraph copied into it is aligned with its first copies.
MAX_PLACES = 64
# Numbers (2+ digits) one side of a passage must have (two the other), none shared, for it to be
# another day's report; two figures updated in a republished paragraph keep it a copy.
MIN_NUMBERS = 3
_DIGITS = re.compile(r"[0-9]{2,}")


@dataclass(frozen=True)
class Passage:
    """A shared passage: `[start, end)` in each text, and whether it is copied word for word."""

    a_span: tuple[int, int]
    b_span: tuple[int, int]
    kind: str  # verbatim | rewritten

    def to_dict(self) -> dict:
        return {"a_span": list(self.a_span), "b_span": list(self.b_span), "kind": self.kind}


def align(a: Tokens, b: Tokens, reordered: bool = True, mode: str | Mode = NEWS) -> list[Passage]:
    """Passages of `a` that `b` also carries, in text order of `a`.

    mode: "news" gives one passage per paragraph of `a` (what a news reader wants: "5 paragraphs");
    "document" lets a copied stretch run across paragraphs and joins its pieces into one passage
    (what PAN's granularity counts). See `naba.reuse.modes`.
    """
    mode = mode_of(mode)
    found = [_passage(a, b, ta, tb) for ta, tb in _in_order(a, b, mode.by_paragraph)]
    passages = [p for p in found if p is not None]
    if reordered:
        covered = np.zeros(len(a), dtype=bool)
        for p in passages:  # the words inside each passage: a slice, not a pass over every word
            first, end = _word_range(a, p.a_span)
            covered[first:end] = True
        passages += _reordered(a, b, covered, mode)
    passages.sort(key=lambda p: p.a_span)
    if mode.merge_a >= 0:
        passages = _merged(passages, mode)
    if mode.formulas:
        passages = [p for p in passages if not _formula(a, p)]
    if mode.one_partner:
        passages = _one_partner(a, b, passages)
    return [p for p in passages if p.a_span[1] - p.a_span[0] >= mode.min_chars]


def _one_partner(a: Tokens, b: Tokens, passages: list[Passage]) -> list[Passage]:
    """A stretch of text is copied from one place, and a template filled with other figures is no copy.

    A stretch of either text aligned to two places keeps its best passage: the one whose numbers agree
    («… تجاوزت مديونياتها 50 مليون ريال» is the 50-million tier, not the 25-million one), then the
    larger share of shared words (the martyr's sentence, not the injured man's), then the longer. (An
    analyst's audit of 120 passages: 18 were a regulation's tiers cross-paired, one stretch to two or
    three others.) A passage with two or more numbers of two or more digits on each side, `MIN_NUMBERS`
    on one, and none in common is dropped: the daily market report of another day («ارتفاع أسهم 100 شركة … 46 …
    190.4 مليون» / «… 161 … 147.1 مليون …»). A copy with a figure or two updated is still a copy (a
    toll «23 قتيلا … 45 طفلا» republished as «31 … 60»; «45 مليون» / «44 مليون»), and so is a figure
    written another way («44,793» / «44.7 ألف») while the others agree."""
    scored = []
    for p in passages:
        na, nb = _numbers(a, p.a_span), _numbers(b, p.b_span)
        if min(len(na), len(nb)) >= 2 and max(len(na), len(nb)) >= MIN_NUMBERS and not na & nb:
            continue
        ha, hb = set(_words(a, p.a_span)), set(_words(b, p.b_span))
        scored.append(((na == nb, len(ha & hb) / max(1, len(ha | hb)), p.a_span[1] - p.a_span[0]), p))
    kept: list[Passage] = []
    # kept passages by the 1,000-character stretches each side covers: a rival overlaps one side, so
    # it shares a stretch there (800 kept passages checked pairwise had cost 0.4 s a pair of texts)
    by_a: dict[int, list[Passage]] = defaultdict(list)
    by_b: dict[int, list[Passage]] = defaultdict(list)
    for _, p in sorted(scored, key=lambda pair: pair[0], reverse=True):
        near = [q for k in _stretches(p.a_span) for q in by_a[k]] + [q for k in _stretches(p.b_span) for q in by_b[k]]
        if not any(_rivals(p, q) for q in near):
            kept.append(p)
            for k in _stretches(p.a_span):
                by_a[k].append(p)
            for k in _stretches(p.b_span):
                by_b[k].append(p)
    return sorted(kept, key=lambda p: p.a_span)


def _stretches(span: tuple[int, int], size: int = 1000) -> range:
    return range(span[0] // size, max(span[0], span[1] - 1) // size + 1)


def _rivals(p: Passage, q: Passage) -> bool:
    """One stretch aligned to two places: the passages overlap on one side and not on the other.
    (A sentence aligned inside a paragraph that is aligned whole is no rival: its partner lies inside
    the paragraph's partner.)"""
    on_a, on_b = _overlaps(p.a_span, q.a_span), _overlaps(p.b_span, q.b_span)
    return on_a != on_b and not (on_a and _touch(p.b_span, q.b_span) or on_b and _touch(p.a_span, q.a_span))


def _touch(x: tuple[int, int], y: tuple[int, int]) -> bool:
    return min(x[1], y[1]) > max(x[0], y[0])


def _words(tokens: Tokens, span: tuple[int, int]) -> np.ndarray:
    """The hashes of the words inside `span`."""
    first, last = _word_range(tokens, span)
    return tokens.hashes[first:last]


def _numbers(tokens: Tokens, span: tuple[int, int]) -> set[str]:
    """The numbers of two or more digits inside `span`, a clitic before them aside («و45»; folded:
    Arabic-Indic digits are ASCII; a one-digit number is too often shared by chance or split off a
    decimal)."""
    first, last = _word_range(tokens, span)
    return {n for w in tokens.words[first:last] for n in _DIGITS.findall(w)}


def _word_range(tokens: Tokens, span: tuple[int, int]) -> tuple[int, int]:
    """[first, last) of the words inside `span`."""
    return int(np.searchsorted(tokens.starts, span[0])), int(np.searchsorted(tokens.ends, span[1], side="right"))


def _overlaps(x: tuple[int, int], y: tuple[int, int]) -> bool:
    """Two spans sharing more than half of the shorter."""
    shared = min(x[1], y[1]) - max(x[0], y[0])
    return shared > 0.5 * min(x[1] - x[0], y[1] - y[0])


def _formula(a: Tokens, p: Passage) -> bool:
    first, end = _word_range(a, p.a_span)
    return is_formula(a, first, end - 1)


def _merged(passages: list[Passage], mode: Mode) -> list[Passage]:
    """Join passages (in text order of `a`) that follow each other within `merge_a` characters in
    `a` and lie within `merge_b` characters of each other in `b`: the pieces of one reused stretch
    that edits broke apart. A join can bring the passage within reach of an earlier one."""
    out: list[Passage] = []
    for p in passages:
        for k in range(len(out) - 1, max(len(out) - 4, -1), -1):
            if _near(out[k], p, mode):
                out[k] = _joined(out[k], p)
                while k > 0 and _near(out[k - 1], out[k], mode):
                    out[k - 1] = _joined(out[k - 1], out.pop(k))
                    k -= 1
                break
        else:
            out.append(p)
    return out


def _near(q: Passage, p: Passage, mode: Mode) -> bool:
    gap_a = p.a_span[0] - q.a_span[1]
    gap_b = max(p.b_span[0], q.b_span[0]) - min(p.b_span[1], q.b_span[1])
    return gap_a <= mode.merge_a and gap_b <= mode.merge_b


def _joined(q: Passage, p: Passage) -> Passage:
    verbatim = q.kind == p.kind == "verbatim" and p.a_span[0] <= q.a_span[1] + 1
    return Passage((q.a_span[0], max(q.a_span[1], p.a_span[1])),
                   (min(q.b_span[0], p.b_span[0]), max(q.b_span[1], p.b_span[1])),
                   "verbatim" if verbatim else "rewritten")


def _passage(a: Tokens, b: Tokens, ta: tuple[int, int], tb: tuple[int, int]) -> Passage | None:
    """A passage from token ranges (inclusive ends), if long enough."""
    if ta[1] - ta[0] + 1 < MIN_WORDS or tb[1] - tb[0] + 1 < MIN_WORDS:
        return None
    same = np.array_equal(a.hashes[ta[0]:ta[1] + 1], b.hashes[tb[0]:tb[1] + 1])  # CRC-32 of each word
    return Passage((int(a.starts[ta[0]]), int(a.ends[ta[1]])), (int(b.starts[tb[0]]), int(b.ends[tb[1]])),
                   "verbatim" if same else "rewritten")


# ---------------------------------------------------------------- in order

def _in_order(a: Tokens, b: Tokens, by_paragraph: bool = True, n: int = NGRAM):
    """Token ranges (a, b) of chains of shared trigrams."""
    ga, gb = a.grams, b.grams
    shared = np.intersect1d(a.gram_set, b.gram_set, assume_unique=True)
    if not len(shared):
        return
    where: defaultdict[int, list[int]] = defaultdict(list)
    for j in np.nonzero(member(gb, shared))[0].tolist():
        places = where[int(gb[j])]
        if len(places) < MAX_PLACES:
            places.append(j)
    seeds = [(i, j) for i in np.nonzero(member(ga, shared))[0].tolist() for j in where[int(ga[i])]]
    for chain in _chains(seeds, a.paragraphs if by_paragraph else np.zeros_like(a.paragraphs)):
        ia = [i for i, _ in chain]
        jb = [j for _, j in chain]
        span_a = (min(ia), _paragraph_end(a, max(ia), n))
        if len(set(ia)) * 1.0 / (span_a[1] - span_a[0] + 1) >= MIN_COVER:
            yield span_a, (min(jb), _paragraph_end(b, max(jb), n))


def _paragraph_end(tokens: Tokens, i: int, n: int) -> int:
    """The last word of the trigram starting at `i`, not past the end of its paragraph."""
    last = int(np.searchsorted(tokens.paragraphs, tokens.paragraphs[i], side="right")) - 1
    return min(i + n - 1, last)


def _chains(seeds: list[tuple[int, int]], paragraphs: np.ndarray) -> list[list[tuple[int, int]]]:
    """Group seeds that follow each other within GAP words in both texts (order kept), one
    paragraph of the new text at a time, so each shared paragraph is its own passage.

    A seed extends the longest chain still open (its last seed within GAP words), so a trigram
    repeated many times in the other text cannot crowd out the chain being followed (looking only
    at the last few chains cut verbatim ExAraPlagDet passages in two: plagdet 'none' 0.68 -> 0.99).
    """
    done: list[list[tuple[int, int]]] = []
    open_: list[list[tuple[int, int]]] = []
    for i, j in sorted(seeds):
        still = []
        for chain in open_:
            (done if i - chain[-1][0] > GAP else still).append(chain)
        open_ = still
        best = None
        for chain in open_:
            pi, pj = chain[-1]
            if 0 <= i - pi <= GAP and -3 <= j - pj <= GAP and paragraphs[i] == paragraphs[pi]:
                if best is None or len(chain) > len(best):
                    best = chain
        if best is not None:
            best.append((i, j))
        else:
            open_.append([(i, j)])
    return [c for c in done + open_ if len(c) >= 3]


# ---------------------------------------------------------------- reordered

def _reordered(a: Tokens, b: Tokens, covered: np.ndarray, mode: Mode) -> list[Passage]:
    free = ~covered[a.content]
    shared = len(np.intersect1d(a.stem_set, b.stem_set, assume_unique=True))
    if free.sum() < WINDOW or len(b.stems) < WINDOW or shared < mode.threshold * WINDOW:
        return []  # no window could pass: too few content words in common at all
    _, ids = np.unique(np.concatenate([a.stems, b.stems]), return_inverse=True)
    a_ids, b_ids = ids[:len(a.stems)], ids[len(a.stems):]
    a_starts = _window_starts(len(a_ids), WINDOW, STRIDE)
    taken = np.concatenate([[0], np.cumsum(~free)])
    a_starts = a_starts[taken[np.minimum(a_starts + WINDOW, len(free))] == taken[a_starts]]
    # A window reaches the threshold in some window of `b` only if it does in all of `b`: this
    # bound skips the window-pair matrix for most unrelated pairs (same passages, found faster).
    present = np.concatenate([[0], np.cumsum(member(a.stems, b.stem_set))])
    ends = np.minimum(a_starts + WINDOW, len(a_ids))
    a_starts = a_starts[present[ends] - present[a_starts] >= mode.threshold * np.maximum(ends - a_starts, 1)]
    if not len(a_starts):
        return []
    wide = WINDOW * mode.wide
    b_starts = _window_starts(len(b_ids), wide, WINDOW)
    score = _containment(a_ids, a_starts, WINDOW, b_ids, b_starts, wide)
    best = score.argmax(axis=1)
    hits = [(int(i), int(best[i])) for i in np.nonzero(score[np.arange(len(a_starts)), best] >= mode.threshold)[0]]
    passages = []
    for group in _groups(hits, a_starts, b_starts, wide):
        passage = _trimmed(a, b, a_ids, b_ids, group, a_starts, b_starts, wide)
        if passage is not None:
            passages.append(passage)
    return passages


def _trimmed(a, b, a_ids, b_ids, group, a_starts, b_starts, wide) -> Passage | None:
    """A group of matching windows, trimmed on both sides to its densest stretch of shared words."""
    a_lo, a_hi = int(a_starts[group[0][0]]), int(a_starts[group[-1][0]]) + WINDOW
    b_lo = min(int(b_starts[j]) for _, j in group)
    b_hi = max(int(b_starts[j]) for _, j in group) + wide
    a_cut = _densest(np.isin(a_ids[a_lo:a_hi], b_ids[b_lo:b_hi]))
    if a_cut is None:
        return None
    a_first, a_last = a_lo + a_cut[0], a_lo + a_cut[1]
    b_cut = _densest(np.isin(b_ids[b_lo:b_hi], a_ids[a_first:a_last + 1]))
    if b_cut is None or min(a_last - a_first, b_cut[1] - b_cut[0]) + 1 < REORDERED_MIN_CONTENT:
        return None
    return _passage(a, b, (int(a.content[a_first]), int(a.content[a_last])),
                    (int(b.content[b_lo + b_cut[0]]), int(b.content[b_lo + b_cut[1]])))


def _densest(shared: np.ndarray) -> tuple[int, int] | None:
    """The stretch `[first, last]` maximising (shared words - DENSITY x words): Kadane's scan."""
    best, best_span, run, start = 0.0, None, 0.0, 0
    for k, value in enumerate((shared.astype(np.float64) - DENSITY).tolist()):
        if run <= 0:
            run, start = value, k
        else:
            run += value
        if run > best:
            best, best_span = run, (start, k)
    return best_span


def _window_starts(n: int, size: int, stride: int) -> np.ndarray:
    last = max(n - size, 0)
    starts = np.arange(0, last + 1, stride)
    return starts if starts[-1] == last else np.append(starts, last)


def _containment(a_ids, a_starts, a_size, b_ids, b_starts, b_size) -> np.ndarray:
    """score[i, j]: share of the words of a-window i that occur in b-window j.

    The b-windows' word sets are an incidence matrix over the words of the new text's windows
    (a few hundred columns); gathering it at each window's word positions and summing gives
    every window pair's count at once.
    """
    ends = np.minimum(a_starts + a_size, len(a_ids))
    cells = a_starts[:, None] + np.arange(a_size)[None, :]
    words = a_ids[np.minimum(cells, len(a_ids) - 1)]
    vocab, local = np.unique(words, return_inverse=True)
    # Two extra columns: b's words not in any window, and the cells past the end of `a` (never set).
    local = np.where(cells < ends[:, None], local.reshape(words.shape), len(vocab) + 1)
    position = np.minimum(np.searchsorted(vocab, b_ids), len(vocab) - 1)
    b_local = np.where(vocab[position] == b_ids, position, len(vocab))
    present = np.zeros((len(b_starts), len(vocab) + 2), dtype=np.int32)
    b_cells = np.minimum(b_starts[:, None] + np.arange(b_size)[None, :], len(b_ids) - 1)
    present[np.repeat(np.arange(len(b_starts)), b_size), b_local[b_cells].ravel()] = 1
    counts = present[:, local].sum(axis=2)
    return (counts / np.maximum(ends - a_starts, 1)).T


def _groups(hits, a_starts, b_starts, wide):
    """Runs of overlapping new-text windows whose matches sit close together in the other text."""
    group: list[tuple[int, int]] = []
    for i, j in hits:
        if group:
            pi, pj = group[-1]
            if a_starts[i] - a_starts[pi] <= WINDOW and abs(int(b_starts[j]) - int(b_starts[pj])) <= wide:
                group.append((i, j))
                continue
            yield group
        group = [(i, j)]
    if group:
        yield group
