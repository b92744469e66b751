"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one Article per entry, parsed by feedparser."""

from __future__ import annotations

import calendar
import io
import re
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import feedparser
import lxml.etree
import lxml.html

from naba.errors import InputError
from naba.model import Article, Rejected
from naba.settings import Settings

# The root element decides: <rss>, <feed> (Atom) or <rdf:RDF> (RSS 1.0), after any XML
# declaration, comments, processing instructions and DOCTYPE.
_PROLOGUE = re.compile(rb"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>|\s)*", re.DOTALL | re.IGNORECASE)
_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(?:rss|feed|rdf)\b", re.IGNORECASE)
_SNIFF_BYTES = 4096
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# Elements that end a line when a feed's HTML body becomes plain text.
_BLOCKS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
           "table", "tr", "td", "th", "dt", "dd", "dl", "figure", "figcaption", "section", "article",
           "header", "footer", "aside", "hr", "address"}
_DROP = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg"}

PageFetcher = Callable[[str], Article]


def looks_like_feed(head: bytes) -> bool:
    """Tell from the first bytes of a document whether it is an RSS, RDF or Atom feed.

    >>> looks_like_feed(b'<?xml version="1.0"?><rss version="2.0"><channel>')
    True
    >>> looks_like_feed(b"<!DOCTYPE html><html><body>rss</body></html>")
    False
    """
    head = head[:_SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    start = _PROLOGUE.match(head)
    return bool(_FEED_ROOT.match(head, start.end() if start else 0))


def read_feed(data: bytes, source_path: str, settings: Settings,
              fetch_page: PageFetcher | None = None,
              content_type: str | None = None) -> Iterator[Article | Rejected]:
    """Yield one Article (source_kind "feed") per feed entry, or a Rejected with its reason.

    Args:
        data: the feed document's bytes (feedparser reads its declared encoding).
        source_path: the file or URL the feed came from; a rejected entry is named
            `f"{source_path}#{n}"`, n counting entries from 1.
        settings: `follow_links` turns on fetching each entry's page through `fetch_page`.
        fetch_page: url -> Article for the entry's page; raises InputError when it fails.
        content_type: the HTTP Content-Type, when the feed came from a URL (its charset wins).
    """
    # No content-location: feedparser would then "resolve" plain guids into URLs too.
    headers = {"content-type": content_type} if content_type else {}
    data = _undeclared_legacy_arabic(data, content_type)
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    if not parsed.entries:
        reason = _unreadable_reason(parsed)
        if reason:
            yield Rejected(source_path, reason)
        return
    follow = fetch_page if settings.follow_links else None
    feed_title = _plain(parsed.feed, "title")
    for number, entry in enumerate(parsed.entries, start=1):
        yield _entry_article(entry, f"{source_path}#{number}", source_path, feed_title, follow)


_DECLARED = re.compile(rb"^\s*<\?xml[^>]*\bencoding\s*=", re.IGNORECASE)


def _undeclared_legacy_arabic(data: bytes, content_type: str | None) -> bytes:
    """A feed in Windows-1256 that declares no encoding, as UTF-8 bytes.

    Without a declaration feedparser falls back to Windows-1252 and every Arabic letter becomes Latin
    mojibake («ÇÝÊÊÇÍ»). Bytes that are not UTF-8 and read as Arabic in Windows-1256 (the check files
    and pages get, `decode_bytes`) are that; anything else is left to feedparser as it came.
    """
    if (content_type and "charset" in content_type.lower()) or data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return data
    if _DECLARED.match(data[:_SNIFF_BYTES]):
        return data
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    from naba.sources.decode import decode_bytes

    try:
        return decode_bytes(data).encode("utf-8")
    except InputError:
        return data


def _unreadable_reason(parsed) -> str | None:
    """Why a feed without entries is not a feed at all; None for a valid, empty feed."""
    if parsed.get("bozo"):
        return f"malformed feed: {_describe(parsed.get('bozo_exception'))}"
    if not parsed.get("version"):
        return "not a feed: no RSS, RDF or Atom root element"
    return None


def _describe(exc: BaseException | None) -> str:
    if exc is None:
        return "unknown parse error"
    if hasattr(exc, "getLineNumber"):  # SAXParseException from the strict XML parser
        return f"{exc.getMessage()} at line {exc.getLineNumber()}, column {exc.getColumnNumber()}"
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _entry_article(entry, name: str, source_path: str, feed_title: str | None,
                   fetch_page: PageFetcher | None) -> Article | Rejected:
    """One entry to an Article; its page replaces a shorter feed text when `fetch_page` is given."""
    link = entry_link(entry, source_path)
    body = entry_text(entry)
    page, failure = None, None
    if fetch_page and link:
        try:
            page = fetch_page(link)
        except InputError as exc:
            failure = str(exc)
    if not body and page is None:
        if failure:
            return Rejected(name, f"feed entry has no text and its page failed: {failure}")
        if link:
            return Rejected(name, "feed entry has no text (its page is fetched only with follow_links)")
        return Rejected(name, "feed entry has no text")
    article = _from_entry(entry, body, link, source_path, feed_title)
    if failure:
        article.extra["page_error"] = failure
    if page is not None:
        _merge_page(article, page)
    return article


def _from_entry(entry, body: str, link: str | None, source_path: str,
                feed_title: str | None) -> Article:
    """The Article the feed entry alone describes."""
    source = entry.get("source") or {}
    tags = [t.get("term") or t.get("label") for t in entry.get("tags") or []]
    published = entry_published(entry)
    return Article(body=body, source_kind="feed", source_path=source_path,
                   source_id=_clean(entry.get("id")), url=link,
                   outlet=_plain(source, "title") or feed_title,
                   title=_plain(entry, "title"), section=_clean(next(filter(None, tags), None)),
                   published=published, published_from="metadata" if published else None,
                   author=_clean(entry.get("author")))


def _merge_page(article: Article, page: Article) -> None:
    """Take the page's text when it is longer: a feed summary is shorter than its page, and a
    page whose extraction half-failed is shorter than a full-content feed. Feed metadata wins."""
    if len(page.body) >= len(article.body):
        article.body = page.body
        article.boilerplate = list(page.boilerplate)
        article.extra["text_from"] = "page"
    for name in ("title", "outlet", "author", "section", "published"):
        if not getattr(article, name) and getattr(page, name):
            setattr(article, name, getattr(page, name))
            if name == "published":
                article.published_from = page.published_from
    article.url = article.url or page.url


def entry_link(entry, source_path: str) -> str | None:
    """The entry's http(s) link, resolved against the feed's URL; None when it has none.

    feedparser copies an Atom id into `link`; a non-URL id such as "urn:x:1" is no link.
    """
    link = _clean(entry.get("link"))
    if link and source_path.startswith(("http://", "https://")):
        link = urljoin(source_path, link)
    return link if link and link.startswith(("http://", "https://")) else None


def _plain(element, key: str) -> str | None:
    """A title as plain text: Atom allows type="html" titles, whose tags and entities go."""
    value = element.get(key) or ""
    if "html" in (element.get(f"{key}_detail") or {}).get("type", "") and "<" in value:
        value = html_fragment_text(value)
    return _clean(value)


def entry_text(entry) -> str:
    """The entry's plain text: its full content (content:encoded, Atom content) else its summary."""
    candidates = list(entry.get("content") or [])
    if entry.get("summary"):
        candidates.append(entry.get("summary_detail") or {"value": entry["summary"], "type": "text/html"})
    for detail in candidates:
        text = _to_text(detail.get("value") or "", detail.get("type") or "text/html")
        if text:
            return text
    return ""


def _to_text(value: str, mime: str) -> str:
    if "html" in mime and "<" in value:
        return html_fragment_text(value)
    return _join_lines(value.splitlines())


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one line per paragraph or block, no tags left.

    >>> html_fragment_text("<p>قال <b>الوزير</b>، أمس:</p><p>«لا تعليق»</p>")
    'قال الوزير، أمس:\\n«لا تعليق»'
    """
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return _join_lines(re.sub(r"<[^>]*>", " ", fragment).splitlines())
    parts: list[str] = []
    _walk(root, parts)
    return _join_lines("".join(parts).split("\n"))


def _walk(node, parts: list[str]) -> None:
    tag = node.tag.lower() if isinstance(node.tag, str) else ""
    if tag in _DROP or not tag:  # comments and processing instructions have no str tag
        return
    if tag == "br":
        parts.append("\n")
    block = tag in _BLOCKS
    if block:
        parts.append("\n")
    parts.append(node.text or "")
    for child in node:
        _walk(child, parts)
        parts.append(child.tail or "")
    if block:
        parts.append("\n")


def _join_lines(lines) -> str:
    kept = (" ".join(line.split()) for line in lines)
    return "\n".join(line for line in kept if line)


def entry_published(entry) -> str | None:
    """The entry's publication (else update) time, ISO 8601 with time and zone.

    The raw date keeps the outlet's own UTC offset when it states one; feedparser's
    parsed tuple (always UTC) is the fallback.
    """
    for key in ("published", "updated"):
        parsed = entry.get(f"{key}_parsed")
        if not parsed:
            continue
        if _DATE_ONLY.match((entry.get(key) or "").strip()):
            return entry[key].strip()  # a day with no time: do not invent midnight UTC
        stamp = _aware(entry.get(key) or "")
        if stamp is None or stamp.utctimetuple()[:6] != tuple(parsed[:6]):
            stamp = datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
        return stamp.isoformat(timespec="seconds")
    return None


def _aware(raw: str) -> datetime | None:
    """A timezone-aware datetime from an RFC 822 or RFC 3339 date string, else None."""
    raw = raw.strip()
    for parse in (parsedate_to_datetime, datetime.fromisoformat):
        try:
            stamp = parse(raw)
        except (TypeError, ValueError, IndexError):
            continue
        if stamp is not None and stamp.tzinfo is not None:
            return stamp.replace(microsecond=0)
    return None


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None
