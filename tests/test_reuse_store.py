"""The reuse index persists in the store: a second run does not rebuild it, a later article is
checked against everything stored, and a killed copies stage finishes on re-run."""

import json
import sqlite3
from pathlib import Path

import pytest

from naba import pipeline
from naba.sources import read_inputs
from naba.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ORIGINAL = EXAMPLES / "flood" / "01_sada_almadina.txt"
COPY = EXAMPLES / "flood" / "02_alrasd_net_copy.txt"
OTHERS = [EXAMPLES / "rates", EXAMPLES / "football"]


def ingest(db, *inputs):
    with open_store(str(db)) as store:
        return pipeline.run(read_inputs([str(i) for i in inputs]), store=store)


def rows(db, table):
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_later_article_is_checked_against_the_store(db_path):
    ingest(db_path, ORIGINAL, *OTHERS)
    later = ingest(db_path, COPY)
    assert later.reuse == []  # the original is not among this run's articles
    both = ingest(db_path, ORIGINAL, COPY)
    assert len(both.reuse) == 1 and both.reuse[0]["near_duplicate"]


def test_second_run_reads_the_index_instead_of_rebuilding_it(db_path, monkeypatch):
    first = ingest(db_path, ORIGINAL, COPY)
    fingerprinted = rows(db_path, "reuse_fingerprints")
    import naba.reuse.detect as detect

    def refuse(*args, **kwargs):
        raise AssertionError("an article already in the index was tokenised again")

    monkeypatch.setattr(detect, "tokenize", refuse)
    monkeypatch.setattr(detect, "tokenize_many", refuse)
    second = ingest(db_path, ORIGINAL, COPY)
    assert second.reuse == first.reuse
    assert rows(db_path, "reuse_fingerprints") == fingerprinted == 2


def test_copies_are_stored_once(db_path):
    ingest(db_path, ORIGINAL, COPY)
    ingest(db_path, ORIGINAL, COPY, *OTHERS)
    assert rows(db_path, "reuse_pairs") == 1


def test_an_interrupted_copies_stage_finishes_on_rerun(db_path, monkeypatch):
    import naba.reuse.stage as stage

    real = stage.record
    calls = {"n": 0}

    def crash(*args, **kwargs):
        calls["n"] += 1
        raise KeyboardInterrupt

    monkeypatch.setattr(stage, "record", crash)
    with pytest.raises(KeyboardInterrupt):
        ingest(db_path, ORIGINAL, COPY)
    monkeypatch.setattr(stage, "record", real)
    assert rows(db_path, "reuse_pairs") == 0
    assert len(ingest(db_path, ORIGINAL, COPY).reuse) == 1


def test_two_writers_at_once_find_the_copies_between_their_articles(db_path, monkeypatch):
    """Run A reads the index, run B stores the copy meanwhile, then A stores the original: neither had
    compared the two (two processes on one store kept 838 of 1,454 pairs). A now checks B's late ones."""
    from naba.store.sqlite import SQLiteStore

    ingest(db_path, *OTHERS)
    real = SQLiteStore.add_copies
    other_ran = []

    def other_process_first(self, items):
        if not other_ran:
            other_ran.append(True)
            ingest(db_path, COPY)  # a second store on the same file: another process's whole run
        return real(self, items)

    monkeypatch.setattr(SQLiteStore, "add_copies", other_process_first)
    first = ingest(db_path, ORIGINAL)
    assert other_ran and first.reuse == []  # the copy is not among A's own articles
    assert rows(db_path, "reuse_pairs") == 1
    assert len(ingest(db_path, ORIGINAL, COPY).reuse) == 1


def test_a_pair_found_late_by_both_writers_is_stored_once(db_path):
    ingest(db_path, ORIGINAL, COPY)
    with sqlite3.connect(db_path) as conn:
        a, b, record = conn.execute("SELECT a, b, record FROM reuse_pairs").fetchone()
    reverse = {**json.loads(record), "a": b, "b": a}
    with open_store(str(db_path)) as store:
        store.add_copies_once([reverse, json.loads(record)])
    assert rows(db_path, "reuse_pairs") == 1
