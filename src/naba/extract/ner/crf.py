"""The shipped CRF applied without python-crfsuite's tagger: its weights read from the model file, each
word form's share of the scores computed once, Viterbi and forward-backward in NumPy.

python-crfsuite trains the model (`naba.extract.ner.train`) and could tag with it, but it takes every
token's features as strings — about 50 a token, 10 million for 300 news articles — and building them
cost more than tagging. A linear-chain CRF's score of a label at a token is the sum of its features'
weights, and most of a token's features are its word form's own or what its neighbours' word forms
show it (`naba.extract.ner.features.sentence_parts`), so those sums are kept per word form (bounded)
and only the features that depend on the sentence (edges, word pairs, list phrases) are looked up per
token. The labels are the ones crfsuite's tagger gives (the weights are the file's float64 values;
`tests/test_ner.py` checks both the labels and the marginals against it).

The model file is CRFsuite's "lCRF"/"FOMC" format: a 48-byte header, then a "FEAT" chunk of (type,
source, target, float64 weight) records — type 0 an attribute's weight for a label, type 1 a
transition. Attribute and label names are read through python-crfsuite's own dump (`Tagger.info`).
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

from naba.errors import RulesError
from naba.extract.ner.features import NEAR, OFFSETS, WordFeatures, phrase_marks, word_features

__all__ = ["Crf"]

_PREFIXES = {str(o) for o in OFFSETS}
_FEATURE = np.dtype([("type", "<i4"), ("source", "<i4"), ("target", "<i4"), ("weight", "<f8")])
WORD_CACHE = 100_000  # word forms whose score shares are kept (5 x 9 floats each: 36 MB when full)


class Crf:
    """A trained linear-chain CRF over `labels` (in that order; labels the model lacks score -inf)."""

    def __init__(self, path: str | Path, labels: tuple[str, ...]):
        import pycrfsuite

        raw = Path(path).read_bytes()
        magic, _, kind, _ = struct.unpack_from("<4sI4sI", raw, 0)
        chunk, _, count = struct.unpack_from("<4sII", raw, 48)
        if magic != b"lCRF" or kind != b"FOMC" or chunk != b"FEAT":
            raise RulesError(f"{path}: not a CRFsuite model (expected lCRF/FOMC with FEAT at byte 48)")
        records = np.frombuffer(raw, dtype=_FEATURE, count=count, offset=48 + 12)
        reader = pycrfsuite.Tagger()
        reader.open(str(path))
        info = reader.info()
        own = {int(i): name for name, i in info.labels.items()}
        attributes = {int(i): name for name, i in info.attributes.items()}
        column = {i: labels.index(name) for i, name in own.items()}
        self.labels = labels
        self.missing = np.array([lab not in own.values() for lab in labels])
        state = records[records["type"] == 0]
        names = sorted({attributes[int(a)] for a in state["source"]})
        self.rows = {name: row for row, name in enumerate(names)}  # attribute -> its row of `weights`
        self.weights = np.zeros((len(names) + 1, len(labels)))   # the last row: no weight
        for source, target, weight in zip(state["source"].tolist(), state["target"].tolist(), state["weight"]):
            self.weights[self.rows[attributes[source]], column[target]] = weight
        self.transitions = np.zeros((len(labels), len(labels)))
        for record in records[records["type"] == 1]:
            self.transitions[column[int(record["source"])], column[int(record["target"])]] = record["weight"]
        self._edges = {offset: self.weights[self.rows.get(f"{offset}:edge", -1)] for offset in OFFSETS}
        # the words that open a weighted word pair ("bi-=a|b", "bi+=a|b"): other pairs are not looked up
        self._pair_starts = {name[4:].split("|")[0] for name in names if name.startswith(("bi-=", "bi+="))}
        # per feature a word can show: its weight at the word itself, then as seen from each offset
        bases = sorted({name.split(":", 1)[1] if name.split(":", 1)[0] in _PREFIXES else name for name in names})
        self._block_of = {base: i for i, base in enumerate(bases)}
        blocks = [self.weights[[self.rows.get(base, -1)] + [self.rows.get(f"{o}:{base}", -1) for o in OFFSETS]]
                  for base in bases]
        # [bases + 1, 1 + len(OFFSETS), labels]; the last block: no weight
        self._blocks = np.stack(blocks + [np.zeros((1 + len(OFFSETS), len(labels)))])
        self._near_rows = np.array([[1.0]] + [[float(abs(o) <= NEAR)] for o in OFFSETS])
        self._ids: dict[str, int] = {}  # word form -> its row of `_table`
        self._table = np.zeros((1024, 1 + len(OFFSETS), len(labels)))
        self._opens = np.zeros(1024, dtype=bool)  # per row: the word form opens a weighted word pair
        self._starts = np.zeros(1024, dtype=bool)  # per row: a multi-word list entry can start at it

    def _shares(self, tokens: list[WordFeatures]) -> np.ndarray:
        """[words, 1 + len(OFFSETS), labels] for word forms: row 0 its own features' weights, row 1 + k
        what a token sees of it from OFFSETS[k] away (`WordFeatures.seen`), summed for all at once."""
        # a feature in `own` or `near` is not seen from ±2, even where `far` holds the same string
        # (a word's cluster prefix "c1=…" is in both). Each word's list starts with the zero block, so
        # none is empty and the sums add in the features' order.
        zero, block_of = len(self._blocks) - 1, self._block_of
        near, far, near_starts, far_starts = [], [], [], []
        for token in tokens:
            near_starts.append(len(near))
            near.append(zero)
            near += [block_of[f] for f in ("bias", *token.own, *token.near) if f in block_of]
            far_starts.append(len(far))
            far.append(zero)
            far += [block_of[f] for f in token.far if f in block_of]
        return (np.add.reduceat(self._blocks[near], near_starts, axis=0) * self._near_rows
                + np.add.reduceat(self._blocks[far], far_starts, axis=0))

    def _rows_of(self, words: list[str]) -> np.ndarray:
        """Each word form's row of `_table`, its shares computed the first time it is seen (at most
        WORD_CACHE forms are kept: a full table starts again)."""
        ids = self._ids
        new = [w for w in dict.fromkeys(words) if w not in ids]
        if len(ids) + len(new) > WORD_CACHE:
            ids.clear()
            new = list(dict.fromkeys(words))
        if new:
            first, tokens = len(ids), word_features(new)
            if first + len(new) > len(self._table):
                grown = np.zeros((max(2 * len(self._table), first + len(new)), *self._table.shape[1:]))
                grown[:first] = self._table[:first]
                self._table = grown
                self._opens, self._starts = (np.concatenate([flags[:first], np.zeros(len(grown) - first, dtype=bool)])
                                             for flags in (self._opens, self._starts))
            self._table[first:first + len(new)] = self._shares(tokens)
            self._opens[first:first + len(new)] = [t.folded in self._pair_starts for t in tokens]
            self._starts[first:first + len(new)] = [bool(t.phrase_lists) for t in tokens]
            ids.update(zip(new, range(first, first + len(new))))
        return np.fromiter(map(ids.__getitem__, words), dtype=np.intp, count=len(words))

    def emissions(self, words: list[str]) -> np.ndarray:
        """[n, labels] state scores: per token, the sum of its `sentence_features`' weights."""
        return self.article_emissions([words])[0]

    def article_emissions(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """`emissions` of each (non-empty) sentence, the word forms' shares gathered for all at once.

        Only the words' table rows are looked up per token; a word's features are read again only where
        a list phrase can start (its sentence's phrase marks) or a weighted word pair opens."""
        lengths = np.array([len(words) for words in sentences])
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        words = [w for sentence in sentences for w in sentence]
        rows = self._rows_of(words)  # may grow the table
        shares = self._table[rows]
        scores = shares[:, 0].copy()
        position = np.arange(len(words)) - np.repeat(starts, lengths)
        length = np.repeat(lengths, lengths)
        for k, offset in enumerate(OFFSETS, start=1):
            # token i sees token i+offset's features for that offset, or an edge beyond its sentence
            inside = (position + offset >= 0) & (position + offset < length)
            seen = shares[np.clip(np.arange(len(words)) + offset, 0, len(words) - 1), k]
            scores += np.where(inside[:, None], seen, self._edges[offset])
        phrasing = np.searchsorted(starts, np.flatnonzero(self._starts[rows]), side="right") - 1
        for s in np.unique(phrasing).tolist():
            marks = phrase_marks(word_features(sentences[s]))
            if marks:
                first = int(starts[s])
                self._phrase_scores(scores[first:first + len(sentences[s])], marks)
        self._pair_scores(scores, words, np.flatnonzero(self._opens[rows] & (position < length - 1)).tolist())
        scores[:, self.missing] = -np.inf
        return [scores[first:first + n] for first, n in zip(starts.tolist(), lengths.tolist())]

    def _phrase_scores(self, scores: np.ndarray, marks: dict[int, list[str]]) -> None:
        """Add a sentence's list-phrase marks (`phrase_marks`), at the token and as seen from ±1."""
        rows, weights, n = self.rows, self.weights, len(scores)
        for i in sorted({j for m in marks for j in (m - 1, m, m + 1) if 0 <= j < n}):
            extra = list(marks.get(i, ()))
            if i > 0:
                extra += [f"-1:{f}" for f in marks.get(i - 1, ())]
            if i < n - 1:
                extra += [f"1:{f}" for f in marks.get(i + 1, ())]
            for feature in extra:
                if feature in rows:
                    scores[i] += weights[rows[feature]]

    def _pair_scores(self, scores: np.ndarray, words: list[str], openers: list[int]) -> None:
        """Add the weighted word pairs ("bi-=a|b" at b, "bi+=a|b" at a) that start at `openers` (tokens
        that open a weighted pair and are not last in their sentence), in text order: each token gets
        its additions in the order a sentence-by-sentence pass makes them."""
        rows, weights = self.rows, self.weights
        for i in openers:
            this, after = word_features(words[i:i + 2])
            pair = f"{this.folded}|{after.folded}"
            if "bi-=" + pair in rows:
                scores[i + 1] += weights[rows["bi-=" + pair]]
            if "bi+=" + pair in rows:
                scores[i] += weights[rows["bi+=" + pair]]

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """The best label sequence of each sentence (Viterbi, all sentences in one pass, the longest
        first: at step t only the sentences longer than t are stepped)."""
        found = [s for s in sentences if s]
        if not found:
            return [[] for _ in sentences]
        order = sorted(range(len(found)), key=lambda r: -len(found[r]))
        lengths = np.array([len(found[r]) for r in order])
        scores = np.zeros((len(found), lengths[0], len(self.labels)))
        for row, emitted in enumerate(self.article_emissions([found[r] for r in order])):
            scores[row, :len(emitted)] = emitted
        alive = np.searchsorted(-lengths, -np.arange(lengths[0]), side="left")  # rows longer than t
        best = scores[:, 0].copy()
        back = []
        for t in range(1, lengths[0]):
            m = alive[t]
            total = best[:m, :, None] + self.transitions[None]
            arg = total.argmax(1)
            back.append(arg)
            best[:m] = np.take_along_axis(total, arg[:, None], 1)[:, 0] + scores[:m, t]  # the max, read once
        path = np.zeros((len(found), lengths[0]), dtype=np.intp)
        current = best.argmax(1)
        for t in range(lengths[0] - 1, 0, -1):
            m = alive[t]
            path[:m, t] = current[:m]
            current[:m] = back[t - 1][np.arange(m), current[:m]]
        path[:, 0] = current
        tagged = [None] * len(found)
        for row, r in enumerate(order):
            tagged[r] = [self.labels[i] for i in path[row, :lengths[row]]]
        tagged = iter(tagged)
        return [next(tagged) if s else [] for s in sentences]

    def marginals(self, words: list[str]) -> np.ndarray:
        """[n, labels] each label's marginal probability at each token (forward-backward)."""
        scores = self.emissions(words)
        n = len(words)
        alpha, beta = np.zeros_like(scores), np.zeros_like(scores)
        alpha[0] = scores[0]
        for t in range(1, n):
            alpha[t] = _logsumexp(alpha[t - 1][:, None] + self.transitions, 0) + scores[t]
        for t in range(n - 2, -1, -1):
            beta[t] = _logsumexp(self.transitions + (scores[t + 1] + beta[t + 1])[None], 1)
        total = _logsumexp(alpha[-1], 0)
        return np.exp(alpha + beta - total)


def _logsumexp(x: np.ndarray, axis: int) -> np.ndarray:
    top = np.max(np.where(np.isfinite(x), x, -1e300), axis=axis, keepdims=True)
    return (top + np.log(np.exp(x - top).sum(axis=axis, keepdims=True))).squeeze(axis)
