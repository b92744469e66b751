"""The story-level extraction step: what a story's articles say about who, where and when, together.

`enrich_story(story, articles)` fills `story.entities`, `story.places`, `story.dates`, `story.quotes` and
`story.timeline` from the per-article extraction results (`Article.entities`, `.dates`, `.quotes`):

- entities resolved across the story's articles (`naba.extract.resolve`);
- places decided in the story's context (`naba.extract.places.resolve_places`): the places an article
  names, found by the tagger (GPE/LOC) or the gazetteer;
- an article without a publication date takes one from its story (the median day of its dated
  articles; `published_from: "story"`), and its relative dates ("أمس", "الخميس") are then resolved;
- quotes with a short speaker named in full from earlier in its article (`speaker_full`: «السفارة» ->
  «السفارة الروسية في دمشق», `naba.extract.speakers`) and linked to a resolved entity (`speaker_entity`);
- a timeline: the sentences that carry a day or month date, one entry per date and statement, with
  every article that says it cited.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left, bisect_right
from typing import Any

from naba.model import Article, Story
from naba.normalize import fold

__all__ = ["enrich_story", "infer_publication", "timeline"]

_SENTENCE_END = re.compile(r"[.؟!?؛\n]")
_WORD = re.compile(r"\w{3,}")
TIMELINE_MAX = 30  # entries; the dates with most citations are kept
# Two sentences giving one date say the same thing when most words of the shorter (3+ letters) are
# in the longer: outlets retell a statement inside longer sentences of their own ("أعلن … أن …").
SAME_STATEMENT = 0.6


def enrich_story(story: Story, articles: dict[str, Article], spell: bool = True) -> Story:
    """Fill the story's extraction lists from its articles (see the module docstring).

    spell: spell the entities' names in Latin now; when false, the names without a GeoNames or a listed
    one (`naba.extract.known_names`) keep `latin` None for `naba.extract.resolve.spell_latin` to fill for
    many stories at once."""
    from naba.extract.known_names import name_known
    from naba.extract.place_links import join_places
    from naba.extract.resolve import link_speakers, resolve_entities, spell_latin
    from naba.extract.speakers import name_speakers

    members = [articles[i] for i in story.articles if i in articles]
    infer_publication(members)
    story.places = _places(members)
    # a place entity's Latin name: the place its mentions meet, else a place spelled as it is
    story.entities = join_places(resolve_entities(members, latin=_latin_from_places(story.places)), story.places)
    name_known(story.entities)
    if spell:
        spell_latin([story.entities])
    story.dates = [{**d, "article": a.id} for a in members for d in a.dates if d.get("date")]
    quotes = [{**q, "article": a.id} for a in members for q in name_speakers(a.quotes, a)]
    story.quotes = link_speakers(quotes, story.entities)
    story.timeline = timeline(members)
    return story


def infer_publication(members: list[Article]) -> None:
    """Give undated articles their story's median publication day, and resolve their relative dates."""
    days = sorted(d for d in (_day(a.published) for a in members) if d is not None)
    if not days:
        return
    reference = days[len(days) // 2]
    for article in members:
        if _day(article.published) is None:
            article.published = reference.isoformat()
            article.published_from = "story"
            _resolve_pending(article, reference)


def _resolve_pending(article: Article, reference: _dt.date) -> None:
    from naba.extract.temporal import resolve_relative

    article.dates = [resolve_relative(d, reference) if d.get("date") is None else d for d in article.dates]


def _day(published: str | None) -> _dt.date | None:
    if not published:
        return None
    try:
        return _dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def _places(members: list[Article]) -> list[dict[str, Any]]:
    from naba.extract.places import story_places

    return story_places(members)


def _latin_from_places(places: list[dict[str, Any]]) -> dict[str, str]:
    """GeoNames' Latin names of the story's places by spelling key: a place entity's Latin name is
    GeoNames' (Damascus), not a transliteration (Dimashq) — and costs no call of the romanizer."""
    from naba.extract.resolve import spelling_key

    english: dict[str, str] = {}
    for place in places:  # most mentioned first: حمص the town before حمص the province
        if place.get("name_en"):
            english.setdefault(spelling_key(place["name"]), place["name_en"])
    return english


def timeline(members: list[Article]) -> list[dict[str, Any]]:
    """Dated statements of the story in date order: `{"date", "precision", "text", "citations"}`.

    A sentence carrying a day- or month-precision date is a statement about that date; sentences
    that give the same date and share most words (`SAME_STATEMENT`) are one entry citing each article.
    """
    entries: list[dict[str, Any]] = []
    by_date: dict[str, list[dict[str, Any]]] = {}  # the same entries, each date's in order
    for article in sorted(members, key=lambda a: (a.published or "9999", a.id)):
        ends: list[int] | None = None
        for mention in article.dates:
            if mention.get("precision") not in ("day", "month") or not mention.get("date"):
                continue
            if ends is None:
                ends = [m.end() for m in _SENTENCE_END.finditer(article.text)]
            start, end = _sentence_at(article.text, *mention["span"], ends)
            words = set(_WORD.findall(fold(article.text[start:end])))
            citation = {"article": article.id, "span": [start, end]}
            same_day = by_date.setdefault(mention["date"], [])
            entry = next((e for e in same_day if _overlap(e["_words"], words) >= SAME_STATEMENT), None)
            if entry is None:
                entry = {"date": mention["date"], "precision": mention["precision"],
                         "text": article.text[start:end], "citations": [citation], "_words": words}
                entries.append(entry)
                same_day.append(entry)
            elif citation not in entry["citations"]:
                entry["citations"].append(citation)
    kept = sorted(entries, key=lambda e: -len(e["citations"]))[:TIMELINE_MAX]
    kept.sort(key=lambda e: (e["date"], -len(e["citations"])))
    return [{k: v for k, v in e.items() if k != "_words"} for e in kept]


def _sentence_at(text: str, start: int, end: int, ends: list[int]) -> tuple[int, int]:
    """The sentence around `[start, end)`: from after the previous sentence end to the next one
    (`ends`: where each sentence-end character of `text` ends, in order)."""
    before = ends[bisect_right(ends, start) - 1] if ends and ends[0] <= start else 0
    at = bisect_left(ends, end + 1)  # the first mark at or after `end`
    mark = ends[at] - 1 if at < len(ends) else None
    stop = (mark + 1 if text[mark] != "\n" else mark) if mark is not None else len(text)
    while before < stop and text[before].isspace():
        before += 1
    return before, stop


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
