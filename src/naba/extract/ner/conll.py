"""CoNLL files (token in the first column, a blank line between sentences) and conlleval-style scoring.

Tags are BIO with types PER, ORG, LOC, MISC: ANERcorp's PERS is read as PER, GPE is folded into LOC.
Scoring is entity-level and exact (span and type), as conlleval scores: an I- tag that does not continue
an entity of its type starts one.

>>> score([["B-PER", "I-PER", "O"]], [["B-PER", "O", "O"]])["overall"]["f1"]
0.0
"""

from __future__ import annotations

from collections import Counter
from typing import IO, Iterable, Iterator

__all__ = ["entities", "normalise_tag", "read_conll", "score", "sentences_of"]

TYPES = ("PER", "ORG", "LOC", "MISC")
_TYPE_NAMES = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "MISC": "MISC"}


def normalise_tag(tag: str) -> str:
    """A gold tag in naba's tag set ('O' for types outside it, e.g. Wojood's DATE)."""
    if tag in ("O", "") or "-" not in tag:
        return "O"
    prefix, _, kind = tag.partition("-")
    kind = _TYPE_NAMES.get(kind)
    return f"{prefix}-{kind}" if kind and prefix in ("B", "I") else "O"


def read_conll(lines: Iterable[str]) -> Iterator[list[list[str]]]:
    """Sentences as lists of rows (each row the whitespace-split columns of a line)."""
    sentence: list[list[str]] = []
    for line in lines:
        cols = line.split()
        if cols:
            sentence.append(cols)
        elif sentence:
            yield sentence
            sentence = []
    if sentence:
        yield sentence


def sentences_of(source: IO[str]) -> tuple[list[list[str]], list[list[str]]]:
    """(tokens, gold tags) of each sentence of a two-column CoNLL file; gold 'O' where absent."""
    tokens, tags = [], []
    for rows in read_conll(source):
        tokens.append([r[0] for r in rows])
        tags.append([normalise_tag(r[1]) if len(r) > 1 else "O" for r in rows])
    return tokens, tags


def entities(tags: list[str]) -> set[tuple[int, int, str]]:
    """Entity spans (start, end, type) of one BIO sentence, conlleval's way (an O, a gap, a B- or an
    I- of another type ends an entity; an I- with none open starts one)."""
    found, start, kind, last = set(), None, None, -2
    for i in [i for i, tag in enumerate(tags) if tag != "O"]:  # most tags are O: skipped in C
        prefix, _, this = tags[i].partition("-")
        if start is not None and (i != last + 1 or prefix != "I" or this != kind):
            found.add((start, last + 1, kind))
            start = None
        if prefix == "B" or (prefix == "I" and start is None):
            start, kind = i, this
        last = i
    if start is not None:
        found.add((start, last + 1, kind))
    return found


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "predicted": n_pred, "gold": n_gold}


def score(gold: list[list[str]], predicted: list[list[str]]) -> dict[str, dict[str, float]]:
    """Entity-level precision, recall and F1, overall and for each type."""
    tp, n_pred, n_gold = Counter(), Counter(), Counter()
    for g_tags, p_tags in zip(gold, predicted, strict=True):
        g, p = entities(g_tags), entities(p_tags)
        for kind in ("overall",):
            tp[kind] += len(g & p)
            n_pred[kind] += len(p)
            n_gold[kind] += len(g)
        for s in g & p:
            tp[s[2]] += 1
        for s in p:
            n_pred[s[2]] += 1
        for s in g:
            n_gold[s[2]] += 1
    kinds = ["overall", *sorted((set(n_gold) | set(n_pred)) - {"overall"})]
    return {k: _prf(tp[k], n_pred[k], n_gold[k]) for k in kinds}


def format_scores(scores: dict[str, dict[str, float]]) -> str:
    """A small table of the scores."""
    lines = [f"{'type':8} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
    for kind, s in scores.items():
        lines.append(f"{kind:8} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                     f"{s['gold']:6d} {s['predicted']:6d}")
    return "\n".join(lines)
