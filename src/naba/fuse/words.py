"""What fusion compares in a clause or headline: folded words, content stems, numbers, negations.

Words and stems come from the copies stage's tokenizer (`naba.reuse.tokens`), so a clause is
folded and stemmed exactly as reuse detection folds it. On top of its prefix stripping, `root`
strips a few suffixes (ة ات ون ين ية ي ان) so «إيرانية» meets «إيران» and «الأميركي» «أميركا».
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from naba.fuse.rules import fusion_rules
from naba.reuse.tokens import content_stems, tokenize

# Longest first; a root keeps at least 3 letters (so «بيان» does not lose «ان»).
_SUFFIXES = ("يين", "يون", "يه", "ات", "ون", "ين", "ان", "ه", "ي", "ا")
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


@dataclass(frozen=True)
class Gist:
    """The comparable content of one clause."""

    words: tuple[str, ...]  # every folded word, in order
    stems: frozenset[str]  # content-word stems (stop words left out)
    roots: frozenset[str]  # stems with a light suffix stripped
    order: tuple[str, ...]  # the roots in text order (for word-order agreement)
    numbers: frozenset[float]
    negations: int  # negation words and phrases it carries

    @property
    def negated(self) -> bool:
        return self.negations > 0


def root(stem: str) -> str:
    """A stem with one light suffix stripped (at least 3 letters stay).

    >>> root("ايرانيه"), root("اميركي"), root("بيان")
    ('ايران', 'اميرك', 'بيان')
    """
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
            return stem[: -len(suffix)]
    return stem


def gist(text: str) -> Gist:
    """Read the comparable content of a clause.

    >>> g = gist("لم تعلن الوزارة مقتل ٧ جنود، بل سبعة مدنيين")
    >>> sorted(g.numbers), g.negations
    ([7.0], 1)
    """
    rules = fusion_rules()
    words = tuple(tokenize(text).words)
    ordered = content_stems(text)
    stems = frozenset(ordered)
    numbers = frozenset(n for n in map(_number, words) if n is not None)
    negations = sum(w in rules.negations for w in words)
    joined = " " + " ".join(words) + " "
    negations += sum(joined.count(" " + p + " ") for p in rules.negation_phrases)
    negations -= sum(joined.count(" " + p + " ") for p in rules.not_negations)
    order = tuple(map(root, ordered))
    return Gist(words, stems, frozenset(order), order, numbers, max(0, negations))


def _number(word: str) -> float | None:
    if _NUMBER.match(word):
        return float(word.replace(",", "."))
    value = fusion_rules().number_words.get(word)
    if value is None and word[:1] in "وب" and len(word) > 3:
        value = fusion_rules().number_words.get(word[1:])
    return value
