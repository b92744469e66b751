"""A report of many articles in pages (`naba.report.pages`): report.html and report.md index the stories,
each story has its page under report/ with its articles and the copies they are in, every link lands
on a card that exists, and a later run's report leaves no page of the former behind. On the bundled
examples (written for naba) run through the pipeline, with the one-page limit lowered to make them
many; then in Debian's Chromium, where the pages are opened and followed by their links."""

from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

import naba
from naba.output import build_document
from naba.report import pages, write_reports

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def doc():
    result = naba.run([str(EXAMPLES)])
    return build_document(result.articles, result.rejected, stories=result.stories, reuse=result.reuse)


@pytest.fixture
def paged(monkeypatch):
    monkeypatch.setattr(pages, "ONE_PAGE_UPTO", 5)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.ids, self.cards = [], set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "article" and "article" in (attrs.get("class") or "").split():
            self.cards.append(attrs["id"])


def _read(path: Path) -> _Links:
    links = _Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def test_a_run_of_few_articles_is_one_page(tmp_path, doc):
    written = write_reports(doc, tmp_path)
    assert written == [tmp_path / "report.html", tmp_path / "report.md"]
    assert not (tmp_path / pages.PAGES).exists()


def _across(doc):
    """The document with a copy between the first articles of its first two stories: each page links to
    the other story's article on that story's page."""
    a, b = doc["stories"][0]["articles"][0], doc["stories"][1]["articles"][0]
    pair = {"a": a, "b": b, "original": a, "near_duplicate": False, "similarity": 0.4,
            "passages": [{"a_span": [0, 40], "b_span": [0, 40], "kind": "paraphrase"}]}
    return {**doc, "reuse": [*doc["reuse"], pair]}


def test_the_index_opens_a_page_per_story_and_every_link_lands_on_a_card(tmp_path, doc, paged):
    doc = _across(doc)
    written = write_reports(doc, tmp_path)
    folder = tmp_path / pages.PAGES
    assert written == [tmp_path / "report.html", tmp_path / "report.md", folder]
    index = _read(tmp_path / "report.html")
    story_links = [h for h in index.hrefs if h.startswith("report/story-")]
    assert len(story_links) == len(doc["stories"])
    assert not index.cards  # no article's text on the index
    shown = []
    for path in [tmp_path / "report.html", *sorted(folder.glob("*.html"))]:
        links = _read(path)
        shown += links.cards
        for href in links.hrefs:
            if href.startswith(("http:", "https:")):
                continue
            target, _, anchor = href.partition("#")
            page = (path.parent / target).resolve() if target else path
            assert page.is_file(), f"{path.name}: {href} leads nowhere"
            assert not anchor or anchor in _read(page).ids, f"{path.name}: {href} has no such card"
    # every article on one page, once, its card named after its id
    assert sorted(shown) == sorted(f"article-{a['id']}" for a in doc["articles"])
    second = doc["stories"][1]
    assert any(h.startswith(f"story-{second['id']}.html#article-")
               for h in _read(folder / f"story-{doc['stories'][0]['id']}.html").hrefs)


def test_a_storys_page_holds_the_story_whole_its_articles_and_their_copies(tmp_path, doc, paged):
    write_reports(doc, tmp_path)
    [pair] = doc["reuse"]  # the examples' one copy
    for story in doc["stories"]:
        page = (tmp_path / pages.PAGES / f"story-{story['id']}.html").read_text(encoding="utf-8")
        assert 'class="story card"' in page  # whole, not a line
        cards = _read(tmp_path / pages.PAGES / f"story-{story['id']}.html").cards
        assert cards == [f"article-{a}" for a in story["articles"]]
        holds_pair = pair["a"] in story["articles"] or pair["b"] in story["articles"]
        assert ('class="pair card"' in page) == holds_pair
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\((report/[^)]+\.md)\)", markdown):
        assert (tmp_path / target).is_file()
    assert len(re.findall(r"\]\(report/story-", markdown)) == len(doc["stories"])


def test_articles_in_no_story_get_pages_of_their_own(tmp_path, doc, paged):
    loose = {**doc, "stories": doc["stories"][:2]}
    write_reports(loose, tmp_path)
    listed = {a for s in loose["stories"] for a in s["articles"]}
    rest = [a for a in doc["articles"] if a["id"] not in listed]
    page = tmp_path / pages.PAGES / "articles-1.html"
    assert len(_read(page).cards) == len(rest) > 0
    assert "report/articles-1.html" in _read(tmp_path / "report.html").hrefs


def test_a_later_report_leaves_no_page_of_the_former_and_touches_nothing_else(tmp_path, doc, paged, monkeypatch):
    write_reports(doc, tmp_path)
    folder = tmp_path / pages.PAGES
    mine = folder / "ملاحظات.md"
    mine.write_text("ملاحظات المحرر عن القصص", encoding="utf-8")
    before = {p.name for p in folder.glob("story-*")}
    fewer = {**doc, "stories": doc["stories"][:3]}
    write_reports(fewer, tmp_path)
    after = {p.name for p in folder.glob("story-*")}
    assert after == {f"story-{s['id']}.{kind}" for s in fewer["stories"] for kind in ("html", "md")} < before
    monkeypatch.setattr(pages, "ONE_PAGE_UPTO", 300)  # back to one page: the pages go, the editor's file stays
    write_reports(doc, tmp_path)
    assert [p.name for p in folder.iterdir()] == ["ملاحظات.md"]
    assert mine.read_text(encoding="utf-8") == "ملاحظات المحرر عن القصص"


def test_a_later_report_writes_only_the_pages_that_changed(tmp_path, doc, paged, monkeypatch):
    drawn = []
    render_page = pages.render_page
    monkeypatch.setattr(pages, "render_page", lambda page, *a: drawn.append(page.name) or render_page(page, *a))
    write_reports(doc, tmp_path)
    assert len(drawn) == len(doc["stories"])
    drawn.clear()
    write_reports(doc, tmp_path)  # the same run again
    assert drawn == []
    stories = [dict(s) for s in doc["stories"]]
    stories[3]["title"] = "عنوان جديد للقصة الرابعة"  # one story retold: it and the two beside it
    (tmp_path / pages.PAGES / f"story-{stories[6]['id']}.md").unlink()  # a page someone deleted
    write_reports({**doc, "stories": stories}, tmp_path)
    assert sorted(drawn) == sorted(f"story-{stories[k]['id']}" for k in (2, 3, 4, 6))
    assert "عنوان جديد للقصة الرابعة" in (tmp_path / pages.PAGES / f"story-{stories[3]['id']}.html").read_text()
    drawn.clear()
    monkeypatch.setattr("naba.resume.code_stamp", lambda: "another naba")
    write_reports({**doc, "stories": stories}, tmp_path)  # another naba draws every page anew
    assert len(drawn) == len(doc["stories"])


def test_a_story_id_that_is_no_file_name_gets_its_position(doc):
    odd = {**doc, "stories": [{**doc["stories"][0], "id": "../قصة/1"}, doc["stories"][1], doc["stories"][1]]}
    names = [p.name for p in pages.plan(odd)]
    assert names[0] == "story-1" and names[1] == f"story-{doc['stories'][1]['id']}" and names[2] != names[1]


@pytest.mark.skipif(not Path(CHROMIUM).exists() or shutil.which("chromium") is None,
                    reason=f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
def test_in_chromium_the_index_leads_to_a_story_to_its_neighbour_and_back(tmp_path, doc, paged):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: pip install 'naba[test]'")
    write_reports(doc, tmp_path)
    by_id = {s["id"]: s for s in doc["stories"]}
    errors = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(locale="ar")
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto((tmp_path / "report.html").as_uri())
        assert page.locator("html").get_attribute("dir") == "rtl"
        assert page.locator("table.pages tbody tr").count() == len(doc["stories"])
        # stories folded by the day they began, the last day open: its first story opens
        days = page.locator("details.day")
        assert days.count() == len({s["start"][:10] for s in doc["stories"]})
        assert [days.nth(k).get_attribute("open") is not None for k in range(days.count())][-1]
        link = page.locator("details.day[open] table.pages tbody tr a").first
        story = by_id[link.get_attribute("href").removeprefix("report/story-").removesuffix(".html")]
        link.click()
        page.wait_for_url(f"**/story-{story['id']}.html")
        assert page.locator("h1").inner_text() == story["title"]
        assert page.locator("article.article").count() == len(story["articles"])
        position = doc["stories"].index(story)  # on to the next story, or back to the one before the last
        rel, neighbour = (("next", doc["stories"][position + 1]) if position + 1 < len(doc["stories"])
                          else ("prev", doc["stories"][position - 1]))
        page.locator(f"nav.pager a[rel={rel}]").click()
        page.wait_for_url(f"**/story-{neighbour['id']}.html")
        assert page.locator("article.story h3").first.inner_text() == neighbour["title"]
        page.locator("nav.pager a").first.click()
        page.wait_for_url("**/report.html")
        browser.close()
    assert errors == []
