"""What the pages are built from, without a server: text segments and spans, the SVG map and
timeline, and the story page's view of a filled story (Arabic written for these tests)."""

from __future__ import annotations

import re

import pytest
from test_web_support import bridge_articles, bridge_story

from naba.report.charts import entry_day, timeline_svg
from naba.report.maps import basemap, fit_view, map_svg
from naba.web.spans import Highlight, passage, segments

TEXT = "قال وزير الصحة في عمّان، الأحد، إن «الوضع تحت السيطرة»؛ وأضاف أن ٣ مستشفيات جاهزة."


def test_segments_rebuild_the_text():
    pieces = segments(TEXT, [Highlight(4, 14, "entity-per"), Highlight(18, 23, "place")])
    assert "".join(p.text for p in pieces) == TEXT
    assert [(p.text, p.kind) for p in pieces if p.kind] == [("وزير الصحة", "entity-per"), ("عمّان", "place")]


@pytest.mark.parametrize("spans", [[(-5, 3)], [(80, 500)], [(10, 10)], [(12, 4)], [(0, 20), (5, 9)], []])
def test_segments_survive_bad_and_overlapping_spans(spans):
    pieces = segments(TEXT, [Highlight(s, e, "date") for s, e in spans])
    assert "".join(p.text for p in pieces) == TEXT


def test_segments_of_empty_text():
    assert segments("", [Highlight(0, 4, "place")]) == []


@pytest.mark.parametrize(("span", "expected"), [([18, 23], "عمّان"), ([0, 999], ""), (None, ""), (["a", 3], ""),
                                                ([5, 2], "")])
def test_passage(span, expected):
    assert passage(TEXT, span) == expected


def test_map_zooms_to_its_places():
    svg = map_svg([{"name": "الموصل", "lat": 36.34, "lon": 43.13}, {"name": "بغداد", "lat": 33.34, "lon": 44.40}])
    dots = [(float(x), float(y)) for x, y in re.findall(r'<circle cx="([\d.-]+)" cy="([\d.-]+)"', svg)]
    assert len(dots) == 2 and all(0 < x < 640 and 0 < y < 400 for x, y in dots)
    assert dots[0][1] < dots[1][1]  # Mosul is north of Baghdad
    assert "<title>Iraq</title>" in svg and "<title>Brazil</title>" not in svg


def _mentioned(name, lat, lon, n):
    return {"name": name, "lat": lat, "lon": lon, "mentions": [{"article": "a", "span": [0, 1]}] * n}


def test_a_story_in_one_region_is_framed_there_with_far_places_at_the_edge():
    """The seeds' story (Syria) names Russia and China: the map had drawn the world with the Syrian
    places one blob. Now it frames Syria and its neighbours and points to Russia and China."""
    svg = map_svg([_mentioned("دمشق", 33.51, 36.29, 20), _mentioned("حمص", 34.72, 36.73, 17),
                   _mentioned("حلب", 36.20, 37.16, 5), _mentioned("أنقرة", 39.92, 32.85, 1),
                   _mentioned("روسيا", 61.5, 105.3, 9), _mentioned("الصين", 35.9, 104.2, 4)])
    dots = re.findall(r"<circle [^>]*><title>([^<]+)</title>", svg)
    assert sorted(dots) == sorted(["دمشق", "حمص", "حلب", "أنقرة"])
    beyond = re.findall(r'<g class="beyond"[^>]*><title>([^<]+)</title>', svg)
    assert beyond == ["روسيا", "الصين"]
    assert "<title>Syria</title>" in svg and "<title>Brazil</title>" not in svg
    arrows = [(float(x), float(y)) for x, y in re.findall(r'<g class="beyond" transform="translate\(([\d.]+) ([\d.]+)\)"', svg)]
    assert len(arrows) == 2 and all(x > 600 for x, _ in arrows)  # east of the frame: at its right edge


def test_a_story_across_regions_is_framed_whole():
    """A story about Russia and Ukraine: Russia's point is in Siberia, so its region holds too few
    mentions to frame alone, and Moscow and Kyiv stay on the map."""
    svg = map_svg([_mentioned("روسيا", 61.5, 105.3, 6), _mentioned("موسكو", 55.75, 37.62, 5),
                   _mentioned("كييف", 50.45, 30.52, 5)])
    assert len(re.findall("<circle ", svg)) == 3 and 'class="beyond"' not in svg


def test_a_story_across_the_antimeridian_is_framed_across_it():
    """Fiji (178° E) and Tonga (175° W) are 800 km apart: the map had framed the whole world between
    them. Now the frame runs east across the 180th meridian, Tonga east of Fiji, both islands drawn."""
    svg = map_svg([_mentioned("سوفا", -18.14, 178.44, 3), _mentioned("نوكوالوفا", -21.14, -175.2, 2)])
    dots = {name: (float(x), float(y)) for x, y, name in
            re.findall(r'<circle cx="([\d.-]+)" cy="([\d.-]+)"[^>]*><title>([^<]+)</title>', svg)}
    assert set(dots) == {"سوفا", "نوكوالوفا"} and all(0 < x < 640 and 0 < y < 400 for x, y in dots.values())
    assert dots["نوكوالوفا"][0] > dots["سوفا"][0] + 200  # east, a few hundred pixels, not the world's width
    assert "<title>Fiji</title>" in svg and "<title>Tonga</title>" in svg and "<title>Brazil</title>" not in svg


def test_map_labels_sit_left_of_their_dots_on_a_right_to_left_page():
    """Under the page's right-to-left direction, text-anchor "end" was the label's left end: names
    were drawn over their dots. Each label says its own direction."""
    svg = map_svg([{"name": "الموصل", "lat": 36.34, "lon": 43.13}])
    (cx,) = re.findall(r'<circle cx="([\d.]+)"', svg)
    (x, anchor) = re.findall(r'<text x="([\d.]+)" [^>]*direction="rtl" text-anchor="(\w+)"', svg)[0]
    assert anchor == "start" and float(x) < float(cx)


def test_map_view_keeps_the_picture_aspect():
    view = fit_view([(36.29, 33.51)], 640, 400)
    assert view.west < 36.29 < view.east and view.south < 33.51 < view.north
    import math

    on_screen = (view.east - view.west) * math.cos(math.radians((view.north + view.south) / 2))
    assert on_screen / (view.north - view.south) == pytest.approx(640 / 400, rel=0.01)


@pytest.mark.parametrize("places", [[], None, [{"name": "بلا إحداثيات"}], [{"name": "خطأ", "lat": "شمال", "lon": 3}],
                                    [{"name": "خارج", "lat": 95, "lon": 10}]])
def test_map_without_located_places_is_empty(places):
    assert map_svg(places) == ""


def test_map_escapes_place_names():
    svg = map_svg([{"name": "<script>alert(1)</script>", "lat": 30.04, "lon": 31.24}])
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_basemap_has_every_country():
    names = {ring.country for ring in basemap()}
    assert {"Iraq", "Syria", "Morocco", "Egypt", "Saudi Arabia"} <= names


def test_timeline_runs_right_to_left():
    svg = timeline_svg([{"date": "2025-09-10", "text": "الثاني"}, {"date": "2025-09-09", "text": "الأول"}])
    first_x, second_x = (float(x) for x in re.findall(r'<circle cx="([\d.]+)"', svg))
    assert first_x > second_x  # the earliest dot is drawn first, on the right
    assert svg.index("الأول") < svg.index("الثاني")


@pytest.mark.parametrize(("value", "day"), [("2025-09-09", "2025-09-09"), ("2025-09", "2025-09-01"),
                                            ("2025", "2025-01-01"), ("2025-09-09T06:30:00+03:00", "2025-09-09"),
                                            ("2025-13-40", None), ("أمس", None), (None, None)])
def test_entry_day(value, day):
    assert (entry_day(value).isoformat() if entry_day(value) else None) == day


def test_timeline_escapes_text():
    svg = timeline_svg([{"date": "2025-01-01", "text": "<b>عاجل</b>"}])
    assert "<b>" not in svg and "&lt;b&gt;عاجل" in svg


def test_story_page_view_resolves_citations_and_outlets():
    pytest.importorskip("markupsafe", reason="the web extra is not installed: pip install 'naba[web]'")
    from naba.web.views import story_page

    a, b = bridge_articles()
    page = story_page(bridge_story(a, b), [a, b], [])
    assert page["brief"][0]["citations"][0]["passage"] == "انهار جسرٌ قديم على نهر دجلة في مدينة الموصل"
    assert page["outlets"] == ["صدى المدينة", "نبض الخليج"]
    assert [row["cells"] for row in page["matrix"]] == [["own", "own"], ["", "own"]]
    assert [g["speaker"] for g in page["speakers"]] == ["أحمد الجبوري", "سالم الحسني"]
    assert page["map"] and page["timeline"] and page["publication"]


def test_story_page_view_of_a_citation_outside_the_text():
    pytest.importorskip("markupsafe", reason="the web extra is not installed: pip install 'naba[web]'")
    from naba.web.views import story_page

    a, b = bridge_articles()
    story = {**bridge_story(a, b), "summary": [{"text": "جملة", "citations": [{"article": a.id, "span": [0, 10**6]},
                                                                             {"article": "absent", "span": [0, 4]}]}]}
    cites = story_page(story, [a, b], [])["brief"][0]["citations"]
    assert [c["passage"] for c in cites] == ["(المقطع غير متاح)", "(المقطع غير متاح)"]


def test_an_outlet_that_only_copied_a_fact_is_marked_as_copying():
    pytest.importorskip("markupsafe", reason="the web extra is not installed: pip install 'naba[web]'")
    from naba.web.views import story_page

    a, b = bridge_articles()
    story = bridge_story(a, b)
    story["facts"][0]["copies"] = [b.id]
    assert story_page(story, [a, b], [])["matrix"][0]["cells"] == ["own", "copy"]


def test_the_speakers_note_counts_the_groups_shown():
    """«26 متحدثاً من 32؛ الباقون في JSON» appeared with all 26 groups shown: raw spellings were counted."""
    pytest.importorskip("markupsafe", reason="the web extra is not installed: pip install 'naba[web]'")
    from naba.web.views import story_page

    a, b = bridge_articles()
    story = bridge_story(a, b)
    story["quotes"] = [{"article": a.id, "speaker": "الأمير", "speaker_entity": "خالد الفيصل", "text": "نرحب بالجميع"},
                       {"article": b.id, "speaker": "الأمير خالد الفيصل", "speaker_entity": "خالد الفيصل",
                        "text": "السوق مفتوح للجميع"}]
    page = story_page(story, [a, b], [])
    assert [g["speaker"] for g in page["speakers"]] == ["خالد الفيصل"] and page["speakers_total"] == 1


def test_one_statement_carried_by_several_articles_is_listed_once():
    """A president was listed five times saying the same words, once per outlet (a browser audit)."""
    pytest.importorskip("markupsafe", reason="the web extra is not installed: pip install 'naba[web]'")
    from naba.web.views import quotes_by_speaker

    a, b = bridge_articles()
    quotes = [{"article": a.id, "speaker": "الوزير", "speaker_entity": "سالم الحسني", "text": "الجسر كان مغلقاً منذ عامين",
               "span": [10, 20]},
              {"article": b.id, "speaker": "الوزير", "speaker_entity": "سالم الحسني", "text": "الجسر كان مغلقا منذ عامين.",
               "span": [30, 40]},
              {"article": b.id, "speaker": "الوزير", "speaker_entity": "سالم الحسني", "text": "سنبني جسراً بديلاً"}]
    [group] = quotes_by_speaker(quotes, {a.id: a, b.id: b})
    assert [len(q["reports"]) for q in group["quotes"]] == [2, 1]
    assert [r["article"] for r in group["quotes"][0]["reports"]] == [a.id, b.id]


def test_a_day_guessed_from_the_story_says_so():
    """An undated article given its story's day showed that day like a stated one (a browser audit)."""
    pytest.importorskip("markupsafe", reason="the web extra is not installed: pip install 'naba[web]'")
    from naba.web.views import publication_timeline

    a, b = bridge_articles()
    b.published_from = "story"
    entries = publication_timeline([a, b])
    assert entries[0]["text"] == "صدى المدينة: انهيار جسر قديم في الموصل"
    assert entries[1]["text"] == "نبض الخليج: وزارة النقل: التآكل وراء انهيار جسر الموصل (مقدَّر من القصة)"


def test_a_far_place_inside_the_frame_is_a_dot_not_an_arrow():
    """From a review: Tehran lay inside the seeds' frame (its margin) yet was drawn as an arrow at the
    edge, beyond the place itself."""
    svg = map_svg([_mentioned("أ", 0.0, 0.0, 10), _mentioned("ب", 8.9, 0.0, 4), _mentioned("ج", 4.45, 9.5, 1)])
    assert sorted(re.findall(r"<circle [^>]*><title>([^<]+)</title>", svg)) == ["أ", "ب", "ج"]
    assert 'class="beyond"' not in svg


def test_the_publication_chart_names_an_untitled_article_once():
    """«عكاظ: عكاظ» stood for an article with an outlet and no title (a review)."""
    pytest.importorskip("markupsafe", reason="the web extra is not installed: pip install 'naba[web]'")
    from naba.web.views import publication_timeline

    a, _ = bridge_articles()
    a.title = None
    assert publication_timeline([a])[0]["text"] == "صدى المدينة: " + a.label(outlet=False)
