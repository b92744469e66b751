"""naba.extract.temporal: every temporal expression resolved against the publication date."""

from __future__ import annotations

import datetime

import pytest

from naba.errors import RulesError
from naba.extract import temporal, temporal_words
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
    # right after «منذ», the latest on or before: tomorrow's weekday alone would be tomorrow
    ("وتعتقل الأجهزة الأمنية الناشط منذ الخميس دون محاكمة.", ("الخميس", "2025-03-06", "day")),
    ("ما أسفر عن مقتل 21 مدنيا منذ الأربعاء.", ("الأربعاء", "2025-03-12", "day")),
    ("وتعتقل الأجهزة الناشط مُنذُ الخميس دون محاكمة.", ("الخميس", "2025-03-06", "day")),  # harakat
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
    # the singular accusative after a number (and the colloquial singular) is a counted unit
    ("تأسست الشركة منذ 25 عاماً في جدة.", ("منذ 25 عاماً", "2000", "year")),
    ("يسكن الحي منذ ٤٠ عام تقريباً.", ("منذ ٤٠ عام", "1985", "year")),
    ("أُغلق المعبر قبل 15 يوما بقرار أمني.", ("قبل 15 يوما", "2025-02-25", "day")),
    # an approximation between the marker and the count stays in the span
    ("وصل اللاجئون منذ نحو شهرين إلى المخيم.", ("منذ نحو شهرين", "2025-01", "month")),
    ("توقف المشروع قبل أكثر من ثلاث سنوات.", ("قبل أكثر من ثلاث سنوات", "2022", "year")),
])
def test_counts(text, expected):
    assert dates_of(text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("وقّع الطرفان الاتفاق في شباط الماضي.", ("شباط الماضي", "2025-02", "month")),
    ("وقّع الطرفان الاتفاق في نوفمبر الماضي.", ("نوفمبر الماضي", "2024-11", "month")),
    ("تُجرى الانتخابات في أيلول المقبل.", ("أيلول المقبل", "2025-09", "month")),
    ("تبدأ الحملة في شهر رمضان المقبل.", ("شهر رمضان المقبل", "2026-03", "month")),
    ("تضاعفت الرحلات في كانون الثاني.", ("كانون الثاني", "2025-01", "month")),
    # the month in the other system between the month and its relation
    ("يختار البرلمان لجنة جديدة في أكتوبر (تشرين الأول) المقبل.", ("أكتوبر (تشرين الأول) المقبل", "2025-10", "month")),
    ("يفتتح المسجد في سبتمبر أيلول القادم.", ("سبتمبر أيلول القادم", "2025-09", "month")),
    ("عثرت الشرطة على السيارة في نوفمبر/تشرين الثاني الماضي.", ("نوفمبر/تشرين الثاني الماضي", "2024-11", "month")),
    # right after «منذ», the latest on or before, though a month up to five ahead is otherwise the coming one
    ("هبطت الأسعار إلى أدنى مستوى لها منذ يوليو/تموز.", ("يوليو/تموز", "2024-07", "month")),
    ("ومنذ أيار تقود الحكومة حملة لخفض الأسعار.", ("أيار", "2024-05", "month")),
    ("تراجعت المبيعات منذ مارس بنسبة ٤٪.", ("مارس", "2025-03", "month")),
    ("وتراجعت الصادرات منـذ يناير بنسبة ٥٪.", ("يناير", "2025-01", "month")),  # tatweel
])
def test_month_names_alone(text, expected):
    assert dates_of(text) == [expected]


@pytest.mark.parametrize("published, text, expected", [
    # up to five months ahead a month named alone is the coming one (OPEC's «الاجتماع المقرر في ديسمبر»)
    ("2015-07-31", "تبدأ الدراسة في المدارس الأهلية في سبتمبر.", ("سبتمبر", "2015-09", "month")),
    ("2015-08-10", "لا تنوي المنظمة عقد اجتماع قبل اجتماعها الدوري المقرر في ديسمبر.", ("ديسمبر", "2015-12", "month")),
    ("2015-11-20", "ستفتتح الوزارة المعرض في فبراير.", ("فبراير", "2016-02", "month")),
    # further ahead it is the last one
    ("2015-08-10", "وكانت الوزارة قد افتتحت المعرض في فبراير.", ("فبراير", "2015-02", "month")),
    ("2015-03-12", "وقعت الحادثة في أكتوبر وسط المدينة.", ("أكتوبر", "2014-10", "month")),
])
def test_a_month_named_alone_a_few_months_ahead_is_the_coming_one(published, text, expected):
    assert dates_of(text, datetime.date.fromisoformat(published)) == [expected]


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
    "وإن اشتغال الدعاة ومنابر الجمعة بالجزئيات لا يفيد.",  # Friday pulpits, behind «و»
    "يلتقي الأصدقاء كل خميس في المقهى.",
    "غدا الأمر مستحيلاً بعد الانهيار.",
    "صرّح الأمين العام للمنظمة بأن الوضع خطير.",
    "عاد الجنود قبل يومين من الانتخابات.",
    "مارس الرياضة طوال حياته.",
    "هاجر آلاف منذ سنوات طويلة.",
])
def test_words_that_are_not_dates(text):
    assert dates_of(text) == []


@pytest.mark.parametrize("text, expected", [
    ("اندلعت الاشتباكات الليلة قبل الماضية في الحي القديم.", ("الليلة قبل الماضية", "2025-03-10", "day")),
    ("زار الوزير العاصمة الأسبوع قبل الماضي.", ("الأسبوع قبل الماضي", "2025-02-24", "week")),
    ("عُقد الاجتماع الخميس قبل الماضي في الوزارة.", ("الخميس قبل الماضي", "2025-02-27", "day")),
    ("تراجعت الصادرات في العام قبل الماضي.", ("العام قبل الماضي", "2023", "year")),
])
def test_the_one_before_last(text, expected):
    assert dates_of(text) == [expected]


@pytest.mark.parametrize("text", [
    "يتناول المريض الدواء مرتين في اليوم.",
    "تعمل فرق الطوارئ على مدار اليوم في المدينة.",
    "سيبقى اليوم الذي سقط فيه الجدار في الذاكرة.",
    "قالت صحيفة اليوم إن المشروع تعثر.",
    "يتقاضى العامل أجره باليوم لا بالشهر.",
    "يُستحب صيام الاثنين والخميس من كل أسبوع.",
    # «اليوم» as «nowadays»: a pronoun or a verb of becoming before it, a verb of becoming or seeming after
    # it — with harakat, tatweel and the hamza-less alef news writes («اصبحت»)
    "وهو اليومَ يبدو حريصا أكثر من أي وقت مضى على التهدئة.",
    "وستنمو الدول إلى خمسة أضعاف ما هي عليه اليوم.",
    "وهي الولايات المعروفة اليوم باسم كولورادو ونيفادا.",
    "كانت الطرق هادئة، ولكن اليوم أصبـــح الوضع لا يطاق بالنسبة لأهالي الحي.",
    "لأن أسعار النفط اصبحت اليوم مصدرا متراجعا لتمويل الدولة.",
])
def test_day_words_as_plain_nouns_are_not_dates(text):
    assert dates_of(text) == []


@pytest.mark.parametrize("text, expected", [
    # the day's trading and the day's visit stay dated: «أكثر» after it is no sign of «nowadays»
    ("وبلغ عدد الأسهم المتداولة اليوم أكثر من 147 مليون سهم.", [("اليوم", "2025-03-12", "day")]),
    ("وصل وزير الخارجية اليوم إلى الرياض في زيارة رسمية.", [("اليوم", "2025-03-12", "day")]),
])
def test_today_as_the_day_stays_a_date(text, expected):
    assert dates_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    # publication: Wednesday 12 March; a future cue earlier in the clause makes a weekday the coming one
    # ... unless a past one stands there too
    ("من المقرر أن يصل المبعوث الأممي إلى بيروت السبت، وكان من المقرر أن يصل الوفد الجمعة.",
     [("السبت", "2025-03-15", "day"), ("الجمعة", "2025-03-07", "day")]),
    ("ويلتقي المنتخب نظيره العُماني الأحد في مسقط.", [("الأحد", "2025-03-16", "day")]),
    # a quote mark (any style) glued to the cue does not hide it
    ("قال المدرب: «سيلتقي الفريقان السبت».", [("السبت", "2025-03-15", "day")]),
    ("قال المدرب: “سيلتقي الفريقان السبت”.", [("السبت", "2025-03-15", "day")]),
    # tomorrow's weekday is tomorrow: six days back would be written with الماضي
    ("تُفتتح الدورة الخميس في الدوحة.", [("الخميس", "2025-03-13", "day")]),
    # yesterday stays yesterday: the stamp runs late, the text was written the day before
    ("صمدت الهدنة التي تبدأ منتصف ليل الثلاثاء وتستمر حتى الأحد.",
     [("منتصف ليل الثلاثاء", "2025-03-11", "day"), ("الأحد", "2025-03-16", "day")]),
    # a dual relation after the second weekday holds for both
    ("تُجرى المباريات يومي الجمعة والسبت المقبلين.",
     [("يومي الجمعة", "2025-03-14", "day"), ("السبت المقبلين", "2025-03-15", "day")]),
])
def test_weekday_to_come(text, expected):
    assert dates_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("سيطر التنظيم على المدينة في يونيو من العام الماضي.", [("يونيو من العام الماضي", "2024-06", "month")]),
    ("تُعقد الدورة في نوفمبر من هذا العام.", [("نوفمبر من هذا العام", "2025-11", "month")]),
    # رمضان is also a name: a strong cue before it makes it the month, a verb does not
    ("قال رمضان إن الحركة تشتد في الأسواق منتصف رمضان.", [("رمضان", "2025-03", "month")]),
    # the year after a second month is the first month's too
    ("استمرت الحرب في شهري يوليو وأغسطس 2014.",
     [("شهري يوليو", "2014-07", "month"), ("أغسطس 2014", "2014-08", "month")]),
])
def test_month_names_with_their_year(text, expected):
    assert dates_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("تبدأ المرحلة الثانية العام المقبل 2026، وفق الخطة.", [("العام المقبل 2026", "2026", "year")]),
    # a Hijri year after the phrase is not taken as a Gregorian one
    ("أنجزت الهيئة 40 مشروعاً العام الماضي 1445/1446هـ، وتبدأ الثانية العام المقبل 2026.",
     [("العام الماضي", "2024", "year"), ("1446هـ", "2025", "year"), ("العام المقبل 2026", "2026", "year")]),
])
def test_period_with_its_year_written_after(text, expected):
    assert dates_of(text) == expected


@pytest.mark.parametrize("text, reference, expected", [
    ("صلّى المواطنون صلاة عيد الفطر في المساجد.", PUBLISHED, ("عيد الفطر", "2025-03-30", "day")),
    ("وقدّم التهاني بعيد الفطر المبارك.", datetime.date(2025, 4, 10), ("عيد الفطر", "2025-03-30", "day")),
    ("تستعد الفنادق لعيد الأضحى المقبل.", PUBLISHED, ("عيد الأضحى المقبل", "2025-06-06", "day")),
    ("احتفلت المدن برأس السنة الميلادية.", PUBLISHED, ("رأس السنة الميلادية", "2025-01-01", "day")),
])
def test_holidays_nearest_the_publication(text, reference, expected):
    assert dates_of(text, reference) == [expected]


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


def test_the_texts_own_weekdays_say_which_day_is_today():
    """A page stamped Thursday whose text says «أمس الثلاثاء» was written on Wednesday: its bare «أمس»
    and «اليوم» count from Wednesday. A tie between two days keeps the stamp."""
    text = "استقبل الأمير الوفد أمس الثلاثاء في قصره، ووصل الوزير أمس إلى عمّان، ويصدر اليوم بيان مشترك."
    dated = {d["text"]: d["date"] for d in temporal_expressions(text, datetime.date(2015, 8, 6))}
    assert dated == {"أمس الثلاثاء": "2015-08-04", "أمس": "2015-08-04", "اليوم": "2015-08-05"}
    both = "وصل الوفد أمس الثلاثاء، وغادر اليوم الخميس، وقال الوزير أمس إن الزيارة ناجحة."
    assert {d["text"]: d["date"] for d in temporal_expressions(both, datetime.date(2015, 8, 6))}["أمس"] == "2015-08-05"


def test_a_crawlers_stamp_in_the_small_hours_is_a_page_of_the_day_before():
    """SaudiNewsNet's `date_extracted` stands for the publication time; a page fetched at 01:30 was
    written the day before, so its «أمس» is two days before the stamp. An outlet's own time is not
    moved, nor is a stamp of the afternoon."""
    from naba.sources.jsonl import row_to_article

    text = "أعلنت وزارة الصحة أمس تسجيل ثلاث إصابات جديدة بفيروس كورونا في الرياض."

    def yesterday(row: dict) -> str:
        article = row_to_article({"id": "1", "content": text, **row}, "x.jsonl:1", "x.jsonl")
        article.text = article.body
        return find_dates(article).dates[0]["date"]

    assert yesterday({"date_extracted": "2015-08-06 01:30:00"}) == "2015-08-04"
    assert yesterday({"date_extracted": "2015-08-06 17:30:00"}) == "2015-08-05"
    assert yesterday({"published": "2015-08-06T01:30:00+03:00"}) == "2015-08-05"
    weekday = "أعلنت وزارة الصحة اليوم الخميس تسجيل ثلاث إصابات، وقالت أمس إن الوضع مستقر."
    article = row_to_article({"id": "2", "content": weekday, "date_extracted": "2015-08-06 01:30:00"}, "x", "x.jsonl")
    article.text = article.body
    assert {d["text"]: d["date"] for d in find_dates(article).dates}["أمس"] == "2015-08-05"  # the text says Thursday


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
    monkeypatch.setattr(temporal_words, "load_json", lambda name: {"day_words": "أمس"} if name == "x.json"
                        else __import__("naba.rules").rules.load_json(name))
    with pytest.raises(RulesError, match="units"):
        temporal_words.load_vocabulary("x.json")


# ---------------------------------------------------------------- quality gate (SaudiNewsNet)

# Relative dates in SaudiNewsNet hand-checked against their context (article id, where the
# expression starts, the date it means; None where it names no day: "الإعلام اليوم" meaning
# nowadays, the newspaper «عين اليوم»). The page's crawl stamp (`date_extracted`) stands for the
# publication date. DEV was looked at while writing the rules (72% before, 92% after);
# HELD_OUT was drawn and checked afterwards, with no rule changed since (92%).
DEV = [
    ("snn-2015-08-11-01555", 484, "2015-08-10"), ("snn-2015-07-24-01393", 198, "2015-07-23"),
    ("snn-2015-07-24-01624", 428, "2015-07-23"), ("snn-2015-08-07-00245", 748, "2015-06"),
    ("snn-2015-07-23-01254", 547, None), ("snn-2015-08-02-00787", 1712, None),
    ("snn-2015-07-27-01001", 861, "2015-01"), ("snn-2015-08-10-00181", 4751, "2015-08-09"),
    ("snn-2015-07-21-01266", 130, None), ("snn-2015-08-11-01447", 1272, "2015-08-06"),
    ("snn-2015-08-04-01273", 117, "2015-08-04"), ("snn-2015-08-02-00660", 8, "2015-08-01"),
    ("snn-2015-08-02-00570", 1425, None), ("snn-2015-07-23-01007", 617, "2015-07-23"),
    ("snn-2015-08-04-00129", 5949, "2015"), ("snn-2015-07-26-01429", 59, "2015-07-26"),
    ("snn-2015-08-03-00713", 33, "2015-08-03"), ("snn-2015-08-03-00742", 318, "2015-08"),
    ("snn-2015-07-22-01553", 799, None), ("snn-2015-07-24-00637", 637, None),
    ("snn-2015-08-04-01138", 237, "2015-08-03"), ("snn-2015-08-06-02543", 182, "2015-08-05"),
    ("snn-2015-07-26-01339", 48, "2015-07-25"), ("snn-2015-07-31-00233", 57, "2015-07-31"),
    ("snn-2015-08-02-01227", 308, "2014"), ("snn-2015-07-25-00873", 385, "2015-07-24"),
    ("snn-2015-08-07-00925", 152, "2015-08-06"), ("snn-2015-08-08-00400", 18530, None),
    ("snn-2015-07-21-01420", 1233, "2015-07-19"), ("snn-2015-07-31-00339", 24, "2015-07-30"),
    ("snn-2015-08-03-00042", 851, None), ("snn-2015-07-23-01066", 1, "2015-07-23"),
    ("snn-2015-07-21-02123", 29, "2015-07-20"), ("snn-2015-08-03-01219", 838, "2015-08-02"),
    ("snn-2015-08-09-00742", 24, "2015-08-08"), ("snn-2015-08-06-00840", 68, "2015-08-03"),
    ("snn-2015-08-09-00340", 2129, "2015-08-08"), ("snn-2015-07-22-00787", 1163, None),
    ("snn-2015-07-23-00064", 120, "2015-07-22"), ("snn-2015-08-10-01023", 733, "2015-08-09"),
    ("snn-2015-08-04-00523", 816, "2015-08-03"), ("snn-2015-07-31-01144", 317, "2015-07-29"),
    ("snn-2015-08-06-00455", 271, "2015"), ("snn-2015-07-31-00392", 134, "2015-07-29"),
    ("snn-2015-08-11-00758", 308, "2015-08-10"), ("snn-2015-07-26-00572", 577, "2015-05"),
    ("snn-2015-07-23-00852", 117, "2015-07-27"), ("snn-2015-08-04-00826", 463, "2015-07-30"),
    ("snn-2015-08-09-00569", 798, "2015-07"), ("snn-2015-08-04-00151", 720, "2015-08-03"),
]
HELD_OUT = [
    ("snn-2015-08-11-01128", 3423, "2015-08-12"), ("snn-2015-07-25-01339", 7, "2015-07-25"),
    ("snn-2015-07-31-00304", 808, "2015-07-29"), ("snn-2015-08-02-00650", 234, "2015-05"),
    ("snn-2015-07-27-00251", 2454, "2015-07-23"), ("snn-2015-08-06-00871", 50, "2015-08-06"),
    ("snn-2015-08-08-00724", 543, "2015-08-07"), ("snn-2015-08-07-00877", 491, "2015-07-27"),
    ("snn-2015-08-10-00264", 245, "2014"), ("snn-2015-08-10-01296", 343, "2015-08-09"),
    ("snn-2015-08-08-00804", 113, "2015-08-07"), ("snn-2015-08-04-01191", 1303, "2015-08"),
    ("snn-2015-08-06-02374", 47, "2015-08-05"), ("snn-2015-08-02-01287", 87, "2015-08-02"),
    ("snn-2015-07-22-00324", 952, "2015-03"), ("snn-2015-08-09-00941", 48, "2015-08-09"),
    ("snn-2015-08-11-01587", 42, "2015-08-11"), ("snn-2015-07-23-00675", 215, "2015-07-23"),
    ("snn-2015-08-09-01219", 115, "2015-08-08"), ("snn-2015-08-06-01376", 1276, None),
    ("snn-2015-08-07-01138", 960, "2015-07-20"), ("snn-2015-08-07-01327", 460, "2015-08-06"),
    ("snn-2015-08-11-00941", 1610, "2015-08-10"), ("snn-2015-07-31-01375", 25, "2015-07-28"),
    ("snn-2015-07-24-01817", 6542, "2015-07-24"), ("snn-2015-08-06-00423", 42, "2015-08-06"),
    ("snn-2015-07-24-01730", 41, "2015-07-24"), ("snn-2015-07-25-00897", 2415, "2015-07-13"),
    ("snn-2015-08-09-00261", 288, "2015-08-09"), ("snn-2015-07-31-00333", 17, "2015-07-30"),
    ("snn-2015-07-22-00897", 419, "2015-07-22"), ("snn-2015-07-26-00772", 304, "2015-07-25"),
    ("snn-2015-07-31-00643", 963, "2012"), ("snn-2015-08-06-01591", 857, "2015-01"),
    ("snn-2015-08-04-00050", 456, "2015-08-03"), ("snn-2015-08-11-01176", 836, "2015-08-17"),
    ("snn-2015-08-09-01211", 1548, "2015-08-15"), ("snn-2015-07-21-01381", 355, None),
    ("snn-2015-07-26-01058", 335, "2016"), ("snn-2015-08-03-00149", 2202, "2015-09"),
    ("snn-2015-08-10-00845", 220, "2015-08-08"), ("snn-2015-07-23-00824", 2093, "2015-08"),
    ("snn-2015-07-25-00318", 405, "2015-07-24"), ("snn-2015-07-22-00881", 38, "2015-07-22"),
    ("snn-2015-08-01-00755", 233, "2015-07"), ("snn-2015-08-01-00902", 22, "2015-08-01"),
    ("snn-2015-07-21-02329", 1288, "2015-07-25"), ("snn-2015-08-04-00902", 1266, "2015"),
    ("snn-2015-08-06-03031", 320, "2015-08-05"), ("snn-2015-07-31-00822", 1355, None),
]


def saudinewsnet_rows(shared_dir, ids: set[str]) -> dict[str, dict]:
    """The SaudiNewsNet records with these ids (read by path; the corpus is never copied)."""
    import gzip
    import json

    path = shared_dir / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
    if not path.exists():
        pytest.skip(f"needs {path}")
    found = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line[8:28] in ids:  # '{"id": "snn-…' : the id sits at a fixed place
                row = json.loads(line)
                found[row["id"]] = row
    return found


def relative_date_accuracy(rows: dict, checked: list) -> float:
    right = 0
    for article_id, start, expected in checked:
        row = rows[article_id]
        reference = datetime.date.fromisoformat(row["date_extracted"][:10])
        found = [d for d in temporal_expressions(row["content"], reference)
                 if d["span"][0] <= start < d["span"][1]]
        right += (found[0]["date"] if found else None) == expected
    return right / len(checked)


@pytest.mark.shared
@pytest.mark.parametrize("name, checked, floor", [("dev", DEV, 0.88), ("held-out", HELD_OUT, 0.88)])
def test_quality_relative_dates_saudinewsnet(shared_dir, name, checked, floor):
    rows = saudinewsnet_rows(shared_dir, {article_id for article_id, _, _ in checked})
    accuracy = relative_date_accuracy(rows, checked)
    print(f"\nrelative dates, SaudiNewsNet {name} ({len(checked)} hand-checked): accuracy {accuracy:.2f}")
    assert accuracy >= floor


# Relative dates as `naba run` reads SaudiNewsNet (the JSONL reader, the crawl stamp, the text's own
# weekdays), judged against the events by two blind reviewers (session 23) on the mentions where that
# reading and the stamp's differ: 35 of records 20,000-21,999 and 8 of DEV/HELD_OUT above, each decided by
# a weekday tied to a day word in the article or in another outlet's report of the same event, an
# edition date in the page's address, or the known date of the event (the reviewers were unsure of 5
# more, left out). Against the stamp alone 12 of the 43 are right.
EVENT_CHECKED = [
    ("snn-2015-08-06-00458", 296, "2015-08-05"), ("snn-2015-08-06-00501", 83, "2015-08-04"),
    ("snn-2015-08-06-01611", 75, "2015-08-04"), ("snn-2015-08-06-00328", 484, "2015-08-05"),
    ("snn-2015-08-06-00371", 1535, "2015-08-05"), ("snn-2015-08-06-00021", 321, "2015-08-05"),
    ("snn-2015-08-06-01556", 63, "2015-08-06"), ("snn-2015-08-06-01647", 3606, "2015-08-05"),
    ("snn-2015-08-06-01292", 127, "2015-08-03"), ("snn-2015-08-06-01176", 814, "2015-08-03"),
    ("snn-2015-08-06-01575", 78, "2015-08-05"), ("snn-2015-08-06-00262", 971, "2015-08-04"),
    ("snn-2015-08-06-01634", 216, "2015-08-05"), ("snn-2015-08-06-00940", 71, "2015-08-04"),
    ("snn-2015-08-06-01602", 96, "2015-08-04"), ("snn-2015-08-06-00817", 158, "2015-08-04"),
    ("snn-2015-08-06-00560", 102, "2015-08-04"), ("snn-2015-08-06-00367", 1635, "2015-08-04"),
    ("snn-2015-08-06-00344", 3312, "2015-08-07"), ("snn-2015-08-06-00229", 5, "2015-08-06"),
    ("snn-2015-08-06-00215", 16, "2015-08-05"), ("snn-2015-08-06-00317", 2215, "2015-08-05"),
    ("snn-2015-08-06-00275", 109, "2015-08-04"), ("snn-2015-08-06-01616", 29, "2015-08-04"),
    ("snn-2015-08-06-00366", 647, "2015-08-05"), ("snn-2015-08-06-00045", 601, "2015-08-05"),
    ("snn-2015-08-06-01242", 170, "2015-08-04"), ("snn-2015-08-06-00807", 73, "2015-08-03"),
    ("snn-2015-08-06-00317", 6909, "2015-08-05"), ("snn-2015-08-06-00317", 3879, "2015-08-05"),
    ("snn-2015-08-06-00285", 2747, "2015-08-03"), ("snn-2015-08-06-00274", 4451, "2015-08-03"),
    ("snn-2015-08-06-00368", 12, "2015-08-05"), ("snn-2015-08-06-00217", 7121, "2015-08-05"),
    ("snn-2015-08-06-00371", 1203, "2015-08-04"), ("snn-2015-08-06-02543", 182, "2015-08-04"),
    ("snn-2015-07-21-01420", 1233, "2015-07-19"), ("snn-2015-07-21-02123", 29, "2015-07-19"),
    ("snn-2015-07-31-01144", 317, "2015-07-29"), ("snn-2015-07-31-00304", 808, "2015-07-29"),
    ("snn-2015-08-06-00871", 50, "2015-08-05"), ("snn-2015-07-31-00333", 17, "2015-07-29"),
    ("snn-2015-07-31-00339", 24, "2015-07-28"),
]


@pytest.mark.shared
def test_quality_relative_dates_as_naba_run_reads_them(shared_dir):
    from naba.sources.jsonl import row_to_article

    rows = saudinewsnet_rows(shared_dir, {article_id for article_id, _, _ in EVENT_CHECKED})
    right = stamp_right = 0
    for article_id, start, expected in EVENT_CHECKED:
        article = row_to_article(rows[article_id], article_id, "saudinewsnet.jsonl")
        article.text = article.body
        found = [d["date"] for d in find_dates(article).dates if d["span"][0] <= start < d["span"][1]]
        right += found[:1] == [expected]
        stamp_right += relative_date_accuracy(rows, [(article_id, start, expected)])
    print(f"\nrelative dates as naba run reads them, {len(EVENT_CHECKED)} checked against the events: "
          f"{right / len(EVENT_CHECKED):.2f} right (the crawl stamp as today: {stamp_right / len(EVENT_CHECKED):.2f})")
    assert right / len(EVENT_CHECKED) >= 0.65


WOJOOD_DATE_FLOOR = 0.44  # exact-span F1 on the test part: 0.375 before the counted singular, bare
# years after a preposition, "العام القادم 2011" and "عام (1993)" (0.462 after; overlap F1 0.749 -> 0.811)


def wojood_date_spans(path) -> tuple[int, int, int]:
    """(true positives, predicted, gold) DATE spans over Wojood's sentences, tokens joined by spaces.

    A gold DATE is a B-/I-DATE run in any nested column; a predicted date covers the tokens its span
    touches. No publication date: relative mentions count as spans."""
    tp = predicted = gold_count = 0
    for rows in _wojood_sentences(path):
        tokens, starts, pos = [r[0] for r in rows], [], 0
        for token in tokens:
            starts.append(pos)
            pos += len(token) + 1
        gold, start = set(), None
        for i, row in enumerate([*rows, ["", "O"]]):
            if start is not None and ("B-DATE" in row[1:] or "I-DATE" not in row[1:]):
                gold.add((start, i))
                start = None
            if "B-DATE" in row[1:]:
                start = i
        found = set()
        for d in temporal_expressions(" ".join(tokens)):
            touched = [i for i, s in enumerate(starts) if s < d["span"][1] and d["span"][0] < s + len(tokens[i])]
            found.add((touched[0], touched[-1] + 1))
        tp, predicted, gold_count = tp + len(gold & found), predicted + len(found), gold_count + len(gold)
    return tp, predicted, gold_count


def _wojood_sentences(path):
    sentence = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if parts and parts[0] != "$#$":
            sentence.append(parts)
        elif sentence:
            yield sentence
            sentence = []
    if sentence:
        yield sentence


@pytest.mark.shared
def test_quality_wojood_date_spans(shared_dir):
    tp, predicted, gold = wojood_date_spans(shared_dir / "data" / "wojood_sample" / "test.txt")
    precision, recall = tp / predicted, tp / gold
    f1 = 2 * precision * recall / (precision + recall)
    print(f"\nWojood sample test, DATE exact spans: P {precision:.3f} R {recall:.3f} F1 {f1:.3f} "
          f"(gold {gold}, predicted {predicted})")
    assert f1 >= WOJOOD_DATE_FLOOR


def test_patterns_tried_at_their_openers_find_what_trying_every_character_finds():
    """`_relative` tries each pattern only where a run of letters can open it (`_Pattern.openers`). Over a text
    made of every vocabulary phrase, each behind every clitic pair and followed by the words that
    complete the patterns, that must give exactly `finditer`'s matches."""
    v = temporal._vocabulary()
    phrases = sorted({*v.day_parts, *v.day_offset, *v.weekday, *v.this_words, *v.period, *v.marker,
                      *v.month, *v.holiday, "يوم", "يومي", "شهر", "الشهر", "شهري"})
    tails = ["", " الماضي", " الجمعة", " (الخميس)", "، الأحد", " ثلاثة أيام", " 3 أشهر", " المقبل.", " اليوم",
             " يوم السبت", " أمس", " يوليو وأغسطس"]
    clitics = [a + b for a in ("", "و", "ف") for b in ("", "ب", "ل")]  # written out: the rule under test
    pieces = [f"{c}{p}{t}" for p in phrases for c in clitics for t in tails]
    folded = temporal.letter_folding().fold(" قال إنه ".join(pieces))[0]
    runs = [(m.start(), m.group()) for m in temporal._LETTERS.finditer(folded)]
    compared = 0
    for p in temporal._patterns():
        expected = [m.span() for m in p.pattern.finditer(folded)]
        assert [m.span() for m in temporal._matches(p.pattern, folded, runs, p.openers)] == expected
        compared += len(expected)
    assert compared > len(phrases) * len(clitics)


@pytest.mark.parametrize("text, expected", [
    # a Sunday paper (16 March 2025): the Arab working week has begun, so «last week» is the one that
    # just ended (Monday 10 March, as weeks are written) and «this week» the one begun
    ("ارتفعت الأسعار الأسبوع الماضي بنسبة ٣٪.", ("الأسبوع الماضي", "2025-03-10", "week")),
    ("سيزور الوفد المدينة هذا الأسبوع.", ("هذا الأسبوع", "2025-03-17", "week")),
])
def test_weeks_of_a_sunday_paper_start_on_that_sunday(text, expected):
    assert expected in dates_of(text, datetime.date(2025, 3, 16))


@pytest.mark.parametrize("text", [
    "يبدأ موسم الحصاد نهاية شهر يونيو (حزيران) من كل عام.",
    "تزدحم الأسواق في رمضان كل سنة.",
])
def test_a_time_of_every_year_is_no_date(text):
    assert dates_of(text) == []
