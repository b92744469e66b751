"""The pieces `naba.extract.quotes` is built from: its rules, a token view of folded text, quote-mark pairs.

Matching runs on text folded by `naba.normalize.letter_folding` (diacritics, tatweel and direction
marks dropped, hamza seats, alef maqsura and ta marbuta unified); punctuation and quote marks stay as
written, so « and » can still be told apart. Every position here is a folded position; `Tokens.original`
maps it back to `Article.text`.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from naba.errors import RulesError
from naba.normalize import letter_folding
from naba.rules import load_json

_TOKEN = re.compile(r"[^\W_]+|\n|[^\w\s]")
OPENERS = frozenset("«„")
CLOSERS = frozenset("»")
EITHER = frozenset('"“”‟″＂')  # each opens or closes, decided by the open quotes and the spaces around it
QUOTE_MARKS = OPENERS | CLOSERS | EITHER
SENTENCE_ENDS = frozenset(".!?؟\n")
COMMAS = frozenset(",،")
CONTENT_PAIR = 3  # words a quote next to a verb needs to be what was said and not a name («حماس»، "سي إن إن")
TRAILING = frozenset(",،;؛:-–—.…\n") | QUOTE_MARKS  # dropped from the end of reported words


@dataclass(frozen=True)
class Verb:
    """One speech verb: its lemma, the complements that introduce what was said, and its role."""

    lemma: str
    participle: bool
    complements: tuple[tuple[str, ...], ...]  # folded token sequences; "ان" stands for the that-family
    inherits: bool = False
    relay: bool = False
    strict: bool = False
    objects: bool = False
    adjacent: bool = False  # its complement must follow the subject at once (وبيّن الوزير أن; بين = between)
    direct: bool = False  # what was said is its object, right after the subject (أدان الوزير الهجوم)


@dataclass(frozen=True)
class QuoteRules:
    """`data/quotes.json`, folded for matching."""

    verbs: dict[str, Verb]  # folded form -> verb
    keeps: frozenset[str]
    that_words: frozenset[str]
    that_blockers: frozenset[str]
    titles: frozenset[str]
    connectors: dict[str, frozenset[str]]  # word -> words that may follow it inside a title ("مقرب" -> {"من"})
    connector_words: frozenset[str]  # every word that may follow a title word (من، في، إلى …)
    stop_words: frozenset[str]  # time words included
    time_words: frozenset[str]
    relative_words: frozenset[str]
    relative_pronouns: frozenset[str]  # الذي، التي …: a relative clause begins
    claim_verbs: frozenset[str]  # ادعى، زعم، اتهم: a relative clause holding one tells another's claim
    lead_adverbs: tuple[tuple[str, ...], ...]
    media_words: frozenset[str]
    platforms: frozenset[str]
    via_openers: tuple[tuple[str, ...], ...]
    attribution_markers: tuple[tuple[str, ...], ...]
    marker_heads: dict[str, tuple[tuple[str, ...], ...]]  # first word -> markers starting with it
    recap_markers: frozenset[tuple[str, ...]]  # «هذا ما قاله»: attribute the quote before, never words after
    marker_words: frozenset[str]  # first words of markers, also with و/ف before them
    trigger_words: frozenset[str]  # verb forms, also with و/ف before them
    name_markers: frozenset[str]
    region_stops: frozenset[str]
    title_adjectives: frozenset[str]
    documents: frozenset[str]
    name_starters: frozenset[str]
    auxiliaries: frozenset[str]
    manner_words: frozenset[str]
    contrast_words: frozenset[str]
    contrast_phrases: tuple[tuple[str, ...], ...]  # contrast words of more than one word: في حين
    negating_words: frozenset[str]  # contrast words that are also "non-" inside a title: منظمة غير حكومية
    maqsura_forms: frozenset[str]  # verb forms written with a final ى, whose ي twins are nouns (نفى / نفي)
    plural_endings: tuple[str, ...]  # وحثوا: a verb with its own plural subject
    joined_name_starters: tuple[str, ...]  # عبدربه، عبده: names, not nouns with a pronoun
    honorifics: dict[str, str]  # honorific pronoun -> its noun, folded: معاليه -> معالي
    scripture_speakers: frozenset[str]  # first words of speakers quoted from scripture (تعالى، الحديث)
    year_words: frozenset[str]  # عام، سنة: before a year's digits they end a name (… الزحيلي عام 2013)

    def is_title(self, word: str) -> bool:
        """True for a title or institution word (وزير، السفارة، والمتحدث), with ال and و allowed before it."""
        return _bare(word) in self.titles

    def is_plural_verb(self, word: str) -> bool:
        """True for a verb form that carries a plural subject (قالوا، وحثوا): the noun after it is its object."""
        return word.endswith(self.plural_endings)

    def verb_of(self, word: str) -> tuple[Verb | None, int]:
        """The speech verb a token is, and how many letters of conjunction (و، ف) precede it."""
        verb = self.verbs.get(word)
        if verb is not None:
            return verb, 0
        if len(word) > 2 and word[0] in "وف":  # «وحث»: a verb of two letters after و
            verb = self.verbs.get(word[1:])
            if verb is not None:
                return verb, 1
        return None, 0


def _bare(word: str) -> str:
    """A word without a leading conjunction and article: والسفاره -> سفاره."""
    if len(word) > 4 and word[0] in "وف" and word[1:3] == "ال":
        word = word[1:]
    if len(word) > 3 and word.startswith("ال"):
        word = word[2:]
    return word


def fold_word(word: str) -> str:
    """Fold a rules word the way article text is folded."""
    return letter_folding().fold(word)[0].casefold().strip()


def _words(raw: dict, key: str) -> list[str]:
    """A list of words from the rules file, folded; raises RulesError when it is not one."""
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise RulesError(f"naba/data/quotes.json: '{key}' must be a list of non-empty strings, got {value!r:.80}")
    return [fold_word(v) for v in value]


def _sequences(raw: dict, key: str) -> tuple[tuple[str, ...], ...]:
    """Phrases as token sequences, longest first so the longest marker wins."""
    return tuple(sorted((tuple(p.split()) for p in _words(raw, key)), key=len, reverse=True))


def _verbs(raw: dict) -> dict[str, Verb]:
    """Every form and participle of every verb, folded, mapped to its `Verb`."""
    table = raw.get("verbs")
    if not isinstance(table, dict) or not table:
        raise RulesError("naba/data/quotes.json: 'verbs' must be an object of verb -> {forms, participles, "
                         "complements}")
    verbs: dict[str, Verb] = {}
    for lemma, entry in table.items():
        if not isinstance(entry, dict):
            raise RulesError(f"naba/data/quotes.json: verb {lemma!r} must be an object, got {entry!r:.60}")
        complements = tuple(sorted((tuple(c.split()) for c in _words(entry, "complements") if True),
                                   key=len, reverse=True)) if entry.get("complements") else ()
        if entry.get("complements") is not None and not isinstance(entry["complements"], list):
            raise RulesError(f"naba/data/quotes.json: verb {lemma!r}: 'complements' must be a list")
        flags = {k: bool(entry.get(k, False)) for k in ("inherits", "relay", "strict", "objects", "adjacent", "direct")}
        for kind in ("forms", "participles"):
            words = _words(entry, kind) if entry.get(kind) else []
            if kind == "forms" and not words:
                raise RulesError(f"naba/data/quotes.json: verb {lemma!r} needs at least one form")
            for word in words:
                if word in verbs:
                    raise RulesError(f"naba/data/quotes.json: form {word!r} of {lemma!r} is also a form of "
                                     f"{verbs[word].lemma!r}; a form must name one verb")
                verbs[word] = Verb(lemma, kind == "participles", complements, **flags)
    return verbs


def _maqsura_forms(raw: dict) -> frozenset[str]:
    """Folded verb forms written with a final ى (نفى، رأى): folding makes them the nouns نفي، رأي too."""
    table = raw["verbs"]
    return frozenset(fold_word(form) for entry in table.values() for kind in ("forms", "participles")
                     for form in entry.get(kind) or () if form.endswith("ى"))


def _connectors(words: list[str]) -> dict[str, frozenset[str]]:
    """Title connectors as head word -> the words that may follow it (مقرب -> {من})."""
    pairs: dict[str, set[str]] = {}
    for phrase in words:
        head, *rest = phrase.split()
        pairs.setdefault(_bare(head), set()).update(rest)
    return {k: frozenset(v) for k, v in pairs.items()}


def _with_conjunctions(words) -> frozenset[str]:
    """Words as written alone and with و or ف before them."""
    return frozenset(p + w for w in words for p in ("", "و", "ف"))


@functools.cache
def quote_rules() -> QuoteRules:
    """Load and check `data/quotes.json` once.

    Raises:
        RulesError: a key is missing or holds something other than a list of words.
    """
    raw = load_json("quotes.json")
    suffixes = _words(raw, "that_suffixes")
    recaps = _sequences(raw, "recap_markers")
    markers = _sequences(raw, "attribution_markers") + recaps
    verbs = _verbs(raw)
    connectors = _connectors(_words(raw, "title_connectors"))
    return QuoteRules(
        verbs=verbs,
        keeps=frozenset(_words(raw, "keeps")),
        that_words=frozenset(p + "ان" + s for p in ("", "ب") for s in [""] + suffixes),
        that_blockers=frozenset(_words(raw, "that_blockers")),
        titles=frozenset(_bare(w) for w in _words(raw, "titles")),
        connectors=connectors,
        connector_words=frozenset(w for words in connectors.values() for w in words),
        stop_words=frozenset(_words(raw, "stop_words") + _words(raw, "time_words")),
        time_words=frozenset(_words(raw, "time_words")),
        relative_words=frozenset(_words(raw, "relative_words")),
        relative_pronouns=frozenset(_words(raw, "relative_pronouns")),
        claim_verbs=frozenset(_words(raw, "claim_verbs")),
        lead_adverbs=_sequences(raw, "lead_adverbs"),
        media_words=frozenset(_words(raw, "media_words")),
        platforms=frozenset(_words(raw, "platforms")),
        via_openers=_sequences(raw, "via_openers"),
        attribution_markers=markers,
        recap_markers=frozenset(recaps),
        marker_heads={head: tuple(m for m in markers if m[0] == head) for head in {m[0] for m in markers}},
        marker_words=_with_conjunctions(m[0] for m in markers),
        trigger_words=_with_conjunctions(verbs),
        name_markers=frozenset(_words(raw, "name_markers")),
        region_stops=frozenset(_words(raw, "region_stops")),
        title_adjectives=frozenset(_words(raw, "title_adjectives")),
        documents=frozenset(_bare(w) for w in _words(raw, "documents")),
        name_starters=frozenset(_words(raw, "name_starters")),
        auxiliaries=frozenset(_words(raw, "auxiliaries")),
        manner_words=frozenset(_words(raw, "manner_words")),
        contrast_words=frozenset(w for w in _words(raw, "contrast_words") if " " not in w),
        contrast_phrases=tuple(p for p in _sequences(raw, "contrast_words") if len(p) > 1),
        negating_words=frozenset(_words(raw, "negating_words")),
        maqsura_forms=_maqsura_forms(raw),
        plural_endings=tuple(_words(raw, "plural_endings")),
        joined_name_starters=tuple(_words(raw, "joined_name_starters")),
        honorifics=_honorifics(raw),
        scripture_speakers=frozenset(_bare(w) for w in _words(raw, "scripture_speakers")),
        year_words=frozenset(_words(raw, "year_words")),
    )


def _honorifics(raw: dict) -> dict[str, str]:
    """{folded honorific pronoun: its folded noun} (سموه -> سمو)."""
    table = raw.get("honorifics")
    if not isinstance(table, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in table.items()):
        raise RulesError("naba/data/quotes.json: 'honorifics' must be an object of pronoun -> noun (سموه: سمو)")
    return {fold_word(k): _bare(fold_word(v)) for k, v in table.items()}


class Tokens:
    """Words, punctuation and line breaks of a folded text, with their folded spans.

    >>> t = Tokens("وقال الوزيرُ: «نعم»")
    >>> t.words
    ['وقال', 'الوزير', ':', '«', 'نعم', '»']
    >>> t.text[slice(*t.original(t.starts[1], t.ends[1]))]
    'الوزيرُ'
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded, self._shifts = letter_folding().fold(text)
        spans = [match.span() for match in _TOKEN.finditer(self.folded)]
        folded = self.folded
        self.words: list[str] = [folded[s:e] for s, e in spans]  # the rules are Arabic: no case folding
        self.starts: list[int] = [s for s, _ in spans]
        self.ends: list[int] = [e for _, e in spans]

    def __len__(self) -> int:
        return len(self.words)

    def original(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded span `[start, end)` to the span of `text` it came from; diacritics written
        after its last letter stay with it (وزيرُ الزراعةِ)."""
        shifts = self._shifts
        if not shifts:
            return start, end
        first = start + bisect.bisect_right(shifts, start)
        return first, max(first, end + bisect.bisect_right(shifts, end))

    def span(self, first: int, last: int) -> tuple[int, int]:
        """The original span of tokens `first..last` (inclusive)."""
        return self.original(self.starts[first], self.ends[last])

    def is_word(self, i: int) -> bool:
        """True for letters or digits, False for marks and line breaks."""
        return self.words[i][0].isalnum()

    def ends_sentence(self, i: int) -> bool:
        """True for a line break, ! ? ؟, or a full stop that is not a decimal point."""
        word = self.words[i]
        if word not in SENTENCE_ENDS:
            return False
        if word == ".":
            pos, folded = self.starts[i], self.folded
            if 0 < pos < len(folded) - 1 and folded[pos - 1].isdigit() and folded[pos + 1].isdigit():
                return False
            if pos + 1 < len(folded) and folded[pos + 1] == ".":
                return False  # an ellipsis written as dots
            if i > 0 and len(self.words[i - 1]) == 1 and self.words[i - 1].isalpha() and self.ends[i - 1] == pos:
                return False  # an abbreviation: د. نبيل العربي
            if 0 < pos < len(folded) - 1 and (folded[pos - 1] + folded[pos + 1]).isascii() and \
                    folded[pos - 1].isalnum() and folded[pos + 1].isalnum():
                return False  # inside an address: www.kfmc.med.sa (Arabic ".و" is a missing space)
        return True

    def spaced_before(self, i: int) -> bool:
        """True when a space or the start of the text comes right before token `i`."""
        pos = self.starts[i]
        return pos == 0 or self.folded[pos - 1].isspace()

    def spaced_after(self, i: int) -> bool:
        """True when a space or the end of the text comes right after token `i`."""
        pos = self.ends[i]
        return pos >= len(self.folded) or self.folded[pos].isspace()


@dataclass(frozen=True)
class QuotePair:
    """Quote marks that belong together: token indices of the opening and closing mark.

    `close` is the index of the closing mark, or of the token after the last word when the
    quote was never closed (it then ends with its paragraph) and `closed` is False.
    """

    open: int
    close: int
    closed: bool
    words: int  # words inside



def pair_quotes(tokens: Tokens) -> dict[int, QuotePair]:
    """Pair the quote marks of a text: opening-mark token index -> pair.

    « always opens and » always closes; " “ ” and the like open when no quote is open and close one
    opened the same way. A " after « closes it when it sits like a closing mark (word before, space
    after: « … " mismatched pairs); a » closes an open “ when no « is open, and opens (to be closed
    by «) when nothing is open and it is written against the next word. At a paragraph break an
    open quote goes on when the next paragraph opens with a quote mark (the continuation
    convention) or closes one before opening another; otherwise it ends with its paragraph.
    """
    pairs: dict[int, QuotePair] = {}
    stack: list[int] = []
    skip: set[int] = set()
    words = tokens.words
    for i, word in enumerate(words):
        if word == "\n":
            if stack and not _goes_on(tokens, i, skip):
                for opened in stack:
                    pairs[opened] = _pair(tokens, opened, _last_before_break(tokens, i) + 1, False)
                stack.clear()
            continue
        if word not in QUOTE_MARKS or i in skip:
            continue
        turned = bool(stack) and words[stack[-1]] in CLOSERS  # »…« : guillemets written the other way round
        if word in OPENERS and turned and _sits_closing(tokens, i):
            opened = stack.pop()
            pairs[opened] = _pair(tokens, opened, i, True)
        elif word in OPENERS or (word in CLOSERS and not stack and _sits_opening(tokens, i)):
            stack.append(i)
        elif word in CLOSERS:
            guillemets = [k for k in stack if words[k] in OPENERS]
            if guillemets:
                opened = guillemets[-1]
                del stack[stack.index(opened):]
                pairs[opened] = _pair(tokens, opened, i, True)
            elif stack:
                opened = stack.pop()
                pairs[opened] = _pair(tokens, opened, i, True)
        elif not stack:
            stack.append(i)
        elif _sits_opening(tokens, i) and words[stack[-1]] in EITHER and tokens.words[i - 1] not in QUOTE_MARKS:
            stack.append(i)  # "… كلمة "خارجيا" على …": a mark against the next word opens a nested quote
        elif words[stack[-1]] in EITHER or _sits_closing(tokens, i):
            opened = stack.pop()
            pairs[opened] = _pair(tokens, opened, i, True)
        else:
            stack.append(i)
    for opened in stack:
        pairs[opened] = _pair(tokens, opened, len(words), False)
    if all(p.closed for p in pairs.values()):
        return pairs  # most texts: nothing left open to end
    quoted = {k for p in pairs.values() if p.closed for k in range(p.open, p.close + 1)}
    return {opened: _narration_resumes(tokens, pair, quoted) for opened, pair in pairs.items()}


def _narration_resumes(tokens: Tokens, pair: QuotePair, quoted: set[int]) -> QuotePair:
    """A quote never closed ends where the narrator speaks again, not with its paragraph: at the end
    of a sentence whose next sentence opens with a speech verb after و/ف and says what was said
    («وبيّن: "… المدينة. وأضاف أن …», «وتابع: …»): the writer's own «وأضاف» starts a quote of its own.
    Not a verb that is also a noun (كتب، ذكر), one whose sentence has no أن/إن or colon («وجاء الهدف
    من خطأ»، «ونقل المعدات»), nor one inside a quote closed within this one (`quoted`)."""
    if pair.closed:
        return pair
    rules = quote_rules()
    for k in range(pair.open + 1, pair.close - 1):
        if k in quoted or not tokens.ends_sentence(k) or tokens.words[k] == "\n":
            continue
        verb, prefix = rules.verb_of(tokens.words[k + 1])
        if verb is not None and prefix and not verb.strict and _says_what(tokens, k + 2, pair.close, rules):
            return _pair(tokens, pair.open, k + 1, False)
    return pair


def _says_what(tokens: Tokens, start: int, end: int, rules: QuoteRules) -> bool:
    """Whether the sentence from token `start` has a that-word (أن، إنه، بأن …) or a colon within its
    first `_SAYS_WITHIN` tokens: a speech verb that reports something."""
    for k in range(start, min(end, start + _SAYS_WITHIN)):
        if tokens.ends_sentence(k):
            return False
        if tokens.words[k] == ":" or tokens.words[k] in rules.that_words:
            return True
    return False


_SAYS_WITHIN = 12  # «وأضاف المتحدث باسم وزارة الصحة في المنطقة الشرقية أن …»


def _pair(tokens: Tokens, opened: int, close: int, closed: bool) -> QuotePair:
    """A quote pair with the number of words inside it."""
    count = sum(1 for k in range(opened + 1, close) if tokens.is_word(k))
    return QuotePair(opened, close, closed, count)


def _sits_closing(tokens: Tokens, i: int) -> bool:
    """A mark written against the word before it and followed by a space, a mark or the end."""
    return not tokens.spaced_before(i) and (tokens.spaced_after(i) or i + 1 == len(tokens)
                                            or not tokens.is_word(i + 1))


def _sits_opening(tokens: Tokens, i: int) -> bool:
    """A mark after a space and written against a word after it."""
    return (i > 0 and tokens.spaced_before(i) and not tokens.spaced_after(i) and i + 1 < len(tokens)
            and tokens.is_word(i + 1))


def _last_before_break(tokens: Tokens, i: int) -> int:
    """The last token before the run of line breaks that ends at `i`."""
    while i > 0 and tokens.words[i - 1] == "\n":
        i -= 1
    return i - 1


def _goes_on(tokens: Tokens, i: int, skip: set[int]) -> bool:
    """Whether quotes open at the line break `i` continue into the next paragraph."""
    words = tokens.words
    j = i
    while j < len(words) and words[j] == "\n":
        j += 1
    if j < len(words) and (words[j] in OPENERS or words[j] in EITHER):
        skip.add(j)  # the continuation convention reopens the quote: that mark opens nothing new
        return True
    for k in range(j, len(words)):
        if words[k] == "\n":
            return False
        if words[k] in CLOSERS or (words[k] in EITHER and _sits_closing(tokens, k)):
            return True
        if words[k] in QUOTE_MARKS:
            return False
    return False


@dataclass
class QuoteFound:
    """A quote while it is being found: token range of its words, verb, speaker span, via."""

    first: int  # content tokens first..last (inclusive)
    last: int
    kind: str
    verb_at: int | None = None
    verb: str | None = None
    speaker: tuple[int, int] | None = None  # original span
    via: list[str] = field(default_factory=list)
