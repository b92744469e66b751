"""Same-fact alignment: claims of different articles that state the same thing become one fact.

Candidate pairs come from shared roots (a sparse claims x roots product, never all pairs); each
candidate is decided by its root overlap weighted by rarity in the story (a root every claim has,
like «سوريا» in a Syria story, says little; «الصينية» says which embassy) and by `relate`, the
ANS-trained pair model. The model learned from headlines, so on long news sentences it is
trusted only together with some weighted overlap; on the seeds, weighted Jaccard >= 0.22 alone
separates same-fact pairs (the Russian statement quoted by four outlets: 0.30-1.0) from
same-topic pairs (the Chinese and the Russian embassies' calls: 0.13). Facts are groups of same-fact
links, strongest first, joined only where half their claim pairs are linked (no chains of related
sentences); a group never holds two claims of one article more than one sentence apart, so one
long article cannot chain two facts together. Two separate reports
(`contradict.separate`: three figures or more each, none in common — «ارتفاع أسهم 35 شركة … 143.7
مليون سهم» on one trading day and «ارتفاع أسهم 7 شركات … 158.5 مليون سهم» on the next) are never
one fact, however alike their words; nor are two clauses that each give two figures or more and
none of the other's (`words.other_figures`), nor two about different countries or towns
(`contradict.named_apart`: one congratulation cable's template sent to Bolivia and to Burkina Faso), nor
two market readings of one thing that do not agree (`words.other_readings`: Brent at 53.51 and at 53.31
dollars are two moments' prices).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from naba.fuse.claims import Claim
from naba.fuse.contradict import ABOUT, named_apart, reason, separate
from naba.fuse.relate import relate_gists
from naba.fuse.words import other_figures, other_readings

MIN_SHARED = 3  # roots two clauses share before they are compared at all
# Root Jaccard below which a pair is not compared: the lowest same-fact pair of the seeds (000's
# call to leave and 004's) shares 0.15 of its roots.
CANDIDATE_JACCARD = 0.12
SAME_WEIGHTED = 0.22  # rarity-weighted root Jaccard at which two clauses state the same fact
SAME_PROBABILITY = 0.5  # model probability of "same" that links a candidate pair ...
SAME_FLOOR = 0.15  # ... when it has at least this weighted Jaccard
COHESION = 0.5  # share of two groups' claim pairs that must be linked for the groups to be one fact


@dataclass
class Link:
    """A decided candidate pair (indices into the claim list)."""

    a: int
    b: int
    label: str  # same | contradiction | unrelated
    probability: float
    jaccard: float  # root Jaccard
    weighted: float  # rarity-weighted root Jaccard


@dataclass
class Fact:
    """A group of claims stating one fact; `claims` index the claim list."""

    claims: list[int] = field(default_factory=list)


def candidate_pairs(claims: list[Claim]) -> list[tuple[int, int, float]]:
    """Pairs of claims from different articles sharing enough roots: (i, j, root Jaccard), i < j."""
    if len(claims) < 2:
        return []
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for i, claim in enumerate(claims):
        for r in claim.gist.roots:
            rows.append(i)
            cols.append(vocabulary.setdefault(r, len(vocabulary)))
    matrix = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                               shape=(len(claims), max(1, len(vocabulary))))
    shared = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    jaccard = shared.data / (sizes[shared.row] + sizes[shared.col] - shared.data)
    articles = np.array([c.article for c in claims])
    keep = (shared.data >= MIN_SHARED) & (jaccard >= CANDIDATE_JACCARD) & \
        (articles[shared.row] != articles[shared.col])
    return [(int(i), int(j), float(s)) for i, j, s in zip(shared.row[keep], shared.col[keep], jaccard[keep])]


def rarity(claims: list[Claim]) -> dict[str, float]:
    """Weight of each root: log(1 + claims / claims holding it), a smoothed inverse document frequency."""
    held = Counter(r for c in claims for r in c.gist.roots)
    return {r: math.log(1 + len(claims) / n) for r, n in held.items()}


def weighted_jaccard(a: frozenset[str], b: frozenset[str], weight: dict[str, float]) -> float:
    """Jaccard of two root sets, each root counted by its weight (`weight` holds every root of the
    two, as `rarity` of their story's claims does). `math.fsum` makes the sums exact,
    so they do not depend on the order a set of strings is walked in (which the hash seed sets per
    process): with `sum`, the last bit moved, ties among links broke the other way and one story of
    records 27,000-29,999 grouped its facts differently in about one process in twenty."""
    union = math.fsum(map(weight.__getitem__, a | b))
    return math.fsum(map(weight.__getitem__, a & b)) / union if union else 0.0


def decide(claims: list[Claim], pairs: list[tuple[int, int, float]]) -> list[Link]:
    """Label each candidate pair: same fact, contradiction, or unrelated. The pair model reads a pair
    only where its word can change the label (`_settled`)."""
    weight = rarity(claims)
    links = []
    for i, j, jaccard in pairs:
        a, b = claims[i], claims[j]
        weighted = weighted_jaccard(a.gist.roots, b.gist.roots, weight)
        if (weighted < SAME_FLOOR and jaccard < ABOUT) or separate(a, b):
            # neither a same fact nor a contradiction can follow
            links.append(Link(i, j, "unrelated", 0.0, jaccard, weighted))
            continue
        # all figures differ, or the market readings: not one fact
        apart = other_figures(a.gist, b.gist) or other_readings(a.gist, b.gist)
        label, probability = _settled(a, b, jaccard, weighted, apart), 0.0
        if label is None:
            label, probability = relate_gists(a.gist, b.gist)
            if apart:
                label = "unrelated" if label == "same" else label
            elif label == "same" and probability >= SAME_PROBABILITY and weighted >= SAME_FLOOR:
                pass
            elif weighted >= SAME_WEIGHTED and reason(a, b, label, jaccard) is None:
                label = "same"
            elif label == "same":
                label = "unrelated"
        if label == "same" and named_apart(a, b):
            label = "unrelated"  # one template about two countries or towns
        links.append(Link(i, j, label, probability, jaccard, weighted))
    return links


def _settled(a: Claim, b: Claim, jaccard: float, weighted: float, apart: bool) -> str | None:
    """The label `decide` gives a pair whatever the pair model says, or None where its word counts.

    The model's label is read in two places: as same fact, which needs `SAME_FLOOR` and counts
    alone below `SAME_WEIGHTED`; and by `reason`, for a negation or actors contradiction. So where
    `reason` says the same with either label: a pair that cannot be one fact (`apart`, or below the
    floor) is unrelated, its contradiction (if any) found by `reason` alone; a pair at `SAME_WEIGHTED`
    or more that `reason` finds no contradiction in is one fact. The model read 7,552 pairs of a
    53-article story (SaudiNewsNet records 12,000-14,999) and now reads 2,738; the facts, contradictions
    and brief are the same."""
    if SAME_FLOOR <= weighted < SAME_WEIGHTED and not apart:
        return None
    why = reason(a, b, "contradiction", jaccard)
    if why != reason(a, b, "unrelated", jaccard):
        return None
    if apart or weighted < SAME_FLOOR:
        return "unrelated"
    return "same" if why is None else None


def group_facts(claims: list[Claim], links: list[Link], copies: dict[int, int]) -> list[Fact]:
    """Connected groups of same-fact links (and copy links: a copied clause is its original's fact).

    `copies` maps a claim to the claim it copies. Each claim ends in exactly one fact.
    """
    parent = list(range(len(claims)))
    members = {i: [i] for i in range(len(claims))}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    same = [(l.a, l.b, l.weighted) for l in links if l.label == "same"]
    same += [(c, o, 1.0) for c, o in copies.items()]
    linked = {frozenset((a, b)) for a, b, _ in same}
    for a, b, _ in sorted(same, key=lambda t: -t[2]):  # strongest links first
        ra, rb = find(a), find(b)
        if ra != rb and not _clash(claims, members[ra], members[rb]) \
                and _cohesive(claims, members[ra], members[rb], linked):
            parent[rb] = ra
            members[ra] += members.pop(rb)
    return [Fact(sorted(group)) for group in members.values()]


def _cohesive(claims: list[Claim], a: list[int], b: list[int], linked: set[frozenset[int]]) -> bool:
    """Whether two groups state one fact: at least `COHESION` of their claim pairs across articles are
    same-fact or copy links. One link alone lets related sentences chain into a group of different
    statements (a minister's «نفس الهدف» to another's «لسنا مستعدين لخفض إنتاجنا» through the talks
    between them: 3 of 20 multi-source facts on 3,000 SaudiNewsNet records)."""
    pairs = [(i, j) for i in a for j in b if claims[i].article != claims[j].article]
    return not pairs or sum(frozenset(p) in linked for p in pairs) >= COHESION * len(pairs)


def _clash(claims: list[Claim], a: list[int], b: list[int]) -> bool:
    """Two groups clash when joining them would put far-apart clauses of one article together."""
    for i in a:
        for j in b:
            if claims[i].article == claims[j].article and abs(claims[i].position - claims[j].position) > 1:
                return True
    return False
