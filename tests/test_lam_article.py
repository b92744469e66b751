"""The لل spelling rule (`naba.extract.ner.lexicon.definite_after_lam`): ل before the article drops the
article's alef in writing (ل + الأسد is «للأسد»), and every stage that reads names reads it that way."""

from __future__ import annotations

import pytest

from naba.extract.ner.consistency import consistent
from naba.extract.ner.lexicon import definite_after_lam, fold_word
from naba.extract.ner.stage import _place_type
from naba.extract.places import find_place_mentions
from naba.extract.resolve import spelling_key


@pytest.mark.parametrize("written, definite", [
    ("للأسد", "الأسد"),
    ("للولايات", "الولايات"),
    ("للأمم", "الأمم"),
    ("للرياض", "الرياض"),
    ("لللاجئين", "اللاجئين"),  # the word's own lam stays: only the article's alef was dropped
    ("للقاهرةِ", "القاهرةِ"),   # a diacritic at the end folds away
])
def test_a_word_written_with_lam_lam_is_lam_and_a_word_with_the_article(written, definite):
    assert definite_after_lam(fold_word(written)) == fold_word(definite)


@pytest.mark.parametrize("word", ["لبنان", "الأسد", "بالعراق", "ليبيا", "لأردوغان", "ل", ""])
def test_a_word_not_written_with_lam_lam_has_no_such_reading(word):
    assert definite_after_lam(fold_word(word)) is None


def test_places_read_a_town_behind_lam_lam():
    [mention] = find_place_mentions("وصلت المساعدات للقاهرة أمس.")
    assert mention["name"] == fold_word("القاهرة") and mention["text"] == "لقاهرة"


def test_entity_types_read_a_country_behind_lam_lam():
    assert _place_type("للولايات المتحدة") == "GPE"


def test_resolution_keys_meet_behind_lam_lam():
    assert spelling_key("للأمم المتحدة") == spelling_key("الأمم المتحدة")


def test_a_tagged_name_spreads_to_its_occurrence_behind_lam_lam():
    sentences = [["زار", "الأسد", "دمشق"], ["وقال", "مصدر", "للأسد", "إن"]]
    labels = [["O", "B-PER", "B-LOC"], ["O", "O", "O", "O"]]
    assert consistent(sentences, labels)[1] == ["O", "O", "B-PER", "O"]
