"""Who a short speaker is: «السفارة» and «سفارتها» named in full from earlier in their article.

News names a speaker in full once and then shortly: «طالبت السفارة الروسية في دمشق …» then «وقالت
السفارة في بيان …»; «وكانت الصين قد اتخذت خطوة مشابهة، حيث دعت سفارتها …». A story often has two
embassies, two ministries, two sources, so «السفارة» alone does not say whose. For a quote whose
speaker is one title word of `quotes.json`'s `titles` (سفارة، وزارة، وزير، مصدر، جيش …), this finds:

- with the article («السفارة», «الوزير»): the last mention of that word before the quote that says more —
  the word with the adjectives, the definite noun or the name that follow it («السفارة الروسية في دمشق»,
  «وزير الخارجية الروسي سيرغي لافروف», «مصدر عسكري», «مصدر مقرّب من حزب الله»);
- with a possessive pronoun («سفارتها», «حكومته»): the last country, organisation or person the tagger
  found before it in its sentence, its owner («سفارة الصين»).

The quote gains `speaker_full` (those words) and `speaker_full_span` (where they are in the article:
the fuller mention, or the owner's name). The speaker and its span stay as written.
"""

from __future__ import annotations

import functools
from bisect import bisect_right
from typing import Any

from naba.extract.quote_parts import quote_rules
from naba.model import Article
from naba.normalize import fold
from naba.span_index import SpanIndex

__all__ = ["name_speakers"]

MAX_MODIFIERS = 4  # words after the title word: «وزير الخارجية الروسي» and a two-word place or name
_POSSESSIVES = ("ها", "هم", "ه")  # her/its, their, his — on a title word, its ة written ت (سفارتها)
_CONJUNCTIONS = ("و", "ف")
_SENTENCE_END = frozenset(".!?؟؛")  # a line break ends one too (`_owner`)
_OWNER_TYPES = frozenset({"GPE", "LOC", "ORG", "PER"})


def name_speakers(quotes: list[dict[str, Any]], article: Article) -> list[dict[str, Any]]:
    """The article's quotes, each short speaker with `speaker_full` and `speaker_full_span` where its
    article names it in full before the quote (see the module docstring); the others unchanged."""
    page: _Page | None = None
    out = []
    for quote in quotes:
        span = quote.get("speaker_span")
        shape = _shape(quote.get("speaker") or "")
        if shape is None or not (isinstance(span, (list, tuple)) and len(span) == 2):
            out.append(quote)
            continue
        if page is None:
            page = _Page(article)
        head, possessive = shape
        found = _owner(head, page, span) if possessive else _fuller(head, page, span[0])
        out.append({**quote, "speaker_full": found[0], "speaker_full_span": found[1]} if found else quote)
    return out


class _Page:
    """One article's words and entities, indexed once for all its quotes: each quote looks back
    through the article, and a page of tens of thousands of quotes had rebuilt these per quote."""

    def __init__(self, article: Article):
        from naba.extract.ner.tokens import tokenize

        self.text = article.text or ""
        self.words = tokenize(self.text)
        self.ends = [w.end for w in self.words]
        self.entities = [e for e in article.entities or [] if len(e.get("span") or ()) == 2]
        self.starts = {e["span"][0]: e for e in self.entities}
        self.people = {e["span"][0]: e for e in self.entities if e.get("type") == "PER"}
        self.owners = SpanIndex([e for e in self.entities if e.get("type") in _OWNER_TYPES])
        self.sentence_ends = [w.end for w in self.words if w.text in _SENTENCE_END]  # in text order
        self._bare: dict[str, _BareWords] = {}
        self._holding: dict[str, list[int]] = {}

    def word_at(self, offset: int) -> int:
        """The index of the word holding `offset`, len(words) when none does."""
        i = bisect_right(self.ends, offset)
        return i if i < len(self.words) and self.words[i].start <= offset else len(self.words)

    def bare(self, head: str) -> _BareWords:
        if head not in self._bare:
            self._bare[head] = _BareWords(self.words, head)
        return self._bare[head]

    def holding(self, head: str) -> list[int]:
        """The indices of the words that are title word `head`, in order."""
        if head not in self._holding:
            bare = self.bare(head)
            self._holding[head] = [i for i in range(len(self.words)) if bare.holds(i)]
        return self._holding[head]


def _shape(speaker: str) -> tuple[str, bool] | None:
    """(the folded title word, whether it carries a possessive) of a one-word short speaker, else None."""
    if len(speaker.split()) != 1:
        return None
    titles = quote_rules().titles
    for word in _forms(fold(speaker)):
        if word.startswith("ال") and word[2:] in titles:
            return word[2:], False
        for ending in _POSSESSIVES:
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) >= 3:
                head = stem[:-1] + "ه" if stem.endswith("ت") else stem  # سفارت+ها: the title سفاره
                if head in titles:
                    return head, True
    return None


def _title_stem(word: str) -> str:
    """A folded word as `QuoteRules.titles` holds title words: without its article («الرئيس» -> «رئيس»)."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _forms(word: str) -> tuple[str, ...]:
    """A folded word as written and without a leading conjunction or preposition («وزير» is no و+زير)."""
    bare = _without_proclitic(word)
    return (word,) if bare == word else (word, bare)


def _without_proclitic(word: str) -> str:
    """A folded word without a leading conjunction or preposition, keeping its article."""
    for clitic in ("وب", "ول", "فب", "فل", "و", "ف", "ب", "ل"):
        if word.startswith(clitic) and len(word) - len(clitic) >= 3:
            return word[len(clitic):]
    return word


def _fuller(head: str, page: _Page, before: int) -> tuple[str, list[int]] | None:
    """The mention of title word `head` at offset `before` (the speaker's own) if words after it say
    more («الفنان المصمّم يحيى البشري», cut short by the quote's reading), else the last one before it
    that does."""
    text, words, bare = page.text, page.words, page.bare(head)
    own = page.word_at(before)
    named = _name_after(text, words, own, bare[own] if own < len(words) else "", page.people)
    if named is not None:
        return named
    holding = page.holding(head)
    for i in reversed(holding[:bisect_right(holding, min(own, len(words) - 1))]):
        last = _modifiers(bare, text, words, i, bare[i].startswith("ال"), page.starts)
        if last > i:
            start = _start(words[i], bare[i])
            return text[start:words[last].end], [start, words[last].end]
    return None


class _BareWords:
    """The article's words folded, each as `head` where one of its forms is that title word (`_forms`),
    else without its clitics (`_without_proclitic`) — computed for the words asked for only: a quote looks back at
    one or two title words and the few after them, not the whole article."""

    def __init__(self, words: list, head: str):
        self.words, self.targets, self.known = words, (head, "ال" + head), {}

    def __getitem__(self, i: int) -> str:
        found = self.known.get(i)
        if found is None:
            word = _fold_word(self.words[i].text)
            found = self.known[i] = next((f for f in _forms(word) if f in self.targets), _without_proclitic(word))
        return found

    def holds(self, i: int) -> bool:
        """Whether word i is the title word (its letters are searched first: most words are not)."""
        return self.targets[0] in _fold_word(self.words[i].text) and self[i] in self.targets


@functools.lru_cache(maxsize=50_000)
def _fold_word(word: str) -> str:
    return fold(word)


def _start(word, bare: str) -> int:
    """Where a word's bare form starts in the text (after «و», «ب» …: «والسفارة» -> «السفارة»)."""
    return word.start + next((k for k in range(len(word.text)) if fold(word.text[k:]) == bare), 0)


def _name_after(text: str, words: list, own: int, own_bare: str,
                people: dict[int, dict]) -> tuple[str, list[int]] | None:
    """The speaker's own title word and a person's name right after it or after one definite word, in one
    run of words («الفنان المصمّم يحيى البشري»): the quote's reading stopped at the title word."""
    if own >= len(words):
        return None
    stops = quote_rules().stop_words
    for j in (own + 1, own + 2):
        if j >= len(words) or any(not text[words[k - 1].end:words[k].start].isspace()
                                  for k in range(own + 1, j + 1)):
            return None
        if j == own + 2:  # the word between is a definite qualifier («المصمّم»), not «إن» or «في»
            between = fold(words[own + 1].text)
            if not between.startswith("ال") or between in stops:
                return None
        person = people.get(words[j].start)
        if person is not None:
            start, end = _start(words[own], own_bare), words[_entity_end(words, j, person)].end
            return text[start:end], [start, end]
    return None


def _modifiers(bare: _BareWords, text: str, words: list, i: int, definite: bool, starts: dict[int, dict]) -> int:
    """The index of the last word that qualifies title word i (i itself when none does):
    - a title word with the article: adjectives with the article («السفارة الروسية»), and «في» with a
      place the tagger found («في دمشق»);
    - one without it: the definite noun or the name it governs («وزير الخارجية», «سفارة الصين»), then
      adjectives with or without the article («مصدر عسكري», «… الخارجية الروسي»);
    adjectives agreeing with a feminine title word («السفارة الروسية», not «الوزارة الرئيسي»); and last a
    person's name the tagger found right after, unless the title word itself follows another («… الروسي
    سيرغي لافروف», not «رئيس المفوضية الأوروبية جان كلود يونكر»), or a connector
    and the name of whom the title belongs to («مصدر مقرب من حزب الله», «المتحدث باسم الجيش»)."""
    rules = quote_rules()
    titles, stops, adjectives = rules.titles, rules.stop_words, rules.title_adjectives
    # «رئيس المفوضية الأوروبية جان كلود يونكر»: after another title word the name is that title's
    owns_name = not (i and _title_stem(bare[i - 1]) in titles)
    feminine = bare[i].endswith("ه")  # its adjectives agree: «الوزارة الرئيسي» is «مبنى الوزارة الرئيسي»
    last, j = i, i + 1
    while j < len(words) and j - i <= MAX_MODIFIERS and "\n" not in text[words[j - 1].end:words[j].start]:
        word, entity = bare[j], starts.get(words[j].start)
        follow = rules.connectors.get(word)  # مقرب -> {من}; باسم -> {} (a connector alone)
        n = 0 if follow is None else 1 if not follow else 2 if j + 1 < len(words) and bare[j + 1] in follow else 0
        owner = starts.get(words[j + n].start) if n and j + n < len(words) else None
        if owner is not None:
            return _entity_end(words, j + n, owner)
        if entity is not None and ((entity.get("type") == "PER" and owns_name) or (not definite and j == i + 1)):
            last = _entity_end(words, j, entity)
            if entity.get("type") == "PER":
                break
            j = last + 1
            continue
        if word == "في" and j + 1 < len(words) and starts.get(words[j + 1].start, {}).get("type") in ("GPE", "LOC"):
            last = _entity_end(words, j + 1, starts[words[j + 1].start])
            j = last + 1
            continue
        if word in stops:
            break
        governed = not definite and j == i + 1 and word.startswith("ال")
        adjective = (word in adjectives or (len(word) > 3 and word.endswith(("ي", "يه"))
                                            and (word.startswith("ال") or not definite)))
        if not (governed or (adjective and (word.endswith("ه") or not feminine))):
            break
        last, j = j, j + 1
    return last


def _entity_end(words: list, j: int, entity: dict) -> int:
    """The index of the last word inside the entity that starts at word j."""
    while j + 1 < len(words) and words[j + 1].end <= entity["span"][1]:
        j += 1
    return j


def _owner(head: str, page: _Page, span) -> tuple[str, list[int]] | None:
    """«سفارة الصين» for «سفارتها»: the title word and the last owner named before it in its sentence."""
    text = page.text
    ends = page.sentence_ends
    sentence_start = max(ends[bisect_right(ends, span[0]) - 1] if ends and ends[0] <= span[0] else 0,
                         text.rfind("\n", 0, span[0]) + 1)
    owners = page.owners.inside(sentence_start, span[0])
    if not owners:
        return None
    owner = max(owners, key=lambda e: e["span"][0])
    return f"{_title_word(text[span[0]:span[1]], head)} {owner['text']}", list(owner["span"])


def _title_word(written: str, head: str) -> str:
    """The title word as it stands before a name: «سفارتها» -> «سفارة», «حكومته» -> «حكومة», «جيشها» -> «جيش»."""
    word = written[1:] if written[:1] in _CONJUNCTIONS and len(written) > 4 else written
    for ending in _POSSESSIVES:
        if word.endswith(ending):
            word = word[: -len(ending)]
            break
    return word[:-1] + "ة" if head.endswith("ه") and word.endswith("ت") else word
