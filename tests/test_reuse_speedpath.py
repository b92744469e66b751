"""The reuse index's fast paths give what their plain formulas give (see src/naba/reuse/)."""

import numpy as np
import pytest

from naba.reuse.fingerprints import _MIX, _sampled, ngram_hashes
from naba.reuse.index import _insert_sorted
from naba.reuse.tokens import _word_keys, tokenize

RNG = np.random.default_rng(7)


def reference_ngram_hashes(word_hashes, n=3):
    h = word_hashes.astype(np.uint64)
    if len(h) < n:
        return np.zeros(0, dtype=np.uint32)
    mixed = np.zeros(len(h) - n + 1, dtype=np.uint64)
    for k in range(n):
        mixed = (mixed ^ h[k:len(h) - n + 1 + k]) * _MIX[k % 3]
        mixed ^= mixed >> np.uint64(29)
    return (mixed & np.uint64(0xFFFFFFFF)).astype(np.uint32)


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_ngram_hashes_match_the_plain_formula(n):
    for size in (0, 1, 2, 3, 50):
        hashes = RNG.integers(0, 2**32, size, dtype=np.uint32)
        assert ngram_hashes(hashes, n).tolist() == reference_ngram_hashes(hashes, n).tolist()


@pytest.mark.parametrize("rate", [1, 2, 6, 8, 13, 16])
def test_sampling_mask_is_the_modulo_test(rate):
    hashes = RNG.integers(0, 2**32, 5000, dtype=np.uint32)
    assert (_sampled(hashes, rate) == ((hashes >> np.uint32(1)) % np.uint32(rate) == 0)).all()


def test_word_keys_are_the_per_word_polynomial():
    text = "قالت الوزارةُ: «المعارضة» 😀 abc_1 ١٢٣\nسطر"
    tokens = tokenize(text)
    codes = np.array([ord(c) for c in tokens.letters], dtype=np.uint32)
    base, mask = 0x100000001B3, (1 << 64) - 1
    expected = []
    for f, l in zip(tokens.first.tolist(), tokens.last.tolist()):
        key = 0
        for k, code in enumerate(codes[f:l + 1].tolist()):
            key = (key + code * pow(base, k, 1 << 64)) & mask
        expected.append(key)
    assert _word_keys(codes, tokens.first, tokens.last).tolist() == expected


def test_sorted_insert_is_np_insert():
    ordered = np.sort(RNG.choice(2**40, 300, replace=False).astype(np.uint64))
    for values in (ordered[:0], np.sort(RNG.choice(2**40, 20, replace=False).astype(np.uint64) * 2 + 1)):
        expected = np.insert(ordered, np.searchsorted(ordered, values), values)
        assert _insert_sorted(ordered, values).tolist() == expected.tolist()


def test_prefix_regex_stems_as_the_startswith_loop():
    from naba.reuse.tokens import _stem, _vocabulary

    _, prefixes = _vocabulary()

    def loop(word):
        for prefix in prefixes:
            if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                return word[len(prefix):]
        return word

    words = [p + tail for p in prefixes + ("", "و", "ب") for tail in ("", "ا", "اب", "ابت", "ابتس", "ال", "الكتاب")]
    assert [_stem(w) for w in words] == [loop(w) for w in words]


def test_a_text_longer_than_the_cached_power_tables_tokenizes_the_same(monkeypatch):
    import naba.reuse.tokens as tokens_module

    text = "قالت الوزارةُ: «المعارضة» ١٢٣ abc\n" * 20
    expected = tokenize(text)
    monkeypatch.setattr(tokens_module, "_CACHED_POWERS", 64)  # every table made afresh
    again = tokenize(text)
    assert again.words == expected.words and again.hashes.tolist() == expected.hashes.tolist()
