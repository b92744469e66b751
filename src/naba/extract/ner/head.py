"""The e5 token classifier: a bidirectional LSTM over frozen contextual word vectors.

Trained with torch on e5 vectors (`naba.extract.ner.contextual`), applied with NumPy (no torch
needed to tag). Its weights ship as `naba/data/ner/head.npz` (float16, 1.3 MB): input
standardisation (`mean`, `scale`), a projection `proj_w`/`proj_b` (1,152 → 256), one LSTM layer
each way (`fw_*`, `bw_*`: 128 units, torch's gate order i, f, g, o) and `out_w`/`out_b` (256 → the
9 BIO labels). The LSTM lets a word's label depend on its neighbours' (a B- before I-, a title
before a name), which a per-word classifier over the same vectors cannot.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

__all__ = ["head_probs", "train_head"]

PROJECTION = 256
UNITS = 128
EPOCHS = 8
BATCH = 16       # sentences
LR = 2e-3
DROPOUT = 0.3


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.tanh(0.5 * x))


def _lstm(x: np.ndarray, head: dict[str, np.ndarray], side: str) -> np.ndarray:
    """Hidden states [n, UNITS] of one LSTM direction over inputs [n, d] (backward: right to left)."""
    gates_in = x @ head[f"{side}_wih"] + head[f"{side}_b"]
    w_hh = head[f"{side}_whh"]
    h = np.zeros(w_hh.shape[0], dtype=np.float32)
    c = np.zeros_like(h)
    out = np.empty((len(x), len(h)), dtype=np.float32)
    steps = range(len(x) - 1, -1, -1) if side == "bw" else range(len(x))
    for t in steps:
        i, f, g, o = np.split(gates_in[t] + h @ w_hh, 4)
        c = _sigmoid(f) * c + _sigmoid(i) * np.tanh(g)
        h = _sigmoid(o) * np.tanh(c)
        out[t] = h
    return out


def head_probs(head: dict[str, np.ndarray], vectors: np.ndarray) -> np.ndarray:
    """Softmax label probabilities [n, labels] for the word vectors [n, d] of one sentence."""
    x = ((vectors - head["mean"]) / head["scale"]) @ head["proj_w"] + head["proj_b"]
    hidden = np.concatenate([_lstm(x, head, "fw"), _lstm(x, head, "bw")], axis=1)
    logits = hidden @ head["out_w"] + head["out_b"]
    logits -= logits.max(1, keepdims=True)
    e = np.exp(logits)
    return e / e.sum(1, keepdims=True)


class _Net:
    """The torch module, built lazily so that importing this file needs no torch."""

    @staticmethod
    def build(d_in: int, n_labels: int):
        import torch

        class Net(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.drop = torch.nn.Dropout(DROPOUT)
                self.proj = torch.nn.Linear(d_in, PROJECTION)
                self.lstm = torch.nn.LSTM(PROJECTION, UNITS, batch_first=True, bidirectional=True)
                self.out = torch.nn.Linear(2 * UNITS, n_labels)

            def forward(self, x, lengths):
                packed = torch.nn.utils.rnn.pack_padded_sequence(self.proj(self.drop(x)), lengths,
                                                                 batch_first=True, enforce_sorted=False)
                hidden, _ = self.lstm(packed)
                hidden, _ = torch.nn.utils.rnn.pad_packed_sequence(hidden, batch_first=True)
                return self.out(self.drop(hidden))

        return Net()


def train_head(vectors: list[np.ndarray], labels: list[np.ndarray], n_labels: int, out: Path | None = None,
               epochs: int = EPOCHS, seed: int = 0) -> dict[str, np.ndarray]:
    """Fit the classifier on each sentence's word vectors [n, d] and label ids [n]; write it as .npz."""
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # spinning OpenMP threads starve a shared machine
    import torch

    torch.set_num_threads(1)  # one thread: the same sums on every run, and the machine is shared
    torch.manual_seed(seed)
    stacked = np.concatenate(vectors)
    mean = stacked.mean(0, dtype=np.float64).astype(np.float32)
    scale = stacked.std(0, dtype=np.float64).astype(np.float32) + 1e-4
    xs = [torch.from_numpy((v - mean) / scale) for v in vectors]
    ys = [torch.from_numpy(y.astype(np.int64)) for y in labels]
    net = _Net.build(stacked.shape[1], n_labels)
    optimiser = torch.optim.Adam(net.parameters(), lr=LR)
    generator = torch.Generator().manual_seed(seed)
    for epoch in range(epochs):
        print(f"classifier epoch {epoch + 1}/{epochs}", file=sys.stderr, flush=True)
        net.train()
        for batch in torch.randperm(len(xs), generator=generator).split(BATCH):
            x = torch.nn.utils.rnn.pad_sequence([xs[i] for i in batch], batch_first=True)
            y = torch.nn.utils.rnn.pad_sequence([ys[i] for i in batch], batch_first=True, padding_value=-100)
            lengths = torch.tensor([len(xs[i]) for i in batch])
            optimiser.zero_grad()
            logits = net(x, lengths)
            torch.nn.functional.cross_entropy(logits.reshape(-1, n_labels), y[:, :logits.shape[1]].reshape(-1),
                                              ignore_index=-100).backward()
            optimiser.step()
    head = _export(net, mean, scale)
    if out is not None:
        np.savez_compressed(out, **{k: v.astype(np.float16) for k, v in head.items()})
    return {k: v.astype(np.float16).astype(np.float32) for k, v in head.items()}  # as it ships


def _export(net, mean: np.ndarray, scale: np.ndarray) -> dict[str, np.ndarray]:
    """The trained weights as NumPy arrays, matrices [in, out]."""
    p = {k: v.detach().numpy() for k, v in net.state_dict().items()}
    head = {"mean": mean, "scale": scale, "proj_w": p["proj.weight"].T, "proj_b": p["proj.bias"],
            "out_w": p["out.weight"].T, "out_b": p["out.bias"]}
    for side, suffix in (("fw", ""), ("bw", "_reverse")):
        head[f"{side}_wih"] = p[f"lstm.weight_ih_l0{suffix}"].T
        head[f"{side}_whh"] = p[f"lstm.weight_hh_l0{suffix}"].T
        head[f"{side}_b"] = p[f"lstm.bias_ih_l0{suffix}"] + p[f"lstm.bias_hh_l0{suffix}"]
    return head
