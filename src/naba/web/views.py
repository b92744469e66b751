"""What the story and article pages show, built from stored data: plain dicts and lists, no HTML
from article data (the map and the timeline are SVG built by naba.report, which escapes names)."""

from __future__ import annotations

from itertools import count

from markupsafe import Markup

from naba.model import Article
from naba.output import contradiction_sides
from naba.report._common import PUBLISHED_FROM, quotes_by_speaker as grouped_quotes
from naba.report.charts import timeline_svg
from naba.report.maps import map_svg
from naba.web.spans import (
    PASSAGES,
    Highlight,
    article_highlights,
    highlights_by_article,
    passage,
    segments,
    story_highlights,
)

# A story page renders the full text of this many articles and lists this many by title, and
# shows this many copies (most similar first): SaudiNewsNet's biggest story has 1,459 articles and
# 10,880 copies, a 3 MB page in 2.2 s before these limits.
FULL_TEXT_ARTICLES = 25
LISTED_ARTICLES = 200
COPIES_SHOWN = 30
SPEAKERS_SHOWN = 60  # the most quoted first; the rest are in the API
TIMELINE_SHOWN = 100  # listed entries (the chart shows every one)
UNIQUE_SHOWN = 20  # facts listed per article under "what each outlet alone reports"
FACTS_SHOWN = 40  # rows of facts x outlets, in the fusion stage's order (the seeds' story has 73 facts)


def articles_to_read(story: dict, headers: list[Article]) -> list[str]:
    """Ids of the articles whose text the story page needs: the first shown in full, and every
    article a citation, a claim or a quote points into."""
    first = [a.id for a in _by_time(headers)[:FULL_TEXT_ARTICLES]]
    cited = [c.get("article") for item in [*(story.get("summary") or []), *(story.get("facts") or [])]
             for c in item.get("citations") or []]
    cited += [claim.get("article") for c in story.get("contradictions") or [] for claim in c.get("claims") or []]
    cited += [q.get("article") for q in story.get("quotes") or []]
    return list(dict.fromkeys([*first, *(i for i in cited if isinstance(i, str))]))


def story_page(story: dict, articles: list[Article], reuse: list[dict], reuse_total: int | None = None) -> dict:
    """Everything the story page shows, in the order it shows it. `articles` may hold headers
    only (empty text) for those not in `articles_to_read`."""
    by_id = {a.id: a for a in articles}
    numbers = count(1)

    def cite(citation: dict) -> dict:
        article = by_id.get(citation.get("article"))
        text = passage(article.text, citation.get("span")) if article else ""
        return {"number": next(numbers), "article": citation.get("article"), "span": citation.get("span"),
                "outlet": _label(article), "passage": text or "(المقطع غير متاح)"}

    outlets = sorted({_column(a) for a in articles})
    shown = _by_time(articles)[:LISTED_ARTICLES]
    marks = highlights_by_article(story, {a.id for a in shown[:FULL_TEXT_ARTICLES]})
    speakers = quotes_by_speaker(story.get("quotes") or [], by_id)
    return {
        "story": story,
        "brief": [{"text": s.get("text", ""), "note": s.get("note", ""),
                   "citations": [cite(c) for c in s.get("citations") or []]} for s in story.get("summary") or []],
        "outlets": outlets,
        "matrix": [_fact_row(f, by_id, outlets, cite) for f in (story.get("facts") or [])[:FACTS_SHOWN]],
        "facts_total": len(story.get("facts") or []),
        "contradictions": [_contradiction(c, by_id) for c in story.get("contradictions") or []],
        "unique": [_unique(u, by_id) for u in story.get("unique") or []],
        "speakers": speakers[:SPEAKERS_SHOWN],
        "speakers_total": len(speakers),  # groups, as shown: the raw spellings counted «الأمير» apart
        "map": Markup(map_svg(story.get("places") or [])),
        "places": _places(story.get("places") or []),
        "timeline": Markup(timeline_svg(story.get("timeline") or [])),
        "timeline_entries": [{"date": e.get("date"), "text": e.get("text", ""),
                              "citations": [cite(c) for c in e.get("citations") or []]}
                             for e in sorted(story.get("timeline") or [],
                                             key=lambda e: str(e.get("date") or ""))[:TIMELINE_SHOWN]],
        "publication": Markup(timeline_svg(publication_timeline(articles))),
        "reuse": [_copy(r, by_id) for r in reuse[:COPIES_SHOWN]],
        "reuse_total": len(reuse) if reuse_total is None else reuse_total,
        "articles": [_article_view(a, marks.get(a.id, []), i < FULL_TEXT_ARTICLES and bool(a.text))
                     for i, a in enumerate(shown)],
        "articles_total": len(articles),
    }


def article_page(article: Article, stories: list[dict], reuse: list[dict],
                 target: tuple[int, int] | None = None) -> dict:
    """The article page: its text with every span its stories (or its own extraction) mark;
    `target` (a citation followed here) is marked above all others."""
    highlights = article_highlights(article)
    for story in stories:
        highlights += story_highlights(story, article.id)
    if target and passage(article.text, target):
        # the passages it overlaps give way to it; the names inside it stay marked
        highlights = [h for h in highlights if h.kind not in PASSAGES or h.end <= target[0] or h.start >= target[1]]
        highlights.append(Highlight(target[0], target[1], "target", "المقطع المستشهد به"))
    mine = [r for r in reuse if article.id in (r.get("a"), r.get("b"))]
    return {"article": article, "segments": segments(article.text, highlights), "stories": stories,
            "reuse": mine, "entities": sorted({(s.text, s.kind) for s in segments(article.text, highlights) if s.kind
                                               and s.kind.startswith("entity")})}


def publication_timeline(articles: list[Article]) -> list[dict]:
    """One timeline entry per dated article (outlet and title): when each report appeared. A day
    guessed from the story for an undated article says so (it had looked stated)."""
    entries = []
    for a in articles:
        if a.published:
            name = a.title or a.label(outlet=False)  # the whole title; its file when it has none
            text = f"{a.outlet}: {name}" if a.outlet else name
            guessed = f" ({PUBLISHED_FROM['story']})" if a.published_from == "story" else ""
            entries.append({"date": a.published, "text": text + guessed})
    return entries


def quotes_by_speaker(quotes: list[dict], by_id: dict[str, Article]) -> list[dict]:
    """`naba.report._common.quotes_by_speaker`, each report with its outlet's label."""
    groups = grouped_quotes(quotes)
    for group in groups:
        for said in group["quotes"]:
            for report in said["reports"]:
                report["outlet"] = _label(by_id.get(report["article"]))
    return groups


def _fact_row(fact: dict, by_id: dict[str, Article], outlets: list[str], cite) -> dict:
    """One row of facts x outlets: per outlet "own" (it reports the fact itself), "copy" (only
    in an article copied from another outlet) or "" (not at all)."""
    copies = set(fact.get("copies") or [])

    def outlets_of(ids) -> set[str]:
        return {_column(by_id[i]) for i in ids if i in by_id}

    own = outlets_of(s for s in fact.get("sources") or [] if s not in copies)
    copied = outlets_of(copies)
    first = by_id.get(fact.get("first_reported_by"))
    return {"text": fact.get("text", ""), "first": _label(first) if first else "",
            "cells": ["own" if o in own else "copy" if o in copied else "" for o in outlets],
            "citations": [cite(c) for c in fact.get("citations") or []]}


def _unique(item: dict, by_id: dict[str, Article]) -> dict:
    spans = list(item.get("spans") or [])
    texts = list(item.get("facts") or [])
    facts = [{"text": f, "span": spans[i] if i < len(spans) else None} for i, f in enumerate(texts[:UNIQUE_SHOWN])]
    return {"article": item.get("article"), "outlet": _label(by_id.get(item.get("article"))), "facts": facts,
            "total": len(texts)}


def _contradiction(item: dict, by_id: dict[str, Article]) -> dict:
    sides = []
    for side in contradiction_sides(item):
        claims = []
        for claim in side:
            article = by_id.get(claim.get("article"))
            cited = passage(article.text, claim.get("span")) if article else ""
            claims.append({"text": claim.get("text", ""), "article": claim.get("article"), "outlet": _label(article),
                           "span": claim.get("span") if cited else None,
                           "passage": "" if cited.strip() == str(claim.get("text", "")).strip() else cited})
        sides.append(claims)
    return {"about": item.get("about", ""), "sides": sides}


def _places(places: list[dict]) -> list[dict]:
    named: dict[str, dict] = {}
    for p in places:
        entry = named.setdefault(str(p.get("name") or ""), {"name": p.get("name"), "country": p.get("country"),
                                                            "mentions": 0, "located": p.get("lat") is not None})
        entry["mentions"] += len(p.get("mentions") or []) or 1
    return sorted(named.values(), key=lambda e: -e["mentions"])


def _copy(entry: dict, by_id: dict[str, Article]) -> dict:
    return {**entry, "a_label": _label(by_id.get(entry.get("a"))), "b_label": _label(by_id.get(entry.get("b"))),
            "original_label": _label(by_id.get(entry.get("original"))) if entry.get("original") else ""}


def snippet_parts(snippet: dict | None) -> list[tuple[str, bool]]:
    """A search result's snippet (`SQLiteStore.search`) as (text, matched) pieces, in order."""
    if not snippet:
        return []
    text, parts, at = snippet["text"], [], 0
    for start, end in snippet["marks"]:
        if start >= at:
            parts += [(text[at:start], False), (text[start:end], True)]
            at = end
    return [p for p in [*parts, (text[at:], False)] if p[0]]


def _article_view(article: Article, highlights: list[Highlight], full: bool) -> dict:
    return {"article": article, "full": full, "segments": segments(article.text, highlights) if full else []}


def _column(article) -> str:
    """The facts x outlets column of an article: its outlet, or the article itself when the outlet
    is unknown (two unknown outlets are not one)."""
    return article.outlet or _label(article)


def _by_time(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published is None, a.published or "", a.id))


def _label(article: Article | None) -> str:
    return "مقال غير محفوظ" if article is None else article.label()
