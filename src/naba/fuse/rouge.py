"""ROUGE-N for Arabic summaries, with an Arabic-aware tokenizer.

Tokens are the folded words of the text (`naba.normalize.fold`: no diacritics or tatweel, one
alef, ى -> ي, ة -> ه, ASCII digits), with one clitic prefix stripped when at least three letters
stay: the article and its carriers (وال بال كال فال لل ال) (the conjunction و alone is kept: stripping it turns «وزير» into «زير»). «والحكومة» and
«الحكومة» and «حكومة» are one token; suffixes (pronouns, plural endings) are kept, since they
change meaning. Stop words are kept, as in the original ROUGE.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from naba.normalize import fold

_WORD = re.compile(r"\w+")
_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")


def rouge_tokens(text: str) -> list[str]:
    """The tokens ROUGE compares.

    >>> rouge_tokens("والحكومةُ أعلنت الحكومة، وزيرٌ")
    ['حكومه', 'اعلنت', 'حكومه', 'وزير']
    """
    return [_strip(w) for w in _WORD.findall(fold(text))]


def _strip(word: str) -> str:
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    return word


def _grams(tokens: list[str], n: int) -> Counter:
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def rouge_n(candidate: str, references: Sequence[str], n: int = 1) -> tuple[float, float, float]:
    """ROUGE-N (precision, recall, F1) of a summary, averaged over the reference summaries.

    >>> rouge_n("أعلنت الحكومة خطة جديدة", ["الحكومة تعلن خطة جديدة"], 1)
    (0.75, 0.75, 0.75)
    """
    mine = _grams(rouge_tokens(candidate), n)
    scores = []
    for reference in references:
        theirs = _grams(rouge_tokens(reference), n)
        overlap = sum((mine & theirs).values())
        p = overlap / max(1, sum(mine.values()))
        r = overlap / max(1, sum(theirs.values()))
        scores.append((p, r, 2 * p * r / (p + r) if p + r else 0.0))
    if not scores:
        return 0.0, 0.0, 0.0
    return tuple(sum(s[k] for s in scores) / len(scores) for k in range(3))
