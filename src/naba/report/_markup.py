"""Small HTML pieces both report sections use: escaping, bidi isolation, citation blocks.

Every value from the document passes through `esc` (html.escape with quotes), so a
title holding `<script>` arrives as text. Mixed-direction values (Latin names,
URLs, numbers, paths) sit in `<bdi>` so they do not scramble the Arabic around them.
"""

from __future__ import annotations

from html import escape
from typing import Any

from naba.report._common import ArticleIndex, as_list, as_text, display_title, text_direction


# Paths, URLs and ids read left to right even when they hold Arabic names.
_LEFT_TO_RIGHT = {"path", "ident"}


def esc(value: Any) -> str:
    """Any document value as escaped HTML text."""
    return escape(as_text(value), quote=True)


def bidi(value: Any, css_class: str = "") -> str:
    """A value isolated from the surrounding text direction; an em dash when empty."""
    text = as_text(value)
    if not text:
        return '<span class="muted">—</span>'
    attr = f' class="{css_class}"' if css_class else ""
    if css_class in _LEFT_TO_RIGHT:
        attr += ' dir="ltr"'
    return f"<bdi{attr}>{esc(text)}</bdi>"


def dir_attr(text: Any) -> str:
    """A `dir` attribute chosen from the letters the text holds."""
    return f' dir="{text_direction(as_text(text))}"'


def block(tag: str, text: Any, css_class: str = "") -> str:
    """An element holding document text, with its own direction."""
    attr = f' class="{css_class}"' if css_class else ""
    return f"<{tag}{attr}{dir_attr(text)}>{esc(text)}</{tag}>"


def english(text: str) -> str:
    """An English hint in small Latin text, isolated left to right."""
    return f'<small class="en" lang="en" dir="ltr">{text}</small>'


def label(arabic: str, hint: str) -> str:
    """A UI label: Arabic first, the English hint after it."""
    return f"{arabic} {english(hint)}"


def article_link(index: ArticleIndex, article_id: Any) -> str:
    """A link to the article's card, or its bare id when the article is not in the document."""
    href = index.href(article_id)
    if href is None:
        return f'<bdi class="missing">{esc(article_id)}</bdi>'
    article = index.by_id[as_text(article_id)]
    title, _ = display_title(article)
    outlet = as_text(article.get("outlet"))
    # Outlet and title are isolated apart: a Latin title inside an Arabic label would mirror its brackets.
    head = f"<bdi>{esc(outlet)}</bdi> — " if outlet else ""
    return f'<a href="{esc(href)}">{head}<bdi{dir_attr(title)}>{esc(title)}</bdi></a>'


def article_links(index: ArticleIndex, article_ids: Any) -> str:
    """Links to several articles, separated by the Arabic comma."""
    links = [article_link(index, a) for a in as_list(article_ids)]
    return "، ".join(links) if links else '<span class="muted">—</span>'


def cite(index: ArticleIndex, article_id: Any, span: Any) -> str:
    """A citation: the source on one line, the cited passage shown on demand."""
    passage = index.passage(article_id, span)
    if passage is None:
        body = f'<p class="muted">المقطع غير متاح {english("passage unavailable: span " + esc(span))}</p>'
    else:
        body = block("blockquote", passage)
    href = index.href(article_id)
    goto = f'<a class="goto" href="{esc(href)}">إلى المقالة ←</a>' if href else ""
    return (f'<details class="cite"><summary><span class="cite-mark">مصدر</span> '
            f"<bdi>{esc(index.label(article_id))}</bdi></summary>{body}{goto}</details>")


def citations(index: ArticleIndex, items: Any) -> str:
    """All `{"article", "span"}` citations of one statement."""
    parts = [cite(index, c.get("article"), c.get("span")) for c in as_list(items) if isinstance(c, dict)]
    return f'<div class="cites">{"".join(parts)}</div>' if parts else ""
