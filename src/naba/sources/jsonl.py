"""JSON Lines, plain or gzipped: one article per line, streamed (a 200 MB file is fine)."""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterator
from typing import IO, Any

from naba.model import Article, Rejected
from naba.published import to_iso
from naba.settings import Settings

# Field names users' crawlers write, first match wins.
_FIELDS = {
    "source_id": ("id", "_id", "guid", "uuid"),
    "title": ("title", "headline"),
    "body": ("text", "content", "body", "article", "maintext"),
    "published": ("published", "date", "published_at", "pubDate", "date_published", "datetime"),
    "outlet": ("outlet", "source", "site", "site_name", "publisher"),
    "url": ("url", "link"),
    "author": ("author", "byline"),
    "section": ("section", "category"),
}
# A crawler's stamp of when it fetched the page stands for the publication time when the record has
# none (SaudiNewsNet's `date_extracted`: its outlets' pages were fetched the day they appeared, or in
# the small hours after: see `naba.extract.temporal`). It is also kept in `extra`, as the crawler
# wrote it, since it is not the outlet's own date.
_CRAWLED = ("date_extracted", "crawled_at", "crawl_date", "fetched_at", "scraped_at", "downloaded_at")


def crawl_stamped(article: Article) -> bool:
    """Whether the article's publication time is a crawler's stamp of when it fetched the page (kept in
    `extra` under one of `_CRAWLED`), not its outlet's own time."""
    extra = article.extra or {}
    return article.source_kind == "jsonl" and article.published is not None and any(
        extra.get(name) not in (None, "") and to_iso(extra[name]) == article.published for name in _CRAWLED)


NOT_JSONL_LINES = 100  # lines read before a file none of whose lines is a record is given up


def read_jsonl(path: str, settings: Settings) -> Iterator[Article | Rejected]:
    """Yield one Article per JSON line; a bad line becomes a Rejected record `path:LINE`."""
    opener = gzip.open if _is_gzip(path) else open
    lineno = records = read = 0
    try:
        with opener(path, "rb") as stream:
            for lineno, raw in enumerate(_lines(stream, settings.max_line_bytes), start=1):
                if raw is None:
                    records += 1
                    yield Rejected(f"{path}:{lineno}", f"line longer than {settings.max_line_bytes} bytes")
                elif raw.strip():
                    records += 1
                    item = _line_to_article(raw, path, lineno)
                    read += isinstance(item, Article)
                    yield item
                if records == NOT_JSONL_LINES and not read:
                    # a text file or a binary named .jsonl: one reason, not one per line (a 200 MB text
                    # file gave 776,735 rejections and a 188 MB report)
                    yield Rejected(path, f"not JSON Lines: none of its first {NOT_JSONL_LINES} lines is an "
                                         "article record; the rest of the file was not read")
                    return
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield Rejected(path, f"truncated or corrupt gzip after line {lineno}: {exc}")
        return
    except OSError as exc:
        yield Rejected(path, f"cannot read: {exc.strerror or exc}")
        return
    if records == 0:
        yield Rejected(path, "empty: no JSON lines in the file")


def read_json_document(data: bytes, path: str) -> Iterator[Article | Rejected]:
    """A `.json` file: an array of article records (or one record), read like JSON Lines."""
    try:
        value = json.loads(data.decode("utf-8-sig"), parse_constant=_no_number)
    except UnicodeDecodeError:
        yield Rejected(path, "mis-encoded: JSON must be UTF-8")
        return
    except RecursionError:
        yield Rejected(path, "malformed JSON: nested too deep")
        return
    except ValueError as exc:
        yield Rejected(path, f"malformed JSON: {exc}")
        return
    records = value if isinstance(value, list) else [value]
    if not records:
        yield Rejected(path, "empty: the JSON array holds no records")
    for index, row in enumerate(records, start=1):
        where = f"{path}#{index}"
        if isinstance(row, dict):
            yield row_to_article(row, where, path)
        else:
            yield Rejected(where, f"expected a JSON object per record, got {type(row).__name__}")


def _is_gzip(path: str) -> bool:
    with open(path, "rb") as stream:
        return stream.read(2) == b"\x1f\x8b"


def _lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Lines of at most `limit` bytes; an over-long line is skipped and reported as None."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):
                line = stream.readline(1 << 20)
            yield None
            continue
        yield line


def _no_number(constant: str) -> None:
    """NaN, Infinity and -Infinity (which Python's json reads but no JSON file may hold) read as null."""


def _line_to_article(raw: bytes, path: str, lineno: int) -> Article | Rejected:
    where = f"{path}:{lineno}"
    try:
        row = json.loads(raw.decode("utf-8-sig"), parse_constant=_no_number)
    except UnicodeDecodeError:
        return Rejected(where, "mis-encoded: JSON Lines must be UTF-8")
    except RecursionError:
        return Rejected(where, "malformed JSON: nested too deep")
    except ValueError as exc:
        return Rejected(where, f"malformed JSON: {exc}")
    if not isinstance(row, dict):
        return Rejected(where, f"expected a JSON object per line, got {type(row).__name__}")
    return row_to_article(row, where, path)


def row_to_article(row: dict[str, Any], where: str, path: str) -> Article | Rejected:
    """Map a crawler's record onto an Article; unknown fields are kept in `extra`."""
    picked: dict[str, Any] = {}
    used: set[str] = set()
    for field, names in _FIELDS.items():
        for name in names:
            value = row.get(name)
            if value not in (None, ""):
                picked[field] = value if field == "body" else str(value).strip()
                used.add(name)
                break
    body = picked.pop("body", None)
    if not isinstance(body, str) or not body.strip():
        return Rejected(where, "no article text: expected a non-empty 'text' or 'content' field")
    article = Article(body=body.replace("\r\n", "\n"), source_kind="jsonl", source_path=path, **picked)
    article.extra = {k: v for k, v in row.items() if k not in used}
    field = next((n for n in (*_FIELDS["published"], *_CRAWLED) if row.get(n) not in (None, "")), None)
    if field is not None:
        raw = row[field]  # as the crawler wrote it: an epoch number stays a number
        article.published = to_iso(raw)
        if article.published is None:
            article.extra["published_raw"] = raw  # kept for the user; not a date naba can read
        else:
            article.published_from = "metadata"
    return article
