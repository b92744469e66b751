"""The reuse index's fast paths give what their plain formulas give (see src/naba/reuse/)."""

import numpy as np
import pytest

from naba.reuse.fingerprints import _MIX, _sampled, ngram_hashes
from naba.reuse.arrays import insert_sorted as _insert_sorted
from naba.reuse.arrays import member
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


def test_membership_in_a_sorted_set_is_np_isin():
    # the aligner's trigram and stem hashes of two Arabic texts, and random sets: empty, one value, values
    # below, between and above the set's, repeated values
    a = tokenize("أعلنت وزارة الصحة تسجيل ثلاث إصابات جديدة في جدة، وقالت الوزارة إن المصابين بحالة مستقرة.")
    b = tokenize("سجلت وزارة الصحة ثلاث إصابات جديدة في جدة، وأوضحت أن حالة المصابين مستقرة.")
    cases = [(a.grams, b.gram_set), (b.grams, a.gram_set), (a.stems, b.stem_set), (a.grams, a.gram_set[:0])]
    for size in (0, 1, 5, 300):
        ordered = np.unique(RNG.integers(100, 200, size).astype(np.uint32))
        cases.append((RNG.integers(0, 300, 400).astype(np.uint32), ordered))
    for values, ordered in cases:
        assert member(values, ordered).tolist() == np.isin(values, ordered).tolist()
    assert any(member(a.grams, b.gram_set)) and not all(member(a.grams, b.gram_set))


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


# ---- batches: tokenize_many, fingerprints_many, check_and_add, ReuseIndex.add_many --------------

def example_texts() -> list[str]:
    """The bundled example corpus's texts (UTF-8 .txt and wire.jsonl), and texts on the edges of
    the tokenizer: empty, a lone diacritic, a lone letter, emoji, line breaks, digits."""
    import json
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "examples"
    texts = []
    for path in sorted(root.glob("*/*.txt")):
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            continue  # the cp1256 example
    with open(root / "wire.jsonl", encoding="utf-8") as stream:
        texts += [json.loads(line)["text"] for line in stream if line.strip()]
    return texts + ["", "\u064b", "و", "قال الوزير", "😀 قال\nالوزير 😀", "ـــ\n\n", "عام ١٤٤٥ هـ\nسطر"]


def copies_of(texts: list[str]) -> list[str]:
    """The texts, then texts reusing them: halves swapped, a paragraph dropped, two glued."""
    out = list(texts)
    for a, b in zip(texts, texts[1:]):
        paragraphs = [p for p in a.split("\n") if p.strip()]
        out.append("\n".join(paragraphs[len(paragraphs) // 2:] + paragraphs[:len(paragraphs) // 2]))
        out.append("\n".join(paragraphs[1:]))
        out.append(a + "\n" + b)
    return out


FIELDS = ("letters", "first", "last", "starts", "ends", "hashes", "content", "stems", "paragraphs", "grams",
          "gram_set", "stem_set")


@pytest.mark.parametrize("batch_chars", [1 << 17, 3000])
def test_tokenize_many_gives_each_text_what_tokenize_gives(monkeypatch, batch_chars):
    import naba.reuse.tokens as tokens_module
    from naba.reuse.tokens import tokenize_many

    monkeypatch.setattr(tokens_module, "_BATCH_CHARS", batch_chars)  # 3000: several batches, long texts alone
    texts = copies_of(example_texts())
    for text, many in zip(texts, tokenize_many(texts), strict=True):
        one = tokenize(text)
        for name in FIELDS:
            a, b = getattr(one, name), getattr(many, name)
            assert (a == b) if isinstance(a, str) else (a.dtype == b.dtype and a.tolist() == b.tolist()), name


def test_fingerprints_many_are_each_texts_fingerprints():
    from naba.reuse.fingerprints import fingerprints, fingerprints_many
    from naba.reuse.tokens import tokenize_many

    batch = tokenize_many(copies_of(example_texts()))
    assert [p.tolist() for p in fingerprints_many(batch)] == [fingerprints(t).tolist() for t in batch]


@pytest.mark.parametrize("limits", [(1000, 300), (3, 2)])
def test_check_and_add_gives_the_one_at_a_time_candidates(limits):
    from naba.reuse.fingerprints import fingerprints_many
    from naba.reuse.index import FingerprintIndex
    from naba.reuse.tokens import tokenize_many

    prints = fingerprints_many(tokenize_many(copies_of(example_texts())))
    one, many = FingerprintIndex(*limits), FingerprintIndex(*limits)
    expected = []
    for p in prints:
        expected.append(one.candidates(p, 2, 6))
        one.add(p)
    got, start = [], 0
    for size in (1, 2, 5, 17, 1000):  # batch sizes, the last one takes the rest
        got += many.check_and_add(prints[start:start + size], 2, 6)
        start += size
    assert got == expected
    assert sum(map(len, expected)) > len(prints)  # the copies met their sources
    assert one.nbytes == many.nbytes and one.keys_.tolist() == many.keys_.tolist()


def test_reuse_index_add_many_is_add_one_at_a_time():
    from naba.reuse.detect import ReuseIndex

    texts = copies_of(example_texts())
    one, many = ReuseIndex(), ReuseIndex()
    expected = [one.add(str(k), t) for k, t in enumerate(texts)]
    got = [found for _, found in many.add_many([(str(k), t) for k, t in enumerate(texts)])]
    assert got == expected and any(expected)


def test_kept_tokens_do_not_hold_their_batch():
    from naba.reuse.detect import ReuseIndex

    index = ReuseIndex()
    index.add_many([(str(k), t) for k, t in enumerate(example_texts())])
    for tokens in index._tokens.values():
        assert all(getattr(tokens, name).base is None for name in FIELDS if name != "letters")
