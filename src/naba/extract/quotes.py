"""Quotes with their speakers: who said what, in the article's own words, each pointing at its span.

`find_quotes(article)` fills `article.quotes` with one dict a quote::

    {"speaker": "وزير الخارجية الروسي سيرغي لافروف" | None, "speaker_span": [s, e] | None,
     "verb": "قال" | None, "text": "…", "kind": "direct" | "indirect", "via": ["وكالة تاس", "تلغرام"],
     "span": [s, e]}

`text` is always `article.text[span]`, and so is the speaker at `speaker_span`. A quote is found from

- a speech verb (قال، أكد أن، أشار إلى أن، شدد على، دعا إلى …, in every person and tense, with و/ف,
  hamza and diacritics or without) followed by its subject and a complement (إن، أن، بأن، على، إلى …),
  a colon or an opening quote mark; the words run to the end of the sentence (indirect) or to the
  closing mark (direct);
- a quote right before a verb («…»، قال الوزير), and a long quote standing alone (a sentence or more);
- "بحسب / وفقا لـ / حسب ما نقلت / على لسان / نقلا عن" attributions.

The speaker is the phrase after the verb (VSO: قال وزير الخارجية سيرغي لافروف إن …), else the title
or known name before it (SVO), else — for وأضاف / قال إنه / قائلا — the last speaker named (the
sentence's subject for participles). Agencies, channels and platforms named around the verb
(نقلته وكالة تاس عبر تلغرام، في تصريح لقناة …، نقلت وكالة X عن Y) go to `via`. Short quoted names
(«حماس»، "قسد") are not quotes. The words lists live in `data/quotes.json`.

Measured (README "Quotes"): on 2,000 random SaudiNewsNet articles, eight hand-checked random samples of 40
quotes had the right speaker 272/320 times (0.85) and the right quote span 295/320 (0.92); the seeds' 37
hand-checked quotes are all right (tests/test_quotes_seeds.py). In an audit of 800 SaudiNewsNet records, a random
sample of 60 quotes (seed 20240607) was right 44 times before the rules for بيّن، لفت أن، plural verbs, nouns spelled
like verbs (نفي), titles with a preposition (مبعوث … إلى اليمن) and verbs inside reported words, 53 after.
"""

from __future__ import annotations

import bisect
import itertools

from typing import Any

from naba.extract import quote_scan
from naba.extract.quote_parts import (COMMAS, CONTENT_PAIR, SENTENCE_ENDS, TRAILING, QuoteFound, QuotePair,
                                      QuoteRules, Tokens, Verb, pair_quotes, quote_rules)
from naba.model import Article
from naba.text import has_arabic

__all__ = ["find_quotes", "quotes_in"]

# A quote right after a preposition names something (أعلن المساهمة في "وقف زاد الخير"); what was said
# follows the verb, its subject, a comma, a colon or a place and time.
_NAMING_WORDS = frozenset({"في", "من", "مع", "ضد", "حول", "ب", "ل"})  # not إلى/على/عن: أشار إلى «…»

# Complements that also follow ordinary nouns (السيطرة على، البحث عن، ضرورة …): only right after the
# subject. دعا … إلى keeps its object between (دعت السفارة رعاياها إلى المغادرة).
_LOOSE_WORDS = frozenset({"علي", "عن", "من", "ضروره", "اهميه"})

# A complement word standing for the that-family: أن matches أنه، بأنها …; بأن matches the بـ forms only.
_THAT = frozenset({"ان", "بان"})
# Vowel marks (U+064B–U+065F), the dagger alif (U+0670) and tatweel (U+0640) a word may end with.
_MARKS_AND_TATWEEL = "".join(map(chr, range(0x064B, 0x0660))) + "\u0670\u0640"

_SUBJECT_AT = 5  # a sentence's subject sits in its first words: (كما) verb (object) subject
_REGION_WORDS = 25  # verb -> complement: the longest subject + place/time/via phrase seen in the seeds is 14
_CONTENT_TOKENS = 200  # an indirect quote longer than this has lost its sentence end
_LONG_PAIR = 8  # words after which a quote right after إن is the statement even if the sentence goes on


def find_quotes(article: Article) -> Article:
    """Set `article.quotes` to the direct and indirect quotes in `article.text`, with their speakers.

    PER and ORG entries of `article.entities`, when a NER stage filled them, decide how far a
    speaker's name runs; without them, title lists and word rules do.

    >>> a = find_quotes(Article(body="", source_kind="text", text="وقال وزير الخارجية إن المحادثات ستستمر."))
    >>> a.quotes[0]["speaker"], a.quotes[0]["text"], a.quotes[0]["kind"]
    ('وزير الخارجية', 'المحادثات ستستمر', 'indirect')
    """
    article.quotes = quotes_in(article.text or "", article.entities)
    return article


def quotes_in(text: str, entities: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The quotes of a text as `find_quotes` writes them (a list of dicts, in text order)."""
    if not text or not has_arabic(text):
        return []
    return _Finder(text, entities or []).run()


class _Finder:
    """Finds the quotes of one text: verbs first, then attributions, then quotes standing alone."""

    def __init__(self, text: str, entities: list[dict[str, Any]]) -> None:
        self.rules: QuoteRules = quote_rules()
        self.t = Tokens(text)
        self.pairs: dict[int, QuotePair] = pair_quotes(self.t)
        self.closing = {p.close: p for p in self.pairs.values() if p.closed}
        self.inside = [False] * len(self.t)
        for pair in self.pairs.values():
            if pair.closed:
                self.inside[pair.open + 1:pair.close] = [True] * (pair.close - pair.open - 1)
        self.sentence = self._sentence_starts()
        self.entities = sorted((e["span"][0], e["span"][1]) for e in entities
                               if e.get("type") in ("PER", "ORG") and e.get("span"))
        people = {tuple(x["span"]) for x in entities if x.get("type") == "PER" and x.get("span")}
        self.people = [(s, e) for s, e in self.entities if (s, e) in people]
        self.entity_starts = {s for s, _ in self.entities}
        self.person_ending = {}  # end -> start of the first person entity ending there
        for s, e in self.people:
            self.person_ending.setdefault(e, s)
        # where people's names end: a definite word after one begins a direct verb's object («أدان رئيس
        # الوزراء بنيامين نتنياهو الاتفاق»)
        self.person_ends = {e for _, e in self.people}
        self.used: set[int] = set()  # opening marks of pairs already quoted
        self.pending: dict[int, tuple[int, int]] = {}  # participle token -> speaker of the verb just before it
        self.stopped_at: int | None = None
        self.quotes: list[QuoteFound] = []
        self.in_sentence: dict[int, list[QuoteFound]] = {}  # sentence start -> its quotes, in order found
        self.ending_at: dict[int, QuoteFound] = {}  # last token -> the quote ending there
        self.last_speaker: tuple[int, int] | None = None
        self.names: set[str] = set()  # words of speakers named so far (known names before a verb)

    def run(self) -> list[dict[str, Any]]:
        """The quotes of the text, in text order, as dicts."""
        triggers = self.rules.trigger_words
        for i in [i for i, word in enumerate(self.t.words) if word in triggers]:
            verb, prefix = self.rules.verb_of(self.t.words[i])
            if verb is not None and self._is_trigger(i) and not self._inside_reported(i):
                quote = self._from_verb(i, verb, prefix)
                if quote is not None:
                    self.add(quote)
        quote_scan.standalone_quotes(self)
        quote_scan.attributions(self)
        return [self._as_dict(q) for q in quote_scan.trim_and_order(self)]

    def _is_trigger(self, i: int) -> bool:
        """A speech verb that may start a quote: not inside quote marks, not a noun (نفي، كتب، بين) or a
        relative clause."""
        word = self.t.words[i]
        verb, prefix = self.rules.verb_of(word)
        if verb is None or self.inside[i] or self._after_relative(i) or self._in_a_name(i):
            return False
        # نفي المعلومة، رأي الخبراء: the nouns fold to the verbs نفى، رأى; the written letter tells them apart
        # (read past vowel marks and tatweel after the last letter: «ونفىَ»، «ونفىٰ» are the verb)
        start, end = self.t.span(i, i)
        written = self.t.text[start:end].rstrip(_MARKS_AND_TATWEEL)
        if word[prefix:] in self.rules.maqsura_forms and not written.endswith("ى"):
            return False
        return not (verb.strict or verb.adjacent) or self._speaks_here(i, verb, prefix)

    def _speaks_here(self, i: int, verb: Verb, prefix: int) -> bool:
        """Whether a verb that is also a noun or a preposition is the verb here: a strict one (كتب، ذكر)
        after و/ف or before a title, an adjacent one (بين) with a that-word right after it or its subject
        ("التي كانت بين الحضور"، "بين الرياض وبين جدة" are no speech)."""
        t, j = self.t, self._skip_lead(i + 1)
        if j >= len(t):
            return False
        if verb.adjacent and t.words[j] in self.rules.that_words:
            return True  # "وبالنسبة للطرق، بين أن …": بين before أن is the verb
        if verb.strict and not prefix and not self.rules.is_title(t.words[j]):
            return False  # "تأليفهم كتب علوم اللغة": the noun, not the verb
        if verb.strict and not prefix and (t.words[i],) in self.rules.via_openers \
                and quote_scan.bare_word(t.words[j]) in self.rules.media_words | self.rules.documents:
            return False  # "عبر موقع تويتر"، "عبر بيان رسمي": the preposition, not «عبّر»
        if not verb.adjacent:
            return True
        found = self.phrase(j)
        k = self._skip_lead(found[1] + 1) if found else j  # وبيّن المدير لـ"الوطن" أن …
        return k < len(t) and (t.words[k] in self.rules.that_words or t.words[k] == ":")

    def _inside_reported(self, i: int) -> bool:
        """A verb inside the reported words of the quote found just before it, that starts no clause of
        its own (أشارت إلى أن المدرب يعتبر كاريك ركيزة …): its quote would be dropped, but its subject
        would still become the speaker of the next وأضاف."""
        last = self.quotes[-1] if self.quotes else None
        return last is not None and last.first < i <= last.last and last.first - 1 not in self.pairs \
            and not quote_scan.starts_clause(self, i)

    def _named_right_before(self, i: int) -> tuple[int, int] | None:
        """The tokens of a person entity that ends right before token `i`, or None (not an ORG: «تغريدة
        في تويتر قال فيها» is the writer's)."""
        t = self.t
        if i == 0:
            return None
        end = t.span(i - 1, i - 1)[1]
        start = self.person_ending.get(end)
        if start is None:
            return None
        first = next(k for k in range(i - 1, -1, -1) if k == 0 or t.span(k - 1, k - 1)[1] <= start)
        return first, i - 1

    def _before_its_object(self, first: int, last: int) -> tuple[int, int]:
        """A direct verb's subject ends where its object or a manner word begins: a بال word («ونددت
        الخارجية الفرنسية بالهجوم»), a manner adverb («أدانت المملكة بشدة التفجير»), or a definite
        noun after a definite name that is no title, no relative adjective and no title adjective, or
        after a person («أدان الأزهر التفجيرات», «نتنياهو الاتفاق»; «الأمم المتحدة», «الحكومة المصرية»,
        «الرئيس الأسد» go on)."""
        words, rules = self.t.words, self.rules
        for k in range(first + 1, last + 1):
            word, previous = words[k], words[k - 1]
            manner = word.startswith("بال") or any(lead == (word,) for lead in rules.lead_adverbs)
            object_ = word.startswith("ال") and (previous.startswith("ال") and not rules.is_title(previous)
                                                 or self.t.span(k - 1, k - 1)[1] in self.person_ends) \
                and not quote_scan.nisba(self, k) and word not in rules.title_adjectives
            if manner or object_:
                return first, k - 1
        return first, last

    def _in_a_name(self, i: int) -> bool:
        """A verb form right after a kunya or nasab word is a name: «أبو طالب», «بن نايف» (طالب، نايف
        are also verbs)."""
        return i > 0 and self.t.words[i - 1] in self.rules.name_starters

    def _after_relative(self, i: int) -> bool:
        """A verb in a relative clause (الهجوم الذي قال إنه …, والذين أكدوا) or right after إنه starts no quote."""
        if i == 0:
            return False
        word = self.t.words[i - 1]
        if word in self.rules.that_words:
            return True  # "وقال إنه اعتبر …": a verb inside reported words reports nothing new
        return word in self.rules.relative_words or (word[0] == "و" and word[1:] in self.rules.relative_words)

    # --- the pieces of a text -------------------------------------------------------------------

    def _sentence_starts(self) -> list[int]:
        """For each token, the index of the first token of its sentence (quote marks hold sentences)."""
        starts = [0] * len(self.t.words)
        current, previous = 0, 0
        ends = [i for i, w in enumerate(self.t.words) if w in SENTENCE_ENDS]  # few tokens: test only those
        for i in ends:
            if self.t.ends_sentence(i) and not self.inside[i]:
                starts[previous:i + 1] = [current] * (i + 1 - previous)
                current, previous = i + 1, i + 1
        starts[previous:] = [current] * (len(starts) - previous)
        return starts

    def sentence_end(self, i: int) -> int:
        """Index of the token that ends the sentence holding token `i` (quotes are jumped over)."""
        n, k = len(self.t), i
        while k < n and k - i < _CONTENT_TOKENS:
            pair = self.pairs.get(k)
            if pair is not None and pair.closed:
                k = pair.close + 1
                continue
            if self.t.ends_sentence(k):
                return k
            k += 1
        return k

    def is_stop(self, k: int, titled: bool = False) -> bool:
        """A token that cannot be part of a name: function and time words (also with و/ف), verbs,
        بال- and لل- words (لل- is allowed inside a title: الأمين العام للأمم المتحدة), marks."""
        t, rules = self.t, self.rules
        if not t.is_word(k):
            return True
        word = t.words[k]
        if word == "علي" and t.text[t.span(k, k)[1] - 1] == "ي":
            return False  # the name علي; the preposition على folds to the same letters
        if word in rules.stop_words or word in rules.that_words \
                or (rules.verb_of(word)[0] is not None and not self._in_a_name(k)):
            return True
        if len(word) > 2 and word[0] in "وف" and (word[1:] in rules.stop_words or word[1:] in rules.that_words):
            return True
        if word in rules.year_words and k + 1 < len(t) and t.words[k + 1][:1].isdigit():
            return True  # أعرب الدكتور وهبة الزحيلي عام 2013 عن …: when, not who
        if word.startswith(("لل", "بال")):
            return not titled  # inside a title: المتحدث الإعلامي بالإدارة العامة للدفاع المدني
        return (word[0] == "ل" and word[1:] in rules.media_words)

    # --- quotes from a verb ---------------------------------------------------------------------

    def _from_verb(self, i: int, verb: Verb, prefix: int) -> QuoteFound | None:
        """The quote a speech verb at token `i` introduces: its subject, complement, words, speaker and via."""
        t = self.t
        start = i + 1
        via: list[str] = []
        speaker = honoured = None
        if verb.relay:
            source = self.phrase(start)
            about = self._find_word(start, "عن") or self._find_word(start, "لسان")
            if source is None or about is None:
                return None
            via.extend(self.vias(start, about, None) or [self.via_name(*source)])
            speaker = self.phrase(about + 1)
            start = about + 1
        elif not (verb.participle or verb.inherits):
            start = self._skip_lead(start)
            if start < len(t) and t.words[start] in self.rules.honorifics:
                # "وأعرب سموه عن …": the one addressed so before speaks; what he said comes after
                honoured = quote_scan.honoured(self, start)
                start = self._skip_lead(start + 1)
            # وأكدوا الحرص على …: a plural verb carries its subject; the noun after it is its object
            elif not self.rules.is_plural_verb(t.words[i]):
                # an object may follow the subject of دعا، حث (حث الوزير المواطنين على): read as any verb's
                speaker = self.phrase(start, subject_of_any_verb=verb.objects)
                if verb.direct and speaker is not None:
                    speaker = self._before_its_object(*speaker)
        elif verb.inherits and t.words[start:start + 1] == ["في"] and start + 1 < len(t.words) \
                and quote_scan.bare_word(t.words[start + 1]) in self.rules.documents:
            speaker = self.phrase(start + 1)  # وجاء في البيان: …
        scan_from = speaker[1] + 1 if speaker else start
        self.stopped_at = None
        if (verb.participle or verb.inherits) and start < len(t) and not self.is_stop(start):
            return None  # "مؤكدين فخرهم أن …": a noun after a participle is its object, not speech
        # أدان، استنكر، ندد: what was condemned is the object, the rest of the sentence up to a relative clause
        content = self._object_only(self.reported(scan_from)) if verb.direct else self._content_after(scan_from, verb, i)
        if content is None and speaker is not None and self.stopped_at is not None and not verb.objects \
                and all(w in COMMAS for w in t.words[speaker[1] + 1:self.stopped_at]):
            self.pending[self.stopped_at] = self.speaker_span(*speaker)  # أضاف العتيبي قائلا: …
        if content is None:
            content = self._quote_before(i)
            if content is None:
                return None
        first, last, kind = content
        verb_text = t.text[slice(*t.original(t.starts[i] + prefix, t.ends[i]))]  # without its و/ف
        quote = QuoteFound(first, last, kind, verb_at=i, verb=verb_text)
        if speaker is None and honoured is None and prefix == 0 and t.words[i + 1:i + 2] in (["فيه"], ["فيها"]):
            honoured = self._named_right_before(i)  # تصريحات للرئيس باراك أوباما أكد فيها أن …
        if speaker is not None or honoured is not None:
            quote.speaker = self.speaker_span(*(speaker or honoured))
        elif prefix == 0 and not verb.participle and not verb.relay:
            quote.speaker = self._speaker_before(i)
        if quote.speaker is None:
            quote.speaker = self._inherited(i, verb)
        region_end = first if first > i else self.sentence_end(i)
        quote.via = via + self.vias(max(self.sentence[i], self._last_end_in_sentence(i)), region_end,
                                    quote.speaker, skip=(i,))
        tail = self._how_said(quote) if verb.objects and kind == "indirect" else None
        if tail is not None:  # "حثت السفارة رعاياها على المغادرة في بيان عبر تلغرام": where, not what
            quote.last = tail - 1
            while quote.last > first and not t.is_word(quote.last):
                quote.last -= 1
            quote.via += self.vias(tail, self.sentence_end(tail), quote.speaker)
        return quote

    def _object_only(self, content: tuple[int, int, str] | None) -> tuple[int, int, str] | None:
        """A stance verb's object (أدان، استنكر، ندد) without a relative clause that tells what someone
        else said: «استنكرت المنظمة التصريحات التي أدلى بها المالكي والتي ادعى فيها أن المملكة راعية
        للإرهاب» condemns the statements; the claim inside them is the other man's, not the organisation's
        words (a reviewer's reading of SaudiNewsNet records 3,000–5,999). A relative clause telling where
        or what happened stays («التفجير الذي وقع في بلدة سوروج»), so does one without a verb of claiming
        or accusing (`claim_verbs`), and words in quote marks stay whole."""
        if content is None or content[2] != "indirect":
            return content
        first, last, kind = content
        words, relatives, claims = self.t.words, self.rules.relative_pronouns, self.rules.claim_verbs
        for k in range(first + 1, last + 1):
            if words[k] in relatives or (words[k][:1] == "و" and words[k][1:] in relatives):
                if not any(words[j].removeprefix("و") in claims for j in range(k + 1, last + 1)):
                    return content
                end = k - 1
                while end > first and not self.t.is_word(end):
                    end -= 1
                return first, end, kind
        return content

    def _how_said(self, quote: QuoteFound) -> int | None:
        """Where the words a verb calls for (دعا، حث: the action asked) give way to how it was said:
        «في» before an indefinite document or manner word (في بيان، في كلمة، في تصريح), after one word at
        least; «الدخول في الحوار الوطني» is what was asked."""
        words, how = self.t.words, self.rules.documents | self.rules.manner_words
        for k in range(quote.first + 1, quote.last):
            if words[k] == "في" and not words[k + 1].startswith("ال") and words[k + 1] in how:
                return k
        return None

    def _skip_lead(self, k: int) -> int:
        """Skip بدوره / من جهته / أيضا, commas and a "لـ(عكاظ)" between a verb and its subject."""
        words = self.t.words
        moved = True
        while moved and k < len(words):
            moved = False
            if words[k] in COMMAS:
                k, moved = k + 1, True
            elif words[k] == "ل" and k + 1 < len(words) and words[k + 1] == "(" and ")" in words[k + 2:k + 7]:
                k, moved = words.index(")", k + 2) + 1, True
            elif words[k] == "ل" and k + 1 in self.pairs and self.pairs[k + 1].closed and self.pairs[k + 1].words <= 4:
                k, moved = self.pairs[k + 1].close + 1, True  # أوضح لـ"الاقتصادية"، سباستيان جرلاخ
            elif words[k] == "(" and words[k + 1:k + 2] and words[k + 1] in self.rules.time_words \
                    and words[k + 2:k + 3] == [")"]:
                k, moved = k + 3, True  # قال أمس (الثلاثاء) إن …: the day, not who speaks
            for lead in self.rules.lead_adverbs:
                if tuple(words[k:k + len(lead)]) == lead:
                    k, moved = k + len(lead), True
                    break
        return k

    def _find_word(self, k: int, word: str) -> int | None:
        """The first `word` after token `k` in its sentence and the verb's reach, or None."""
        for j in range(k, min(len(self.t), k + _REGION_WORDS)):
            if self.t.words[j] == word:
                return j
            if self.t.ends_sentence(j):
                return None
        return None

    def _content_after(self, k: int, verb: Verb, at: int) -> tuple[int, int, str] | None:
        """Find what introduces the reported words after the subject; return their tokens and kind.

        A preposition complement (شدد على، كشف عن، حذر من) or a noun one (أكد ضرورة) must follow the
        verb, its subject, a comma or a time word: "مؤكدة السيطرة على نقاط" is no quote.
        """
        t, n = self.t, len(self.t)
        anchor, lead_end = k, self._skip_lead(k)  # أوضح المدير لـ"الوطن" أن: the outlet keeps أن at hand
        limit = min(n, k + _REGION_WORDS)
        while k < limit:
            word = t.words[k]
            pair = self.pairs.get(k)
            if pair is not None:
                # a quote never closed ends before the next clause: what follows it is no complement
                named = (pair.closed and pair.close + 1 < n
                         and self._complement(pair.close + 1, verb, True) is not None) \
                    or t.words[k - 1] in _NAMING_WORDS or t.words[k - 1] in self.rules.name_markers \
                    or not any("\u0600" <= c <= "\u06ff" for c in t.folded[t.starts[k]:t.ends[pair.close - 1]])
                if pair.words >= CONTENT_PAIR and k not in self.used and not named:
                    return self.direct_words(pair)
                if not pair.closed:
                    return None
                k = pair.close + 1
                continue
            if word == ":" and not (t.words[k - 1] in ("http", "https") and t.ends[k - 1] == t.starts[k]):
                return self._after_colon(k + 1)
            if t.ends_sentence(k) or word in self.rules.region_stops:
                return None
            if self._is_trigger(k):
                self.stopped_at = k
                return None
            close_by = k in (anchor, at + 1, lead_end) or t.words[k - 1] in COMMAS \
                or t.words[k - 1] in self.rules.time_words \
                or (t.words[k - 1][:1].isdigit() and k > 1 and t.words[k - 2] in self.rules.year_words)
            if verb.adjacent and k > lead_end and not close_by:
                return None  # "وبين البلدين": بين a preposition, not بيّن
            # دعا … المبعوث الأممي إلى اليمن … إلى زيارة عدن: the first إلى belongs to the title
            matched = None if quote_scan.title_preposition(self, k) else self._complement(k, verb, close_by)
            if matched is not None:
                return self.reported(matched)
            k += 1
        return None

    def _complement(self, k: int, verb: Verb, close_by: bool) -> int | None:
        """The token where reported words start if a complement of `verb` begins at `k`."""
        words, rules = self.t.words, self.rules
        for complement in verb.complements:
            end = k + len(complement)
            # an objects verb keeps its object before a loose complement too (حث الوزير المواطنين على)
            loose = complement[0] in _LOOSE_WORDS and complement[-1] != "ان" and not verb.objects
            if end > len(words) or (not close_by and loose):
                continue
            if all(words[k + j] in rules.that_words and words[k + j].startswith(w[:-2]) if w in _THAT else
                   words[k + j] == w for j, w in enumerate(complement)):
                if complement == ("ان",) and k > 0 and words[k - 1] in rules.that_blockers:
                    continue
                return k if complement[-1] in rules.keeps else end
        return None

    def _after_colon(self, k: int) -> tuple[int, int, str] | None:
        """What follows a colon after a verb: a quote in marks, or the rest of the sentence."""
        pair = self.pairs.get(k)
        if pair is not None and pair.words >= 1 and k not in self.used:
            return self.direct_words(pair)
        return self.reported(k, kind="direct")

    def direct_words(self, pair: QuotePair) -> tuple[int, int, str] | None:
        """The words inside a pair of quote marks (line breaks trimmed), marking the pair as used."""
        first, last = pair.open + 1, pair.close - 1
        while first <= last and self.t.words[first] == "\n":
            first += 1
        while last >= first and self.t.words[last] == "\n":
            last -= 1
        if first > last:
            return None
        self.used.add(pair.open)
        return first, last, "direct"

    def reported(self, k: int, kind: str = "indirect") -> tuple[int, int, str] | None:
        """Reported words from token `k` to the end of the sentence; a quote right at `k` is direct."""
        t = self.t
        if k >= len(t):
            return None
        pair = self.pairs.get(k)
        if pair is not None and pair.words >= 1 and k not in self.used and self._says_it_all(pair):
            return self.direct_words(pair)
        end = self.sentence_end(k) - 1
        while end >= k and t.words[end] in TRAILING and end not in self.closing:
            end -= 1
        if end < k or not any(t.is_word(j) for j in range(k, end + 1)):
            return None
        return k, end, kind

    def _says_it_all(self, pair: QuotePair) -> bool:
        """Whether a quote right after إن is what was said, not a name the sentence goes on about
        (إن "سيسل" أصيب بسهم، أن “جمعية عمومية” ستعقد): followed by the end of its sentence or a
        comma, or long enough that what follows is a tail (أنه "يتابع عمله وينسق مع الحكومة" من العاصمة)."""
        after = pair.close + 1
        return (not pair.closed or pair.words >= _LONG_PAIR or after >= len(self.t.words)
                or self.t.ends_sentence(after)
                or self.t.words[after] in TRAILING)

    def _quote_before(self, i: int) -> tuple[int, int, str] | None:
        """A quote closed right before the verb: «…»، قال الوزير."""
        k = i - 1
        while k >= 0 and self.t.words[k] in COMMAS | {"-", "\n"}:
            k -= 1
        pair = self.closing.get(k)
        if pair is None or pair.open in self.used or pair.words < 2:
            return None
        return self.direct_words(pair)

    def _last_end_in_sentence(self, i: int) -> int:
        """Where the words of the last quote before token `i` in its sentence end (0 when none)."""
        ends = [min(q.last + 1, i) for q in self.in_sentence.get(self.sentence[i], ()) if q.first < i]
        return max(ends, default=0)

    def add(self, quote: QuoteFound) -> None:
        """Record a quote (indexed by sentence and end) and learn its speaker's words as names."""
        self.quotes.append(quote)
        self.in_sentence.setdefault(self.sentence[quote.first], []).append(quote)
        self.ending_at[quote.last] = quote
        if quote.speaker is not None and not quote_scan.quotes_scripture(self, quote.speaker):
            self.last_speaker = quote.speaker  # not «تعالى»: a وأضاف after a verse is the preacher's
            speaker = self.t.text[slice(*quote.speaker)]
            self.names.update(quote_scan.names_of(speaker, self.rules))

    # --- speakers -------------------------------------------------------------------------------

    def phrase(self, j: int, subject_of_any_verb: bool = False) -> tuple[int, int] | None:
        """Tokens of the name or title phrase starting at `j`, or None when `j` starts none."""
        return quote_scan.speaker_phrase(self, j, subject_of_any_verb)

    def speaker_span(self, first: int, last: int) -> tuple[int, int]:
        """The original span of a speaker phrase, stretched to cover an entity it starts or cuts, and
        ended with the person it names when an object follows (وزير النفط علي العمير توقع ارتفاع …)."""
        start, end = self.t.span(first, last)
        end = self._stretched(start, end, last)
        if self.rules.is_title(self.t.words[first]):
            end = self._ended_by_person(start, end, first, last)
        return start, end

    def _stretched(self, start: int, end: int, last: int) -> int:
        """Stretch a speaker's end over a PER/ORG entity it starts or cuts — not over a verb or a
        function word the entity took by mistake (رئيس الاتحاد ديريك [كشف])."""
        for s, e in self.entities[bisect.bisect_left(self.entities, (start, -1)):]:
            if s > end + 1:
                break
            if start <= s <= end + 1 and e > end and not self.t.text[end:s].strip():
                k = last + 1
                while k < len(self.t.words) and self.t.span(k, k)[0] < e and not self.is_stop(k):
                    k += 1
                if k >= len(self.t.words) or self.t.span(k, k)[0] >= e:
                    end = e
        return end

    @staticmethod
    def _objectlike(word: str) -> bool:
        """A definite word or a بـ/لـ word (بقوة، الشكر): never part of a name (لو دريان، بن سلمان)."""
        return word.startswith("ال") or (word[0] in "بل" and len(word) >= 4)

    def _ended_by_person(self, start: int, end: int, first: int, last: int) -> int:
        """End a titled speaker with the last person entity in it when the words after that person
        carry no title and read as an object (a definite, a بـ/لـ word, a function word)."""
        first_after = bisect.bisect_right(self.people, (start, len(self.t.text) + 1))
        inside = [e for s, e in itertools.takewhile(lambda p: p[0] < end, self.people[first_after:first_after + 50])
                  if e < end]
        if not inside:
            return end
        cut = max(inside)
        after = [k for k in range(first, last + 1) if self.t.span(k, k)[0] >= cut and self.t.is_word(k)]
        objectlike = any(self._objectlike(self.t.words[k]) or self.is_stop(k) for k in after)
        if after and objectlike and not any(self.rules.is_title(self.t.words[k]) for k in after):
            return cut
        return end

    def _speaker_before(self, i: int) -> tuple[int, int] | None:
        """The subject written before the verb at `i` (see `quote_scan.speaker_before`)."""
        return quote_scan.speaker_before(self, i)

    def _inherited(self, i: int, verb: Verb) -> tuple[int, int] | None:
        """The speaker of a verb without its own subject (مؤكدا، وأضاف، قال إنه، جاء فيه).

        The speaker of an earlier quote in the same sentence, else the sentence's subject (the first
        title before the verb that is not an agency: "كما حثت السفارة … قال:"), else the last speaker.
        """
        if i in self.pending:
            return self.pending[i]
        start = self.sentence[i]
        same = [q for q in self.in_sentence.get(start, ()) if q.speaker and q.first < i]
        if same:
            return same[-1].speaker
        subject = self._sentence_subject(start, i, everywhere=verb.participle)
        if subject is not None:
            return subject
        if self.last_speaker is not None:
            return self.last_speaker
        return self._sentence_subject(self.sentence[start - 1], start) if start else None

    def _person_after_opening(self, k: int) -> tuple[int, int] | None:
        """The person right after a sentence's opening word when that word is و/ف and a word the
        lists hold as a stop (وكان، ورفض), so no verb-first reading took it: «وكان الحشان قد برر خطوته
        … وقال: …» and «ورفض الحشان …، مضيفا» are his (they went to the club official quoted before).
        The person's entity span, so an object after the name stays out (ورفض مورينيو الحديث عن …)."""
        word = self.t.words[k]
        if len(word) < 4 or word[0] not in "وف" or not self.is_stop(k) or k + 1 >= len(self.t):
            return None
        start = self.t.span(k + 1, k + 1)[0]
        return next(((s, e) for s, e in self.people if s == start), None)

    def _sentence_subject(self, start: int, end: int, everywhere: bool = False) -> tuple[int, int] | None:
        """The subject of the sentence at `start` (before token `end`): the name right after its first
        verb (وقارن كيري بين …), else a title among its first words ("نفت السلطات …"، "كما حثت السفارة …")
        that is not an agency that relays. A participle's subject may come later (يأتي ذلك في ظل إعلان
        الفصائل …، مشددة): `everywhere`."""
        words = [k for k in range(self._skip_lead(start), end) if self.t.is_word(k) and not self.inside[k]]
        that = next((n for n, k in enumerate(words) if self.t.words[k] in self.rules.that_words), len(words))
        words = words[:that]  # after أن come the reported words, not the subject (وبين أن الوزارة …)
        first = self.t.words[words[0]] if words else ""
        verb_first = self.rules.verb_of(first)[0]  # speech verbs are stops inside names, not here
        # "ونقلت وكالة الأناضول تصريحات الرئيس …"، "ودعا المجتمع الدولي للتحرك": not who speaks
        if self.rules.is_plural_verb(first) and (verb_first or not self.is_stop(words[0])):
            return None  # "وحثوا الدول الأعضاء …، مؤكدين": the verb carries its subject; the nouns are objects
        relayed = verb_first is not None and (verb_first.relay or verb_first.objects)
        if not relayed and len(words) > 2 and not first.startswith("ال") \
                and (verb_first or not self.is_stop(words[0])) \
                and first not in self.rules.name_starters and not self.rules.is_title(first) \
                and words[1] == words[0] + 1:
            found = self.phrase(words[1], True)  # "وقارن كيري بين …، مشيرا": the word after the verb
            if found is not None:
                return self.speaker_span(*found)
        opening = words[0] if len(words) > 1 and words[1] == words[0] + 1 else None
        words = words if everywhere else words[:_SUBJECT_AT]
        for k in words:
            word = self.t.words[k]
            if self.rules.is_title(word) and quote_scan.bare_word(word) not in self.rules.media_words:
                found = self.phrase(k, True)
                if found is not None:
                    return self.speaker_span(*found)
        if opening is not None and (everywhere or self.t.words[opening] in self.rules.auxiliaries):
            return self._person_after_opening(opening)  # a participle's own sentence, or «وكان X قد …»
        return None

    # --- via ------------------------------------------------------------------------------------

    def vias(self, start: int, end: int, speaker: tuple[int, int] | None = None,
             skip: tuple[int, ...] = ()) -> list[str]:
        """Agencies, channels and platforms named in tokens `start..end-1`, outside the speaker."""
        return quote_scan.vias(self, start, end, speaker, skip)

    def via_name(self, first: int, last: int) -> str:
        """A via phrase as a user reads it: its words without quote marks (وكالة "تاس" -> وكالة تاس)."""
        t = self.t
        return " ".join(t.text[slice(*t.span(k, k))] for k in range(first, last + 1) if t.is_word(k))

    # --- output ---------------------------------------------------------------------------------

    def _as_dict(self, quote: QuoteFound) -> dict[str, Any]:
        """A quote as `Article.quotes` holds it (spans index the text)."""
        t = self.t
        start, end = t.span(quote.first, quote.last)
        speaker = list(quote.speaker) if quote.speaker else None
        return {
            "speaker": t.text[speaker[0]:speaker[1]] if speaker else None,
            "speaker_span": speaker,
            "verb": quote.verb,
            "text": t.text[start:end],
            "kind": quote.kind,
            "via": _whole(quote.via),
            "span": [start, end],
        }


def _whole(names: list[str]) -> list[str]:
    """Via names once each, in order, without one the list also has whole: «وفقا لما نقلته وكالة الأنباء
    البحرينية» was read twice, as «وكالة الأنباء» and «وكالة الأنباء البحرينية» (9 of 9,205 quotes)."""
    unique = list(dict.fromkeys(names))
    return [n for n in unique if not any(n != other and f" {n} " in f" {other} " for other in unique)]
