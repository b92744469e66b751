"""Which claims only republish another article's text, read from the copies stage's passages.

A claim lies in a reused passage when at least half of it falls inside the passage's span in its
article; when the reuse entry names the other article as the `original`, the claim is a copy of
the other article's claim that covers the matching place of the passage (offsets mapped in
proportion, since a rewritten passage is not the same length on both sides).

When the copies stage could not tell who copied whom (`original` null: no dates), the text
still counts once — the later article in publication order (else story order) is taken as the
copy — if the passage is verbatim or the two articles share much text (`REWRITE`); a lone
rewritten passage does not count: two outlets translating one statement are two sources. Unless
one of them credits a news agency (`original_from` "agency"): then the shared text is the agency's,
one source however the outlets edited it (one AFP sentence about Yemen had counted as three sources).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from naba.fuse.claims import Claim

INSIDE = 0.5  # share of a claim's characters inside a passage for it to count as copied
# Trigram similarity of two articles above which an undirected pair is one text rewritten; seeds:
# عربي21 retelling القدس العربي's paragraphs 0.34, two outlets quoting one embassy statement 0.04.
REWRITE = 0.2


def copied_claims(claims: list[Claim], reuse: Iterable[dict[str, Any]],
                  order: dict[str, int]) -> dict[int, int]:
    """Map each copied claim (index) to the claim it copies.

    reuse: stories.json `reuse` entries; entries about articles outside `claims` are ignored.
    order: article id -> rank in publication order, for entries whose `original` is unknown
    (then the earlier article counts as the original).
    """
    by_article: dict[str, list[int]] = {}
    for i, claim in enumerate(claims):
        by_article.setdefault(claim.article, []).append(i)
    copies: dict[int, int] = {}
    for entry in reuse or []:
        a, b = entry.get("a"), entry.get("b")
        if a not in by_article or b not in by_article:
            continue
        original = entry.get("original") or min((a, b), key=lambda x: order.get(x, 0))
        for passage in entry.get("passages") or []:
            if not _well_formed(passage) or (not entry.get("original") and passage.get("kind") != "verbatim"
                                             and (entry.get("similarity") or 0.0) < REWRITE
                                             and entry.get("original_from") != "agency"):
                continue
            copy_span, source_span = (passage["a_span"], passage["b_span"]) if original == b else \
                (passage["b_span"], passage["a_span"])
            copy, source = (a, b) if original == b else (b, a)
            for i in by_article[copy]:
                if i not in copies and _inside(claims[i].span, copy_span) >= INSIDE:
                    j = _counterpart(claims, by_article[source], claims[i].span, copy_span, source_span)
                    if j is not None:
                        copies[i] = j
    return copies


def _well_formed(passage: Any) -> bool:
    """A passage with two [start, end) spans (anything else is skipped, not an error)."""
    return isinstance(passage, dict) and all(
        isinstance(passage.get(k), (list, tuple)) and len(passage[k]) == 2
        and all(isinstance(x, int) for x in passage[k]) for k in ("a_span", "b_span"))


def _inside(span: tuple[int, int], passage: list[int]) -> float:
    overlap = min(span[1], passage[1]) - max(span[0], passage[0])
    return max(0, overlap) / max(1, span[1] - span[0])


def _counterpart(claims: list[Claim], candidates: list[int], span: tuple[int, int],
                 copy_span: list[int], source_span: list[int]) -> int | None:
    """The source claim covering the place in `source_span` that matches `span` in `copy_span`."""
    scale = (source_span[1] - source_span[0]) / max(1, copy_span[1] - copy_span[0])
    start = source_span[0] + (max(span[0], copy_span[0]) - copy_span[0]) * scale
    end = source_span[0] + (min(span[1], copy_span[1]) - copy_span[0]) * scale
    best, best_overlap = None, 0.0
    for j in candidates:
        s, e = claims[j].span
        overlap = min(e, end) - max(s, start)
        if overlap > best_overlap:
            best, best_overlap = j, overlap
    return best


def rewrites(reuse: Iterable[dict[str, Any]], order: dict[str, int]) -> dict[str, set[str]]:
    """Article -> the articles it republishes as a whole: a pair whose texts share much (`REWRITE`); the
    copy is the entry's non-original, else the later article. Such an article counts as a copy for every
    fact it shares with what it republishes, also where it reworded the sentence (an SPA release with its
    dates written in words had counted as a second source for that one sentence, and as a copy for the
    rest). Two articles that share an agency's paragraph and little else stay two sources for the rest."""
    out: dict[str, set[str]] = {}
    for entry in reuse or []:
        a, b = entry.get("a"), entry.get("b")
        if a not in order or b not in order or (entry.get("similarity") or 0.0) < REWRITE:
            continue
        original = entry.get("original") or min((a, b), key=lambda x: order[x])
        out.setdefault(b if original == a else a, set()).add(original)
    return out

