"""naba.extract.known_names: the list of Latin names for organisations and foreign names."""

from __future__ import annotations

import pytest

from naba.extract.known_names import known_latin, name_known


@pytest.mark.parametrize("name, kind, latin", [
    ("سيرغي لافروف", "PER", "Sergey Lavrov"),
    ("سيرجي لافروف", "PER", "Sergey Lavrov"),      # ج for g: listed as its own spelling
    ("لافروف", "PER", "Lavrov"),                     # the surname alone
    ("رجب طيب اردوغان", "PER", "Recep Tayyip Erdoğan"),  # bare alef: one spelling key with أ
    ("الأمم المتّحدة", "ORG", "United Nations"),      # a diacritic
    ("الامم المتحده", "ORG", "United Nations"),       # ة written ه, hamza dropped
    ("تيلجرام", "MISC", "Telegram"),                 # the ORG MISC section serves both types
    ("تيلجرام", "ORG", "Telegram"),
    ("بلومبيرغ", "MISC", "Bloomberg"),               # a medium the tagger may call MISC
    ("الشرق الأوسط", "ORG", "Asharq Al-Awsat"),
    ("الشرق الأوسط", "MISC", None),                  # the newspaper only as an organisation
    ("الشرق الاوسط", "LOC", "Middle East"),          # the region, where GeoNames has no place
    ("العربية", "ORG", "Al Arabiya"),
    ("العربية", "MISC", None),                       # the language, not the channel: ORG only
    ("لافروف", "ORG", None),                         # a person's name is no organisation
    ("بشار الأسد", "PER", None),                     # Arabic names are the romanizer's
])
def test_known_latin(name, kind, latin):
    assert known_latin(name, kind) == latin


def test_the_entity_name_comes_before_its_variants():
    entity = {"name": "رجب طيب أردوغان", "type": "PER", "latin": None,
              "variants": ["أردوغان", "رجب طيب أردوغان", "الرئيس التركي"]}
    name_known([entity])
    assert entity["latin"] == "Recep Tayyip Erdoğan"


def test_a_latin_name_already_given_is_kept():
    entity = {"name": "الجزيرة", "type": "ORG", "latin": "Al Jazeera Media Network", "variants": ["الجزيرة"]}
    name_known([entity])
    assert entity["latin"] == "Al Jazeera Media Network"
