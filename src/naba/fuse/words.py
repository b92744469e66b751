"""What fusion compares in a clause or headline: folded words, content stems, numbers, negations.

Words and stems come from the copies stage's tokenizer (`naba.reuse.tokens`), so a clause is
folded and stemmed exactly as reuse detection folds it. On top of its prefix stripping, `root`
strips a few suffixes (ة ات ون ين ية ي ان) so «إيرانية» meets «إيران» and «الأميركي» «أميركا».
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from naba.fuse.rules import fusion_rules
from naba.reuse.tokens import content_stems, tokenize

# Longest first; a root keeps at least 3 letters (so «بيان» does not lose «ان»).
_SUFFIXES = ("يين", "يون", "يه", "ات", "ون", "ين", "ان", "ه", "ي", "ا")
_NUMBER = re.compile(r"^\d+(?:_\d+)?$")
# Before tokenizing: thousands separators go, a decimal point becomes "_" so that «5.4» stays one
# word (the tokenizer splits at punctuation) and reads 5.4. A comma left between digits once the
# thousands separators are gone is a decimal comma, as AFP's Arabic writes it: «4,2 مليار» is 4.2.
_THOUSANDS = re.compile(r"(?<=\d)[,،](?=\d{3}(?!\d))")
_DECIMAL = re.compile(r"(?<=\d)[.٫,،](?=\d)")
# Amounts of a million or more that differ by this share or less agree: «7 مليارات يورو» is
# «7.16 مليار يورو» rounded. Counts of people stay exact (30 and 31 dead conflict).
ROUNDED = 0.05
_LARGE = 1_000_000


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
    text = _DECIMAL.sub("_", _THOUSANDS.sub("", text))
    words = tuple(tokenize(text).words)
    ordered = content_stems(text)
    stems = frozenset(ordered)
    numbers = frozenset(n for n in map(_number, words) if n is not None)
    negations = sum(bare(w) in rules.negations for w in words)
    joined = " " + " ".join(words) + " "
    negations += sum(joined.count(" " + p + " ") for p in rules.negation_phrases)
    negations -= sum(joined.count(" " + p + " ") for p in rules.not_negations)
    order = tuple(map(root, ordered))
    return Gist(words, stems, frozenset(order), order, numbers, max(0, negations))


def bare(word: str) -> str:
    """A word without a leading conjunction و/ف («ولم» -> «لم»), for matching function words."""
    return word[1:] if len(word) > 2 and word[0] in "وف" else word


def _number(word: str) -> float | None:
    """The value of a number word or figure, also after a joined و or ب («و3_5», «بسبعة»)."""
    for form in (word, word[1:] if len(word) > 1 and word[0] in "وب" else None):
        if form and _NUMBER.match(form):
            return float(form.replace("_", "."))
        value = fusion_rules().number_words.get(form) if form else None
        if value is not None:
            return value
    return None


def counted(g: Gist) -> dict[str, set[float]]:
    """The numbers of a clause by the root of the word they count.

    Number words after a number multiply it («450 مليون دولار» -> {"دولار": {450e6}}).

    >>> counted(gist("قتل ٢١ مدنيا وأصيب 3 آلاف شخص"))
    {'مدن': {21.0}, 'شخص': {3000.0}}
    """
    out: dict[str, set[float]] = {}
    words = g.words
    i = 0
    while i < len(words):
        value = _number(words[i])
        if value is None:
            i += 1
            continue
        i += 1
        while i < len(words) and (scale := _number(words[i])) is not None and scale >= 100:
            value *= scale if value < scale else 1
            i += 1
        if i < len(words) and _number(words[i]) is not None:  # «5-4»: a score, not a count
            i += 1
            continue
        thing = content_stems(words[i]) if i < len(words) and _counts_a_thing(words[i]) else []
        if thing:
            out.setdefault(root(root(thing[0])), set()).add(value)  # twice: «مدنيا» and «مدنيين» meet
    return out


def _counts_a_thing(word: str) -> bool:
    """Whether the word after a number names what is counted. Not a word in `not_quantities`, nor
    one opening with و: after a number that is nearly always a new clause («قتل 30 وأصيب …»),
    at the cost of the rare counted noun that starts with و («30 وزيرا»)."""
    return word not in fusion_rules().not_quantities and not word.startswith("و")


def count_conflict(a: Gist, b: Gist) -> bool:
    """The same counted thing with different numbers, and no count the two agree on (`agree`)."""
    ca, cb = counted(a), counted(b)
    shared = ca.keys() & cb.keys()
    return (not any(_agree_any(ca[k], cb[k]) for k in shared)
            and any(not _agree_any(ca[k], cb[k]) for k in shared))


def agree(x: float, y: float) -> bool:
    """Two counts agree: equal, or amounts of a million or more within `ROUNDED` of each other.

    >>> agree(7e9, 7.16e9), agree(30, 31), agree(4.2e9, 7.16e9)
    (True, False, False)
    """
    return x == y or (min(x, y) >= _LARGE and abs(x - y) <= ROUNDED * max(x, y))


def _agree_any(xs: set[float], ys: set[float]) -> bool:
    return any(agree(x, y) for x in xs for y in ys)


def swapped(only_a: set[str], only_b: set[str], pairs: frozenset[tuple[str, str]]) -> bool:
    """Whether a word only `a` has and a word only `b` has form one of the pairs."""
    partners = _partners(pairs)
    return any(not partners.get(x, frozenset()).isdisjoint(only_b) for x in only_a)


@functools.lru_cache(maxsize=4)
def _partners(pairs: frozenset[tuple[str, str]]) -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for x, y in pairs:
        out.setdefault(x, set()).add(y)
    return {x: frozenset(ys) for x, ys in out.items()}
