"""The store is an adapter: stages never import it. SQLite is the default (`naba.store.sqlite`)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from naba.model import Article, Rejected

DEFAULT_DB = "naba.db"


class Store(Protocol):
    """What naba needs from a store; a server database can implement the same methods."""

    def add_articles(self, articles: Iterable[Article], extracted_by: Callable[[Article], str] | None = None) -> int:
        """Store articles idempotently (same id twice is stored once); return how many were new.
        extracted_by: the mark of each article's extraction (`naba.resume.mark`)."""

    def extractions(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The stored articles among `ids` whose extraction carries a mark, with their extraction."""

    def enrichments(self, keys: dict[str, str]) -> dict[str, dict[str, Any]]:
        """The stored enrichment of each story id whose key (`naba.resume.story_key`) is the one given."""

    def save_enrichments(self, items: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
        """Keep (story id, key, enrichment) entries, each replacing its story's last."""

    def forget_enrichments_of_gone_stories(self) -> None:
        """Drop the enrichment of stories the store no longer holds."""

    def add_rejected(self, rejected: Iterable[Rejected]) -> None:
        """Record inputs that could not be read."""

    def articles(self, ids: Iterable[str] | None = None, limit: int | None = None) -> Iterator[Article]:
        """Read articles back, all or the given ids."""

    def count(self) -> int:
        """Number of stored articles."""

    def close(self) -> None:
        """Release the store."""


def default_db_path() -> str:
    """`$NABA_DB` when set, else `naba.db` in the current folder."""
    return os.environ.get("NABA_DB") or DEFAULT_DB


def open_store(path: str | None = None) -> Store:
    """Open (creating and migrating) the SQLite store at `path`."""
    from naba.store.sqlite import SQLiteStore

    return SQLiteStore(path or default_db_path())
