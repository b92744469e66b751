"""The SQLite store: idempotent ingest, round trips, migrations, killed runs and concurrent writers."""

from __future__ import annotations

import json
import re
import shutil
import signal
import sqlite3
import subprocess
import threading
import time
from importlib import resources
from pathlib import Path

import pytest

from naba import pipeline
from naba.errors import StoreError
from naba.model import Rejected
from naba.sources import read_inputs
from naba.store import open_store
from naba.store.sqlite import SQLiteStore

PAGE = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>افتتاح مكتبة عامة في صفاقس</title><meta property="og:site_name" content="{outlet}">
<meta property="article:published_time" content="2025-12-13T09:05:00+01:00"></head><body>
<nav><a href="/">الرئيسية</a> <a href="/c">ثقافة</a></nav><article><h1>افتتاح مكتبة عامة في صفاقس</h1>
<p>صفاقس – «{outlet}»: افتُتحت، صباح السبت، مكتبةٌ عامة تضم ٤٠ ألف كتاب؛ وقالت مديرتها: «الباب مفتوح للجميع».</p>
<p>وتساءل روّاد المكتبة: هل تمتد ساعات العمل إلى المساء؟ وأجابت الإدارة بأن ذلك سيُدرس في ربيـــع ٢٠٢٦.</p>
</article><footer><p>جميع الحقوق محفوظة ٢٠٢٥</p></footer></body></html>"""
KILL_CORPUS = 2000


def ingest(db: Path, *inputs) -> pipeline.RunResult:
    with open_store(str(db)) as store:
        return pipeline.run(read_inputs([str(i) for i in inputs]), store=store)


def stored_count(db: Path) -> int:
    with open_store(str(db)) as store:
        return store.count()


@pytest.fixture
def mixed_inputs(tmp_path, corpus_dir, write_wire) -> list[Path]:
    """Text dumps, an HTML page and a JSONL file."""
    (tmp_path / "library.html").write_text(PAGE.format(outlet="الوادي اليوم"), encoding="utf-8")
    return [corpus_dir, tmp_path / "library.html", write_wire(tmp_path / "wire.jsonl", 5)]


# --- idempotent ingest --------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["text", "html", "jsonl", "all"])
def test_reingest_stores_nothing_new(db_path, mixed_inputs, kind):
    inputs = {"text": mixed_inputs[:1], "html": mixed_inputs[1:2], "jsonl": mixed_inputs[2:], "all": mixed_inputs}[kind]
    first = ingest(db_path, *inputs)
    count = stored_count(db_path)
    second = ingest(db_path, *inputs)
    assert first.stored == count == len(first.articles) > 0
    assert (second.stored, stored_count(db_path)) == (0, count)


def test_moved_folder_is_not_ingested_again(tmp_path, db_path, corpus_dir):
    ingest(db_path, corpus_dir)
    moved = shutil.copytree(corpus_dir, tmp_path / "archive" / "2025" / "corpus")
    assert ingest(db_path, moved).stored == 0


@pytest.mark.parametrize("make", ["jsonl", "html"])
def test_same_text_from_two_outlets_is_two_articles(tmp_path, db_path, make):
    """An agency wire republished word for word by two outlets is two articles (reuse links them later)."""
    if make == "jsonl":
        lines = [json.dumps({"text": "أعلنت «وكالة الأنباء»، صباح السبت، افتتاح مكتبة عامة تضم ٤٠ ألف كتاب في وسط صفاقس.\nوقالت مديرتها إن الباب مفتوح للجميع.", "outlet": outlet},
                            ensure_ascii=False) for outlet in ("صدى المدينة", "نبض الخليج")]
        (tmp_path / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        inputs = [tmp_path / "wire.jsonl"]
    else:
        inputs = []
        for outlet in ("صدى المدينة", "نبض الخليج"):
            folder = tmp_path / outlet
            folder.mkdir()
            (folder / "page.html").write_text(PAGE.format(outlet=outlet).replace(f"«{outlet}»", "«وكالة»"),
                                              encoding="utf-8")
            inputs.append(folder / "page.html")
    result = ingest(db_path, *inputs)
    assert (result.stored, len({a.outlet for a in result.articles})) == (2, 2)


def test_source_id_is_stored(db_path, tmp_path, write_wire):
    ingest(db_path, write_wire(tmp_path / "wire.jsonl", 3, prefix="سجل"))
    with open_store(str(db_path)) as store:
        assert sorted(a.source_id for a in store.articles()) == ["سجل-0", "سجل-1", "سجل-2"]


# --- round trip ---------------------------------------------------------------------------------

@pytest.mark.parametrize("which", [0, 1, 2], ids=["text", "html", "jsonl"])
def test_article_round_trips_through_the_store(db_path, mixed_inputs, which):
    written = ingest(db_path, mixed_inputs[which]).articles
    with open_store(str(db_path)) as store:
        read = {a.id: a for a in store.articles()}
    assert {a.id: a.to_dict() for a in written} == {i: a.to_dict() for i, a in read.items()}
    assert {a.id: a.source_kind for a in written} == {i: a.source_kind for i, a in read.items()}


@pytest.mark.parametrize("field", ["text", "boilerplate", "extra", "published", "outlet", "title"])
def test_round_trip_keeps_non_empty_fields(db_path, mixed_inputs, field):
    """The round trip above would pass on empty values; the fixtures fill every field checked here."""
    written = ingest(db_path, *mixed_inputs).articles
    with open_store(str(db_path)) as store:
        read = {a.id: getattr(a, field) for a in store.articles()}
    assert any(read.values())
    assert read == {a.id: getattr(a, field) for a in written}


def test_articles_by_id_follow_the_requested_order(db_path, mixed_inputs):
    ids = [a.id for a in ingest(db_path, *mixed_inputs).articles][::-1]
    with open_store(str(db_path)) as store:
        assert [a.id for a in store.articles(ids=ids[:3] + ["غير-موجود"])] == ids[:3]
        assert len(list(store.articles(limit=2))) == 2


def test_rejected_are_recorded_once(db_path, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    for _ in range(2):
        ingest(db_path, tmp_path / "empty.txt", tmp_path / "لا-يوجد.txt")
    with SQLiteStore(str(db_path)) as store:
        assert sorted(Path(r.source_path).name for r in store.rejected()) == ["empty.txt", "لا-يوجد.txt"]


def test_rejected_round_trip(db_path):
    with SQLiteStore(str(db_path)) as store:
        store.add_rejected([Rejected("أرشيف/خبر.txt", "empty: the file holds no text")])
        assert store.rejected() == [Rejected("أرشيف/خبر.txt", "empty: the file holds no text")]


# --- schema and opening -------------------------------------------------------------------------

def migration_count() -> int:
    folder = resources.files("naba.store.migrations")
    return sum(bool(re.match(r"\d{4}_.*\.sql$", p.name)) for p in folder.iterdir())


def test_schema_version_is_the_number_of_migrations(db_path):
    with SQLiteStore(str(db_path)) as store:
        assert store.schema_version == migration_count() >= 1


def test_reopening_does_not_reapply_migrations(db_path, mixed_inputs):
    ingest(db_path, *mixed_inputs)
    schema = sqlite3.connect(db_path).execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    count = stored_count(db_path)
    with SQLiteStore(str(db_path)) as store:
        assert (store.schema_version, store.count()) == (migration_count(), count)
    again = sqlite3.connect(db_path).execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    assert again == schema


def test_store_uses_write_ahead_logging(db_path):
    SQLiteStore(str(db_path)).close()
    assert sqlite3.connect(db_path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize("make", ["missing-folder", "a-folder", "not-a-database"])
def test_unopenable_store_raises_store_error_naming_the_path(tmp_path, make):
    path = {"missing-folder": tmp_path / "لا" / "naba.db", "a-folder": tmp_path,
            "not-a-database": tmp_path / "notes.db"}[make]
    if make == "not-a-database":
        path.write_text("ملاحظات: هذا ليس ملف قاعدة بيانات.\n" * 200, encoding="utf-8")
    before = path.read_bytes() if path.is_file() else None
    with pytest.raises(StoreError, match=re.escape(str(path))):
        open_store(str(path))
    assert (path.read_bytes() if path.is_file() else None) == before


# --- killed runs and concurrent writers (real processes) ----------------------------------------

@pytest.fixture(scope="module")
def kill_corpus(tmp_path_factory, write_wire) -> Path:
    return write_wire(tmp_path_factory.mktemp("kill") / "wire.jsonl", KILL_CORPUS)


def naba_run(naba_command: str, corpus: Path, db: Path, out: Path, *extra: str) -> list[str]:
    # --no-extract: these tests are about the store's writes; 2,000 articles through the entity
    # tagger would only make the kill land later and the re-run slower
    return [naba_command, "run", str(corpus), "--db", str(db), "--out", str(out), "--no-extract", *extra]


def committed(db: Path) -> int:
    """Articles a reader sees now (-1 while the file or its schema does not exist yet)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.1) as reader:
            return reader.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return -1


def kill_when(process: subprocess.Popen, db: Path, at_least: int) -> int:
    """SIGKILL the run once `at_least` articles are committed (-1: as soon as the db file exists)."""
    while process.poll() is None:
        seen = committed(db) if db.exists() else -1
        if db.exists() and seen >= at_least:
            process.send_signal(signal.SIGKILL)
            process.wait()
            return seen
        time.sleep(0.002)  # polling interval: short enough to land inside the ~0.1 s write phase
    return committed(db)


def assert_healthy(db: Path, expected: int) -> None:
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert check.execute("SELECT count(*), count(DISTINCT id), count(DISTINCT source_id) FROM articles"
                             ).fetchone() == (expected, expected, expected)
        assert check.execute("SELECT count(*) FROM articles WHERE text = '' OR json_valid(boilerplate) = 0 "
                             "OR json_valid(extra) = 0").fetchone() == (0,)


@pytest.mark.parametrize("at_least", [-1, 0, 1, KILL_CORPUS // 2],
                         ids=["file-created", "schema-ready", "first-batch", "half"])
def test_killed_run_completes_on_rerun_without_duplicates(tmp_path, naba_command, kill_corpus, at_least):
    db = tmp_path / "naba.db"
    process = subprocess.Popen(naba_run(naba_command, kill_corpus, db, tmp_path / "out", "--quiet"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    left = max(kill_when(process, db, at_least), 0)
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    rerun = subprocess.run(naba_run(naba_command, kill_corpus, db, tmp_path / "out"),
                           capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 0, rerun.stderr
    assert f"({KILL_CORPUS - left} new in" in rerun.stderr
    assert_healthy(db, KILL_CORPUS)


@pytest.mark.parametrize("same_corpus", [False, True], ids=["two-corpora", "same-corpus"])
def test_two_processes_ingest_at_once(tmp_path, naba_command, write_wire, same_corpus):
    """On an existing store; a fresh file has a race of its own (next test)."""
    db = tmp_path / "naba.db"
    SQLiteStore(str(db)).close()
    first = write_wire(tmp_path / "a.jsonl", 600, prefix="a")
    second = first if same_corpus else write_wire(tmp_path / "b.jsonl", 600, prefix="b", start=600)
    processes = [subprocess.Popen(naba_run(naba_command, corpus, db, tmp_path / f"out{i}", "--quiet"),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for i, corpus in enumerate((first, second))]
    finished = [p.communicate(timeout=120) for p in processes]
    assert [p.returncode for p in processes] == [0, 0], [err for _, err in finished]
    assert_healthy(db, 600 if same_corpus else 1200)


def test_opening_a_fresh_store_waits_for_another_writer(db_path):
    holder = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # what a second naba process holds while it sets the fresh file up
    release = threading.Timer(0.2, holder.execute, ["COMMIT"])  # 0.2 s: well inside busy_timeout
    release.start()
    try:
        SQLiteStore(str(db_path)).close()
    finally:
        release.join()
        holder.close()
    assert stored_count(db_path) == 0


def test_killed_store_opens_in_process(tmp_path, naba_command, kill_corpus):
    """After a SIGKILL the library (not only the CLI) reopens the store and reads whole articles."""
    db = tmp_path / "naba.db"
    process = subprocess.Popen(naba_run(naba_command, kill_corpus, db, tmp_path / "out", "--quiet"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    left = max(kill_when(process, db, 1), 0)
    with open_store(str(db)) as store:
        articles = list(store.articles())
    assert len(articles) == left and all(a.text and a.source_id for a in articles)
