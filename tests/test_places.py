"""naba.extract.places: gazetteer matching, story-level resolution and GeoJSON, on sentences written here."""

from __future__ import annotations

import json
import math

import pytest

from naba.errors import RulesError
from naba.extract import gazetteer as gazetteer_module
from naba.extract.places import find_place_mentions, place_mentions, places_geojson, resolve_places
from naba.model import Article


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    return 6371 * math.acos(min(1.0, math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)))


def names(text: str) -> list[str]:
    return [m["text"] for m in find_place_mentions(text)]


def story(*texts: str) -> list[dict]:
    """Resolve the places of a story made of `texts` (article ids a0, a1, …)."""
    articles = {f"a{i}": text for i, text in enumerate(texts)}
    mentions = [{**m, "article": aid} for aid, text in articles.items() for m in find_place_mentions(text)]
    return resolve_places(mentions, articles)


@pytest.mark.parametrize("text, expected", [
    ("وصل الوفد إلى دمشق صباحاً.", ["دمشق"]),
    ("اجتمع الوزراء بدمشق أمس.", ["دمشق"]),
    ("وحلب ما زالت تحت الحصار.", ["حلب"]),
    ("عاد اللاجئون إلى بالرستن وللرياض.", ["الرستن", "لرياض"]),
    ("ووصلت القافلة إلى وبالقنيطرة ليلاً.", ["القنيطرة"]),
    ("نُقل الجرحى من ريف دمشق إلى بيروت.", ["ريف دمشق", "بيروت"]),
    ("اشتعلت النيران قرب تلبيسة الواقعة شمال حمص.", ["تلبيسة", "حمص"]),
])
def test_proclitics_are_stripped_from_the_span(text, expected):
    assert names(text) == expected


def test_spans_index_the_text_with_diacritics():
    text = "دخلت القواتُ حِمْصَ فجراً."
    [mention] = find_place_mentions(text)
    assert text[slice(*mention["span"])] == "حِمْصَ" and mention["name"] == "حمص"


@pytest.mark.parametrize("text", [
    "حقق فريق النصر فوزاً كبيراً وسط الأمل بلقب جديد.",
    "قال إنه أكد دون تردد أن الأمر ليس سهلاً.",
    "أعلنت الحكومة في بيان صدر الخميس أنها ستراجع القرار.",
    "نقلت «القدس العربي» عن مصادرها أن الاجتماع تأجل.",
])
def test_common_words_are_not_places(text):
    assert names(text) == []


def test_small_town_name_needs_a_place_word():
    # صور is a town in Lebanon and the word "pictures"
    assert names("نشرت الوكالة صور الدمار في الحي.") == []
    assert names("سقطت قذيفة على مدينة صور جنوب لبنان.") == ["صور", "لبنان"]


def test_west_bank_of_a_river_is_not_palestine():
    assert names("عبرت القوات نهر الفرات إلى الضفة الغربية ليلاً.") == []
    assert names("اقتحم الجيش بلدات في الضفة الغربية.") == ["الضفة الغربية"]


@pytest.mark.parametrize("text, province", [
    ("دارت اشتباكات في محافظة حمص الشرقية.", True),
    ("دارت اشتباكات في ريف حلب الجنوبي.", True),
    ("دارت اشتباكات داخل مدينة حمص القديمة.", False),
])
def test_province_word_marks_the_province(text, province):
    mention = next(m for m in find_place_mentions(text) if "حمص" in m["name"] or "حلب" in m["name"])
    assert mention["province"] is province


def test_province_resolves_to_the_province_and_town_to_the_town():
    places = story("قصفت الطائرات محافظتي حمص وحماة، ثم توقفت المعارك داخل حمص.")
    by_feature = {(p["name_en"], p["feature"]) for p in places}
    assert {("Homs Governorate", "ADM1"), ("Hama Governorate", "ADM1"), ("Homs", "PPL")} <= by_feature
    town = next(p for p in places if p["name_en"] == "Homs")
    assert km(town["lat"], town["lon"], 34.73, 36.71) < 10


@pytest.mark.parametrize("context, country, lat, lon", [
    ("وصل وفد من بيروت إلى طرابلس شمال لبنان لبحث أزمة الكهرباء.", "LB", 34.44, 35.83),
    ("اشتبكت الميليشيات في طرابلس قرب مصراتة وبنغازي في ليبيا.", "LY", 32.89, 13.19),
])
def test_ambiguous_name_follows_the_story_country(context, country, lat, lon):
    tripoli = next(p for p in story(context) if p["name"] == "طرابلس")
    assert tripoli["country"] == country and km(tripoli["lat"], tripoli["lon"], lat, lon) < 15


def test_adjectives_vote_for_the_country():
    # القنيطرة is a Syrian town and a Moroccan city (Kenitra); "السورية" decides
    [place] = [p for p in story("تقدمت القوات السورية نحو القنيطرة.") if p["name"] == "القنيطرة"]
    assert place["country"] == "SY"


def test_population_breaks_a_tie_without_context():
    [place] = story("سافر الفريق إلى طرابلس.")
    assert place["country"] == "LY"  # Tripoli, Libya (1.3M) over Tripoli, Lebanon (230k)


def test_mentions_are_grouped_and_resolution_is_deterministic():
    texts = ("وصل الوفد إلى عمّان ثم غادر الأردن.", "استقبلت عمان الوفد القادم من دمشق.")
    first, second = story(*texts), story(*texts)
    assert first == second
    amman = next(p for p in first if p["name_en"] == "Amman")
    assert amman["country"] == "JO" and {m["article"] for m in amman["mentions"]} == {"a0", "a1"}


def test_mentions_without_names_are_read_in_context():
    text = "اتسعت المعارك في محافظة إدلب وريف حلب."
    start = text.index("حلب")
    places = resolve_places([{"article": "x", "text": "حلب", "span": [start, start + 3]}], {"x": text})
    assert [p["name_en"] for p in places] == ["Aleppo Governorate"]


def test_entities_from_ner_join_the_mentions():
    text = "عقد اللقاء في مدينة بنها شمال القاهرة."
    start = text.index("بنها")
    entities = [{"text": "بنها", "type": "GPE", "span": [start, start + 4]},
                {"text": "اللقاء", "type": "ORG", "span": [4, 10]}]
    article = Article(body=text, source_kind="text", text=text, entities=entities)
    article.id = "art1"
    found = place_mentions(article)
    assert [m["text"] for m in found] == ["بنها", "القاهرة"] and {m["article"] for m in found} == {"art1"}


def test_unknown_entity_is_not_invented():
    text = "زار الوفد قرية زهرة الوادي البعيدة."
    start = text.index("زهرة")
    entities = [{"text": "زهرة الوادي", "type": "LOC", "span": [start, start + 11]}]
    assert find_place_mentions(text, entities) == []


@pytest.mark.parametrize("text", ["", "   \n", "Damascus and Homs, in English only.", "١٢٣ ٤٥٦"])
def test_bad_input_gives_no_places(text):
    assert find_place_mentions(text) == [] and resolve_places([]) == []


def test_very_long_text():
    text = "وصلت المساعدات إلى حلب وحماة. " * 5000
    found = find_place_mentions(text)
    assert len(found) == 10000 and text[slice(*found[-1]["span"])] == "حماة"


def test_geojson_is_a_feature_collection_with_lon_lat_points():
    collection = places_geojson(story("وصل الوفد إلى دمشق قادماً من الدوحة."))
    json.dumps(collection)  # serialisable as is
    assert collection["type"] == "FeatureCollection"
    damascus = next(f for f in collection["features"] if f["properties"]["name"] == "دمشق")
    lon, lat = damascus["geometry"]["coordinates"]
    assert km(lat, lon, 33.51, 36.29) < 5 and damascus["properties"]["country"] == "SY"
    assert damascus["properties"]["mentions"] == 1


def test_malformed_places_file_is_reported(monkeypatch):
    monkeypatch.setattr(gazetteer_module, "load_json", lambda name: {"province_words": "ريف"})
    with pytest.raises(RulesError, match="province_words"):
        gazetteer_module.load_gazetteer()
