"""Article text cut into plain and highlighted segments, for templates that escape every piece.

No HTML is built here: the template wraps each highlighted segment in a `<mark>` and Jinja
escapes its text, so whatever an article holds shows as text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Highlight:
    """A span `[start, end)` of an article's text to mark, with its kind (CSS class) and a label."""

    start: int
    end: int
    kind: str
    label: str = ""


@dataclass(frozen=True)
class Segment:
    """A piece of the text: highlighted when `kind` is set."""

    text: str
    kind: str | None = None
    label: str = ""
    start: int = 0


def segments(text: str, highlights: list[Highlight]) -> list[Segment]:
    """Cut `text` at the highlights. Out-of-range spans are clipped; where spans overlap, the one
    that starts first (the longer at a tie) wins and the other is dropped.

    >>> [(s.text, s.kind) for s in segments("قال الوزير في دمشق", [Highlight(14, 18, "place")])]
    [('قال الوزير في ', None), ('دمشق', 'place')]
    """
    chosen, cursor = [], 0
    for h in sorted(highlights, key=lambda h: (h.start, -(h.end - h.start))):
        start, end = max(h.start, 0), min(h.end, len(text))
        if start >= cursor and end > start:
            chosen.append(Highlight(start, end, h.kind, h.label))
            cursor = end
    pieces, cursor = [], 0
    for h in chosen:
        if h.start > cursor:
            pieces.append(Segment(text[cursor:h.start], start=cursor))
        pieces.append(Segment(text[h.start:h.end], h.kind, h.label, h.start))
        cursor = h.end
    if cursor < len(text):
        pieces.append(Segment(text[cursor:], start=cursor))
    return pieces


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
