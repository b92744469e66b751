"""The reuse index persists in the store: a second run does not rebuild it, a later article is
checked against everything stored, and a killed copies stage finishes on re-run."""

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
