"""One name, one reading within a document: a name the tagger found once is tagged where it recurs untagged.

A model tags each occurrence of a name from its own sentence, so «بوش» can be B-PER in one sentence and O
three sentences later where the context says less. Within a document, a word sequence that the tagger
tagged somewhere (its most frequent type) is tagged the same wherever it stands in words the tagger left O.
Words are compared folded and without their proclitics, keeping the article (`_keys`), so «وبوش»,
«لبوش» and «لأردوغان» take «بوش»'s and «أردوغان»'s tags and «للأسد» «الأسد»'s, while the adjective
«السورية» does not take «سورية»'s.
A one-word name needs three letters («مصر», not «به»).

A document is `DOCUMENT_SENTENCES` consecutive sentences: a CoNLL file marks no document boundaries,
and a window that crosses into the next news item spreads one story's names into another's words.
On the last 10% of ANERcorp's train part (the CRF trained on the rest, 0.713 before) windows of 5, 10,
20, 40 and 100 sentences and the whole part gave F1 +0.4, +1.1, +1.3, +1.2, +0.6 and +0.2 points; whole
tokens instead of proclitic-free words gave +0.9 at 20. On the test part, with 20: the CRF 0.697 -> 0.715,
the CRF + fine-tuned e5 0.786 -> 0.793 (recall up, precision down a little). Counting a person's surname
alone as the name (الصفدي after أيمن الصفدي) lowered the dev F1 (0.719): ANERcorp often leaves it O.

>>> consistent([["قال", "بوش", "أمس"], ["وأضاف", "لبوش", "شيئا"]], [["O", "B-PER", "O"], ["O", "O", "O"]])
[['O', 'B-PER', 'O'], ['O', 'B-PER', 'O']]
"""

from __future__ import annotations

from collections import Counter, defaultdict

from naba.extract.ner.conll import entities
from naba.extract.ner.features import TOKEN_CACHE, word_form
from naba.extract.ner.lexicon import definite_after_lam, lam_before_hamza

__all__ = ["DOCUMENT_SENTENCES", "consistent"]

DOCUMENT_SENTENCES = 20
MIN_SINGLE_WORD = 3  # letters a one-word name needs to be spread


def consistent(sentences: list[list[str]], labels: list[list[str]]) -> list[list[str]]:
    """`labels` with each tagged name spread to its untagged occurrences, per `DOCUMENT_SENTENCES`."""
    out = list(labels)  # a sentence's labels are copied only where a name is spread
    for start in range(0, len(sentences), DOCUMENT_SENTENCES):
        block = range(start, min(len(sentences), start + DOCUMENT_SENTENCES))
        tagged = [k for k in block if labels[k].count("O") != len(labels[k])]
        if not tagged:
            continue
        keys = {k: _keys(sentences[k]) for k in block}
        names = _names(keys, labels, tagged)
        for k in block:
            hits = [i for i, key in enumerate(keys[k]) if key in names]
            if hits:
                out[k] = _spread(keys[k], out[k], names, hits)
    return out


def _keys(words: list[str]) -> list[str]:
    """Each word folded and without its proclitics (the CRF's stem), keeping the article: «للأسد» and
    «الأسد» meet, «السورية» and «سورية» do not."""
    return list(map(_KEYS.__getitem__, words))


class _Keys(dict):
    """Keys by word form, made on first sight (at most `TOKEN_CACHE`, then started afresh): a dict's
    own lookups, where a cached function's calls took most of the pass."""

    def __missing__(self, word: str) -> str:
        if len(self) >= TOKEN_CACHE:
            self.clear()
        behind_lam = lam_before_hamza(word)
        if behind_lam:  # «لأردوغان»: folded, لا would read as the word «لا» and keep its lam
            key = self[word] = self[word[behind_lam:]]
            return key
        form, stem = word_form(word)
        proclitics = form[:len(form) - len(stem)]
        # the article kept: written whole (بال، وال) or as لل behind ل (`definite_after_lam`)
        definite = proclitics.endswith("ال") or definite_after_lam(proclitics[-2:]) is not None
        key = self[word] = f"ال{stem}" if definite else stem
        return key


_KEYS = _Keys()


def _names(keys: dict[int, list[str]], labels: list[list[str]],
           tagged: list[int]) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """The tagged word sequences with their most frequent type, by first word, longest first."""
    types: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for k in tagged:
        for i, j, kind in sorted(entities(labels[k])):  # sorted: ties of types go to the first
            types[tuple(keys[k][i:j])][kind] += 1
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    for name, counts in types.items():
        if len(name) > 1 or len(name[0]) >= MIN_SINGLE_WORD:
            by_first[name[0]].append((name, counts.most_common(1)[0][0]))
    for candidates in by_first.values():
        candidates.sort(key=lambda c: -len(c[0]))
    return by_first


def _spread(words: list[str], tags: list[str], names: dict[str, list[tuple[tuple[str, ...], str]]],
            hits: list[int]) -> list[str]:
    """`tags` with the names that start at `hits` (positions of a name's first word) tagged where all O."""
    out, free = tags, 0  # free: the first word no spread name has taken
    for i in hits:
        if i < free:
            continue
        for name, kind in names[words[i]]:
            end = i + len(name)
            if tuple(words[i:end]) == name and tags[i:end].count("O") == len(name):
                if out is tags:
                    out = list(tags)
                out[i:end] = [f"B-{kind}"] + [f"I-{kind}"] * (len(name) - 1)
                free = end
                break
    return out
