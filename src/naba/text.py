"""Line-level text helpers shared by the metadata and cleaning stages."""

from __future__ import annotations

import re

from naba.normalize import folding

_SENTENCE_END = re.compile(r"[.!?؟…]['\"»”’)\]]*\s*$")
_WORD = re.compile(r"\w+")
_BULLET = re.compile(r"^\s*[•·▪◦●○■□►▶‣⁃*\-–—]\s*\S")


# Anything that is not a letter, digit or space: punctuation and symbols of every script.
_MARKS = re.compile(r"[^\w\s]|_")
_ARABIC = re.compile("[\u0600-\u06ff]")
# harakat, Quranic marks, the superscript alef and tatweel: how a word is decorated, not spelled
_HARAKAT_AND_TATWEEL = re.compile("[\u064b-\u065f\u0670\u0640]")


def has_arabic(text: str) -> bool:
    """Whether `text` holds an Arabic-block character (a letter, mark or digit).

    >>> has_arabic("Reuters: «بيروت»"), has_arabic("Reuters")
    (True, False)
    """
    return _ARABIC.search(text) is not None


def has_astral(text: str) -> bool:
    """Whether a text holds a character past the Basic Multilingual Plane (an emoji, a rare script): the
    table lookups of the tokenizer and the report's direction cover the BMP and ask Python about the rest."""
    return bool(text) and max(text) >= "\U00010000"


def without_marks(text: str) -> str:
    """`text` without harakat and tatweel, its letters as written (no folding of alef or ta marbuta).

    >>> without_marks("وَجَـدَهُ")
    'وجده'
    """
    return _HARAKAT_AND_TATWEEL.sub("", text)


def line_key(line: str) -> str:
    """A line reduced to what rules compare: folded, punctuation and symbols gone (Unicode categories
    P and S, so Arabic ، ؛ ؟ « » count as punctuation too), spaces collapsed.

    >>> line_key("إقرأ أيضاً:")
    'اقرا ايضا'
    """
    return " ".join(_MARKS.sub(" ", folding().apply(line).casefold()).split())


def word_count(line: str) -> int:
    """Number of words (letters/digits runs) in a line."""
    return len(_WORD.findall(line))


def ends_sentence(line: str) -> bool:
    """True when the line ends like a sentence (., !, ?, ؟ or …, maybe followed by a closing quote)."""
    return bool(_SENTENCE_END.search(line)) and not line.rstrip().endswith("..") or line.rstrip().endswith("...")


def ends_with_period(line: str) -> bool:
    """True when the line ends with a full stop (not '..' or '!' or '؟', which headlines use)."""
    stripped = line.rstrip().rstrip("'\"»”’)]")
    return stripped.endswith(".") and not stripped.endswith("..")


def is_bullet(line: str) -> bool:
    """True for a list item line ('• …', '- …')."""
    return bool(_BULLET.match(line))


# The longest of SaudiNewsNet's 31,030 articles is 33,687 characters; a "text" many times that is a
# book, a dump or a page of repeated blocks, whose every entity, date, quote and claim would fill the
# report (a 9.7 MB page of one story's paragraphs gave 22,500 quotes and took 10.8 GB of memory).
EXTRACT_CHARS = 200_000


def extraction_part(text: str) -> str:
    """The part of an article's text the extraction and fusion stages read: all of it up to
    `EXTRACT_CHARS`, else its lines up to there (its words, when a line runs over); spans into it are
    spans into the whole text. The article is stored, clustered and checked for copies whole.

    >>> len(extraction_part("سطر\\n" * 100_000)) <= EXTRACT_CHARS
    True
    """
    if len(text) <= EXTRACT_CHARS:
        return text
    cut = text.rfind("\n", 0, EXTRACT_CHARS)
    if cut < EXTRACT_CHARS // 2:
        cut = text.rfind(" ", 0, EXTRACT_CHARS)
    return text[:cut if cut > 0 else EXTRACT_CHARS]


def count_en(n: int, one: str, many: str | None = None) -> str:
    """A count with its English noun: «1 story», «2 stories», «3 articles».

    >>> count_en(1, "story", "stories"), count_en(3, "article")
    ('1 story', '3 articles')
    """
    return f"{n} {one if n == 1 else (many or one + 's')}"


def count_ar(n: int, one: str, two: str, few: str, many: str | None = None) -> str:
    """A count with its noun in Arabic agreement: «مقال واحد» is written «1 مقال», two is the dual alone
    («مقالان»), 3-10 take the plural («5 مقالات»), 11 and up the accusative singular («28 مقالاً»),
    none the plural («0 مقالات»).

    >>> [count_ar(n, "مقال", "مقالان", "مقالات", "مقالاً") for n in (1, 2, 5, 28)]
    ['1 مقال', 'مقالان', '5 مقالات', '28 مقالاً']
    """
    if n == 1:
        return f"1 {one}"
    if n == 2:
        return two
    rest = n % 100
    if n >= 100 and rest in (0, 1, 2):
        return f"{n} {one}"  # «100 مقال», «101 مقال»
    return f"{n} {few if n == 0 or 3 <= rest <= 10 else (many or one)}"


# Clitics written onto an Arabic noun: the article with the conjunctions and prepositions that
# take it, then a bare one-letter conjunction or preposition. A word loses only an article-bearing
# prefix (و alone is too often a root letter: وزير, ولاية) and keeps three letters at least.
_ARTICLE_PREFIXES = ("ال", "وال", "بال", "فال", "كال", "لل")
_LETTER_PREFIXES = ("و", "ب", "ل", "ف")


def clitic_forms(word: str) -> list[str]:
    """A folded word's forms with and without the article and one-letter conjunctions and prepositions
    (its bare form first): الزلزال and زلزال both give زلزال, الزلزال, والزلزال, بالزلزال, …, وزلزال, بزلزال.
    Digits and Latin words are only themselves.

    >>> clitic_forms("الرياض")[:4]
    ['رياض', 'الرياض', 'والرياض', 'بالرياض']
    >>> "للرياض" in clitic_forms("الرياض")
    True
    """
    base = word
    for prefix in sorted(_ARTICLE_PREFIXES, key=len, reverse=True):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            base = word[len(prefix):]
            break
    if not re.fullmatch(r"[\u0621-\u064a]+", base):  # digits, Latin: as they are
        return [word]
    return list(dict.fromkeys([base, *(p + base for p in _ARTICLE_PREFIXES + _LETTER_PREFIXES)]))
