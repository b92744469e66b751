"""Copies: alignment of shared passages, near-duplicates, direction and the stage's output."""

import pytest

from naba.model import Article
from naba.pipeline import copies
from naba.reuse import ReuseIndex, align, tokenize
from naba.reuse.direction import describe, describe_shared, original_of
from naba.reuse.index import FingerprintIndex
from naba.reuse.fingerprints import fingerprints

P1 = ("أعلنت وزارة الصحة المغربية، صباح الأحد، ارتفاع حصيلة ضحايا فيضانات إقليم تارودانت إلى تسعة قتلى، "
      "فيما لا يزال ثلاثة أشخاص في عداد المفقودين بعد ليلة من الأمطار الطوفانية.")
P2 = ("وقال مدير المستشفى الإقليمي، يوسف العلوي، إن «الطواقم الطبية استقبلت ٢٣ مصاباً، حالة أربعة منهم "
      "حرجة»، مضيفاً أن فرق الإنقاذ تواصل البحث في دواوير جماعة أولاد برحيل.")
P3 = ("وكانت المديرية العامة للأرصاد الجوية قد أصدرت نشرة إنذارية من المستوى الأحمر، توقعت فيها تساقطات "
      "رعدية قوية تتراوح بين ٧٠ و١٢٠ ملم في مرتفعات الأطلس الصغير.")
OTHER = ("وفي الرباط، افتتح وزير الثقافة معرضاً للكتاب يضم أكثر من ثلاثمئة دار نشر من عشرين بلداً، "
         "ويستمر عشرة أيام بمشاركة كتّاب وشعراء من المغرب والمشرق.")
OWN = ("وتساءل سكان المدينة عن أسباب تأخر صرف التعويضات، بينما دعت جمعيات محلية إلى إنشاء صندوق "
       "دائم لمواجهة الكوارث الطبيعية في الجهة.")


def spans_text(text, span):
    return text[span[0]:span[1]]


def test_shared_paragraphs_are_aligned_one_by_one():
    a = "\n".join([OWN, P1, P2, OTHER])
    b = "\n".join([P3, P1, P2])
    passages = align(tokenize(a), tokenize(b))
    assert [p.kind for p in passages] == ["verbatim", "verbatim"]
    assert [spans_text(a, p.a_span) for p in passages] == [spans_text(b, p.b_span) for p in passages]
    assert P1.startswith(spans_text(a, passages[0].a_span))


def test_a_paragraph_with_words_changed_is_rewritten():
    edited = P2.replace("تواصل البحث", "ما زالت تبحث").replace("استقبلت", "تلقت")
    passages = align(tokenize(edited), tokenize(P2))
    assert [p.kind for p in passages] == ["rewritten"]


def test_reordered_words_are_found():
    words = P1.split() + P3.split()
    shuffled = " ".join(words[::2] + words[1::2])
    assert align(tokenize(shuffled), tokenize("\n".join([OTHER, P1 + " " + P3])))


def test_unrelated_paragraphs_share_nothing():
    assert align(tokenize("\n".join([P1, P2])), tokenize("\n".join([OTHER, OWN]))) == []


def test_diacritics_tatweel_and_quote_styles_do_not_hide_a_copy():
    styled = P2.replace("«", "“").replace("»", "”").replace("الطبية", "الطبيّة").replace("البحث", "البحـــث")
    passages = align(tokenize(styled), tokenize(P2))
    assert len(passages) == 1


def test_index_finds_the_earlier_text_and_flags_near_duplicates():
    index = ReuseIndex()
    assert index.add("original", "\n".join([P1, P2, P3])) == []
    found = index.add("copy", "\n".join([P1, P2, P3.replace("قوية", "غزيرة")]))
    assert [(r.b, r.near_duplicate) for r in found] == [("original", True)]
    assert index.add("unrelated", "\n".join([OTHER, OWN])) == []


def test_index_memory_is_compact():
    index = FingerprintIndex()
    for n in range(50):
        index.add(fingerprints(tokenize(f"{P1} {n}\n{P2}\n{P3}")))
    assert index.nbytes / 50 < 1024


def article(id_, text, outlet, published=None, **extra):
    a = Article(body=text, text=text, source_kind="text", outlet=outlet, published=published, extra=extra)
    a.id = id_
    return a


# Two outlets' reports of one regulation: its tiers are one sentence with another figure each.
TIERS_A = ("قررت الهيئة منع الأندية من تسجيل لاعبين أجانب جدد في حال تجاوزت ديونها المتراكمة 60 مليون ريال "
           "حتى نهاية الموسم الرياضي الحالي وفق اللائحة الجديدة.\n"
           "قررت الهيئة منع الأندية من تسجيل لاعبين أجانب جدد في حال تجاوزت ديونها المتراكمة 35 مليون ريال "
           "حتى نهاية الموسم الرياضي الحالي وفق اللائحة الجديدة.")
TIERS_B = ("أعلنت الهيئة اليوم لائحة جديدة للأندية المتعثرة ماليا بعد اجتماعها الدوري في العاصمة.\n"
           "قررت الهيئة منع الأندية من تسجيل لاعبين أجانب جدد في حال تجاوزت ديونها المتراكمة 35 مليون ريال "
           "حتى نهاية الموسم الرياضي الحالي وفق اللائحة الجديدة.")


def test_a_template_sentence_with_another_figure_is_no_copy_and_a_stretch_has_one_partner():
    """An analyst found 18 of 120 copied passages wrong: a regulation's tiers («… 50 مليون» / «… 25
    مليون») cross-paired, one stretch aligned to two or three others. The 60-million tier is not the
    35-million one, and B's sentence is copied from A's 35-million sentence alone."""
    a, b = tokenize(TIERS_A), tokenize(TIERS_B)
    passages = align(a, b)
    assert [(TIERS_A[slice(*p.a_span)].count("35"), TIERS_B[slice(*p.b_span)].count("35")) for p in passages] == [(1, 1)]
    # the same text without the figures: every stretch still has one partner only
    plain_a, plain_b = TIERS_A.replace(" 60 ", " ").replace(" 35 ", " "), TIERS_B.replace(" 35 ", " ")
    spans = [p.b_span for p in align(tokenize(plain_a), tokenize(plain_b))]
    assert len(spans) == len(set(spans)) == 1


def test_the_same_report_of_another_day_with_other_figures_is_no_copy_but_an_edited_figure_is():
    """The market's daily report is one sentence filled with the day's figures: two days' reports were
    listed as copies of each other. A copy with one figure edited (45 -> 44 million) stays a copy."""
    monday = ("وشهدت تداولات السوق اليوم ارتفاع أسهم 112 شركة في قيمتها وتراجع أسهم 38 شركة فيما استقرت أسهم "
              "16 شركة أخرى دون تغير وبلغت قيمة الصفقات المنفذة خلال الجلسة نحو 410 ملايين ريال.")
    tuesday = ("وشهدت تداولات السوق اليوم ارتفاع أسهم 27 شركة في قيمتها وتراجع أسهم 139 شركة فيما استقرت أسهم "
               "11 شركة أخرى دون تغير وبلغت قيمة الصفقات المنفذة خلال الجلسة نحو 385 مليون ريال.")
    assert align(tokenize(monday), tokenize(tuesday)) == []
    indic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")  # figures in Arabic-Indic digits are the same figures
    assert align(tokenize(monday), tokenize(tuesday.translate(indic))) == []
    assert len(align(tokenize(monday), tokenize(monday.translate(indic)))) == 1
    edited = monday.replace("410 ملايين", "420 مليون")
    assert len(align(tokenize(monday), tokenize(edited))) == 1
    # a wire paragraph republished with its toll updated, «و45» written with its clitic: still a copy
    toll = ("أعلنت وزارة الصحة في غزة مقتل 23 فلسطينيا بينهم 45 طفلا في غارات استهدفت منازل في حي الشجاعية "
            "وخان يونس منذ فجر اليوم، فيما لا يزال عدد من المفقودين تحت الأنقاض.")
    assert len(align(tokenize(toll), tokenize(toll.replace("23", "31").replace(" 45", " و60")))) == 1


@pytest.mark.parametrize("pa, pb, original, how", [
    ("2025-12-14T10:20:00+01:00", "2025-12-14T11:00:00+01:00", "a", "time"),
    ("2025-12-14T10:20", "2025-12-15T09:00", "a", "time"),
    ("2025-12-14T10:20", "2025-12-14T11:00", None, None),   # no zone, 40 minutes: cannot tell
    ("2025-12-14", "2025-12-14T11:00", None, None),
    (None, "2025-12-14T11:00", None, None),
])
def test_original_by_publication_time(pa, pb, original, how):
    assert original_of(article("a", P1, "صدى المدينة", pa), article("b", P1, "الرصد نت", pb)) == (original, how)


def test_original_by_credit_when_times_cannot_tell():
    source = article("a", P1, "صدى المدينة", "2025-12-14T10:20")
    copy = article("b", P1, "الرصد نت", "2025-12-14T11:00", credited="صدى المدينة")
    assert original_of(copy, source) == ("a", "credit")


def test_the_sentence_a_reader_sees():
    source = article("a", P1, "صدى المدينة", "2025-12-14T10:20:00+01:00")
    copy = article("b", P1, "الرصد نت", "2025-12-14T11:00:00+01:00")
    ar, en = describe(copy, source, 5, whole=False)
    assert ar == "«الرصد نت» أعاد نشر 5 فقرات من «صدى المدينة» بعد 40 دقيقة"
    assert en == "الرصد نت republished 5 paragraphs of صدى المدينة 40 minutes later"



def test_an_article_without_an_outlet_is_named_by_its_title_or_its_file():
    """On the seeds a copy read ««عربي21» و«6f37902ca07c8910» يشتركان في فقرة» (an id), and an
    outlet-less article with a title was named by the whole 14-word headline."""
    titled = article("a", P1, None, None)
    titled.title = "روسيا تدعو رعاياها لمغادرة سوريا.. و\"قسد\" ترغب بالحوار مع \"تحرير الشام\" وتركيا"
    untitled = article("b", P1, None, None)
    untitled.source_path = "/srv/news/seeds/001_9fe9562a125aaf65.txt"
    ar, en = describe_shared(titled, untitled, 1, whole=False)
    assert ar == ("«روسيا تدعو رعاياها لمغادرة سوريا.. و\"قسد\" ترغب بالحوار…» و«\u2068001_9fe9562a125aaf65.txt\u2069»"
                  " يشتركان في فقرة، ولا يُعرف أيهما نقل عن الآخر")
    assert "6f37" not in en and "/srv" not in en
    untitled.source_path = None  # nothing else to name it by: its id
    assert "و«b» يشتركان" in describe_shared(titled, untitled, 1, whole=False)[0]


def test_two_articles_of_one_outlet_are_named_by_their_titles():
    """«عكاظ» أعاد نشر فقرتين من «عكاظ» told nothing: an outlet repeating its own text names both items."""
    first = article("a", P1, "عكاظ", "2015-08-01T08:00:00+03:00")
    first.title = "أمير منطقة الرياض يستقبل مدير الشرطة"
    second = article("b", P1, "عكاظ", "2015-08-01T10:00:00+03:00")
    second.title = "أمير الرياض يستقبل مدير شرطة المنطقة ويطلع على التقرير السنوي للجهاز"
    ar, _ = describe(second, first, 2, whole=False)
    assert ar == ("«عكاظ: أمير الرياض يستقبل مدير شرطة المنطقة ويطلع على…» أعاد نشر فقرتين من "
                  "«عكاظ: أمير منطقة الرياض يستقبل مدير الشرطة» بعد ساعتين")

def test_a_copy_without_a_known_original_is_said_in_words_too():
    """The contract's `summary` and `summary_en` are in every entry (a new user's walkthrough found them
    missing on all three of the seeds' entries, which carry no publication times)."""
    first = article("a", "\n".join([OWN, P1, P2]), "صدى المدينة", None)
    second = article("b", "\n".join([P1, P2, OTHER]), "الرصد نت", None)
    [entry] = copies([first, second])
    assert entry["original"] is None
    outlets = {"a": "صدى المدينة", "b": "الرصد نت"}
    one, other = outlets[entry["a"]], outlets[entry["b"]]
    assert entry["summary"] == f"«{one}» و«{other}» يشتركان في فقرتين، ولا يُعرف أيهما نقل عن الآخر"
    assert entry["summary_en"] == f"{one} and {other} share 2 paragraphs; which copied the other is not known"


@pytest.mark.parametrize("author, first_line, agency", [
    ("جدة - واس", "", "واس"),
    ("الوئام - رويترز:", "", "رويترز"),
    ("القاهرة/سان فرانسيسكو : (د ب أ)", "", "د ب أ"),
    ("القاهرة: أ. ف. ب", "", "أ ف ب"),
    ("عدن: الوكالات", "", "وكالات"),
    ("الرياض: رويتـرز", "", "رويترز"),  # tatweel
    ("جدة ـ وكالة الانباء السعودية", "", "واس"),  # an alef without its hamza, a tatweel as the dash
    (None, "الرياض (رويترز) - أعلنت وزارة الصحة", "رويترز"),
    (None, "واس - الرياض", "واس"),
    ("عكاظ (جدة)", "", None),
    ("«الاقتصادية» من الرياض", "", None),
    (None, "وقال مصدر لوكالة رويترز إن الوفد وصل", None),  # an agency quoted is no credit
])
def test_an_agency_credit_is_read_from_the_byline_and_the_dateline(author, first_line, agency):
    from naba.reuse.direction import agency_credit

    text = f"{first_line}\n{P1}" if first_line else P1
    a = Article(body=text, text=text, source_kind="text", author=author)
    assert agency_credit(a) == agency


def test_two_outlets_carrying_one_agencys_text_copied_neither():
    """An analyst's reading: every original named by time was wrong where both took the text from an agency."""
    first = article("a", "\n".join([OWN, P1, P2]), "اليوم", "2025-12-14T10:20:00+03:00")
    first.author = "واس - الرياض"
    second = article("b", "\n".join([P1, P2, OTHER]), "عكاظ", "2025-12-14T17:00:00+03:00")
    second.author = "الرياض - واس:"
    [entry] = copies([first, second])
    assert (entry["original"], entry["original_from"]) == (None, "agency")
    outlets = {"a": "اليوم", "b": "عكاظ"}
    one, other = outlets[entry["a"]], outlets[entry["b"]]
    assert entry["summary"] == f"«{one}» و«{other}» يشتركان في فقرتين من نص «واس» الذي ينسبانه إليها"
    second.author = None  # only one of them credits the agency: still neither copied the other
    [entry] = copies([first, second])
    assert entry["original"] is None and "ينسب «اليوم» نصه إلى «واس»" in entry["summary"]


def test_a_crawlers_stamps_order_two_copies_only_days_apart():
    """SaudiNewsNet's times are its crawler's batches: «بعد 39 ساعة» was the gap between two batches."""
    def crawled(id_, outlet, stamp):
        a = Article(body=P1, text=P1, source_kind="jsonl", outlet=outlet, published=stamp,
                    extra={"date_extracted": stamp})
        a.id = id_
        return a

    near = (crawled("a", "صدى المدينة", "2015-08-01T08:00:00"), crawled("b", "الرصد نت", "2015-08-02T23:00:00"))
    far = (crawled("a", "صدى المدينة", "2015-08-01T08:00:00"), crawled("b", "الرصد نت", "2015-08-04T09:00:00"))
    assert original_of(*near) == (None, None)
    assert original_of(*far) == ("a", "time")
    ar, _ = describe(far[1], far[0], 2, whole=False)
    assert ar == "«الرصد نت» أعاد نشر فقرتين من «صدى المدينة»"  # no delay told from crawl stamps


def test_copies_stage_spans_slice_both_texts():
    first = article("a", "\n".join([OWN, P1, P2]), "صدى المدينة", "2025-12-14T10:20:00+01:00")
    second = article("b", "\n".join([P1, P2, OTHER]), "الرصد نت", "2025-12-14T11:00:00+01:00")
    [entry] = copies([first, second])
    texts = {"a": first.text, "b": second.text}
    assert entry["original"] == "a" and entry["near_duplicate"] is False
    for passage in entry["passages"]:
        assert spans_text(texts[entry["a"]], passage["a_span"]) == spans_text(texts[entry["b"]], passage["b_span"])
    assert "أعاد نشر" in entry["summary"]


# ---------------------------------------------------------------- modes: news and document

EDITED_P2 = P2.replace("تواصل البحث", "ما زالت تبحث").replace("استقبلت", "تلقت")


def test_news_mode_cuts_a_copied_stretch_at_paragraphs_document_mode_keeps_it_whole():
    copy = "\n".join([P1, P2, P3])
    source = "\n".join([OTHER, P1, P2, P3, OWN])
    news = align(tokenize(copy), tokenize(source))
    document = align(tokenize(copy), tokenize(source), mode="document")
    assert len(news) == 3 and all("\n" not in copy[slice(*p.a_span)] for p in news)
    [whole] = document
    assert whole.a_span == (0, len(copy) - 1)  # the closing full stop is not a word
    assert source[slice(*whole.b_span)] == copy[slice(*whole.a_span)]


def test_document_mode_joins_the_pieces_of_a_stretch_broken_by_an_inserted_sentence():
    inserted = "وأضاف شهود عيان أن المياه غمرت الطريق الرابط بين القرى المجاورة لساعات طويلة."
    copy = " ".join([P1, inserted, P3])
    source = " ".join([P1, P3])
    assert len(align(tokenize(copy), tokenize(source), mode="news")) == 2
    [joined] = align(tokenize(copy), tokenize(source), mode="document")
    assert joined.kind == "rewritten"
    assert copy[slice(*joined.a_span)].startswith(P1[:30]) and inserted in copy[slice(*joined.a_span)]


def test_document_mode_drops_passages_under_its_minimum_length():
    short = "أعلنت وزارة الصحة المغربية صباح الأحد ارتفاع حصيلة ضحايا فيضانات إقليم تارودانت إلى تسعة"
    assert len(short) < 120
    copy, source = f"{OWN}\n{short}", f"{OTHER}\n{short}"
    assert align(tokenize(copy), tokenize(source), mode="news")
    assert align(tokenize(copy), tokenize(source), mode="document") == []


def test_document_mode_aligns_every_candidate_news_mode_caps_them():
    assert ReuseIndex().max_candidates == 20
    assert ReuseIndex(mode="document").max_candidates is None
    assert ReuseIndex(mode="document", max_candidates=5).max_candidates == 5
    with pytest.raises(ValueError, match="unknown reuse mode"):
        ReuseIndex(mode="essay")


# ---------------------------------------------------------------- tokenizer

def test_tokens_survive_odd_text():
    assert len(tokenize("")) == 0 and tokenize("").words == []
    assert tokenize("😀 ــ \ud800").words == []  # emoji, tatweel alone, a lone surrogate
    odd = tokenize("قال\ud800الوزير 😀 ١٢٣")
    assert odd.words == ["قال", "الوزير", "123"]
    long_text = " ".join([P1] * 2000)
    assert len(tokenize(long_text)) == 2000 * len(tokenize(P1))


@pytest.mark.parametrize("limit, bits", [(40, 16), (10_000, 3)])
def test_a_vocabulary_cleared_or_grown_changes_no_hash(monkeypatch, limit, bits):
    """limit 40: fewer words than the four paragraphs hold, so it is cleared on the way;
    bits 3: an 8-slot table, doubled several times."""
    import naba.reuse.tokens as tokens_module

    expected = [tokenize(text) for text in (P1, P2, P3, OTHER)]
    vocabulary = tokens_module._Vocabulary(limit=limit, bits=bits)
    monkeypatch.setattr(tokens_module, "_known", lambda: vocabulary)
    again = [tokenize(text) for text in (P1, P2, P3, OTHER, P1)]
    for before, after in zip(expected + expected[:1], again):
        assert before.words == after.words
        assert before.hashes.tolist() == after.hashes.tolist()
        assert before.stems.tolist() == after.stems.tolist()
    assert vocabulary.size <= limit
    assert 2 * vocabulary.size <= len(vocabulary.keys)


# ---------------------------------------------------------------- stock formulas

TITLES = "صاحب السمو الملكي الأمير فهد بن تركي بن عبدالعزيز نائب رئيس مجلس الوزراء وزير الداخلية حفظه الله"


def test_a_shared_string_of_titles_is_not_a_copy():
    hospital = f"افتتح {TITLES} مستشفى جديدا للأطفال في مدينة تبوك بسعة ثلاثمئة سرير."
    floods = f"ووجه {TITLES} بصرف إعانات عاجلة للمتضررين من السيول في محافظة العلا."
    assert align(tokenize(hospital), tokenize(floods)) == []
    # the same sentence with its own words shared too is a copy
    assert align(tokenize(hospital), tokenize(f"{OTHER}\n{hospital}"))


def test_formula_words_come_from_the_data_file():
    from naba.reuse.formulas import is_formula

    titles = tokenize(TITLES)
    assert is_formula(titles, 0, len(titles) - 1)
    p1 = tokenize(P1)
    assert not is_formula(p1, 0, len(p1) - 1)


def test_stems_of_each_piece_match_the_tokenizer():
    """The translate path gives, piece by piece, what tokenizing the whole text gives: diacritics
    and tatweel dropped, punctuation split, stop words and one-letter words out, digits folded,
    an emoji (astral, handled by the tokenizer itself) included."""
    from naba.reuse.tokens import content_stems, stems_of_each

    pieces = ["وقالَ", "الوزارةُ:", "«المعارضة»", "إنّ", "١٩", "مصاباً،", "COVID-19", "بالعاصمة", "و", "مـــصر",
              "من", "🇸🇦السعودية", "(في", "إب)"]
    each = stems_of_each(pieces)
    assert [stem for stems in each for stem in stems] == content_stems(" ".join(pieces))
    assert each == [content_stems(p) for p in pieces]
    plain = [p for p in pieces if p.isascii() or all(ord(c) < 0x10000 for c in p)]  # the translate path
    assert len(plain) == len(pieces) - 1 and stems_of_each(plain) == [content_stems(p) for p in plain]


FLASH = ("عاجل: زلزال قوي يضرب ولاية ملاطية شرقي تركيا صباح اليوم، والسلطات تعلن أن فرق "
         "الإنقاذ توجهت إلى القرى القريبة من مركز الهزة ولا أنباء بعد عن إصابات")  # 26 words
REPORT_AFTER = ("، وقالت إدارة الكوارث والطوارئ في بيان لاحق إن الهزة شعر بها سكان المدن المجاورة وإن هزات "
                "ارتدادية عدة تبعتها خلال الساعة الأولى، فيما أغلقت المدارس في ثلاث بلدات احتياطا إلى حين "
                "الانتهاء من فحص المباني.")


def test_a_flash_copied_whole_into_a_report_is_a_passage():
    index = ReuseIndex()
    index.index("flash", FLASH)
    report = "أنقرة – " + FLASH + REPORT_AFTER
    [reuse] = index.check("report", report)
    [passage] = reuse.passages
    assert passage.kind == "verbatim" and passage.b_span == (0, len(FLASH))
    assert report[slice(*passage.a_span)] == FLASH


def test_a_short_text_with_one_word_changed_shares_no_passage():
    # 25 of 26 words shared: the two say different things, neither copies the other
    index = ReuseIndex()
    index.index("flash", FLASH)
    assert len(tokenize(FLASH)) < 30  # a short text (naba.reuse.detect.SHORT)
    assert index.check("changed", FLASH.replace("قوي", "خفيف")) == []
    report = "أنقرة – " + FLASH.replace("ملاطية", "أديامان") + REPORT_AFTER
    assert index.check("report", report) == []


def test_a_passage_of_names_and_titles_alone_makes_no_copy():
    """Two outlets printing the list of officials at one ceremony copied nothing from each other (an
    analyst's audit: 2 of 25 pairs rested on such a passage alone); a real shared sentence stays."""
    from naba.reuse.align import Passage
    from naba.reuse.detect import Reuse
    from naba.reuse.stage import record

    names = "وحضر الحفل صاحب السمو الملكي الأمير سعود بن نايف والشيخ خالد بن أحمد آل خليفة"
    said = "وأكد الوزير أن المشروع سيوفر ثلاثة آلاف وظيفة للشباب في المنطقة خلال العامين المقبلين"

    def with_entities(id_, text, outlet):
        a = article(id_, text, outlet)
        a.entities = [{"text": n, "type": "PER", "span": [text.index(n), text.index(n) + len(n)]}
                      for n in ("سعود بن نايف", "خالد بن أحمد آل خليفة") if n in text]
        return a

    first = with_entities("a", f"{names}\n{said}", "صدى المدينة")
    second = with_entities("b", f"{said}\n{names}", "الرصد نت")
    names_passage = Passage((0, len(names)), (len(said) + 1, len(said) + 1 + len(names)), "verbatim")
    said_passage = Passage((len(names) + 1, len(names) + 1 + len(said)), (0, len(said)), "verbatim")
    assert record(Reuse("a", "b", 0.3, False, [names_passage]), first, second) is None
    entry = record(Reuse("a", "b", 0.3, False, [names_passage, said_passage]), first, second)
    assert [p["a_span"] for p in entry["passages"]] == [list(said_passage.a_span)] and "فقرة" in entry["summary"]
    first.entities = second.entities = []  # names not known (no extraction): the passage is kept
    assert len(record(Reuse("a", "b", 0.3, False, [names_passage]), first, second)["passages"]) == 1


@pytest.mark.parametrize("written", ["plain", "harakat"])
def test_names_only_reads_words_whole_and_names_inside_names(written):
    """From a review: a word with harakat was split at each one (the same passage then judged names
    when vocalised, not when plain), and a word after a name nested in an organisation's was missed."""
    from naba.reuse.formulas import name_spans, names_only

    text = "وحضر مدير جامعة الملك سعود الدكتور بدران العمر وصاحب السمو الأمير فيصل بن بندر"
    if written == "harakat":
        text = text.replace("الدكتور", "الدُّكْتُور").replace("فيصل", "فَيْصَل")
    org, person = "جامعة الملك سعود", "الملك سعود"
    spans = [{"span": [text.index(org), text.index(org) + len(org)]},  # the university, with a king inside
             {"span": [text.index(person), text.index(person) + len(person)]},
             {"span": [text.index("بدران"), text.index("بدران") + len("بدران العمر")]},
             {"span": [text.index("ف", text.index("الأمير")), len(text)]}]
    assert name_spans(spans)[0] == (text.index(org), text.index(org) + len(org))  # merged into one stretch
    assert names_only(text, (0, len(text)), name_spans(spans))
    said = "وأكد مدير الجامعة أن الطلاب سيبدؤون الدراسة في القاعات الجديدة مطلع الأسبوع المقبل"
    assert not names_only(said, (0, len(said)), name_spans(spans))


def test_two_untitled_items_of_no_outlet_with_one_title_are_told_apart():
    first, second = article("a", P1, None), article("b", P1, None)
    first.title = second.title = "عاجل"
    first.source_path, second.source_path = "/in/001.txt", "/in/002.txt"
    ar, _ = describe_shared(first, second, 1, whole=False)
    assert ar.startswith("«عاجل (001.txt)» و«عاجل (002.txt)»")


def test_folded_words_are_the_tokenizers_words():
    """`folded_words` (str.translate) gives the words `tokenize` gives, on what Arabic news writes:
    harakat and shadda, tatweel, every alef (أ إ آ ٱ) and ى/ة, Arabic comma, semicolon and question mark,
    guillemets, Arabic-Indic and Persian digits, directional marks, Latin, and an emoji (astral: the
    tokenizer itself)."""
    from naba.reuse.tokens import folded_words, tokenize

    texts = ["قالَ وزيرُ الخارجيّة: «إنّ المـــفاوضات مستمرة»، وأضاف؛ هل انتهت؟",
             "آمنة وٱلأمم المتحدة أعلنتا مقتل ٢١ مدنياً و۳ جنود في إدلب (سوريا)",
             "\u200fالرياض\u200e - واس: ارتفع مؤشر ‹تاسي› 1.5% إلى 8,250 نقطة — Reuters",
             "🇸🇦 المنتخب السعودي يتأهل… مبروك🎉", "", "   ", "COVID-19"]
    for text in texts:
        assert folded_words(text) == list(tokenize(text).words), text
