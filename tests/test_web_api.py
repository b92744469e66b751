"""The JSON API and the pages over HTTP against a real uvicorn server: contract shapes, search,
escaping of hostile article content, the token off loopback, and `naba serve` itself."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'naba[web]'")
httpx = pytest.importorskip("httpx", reason="httpx is not installed: pip install 'naba[test]'")

from naba.web import create_app  # noqa: E402
from naba.web.cli import is_loopback  # noqa: E402
from test_web_support import HOSTILE_TITLE, bridge_articles, bridge_story, build_store, free_port, running  # noqa: E402


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "naba.db"
    ids = build_store(db, with_examples=False)
    with running(create_app(str(db))) as url:
        yield url, ids, db


def get(url, **params):
    response = httpx.get(url, params=params, timeout=30)
    response.raise_for_status()
    return response


def test_api_lists_stories_with_total(site):
    url, ids, _ = site
    body = get(f"{url}/api/stories").json()
    assert body["total"] == 2
    assert {s["id"] for s in body["stories"]} == {ids["bridge"], ids["hostile_story"]}


def test_pages_write_counts_in_arabic_agreement(site):
    """«1 مقالات من 1 منابر» stood on 79% of a store's story pages (a browser audit)."""
    url, _, _ = site
    pages = [httpx.get(f"{url}/stories/{s['id']}").text for s in httpx.get(url + "/api/stories").json()["stories"]]
    assert pages and all(re.search(r"(1 مقال|مقالان|\d+ مقالات|\d+ مقالاً) من (1 منبر|منبرين|\d+ منابر|\d+ منبراً)", p)
                         for p in pages)
    assert not any(re.search(r"\b[12] (مقالات|منابر)", p) for p in pages)


def test_api_story_is_the_contract_dict(site):
    url, ids, _ = site
    story = get(f"{url}/api/stories/{ids['bridge']}").json()
    for key in ("id", "title", "articles", "events", "summary", "facts", "unique", "contradictions",
                "entities", "places", "dates", "quotes", "timeline", "reuse"):
        assert key in story
    assert story["quotes"][0]["speaker"] == "أحمد الجبوري"


def test_api_search_folds_ta_marbuta(site):
    url, ids, _ = site
    hits = get(f"{url}/api/search", q="مدرسه").json()["articles"]
    assert [h["id"] for h in hits] == [ids["a"]]


def test_api_article_has_text_and_stories(site):
    url, ids, _ = site
    article = get(f"{url}/api/articles/{ids['b']}").json()
    assert "التآكل" in article["text"] and article["stories"][0]["id"] == ids["bridge"]


@pytest.mark.parametrize("path", ["/api/stories/absent", "/api/articles/absent", "/api/jobs/absent"])
def test_api_missing_is_404(site, path):
    assert httpx.get(site[0] + path).status_code == 404


def test_api_rejects_a_malformed_date(site):
    assert httpx.get(f"{site[0]}/api/stories", params={"date_from": "أمس"}).status_code == 422


def test_openapi_describes_the_api(site):
    paths = get(f"{site[0]}/api/openapi.json").json()["paths"]
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles/{article_id}", "/api/search"} <= set(paths)


@pytest.mark.parametrize("page", ["/", "/stories/{hostile_story}", "/articles/{hostile}"])
def test_hostile_content_is_escaped(site, page):
    url, ids, _ = site
    html = get(url + page.format(**ids)).text
    assert "<script>window.__xss" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;window.__xss" in html


def test_hostile_title_shows_as_text_in_the_list(site):
    html = get(site[0] + "/").text
    assert HOSTILE_TITLE.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;") in html


def test_story_page_shows_every_section(site):
    url, ids, _ = site
    html = get(f"{url}/stories/{ids['bridge']}").text
    for text in ("سبب الانهيار", "سالم الحسني", "جسر بديل يُفتتح", 'class="naba-map"', 'class="naba-timeline"',
                 'class="entity-per"', 'data-cite="cite-1"'):
        assert text in html


def test_the_list_says_which_stories_hold_the_words_only_apart(site):
    """Several words without quote marks: the stories holding them together come first (the store's
    `together`); the page marks where those holding them apart begin."""
    url, ids, _ = site
    apart = get(f"{url}/api/stories", q="صحيح الخبر").json()["stories"]  # both words, not in this order
    assert [(s["id"], s["together"]) for s in apart] == [(ids["hostile_story"], False)]
    assert "الكلمات متفرقة، لا متصلة" in get(url + "/", q="صحيح الخبر").text
    together = get(f"{url}/api/stories", q="غير صحيح").json()["stories"]
    assert [(s["id"], s["together"]) for s in together] == [(ids["hostile_story"], True)]
    assert "الكلمات متفرقة" not in get(url + "/", q="غير صحيح").text


def test_story_page_shows_a_contradictions_two_sides(site):
    """The bridge story's contradiction was written before claims carried a side: its first claim is one
    side, the other the other, with «في المقابل» between them."""
    url, ids, _ = site
    html = get(f"{url}/stories/{ids['bridge']}").text
    section = html[html.index('id="contradictions"'):html.index('id="unique"')]
    assert section.index("الأمطار الغزيرة أضعفت الأعمدة") < section.index("في المقابل") < section.index("التآكل لا الأمطار")


def test_story_page_says_when_a_section_is_empty(site):
    url, ids, _ = site
    html = get(f"{url}/stories/{ids['hostile_story']}").text
    assert html.count("لم يُعثر على شيء من هذا في القصة") >= 4  # facts, contradictions, unique, timeline, copies


def test_article_page_marks_a_followed_citation(site):
    url, ids, _ = site
    html = get(f"{url}/articles/{ids['b']}", span="0-5").text
    assert re.search(r'<mark class="target( [^"]*)?"[^>]*id="cited"[^>]*>بغداد</mark>', html)


def test_names_inside_a_cited_passage_stay_marked(site):
    """A cited sentence drawn over its names had hidden them: 52 of 60 article pages showed none."""
    url, ids, _ = site
    html = get(f"{url}/articles/{ids['a']}").text  # the brief cites «… الموصل», a place
    assert re.search(r'<mark class="cited place"[^>]*>الموصل</mark>', html)


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    db = tmp_path_factory.mktemp("guarded") / "naba.db"
    build_store(db, with_examples=False)
    with running(create_app(str(db), token="s3cret-token-1")) as url:
        yield url


@pytest.mark.parametrize("path", ["/api/stories", "/api/search?q=جسر", "/api/openapi.json"])
def test_api_without_the_token_is_refused(guarded, path):
    assert httpx.get(guarded + path).status_code == 401
    assert httpx.get(guarded + path, headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_api_with_the_token_answers(guarded):
    response = httpx.get(f"{guarded}/api/stories", headers={"Authorization": "Bearer s3cret-token-1"})
    assert response.status_code == 200 and response.json()["total"] == 2


def test_pages_without_the_token_go_to_login(guarded):
    response = httpx.get(f"{guarded}/stories/x?a=1")
    assert response.status_code == 303 and response.headers["location"].startswith("/login?next=")


def test_login_sets_a_cookie_that_opens_the_pages(guarded):
    with httpx.Client(base_url=guarded) as client:
        assert client.post("/login", data={"token": "wrong", "next": "/"}).status_code == 401
        response = client.post("/login", data={"token": "s3cret-token-1", "next": "https://evil.example/"})
        assert response.status_code == 303 and response.headers["location"] == "/"
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("token", ["سر", "two words"])
def test_a_token_that_cannot_travel_in_a_header_is_refused(db_path, token):
    from naba.errors import UsageError

    with pytest.raises(UsageError, match="printable ASCII"):
        create_app(str(db_path), token=token)


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("127.8.0.3", True), ("::1", True),
                                                 ("localhost", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                                 ("example.org", False)])
def test_is_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_serve_off_loopback_prints_a_token_and_requires_it(tmp_path):
    """The real command, bound to every interface: it generates a token and the API asks for it."""
    db = tmp_path / "naba.db"
    build_store(db, with_examples=False)
    port = free_port()
    env = {**os.environ, "NABA_TOKEN": ""}
    process = subprocess.Popen([sys.executable, "-c", "from naba.cli import main; main()", "serve", "--db", str(db),
                                "--host", "0.0.0.0", "--port", str(port)], stderr=subprocess.PIPE, text=True, env=env)
    try:
        token = re.search(r"token: (\S+)", process.stderr.readline()).group(1)
        url = f"http://127.0.0.1:{port}/api/stories"
        deadline = time.monotonic() + 30
        while True:
            try:
                refused = httpx.get(url)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "naba serve did not start"
                time.sleep(0.2)
        assert refused.status_code == 401
        assert httpx.get(url, headers={"Authorization": f"Bearer {token}"}).status_code == 200
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_on_a_missing_store_says_it_is_new_and_the_page_says_how_to_fill_it(tmp_path):
    """A mistyped --db used to serve an empty store without a word; the user now hears it twice."""
    db = tmp_path / "nab.db"  # the store the user meant is naba.db
    port = free_port()
    process = subprocess.Popen([sys.executable, "-c", "from naba.cli import main; main()", "serve", "--db", str(db),
                                "--port", str(port)], stderr=subprocess.PIPE, text=True)
    try:
        said = process.stderr.readline()
        assert f"no store at {db} yet" in said and "naba run FILES --db" in said
        deadline = time.monotonic() + 30
        while True:
            try:
                page = httpx.get(f"http://127.0.0.1:{port}/")
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "naba serve did not start"
                time.sleep(0.2)
        assert "لا قصص في هذا المخزن" in page.text and "nab.db" in page.text
        assert "لا قصص تطابق هذا البحث" in httpx.get(f"http://127.0.0.1:{port}/", params={"q": "جسر"}).text
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_on_a_taken_port_says_which_port_in_one_line(tmp_path):
    import socket

    db = tmp_path / "naba.db"
    build_store(db, with_examples=False)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run([sys.executable, "-c", "from naba.cli import main; main()", "serve", "--db", str(db),
                               "--port", str(port)], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        (f"naba: error: port {port} on 127.0.0.1 is already in use (another `naba serve`?); "
         "stop it or choose another with --port")]

PAGE = ("<html><head><meta charset='utf-8'><title>افتتاح سوق جديد في صفاقس</title>"
        "<meta property='og:site_name' content='صدى الساحل'></head><body><article><h1>افتتاح سوق جديد في صفاقس</h1>"
        "<p>صفاقس – «صدى الساحل»: افتتحت بلدية صفاقس، صباح السبت، سوقاً بلدياً جديداً يضم ٢٠٠ محل تجاري؛ "
        "وقال رئيس البلدية إن السوق «سيخفف الازدحام عن وسط المدينة».</p>"
        "<p>وأضاف أن أشغال المرحلة الثانية ستنطلق في الخريف المقبل بكلفة تقارب ثلاثة ملايين دينار.</p>"
        "</article></body></html>")


@pytest.fixture
def page_server():
    """A local HTTP server with one Arabic page at /souq and nothing else (404)."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    import threading

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            body = PAGE.encode() if self.path == "/souq" else b"not here"
            self.send_response(200 if self.path == "/souq" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def wait_for(url: str, job_id: str) -> dict:
    deadline = time.monotonic() + 60
    while (job := get(f"{url}/api/jobs/{job_id}").json())["status"] not in ("done", "failed"):
        assert time.monotonic() < deadline, f"job still {job['status']}"
        time.sleep(0.2)
    return job


def test_ingest_urls_lists_each_failing_item(site, page_server):
    url = site[0]
    response = httpx.post(f"{url}/api/ingest", data={"urls": f"{page_server}/souq\n{page_server}/missing"},
                          files={"files": ("فارغ.txt", b"", "text/plain")})
    assert response.status_code == 202
    job = wait_for(url, response.json()["id"])
    assert job["status"] == "done" and job["articles"] == 1 and len(job["stories"]) == 1
    reasons = {r["source_path"]: r["reason"] for r in job["rejected"]}
    assert set(reasons) == {"فارغ.txt", f"{page_server}/missing"} and "404" in reasons[f"{page_server}/missing"]
    assert get(f"{url}/api/search", q="صفاقس").json()["articles"]


def test_a_line_that_is_no_url_is_one_rejected_item_not_the_whole_ingest(site, page_server):
    """One pasted line that was not a URL refused every file and URL of the form, and emptied it (a browser audit)."""
    url = site[0]
    response = httpx.post(f"{url}/api/ingest", data={"urls": f"{page_server}/souq\nليس رابطا"})
    assert response.status_code == 202
    job = wait_for(url, response.json()["id"])
    assert job["status"] == "done" and job["articles"] == 1
    assert [(r["source_path"], "http(s)" in r["reason"]) for r in job["rejected"]] == [("ليس رابطا", True)]
    page = httpx.post(f"{url}/ingest", data={"urls": "ليس رابطا"}, headers={"Origin": url})
    assert page.status_code == 422 and "كل سطر رابط" in page.text and ">ليس رابطا</textarea>" in page.text


@pytest.mark.parametrize(("data", "reason"), [({"urls": "ftp://example.org/x"}, "http(s)"), ({"urls": ""}, "nothing")])
def test_ingest_refuses_what_it_cannot_read(site, data, reason):
    response = httpx.post(f"{site[0]}/api/ingest", data=data)
    assert response.status_code == 422 and reason in response.json()["detail"]


def test_a_form_from_another_site_cannot_post(site):
    """Any page open in the user's browser could otherwise make the loopback server fetch its URLs."""
    response = httpx.post(f"{site[0]}/api/ingest", data={"urls": "http://127.0.0.1:9/x"},
                          headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    same = httpx.post(f"{site[0]}/api/ingest", data={"urls": ""}, headers={"Origin": site[0]})
    assert same.status_code == 422  # past the origin check, refused for having nothing to ingest


def test_a_page_that_does_not_exist_answers_in_arabic_and_the_api_in_json(site):
    """Unknown paths and «?page=abc» showed FastAPI's raw JSON on the Arabic pages (a browser audit)."""
    url, _, _ = site
    missing = httpx.get(f"{url}/no/such/page")
    assert missing.status_code == 404 and "الصفحة غير موجودة" in missing.text
    assert httpx.get(f"{url}/api/no-such").json() == {"detail": "Not Found"}
    listing = get(f"{url}/", page="abc")
    assert listing.status_code == 200 and 'id="story-count"' in listing.text


def test_a_day_guessed_from_the_story_is_marked_on_the_pages(tmp_path):
    """An undated article's day, taken from its story, read like a stated one on the story page."""
    from naba.store.sqlite import SQLiteStore

    a, b = bridge_articles()
    b.published_from = "story"
    with SQLiteStore(str(tmp_path / "guess.db")) as store:
        store.add_articles([a, b])
        store.save_stories([bridge_story(a, b)])
    with running(create_app(str(tmp_path / "guess.db"))) as url:
        story = get(f"{url}/stories/s-{a.id}").text
        article, stated = get(f"{url}/articles/{b.id}").text, get(f"{url}/articles/{a.id}").text
    assert story.count("مقدَّر من القصة") >= 1 and "(story)" not in article
    assert "مقدَّر من القصة" in article and "من البيانات الوصفية" not in article
    assert "مقدَّر من القصة" not in stated


def test_the_list_says_what_it_could_not_read_and_stays_in_its_pages(site):
    """From a browser audit: «?page=70» of 69 pages said «لا قصص تطابق» and «صفحة 70 من 69»; a date the
    page could not read was dropped without a word; a story page showed «2024-12-06T19:37:00+03:00»."""
    url, ids, _ = site
    last = get(url + "/", page="70").text
    assert "صفحة 1 من 1" in last or "صفحة" not in last  # one page of stories here: no «صفحة 70»
    assert "صفحة 70" not in last and "انهيار جسر قديم في الموصل" in last
    unread = get(url + "/", date_from="31/07/2015").text
    assert "لم يُفهم التاريخ «31/07/2015»" in unread and "انهيار جسر قديم في الموصل" in unread
    assert "تاريخ «من» بعد تاريخ «إلى»" in get(url + "/", date_from="2025-09-10", date_to="2025-09-01").text
    story = get(f"{url}/stories/{ids['bridge']}").text
    assert "2025-09-09 06:30" in story and "T06:30" not in story
    assert 'rel="icon"' in story  # no request for /favicon.ico, which is a 404 in every console


@pytest.mark.parametrize("page", ["²", "99999999999999999999", "-3", "٣"])
def test_odd_page_numbers_give_a_page_not_a_server_error(site, page):
    assert "انهيار جسر قديم في الموصل" in get(site[0] + "/", page=page).text


def test_a_date_typed_in_arabic_indic_digits_filters_as_its_digits(site):
    """«٢٠٢٥-٠٩-١١» matched the date pattern (\\d is any digit) and filtered out every story, silently."""
    url = site[0]
    arabic, ascii_ = get(url + "/", date_from="٢٠٢٥-٠٩-١١").text, get(url + "/", date_from="2025-09-11").text
    count = re.compile(r'<p class="count" id="story-count">([^<]*)<')
    assert count.search(arabic).group(1) == count.search(ascii_).group(1)
    assert "لم يُفهم التاريخ" not in arabic
