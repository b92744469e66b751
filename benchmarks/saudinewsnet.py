"""SaudiNewsNet for the benchmarks: where it lies (../shared beside the repository) and its records.

The benchmarks run as scripts (`python benchmarks/NAME.py`), so their folder is on the import path and
they share this module as `from saudinewsnet import SAUDINEWSNET, records`.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

SAUDINEWSNET = Path(__file__).resolve().parents[2] / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"


def articles(path: str | Path = SAUDINEWSNET, limit: int | None = None) -> Iterator:
    """The first `limit` records that have text, as naba `Article`s already cleaned (the record's content
    as `text`; id, title, outlet and publication time from the record), in file order."""
    from naba.model import Article
    from naba.published import to_iso

    for row in records(path, limit):
        if (row.get("content") or "").strip():
            yield Article(body="", text=row["content"], title=row.get("title"), source_kind="jsonl", id=row["id"],
                          outlet=row.get("source"), published=to_iso(row.get("date_extracted")))


def records(path: str | Path = SAUDINEWSNET, limit: int | None = None) -> Iterator[dict]:
    """The corpus's JSON records in file order, the first `limit` lines of it when given."""
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for line in islice(stream, limit):
            yield json.loads(line)
