"""The HTML report: one self-contained, right-to-left page rendered from a `stories.json` document.

Example:
    >>> from naba.report.html import render_html
    >>> page = render_html({"schema": "naba/1", "rejected": [], "articles": [], "reuse": [], "stories": []})
    >>> page.startswith("<!DOCTYPE html>") and 'dir="rtl"' in page
    True
"""

from __future__ import annotations

from typing import Any

from naba.report._common import (
    PAGES, PUBLISHED_FROM, ArticleIndex, Page, as_list, as_text, counts, display_title, format_number,
    paragraphs, reason_ar, safe_href, story_numbers,
)
from naba.report._html_stories import NOT_BUILT, render_stories
from naba.report._markup import article_link, bidi, block, dir_attr, english, esc, label
from naba.report.style import CSS
from naba.text import count_ar

# Past this many articles the contents list starts folded, so the page opens on the summary.
TOC_OPEN_LIMIT = 40

# (key, Arabic label, English hint) for each article's metadata list, in display order.
ARTICLE_FIELDS = [
    ("outlet", "المنفذ", "outlet"),
    ("section", "القسم", "section"),
    ("published", "تاريخ النشر", "published"),
    ("author", "الكاتب", "author"),
    ("url", "الرابط", "url"),
    ("source_path", "الملف", "source path"),
    ("source_id", "معرف المصدر", "source id"),
    ("id", "المعرف", "id"),
]

# Nothing in the page may load from anywhere; links to articles still open on click.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def render_html(doc: dict[str, Any]) -> str:
    """The report as one HTML page (inline CSS, no script, no external resources).

    Args:
        doc: a `stories.json` document (schema "naba/1"); missing lists read as empty.
    Returns:
        The page as a string; every value from `doc` is HTML-escaped.
    """
    index = ArticleIndex(as_list(doc.get("articles")))
    stories = as_list(doc.get("stories"))
    body = "\n".join([
        _header(doc),
        _contents(index, stories),
        render_stories(stories, index),
        _reuse(as_list(doc.get("reuse")), index, computed=doc.get("reuse") is not None),
        _rejected(as_list(doc.get("rejected"))),
        _articles(index),
    ])
    return _document(_report_title(doc), body)


def render_index_page(doc: dict[str, Any], pages: list[Page]) -> str:
    """The first page of a report in pages (`naba.report.pages`): the run's numbers, a table of its stories
    that opens each story's page, where the copies and the articles are, and the rejected inputs."""
    numbers = counts(doc)
    by_day: dict[str, list[str]] = {}
    for page in pages:
        if page.story is not None:
            told = story_numbers(page.story)
            by_day.setdefault(told["start"], []).append(_index_row(page, told))
    last = list(by_day)[-1] if by_day else None
    # a table a day, the last day open: one table of all SaudiNewsNet's 14,568 stories took 8 s to open in
    # Chromium, folded by day 1.5 s (a folded table is not laid out)
    days = "".join(
        f'<details class="day"{" open" if day == last else ""}><summary>{bidi(day) if day else "بلا تاريخ"} '
        f'({count_ar(len(rows), "قصة", "قصتان", "قصص")})</summary><div class="matrix"><table class="pages"><thead>'
        f'<tr><th>#</th><th>{label("القصة", "story")}</th><th>{label("المقالات", "articles")}</th>'
        f'<th>{label("المنافذ", "outlets")}</th><th>{label("من", "from")}</th><th>{label("إلى", "to")}</th>'
        f'<th>{label("وقائع بمصدرين مستقلين أو أكثر", "facts with 2+ sources")}</th>'
        f'<th>{label("التناقضات", "contradictions")}</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div>'
        "</details>" for day, rows in by_day.items())
    others = [page for page in pages if page.story is None]
    stories = (f'<section id="stories"><h2>{label("القصص", "stories")} ({numbers["stories"]})</h2>'
               f'<p class="notice">التقرير في صفحات: لكل قصة صفحة فيها كل ما وُجد فيها ومقالاتها والنقل بينها وبين '
               f'غيرها، والقصص مجموعة بيوم أولى مقالاتها. '
               f'{english("One page per story, with its articles and their copies; stories by the day they began.")}</p>'
               + (days or NOT_BUILT) + "</section>")
    reuse = (f'<section id="reuse"><h2>{label("النقل بين المقالات", "text reuse")} ({numbers["reuse"]})</h2>'
             f'<p>كل زوج من المقالات المنقول بعضها عن بعض في صفحة قصة كل منهما. '
             f'{english("Each reuse pair is on the pages of the stories of its two articles.")}</p></section>')
    listed = "".join(f'<li><a href="{esc(PAGES + "/" + page.name + ".html")}">{esc(page.title)}</a></li>'
                     for page in others)
    articles = (f'<section id="articles"><h2>{label("المقالات", "articles")} ({numbers["articles"]})</h2>'
                f'<p>كل مقالة في صفحة قصتها. {english("Each article is on the page of its story.")}</p>'
                + (f"<p>مقالات ليست في قصة:</p><ol>{listed}</ol>" if listed else "") + "</section>")
    body = "\n".join([_header(doc), stories, reuse, _rejected(as_list(doc.get("rejected"))), articles])
    return _document(_report_title(doc), body)


def render_page(page: Page, index: ArticleIndex, pairs: list[dict[str, Any]],
                neighbours: tuple[Page | None, Page | None]) -> str:
    """One page of a report in pages: a story whole (or articles in no story), the copies its articles are
    in, and the articles themselves. `index` is the whole report's index seen from this page
    (`ArticleIndex.on_page`); `neighbours` the pages before and after it. Nothing else of the report is
    on it (no page count), so that it changes only when they do (`naba.report.pages`)."""
    before, after = neighbours
    nav = [f'<a href="../report.html">{label("الفهرس", "index")}</a>']
    if before is not None:
        nav.append(f'<a href="{esc(before.name)}.html" rel="prev">→ {block("span", before.title)}</a>')
    if after is not None:
        nav.append(f'<a href="{esc(after.name)}.html" rel="next">{block("span", after.title)} ←</a>')
    head = (f'<header id="top"><nav class="pager">{" · ".join(nav)}</nav>{block("h1", page.title)}'
            f'<p class="muted">{label("قصة", "story") if page.story is not None else ""} '
            f'{count_ar(len(index.articles), "مقالة", "مقالتان", "مقالات")}</p></header>')
    parts = [head]
    if page.story is not None:
        parts.append(render_stories([page.story], index))
    parts += [_reuse(pairs, index), _articles(index)]
    return _document(f"نبأ — {page.title}", "\n".join(parts))


def _index_row(page: Page, n: dict[str, Any]) -> str:
    return (f'<tr><td>{page.position}</td><th class="fact"><a href="{esc(PAGES + "/" + page.name + ".html")}">'
            f'{block("span", page.title)}</a></th><td>{n["articles"]}</td><td>{n["outlets"]}</td>'
            f'<td>{bidi(n["start"])}</td><td>{bidi(n["end"])}</td><td>{n["corroborated"]}</td>'
            f'<td>{n["contradictions"]}</td></tr>')


def _report_title(doc: dict[str, Any]) -> str:
    return f"نبأ — تقرير ({count_ar(counts(doc)['articles'], 'مقالة', 'مقالتان', 'مقالات')})"


def _document(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="ar" dir="rtl">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def _header(doc: dict[str, Any]) -> str:
    numbers = counts(doc)
    tiles = [
        ("articles", "المقالات", "articles", "articles"),
        ("outlets", "المنافذ", "outlets", "articles"),
        ("rejected", "المرفوضة", "rejected", "rejected"),
        ("stories", "القصص", "stories", "stories"),
        ("reuse", "أزواج النقل", "reuse pairs", "reuse"),
    ]
    items = []
    for key, arabic, latin, target in tiles:
        warn = ' class="warn"' if key == "rejected" and numbers[key] else ""
        items.append(f'<li{warn}><a href="#{target}"><b>{numbers[key]}</b>{label(arabic, latin)}</a></li>')
    return (f'<header id="top"><h1>نبأ {label("تقرير الأخبار", "naba news report")}</h1>'
            f'<p class="muted">{label("الصيغة", "schema")}: {bidi(doc.get("schema"), "ident")}</p>'
            f'<ul class="counts">{"".join(items)}</ul></header>')


def _contents(index: ArticleIndex, stories: list[Any]) -> str:
    story_items = "".join(
        f'<li><a href="#story-{n}">{block("span", s.get("title"))}</a></li>'
        for n, s in enumerate(stories, start=1) if isinstance(s, dict))
    article_items = "".join(
        f'<li>{article_link(index, a.get("id"))}</li>' for a in index.articles)
    is_open = " open" if len(index.articles) <= TOC_OPEN_LIMIT else ""
    return (f'<nav class="toc card" aria-label="المحتويات"><h2>{label("المحتويات", "contents")}</h2><ol>'
            f'<li><a href="#stories">{label("القصص", "stories")}</a>'
            f'{f"<ol>{story_items}</ol>" if story_items else ""}</li>'
            f'<li><a href="#reuse">{label("النقل بين المقالات", "text reuse")}</a></li>'
            f'<li><a href="#rejected">{label("المدخلات المرفوضة", "rejected inputs")}</a></li>'
            f'<li><a href="#articles">{label("المقالات", "articles")}</a>'
            f'<details{is_open}><summary>القائمة ({len(index.articles)})</summary><ol>{article_items}</ol>'
            "</details></li></ol></nav>")


def _reuse(pairs: list[Any], index: ArticleIndex, computed: bool = True) -> str:
    heading = f'<h2>{label("النقل بين المقالات", "text reuse")}</h2>'
    rows = [_pair(p, index) for p in pairs if isinstance(p, dict)]
    if not rows:
        said = (("لم يجد البحث عن النقل نصوصًا منقولة بين هذه المقالات.", "No reuse found among these articles.")
                if computed else ("لم يُبحث عن النقل في هذا الملف بعد.", "Reuse was not looked for in this file."))
        return f'<section id="reuse">{heading}<p class="notice">{said[0]} {english(said[1])}</p></section>'
    return f'<section id="reuse">{heading}<ol class="items">{"".join(rows)}</ol></section>'


def _pair(pair: dict[str, Any], index: ArticleIndex) -> str:
    near = "نعم" if pair.get("near_duplicate") else "لا"
    original = article_link(index, pair["original"]) if pair.get("original") else "غير معروف"
    passages = [p for p in as_list(pair.get("passages")) if isinstance(p, dict)]
    shown = "".join(_passage_pair(p, pair, index) for p in passages)
    details = (f'<details><summary>{label("المقاطع المشتركة", "shared passages")} ({len(passages)})'
               f"</summary><ol>{shown}</ol></details>") if passages else ""
    similarity = bidi(format_number(pair.get("similarity")))
    said = (f'<p class="summary"><strong>{esc(pair["summary"])}</strong>'
            f'{english(as_text(pair.get("summary_en")))}</p>') if pair.get("summary") else ""
    return (f'<li class="pair card">{said}<p>{article_link(index, pair.get("a"))} ⟷ '
            f'{article_link(index, pair.get("b"))}</p>'
            f'<p class="meta-line">{label("التشابه", "similarity")}: {similarity}'
            f' · {label("شبه مطابقة", "near duplicate")}: {near}'
            f' · {label("الأصل", "original")}: {original}</p>{details}</li>')


def _passage_pair(passage: dict[str, Any], pair: dict[str, Any], index: ArticleIndex) -> str:
    sides = []
    for side in ("a", "b"):
        text = index.passage(pair.get(side), passage.get(f"{side}_span"))
        sides.append(block("blockquote", text) if text is not None
                     else '<p class="muted">المقطع غير متاح</p>')
    return (f'<li><span class="tag">{esc(passage.get("kind"))}</span>'
            f'<div class="two">{"".join(sides)}</div></li>')


def _rejected(rejected: list[Any]) -> str:
    heading = f'<h2>{label("المدخلات المرفوضة", "rejected inputs")} ({len(rejected)})</h2>'
    if not rejected:
        return (f'<section id="rejected">{heading}<p>لم يُرفض أي مدخل. '
                f'{english("Nothing was rejected.")}</p></section>')
    rows = "".join(
        f'<li>{bidi(r.get("source_path"), "path")}<br>'
        f'<span class="muted">{label("السبب", "reason")}:</span> '
        f'{esc(reason_ar(r.get("reason"))) + " — " if reason_ar(r.get("reason")) else ""}{block("span", r.get("reason"))}</li>'
        for r in rejected if isinstance(r, dict))
    return (f'<section id="rejected">{heading}<p class="muted">هذه المدخلات لم تصبح مقالات، ولم يدخل '
            f'شيء منها في القصص. {english("These inputs were skipped.")}</p>'
            f'<ol class="rejected card">{rows}</ol></section>')


# A report of more articles than this folds each article's text under its word count: the texts were
# most of a 300-article report's 660,000 px; the metadata, citations' passages and stories stay in view.
TEXTS_SHOWN_UPTO = 10
_EMPTY_TEXT = '<p class="muted">(النص فارغ)</p>'


def _articles(index: ArticleIndex) -> str:
    heading = f'<h2>{label("المقالات", "articles")} ({len(index.articles)})</h2>'
    folded = len(index.articles) > TEXTS_SHOWN_UPTO
    cards = "\n".join(_article(a, index, folded) for a in index.articles)
    return f'<section id="articles">{heading}\n{cards or "<p>لا مقالات.</p>"}</section>'


def _article(article: dict[str, Any], index: ArticleIndex, folded: bool = False) -> str:
    anchor = index.anchor(article.get("id"))
    text = as_text(article.get("text"))
    body = f'<div class="text">{"".join(block("p", p) for p in paragraphs(text)) or _EMPTY_TEXT}</div>'
    if folded and text.strip():
        body = (f'<details class="text-folded"><summary>{label("النص", "text")} '
                f'({count_ar(len(text.split()), "كلمة", "كلمتان", "كلمات")})</summary>{body}</details>')
    return (f'<article class="article card" id="{anchor}">{_article_title(article)}'
            f'{_article_meta(article)}{body}{_boilerplate(article)}{_extra(article)}</article>')


def _article_title(article: dict[str, Any]) -> str:
    title, untitled = display_title(article)
    if not untitled:
        return f'<h3{dir_attr(title)}>{esc(title)}</h3>'
    return (f'<h3><span class="untitled-title"{dir_attr(title)}>{esc(title)}</span>'
            f'<span class="untitled">بلا عنوان · <span lang="en">untitled</span></span></h3>')


def _article_meta(article: dict[str, Any]) -> str:
    rows = [f"<dt>{label(arabic, english)}</dt><dd>{_field_value(article, key)}</dd>"
            for key, arabic, english in ARTICLE_FIELDS]
    return f'<dl class="meta">{"".join(rows)}</dl>'


def _field_value(article: dict[str, Any], key: str) -> str:
    value = article.get(key)
    if key == "url":
        href = safe_href(value)
        if href:
            return (f'<a href="{esc(href)}" rel="noopener noreferrer nofollow">'
                    f'<bdi class="path" dir="ltr">{esc(value)}</bdi></a>')
        return bidi(value, "path")
    if key == "published" and value:
        source = as_text(article.get("published_from"))
        note = f' <span class="muted">({esc(PUBLISHED_FROM.get(source, source))})</span>' if source else ""
        return bidi(value) + note
    css = "path" if key == "source_path" else "ident" if key in ("id", "source_id") else ""
    return bidi(value, css)


def _boilerplate(article: dict[str, Any]) -> str:
    lines = [as_text(line) for line in as_list(article.get("boilerplate"))]
    if not lines:
        return '<p class="muted meta-line">لم يُزل شيء من الصفحة.</p>'
    items = "".join(block("li", line) for line in lines)
    return (f'<details class="boilerplate"><summary>ما أزيل من الصفحة ({len(lines)} سطر) '
            f'{english("removed boilerplate")}</summary><ol>{items}</ol></details>')


def _extra(article: dict[str, Any]) -> str:
    extra = article.get("extra")
    if not isinstance(extra, dict) or not extra:
        return ""
    rows = "".join(f"<dt>{bidi(key, 'ident')}</dt><dd>{_extra_value(value)}</dd>"
                   for key, value in extra.items())
    return (f'<details class="extra"><summary>حقول إضافية ({len(extra)}) '
            f'{english("extra input fields")}</summary><dl class="meta">{rows}</dl></details>')


def _extra_value(value: Any) -> str:
    """Strings read in their own direction; lists, numbers and objects are JSON, read left to right."""
    return block("span", value) if isinstance(value, str) else bidi(value, "ident")
