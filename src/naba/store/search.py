"""What a search query means, read once: the FTS5 query the store runs, the phrase that ranks first,
and the snippet a result shows with the query's words marked.

A query's words are folded as the index is (`naba.normalize.fold`); every word is required, each in
its forms with and without the article and one-letter conjunctions and prepositions (زلزال finds
الزلزال and وزلزال; الزلزال finds زلزال). Words in quote marks («…», "…", “…”) are a phrase: found only
together, in that order, the first in its forms. Words are quoted in the FTS5 query, so no operator
from user input reaches FTS5.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from naba.normalize import fold, normalize
from naba.text import clitic_forms

__all__ = ["Snippet", "fts_query", "phrase_query", "snippet"]

# A phrase in quote marks, else a run of text outside them (folded: « » “ ” are folded to ")
_PHRASE = re.compile(r'"([^"]*)"|([^"]+)')
_WORD = re.compile(r"\w+")


# A snippet: this many words around the densest stretch of the query's words.
SNIPPET_WORDS = 24


def _terms(q: str) -> list[tuple[list[str], list[str]]]:
    """The query's required terms, each (forms of its first word, the words after it in a phrase)."""
    terms = []
    for phrase, loose in _PHRASE.findall(fold(q)):
        words = _WORD.findall(phrase or loose)
        if phrase and len(words) > 1:
            terms.append((clitic_forms(words[0]), words[1:]))
        else:
            terms += [(clitic_forms(w), []) for w in words]
    return terms


def fts_query(q: str) -> str:
    """An FTS5 query for `q` ('' when it holds no word).

    >>> fts_query('مدرسة "أحمد"').split(" AND ")[0]
    '("مدرسه" OR "المدرسه" OR "والمدرسه" OR "بالمدرسه" OR "فالمدرسه" OR "كالمدرسه" OR "للمدرسه" OR "ومدرسه" OR "بمدرسه" OR "لمدرسه" OR "فمدرسه")'
    >>> fts_query('«جسر الموصل»').startswith('("جسر الموصل" OR "الجسر الموصل" OR ')
    True
    """
    return " AND ".join("(" + " OR ".join(f'"{" ".join([form, *rest])}"' for form in forms) + ")"
                        for forms, rest in _terms(q))


def phrase_query(q: str) -> str | None:
    """For a query of several words and no quote marks, the FTS5 query of those words as a phrase: the
    results holding it are listed first («محمد بن سلمان» unquoted also finds a notice naming «محمد» and
    «السلمان» apart, below the articles naming him). None for one word or a query with quote marks."""
    together = _as_phrase(q)
    return fts_query(together) if together else None


def _as_phrase(q: str) -> str | None:
    """`q` in quote marks when it is several words and has none of its own, else None."""
    folded = fold(q)
    return None if '"' in folded or len(_WORD.findall(folded)) < 2 else f'"{folded}"'


@dataclass(frozen=True)
class Snippet:
    """A stretch of an article's text and the spans in it (relative to `text`) that the query matched;
    `before` / `after`: the text goes on before / after it."""

    text: str
    marks: tuple[tuple[int, int], ...]
    before: bool
    after: bool


def snippet(text: str, q: str, words: int = SNIPPET_WORDS) -> Snippet | None:
    """The `words` words of `text` around the stretch holding most of the query's terms, with each
    matched word (a phrase: all its words) marked; None when the text holds none (a title match).
    Several words without quote marks are sought together first, as the results are ranked."""
    together = _as_phrase(q)
    return (together and _snippet(text, _terms(together), words)) or _snippet(text, _terms(q), words)


def _snippet(text: str, terms: list[tuple[list[str], list[str]]], words: int) -> Snippet | None:
    if not terms or not text:
        return None
    norm = normalize(text)
    tokens = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(norm.folded)]
    hits = []  # (first token, last token, term)
    for t, (forms, rest) in enumerate(terms):
        first = set(forms)
        for i, (_, _, token) in enumerate(tokens):
            if token in first and [w for _, _, w in tokens[i + 1:i + 1 + len(rest)]] == rest:
                hits.append((i, i + len(rest), t))
    if not hits:
        return None
    hits.sort()
    lead, last_token = _window(hits, words, len(tokens))
    start, end = norm.to_original(tokens[lead][0], tokens[last_token][1])
    end = _past_marks(text, end)
    marks = []
    for s, e, _ in hits:
        if s >= lead and e <= last_token:
            a, b = norm.to_original(tokens[s][0], tokens[e][1])
            marks.append((a - start, _past_marks(text, b) - start))
    return Snippet(text[start:end], tuple(marks), lead > 0, last_token < len(tokens) - 1)


def _window(hits: list[tuple[int, int, int]], words: int, n_tokens: int) -> tuple[int, int]:
    """(first, last token) of the `words`-word window shown: a quarter of it before one of the hits,
    the one whose window holds most distinct terms, the first such. One pass over the hits (sorted),
    the window's terms counted as it slides (a 126k-character text had 18k hits of «في»)."""
    counts: dict[int, int] = {}
    best, best_terms, lo, hi = 0, -1, 0, 0
    for k, (start, _, _) in enumerate(hits):
        lead = max(0, start - words // 4)
        while lo < len(hits) and hits[lo][0] < lead:  # hits before the window leave it
            if lo < hi:
                counts[hits[lo][2]] -= 1
                if not counts[hits[lo][2]]:
                    del counts[hits[lo][2]]
            lo += 1
        hi = max(hi, lo)
        while hi < len(hits) and hits[hi][1] < lead + words:  # hits inside it join
            counts[hits[hi][2]] = counts.get(hits[hi][2], 0) + 1
            hi += 1
        if len(counts) > best_terms:
            best, best_terms = k, len(counts)
    lead = max(0, hits[best][0] - words // 4)  # a few words of context before the first match
    return lead, min(n_tokens, lead + words) - 1


def _past_marks(text: str, end: int) -> int:
    """`end` moved past the harakat and tatweel that folding dropped after a word's last letter (a
    mark ending before «ِ» would draw the kasra outside it)."""
    while end < len(text) and (text[end] == "\u0640" or unicodedata.category(text[end]) == "Mn"):
        end += 1
    return end
