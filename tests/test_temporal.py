"""naba.extract.temporal: every temporal expression resolved against the publication date."""

from __future__ import annotations

import datetime

import pytest

from naba.errors import RulesError
from naba.extract import temporal
from naba.extract.temporal import find_dates, publication_day, resolve_relative, temporal_expressions
from naba.model import Article

# A Wednesday: the weekdays below resolve around it.
PUBLISHED = datetime.date(2025, 3, 12)


def dates_of(text: str, reference=PUBLISHED) -> list[tuple[str, str | None, str]]:
    return [(d["text"], d["date"], d["precision"]) for d in temporal_expressions(text, reference)]


@pytest.mark.parametrize("text, expected", [
    ("افتُتح المعرض اليوم في الرباط.", ("اليوم", "2025-03-12", "day")),
    ("وصل الوفد أمس إلى عمّان.", ("أمس", "2025-03-11", "day")),
    ("غادر السفير بالأمس دون تعليق.", ("الأمس", "2025-03-11", "day")),
    ("عُقد الاجتماع البارحة في القاهرة.", ("البارحة", "2025-03-11", "day")),
    ("وقع الحادث أول أمس قرب الميناء.", ("أول أمس", "2025-03-10", "day")),
    ("تُستأنف المفاوضات غداً في جنيف.", ("غداً", "2025-03-13", "day")),
    ("تنطلق القافلة بعد غد من الحدود.", ("بعد غد", "2025-03-14", "day")),
    ("اندلع الحريق مساء أمس في السوق.", ("مساء أمس", "2025-03-11", "day")),
    ("وصلت الشحنة صباح اليوم إلى المرفأ.", ("صباح اليوم", "2025-03-12", "day")),
    ("هطلت أمطار غزيرة الليلة الماضية.", ("الليلة الماضية", "2025-03-11", "day")),
])
def test_day_words(text, expected):
    assert dates_of(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # the latest such day on or before publication: "الأحد" is the Sunday just gone
    ("وأعلنت الوزارة، الأحد، خطة جديدة.", ("الأحد", "2025-03-09", "day")),
    ("والأربعاء، أعلن المجلس نتائج التصويت.", ("الأربعاء", "2025-03-12", "day")),
    ("بدأ الإضراب يوم الاثنين في المصانع.", ("يوم الاثنين", "2025-03-10", "day")),
    ("أما الأربعاء الماضي فشهد تظاهرات.", ("الأربعاء الماضي", "2025-03-05", "day")),
    ("تعقد القمة الخميس المقبل في الدوحة.", ("الخميس المقبل", "2025-03-13", "day")),
    ("تجري الانتخابات الأربعاء القادم.", ("الأربعاء القادم", "2025-03-19", "day")),
    ("صرّح الوزير مساء الجمعة للصحافيين.", ("مساء الجمعة", "2025-03-07", "day")),
    ("وقال المتحدث اليوم الأربعاء إن الهدنة صامدة.", ("اليوم الأربعاء", "2025-03-12", "day")),
    ("ووصل الرئيس أمس الثلاثاء إلى بغداد.", ("أمس الثلاثاء", "2025-03-11", "day")),
])
def test_weekdays(text, expected):
    assert dates_of(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("ارتفعت الأسعار الأسبوع الماضي بنسبة ٣٪.", ("الأسبوع الماضي", "2025-03-03", "week")),
    ("سيزور الوفد المدينة هذا الأسبوع.", ("هذا الأسبوع", "2025-03-10", "week")),
    ("تراجعت الصادرات الشهر الماضي.", ("الشهر الماضي", "2025-02", "month")),
    ("تبدأ الدراسة الشهر المقبل.", ("الشهر المقبل", "2025-04", "month")),
    ("زاد الإنتاج خلال العام الجاري.", ("العام الجاري", "2025", "year")),
    ("شهدت البلاد جفافاً في السنة الماضية.", ("السنة الماضية", "2024", "year")),
    ("وكانت الحكومة قد وعدت بذلك هذا العام.", ("هذا العام", "2025", "year")),
])
def test_periods(text, expected):
    assert dates_of(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("اختفى الصياد منذ ثلاثة أيام.", ("منذ ثلاثة أيام", "2025-03-09", "day")),
    ("أُطلق سراحه قبل يومين.", ("قبل يومين", "2025-03-10", "day")),
    ("توقفت المحطة منذ ٥ أيام.", ("منذ ٥ أيام", "2025-03-07", "day")),
    # a week is written as its Monday: a week from Wednesday 12 March is the week of 17 March
    ("ستُعلن النتائج بعد أسبوع.", ("بعد أسبوع", "2025-03-17", "week")),
    ("بدأ الحصار قبل شهرين.", ("قبل شهرين", "2025-01", "month")),
    ("افتُتح الجسر منذ عشرة أعوام.", ("منذ عشرة أعوام", "2015", "year")),
])
def test_counts(text, expected):
    assert dates_of(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("وقّع الطرفان الاتفاق في شباط الماضي.", ("شباط الماضي", "2025-02", "month")),
    ("وقّع الطرفان الاتفاق في نوفمبر الماضي.", ("نوفمبر الماضي", "2024-11", "month")),
    ("تُجرى الانتخابات في أيلول المقبل.", ("أيلول المقبل", "2025-09", "month")),
    ("تبدأ الحملة في شهر رمضان المقبل.", ("شهر رمضان المقبل", "2026-03", "month")),
    ("تضاعفت الرحلات في كانون الثاني.", ("كانون الثاني", "2025-01", "month")),
])
def test_month_names_alone(text, expected):
    assert dates_of(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("أُعلن القرار في 9 آذار.", [("9 آذار", "2025-03-09", "day")]),
    ("وُلد الشاعر عام ١٩٤٨ في حيفا.", [("عام ١٩٤٨", "1948", "year")]),
    ("صدر المرسوم في ١٥ رمضان ١٤٤٦ هـ.", [("١٥ رمضان ١٤٤٦ هـ", "2025-03-15", "day")]),
    ("الجمعة 7 من آذار 2025 - 18:05", [("الجمعة 7 من آذار 2025 - 18:05", "2025-03-07", "day")]),
])
def test_absolute_dates_are_delegated(text, expected):
    found = temporal_expressions(text, PUBLISHED)
    assert [(d["text"], d["date"], d["precision"]) for d in found] == expected
    assert not any(d["relative"] for d in found)


@pytest.mark.parametrize("text", [
    "احتفلت المدارس باليوم الوطني للمملكة.",
    "يصادف اليوم العالمي للمياه موعد المؤتمر.",
    "وفي اليوم التالي غادر الجميع.",
    "أمّ الإمام المصلين في صلاة الجمعة.",
    "يلتقي الأصدقاء كل خميس في المقهى.",
    "غدا الأمر مستحيلاً بعد الانهيار.",
    "صرّح الأمين العام للمنظمة بأن الوضع خطير.",
    "عاد الجنود قبل يومين من الانتخابات.",
    "مارس الرياضة طوال حياته.",
    "هاجر آلاف منذ سنوات طويلة.",
])
def test_words_that_are_not_dates(text):
    assert dates_of(text) == []


def test_relative_word_inside_a_person_name_is_skipped():
    text = "قال الكاتب سعد الخميس إن المشروع تأخر."
    start = text.index("سعد")
    article = Article(body=text, source_kind="text", text=text, published="2025-03-12",
                      entities=[{"text": "سعد الخميس", "type": "PER", "span": [start, start + 10]}])
    assert find_dates(article).dates == []


def test_stage_reads_the_publication_stamp_with_time_and_zone():
    text = "أعلن الجيش أمس السيطرة على التلة."
    article = Article(body=text, source_kind="text", text=text, published="2025-03-12T23:40:00+03:00")
    assert find_dates(article) is article
    [mention] = article.dates
    assert mention["date"] == "2025-03-11" and mention["span"] == [11, 14]
    assert text[slice(*mention["span"])] == mention["text"] and mention["relative"] is True


def test_without_publication_date_relatives_wait_for_the_story():
    text = "وصلت البعثة الأممية الخميس الماضي، وتغادر في 20 نيسان."
    found = temporal_expressions(text, None)
    assert [(d["text"], d["date"], d.get("relative_to")) for d in found] == [
        ("الخميس الماضي", None, "published"), ("20 نيسان", None, "published")]
    resolved = [resolve_relative(d, "2025-04-05") for d in found]
    assert [(d["date"], "relative_to" in d) for d in resolved] == [("2025-04-03", False), ("2025-04-20", False)]


def test_resolve_relative_leaves_absolute_dates_alone():
    mention = {"text": "عام 2011", "date": "2011", "precision": "year", "span": [0, 8], "relative": False}
    assert resolve_relative(mention, datetime.date(2025, 1, 1)) == mention


@pytest.mark.parametrize("text", ["", "   ", "No Arabic at all, only English text.", "١٢٣٤"])
def test_bad_input_gives_no_dates(text):
    article = Article(body=text, source_kind="text", text=text, published=None)
    assert find_dates(article).dates == []


def test_very_long_text_keeps_every_span():
    sentence = "وصل الوفد أمس، ويغادر الأحد المقبل. "
    article = Article(body="", source_kind="text", text=sentence * 3000, published="2025-03-12")
    found = find_dates(article).dates
    assert len(found) == 6000
    assert all(article.text[slice(*d["span"])] == d["text"] for d in found[-4:])


@pytest.mark.parametrize("stamp, expected", [
    ("2024-12-06", datetime.date(2024, 12, 6)), ("2024-12-06T19:37:00+03:00", datetime.date(2024, 12, 6)),
    (None, None), ("", None), ("غير معروف", None),
])
def test_publication_day(stamp, expected):
    assert publication_day(stamp) == expected


def test_malformed_rules_file_is_reported(monkeypatch):
    monkeypatch.setattr(temporal, "load_json", lambda name: {"day_words": "أمس"} if name == "x.json"
                        else __import__("naba.rules").rules.load_json(name))
    with pytest.raises(RulesError, match="units"):
        temporal._load_vocabulary("x.json")
