"""CRF features of a tokenised sentence: word forms, clitics, affixes, shape, lists and clusters.

Each token gets its own features and those of its neighbours (±2 words; lists, clusters and
clitics ±1), as `name=value` strings the way python-crfsuite takes them.

>>> feats = sentence_features(["قال", "وزير", "الخارجية", "سيرغي", "لافروف"])
>>> "w=لافروف" in feats[4], "-1:w=سيرغي" in feats[4], "list=person_titles" in feats[1]
(True, True, True)
"""

from __future__ import annotations

import unicodedata

from naba.extract.ner.lexicon import FEATURE_LISTS, Lexicon, fold_word, lexicon, phrase_length, strip_clitics

__all__ = ["sentence_features"]

MAX_WORD = 40  # longer tokens (URLs, letter runs) are looked at through their first characters


def _shape(word: str) -> str:
    """A coarse script/shape class: arabic, latin, Latin capitalised, digit, punct, mixed."""
    kinds = set()
    for c in word[:MAX_WORD]:
        if c.isdigit():
            kinds.add("d")
        elif "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f":
            kinds.add("a")
        elif c.isalpha():
            kinds.add("L" if c.isupper() else "l")
        elif unicodedata.category(c).startswith("P") or unicodedata.category(c).startswith("S"):
            kinds.add("p")
    return "".join(sorted(kinds)) or "o"


def _token_features(word: str, lex: Lexicon) -> dict[str, list[str]]:
    """Features of one token, grouped by how far they are copied to the neighbours."""
    folded = fold_word(word[:MAX_WORD])
    pre, stem = strip_clitics(folded) if folded else ("", folded)
    far = [f"w={folded}", f"st={stem}"]
    near = [f"pre={pre}", f"sh={_shape(word)}"]
    near += [f"list={name}" for name in lex.flags(folded, stem)]
    for form, tag in ((folded, "c"), (stem, "sc")):
        ids = lex.clusters.get(form)
        if ids:
            near += [f"{tag}{i}={c}" for i, c in enumerate(ids)]
            far.append(f"{tag}1={ids[1]}")
    own = [f"p{n}={stem[:n]}" for n in (1, 2, 3)] + [f"s{n}={folded[-n:]}" for n in (1, 2, 3)]
    own += [f"len={min(len(stem), 8)}", f"pal={'ال' in pre}"]
    return {"own": own, "near": near, "far": far}


def _phrase_flags(folded: list[str], lex: Lexicon) -> list[list[str]]:
    """B-/I- marks for multi-word list entries (GeoNames towns, countries, regions) over the sentence."""
    stems = [strip_clitics(f)[1] if f else f for f in folded]
    marks: list[list[str]] = [[] for _ in folded]
    for name in FEATURE_LISTS:
        for i in range(len(folded)):
            n = phrase_length(folded, stems, i, lex.phrases[name])
            if n:
                marks[i].append(f"ph=B-{name}")
                marks[i + 1:i + n] = [m + [f"ph=I-{name}"] for m in marks[i + 1:i + n]]
    return marks


def sentence_features(words: list[str]) -> list[list[str]]:
    """CRF features of each token of one sentence."""
    lex = lexicon()
    tokens = [_token_features(w, lex) for w in words]
    phrases = _phrase_flags([fold_word(w[:MAX_WORD]) for w in words], lex)
    out = []
    for i, token in enumerate(tokens):
        feats = ["bias", *token["own"], *token["near"], *token["far"], *phrases[i]]
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if not 0 <= j < len(tokens):
                feats.append(f"{offset}:edge")
                continue
            feats += [f"{offset}:{f}" for f in tokens[j]["far"]]
            if abs(offset) == 1:
                feats += [f"{offset}:{f}" for f in tokens[j]["near"] + phrases[j]]
        if i > 0:
            feats.append(f"bi-={tokens[i - 1]['far'][0][2:]}|{token['far'][0][2:]}")
        if i + 1 < len(tokens):
            feats.append(f"bi+={token['far'][0][2:]}|{tokens[i + 1]['far'][0][2:]}")
        out.append(feats)
    return out
