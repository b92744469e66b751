"""Metadata read from a scraped page's own text: section, title, outlet, date, and what is never the outlet."""

import pytest

from naba.model import Article
from naba.pipeline import process


def page(*lines: str) -> Article:
    return process(Article(body="\n".join(lines), source_kind="text", source_path="صفحة.txt"))


LEDE = ("أعلنت وزارة الصحة، صباح اليوم، عن افتتاح مستشفى جديد في مدينة صفاقس بطاقة استيعاب تبلغ "
        "مئتي سرير، وقالت إن المشروع استغرق ثلاث سنوات.")
BODY = "وأضاف المتحدث باسم الوزارة أن المستشفى سيخدم نحو نصف مليون نسمة في الجهة."


def test_section_title_outlet_and_date_from_the_header():
    article = page("صحة", "", "افتتاح مستشفى جديد في صفاقس", "افتتاح مستشفى جديد في صفاقس",
                   "نبض الجنوب", "الخميس 12 حزيران 2025 - 09:45 نبض الجنوب", "", LEDE, BODY, "",
                   "جميع الحقوق محفوظة © نبض الجنوب")
    assert (article.section, article.title, article.outlet) == ("صحة", "افتتاح مستشفى جديد في صفاقس", "نبض الجنوب")
    assert (article.published, article.published_from) == ("2025-06-12T09:45", "text")
    assert article.text.startswith("أعلنت وزارة الصحة")
    assert "افتتاح مستشفى جديد في صفاقس" in article.boilerplate


@pytest.mark.parametrize("dateline, outlet", [
    ("صفاقس – «نبض الجنوب»: ", "نبض الجنوب"),
    ('تونس - "الرصد المغاربي": ', "الرصد المغاربي"),
    ("بيروت — “صدى الأرز”: ", "صدى الأرز"),
])
def test_outlet_from_a_dateline(dateline, outlet):
    assert page(dateline + LEDE, BODY).outlet == outlet


@pytest.mark.parametrize("dateline", ['عواصم."وكالات": ', "القاهرة – «رويترز»: ", "أنقرة - «الأناضول»: "])
def test_an_agency_dateline_is_not_the_outlet(dateline):
    assert page(dateline + LEDE, BODY).outlet is None


def test_an_agency_credited_under_a_photo_is_not_the_outlet():
    article = page("افتتاح مستشفى جديد في صفاقس", "جانب من حفل الافتتاح صباح الخميس - الأناضول", LEDE, BODY)
    assert article.outlet is None
    assert "جانب من حفل الافتتاح صباح الخميس - الأناضول" in article.boilerplate


def test_an_agency_quoted_in_the_text_is_not_the_outlet():
    assert page(LEDE, "ونقلت وكالة «رويترز» عن مسؤول قوله إن العمل سيبدأ الأسبوع المقبل.").outlet is None


def test_outlet_from_a_credit_line_with_a_glued_preposition():
    article = page(LEDE, BODY, "المصدر: لصحيفة الجنوب")
    assert article.outlet == "صحيفة الجنوب"
    assert "المصدر: لصحيفة الجنوب" in article.boilerplate


def test_a_republished_copy_credits_its_source_without_taking_its_name():
    article = page("الرصد نت", "افتتاح مستشفى جديد في صفاقس", "نقلا عن «نبض الجنوب»", "",
                   "صفاقس – «نبض الجنوب»: " + LEDE, BODY, "المصدر: نبض الجنوب", "جميع الحقوق محفوظة © 2025 الرصد نت")
    assert article.outlet == "الرصد نت"
    assert article.extra["credited"] == "نبض الجنوب"


def test_publication_date_stated_in_the_lede_with_arabic_indic_digits():
    article = page("أعلنت وزارة الصحة اليوم، الخميس ١٢ حزيران ٢٠٢٥، عن افتتاح مستشفى جديد في صفاقس بطاقة "
                   "مئتي سرير.", BODY)
    assert article.published == "2025-06-12"


@pytest.mark.parametrize("label", ["آخر تحديث: ", "تاريخ التحديث "])
def test_an_update_time_is_never_the_publication_time(label):
    article = page("افتتاح مستشفى جديد في صفاقس", label + "الخميس 12 حزيران 2025 - 11:00", LEDE, BODY)
    assert article.published is None


def test_a_weekday_alone_is_not_a_publication_date():
    assert page("أعلنت وزارة الصحة، الخميس، عن افتتاح مستشفى جديد في صفاقس بطاقة مئتي سرير، وقالت إن "
                "المشروع استغرق ثلاث سنوات.", BODY).published is None


def test_unknown_stays_null():
    article = page(LEDE, BODY)
    assert (article.outlet, article.title, article.section, article.published) == (None, None, None, None)


def test_metadata_given_by_the_source_is_kept():
    article = Article(body="نبض الجنوب\n" + LEDE, source_kind="jsonl", outlet="أصداء", published="2025-06-11",
                      published_from="metadata")
    article = process(article)
    assert (article.outlet, article.published, article.published_from) == ("أصداء", "2025-06-11", "metadata")


@pytest.mark.parametrize("title, section, headline", [
    ("عام / وزير الصحة يفتتح مستشفى صفاقس الجديد", "عام", "وزير الصحة يفتتح مستشفى صفاقس الجديد"),
    ("إقتصادي/ ارتفاع مؤشر السوق المالية بنسبة 2%", "إقتصادي", "ارتفاع مؤشر السوق المالية بنسبة 2%"),
    ("رياضي /  الهلال يُنهي معسكره في النمسا", "رياضي", "الهلال يُنهي معسكره في النمسا"),
    # not a desk: a headline that only holds a slash stays whole
    ("4 طرق بين مكة / والمشاعر المقدسة", None, "4 طرق بين مكة / والمشاعر المقدسة"),
    ("كاريكاتير 2015 / الصيف", None, "كاريكاتير 2015 / الصيف"),
])
def test_an_agency_desk_before_the_headline_is_the_section(title, section, headline):
    article = process(Article(body=LEDE, source_kind="jsonl", title=title))
    assert (article.section, article.title) == (section, headline)


def test_a_desk_label_leaves_the_sources_section():
    article = process(Article(body=LEDE, source_kind="jsonl", title="عام / افتتاح مستشفى", section="محليات"))
    assert (article.section, article.title) == ("محليات", "افتتاح مستشفى")
