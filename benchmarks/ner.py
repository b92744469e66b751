"""NER benchmark: tokens/s, peak memory and F1 of naba's taggers on the ANERcorp test part.

Contenders, each in a fresh process (so peak memory is its own), tagging the 25,008 test tokens:
  crf        — naba's CRF (features: clitics, affixes, word lists, gazetteer, clusters)
  ensemble   — naba's CRF + fine-tuned e5 (needs the 'embed' extra; onnx int8 forward)
  baseline   — what a user would otherwise write: a CRF (python-crfsuite, the engine sklearn-crfsuite
               wraps) over word identity and its neighbours, trained here on the train part
Model loading is timed apart from tagging. One core (threads pinned to 1).

Usage: python benchmarks/ner.py [--contenders crf,ensemble,baseline]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "anercorp_camel_split_reconstructed"


def _read(name: str):
    from naba.extract.ner.conll import sentences_of

    with open(DATA / f"ANERCorp_CamelSplit_reconstructed_{name}.txt", encoding="utf-8") as f:
        return sentences_of(f)


def _word_features(words: list[str]) -> list[list[str]]:
    """The baseline's features: the word and its neighbours, as a tutorial would write them."""
    padded = ["<s>", *words, "</s>"]
    return [[f"w={padded[i]}", f"-1={padded[i - 1]}", f"+1={padded[i + 1]}", f"suf3={padded[i][-3:]}"]
            for i in range(1, len(padded) - 1)]


def _baseline_tagger():
    import pycrfsuite

    tokens, tags = _read("train")
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, gold in zip(tokens, tags):
        trainer.append(_word_features(words), gold)
    trainer.set_params({"c1": 0.1, "c2": 0.01, "max_iterations": 100})
    path = Path(tempfile.mkdtemp()) / "baseline.crf"
    trainer.train(str(path))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path))
    return lambda sentences: [tagger.tag(_word_features(s)) for s in sentences]


def run_one(contender: str) -> dict:
    """Load, then tag the test part with one contender; its figures as a dict."""
    from naba.extract.ner.conll import score

    tokens, gold = _read("test")
    started = time.perf_counter()
    if contender == "baseline":
        tag = _baseline_tagger()
    else:
        from naba.extract.ner.tagger import Tagger

        tagger = Tagger(contender)
        tagger.tag([tokens[0]])  # loads the models
        tag = tagger.tag
    loaded = time.perf_counter()
    predicted = tag(tokens)
    done = time.perf_counter()
    n = sum(map(len, tokens))
    return {"contender": contender, "load_s": round(loaded - started, 1), "tokens": n,
            "tokens_per_s": round(n / (done - loaded)), "f1": round(score(gold, predicted)["overall"]["f1"], 4),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contenders", default="crf,ensemble,baseline")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    print(f"{'contender':10} {'load s':>7} {'tokens/s':>9} {'F1':>6} {'peak MB':>8}")
    for contender in args.contenders.split(","):
        out = subprocess.run([sys.executable, __file__, "--one", contender], env=env,
                             capture_output=True, text=True)
        if out.returncode:
            print(f"{contender:10} failed: {out.stderr.strip().splitlines()[-1:]}")
            continue
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(f"{r['contender']:10} {r['load_s']:7} {r['tokens_per_s']:9} {r['f1']:6.3f} {r['peak_mb']:8}")


if __name__ == "__main__":
    main()
