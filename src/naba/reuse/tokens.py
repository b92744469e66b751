"""Words of an article for reuse detection: folded, with their character spans in the clean text.

The tokenizer is whole-text NumPy passes over the code points (fold, find word boundaries, hash
each word); the vocabulary that gives each word its CRC-32 and its stem's is an open-addressing
table looked up for all words at once. Python touches a word only the first time it is seen.
`tokenize_many` runs those passes once over a batch of texts (a run's new articles), so their
fixed cost is shared: ~55 µs a SaudiNewsNet article instead of ~100 one at a time.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace

import numpy as np

from naba.normalize import fold, letter_folding
from naba.reuse.arrays import distinct, distinct_each, spread
from naba.reuse.fingerprints import NGRAM, ngram_hashes
from naba.rules import load_json
from naba.text import has_astral

_DIGIT_PAIRS = tuple(zip("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789"))
_BMP = 0x10000
# Word keys inside the tokenizer: a polynomial over the folded code points, mod 2**64 (odd base,
# the 64-bit FNV prime). Fingerprints are made of the words' CRC-32s, not of these keys.
_BASE = np.uint64(0x100000001B3)
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing: key x this, top bits = table slot


@dataclass(frozen=True)
class Tokens:
    """The words of one text: folded forms, spans `[starts[i], ends[i])` in the text, 32-bit hashes,
    and, for content words (not stop words), their stems' hashes. `words` is spelled out on first
    use (alignment compares hashes)."""

    letters: str = field(repr=False)  # the text's kept characters, folded
    first: np.ndarray = field(repr=False)  # where each word begins and ends (inclusive) in `letters`
    last: np.ndarray = field(repr=False)
    starts: np.ndarray  # int64
    ends: np.ndarray
    hashes: np.ndarray  # uint32, one per word
    content: np.ndarray  # int64 indices of content words
    stems: np.ndarray  # uint32 hashes of the content words' stems, aligned with `content`
    paragraphs: np.ndarray  # int64 paragraph number of each word (a line break starts a paragraph)
    grams: np.ndarray  # uint32 hash of each word trigram, in text order
    gram_set: np.ndarray  # the distinct trigram hashes, sorted
    stem_set: np.ndarray  # the distinct content-word stem hashes, sorted

    @functools.cached_property
    def words(self) -> list[str]:
        """The folded words, in order."""
        letters = self.letters
        return [letters[f:l + 1] for f, l in zip(self.first.tolist(), self.last.tolist())]

    def __len__(self) -> int:
        return len(self.starts)

    def compact(self) -> Tokens:
        """The same tokens with arrays of their own: a batch's tokens are views of the batch's
        arrays, and one view kept (in a cache) would keep all of them alive."""
        return replace(self, **{f.name: getattr(self, f.name).copy() for f in fields(self)
                                            if isinstance(getattr(self, f.name), np.ndarray)})


def stopwords() -> frozenset[str]:
    """The function words of `data/reuse.json`, folded."""
    return _vocabulary()[0]


@functools.cache
def _vocabulary() -> tuple[frozenset[str], tuple[str, ...]]:
    raw = load_json("reuse.json")
    stop = frozenset(fold(w) for w in raw["stopwords"])
    prefixes = tuple(sorted((fold(p) for p in raw["prefixes"]), key=len, reverse=True))
    return stop, prefixes


@dataclass(frozen=True)
class _Tables:
    """Per BMP code point: dropped (diacritics, tatweel, direction marks), its folded form (letter
    forms and digits folded, lower case), and whether the folded form is part of a word (`\\w`)."""

    drop: np.ndarray  # bool
    folded: np.ndarray  # uint32
    word: np.ndarray  # bool, indexed by a folded code point


@functools.cache
def _tables() -> _Tables:
    """Built once from `data/folding.json` (via `letter_folding`): ~0.1 s on first use."""
    folding = letter_folding()
    chars = [chr(c) for c in range(_BMP)]
    drop = np.array([folding.drop.match(c) is not None for c in chars], dtype=bool)
    pairs = dict(folding.pairs)
    pairs.update(_DIGIT_PAIRS)
    # Same order as folding a whole text: letter forms and digits first, then lower case (a
    # character whose lower case is two characters, only "İ", keeps its folded form).
    folded = np.array([ord(f) if len(f := pairs.get(c, c).lower()) == 1 else ord(pairs.get(c, c))
                       for c in chars], dtype=np.uint32)
    word = np.array([c.isalnum() or c == "_" for c in chars], dtype=bool)
    return _Tables(drop, folded, word)


class _Vocabulary:
    """Every folded word seen, numbered, with its CRC-32 and its stem's (-1 for a stop word).

    Words repeat (Zipf): after a few thousand articles almost every word is already here, so a
    text costs a few vectorised probes of an open-addressing table (keyed by the words' 64-bit
    keys) instead of encode + CRC + prefix loop per word. The CRC-32s are what fingerprints are
    made of (they persist in the store), so they do not depend on this cache.
    The table doubles when half full (12 bytes a slot, from 768 KB); the vocabulary is cleared
    when it holds `limit` words, so memory stays bounded (~40 MB at the default).
    """

    def __init__(self, limit: int = 1 << 20, bits: int = 16) -> None:
        self.limit = limit
        self.bits = bits  # the table has 2 ** bits slots
        self.keys = np.zeros(1 << self.bits, dtype=np.uint64)
        self.numbers = np.zeros(1 << self.bits, dtype=np.uint32)  # word number + 1; 0: empty slot
        self.size = 0
        self.hashes = np.zeros(1024, dtype=np.uint32)
        self.stems = np.zeros(1024, dtype=np.int64)

    def lookup(self, keys: np.ndarray, letters: str, first: np.ndarray, last: np.ndarray) -> np.ndarray:
        """Word numbers of `keys`; a word not seen before is spelled from `letters[first:last + 1]`."""
        numbers, slots = self._probe(keys)
        missing = np.flatnonzero(numbers < 0)
        if len(missing):
            bits, size = self.bits, self.size
            if self.size + len(missing) > self.limit:
                self._clear()
            while 2 * (self.size + len(missing)) > len(self.keys):  # keep it at most half full
                self._grow()
            if (bits, size) != (self.bits, self.size):  # the slots moved
                numbers, slots = self._probe(keys)
                missing = np.flatnonzero(numbers < 0)
            words = [letters[f:l + 1] for f, l in zip(first[missing].tolist(), last[missing].tolist())]
            numbers[missing] = self._learn(keys[missing], slots[missing], words)
        return numbers

    def _probe(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Word numbers of `keys` (-1 where unknown) and the slots where the probes ended: the
        key's slot, or the empty slot where it would go (linear probing).

        Half full, ~94% of a text's keys end at their home slot (SaudiNewsNet: 19 of 303 go on),
        but chains run to ~40 slots, so NumPy rounds of one slot each cost ~5 rounds of fixed
        overhead a text. One vectorised look at the home slots, then, for one text, a plain loop
        for the few that go on (~19 µs a text instead of ~47); for a batch of texts (hundreds that
        go on), the rounds, whose fixed cost the batch shares.
        """
        slots = self._home(keys)
        stored = self.numbers[slots]
        numbers = stored.astype(np.int64) - 1  # an empty slot (0) gives -1
        going_on = np.flatnonzero((stored > 0) & (self.keys[slots] != keys))  # another word's slot
        if len(going_on) > _ROUNDS_FROM:
            mask, rest = np.int64((1 << self.bits) - 1), going_on
            while len(rest):  # one slot further each round, for the keys still on another word's slot
                slots[rest] = (slots[rest] + 1) & mask
                stored = self.numbers[slots[rest]]
                numbers[rest] = stored.astype(np.int64) - 1
                rest = rest[(stored > 0) & (self.keys[slots[rest]] != keys[rest])]
        elif len(going_on):
            # memoryviews: indexing one gives a Python int in ~1/3 the time of a NumPy scalar
            mask, table_keys, table_numbers = (1 << self.bits) - 1, memoryview(self.keys), memoryview(self.numbers)
            ends, found = [], []
            for key, slot in zip(keys[going_on].tolist(), slots[going_on].tolist()):
                slot = (slot + 1) & mask
                while (number := table_numbers[slot]) and table_keys[slot] != key:
                    slot = (slot + 1) & mask
                ends.append(slot)
                found.append(number - 1)
            slots[going_on], numbers[going_on] = ends, found
        return numbers, slots

    def _learn(self, keys: np.ndarray, slots: np.ndarray, words: list[str]) -> np.ndarray:
        """Number new words, store them from their probes' empty slots on, and return their
        numbers: all at once, so a new word costs its CRC-32s, not a dozen NumPy scalar writes.
        A text may hold a new word twice (a dict, not np.unique: ~16 words, its fixed cost won)."""
        number_of: dict[int, int] = {}
        firsts = []  # where each new word is first met
        for k, key in enumerate(keys.tolist()):
            if key not in number_of:
                number_of[key] = self.size + len(firsts)
                firsts.append(k)
        start, self.size = self.size, self.size + len(firsts)
        if self.size > len(self.hashes):  # double (np.resize past 2x returns a view of 3 copies)
            capacity = max(2 * len(self.hashes), self.size)
            self.hashes = np.concatenate([self.hashes, np.zeros(capacity - len(self.hashes), dtype=np.uint32)])
            self.stems = np.concatenate([self.stems, np.zeros(capacity - len(self.stems), dtype=np.int64)])
        stop, _ = _vocabulary()
        new = [words[k] for k in firsts]
        self.hashes[start:self.size] = [zlib.crc32(word.encode()) for word in new]
        self.stems[start:self.size] = [-1 if word in stop or len(word) <= 1 else zlib.crc32(_stem(word).encode())
                                       for word in new]
        self._place(keys[firsts], np.arange(start + 1, self.size + 1, dtype=np.uint32), slots[firsts])
        return np.array([number_of[key] for key in keys.tolist()], dtype=np.int64)

    def _grow(self) -> None:
        """Double the table and put every word back (all at once, by rounds of linear probing)."""
        held = np.flatnonzero(self.numbers)
        keys, numbers = self.keys[held], self.numbers[held]
        self.bits += 1
        self.keys = np.zeros(1 << self.bits, dtype=np.uint64)
        self.numbers = np.zeros(1 << self.bits, dtype=np.uint32)
        self._place(keys, numbers, self._home(keys))

    def _place(self, keys: np.ndarray, numbers: np.ndarray, slots: np.ndarray) -> None:
        """Store keys not in the table, each at the first empty slot from `slots` on (by rounds of
        linear probing, one key per free slot a round)."""
        if len(set(slots.tolist())) == len(slots) and not self.numbers[slots].any():
            self.keys[slots], self.numbers[slots] = keys, numbers  # the usual case for new words
            return
        mask = (1 << self.bits) - 1
        while len(keys):
            free = np.flatnonzero(self.numbers[slots] == 0)
            _, first = np.unique(slots[free], return_index=True)
            placed = free[first]
            self.keys[slots[placed]], self.numbers[slots[placed]] = keys[placed], numbers[placed]
            waiting = np.ones(len(keys), dtype=bool)
            waiting[placed] = False
            keys, numbers, slots = keys[waiting], numbers[waiting], (slots[waiting] + 1) & mask

    def _home(self, keys: np.ndarray) -> np.ndarray:
        return ((keys * _GOLDEN) >> np.uint64(64 - self.bits)).astype(np.int64)

    def _clear(self) -> None:
        self.keys[:] = 0
        self.numbers[:] = 0
        self.size = 0


@functools.cache
def _known() -> _Vocabulary:
    return _Vocabulary()


def tokenize(text: str) -> Tokens:
    """Split `text` into folded words with their spans in `text`.

    >>> t = tokenize("قالت الوزارةُ: «المعارضة»")
    >>> t.words, [text for text in ("قالت الوزارةُ: «المعارضة»"[s:e] for s, e in zip(t.starts, t.ends))]
    (['قالت', 'الوزاره', 'المعارضه'], ['قالت', 'الوزارة', 'المعارضة'])
    """
    return tokenize_many([text])[0]


# Texts are tokenized together up to this many characters: each NumPy pass then runs once over
# a few hundred articles instead of once per article, whose fixed cost (~1 µs a call, ~60 calls)
# is most of a news article's time. A longer text goes alone.
_BATCH_CHARS = 1 << 17
_SEPARATOR = " "  # between texts in a batch: not part of a word, never dropped
_ROUNDS_FROM = 256  # table probes that go on past their home slot: NumPy rounds from this many


def tokenize_many(texts: Sequence[str]) -> list[Tokens]:
    """`tokenize` of each text (the same Tokens), by whole-batch passes."""
    out: list[Tokens] = []
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and size + len(text) > _BATCH_CHARS:
            out.extend(_tokenize_batch(batch))
            batch, size = [], 0
        batch.append(text)
        size += len(text) + 1
    if batch:
        out.extend(_tokenize_batch(batch))
    return out


def _tokenize_batch(texts: list[str]) -> list[Tokens]:
    tables = _tables()
    joined = _SEPARATOR.join(texts)
    lengths = np.array([len(t) for t in texts], dtype=np.int64)
    text_starts = np.cumsum(lengths + 1) - (lengths + 1)  # where each text begins in `joined`
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    # Emoji and rare scripts (astral) are kept as written and Python is asked whether they are
    # word characters; most texts have none, and then the clamp and the checks are skipped.
    astral_text = len(codes) and codes.max() >= _BMP
    bmp = np.minimum(codes, _BMP - 1) if astral_text else codes
    dropped = tables.drop[bmp]
    if dropped.any():
        kept = np.flatnonzero(~dropped)
        bmp = bmp[kept]
    else:
        kept = np.arange(len(codes))
    folded = tables.folded[bmp]  # a new array (fancy indexing), so writable below
    is_word = tables.word[folded]
    if astral_text:
        astral = np.flatnonzero(codes[kept] >= _BMP)
        folded[astral] = codes[kept[astral]]
        is_word[astral] = [joined[i].isalnum() for i in kept[astral].tolist()]
    first, last = _runs(is_word)
    letters = folded.tobytes().decode("utf-32-le", "surrogatepass")
    known = _known()
    numbers = known.lookup(_word_keys(folded, first, last), letters, first, last)
    hashes = known.hashes[numbers]
    stem_of = known.stems[numbers]
    content = np.flatnonzero(stem_of >= 0)
    stems = stem_of[content].astype(np.uint32)
    starts, ends = kept[first], kept[last] + 1
    newlines = np.flatnonzero(codes == 10)
    paragraphs = np.searchsorted(newlines, starts)  # a line break starts one
    grams = ngram_hashes(hashes)
    if len(texts) == 1:  # one text (a caller's single `tokenize`): no parts to cut
        return [Tokens(letters, first, last, starts, ends, hashes, content, stems, paragraphs, grams,
                       distinct(grams), distinct(stems))]
    # Each text's part of every array, by where the texts begin (and end) in each; positions
    # made relative to the text in one pass per array, so a text costs only its slices.
    n = len(texts)
    kept_at = np.searchsorted(kept, np.concatenate([text_starts, text_starts + lengths]))
    word_bounds = np.append(np.searchsorted(first, kept_at[:n]), len(first))
    word_counts = np.diff(word_bounds)
    content_at = np.searchsorted(content, word_bounds)
    content_counts = np.diff(content_at)
    word_text = np.repeat(np.arange(n), word_counts)
    first, last = first - kept_at[:n][word_text], last - kept_at[:n][word_text]
    starts, ends = starts - text_starts[word_text], ends - text_starts[word_text]
    paragraphs -= np.searchsorted(newlines, text_starts)[word_text]
    content -= np.repeat(word_bounds[:-1], content_counts)
    # Trigrams over all words, less those that run from one text into the next.
    gram_counts = np.maximum(word_counts - (NGRAM - 1), 0)
    grams = grams[spread(word_bounds[:-1], gram_counts)]
    gram_at = np.append(0, np.cumsum(gram_counts))
    gram_set, gram_set_at = distinct_each(grams, np.repeat(np.arange(n), gram_counts), n)
    stem_set, stem_set_at = distinct_each(stems, np.repeat(np.arange(n), content_counts), n)
    return [Tokens(letters[k0:k1], first[w0:w1], last[w0:w1], starts[w0:w1], ends[w0:w1], hashes[w0:w1],
                   content[c0:c1], stems[c0:c1], paragraphs[w0:w1], grams[r0:r1], gram_set[g0:g1], stem_set[s0:s1])
            for k0, k1, w0, w1, c0, c1, r0, r1, g0, g1, s0, s1 in zip(
                *_pairs(kept_at[:n], kept_at[n:]), *_pairs(word_bounds), *_pairs(content_at), *_pairs(gram_at),
                *_pairs(gram_set_at), *_pairs(stem_set_at))]


def _pairs(starts: np.ndarray, ends: np.ndarray | None = None) -> tuple[list[int], list[int]]:
    """(starts, ends) as lists; with one array of bounds, its consecutive pairs."""
    if ends is None:
        starts, ends = starts[:-1], starts[1:]
    return starts.tolist(), ends.tolist()


def _runs(is_word: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each run of True begins and ends (inclusive): one pass over the changes, which
    alternate begin, end + 1 (np.diff with prepend/append costs ~10 µs more an article)."""
    padded = np.zeros(len(is_word) + 2, dtype=bool)
    padded[1:-1] = is_word
    changes = np.flatnonzero(padded[1:] != padded[:-1])
    return changes[0::2], changes[1::2] - 1


def _word_keys(folded: np.ndarray, first: np.ndarray, last: np.ndarray) -> np.ndarray:
    """A 64-bit polynomial key of each word's folded code points (words are `[first, last]` runs):
    sum of code[first + k] * _BASE ** k, mod 2**64. From prefix sums over the whole text,
    P[i] = sum of code[j] * _BASE ** j for j < i: key = (P[last + 1] - P[first]) * _BASE ** -first
    (_BASE is odd, so invertible mod 2**64). Half the time of a per-word reduceat."""
    if not len(first):
        return np.zeros(0, dtype=np.uint64)
    n = len(folded)
    powers, inverses = _powers(n + 1)
    prefix = np.zeros(n + 1, dtype=np.uint64)
    np.cumsum(folded * powers[:n], out=prefix[1:])  # uint32 x uint64 -> uint64, wraps mod 2**64
    return (prefix[last + 1] - prefix[first]) * inverses[first]


# Power tables are kept for batches up to this many characters (2 x 8 bytes a character, ~8 MB
# for all sizes up to it); a longer text, rare, gets its own tables, which its other passes outweigh.
_CACHED_POWERS = 2 * _BATCH_CHARS


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """_BASE ** k and _BASE ** -k (mod 2**64) for k < n (at least)."""
    size = max(64, 1 << (n - 1).bit_length())
    return _cached_powers(size) if size <= _CACHED_POWERS else _power_tables(size)


@functools.cache
def _cached_powers(n: int) -> tuple[np.ndarray, np.ndarray]:  # n a power of two: a few tables at most
    return _power_tables(n)


def _power_tables(n: int) -> tuple[np.ndarray, np.ndarray]:
    tables = []
    for base in (int(_BASE), pow(int(_BASE), -1, 1 << 64)):
        powers = np.full(n, base, dtype=np.uint64)
        powers[0] = 1
        tables.append(np.cumprod(powers, dtype=np.uint64))
    return tables[0], tables[1]


def _stem(word: str) -> str:
    """The word without the first of the (longest first) prefixes that leaves three letters."""
    found = _prefix_match()(word)
    return word[found.end():] if found else word


@functools.cache
def _prefix_match():
    """The prefixes as one regex: alternation tries them in the listed order (longest first) and
    backtracks past one whose lookahead fails (fewer than three letters left), so it finds what a
    startswith loop finds, in half the time (~0.3 µs a word; every new word is stemmed)."""
    _, prefixes = _vocabulary()
    return re.compile("(?:" + "|".join(map(re.escape, prefixes)) + ")(?=.{3})", re.DOTALL).match


def content_stems(text: str) -> list[str]:
    """The stems of a text's content words, in order (stop words left out)."""
    return stems_of(folded_words(text))


def folded_words(text: str) -> list[str]:
    """`tokenize(text).words` without its NumPy passes: `str.translate` with the tokenizer's own
    tables (`_translation`), for a caller that needs the words alone — 12 µs against 180 for a
    150-character clause, 420 against 900 for a 5,000-character article. A text with astral
    characters goes through `tokenize`, which asks Python about them."""
    if has_astral(text):
        return list(tokenize(text).words)
    return text.translate(_translation()).split()


def stems_of(words: Iterable[str]) -> list[str]:
    """The stems of folded words that are content words (not stop words, longer than a letter), in order."""
    stop, _ = _vocabulary()
    return [_stem(w) for w in words if len(w) > 1 and w not in stop]


def stems_of_each(pieces: list[str]) -> list[list[str]]:
    """The content-word stems of each of `pieces` (short strings: words with their punctuation),
    as `content_stems` gives them, in one `str.translate` over them all."""
    text = "\n".join(pieces)
    if has_astral(text):  # the tokenizer asks Python about them
        tokens = tokenize(text)
        found: list[list[str]] = [[] for _ in pieces]
        for piece, stem in zip(tokens.paragraphs[tokens.content].tolist(), word_stems(tokens)):
            found[piece].append(stem)
        return found
    return [stems_of(line.split()) for line in text.translate(_translation()).split("\n")]


@functools.cache
def _translation() -> dict[int, str | None]:
    """Per BMP code point, what `tokenize` makes of it: dropped (None), a space (not part of a word;
    line breaks kept), or its folded form — only the code points that change."""
    tables = _tables()
    table: dict[int, str | None] = {}
    for code in range(_BMP):
        folded = int(tables.folded[code])
        if tables.drop[code]:
            table[code] = None
        elif not tables.word[folded]:
            if code != 10:
                table[code] = " "
        elif folded != code:
            table[code] = chr(folded)
    return table


def word_stems(tokens: Tokens) -> list[str]:
    """The stems of tokenized content words, in order (aligned with `tokens.content`)."""
    return [_stem(tokens.words[i]) for i in tokens.content]
