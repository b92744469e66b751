"""SQLite store: WAL mode, numbered migrations, idempotent ingest in transactions.

A run killed at any moment leaves only whole committed batches behind; re-running it inserts
what is missing and skips what is there (`INSERT OR IGNORE` on the article id). Two processes
may ingest at once: SQLite serialises writers, and `busy_timeout` makes the second wait.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from importlib import resources
from itertools import islice

from naba.errors import StoreError
from naba.model import Article, Rejected
from naba.normalize import fold

_BATCH = 500
_COLUMNS = ("id", "source_key", "source_kind", "source_id", "source_path", "url", "outlet", "title",
            "section", "published", "published_from", "author", "text", "folded", "boilerplate", "extra",
            "ingested_at")


class SQLiteStore:
    """The default store: one file, zero set-up."""

    def __init__(self, path: str):
        self.path = path
        try:
            self._db = sqlite3.connect(path, timeout=60, isolation_level=None)
            self._db.execute("PRAGMA busy_timeout=60000")
            self._enable_wal()
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {path!r}: {exc}. Check the path, or pass --db PATH") from exc

    def _enable_wal(self) -> None:
        """Switch to WAL. Switching needs a moment alone with the file and SQLite does not wait
        for it (no busy handler), so a second process opening a new store retries for a while."""
        deadline = time.monotonic() + 60
        while True:
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _migrate(self) -> None:
        """Apply `migrations/NNNN_*.sql` above the file's `user_version`, each in one transaction."""
        folder = resources.files("naba.store.migrations")
        scripts = sorted(p for p in folder.iterdir() if p.name.endswith(".sql"))
        for script in scripts:
            version = int(script.name.split("_", 1)[0])
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if self._db.execute("PRAGMA user_version").fetchone()[0] < version:
                    for statement in _statements(script.read_text(encoding="utf-8")):
                        self._db.execute(statement)
                    self._db.execute(f"PRAGMA user_version = {version}")
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def add_articles(self, articles: Iterable[Article]) -> int:
        """Insert articles in batches of 500, each batch one transaction; return how many were new."""
        new = 0
        iterator = iter(articles)
        while batch := list(islice(iterator, _BATCH)):
            rows = [_row(a) for a in batch]
            new += self._write(f"INSERT OR IGNORE INTO articles ({', '.join(_COLUMNS)}) "
                               f"VALUES ({', '.join('?' * len(_COLUMNS))})", rows)
        return new

    def add_rejected(self, rejected: Iterable[Rejected]) -> None:
        now = _now()
        rows = [(r.source_path, r.reason, now) for r in rejected]
        if rows:
            self._write("INSERT OR REPLACE INTO rejected (source_path, reason, seen_at) VALUES (?, ?, ?)", rows)

    def _write(self, sql: str, rows: list[tuple]) -> int:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            before = self._db.total_changes
            self._db.executemany(sql, rows)
            changed = self._db.total_changes - before
            self._db.execute("COMMIT")
            return changed
        except sqlite3.Error as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"cannot write to the store {self.path!r}: {exc}") from exc

    def articles(self, ids: Iterable[str] | None = None, limit: int | None = None) -> Iterator[Article]:
        columns = ", ".join(_COLUMNS)
        if ids is None:
            sql = f"SELECT {columns} FROM articles ORDER BY published, id" + (f" LIMIT {int(limit)}" if limit else "")
            yield from (_article(r) for r in self._db.execute(sql))
            return
        wanted = list(ids)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            sql = f"SELECT {columns} FROM articles WHERE id IN ({', '.join('?' * len(chunk))})"
            found = {r[0]: r for r in self._db.execute(sql, chunk)}
            yield from (_article(found[i]) for i in chunk if i in found)

    def rejected(self) -> list[Rejected]:
        return [Rejected(p, r) for p, r in self._db.execute(
            "SELECT source_path, reason FROM rejected ORDER BY source_path")]

    def add_copies(self, items: Iterable[tuple[str, bytes, list[dict]]]) -> None:
        """Store each article's reuse fingerprints with the copies found for it, in one transaction
        per batch, so a killed run leaves either both or neither."""
        iterator = iter(items)
        while batch := list(islice(iterator, _BATCH)):
            pairs = [(r["a"], r["b"], json.dumps(r, ensure_ascii=False)) for _, _, records in batch for r in records]
            prints = [(article_id, blob) for article_id, blob, _ in batch]
            try:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany("INSERT OR REPLACE INTO reuse_pairs (a, b, record) VALUES (?, ?, ?)", pairs)
                self._db.executemany("INSERT OR REPLACE INTO reuse_fingerprints (article_id, prints) VALUES (?, ?)",
                                     prints)
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise StoreError(f"cannot write to the store {self.path!r}: {exc}") from exc

    def reuse_fingerprints(self) -> Iterator[tuple[str, bytes]]:
        """(article id, fingerprints blob) of every article already in the reuse index."""
        yield from self._db.execute("SELECT article_id, prints FROM reuse_fingerprints ORDER BY rowid")

    def copies_among(self, ids: Iterable[str]) -> list[dict]:
        """Stored reuse entries whose two articles are both among `ids`."""
        wanted = set(ids)
        rows = self._db.execute("SELECT a, b, record FROM reuse_pairs ORDER BY a, b")
        return [json.loads(record) for a, b, record in rows if a in wanted and b in wanted]

    def text(self, article_id: str) -> str:
        """The clean text of one stored article."""
        row = self._db.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(f"article {article_id} is not in the store {self.path!r}")
        return row[0]

    def count(self) -> int:
        return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _statements(script: str) -> list[str]:
    body = "\n".join(line for line in script.splitlines() if not line.strip().startswith("--"))
    return [s.strip() for s in body.split(";") if s.strip()]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _row(a: Article) -> tuple:
    if not a.id:
        a.assign_id()
    return (a.id, a.source_key(), a.source_kind, a.source_id, a.source_path, a.url, a.outlet, a.title,
            a.section, a.published, a.published_from, a.author, a.text, fold(a.text),
            json.dumps(a.boilerplate, ensure_ascii=False), json.dumps(a.extra, ensure_ascii=False, default=str),
            _now())


def _article(row: tuple) -> Article:
    data = dict(zip(_COLUMNS, row))
    data["boilerplate"] = json.loads(data["boilerplate"])
    data["extra"] = json.loads(data["extra"])
    return Article.from_dict(data)
