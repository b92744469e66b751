"""Quotes with their speakers (naba.extract.quotes): one construction a test, on sentences written for
these tests (Arabic punctuation، diacritics, tatweel and Arabic-Indic digits included)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from naba.errors import RulesError
from naba.extract import quote_parts
from naba.extract.quotes import find_quotes, quotes_in
from naba.model import Article

MARK_STYLES = [("«", "»"), ('"', '"'), ("“", "”"), ("”", "“"), ("„", "“"), ("«", '"'), ("“", "»"), ('"', "»")]


def found(text: str, entities: list[dict] | None = None) -> list[dict]:
    """The quotes of `text`, each checked to slice the text exactly (words and speaker)."""
    quotes = quotes_in(text, entities)
    for quote in quotes:
        assert text[slice(*quote["span"])] == quote["text"]
        if quote["speaker_span"] is not None:
            assert text[slice(*quote["speaker_span"])] == quote["speaker"]
        assert quote["kind"] in ("direct", "indirect")
    return quotes


def only(text: str, entities: list[dict] | None = None) -> dict:
    """The single quote of `text`."""
    quotes = found(text, entities)
    assert len(quotes) == 1, quotes
    return quotes[0]


@pytest.mark.parametrize("opening,closing", MARK_STYLES)
def test_direct_quote_in_every_mark_style(opening: str, closing: str) -> None:
    text = f"وقال رئيس البلدية: {opening}سنفتح الجسر الجديد قبل نهاية الشهر{closing}."
    quote = only(text)
    assert (quote["kind"], quote["speaker"], quote["verb"]) == ("direct", "رئيس البلدية", "قال")
    assert quote["text"] == "سنفتح الجسر الجديد قبل نهاية الشهر"


def test_direct_quote_without_colon_after_the_subject_and_place() -> None:
    quote = only('وقال الوزير للصحافيين في مدينة حمص، "نريد أن تتوقف الحرب اليوم قبل الغد" بحسب تعبيره.')
    assert quote["speaker"] == "الوزير" and quote["text"] == "نريد أن تتوقف الحرب اليوم قبل الغد"


def test_quote_reopened_after_a_paragraph_break_is_one_quote() -> None:
    text = "وقالت المديرة: «سنبدأ العام الدراسي في موعده.\n«ولن نغلق أي مدرسة في القرى»."
    quote = only(text)
    assert quote["text"].startswith("سنبدأ") and quote["text"].endswith("القرى")


def test_quote_running_over_a_line_break_without_reopening() -> None:
    quote = only("وقالت المديرة: «سنبدأ العام الدراسي في موعده،\nولن نغلق أي مدرسة في القرى».")
    assert quote["text"].endswith("في القرى") and "\n" in quote["text"]


def test_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "وقال المدرب: «سنلعب للفوز في المباراة المقبلة\nوفي سياق آخر، افتتح الملعب الجديد."
    assert only(text)["text"] == "سنلعب للفوز في المباراة المقبلة"


def test_unclosed_quote_ends_where_the_narrator_speaks_again() -> None:
    text = ('وبيّن مدير المستشفى: "استقبلنا عشرين مصابًا منذ الصباح. وأضاف أن ثلاثة منهم في حال حرجة. '
            'وقال وزير الصحة إن فرقًا طبية ستصل غدًا.')
    quotes = found(text)
    assert [(q["speaker"], q["verb"]) for q in quotes] == [("مدير المستشفى", "بيّن"), ("مدير المستشفى", "أضاف"),
                                                           ("وزير الصحة", "قال")]
    assert quotes[0]["text"] == "استقبلنا عشرين مصابًا منذ الصباح."
    assert quotes[1]["text"] == "ثلاثة منهم في حال حرجة"


@pytest.mark.parametrize("opening", ['وقال مدير المستشفى "', 'وأكد مدير المستشفى أن "'])
def test_unclosed_quote_without_a_colon_ends_before_the_narrators_verb(opening: str) -> None:
    quotes = found(opening + "استقبلنا عشرين مصابًا منذ الصباح. وأضاف أن ثلاثة منهم في حال حرجة.")
    assert [(q["kind"], q["text"]) for q in quotes] == [("direct", "استقبلنا عشرين مصابًا منذ الصباح."),
                                                        ("indirect", "ثلاثة منهم في حال حرجة")]


@pytest.mark.parametrize("text", [
    # a strict verb (also a noun), and verbs that report nothing here (no أن، إن or colon)
    'وقال المدرب: "سنلعب للفوز. كتب اللاعبون تاريخهم وسنكتب تاريخنا.',
    'وقال المدرب: "سنلعب للفوز. وجاء الهدف الأول من خطأ دفاعي.',
    'وقال المدير: "أنهينا المرحلة الأولى. ونقل العمال المعدات إلى الموقع الجديد.',
])
def test_unclosed_quote_runs_on_over_sentences_the_narrator_does_not_open(text: str) -> None:
    assert only(text)["text"] == text.split('"', 1)[1]


def test_a_quote_closed_inside_an_unclosed_one_is_not_cut() -> None:
    text = 'وقال المدير: "نقلنا عن الوزير قوله "سنعمل. وأضاف الوزير أن الخطة جاهزة" ولم نتأخر.'
    assert only(text)["text"] == text.split('"', 1)[1]


def test_guillemets_written_the_other_way_round() -> None:
    quote = only("قالت المعلمة: »نتابع الدروس كل يوم بلا انقطاع«.")
    assert quote["text"] == "نتابع الدروس كل يوم بلا انقطاع"


def test_nested_quote_of_the_same_mark() -> None:
    text = 'وقال المدرب: "سنطلب إضافة كلمة "خارجيا" إلى المادة السادسة من اللائحة".'
    assert only(text)["text"] == 'سنطلب إضافة كلمة "خارجيا" إلى المادة السادسة من اللائحة'


def test_quoted_names_are_not_quotes() -> None:
    text = "وأعلنت حركة «حماس» عن مبادرة جديدة، وشارك وفد من صحيفة «الأيام» في لقاء \"الوفاق الوطني\"."
    assert found(text) == []


def test_scare_quotes_inside_reported_words_stay_in_them() -> None:
    quote = only('وقال المحلل إن الحكومة تواجه "أزمة ثقة" مع الشارع.')
    assert quote["kind"] == "indirect" and quote["text"] == 'الحكومة تواجه "أزمة ثقة" مع الشارع'


def test_a_quoted_name_after_a_preposition_is_not_what_was_said() -> None:
    assert found('وبعدها أعلن المشايخ المساهمة في "وقف زاد الخير الجديد" بجمعية البر.') == []


def test_a_title_in_quote_marks_is_not_a_quote() -> None:
    assert found("ثم أعاد طبعه بعنوان «حكايات شعبية من قلب الجزيرة العربية القديمة» في العام التالي.") == []


def test_quoted_name_after_inna_is_the_subject_not_the_quote() -> None:
    quote = only('وقالت جمعية "أصدقاء البيئة" إن "سيسل" أصيب بسهم أولا.')
    assert (quote["kind"], quote["text"]) == ("indirect", '"سيسل" أصيب بسهم أولا')


def test_long_quote_standing_alone_is_direct_without_speaker() -> None:
    quote = only("افتتاح المعرض. «لا يمكن لأي مدينة أن تنهض من دون مكتبات عامة مفتوحة للجميع».")
    assert (quote["kind"], quote["speaker"], quote["verb"]) == ("direct", None, None)


def test_quote_before_its_verb() -> None:
    quote = only("«سنعيد بناء المدارس المتضررة كلها قبل الشتاء»، قال وزير التربية.")
    assert quote["speaker"] == "وزير التربية" and quote["text"].startswith("سنعيد")


@pytest.mark.parametrize("text,speaker,verb,words", [
    ("قالَ وزيرُ الزراعةِ إنّ المحصولَ تضاعفَ هذا العام.", "وزيرُ الزراعةِ", "قالَ", "المحصولَ تضاعفَ هذا العام"),
    ("اكدت وزارة الصحة ان عدد الاصابات تراجع.", "وزارة الصحة", "اكدت", "عدد الاصابات تراجع"),
    ("ويقول الخبير الاقتصادي سامر الحلبي إن الأسعار ستنخفض.", "الخبير الاقتصادي سامر الحلبي", "يقول",
     "الأسعار ستنخفض"),
    ("وأشار التقرير إلى أن البطالة انخفضت بنسبة ٣٪.", "التقرير", "أشار", "البطالة انخفضت بنسبة ٣٪"),
    ("وشدّد الرئيس على ضرورة حماية المدنيين.", "الرئيس", "شدّد", "ضرورة حماية المدنيين"),
    ("وأوضحت المديرة أن المعرض سيستمر أسبوعا.", "المديرة", "أوضحت", "المعرض سيستمر أسبوعا"),
    ("واعتبر المعلق الرياضي أن الفريق يستحق الفوز.", "المعلق الرياضي", "اعتبر", "الفريق يستحق الفوز"),
    ("وأعلنت الشركة أن المصنع سيفتح أبوابه.", "الشركة", "أعلنت", "المصنع سيفتح أبوابه"),
    ("ونفى المتحدث باسم الجيش أن تكون قواته قصفت المدينة.", "المتحدث باسم الجيش", "نفى",
     "تكون قواته قصفت المدينة"),
    ("وحذر الأمين العام للأمم المتحدة من أن المجاعة تهدد الملايين.", "الأمين العام للأمم المتحدة", "حذر",
     "المجاعة تهدد الملايين"),
    ("ودعا زعيم المعارضة إلى انتخابات مبكرة.", "زعيم المعارضة", "دعا", "انتخابات مبكرة"),
    ("ولفتت المتحدثة باسم الحكومة إلى أن الرواتب ستصرف غدا.", "المتحدثة باسم الحكومة", "لفتت",
     "الرواتب ستصرف غدا"),
    ("وذكرت الصحيفة أن الاجتماع سيعقد في القاهرة.", "الصحيفة", "ذكرت", "الاجتماع سيعقد في القاهرة"),
    ("وأفاد شهود عيان بأن الانفجار وقع قرب السوق.", "شهود عيان", "أفاد", "الانفجار وقع قرب السوق"),
    ("وصرّح وزير الداخلية بأن الحدود ستبقى مغلقة.", "وزير الداخلية", "صرّح", "الحدود ستبقى مغلقة"),
    ("فقالت المـــتحدثة إنها ستعود.", "المـــتحدثة", "قالت", "ستعود"),
    ("ولفت المدير أن الصناعة دورية.", "المدير", "لفت", "الصناعة دورية"),
    ("ونوّهت الباحثة بأنه فن له جمهوره.", "الباحثة", "نوّهت", "فن له جمهوره"),
    ("وبيّن مدير النادي لـ\"الوطن\" أن الموسم يبدأ غدا.", "مدير النادي", "بيّن", "الموسم يبدأ غدا"),
    ("وخلصت الدراسة إلى أن المياه ملوثة.", "الدراسة", "خلصت", "المياه ملوثة"),
    ("واختتم الوزير كلمته بالقول إن الطريق سيفتح قريبا.", "الوزير", "اختتم", "الطريق سيفتح قريبا"),
    ("وكشفت مصادر لـ«الوطن» عن اتفاق جديد.", "مصادر", "كشفت", "اتفاق جديد"),
    # session 19: feeling, urging, renewing (tatweel inside «عبّـر»)
    ("وعبّـر رئيس النادي عن سعادته بالفوز الكبير.", "رئيس النادي", "عبّـر", "سعادته بالفوز الكبير"),
    ("وحث الوزير المواطنين على الالتزام بالتعليمات.", "الوزير", "حث", "الالتزام بالتعليمات"),
    ("وطالب المجلس البلدي بضرورة إصلاح الطرق قبل الشتاء.", "المجلس البلدي", "طالب",
     "بضرورة إصلاح الطرق قبل الشتاء"),
    ("وجدد الوزير التأكيد على أن الحكومة ماضية في الإصلاح.", "الوزير", "جدد", "الحكومة ماضية في الإصلاح"),
    # condemnations say what they condemn as their object (marks on the verb and the subject)
    ("وأدانَ الأزهرُ التفجيراتِ التي وقعت على الحدود.", "الأزهرُ", "أدانَ", "التفجيراتِ التي وقعت على الحدود"),
    ("وأدان الأمين العام للجامعة العربية الهجوم الإرهابي الذي استهدف المسجد.", "الأمين العام للجامعة العربية",
     "أدان", "الهجوم الإرهابي الذي استهدف المسجد"),
    ("كما أدانت المملكة بشدة التفجير الذي وقع في المدينة.", "المملكة", "أدانت", "بشدة التفجير الذي وقع في المدينة"),
    ("ونددت الخارجية الفرنسية بالهجوم على السفارة.", "الخارجية الفرنسية", "نددت", "بالهجوم على السفارة"),
    ("وأدان الرئيس الأسد الهجوم.", "الرئيس الأسد", "أدان", "الهجوم"),
])
def test_indirect_speech_in_its_forms(text: str, speaker: str, verb: str, words: str) -> None:
    quote = only(text)
    assert (quote["kind"], quote["speaker"], quote["verb"], quote["text"]) == ("indirect", speaker, verb, words)


@pytest.mark.parametrize("text,speaker,words", [
    # session 22: a title's own preposition carries it on to the institution and the person's name
    ("وأوضح مدير الإعلام في سوق عكاظ محمد سمان، أن التحضيرات جارية.", "مدير الإعلام في سوق عكاظ محمد سمان",
     "التحضيرات جارية"),
    ("وأكد أستاذُ التربية في جامعة الملك عبدالعزيز الدكتور صالح الغامدي أن الشباب يحتاجون إلى الحوار.",
     "أستاذُ التربية في جامعة الملك عبدالعزيز الدكتور صالح الغامدي", "الشباب يحتاجون إلى الحوار"),
    ("وأفاد المشرف على البرنامج الدكتور عبدالرحمن السلمي أنه تم توزيع 400 حقيبة.",
     "المشرف على البرنامج الدكتور عبدالرحمن السلمي", "تم توزيع 400 حقيبة"),
    ("وشدد الأمين العام للجنة الرقابة على المنشطات عبدالعزيز المسعد، على أن الفحوص ثلاثة أنواع.",
     "الأمين العام للجنة الرقابة على المنشطات عبدالعزيز المسعد", "الفحوص ثلاثة أنواع"),
    # a statement or a report «issued by» someone is that one's
    ("وأفاد بيانٌ صادرٌ عن مكتب رئيس الوزراء العراقي أن العبادي قرر تقليص الوزارات.",
     "بيانٌ صادرٌ عن مكتب رئيس الوزراء العراقي", "العبادي قرر تقليص الوزارات"),
    ("وأوضح تقرير صادر من اللجنة الإعلامية لسوق عكاظ، أن المهرجان استقبل ألف زائر.",
     "تقرير صادر من اللجنة الإعلامية لسوق عكاظ", "المهرجان استقبل ألف زائر"),
    ("وقالت مصادر محلية في مديرية المخا إن الغارات استهدفت اللواء.", "مصادر محلية في مديرية المخا",
     "الغارات استهدفت اللواء"),
    ("وقال عوض الدوسي نائب رئيس لجنة التثمين وعضو اللجنة العقارية في غرفة جدة، إن اللجنة أنهت عملها.",
     "عوض الدوسي نائب رئيس لجنة التثمين وعضو اللجنة العقارية في غرفة جدة", "اللجنة أنهت عملها"),
    # but a verb's own preposition, or how it was said, is no part of the title
    ("وأكد مدير المستشفى في تصريحات صحفية أن الحالات مستقرة.", "مدير المستشفى", "الحالات مستقرة"),
    ("وشدد مدير الشرطة على ضرورة الالتزام بالتعليمات.", "مدير الشرطة", "ضرورة الالتزام بالتعليمات"),
    # a year after a name says when, not who (Arabic-Indic digits, and «سنة»)
    ("وأعرب الدكتور وهبة الزحيلي عام 2013 عن أسفه لما آلت إليه الأوضاع.", "الدكتور وهبة الزحيلي",
     "أسفه لما آلت إليه الأوضاع"),
    ("وأعربت الكاتبة سلمى الحربي سنة ٢٠١٤ عن أملها في تحسن الأوضاع.", "الكاتبة سلمى الحربي",
     "أملها في تحسن الأوضاع"),
])
def test_who_speaks_runs_as_far_as_the_title_goes(text: str, speaker: str, words: str) -> None:
    quote = only(text)
    assert (quote["speaker"], quote["text"]) == (speaker, words)


def test_a_comment_after_a_colon_is_the_commenters() -> None:
    quote = only("وعلّق دونيس، على غياب سعود كريري عن المباراة: «غياب كريري مؤثر، لكن البدائل جاهزة».")
    assert (quote["speaker"], quote["verb"], quote["kind"]) == ("دونيس", "علّق", "direct")
    assert quote["text"] == "غياب كريري مؤثر، لكن البدائل جاهزة"


def person(text: str, name: str, nth: int = 0) -> dict:
    """A PER entity for the `nth` occurrence of `name` in `text`, as the tagger gives it."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return {"text": name, "type": "PER", "span": [start, start + len(name)]}


def test_a_sentence_opened_by_kana_speaks_for_the_person_after_it() -> None:
    text = ("وأكد نايف المطيري مدير المركز الإعلامي في نادي الشباب أن العقد سليم. وكان الحشان قد برر خطوته "
            "بالتوقيع للشباب بأنه يسعى لتأمين مستقبله، وقال عبر حسابه في تويتر: «إلى متى يجامل الإنسان على حساب عمره؟».")
    quotes = found(text, [person(text, "نايف المطيري"), person(text, "الحشان")])
    assert [q["speaker"] for q in quotes] == ["نايف المطيري مدير المركز الإعلامي في نادي الشباب", "الحشان"]


def test_a_participle_speaks_for_the_person_its_sentence_opens_with() -> None:
    text = ("وقال الحكم إن القرار صحيح. ورفضَ مورينيو الحديثَ عن قرار الحكم بطرد الحارس، مشيرًا: «لا أريد الحديث "
            "عن هذا الأمر».")
    quotes = found(text, [person(text, "مورينيو")])
    assert quotes[-1]["speaker"] == "مورينيو" and quotes[-1]["verb"] == "مشيرًا"


def test_her_talk_is_not_who_speaks() -> None:
    text = ("وقالت شقيقة الفنان إن حالته مستقرة. واختتمت حديثَها بقولها: «فأرجو ألا يتوقف محبوه عن الدعاء له». "
            "واختتم المدرب كلمته بالقول: «الفرصة متكافئة».")
    assert [q["speaker"] for q in found(text)] == ["شقيقة الفنان", "شقيقة الفنان", "المدرب"]


def test_a_source_named_in_quote_marks_ends_at_the_full_stop() -> None:
    text = 'وستنضم العاصمة إلى المبادرة، حسب وكالة "أنباء الشرق الأوسط". يُذكر أن ستوكهولم تجنبت ذلك في السابق.'
    [quote] = found(text)
    assert quote["speaker"] == 'وكالة "أنباء الشرق الأوسط"' and quote["text"] == "وستنضم العاصمة إلى المبادرة"


def test_present_tense_of_a_continuation_verb() -> None:
    quote = only("ويستطرد المهندس: «لن يكون هناك مشروع يشبه هذا المشروع».")
    assert (quote["speaker"], quote["verb"]) == ("المهندس", "يستطرد")


def test_bayyana_is_a_verb_only_with_its_complement_at_hand() -> None:
    text = "وقالت الفنانة التي كانت بين الحضور إن الحفل رائع. وبين أنه سيعود قريبا، كما نوه بأن التذاكر نفدت."
    quotes = found(text)
    assert [(q["verb"], q["text"]) for q in quotes] == [
        ("قالت", "الحفل رائع"), ("بين", "سيعود قريبا"), ("نوه", "التذاكر نفدت")]


def test_a_preposition_inside_a_title_is_no_complement_of_the_verb() -> None:
    quote = only("ودعا الرئيس اليمني عبدربه منصور هادي خلال لقائه مبعوث الأمين العام للأمم المتحدة إلى اليمن "
                 "إسماعيل ولد الشيخ، في الرياض إلى زيارة محافظة عدن.")
    assert (quote["speaker"], quote["text"]) == ("الرئيس اليمني عبدربه منصور هادي", "زيارة محافظة عدن")


def test_a_noun_spelled_like_a_speech_verb_lends_no_speaker() -> None:
    text = "وقال الوزير إن المتهمين فروا. إلا أن المتحدث رفض تأكيد أو نفي المعلومة، وقال إن التحقيق مستمر."
    assert found(text)[1]["speaker"] != "المعلومة"


@pytest.mark.parametrize("verb", ["ونفى", "ونفىَ", "ونفىٰ", "ونفـى"])
def test_a_speech_verb_with_marks_after_its_last_letter_still_speaks(verb: str) -> None:
    """A vowel mark or tatweel on «نفى» does not hide its ى: it is the verb, not the noun «نفي»."""
    assert only(f"{verb} الوزير أن تكون الحكومة قد رفعت أسعار الوقود.")["speaker"] == "الوزير"


def test_non_inside_a_noun_phrase_does_not_cut_the_speaker() -> None:
    """«غير» in «منظمة غير حكومية» means non-: it is no «غير أن» that starts another clause."""
    quote = only("وكان مدير منظمة غير حكومية قد قال إن الأوضاع الإنسانية في المدينة تزداد سوءا.")
    assert quote["speaker"] == "مدير منظمة غير حكومية"


def test_the_object_of_a_plural_verb_is_not_the_speaker() -> None:
    text = ("وقال المشاركون إن التطرف لا دين له. وحثوا الدول الأعضاء على تفعيل القرارات، "
            "مؤكدين أنه لا يجوز استغلال حرية التعبير.")
    assert found(text)[1]["speaker"] == "المشاركون"


def test_a_verb_inside_reported_words_does_not_become_the_last_speaker() -> None:
    text = ("وأشارت الصحيفة إلى أن المدرب يعتبر اللاعب ركيزة أساسية، علما بأن اللاعب مدد عقده. "
            "ولفتت إلى أن اللاعب انضم قبل سنوات.")
    assert [q["speaker"] for q in found(text)] == ["الصحيفة", "الصحيفة"]


def test_a_family_name_used_alone_does_not_take_the_object() -> None:
    text = "وقال المهندس سعود الدلبحي إن الغش واسع. وانتقد الدلبحي دور البلديات، مؤكدا أن الرقابة ضعيفة."
    assert found(text)[1]["speaker"] == "الدلبحي"


def test_a_coordinated_title_after_the_name_does_not_speak() -> None:
    text = ("سامر عوض مهندس الإنشاء، والمسؤول عن بناء الخزانات الضخمة في ساحة مشروع المصفاة، يقول: "
            "\"ننجز أعمالنا بكل دقة\".")
    quote = only(text, [{"type": "PER", "span": [0, 8]}])
    assert quote["speaker"] == "سامر عوض مهندس الإنشاء"


def test_a_contrast_phrase_ends_the_reported_words_and_keeps_the_speaker() -> None:
    first, second = found("وأكد الوزير أن الشركة تولي الأهمية الكبرى للسوق، في حين قال إن الخطة لن تتغير.")
    assert (first["text"], second["speaker"]) == ("الشركة تولي الأهمية الكبرى للسوق", "الوزير")


@pytest.mark.parametrize("text,speaker", [
    ("أكد ذلك وكيل الوزارة المساعد الدكتور حاتم المطيري، مشيرا إلى أن الغرامة مالية.",
     "وكيل الوزارة المساعد الدكتور حاتم المطيري"),
    ("وقال رئيس بلدية وسط الدمام المهندس حاتم الغامدي: «أغلقنا مئتي محل».",
     "رئيس بلدية وسط الدمام المهندس حاتم الغامدي"),
])
def test_titles_and_places_inside_a_speaker(text: str, speaker: str) -> None:
    assert only(text)["speaker"] == speaker


def test_speaker_after_verb_keeps_title_and_name_as_written() -> None:
    quote = only("وقال وزير الخارجية الروسي، سيرغي لافروف، اليوم، إن المحادثات ستستمر.")
    assert quote["speaker"] == "وزير الخارجية الروسي، سيرغي لافروف"


@pytest.mark.parametrize("text,speaker", [
    ("أفاد بذلك وكيل الوزارة الدكتور توفيق السديري، أن الموسوعة وزعت على الفروع.",
     "وكيل الوزارة الدكتور توفيق السديري"),
    ("وقال أمس وزير المالية إن الميزانية متوازنة.", "وزير المالية"),
])
def test_adverbs_between_verb_and_subject(text: str, speaker: str) -> None:
    assert only(text)["speaker"] == speaker


def test_speaker_before_verb() -> None:
    assert only("وزير الطاقة خالد العمري قال إن الإنتاج سيرتفع.")["speaker"] == "وزير الطاقة خالد العمري"


def test_speaker_of_a_statement() -> None:
    quote = only("وقالت الوزارة في بيان: «لن نرفع أسعار الوقود هذا العام».")
    assert (quote["speaker"], quote["kind"]) == ("الوزارة", "direct")


def test_continuation_quotes_go_to_the_previous_speaker() -> None:
    text = ("وقال محافظ البنك المركزي إن التضخم تباطأ. وأضاف: «سنبقي الفائدة كما هي». "
            "وتابع أن الاحتياطي يكفي لستة أشهر، مشيرا إلى أن الدينار مستقر.")
    quotes = found(text)
    assert [q["speaker"] for q in quotes] == ["محافظ البنك المركزي"] * 4
    assert [q["kind"] for q in quotes] == ["indirect", "direct", "indirect", "indirect"]
    assert quotes[2]["text"] == "الاحتياطي يكفي لستة أشهر"  # cut where the participle starts a new quote


def test_pronoun_subject_goes_to_the_last_person_named() -> None:
    quote = only("التقى الوزير نظيره الأردني أمس. وقال إن البلدين سيوقعان اتفاقية للمياه.")
    assert quote["speaker"] == "الوزير"


def test_participle_takes_the_subject_of_its_sentence() -> None:
    text = "نفت السلطات المحلية الأنباء عن إغلاق الميناء، مؤكدة أن «العمل يسير بشكل طبيعي»."
    quote = only(text)
    assert (quote["speaker"], quote["verb"], quote["kind"]) == ("السلطات المحلية", "مؤكدة", "direct")


def test_participle_right_after_a_verb_takes_its_subject() -> None:
    quote = only("أضاف الرسام العتيبي قائلاً: إن الفن التشكيلي يحتاج إلى دعم أكبر.")
    assert (quote["speaker"], quote["verb"]) == ("الرسام العتيبي", "قائلاً")


def test_abbreviated_title_stays_in_the_speaker() -> None:
    assert only("يرى م. عبدالله الحربي أنه في حالة الطوارئ سيتغير كل شيء.")["speaker"] == "م. عبدالله الحربي"


def test_honorific_pronoun_is_not_a_speaker() -> None:
    text = "زار الوزير المستشفى. وأشار سعادته إلى أن معظم الحالات بسيطة."
    assert only(text)["speaker"] == "الوزير"


def test_address_dots_do_not_end_the_sentence() -> None:
    quote = only("وأكد المدير أن الخدمة متاحة عبر الموقع www.example.sa منذ الأحد.")
    assert quote["text"].endswith("منذ الأحد")


def test_contrast_starts_another_speaker() -> None:
    text = "ويرى مصرف استثماري أن الأسعار قد تنخفض، غير أن محللين آخرين يقولون إن التراجع لن يطول."
    first, second = found(text)
    assert (first["speaker"], first["text"]) == ("مصرف استثماري", "الأسعار قد تنخفض")
    assert (second["speaker"], second["text"]) == ("محللين آخرين", "التراجع لن يطول")


def test_participle_takes_the_name_after_its_sentence_verb() -> None:
    text = "وقارن كيري بين ميزانيات الدفاع في البلدين، مشيرا إلى أن الفارق كبير."
    assert only(text)["speaker"] == "كيري"


def test_a_prayer_formula_is_not_a_speaker() -> None:
    assert only("ودعا رحمه الله إلى اجتماع بين الجانبين.")["speaker"] is None


def test_missing_space_after_a_full_stop_still_ends_the_sentence() -> None:
    quote = only("وأشارت مصادر إخبارية إلى أن الوفد طلب تفسيرا.وكانت مصادر أخرى نشرت الخبر.")
    assert quote["text"] == "الوفد طلب تفسيرا"


def test_participle_subject_after_a_lead_adverb() -> None:
    quote = only('من جانبه، أبدى العليان سعادته بالتجديد قائلا، "لم أتخيل نفسي خارج أسوار النادي".')
    assert quote["speaker"] == "العليان"


def test_family_name_after_a_title_after_a_speech_verb() -> None:
    assert only("وقال اللاعب العليان إنه سعيد بالتجديد.")["speaker"] == "اللاعب العليان"


def test_outlet_between_verb_and_subject() -> None:
    quote = only('من جهته، أوضح لـ "صدى المدينة"، الخبير سامر جرار، أن السوق ستتعافى قريبا.')
    assert (quote["speaker"], quote["via"]) == ("الخبير سامر جرار", ["صدى المدينة"])


def test_pronoun_speaker_is_the_subject_after_the_first_verb() -> None:
    text = "من جهته اعتبر ضيف الأمسية الشاعر زياد بن نحيت ما حدث أمرا طيبا، وعن الزحام قال: «هذه مسألة طبيعية جدا»."
    assert only(text)["speaker"] == "ضيف الأمسية الشاعر زياد بن نحيت"


def test_a_document_speaks_after_jaa_fi() -> None:
    quote = only('وجاء في الخطاب: "بناء على استقالة رئيس مجلس الإدارة تقرر حل المجلس".')
    assert (quote["speaker"], quote["kind"]) == ("الخطاب", "direct")


def test_a_byline_name_is_not_a_sentence_subject() -> None:
    text = "عبد الله السالم- صدى المدينة- الرباط: أيدت الجمعية القرار، موضحة أنه يجري التنسيق مع البلدية."
    assert only(text)["speaker"] == "الجمعية"


def test_a_title_inside_reported_words_is_not_the_subject() -> None:
    text = "وبين أن مبادرات وزارة التعليم أصبحت واقعا، وقال: «كانت الجامعات تبتعث الموظفين»."
    assert found(text)[-1]["speaker"] is None


def test_quoted_subject_of_reported_words_is_indirect() -> None:
    quote = only("وأكد الاتحاد أن “جمعية عمومية غير عادية” ستعقد من أجل اختيار رئيس جديد.")
    assert (quote["kind"], quote["text"]) == ("indirect", "“جمعية عمومية غير عادية” ستعقد من أجل اختيار رئيس جديد")


def test_parenthesised_speaker_and_a_number_of_people() -> None:
    assert only("قالت (ألبان الوادي) أكبر شركة للألبان إنها ستخفض الأسعار.")["speaker"] == "ألبان الوادي"
    assert only("فيما أكد عدد من مديري المدارس أن الإدارة جهزت الفصول.")["speaker"] == "عدد من مديري المدارس"


def test_words_after_a_colon_end_where_a_participle_starts() -> None:
    first, second = found("وأوضح الخطيب: عظم مصاب الأمة بالفاجعة، مؤكداً أن النصر قريب.")
    assert (first["text"], second["text"], second["speaker"]) == ("عظم مصاب الأمة بالفاجعة", "النصر قريب", "الخطيب")


def test_subject_before_an_auxiliary_and_an_apposition() -> None:
    text = ("وكانت شركة النخيل، إحدى شركات الاتصالات الكبرى في البلاد، قد أكدت أن الضريبة ستذهب إلى الوزارة، "
            "بينما بينت أن الإجراء سيضر بإيراداتها.")
    assert [q["speaker"] for q in found(text)] == ["شركة النخيل", "شركة النخيل"]


@pytest.mark.parametrize("text,speaker", [
    ("وقال مسؤول في الوزارة إن الوفد سيصل غدا.", "مسؤول في الوزارة"),
    ("وقال مسؤول في بيان إن الوفد سيصل غدا.", "مسؤول"),
])
def test_a_preposition_inside_a_title_but_not_before_a_statement(text: str, speaker: str) -> None:
    assert only(text)["speaker"] == speaker


def test_a_web_address_colon_introduces_nothing() -> None:
    assert found("ودعت المدينة الراغبين التقديم عبر الموقع http://careers.example.sa/ للمدينة.") == []


def test_a_verb_inside_reported_words_does_not_lend_its_object_to_a_participle() -> None:
    text = "وأكد المطرب سامي بعد الحفل أن الليلة تعتبر تاريخية بالنسبة له مؤكدا أن حب الجمهور لا يقدر بثمن."
    assert [q["speaker"] for q in found(text)] == ["المطرب سامي", "المطرب سامي"]


def test_a_quoted_latin_title_is_not_what_was_said() -> None:
    text = 'وتؤكد النتائج دراسة نشرت بالمجلة العلمية "Journal of Applied Physiology" أشارت الى أن الرجال أسرع.'
    assert all("Journal" != q["text"][:7] for q in found(text))


def test_subject_before_qad_and_its_verb() -> None:
    quote = only("وكان المرشد قد قال في خطاب ألقاه أمس، أن سياسات البلدين تختلف كثيرا.")
    assert quote["speaker"] == "المرشد"
    assert only("وكان سليماني قد قال في خطاب ألقاه أمس، إن الحرب ستطول.")["speaker"] == "سليماني"


def test_the_object_of_a_call_is_not_the_speaker() -> None:
    text = "وقال الوزير إن الأزمة تتفاقم. ودعا المجتمع الدولي للتحرك، قائلا «الوقت ينفد أمام الجميع»."
    assert [q["speaker"] for q in found(text)] == ["الوزير", "الوزير"]


def test_participle_subject_further_into_its_sentence() -> None:
    text = "يأتي ذلك في ظل إعلان فصائل المعارضة تقدمها نحو المدينة، مشددة على أن قواتها لن تتوقف."
    assert only(text)["speaker"] == "فصائل المعارضة"


def test_verb_of_the_reported_words_does_not_cut_them() -> None:
    quote = found("وقالت هيئة الاتصالات إن ثلث الناس قالوا إنهم تحولوا إلى الهواتف الذكية.")[0]
    assert quote["text"] == "ثلث الناس قالوا إنهم تحولوا إلى الهواتف الذكية"


def test_noun_after_a_participle_is_no_speech() -> None:
    assert found("وثمنت الأسرة هذه اللفتة، مؤكدين فخرهم أن يخدم أبناؤهم الوطن.") == []


def test_verb_in_a_relative_clause_starts_no_quote() -> None:
    quote = only("وقال الرئيس إنه يتابع الهجوم الذي قال إنه يتجه إلى العاصمة.")
    assert quote["text"] == "يتابع الهجوم الذي قال إنه يتجه إلى العاصمة"


def test_verb_used_as_a_noun_starts_no_quote() -> None:
    quote = only("وقال تاجر في السوق، طالبا عدم كشف اسمه: «شاركت في عمليات الإغاثة طوال الليل».")
    assert (quote["speaker"], quote["verb"]) == ("تاجر", "قال")


def test_verb_that_is_also_a_noun_needs_a_conjunction_or_a_title() -> None:
    assert found("فهذا الكتاب يتحدث عن تأليفهم كتب علوم اللغة وأحسب أن بين الأمرين فرقا.") == []
    assert only("وكتب الوزير في تغريدة أن الطريق سيفتتح غدا.")["speaker"] == "الوزير"


def test_object_set_off_by_commas_is_not_part_of_the_speaker() -> None:
    quote = only("ونعى الوزير الدكتور أنور الخطيب، الضحايا، قائلاً: «نسأل الله الرحمة لهم جميعا».")
    assert quote["speaker"] == "الوزير الدكتور أنور الخطيب"


def test_verb_inside_reported_words_starts_no_quote() -> None:
    quote = only('وقال السفير إنه اعتبر القرار "خطأ تاريخيا من جانب الحكومة".')
    assert (quote["speaker"], quote["kind"]) == ("السفير", "indirect")


def test_via_chain_of_agency_and_platform() -> None:
    text = 'وقالت السفارة الفرنسية في بيان، نقلته وكالة "سبوتنيك" عبر "تلغرام"، إن على رعاياها المغادرة فورا.'
    quote = only(text)
    assert quote["speaker"] == "السفارة الفرنسية"
    assert quote["via"] == ["وكالة سبوتنيك", "تلغرام"]


@pytest.mark.parametrize("text,speaker,via", [
    ("وقال مسؤول كبير، نقلا عن وكالة رويترز، إن المفاوضات توقفت.", "مسؤول كبير", ["وكالة رويترز"]),
    ("وقال وزير النفط إن الإنتاج سيرتفع، بحسب ما نقلت وكالة رويترز.", "وزير النفط", ["وكالة رويترز"]),
    ("وأكد قائد الشرطة في تصريح لقناة الجزيرة أن الطريق فُتح من جديد.", "قائد الشرطة", ["قناة الجزيرة"]),
    ("وكتب رئيس الوزراء في تغريدة على منصة إكس أن الحكومة ستدعم المزارعين.", "رئيس الوزراء", ["منصة إكس"]),
    ("ونقل التلفزيون الرسمي عن وزير الصحة أن الوضع تحت السيطرة.", "وزير الصحة", ["التلفزيون الرسمي"]),
    ("وقال الناطق باسم الوزارة لـ«صدى المدينة» إن التحقيق مستمر.", "الناطق باسم الوزارة", ["صدى المدينة"]),
    ("وقال الوزير في حوار مع «نبض الخليج» إن المفاوضات مستمرة.", "الوزير", ["نبض الخليج"]),
    ("كشف لـ(نبض الخليج) عميد الكلية الدكتور خالد السالم، أنه تم قبول ألف طالب.",
     "عميد الكلية الدكتور خالد السالم", ["نبض الخليج"]),
    # one agency read whole and in part is named once, whole
    ("وقال رئيس المجلس وفقاً لما نقلته وكالة الأنباء البحرينية إن المملكة تقف صفا واحدا مع أشقائها.",
     "رئيس المجلس", ["وكالة الأنباء البحرينية"]),
])
def test_via_markers(text: str, speaker: str, via: list[str]) -> None:
    quote = only(text)
    assert (quote["speaker"], quote["via"]) == (speaker, via)


@pytest.mark.parametrize("text,speaker,words", [
    ("ارتفع عدد الضحايا إلى عشرين، وفقا لوزارة الصحة.", "وزارة الصحة", "ارتفع عدد الضحايا إلى عشرين"),
    ("وبحسب الدفاع المدني، فإن الحريق أتى على ثلاثة مبان.", "الدفاع المدني", "الحريق أتى على ثلاثة مبان"),
    ("وجاء على لسان وزير الصحة أن الوضع تحت السيطرة.", "وزير الصحة", "الوضع تحت السيطرة"),
    ("قتل خمسة مدنيين في القصف، حسب «المرصد المحلي».", "المرصد المحلي", "قتل خمسة مدنيين في القصف"),
])
def test_attributions(text: str, speaker: str, words: str) -> None:
    quote = only(text)
    assert (quote["speaker"], quote["text"], quote["kind"]) == (speaker, words, "indirect")


def test_attribution_after_a_quote_gives_its_speaker() -> None:
    quote = only("وبالتوازي «أرسل الحزب وفدا إلى القرى للتفاوض مع الأهالي»، كما يقول المصدر.")
    assert (quote["kind"], quote["speaker"]) == ("direct", "المصدر")


def test_according_to_what_someone_said_ends_the_reported_words() -> None:
    quote = only("كشف رجل الأعمال سامي النجار أنه أسس شركة جديدة للفضاء، وفقا لما قاله مدير الشركة.")
    assert (quote["text"], quote["via"]) == ("أسس شركة جديدة للفضاء", ["مدير الشركة"])


@pytest.mark.parametrize("text,speaker,words", [
    ("«سنعود أقوى من قبل»، هذا ما أكدته الوزيرة سارة العلي في مؤتمر صحفي.", "الوزيرة سارة العلي", "سنعود أقوى من قبل"),
    ("ذهب الفريق بعيدا في المسابقة. \"عدنا إلى حيث نريد ونملك لاعبين كبارا\"، هذا ما قاله جون ألكسندر أمين عام النادي.",
     "جون ألكسندر أمين عام النادي", "عدنا إلى حيث نريد ونملك لاعبين كبارا"),
])
def test_a_recap_after_a_quote_names_its_speaker(text: str, speaker: str, words: str) -> None:
    """«"…"، هذا ما قاله X»: the speaker comes after the quote."""
    found = [q for q in quotes_in(text) if q["text"] == words]
    assert [q["speaker"] for q in found] == [speaker]


def test_a_recap_with_no_quote_before_it_quotes_nothing() -> None:
    assert quotes_in("وهذا ما قاله الوزير في المؤتمر أمس.") == []
    assert quotes_in("الإصلاح ضرورة، وهذا ما قاله الوزير أمس.") == []


def test_attribution_before_a_verb_becomes_its_via() -> None:
    quote = only("وبحسب رويترز، فقد أوضح المدير أن الصندوق مستعد للمساعدة.")
    assert (quote["speaker"], quote["via"]) == ("المدير", ["رويترز"])


def test_attribution_opening_the_next_sentence_has_its_own_words() -> None:
    first, second = found("قال الوزير إن الطريق مفتوح. وبحسب الدفاع المدني، فإن الحريق أتى على ثلاثة مبان.")
    assert (first["via"], second["speaker"], second["text"]) == ([], "الدفاع المدني", "الحريق أتى على ثلاثة مبان")


def test_kama_qala_is_the_verb_not_an_attribution() -> None:
    quote = only("كما قال سامي الحربي، نائب رئيس الحزب، إن الشاحنات حملت بالأسلحة.")
    assert (quote["verb"], quote["speaker"]) == ("قال", "سامي الحربي")


def test_according_to_someone_before_a_quote_standing_alone() -> None:
    text = ("المشكلة، بحسب ما يقول المحلل، هي أن الحكومة «تجرأت على القيام بذلك دون أي دعم من مقدمة منطقية "
            "تتعلق بنمو العائدات في البلاد».")
    assert only(text)["speaker"] == "المحلل"


def test_attribution_to_a_plan_is_no_quote() -> None:
    assert found("وسيفتتح الطريق في الربيع بحسب الخطة الموضوعة.") == []


def test_entities_decide_how_far_a_name_runs() -> None:
    text = "وقال الرئيس رجب طيب أردوغان الثاني إن بلاده تريد الاستقرار."
    start = text.index("رجب")
    entity = {"text": "رجب طيب أردوغان الثاني", "type": "PER", "span": [start, start + len("رجب طيب أردوغان الثاني")]}
    without = only(text)["speaker"]
    assert without == "الرئيس رجب طيب أردوغان الثاني" or without.startswith("الرئيس")
    assert only(text, [entity])["speaker"] == "الرئيس رجب طيب أردوغان الثاني"


def test_entity_after_a_short_title_extends_the_speaker() -> None:
    text = "وقال النائب جمال الدين عبد الرحمن الخطيب إن البرلمان سيصوت."
    start = text.index("جمال")
    end = len("وقال النائب جمال الدين عبد الرحمن الخطيب")
    quote = only(text, [{"text": text[start:end], "type": "PER", "span": [start, end]}])
    assert quote["speaker"] == "النائب جمال الدين عبد الرحمن الخطيب"


def test_a_person_entity_ends_a_titled_speaker() -> None:
    text = "وأضاف وزير النفط الكويتي علي العمير توقع ارتفاع الأسعار أن السوق ستستقر."
    start = text.index("علي")
    person = {"text": "علي العمير", "type": "PER", "span": [start, start + len("علي العمير")]}
    assert only(text, [person])["speaker"] == "وزير النفط الكويتي علي العمير"


def test_a_person_entity_does_not_cut_the_rest_of_a_name() -> None:
    text = "وقال وزير الدفاع الفرنسي جان إيف لو دريان إن الطائرات جاهزة."
    start = text.index("جان")
    person = {"text": "جان إيف", "type": "PER", "span": [start, start + len("جان إيف")]}
    assert only(text, [person])["speaker"] == "وزير الدفاع الفرنسي جان إيف لو دريان"


def test_an_entity_that_took_a_verb_does_not_stretch_the_speaker() -> None:
    text = "وقال رئيس الاتحاد ديريك كشف إن البطولة ستقام."
    start = text.index("ديريك")
    person = {"text": "ديريك كشف", "type": "PER", "span": [start, start + len("ديريك كشف")]}
    assert only(text, [person])["speaker"] == "رئيس الاتحاد ديريك"


@pytest.mark.parametrize("text", ["", "   \n\n ", "The minister said: \"we will win\".", "١٢٣ ٤٥٦", "«»", "قال",
                                  "وقال الوزير،", "«« »» \" “ „"])
def test_bad_input_gives_no_quotes(text: str) -> None:
    assert found(text) == []


# Words and marks that make the stage work hard: verbs, complements, titles, attribution markers, every
# quote mark, sentence ends, commas, line breaks, diacritics and tatweel.
_PIECES = ["قال", "وقالت", "إن", "أن", "وأضاف", "مشيرا", "إلى", "على", "الوزير", "السفارة", "بحسب", "وفقا",
           "لـ", "نقلته", "وكالة", "عبر", "تلغرام", "عن", "الذي", "سامي", "في", "بيان", "«", "»", '"', "“",
           "”", "„", ":", "،", ".", "؟", "\n", "\n\n", "(", ")", "ـ", "ُ", "x", "1"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.sampled_from(["", " "]))
def test_any_mix_of_words_and_marks_gives_well_formed_quotes(pieces: list[str], glue: str) -> None:
    text = glue.join(pieces)
    for quote in found(text):
        assert quote["span"][0] < quote["span"][1]
        assert all(isinstance(v, str) for v in quote["via"])


def test_very_long_text_is_handled() -> None:
    sentence = "وقال المتحدث باسم البلدية إن أعمال الصيانة ستنتهي قريبا. "
    quotes = found(sentence * 2000 + "«" + "كلمة " * 5000)
    assert len(quotes) >= 2000


def test_find_quotes_is_a_stage() -> None:
    article = Article(body="", source_kind="text", text="وأكد المدرب أن الفريق جاهز للمباراة.")
    assert find_quotes(article) is article
    assert article.quotes[0]["speaker"] == "المدرب"
    assert find_quotes(Article(body="", source_kind="text")).quotes == []


def test_rules_reject_a_verb_without_forms() -> None:
    with pytest.raises(RulesError, match="needs at least one form"):
        quote_parts._verbs({"verbs": {"قال": {"forms": [], "complements": ["أن"]}}})


def test_rules_reject_a_form_shared_by_two_verbs() -> None:
    with pytest.raises(RulesError, match="must name one verb"):
        quote_parts._verbs({"verbs": {"قال": {"forms": ["قال"]}, "ذكر": {"forms": ["قال"]}}})


def test_rules_reject_a_list_of_non_words() -> None:
    with pytest.raises(RulesError, match="'titles' must be a list"):
        quote_parts._words({"titles": ["وزير", 3]}, "titles")


# --- from an audit of 60 SaudiNewsNet quotes (session 19): words after a verb that name no one ---

@pytest.mark.parametrize("text,speaker", [
    # a word between the verb and its complement is no speaker; the sentence's subject speaks
    ("استقبل أمير المنطقة السفير الفرنسي أمس، وأعرب خلاله عن تقديره للعلاقات بين البلدين.", "أمير المنطقة"),
    # a manner adverb after the verb: the speaker is the one before
    ('وقال المدرب خالد الشهري إن الفريق جاهز. لكنه أضاف بسرعة "المباراة لن تكون سهلة".', "المدرب خالد الشهري"),
    # a day in brackets after the verb: the subject written before it speaks
    ("وزير الداخلية الشيخ محمد الصباح قال أمس (الثلاثاء) إن الأجهزة ستلاحق المتورطين.",
     "وزير الداخلية الشيخ محمد الصباح"),
])
def test_words_after_the_verb_that_name_no_one(text: str, speaker: str) -> None:
    assert found(text)[-1]["speaker"] == speaker


def test_an_honorific_pronoun_speaks_for_the_one_so_addressed_before() -> None:
    text = ("استقبل صاحب السمو الملكي الأمير خالد الفيصل وفد الجامعة في مكتبه. "
            "وقال مدير الجامعة إن الوفد عرض الخطة. وأكد سموه أن التعليم أولوية.")
    people = [{"span": [text.index("الأمير"), text.index(" وفد")], "type": "PER"}]
    quotes = found(text, people)
    assert [q["speaker"] for q in quotes] == ["مدير الجامعة", "صاحب السمو الملكي الأمير خالد الفيصل"]
    assert quotes[-1]["text"] == "التعليم أولوية"


def test_scripture_quoted_is_not_who_speaks_next() -> None:
    quotes = found('وقال الخطيب إن الصبر عبادة. وقد جاء في الحديث الشريف: "من لا يرحم لا يُرحم". '
                   "وأضاف أن الرحمة تبدأ في البيت.")
    assert [q["speaker"] for q in quotes] == ["الخطيب", "الحديث الشريف", "الخطيب"]


def test_abra_the_preposition_before_a_channel_is_no_verb() -> None:
    quote = only("وقال المدرب على صفحته عبر موقع تويتر إن اللاعب سينضم إلى الفريق.")
    assert (quote["speaker"], quote["text"]) == ("المدرب", "اللاعب سينضم إلى الفريق")


def test_how_a_call_was_made_is_its_via_not_its_words() -> None:
    quotes = found('وحثت السفارة رعاياها على مغادرة البلاد في بيان عبر تطبيق "تلغرام"، أمس، قال: '
                   '"نذكّر المواطنين بأن الرحلات التجارية مستمرة".')
    assert [(q["verb"], q["speaker"], q["text"], q["via"]) for q in quotes] == [
        ("حثت", "السفارة", "مغادرة البلاد", ["تلغرام"]),
        ("قال", "السفارة", "نذكّر المواطنين بأن الرحلات التجارية مستمرة", ["تلغرام"])]


def test_abra_before_a_document_is_the_preposition() -> None:
    quote = only("وأكدت اللجنة عبر بيان رسمي أن الانتخابات ستجرى في موعدها.")
    assert (quote["speaker"], quote["verb"], quote["text"]) == ("اللجنة", "أكدت", "الانتخابات ستجرى في موعدها")


@pytest.mark.parametrize("text,speaker", [
    # طالب and نايف are verbs too; after أبو / بن they are names
    ("وأفاد أبو طالب أن الإدارة ستعاقب المخالفين.", "أبو طالب"),
    ("وقال الأمير محمد بن نايف إن الأمن مستتب.", "الأمير محمد بن نايف"),
    ("وقال النائب عن الدائرة الثالثة سامر الخطيب إن الحكومة فشلت.", "النائب عن الدائرة الثالثة سامر الخطيب"),
])
def test_speakers_whose_names_hold_a_verb_or_a_preposition(text: str, speaker: str) -> None:
    assert only(text)["speaker"] == speaker


def test_a_statement_in_which_someone_said_is_theirs() -> None:
    """«تصريحات للرئيس … باراك أوباما أكد فيها أن»: the person named right before «أكد فيها» speaks."""
    text = "وجاء ذلك بعد تصريحات للرئيس الأمريكي باراك أوباما أكد فيها أن الحركة قد ضعفت."
    people = [{"span": [text.index("باراك"), text.index(" أكد")], "type": "PER"}]
    assert only(text, people)["speaker"] == "باراك أوباما"


def test_review_fixes_for_quotes():
    # a call's object after a title's preposition: «إلى» is no definite object
    quote = only("ودعا المبعوث الخاص إلى اليمن إسماعيل ولد الشيخ أحمد الأطراف إلى الحوار.")
    assert quote["speaker"].startswith("المبعوث الخاص إلى اليمن")
    # «دولة» is no honorific's noun: «دولته» speaks for no state named before
    quotes = found("استقبل الرئيس وفدا من دولة الإمارات. وأكد دولته أن العلاقات متينة.")
    assert all(q["speaker"] != "دولة الإمارات" for q in quotes)


def test_what_was_condemned_is_not_the_condemned_claim() -> None:
    """«استنكرت المنظمة التصريحات … التي ادعى فيها بأن المملكة راعية للإرهاب»: the organisation condemns
    the statements; the claim inside them is the other man's, and no quote of the organisation carries it.
    A relative clause that tells what happened stays."""
    condemned = quotes_in("واستنكرت الأمانة العامة لمنظمة التعاون الإسلامي التصريحات التّي أدلى بها نوري المالكي "
                          "والّتي ادّعى فيها بأن المملكة راعية للإرهاب.")  # shadda on the pronouns and the verb
    assert [(q["speaker"], q["text"]) for q in condemned] == [("الأمانة العامة لمنظمة التعاون الإسلامي", "التصريحات")]
    told = quotes_in("وأدان الأمين العام للأمم المتحدة التفجير الذي وقع في بلدة سوروج وأسفر عن مقتل 30 شخصا.")
    assert [q["text"] for q in told] == ["التفجير الذي وقع في بلدة سوروج وأسفر عن مقتل 30 شخصا"]
