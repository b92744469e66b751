"""Tests for naba.report: the HTML and Markdown renderers and write_reports."""

from __future__ import annotations

import copy
import re
from html.parser import HTMLParser

import pytest

from naba.report import write_reports
from naba.report.html import render_html
from naba.report.markdown import md, render_markdown

FLOOD_TEXT = (
    "غمرت أمطار غزيرة، مساء الخميس، أحياءً في مدينة صفاقس؛ وقال الدفاع المدني إن ١٢ عائلة أُجليت.\n"
    "ونقلت وكالة Reuters عن شاهد قوله: «الماء وصل إلى النوافذ».\n"
    "\n"
    "هل تستعد البلدية لموجة ثانية؟ لم يصدر تعليق حتى الآن."
)
WEATHER_TEXT = "قال المعهد الوطني للرصد الجوي إن الأمطار ستتواصل حتى صباح السبت في الجنوب الشرقي للبلاد."
HOSTILE_TEXT = "نص فيه وسم خبيث <img src=x onerror=alert(2)> داخل خبر عن الفيضان."
CITED = "قال الدفاع المدني إن ١٢ عائلة أُجليت"
REJECTED = [
    {"source_path": "inbox/صورة-الفيضان.jpg", "reason": "not text: binary content"},
    {"source_path": "inbox/فارغ.txt", "reason": "ملف فارغ: لا نص فيه"},
]


def _doc() -> dict:
    return {
        "schema": "naba/1",
        "rejected": copy.deepcopy(REJECTED),
        "articles": [
            {"id": "a1", "source_id": "wadi-771", "source_path": "inbox/wadi.txt",
             "url": "https://wadi.example/news/771?lang=ar&src=rss", "outlet": "صحيفة الوادي",
             "title": "أمطار غزيرة تغمر أحياء في صفاقس", "section": "محليات",
             "published": "2024-12-05", "published_from": "metadata", "author": "سلمى Ben Ali",
             "text": FLOOD_TEXT, "boilerplate": ["اقرأ أيضاً: أسعار الذهب اليوم", "شارك المقال على فيسبوك"],
             "extra": {"tags": ["طقس", "تونس"], "word_count": 41}},
            {"id": "a2", "source_id": None, "source_path": "inbox/meteo.txt", "url": None,
             "outlet": "وكالة الأنباء المحلية", "title": None, "section": None, "published": None,
             "published_from": None, "author": None, "text": WEATHER_TEXT, "boilerplate": [], "extra": {}},
            {"id": "a3", "source_id": None, "source_path": "inbox/bad.html", "url": "javascript:alert(3)",
             "outlet": "موقع مجهول", "title": "<script>alert(1)</script>", "section": None,
             "published": None, "published_from": None, "author": None, "text": HOSTILE_TEXT,
             "boilerplate": ["<b>إعلان</b>"], "extra": {}},
        ],
        "reuse": [],
        "stories": [],
    }


@pytest.fixture
def empty_doc() -> dict:
    return _doc()


@pytest.fixture
def story_doc() -> dict:
    doc = _doc()
    start = FLOOD_TEXT.index(CITED)
    doc["stories"] = [{
        "id": "s1", "title": "فيضانات صفاقس", "articles": ["a1", "a2"], "confidence": 0.87,
        "events": [], "facts": [], "unique": [], "contradictions": [], "entities": [], "places": [],
        "dates": [], "quotes": [], "timeline": [],
        "summary": [{"text": "أُجليت عائلات بعد أمطار غمرت صفاقس.",
                     "citations": [{"article": "a1", "span": [start, start + len(CITED)]}]}],
    }]
    doc["reuse"] = [{"a": "a1", "b": "a2", "similarity": 0.41, "near_duplicate": False, "original": "a1",
                     "passages": [{"a_span": [0, 10], "b_span": [0, 10], "kind": "rewritten"}]}]
    return doc


class _RefCollector(HTMLParser):
    """Every href/src/action attribute of the parsed page, as the browser would see it."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.refs += [v for k, v in attrs if k in ("href", "src", "action") and v]


def _external_refs(page: str) -> list[str]:
    collector = _RefCollector()
    collector.feed(page)
    return [ref for ref in collector.refs if not ref.startswith("#")]


def test_html_has_no_external_resources(empty_doc):
    page = render_html(empty_doc)
    assert _external_refs(page) == ["https://wadi.example/news/771?lang=ar&src=rss"]
    assert "<link" not in page and "<script" not in page.lower() and "@import" not in page


def test_html_reads_right_to_left_with_arabic_fonts(empty_doc):
    page = render_html(empty_doc)
    assert '<html lang="ar" dir="rtl">' in page
    assert '"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", Tahoma, sans-serif' in page
    assert 'name="viewport"' in page


def test_html_escapes_hostile_title_and_body(empty_doc):
    page = render_html(empty_doc)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "<b>إعلان</b>" not in page


def test_html_links_only_http_urls(empty_doc):
    page = render_html(empty_doc)
    assert 'href="javascript' not in page
    assert "javascript:alert(3)" in page  # still shown, as text


def test_html_shows_boilerplate_lines(empty_doc):
    page = render_html(empty_doc)
    assert "ما أزيل من الصفحة (2 سطر)" in page
    assert "اقرأ أيضاً: أسعار الذهب اليوم" in page and "شارك المقال على فيسبوك" in page


def test_html_shows_rejected_paths_and_reasons(empty_doc):
    page = render_html(empty_doc)
    for row in REJECTED:
        assert row["source_path"] in page and row["reason"] in page


def test_html_header_counts(empty_doc):
    page = render_html(empty_doc)
    assert re.search(r'href="#articles"><b>3</b>', page)
    assert re.search(r'href="#rejected"><b>2</b>', page)
    assert re.search(r'href="#stories"><b>0</b>', page)


def test_html_without_stories_says_not_built(empty_doc):
    page = render_html(empty_doc)
    assert "لم تُبنَ القصص بعد" in page
    assert 'class="story' not in page


def test_html_marks_untitled_article_with_first_words(empty_doc):
    page = render_html(empty_doc)
    assert "بلا عنوان" in page
    assert "قال المعهد الوطني للرصد الجوي" in page


def test_html_splits_text_into_paragraphs(empty_doc):
    page = render_html(empty_doc)
    assert '<p dir="rtl">هل تستعد البلدية لموجة ثانية؟ لم يصدر تعليق حتى الآن.</p>' in page


def test_html_isolates_latin_values(empty_doc):
    page = render_html(empty_doc)
    assert "<bdi>سلمى Ben Ali</bdi>" in page


def test_html_story_shows_cited_passage(story_doc):
    page = render_html(story_doc)
    assert "فيضانات صفاقس" in page and "0.87" in page
    cite = re.search(r'<details class="cite">.*?</details>', page, re.S)
    assert cite and CITED in cite.group(0)


def test_html_reuse_pair_shows_similarity_and_passages(story_doc):
    page = render_html(story_doc)
    assert "0.41" in page and FLOOD_TEXT[:10] in page and WEATHER_TEXT[:10] in page


def test_html_bad_span_is_marked_unavailable(story_doc):
    story_doc["stories"][0]["summary"][0]["citations"][0]["span"] = [5, 9999]
    assert "المقطع غير متاح" in render_html(story_doc)


@pytest.mark.parametrize("render", [render_html, render_markdown])
def test_renderers_accept_a_document_with_missing_lists(render):
    assert "لم تُبنَ القصص بعد" in render({"schema": "naba/1"})


def test_markdown_has_titles_text_and_rejected_reasons(empty_doc):
    text = render_markdown(empty_doc)
    assert "### أمطار غزيرة تغمر أحياء في صفاقس" in text
    assert "هل تستعد البلدية لموجة ثانية؟" in text
    for row in REJECTED:
        assert md(row["reason"]) in text and row["source_path"] in text


def test_markdown_boilerplate_is_collapsed(empty_doc):
    text = render_markdown(empty_doc)
    assert "<details><summary>ما أزيل من الصفحة (2 سطر)</summary>" in text
    assert "> - اقرأ أيضاً: أسعار الذهب اليوم" in text


def test_markdown_escapes_hostile_title(empty_doc):
    text = render_markdown(empty_doc)
    assert "<script>" not in text and r"\<script\>alert(1)\</script\>" in text


@pytest.mark.parametrize("raw, escaped", [
    ("# عاجل: انقطاع الكهرباء", r"\# عاجل: انقطاع الكهرباء"),
    ("- بيان وزارة الداخلية", r"\- بيان وزارة الداخلية"),
    ("2024. عام الانتخابات", r"2024\. عام الانتخابات"),
    ("نص *مهم* عن [الانتخابات]", r"نص \*مهم\* عن \[الانتخابات\]"),
    ("0.87 نسبة الثقة", "0.87 نسبة الثقة"),
    ("#وسم_عاجل", r"#وسم\_عاجل"),
])
def test_markdown_escapes_line_start_and_inline_markers(raw, escaped):
    assert md(raw) == escaped


def _with_a_three_claim_contradiction(doc: dict) -> dict:
    """Two outlets give one count, a third another: one contradiction whose claims carry their side."""
    twelve, rain = "قال الدفاع المدني إن ١٢ عائلة أُجليت", "الأمطار ستتواصل"
    doc["stories"][0]["contradictions"] = [{"about": "عائل: 12 / 20", "kind": "numbers", "claims": [
        {"text": twelve, "article": "a1", "span": [FLOOD_TEXT.index(twelve), FLOOD_TEXT.index(twelve) + len(twelve)],
         "side": 0},
        {"text": "أُجليت ١٢ عائلة من حي الزهور", "article": "a3", "span": [0, 8], "side": 0},
        {"text": "أُجليت عشرون عائلة", "article": "a2",
         "span": [WEATHER_TEXT.index(rain), WEATHER_TEXT.index(rain) + len(rain)], "side": 1}]}]
    return doc


def test_html_contradiction_shows_its_two_sides(story_doc):
    page = render_html(_with_a_three_claim_contradiction(story_doc))
    listed = page[page.index('<ul class="items contradictions">'):]
    listed = listed[:listed.index("</article>")]
    first, second = listed.split('<p class="versus">')
    assert "حي الزهور" in first and "١٢ عائلة أُجليت" in first and "عشرون" not in first
    assert second.startswith("في المقابل") and "عشرون عائلة" in second


def test_markdown_contradiction_shows_its_two_sides(story_doc):
    text = render_markdown(_with_a_three_claim_contradiction(story_doc))
    block = text[text.index("عائل: 12 / 20"):]
    assert block.index("حي الزهور") < block.index("في المقابل") < block.index("عشرون عائلة")


def test_markdown_story_shows_cited_passage(story_doc):
    text = render_markdown(story_doc)
    assert "### فيضانات صفاقس" in text and f"«{CITED}»" in text


def test_write_reports_writes_both_files(tmp_path, story_doc):
    paths = write_reports(story_doc, tmp_path / "out")
    assert [p.name for p in paths] == ["report.html", "report.md"]
    assert "فيضانات صفاقس" in paths[0].read_text(encoding="utf-8")
    assert "فيضانات صفاقس" in paths[1].read_text(encoding="utf-8")


def _extracted_story_doc() -> dict:
    doc = _doc()
    start = FLOOD_TEXT.index("صفاقس")
    doc["stories"] = [{
        "id": "s1", "title": "فيضانات صفاقس", "articles": ["a1", "a2"], "confidence": 0.87,
        "places": [{"name": "صفاقس", "lat": 34.74, "lon": 10.76, "country": "TN", "geonames_id": 2467454,
                    "mentions": [{"article": "a1", "span": [start, start + 5]}]}],
        "timeline": [{"date": "2024-12-05", "text": "غمرت أمطار غزيرة أحياء في صفاقس",
                      "citations": [{"article": "a1", "span": [0, 20]}]}],
        "facts": [{"text": "أمطار غزيرة تغمر صفاقس", "sources": ["a1", "a2"], "copies": ["a2"],
                   "first_reported_by": "a1", "citations": [{"article": "a1", "span": [0, 20]}]}],
    }]
    return doc


def test_html_story_draws_its_places_on_a_map_and_its_timeline_as_a_chart():
    page = render_html(_extracted_story_doc())
    assert re.search(r'<figure class="map"><svg[^>]*>.*صفاقس.*</svg></figure>', page, re.S)
    assert re.search(r'<figure class="chart"><svg[^>]*>.*<circle', page, re.S)
    figures = "".join(re.findall(r"<figure.*?</figure>", page, re.S))
    assert "href" not in figures and "src=" not in figures  # drawn inline: nothing to load


def test_html_fact_matrix_marks_own_reports_and_copies_per_outlet():
    page = render_html(_extracted_story_doc())
    matrix = re.search(r'<div class="matrix">(.*?)</table>', page, re.S).group(1)
    assert "صحيفة الوادي" in matrix and "وكالة الأنباء المحلية" in matrix
    row = re.search(r"<tr><th class=\"fact\">.*?</tr>", matrix, re.S).group(0)
    assert re.findall(r"<td>(.*?)</td>", row) == ["●", "○"]


def test_html_facts_are_listed_once_in_their_matrix_with_their_citations():
    """The matrix held each fact cut to 14 words above a list of them all: a 3-article story ~14,000 px.
    Now a fact's first words in the matrix open on the whole fact, its first report and citations."""
    page = render_html(_extracted_story_doc())
    row = re.search(r"<tr><th class=\"fact\">.*?</tr>", page, re.S).group(0)
    assert re.search(r'<details class="fact"><summary>1\. <span class="gist">أمطار غزيرة تغمر صفاقس</span></summary>'
                     r'<p[^>]*>أمطار غزيرة تغمر صفاقس'
                     r'.*أول من نشرها.*<details class="cite">', row, re.S)
    assert 'class="items facts"' not in page


def test_html_facts_of_one_outlet_are_a_list():
    doc = _extracted_story_doc()
    doc["stories"][0]["facts"][0].update(sources=["a1"], copies=[])
    page = render_html(doc)
    assert 'class="matrix"' not in page and re.search(r'<ul class="items facts"><li><p[^>]*>أمطار غزيرة تغمر صفاقس', page)


def test_html_places_under_their_map_are_folded_under_their_count():
    page = render_html(_extracted_story_doc())
    assert re.search(r'</figure><details class="folded"><summary>[^<]*\(1\)</summary><ul class="items places">', page)


def test_a_report_of_many_stories_shows_the_biggest_whole_and_the_rest_as_lines():
    """2,000 articles with every story whole made a 197 MB page that took three minutes to open."""
    from naba.report._common import FULL_STORIES
    from naba.report.html import render_html
    from naba.report.markdown import render_markdown

    articles = [{"id": f"a{n}", "title": f"خبر رقم {n}", "text": f"نص الخبر رقم {n} عن افتتاح سوق في المدينة."}
                for n in range(FULL_STORIES + 20)]
    stories = [{"id": f"s{n}", "title": f"قصة السوق رقم {n}", "articles": [f"a{n}"] + (["a0"] if n % 3 == 0 else []),
                "places": [{"name": "دمشق", "lat": 33.51, "lon": 36.29, "mentions": []}]} for n in range(FULL_STORIES + 20)]
    doc = {"schema": "naba/1", "articles": articles, "stories": stories, "reuse": [], "rejected": []}
    page = render_html(doc)
    assert page.count('class="story card"') == FULL_STORIES and page.count('class="story line"') == 20
    assert page.count("<svg") == FULL_STORIES
    assert "والباقية (20)" in page
    assert "والباقية (20)" in render_markdown(doc)


def test_a_rejected_input_says_why_in_arabic_beside_the_english_reason():
    from naba.report.html import render_html
    from naba.report.markdown import render_markdown

    doc = {"schema": "naba/1", "articles": [], "stories": [], "reuse": [],
           "rejected": [{"source_path": "صورة.txt", "reason": "not text: binary content (NUL bytes)"},
                        {"source_path": "https://example.org/x", "reason": "HTTP 404 Not Found"}]}
    page, text = render_html(doc), render_markdown(doc)
    for shown in (page, text):
        assert "ليس نصاً: محتوى ثنائي" in shown and "not text: binary content (NUL bytes)" in shown
        assert "أجاب الخادم بخطأ" in shown and "HTTP 404 Not Found" in shown


@pytest.mark.parametrize("n, counted", [(2, "(مقالتان)"), (5, "(5 مقالات)"), (21, "(21 مقالة)")])
def test_the_title_counts_articles_as_arabic_does(n, counted):
    """«5 مقالة» had been the title of a 5-article report (`naba.text.count_ar` counts it now)."""
    doc = {"schema": "naba/1", "rejected": [], "articles": [{"id": f"a{i}", "text": "خبر قصير عن الطقس"}
                                                            for i in range(n)]}
    assert f"<title>نبأ — تقرير {counted}</title>" in render_html(doc)


def test_an_empty_reuse_section_says_whether_reuse_was_looked_for():
    from naba.report.html import _reuse

    assert "لم يجد البحث عن النقل" in _reuse([], None, computed=True)
    assert "لم يُبحث عن النقل" in _reuse([], None, computed=False)


def test_html_quotes_are_grouped_by_speaker_and_a_statement_carried_twice_is_one_entry():
    doc = _extracted_story_doc()
    said = WEATHER_TEXT.index("الأمطار")
    doc["stories"][0]["quotes"] = [
        {"speaker": "المعهد", "speaker_full": "المعهد الوطني للرصد الجوي", "kind": "indirect", "article": "a2",
         "text": "الأمطار ستتواصل حتى صباح السبت", "span": [said, said + 30]},
        {"speaker": "المعهد", "speaker_full": "المعهد الوطني للرصد الجوي", "kind": "indirect", "article": "a1",
         "text": "الأمطار ستتواصل حتى صباحِ السبت.", "span": [0, 20]},
        {"speaker": "الدفاع المدني", "kind": "indirect", "article": "a1", "text": "١٢ عائلة أُجليت", "span": [0, 20]},
    ]
    page = render_html(doc)
    groups = re.findall(r'<details class="speaker"( open)?><summary><strong[^>]*>([^<]+)</strong> \((\d+)\)', page)
    assert groups == [(" open", "المعهد الوطني للرصد الجوي", "1"), (" open", "الدفاع المدني", "1")]
    entry = re.search(r'<ul class="items quotes"><li>.*?</li>', page, re.S).group(0)
    assert entry.count('<details class="cite">') == 2 and "صحيفة الوادي" in entry and "وكالة الأنباء المحلية" in entry
    assert re.search(r'<span class="as-written"[^>]*>المعهد</span>', entry)  # as the articles named the speaker
    assert "as-written" not in page[page.index("الدفاع المدني</strong>"):]  # named as its group is


def test_markdown_quotes_are_grouped_by_speaker_and_a_statement_carried_twice_is_one_entry():
    doc = _extracted_story_doc()
    said = WEATHER_TEXT.index("الأمطار")
    quote = {"speaker": "المعهد", "speaker_full": "المعهد الوطني للرصد الجوي", "kind": "indirect",
             "text": "الأمطار ستتواصل حتى صباح السبت"}
    doc["stories"][0]["quotes"] = [{**quote, "article": "a2", "span": [said, said + 30]},
                                   {**quote, "article": "a1", "span": [0, 20], "text": quote["text"] + "."}]
    text = render_markdown(doc)
    section = text[text.index("#### الأقوال"):]
    assert "- **المعهد الوطني للرصد الجوي** (1)" in section and section.count("«الأمطار ستتواصل") == 2  # words + a2's passage
    assert "المصدر: صحيفة الوادي" in section and "المصدر: وكالة الأنباء المحلية" in section
    assert "  - المعهد: (indirect) «الأمطار ستتواصل" in section  # as the articles named the speaker


@pytest.mark.parametrize(("articles", "folded"), [(3, False), (11, True)])
def test_html_article_texts_fold_under_their_word_count_in_a_long_report(articles, folded):
    """The texts were most of a 300-article report's 660,000 px; a short report keeps them open."""
    doc = _doc()
    doc["articles"] = [{"id": f"a{n}", "title": f"خبر رقم {n}", "text": f"افتتحت البلدية سوقاً جديدة في الحي رقم {n}."}
                       for n in range(articles)]
    page = render_html(doc)
    assert page.count('<details class="text-folded"><summary>') == (articles if folded else 0)
    assert page.count("افتتحت البلدية سوقاً جديدة") == articles
    if folded:
        assert re.search(r'<summary>النص <small[^>]*>text</small> \(8 كلمات\)</summary>', page)


def test_a_blocks_direction_is_its_majority_of_strong_letters():
    """Arabic opening on a Latin name reads right to left; harakat, digits and marks count for neither
    side (tatweel is an Arabic letter to Unicode); the table lookup gives what asking Python character by character gives, emoji included."""
    import unicodedata

    from naba.report._common import text_direction

    def by_character(text: str) -> str:
        kinds = [unicodedata.bidirectional(c) for c in text]
        return "ltr" if kinds.count("L") > sum(k in ("R", "AL") for k in kinds) else "rtl"

    assert text_direction("BBC: أعلنت الحكومة السورية اليوم") == "rtl"
    assert text_direction("Reuters reported that Riyadh («الرياض») agreed") == "ltr"
    assert text_direction("ab َُِّْ ٢٠١٥ \u200f") == "ltr"  # harakat, digits and a mark count for neither side
    for text in ("قالَ الوزيرُ: «المـــفاوضات مستمرة»", "Hello 𝔸𝔸𝔸 عالم", "🇸🇦 مبروك", "", "١٢٣ abc"):
        assert text_direction(text) == by_character(text), text
