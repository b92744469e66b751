"""The fusion stage: one story's articles -> facts, unique facts, contradictions and a cited brief."""

from __future__ import annotations

import itertools
from typing import Any

from naba.fuse import standalone
from naba.fuse.align import Fact, Link, candidate_pairs, decide, group_facts
from naba.fuse.brief import Candidate, repeats, select
from naba.fuse.claims import Claim, claims_of
from naba.fuse.contradict import (
    about,
    counts_by_article,
    denies,
    reason,
    told_elsewhere,
)
from naba.fuse.copies import copied_claims, rewrites
from naba.fuse.rules import fusion_rules
from naba.fuse.words import conflicting_things, counted
from naba.model import Article, Story
from naba.output import contradiction_sides


def fuse(story: Story, articles: dict[str, Article], reuse: list[dict], *, brief_sentences: int = 6) -> Story:
    """Fill `story.facts`, `unique`, `contradictions` and `summary` (stories.json shapes).

    articles: id -> Article for (at least) the story's members; ids not found are skipped.
    reuse: stories.json `reuse` entries (copies stage); a claim inside a passage another article
    wrote first counts as a copy, not as an independent source. An outlet's later articles that
    repeat a fact it already reported are listed as copies too: one outlet is one source.
    brief_sentences: sentences in the brief (the brief may be shorter when the story is small).
    Returns the same story.
    """
    members = [articles[i] for i in dict.fromkeys(story.articles) if i in articles]
    order = {a.id: rank for rank, a in enumerate(sorted(members, key=_publication_key))}
    claims = [c for a in sorted(members, key=lambda a: order[a.id]) for c in claims_of(a)]
    copies = copied_claims(claims, reuse, order)
    rewritten = rewrites(reuse, order)
    links = decide(claims, candidate_pairs(claims))
    facts = group_facts(claims, links, copies)
    records = sorted((_fact_record(claims, f, copies, order, articles, rewritten) for f in facts),
                     key=lambda r: (-len(r["independent_sources"]), r["_order"]))
    story.facts = [{k: v for k, v in r.items() if not k.startswith("_")} for r in records]
    story.unique = _unique(records, members)
    outlets = {a.id: a.outlet for a in members}
    story.contradictions = [c for c in _contradictions(claims, links, copies, outlets)
                            if c["kind"] != "actors" or _deeds_of_others(c, members, story.entities)]
    story.summary = _brief(records, _candidates(claims, records, members, story.events, order), brief_sentences)
    return story


def _publication_key(article: Article) -> tuple[int, str]:
    return (0, article.published) if article.published else (1, "")


def _fact_record(claims: list[Claim], fact: Fact, copies: dict[int, int], order: dict[str, int],
                 articles: dict[str, Article], rewritten: dict[str, set[str]]) -> dict[str, Any]:
    """One `facts` entry: text of the first report, sources, independent sources, copies, citations."""
    members = sorted(fact.claims, key=lambda i: (order[claims[i].article], claims[i].position))
    head = claims[members[0]]
    sources = list(dict.fromkeys(claims[i].article for i in members))
    copy_ids = _copies(claims, members, copies, sources, articles, rewritten)
    independent = [a for a in sources if a not in copy_ids]
    outlets = list(dict.fromkeys(articles[a].outlet for a in independent if articles[a].outlet))
    record = {"text": head.text, "sources": sources, "first_reported_by": sources[0],
              "independent_sources": independent, "copies": copy_ids, "outlets": outlets,
              "citations": [{"article": claims[i].article, "span": list(claims[i].span)} for i in members],
              "_order": (order[head.article], head.position), "_head": members[0]}
    record.update(head.roles())
    return record


def _copies(claims: list[Claim], members: list[int], copies: dict[int, int], sources: list[str],
            articles: dict[str, Article], rewritten: dict[str, set[str]]) -> list[str]:
    """Sources that only republish the fact: every claim of theirs copies another source's text, or
    the article republishes a source before it as a whole (`copies.rewrites`), or their outlet
    already reported it in an earlier article (one outlet is one source)."""
    copied_from = {claims[i].article: claims[copies[i]].article for i in members if i in copies}
    own = {claims[i].article for i in members if i not in copies}
    out, outlets = [], set()
    for k, a in enumerate(sources):
        outlet = articles[a].outlet
        if (a not in own and copied_from.get(a) in sources) or (outlet and outlet in outlets) \
                or (a in rewritten and _republished(claims, members, a, rewritten[a] & set(sources[:k]))):
            out.append(a)
        elif outlet:
            outlets.add(outlet)
    return out


def _republished(claims: list[Claim], members: list[int], article: str, originals: set[str]) -> bool:
    """Whether `article` tells this fact as a republication of one of `originals` (earlier sources of the
    fact that it republishes as a whole, `copies.rewrites`): yes, unless its clause says it is the outlet's
    own account («وأفاد مراسلنا من المستشفى …», `own_reporting`). Measured first as word overlap between the two
    clauses: a Jaccard floor of 0.5 gave back independence to 59 facts of records 12,000-14,999, and read,
    they were rewordings of one release («وأضاف أن المشروع يحوي …» / «وذكر أمين محافظة الطائف أن المشروع
    يحوي …»)."""
    own = fusion_rules().own_reporting
    return bool(originals) and not any(claims[i].gist.holds(w) for i in members if claims[i].article == article
                                       for w in own)


def _unique(records: list[dict[str, Any]], members: list[Article]) -> list[dict[str, Any]]:
    """Per article, the facts only it reports (with their spans)."""
    out = []
    for article in members:
        own = [r for r in records if r["sources"] == [article.id]]
        if own:
            out.append({"article": article.id, "facts": [r["text"] for r in own],
                        "spans": [r["citations"][0]["span"] for r in own]})
    return out


def _contradictions(claims: list[Claim], links: list[Link], copies: dict[int, int],
                    outlets: dict[str, str | None] | None = None) -> list[dict[str, Any]]:
    """Candidate pairs that state one thing incompatibly (see `naba.fuse.contradict`). Two articles
    of one outlet are one source: its update of a toll (26 dead, then 27) is no disagreement between
    outlets, and its market reports of two days share their words (99 of 270 contradictions on
    3,000 SaudiNewsNet records, none of the 9 real ones). The pairs that say the same two things are
    one contradiction whose claims carry their `side` (0 or 1): six outlets giving the agency's 143
    rising companies against one outlet's 113 are one disagreement, cited seven times. A copy on the
    side of its original is left out (the text counts once); an outlet found on both sides (two of its
    articles) keeps its latest article's side only — it corrected itself."""
    outlets = outlets or {}
    counts = counts_by_article(claims)
    found: dict[tuple, dict[str, Any]] = {}
    deniers: dict[int, tuple] = {}  # a negating claim -> the key of its negation entry
    for link in sorted(links, key=lambda l: -l.jaccard):
        a, b = claims[link.a], claims[link.b]
        if copies.get(link.a) == link.b or copies.get(link.b) == link.a:
            continue
        if outlets.get(a.article) and outlets.get(a.article) == outlets.get(b.article):
            continue
        why = reason(a, b, link.label, link.jaccard)
        if why is None or (why == "numbers" and told_elsewhere(a, b, counts)):
            continue
        if why == "negation":
            denier, other = (link.a, link.b) if denies(a, b) else (link.b, link.a)
            if denier in deniers:
                # a denial against a third outlet's wording of what it denies: that outlet joins the other
                # side (the Pentagon's «نفت … خطف» against three outlets' abduction reports is one entry);
                # two denials of one report's two points stay two
                entry = found[deniers[denier]]
                entry["_claims"].setdefault(other, 1 - entry["_claims"][denier])
                continue
        sides = _sides(a, b, why)
        key = (why, frozenset(sides)) if sides[0] != sides[1] else (why, a.text, b.text)
        entry = found.setdefault(key, {"about": about(a, b, why), "kind": why, "_sides": sides, "_claims": {}})
        numbers = (0, 1) if sides[0] == sides[1] else tuple(entry["_sides"].index(side) for side in sides)
        for index, side in zip((link.a, link.b), numbers):
            entry["_claims"].setdefault(index, side)
        if why == "negation":
            deniers.setdefault(denier, key)
    out = []
    for entry in found.values():
        cited = _cited(entry["_claims"], claims, copies, outlets)
        if len({side for side, _ in cited}) == 2:
            out.append({"about": entry["about"], "kind": entry["kind"], "claims": [
                {"text": claims[i].text, "article": claims[i].article, "span": list(claims[i].span), "side": side}
                for side, i in cited]})
    return out


def _cited(sides: dict[int, int], claims: list[Claim], copies: dict[int, int],
           outlets: dict[str, str | None]) -> list[tuple[int, int]]:
    """(side, claim index) of a contradiction's claims, sorted: an outlet's claims on the side of its latest
    one only (claims run in publication order), then a copy left out where its original is still cited on
    its side."""
    latest: dict[str, int] = {}
    for i in sorted(sides):
        if outlets.get(claims[i].article):
            latest[outlets[claims[i].article]] = i
    kept = {i: side for i, side in sides.items()
            if not outlets.get(claims[i].article) or sides[latest[outlets[claims[i].article]]] == side}
    return sorted((side, i) for i, side in kept.items() if kept.get(copies.get(i, -1)) != side)


def _sides(a: Claim, b: Claim, kind: str) -> tuple[tuple, tuple]:
    """What each claim says in a contradiction, so that the outlets saying one thing are one side of
    one contradiction: for numbers, the counts of the thing they conflict on («143 شركة» told by four
    outlets against one outlet's «113 شركة»: one contradiction of five claims, not four of two); else
    the clause's folded words (a clause copied word for word, punctuation aside). Two sides that read
    alike stay a contradiction of their own two claims (`_contradictions`)."""
    if kind == "numbers":
        thing = conflicting_things(a.gist, b.gist)[0]
        return tuple((thing, tuple(sorted(counted(c.gist)[thing]))) for c in (a, b))
    return a.gist.words, b.gist.words


def _deeds_of_others(contradiction: dict[str, Any], members: list[Article], entities: list[dict[str, Any]]) -> bool:
    """Whether an actors contradiction stands: two deeds told with different doers. Not when either
    clause reports what someone said (a quote of its article overlaps it: two officials each giving
    condolences, or one statement quoted from two speakers, is no conflict), nor when the two doers
    are one entity of the story (its resolved variants and titles: «دمرداش» / «ديمرتاش», «أمير منطقة
    مكة» / «الأمير خالد الفيصل»). On 3,000 SaudiNewsNet records none of 17 actors conflicts was real."""
    by_id = {a.id: a for a in members}
    claims = contradiction["claims"]
    for c in claims:
        quotes = by_id[c["article"]].quotes if c["article"] in by_id else []
        if any(q["span"][0] < c["span"][1] and c["span"][0] < q["span"][1] for q in quotes):
            return False
    named = [{n for c in side for n, e in enumerate(entities) for m in e.get("mentions", ())
              if m["article"] == c["article"] and c["span"][0] <= m["span"][0] < c["span"][1]}
             for side in contradiction_sides(contradiction)]
    return len(named) == 2 and not named[0] & named[1]


def _brief(records: list[dict[str, Any]], candidates: list[Candidate], sentences: int) -> list[dict[str, Any]]:
    """The cited brief: one sentence per chosen fact, cited by every claim that states it."""
    by_head = {r["_head"]: r for r in records}
    out = []
    for chosen in select(candidates, sentences=sentences):
        r = by_head[chosen.index]
        note = f"مصادر مستقلة: {len(r['independent_sources'])}"
        if r["copies"]:
            note += f"؛ نسخ منقولة: {len(r['copies'])}"
        out.append({"text": chosen.claim.text, "citations": r["citations"],
                    "independent_sources": r["independent_sources"], "copies": r["copies"], "note": note})
    return out


def _candidates(claims: list[Claim], records: list[dict[str, Any]], members: list[Article],
                events: list[dict[str, Any]], order: dict[str, int]) -> list[Candidate]:
    """One brief candidate per fact, its first report, with what `select` weighs besides its sources:
    whether it stands alone and which claims it leans on (`naba.fuse.standalone`; by index in
    `claims`, where each article's claims run together in order), and its event — the main one (told
    by the most outlets, then by the most articles, then the earliest) or a side event that one
    article alone tells."""
    by_id = {a.id: a for a in members}
    unfit, needs = set(), {}
    for article_id, run in itertools.groupby(enumerate(claims), key=lambda pair: pair[1].article):
        run = list(run)
        start, own, article = run[0][0], [c for _, c in run], by_id[article_id]
        unfit |= {start + c.position for c in own if standalone.unfit(c, article.text)}
        for position, leant in standalone.leaning(own, article).items():
            # a clause that repeats what it leans on tells it itself: «وقالت السفارة في بيان … تطالب
            # المواطنين الروس بالمغادرة» needs no «طالبت السفارة الروسية … المواطنين الروس بمغادرة سوريا»
            needs[start + position] = frozenset(start + p for p in leant if not repeats(own[position], own[p]))
    told = [[by_id[a] for a in e.get("articles", ()) if a in by_id] for e in events]
    ranked = sorted(range(len(events)), key=lambda k: (-len({a.outlet or a.id for a in told[k]}), -len(told[k]),
                                                       min((order[a.id] for a in told[k]), default=0)))
    event = {a.id: (rank, events[k].get("id") if len(told[k]) == 1 else None)
             for rank, k in enumerate(ranked) for a in told[k]}
    out = []
    for r in records:
        head = r["_head"]
        rank, lone = min((event.get(a, (0, None)) for a in r["sources"]), key=lambda e: e[0])
        out.append(Candidate(claims[head], len(r["independent_sources"]), r["_order"], head,
                             needs.get(head, frozenset()), head not in unfit, rank == 0, lone if rank else None))
    return out
