"""The stories section of the HTML report: one card per story, one block per non-empty list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from naba.output import contradiction_sides
from naba.report._common import (
    STORY_SECTIONS, ArticleIndex, as_list, format_number, full_stories, quotes_by_speaker,
)
from naba.report._markup import (
    article_link, article_links, bidi, block, citations, cite, english, esc, label,
)
from naba.report.charts import timeline_svg
from naba.report.maps import map_svg

NOT_BUILT = ('<p class="notice">لم تُبنَ القصص بعد: هذه المرحلة لم تعمل على هذه المقالات. '
             f'{english("Stories are not built yet.")}</p>')


def render_stories(stories: list[Any], index: ArticleIndex) -> str:
    """The whole stories section, or a plain notice when there are none."""
    heading = f'<h2>{label("القصص", "stories")}</h2>'
    whole = full_stories(stories)
    cards = [_story(s, n, index) if n in whole else _story_line(s, n, index)
             for n, s in enumerate(stories, start=1) if isinstance(s, dict)]
    shown = sum(1 for n, s in enumerate(stories, start=1) if isinstance(s, dict))
    note = (f'<p class="notice">{len(whole)} قصة معروضة كاملة (أكثرها مقالات)، والباقية ({shown - len(whole)}) '
            f'بعنوانها ومقالاتها؛ كل قصة كاملة في stories.json وفي naba serve. '
            f'{english(f"{len(whole)} stories in full, the rest as one line each.")}</p>'
            if shown > len(whole) else "")
    body = note + "\n".join(cards) if cards else NOT_BUILT
    return f'<section id="stories">{heading}\n{body}</section>'


def _story_line(story: dict[str, Any], position: int, index: ArticleIndex) -> str:
    return (f'<article class="story line" id="story-{position}"><h3>{block("span", story.get("title"))}</h3>'
            f'<p class="meta-line">{label("المقالات", "articles")}: {article_links(index, story.get("articles"))}</p>'
            '</article>')


def _story(story: dict[str, Any], position: int, index: ArticleIndex) -> str:
    head = (f'<h3>{block("span", story.get("title"))}</h3>'
            f'<p class="meta-line">{label("الثقة", "confidence")}: '
            f'{bidi(format_number(story.get("confidence")))} · {label("المعرف", "id")}: '
            f'{bidi(story.get("id"), "ident")}</p>'
            f'<p class="meta-line">{label("المقالات", "articles")}: '
            f'{article_links(index, story.get("articles"))}</p>')
    sections = []
    for key, arabic, latin in STORY_SECTIONS:
        items = [i for i in as_list(story.get(key)) if isinstance(i, dict)]
        if items:
            sections.append(f'<h4>{label(arabic, latin)}</h4>{_section(key, items, index)}')
    return f'<article class="story card" id="story-{position}">{head}{"".join(sections)}</article>'


def _section(key: str, items: list[dict[str, Any]], index: ArticleIndex) -> str:
    """One list of a story: its figure, then its items — none when the figure shows each of them whole
    (the facts matrix), folded under their count when the figure draws them (places on the map, dates
    on the timeline): a first-time user found each fact listed three times and a 3-article story
    ~14,000 px tall."""
    figure = _FIGURES[key](items, index) if key in _FIGURES else ""
    if figure and key in _FIGURE_HOLDS_ITEMS:
        return figure
    if key in _GROUPED:
        return _GROUPED[key](items, index)
    rows = f'<ul class="items {key}">{"".join(_RENDERERS[key](i, index) for i in items)}</ul>'
    if key in _FOLDED:
        rows = f'<details class="folded"><summary>{_FOLDED[key]} ({len(items)})</summary>{rows}</details>'
    return figure + rows


def _map(places: list[dict[str, Any]], index: ArticleIndex) -> str:
    svg = map_svg(places)
    return f'<figure class="map">{svg}</figure>' if svg else ""


def _chart(timeline: list[dict[str, Any]], index: ArticleIndex) -> str:
    svg = timeline_svg(timeline)
    return f'<figure class="chart">{svg}</figure>' if svg else ""


def _matrix(facts: list[dict[str, Any]], index: ArticleIndex) -> str:
    """Facts x outlets: which outlet reports each fact (● own report, ○ only a copy of another's); a
    fact's first words open on it whole, who reported it first and its citations."""
    outlets: dict[str, None] = {}
    for fact in facts:
        for article in as_list(fact.get("sources")):
            outlets.setdefault(index.outlet(article), None)
    if len(outlets) < 2:
        return ""
    head = "".join(f"<th>{bidi(o)}</th>" for o in outlets)
    rows = []
    for n, fact in enumerate(facts, start=1):
        copies = {index.outlet(a) for a in as_list(fact.get("copies"))}
        own = {index.outlet(a) for a in as_list(fact.get("sources"))} - copies
        cells = "".join(f'<td>{"●" if o in own else "○" if o in copies else ""}</td>' for o in outlets)
        whole = (f'{block("p", fact.get("text"))}{_first_reported(fact, index)}'
                 f'{citations(index, fact.get("citations"))}')
        rows.append(f'<tr><th class="fact"><details class="fact"><summary>{n}. <span class="gist">'
                    f'{esc(_short(fact.get("text")))}</span></summary>{whole}</details></th>{cells}</tr>')
    key = (f'<p class="meta-line">● {label("ينشرها المنبر بنفسه", "own report")} · ○ '
           f'{label("في مقال منقول عن منبر آخر فقط", "only a copy")}</p>')
    return (f'{key}<div class="matrix"><table><thead><tr><th>{label("الواقعة", "fact")}</th>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>')


def _short(text: Any, words: int = 14) -> str:
    parts = str(text or "").split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _first_reported(fact: dict[str, Any], index: ArticleIndex) -> str:
    first = fact.get("first_reported_by")
    return (f'<p class="meta-line">{label("أول من نشرها", "first reported by")}: {article_link(index, first)}</p>'
            if first else "")


def _event(item: dict[str, Any], index: ArticleIndex) -> str:
    return f'<li>{block("span", item.get("title"))} — {article_links(index, item.get("articles"))}</li>'


def _summary(item: dict[str, Any], index: ArticleIndex) -> str:
    note = f'<p class="meta-line">{block("span", item.get("note"))}</p>' if item.get("note") else ""
    return f'<li>{block("p", item.get("text"))}{note}{citations(index, item.get("citations"))}</li>'


def _fact(item: dict[str, Any], index: ArticleIndex) -> str:
    return (f'<li>{block("p", item.get("text"))}'
            f'<p class="meta-line">{label("المصادر", "sources")}: '
            f'{article_links(index, item.get("sources"))}</p>{_first_reported(item, index)}'
            f'{citations(index, item.get("citations"))}</li>')


def _unique(item: dict[str, Any], index: ArticleIndex) -> str:
    facts = "".join(block("li", f) for f in as_list(item.get("facts")))
    return f'<li>{article_link(index, item.get("article"))}<ul>{facts}</ul></li>'


def _contradiction(item: dict[str, Any], index: ArticleIndex) -> str:
    sides = [
        '<ul class="claims">' + "".join(
            f'<li>{block("p", c.get("text"))}{cite(index, c.get("article"), c.get("span"))}</li>' for c in side)
        + "</ul>" for side in contradiction_sides(item)]
    versus = f'<p class="versus">{label("في المقابل", "versus")}</p>'
    return f'<li>{block("strong", item.get("about"))}{versus.join(sides)}</li>'


def _mentions(item: dict[str, Any], index: ArticleIndex) -> str:
    mentions = [m for m in as_list(item.get("mentions")) if isinstance(m, dict)]
    if not mentions:
        return ""
    return (f'<details class="mentions"><summary>{label("الإشارات", "mentions")} ({len(mentions)})'
            f'</summary>{citations(index, mentions)}</details>')


def _entity(item: dict[str, Any], index: ArticleIndex) -> str:
    variants = "، ".join(bidi(v) for v in as_list(item.get("variants")))
    latin = f" · {bidi(item.get('latin'))}" if item.get("latin") else ""
    also = f'<p class="meta-line">{label("صيغ أخرى", "variants")}: {variants}</p>' if variants else ""
    return (f'<li>{block("strong", item.get("name"))} <span class="tag">{esc(item.get("type"))}</span>'
            f"{latin}{also}{_mentions(item, index)}</li>")


def _place(item: dict[str, Any], index: ArticleIndex) -> str:
    where = ""
    if item.get("lat") is not None and item.get("lon") is not None:
        where = f" · {bidi(format_number(item.get('lat'), 4) + ', ' + format_number(item.get('lon'), 4))}"
    country = f' <span class="tag">{esc(item.get("country"))}</span>' if item.get("country") else ""
    geo = f" · GeoNames {bidi(item.get('geonames_id'))}" if item.get("geonames_id") is not None else ""
    return f'<li>{block("strong", item.get("name"))}{country}{where}{geo}{_mentions(item, index)}</li>'


def _date(item: dict[str, Any], index: ArticleIndex) -> str:
    return (f'<li>{block("span", item.get("text"))} ← {bidi(item.get("date"))} '
            f'<span class="tag">{esc(item.get("precision"))}</span>'
            f'{cite(index, item.get("article"), item.get("span"))}</li>')


def _quote(item: dict[str, Any], index: ArticleIndex, group: str | None = None) -> str:
    """One statement: its words, how it was reported, and a citation per article that carries it; the
    speaker as its article names it where that is not the `group` it is listed under."""
    via = as_list(item.get("via"))
    via_line = (f'<p class="meta-line">{label("عبر", "via")}: {"، ".join(bidi(v) for v in via)}</p>'
                if via else "")
    reports = item.get("reports") or [{"article": item.get("article"), "span": item.get("span")}]
    written = item.get("speaker")  # as its article names the speaker («السفارة» of «السفارة الروسية في دمشق»)
    named = f'{block("span", written, "as-written")} ' if written and written != group else ""
    return (f'<li><p>{named}<span class="tag">{esc(item.get("kind"))}</span></p>'
            f'{block("blockquote", item.get("text"), "quote")}{via_line}'
            f'<div class="cites">{"".join(cite(index, r.get("article"), r.get("span")) for r in reports)}</div></li>')


QUOTES_OPEN = 3  # speakers shown open, the most quoted first (as `naba serve`'s story page)


def _quotes(quotes: list[dict[str, Any]], index: ArticleIndex) -> str:
    """Quotes under their speakers, the most quoted first; a statement several articles carry is one
    entry citing each (the seeds' 61 quotes had filled ~9,400 px, one card each)."""
    groups = []
    for n, group in enumerate(quotes_by_speaker(quotes)):
        rows = "".join(_quote(q, index, group["speaker"]) for q in group["quotes"])
        groups.append(f'<details class="speaker"{" open" if n < QUOTES_OPEN else ""}><summary>'
                      f'{block("strong", group["speaker"])} ({len(group["quotes"])})</summary>'
                      f'<ul class="items quotes">{rows}</ul></details>')
    return "".join(groups)


def _timeline(item: dict[str, Any], index: ArticleIndex) -> str:
    return (f'<li><span class="when">{bidi(item.get("date"))}</span> {block("span", item.get("text"))}'
            f'{citations(index, item.get("citations"))}</li>')


_FIGURES: dict[str, Callable[[list[dict[str, Any]], ArticleIndex], str]] = {
    "places": _map, "timeline": _chart, "facts": _matrix,
}
_FIGURE_HOLDS_ITEMS = {"facts"}
_GROUPED: dict[str, Callable[[list[dict[str, Any]], ArticleIndex], str]] = {"quotes": _quotes}
_FOLDED = {"places": "الأماكن بإحداثياتها وإشاراتها", "dates": "كل التواريخ التي ذكرتها المقالات"}

_RENDERERS: dict[str, Callable[[dict[str, Any], ArticleIndex], str]] = {
    "events": _event, "summary": _summary, "facts": _fact, "unique": _unique,
    "contradictions": _contradiction, "entities": _entity, "places": _place,
    "dates": _date, "quotes": _quote, "timeline": _timeline,
}

assert set(_RENDERERS) == {key for key, _, _ in STORY_SECTIONS}, "every story list needs a renderer"
