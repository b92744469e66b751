"""Article text cut into plain and highlighted segments, for templates that escape every piece.

No HTML is built here: the template wraps each highlighted segment in a `<mark>` and Jinja
escapes its text, so whatever an article holds shows as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise


@dataclass(frozen=True)
class Highlight:
    """A span `[start, end)` of an article's text to mark, with its kind (CSS class) and a label."""

    start: int
    end: int
    kind: str
    label: str = ""


@dataclass(frozen=True)
class Segment:
    """A piece of the text: highlighted when `kind` is set (one or two CSS classes: a passage's and a
    name's inside it); `anchor` on the first piece of the citation followed to this page."""

    text: str
    kind: str | None = None
    label: str = ""
    start: int = 0
    anchor: bool = False


# Passages that hold names (a cited sentence, a quote, the citation followed here): drawn under the
# entities, places and dates inside them. Drawn in one layer, a cited sentence swallowed every name in
# it, and 52 of 60 article pages of a store showed no name at all (a browser audit).
PASSAGES = ("target", "cited", "quote")


def segments(text: str, highlights: list[Highlight]) -> list[Segment]:
    """Cut `text` at the highlights, in two layers: passages (`PASSAGES`) and the names and dates over
    them. Out-of-range spans are clipped; where spans of one layer overlap, the one that starts first
    (the longer at a tie; the citation followed here above all) wins and the other is dropped.

    >>> [(s.text, s.kind) for s in segments("قال الوزير في دمشق", [Highlight(14, 18, "place")])]
    [('قال الوزير في ', None), ('دمشق', 'place')]
    >>> [(s.text, s.kind) for s in segments("قال الوزير في دمشق", [Highlight(4, 18, "cited"), Highlight(14, 18, "place")])]
    [('قال ', None), ('الوزير في ', 'cited'), ('دمشق', 'cited place')]
    """
    names = _one_layer([h for h in highlights if h.kind not in PASSAGES], len(text))
    passages = _one_layer([h for h in highlights if h.kind in PASSAGES], len(text))
    cuts = sorted({0, len(text)} | {x for h in names + passages for x in (h.start, h.end)})
    pieces: list[Segment] = []
    n = p = 0
    for start, end in pairwise(cuts):
        while n < len(names) and names[n].end <= start:
            n += 1
        while p < len(passages) and passages[p].end <= start:
            p += 1
        name = names[n] if n < len(names) and names[n].start <= start else None
        outer = passages[p] if p < len(passages) and passages[p].start <= start else None
        kind = " ".join(h.kind for h in (outer, name) if h) or None
        label = (name.label if name else "") or (outer.label if outer else "")
        anchor = outer is not None and outer.kind == "target" and outer.start == start
        pieces.append(Segment(text[start:end], kind, label, start, anchor))
    return pieces


def _one_layer(highlights: list[Highlight], length: int) -> list[Highlight]:
    """The highlights that do not overlap, in order: the citation followed here first, then the one that
    starts first (the longer at a tie); spans clipped to the text."""
    targets = [Highlight(max(h.start, 0), min(h.end, length), h.kind, h.label) for h in highlights
               if h.kind == "target" and min(h.end, length) > max(h.start, 0)]
    chosen, cursor = list(targets), 0
    for h in sorted((h for h in highlights if h.kind != "target"), key=lambda h: (h.start, -(h.end - h.start))):
        start, end = max(h.start, 0), min(h.end, length)
        if end > start and start >= cursor and not any(start < t.end and t.start < end for t in targets):
            chosen.append(Highlight(start, end, h.kind, h.label))
            cursor = end
    return sorted(chosen, key=lambda h: h.start)


def passage(text: str, span) -> str:
    """The text a `[start, end)` span points at, or "" when the span does not fit the text."""
    try:
        start, end = int(span[0]), int(span[1])
    except (TypeError, ValueError, IndexError):
        return ""
    if not 0 <= start < end <= len(text):
        return ""
    return text[start:end]


def story_highlights(story: dict, article_id: str) -> list[Highlight]:
    """Every span the story's lists point at inside one article: entities, places, dates, quotes,
    and the passages facts and the brief cite."""
    return highlights_by_article(story).get(article_id, [])


def highlights_by_article(story: dict, articles: set[str] | None = None) -> dict[str, list[Highlight]]:
    """`story_highlights` for every article at once, or for those in `articles` (one pass over
    the story's lists: a 89-article story held 25,000 spans)."""
    found: dict[str, list[Highlight]] = {}

    def add(item: dict, kind: str, label: str) -> None:
        article = item.get("article")
        if (articles is None or article in articles) and isinstance(article, str) and _span(item):
            found.setdefault(article, []).append(Highlight(*item["span"][:2], kind, label))

    for kind in ("entities", "places"):
        for entity in story.get(kind) or []:
            label = f"{entity.get('name', '')} {entity.get('type', '')}".strip()
            for mention in entity.get("mentions") or []:
                add(mention, _kind(kind, entity), label)
    for kind, label_key in (("dates", "date"), ("quotes", "speaker")):
        for item in story.get(kind) or []:
            add(item, kind[:-1], str(item.get(label_key) or ""))
    for kind in ("summary", "facts"):
        for item in story.get(kind) or []:
            for citation in item.get("citations") or []:
                add(citation, "cited", "")
    return found


def article_highlights(article) -> list[Highlight]:
    """The spans an article's own extraction results carry (`Article.entities`, `dates`, `quotes`)."""
    found = [Highlight(*e["span"][:2], "entity-" + str(e.get("type", "MISC")).lower(), str(e.get("type", "")))
             for e in article.entities if _span(e)]
    found += [Highlight(*d["span"][:2], "date", str(d.get("date") or "")) for d in article.dates if _span(d)]
    found += [Highlight(*q["span"][:2], "quote", str(q.get("speaker") or "")) for q in article.quotes if _span(q)]
    return found


def _kind(list_name: str, item: dict) -> str:
    if list_name == "places":
        return "place"
    return "entity-" + str(item.get("type") or "misc").lower()


def _span(item: dict) -> bool:
    span = item.get("span")
    return type(span) in (list, tuple) and len(span) >= 2 and type(span[0]) is int and type(span[1]) is int
