"""End to end in Debian's Chromium through Playwright against a real server on a free loopback
port: the list, an Arabic search with a hamza / ta-marbuta variant, a story with a revealed
citation, its map and timeline, an article, a file upload, and hostile content that never runs.
Screenshots go to test-artifacts/ (git-ignored)."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlencode

import pytest

pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'naba[web]'")
sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install 'naba[test]'")

from naba.web import create_app  # noqa: E402
from test_web_support import ARTIFACTS, build_store, running  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
UPLOAD = ("الخرطوم – «وادي النيل»: افتتحت وزارة الصحة السودانية، صباح الأربعاء، مستشفى ميدانياً جديداً في "
          "أم درمان بسعة ١٢٠ سريراً؛ وقال الوزير إن المستشفى «سيخدم آلاف النازحين».\n"
          "وأضاف أن مستشفيين آخرين سيُفتتحان قبل نهاية العام في كسلا والقضارف.")

if not Path(CHROMIUM).exists() or shutil.which("chromium") is None:
    pytest.skip(f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "naba.db"
    ids = build_store(db)  # the examples through the pipeline, plus the filled and the hostile story
    with running(create_app(str(db))) as url:
        yield url, ids


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="ar", viewport={"width": 1200, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda exc: errors.append(str(exc)))
    yield opened
    ARTIFACTS.mkdir(exist_ok=True)
    opened.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert errors == [], f"script errors on the page: {errors}"


def test_list_shows_stories_with_outlets_and_counts(site, page):
    page.goto(site[0] + "/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".story-item").count() >= 5
    first = page.locator(".story-item").first
    assert first.locator(".outlet").count() >= 1 and "مقال" in first.locator(".n").inner_text()


@pytest.mark.parametrize("query", ["مدرسه", "الاعمدة"])  # the text has مدرسة and الأعمدة
def test_search_finds_the_story_across_spelling_variants(site, page, query):
    page.goto(site[0] + "/")
    page.fill("input[name=q]", query)
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=*")
    titles = page.locator(".story-title").all_inner_texts()
    assert "انهيار جسر قديم في الموصل" in titles and len(titles) < 5


def test_matching_articles_show_where_the_words_are(site, page):
    """Under the stories, a matching article was its title alone: now the text around the words
    found, the words marked, and the words as a phrase first."""
    page.goto(site[0] + "/?" + urlencode({"q": "جسر الموصل"}))
    results = page.locator(".matches li")
    assert results.count() >= 2
    first = results.first
    assert "جسر الموصل" in first.locator(".snippet").inner_text()  # the article naming the bridge so
    assert first.locator("mark.hit").all_inner_texts()[0] == "جسر الموصل"  # sought together first
    assert first.locator("mark.hit").first.evaluate("m => getComputedStyle(m).backgroundColor") != "rgba(0, 0, 0, 0)"


def test_story_citation_reveals_its_passage(site, page):
    page.goto(f"{site[0]}/stories/{site[1]['bridge']}")
    passage = page.locator("#cite-1")
    assert not passage.is_visible()
    page.click("button[data-cite=cite-1]")
    assert passage.is_visible()
    assert "انهار جسرٌ قديم على نهر دجلة" in passage.inner_text()


def test_story_shows_map_and_timeline(site, page):
    page.goto(f"{site[0]}/stories/{site[1]['bridge']}")
    page.locator("#map").scroll_into_view_if_needed()
    assert page.locator("svg.naba-map .places circle").count() == 2
    assert page.locator("svg.naba-map .labels text").count() == 2
    assert page.locator("svg.naba-map path").count() > 3  # country outlines around Iraq
    assert "الموصل" in page.locator("svg.naba-map").inner_html()
    assert page.locator("svg.naba-timeline .event").count() >= 2
    box = page.locator("svg.naba-map").bounding_box()
    assert box and box["width"] > 300 and box["height"] > 150


def test_story_is_readable_on_a_phone(site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"{site[0]}/stories/{site[1]['bridge']}")
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "story_phone.png"), full_page=True)
    context.close()
    assert overflow <= 1


def test_article_page_shows_boilerplate_on_demand(site, page):
    page.goto(site[0] + "/")
    page.locator(".story-title").first.click()
    page.locator("details.article a", has_text="صفحة المقال").first.click()
    page.wait_for_url("**/articles/*")
    boilerplate = page.locator("#boilerplate li").first
    assert not boilerplate.is_visible()
    page.click("#boilerplate summary")
    assert boilerplate.is_visible()


def test_hostile_content_shows_as_text_and_never_runs(site, page):
    for path in ("/", f"/stories/{site[1]['hostile_story']}", f"/articles/{site[1]['hostile']}"):
        page.goto(site[0] + path)
        assert page.evaluate("window.__xss") is None
    assert "<script>window.__xss" in page.locator("#article-title").inner_text()
    assert page.locator("#text img, #text a, #text script").count() == 0


def test_upload_a_file_and_see_its_story(site, page, tmp_path):
    upload = tmp_path / "مستشفى.txt"
    upload.write_text(UPLOAD, encoding="utf-8")
    empty = tmp_path / "فارغ.txt"
    empty.write_text("", encoding="utf-8")
    page.goto(site[0] + "/ingest")
    page.set_input_files("input[name=files]", [str(upload), str(empty)])
    page.click("form.ingest button[type=submit]")
    page.wait_for_url("**/jobs/*")
    page.wait_for_selector("#job[data-status=done]", timeout=60_000)
    assert page.locator("#job-stories a").count() == 1
    assert page.locator("#job-status").inner_text() == "اكتملت"  # the job's state in Arabic, not «done»
    assert page.locator("#job-summary").inner_text().startswith("1 مقال (الجديد منها 1)، 1 قصة")
    assert "فارغ.txt" in page.locator("#job-rejected").inner_text()  # named as uploaded, with its reason
    assert "فارغ: لا نص فيه" in page.locator("#job-rejected").inner_text()  # in Arabic, the English beside it
    page.locator("#job-stories a").first.click()
    assert "مستشفى" in page.locator("#story-title").inner_text()
