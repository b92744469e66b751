"""Feeds from bytes: RSS 2.0 with content:encoded, Atom, RDF sniffing, malformed XML, empty entries."""

from __future__ import annotations

import pytest

from naba.errors import InputError
from naba.model import Article, Rejected
from naba.settings import Settings
from naba.sources.feeds import html_fragment_text, looks_like_feed, read_feed

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>صحيفة الواحة</title>
  <link>http://wahaa.example/</link>
  <item>
    <title>افتتاح جسر جديد فوق نهر العاصي</title>
    <link>http://wahaa.example/news/101</link>
    <guid isPermaLink="false">wahaa-101</guid>
    <dc:creator>ليلى حداد</dc:creator>
    <category>محليات</category>
    <category>نقل</category>
    <pubDate>Fri, 06 Dec 2024 19:37:00 +0300</pubDate>
    <description>ملخص قصير عن الجسر.</description>
    <content:encoded><![CDATA[<p>افتتح المحافظ، صباح الجمعة، جسراً يربط ضفتي النهر؛ وقال: «هذا يوم للمدينة».</p>
<p>هل يخفف الجسر الازدحام؟ يأمل السكان ذلك.</p><script>track()</script>]]></content:encoded>
  </item>
  <item>
    <title>خبر بلا نص</title>
    <source url="http://other.example/rss">وكالة النخيل</source>
    <description>نقلت وكالة النخيل أن الأمطار ستستمر حتى الأحد.</description>
  </item>
</channel>
</rss>
""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>موقع السنبلة</title>
  <id>urn:sunbula:feed</id>
  <updated>2024-12-07T08:00:00Z</updated>
  <entry>
    <title>ارتفاع أسعار القمح في الأسواق</title>
    <link rel="alternate" href="https://sunbula.example/a/7"/>
    <id>urn:sunbula:7</id>
    <author><name>سامر خليل</name></author>
    <category term="اقتصاد"/>
    <updated>2024-12-07T10:15:00+02:00</updated>
    <summary>ملخص</summary>
    <content type="html">&lt;p&gt;ارتفعت الأسعار، للأسبوع الثالث؛ فلماذا؟&lt;/p&gt;&lt;p&gt;يقول التجار إن الشحن تأخر.&lt;br&gt;والطلب زاد.&lt;/p&gt;</content>
  </entry>
</feed>
""".encode()

SETTINGS = Settings()


def entries(data: bytes, **kwargs) -> list[Article | Rejected]:
    return list(read_feed(data, "feeds/test.xml", SETTINGS, **kwargs))


@pytest.mark.parametrize("head, expected", [
    (RSS[:200], True),
    (ATOM[:200], True),
    (b'<?xml version="1.0"?>\n<!-- note -->\n<rdf:RDF xmlns:rdf="x">', True),
    (b"\xef\xbb\xbf<rss version='2.0'>", True),
    ("<rss/>".encode("utf-16"), True),
    (b"<!DOCTYPE html><html><head><title>rss</title>", False),
    (b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">', False),
    (b"", False),
])
def test_looks_like_feed_sniffs_root_element(head, expected):
    assert looks_like_feed(head) is expected


def test_rss_entry_metadata():
    article = entries(RSS)[0]
    assert (article.title, article.outlet, article.author, article.section) == (
        "افتتاح جسر جديد فوق نهر العاصي", "صحيفة الواحة", "ليلى حداد", "محليات")
    assert (article.url, article.source_id, article.source_kind) == (
        "http://wahaa.example/news/101", "wahaa-101", "feed")


def test_rss_published_keeps_zone():
    article = entries(RSS)[0]
    assert (article.published, article.published_from) == ("2024-12-06T19:37:00+03:00", "metadata")


def test_rss_prefers_content_encoded_with_paragraph_lines():
    assert entries(RSS)[0].body == (
        "افتتح المحافظ، صباح الجمعة، جسراً يربط ضفتي النهر؛ وقال: «هذا يوم للمدينة».\n"
        "هل يخفف الجسر الازدحام؟ يأمل السكان ذلك.")


def test_entry_naming_its_own_source_sets_outlet():
    article = entries(RSS)[1]
    assert article.outlet == "وكالة النخيل"
    assert article.body == "نقلت وكالة النخيل أن الأمطار ستستمر حتى الأحد."


def test_atom_entry():
    article = entries(ATOM)[0]
    assert (article.title, article.outlet, article.author, article.section, article.url) == (
        "ارتفاع أسعار القمح في الأسواق", "موقع السنبلة", "سامر خليل", "اقتصاد",
        "https://sunbula.example/a/7")
    assert article.published == "2024-12-07T10:15:00+02:00"


def test_atom_content_br_and_paragraphs_become_lines():
    assert entries(ATOM)[0].body == ("ارتفعت الأسعار، للأسبوع الثالث؛ فلماذا؟\n"
                                     "يقول التجار إن الشحن تأخر.\nوالطلب زاد.")


def test_malformed_feed_without_entries_is_rejected():
    [rejected] = entries(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</titl></rss>')
    assert rejected.source_path == "feeds/test.xml"
    assert rejected.reason.startswith("malformed feed: ")


def test_malformed_feed_with_entries_keeps_them():
    data = RSS.replace(b"</channel>", b"<broken></channel>")
    assert [a.title for a in entries(data)][:1] == ["افتتاح جسر جديد فوق نهر العاصي"]


def test_valid_empty_feed_yields_nothing():
    assert entries('<rss version="2.0"><channel><title>فارغ</title></channel></rss>'.encode()) == []


def test_entry_without_text_or_link_is_rejected():
    data = b'<rss version="2.0"><channel><title>t</title><item><title>x</title></item></channel></rss>'
    assert entries(data) == [Rejected("feeds/test.xml#1", "feed entry has no text")]


def test_entry_with_only_link_is_rejected_without_follow_links():
    data = (b'<rss version="2.0"><channel><item><title>x</title>'
            b"<link>http://a.example/1</link></item></channel></rss>")
    [rejected] = entries(data)
    assert rejected.source_path == "feeds/test.xml#1" and "follow_links" in rejected.reason


def page(url: str) -> Article:
    return Article(body="النص الكامل للخبر، مع تفاصيل أكثر بكثير من الملخص؛ وهذه فقرة ثانية.",
                   source_kind="url", url=url, title="عنوان الصفحة")


def failing_page(url: str) -> Article:
    raise InputError("HTTP 404 Not Found")


def follow(data: bytes, fetch_page) -> list[Article | Rejected]:
    return list(read_feed(data, "f.xml", Settings(follow_links=True), fetch_page=fetch_page))


def test_follow_links_takes_longer_page_text():
    data = RSS.replace(b"<content:encoded>", b"<x>").replace(b"</content:encoded>", b"</x>")
    article = follow(data, page)[0]
    assert article.body.startswith("النص الكامل للخبر") and article.title.startswith("افتتاح")


def test_follow_links_failure_falls_back_to_feed_text():
    article = follow(RSS, failing_page)[0]
    assert article.body.startswith("افتتح المحافظ")
    assert article.extra["page_error"] == "HTTP 404 Not Found"


def test_follow_links_failure_without_feed_text_is_rejected():
    data = b'<rss version="2.0"><channel><item><link>http://a.example/1</link></item></channel></rss>'
    assert follow(data, failing_page) == [
        Rejected("f.xml#1", "feed entry has no text and its page failed: HTTP 404 Not Found")]


def test_fetch_page_ignored_when_follow_links_off():
    assert entries(RSS, fetch_page=failing_page)[0].extra == {}


def test_html_fragment_text_drops_tags_and_keeps_inline_words_together():
    assert html_fragment_text('<div>قال <a href="#">المتحدث</a> «نعم»<ul><li>أولاً</li></ul></div>') == (
        "قال المتحدث «نعم»\nأولاً")


HTML_TITLED = """<feed xmlns="http://www.w3.org/2005/Atom">
<title type="html">&lt;b&gt;موقع&lt;/b&gt; &amp;amp; نشرة</title>
<entry><title type="html">&lt;em&gt;عاجل&lt;/em&gt;: خبر</title><id>urn:n:1</id>
<content type="text">سطر أول
سطر ثان</content><published>2024-12-07</published></entry></feed>""".encode()


def test_html_titles_become_plain_text():
    article = entries(HTML_TITLED)[0]
    assert (article.title, article.outlet) == ("عاجل: خبر", "موقع & نشرة")


def test_plain_text_content_keeps_its_lines():
    assert entries(HTML_TITLED)[0].body == "سطر أول\nسطر ثان"


def test_date_only_published_gets_no_invented_time():
    assert entries(HTML_TITLED)[0].published == "2024-12-07"


def test_non_url_atom_id_is_not_taken_as_link():
    article = entries(HTML_TITLED)[0]
    assert (article.url, article.source_id) == (None, "urn:n:1")


LEGACY_RSS = ("<rss version='2.0'><channel><title>صحيفة الواحة</title><item><title>افتتاح سوق جديد في صفاقس</title>"
              "<description>افتتحت بلدية صفاقس سوقاً بلدياً جديداً يضم مئتي محل.</description></item>"
              "</channel></rss>")


@pytest.mark.parametrize("declaration", ["", "<?xml version='1.0'?>", "<?xml version='1.0' encoding='windows-1256'?>"])
def test_windows_1256_feed_reads_as_arabic_with_or_without_a_declaration(declaration):
    """Undeclared, feedparser falls back to Windows-1252: «ÇÝÊÊÇÍ ÓæÞ» was stored for «افتتاح سوق»."""
    [article] = read_feed((declaration + LEGACY_RSS).encode("cp1256"), "old.xml", Settings())
    assert (article.title, article.outlet) == ("افتتاح سوق جديد في صفاقس", "صحيفة الواحة")
    assert article.body == "افتتحت بلدية صفاقس سوقاً بلدياً جديداً يضم مئتي محل."


def test_undeclared_latin_feed_is_left_to_feedparser():
    rss = "<rss version='2.0'><channel><item><title>Marché de Sfax</title><description>Un marché ouvert à Sfax.</description></item></channel></rss>"
    [article] = read_feed(rss.encode("latin-1"), "fr.xml", Settings())
    assert (article.title, article.body) == ("Marché de Sfax", "Un marché ouvert à Sfax.")
