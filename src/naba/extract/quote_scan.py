"""Speaker phrases, via chains, attributions and quotes standing alone, for `naba.extract.quotes`.

Each function takes the finder of one text (`naba.extract.quotes._Finder`: its tokens, quote pairs,
rules, the quotes found so far) and works in token indices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import bisect
import re

from naba.extract.quote_parts import COMMAS, CONTENT_PAIR, TRAILING, QuoteFound, fold_word
from naba.normalize import letter_folding

if TYPE_CHECKING:
    from naba.extract.quotes import _Finder

_WORDS = re.compile(r"[^\W_]+")
_NAME_WORDS = 4  # a name without a title: "أبو محمد الجولاني", "رجب طيب أردوغان"
# title + name: "نائب المتحدث الرسمي للدفاع المدني بمنطقة مكة المكرمة المقدم محمد بن عثمان القرني" is 12
_PHRASE_WORDS = 13
_QUOTED_NAME = 4  # «الشرق نيوز», "سي إن إن": a quoted name inside a speaker or via phrase
_BEFORE_WORDS = 12  # "مصدر عسكري من غرفة العمليات المشتركة لمعركة ردع العدوان قال": 10 words
_LONG_QUOTE = 6  # words in a quote that stands alone: fewer is a name or a title («ردع العدوان»)
_QUOTED_PHRASE = 12  # words from which a quote inside running text is a statement, not a phrase
_HEADLINE_SPEAKER = 4  # words before the colon of "الكرملين: «…»" at the start of a line
_TITLE_REACH = 5  # words between a title and its preposition: "مبعوث الأمين العام للأمم المتحدة إلى"


def _short_pair(f: _Finder, k: int):
    """The closed quote pair opening at `k` when it holds a name (1-4 words), else None."""
    pair = f.pairs.get(k)
    if pair is not None and pair.closed and 1 <= pair.words <= _QUOTED_NAME:
        return pair
    return None


def nisba(f: _Finder, k: int) -> bool:
    """A definite relative adjective: الروسي، السورية — not المستشفى, whose ى folds to ي too."""
    word = f.t.words[k]
    if not (word.startswith("ال") and word.endswith(("ي", "يه"))):
        return False
    return f.t.text[f.t.span(k, k)[1] - 1] != "ى"


def speaker_phrase(f: _Finder, j: int, subject_of_any_verb: bool = False) -> tuple[int, int] | None:
    """Tokens first..last of the name or title phrase starting at `j`, or None when `j` starts none.

    A title runs over its complements and adjectives (وزير الخارجية الروسي) and a name after it or
    after a comma (، سيرغي لافروف،) and stops at a function or time word, a verb, a لل- word, a
    preposition, or a definite noun after an adjective (the object: نفت السلطات السورية الأنباء).
    """
    t, n = f.t, len(f.t)
    if j >= n:
        return None
    pair = _short_pair(f, j)
    if pair is not None:
        return pair.open + 1, pair.close - 1
    if t.words[j] == "(" and ")" in t.words[j + 2:j + 6]:
        return j + 1, t.words.index(")", j + 2) - 1  # قالت (كامبل سوب) أكبر شركة …
    if f.is_stop(j) or t.words[j] in f.rules.keeps or t.words[j][0].isdigit():
        return None
    if _how_said(f, _without_pronoun(t.words[j])[1:]):
        return None  # «واختتمت حديثها بقولها»: her talk is the object, not who speaks
    titled = f.rules.is_title(t.words[j])
    limit = _PHRASE_WORDS if titled or t.words[j] in f.names else _NAME_WORDS
    # a family name met before and used alone (وانتقد الدلبحي دور البلديات) goes on only with a title
    surname = not titled and t.words[j] in f.names and t.words[j].startswith("ال")
    last, count, k = j, 1, j + 1
    while k < n and count < limit:
        word = t.words[k]
        pair = _short_pair(f, k)
        if pair is not None:
            last, count, k = pair.close, count + pair.words, pair.close + 1
            continue
        if word == "." and len(t.words[k - 1]) == 1 and t.is_word(k - 1) and t.ends[k - 1] == t.starts[k]:
            k += 1  # م. عبدالله المقهوي: an abbreviated title (a letter, not a closing quote mark: «"…". يُذكر»)
            continue
        if word in COMMAS and titled:
            name_end = _apposition(f, k + 1)
            if name_end is None:
                break
            last, count, k = name_end, count + name_end - k, name_end + 1
            continue
        if f.is_stop(k, titled) and not title_preposition(f, k) and not _negating_adjective(f, k, titled):
            break
        if _object_follows(f, k, subject_of_any_verb):
            break
        if _possessed(f, k):
            break  # a possessed noun is the object, not the subject: إعلان فصائل المعارضة دخولها
        if surname and not titled and word not in f.names and not f.rules.is_title(word):
            break
        if not titled and f.rules.is_title(word):
            titled, limit = True, _PHRASE_WORDS  # محمد الفريدان عميد القبول والتسجيل
        last, count, k = k, count + 1, k + 1
    while last > j and t.words[last] in f.rules.connector_words and f.is_stop(last):
        last -= 1  # a title's preposition whose object did not follow (مدير التعليم في حديثه)
    return j, last


def _negating_adjective(f: _Finder, k: int, titled: bool) -> bool:
    """A negating word (`negating_words`: «غير») inside a title before an adjective (مدير منظمة غير حكومية): non-, not a contrast."""
    t = f.t
    return (titled and t.words[k] in f.rules.negating_words and not _starts_clause(f, k) and k + 1 < len(t)
            and not f.is_stop(k + 1, titled))


def title_preposition(f: _Finder, k: int) -> bool:
    """A preposition inside a title (مقرب من الكرملين، المبعوث الأممي إلى اليمن، مسؤول في الوزارة) —
    not one that begins where or how it was said (مسؤول في بيان، مسؤول في وقت لاحق)."""
    t = f.t
    if k < 1 or t.words[k] not in f.rules.connector_words:
        return False
    head = k - 1  # the title may end a few words back: مبعوث الأمين العام للأمم المتحدة إلى اليمن
    while t.words[k] not in _connectors_of(f, t.words[head]):
        head -= 1
        if head < max(0, k - _TITLE_REACH) or f.is_stop(head, True):
            return False
    after = t.words[k + 1] if k + 1 < len(t.words) else ""
    return bool(after) and not f.is_stop(k + 1) and not _how_said(f, _without_pronoun(after))


def _connectors_of(f: _Finder, word: str) -> frozenset[str]:
    """The prepositions a title word takes, also after the و that joins it to the title before
    (وعضو اللجنة العقارية في غرفة جدة); «وزير» keeps its own letters."""
    found = f.rules.connectors.get(bare_word(word), frozenset())
    if word.startswith("و") and len(word) > 3:
        found |= f.rules.connectors.get(bare_word(word[1:]), frozenset())
    return found


def _how_said(f: _Finder, nouns: tuple[str, ...]) -> bool:
    """Whether any of `nouns` tells how or where something was said (`manner_words`: في حديثه، في
    الاحتفال) or the text that says it (`documents`: بيانها)."""
    return any(bare_word(n) in f.rules.documents or bare_word(n) in f.rules.manner_words or n in f.rules.manner_words
               for n in nouns)


def _without_pronoun(word: str) -> tuple[str, ...]:
    """A noun as it stands and without a pronoun suffix (في حديثه، في كلمته: حديث، كلمة)."""
    for suffix in ("هما", "هم", "ها", "ه"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[:-len(suffix)]
            return (word, stem, stem[:-1] + "ه") if stem.endswith("ت") else (word, stem)
    return (word,)


def _object_follows(f: _Finder, k: int, any_verb: bool) -> bool:
    """A definite noun right after a definite adjective starts the object, not the speaker (نفت السلطات
    السورية الأنباء); after the subject of any verb, also right after a definite title (زار الوزير
    المستشفى), where after a speech verb it is a family name (قال اللاعب العليان), and a definite title
    that is no rank after any definite word (استقبل أمير المنطقة السفير). Never after
    الأمين العام، المدير التنفيذي المشارك."""
    previous, word = f.t.words[k - 1], f.t.words[k]
    if not (word.startswith("ال") and previous.startswith("ال")) or word in f.rules.connector_words \
            or word in f.rules.stop_words:
        return False  # «إلى» folds to «الي»: a preposition, no definite object
    after_title = any_verb and (f.rules.is_title(previous) or previous in f.rules.title_adjectives)
    if any_verb and f.rules.is_title(word) and word not in f.rules.title_adjectives:
        return True  # استقبل أمير المنطقة السفير …: a second title, not a rank (اللواء، الدكتور), is the object
    if not (nisba(f, k - 1) or after_title):
        return False
    return not (nisba(f, k) or word in f.rules.title_adjectives)


def _possessed(f: _Finder, k: int) -> bool:
    """A noun with a pronoun suffix (دخولها، نظيره، علمهم); ة folds to ه, so the original letter decides."""
    word = f.t.words[k]
    if len(word) <= 3 or word.startswith("ال") or word.endswith("لله"):
        return False
    if word.startswith(f.rules.joined_name_starters):
        return False  # عبدربه، عبده: a name, not a noun with a pronoun
    if word.endswith(("ها", "هم", "هما")):
        return True
    return f.t.text[f.t.span(k, k)[1] - 1] == "ه"


def honoured(f: _Finder, k: int) -> tuple[int, int] | None:
    """The speaker an honorific pronoun at `k` stands for (وأعرب سموه، ودعا معاليه): the last phrase
    before it opened by the pronoun's noun («صاحب السمو الملكي الأمير …»، «لمعالي وزير …»), else None
    (the caller then goes back to the last speaker)."""
    t, noun = f.t, f.rules.honorifics[f.t.words[k]]
    for j in range(k - 1, -1, -1):
        word = t.words[j]
        if noun not in (bare_word(word), bare_word(word[1:]) if word[:1] in "وفل" else ""):
            continue
        if j and bare_word(t.words[j - 1]).lstrip("وف") in ("صاحب", "صاحبه"):
            j -= 1  # صاحب السمو: the phrase starts at صاحب
        first, last = speaker_phrase(f, j) or (j, j)
        # the person it names, not what a verb did to them after (استقبل صاحب السمو … الأمير X وفدا)
        person_end = min((e for s, e in f.people if t.span(first, last)[0] <= s < t.span(first, last)[1]), default=None)
        if person_end is not None:
            last = max(m for m in range(first, last + 1) if m == first or t.span(m, m)[1] <= person_end)
        return first, last
    return None


def quotes_scripture(f: _Finder, speaker: tuple[int, int]) -> bool:
    """Whether a speaker (a span of the text) is scripture quoted: «تعالى»، «رسول الله»، «الحديث الشريف»."""
    words = f.t.text[slice(*speaker)].split()
    return bool(words) and bare_word(fold_word(words[0])) in f.rules.scripture_speakers


def bare_word(word: str) -> str:
    """A word without its article: الروسي -> روسي."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def _apposition(f: _Finder, k: int) -> int | None:
    """The last token of a name set off by commas after a title (، سيرغي لافروف،), or None."""
    t, n = f.t, len(f.t)
    last = None
    for j in range(k, min(n, k + _NAME_WORDS)):
        if f.is_stop(j):
            break
        last = j
    if last is None or last + 1 >= n:
        return None
    first = t.words[k]
    if first.startswith("ال") and first not in f.rules.title_adjectives:
        return None  # "، الشهداء،"، "، التمسك باتفاق الطائف،": an object set off by commas, not a name
    after = t.words[last + 1]
    if after in COMMAS or after in f.rules.that_words or after in f.rules.time_words:
        return last
    return None


def speaker_before(f: _Finder, i: int) -> tuple[int, int] | None:
    """A subject written before its verb (SVO): مصدر عسكري … قال، وزير الخارجية سيرغي لافروف قال."""
    t = f.t
    start = f.sentence[i]
    for q in f.in_sentence.get(start, ()):
        if start <= q.last < i:
            start = q.last + 1
    k = i - 1
    while k >= start and t.words[k] not in (":", "\n"):
        k -= 1
    chunk = list(range(k + 1, i))
    that = [n for n, j in enumerate(chunk) if t.words[j] in f.rules.that_words]
    if that:
        chunk = chunk[that[-1]:]  # "يذكر أن مصدر مسؤول … قال": the subject follows the last أن
    contrast = [n for n, j in enumerate(chunk) if t.words[j] in f.rules.contrast_words and _starts_clause(f, j)]
    if contrast:
        chunk = chunk[contrast[-1] + 1:]  # "…، في حين قال إن": nothing before the contrast is its subject
    while chunk and not t.is_word(chunk[-1]) and chunk[-1] not in f.closing:
        chunk.pop()
    commas = [c for c, j in enumerate(chunk) if t.words[j] in COMMAS]
    while commas and commas[-1] + 1 < len(chunk) and _coordinated_title(f, chunk[commas[-1] + 1]):
        chunk = chunk[:commas.pop()]  # "رؤوف معوض مهندس الإنشاء، والمسؤول عن …، يقول": the name speaks
    for cut in [0] + [c + 1 for c, j in enumerate(chunk) if t.words[j] in COMMAS][::-1]:
        part = _without_connectives(f, chunk[cut:])
        words = [j for j in part if t.is_word(j)]
        if not words or len(words) > _BEFORE_WORDS:
            continue
        head = t.words[words[0]]
        before_qad = t.words[i - 1] in ("قد", "فقد") and len(words) <= _NAME_WORDS + 1  # وكان خامنئي قد قال
        if f.rules.is_title(head) or head.lstrip("وف") in f.names or _entity_at(f, part[0]) or before_qad:
            found = speaker_phrase(f, part[0])
            if found is not None and found[1] < i:
                return f.speaker_span(*found)  # وكانت شركة آسيا سيل، إحدى الشركات …، قد أكدت
            return f.speaker_span(part[0], part[-1])
    return None


def _starts_clause(f: _Finder, k: int) -> bool:
    """Whether the contrast word at k starts a clause: after a comma or a sentence's start, as the
    end of a phrase (في حين), or before a that-word (غير أن، إلا أن). Right after a word it is part of
    a noun phrase: «منظمة غير حكومية» is a non-governmental organisation."""
    t = f.t
    if k == 0 or not t.is_word(k - 1) or k + 1 < len(t) and t.words[k + 1] in f.rules.that_words:
        return True
    return any(len(p) > 1 and tuple(t.words[max(0, k + 1 - len(p)):k + 1]) == p for p in f.rules.contrast_phrases)


def _coordinated_title(f: _Finder, k: int) -> bool:
    """A title joined by و after a comma (، والمسؤول عن بناء الخزانات): more about the subject before it."""
    word = f.t.words[k]
    return word.startswith("وال") and f.rules.is_title(word)


def _without_connectives(f: _Finder, part: list[int]) -> list[int]:
    """A clause without the words before its subject: "، غير أن محللين …"، "وكانت شركة …"، "قد"."""
    t, rules = f.t, f.rules
    while part:
        word = t.words[part[0]]
        if (not t.is_word(part[0]) and part[0] not in f.pairs) or word in ("و", "ف") \
                or word in rules.contrast_words or word in rules.that_words or word in rules.auxiliaries:
            part = part[1:]
        else:
            break
    return part


def _entity_at(f: _Finder, k: int) -> bool:
    """Whether a PER/ORG entity starts at token `k`."""
    return f.t.span(k, k)[0] in f.entity_starts


def vias(f: _Finder, start: int, end: int, speaker: tuple[int, int] | None, skip: tuple[int, ...]) -> list[str]:
    """Agencies, channels and platforms named in tokens `start..end-1`, outside the speaker's span."""
    t, rules = f.t, f.rules
    found: list[str] = []
    k = max(start, 0)
    while k < min(end, len(t)):
        if k in skip or (speaker and speaker[0] <= t.span(k, k)[0] < speaker[1]):
            k += 1
            continue
        word = t.words[k]
        bare = bare_word(word)
        if bare in rules.media_words or (word[0] == "ل" and bare_word(word[1:]) in rules.media_words):
            last = _via_extent(f, k)
            found.append(_strip_lam(f.via_name(k, last), word, rules))
            k = last + 1
            continue
        if bare in rules.platforms:
            found.append(f.via_name(k, k))
        elif word == "ل" and t.words[k + 1:k + 2] == ["("] and ")" in t.words[k + 2:k + 7]:
            close = t.words.index(")", k + 2)
            found.append(f.via_name(k + 2, close - 1))  # لـ(عكاظ)
            k = close
        elif _short_pair(f, k) is not None and k > 0 and _opens_via(f, k - 1):
            pair = f.pairs[k]
            found.append(f.via_name(k + 1, pair.close - 1))
            k = pair.close
        k += 1
    return found


def _strip_lam(name: str, word: str, rules) -> str:
    """لقناة الجزيرة -> قناة الجزيرة (the ل of 'told to' belongs to the sentence, not the name)."""
    if word[0] == "ل" and bare_word(word) not in rules.media_words:
        return name[1:]
    return name


def _opens_via(f: _Finder, k: int) -> bool:
    """Whether token `k` ends a via opener (عبر، لـ، نقلته، حسابها على …)."""
    words = f.t.words
    for opener in f.rules.via_openers:
        if tuple(words[max(0, k - len(opener) + 1):k + 1]) == opener:
            return True
    return False


def _via_extent(f: _Finder, k: int) -> int:
    """The last token of a via phrase starting with a media word: وكالة "تاس" / وكالة رويترز / منصة إكس."""
    t = f.t
    pair = _short_pair(f, k + 1)
    if pair is not None:
        return pair.close
    last = k
    for j in range(k + 1, min(len(t), k + 3)):
        if f.is_stop(j) or t.words[j] in f.rules.media_words or (nisba(f, j) and j > k + 1):
            break
        last = j
    return last


def attributions(f: _Finder) -> None:
    """بحسب / وفقا لـ / حسب ما نقلت / على لسان / نقلا عن: a source for the quote around it, or a quote."""
    t, rules = f.t, f.rules
    heads = rules.marker_words
    after = 0  # a marker inside the source phrase of the last one is part of that source
    verbs = {q.verb_at for q in f.quotes}
    for k in [k for k, word in enumerate(t.words) if word in heads and not f.inside[k]]:
        marker = _marker_at(f, k) if k >= after else None
        if marker is None or any(j in verbs for j in range(k, k + len(marker))):
            continue  # "كما قال فلان إن …": the verb already made its quote
        source_at = k + len(marker)
        if source_at < len(t.words) and t.words[source_at] == "ل":
            source_at += 1
        relay = "نقلت" in marker or "نقلته" in marker or marker[0] == "نقلا"
        source = speaker_phrase(f, source_at)
        if source is None or (len(marker) == 1 and not _credible_source(f, source[0])):
            continue
        speaker, via = _attributed(f, source, relay, rules)
        _attach(f, k, source, speaker, via, t.text[slice(*t.span(k, k + len(marker) - 1))],
                recap=marker in rules.recap_markers)
        after = source[1] + 1


def _marker_at(f: _Finder, k: int) -> tuple[str, ...] | None:
    """The attribution marker (بحسب، وفقا، على لسان …) starting at token `k`, if any."""
    words = f.t.words
    word = words[k]
    heads = f.rules.marker_heads
    candidates = heads.get(word) or (heads.get(word[1:]) if word[0] in "وف" else None)
    for marker in candidates or ():
        if tuple(words[k + 1:k + len(marker)]) == marker[1:]:
            return marker
    return None


def _credible_source(f: _Finder, k: int) -> bool:
    """Whether an attribution names someone (بحسب المرصد) and not a plan or a rule (بحسب الخطة)."""
    word = f.t.words[k]
    lam = word[1:] if word.startswith("ل") and len(word) > 3 else word
    rules = f.rules
    after = f.t.words[k + 1:k + 4]
    if "فان" in after or "فانه" in after or "فقد" in after:
        return True  # "وبحسب الدفاع المدني، فإن …"، "وبحسب رويترز، فقد قال …" name their source
    return (k - 1 in f.pairs or any(rules.is_title(w) for w in (word, lam)) or word in f.names
            or bare_word(lam) in rules.media_words or _entity_at(f, k))


def _attributed(f: _Finder, source: tuple[int, int], relay: bool, rules) -> tuple[tuple | None, list[str]]:
    """(speaker span, via names) of an attribution's source phrase: "وكالة رويترز عن مسؤول" splits."""
    t = f.t
    first, last = source
    if relay:
        about = next((j for j in range(last + 1, min(len(t), last + 4)) if t.words[j] == "عن"), None)
        name = _strip_lam(f.via_name(first, last), t.words[first], rules)
        if about is not None:
            found = speaker_phrase(f, about + 1)
            if found is not None:
                return f.speaker_span(*found), [name]
        return None, [name]
    start, end = f.speaker_span(first, last)
    word = t.words[first]
    if word.startswith("ل") and len(word) > 3 and not rules.is_title(word):
        start += 1  # وفقا لوزارة الصحة: the speaker is وزارة الصحة
    return (start, end), []


def _attach(f: _Finder, k: int, source, speaker, via: list[str], marker: str, recap: bool = False) -> None:
    """Give the attribution to the quote it closes, or make the sentence around it a quote (not a recap
    marker's: «هذا ما قاله» names who said the quote before it, and only that)."""
    t = f.t
    host = _host(f, k, source[1])
    if recap and host is not None and host.last >= k:
        return
    if host is not None:
        if host.kind == "indirect" and host.first < k <= host.last:
            host.last = _trim_end(f, host.first, k - 1)
        if host.speaker is None and speaker is not None:
            host.speaker = speaker
            host.verb = host.verb or marker
        elif speaker is not None and t.text[slice(*speaker)] != t.text[slice(*host.speaker)]:
            host.via.append(t.text[slice(*speaker)])
        host.via.extend(via)
        return
    found = _attributed_words(f, k, source)
    if found is None or (recap and found[1] >= k):
        return
    quote = QuoteFound(*found, verb=marker, speaker=speaker, via=list(via))
    if speaker is None and via:
        quote.speaker = None
    f.add(quote)


def _host(f: _Finder, k: int, source_end: int) -> QuoteFound | None:
    """The quote an attribution at token `k` belongs to: one holding it (also between its verb and its
    words), one that ended before it in its sentence (قال الوزير إن …، بحسب رويترز), or one whose verb
    follows its source at once
    (وبحسب رويترز، فقد قال الوزير إن …). None when the attribution brings its own words (وبحسب
    الدفاع المدني، فإن …)."""
    in_sentence = f.in_sentence.get(f.sentence[k], ())
    for quote in reversed(in_sentence):
        if quote.first <= k <= quote.last + 2 or quote.last < k or (
                quote.verb_at is not None and quote.verb_at < k < quote.first):
            return quote
    for quote in in_sentence:
        if quote.verb_at is not None and source_end < quote.verb_at <= source_end + 4 and all(
                w in COMMAS or w in ("ف", "قد", "فقد", "و") for w in f.t.words[source_end + 1:quote.verb_at]):
            return quote
        if quote.verb_at is None and quote.speaker is None and quote.first > source_end:
            return quote  # "المشكلة، بحسب ما يقول مايز، هي أن بكين «…»": the quote no verb introduced
    return None


def _attributed_words(f: _Finder, k: int, source) -> tuple[int, int, str] | None:
    """The words an attribution vouches for: the sentence after "وبحسب X، فإن" or before "…، وفق X"."""
    t = f.t
    start = f.sentence[k]
    lead = [j for j in range(start, k) if t.is_word(j)]
    j = source[1] + 1
    while j < len(t) and (t.words[j] in COMMAS or j in f.closing):
        j += 1
    if j < len(t) and (t.words[j] in f.rules.that_words or t.words[j] == ":"):
        lead = []  # "على لسان الوزير أن …": the words follow the source
    if not lead:
        while j < len(t) and (t.words[j] in COMMAS or t.words[j] in ("فان", "فانه", "فانها", "ف")):
            j += 1
        found = f.reported(j)
        if found is None or sum(t.is_word(x) for x in range(found[0], found[1] + 1)) < 3:
            return None
        return found
    last = _trim_end(f, start, k - 1)
    if sum(t.is_word(x) for x in range(start, last + 1)) < 3:
        return None
    for opened in range(start, last + 1):
        pair = f.pairs.get(opened)
        if pair is not None and pair.closed and pair.words >= CONTENT_PAIR and pair.close <= last + 1:
            return f.direct_words(pair)  # "«…»، كما يقول المصدر": the quote is what the source said
    return start, last, "indirect"


def _trim_end(f: _Finder, first: int, last: int) -> int:
    """Drop trailing commas, dashes and conjunctions from a token range."""
    t = f.t
    while last >= first and (t.words[last] in TRAILING and last not in f.closing or t.words[last] in ("و", "ف")):
        last -= 1
    return last


def standalone_quotes(f: _Finder) -> None:
    """Quotes no verb introduced: a sentence-long quote, a quote after "X:" at a line's start, or a
    paragraph that goes on quoting the speaker of the quote before it."""
    covered = bytearray(len(f.t.words) + 1)
    for q in f.quotes:
        covered[q.first:q.last + 1] = b"\x01" * (q.last + 1 - q.first) if q.last >= q.first else b""
    for opened, pair in sorted(f.pairs.items()):
        if opened in f.used or not pair.closed or covered[opened]:
            continue
        headline = _headline_speaker(f, opened)
        if headline is None and not _stands_alone(f, pair):
            continue
        found = f.direct_words(pair)
        if found is None:
            continue
        quote = QuoteFound(found[0], found[1], "direct", speaker=headline or _continued(f, opened))
        f.add(quote)
        covered[found[0]:found[1] + 1] = b"\x01" * (found[1] + 1 - found[0])


def _stands_alone(f: _Finder, pair) -> bool:
    """A quote long enough to be said (not «ردع العدوان»), not a title (بعنوان «…»), and either
    opening its clause or long enough to be more than a phrase quoted inside a sentence."""
    before = f.t.words[pair.open - 1] if pair.open else "\n"
    if pair.words < _LONG_QUOTE or before in f.rules.name_markers:
        return False
    return pair.words >= _QUOTED_PHRASE or not f.t.is_word(pair.open - 1) or pair.open == 0 or before == "و"


def _headline_speaker(f: _Finder, opened: int) -> tuple[int, int] | None:
    """"الكرملين: «…»" at the start of a line: the words before the colon speak."""
    t = f.t
    if opened == 0 or t.words[opened - 1] != ":":
        return None
    k = opened - 2
    while k >= 0 and t.words[k] != "\n":
        k -= 1
    words = [j for j in range(k + 1, opened - 1) if t.is_word(j)]
    if not words or len(words) > _HEADLINE_SPEAKER or f.pairs[opened].words < 2 \
            or any(f.rules.verb_of(t.words[j])[0] for j in words):
        return None
    return f.speaker_span(words[0], words[-1])


def _continued(f: _Finder, opened: int) -> tuple[int, int] | None:
    """The speaker of a direct quote that ends just before this one, with nothing but marks between."""
    t = f.t
    k = opened - 1
    while k >= 0 and not t.is_word(k) and k not in f.closing:
        k -= 1
    previous = f.ending_at.get(k - 1)
    return previous.speaker if previous is not None and previous.kind == "direct" else None


def trim_and_order(f: _Finder) -> list[QuoteFound]:
    """Cut an indirect quote where another quote's verb begins inside it; drop quotes inside others."""
    quotes = sorted(f.quotes, key=lambda q: (q.first, -q.last))
    verbs = sorted(q.verb_at for q in quotes if q.verb_at is not None)
    for quote in quotes:
        if quote.kind != "indirect" and quote.first - 1 in f.pairs:
            continue  # words in quote marks end at their mark; reported and colon words end at a new verb
        at = bisect.bisect_right(verbs, quote.first)
        inner = [v for v in verbs[at:bisect.bisect_right(verbs, quote.last)] if starts_clause(f, v)][:1]
        if inner:
            quote.last = _trim_end(f, quote.first, _clause_start(f, quote.first, inner[0]) - 1)
            if sum(f.t.is_word(k) for k in range(quote.first, quote.last + 1)) < 2:
                quote.last = quote.first - 1  # "مفيدا أن النهضة أكدت …" cut down to its subject says nothing
    kept: list[QuoteFound] = []
    reach = -1  # the furthest end of a kept quote: sorted by start, a quote ending before it lies inside one
    for quote in quotes:
        if not any(f.t.is_word(k) for k in range(quote.first, quote.last + 1)):
            continue
        if quote.last <= reach:
            continue
        kept.append(quote)
        reach = quote.last
    return kept


def _clause_start(f: _Finder, first: int, v: int) -> int:
    """Where the clause of an inner verb begins: at its contrast word (، غير أن محللين يقولون) or at it."""
    words = f.t.words
    for k in range(max(first, v - 4), v):
        if words[k] in f.rules.contrast_words:
            for phrase in f.rules.contrast_phrases:  # في حين: the clause begins at في
                if phrase[-1] == words[k] and tuple(words[k - len(phrase) + 1:k + 1]) == phrase:
                    return max(first, k - len(phrase) + 1)
            return k
    if v - 1 > first and words[v - 1] in f.rules.auxiliaries and _after_comma(f, v):
        return v - 1  # "، كما نوه بأنه": the clause begins at كما
    return v


def _after_comma(f: _Finder, v: int) -> bool:
    """A verb right after a comma, or after one auxiliary after a comma (، كما نوه بأنه …)."""
    words = f.t.words
    return words[v - 1] in COMMAS or (v > 1 and words[v - 1] in f.rules.auxiliaries and words[v - 2] in COMMAS)


def starts_clause(f: _Finder, v: int) -> bool:
    """Whether the verb at `v` begins a new statement (مشيرا، وأضاف، "، قال") rather than
    belonging to the reported words (إن ثلث الناس قالوا …)."""
    verb, prefix = f.rules.verb_of(f.t.words[v])
    if verb is None:
        return False
    contrast = any(w in f.rules.contrast_words for w in f.t.words[max(0, v - 4):v])
    return verb.participle or prefix > 0 or _after_comma(f, v) or contrast


def names_of(speaker: str, rules) -> list[str]:
    """Folded words of a speaker phrase that may come back alone as a name (not قد، في، أن)."""
    words = _WORDS.findall(letter_folding().fold(speaker)[0])
    return [w for w in words if w not in rules.stop_words and w not in rules.that_words and len(w) > 2]
