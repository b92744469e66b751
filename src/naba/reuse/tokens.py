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


def tokenize(text: str) -> Tokens:
    """Split `text` into folded words with their spans in `text`.

    >>> t = tokenize("قالت الوزارةُ: «المعارضة»")
    >>> t.words, [text for text in ("قالت الوزارةُ: «المعارضة»"[s:e] for s, e in zip(t.starts, t.ends))]
    (['قالت', 'الوزاره', 'المعارضه'], ['قالت', 'الوزارة', 'المعارضة'])
    """
    folded, shifts = letter_folding().fold(text)
    folded = folded.translate(_DIGITS)
    matches = list(_WORD.finditer(folded))
    words = [m.group().lower() for m in matches]
    starts = np.fromiter((m.start() for m in matches), dtype=np.int64, count=len(matches))
    lasts = np.fromiter((m.end() - 1 for m in matches), dtype=np.int64, count=len(matches))
    if shifts:
        shift = np.asarray(shifts, dtype=np.int64)
        starts = starts + np.searchsorted(shift, starts, side="right")
        lasts = lasts + np.searchsorted(shift, lasts, side="right")
    stop, prefixes = _vocabulary()
    content = [i for i, w in enumerate(words) if w not in stop and len(w) > 1]
    from naba.reuse.fingerprints import ngram_hashes

    breaks = np.fromiter((m.start() for m in re.finditer("\n", text)), dtype=np.int64)
    hashes = _hash_all(words)
    grams = ngram_hashes(hashes)
    stems = _hash_all([_stem(words[i], prefixes) for i in content])
    return Tokens(words, starts, lasts + 1, hashes, np.asarray(content, dtype=np.int64), stems,
                  np.searchsorted(breaks, starts), grams, np.unique(grams), np.unique(stems))


def _stem(word: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    return word


def _hash_all(words: list[str]) -> np.ndarray:
    return np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint32, count=len(words))
