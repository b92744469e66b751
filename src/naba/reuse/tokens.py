"""Words of an article for reuse detection: folded, with their character spans in the clean text."""

from __future__ import annotations

import functools
import re
import zlib
from dataclasses import dataclass

import numpy as np

from naba.normalize import fold, letter_folding
from naba.rules import load_json

_WORD = re.compile(r"\w+")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


@dataclass(frozen=True)
class Tokens:
    """The words of one text: folded forms, spans `[starts[i], ends[i])` in the text, 32-bit hashes,
    and, for content words (not stop words), their stems' hashes."""

    words: list[str]
    starts: np.ndarray  # int64
    ends: np.ndarray
    hashes: np.ndarray  # uint32, one per word
    content: np.ndarray  # int64 indices of content words
    stems: np.ndarray  # uint32 hashes of the content words' stems, aligned with `content`
    paragraphs: np.ndarray  # int64 paragraph number of each word (a line break starts a paragraph)
    grams: np.ndarray = None  # uint32 hash of each word trigram, in text order (set by tokenize)
    gram_set: np.ndarray = None  # the distinct trigram hashes, sorted
    stem_set: np.ndarray = None  # the distinct content-word stem hashes, sorted

    def __len__(self) -> int:
        return len(self.words)


@functools.cache
def _vocabulary() -> tuple[frozenset[str], tuple[str, ...]]:
    raw = load_json("reuse.json")
    stop = frozenset(fold(w) for w in raw["stopwords"])
    prefixes = tuple(sorted((fold(p) for p in raw["prefixes"]), key=len, reverse=True))
    return stop, prefixes


_DIGIT_PAIRS = tuple(zip("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"))


class _Vocabulary:
    """Every folded word seen, numbered, with its CRC-32 and its stem's (-1 for a stop word).

    Words repeat (Zipf): after a few thousand articles almost every word is already here, so a
    text costs one dictionary lookup per word instead of encode + CRC + prefix loop per word.
    Cleared when it holds `limit` words (~120 bytes a word), so memory stays bounded.
    """

    def __init__(self, limit: int = 1 << 20) -> None:
        self.limit = limit
        self.ids: dict[str, int] = {}
        self.hashes = np.zeros(1024, dtype=np.uint32)
        self.stems = np.zeros(1024, dtype=np.int64)

    def lookup(self, words: list[str]) -> np.ndarray:
        found = list(map(self.ids.get, words))
        if None in found:
            self._learn({w for w, number in zip(words, found) if number is None})
            found = list(map(self.ids.__getitem__, words))
        return np.array(found, dtype=np.int64)

    def _learn(self, words: set[str]) -> None:
        if len(self.ids) + len(words) > self.limit:
            self.ids.clear()
        stop, prefixes = _vocabulary()
        start = len(self.ids)
        end = start + len(words)
        if end > len(self.hashes):
            size = max(end, 2 * len(self.hashes))
            self.hashes = np.resize(self.hashes, size)
            self.stems = np.resize(self.stems, size)
        for number, word in enumerate(words, start):
            self.ids[word] = number
            self.hashes[number] = zlib.crc32(word.encode())
            self.stems[number] = -1 if word in stop or len(word) <= 1 else zlib.crc32(_stem(word, prefixes).encode())


@functools.cache
def _word_table() -> np.ndarray:
    """Which BMP code points the `\\w` of `re` matches (str.isalnum or "_"): 64 KB, built on first use."""
    return np.array([c.isalnum() or c == "_" for c in map(chr, range(0x10000))], dtype=bool)


@functools.cache
def _known() -> _Vocabulary:
    return _Vocabulary()


def tokenize(text: str) -> Tokens:
    """Split `text` into folded words with their spans in `text`.

    >>> t = tokenize("قالت الوزارةُ: «المعارضة»")
    >>> t.words, [text for text in ("قالت الوزارةُ: «المعارضة»"[s:e] for s, e in zip(t.starts, t.ends))]
    (['قالت', 'الوزاره', 'المعارضه'], ['قالت', 'الوزارة', 'المعارضة'])
    """
    from naba.reuse.fingerprints import ngram_hashes

    folded, shifts = letter_folding().fold(text)
    for digit, ascii_digit in _DIGIT_PAIRS:  # str.translate is ~10x slower on Arabic text
        if digit in folded:
            folded = folded.replace(digit, ascii_digit)
    lowered = folded.lower()
    if len(lowered) == len(folded):  # no character grew (only İ does): spans from one vector pass
        words = _WORD.findall(lowered)
        starts, lasts = _word_spans(lowered)
    else:
        matches = list(_WORD.finditer(folded))
        words = [m.group().lower() for m in matches]
        starts = np.array([m.start() for m in matches], dtype=np.int64)
        lasts = np.array([m.end() - 1 for m in matches], dtype=np.int64)
    if shifts:
        shift = np.asarray(shifts, dtype=np.int64)
        starts = starts + np.searchsorted(shift, starts, side="right")
        lasts = lasts + np.searchsorted(shift, lasts, side="right")
    known = _known()
    ids = known.lookup(words)
    hashes = known.hashes[ids]
    stem_of = known.stems[ids]
    content = np.flatnonzero(stem_of >= 0)
    stems = stem_of[content].astype(np.uint32)
    breaks = np.fromiter((m.start() for m in re.finditer("\n", text)), dtype=np.int64)
    grams = ngram_hashes(hashes)
    return Tokens(words, starts, lasts + 1, hashes, content, stems,
                  np.searchsorted(breaks, starts), grams, np.unique(grams), np.unique(stems))


def _word_spans(text: str) -> tuple[np.ndarray, np.ndarray]:
    """First and last positions of every `\\w+` run of `text`."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    is_word = _word_table()[np.minimum(codes, 0xFFFF)]
    astral = np.flatnonzero(codes > 0xFFFF)  # emoji and rare scripts: ask Python
    if len(astral):
        is_word[astral] = [text[i].isalnum() for i in astral.tolist()]
    edges = np.diff(is_word.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1) - 1


def _stem(word: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    return word


def _hash_all(words: list[str]) -> np.ndarray:
    return np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint32, count=len(words))


def content_stems(text: str) -> list[str]:
    """The stems of a text's content words, in order (stop words left out)."""
    tokens = tokenize(text)
    _, prefixes = _vocabulary()
    return [_stem(tokens.words[i], prefixes) for i in tokens.content]
