"""Arabic normalisation for matching, with an offset map back to the text the user sees.

Folding removes diacritics and tatweel, unifies alef/ya/ta-marbuta/hamza-seat forms, turns
Arabic-Indic digits into ASCII, Arabic punctuation into its ASCII counterpart, every quote mark
into `"`, lower-cases Latin letters and collapses whitespace. The rules are data
(`data/folding.json`); this module only applies them, and adds the Arabic presentation forms (ﻣﺤﻤﺪ,
ﻻ), each folded as its plain letters, from Unicode's own decompositions.

`plain_letters` is the one rewrite that reaches the text users see: it writes presentation forms as
the letters they show, when an article is read (`naba.pipeline`), so that every stage and every span
works on plain letters.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

from naba.errors import RulesError
from naba.rules import load_json

_SPACES = re.compile(r"\s+")
# Arabic Presentation Forms-A (U+FB50-U+FDFF) and -B (U+FE70-U+FEFE): the shapes a letter takes in
# writing (ﻣ, the initial mim; ﻼ, the final lam-alef; ﷲ), which old PDFs and some web pages store
# instead of the letters. U+FEFF, the last code point of block B, is the byte-order mark (a zero-width
# no-break space), not a letter form: NFKC keeps it, and so does `plain_letters`; folding drops it
# with the other invisible marks (folding.json).
_PRESENTATION_RANGES = "\ufb50-\ufdff\ufe70-\ufefe"
_PRESENTATION = re.compile(f"[{_PRESENTATION_RANGES}]")


@functools.cache
def presentation_forms() -> dict[int, str]:
    """{code point: its plain letters} for each presentation form that has them (a `str.translate`
    table): Unicode's compatibility decomposition (NFKC) of the character alone.

    A spacing diacritic (ﹰ, ﱞ) decomposes to a space and the mark; in extracted text it stands for
    the mark on the letter before it, where the space would cut the word in two, so the space is left
    out. Forms without a decomposition (﷽, the ornate parentheses) are not in the table.
    """
    table = {}
    for code in itertools.chain(range(0xFB50, 0xFE00), range(0xFE70, 0xFEFF)):
        plain = unicodedata.normalize("NFKC", chr(code))
        if plain[:1] == " " and all(unicodedata.combining(c) for c in plain[1:]):
            plain = plain[1:]
        if plain != chr(code):
            table[code] = plain
    return table


def plain_letters(text: str) -> str:
    """`text` with each Arabic presentation form written as its plain letters; every other character
    is left as it is (NFKC of the whole text would also rewrite full-width digits, ﬁ, superscripts).

    >>> plain_letters("ﻻ ﺗﻌﻠﻴﻖ ﻋﻠﻰ ﺍﻟﺨﺒﺮ ²")
    'لا تعليق على الخبر ²'
    """
    return text.translate(presentation_forms()) if _PRESENTATION.search(text) else text


@dataclass(frozen=True)
class Folding:
    """A loaded folding table, as a `str.translate` table and as (character, replacement) pairs.

    `table` holds every rule; `pairs` all but the presentation forms', which are in `presentation`
    (about 730 characters that articles, in plain letters since they were read, never hold: one
    search for the whole block is cheaper than a scan for each).
    """

    table: dict[int, str | None]
    pairs: tuple[tuple[str, str], ...]
    presentation: dict[int, str | None]

    def char(self, c: str) -> str:
        """The folded form of one character ('' when dropped)."""
        out = self.table.get(ord(c), c)
        return (out or "").casefold()

    def apply(self, text: str) -> str:
        """Apply the table to a text (no case folding or space collapsing).

        Equal to `text.translate(self.table)` — the loader guarantees no replacement is folded
        again, so replacing one character at a time gives the same result — but about ten
        times faster on Arabic text, because most characters of the table are absent from any
        one text and `str.replace` skips them in C.
        """
        if len(text) < 256:
            return text.translate(self.table)  # short lines: one pass beats 150 `in` scans
        if _PRESENTATION.search(text):
            text = text.translate(self.presentation)
        for char, replacement in self.pairs:
            if char in text:
                text = text.replace(char, replacement)
        return text

    @functools.cached_property
    def letter_pairs(self) -> tuple[tuple[str, str], ...]:
        """The pairs that replace one character by one (أ -> ا, ة -> ه, ، -> ,): applied with
        `str.replace`, they keep every character where it was."""
        return tuple((c, r) for c, r in self.pairs if len(r.casefold()) == 1 and not r.isspace())

    @functools.cached_property
    def runs(self) -> re.Pattern[str]:
        """Runs of text that fold one character for one character: words of characters the table
        leaves alone or replaces by one (`letter_pairs`), joined by single spaces.

        Whitespace other than a lone space, what the table drops or widens (diacritics, tatweel,
        … -> ...) and the presentation forms (ﻣ -> م, ﻻ -> لا) fall between runs. Within a run each
        folded character stands where its source did, so `normalize` copies a run's offsets as a
        range instead of walking it one character at a time (unless case folding widened it: ß -> ss).
        """
        kept = {c for c, _ in self.letter_pairs}
        others = "".join(c for c, _ in self.pairs if c not in kept)
        letter = f"[^\\s{re.escape(others)}{_PRESENTATION_RANGES}]"
        return re.compile(f"{letter}+(?: {letter}+)*" if ord(" ") not in self.table else f"{letter}+")


@dataclass(frozen=True)
class LetterFolding:
    """The part of the folding table that keeps every offset computable from the drops alone:
    dropped characters (diacritics, tatweel, direction marks) and one-letter-for-one-letter forms.
    Digits and punctuation are left as written. Used where spans must be found fast (dates)."""

    drop: re.Pattern[str]
    pairs: tuple[tuple[str, str], ...]

    def fold(self, text: str) -> tuple[str, list[int]]:
        """The folded text and, for each dropped character, the folded position it would have had.

        A folded position `p` maps back to `p + bisect_right(shifts, p)` in the original.
        """
        dropped = [m.start() for m in self.drop.finditer(text)]
        folded = self.drop.sub("", text) if dropped else text
        for old, new in self.pairs:
            if old in folded:
                folded = folded.replace(old, new)
        return folded, [pos - k for k, pos in enumerate(dropped)]


@functools.cache
def letter_folding() -> LetterFolding:
    """Derived from `data/folding.json`, so there is one table to maintain. Presentation forms are
    left out: articles are in plain letters from the moment they are read (`plain_letters`)."""
    drop = "".join(c for c, v in folding().pairs if not v)
    pairs = tuple((c, v) for c, v in folding().pairs if len(v) == 1 and c.isalpha() and v.isalpha())
    return LetterFolding(re.compile("[" + re.escape(drop) + "]"), pairs)


@functools.cache
def folding() -> Folding:
    """Load and check `data/folding.json` once."""
    raw = load_json("folding.json")
    drop, mapping = raw.get("drop"), raw.get("map")
    if not isinstance(drop, list) or not isinstance(mapping, dict):
        raise RulesError("folding.json must hold a 'drop' list and a 'map' object")
    bad = [k for k in list(mapping) + drop if len(k) != 1]
    if bad:
        raise RulesError(f"folding.json keys must be single characters; got {bad[:3]}")
    folded_targets = {c for v in mapping.values() for c in v} & (set(mapping) | set(drop))
    if folded_targets:
        raise RulesError(f"folding.json maps to characters that are folded again: {sorted(folded_targets)}; "
                         "make each target final so folding stays idempotent")
    table: dict[int, str | None] = {ord(c): None for c in drop}
    table.update({ord(k): v for k, v in mapping.items()})
    # Each presentation form folds as its plain letters folded (ﻷ -> لأ -> لا): final, as the table's
    # targets are. One the file lists itself keeps the file's rule.
    presentation = {code: plain.translate(table) or None for code, plain in presentation_forms().items()
                    if code not in table}
    pairs = tuple((chr(k), v or "") for k, v in table.items())
    return Folding({**table, **presentation}, pairs, presentation)


def fold(text: str) -> str:
    """Fold text for matching.

    >>> fold("«الأخبـــار» إلى المُدن ٢٠٢٤")
    '"الاخبار" الي المدن 2024'
    """
    if len(text) <= _REMEMBERED:
        return _fold_short(text)
    return _SPACES.sub(" ", folding().apply(text).casefold()).strip()


# Words and names are folded again and again (a story's fusion folds each clause's words for every
# pair it weighs: 1.6 million calls on 3,000 articles): strings up to this long are remembered.
_REMEMBERED = 40


@functools.lru_cache(maxsize=1 << 17)
def _fold_short(text: str) -> str:
    return _SPACES.sub(" ", folding().apply(text).casefold()).strip()


@dataclass(frozen=True)
class NormalizedText:
    """Folded text plus, for each folded character, the index of the original character it came from."""

    original: str
    folded: str
    offsets: tuple[int, ...]  # len(folded) + 1; the last entry is len(original)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span `[start, end)` back to the original text's span."""
        if not 0 <= start <= end <= len(self.folded):
            raise ValueError(f"span [{start}, {end}) is outside the folded text of length {len(self.folded)}")
        if start == end:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.offsets[end - 1] + 1


def normalize(text: str) -> NormalizedText:
    """Fold `text` and keep the offset map (same result as `fold`).

    Runs that fold one character for one (`Folding.runs`: most of a news text) are copied with
    their offsets as a range; the rest is folded one character at a time.

    >>> n = normalize("قال: «نعم»")
    >>> n.folded
    'قال: "نعم"'
    >>> n.original[slice(*n.to_original(5, 10))]
    '«نعم»'
    """
    table = folding()
    letters = text  # the text with its one-for-one replacements made: `str.replace` is fast in C
    for char, replacement in table.letter_pairs:
        if char in letters:
            letters = letters.replace(char, replacement)
    chars: list[str] = []
    offsets: list[int] = []
    space_at = -1  # index of the first whitespace of a pending run, -1 when none
    done = 0
    for run in table.runs.finditer(text):
        start, end = run.span()
        folded = letters[start:end].casefold()
        if len(folded) != end - start:
            continue  # case folding widened a letter: the run is walked with what follows it
        space_at = _fold_chars(text, done, start, table, chars, offsets, space_at)
        if space_at >= 0:
            chars.append(" ")
            offsets.append(space_at)
            space_at = -1
        chars.append(folded)
        offsets.extend(range(start, end))
        done = end
    _fold_chars(text, done, len(text), table, chars, offsets, space_at)
    offsets.append(len(text))
    return NormalizedText(text, "".join(chars), tuple(offsets))


def _fold_chars(text: str, start: int, end: int, table: Folding, chars: list[str], offsets: list[int],
                space_at: int) -> int:
    """Fold `text[start:end]` one character at a time onto `chars`/`offsets`; returns the index
    of the first whitespace of a run still pending (-1 when none)."""
    fold_char = table.char
    for i in range(start, end):
        for o in fold_char(text[i]):
            if o.isspace():
                if offsets and space_at < 0:
                    space_at = i
                continue
            if space_at >= 0:
                chars.append(" ")
                offsets.append(space_at)
                space_at = -1
            chars.append(o)
            offsets.append(i)
    return space_at
