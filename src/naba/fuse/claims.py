"""Claim-sized units of an article: sentences, and long sentences cut into clauses, with spans.

Sentences end at . ؟ ? ! ؛ followed by a space or a line break, and at every line break. A full
stop does not end a sentence between digits (2.5) or after a one-letter word (د. for doctor,
م. after a year) unless a line break follows. A sentence longer than `LONG` words is cut before
a word that opens a new clause — و/ف/ثم/كما/فيما/بينما joined to or followed by a reporting or
event verb from `data/fusion.json` (وأعلنت، ثم أرسل، كما انسحبت) — when both sides keep at least
`MIN_PART` words. We cut at verbs rather than at every «، و» because «، و» also joins the items of
a list («حلب وإدلب وحماة»), and a list cut in two gives clauses with no verb.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from naba.extract.temporal_resolve import publication_day
from naba.fuse.rules import fusion_rules
from naba.fuse.words import Gist, gist
from naba.model import Article
from naba.normalize import fold
from naba.span_index import SpanIndex
from naba.text import extraction_part

T = TypeVar("T")

LONG = 35  # words; news sentences average ~25 words (seeds), so only run-ons are cut
MIN_PART = 8  # words each side of a clause cut keeps
MIN_WORDS = 4  # a shorter line ("من جهتها،", a section name) is not a claim
COLON_WORDS = 8  # a line of speech ending on a colon this short runs into what was said

_END = re.compile(r"[.؟?!؛]+(?=[\s\"'»”)]*(?:\s|$))|(?<=\s)\.(?=[\u0621-\u064a])|\n+")
_WORD = re.compile(r"\w+")
_OPENERS = ("و", "ف", "ثم", "كما", "فيما", "بينما")
_JOINERS = ("و", "ف")
_CUT_MARKS = "،,"  # a clause cut before «، وأعلنت …» ends at its last word, not on the comma
# A paragraph's opening dateline: a byline, an outlet and a place joined by dashes, then a colon
# («سبق- الرياض:», «عبدالله الراجحي- سبق- جدة:», «واس- جدة:», «دمشق – «القدس العربي»:»). It names who
# filed the report, not what happened; 117 of the 16,048 brief sentences of SaudiNewsNet records
# 6,000-8,999 and 27,000-29,999 opened with one (every one of them a dateline).
_DATELINE = re.compile(r"\s*(?:[^\s:،.؛]{2,}(?:\s+[^\s:،.؛]{2,}){0,2}\s*[-–—]\s*){1,3}"
                       r"[^\s:،.؛]{2,}(?:\s+[^\s:،.؛]{2,}){0,2}\s*:\s*")


@dataclass
class Claim:
    """One clause of one article: where it is, what it says, and who/where/when when known."""

    article: str
    span: tuple[int, int]
    text: str
    position: int  # order of the claim in its article
    gist: Gist
    entities: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    day: str | None = None  # the article's publication day (ISO), when its outlet or its text gave it
    # The article's headline and the entities of its text the headline names: what a clause that names
    # no one or nowhere («وعزت الشركة …», «وتشرف اللجنة على 66 مركزا») is about (`naba.fuse.contradict`).
    headline: str = ""
    headline_entities: list[dict[str, Any]] = field(default_factory=list)
    # what `remembered` functions found of this clause
    memo: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def actor(self) -> str | None:
        """The first person, organisation or country the clause names (needs the NER stage)."""
        return next((e["text"] for e in self.entities if e.get("type") in ("PER", "ORG", "GPE")), None)

    @property
    def places(self) -> list[str]:
        return [e["text"] for e in self.entities if e.get("type") in ("GPE", "LOC")]

    def roles(self) -> dict[str, Any]:
        """Actor, places, dates and numbers of the clause, where known (for the fact record)."""
        found = {"actor": self.actor, "places": self.places,
                 "dates": [d["date"] for d in self.dates if d.get("date")],
                 "numbers": sorted(self.gist.numbers)}
        return {k: v for k, v in found.items() if v}


def remembered(function: Callable[[Claim], T]) -> Callable[[Claim], T]:
    """A function of one claim worked out once per claim: fusion reads a clause's doer, names and subjects
    for every pair it is in (a dense story of 53 articles: 470 claims in 16,000 candidate pairs). What it
    gives is shared: callers do not change it."""
    name = function.__qualname__

    @functools.wraps(function)
    def once(claim: Claim) -> T:
        if name not in claim.memo:
            claim.memo[name] = function(claim)
        return claim.memo[name]
    return once


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of `text`, whitespace trimmed, in order.

    >>> t = "ارتفع السعر إلى 2.5 دولار. وقال د. سمير: «لا». هل ينخفض؟\\nسطر جديد"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['ارتفع السعر إلى 2.5 دولار.', 'وقال د. سمير: «لا».', 'هل ينخفض؟', 'سطر جديد']
    """
    spans, start = [], 0
    for match in _END.finditer(text):
        if match.group()[0] == "." and (_abbreviation(text, match.start()) or _quoted_dots(text, match)
                                        or _spaced_abbreviation(text, match.start())):
            continue
        end = match.end() if match.group()[0] != "\n" else match.start()
        spans.append(_trim(text, start, end))
        start = match.end()
    spans.append(_trim(text, start, len(text)))
    return _joined_after_colons(text, [s for s in spans if s[0] < s[1]])


def _quoted_dots(text: str, match: re.Match) -> bool:
    """Two dots or more inside quotation marks opened earlier in the paragraph: a name's separator
    («مبادرة "عسير.. وجهة سياحية"», «برنامج "صوتك.. يفرق"»), not the end of a sentence."""
    if not match.group().startswith(".."):
        return False
    before = text[text.rfind("\n", 0, match.start()) + 1:match.start()]
    return before.count("«") > before.count("»") or before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _spaced_abbreviation(text: str, dot: int) -> bool:
    """A full stop written before its space after a one-letter word: «د .محمد» is an abbreviation."""
    words = text[max(0, dot - 4):dot].split()
    return bool(words) and len(words[-1]) == 1


def _joined_after_colons(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A short line of speech ending on a colon (at most `COLON_WORDS` words, with a reporting verb:
    «وأضاف:», «وقال المتحدث الرسمي:») joined to the line after it, what was said: alone it is a fragment no
    brief can use. Not a heading or a list's opening («أبرز الأخبار:», «ما يلي:»), a longer line («وفيما يلي
    نص البيان :» after a sentence of its own), nor before a verse or a formula («قال الله تعالى»)."""
    out: list[tuple[int, int]] = []
    rules = fusion_rules()
    for span in spans:
        last = out[-1] if out else None
        words = _WORD.findall(fold(text[last[0]:last[1]])) if last else []
        if last and text[last[1] - 1] == ":" and "\n" in text[last[1]:span[0]] and len(words) <= COLON_WORDS \
                and any(w in rules.attribution or w[1:] in rules.attribution for w in words) \
                and not any(tuple(_WORD.findall(fold(text[span[0]:span[1]]))[:len(p)]) == p for p in rules.formula_openers):
            out[-1] = (last[0], span[1])
        else:
            out.append(span)
    return out


def _abbreviation(text: str, dot: int) -> bool:
    """A full stop after a one-letter word, not followed by a line break."""
    before = text[max(0, dot - 3):dot]
    after = text[dot + 1:dot + 2]
    one_letter = len(before) >= 1 and before[-1].isalpha() and (len(before) < 2 or not before[-2].isalnum())
    return one_letter and after != "\n" and not (before[-1].isdigit())


def _trim(text: str, start: int, end: int, trailing: str = "") -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "-–—•*"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in trailing):
        end -= 1
    return start, end


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut one long sentence `text[start:end]` before clause-opening verbs (see module notes)."""
    words = [(m.start() + start, m.end() + start) for m in _WORD.finditer(text, start, end)]
    words = [(s, e) for s, e in words if s < end]
    if len(words) <= LONG:
        return [(start, end)]
    cuts = [i for i in range(MIN_PART, len(words) - MIN_PART + 1) if _opens_clause(text, words, i)]
    spans, begin, last = [], start, 0
    for i in cuts:
        if i - last >= MIN_PART:
            spans.append(_trim(text, begin, words[i][0], _CUT_MARKS))
            begin, last = words[i][0], i
    spans.append(_trim(text, begin, end))
    return [(s, e) for s, e in spans if s < e]


def _opens_clause(text: str, words: list[tuple[int, int]], i: int) -> bool:
    word = fold(text[slice(*words[i])])
    if _joined_verb(word):
        return True
    if word in _OPENERS and i + 1 < len(words):
        return fold(text[slice(*words[i + 1])]) in fusion_rules().clause_verbs
    return False


def _joined_verb(word: str) -> bool:
    """A folded word that is و/ف joined to a clause verb (وأعلنت، فقال)."""
    return any(word.startswith(j) and word[len(j):] in fusion_rules().clause_verbs for j in _JOINERS)


def claims_of(article: Article) -> list[Claim]:
    """The claims of one article, in text order (none for empty or non-Arabic text)."""
    text = extraction_part(article.text)
    day = _publication_day(article)
    entities, dates = SpanIndex(article.entities), SpanIndex(article.dates)
    headline = article.title or ""
    named = _headline_entities(article.entities, headline)
    claims: list[Claim] = []
    for s0, e0 in sentence_spans(text):
        if not text[text.rfind("\n", 0, s0) + 1:s0].strip():  # a paragraph's first sentence (after any spaces)
            s0 = _after_dateline(text, s0, e0)
        for s, e in clause_spans(text, s0, e0):
            g = gist(text[s:e])
            if len(g.stems) < MIN_WORDS or not _has_arabic(text[s:e]):
                continue
            claims.append(Claim(article.id, (s, e), text[s:e], len(claims), g,
                                entities.inside(s, e), dates.inside(s, e), day, headline, named))
    return claims


def _joined_forms(word: str) -> set[str]:
    """A folded name's first word as written behind a one-letter conjunction or preposition, its article
    kept («بالجوف», «للرياض» for «الرياض»; «الرياض» is no «رياض أطفال»)."""
    forms = {word, *(p + word for p in ("و", "ب", "ف", "ل", "ك"))}
    if word.startswith("ال"):
        forms |= {"لل" + word[2:], "ولل" + word[2:]}
    return forms


def _headline_entities(entities: list[dict[str, Any]], headline: str) -> list[dict[str, Any]]:
    """The article's entities (text and type, one of each) whose name its headline holds as whole words,
    the first behind a joined letter (`_joined_forms`)."""
    words = _WORD.findall(fold(headline))
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for e in entities:
        name = _WORD.findall(fold(e.get("text") or ""))
        if not name or (" ".join(name), e.get("type") or "") in out:
            continue
        first, rest = _joined_forms(name[0]), name[1:]
        if any(words[j] in first and words[j + 1:j + len(name)] == rest for j in range(len(words))):
            out[(" ".join(name), e.get("type") or "")] = {"text": e["text"], "type": e.get("type")}
    return list(out.values())


def _publication_day(article: Article) -> str | None:
    """The day (ISO) the article was published, as its outlet or its own text gave it; None when
    unknown or only guessed from its story (`published_from == "story"`)."""
    day = publication_day(article.published) if article.published_from != "story" else None
    return day.isoformat() if day else None


def _after_dateline(text: str, start: int, end: int) -> int:
    """Where a paragraph's first sentence starts after its dateline (`_DATELINE`); not after a
    reporting clause that holds a dash («وقال الوزير - في بيان: …»)."""
    found = _DATELINE.match(text, start, end)
    if not found or found.end() >= end:
        return start
    first = fold(text[start:found.end()].split()[0])
    if first in fusion_rules().clause_verbs or _joined_verb(first):
        return start
    return found.end()


def _has_arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)
