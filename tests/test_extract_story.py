"""The story-level extraction step (naba.extract.story) on articles written for these tests."""

from __future__ import annotations

import pytest

from naba.extract.story import enrich_story, infer_publication, timeline
from naba.extract.temporal import find_dates
from naba.model import Article, Story


def article(article_id: str, text: str, published: str | None = None) -> Article:
    a = Article(body=text, text=text, source_kind="text", id=article_id, published=published)
    return find_dates(a)


FLOOD_1 = ("غمرت السيول أحياء في مدينة جدة أمس بعد أمطار غزيرة. "
           "وقال الدفاع المدني إن فرقه أنقذت عشرات العالقين.")
FLOOD_2 = ("أعلن الدفاع المدني في جدة أن السيول غمرت أحياء في المدينة يوم الأربعاء بعد أمطار غزيرة. "
           "وأغلقت المدارس أبوابها الخميس.")
FLOOD_3 = "تواصل فرق الإنقاذ عملها في جدة منذ يومين، وقال مسؤول إن المياه بدأت تنحسر."


def test_an_undated_article_takes_its_storys_day_and_resolves_its_relative_dates():
    dated = article("a", FLOOD_1, "2024-11-28T09:00:00+03:00")
    undated = article("c", FLOOD_3)
    assert all(d["date"] is None for d in undated.dates)
    infer_publication([dated, undated])
    assert undated.published == "2024-11-28"
    assert undated.published_from == "story"
    assert [d["date"] for d in undated.dates] == ["2024-11-26"]


def test_infer_publication_leaves_dated_articles_alone():
    dated = article("a", FLOOD_1, "2024-11-28T09:00:00+03:00")
    infer_publication([dated])
    assert dated.published == "2024-11-28T09:00:00+03:00"
    assert dated.published_from is None


def test_without_any_dated_article_nothing_is_invented():
    undated = article("c", FLOOD_3)
    infer_publication([undated])
    assert undated.published is None


def test_two_outlets_giving_one_dated_statement_make_one_timeline_entry():
    one = article("a", FLOOD_1, "2024-11-28")
    two = article("b", FLOOD_2, "2024-11-28")
    entries = timeline([one, two])
    flood = [e for e in entries if e["date"] == "2024-11-27"]
    assert len(flood) == 1, entries
    assert {c["article"] for c in flood[0]["citations"]} == {"a", "b"}
    closed = [e for e in entries if e["date"] == "2024-11-28"]
    assert closed and "المدارس" in closed[0]["text"]


def test_timeline_is_in_date_order_and_every_citation_slices_a_sentence():
    one = article("a", FLOOD_1, "2024-11-28")
    two = article("b", FLOOD_2, "2024-11-28")
    entries = timeline([one, two])
    assert [e["date"] for e in entries] == sorted(e["date"] for e in entries)
    texts = {"a": one.text, "b": two.text}
    for e in entries:
        for c in e["citations"]:
            cited = texts[c["article"]][slice(*c["span"])]
            assert cited and not cited[0].isspace()
        assert e["text"] == texts[e["citations"][0]["article"]][slice(*e["citations"][0]["span"])]


def test_enrich_story_fills_the_extraction_lists():
    one = article("a", FLOOD_1, "2024-11-28")
    one.entities = [{"text": "جدة", "type": "GPE", "span": [FLOOD_1.index("جدة"), FLOOD_1.index("جدة") + 3]}]
    one.quotes = [{"speaker": "الدفاع المدني", "text": "فرقه أنقذت عشرات العالقين", "kind": "indirect",
                   "via": [], "span": [FLOOD_1.index("فرقه"), len(FLOOD_1) - 1]}]
    story = enrich_story(Story(id="s", title="سيول جدة", articles=["a"]), {"a": one})
    assert story.entities[0]["name"] == "جدة"
    assert story.places and story.places[0]["country"] == "SA"
    assert story.quotes[0]["article"] == "a"
    assert story.dates and all(d["article"] == "a" for d in story.dates)
    assert story.timeline


def test_a_place_entity_takes_the_latin_name_of_its_most_mentioned_reading():
    text = "وصلت القافلة إلى مدينة حمص صباحا، ثم انتشرت في حمص القديمة، ووصل الدعم إلى ريف حمص."
    one = article("a", text, "2024-12-06")
    one.entities = [{"text": "حمص", "type": "GPE", "span": [m, m + 3]}
                    for m in (text.index("حمص"), text.index("حمص القديمة"))]
    story = enrich_story(Story(id="s", title="حمص", articles=["a"]), {"a": one})
    assert story.entities[0]["latin"] == "Homs"


def _mentions(text: str, word: str, kind: str = "GPE") -> list[dict]:
    spans, at = [], text.find(word)
    while at >= 0:
        spans.append({"text": word, "type": kind, "span": [at, at + len(word)]})
        at = text.find(word, at + len(word))
    return spans


def test_two_spellings_of_one_country_are_one_entity_named_as_geonames_names_it():
    # سوريا and سورية: folding keeps ا and ة apart, GeoNames has both for one country
    text = ("قال مسؤول في سوريا إن الطرق إلى دمشق مفتوحة. "
            "وأضاف أن الحكومة في سورية تتابع الوضع، وأن سوريا ستعلن خطة جديدة.")
    one = article("a", text, "2024-12-06")
    one.entities = sorted(_mentions(text, "سوريا") + _mentions(text, "سورية") + _mentions(text, "دمشق"),
                          key=lambda e: e["span"])
    story = enrich_story(Story(id="s", title="سوريا", articles=["a"]), {"a": one})
    syria = [e for e in story.entities if "سوريا" in e["variants"]]
    assert len(syria) == 1 and "سورية" in syria[0]["variants"], story.entities
    assert syria[0]["name"] == "سوريا" and syria[0]["latin"] == "Syria"
    assert len(syria[0]["mentions"]) == 3
    assert [e["latin"] for e in story.entities if e["name"] == "دمشق"] == ["Damascus"]


def test_the_countryside_of_a_town_is_named_as_its_province():
    text = "سيطرت الفصائل على قرى في ريف حمص الشمالي، ثم دخلت مدينة حمص."
    one = article("a", text, "2024-12-06")
    countryside = text.index("ريف حمص")
    one.entities = [{"text": "ريف حمص", "type": "LOC", "span": [countryside, countryside + 7]},
                    {"text": "حمص", "type": "GPE", "span": [text.rindex("حمص"), text.rindex("حمص") + 3]}]
    story = enrich_story(Story(id="s", title="حمص", articles=["a"]), {"a": one})
    latin = {e["name"]: e["latin"] for e in story.entities}
    assert latin == {"ريف حمص": "Homs Governorate", "حمص": "Homs"}, story.entities


def test_listed_names_are_spelled_as_the_world_writes_them():
    text = ("وقال وزير الخارجية الروسي سيرغي لافروف إن موسكو تدعم الحوار، "
            "فيما دعا مجلس الأمن الدولي إلى وقف القتال، وأكد لافروف أن الكرملين يتابع.")
    one = article("a", text, "2024-12-06")
    one.entities = sorted(_mentions(text, "سيرغي لافروف", "PER") + _mentions(text, "مجلس الأمن الدولي", "ORG")
                          + [{"text": "لافروف", "type": "PER", "span": [text.rindex("لافروف"), text.rindex("لافروف") + 6]}],
                          key=lambda e: e["span"])
    story = enrich_story(Story(id="s", title="لافروف", articles=["a"]), {"a": one})
    latin = {e["name"]: e["latin"] for e in story.entities}
    assert latin == {"سيرغي لافروف": "Sergey Lavrov", "مجلس الأمن الدولي": "UN Security Council"}, story.entities


@pytest.mark.parametrize("first, second", [
    # «وصل … اليوم … احتفالات … يوم غد»: the arrival, not the feast; the next day's paper, «وصل … أمس …
    # الاحتفالات التي تقام اليوم الأحد», tells the same arrival (the feast is in a relative clause)
    (("وصل وزير الخارجية إلى الرباط اليوم للمشاركة في احتفالات عيد العرش التي تقام يوم غد الأحد.",
      "2024-11-30T21:00:00+03:00"),
     ("وصل وزير الخارجية إلى الرباط أمس للمشاركة في احتفالات عيد العرش التي تقام اليوم الأحد.",
      "2024-12-01T10:00:00+03:00")),
    # an agency text reprinted the next day keeps its «مساء اليوم»; the outlet that wrote «مساء أمس السبت»
    # names the day, and the happening is listed once, on it
    (("استقبل رئيس الوزراء في مكتبه مساء اليوم وفدا من رجال الأعمال اليابانيين.", "2024-12-01T16:00:00+03:00"),
     ("استقبل رئيس الوزراء في مكتبه مساء أمس السبت وفدا من رجال الأعمال اليابانيين.", "2024-12-01T09:00:00+03:00")),
    # both outlets count from their own today («اليوم» and «أمس» on the 1st): a page is crawled after it
    # is written, so the earlier day is the one
    (("وصلت الطائرة الإغاثية الثالثة إلى مطار عدن اليوم محملة بالأدوية والأغذية.", "2024-12-01T10:00:00+03:00"),
     ("وصلت الطائرة الإغاثية الثالثة إلى مطار عدن أمس محملة بالأدوية والأغذية.", "2024-12-01T09:00:00+03:00")),
], ids=["two-days-in-one-sentence", "reprint-and-named-day", "two-bare-days"])
def test_one_happening_told_on_two_days_is_one_entry_on_the_day_it_happened(first, second):
    entries = timeline([article("a", *first), article("b", *second)])
    assert [(e["date"], {c["article"] for c in e["citations"]}) for e in entries] == [("2024-11-30", {"a", "b"})]


def test_one_template_on_two_named_days_stays_two_entries():
    saturday = article("a", "سيّر مركز الإغاثة يوم السبت سبع شاحنات محملة بالمساعدات إلى عدن.", "2024-12-01")
    sunday = article("b", "سيّر مركز الإغاثة يوم الأحد تسع شاحنات محملة بالمساعدات إلى عدن.", "2024-12-02")
    assert [e["date"] for e in timeline([saturday, sunday])] == ["2024-11-30", "2024-12-01"]


def test_a_full_timeline_keeps_the_storys_own_statements_before_an_aside(monkeypatch):
    from naba.extract import story as story_module

    monkeypatch.setattr(story_module, "TIMELINE_MAX", 1)
    roundup = article("a", "وفي سياق آخر، افتتح وزير الصحة مستشفى جديدا في أبها يوم الأحد. "
                           "وغمرت السيول أحياء مدينة جدة يوم السبت بعد أمطار غزيرة.", "2024-12-02")
    others = [article("b", "غمرت السيول أحياء في مدينة جدة بعد أمطار غزيرة وأنقذ الدفاع المدني العالقين."),
              article("c", "أمطار غزيرة على جدة والسيول تغمر أحياء المدينة.")]
    entries = timeline([roundup, *others])
    assert len(entries) == 1 and "السيول" in entries[0]["text"]


def test_a_range_is_listed_under_its_start():
    shows = article("a", "وأوضح أن عروض المهرجان التي ستبدأ من 27 شوال إلى 6 ذي القعدة القادم ستشمل أعمالا مسرحية.",
                    "2015-08-09T20:00:00+03:00")
    meeting = article("b", "وتقرر عقد الاجتماع الثامن خلال الفترة من 20 - 21 أغسطس في الخرطوم.", "2015-07-26")
    assert [e["date"] for e in timeline([shows])] == ["2015-08-12"]
    assert [e["date"] for e in timeline([meeting])] == ["2015-08-20"]
