"""The e5 token classifier: a one-hidden-layer network over contextual word vectors.

Trained with torch on frozen e5 vectors (`naba.extract.ner.contextual`), applied with NumPy. Its
weights ship as `naba/data/ner/head.npz` (float16, ~0.6 MB): input standardisation (`mean`,
`scale`), `w1`/`b1` (1,152 → 256, GELU), `w2`/`b2` (256 → the 9 BIO labels).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

__all__ = ["head_probs", "train_head"]

HIDDEN = 256
EPOCHS = 12      # dev F1 (last 10% of train) stopped rising after ~10 epochs
BATCH = 256
LR = 1e-3
DROPOUT = 0.3


def head_probs(head: dict[str, np.ndarray], vectors: np.ndarray) -> np.ndarray:
    """Softmax label probabilities [n, labels] for word vectors [n, d]."""
    x = (vectors - head["mean"]) / head["scale"]
    hidden = x @ head["w1"] + head["b1"]
    hidden = hidden * 0.5 * (1 + np.tanh(0.7978845608 * (hidden + 0.044715 * hidden ** 3)))  # GELU (tanh)
    logits = hidden @ head["w2"] + head["b2"]
    logits -= logits.max(1, keepdims=True)
    e = np.exp(logits)
    return e / e.sum(1, keepdims=True)


def train_head(vectors: np.ndarray, labels: np.ndarray, n_labels: int, out: Path | None = None,
               epochs: int = EPOCHS, seed: int = 0) -> dict[str, np.ndarray]:
    """Fit the classifier on word vectors [n, d] and label ids [n]; write it to `out` as .npz."""
    import torch

    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)
    mean = vectors.mean(0, dtype=np.float64).astype(np.float32)
    scale = vectors.std(0, dtype=np.float64).astype(np.float32) + 1e-4
    x = torch.from_numpy(((vectors - mean) / scale).astype(np.float32))
    y = torch.from_numpy(labels.astype(np.int64))
    net = torch.nn.Sequential(torch.nn.Dropout(DROPOUT), torch.nn.Linear(x.shape[1], HIDDEN),
                              torch.nn.GELU(approximate="tanh"), torch.nn.Dropout(DROPOUT),
                              torch.nn.Linear(HIDDEN, n_labels))
    optimiser = torch.optim.AdamW(net.parameters(), lr=LR, weight_decay=0.01)
    generator = torch.Generator().manual_seed(seed)
    for _ in range(epochs):
        net.train()
        for batch in torch.randperm(len(x), generator=generator).split(BATCH):
            optimiser.zero_grad()
            torch.nn.functional.cross_entropy(net(x[batch]), y[batch]).backward()
            optimiser.step()
    head = {"mean": mean, "scale": scale,
            "w1": net[1].weight.detach().numpy().T, "b1": net[1].bias.detach().numpy(),
            "w2": net[4].weight.detach().numpy().T, "b2": net[4].bias.detach().numpy()}
    head = {k: v.astype(np.float16).astype(np.float32) for k, v in head.items()}  # as it will ship
    if out is not None:
        np.savez_compressed(out, **{k: v.astype(np.float16) for k, v in head.items()})
    return head
