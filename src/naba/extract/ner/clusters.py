"""Distributional word clusters for the NER features, computed from unlabelled news text.

Words that occur in the same contexts (`وزير الخارجية X`, `في مدينة X`) land in the same cluster, so
the tagger generalises from `لافروف` in training to a minister it never saw. Built deterministically:

1. fold and tokenise every article (clitics stay attached, as in ANERcorp);
2. count, for each of the most frequent words, the words one and two positions to its left and to its
   right (separate context columns for each side and distance);
3. positive pointwise mutual information, then a truncated SVD to 100 dimensions (rows normalised);
4. k-means at several granularities (64, 256, 1,024 clusters), each a feature of its own.

Only the word → cluster-ids table ships (`naba/data/ner/clusters.tsv.gz`); it is rebuilt by
`python -m naba.extract.ner.clusters --corpus saudinewsnet.jsonl.gz --out src/naba/data/ner/clusters.tsv.gz`.
"""

from __future__ import annotations

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

import numpy as np

from naba.normalize import fold
from naba.extract.ner.tokens import _TOKEN

__all__ = ["GRANULARITIES", "build_clusters", "corpus_texts"]

GRANULARITIES = (64, 256, 1024)
MIN_COUNT = 15        # words seen fewer times get no cluster (their vectors are noise)
MAX_WORDS = 60_000    # the table's size cap (~1 MB gzipped)
CONTEXT_WORDS = 6_000  # context columns per side and distance
DIMS = 100


def corpus_texts(path: Path):
    """Titles and bodies of a JSON Lines (optionally gzipped) article dump."""
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            yield "\n".join(str(row.get(k) or "") for k in ("title", "content", "text"))


def _token_ids(texts, vocab: dict[str, int] | None):
    """Folded tokens of each text, as lists of words (vocab None) or arrays of ids (-1 when unknown)."""
    for text in texts:
        words = _TOKEN.findall(fold(text))
        if vocab is None:
            yield words
        else:
            yield np.fromiter((vocab.get(w, -1) for w in words), dtype=np.int64, count=len(words))


def _cooccurrence(docs: list[np.ndarray], n_words: int):
    """Sparse [word, side-and-distance × context word] counts over ±2 positions."""
    from scipy import sparse

    rows, cols = [], []
    for ids in docs:
        for block, offset in enumerate((-2, -1, 1, 2)):
            a = ids[max(0, -offset):len(ids) - max(0, offset)]
            b = ids[max(0, offset):len(ids) + min(0, offset)]
            keep = (a >= 0) & (a < n_words) & (b >= 0) & (b < CONTEXT_WORDS)
            rows.append(a[keep])
            cols.append(b[keep] + block * CONTEXT_WORDS)
    r, c = np.concatenate(rows), np.concatenate(cols)
    return sparse.coo_matrix((np.ones(len(r), dtype=np.float32), (r, c)),
                             shape=(n_words, 4 * CONTEXT_WORDS)).tocsr()


def _ppmi(counts):
    """Positive PMI of a sparse count matrix (context counts smoothed by the 0.75 power)."""
    total = counts.sum()
    row = np.asarray(counts.sum(1)).ravel()
    col = np.asarray(counts.sum(0)).ravel() ** 0.75
    coo = counts.tocoo()
    pmi = np.log(coo.data * total / (row[coo.row] * col[coo.col] / col.sum() * total))
    coo.data = np.maximum(pmi, 0).astype(np.float32)
    coo.eliminate_zeros()
    return coo.tocsr()


def build_clusters(texts) -> dict[str, tuple[int, ...]]:
    """Word → one cluster id per granularity, from an iterable of raw texts."""
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.decomposition import TruncatedSVD

    texts = list(texts)
    freq = Counter(w for words in _token_ids(texts, None) for w in words)
    words = [w for w, n in freq.most_common(MAX_WORDS) if n >= MIN_COUNT]
    vocab = {w: i for i, w in enumerate(words)}
    docs = list(_token_ids(texts, vocab))
    vectors = TruncatedSVD(DIMS, random_state=0).fit_transform(_ppmi(_cooccurrence(docs, len(words))))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    labels = [MiniBatchKMeans(k, random_state=0, n_init=3, batch_size=4096).fit_predict(vectors)
              for k in GRANULARITIES]
    return {w: tuple(int(lab[i]) for lab in labels) for i, w in enumerate(words)}


def write_table(table: dict[str, tuple[int, ...]], out: Path) -> None:
    """Write `word<TAB>id<TAB>id…` lines, gzipped, in a fixed order (byte-identical rebuilds)."""
    with gzip.GzipFile(out, "wb", mtime=0) as raw:
        raw.write("".join(f"{w}\t" + "\t".join(map(str, ids)) + "\n"
                          for w, ids in sorted(table.items())).encode("utf-8"))


def main(argv: list[str] | None = None) -> None:
    """Command line: build the cluster table from a JSON Lines corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    write_table(build_clusters(corpus_texts(args.corpus)), args.out)


if __name__ == "__main__":
    main()
