"""Whether a claim reads on its own in a story's brief, and which earlier claims of its article it
leans on.

A brief shows claims out of their articles, so a clause that only makes sense after the sentence
before it misleads there: «وأوضح المصدر أن …» names no source, «جاء ذلك خلال زيارته …» tells of
nothing, «بعد أن غادرت دفعة …» is half a sentence. A reviewer reading 25 multi-outlet briefs of
SaudiNewsNet (records 27,000-29,999; 137 sentences) found 8 such sentences without the one they
lean on, 7 fragments, 6 headings, captions or link lines and 9 verses or formulas. The rules:

- unfit: a clause ending on «،» «؛» «:» or a dash (a line that breaks off mid-sentence, a clause
  cut from the rest of its sentence, a line that opens a list); a line with no final mark and
  fewer than `HEADING_WORDS` words (a heading, a caption, a name under a photo); a line of verse
  («**», «﴿»); one opening with a formula (قال الله تعالى، رحمه الله: `formula_openers` in
  fusion.json). These never go into a brief.
- leaning: a clause opening with `leaning_openers` (جاء ذلك، وأن، مؤكدا …) leans on the claim
  before it; a quote inside it whose speaker is named earlier (وأضاف …) or by one word whose
  fuller name comes earlier (وتوقع العيسى, وأوضح المصدر) leans on the claim that names them, and a
  later sentence of a quote that runs over several leans on the one the quote opens in. The brief
  takes a leaning claim only after what it leans on.
"""

from __future__ import annotations

import heapq
import re
from bisect import bisect_left, bisect_right

from naba.fuse.claims import Claim
from naba.fuse.rules import fusion_rules
from naba.model import Article
from naba.normalize import fold

HEADING_WORDS = 12  # captions and headings ran 4-10 words; a paragraph without its full stop, 15+
_FINAL = ".!؟?»\"”)'"
_BROKEN = "،,:؛;-–—"  # «؛» too: both reviewers read a clause ending on it as cut («… 21 حكما؛»)
_VERSE = ("**", "﴿")
_NAMES = ("PER", "ORG")
_WORD = re.compile(r"\w+")


def unfit(claim: Claim, text: str) -> str | None:
    """Why `claim` (of an article whose text is `text`) cannot stand in a brief: "fragment",
    "heading" or "formula"; None when it can.

    >>> from naba.fuse.claims import claims_of
    >>> t = "وصل الوفد إلى الرياض أمس في زيارة رسمية تستمر يومين،\\nالأمير فيصل بن خالد\\nقال تعالى: وأحسنوا إن الله يحب المحسنين."
    >>> [unfit(c, t) for c in claims_of(Article(body=t, text=t, source_kind="text"))]
    ['fragment', 'heading', 'formula']
    """
    body = claim.text.rstrip()
    if body[-1:] in _BROKEN:
        return "fragment"
    if any(mark in body for mark in _VERSE) or _opens_with(fold(body), fusion_rules().formula_openers):
        return "formula"
    rest = text[claim.span[1]:].lstrip(" \t")
    if (not rest or rest[0] == "\n") and body[-1:] not in _FINAL and len(body.split()) < HEADING_WORDS:
        return "heading"
    return None


def leaning(claims: list[Claim], article: Article) -> dict[int, set[int]]:
    """For claims of one article (in order): position -> positions of the earlier claims it leans on.

    >>> from naba.fuse.claims import claims_of
    >>> t = "زار وزير الصحة المستشفى الجديد في جدة صباح اليوم. جاء ذلك ضمن جولة تفقدية على مستشفيات المنطقة."
    >>> leaning(claims_of(Article(body=t, text=t, source_kind="text")), Article(body=t, text=t, source_kind="text"))
    {1: {0}}
    """
    by_start = sorted(claims, key=lambda c: c.span[0])
    starts = [c.span[0] for c in by_start]
    quotes = sorted(((q["span"][0], n, q) for n, q in enumerate(article.quotes or ())), key=lambda x: x[:2])
    quote_starts = [start for start, _, _ in quotes]
    names = _NamesByWord(article)
    out: dict[int, set[int]] = {}
    running: list[tuple[int, int, dict]] = []  # (end, number, quote) of the quotes opened before the claim
    opened = 0
    for claim in by_start:
        needs = set()
        if claim.position and _opens_with(fold(claim.text), fusion_rules().leaning_openers):
            needs.add(claim.position - 1)
        inside = quotes[bisect_left(quote_starts, claim.span[0]):bisect_left(quote_starts, claim.span[1])]
        for _, _, quote in inside:
            needs |= _speaker_before(claim, quote, by_start, starts, names, article)
        while opened < len(quotes) and quotes[opened][0] < claim.span[0]:
            heapq.heappush(running, (quotes[opened][2]["span"][1], quotes[opened][1], quotes[opened][2]))
            opened += 1
        while running and running[0][0] <= claim.span[0]:
            heapq.heappop(running)
        for _, _, quote in running:  # a later sentence of a long quote
            holder = _holding(by_start, starts, quote["span"][0])
            needs |= {holder.position} if holder else set()
        needs.discard(claim.position)
        if needs:
            out[claim.position] = needs
    return out


def _speaker_before(claim: Claim, quote: dict, claims: list[Claim], starts: list[int], names: _NamesByWord,
                    article: Article) -> set[int]:
    """The claim that names a quote's speaker when the claim holding the quote does not (fully)."""
    span = quote.get("speaker_span")
    if not span:
        return set()
    if span[0] < claim.span[0]:
        holder = _holding(claims, starts, span[0])
        return {holder.position} if holder else ({claim.position - 1} if claim.position else set())
    speaker = (quote.get("speaker") or article.text[span[0]:span[1]]).split()
    if len(speaker) != 1 or not claim.position:
        return set()
    first = names.first(fold(speaker[0]))
    holder = _holding(claims, starts, first) if first is not None and first < claim.span[0] else None
    return {holder.position} if holder else {claim.position - 1}


class _NamesByWord:
    """Where the article first names a person or organisation in more than one word, by each of its words."""

    def __init__(self, article: Article):
        self.article, self._first = article, None

    def first(self, word: str) -> int | None:
        if self._first is None:
            self._first = {}
            for e in self.article.entities or ():
                if e.get("type") in _NAMES and len(e["text"].split()) > 1:
                    for part in fold(e["text"]).split():
                        self._first[part] = min(self._first.get(part, e["span"][0]), e["span"][0])
        return self._first.get(word)


def _holding(claims: list[Claim], starts: list[int], offset: int) -> Claim | None:
    """The claim whose span holds `offset` (`claims` by start, which never overlap: clauses of sentences)."""
    i = bisect_right(starts, offset) - 1
    return claims[i] if i >= 0 and offset < claims[i].span[1] else None


def _opens_with(folded: str, phrases: tuple[tuple[str, ...], ...]) -> bool:
    words = _WORD.findall(folded)
    return any(tuple(words[:len(p)]) == p for p in phrases)
