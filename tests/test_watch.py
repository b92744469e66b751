"""`naba watch` against a real local HTTP server (127.0.0.1 only) whose feed grows between polls."""

from __future__ import annotations

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from naba.cli import main
from naba.store.sqlite import SQLiteStore

# guid -> (outlet, title, text). a1–a4 report one flood (a4 a later development); b1 is another story.
ITEMS = {
    "a1": ("وكالة الساحل", "فيضانات تغمر قرى وادي السدر بعد انهيار سد ترابي",
           "غمرت مياه الفيضانات، فجر الأربعاء، خمس قرى في وادي السدر بعد انهيار سد ترابي قديم إثر أمطار "
           "غزيرة استمرت ثلاثة أيام؛ وأعلن الدفاع المدني إجلاء ١٢٠٠ شخص من منازلهم."),
    "a2": ("صحيفة الميدان", "انهيار سد ترابي في وادي السدر يُغرق خمس قرى",
           "أدى انهيار السد الترابي في وادي السدر إلى غرق خمس قرى، وقال مدير الدفاع المدني إن فرق الإنقاذ "
           "أجلت أكثر من ١٢٠٠ شخص: «الوضع تحت السيطرة، والأمطار الغزيرة تتراجع»."),
    "a3": ("إذاعة الشمال", "إجلاء المئات من قرى وادي السدر إثر الفيضانات",
           "أجلى الدفاع المدني مئات السكان من قرى وادي السدر بعدما غمرتها مياه الفيضانات إثر انهيار سد "
           "ترابي؛ وهل كان الانهيار متوقعاً؟ يقول مهندسون إن السد لم يُصَن منذ سنوات."),
    "a4": ("صحيفة الميدان", "ارتفاع عدد المتضررين من فيضانات وادي السدر",
           "ارتفع عدد المتضررين من الفيضانات التي غمرت قرى وادي السدر إلى ٣٠٠٠ شخص، بعد انهيار السد "
           "الترابي؛ وقال الدفاع المدني إن الإجلاء مستمر، وتساءل الأهالي: من يعوّض خسائرنا؟"),
    "b1": ("إذاعة الشمال", "منتخب الشباب يتأهل إلى نهائي بطولة العرب لكرة السلة",
           "تأهل منتخب الشباب لكرة السلة إلى المباراة النهائية لبطولة العرب، بعد فوزه مساء الثلاثاء على "
           "نظيره بنتيجة ٨٤ مقابل ٧٩، وقال المدرب: «اللاعبون قدّموا مباراة كبيرة»."),
}
FIRST_POLL = ("a1", "a2", "a3")
LATER_POLLS = ("a1", "a2", "a3", "a4", "b1")


def rss(guids: tuple[str, ...]) -> bytes:
    """An RSS 2.0 feed of the given items, each from its own outlet, an hour apart."""
    items = "".join(
        f"<item><title>{ITEMS[g][1]}</title><guid>{g}</guid><source url='https://example.org/'>{ITEMS[g][0]}"
        f"</source><pubDate>Wed, 10 Dec 2025 0{hour}:00:00 +0300</pubDate>"
        f"<description>{ITEMS[g][2]}</description></item>" for hour, g in enumerate(guids))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>موجز الأخبار</title>'
            f"{items}</channel></rss>").encode()


class FeedHandler(BaseHTTPRequestHandler):
    """/feed.xml: three items on the first request, five on every later one; anything else is 404."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        if self.path != "/feed.xml":
            return self.reply(404, b"not here", "text/plain")
        self.server.feed_requests += 1
        return self.reply(200, rss(FIRST_POLL if self.server.feed_requests == 1 else LATER_POLLS),
                          "application/rss+xml; charset=utf-8")

    def reply(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def feed_server():
    """A threaded HTTP server on 127.0.0.1 and a free port; yields its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FeedHandler)
    httpd.feed_requests = 0
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def watch(*args) -> tuple[int, list[str]]:
    """Run `naba watch ARGS` in-process; return its exit code and naba's log lines."""
    logger, handler = logging.getLogger("naba"), _Lines()
    logger.addHandler(handler)
    try:
        result = CliRunner().invoke(main, ["watch", *map(str, args)])
    finally:
        logger.removeHandler(handler)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, handler.lines


def stored(db: Path) -> dict[str, str]:
    """guid -> article id of every stored article (a guid stored twice would fail the test)."""
    with SQLiteStore(str(db)) as store:
        articles = list(store.articles())
    ids = {a.source_id: a.id for a in articles}
    assert len(ids) == len(articles), "an entry was stored twice"
    return ids


@pytest.fixture(scope="module")
def two_polls(feed_server, tmp_path_factory):
    """Two polls of the growing feed and of a missing one, with --out."""
    folder = tmp_path_factory.mktemp("watch")
    code, lines = watch(f"{feed_server}/feed.xml", f"{feed_server}/missing.xml", "--interval", "0.2",
                        "--max-polls", "2", "--db", folder / "naba.db", "--out", folder / "out")
    doc = json.loads((folder / "out" / "stories.json").read_text(encoding="utf-8"))
    story_of = {article: story["id"] for story in doc["stories"] for article in story["articles"]}
    return {"code": code, "lines": lines, "ids": stored(folder / "naba.db"), "doc": doc, "story_of": story_of}


def test_two_polls_exit_0(two_polls):
    assert two_polls["code"] == 0


def test_each_entry_is_stored_once(two_polls):
    assert sorted(two_polls["ids"]) == sorted(LATER_POLLS)


def test_one_line_per_new_article(two_polls):
    added = [line for line in two_polls["lines"] if line.startswith("+ ")]
    assert [line.split(" → ")[0] for line in added] == [f"+ {ITEMS[g][0]}: {ITEMS[g][1]}" for g in LATER_POLLS]


def test_new_item_of_a_story_joins_it(two_polls):
    ids, story_of = two_polls["ids"], two_polls["story_of"]
    assert story_of[ids["a4"]] == story_of[ids["a1"]] == story_of[ids["a2"]] == story_of[ids["a3"]]
    assert any(line.endswith(f"→ story {story_of[ids['a1']]} (4 articles)") for line in two_polls["lines"])


def test_item_of_another_story_starts_a_new_one(two_polls):
    ids, story_of = two_polls["ids"], two_polls["story_of"]
    assert story_of[ids["b1"]] == f"s-{ids['b1']}"
    assert [s["articles"] for s in two_polls["doc"]["stories"] if s["id"] == story_of[ids["b1"]]] == [[ids["b1"]]]


def test_out_holds_the_whole_store(two_polls):
    assert sorted(a["id"] for a in two_polls["doc"]["articles"]) == sorted(two_polls["ids"].values())


def test_failing_feed_is_reported_on_each_poll_and_polling_goes_on(two_polls, feed_server):
    failures = [line for line in two_polls["lines"] if "missing.xml" in line]
    assert failures == [f"feed {feed_server}/missing.xml failed: HTTP 404 Not Found; trying again next poll"] * 2


@pytest.fixture
def feed_file(tmp_path) -> Path:
    """A local feed file holding the first poll's items."""
    path = tmp_path / "feed.xml"
    path.write_bytes(rss(FIRST_POLL))
    return path


def test_restart_rebuilds_stories_from_the_store(tmp_path, feed_file):
    db = tmp_path / "naba.db"
    watch(feed_file, "--once", "--db", db)
    feed_file.write_bytes(rss(LATER_POLLS))
    code, lines = watch(feed_file, "--once", "--db", db)
    ids = stored(db)
    assert code == 0
    assert lines[0].startswith("watching 1 feed once; 3 articles in 1 story")
    assert f"+ {ITEMS['a4'][0]}: {ITEMS['a4'][1]} → story s-{ids['a1']} (4 articles)" in lines


def test_a_restart_takes_the_enrichment_it_kept(tmp_path, feed_file, monkeypatch):
    """A watch restarted over a big store re-enriched every story; it takes what the store kept now."""
    import naba.extract.story

    db = tmp_path / "naba.db"
    watch(feed_file, "--once", "--db", db, "--out", tmp_path / "first")
    made = []
    real = naba.extract.story.enrich_story
    monkeypatch.setattr("naba.extract.story.enrich_story", lambda *a, **k: made.append(1) or real(*a, **k))
    code, _ = watch(feed_file, "--once", "--db", db, "--out", tmp_path / "again")
    assert (code, made) == (0, [])
    first, again = (json.loads((tmp_path / d / "stories.json").read_text("utf-8"))["stories"] for d in ("first", "again"))
    assert again == first and again[0]["timeline"]


def test_once_with_every_feed_failing_says_so_and_exits_1(tmp_path):
    """A new user's walkthrough: with --once there is no next poll to try again at, and a run that read
    nothing is no success."""
    code, lines = watch(tmp_path / "لا_توجد.xml", "--once", "--db", tmp_path / "naba.db")
    assert code == 1
    assert any("failed" in line and "next poll" not in line for line in lines)


def test_ctrl_c_stops_cleanly_with_exit_0(tmp_path, feed_file, monkeypatch):
    def interrupt(seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("naba.watch.sleep", interrupt)
    code, lines = watch(feed_file, "--db", tmp_path / "naba.db")
    assert (code, lines[-1]) == (0, "interrupted; stopped after 1 poll: 3 articles in 1 story")


@pytest.mark.parametrize("interval", ["0", "-5", "nan"])
def test_interval_must_be_positive(tmp_path, feed_file, interval):
    result = CliRunner().invoke(main, ["watch", str(feed_file), "--interval", interval, "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "--interval must be a number of seconds greater than 0" in result.output
    assert not (tmp_path / "x.db").exists()


def test_a_poll_enriches_and_saves_only_the_stories_it_changed(tmp_path, feed_file, monkeypatch):
    import naba.pipeline

    enriched: list[list[int]] = []
    real = naba.pipeline.enrich_stories

    def counting(stories, articles, reuse, **options):
        enriched.append(sorted(len(s.articles) for s in stories))
        return real(stories, articles, reuse, **options)

    polls = iter([lambda: feed_file.write_bytes(rss(LATER_POLLS)), lambda: None])
    monkeypatch.setattr("naba.pipeline.enrich_stories", counting)
    monkeypatch.setattr("naba.watch.sleep", lambda seconds: next(polls)())
    db = tmp_path / "naba.db"
    code, _ = watch(feed_file, "--db", db, "--max-polls", "3", "--interval", "0.01")
    assert code == 0
    # poll 1: the flood story (3); poll 2: it grew to 4, and the basketball story is new; poll 3: nothing
    assert enriched == [[3], [1, 4], []]
    ids = stored(db)
    with SQLiteStore(str(db)) as store:
        [summary] = store.stories_of_article(ids["a4"])
        flood = store.story(summary["id"])
    assert sorted(flood["articles"]) == sorted(ids[g] for g in ("a1", "a2", "a3", "a4"))
    assert flood["timeline"]  # saved enriched, not as the clusterer left it


def test_a_poll_writes_the_outputs_only_when_they_change(tmp_path, feed_file, monkeypatch):
    """stories.json of a month's store is hundreds of MB: a poll that brings nothing does not write it."""
    out = tmp_path / "out" / "stories.json"
    seen: list[int | None] = []

    def between_polls(actions):
        def act(seconds: float) -> None:
            seen.append(out.stat().st_ino if out.exists() else None)  # each write replaces the file
            next(actions)()
        return act

    actions = iter([lambda: None,                                    # 2: the same three entries
                    lambda: feed_file.write_bytes(rss(LATER_POLLS)),  # 3: two new ones
                    out.unlink,                                      # 4: nothing new, the file gone
                    feed_file.unlink,                                # 5: the feed fails
                    lambda: None])                                   # 6: it fails again
    monkeypatch.setattr("naba.watch.sleep", between_polls(actions))
    code, _ = watch(feed_file, "--db", tmp_path / "naba.db", "--out", tmp_path / "out", "--max-polls", "6",
                        "--interval", "0.01")
    seen.append(out.stat().st_ino)
    assert code == 0
    after = dict(enumerate(seen, start=1))  # poll -> the file after it
    assert after[2] == after[1] and after[3] != after[2]
    assert after[4] is not None and after[5] != after[4] and after[6] == after[5]
    doc = json.loads(out.read_text("utf-8"))
    assert len(doc["articles"]) == 5 and [r["source_path"] for r in doc["rejected"]] == [str(feed_file)]


def test_a_first_poll_over_many_stories_says_so_and_uses_the_jobs(tmp_path, feed_file, monkeypatch):
    """After an upgrade every stored story is enriched again on the first poll: side by side, as `naba run`
    does, and said, not ten silent minutes (here with the threshold lowered to the three entries' story)."""
    import naba.pipeline

    calls: list[dict] = []
    real = naba.pipeline.enrich_stories

    def spy(stories, articles, reuse, **options):
        calls.append({"stories": len(stories), "jobs": options.get("jobs"), "progress": options.get("progress")})
        return real(stories, articles, reuse, **{**options, "jobs": 1})

    monkeypatch.setattr("naba.pipeline.enrich_stories", spy)
    monkeypatch.setattr("naba.pipeline.PARALLEL_FROM", 1)
    monkeypatch.setattr("naba.pipeline.PROGRESS_FROM", 1)
    code, lines = watch(feed_file, "--once", "--db", tmp_path / "naba.db", "--jobs", "3")
    assert code == 0
    assert [(c["stories"], c["jobs"], c["progress"] is not None) for c in calls] == [(1, 3, True)]
    assert "resolving and fusing 1 stories (3 articles) …" in lines
