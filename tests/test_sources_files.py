"""File sources through `naba.sources.read_inputs`: text dumps, HTML pages, JSONL (plain and gzipped),
folders, globs, inputs mixed in one call, and the encodings Arabic files come in."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from naba import pipeline
from naba.model import Article, Rejected
from naba.sources import read_inputs

# A port opening retold for the HTML page: Arabic punctuation, tatweel, diacritics, Arabic-Indic digits.
PAGE_PARAGRAPHS = (
    "الرباط – «صدى المدينة»: افتتحت السلطات المغربية، صباح الأحد، ميناءً تجارياً جديداً على ساحل "
    "المحيط الأطلسي، بكلفة بلغت ٤٥٠ مليون دولار؛ وقال وزير النقل إن الميناء «سيُغيّر وجه المنطقة».",
    "وأضاف الوزير أن الطاقة الاستيعابية للميناء تصل إلى ١٢ مليون طن سنوياً، وأن المرحلـــة الثانية "
    "ستنطلق في ربيع ٢٠٢٦.",
    "وتساءل مراقبون: هل يكفي الميناء الجديد لتخفيف الضغط عن ميناء الدار البيضاء؟ ويرى خبراء أن الجواب "
    "يتوقف على شبكة الطرق.",
)
NAV = ("الرئيسية", "سياسة", "رياضة")
FOOTER = ("جميع الحقوق محفوظة © صدى المدينة ٢٠٢٥", "سياسة الخصوصية")
HTML_HEAD = '<!DOCTYPE html>\n<html lang="ar" dir="rtl">'
XHTML_HEAD = ('<?xml version="1.0" encoding="utf-8"?>\n'
              '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
              '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n'
              '<html xmlns="http://www.w3.org/1999/xhtml" lang="ar" dir="rtl">')

# Windows-1256 has no Arabic-Indic digits or ٪, so a legacy page is written with Western digits.
LEGACY_TEXT = ("بيروت – «الوادي اليوم»: قال وزير الطاقة، مساء السبت، إن ساعات التغذية ستـرتفع إلى 12 ساعة؛ "
               "فهل تصمد الشبكة؟ وأضاف: «نعمل بلا توقّف».\n"
               "وتأتي الخطوة بعد شهرين من الانقطاعات المتكررة في العاصمة.\n")


def html_page(head: str = HTML_HEAD) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PAGE_PARAGRAPHS)
    nav = "".join(f'<li><a href="/{i}">{label}</a></li>' for i, label in enumerate(NAV))
    footer = "".join(f"<p>{line}</p>" for line in FOOTER)
    return f"""{head}
<head>
<meta charset="utf-8"/>
<title>افتتاح ميناء جديد في الرباط | صدى المدينة</title>
<meta property="og:site_name" content="صدى المدينة"/>
<meta property="og:title" content="افتتاح ميناء جديد في الرباط"/>
<meta property="article:published_time" content="2025-12-14T10:20:00+01:00"/>
<link rel="canonical" href="https://sada.example/news/2025/12/port"/>
</head>
<body>
<nav><ul>{nav}</ul></nav>
<article><h1>افتتاح ميناء جديد في الرباط</h1>
{paragraphs}
</article>
<footer>{footer}</footer>
</body></html>
"""


def read_all(*inputs, **kwargs) -> list[Article | Rejected]:
    return list(read_inputs([str(i) for i in inputs], **kwargs))


def only_article(*inputs) -> Article:
    items = read_all(*inputs)
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def write_jsonl(path: Path, rows: list, gzipped: bool = False) -> Path:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")
    path.write_bytes(gzip.compress(data) if gzipped else data)
    return path


# --- text dumps ---------------------------------------------------------------------------------

@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_text_dump_is_one_article_with_unix_newlines(tmp_path, arabic_article_text, newline):
    path = tmp_path / "مقال.txt"
    path.write_bytes(arabic_article_text.replace("\n", newline).encode("utf-8"))
    article = only_article(path)
    assert (article.source_kind, article.source_path) == ("text", str(path))
    assert article.body == arabic_article_text


@pytest.mark.parametrize("field, expected", [
    ("section", "اقتصاد"),
    ("title", "افتتاحُ ميناءٍ جديد في الرباط يُضاعف حركة الشحن"),
    ("outlet", "صدى المدينة"),
    ("published", "2025-12-14T10:20"),
    ("published_from", "text"),
])
def test_text_dump_header_becomes_metadata(tmp_path, arabic_article_text, field, expected):
    (tmp_path / "a.txt").write_text(arabic_article_text, encoding="utf-8")
    article, = pipeline.run(read_inputs([str(tmp_path / "a.txt")])).articles
    assert getattr(article, field) == expected


def test_text_dump_furniture_moves_to_boilerplate(tmp_path, arabic_article_text, furniture_lines):
    (tmp_path / "a.txt").write_text(arabic_article_text, encoding="utf-8")
    article, = pipeline.run(read_inputs([str(tmp_path / "a.txt")])).articles
    assert article.text.startswith("الرباط – «صدى المدينة»: افتتحت")
    assert article.text.endswith("بحلول عام ٢٠٣٠.")
    for line in furniture_lines:
        assert line not in article.text
        assert line in article.boilerplate


# --- HTML pages ---------------------------------------------------------------------------------

HEADS = [pytest.param(HTML_HEAD, id="html5"), pytest.param(XHTML_HEAD, id="xhtml")]
HTML_VARIANTS = [pytest.param(HTML_HEAD, id="html5"), pytest.param(XHTML_HEAD, id="xhtml")]


@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("field, expected", [
    ("source_kind", "html"),
    ("title", "افتتاح ميناء جديد في الرباط"),
    ("outlet", "صدى المدينة"),
    ("published_from", "metadata"),
    ("url", "https://sada.example/news/2025/12/port"),
])
def test_html_page_metadata(tmp_path, head, field, expected):
    (tmp_path / "port.html").write_text(html_page(head), encoding="utf-8")
    assert getattr(only_article(tmp_path / "port.html"), field) == expected


@pytest.mark.parametrize("head", HTML_VARIANTS)
def test_html_published_time_keeps_time_and_zone(tmp_path, head):
    (tmp_path / "port.html").write_text(html_page(head), encoding="utf-8")
    assert only_article(tmp_path / "port.html").published == "2025-12-14T10:20:00+01:00"


@pytest.mark.parametrize("head", HTML_VARIANTS)
def test_html_nav_and_footer_end_in_boilerplate(tmp_path, head):
    (tmp_path / "port.html").write_text(html_page(head), encoding="utf-8")
    article = only_article(tmp_path / "port.html")
    for line in NAV + FOOTER:
        assert line in article.boilerplate
        assert line not in article.body


def test_html_body_keeps_every_paragraph(tmp_path):
    (tmp_path / "port.html").write_text(html_page(), encoding="utf-8")
    article = only_article(tmp_path / "port.html")
    for paragraph in PAGE_PARAGRAPHS:
        assert paragraph in article.body
        assert paragraph not in article.boilerplate


@pytest.mark.parametrize("name", ["port.txt", "port"])
def test_html_saved_under_another_name_is_read_as_html(tmp_path, name):
    (tmp_path / name).write_text(html_page(), encoding="utf-8")
    article = only_article(tmp_path / name)
    assert (article.source_kind, article.outlet) == ("html", "صدى المدينة")


# --- JSON Lines ---------------------------------------------------------------------------------

BODY = "الدوحة – «نبض الخليج»: افتُتح، مساء الاثنين، معرضٌ للكتاب يضم ٣٠٠ دار نشر؛ فهل يعود القرّاء؟"


@pytest.mark.parametrize("name, gzipped", [
    ("wire.jsonl", False), ("wire.ndjson", False), ("wire.jsonl.gz", True), ("wire.json.gz", True),
    ("wire.jsonl", True),  # gzip recognised by its magic bytes, whatever the name says
])
def test_jsonl_every_line_is_an_article(tmp_path, name, gzipped):
    rows = [{"id": f"n-{i}", "text": f"{BODY}\nالسطر رقم {i}."} for i in range(3)]
    items = read_all(write_jsonl(tmp_path / name, rows, gzipped))
    assert [(type(a), a.source_id, a.source_kind) for a in items] == [(Article, f"n-{i}", "jsonl") for i in range(3)]
    assert all(a.body.startswith(BODY) and a.source_path == str(tmp_path / name) for a in items)


@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzip"])
@pytest.mark.parametrize("row, field, expected", [
    ({"text": BODY}, "body", BODY),
    ({"content": BODY}, "body", BODY),
    ({"text": BODY, "published": "2025-12-15T19:05:00+03:00"}, "published", "2025-12-15T19:05:00+03:00"),
    ({"text": BODY, "date": "2025-12-15"}, "published", "2025-12-15"),
    ({"text": BODY, "date": "2025-12-15 19:05"}, "published", "2025-12-15T19:05"),
    ({"text": BODY, "date": "2025-12-15"}, "published_from", "metadata"),
    ({"text": BODY, "outlet": "نبض الخليج"}, "outlet", "نبض الخليج"),
    ({"text": BODY, "source": "نبض الخليج"}, "outlet", "نبض الخليج"),
    ({"text": BODY, "id": "nb-٧٧"}, "source_id", "nb-٧٧"),
    ({"text": BODY, "id": 77}, "source_id", "77"),
    ({"text": BODY, "url": "https://nabd.example/a/77"}, "url", "https://nabd.example/a/77"),
    ({"text": BODY, "headline": "معرض الكتاب يفتح أبوابه"}, "title", "معرض الكتاب يفتح أبوابه"),
])
def test_jsonl_field_aliases(tmp_path, gzipped, row, field, expected):
    article = only_article(write_jsonl(tmp_path / "wire.jsonl", [row], gzipped))
    assert getattr(article, field) == expected


@pytest.mark.parametrize("gzipped", [False, True], ids=["plain", "gzip"])
def test_jsonl_unknown_fields_are_kept_in_extra(tmp_path, gzipped):
    row = {"id": "nb-1", "content": BODY, "source": "نبض الخليج", "tags": ["ثقافة", "كتب"],
           "crawl": {"depth": 2, "ok": True}, "كلمات": 17}
    article = only_article(write_jsonl(tmp_path / "wire.jsonl", [row], gzipped))
    assert article.extra == {"tags": ["ثقافة", "كتب"], "crawl": {"depth": 2, "ok": True}, "كلمات": 17}


@pytest.mark.parametrize("row, published", [
    ({"content": BODY, "date_extracted": "2025-12-15 21:40:12"}, "2025-12-15T21:40:12"),
    ({"content": BODY, "crawled_at": "2025-12-15"}, "2025-12-15"),
    ({"content": BODY, "date": "2025-12-14", "date_extracted": "2025-12-15 21:40:12"}, "2025-12-14"),
])
def test_jsonl_crawl_stamp_stands_for_a_missing_publication_date(tmp_path, row, published):
    """SaudiNewsNet's records carry only `date_extracted`: without it every «أمس» stays undated."""
    article = only_article(write_jsonl(tmp_path / "wire.jsonl", [row]))
    crawled = {k: v for k, v in row.items() if k in ("date_extracted", "crawled_at")}
    assert article.published == published and article.published_from == "metadata"
    assert all(article.extra[k] == v for k, v in crawled.items())  # the crawler's own stamp is kept


def test_jsonl_unreadable_publication_date_is_kept_raw(tmp_path):
    article = only_article(write_jsonl(tmp_path / "wire.jsonl", [{"content": BODY, "published": "قريباً"}]))
    assert article.published is None and article.extra["published_raw"] == "قريباً"


@pytest.mark.parametrize("published", [
    pytest.param("2025-12-15T19:05:00Z", id="iso"),
    pytest.param(1765814700, id="epoch"),
    pytest.param("15/12/2025", id="dmy"),
    pytest.param("الاثنين ١٥ كانون الأول ٢٠٢٥", id="arabic"),
    pytest.param("Mon, 15 Dec 2025 19:05:00 +0300", id="rfc2822"),
])
def test_jsonl_published_is_iso_or_none(tmp_path, published):
    """DESIGN.md: published is '2024-12-06', '2024-12-06T19:37:00+03:00' or null — never the raw string."""
    path = write_jsonl(tmp_path / "wire.jsonl", [{"text": BODY, "published": published}])
    article, = pipeline.run(read_inputs([str(path)])).articles
    assert article.published is None or article.published.startswith("2025-12-15")




@pytest.mark.parametrize("text", [
    "أعلنت الحكومة، اليوم، تعطيل الدوام الرسمي غداً بسبب العاصفة الثلجية.",
    "ارتفعت أسعار الذهب في الأسواق المحلية اليوم.",
    pytest.param("عاجل: انفجار في ميناء بيروت وأنباء عن إصابات", id="flash"),
    pytest.param("هل تصمد الهدنة في غزة هذه المرة؟", id="question"),
    pytest.param("وزير الخارجية: «لن نقبل بأي تسوية لا تضمن حقوقنا»", id="quote"),
])
def test_one_line_jsonl_record_keeps_its_text(tmp_path, text):
    path = write_jsonl(tmp_path / "flash.jsonl", [{"id": "f-1", "text": text, "source": "نبض الخليج"}])
    result = pipeline.run(read_inputs([str(path)]))
    assert [a.text for a in result.articles] == [text]


def test_jsonl_first_line_with_bom_is_read(tmp_path):
    path = tmp_path / "wire.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "b-1", "text": BODY}, ensure_ascii=False).encode() + b"\n")
    assert only_article(path).source_id == "b-1"


def test_json_array_file_is_read_as_records(tmp_path):
    path = tmp_path / "export.json"
    path.write_text(json.dumps([{"id": "x-1", "text": BODY}, {"id": "x-2", "text": BODY + " ٢"}],
                               ensure_ascii=False), encoding="utf-8")
    assert [getattr(a, "source_id", None) for a in read_all(path)] == ["x-1", "x-2"]


# --- folders and globs --------------------------------------------------------------------------

def make_tree(root: Path, text: str) -> None:
    """Files created out of order, with hidden files, a hidden folder and a README to skip."""
    for relative in ("ب/2.txt", "أ/ج/1.txt", "أ/1.txt", "3.txt", "1.txt", "ب/1.html",
                     ".hidden.txt", ".git/x.txt", "README.md"):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text if not relative.endswith(".html") else html_page(), encoding="utf-8")


def test_folder_is_read_recursively_in_sorted_order(tmp_path, arabic_article_text):
    make_tree(tmp_path, arabic_article_text)
    paths = [Path(a.source_path).relative_to(tmp_path).as_posix() for a in read_all(tmp_path)]
    assert paths == ["1.txt", "3.txt", "أ/1.txt", "أ/ج/1.txt", "ب/1.html", "ب/2.txt"]


def test_folder_read_is_reproducible(tmp_path, arabic_article_text):
    make_tree(tmp_path, arabic_article_text)
    assert [a.source_path for a in read_all(tmp_path)] == [a.source_path for a in read_all(tmp_path)]


@pytest.mark.parametrize("pattern, expected", [
    ("*.txt", ["1.txt", "3.txt"]),
    ("أ/*.txt", ["أ/1.txt"]),
    ("**/1.*", ["1.txt", "أ/1.txt", "أ/ج/1.txt", "ب/1.html"]),
    ("ب/*", ["ب/1.html", "ب/2.txt"]),
])
def test_glob_matches_files_sorted(tmp_path, arabic_article_text, pattern, expected):
    make_tree(tmp_path, arabic_article_text)
    paths = [Path(a.source_path).relative_to(tmp_path).as_posix() for a in read_all(f"{tmp_path}/{pattern}")]
    assert paths == expected


def test_mixed_inputs_in_one_call_keep_input_order(tmp_path, corpus_dir, arabic_article_text):
    (tmp_path / "port.html").write_text(html_page(), encoding="utf-8")
    write_jsonl(tmp_path / "wire.jsonl.gz", [{"id": "g-1", "text": BODY}], gzipped=True)
    write_jsonl(tmp_path / "wire.jsonl", [{"id": "p-1", "text": BODY}])
    items = read_all(tmp_path / "port.html", tmp_path / "wire.jsonl.gz", corpus_dir,
                     f"{tmp_path}/*.jsonl", tmp_path / "لا-يوجد.txt")
    assert [(type(i).__name__, getattr(i, "source_kind", None)) for i in items] == [
        ("Article", "html"), ("Article", "jsonl"),
        ("Article", "text"), ("Article", "text"), ("Article", "text"),
        ("Article", "jsonl"), ("Rejected", None)]


def test_corpus_outlets_come_from_each_dump(corpus_dir):
    outlets = [a.outlet for a in pipeline.run(read_inputs([str(corpus_dir)])).articles]
    assert outlets == ["صدى المدينة", "نبض الخليج", "الوادي اليوم"]


# --- encodings ----------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding, prefix", [
    ("utf-8", b""),
    ("utf-8", b"\xef\xbb\xbf"),
    ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
    ("utf-16-le", b""),
    ("utf-16-be", b""),
], ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be"])
def test_unicode_encodings_are_decoded(tmp_path, arabic_article_text, encoding, prefix):
    path = tmp_path / "a.txt"
    path.write_bytes(prefix + arabic_article_text.encode(encoding))
    assert only_article(path).body == arabic_article_text


@pytest.mark.parametrize("name", ["legacy.txt", "legacy.html"])
def test_windows_1256_file_is_decoded(tmp_path, name):
    text = LEGACY_TEXT if name.endswith(".txt") else (
        '<html><head><meta charset="windows-1256"><title>ساعات التغذية</title></head>'
        f"<body><article><p>{LEGACY_TEXT}</p></article></body></html>")
    (tmp_path / name).write_bytes(text.encode("cp1256"))
    body = only_article(tmp_path / name).body
    assert "ساعات التغذية ستـرتفع إلى 12 ساعة؛" in body
    assert "«نعمل بلا توقّف»" in body


def test_windows_1256_jsonl_line_is_rejected_as_mis_encoded(tmp_path):
    """JSON Lines must be UTF-8 (RFC 8259); a legacy line is refused, not guessed."""
    path = tmp_path / "legacy.jsonl"
    path.write_bytes(json.dumps({"text": LEGACY_TEXT}, ensure_ascii=False).encode("cp1256") + b"\n")
    rejected, = read_all(path)
    assert isinstance(rejected, Rejected) and "mis-encoded" in rejected.reason


def test_path_with_spaces_and_arabic_letters(tmp_path, arabic_article_text):
    folder = tmp_path / "أخبار اليوم"
    folder.mkdir()
    (folder / "خبر الميناء.txt").write_text(arabic_article_text, encoding="utf-8")
    assert only_article(folder).source_path == os.path.join(str(folder), "خبر الميناء.txt")
