"""Pages and feeds fetched over HTTP(S) with the standard library, each URL one article or feed."""

from __future__ import annotations

import functools
import http
import http.client
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Iterator
from email.message import Message
from importlib import metadata

from naba.errors import FetchError, InputError
from naba.model import Article, Rejected
from naba.settings import MB, Settings
from naba.sources.decode import decode_bytes
from naba.sources.feeds import looks_like_feed, read_feed
from naba.sources.html import html_to_article

_MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_ACCEPT = ("text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
           "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
_FEED_MIME_WORDS = ("rss", "atom", "rdf")  # application/rss+xml, application/atom+xml, ...
_LOOP_MESSAGE = "would lead to an infinite loop"  # urllib's wording for too many redirects


def is_url(s: str) -> bool:
    """True for an http or https URL with a host; other schemes and file paths are not URLs.

    >>> is_url("https://example.org/news"), is_url("ftp://example.org/a"), is_url("news/a.html")
    (True, False, False)
    """
    parts = urllib.parse.urlsplit(s.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def read_url(url: str, settings: Settings) -> Iterator[Article | Rejected]:
    """Fetch one URL and yield its article, or its feed's articles; never raises for a bad URL.

    A page becomes one Article (source_kind "url"); a feed becomes one Article per entry,
    each entry's page fetched too when `settings.follow_links` is on. A URL that cannot be
    fetched or read yields a single `Rejected(url, reason)`.
    """
    try:
        body, content_type, final_url = fetch(url, settings)
        if _is_feed(body, content_type):
            fetch_page = functools.partial(fetch_page_article, settings=settings)
            yield from read_feed(body, url, settings, fetch_page=fetch_page, content_type=content_type)
            return
        _require_text(content_type)
        page = decode_page(body, content_type, url)
        yield html_to_article(page, source_path=url, url=final_url, source_kind="url")
    except InputError as exc:
        yield Rejected(url, str(exc))


def fetch_page_article(url: str, settings: Settings) -> Article:
    """Fetch one HTML page and extract its article.

    Raises:
        InputError: the page cannot be fetched, decoded, or holds no article text.
    """
    body, content_type, final_url = fetch(url, settings)
    _require_text(content_type)
    page = decode_page(body, content_type, url)
    return html_to_article(page, source_path=url, url=final_url, source_kind="url")


def fetch(url: str, settings: Settings) -> tuple[bytes, str, str]:
    """Fetch a URL's body, following up to five redirects and undoing gzip or deflate.

    Returns:
        (body, content_type, final_url): the decompressed bytes, the Content-Type header
        ("" when absent) and the URL after redirects.

    Raises:
        FetchError: with a one-line reason — unsupported scheme, DNS failure, connection
            refused, timeout, HTTP status >= 400, too many redirects, or a body larger
            than `settings.max_fetch_bytes`.
    """
    if not is_url(url):
        scheme = urllib.parse.urlsplit(url).scheme
        raise FetchError(f"unsupported URL scheme '{scheme}': only http and https are fetched"
                         if scheme else f"not a URL: expected http:// or https://, got '{url}'")
    request = urllib.request.Request(url, headers={
        "User-Agent": _user_agent(), "Accept": _ACCEPT, "Accept-Encoding": "gzip, deflate"})
    try:
        with _opener().open(request, timeout=settings.fetch_timeout) as response:
            raw = _read_limited(response, settings.max_fetch_bytes)
            headers, final_url = response.headers, response.geturl()
    except urllib.error.HTTPError as exc:
        exc.close()
        raise FetchError(_http_reason(exc)) from None
    except urllib.error.URLError as exc:
        raise FetchError(_network_reason(exc.reason, url, settings)) from None
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(_network_reason(exc, url, settings)) from None
    body = _decompress(raw, headers.get("Content-Encoding", ""), settings.max_fetch_bytes)
    return body, headers.get("Content-Type", ""), final_url


def decode_page(body: bytes, content_type: str, name: str) -> str:
    """Bytes to text: the charset the Content-Type declares, else naba's own detection.

    A declared charset that does not decode the bytes is ignored (servers mislabel Arabic
    pages as UTF-8 or Latin-1), and detection takes over.

    Raises:
        InputError: empty, binary or undecodable content.
    """
    charset = _charset(content_type)
    if charset and not body.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        try:
            text = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
        else:
            if text.strip():
                return text
    return decode_bytes(body, name)


def _require_text(content_type: str) -> None:
    """Refuse images, PDFs and other media before trying to read them as a page."""
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime and not (mime.startswith("text/") or "xml" in mime or "html" in mime):
        raise FetchError(f"not a web page or feed: the server sent {mime}")


def _charset(content_type: str) -> str | None:
    message = Message()
    message["Content-Type"] = content_type or "application/octet-stream"
    charset = message.get_param("charset")
    if not isinstance(charset, str):
        return None
    return charset.strip().strip("'\"").lower() or None


def _is_feed(body: bytes, content_type: str) -> bool:
    """A feed is known by its root element; HTML served as XML stays HTML."""
    mime = content_type.split(";", 1)[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml"):
        return False
    return looks_like_feed(body[:4096]) or any(word in mime for word in _FEED_MIME_WORDS)


class _LimitedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows at most five redirects (urllib's default is ten)."""

    max_redirections = _MAX_REDIRECTS


@functools.cache
def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_LimitedRedirects())


@functools.cache
def _user_agent() -> str:
    try:
        version = metadata.version("naba")
    except metadata.PackageNotFoundError:
        version = "dev"
    return f"naba/{version} (Arabic news reader)"


def _read_limited(response, limit: int) -> bytes:
    """Read the body in chunks, refusing it as soon as it passes `limit` bytes."""
    declared = response.headers.get("Content-Length", "")
    if declared.strip().isdigit() and int(declared) > limit:
        raise FetchError(_too_large(limit))
    chunks, size = [], 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise FetchError(_too_large(limit))
        chunks.append(chunk)
    return b"".join(chunks)


def _decompress(raw: bytes, encoding: str, limit: int) -> bytes:
    """Undo Content-Encoding, stopping at `limit` bytes so a compressed bomb cannot fill memory."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return raw
    if encoding in ("gzip", "x-gzip"):
        wbits = 16 + zlib.MAX_WBITS
    elif encoding == "deflate":
        wbits = zlib.MAX_WBITS if raw[:1] == b"\x78" else -zlib.MAX_WBITS  # zlib-wrapped or raw
    else:
        raise FetchError(f"unsupported Content-Encoding '{encoding}': expected gzip or deflate")
    inflater = zlib.decompressobj(wbits)
    try:
        body = inflater.decompress(raw, limit + 1)
    except zlib.error as exc:
        raise FetchError(f"corrupt {encoding} body: {exc}") from None
    if len(body) > limit:
        raise FetchError(_too_large(limit))
    return body


def _http_reason(exc: urllib.error.HTTPError) -> str:
    detail = str(exc.reason or "")
    if 300 <= exc.code < 400 and _LOOP_MESSAGE in detail:
        return f"too many redirects (more than {_MAX_REDIRECTS}) or a redirect loop"
    if 300 <= exc.code < 400 and "not allowed" in detail:
        return f"redirect refused: {detail.splitlines()[0]}"
    try:
        phrase = http.HTTPStatus(exc.code).phrase
    except ValueError:
        phrase = detail.strip()
    return f"HTTP {exc.code} {phrase}".strip()


def _network_reason(reason: object, url: str, settings: Settings) -> str:
    """One line a user reads for a failure below HTTP: DNS, refusal, timeout, TLS."""
    host = urllib.parse.urlsplit(url).netloc
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out after {settings.fetch_timeout:g} s"
    if isinstance(reason, socket.gaierror):
        return f"cannot resolve host '{host}' (DNS lookup failed)"
    if isinstance(reason, ConnectionRefusedError):
        return f"connection refused by {host}"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error with {host}: {getattr(reason, 'reason', None) or reason}"
    if isinstance(reason, ConnectionError):
        return f"connection to {host} failed: {reason.strerror or type(reason).__name__}"
    text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
    return f"cannot fetch from {host}: {text}"


def _too_large(limit: int) -> str:
    if limit >= MB:
        size = f"{limit / MB:g} MB"
    elif limit >= 1024:
        size = f"{limit / 1024:g} KB"
    else:
        size = f"{limit} bytes"
    return f"larger than {size} limit"
