"""The first 2,000 SaudiNewsNet records through the whole pipeline (skipped without ../shared)."""

import gzip
import json
from itertools import islice

import pytest

import naba
import naba.pipeline
from naba.normalize import plain_letters
from naba.sources.jsonl import read_jsonl

LIMIT = 2000


@pytest.fixture(scope="module")
def snn(shared_dir):
    path = shared_dir / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        records = [json.loads(line) for line in islice(stream, LIMIT)]
    result = naba.pipeline.run(islice(read_jsonl(str(path), naba.Settings()), LIMIT))
    return records, result


def test_every_record_is_an_article_or_a_reason(snn):
    records, result = snn
    assert len(result.articles) + len(result.rejected) == len(records)


def test_records_without_content_are_rejected_with_the_reason(snn):
    records, result = snn
    empty = sum(not (r.get("content") or "").strip() for r in records)
    assert sum("no article text: expected" in r.reason for r in result.rejected) == empty
    # alweeam pages holding only their «رابط الخبر بصحيفة الوئام: …» link line are empty pages, said so
    furniture_only = [r for r in result.rejected if "left after removing site furniture" in r.reason]
    assert len(furniture_only) < 20


def test_input_ids_and_unknown_fields_are_kept(snn):
    records, result = snn
    by_id = {r["id"]: r for r in records}
    for article in result.articles:
        record = by_id[article.source_id]
        assert article.outlet == record["source"]
        assert article.extra["date_extracted"] == record["date_extracted"]


def test_cleaning_only_removes_whole_lines(snn):
    records, result = snn
    by_id = {r["id"]: r for r in records}
    for article in result.articles:
        # the record's lines as naba reads them: presentation forms written as their letters
        source_lines = {plain_letters(line.strip()) for line in by_id[article.source_id]["content"].splitlines()}
        # ... or, once, a line whose glued tag or link tail («… غرق. سمات …») went to the boilerplate
        cut = [line.strip() for line in article.text.splitlines() if line.strip() not in source_lines]
        assert len(cut) <= 1
        tails = {b for b in article.boilerplate if b not in source_lines}
        assert len(tails) == len(cut)
        assert all(any(line.startswith(c) and line.endswith(t) for line in source_lines) for c, t in zip(cut, tails))
        assert all(line in source_lines or line in tails for line in article.boilerplate)
