"""The store's side of resuming a run (migration 0006, `naba.resume`): each article's extraction
under the stamp of the naba that made it, and each story's enrichment under the key of what it was
made from. Written as a run goes, batch by batch, so an interrupted run leaves what it finished.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Callable, Iterable
from datetime import datetime, timezone
from typing import Any

_CHUNK = 500  # ids in one `IN (...)` (SQLite allows 999 parameters in older builds)


class RunCache:
    """Methods `SQLiteStore` takes in; they use its connection (`_db`) and its `_write`."""

    _db: sqlite3.Connection
    _write: Callable[[str, list[tuple]], int]  # SQLiteStore's: one transaction, a StoreError on failure

    def extractions(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The stored articles among `ids` whose extraction carries a mark (`naba.resume.mark`): id ->
        `extracted_by` (the mark) and `entities`, `dates`, `quotes`."""
        wanted, found = list(ids), {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start:start + _CHUNK]
            rows = self._db.execute("SELECT id, extracted_by, extraction FROM articles WHERE extracted_by IS NOT NULL "
                                    f"AND id IN ({', '.join('?' * len(chunk))})", chunk)
            for article_id, extracted_by, extraction in rows:
                found[article_id] = {"extracted_by": extracted_by, **json.loads(extraction or "{}")}
        return found

    def enrichments(self, keys: dict[str, str]) -> dict[str, dict[str, Any]]:
        """The stored enrichment of each story id in `keys` (story id -> key) whose key is the one asked."""
        wanted, found = list(keys), {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start:start + _CHUNK]
            rows = self._db.execute(f"SELECT story_id, key, data FROM enrichment "
                                    f"WHERE story_id IN ({', '.join('?' * len(chunk))})", chunk)
            found.update((story_id, json.loads(zlib.decompress(data)))
                         for story_id, key, data in rows if keys[story_id] == key)
        return found

    def save_enrichments(self, items: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
        """Store (story id, key, enrichment) entries in one transaction, each replacing its story's last."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        rows = [(story_id, key, zlib.compress(json.dumps(data, ensure_ascii=False, default=str).encode(), 1), now)
                for story_id, key, data in items]
        if rows:
            self._write("INSERT OR REPLACE INTO enrichment (story_id, key, data, saved_at) VALUES (?, ?, ?, ?)",
                        rows)

    def forget_enrichments_of_gone_stories(self) -> None:
        """Drop the enrichment of story ids the store no longer holds (called once a run's stories are
        saved: until then the run's own entries are for stories still to be saved)."""
        self._write("DELETE FROM enrichment WHERE story_id NOT IN (SELECT id FROM stories)", [()])
