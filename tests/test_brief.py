"""The story brief reads on its own: no fragments, headings or verses, no sentence that leans on one
left out, and the main event first (stories written for these tests)."""

from __future__ import annotations

import pytest

from naba.fuse import claims_of, fuse
from naba.fuse.standalone import leaning, unfit
from naba.model import Article, Story


def _article(ident: str, text: str, published: str | None = None, outlet: str | None = None,
             quotes: list[dict] | None = None, entities: list[dict] | None = None) -> Article:
    return Article(body=text, text=text, source_kind="text", id=ident, published=published, outlet=outlet,
                   quotes=quotes or [], entities=entities or [])


def _reasons(text: str) -> list[str | None]:
    return [unfit(c, text) for c in claims_of(_article("x", text))]


@pytest.mark.parametrize("text, expected", [
    # a line that breaks off on a comma, or opens a list with a colon
    ("وصل الوفد الرسمي إلى الرياض أمس في زيارة تستمر يومين،\nويلتقي خلالها عددا من المسؤولين في الحكومة.",
     ["fragment", None]),
    ("وحددت الوزارة الأوراق المطلوبة من المتقدمين للوظائف على النحو التالي:\nصورة الهوية الوطنية وشهادة التخرج الأصلية.",
     ["fragment", None]),
    # a caption or heading: a short line with no final mark; a paragraph missing its full stop is kept
    ("الأمير فيصل بن خالد يتفقد المشروع\nدشن أمير المنطقة مشروع الطريق الدائري الجديد بطول أربعين كيلومترا وبتكلفة تتجاوز مليار ريال",
     ["heading", None]),
    # verses and formulas, with vowel marks, tatweel and the verse's brackets
    ("قالَ اللهُ تعالـى في محكم التنزيل: وأحسنوا إن الله يحب المحسنين.", ["formula"]),
    ("ولما رأيت البشر أعرض دوننا ** وجالت بنات الشوق يحنن نزعا", ["formula"]),
    ("رحمه الله وأسكنه فسيح جناته وألهم أهله وذويه الصبر والسلوان.", ["formula"]),
    ("ارتفعت أسعار النفط في الأسواق العالمية اليوم بنسبة ثلاثة في المئة.", [None]),
])
def test_what_cannot_stand_alone_in_a_brief(text, expected):
    assert _reasons(text) == expected


def test_a_clause_that_points_back_leans_on_the_one_before():
    text = ("استقبل أمير منطقة عسير ذوي الشهيد في مكتبه بمدينة أبها صباح اليوم. "
            "جاء ذلك ضمن زيارات المواساة التي يقوم بها المسؤولون لأسر الشهداء. "
            "مؤكداً أن الدولة لن تتهاون مع كل من يعبث بأمن الوطن. "
            "وان الأجهزة الأمنية ماضية في ملاحقة المتورطين أينما كانوا.")  # «وأن» written without its hamza
    article = _article("x", text)
    assert leaning(claims_of(article), article) == {1: {0}, 2: {1}, 3: {2}}


def test_a_clause_a_subordinator_opens_leans_on_the_one_before():
    # «حيث», «مما», «ما أدى», «لأن» go on with the sentence before: alone in a brief they are half a sentence
    text = ("افتتح أمين المنطقة معرضا للفنون التشكيلية في جدة مساء اليوم. "
            "حيـث يحتوي المعرض على أكثر من (30) عملاً فنياً لفنانين سعوديين وعرب. "  # tatweel
            "وارتفعت مخزونات النفط الأمريكية الأسبوع الماضي بأكثر من المتوقع. "
            "ما أدى إلى انخفاض الأسعار 11 بالمئة منذ بداية الشهر الجاري. "
            "مما دفع المستثمرين إلى بيع العقود الآجلة في ختام التعاملات. "
            "لأنّ الطلب على الوقود تراجع في آسيا خلال الصيف.")
    article = _article("x", text)
    assert leaning(claims_of(article), article) == {1: {0}, 3: {2}, 4: {3}, 5: {4}}


def test_a_quote_whose_speaker_is_named_earlier_leans_on_that_claim():
    text = ("قال المتحدث الرسمي لوزارة الشؤون البلدية حمد بن سعد العمر إن الوزارة اعتمدت آلية لترقيم المباني. "
            "وتشمل الآلية جميع المدن والمحافظات خلال العامين المقبلين وفق جدول زمني معلن. "
            "وأضاف العمر أن الوزارة أعدت معجما بأسماء الشوارع يضم آلاف الأسماء.")
    name = "حمد بن سعد العمر"
    start = text.index(name)
    short = text.index("العمر أن")
    article = _article("x", text, quotes=[
        {"speaker": "العمر", "speaker_span": [short, short + 5], "verb": "أضاف",
         "text": "الوزارة أعدت", "kind": "indirect", "via": [], "span": [short + 9, len(text) - 1]}],
        entities=[{"text": name, "type": "PER", "span": [start, start + len(name)]}])
    claims = claims_of(article)
    assert leaning(claims, article) == {2: {0}}
    # a quote that inherits its speaker from an earlier sentence (no subject after the verb)
    added = text.index("وأضاف")
    inherited = _article("y", text, quotes=[
        {"speaker": name, "speaker_span": [start, start + len(name)], "verb": "أضاف",
         "text": "الوزارة أعدت", "kind": "indirect", "via": [], "span": [added + 6, len(text) - 1]}])
    assert leaning(claims_of(inherited), inherited) == {2: {0}}


def test_a_later_sentence_of_a_long_quote_leans_on_the_one_it_opens_in():
    text = ("وقالت الممثلة في بيان: «أردت أن أروي قصة الحرب كما عاشها الأطفال في تلك السنوات. "
            "وساعدني العمل على الفيلم في التعرف عن قرب إلى شعب كمبوديا موطن ابني».")
    opens = text.index("«") + 1
    article = _article("x", text, quotes=[
        {"speaker": "الممثلة", "speaker_span": [6, 13], "verb": "قالت", "text": text[opens:-2],
         "kind": "direct", "via": [], "span": [opens, len(text) - 2]}])
    assert leaning(claims_of(article), article) == {1: {0}}


def test_a_clause_ending_on_a_semicolon_is_cut():
    text = "واجتاز الحكام جميعا اختبارات اللياقة البدنية التي أقيمت في الرياض أمس؛ وسيبدأ الموسم الجديد الشهر المقبل."
    assert _reasons(text)[0] == "fragment"


# A story of two events: an earlier single report of a related visit (one outlet), then the main
# event, a hospital's opening, told by three outlets. The side article has several sentences, one
# that leans on a lead the brief does not take.
SIDE = ("زار وفد من وزارة الصحة موقع المستشفى الجديد في مدينة تبوك الأسبوع الماضي لمتابعة أعمال التجهيز. "
        "واطلع الوفد على مراحل تركيب الأجهزة الطبية في أقسام الطوارئ والعناية المركزة. "
        "جاء ذلك ضمن جولة يقوم بها الوفد على المنشآت الصحية الجديدة في المنطقة الشمالية. "
        "وتفقد الوفد كذلك مساكن الأطباء والممرضين الملحقة بالمستشفى في الحي الشمالي.")
MAIN = [("افتتح أمير منطقة تبوك مستشفى الملك سلمان الجديد بسعة خمسمئة سرير صباح الأحد. "
        "ويضم المستشفى مركزا لعلاج الأورام وآخر لجراحة القلب."),
        ("دشن أمير منطقة تبوك صباح الأحد مستشفى الملك سلمان الجديد الذي يتسع لخمسمئة سرير. "
        "وقال مدير المستشفى إن المرضى سيستقبلون اعتبارا من الأسبوع المقبل."),
        ("افتتح أمير تبوك يوم الأحد مستشفى الملك سلمان بطاقة خمسمئة سرير. "
        "وبلغت تكلفة المشروع تسعمئة مليون ريال بحسب وزارة الصحة.")]


def test_the_brief_opens_with_the_main_event_and_keeps_side_events_short():
    articles = {"s": _article("s", SIDE, "2025-05-01T08:00", "صدى الشمال")}
    for k, (text, outlet) in enumerate(zip(MAIN, ("نبض الخليج", "الوادي اليوم", "ناقل"))):
        articles[f"m{k}"] = _article(f"m{k}", text, f"2025-05-04T0{k + 8}:00", outlet)
    story = Story(id="s-1", title="مستشفى", articles=list(articles),
                  events=[{"id": "e-1", "title": "", "articles": ["s"]},
                          {"id": "e-2", "title": "", "articles": ["m0", "m1", "m2"]}])
    summary = fuse(story, articles, []).summary
    assert "مستشفى الملك سلمان" in summary[0]["text"]
    side = [s for s in summary if s["citations"][0]["article"] == "s"]
    assert len(side) <= 1
    assert not any(s["text"].startswith("جاء ذلك") for s in summary)


def test_a_story_of_headings_alone_still_gets_a_brief():
    text = "الأمير فيصل بن خالد يفتتح المعرض السنوي\nوزير التعليم يكرم الطلاب المتفوقين في المنطقة"
    articles = {"h": _article("h", text, "2025-05-01T08:00", "صدى الشمال")}
    summary = fuse(Story(id="s-2", title="", articles=["h"]), articles, []).summary
    assert summary and summary[0]["text"].startswith("الأمير فيصل")


def test_a_brief_opens_on_a_lead_of_the_main_event_it_took():
    """Story order put a statement's closing line before another outlet's lead of the same event; the
    brief opens on the lead (the main event's, and one that leans on nothing)."""
    from naba.fuse.brief import Candidate, _lead_first
    from naba.fuse.claims import Claim
    from naba.fuse.words import gist

    def candidate(article: str, position: int, text: str, order: int, main: bool = True) -> Candidate:
        claim = Claim(article, (0, len(text)), text, position, gist(text))
        return Candidate(claim, 1, (order, position), order, main=main)

    closing = candidate("a", 4, "وقد باشرت الجهات المختصة بشرطة المحافظة إجراءات الضبط الجنائي للجريمة والتحقيق فيها.", 0)
    lead = candidate("b", 0, "لقي مطلوب أمنيا مصرعه في البلدة أمس إثر تعرضه لطلقات نارية أطلقها مطلوبون آخرون.", 1)
    side_lead = candidate("c", 0, "افتتح أمير المنطقة معرضا للكتاب في المدينة مساء أمس بحضور عدد من المسؤولين.", 2, main=False)
    assert [c.claim.article for c in _lead_first([closing, lead, side_lead])] == ["b", "a", "c"]
    assert [c.claim.article for c in _lead_first([closing, side_lead])] == ["a", "c"]
    assert [c.claim.article for c in _lead_first([lead, closing])] == ["b", "a"]
