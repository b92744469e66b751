"""CRF features of a tokenised sentence: word forms, clitics, affixes, shape, lists and clusters.

Each token gets its own features and those of its neighbours (±2 words; lists, clusters and
clitics ±1), as `name=value` strings the way python-crfsuite takes them.

>>> feats = sentence_features(["قال", "وزير", "الخارجية", "سيرغي", "لافروف"])
>>> "w=لافروف" in feats[4], "-1:w=سيرغي" in feats[4], "list=person_titles" in feats[1]
(True, True, True)
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from naba.extract.ner.lexicon import (
    FEATURE_LISTS,
    fold_word,
    lexicon,
    phrase_length,
    strip_clitics,
)

__all__ = ["NEAR", "OFFSETS", "WordFeatures", "phrase_marks", "sentence_features", "sentence_parts", "word_features",
           "word_forms"]

MAX_WORD = 40  # longer tokens (URLs, letter runs) are looked at through their first characters
# word forms whose features are kept (about 1.4 KB each: ~140 MB when full); 500 SaudiNewsNet articles
# hold 62,400 forms, and at 50,000 a fifth of their features were made twice
TOKEN_CACHE = 100_000
OFFSETS = (-2, -1, 1, 2)  # the neighbours a token reads: their "far" features, and within NEAR "near" and phrases
NEAR = 1


# Arabic-block characters that are not digits: a word of these alone is of shape "a" (most words)
_ARABIC_ONLY = re.compile("[\u0600-\u065F\u066A-\u06EF\u06FA-\u06FF\u0750-\u077F]+")


def _shape(word: str) -> str:
    """A coarse script/shape class: arabic, latin, Latin capitalised, digit, punct, mixed."""
    if _ARABIC_ONLY.fullmatch(word, 0, MAX_WORD):
        return "a"
    return _shape_by_characters(word)


def _shape_by_characters(word: str) -> str:
    kinds = set()
    for c in word[:MAX_WORD]:
        if c.isdigit():
            kinds.add("d")
        elif "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f":
            kinds.add("a")
        elif c.isalpha():
            kinds.add("L" if c.isupper() else "l")
        elif unicodedata.category(c).startswith("P") or unicodedata.category(c).startswith("S"):
            kinds.add("p")
    return "".join(sorted(kinds)) or "o"


def _token(word: str) -> WordFeatures:
    """One token's features, and the copies of them its neighbours carry, built once per word form."""
    return _TOKENS[word]


def word_features(words: list[str]) -> list[WordFeatures]:
    """`_token` of each word (a dict lookup each: callers pass whole sentences and articles)."""
    return list(map(_TOKENS.__getitem__, words))


def _word_features(word: str) -> WordFeatures:
    lex = lexicon()
    folded = fold_word(word[:MAX_WORD])
    pre, stem = strip_clitics(folded) if folded else ("", folded)
    far = [f"w={folded}", f"st={stem}"]
    near = [f"pre={pre}", f"sh={_shape(word)}"]
    near += [f"list={name}" for name in lex.flags(folded, stem)]
    for form, tag in ((folded, "c"), (stem, "sc")):
        ids = lex.clusters.get(form)
        if ids:
            near += [f"{tag}{i}={c}" for i, c in enumerate(ids)]
            far.append(f"{tag}1={ids[1]}")
    # written out, not as comprehensions over n: a fifth of the time of a word's features went to them
    own = (f"p1={stem[:1]}", f"p2={stem[:2]}", f"p3={stem[:3]}", f"s1={folded[-1:]}", f"s2={folded[-2:]}",
           f"s3={folded[-3:]}", f"len={min(len(stem), 8)}", f"pal={'ال' in pre}")
    return WordFeatures(folded, stem, own, tuple(near), tuple(far), lex.phrase_lists(folded, stem))


class WordFeatures(NamedTuple):
    """A word form's features, in three groups by how far they are copied to the neighbours: `own` only
    its own, `near` also to ±1, `far` to ±2."""

    folded: str
    stem: str
    own: tuple[str, ...]
    near: tuple[str, ...]
    far: tuple[str, ...]
    phrase_lists: frozenset[str]  # the lists with a multi-word entry that can start here (`Lexicon.phrase_lists`)

    @property
    def features(self) -> tuple[str, ...]:
        """Its own features."""
        return ("bias", *self.own, *self.near, *self.far)

    def seen(self, offset: int) -> list[str]:
        """What the token `offset` words away sees of it: `far` (and `near` at ±1), prefixed "offset:".
        No other feature a word shows is prefixed this way (`naba.extract.ner.crf` relies on it)."""
        return [f"{offset}:{f}" for f in (self.far + self.near if abs(offset) <= NEAR else self.far)]


class _Tokens(dict):
    """WordFeatures by word form, made on first sight (at most `TOKEN_CACHE`, then started afresh): a
    dict's own lookups, mapped over a sentence's words, where an lru_cache's calls cost ten times more
    (1.5 against 0.15 µs a token; an article has ~900 tokens, read by the CRF and the tagger's last steps)."""

    def __missing__(self, word: str) -> WordFeatures:
        if len(self) >= TOKEN_CACHE:
            self.clear()
        token = self[word] = _word_features(word)
        return token


_TOKENS = _Tokens()


def _phrase_flags(tokens: list[WordFeatures]) -> list[list[str]]:
    """B-/I- marks for multi-word list entries (GeoNames towns, countries, regions), one list per token."""
    marks = phrase_marks(tokens)
    return [marks.get(i, []) for i in range(len(tokens))]


_LIST_ORDER = {name: k for k, name in enumerate(FEATURE_LISTS)}


def phrase_marks(tokens: list[WordFeatures]) -> dict[int, list[str]]:
    """The B-/I- marks for multi-word list entries over a sentence, by token, for the marked tokens only
    (few sentences have any). Each token's marks come list by list in FEATURE_LISTS order, then by where
    the entry starts: the order the CRF adds their weights in."""
    starts = [(i, t.phrase_lists) for i, t in enumerate(tokens) if t.phrase_lists]
    if not starts:
        return {}
    lex = lexicon()
    folded, stems = [t.folded for t in tokens], [t.stem for t in tokens]
    found = []
    for i, lists in starts:
        for name in lists:
            n = name in _LIST_ORDER and phrase_length(folded, stems, i, lex.phrases[name])
            if n:
                found.append((_LIST_ORDER[name], i, n))
    marks: dict[int, list[str]] = {}
    for k, i, n in sorted(found):
        name = FEATURE_LISTS[k]
        marks.setdefault(i, []).append(f"ph=B-{name}")
        for j in range(i + 1, i + n):
            marks.setdefault(j, []).append(f"ph=I-{name}")
    return marks


def word_forms(words: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Each word folded, and its stem (without proclitics), as the features see them.

    Remembered for the last sentences asked: the tagger's last steps (`naba.extract.ner.tagger`) each
    read the same sentence's forms, eight times in all (0.9 s of 2.4 s finishing 500 articles)."""
    return _sentence_forms(tuple(words))


def word_form(word: str) -> tuple[str, str]:
    """One word folded, and its stem, as `word_forms` gives them (not filling its sentence cache)."""
    token = _token(word)
    return token.folded, token.stem


@functools.lru_cache(maxsize=1024)  # a long article's sentences, read again after the spreading
def _sentence_forms(words: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    tokens = word_features(words)
    return tuple(t.folded for t in tokens), tuple(t.stem for t in tokens)


def sentence_parts(words: list[str]) -> tuple[list[WordFeatures], list[list[str]]]:
    """A sentence's tokens and, per token, its list-phrase marks (the features that depend on the
    sentence beyond the words' own). `sentence_features` lays them out; `naba.extract.ner.crf` scores
    the same layout without building the strings."""
    tokens = word_features(words)
    return tokens, _phrase_flags(tokens)


def sentence_features(words: list[str]) -> list[list[str]]:
    """CRF features of each token of one sentence."""
    tokens, phrases = sentence_parts(words)
    out = []
    last = len(tokens) - 1
    for i, token in enumerate(tokens):
        feats = [*token.features, *phrases[i]]
        for offset in OFFSETS:
            j = i + offset
            if not 0 <= j <= last:
                feats.append(f"{offset}:edge")
                continue
            feats += tokens[j].seen(offset)
            if abs(offset) <= NEAR:
                feats += [f"{offset}:{f}" for f in phrases[j]]
        if i > 0:
            feats.append(f"bi-={tokens[i - 1].folded}|{token.folded}")
        if i < last:
            feats.append(f"bi+={token.folded}|{tokens[i + 1].folded}")
        out.append(feats)
    return out
