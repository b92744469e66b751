"""Institution names the tagger leaves untagged: «وزارة الداخلية», «الهيئة العامة للغذاء والدواء».

ANERcorp, which the taggers learned from, tags no «وزارة …» (its 33 in train are all O), so the
bodies analysts follow most — ministries, authorities, councils, forces — came out of no story: a
reviewer's audit of 12 SaudiNewsNet stories (records 20,000-21,999) found the main actor missing in 9,
most of them such names. `institutions(text, sentences, found)` reads them by their shape, words
as data (`lexicon.json`):

- a head noun of `institution_cues` (وزارة، هيئة، مجلس، قوات …), behind و/ف and a preposition's
  letter («لوزارة», «وبهيئة»; «للشركة» keeps its «لل», as no slice of the text spells «الشركة»);
- then its object: a definite word («وزارة الداخلية») or, after a head without the article, a word
  behind ل («لجنة للتحكيم»);
- then adjectives (`institution_adjectives`, or a word ending in ي/ية: «السعودية», «الوطني»),
  objects behind لل («الهيئة العامة للغذاء»), and more objects joined by و («والدواء», «وتقنية
  المعلومات»);
- it stops at punctuation, a title word («مجلس الوزراء وزير الدفاع»), a word of time or a relative
  (`institution_stops`: اليوم، الماضي، الذي) and any entity the tagger found («وزارة الداخلية
  السعودية» keeps the country the tagger read);
- a company's tail word (`institution_tails`: القابضة) makes the word before it a name without a head:
  «المملكة القابضة» (Kingdom Holding), not the Kingdom;
- a head with the article needs an object behind لل: «الهيئة العامة للسياحة» is a name, «المركز
  الثالث» and «القوات الموالية» are not; `generic_institutions` (مجلس الإدارة، الجمعية العامة، قوات
  الأمن) name no body.

A reviewer judged 50 names found on records 27,000-29,999: 33 right, 7 organisations cut short or
run on, 9 generic, 1 no organisation; the generic phrases seen then are now listed (5 of the 9).
"""

from __future__ import annotations

import re

from naba.extract.ner.features import word_forms
from naba.extract.ner.lexicon import fold_word, lexicon
from naba.extract.ner.tokens import Token

__all__ = ["institutions"]

MAX_WORDS = 8  # «وزارة الشؤون الإسلامية والأوقاف والدعوة والإرشاد» is seven
_WORD = re.compile(r"\w+")


def institutions(text: str, sentences: list[list[Token]], found: list[dict]) -> list[dict]:
    """ORG entities `{"text", "type", "span"}` for the institution names of `text` (tokenised as
    `sentences`) that overlap none of `found`."""
    lex = lexicon()
    cues, ends = lex.written["institution_cues"], lex.words["institution_stops"] | lex.words["person_titles"]
    taken = bytearray(len(text) + 1)  # characters inside an entity (a bytearray: a 5 MB page has ~100k)
    for entity in found:
        start, end = entity["span"]
        taken[start:end] = b"\x01" * (end - start)
    out = []
    for tokens in sentences:
        words = _parts([t.text for t in tokens])
        i = 0
        while i < len(tokens):
            cue = _cue(words[i], cues)
            end = _name_end(tokens, words, i, cue, ends, taken) if cue else i + 1
            if cue and end > i + 1:
                start, stop = tokens[i].start + cue[0], tokens[end - 1].end
                name = tuple(fold_word(w) for w in text[start:stop].split())
                if name not in lex.phrases["generic_institutions"] and not any(taken[start:stop]):
                    out.append({"text": text[start:stop], "type": "ORG", "span": [start, stop]})
                    taken[start:stop] = b"\x01" * (stop - start)
            i = max(end, i + 1)
        out += _tailed(text, tokens, words, lex.written["institution_tails"], ends | lex.words["generic_heads"], taken)
    return out


def _tailed(text: str, tokens: list[Token], words: list[tuple[str, str, str]], tails: frozenset[str],
            ends: frozenset[str], taken: bytearray) -> list[dict]:
    """A word before a company's tail word, the two one ORG: «المملكة القابضة» (not the Kingdom);
    «الشركة القابضة» refers back to one (`ends` holds the generic heads)."""
    out = []
    for i in range(1, len(tokens)):
        if words[i][0] not in tails:
            continue
        start, stop = tokens[i - 1].start, tokens[i].end
        word, _, stem = words[i - 1]
        if _WORD.fullmatch(word) and word not in ends and stem not in ends and not any(taken[start:stop]):
            out.append({"text": text[start:stop], "type": "ORG", "span": [start, stop]})
            taken[start:stop] = b"\x01" * (stop - start)
    return out


def _parts(words: list[str]) -> list[tuple[str, str, str]]:
    """(folded word, its proclitics, its stem) of a sentence's words, as the tagger read them
    (`word_forms`: remembered from tagging the same sentence)."""
    folded, stems = word_forms(words)
    return [(f, f[:len(f) - len(s)] if f.endswith(s) else "", s) for f, s in zip(folded, stems)]


def _name_end(tokens: list[Token], words: list[tuple[str, str, str]], i: int, cue: tuple[int, bool],
              ends: frozenset[str], taken: bytearray) -> int:
    """The token after the last word of the name whose head is `tokens[i]`; i + 1 when none."""
    definite_head, behind_lam, j = cue[1], False, i + 1
    while j < len(tokens) and j - i < MAX_WORDS:
        word, pre, stem = words[j]
        if not _WORD.fullmatch(word) or word in ends or stem in ends or taken[tokens[j].start]:
            break
        definite, first = pre.endswith(("ال", "لل")), j == i + 1
        if definite and (first or _adjective("ال" + stem) or pre in ("لل", "ولل", "وال")):
            behind_lam = behind_lam or pre in ("لل", "ولل")
        elif first and not definite_head and pre[-1:] == "ل":
            behind_lam = True  # «لجنة لتقصي الحقائق»
        elif pre == "و" and j + 1 < len(tokens) and words[j + 1][1].endswith(("ال", "لل")):
            j += 1  # «وتقنية المعلومات»: an object joined by و, with its own object
        else:
            break
        j += 1
    return j if not definite_head or behind_lam else i + 1


def _adjective(word: str) -> bool:
    return word in lexicon().words["institution_adjectives"] or word.endswith(("ي", "يه"))


def _cue(parts: tuple[str, str, str], cues: frozenset[str]) -> tuple[int, bool] | None:
    """(letters before the head, whether it has the article) when a word is an institution's head:
    «وزارة», «لوزارة», «والهيئة» («ال» kept in the span), «للشركة» («لل» kept: no slice spells «الشركة»)."""
    word, pre, stem = parts
    if word in cues:
        return 0, False
    if stem not in cues:
        return None
    if pre.endswith(("ال", "لل")):
        return len(pre) - 2, True
    return len(pre), False
