"""Latin spellings of Arabic names (naba.extract.latin), on names written for these tests."""

from __future__ import annotations

import pytest

from naba.extract import latin

# Words the romanizer's dictionary lacks, so its model spells them: made-up surnames, and names whose
# spelling a padded batch changes (أرنولد is "Arnould" alone and "Arnold" beside longer words).
RARE = ["أرنولد", "أوريغون", "أندريا", "أكسفورد", "أربيل", "الزعيبلاوي", "القرنشاوي", "المطيرفي", "الدغيشمي", "البلوشستاني", "الخنيفساوي", "العتيبطي",
        "الشقيراتي", "الكبيسيوني", "السنجقدار"]
NAMES = ["عبد الرحمن الزعيبلاوي", "محمد القرنشاوي", "سارة المطيرفي", "خالد بن سلمان الدغيشمي"] + RARE


@pytest.fixture
def fresh(monkeypatch):
    """The romanizer rebuilt and the name cache emptied, so every name is decoded again."""
    build = latin._romanizer
    build.cache_clear()
    monkeypatch.setattr(latin, "_NAMES", {})
    yield
    build.cache_clear()


def test_letter_transliteration_is_the_fallback(monkeypatch, fresh):
    monkeypatch.setattr(latin, "_romanizer", lambda: None)
    assert latin.transliterate("الخرطوم") == "Al-khrtwm"
    assert latin.transliterate_all(["Reuters", "حماس"]) == {"Reuters": "Reuters", "حماس": "Hmas"}


def test_a_names_spelling_does_not_depend_on_the_names_decoded_with_it(fresh):
    if latin._romanizer() is None:
        pytest.skip("arabic-name-romanizer is not installed")
    alone = {}
    for name in NAMES:
        latin._romanizer.cache_clear()
        latin._NAMES.clear()
        alone[name] = latin.transliterate(name)
    latin._romanizer.cache_clear()
    latin._NAMES.clear()
    assert latin.transliterate_all(NAMES) == alone
    assert all(alone[n] and alone[n].isascii() for n in NAMES)


def test_one_word_names_match_the_romanizers_own_answer(fresh):
    """naba runs the romanizer's model in equal-length batches on one thread; for a one-word name (one
    unit, nothing padded) the package's own runner must give the same spelling."""
    own = pytest.importorskip("arabic_name_romanizer")
    assert latin.transliterate_all(RARE) == {n: own.transliterate(n) for n in RARE}


def test_a_full_cache_empties_without_losing_an_answer(monkeypatch, fresh):
    """The caches empty themselves when full; the answers of the call that fills them, and of the calls
    after, stay the romanizer's (not the letter-by-letter fallback)."""
    if latin._romanizer() is None:
        pytest.skip("arabic-name-romanizer is not installed")
    expected = latin.transliterate_all(NAMES)
    latin._romanizer.cache_clear()
    latin._NAMES.clear()
    monkeypatch.setattr(latin, "_CACHE_LIMIT", 3)
    assert latin.transliterate_all(NAMES[:4]) == {n: expected[n] for n in NAMES[:4]}
    assert latin.transliterate_all(NAMES) == expected
    assert latin.transliterate_all(NAMES[2:]) == {n: expected[n] for n in NAMES[2:]}
