"""Sources: every input a user has lying around, mixed freely — files, folders, globs and URLs.

`read_inputs` yields an `Article` for each article read and a `Rejected` record for each item
that could not be read, with its reason; it never stops the run for one bad item.
"""

from __future__ import annotations

import glob
import os
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from naba.errors import InputError
from naba.model import Article, Rejected
from naba.settings import Settings

_JSONL = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz", ".json.gz", ".jl", ".jl.gz")
_HTML = (".html", ".htm", ".xhtml", ".shtml")
_FEED = (".rss", ".atom", ".xml")
_SKIP_NAMES = {"readme.md", "readme.txt", "license", "licence", ".ds_store", "thumbs.db"}


def read_inputs(inputs: Iterable[str], settings: Settings = Settings()) -> Iterator[Article | Rejected]:
    """Read every input: a file, a folder (recursively), a glob pattern or an http(s) URL."""
    for item in inputs:
        for found in _read_one(item, settings):
            yield _scrubbed(found)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _scrubbed(item: Article | Rejected) -> Article | Rejected:
    """`item` with every lone surrogate in its strings (a crawler's truncated emoji «\\ud83d», a file
    name that is not UTF-8) written as U+FFFD: no store or JSON file can hold one."""
    if isinstance(item, Rejected):
        return Rejected(_scrub(item.source_path), _scrub(item.reason))
    for name, value in vars(item).items():
        if isinstance(value, (str, dict, list)):
            setattr(item, name, _scrub(value))
    return item


def _scrub(value):
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace") if _SURROGATE.search(value) else value
    if isinstance(value, dict):
        return {_scrub(k): _scrub(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def _read_one(item: str, settings: Settings) -> Iterator[Article | Rejected]:
    from naba.sources import web

    if web.is_url(item):
        yield from web.read_url(item, settings)
        return
    paths = expand(item)
    if not paths:
        yield Rejected(item, "no such file, folder or matching glob")
    for path in paths:
        yield from read_file(path, settings)


def expand(item: str) -> list[str]:
    """The files an input names, sorted so runs are reproducible; hidden files and READMEs skipped."""
    path = Path(item)
    if path.is_dir():
        found = []
        for root, dirs, files in os.walk(path):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(os.path.join(root, f) for f in sorted(files) if _wanted(f))
        return found
    if path.exists():
        return [item]
    if glob.has_magic(item):
        return sorted(p for p in glob.glob(item, recursive=True) if os.path.isfile(p))
    return []


def _wanted(name: str) -> bool:
    return not name.startswith(".") and name.lower() not in _SKIP_NAMES


def read_file(path: str, settings: Settings) -> Iterator[Article | Rejected]:
    """Read one file of any supported kind, chosen by its name and first bytes."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            yield Rejected(path, "not a regular file (a device, pipe or socket); naba reads files, folders and URLs")
            return
        size = info.st_size
        with open(path, "rb") as stream:
            head = stream.read(2048)
    except OSError as exc:
        yield Rejected(path, f"cannot read: {exc.strerror or exc}")
        return
    kind = _kind(path, head)
    if kind == "jsonl":
        from naba.sources.jsonl import read_jsonl

        yield from read_jsonl(path, settings)
        return
    if size > settings.max_file_bytes:
        yield Rejected(path, f"too large: {_human(size)} is over the {_human(settings.max_file_bytes)} "
                             "limit for one article file (--max-file-mb)")
        return
    yield from _read_small(path, kind, settings)


def _read_small(path: str, kind: str, settings: Settings) -> Iterator[Article | Rejected]:
    from naba.sources.decode import decode_bytes

    try:
        data = Path(path).read_bytes()
        if kind == "json":
            from naba.sources.jsonl import read_json_document

            yield from read_json_document(data, path)
            return
        if kind == "feed":
            from naba.sources.feeds import read_feed

            yield from read_feed(data, path, settings)
            return
        text = decode_bytes(data, path)
        if kind == "html" or (kind == "text" and _looks_like_html(text)):
            from naba.sources.html import html_to_article

            yield html_to_article(text, source_path=path)
        else:
            from naba.sources.text import text_to_article

            yield text_to_article(text, source_path=path)
    except InputError as exc:
        yield Rejected(path, str(exc))
    except OSError as exc:
        yield Rejected(path, f"cannot read: {exc.strerror or exc}")
    except (ValueError, OverflowError, RecursionError, UnicodeError) as exc:
        # a parser's failure on a malformed file (feedparser on «&#xD83D;», JSON nested 100,000 deep)
        yield Rejected(path, f"could not be read ({type(exc).__name__}: {str(exc)[:200]})")


def _kind(path: str, head: bytes) -> str:
    name = path.lower()
    if name.endswith(_JSONL) or head[:2] == b"\x1f\x8b":
        return "jsonl"
    if name.endswith(_HTML):
        return "html"
    from naba.sources.feeds import looks_like_feed

    if looks_like_feed(head):
        return "feed"
    if name.endswith(_FEED):
        return "html" if b"<html" in head.lower() else "feed"
    if name.endswith(".json") and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"[", b"{")):
        return "json"
    return "text"


def _looks_like_html(text: str) -> bool:
    start = text.lstrip()[:1000].lower()
    return start.startswith(("<!doctype html", "<html")) or ("<body" in start and "</" in start)


def _human(size: int) -> str:
    """A byte count as a person reads it: '1.4 MB', '2.0 KB', '900 bytes'."""
    if size >= 2**20:
        return f"{size / 2**20:.1f} MB"
    return f"{size / 1024:.1f} KB" if size >= 1024 else f"{size} bytes"
