"""Contradictions: two articles state one fact incompatibly.

A candidate pair (shared roots, see `align`) contradicts when it talks about the same thing —
enough shared roots — and one of these holds, checked in this order:
- numbers: the same counted thing (the word after the number: «21 مدنيا» / «سبعة مدنيين») with
  different numbers;
- negation: one clause negates or denies (نفى، لا صحة، لم …) what the other asserts, and the
  pair model calls the pair a contradiction;
- antonyms: a word on one side and its opposite on the other (ارتفاع / انخفاض);
- characterisation: one thing called incompatible names (ثوار / إرهابيين);
- actors: the pair model says contradiction and the clauses name different actors (needs NER).
The word lists are data (`data/fusion.json`).
"""

from __future__ import annotations

from naba.extract.resolve import spelling_key
from naba.fuse.claims import Claim
from naba.fuse.rules import fusion_rules
from naba.fuse.words import Gist, bare, count_conflict, counted, root, swapped
from naba.reuse.tokens import content_stems

ABOUT = 0.2  # root Jaccard two clauses need to be about the same thing (seeds: same fact >= 0.18)
# Word swaps and actors are weaker evidence (long sentences hold an antonym pair by chance, and
# the pair model is unsure on sentences), so those need more shared content (SaudiNewsNet story:
# at 0.2, four of five antonym conflicts were two different events).
SWAP_ABOUT = 0.3
ACTORS_ABOUT = 0.4
ABOUT_WORDS = 6  # words of the shared content quoted in `about`


def reason(a: Claim, b: Claim, label: str, jaccard: float) -> str | None:
    """Why two claims contradict (numbers | negation | antonyms | characterisation | actors) or None."""
    if jaccard < ABOUT:
        return None
    ga, gb = a.gist, b.gist
    # Clauses that agree on one number and differ on another are usually a breakdown (28 dead:
    # 17 rebels and 11 soldiers), not a conflict: `count_conflict` needs no agreed count.
    if count_conflict(ga, gb):
        return "numbers"
    rules = fusion_rules()
    if label == "contradiction" and (_negates_shared(ga, gb) or _negates_shared(gb, ga)):
        return "negation"
    words_a, words_b = set(ga.words) | ga.stems, set(gb.words) | gb.stems
    only_a, only_b = words_a - words_b, words_b - words_a
    if jaccard >= SWAP_ABOUT and swapped(only_a, only_b, rules.antonyms):
        return "antonyms"
    if jaccard >= SWAP_ABOUT and swapped(only_a, only_b, rules.characterisations):
        return "characterisation"
    if (jaccard >= ACTORS_ABOUT and label == "contradiction" and a.actor and b.actor
            and spelling_key(a.actor) != spelling_key(b.actor)):  # «أنقرة» and «انقرة» are one actor
        return "actors"
    return None


# Words after a negation that must hold what the other clause says: a particle negates the next
# words (لم يصب), a denial verb is followed by its subject first (نفت وزارة الداخلية إغلاق …).
NEGATED_WINDOW = 2
DENIAL_WINDOW = 5


def _negates_shared(g: Gist, other: Gist) -> bool:
    """`g` negates something `other` asserts: a negation word of `g` (and none in `other`) is
    followed within `NEGATED_WINDOW` words by a root `other` has. A «لم» deep in a side remark
    («… فيما لم يصب الأذى مدرج المطار») does not make two reports of an arrival contradict.

    Not where `g` asserts that root itself outside the negation: «عودة الحياة لطبيعتها …، وهو ما
    قالت ميركل إنه ليس حياة طبيعية» holds the other report's «عودة الحياة لطبيعتها» and adds a remark.
    And a particle (لم، لن، لا) negates the word right after it, its verb: «لن ترفع أسعارها» does not
    deny «ستبقي على أسعارها» (both say prices stay), though both name the prices."""
    if not g.negated or other.negated:
        return False
    rules = fusion_rules()
    roots = [[root(s) for s in content_stems(w)] for w in g.words]
    for i, word in enumerate(g.words):
        word = bare(word)
        window = DENIAL_WINDOW if word in rules.denials else NEGATED_WINDOW if word in rules.negations else 0
        if not window or " ".join([word, *g.words[i + 1:i + 2]]) in rules.not_negations:
            continue  # «ولا سيما», «لا يزال»: no negation
        if word not in rules.denials:
            window = next((k + 1 for k, found in enumerate(roots[i + 1:i + 1 + window]) if found), 0)
        negated = {r for found in roots[i + 1:i + 1 + window] for r in found}
        asserted = {r for k, found in enumerate(roots) if not i <= k <= i + window for r in found}
        if any(r in other.roots and r not in asserted for r in negated):
            return True
    return False


def about(a: Claim, b: Claim, kind: str | None = None) -> str:
    """What the two clauses share, as words of the first clause in its order; for a numbers
    conflict, the counted thing and both counts («متفرج: 30000 / 28000»)."""
    if kind == "numbers":
        ca, cb = counted(a.gist), counted(b.gist)
        thing = next(k for k in ca.keys() & cb.keys() if ca[k].isdisjoint(cb[k]))
        return f"{thing}: {_figures(ca[thing])} / {_figures(cb[thing])}"
    shared = a.gist.roots & b.gist.roots
    words = [w for w in a.text.split() if any(root(s) in shared for s in content_stems(w))]
    return " ".join(words[:ABOUT_WORDS])


def _figures(values: set[float]) -> str:
    return "، ".join(f"{v:g}" if v < 1e6 else f"{v:,.0f}" for v in sorted(values))
