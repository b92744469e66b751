"""Cleaning: site furniture out and kept in boilerplate, article paragraphs intact."""

import pytest

from naba.clean import RecurringLines, remove_furniture
from naba.model import Article

PARAGRAPHS = [
    "أعلنت بلدية الزرقاء، الأحد، عن إغلاق ثلاثة شوارع رئيسية لأعمال صيانة تستمر أسبوعين، وقالت إن البدائل متاحة.",
    "وقال رئيس البلدية في بيان: «نعتذر للمواطنين عن الإزعاج، والأعمال ضرورية قبل موسم الأمطار».",
    "وأشار إلى أن كلفة المشروع تبلغ ٢٫٥ مليون دينار، ويموّلها صندوق التنمية المحلية.",
]


def cleaned(*lines: str, title: str | None = None) -> Article:
    return remove_furniture(Article(body="\n".join(lines), source_kind="text", title=title))


@pytest.mark.parametrize("furniture", [
    "تــابــــع كــل الأخــبـــــار.",
    "إشترك بقناتنا على واتساب",
    "اشترك في نشرتنا البريدية",
    "WhatsApp",
    "Facebook Twitter Telegram",
    "شارك",
    "placeholder",
    "كلمات دلالية: الزرقاء، صيانة، طرق",
    "الوسوم: الأردن",
    "سمات الزرقاء الدفاع المدني حريق مستودع",  # a tag line without a colon
    "رابط الخبر بصحيفة صدى المدينة: افتتاح الجسر الجديد في الزرقاء بحضور المحافظ وأعضاء المجلس البلدي",
    "جميع الحقوق محفوظة © 2025",
    "© صدى المدينة",
    "•",
    "arrowالـــمــــزيــــــــــد",
    "salma.k@example.orgللتواصل مع الكاتبة ارسل رسالة SMS تبدأ بالرمز (12) ثم مسافة ثم نص الرسالة "
    "إلى ٨٨٠٠٠ - شركة أ 600000 - شركة ب 700000",
    "تويتر: @salma_k salma.k@example.orgللتواصل مع الكاتبة ارسل رسالة قصيرة إلى الرقم ٨٨٠٠٠",
])
def test_furniture_line_is_removed_and_kept(furniture):
    article = cleaned(PARAGRAPHS[0], furniture, PARAGRAPHS[1], PARAGRAPHS[2])
    assert furniture.strip() in article.boilerplate
    assert article.text == "\n".join(PARAGRAPHS)


def test_a_sentence_opening_with_a_tag_word_is_kept():
    """«سمات» (traits) opens sentences too: a line that ends as a sentence is text."""
    line = "سمات القيادة الناجحة كثيرة، وأهمها الصبر والقدرة على الاستماع."
    article = cleaned(PARAGRAPHS[0], line)
    assert line in article.text


@pytest.mark.parametrize("tail", [
    "سمات الزرقاء صيانة طرق بلدية",
    "رابط الخبر بصحيفة صدى المدينة: إغلاق ثلاثة شوارع في الزرقاء لأعمال صيانة «تستمر أسبوعين»",
])
def test_a_tag_or_link_line_glued_to_the_last_paragraph_is_cut_off(tail):
    """Two outlets glue their tag line or their link line to the last sentence, with no line break."""
    article = cleaned(PARAGRAPHS[0], PARAGRAPHS[1], PARAGRAPHS[2] + " " + tail)
    assert article.text == "\n".join(PARAGRAPHS)
    assert tail in article.boilerplate


def test_a_last_sentence_opening_with_a_tag_word_is_kept():
    line = PARAGRAPHS[2] + " سمات القيادة الناجحة كثيرة وأهمها الصبر والقدرة على الاستماع."
    assert cleaned(PARAGRAPHS[0], line).text == "\n".join([PARAGRAPHS[0], line])


def test_a_sentence_that_only_mentions_contact_is_kept():
    line = "وقال المحرر إن للتواصل مع الكاتب أهمية كبيرة في بناء ثقة القراء بالصحيفة."
    assert cleaned(PARAGRAPHS[0], line).text == "\n".join([PARAGRAPHS[0], line])


def test_read_also_at_the_end_takes_its_teasers_with_it():
    teaser_title = "ارتفاع أسعار الخضر في الأسواق قبل رمضان"
    teaser = "قال تجار في سوق الخضار المركزي إن الأسعار ارتفعت بنسبة عشرين في المئة خلال أسبوع"
    article = cleaned(*PARAGRAPHS, "", "اقرأ أيضاً:", teaser_title, teaser, "", "مقالات ذات صلة",
                      "  • مباراة الفيصلي والوحدات تنتهي بالتعادل", "  • طقس بارد في عمّان")
    assert article.text == "\n".join(PARAGRAPHS)
    assert teaser_title in article.boilerplate and teaser in article.boilerplate
    assert "• طقس بارد في عمّان" in article.boilerplate


def test_read_also_in_the_middle_removes_only_its_list():
    article = cleaned(PARAGRAPHS[0], "اقرأ أيضا:", "• افتتاح جسر جديد في إربد", PARAGRAPHS[1], PARAGRAPHS[2],
                      "وختم البيان بالتأكيد على أن الأعمال ستنجز في موعدها المحدد دون أي تأخير.")
    assert article.text.startswith(PARAGRAPHS[0])
    assert PARAGRAPHS[2] in article.text and "وختم البيان" in article.text
    assert "• افتتاح جسر جديد في إربد" in article.boilerplate


def test_inline_read_also_line_is_removed_alone():
    article = cleaned(PARAGRAPHS[0], "اقرأ أيضاً: افتتاح جسر جديد في إربد", *PARAGRAPHS[1:])
    assert article.text == "\n".join(PARAGRAPHS)


def test_repeated_title_in_the_body_is_removed():
    title = "إغلاق ثلاثة شوارع في الزرقاء لأعمال الصيانة"
    article = cleaned(title, *PARAGRAPHS, title=title)
    assert article.text == "\n".join(PARAGRAPHS)
    assert article.boilerplate == [title]


def test_paragraphs_are_never_cut():
    article = cleaned(*PARAGRAPHS, "شارك")
    assert all(p in article.text.split("\n") for p in PARAGRAPHS)


def test_a_short_sentence_that_mentions_more_is_kept():
    line = "وطالب السكان بالمزيد من الحافلات."
    assert line in cleaned(PARAGRAPHS[0], line).text


def recurring_corpus(n: int, outlet: str | None = "صدى المدينة") -> list[Article]:
    return [Article(body="", source_kind="text", outlet=outlet,
                    text=f"{PARAGRAPHS[0]} رقم {i}\nحمّل تطبيق صدى المدينة الآن\n{PARAGRAPHS[1]}") for i in range(n)]


def test_a_line_recurring_across_an_outlets_articles_is_removed():
    stage = RecurringLines(min_articles=5)
    corpus = recurring_corpus(6)
    for article in corpus:
        stage.add(article)
    article = stage.apply(corpus[0])
    assert "حمّل تطبيق صدى المدينة الآن" in article.boilerplate
    assert "حمّل" not in article.text


def test_a_line_seen_in_too_few_articles_stays():
    stage = RecurringLines(min_articles=5)
    corpus = recurring_corpus(4)
    for article in corpus:
        stage.add(article)
    assert "حمّل تطبيق" in stage.apply(corpus[0]).text


def test_recurring_lines_need_a_known_outlet():
    stage = RecurringLines(min_articles=2)
    corpus = recurring_corpus(6, outlet=None)
    for article in corpus:
        stage.add(article)
    assert "حمّل تطبيق" in stage.apply(corpus[0]).text
