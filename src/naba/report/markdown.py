"""The Markdown report: the same document as report.html, for mail, chat and Git hosting.

Example:
    >>> from naba.report.markdown import render_markdown
    >>> render_markdown({"schema": "naba/1", "rejected": [], "articles": [], "reuse": [], "stories": []})[:6]
    '# نبأ '
"""

from __future__ import annotations

import re
from typing import Any

from naba.output import contradiction_sides
from naba.report._common import (
    PAGES, PUBLISHED_FROM, STORY_SECTIONS, ArticleIndex, Page, as_list, as_text, counts, display_title,
    format_number, full_stories, paragraphs, quotes_by_speaker, reason_ar, safe_href, story_numbers,
)
from naba.text import count_ar

# Characters that start emphasis, links, code, inline HTML or entities anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
# What turns text into a heading, list item, rule or setext underline when it opens a block
# (a paragraph or a list item's content); `>` `*` `_` are already escaped inline.
_LINE_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+](?=\s|$)|=+\s*$|-+\s*$|\d{1,9}(?=[.)](?:\s|$)))")


def md(value: Any) -> str:
    """Document text made literal in Markdown (one line; newlines become spaces)."""
    text = " ".join(as_text(value).split())
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_marker, text)


def _escape_marker(match: re.Match[str]) -> str:
    """`# x` → `\\# x`; `1. x` → `1\\. x` (the dot, not the digit, makes the list)."""
    marker = match.group(1)
    return marker + "\\" if marker[0].isdigit() else "\\" + marker


def render_markdown(doc: dict[str, Any]) -> str:
    """The report as Markdown; every value from `doc` is escaped so it reads as plain text."""
    index = ArticleIndex(as_list(doc.get("articles")))
    parts = [
        _header(doc),
        _stories(as_list(doc.get("stories")), index),
        _reuse(as_list(doc.get("reuse")), index),
        _rejected(as_list(doc.get("rejected"))),
        _articles(index),
    ]
    return "\n\n".join(p.strip("\n") for p in parts) + "\n"


def render_index_markdown(doc: dict[str, Any], pages: list[Page]) -> str:
    """The first page of a report in pages (`naba.report.pages`) as Markdown: the run's numbers, its
    stories each linked to its page, and the rejected inputs."""
    n = counts(doc)
    lines = ["## القصص (stories)", "",
             ("التقرير في صفحات: لكل قصة صفحة فيها كل ما وُجد فيها ومقالاتها والنقل بينها وبين غيرها "
              "(one page per story, with its articles and their copies)."), ""]
    day = None
    for page in pages:
        if page.story is None:
            continue
        numbers = story_numbers(page.story)
        if numbers["start"] != day:  # the stories by the day they began, as the HTML index folds them
            day = numbers["start"]
            lines += ["", f"### {md(day) or 'بلا تاريخ (undated)'}", ""]
        span = " – ".join(dict.fromkeys(d for d in (numbers["start"], numbers["end"]) if d))
        lines.append(f"{page.position}. [{md(page.title) or page.name}]({PAGES}/{page.name}.md) — "
                     f"المقالات: {numbers['articles']}؛ المنافذ: {numbers['outlets']}"
                     + (f"؛ {md(span)}" if span else "")
                     + f"؛ وقائع بمصدرين أو أكثر: {numbers['corroborated']}؛ تناقضات: {numbers['contradictions']}")
    others = [f"- [{md(page.title)}]({PAGES}/{page.name}.md)" for page in pages if page.story is None]
    parts = [
        _header(doc), "\n".join(lines),
        (f"## النقل بين المقالات (text reuse): {n['reuse']}\n\nكل زوج في صفحة قصة كل من مقالتيه "
         "(each pair is on the pages of the stories of its two articles)."),
        _rejected(as_list(doc.get("rejected"))),
        f"## المقالات (articles): {n['articles']}\n\nكل مقالة في صفحة قصتها (each article is on the page of its story)."
        + ("\n\nمقالات ليست في قصة:\n\n" + "\n".join(others) if others else ""),
    ]
    return "\n\n".join(p.strip("\n") for p in parts) + "\n"


def render_page_markdown(page: Page, index: ArticleIndex, pairs: list[dict[str, Any]],
                         neighbours: tuple[Page | None, Page | None]) -> str:
    """One page of a report in pages as Markdown (see `naba.report.html.render_page`)."""
    before, after = neighbours
    nav = ["[الفهرس (index)](../report.md)"]
    if before is not None:
        nav.append(f"السابقة (previous): [{md(before.title) or before.name}]({before.name}.md)")
    if after is not None:
        nav.append(f"التالية (next): [{md(after.title) or after.name}]({after.name}.md)")
    parts = [" · ".join(nav), f"# {md(page.title)}", count_ar(len(index.articles), "مقالة", "مقالتان", "مقالات")]
    if page.story is not None:
        parts.append(_stories([page.story], index))
    parts += [_reuse(pairs, index), _articles(index)]
    return "\n\n".join(p.strip("\n") for p in parts) + "\n"


def _header(doc: dict[str, Any]) -> str:
    n = counts(doc)
    return (f"# نبأ — تقرير الأخبار (naba report)\n\nالصيغة: `{md(doc.get('schema'))}`\n\n"
            f"- المقالات (articles): {n['articles']}\n- المنافذ (outlets): {n['outlets']}\n"
            f"- المدخلات المرفوضة (rejected): {n['rejected']}\n- القصص (stories): {n['stories']}\n"
            f"- أزواج النقل (reuse pairs): {n['reuse']}")


def _cite(index: ArticleIndex, article_id: Any, span: Any, indent: str = "  ") -> str:
    passage = index.passage(article_id, span)
    shown = f"«{md(passage)}»" if passage is not None else f"(المقطع غير متاح، span {md(span)})"
    return f"{indent}- المصدر: {md(index.label(article_id))} — {shown}"


def _cites(index: ArticleIndex, items: Any) -> list[str]:
    return [_cite(index, c.get("article"), c.get("span")) for c in as_list(items) if isinstance(c, dict)]


def _links(index: ArticleIndex, ids: Any) -> str:
    return "، ".join(md(index.label(i)) for i in as_list(ids)) or "—"


def _stories(stories: list[Any], index: ArticleIndex) -> str:
    lines = ["## القصص (stories)", ""]
    items = [s for s in stories if isinstance(s, dict)]
    if not items:
        return "\n".join(lines + ["لم تُبنَ القصص بعد (stories are not built yet)."])
    whole = full_stories(stories)
    if len(items) > len(whole):
        lines += [(f"{len(whole)} قصة معروضة كاملة (أكثرها مقالات)، والباقية ({len(items) - len(whole)}) بعنوانها "
                   f"ومقالاتها؛ كل قصة كاملة في stories.json ({len(whole)} stories in full, the rest as one line each)."), ""]
    for n, story in enumerate(stories, start=1):
        if not isinstance(story, dict):
            continue
        lines += _story(story, index) if n in whole else [
            f"### {md(story.get('title'))}", "", f"- المقالات (articles): {_links(index, story.get('articles'))}", ""]
    return "\n".join(lines)


def _story(story: dict[str, Any], index: ArticleIndex) -> list[str]:
    lines = [f"### {md(story.get('title'))}", "",
             f"- الثقة (confidence): {md(format_number(story.get('confidence')))}",
             f"- المعرف (id): `{md(story.get('id'))}`",
             f"- المقالات (articles): {_links(index, story.get('articles'))}", ""]
    for key, arabic, english in STORY_SECTIONS:
        entries = [e for e in as_list(story.get(key)) if isinstance(e, dict)]
        if entries:
            lines += [f"#### {arabic} ({english})", ""]
            lines += _STORY_LIST[key](entries, index) if key in _STORY_LIST else [
                line for entry in entries for line in _STORY_ITEM[key](entry, index)]
            lines.append("")
    return lines


def _event(e: dict[str, Any], index: ArticleIndex) -> list[str]:
    return [f"- {md(e.get('title'))} — {_links(index, e.get('articles'))}"]


def _summary(e: dict[str, Any], index: ArticleIndex) -> list[str]:
    return [f"- {md(e.get('text'))}", *_cites(index, e.get("citations"))]


def _fact(e: dict[str, Any], index: ArticleIndex) -> list[str]:
    first = e.get("first_reported_by")
    lines = [f"- {md(e.get('text'))}", f"  - المصادر (sources): {_links(index, e.get('sources'))}"]
    if first:
        lines.append(f"  - أول من نشرها (first reported by): {md(index.label(first))}")
    return lines + _cites(index, e.get("citations"))


def _unique(e: dict[str, Any], index: ArticleIndex) -> list[str]:
    return [f"- {md(index.label(e.get('article')))}", *(f"  - {md(f)}" for f in as_list(e.get("facts")))]


def _contradiction(e: dict[str, Any], index: ArticleIndex) -> list[str]:
    lines = [f"- **{md(e.get('about'))}**"]
    for n, side in enumerate(contradiction_sides(e)):
        if n:
            lines.append("  - *في المقابل (versus):*")
        for claim in side:
            lines.append(f"  - {md(claim.get('text'))}")
            lines.append(_cite(index, claim.get("article"), claim.get("span"), indent="    "))
    return lines


def _named(e: dict[str, Any], tags: list[str]) -> str:
    shown = " · ".join(md(t) for t in tags if t not in (None, ""))
    count = len(as_list(e.get("mentions")))
    return f"- **{md(e.get('name'))}**" + (f" ({shown})" if shown else "") + f" — {count} إشارة"


def _entity(e: dict[str, Any], index: ArticleIndex) -> list[str]:
    variants = "، ".join(md(v) for v in as_list(e.get("variants")))
    line = _named(e, [e.get("type"), e.get("latin")])
    return [line] + ([f"  - صيغ أخرى (variants): {variants}"] if variants else [])


def _place(e: dict[str, Any], index: ArticleIndex) -> list[str]:
    where = ""
    if e.get("lat") is not None and e.get("lon") is not None:
        where = f"{format_number(e.get('lat'), 4)}, {format_number(e.get('lon'), 4)}"
    geo = f"GeoNames {as_text(e.get('geonames_id'))}" if e.get("geonames_id") is not None else ""
    return [_named(e, [e.get("country"), where, geo])]


def _date(e: dict[str, Any], index: ArticleIndex) -> list[str]:
    return [f"- {md(e.get('text'))} ← {md(e.get('date'))} ({md(e.get('precision'))})",
            _cite(index, e.get("article"), e.get("span"))]


def _quote(e: dict[str, Any], index: ArticleIndex, group: str | None = None) -> list[str]:
    """One statement under its speaker: its words, how it was reported, a citation per article carrying it;
    the speaker as its article names it where that is not the `group` it is listed under."""
    via = "، ".join(md(v) for v in as_list(e.get("via")))
    written = e.get("speaker")
    named = f"{md(written)}: " if written and written != group else ""
    lines = [f"  - {named}({md(e.get('kind'))}) «{md(e.get('text'))}»"]
    if via:
        lines.append(f"    - عبر (via): {via}")
    reports = e.get("reports") or [{"article": e.get("article"), "span": e.get("span")}]
    return lines + [_cite(index, r.get("article"), r.get("span"), indent="    ") for r in reports]


def _quotes(entries: list[dict[str, Any]], index: ArticleIndex) -> list[str]:
    """Quotes under their speakers, the most quoted first, a statement several articles carry once
    (`naba.report._common.quotes_by_speaker`, as the HTML report and `naba serve` list them)."""
    lines = []
    for group in quotes_by_speaker(entries):
        lines.append(f"- **{md(group['speaker'])}** ({len(group['quotes'])})")
        for said in group["quotes"]:
            lines += _quote(said, index, group["speaker"])
    return lines


def _timeline(e: dict[str, Any], index: ArticleIndex) -> list[str]:
    return [f"- **{md(e.get('date'))}**: {md(e.get('text'))}", *_cites(index, e.get("citations"))]


_STORY_ITEM = {
    "events": _event, "summary": _summary, "facts": _fact, "unique": _unique,
    "contradictions": _contradiction, "entities": _entity, "places": _place,
    "dates": _date, "timeline": _timeline,
}
_STORY_LIST = {"quotes": _quotes}  # lists shown as a whole, not item by item


def _reuse(pairs: list[Any], index: ArticleIndex) -> str:
    lines = ["## النقل بين المقالات (text reuse)", ""]
    rows = [p for p in pairs if isinstance(p, dict)]
    if not rows:
        return "\n".join(lines + ["لا أزواج نقل: لم تُحسب بعد أو لم يوجد نقل (no reuse pairs)."])
    for pair in rows:
        original = md(index.label(pair["original"])) if pair.get("original") else "غير معروف"
        if pair.get("summary"):
            lines.append(f"- **{md(pair['summary'])}** ({md(pair.get('summary_en'))})")
        lines += [f"- {md(index.label(pair.get('a')))} ⟷ {md(index.label(pair.get('b')))}",
                  f"  - التشابه (similarity): {md(format_number(pair.get('similarity')))}"
                  f"؛ شبه مطابقة: {'نعم' if pair.get('near_duplicate') else 'لا'}؛ الأصل: {original}"]
        for passage in (p for p in as_list(pair.get("passages")) if isinstance(p, dict)):
            lines.append(f"  - {md(passage.get('kind'))}:")
            lines.append(_cite(index, pair.get("a"), passage.get("a_span"), indent="    "))
            lines.append(_cite(index, pair.get("b"), passage.get("b_span"), indent="    "))
    return "\n".join(lines)


def _rejected(rejected: list[Any]) -> str:
    lines = [f"## المدخلات المرفوضة (rejected inputs): {len(rejected)}", ""]
    rows = [r for r in rejected if isinstance(r, dict)]
    if not rows:
        return "\n".join(lines + ["لم يُرفض أي مدخل."])
    return "\n".join(lines + [f"- `{_code(r.get('source_path'))}` — "
                               f"{md(reason_ar(r.get('reason'))) + ' — ' if reason_ar(r.get('reason')) else ''}"
                               f"{md(r.get('reason'))}" for r in rows])


def _code(value: Any) -> str:
    """Text for an inline code span: backticks cannot be escaped there, so they become quotes."""
    return " ".join(as_text(value).split()).replace("`", "'") or "—"


def _articles(index: ArticleIndex) -> str:
    lines = [f"## المقالات (articles): {len(index.articles)}", ""]
    for article in index.articles:
        lines += _article(article)
    return "\n".join(lines)


def _article(article: dict[str, Any]) -> list[str]:
    title, untitled = display_title(article)
    heading = f"### {md(title)}" + (" _(بلا عنوان · untitled)_" if untitled else "")
    body = [md(p) for p in paragraphs(as_text(article.get("text")))] or ["(النص فارغ)"]
    return [heading, "", *_metadata(article), "", *_blank_separated(body), "",
            *_boilerplate(article), *_extra(article), "---", ""]


def _metadata(article: dict[str, Any]) -> list[str]:
    published = md(article.get("published")) or "—"
    source = as_text(article.get("published_from"))
    if article.get("published") and source:
        published += f" ({md(PUBLISHED_FROM.get(source, source))})"
    return [
        f"- المنفذ (outlet): {md(article.get('outlet')) or '—'}",
        f"- القسم (section): {md(article.get('section')) or '—'}",
        f"- تاريخ النشر (published): {published}",
        f"- الكاتب (author): {md(article.get('author')) or '—'}",
        f"- الرابط (url): {_url(article.get('url'))}",
        f"- الملف (source path): `{_code(article.get('source_path'))}`",
        f"- معرف المصدر (source id): `{_code(article.get('source_id'))}`",
        f"- المعرف (id): `{_code(article.get('id'))}`",
    ]


def _url(url: Any) -> str:
    """http(s) URLs as autolinks (spaces and angle brackets percent-encoded); others as text."""
    href = safe_href(url)
    if href is None:
        return md(url) or "—"
    return "<" + href.replace(" ", "%20").replace("<", "%3C").replace(">", "%3E") + ">"


def _blank_separated(paragraph_lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in paragraph_lines:
        out += [line, ""]
    return out[:-1]


def _boilerplate(article: dict[str, Any]) -> list[str]:
    lines = [as_text(x) for x in as_list(article.get("boilerplate"))]
    if not lines:
        return []
    return [f"<details><summary>ما أزيل من الصفحة ({len(lines)} سطر)</summary>", "",
            *(f"> - {md(line)}" for line in lines), "", "</details>", ""]


def _extra(article: dict[str, Any]) -> list[str]:
    extra = article.get("extra")
    if not isinstance(extra, dict) or not extra:
        return []
    return [f"<details><summary>حقول إضافية ({len(extra)})</summary>", "",
            *(f"- `{_code(k)}`: {md(v)}" for k, v in extra.items()), "", "</details>", ""]
