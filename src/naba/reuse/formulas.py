"""Stock formulas: passages every outlet writes, made of titles and names, are not copies.

Saudi and Gulf news repeats the full titles of rulers and officials («خادم الحرمين الشريفين الملك
سلمان بن عبدالعزيز آل سعود، وسمو ولي عهده الأمين»): two unrelated reports share such a stretch
word for word. On SaudiNewsNet (benchmarks/reuse_news_sample.py, first 4,000 records) they were 9
of 36 passages checked by hand. A passage whose content words, once titles and chained names
(«… بن … بن …») are set aside, leave fewer than `MIN_INFORMATIVE` words is such a formula: this
drops 835 of 8,178 passages there (547 of 4,181 pairs); 36 of 36 dropped passages checked by hand
were formulas, and 8 of the 9 formulas in the sample of 36 went (none of its 22 real copies).
"""

from __future__ import annotations

import bisect
import functools
import re

import numpy as np

from naba.errors import RulesError
from naba.normalize import fold
from naba.reuse.tokens import Tokens, stopwords
from naba.rules import load_json

# Fewer content words than this left besides titles and names: a formula. 4 keeps «أمير منطقة
# عسير رئيس مجلس التنمية السياحية … الأمير فيصل بن خالد» (5: a real shared sentence in the sample)
# and drops «الأمير محمد بن سلمان … وزير الدفاع في جدة» (2).
MIN_INFORMATIVE = 4
_CLITICS = "وفبل"  # one-letter clitics a title may carry: «وسمو», «لرئيس»
# A passage whose words are at least this share names the tagger found, titles and name links is a
# list of people («… اللواء طلال بن علي الشمراني وقائد قطاع حرس الحدود … العميد محمد بن عوضة
# الزهراني», the martyrs' names): two outlets print the same list from one statement or ceremony
# without one copying the other (an analyst's audit of records 16,001–18,000: 2 of 25 pairs rested
# on such a passage alone).
NAMES_SHARE = 0.8
_WORD = re.compile(r"[\w\u064b-\u065f\u0670\u0640]+")  # letters with their harakat and tatweel


@functools.cache
def _words() -> tuple[frozenset[str], frozenset[str]]:
    """(titles, name links), folded, from `data/reuse.json`."""
    raw = load_json("reuse.json")
    lists = {key: raw.get(key) for key in ("titles", "name_links")}
    for key, words in lists.items():
        if not isinstance(words, list) or not words or not all(isinstance(w, str) and w.strip() for w in words):
            raise RulesError(f"reuse.json: '{key}' must be a non-empty list of words")
    return frozenset(fold(w) for w in lists["titles"]), frozenset(fold(w) for w in lists["name_links"])


def name_spans(entities: list[dict]) -> list[tuple[int, int]]:
    """An article's entity spans merged into disjoint, sorted stretches (an organisation holding a
    person's name is one stretch): what `names_only` looks words up in, built once per article."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((e["span"][0], e["span"][1]) for e in entities or []
                             if isinstance(e.get("span"), (list, tuple)) and len(e["span"]) == 2):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def names_only(text: str, span: tuple[int, int], names: list[tuple[int, int]]) -> bool:
    """Whether the words of `text[span]`, function words aside, are nearly all (`NAMES_SHARE`) inside
    the article's names (`name_spans`), titles or name links (no names: False, not known). A word is
    read with its harakat and tatweel («مُحَمَّد» is one word, not three)."""
    if not names:
        return False
    titles, links = _words()
    stop = stopwords()
    starts = [s for s, _ in names]
    words = named = 0
    for m in _WORD.finditer(text, span[0], span[1]):
        word = fold(m.group())
        if not word or word in stop:  # «في», «من», «على» name nothing and say nothing
            continue
        words += 1
        k = bisect.bisect_right(starts, m.start()) - 1
        if _titled(word, titles) or word in links or (k >= 0 and names[k][1] >= m.end()):
            named += 1
    return words > 0 and named >= NAMES_SHARE * words


def is_formula(tokens: Tokens, first: int, last: int) -> bool:
    """Whether words `first..last` (inclusive) of `tokens` are nearly all titles and names."""
    titles, links = _words()
    words = tokens.words[first:last + 1]
    named = set()
    for k, word in enumerate(words):
        if word in links:
            named.update((k - 1, k, k + 1))
    # the content words inside: a slice of the sorted indices (a pass over all of them per passage
    # was a third of the time of a 5 M-character page)
    content = tokens.content[int(np.searchsorted(tokens.content, first)):
                             int(np.searchsorted(tokens.content, last, side="right"))] - first
    informative = 0
    for k in content.tolist():
        word = words[k]
        if k in named or _titled(word, titles):
            continue
        informative += 1
        if informative >= MIN_INFORMATIVE:
            return False
    return True


def _titled(word: str, titles: frozenset[str]) -> bool:
    """A title word, alone or behind a one-letter clitic («وسمو», «لرئيس»)."""
    return word in titles or (word[:1] in _CLITICS and word[1:] in titles)
