"""Arabic folding for matching: what it folds, that it is idempotent, and that offsets round-trip."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naba.normalize import _fold_chars, fold, folding, normalize

ARABIC_ALPHABET = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىةٱ"      # letters, hamza seats, alef forms
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"  # diacritics
    "\u0640"                                   # tatweel
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹0123456789"           # Arabic-Indic, Persian and ASCII digits
    "،؛؟«»“”„‘’\"'.,:!-–— \n\t\u00a0\u200f\u200e"  # punctuation, quotes, spaces, direction marks
    "ABCxyzΣς"
)
arabic_text = st.text(alphabet=ARABIC_ALPHABET, max_size=200)
# and what folds one character into two: lam-alef ligatures, the ellipsis, ß/İ/ﬁ under case folding; and
# other presentation forms: letters (ﻣ ﺤ), a word (ﷲ), spacing diacritics (ﹰ ﱞ) that fold to nothing
widening_text = st.text(alphabet=ARABIC_ALPHABET + "ﻻﻷ…ßİﬁﻣﺤﷲﹰﱞ", max_size=200)


@pytest.mark.parametrize("raw, folded", [
    ("الأخبـــار", "الاخبار"),                    # tatweel, hamza-on-alef
    ("إلى المُدُنِ", "الي المدن"),                 # alef with hamza below, alef maqsura, diacritics
    ("مدرسة", "مدرسه"),                         # ta marbuta
    ("مسؤول", "مسوول"),                         # hamza on waw
    ("رئيس", "رييس"),                           # hamza on ya
    ("آذار ٢٠٢٤", "اذار 2024"),                  # madda, Arabic-Indic digits
    ("۱۴۴۶ هـ", "1446 ه"),                      # Persian digits
    ("مدینة", "مدينه"),                         # Persian yeh
    ("قال: «نعم»", 'قال: "نعم"'),               # guillemets
    ("“نعم” و„لا“", '"نعم" و"لا"'),             # curly and low quotes
    ("لماذا؟ لأنّه، كما قيل؛", "لماذا? لانه, كما قيل;"),  # Arabic punctuation
    ("دمشق – بيروت", "دمشق - بيروت"),          # en dash
    ("BBC  عربي\n\nاليوم", "bbc عربي اليوم"),   # Latin lower-cased, whitespace collapsed
    ("\u200fسوريا\u200e", "سوريا"),             # direction marks
])
def test_fold(raw, folded):
    assert fold(raw) == folded


@given(arabic_text)
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


@given(widening_text)
def test_normalize_agrees_with_fold(text):
    assert normalize(text).folded == fold(text)


def normalize_one_char_at_a_time(text):
    """The reference `normalize` speeds up: its per-character path over the whole text (each character
    folded on its own, whitespace runs collapsed to one space, none at either end)."""
    chars, offsets = [], []
    _fold_chars(text, 0, len(text), folding(), chars, offsets, -1)
    return "".join(chars), tuple(offsets) + (len(text),)


@given(widening_text)
@settings(max_examples=500)
def test_normalize_gives_what_one_character_at_a_time_gives(text):
    n = normalize(text)
    assert (n.folded, n.offsets) == normalize_one_char_at_a_time(text)


@given(arabic_text)
@settings(max_examples=300)
def test_every_folded_char_maps_back_to_its_source(text):
    n = normalize(text)
    assert len(n.offsets) == len(n.folded) + 1
    for i, char in enumerate(n.folded):
        source = n.original[n.offsets[i]]
        assert char == " " and source.isspace() or char in fold(source) or char in source.casefold()


@given(arabic_text, st.data())
def test_spans_round_trip(text, data):
    n = normalize(text)
    start = data.draw(st.integers(0, len(n.folded)))
    end = data.draw(st.integers(start, len(n.folded)))
    s, e = n.to_original(start, end)
    assert 0 <= s <= e <= len(text)
    assert fold(text[s:e]) == n.folded[start:end].strip()


def test_span_of_a_word_maps_to_the_word_as_written():
    text = "قال الوزيـــر: «الأمْن أولاً»"
    n = normalize(text)
    start = n.folded.index("الامن")
    s, e = n.to_original(start, start + len("الامن"))
    assert text[s:e] == "الأمْن"


def test_out_of_range_span_is_refused_with_the_lengths():
    with pytest.raises(ValueError, match="outside the folded text"):
        normalize("نص").to_original(0, 10)
