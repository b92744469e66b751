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
- a timeline: the sentences that carry a day or month date, one entry per statement under the date
  it reports, with every article that says it cited.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_left, bisect_right
from typing import Any

from naba.model import Article, Story
from naba.normalize import fold
from naba.rules import load_json

__all__ = ["enrich_story", "infer_publication", "timeline"]

_SENTENCE_END = re.compile(r"[.؟!?؛\n]")
_WORD = re.compile(r"\w{3,}")
_CLAUSES = load_json("relative_dates.json")
_CLAUSE_WORDS = frozenset(_CLAUSES["clause_words"])
_CLAUSE_REACH = _CLAUSES["clause_reach"]
_WORD_OR_CLITIC = re.compile(r"\w+")
_RANGE_WORDS = frozenset(("", "إلى", "الى", "حتى", "و"))  # between a range's two dates («من 20 - 21 أغسطس»)
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

    A sentence carrying a day- or month-precision date is a statement about that date; a sentence
    naming several is listed once, under the one it reports (`_reported_date`). Sentences that give
    the same date and share most words (`SAME_STATEMENT`) are one entry citing each article, and so
    are those a day apart that tell one happening by a bare «اليوم» or «أمس» (`_one_day_apart`). When
    more than `TIMELINE_MAX` are left, those cited most are kept, then those in the story's own words.
    """
    entries: list[dict[str, Any]] = []
    by_date: dict[str, list[dict[str, Any]]] = {}  # the same entries, each date's in order
    for article in sorted(members, key=lambda a: (a.published or "9999", a.id)):
        dated = [m for m in article.dates if m.get("precision") in ("day", "month") and m.get("date")]
        ends = [m.end() for m in _SENTENCE_END.finditer(article.text)] if dated else []
        sentences: dict[tuple[int, int], list[dict[str, Any]]] = {}
        for mention in dated:
            sentences.setdefault(_sentence_at(article.text, *mention["span"], ends), []).append(mention)
        for (start, end), mentions in sentences.items():
            mention = _reported_date(mentions, article.published, article.text[start:end], start)
            words = set(_WORD.findall(fold(article.text[start:end])))
            citation = {"article": article.id, "span": [start, end]}
            same_day = by_date.setdefault(mention["date"], [])
            entry = next((e for e in same_day if _overlap(e["_words"], words) >= SAME_STATEMENT), None)
            if entry is None:
                entry = {"date": mention["date"], "precision": mention["precision"],
                         "text": article.text[start:end], "citations": [], "_words": words,
                         "_anchored": False}
                entries.append(entry)
                same_day.append(entry)
            if citation not in entry["citations"]:
                entry["citations"].append(citation)
            entry["_anchored"] = entry["_anchored"] or not _bare_day(mention)
    entries = _one_day_apart(entries)
    if len(entries) > TIMELINE_MAX:
        spread = _story_words(members)
        entries = sorted(entries, key=lambda e: (-len(e["citations"]), -_centrality(e["_words"], spread)))
        entries = entries[:TIMELINE_MAX]
    entries.sort(key=lambda e: (e["date"], -len(e["citations"])))
    return [{k: v for k, v in e.items() if not k.startswith("_")} for e in entries]


def _reported_date(mentions: list[dict[str, Any]], published: str | None, sentence: str,
                   offset: int) -> dict[str, Any]:
    """Of one sentence's dates (`sentence` starts at `offset` of its article), the one it reports: a
    day not after its article's publication before one ahead («وصل … اليوم إلى المالديف للمشاركة
    في احتفالات … يوم غد»: today), a day before a month, one outside a relative clause before one in
    it («وصل … أمس للمشاركة في الاحتفالات التي تقام اليوم الأحد»: yesterday; `clause_words`), a day
    named by its weekday or date before a bare «اليوم» or «أمس» (`_bare_day`: «قالت الخارجية أول من
    أمس إن مسلحين خطفوا مواطنا يوم الأربعاء الماضي»: Wednesday; the bare «اليوم» is also the one that
    means "nowadays"), then the latest («ارتفع عدد ضحايا كارثة الثلاثاء بعد انتشال جثتين صباح
    السبت»: Saturday), or of those ahead the nearest. The end of a range («من 27 شوال إلى 6 ذي
    القعدة») is no candidate beside its start."""
    ordered = sorted(mentions, key=lambda m: m["span"][0])
    mentions = [m for m, previous in zip(ordered, [None, *ordered]) if previous is None or
                sentence[previous["span"][1] - offset:m["span"][0] - offset].strip(" -–—") not in _RANGE_WORDS]
    if len(mentions) == 1:
        return mentions[0]
    today = (published or "")[:10]

    def ahead(m: dict[str, Any]) -> bool:
        return bool(today) and m["date"] > today[:len(m["date"])]

    def rank(m: dict[str, Any]) -> tuple:
        nearest = m["date"] if ahead(m) else "".join(chr(0x10FFFF - ord(c)) for c in m["date"])
        before = _WORD_OR_CLITIC.findall(sentence[:m["span"][0] - offset])[-_CLAUSE_REACH:]
        in_clause = any(w in _CLAUSE_WORDS or w[1:] in _CLAUSE_WORDS for w in before)
        return ahead(m), m["precision"] != "day", in_clause, _bare_day(m), nearest

    return min(mentions, key=rank)


def _bare_day(mention: dict[str, Any]) -> bool:
    """«اليوم», «أمس», «أول من أمس» without a weekday: a day counted from an outlet's today, which a
    reprinted or late-crawled page moves (a weekday or a calendar date anchors it)."""
    rule = mention.get("rule") or {}
    return bool(mention.get("relative")) and rule.get("kind") == "days" and rule.get("weekday") is None


def _one_day_apart(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Two entries a day apart that tell one happening in most of the same words (`SAME_STATEMENT`),
    one of them dated only by a bare day (`_bare_day`), each the other's closest on that day, are one
    entry: an agency text reprinted the next day keeps its «اليوم» where another outlet writes «أمس».
    It takes the date of the side anchored by a weekday or a calendar date, else the earlier one: a
    bare day counted from a page's crawl time is never before the day it was written.
    Closest, not any: an arrival and that evening's reception share the minister's name and titles."""
    alive = [e for e in entries if e["precision"] == "day"]
    while True:
        by_date: dict[str, list[dict[str, Any]]] = {}
        for e in alive:
            by_date.setdefault(e["date"], []).append(e)
        pairs = []
        for e in alive:
            day = (_dt.date.fromisoformat(e["date"]) + _dt.timedelta(days=1)).isoformat()
            other = _closest(e, by_date.get(day, []))
            if (other is not None and not (e["_anchored"] and other["_anchored"])
                    and _closest(other, by_date[e["date"]]) is e):
                pairs.append((e, other))
        if not pairs:
            kept_ids = {id(e) for e in alive}
            return [e for e in entries if e["precision"] != "day" or id(e) in kept_ids]
        merged: set[int] = set()  # ids of the entries of this round's pairs
        for e, other in pairs:
            if id(e) in merged or id(other) in merged:
                continue
            kept, lost = sorted((e, other), key=lambda x: (not x["_anchored"], x["date"]))
            kept["citations"].extend(c for c in lost["citations"] if c not in kept["citations"])
            merged.update((id(e), id(other)))
            lost["_gone"] = True
        alive = [e for e in alive if not e.get("_gone")]


def _closest(entry: dict[str, Any], others: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The entry of `others` sharing most of `entry`'s words, if it shares `SAME_STATEMENT` of them."""
    best = max(others, key=lambda o: _overlap(entry["_words"], o["_words"]), default=None)
    return best if best is not None and _overlap(entry["_words"], best["_words"]) >= SAME_STATEMENT else None


def _story_words(members: list[Article]) -> dict[str, int]:
    """How many of the story's articles use each word (3+ letters, folded)."""
    spread: dict[str, int] = {}
    for article in members:
        for word in set(_WORD.findall(fold(article.text))):
            spread[word] = spread.get(word, 0) + 1
    return spread


def _centrality(words: set[str], spread: dict[str, int]) -> float:
    """How much of a sentence is in the story's own words: the mean number of its articles using each
    word (an aside of a news roundup — another disaster, another trial — scores low)."""
    return sum(spread.get(w, 0) for w in words) / len(words) if words else 0.0


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
