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


def test_an_organisation_named_by_what_it_is_gets_no_spelled_out_latin():
    """«وزارة الخارجية البحرينية» spelled out is "Wazara Kharjia Bahrinia", no name a reader knows: it
    keeps no Latin unless the list has it; a person, a royal foundation and a one-word name are spelled."""
    from naba.extract.resolve import spell_latin

    def entity(name: str, kind: str) -> dict:
        return {"name": name, "type": kind, "latin": None, "variants": [name]}

    entities = [entity("وزارة الخارجية البحرينية", "ORG"), entity("ومجموعة الأزمات الدولية", "ORG"),
                entity("منظمة التجارة العالمية", "ORG"), entity("جامعة الملك سعود", "ORG"),
                entity("أرامكو", "ORG"), entity("خالد الفيصل", "PER")]
    name_known(entities)
    spell_latin([entities])
    latin = {e["name"]: e["latin"] for e in entities}
    assert latin["وزارة الخارجية البحرينية"] is None and latin["ومجموعة الأزمات الدولية"] is None
    assert latin["منظمة التجارة العالمية"] == "World Trade Organization"
    assert all(latin[n] for n in ("جامعة الملك سعود", "أرامكو", "خالد الفيصل"))
