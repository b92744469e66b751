"""Sentences and tokens of an article's text, with character offsets, tokenised as ANERcorp is.

ANERcorp splits punctuation from words but keeps clitics attached (`والصادرات`, `بالعاصمة`), so a
token here is a run of letters (with their diacritics and tatweel), a number (`3.5`, `30%`,
`٢٠٢٤`), or one punctuation character. Sentences end after `.`, `!`, `?`, `؟` or a line break.

>>> [t.text for t in tokenize("قال الوزير، «نعم».")]
['قال', 'الوزير', '،', '«', 'نعم', '»', '.']
"""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Token", "sentences", "tokenize"]

# Letters, digits and the marks that sit on Arabic letters (harakat U+064B-065F, superscript alef,
# Quranic marks U+0610-061A, tatweel U+0640) stay in one token; a number keeps its decimal point,
# thousands separator (Arabic U+066B/U+066C too) and a trailing percent sign.
_TOKEN = re.compile(
    r"\d+(?:[.,\u066B\u066C]\d+)*[%\u066A]?"
    r"|[^\W\d_][\w\u0610-\u061A\u064B-\u065F\u0670\u0640\u200C\u200D]*"
    r"|[\u0610-\u061A\u064B-\u065F\u0670\u0640]+"
    r"|\S"
)
_SENTENCE_END = frozenset(".!?؟")
# A run of tokens without an end mark (a list, a page without full stops) is cut into sentences of
# at most this many tokens: the CRF's cost grows with length, and e5 reads at most 512 pieces.
MAX_SENTENCE_TOKENS = 200


class Token(NamedTuple):
    """One token: its text and its span `[start, end)` in the text it came from (a named tuple: an
    article has thousands, and a frozen dataclass took a third of tokenising)."""

    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """All tokens of `text`, in order."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def sentences(text: str) -> list[list[Token]]:
    """The tokens of `text` grouped into sentences (at end marks and line breaks).

    >>> [[t.text for t in s] for s in sentences("وصل الرئيس. ثم غادر\\nالقاهرة")]
    [['وصل', 'الرئيس', '.'], ['ثم', 'غادر'], ['القاهرة']]
    """
    out: list[list[Token]] = []
    current: list[Token] = []
    last_end = 0
    for token in tokenize(text):
        if current and ("\n" in text[last_end:token.start] or len(current) >= MAX_SENTENCE_TOKENS):
            out.append(current)
            current = []
        current.append(token)
        last_end = token.end
        if token.text in _SENTENCE_END:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out
