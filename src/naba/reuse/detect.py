"""The reuse index: each text added is checked against every text added before it.

Candidates come from the fingerprint index (never from all pairs); each candidate pair is then
scored (trigram Jaccard similarity) and aligned passage by passage.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from naba.reuse.align import Passage, align
from naba.reuse.fingerprints import fingerprints, fingerprints_many
from naba.reuse.index import FingerprintIndex
from naba.reuse.modes import NEWS, Mode, mode_of
from naba.reuse.tokens import Tokens, tokenize, tokenize_many

# 0.6: a copy with a new headline and one paragraph in six rewritten keeps ~0.7 of its trigrams;
# two outlets' own reports of one event stay below 0.2 (seeds, examples/).
NEAR_DUPLICATE = 0.6
# Below this many words (a headline, a flash), a text is a near-duplicate only when identical and
# shares a passage only when the passage is all of it, word for word (a flash copied into a longer
# report): "نفي … لوجود غرف سرية" and "تأكيد … لوجود غرف سرية" share 11 of 12 words and say opposite
# things. ANS contradicting headline pairs with a passage: 14 of 2,399 with any passage, 4 with
# verbatim passages only, 0 now.
SHORT = 30


@dataclass
class Reuse:
    """Text `a` (the newer in the index) shares text with `b`."""

    a: str
    b: str
    similarity: float
    near_duplicate: bool
    passages: list[Passage] = field(default_factory=list)


class ReuseIndex:
    """Corpus stage for copies. `add` checks a text against all earlier ones, then indexes it.

    min_ngrams / min_stems: shared fingerprints that make a pair a candidate — 2 sampled trigrams
    (about 16 shared trigrams) or 6 sampled content words (about 50 shared content words).
    text_of: where to read an earlier text back (the store); by default texts are kept in memory.
    mode: "news" (passages paragraph by paragraph, the 20 candidates sharing most fingerprints —
    a wire story republished by hundreds of outlets costs 20 alignments per copy, not hundreds) or
    "document" (long reused stretches, every candidate); see `naba.reuse.modes`.
    max_candidates: overrides the mode's cap (None: the mode's).
    """

    def __init__(self, min_ngrams: int = 2, min_stems: int = 6, near_duplicate: float = NEAR_DUPLICATE,
                 reordered: bool = True, text_of: Callable[[str], str] | None = None, cache: int = 2048,
                 mode: str | Mode = NEWS, max_candidates: int | None = None):
        self.mode = mode_of(mode)
        self.max_candidates = self.mode.max_candidates if max_candidates is None else max_candidates
        self.min_ngrams = min_ngrams
        self.min_stems = min_stems
        self.near_duplicate = near_duplicate
        self.reordered = reordered
        self.text_of = text_of
        self.cache = cache
        self.index_ = FingerprintIndex()
        self.keys_: list[str] = []
        self.texts_: dict[str, str] = {}
        self._tokens: OrderedDict[str, Tokens] = OrderedDict()

    def add(self, key: str, text: str) -> list[Reuse]:
        """Check `text` against everything indexed so far, then index it."""
        return self.add_many([(key, text)])[0][1]

    def add_many(self, items: Sequence[tuple[str, str]]) -> list[tuple[np.ndarray, list[Reuse]]]:
        """`add` each (key, text) in order — each is checked against everything indexed before
        it, the batch's earlier texts included — with the tokenizer and the index working on the
        whole batch at once. Returns each text's fingerprints and its reuse."""
        tokens = tokenize_many([text for _, text in items])
        prints = fingerprints_many(tokens)
        candidates = self.index_.check_and_add(prints, self.min_ngrams, self.min_stems)
        for (key, text), these in zip(items, tokens):
            self._keep(key, text, these)
        return [(p, self._reuse(key, these, found))
                for (key, _), these, p, found in zip(items, tokens, prints, candidates)]

    def index(self, key: str, text: str) -> None:
        """Index a text without checking it."""
        tokens = tokenize(text)
        self.index_.add(fingerprints(tokens))
        self._keep(key, text, tokens)

    def index_stored(self, stored: Iterable[tuple[str, np.ndarray]]) -> None:
        """Index texts by their stored fingerprints, (key, fingerprints) in the order they were
        first indexed, all at once; their texts are read back through `text_of` when needed."""
        stored = list(stored)
        self.index_.add_many([prints for _, prints in stored])
        for key, _ in stored:
            self._keep(key, None, None)

    def _keep(self, key: str, text: str | None, tokens: Tokens | None) -> None:
        """Record an indexed text's key (its document number's), its text and its tokens."""
        self.keys_.append(key)
        if self.text_of is None:
            self.texts_[key] = text or ""
        if tokens is not None:
            self._remember(key, tokens.compact())

    def check(self, key: str, text: str) -> list[Reuse]:
        """Reuse between `text` and the indexed texts (without indexing it), most similar first."""
        tokens = tokenize(text)
        return self._reuse(key, tokens, self.index_.candidates(fingerprints(tokens), self.min_ngrams, self.min_stems))

    def _reuse(self, key: str, tokens: Tokens, candidates: list[tuple[int, int, int]]) -> list[Reuse]:
        """Score and align the text against its candidates (the mode's first few), most similar first."""
        found = []
        for number, _, _ in candidates[:self.max_candidates]:
            other = self.keys_[number]
            if other == key:
                continue
            reuse = self.compare(key, tokens, other, self._tokens_of(other))
            if reuse is not None:
                found.append(reuse)
        return sorted(found, key=lambda r: -r.similarity)

    def compare(self, key: str, tokens: Tokens, other: str, other_tokens: Tokens) -> Reuse | None:
        """Score and align one candidate pair; None when they share no passage."""
        similarity = jaccard(tokens, other_tokens)
        passages = align(tokens, other_tokens, reordered=self.reordered, mode=self.mode)
        near = similarity >= self.near_duplicate
        if min(len(tokens), len(other_tokens)) < SHORT:
            near = tokens.words == other_tokens.words  # one changed word can reverse a short text
            passages = [p for p in passages if p.kind == "verbatim" and _whole_short_text(p, tokens, other_tokens)]
        if not passages and not near:
            return None
        return Reuse(key, other, round(similarity, 3), near, passages)

    def fingerprint_bytes(self) -> int:
        """Memory of the fingerprint postings (the index proper)."""
        return self.index_.nbytes

    def _tokens_of(self, key: str) -> Tokens:
        if key in self._tokens:
            self._tokens.move_to_end(key)
            return self._tokens[key]
        text = self.texts_[key] if self.text_of is None else self.text_of(key)
        return self._remember(key, tokenize(text))

    def _remember(self, key: str, tokens: Tokens) -> Tokens:
        self._tokens[key] = tokens
        while len(self._tokens) > self.cache:
            self._tokens.popitem(last=False)
        return tokens


def _whole_short_text(passage: Passage, a: Tokens, b: Tokens) -> bool:
    """Whether the passage spans every word of the shorter text (a: its a_span side, b: b_span)."""
    span, tokens = (passage.a_span, a) if len(a) <= len(b) else (passage.b_span, b)
    return len(tokens) > 0 and span[0] <= int(tokens.starts[0]) and span[1] >= int(tokens.ends[-1])


def jaccard(a: Tokens, b: Tokens) -> float:
    """Jaccard similarity of the two texts' sets of word trigrams."""
    ga, gb = a.gram_set, b.gram_set
    if not len(ga) or not len(gb):
        return 0.0
    shared = len(np.intersect1d(ga, gb, assume_unique=True))
    return shared / (len(ga) + len(gb) - shared)
