"""Unit and property tests for naba.dates (absolute Arabic dates with spans)."""

import datetime
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naba import dates
from naba.dates import find_dates
from naba.published import publication_date
from naba.errors import RulesError

D = datetime.date


def only(text, **kwargs):
    """The single mention in `text` (fails when there is not exactly one)."""
    found = find_dates(text, **kwargs)
    assert len(found) == 1, found
    return found[0]


LEVANTINE = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
             "تشرين الأول", "تشرين الثاني", "كانون الأول"]


@pytest.mark.parametrize("number, name", list(enumerate(LEVANTINE, start=1)))
def test_levantine_month_names(number, name):
    m = only(f"وصل الوفد إلى دمشق في 6 {name} 2024، حسب الوكالة.")
    assert (m.date, m.precision, m.calendar) == (f"2024-{number:02d}-06", "day", "gregorian")


@pytest.mark.parametrize("name, number", [
    ("يناير", 1), ("جانفي", 1), ("فبراير", 2), ("مارس", 3), ("أبريل", 4), ("ابريل", 4),
    ("إبريل", 4), ("أفريل", 4), ("مايو", 5), ("ماي", 5), ("يونيو", 6), ("يونيه", 6),
    ("يوليو", 7), ("يوليوز", 7), ("أغسطس", 8), ("اغسطس", 8), ("غشت", 8), ("أوت", 8),
    ("سبتمبر", 9), ("شتنبر", 9), ("أكتوبر", 10), ("اكتوبر", 10), ("نوفمبر", 11),
    ("نونبر", 11), ("ديسمبر", 12), ("دجنبر", 12),
])
def test_transliterated_month_names(name, number):
    m = only(f"أعلنت الوزارة يوم 3 {name} 2015 عن خطتها.")
    assert m.date == f"2015-{number:02d}-03"


@pytest.mark.parametrize("text, expected, date", [
    ("بدأ الهجوم في 27 تشرين الثاني /نوفمبر 2024، وتواصل.", "27 تشرين الثاني /نوفمبر 2024",
     "2024-11-27"),
    ("سقط النظام في 8 كانون الأول (ديسمبر) 2024.", "8 كانون الأول (ديسمبر) 2024", "2024-12-08"),
    ("منذ نوفمبر/تشرين الثاني 2024 تغير الوضع.", "نوفمبر/تشرين الثاني 2024", "2024-11"),
    ("الأدنى منذ سبتمبر أيلول 2009 في السوق.", "سبتمبر أيلول 2009", "2009-09"),
])
def test_combined_month_forms_are_one_mention(text, expected, date):
    m = only(text)
    assert (m.text, m.date) == (expected, date)


@pytest.mark.parametrize("text, date", [
    ("الجمعة ٠٦ كانون الأول ٢٠٢٤ - ١٩:٣٧", "2024-12-06"),
    ("صدر القرار في ۶ ديسمبر ۲۰۲۴.", "2024-12-06"),
    ("بتاريخ ٢٦ / ٩ / ١٤٣٦هـ صدر الأمر", "2015-07-13"),
])
def test_arabic_indic_and_persian_digits(text, date):
    assert only(text).date == date


@pytest.mark.parametrize("text, expected", [
    ("وفي ٦ كانُونَ الأوَّلِ ٢٠٢٤ أعلنت", "٦ كانُونَ الأوَّلِ ٢٠٢٤"),
    ("وفي 6 كانـــون الأول 2024 أعلنت", "6 كانـــون الأول 2024"),
    ("تقرير ـــ في 6 ديسمبـــر 2024 ـــ عاجل", "6 ديسمبـــر 2024"),
    ("بتاريخ \u200f06/12/2024\u200f صدر", "06/12/2024"),
    ("أُعلن يوم الجُمُعَة 6 ديسمبر 2024 رسمياً", "يوم الجُمُعَة 6 ديسمبر 2024"),
])
def test_diacritics_tatweel_and_bidi_marks_keep_original_spans(text, expected):
    m = only(text)
    assert m.date == "2024-12-06"
    assert (m.start, m.text) == (text.index(expected), expected)


@pytest.mark.parametrize("text, date, precision", [
    ("يبدأ الصيام في 1 رمضان 1446 هـ.", "2025-03-01", "day"),
    ("صدر المرسوم في 26 / 9 / 1436هـ بعون الله.", "2015-07-13", "day"),
    ("حتى 1436/10/30 هـ .", "2015-08-15", "day"),
    ("موسم حج ذي الحجة 1445 هـ كان حارا.", "2024-06", "month"),
    ("جائزة عكاظ لعام 1436 هـ للشعر.", "2015", "year"),
    ("التاسع من شهر رمضان 1436 للهجرة", "2015-06-26", "day"),
])
def test_hijri_dates_convert_to_gregorian(text, date, precision):
    m = only(text)
    assert (m.date, m.precision, m.calendar) == (date, precision, "hijri")


def test_hijri_month_with_gregorian_year_means_that_month_in_that_year():
    m = only("أبرز مسلسلات رمضان 2015 على الشاشات.")
    assert (m.date, m.precision, m.calendar) == ("2015-07", "month", "hijri")


def test_hijri_weekday_moves_a_sighting_day():
    # Umm al-Qura puts 1 Ramadan 1446 on Saturday; a text that says Sunday began a day later.
    m = only("بدأ الصيام الأحد 1 رمضان 1446 هـ في عدة دول.")
    assert (m.date, m.weekday) == ("2025-03-02", 6)


@pytest.mark.parametrize("text", ["في 1 رمضان 1200 هـ", "في 30 رمضان 1446 هـ", "عام 1600 هـ"])
def test_hijri_outside_the_table_is_skipped(text):
    assert find_dates(text) == []


def test_year_inferred_from_weekday():
    text = "طالبت السفارة الروسية في دمشق اليوم، الجمعة 6 من كانون الأول، المواطنين بالمغادرة."
    m = only(text, reference=D(2026, 11, 22))
    assert (m.text, m.date, m.weekday) == ("الجمعة 6 من كانون الأول", "2024-12-06", 4)


def test_weekday_inference_never_goes_before_an_explicit_year():
    text = "وقعت الحادثة عام 2025. وفي الجمعة 6 من كانون الأول عاد الهدوء."
    assert [m.date for m in find_dates(text, reference=D(2026, 11, 22))] == ["2025"]


@pytest.mark.parametrize("text, reference, date", [
    ("بدأت المعركة في 27 نوفمبر بهجوم واسع", D(2024, 12, 8), "2024-11-27"),
    ("تعقد القمة في 20 ديسمبر في الرياض", D(2024, 12, 1), "2024-12-20"),
    ("تعقد القمة في 20 ديسمبر في الرياض", D(2024, 2, 1), "2023-12-20"),
    ("في 27 تشرين الثاني /نوفمبر الماضي بدأت الفصائل", D(2024, 11, 20), "2023-11-27"),
    ("تنطلق البطولة في 5 يناير المقبل", D(2024, 12, 8), "2025-01-05"),
    # an undated day up to half a year ahead is the coming one, past that last year's
    ("أمام البرلمان حتى 17 سبتمبر للتصويت على الاتفاق", D(2015, 7, 23), "2015-09-17"),
    ("تستضيف الرياض القمة في 30 نوفمبر", D(2015, 7, 21), "2015-11-30"),
    ("تستضيف الرياض القمة في 30 نوفمبر", D(2015, 5, 20), "2014-11-30"),
    ("سجل المؤشر أدنى مستوى منذ 30 يناير", D(2015, 8, 6), "2015-01-30"),
])
def test_year_from_reference_when_no_weekday(text, reference, date):
    assert only(text, reference=reference).date == date


def test_day_month_without_year_or_reference_is_skipped():
    assert find_dates("بدأت المعركة في 27 نوفمبر بهجوم واسع") == []


def test_relative_word_stays_in_the_mention():
    m = only("وفي 27 تشرين الثاني /نوفمبر الماضي، بدأت الفصائل.", reference=D(2024, 12, 8))
    assert (m.text, m.date) == ("27 تشرين الثاني /نوفمبر الماضي", "2024-11-27")


@pytest.mark.parametrize("text, mention, time", [
    ("الجمعة 06 كانون الأول 2024 - 19:37 عربي21", "الجمعة 06 كانون الأول 2024 - 19:37", "19:37"),
    ("في 6 ديسمبر 2024 الساعة 10:20 صباحا", "6 ديسمبر 2024 الساعة 10:20 صباحا", "10:20"),
    ("نشر في 6 ديسمبر 2024 10:20 م", "6 ديسمبر 2024 10:20 م", "22:20"),
    ("نشر في 6 ديسمبر 2024 12:05 ص", "6 ديسمبر 2024 12:05 ص", "00:05"),
    ("في 6 ديسمبر 2024 الساعة 9.30 مساء", "6 ديسمبر 2024 الساعة 9.30 مساء", "21:30"),
])
def test_clock_time_attached_after_the_date(text, mention, time):
    m = only(text)
    assert (m.text, m.date, m.time) == (mention, "2024-12-06", time)


def test_impossible_clock_time_is_left_out_of_the_span():
    m = only("في 6 ديسمبر 2024 - 25:99 حسب التوقيت")
    assert (m.text, m.time) == ("6 ديسمبر 2024", None)


@pytest.mark.parametrize("text, date", [
    ("بتاريخ 06/12/2024 صدر القرار", "2024-12-06"),
    ("بتاريخ 2024-12-06 صدر القرار", "2024-12-06"),
    ("بتاريخ 6-12-2024 صدر القرار", "2024-12-06"),
    ("بتاريخ 06.12.2024 صدر القرار", "2024-12-06"),
    ("بتاريخ 12/25/2024 صدر القرار", "2024-12-25"),
])
def test_numeric_dates_are_day_first(text, date):
    assert only(text).date == date


@pytest.mark.parametrize("text, date", [
    ("تدخلت روسيا عسكريا في سوريا عام 2015 لدعم النظام", "2015"),
    ("اندلعت الاحتجاجات في العام 2011.", "2011"),
    ("تأسست سنة 2004 في الرياض", "2004"),
    ("حتى عام1435هـ، ثم تغير", "2014"),
    ("وبلغت الأرباح 2013م نحو مليار", "2013"),
])
def test_year_needs_a_year_word_or_marker(text, date):
    m = only(text)
    assert (m.date, m.precision) == (date, "year")


@pytest.mark.parametrize("text", [
    "عين الرئيس 150 مستشارا في الديوان",
    "تدخلت روسيا في سوريا 2015 لدعم النظام",
    "قرار مجلس الأمن رقم 2254 بشأن سوريا",
    "اتصل الرئيس رجب طيب أردوغان بنظيره",
    "وصل الرئيس رمضان قاديروف إلى جدة",
    "مارس الضغط على الحكومة طويلا",
    "ارتفع المؤشر 3.6 ديسمبر",
    "حصل على 3/4 الأصوات",
    # a yearless day and month after a naming noun is an event or a place
    "احتفل المصريون بذكرى ثورة 23 يوليو",
    "تقع السفارة في شارع 26 يوليو بالقاهرة",
    "أشاد الوزير بثورتي 25 يناير و30 يونيو",
    # ... and the naming noun may open a quote of any style
    "أحيا المصريون ذكرى «ثورة 25 يناير»",
    "أحيا المصريون ذكرى “ثورة 25 يناير”",
    "أحيا المصريون ذكرى ”ثورة 25 يناير“",
])
def test_not_a_date(text):
    assert find_dates(text, reference=D(2024, 12, 8)) == []


@pytest.mark.parametrize("text, mention", [
    ("بلغ عدد السكان 12 مليوناً في 2019، بحسب التعداد", "2019"),
    ("تراجعت الاستثمارات منذ ٢٠١١.", "٢٠١١"),
    ("ويتوقع أن تتضاعف القدرة بحلول 2030", "2030"),
])
def test_bare_year_after_a_preposition(text, mention):
    # numbers that are no year beside it: a word follows, a currency follows, out of range
    text += "، ووزعت الجمعية المساعدات في 2000 أسرة، وارتفع السعر حتى 1920$ ثم هبط حتى 1077، ثم ارتد"
    m = only(text, reference=D(2025, 3, 12))
    assert (m.text, m.date, m.precision) == (mention, str(int(mention)), "year")


@pytest.mark.parametrize("text, mention, date", [
    # "و" joins the month to what came before; a number before it is a count, not the day
    ("أصيب 5 ويوليو 2014", "يوليو 2014", "2014-07"),
    ("بلغ عددهم 30 ومارس 2014", "مارس 2014", "2014-03"),
    # a day and month of a year named by its relation to publication
    ("وقع الانفجار في 4 أغسطس من العام الماضي.", "4 أغسطس من العام الماضي", "2024-08-04"),
    ("وقّع الاتفاق في 10 يونيو من السنة الماضية.", "10 يونيو من السنة الماضية", "2024-06-10"),
    ("يبدأ المهرجان في 5 نوفمبر من هذا العام.", "5 نوفمبر من هذا العام", "2025-11-05"),
])
def test_what_a_day_and_month_span_takes(text, mention, date):
    m = only(text, reference=D(2025, 3, 12))
    assert (m.text, m.date) == (mention, date)


@pytest.mark.parametrize("text, expected", [
    # the first end of a range takes the relation or the year written after the last
    ("يقام المعرض من 30 نوفمبر وحتى 2 ديسمبر المقبلين", [("30 نوفمبر", "2025-11-30"),
                                                         ("2 ديسمبر المقبلين", "2025-12-02")]),
    ("تمتد العطلة من 28 ديسمبر إلى 3 يناير 2016", [("28 ديسمبر", "2015-12-28"),
                                                   ("3 يناير 2016", "2016-01-03")]),
    # a last end written bare is the first such day on or after the first (SaudiNewsNet: Hajj water «من
    # 15ذو القعدة إلى 15 محرم» had ended in the Muharram before; a sit-in «من 21 يونيو 2013 حتى 14 أغسطس
    # من نفس العام» in the page's year)
    ("ضخ المياه خلال موسم الحج من 15 ذو القعدة إلى 15 محرم", [("15 ذو القعدة", "2025-05-13"),
                                                              ("15 محرم", "2025-07-10")]),
    ("استمر الاعتصام من 21 يونيو 2013 حتى 14 أغسطس من نفس العام", [("21 يونيو 2013", "2013-06-21"),
                                                                   ("14 أغسطس", "2013-08-14")]),
])
def test_range_shares_its_year(text, expected):
    assert [(m.text, m.date) for m in find_dates(text, reference=D(2025, 3, 12))] == expected


@pytest.mark.parametrize("text, expected", [
    # written in September: the season runs into next January, not the January past
    ("يستمر المعرض من 10 أكتوبر إلى 3 يناير", [("10 أكتوبر", "2025-10-10"), ("3 يناير", "2026-01-03")]),
    ("يمتد الموسم من العاشر من أكتوبر حتى الثالث من يناير", [("العاشر من أكتوبر", "2025-10-10"),
                                                             ("الثالث من يناير", "2026-01-03")]),
    # two days listed with و are no range: each keeps the year the reference gives it
    ("زار الوفد الرياض في 10 أكتوبر و3 يناير", [("10 أكتوبر", "2025-10-10"), ("3 يناير", "2025-01-03")]),
])
def test_a_range_over_the_turn_of_the_year_ends_in_the_next(text, expected):
    assert [(m.text, m.date) for m in find_dates(text, reference=D(2025, 9, 20))] == expected


@pytest.mark.parametrize("text, expected", [
    # a first end written as a day alone takes the month (and year, relation) of the last
    ("تقام الدورة من 12 إلى 15 أغسطس المقبل في جدة", [("12", "2025-08-12"), ("15 أغسطس المقبل", "2025-08-15")]),
    ("ومن ٣ حتى ٥ ذي الحجة ١٤٤٦هـ يقام المؤتمر", [("٣", "2025-05-30"), ("٥ ذي الحجة ١٤٤٦هـ", "2025-06-01")]),
    ("يلتقي المنتخبان بين 5 و9 تشرين الأول 2025", [("5", "2025-10-05"), ("9 تشرين الأول 2025", "2025-10-09")]),
    ("يقام الحفل يومي 12 و13 أغسطس", [("12", "2025-08-12"), ("13 أغسطس", "2025-08-13")]),
    # a dash written tight needs no opener; tatweel between the numbers is a dash (not «1215»),
    # outside the span
    ("معرض الكتاب 3-9 أبريل في الرياض", [("3", "2025-04-03"), ("9 أبريل", "2025-04-09")]),
    ("تقام البطولة في الفترة 12ـ15 أغسطس", [("12", "2025-08-12"), ("15 أغسطس", "2025-08-15")]),
    ("المهرجان من 20 ــ 24 يوليو المقبل", [("20", "2025-07-20"), ("24 يوليو المقبل", "2025-07-24")]),
    # a number joined by a word without an opener, or larger than the last day, opens no range
    ("أصيب 5 و7 مارس الماضي شهد هدوءا", [("7 مارس الماضي", "2025-03-07")]),
    ("ارتفع العدد 20 إلى 3 يونيو", [("3 يونيو", "2025-06-03")]),
    # nor a spaced dash without an opener: a score
    ("خسر الفريق 1 - 3 أغسطس الماضي", [("3 أغسطس الماضي", "2024-08-03")]),
])
def test_a_range_of_days_in_one_month_gives_its_first_day(text, expected):
    assert [(m.text, m.date) for m in find_dates(text, reference=D(2025, 3, 12))] == expected


@pytest.mark.parametrize("text, reference, mention, date", [
    # the article before a day after a weekday
    ("يلتقي الفريقان الخميس الـ13 من آذار الجاري", D(2025, 3, 12), "الخميس الـ13 من آذار الجاري", "2025-03-13"),
    # separators spaced differently on each side
    ("تُغلق البوابة يوم الأربعاء 12/9/ 1446هـ ظهرا", None, "يوم الأربعاء 12/9/ 1446هـ", "2025-03-12"),
    # a month carrying the conjunction
    ("في شهري يوليو وأغسطس 2014 اشتدت المعارك", None, "أغسطس 2014", "2014-08"),
    # a bracket opened before the day is not the date's
    ("شددت الهند الأمن الاثنين (27 يوليو تموز) على حدودها", D(2025, 7, 28), "27 يوليو تموز", "2025-07-27"),
    # a year word before a bracketed year
    ("صدر القانون رقم 85 عام (1992) في عمّان", None, "عام (1992)", "1992"),
])
def test_more_date_shapes(text, reference, mention, date):
    m = only(text, reference=reference)
    assert (m.text, m.date) == (mention, date)


def test_ordinal_day_before_month():
    m = only("في السابع من يونيو (حزيران) 1967 انتهت الحرب")
    assert (m.text, m.date) == ("السابع من يونيو (حزيران) 1967", "1967-06-07")


@pytest.mark.parametrize("text", [
    "خلال الأسبوع الأول من أكتوبر 2024", "في النصف الثاني من مارس 2024",
])
def test_ordinal_after_a_definite_noun_is_not_a_day(text):
    assert [m.precision for m in find_dates(text)] == ["month"]


ROUND_TRIP = [
    "الجمعة ٠٦ كانُونَ الأوَّل ٢٠٢٤ - ١٩:٣٧\nوفي 27 تشرين الثاني /نوفمبر الماضي عام 2011",
    "«القدس العربي»: في 8 ديسمبر 2024، وفي ١ رمضان ١٤٤٦ هـ، وفي 2024-12-06 — RTL/LTR mix",
    "بتاريخ ٢٦ / ٩ / ١٤٣٦هـ الموافق ١٣ / ٧ / ٢٠١٥م ؛ الساعة 10:20 ص؟",
]


@pytest.mark.parametrize("text", ROUND_TRIP)
def test_spans_round_trip(text):
    found = find_dates(text, reference=D(2024, 12, 8))
    assert found
    assert all(text[m.start:m.end] == m.text for m in found)


HEADER = "شؤون عربية\n\nصدى المدينة\nالجمعة 06 كانون الأول 2024 - 19:37 صدى المدينة\n\n" \
         "\"لا اتفاق قبل نهاية الأسبوع\"!\n" \
         "قال مسؤول في الوفد المفاوض، الجمعة، إن الجولة الجديدة من المحادثات لم تحسم الخلاف " \
         "حول خرائط الانسحاب، بعد لقاءات بدأت في 27 نوفمبر 2024."


@pytest.mark.parametrize("text, date, time", [
    (HEADER, "2024-12-06", "19:37"),
    ("طالبت السفارة الروسية في دمشق اليوم، الجمعة 6 من كانون الأول، المواطنين الروس "
     "بمغادرة سوريا فورا عبر الرحلات التجارية المتاحة.", "2024-12-06", None),
    ("أعلنت الحكومة اليوم الثلاثاء 3 ديسمبر 2024 عن حزمة إجراءات جديدة لدعم الاقتصاد "
     "الوطني وتحفيز الاستثمار في القطاعات المختلفة.", "2024-12-03", None),
    ("الرياض 6 ديسمبر 2024 (واس) - أعلنت وزارة الصحة عن إطلاق حملة وطنية للتطعيم "
     "تشمل جميع مناطق المملكة خلال الأسابيع المقبلة.", "2024-12-06", None),
])
def test_publication_date(text, date, time):
    m = publication_date(text, reference=D(2026, 11, 22))
    assert (m.date, m.time) == (date, time)


@pytest.mark.parametrize("text", [
    "طالبت السفارة الروسية في دمشق، يوم الجمعة، مواطنيها المقيمين في سوريا بمغادرة "
    "البلاد بسبب اشتداد المعارك.",
    "السفارة الروسية تطالب رعاياها بمغادرة سوريا قبل 15 ديسمبر 2024\n"
    "دعت السفارة رعاياها إلى مغادرة البلاد في أقرب وقت ممكن عبر الرحلات التجارية المتاحة.",
    "تدخلت روسيا عسكريا في سوريا عام 2015 لدعم النظام في مواجهة المعارضة المسلحة "
    "التي تحولت إلى العمل العسكري بعد قمع الاحتجاجات.",
])
def test_no_publication_date_without_a_stated_one(text):
    assert publication_date(text, reference=D(2024, 12, 8)) is None


@pytest.mark.parametrize("months, message", [
    ("{not json", "Cannot read"),
    (json.dumps({"gregorian": {"1": ["يناير"]}, "hijri": {}}), "'gregorian'"),
    (json.dumps({"gregorian": {str(n): ["يناير"] for n in range(1, 13)},
                 "hijri": {str(n): [] for n in range(1, 13)}}), "non-empty list"),
])
def test_malformed_month_file_raises_a_clear_error(tmp_path, months, message):
    path = tmp_path / "months.json"
    path.write_text(months, encoding="utf-8")
    with pytest.raises(RulesError, match=message):
        dates._load_rules(months_path=path)


ARABIC_ISH = st.lists(st.one_of(
    st.sampled_from(["كانون الأول", "تشرين الثاني", "ديسمبر", "رمضان", "هـ", "عام", "الجمعة",
                     "يوم", "من", "الساعة", "م", "ص", "الماضي", "السادس", "/", "-", ":", "،",
                     "(", ")", "\n", " ", "ـ", "ً", "\u200f"]),
    st.text(alphabet="٠١٢٣٤٥٦٧٨٩۰۱۲0123456789 /-.:ابتثجحخدسشصعغفقكلمنهويةىأإآ", max_size=8),
), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=ARABIC_ISH, reference=st.one_of(st.none(), st.dates()))
def test_find_dates_never_raises_and_spans_stay_in_bounds(text, reference):
    for m in find_dates(text, reference=reference):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start:m.end] == m.text
    publication_date(text, reference=reference)
