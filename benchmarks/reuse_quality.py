"""Reuse quality benchmark: naba's passage alignment scored on ExAraPlagDet-2015 (Arabic, PAN format).

Indexes every source document, checks every suspicious document, and takes each reported passage
as a detection (suspicious span = a_span, source span = b_span). Scores:
  document pairs — precision / recall / F1 of (suspicious, source) pairs with at least one gold case;
                   a pair counts as found when naba reports at least one passage between the two
  PAN measures   — macro precision, macro recall, granularity and plagdet (Potthast et al., COLING 2010),
                   on character sets of both documents as the PAN evaluation script counts them,
                   overall and per obfuscation type

Usage:
  python benchmarks/reuse_quality.py [--data FOLDER] [--limit N | --stride K] [--mode document|news] [--jobs J]
--limit N checks only the first N suspicious documents (sorted by name) and scores their cases only;
--stride K every K-th one (the test suite's gate uses 16). --mode picks naba's reuse mode (default
document, the one meant for long texts; news is what the pipeline runs on articles). --jobs J
splits the suspicious documents over J processes (each indexes all sources).
The scoring functions (`pan_measures`, `document_pairs`, `evaluate`) take plain lists and are used by
tests/test_quality_reuse.py.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "exaraplagdet2015"
OBFUSCATIONS = ("none", "word shuffling", "phrase shuffling", "manual synonym substitution", "manual paraphrasing")


@dataclass(frozen=True)
class Annotation:
    """A gold case or a detection: `[start, end)` in a suspicious and in a source document."""

    suspicious: str
    source: str
    this: tuple[int, int]
    other: tuple[int, int]
    obfuscation: str = ""


# ---------------------------------------------------------------- data

def load_cases(folder: Path = DEFAULT) -> list[Annotation]:
    """The gold cases of `cases.jsonl`."""
    cases = []
    with open(folder / "cases.jsonl", encoding="utf-8") as stream:
        for line in stream:
            row = json.loads(line)
            cases.append(Annotation(row["suspicious"], row["source"],
                                    (row["this_offset"], row["this_offset"] + row["this_length"]),
                                    (row["source_offset"], row["source_offset"] + row["source_length"]),
                                    row["obfuscation"]))
    return cases


def read_text(path: Path) -> str:
    # newline="": the gold offsets count every code point as stored
    with open(path, encoding="utf-8", newline="") as stream:
        return stream.read()


def suspicious_names(folder: Path = DEFAULT, limit: int | None = None) -> list[str]:
    """The suspicious documents' file names, sorted; the first `limit` of them."""
    names = sorted(p.name for p in (folder / "suspicious-documents").glob("*.txt"))
    return names[:limit] if limit is not None else names


def detect(folder: Path = DEFAULT, names: Iterable[str] | None = None,
           make_index: Callable[[], object] | None = None, mode: str = "document") -> tuple[list[Annotation], dict]:
    """Index every source document, check the suspicious ones; return (detections, timings).

    make_index: builds the index (default `ReuseIndex(mode=mode)`); only `index` and `check` are used.
    """
    from naba.reuse import ReuseIndex

    index = make_index() if make_index is not None else ReuseIndex(mode=mode)
    compared = _count_compares(index)
    start = time.perf_counter()
    sources = sorted((folder / "source-documents").glob("*.txt"))
    for path in sources:
        index.index(path.name, read_text(path))
    indexed = time.perf_counter()
    names = list(names) if names is not None else suspicious_names(folder)
    detections = []
    for name in names:
        for reuse in index.check(name, read_text(folder / "suspicious-documents" / name)):
            detections += [Annotation(name, reuse.b, p.a_span, p.b_span) for p in reuse.passages]
    checked = time.perf_counter()
    return detections, {"sources": len(sources), "suspicious": len(names), "index_s": indexed - start,
                        "check_s": checked - indexed, "pairs": compared[0]}


def detect_parallel(folder: Path, names: list[str], mode: str, jobs: int) -> tuple[list[Annotation], dict]:
    """`detect` with the suspicious documents dealt round-robin to `jobs` processes."""
    if jobs <= 1:
        return detect(folder, names, mode=mode)
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs) as pool:
        parts = list(pool.map(detect, [folder] * jobs, [names[k::jobs] for k in range(jobs)],
                              [None] * jobs, [mode] * jobs))
    detections = [d for found, _ in parts for d in found]
    timings = {key: sum(t[key] for _, t in parts) for key in ("suspicious", "pairs")}
    timings.update(sources=parts[0][1]["sources"], index_s=max(t["index_s"] for _, t in parts),
                   check_s=max(t["check_s"] for _, t in parts))
    return detections, timings


def _count_compares(index) -> list[int]:
    """Wrap `index.compare` (when there is one) to count the candidate pairs aligned."""
    count = [0]
    compare = getattr(index, "compare", None)
    if compare is not None:
        def counted(*args, **kwargs):
            count[0] += 1
            return compare(*args, **kwargs)
        index.compare = counted
    return count


# ---------------------------------------------------------------- document pairs

def document_pairs(cases: Iterable[Annotation], detections: Iterable[Annotation]) -> dict:
    """Precision, recall and F1 of (suspicious, source) pairs: gold pairs have ≥1 case."""
    gold = {(c.suspicious, c.source) for c in cases}
    found = {(d.suspicious, d.source) for d in detections}
    hit = len(gold & found)
    precision = hit / len(found) if found else (1.0 if not gold else 0.0)
    recall = hit / len(gold) if gold else 1.0
    return {"precision": precision, "recall": recall, "f1": _f1(precision, recall),
            "gold": len(gold), "found": len(found), "hit": hit}


# ---------------------------------------------------------------- PAN measures

def overlaps(x: Annotation, y: Annotation) -> bool:
    """PAN's is_overlapping for external detection: same documents, overlap in both of them."""
    return (x.suspicious == y.suspicious and x.source == y.source
            and y.this[1] > x.this[0] and y.this[0] < x.this[1]
            and y.other[1] > x.other[0] and y.other[0] < x.other[1])


def _covered(span: tuple[int, int], spans: list[tuple[int, int]]) -> int:
    """Characters of `span` inside the union of `spans`."""
    total, reach = 0, span[0]
    for lo, hi in sorted(spans):
        lo, hi = max(lo, reach), min(hi, span[1])
        if hi > lo:
            total += hi - lo
            reach = hi
    return total


def _recall_of(x: Annotation, others: list[Annotation]) -> float:
    """PAN's case_recall: share of x's characters (both documents) covered by the annotations overlapping x."""
    hits = [y for y in others if overlaps(x, y)]
    if not hits:
        return 0.0
    chars = _covered(x.this, [y.this for y in hits]) + _covered(x.other, [y.other for y in hits])
    return chars / ((x.this[1] - x.this[0]) + (x.other[1] - x.other[0]))


def _by_pair(annotations: Iterable[Annotation]) -> dict[tuple[str, str], list[Annotation]]:
    grouped: defaultdict[tuple[str, str], list[Annotation]] = defaultdict(list)
    for a in annotations:
        grouped[(a.suspicious, a.source)].append(a)
    return grouped


def macro_recall(cases: list[Annotation], detections: list[Annotation]) -> float:
    """Mean over cases of the share of each case's characters that the detections cover."""
    if not cases and not detections:
        return 1.0
    if not cases or not detections:
        return 0.0
    found = _by_pair(detections)
    return sum(_recall_of(c, found.get((c.suspicious, c.source), [])) for c in cases) / len(cases)


def granularity(cases: list[Annotation], detections: list[Annotation]) -> float:
    """Mean number of detections per detected case (1 is best)."""
    found = _by_pair(detections)
    counts = [sum(overlaps(c, d) for d in found.get((c.suspicious, c.source), [])) for c in cases]
    detected = [n for n in counts if n]
    return sum(detected) / len(detected) if detected else 1.0


def plagdet(precision: float, recall: float, gran: float) -> float:
    """F1 / log2(1 + granularity)."""
    if precision <= 0 and recall <= 0:
        return 0.0
    return _f1(precision, recall) / math.log2(1 + gran)


def pan_measures(cases: list[Annotation], detections: list[Annotation]) -> dict:
    """Macro precision and recall, granularity and plagdet, as the PAN evaluation script computes them."""
    precision = macro_recall(detections, cases)  # PAN: precision is recall with the roles swapped
    recall = macro_recall(cases, detections)
    gran = granularity(cases, detections)
    return {"precision": precision, "recall": recall, "granularity": gran,
            "plagdet": plagdet(precision, recall, gran), "cases": len(cases), "detections": len(detections)}


def by_obfuscation(cases: list[Annotation], detections: list[Annotation]) -> dict[str, dict]:
    """PAN measures per obfuscation type; precision over the detections that overlap a case of that type."""
    found = _by_pair(detections)
    scores = {}
    for kind in OBFUSCATIONS:
        kind_cases = [c for c in cases if c.obfuscation == kind]
        if not kind_cases:
            continue
        kind_pairs = _by_pair(kind_cases)
        kind_detections = [d for pair, ds in found.items() if pair in kind_pairs
                           for d in ds if any(overlaps(d, c) for c in kind_pairs[pair])]
        scores[kind] = pan_measures(kind_cases, kind_detections)
    return scores


def evaluate(cases: list[Annotation], detections: list[Annotation]) -> dict:
    """Every score: {"pairs": …, "overall": …, "by_obfuscation": {type: …}}."""
    return {"pairs": document_pairs(cases, detections), "overall": pan_measures(cases, detections),
            "by_obfuscation": by_obfuscation(cases, detections)}


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# ---------------------------------------------------------------- report

def report(scores: dict, timings: dict | None = None) -> str:
    """The scores as a small text table."""
    p = scores["pairs"]
    lines = [f"document pairs: P {p['precision']:.3f}  R {p['recall']:.3f}  F1 {p['f1']:.3f}  "
             f"(gold {p['gold']}, reported {p['found']}, correct {p['hit']})",
             f"{'':30} {'cases':>6} {'dets':>6} {'prec':>6} {'rec':>6} {'gran':>6} {'plagdet':>8}"]
    rows = [("overall", scores["overall"])] + list(scores["by_obfuscation"].items())
    for name, s in rows:
        lines.append(f"{name:30} {s['cases']:6d} {s['detections']:6d} {s['precision']:6.3f} {s['recall']:6.3f} "
                     f"{s['granularity']:6.3f} {s['plagdet']:8.3f}")
    if timings:
        seconds = timings["index_s"] + timings["check_s"]
        lines.append(f"time: index {timings['sources']} sources {timings['index_s']:.1f} s, check "
                     f"{timings['suspicious']} suspicious {timings['check_s']:.1f} s; {timings['pairs']} candidate "
                     f"pairs aligned, {timings['pairs'] / max(timings['check_s'], 1e-9):.0f} pairs/s, "
                     f"{timings['suspicious'] / max(seconds, 1e-9):.1f} documents/s; "
                     f"peak memory {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT, help="the exaraplagdet2015 folder")
    parser.add_argument("--limit", type=int, default=None, help="check only the first N suspicious documents")
    parser.add_argument("--stride", type=int, default=1, help="check every K-th suspicious document")
    parser.add_argument("--mode", choices=("document", "news"), default="document", help="naba's reuse mode")
    parser.add_argument("--jobs", type=int, default=1, help="processes to split the suspicious documents over")
    args = parser.parse_args()
    if not (args.data / "cases.jsonl").is_file():
        parser.error(f"expected the ExAraPlagDet-2015 folder with cases.jsonl; got {args.data}")
    if args.stride < 1 or args.jobs < 1:
        parser.error("--stride and --jobs must be at least 1")
    names = suspicious_names(args.data, args.limit)[::args.stride]
    chosen = set(names)
    cases = [c for c in load_cases(args.data) if c.suspicious in chosen]
    detections, timings = detect_parallel(args.data, names, args.mode, args.jobs)
    print(f"ExAraPlagDet-2015, mode {args.mode}, {len(names)} suspicious documents against all sources")
    print(report(evaluate(cases, detections), timings))


if __name__ == "__main__":
    main()
