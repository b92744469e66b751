"""Saved HTML pages: main text by trafilatura, metadata from the page, the rest kept as boilerplate."""

from __future__ import annotations

import re

import lxml.html
import trafilatura

from naba.errors import InputError
from naba.model import Article

_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "dt", "dd", "blockquote",
           "figcaption", "caption", "pre", "header", "footer", "nav", "aside", "section", "article",
           "span", "a", "button", "label", "time", "title"}
_DROP = ("script", "style", "noscript", "template", "svg", "head")
# Meta names that carry the publication time, in order of trust.
_TIME_XPATHS = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@property="og:published_time"]/@content',
    '//meta[@name="pubdate"]/@content',
    '//meta[@name="publishdate"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//time[@pubdate]/@datetime',
    '//time[@itemprop="datePublished"]/@datetime',
)
_JSONLD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$")


def html_to_article(page: str, source_path: str | None = None, url: str | None = None,
                    source_kind: str = "html") -> Article:
    """Turn one saved HTML page into an Article with its main text and page metadata.

    Raises:
        InputError: the page has no extractable main text.
    """
    doc = trafilatura.bare_extraction(page, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, date_extraction_params={
                                          "extensive_search": False, "original_date": True})
    if doc is None or not (doc.text or "").strip():
        raise InputError("no article text found in the HTML page")
    tree = _parse(page)
    body = doc.text.strip()
    article = Article(body=body, source_kind=source_kind, source_path=source_path,
                      url=_canonical(tree) or url or doc.url, title=_clean(doc.title),
                      outlet=_clean(doc.sitename), author=_clean(doc.author))
    published = _published(tree)
    if published or doc.date:
        article.published, article.published_from = published or doc.date, "metadata"
    if doc.categories:
        article.section = doc.categories[0]
    article.boilerplate = page_lines_not_in(tree, body)
    return article


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def _parse(page: str):
    try:
        # lxml refuses a str that still declares its byte encoding (XHTML pages do)
        return lxml.html.fromstring(_XML_DECLARATION.sub("", page, count=1))
    except (ValueError, lxml.etree.ParserError):
        return None


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _canonical(tree) -> str | None:
    if tree is None:
        return None
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        found = [v.strip() for v in tree.xpath(xpath) if v.strip().startswith(("http://", "https://"))]
        if found:
            return found[0]
    return None


def _published(tree) -> str | None:
    """The publication time the page declares, ISO 8601 with time and zone when given."""
    if tree is None:
        return None
    for xpath in _TIME_XPATHS:
        for value in tree.xpath(xpath):
            if _ISO.match(value.strip()):
                return value.strip().replace(" ", "T")
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        match = _JSONLD_DATE.search(script)
        if match and _ISO.match(match.group(1).strip()):
            return match.group(1).strip()
    return None


def page_lines_not_in(tree, body: str) -> list[str]:
    """Visible text lines of the page that the extracted body does not contain (menus, footers…)."""
    if tree is None:
        return []
    tree = lxml.html.fromstring(lxml.html.tostring(tree))  # work on a copy
    for bad in tree.xpath("|".join(f"//{tag}" for tag in _DROP)):
        bad.drop_tree()
    kept = {" ".join(line.split()) for line in body.splitlines()}
    seen: set[str] = set()
    removed: list[str] = []
    for line in _block_lines(tree):
        if line in kept or line in seen or any(line in k for k in kept):
            continue
        seen.add(line)
        removed.append(line)
    return removed


def _block_lines(tree) -> list[str]:
    """The page's text split at block boundaries, whitespace collapsed."""
    parts: list[str] = []

    def walk(node) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag.lower() in _BLOCKS:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag.lower() in _BLOCKS:
            parts.append("\n")

    walk(tree)
    lines = (" ".join(chunk.split()) for chunk in "".join(parts).split("\n"))
    return [line for line in lines if line]
