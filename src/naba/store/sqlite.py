"""SQLite store: WAL mode, numbered migrations, idempotent ingest in transactions.

A run killed at any moment leaves only whole committed batches behind; re-running it inserts
what is missing and skips what is there (`INSERT OR IGNORE` on the article id). Two processes
may ingest at once: SQLite serialises writers, and `busy_timeout` makes the second wait.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from itertools import islice

from naba.errors import StoreError
from naba.model import Article, Rejected
from naba.normalize import fold
from naba.store.run_cache import RunCache
from naba.store.search import fts_query, phrase_query, snippet

_BATCH = 500
_COLUMNS = ("id", "source_key", "source_kind", "source_id", "source_path", "url", "outlet", "title",
            "section", "published", "published_from", "author", "text", "folded", "boilerplate", "extra",
            "ingested_at", "extraction", "extracted_by")
_EXTRACTED = ("entities", "dates", "quotes")  # Article lists kept in the `extraction` column
_TEXT_AT, _EXTRACTION_AT, _MARK_AT = (_COLUMNS.index(c) for c in ("text", "extraction", "extracted_by"))


_HEADER_COLUMNS = ("id", "source_kind", "source_path", "source_id", "url", "outlet", "title", "section",
                   "published", "published_from", "author")


@dataclass(slots=True)
class ArticleHeader:
    """An article's metadata without its text (`text` is always ""), as lists and labels need it."""

    id: str
    source_kind: str
    source_path: str | None
    source_id: str | None
    url: str | None
    outlet: str | None
    title: str | None
    section: str | None
    published: str | None
    published_from: str | None
    author: str | None
    text: str = ""


class SQLiteStore(RunCache):
    """The default store: one file, zero set-up."""

    def __init__(self, path: str):
        self.path = path
        try:
            self._db = sqlite3.connect(path, timeout=60, isolation_level=None)
            self._db.execute("PRAGMA busy_timeout=60000")
            self._db.create_function("naba_fold", 1, _fold_or_empty, deterministic=True)
            self._enable_wal()
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()
            self._sync_search()
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

    def add_articles(self, articles: Iterable[Article], extracted_by: Callable[[Article], str] | None = None) -> int:
        """Insert articles in batches of 500, each batch one transaction; return how many were new.

        extracted_by: the mark of each article's extraction (`naba.resume.mark`); an article stored
        before with the same text takes this extraction and mark, the latest reading of it.
        """
        new = 0
        iterator = iter(articles)
        while batch := list(islice(iterator, _BATCH)):
            rows = [_row(a, extracted_by(a) if extracted_by else None) for a in batch]
            new += self._write(f"INSERT OR IGNORE INTO articles ({', '.join(_COLUMNS)}) "
                               f"VALUES ({', '.join('?' * len(_COLUMNS))})", rows)
            if extracted_by is not None:
                self._write("UPDATE articles SET extraction = ?2, extracted_by = ?3 WHERE id = ?1 AND text = ?4 "
                            "AND extracted_by IS NOT ?3", [(r[0], r[_EXTRACTION_AT], r[_MARK_AT], r[_TEXT_AT]) for r in rows])
        return new

    def add_rejected(self, rejected: Iterable[Rejected]) -> None:
        now = _now()
        rows = [(r.source_path, r.reason, now) for r in rejected]
        if rows:
            self._write("INSERT OR REPLACE INTO rejected (source_path, reason, seen_at) VALUES (?, ?, ?)", rows)

    def _write(self, sql: str, rows: list[tuple]) -> int:
        try:
            self._db.execute("BEGIN IMMEDIATE")
            # rowcount, not total_changes: the search-index triggers' writes must not count as articles
            changed = self._db.executemany(sql, rows).rowcount
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
            pairs = [(r["a"], r["b"], json.dumps(r, ensure_ascii=False), r.get("similarity"))
                     for _, _, records in batch for r in records]
            prints = [(article_id, blob) for article_id, blob, _ in batch]
            try:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany("INSERT OR REPLACE INTO reuse_pairs (a, b, record, similarity) "
                                     "VALUES (?, ?, ?, ?)", pairs)
                self._db.executemany("INSERT OR REPLACE INTO reuse_fingerprints (article_id, prints) VALUES (?, ?)",
                                     prints)
                self._db.execute("COMMIT")
            except sqlite3.Error as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise StoreError(f"cannot write to the store {self.path!r}: {exc}") from exc

    def reuse_fingerprints(self, after: int = 0, upto: int | None = None) -> Iterator[tuple[str, bytes]]:
        """(article id, fingerprints blob) of every article already in the reuse index, in the order they
        were written; with `after` / `upto` (marks from `reuse_mark`) only those written between."""
        yield from self._db.execute("SELECT article_id, prints FROM reuse_fingerprints WHERE rowid > ? AND rowid <= ? "
                                    "ORDER BY rowid", (after, upto if upto is not None else 2**63 - 1))

    def reuse_mark(self) -> int:
        """A mark of how far the reuse index has been written (fingerprints written later lie after it)."""
        return self._db.execute("SELECT coalesce(max(rowid), 0) FROM reuse_fingerprints").fetchone()[0]

    def add_copies_once(self, records: list[dict]) -> None:
        """Store reuse entries found after the fact, leaving out a pair already stored either way round
        (two writers that each find the other's articles late find the same pair from both sides)."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.executemany(
                "INSERT OR IGNORE INTO reuse_pairs (a, b, record, similarity) SELECT ?1, ?2, ?3, ?4 "
                "WHERE NOT EXISTS (SELECT 1 FROM reuse_pairs WHERE a = ?2 AND b = ?1)",
                [(r["a"], r["b"], json.dumps(r, ensure_ascii=False), r.get("similarity")) for r in records])
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"cannot write to the store {self.path!r}: {exc}") from exc

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

    # --- stories and search (migration 0003) ---
    def _sync_search(self) -> None:
        """Keep `articles_fts` in step with `articles` (triggers: the migration runner splits on `;`)."""
        for statement in _SEARCH_TRIGGERS:
            self._db.execute(statement)

    def save_stories(self, stories: Iterable) -> int:
        """Store a run's stories (`Story` objects or their dicts), one transaction; return how many.

        A stored story that shares an article with a new one, or whose id the new one carries or
        merged, is replaced: the run's clustering is the newer word on those articles. Its other
        articles, which the run did not read, stay a story of their own (`_remnants`): a run over one
        stored article took the 53 others of its story out of every story.
        """
        dicts = [s if isinstance(s, dict) else s.to_dict() for s in stories]
        if not dicts:
            return 0
        members = [a for d in dicts for a in d.get("articles", [])]
        gone = {i for d in dicts for i in [d["id"], *d.get("merged_from", [])]}
        gone.update(self._stories_holding(members))
        dicts = dicts + self._remnants(gone, set(members), {d["id"] for d in dicts})
        now = _now()
        try:
            self._db.execute("BEGIN IMMEDIATE")
            for table, column in (("stories", "id"), ("story_articles", "story_id"), ("story_outlets", "story_id")):
                self._db.executemany(f"DELETE FROM {table} WHERE {column} = ?", [(i,) for i in gone])
            self._db.executemany("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 [_story_row(d, now) for d in dicts])
            self._db.executemany("INSERT OR IGNORE INTO story_articles VALUES (?, ?)",
                                 [(d["id"], a) for d in dicts for a in d.get("articles", [])])
            self._db.executemany("INSERT OR IGNORE INTO story_outlets VALUES (?, ?)",
                                 [(d["id"], o) for d in dicts for o in d.get("outlets", [])])
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"cannot write stories to the store {self.path!r}: {exc}") from exc
        return len(dicts)

    def _remnants(self, replaced: set[str], members: set[str], taken: set[str]) -> list[dict]:
        """What is left of each replaced stored story once the run's articles are out of it: its other
        articles and events, its id (or, when a new story carries that id, one named after its first
        article left), its title; the facts, entities and brief, which cite the articles that left,
        are emptied until a run reads the story again."""
        out = []
        for story_id in sorted(replaced):
            row = self._db.execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
            if row is None:
                continue
            stored = json.loads(row[0])
            rest = [a for a in stored.get("articles", []) if a not in members]
            if not rest:
                continue
            found = {r[0]: r[1:] for r in self._db.execute(
                f"SELECT id, outlet, published FROM articles WHERE id IN ({', '.join('?' * len(rest))})", rest)}
            times = sorted(p for _, p in found.values() if p)
            new_id = story_id if story_id not in taken else f"s-{rest[0]}"
            taken.add(new_id)
            remnant = {**stored, **{key: [] for key in _CITING if key in stored}}
            remnant.update(
                id=new_id, articles=rest, merged_from=[],
                events=[{**e, "articles": [a for a in e.get("articles", []) if a not in members]}
                        for e in stored.get("events", []) if any(a not in members for a in e.get("articles", []))],
                outlets=sorted({o for o, _ in found.values() if o}),
                start=times[0] if times else None, end=times[-1] if times else None)
            out.append(remnant)
        return out

    def _stories_holding(self, article_ids: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start:start + 500]
            found.update(r[0] for r in self._db.execute(
                f"SELECT story_id FROM story_articles WHERE article_id IN ({', '.join('?' * len(chunk))})", chunk))
        return found

    def stories(self, limit: int = 20, offset: int = 0, q: str | None = None, outlet: str | None = None,
                date_from: str | None = None, date_to: str | None = None) -> list[dict]:
        """Story summaries, newest day first and biggest first within a day, filtered.

        q: words every matching article holds (folded like the text, so أ/ا/إ and ة/ه variants match).
        Several words without quote marks: the stories with an article holding them together, in that
        order, come first, each summary's `together` saying which (`_together`).
        outlet: only stories this outlet reports. date_from, date_to: `YYYY-MM-DD`, stories overlapping them.
        Each summary: id, title, first_published, last_published, n_articles, outlets (and `together`).
        """
        where, params = self._story_filter(q, outlet, date_from, date_to)
        together, phrase = _together(q)
        sql = (f"SELECT id, title, first_published, last_published, n_articles, outlets, {together} FROM stories "
               f"{where} ORDER BY 7 DESC, last_day DESC, n_articles DESC, id LIMIT ? OFFSET ?")
        rows = self._db.execute(sql, [*phrase, *params, max(0, int(limit)), max(0, int(offset))])
        return [_story_summary(r[:6], r[6] if phrase else None) for r in rows]

    def stories_page(self, limit: int = 20, offset: int = 0, **filters) -> tuple[list[dict], int]:
        """`stories(limit, offset, **filters)` and `story_count(**filters)`; with a search, in one query
        (the search runs once: 140 -> 110 ms for a word in 1,614 of SaudiNewsNet's stories). Without
        one, two queries: the window would stop the index-ordered LIMIT early exit (8 -> 45 ms)."""
        if not filters.get("q"):
            return self.stories(limit, offset, **filters), self.story_count(**filters)
        where, params = self._story_filter(filters.get("q"), filters.get("outlet"), filters.get("date_from"),
                                           filters.get("date_to"))
        together, phrase = _together(filters.get("q"))
        rows = self._db.execute(
            f"SELECT id, title, first_published, last_published, n_articles, outlets, {together}, count(*) OVER () "
            f"FROM stories {where} ORDER BY 7 DESC, last_day DESC, n_articles DESC, id LIMIT ? OFFSET ?",
            [*phrase, *params, max(0, int(limit)), max(0, int(offset))]).fetchall()
        if not rows:  # past the last page, or nothing matches
            return [], self.story_count(**filters)
        return [_story_summary(r[:6], r[6] if phrase else None) for r in rows], rows[0][-1]

    def story_count(self, q: str | None = None, outlet: str | None = None, date_from: str | None = None,
                    date_to: str | None = None) -> int:
        """How many stories `stories` would list with these filters and no limit."""
        where, params = self._story_filter(q, outlet, date_from, date_to)
        return self._db.execute(f"SELECT count(*) FROM stories {where}", params).fetchone()[0]

    def _story_filter(self, q, outlet, date_from, date_to) -> tuple[str, list]:
        clauses, params = [], []
        if q and (match := fts_query(q)):
            clauses.append(f"id IN ({_STORIES_MATCHING})")
            params.append(match)
        elif q:
            clauses.append("0")  # a query of punctuation only matches nothing
        if outlet:
            clauses.append("id IN (SELECT story_id FROM story_outlets WHERE outlet = ?)")
            params.append(outlet)
        if date_from:
            clauses.append("last_day >= ?")
            params.append(date_from)
        if date_to:
            clauses.append("first_day <= ?")
            params.append(date_to)
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def story(self, story_id: str) -> dict | None:
        """The whole story dict as stories.json writes it, or None when no story has this id."""
        row = self._db.execute("SELECT data FROM stories WHERE id = ?", (story_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def stories_of_article(self, article_id: str) -> list[dict]:
        """Summaries of the stories that hold an article (one, unless runs disagreed)."""
        rows = self._db.execute(
            "SELECT id, title, first_published, last_published, n_articles, outlets FROM stories "
            "WHERE id IN (SELECT story_id FROM story_articles WHERE article_id = ?)", (article_id,))
        return [_story_summary(r) for r in rows]

    def outlets(self) -> list[tuple[str, int]]:
        """(outlet, number of stories it reports), most stories first."""
        return list(self._db.execute(
            "SELECT outlet, count(*) FROM story_outlets GROUP BY outlet ORDER BY count(*) DESC, outlet"))

    def reuse_among(self, ids: Iterable[str], limit: int | None = None) -> list[dict]:
        """Stored reuse entries whose two articles are both among `ids`, most similar first
        (at most `limit`; the ids travel as one JSON array, so any number is one query)."""
        # `+b`: no index on b, so one range scan per article instead of one lookup per pair of
        # articles (1,459² for SaudiNewsNet's biggest story: 1.1 s)
        members = json.dumps(list(dict.fromkeys(ids)))
        rows = self._db.execute(
            "SELECT record FROM reuse_pairs WHERE a IN (SELECT value FROM json_each(?1)) "
            "AND +b IN (SELECT value FROM json_each(?1)) ORDER BY similarity DESC, a, b "
            "LIMIT ?2", (members, -1 if limit is None else max(0, int(limit))))
        return [json.loads(record) for (record,) in rows]

    def reuse_count(self, ids: Iterable[str]) -> int:
        """How many reuse entries `reuse_among(ids)` holds without a limit."""
        members = json.dumps(list(dict.fromkeys(ids)))
        return self._db.execute("SELECT count(*) FROM reuse_pairs WHERE a IN (SELECT value FROM json_each(?1)) "
                                "AND +b IN (SELECT value FROM json_each(?1))", (members,)).fetchone()[0]

    def reuse_of(self, article_id: str) -> list[dict]:
        """Stored reuse entries one article takes part in, most similar first."""
        rows = self._db.execute("SELECT record FROM reuse_pairs WHERE a = ?1 UNION SELECT record FROM reuse_pairs "
                                "WHERE b = ?1", (article_id,))
        return sorted((json.loads(r) for (r,) in rows), key=lambda r: -(r.get("similarity") or 0))

    def article_headers(self, ids: Iterable[str]) -> list[ArticleHeader]:
        """The articles' metadata without text or boilerplate, in the order of `ids`: for lists and
        labels (a 1,459-article story's headers as `Article` objects took 40 ms)."""
        wanted = list(dict.fromkeys(ids))
        rows = self._db.execute(f"SELECT {', '.join(_HEADER_COLUMNS)} FROM articles WHERE id IN "
                                f"(SELECT value FROM json_each(?))", (json.dumps(wanted),))
        found = {r[0]: ArticleHeader(*r) for r in rows}
        return [found[i] for i in wanted if i in found]

    def search(self, q: str, limit: int = 20, offset: int = 0, outlet: str | None = None,
               date_from: str | None = None, date_to: str | None = None) -> list[dict]:
        """Articles holding every word of `q` (folded), best match first (`naba.store.search`: the words
        as a phrase first): id, title, outlet, published and `snippet` (the text around the match, the
        matched words' spans in it; None when only the title matched);
        with `outlet` only that outlet's, with `date_from` / `date_to` (YYYY-MM-DD) only those published
        on those days (the list page's filters apply to the articles it lists under the stories)."""
        match = fts_query(q)
        if not match:
            return []
        where, params = ["articles_fts MATCH ?"], [match]
        if outlet:
            where.append("a.outlet = ?")
            params.append(outlet)
        if date_from:
            where.append("substr(a.published, 1, 10) >= ?")
            params.append(date_from)
        if date_to:
            where.append("substr(a.published, 1, 10) <= ?")
            params.append(date_to)
        phrase = phrase_query(q)
        order = "rank"
        if phrase:  # the query's words as a phrase first, then those holding them apart
            order = "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?) DESC, rank"
        rows = self._db.execute(
            "SELECT a.id, a.title, a.outlet, a.published FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            f"WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ? OFFSET ?",
            (*params, *([phrase] if phrase else []), max(0, int(limit)), max(0, int(offset)))).fetchall()
        # the texts of the page's results only (in the ordered query, every match's text went to the sorter)
        texts = dict(self._db.execute("SELECT id, text FROM articles WHERE id IN (SELECT value FROM json_each(?))",
                                      (json.dumps([r[0] for r in rows]),)))
        return [dict(zip(("id", "title", "outlet", "published"), r)) | {"snippet": _snippet(texts.get(r[0]), q)}
                for r in rows]

    def search_like(self, q: str, limit: int = 20) -> list[dict]:
        """The naive search (no index: `LIKE` over the folded text), kept for the web benchmark."""
        words = fold(q).split()
        if not words:
            return []
        where = " AND ".join("folded LIKE ?" for _ in words)
        rows = self._db.execute(f"SELECT id, title, outlet, published FROM articles WHERE {where} LIMIT ?",
                                [*(f"%{w}%" for w in words), int(limit)])
        return [dict(zip(("id", "title", "outlet", "published"), r)) for r in rows]

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


def _row(a: Article, extracted_by: str | None = None) -> tuple:
    if not a.id:
        a.assign_id()
    return (a.id, a.source_key(), a.source_kind, a.source_id, a.source_path, a.url, a.outlet, a.title,
            a.section, a.published, a.published_from, a.author, a.text, fold(a.text),
            json.dumps(a.boilerplate, ensure_ascii=False), json.dumps(a.extra, ensure_ascii=False, default=str),
            _now(), json.dumps({k: getattr(a, k) for k in _EXTRACTED}, ensure_ascii=False, default=str),
            extracted_by)


def _article(row: tuple) -> Article:
    data = dict(zip(_COLUMNS, row))
    data["boilerplate"] = json.loads(data["boilerplate"])
    data["extra"] = json.loads(data["extra"])
    data.update(json.loads(data.pop("extraction") or "{}"))
    return Article.from_dict(data)


# Contentless FTS5 needs the indexed values again to delete a row: the article's folded title and text.
_SEARCH_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS articles_fts_insert AFTER INSERT ON articles BEGIN "
    "INSERT INTO articles_fts (rowid, title, body) VALUES (new.rowid, naba_fold(new.title), new.folded); END",
    "CREATE TRIGGER IF NOT EXISTS articles_fts_delete AFTER DELETE ON articles BEGIN "
    "INSERT INTO articles_fts (articles_fts, rowid, title, body) "
    "VALUES ('delete', old.rowid, naba_fold(old.title), old.folded); END",
)


def _fold_or_empty(text: str | None) -> str:
    return fold(text) if text else ""


# A story's parts that cite its articles (`_remnants` empties them when some of its articles leave).
_CITING = ("summary", "facts", "unique", "contradictions", "entities", "places", "dates", "quotes", "timeline")


def _story_row(d: dict, now: str) -> tuple:
    first, last = d.get("start"), d.get("end")
    return (d["id"], d.get("title"), first, last, (last or "")[:10] or None, (first or "")[:10] or None,
            len(d.get("articles", [])), json.dumps(d.get("outlets", []), ensure_ascii=False),
            json.dumps(d, ensure_ascii=False, default=str), now)


def _snippet(text: str | None, q: str) -> dict | None:
    found = snippet(text or "", q)
    return None if found is None else {"text": found.text, "marks": [list(m) for m in found.marks],
                                       "before": found.before, "after": found.after}


def _story_summary(row: tuple, together: int | None = None) -> dict:
    keys = ("id", "title", "first_published", "last_published", "n_articles", "outlets")
    summary = dict(zip(keys, row))
    summary["outlets"] = json.loads(summary["outlets"])
    if together is not None:
        summary["together"] = bool(together)
    return summary


# The stories with an article the full-text query (its one parameter) matches.
_STORIES_MATCHING = ("SELECT sa.story_id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
                     "JOIN story_articles sa ON sa.article_id = a.id WHERE articles_fts MATCH ?")


def _together(q: str | None) -> tuple[str, list[str]]:
    """The SQL of a story-list column that is 1 for a story with an article holding the query's words
    together (several words without quote marks, `phrase_query`) and its parameter; a constant 0 and
    none for any other query. A name typed without quote marks («محمد بن سلمان») also finds stories
    naming «محمد» and «السلمان» apart (36 stories, 13 holding the name, on SaudiNewsNet): those come
    after the ones that name it."""
    phrase = phrase_query(q) if q else None
    if not phrase:
        return "0", []
    return f"id IN ({_STORIES_MATCHING})", [phrase]
