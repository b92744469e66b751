"""Fetching URLs against a real local HTTP server (127.0.0.1 only; nothing leaves the machine)."""

from __future__ import annotations

import gzip
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from naba.errors import FetchError
from naba.model import Article, Rejected
from naba.settings import Settings
from naba.sources.web import fetch, is_url, read_url

PARAGRAPHS = [
    "أعلنت بلدية المدينة، مساء الثلاثاء، خطة جديدة لتنظيم حركة السير في الأحياء القديمة؛ "
    "وتشمل الخطة إغلاق ثلاثة شوارع أمام السيارات خلال ساعات الذروة.",
    "وقال رئيس البلدية في مؤتمر صحفي: «نريد أن يستعيد المشاة شوارعهم، وأن تتنفس الأسواق من جديد».",
    "هل ستنجح الخطة؟ يرى أصحاب المحال أن القرار جاء متأخراً، لكنهم يأملون أن يزيد عدد الزوار "
    "في الأشهر المقبلة، خصوصاً مع اقتراب موسم الأعياد.",
]
TITLE = "البلدية تغلق شوارع المدينة القديمة أمام السيارات"


def html_page(title: str = TITLE, charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="{charset}">'
            f'<title>{title}</title><meta property="og:site_name" content="جريدة المنارة">'
            '<meta property="article:published_time" content="2024-12-03T18:20:00+03:00"></head>'
            f"<body><nav>الرئيسية | سياسة | رياضة</nav><article><h1>{title}</h1>{body}</article>"
            "<footer>جميع الحقوق محفوظة</footer></body></html>")


def rss(base: str) -> str:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>جريدة المنارة</title>'
            f"<item><title>{TITLE}</title><link>{base}/page.html</link><guid>manara-1</guid>"
            "<pubDate>Tue, 03 Dec 2024 18:20:00 +0300</pubDate>"
            "<description>&lt;p&gt;خطة جديدة للسير، فهل تنجح؟&lt;/p&gt;</description></item>"
            "<item><title>خبر منقول</title><link>/missing</link>"
            "<description>موجز قصير.</description></item></channel></rss>")


ATOM = ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>نشرة الصباح</title><id>urn:sabah</id><updated>2024-12-04T06:00:00Z</updated>"
        "<entry><title>أمطار غزيرة على الساحل</title><id>urn:sabah:1</id>"
        "<updated>2024-12-04T07:30:00+01:00</updated>"
        '<content type="html">&lt;p&gt;هطلت أمطار غزيرة؛ وأغلقت المدارس.&lt;/p&gt;</content>'
        "</entry></feed>")


class Handler(BaseHTTPRequestHandler):
    """Routes of the test server; each test reads one."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.server.seen_headers.append(dict(self.headers))
        base = f"http://127.0.0.1:{self.server.server_port}"
        path = self.path
        if path.startswith("/hop/"):
            left = int(path.rsplit("/", 1)[1])  # redirects still to go
            return self.reply(302, b"", location=f"/hop/{left - 1}" if left > 1 else "/page.html")
        if path.startswith("/slow"):
            return self.slow(headers_first=path == "/slow-body")
        routes = {
            "/page.html": (200, "text/html; charset=utf-8", html_page().encode()),
            "/feed.xml": (200, "application/rss+xml", rss(base).encode()),
            "/atom.xml": (200, "application/atom+xml; charset=utf-8", ATOM.encode()),
            "/cp1256.html": (200, "text/html; charset=windows-1256",
                             html_page(charset="windows-1256").encode("cp1256")),
            "/big": (200, "text/html", b"x" * 5000),
            "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        }
        if path == "/gzip.html":
            return self.reply(200, gzip.compress(html_page().encode()), "text/html", encoding="gzip")
        if path == "/gzip-bomb":
            return self.reply(200, gzip.compress(b" " * 50_000), "text/html", encoding="gzip")
        if path == "/big-undeclared":
            return self.reply(200, b"x" * 5000, "text/html", length=False)
        if path not in routes:
            return self.reply(404, b"not here", "text/plain")
        status, content_type, body = routes[path]
        return self.reply(status, body, content_type)

    def reply(self, status, body, content_type="text/html", location=None, encoding=None, length=True):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for name, value in (("Location", location), ("Content-Encoding", encoding)):
            if value:
                self.send_header(name, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def slow(self, headers_first: bool):
        if headers_first:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html>")
            self.wfile.flush()
        self.server.release.wait(5)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    """A threaded HTTP server on 127.0.0.1 and a free port; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.seen_headers, httpd.release = [], threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def base(server):
    return f"http://127.0.0.1:{server.server_port}"


QUICK = Settings(fetch_timeout=0.5)


def read(url: str, settings: Settings = QUICK) -> list[Article | Rejected]:
    return list(read_url(url, settings))


@pytest.mark.parametrize("text, expected", [
    ("https://example.org/news?id=1", True), ("HTTP://example.org", True),
    ("ftp://example.org/a", False), ("file:///tmp/a.html", False), ("news/a.html", False),
    ("http://", False), ("", False),
])
def test_is_url(text, expected):
    assert is_url(text) is expected


def test_html_page_becomes_url_article(base):
    [article] = read(f"{base}/page.html")
    assert (article.source_kind, article.title, article.source_path) == ("url", TITLE, f"{base}/page.html")
    assert article.published == "2024-12-03T18:20:00+03:00"


def test_html_page_keeps_paragraphs_and_arabic_punctuation(base):
    [article] = read(f"{base}/page.html")
    assert article.body.splitlines()[-3:] == PARAGRAPHS


def test_fetch_sends_naba_user_agent(server, base):
    fetch(f"{base}/page.html", QUICK)
    assert server.seen_headers[-1]["User-Agent"].startswith("naba/")


def test_charset_from_content_type_is_respected(base):
    [article] = read(f"{base}/cp1256.html")
    assert article.title == TITLE and article.body.splitlines()[-3:] == PARAGRAPHS


def test_gzip_body_is_decompressed(base):
    body, content_type, _ = fetch(f"{base}/gzip.html", QUICK)
    assert body.decode() == html_page() and content_type == "text/html"


def test_redirect_is_followed_to_final_url(base):
    body, _, final_url = fetch(f"{base}/hop/5", QUICK)
    assert final_url == f"{base}/page.html" and TITLE.encode() in body


def test_rss_url_yields_feed_articles(base):
    articles = read(f"{base}/feed.xml")
    assert [a.title for a in articles] == [TITLE, "خبر منقول"]
    assert {a.outlet for a in articles} == {"جريدة المنارة"}
    assert articles[0].body == "خطة جديدة للسير، فهل تنجح؟"
    assert articles[0].published == "2024-12-03T18:20:00+03:00"


def test_atom_url_yields_feed_article(base):
    [article] = read(f"{base}/atom.xml")
    assert (article.title, article.outlet, article.published, article.body) == (
        "أمطار غزيرة على الساحل", "نشرة الصباح", "2024-12-04T07:30:00+01:00",
        "هطلت أمطار غزيرة؛ وأغلقت المدارس.")


def test_follow_links_fetches_entry_pages(base):
    first, second = read(f"{base}/feed.xml", Settings(fetch_timeout=0.5, follow_links=True))
    assert first.body.splitlines()[-3:] == PARAGRAPHS and first.source_kind == "feed"
    assert (first.url, first.outlet, first.source_id) == (f"{base}/page.html", "جريدة المنارة", "manara-1")
    assert (second.url, second.body) == (f"{base}/missing", "موجز قصير.")
    assert second.extra["page_error"] == "HTTP 404 Not Found"



def test_naba_run_says_which_entries_kept_only_the_feeds_text(base, tmp_path):
    """A page that failed under --follow-links used to leave its entry's short feed text without a word."""
    from click.testing import CliRunner

    from naba.cli import main

    result = CliRunner().invoke(main, ["run", f"{base}/feed.xml", "--follow-links", "--timeout", "2", "--no-extract",
                                       "--out", str(tmp_path / "out"), "--db", str(tmp_path / "naba.db")])
    assert result.exit_code == 0, result.output
    assert (f"1 feed entry kept only the feed's text because the page failed ({base}/missing: HTTP 404 Not Found)"
            in result.stderr)

@pytest.mark.parametrize("path, settings, reason", [
    ("/missing", QUICK, "HTTP 404 Not Found"),
    ("/slow", QUICK, "timed out after 0.5 s"),
    ("/slow-body", QUICK, "timed out after 0.5 s"),
    ("/big", Settings(max_fetch_bytes=1000), "larger than 1000 bytes limit"),
    ("/big-undeclared", Settings(max_fetch_bytes=1000), "larger than 1000 bytes limit"),
    ("/gzip-bomb", Settings(max_fetch_bytes=1000), "larger than 1000 bytes limit"),
    ("/hop/6", QUICK, "too many redirects (more than 5) or a redirect loop"),
])
def test_bad_url_becomes_one_rejected_with_reason(base, path, settings, reason):
    assert read(f"{base}{path}", settings) == [Rejected(f"{base}{path}", reason)]


def test_non_page_content_is_rejected(base):
    url = f"{base}/image.png"
    assert read(url) == [Rejected(url, "not a web page or feed: the server sent image/png")]


def test_connection_refused():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match=f"^connection refused by 127.0.0.1:{port}$"):
        fetch(f"http://127.0.0.1:{port}/", QUICK)


def test_dns_failure(monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    with pytest.raises(FetchError, match=r"^cannot resolve host 'news\.invalid' \(DNS lookup failed\)$"):
        fetch("http://news.invalid/a", QUICK)


@pytest.mark.parametrize("url, reason", [
    ("ftp://example.org/feed.xml", "unsupported URL scheme 'ftp': only http and https are fetched"),
    ("news/page.html", "not a URL: expected http:// or https://, got 'news/page.html'"),
])
def test_unsupported_scheme_is_rejected_without_network(url, reason):
    assert read(url) == [Rejected(url, reason)]


def test_max_size_message_in_megabytes():
    from naba.sources.web import _too_large

    assert _too_large(10 * 1024 * 1024) == "larger than 10 MB limit"
