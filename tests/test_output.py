"""naba.output: the files a run writes, GeoJSON of the stories' places among them."""

from __future__ import annotations

import json

from naba.output import json_lines, places_collection, write_outputs


def _doc() -> dict:
    return {"schema": "naba/1", "rejected": [], "articles": [], "reuse": [], "stories": [
        {"id": "s1", "title": "سيول في جدة", "places": [
            {"name": "جدة", "lat": 21.54, "lon": 39.17, "country": "SA", "geonames_id": 105343,
             "mentions": [{"article": "a", "span": [0, 3]}, {"article": "b", "span": [4, 7]}]},
            {"name": "مكان بلا إحداثيات", "lat": None, "lon": None, "mentions": []}]},
        {"id": "s2", "title": "قمة في الرباط", "places": []},
    ]}


def test_places_become_points_named_by_their_story():
    features = places_collection(_doc())["features"]
    assert len(features) == 1
    assert features[0]["geometry"] == {"type": "Point", "coordinates": [39.17, 21.54]}
    assert features[0]["properties"]["story"] == "s1"
    assert features[0]["properties"]["mentions"] == 2


def test_write_outputs_writes_the_geojson_beside_stories_json(tmp_path):
    paths = write_outputs(_doc(), tmp_path)
    names = sorted(p.name for p in paths)
    assert names == ["places.geojson", "report.html", "report.md", "stories.json"]
    geo = json.loads((tmp_path / "places.geojson").read_text("utf-8"))
    assert geo["type"] == "FeatureCollection"
    assert not list(tmp_path.glob("*.tmp"))


def test_stories_json_is_the_document_with_one_article_or_story_to_a_line(tmp_path):
    doc = _doc()
    doc["articles"] = [{"id": f"a{n}", "title": "سيول في جدة", "text": "قال المتحدث: «الوضع\nتحت السيطرة»\u200f",
                        "boilerplate": [], "published": None} for n in range(3)]
    doc["rejected"] = [{"source_path": "مجلد/ملف.bin", "reason": "not text: binary content"}]
    write_outputs(doc, tmp_path)
    text = (tmp_path / "stories.json").read_text("utf-8")
    assert json.loads(text) == doc
    lines = text.splitlines()
    for key in ("rejected", "articles", "stories"):
        start = lines.index(f' "{key}": [')
        end = next(n for n in range(start, len(lines)) if lines[n].startswith(" ]"))
        items = lines[start + 1:end]
        assert [json.loads(line.rstrip(",")) for line in items] == doc[key]
    assert ' "reuse": [],' in lines


def test_json_lines_of_values_that_are_no_document():
    for value in ({}, [], "نص", 3, None, {"nan": float("nan")}, {"مفتاح": {"قائمة": [1, 2]}}):
        assert json.dumps(json.loads("".join(json_lines(value)))) == json.dumps(value)
