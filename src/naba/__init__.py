"""naba (نبأ): Arabic news from many outlets, turned into stories with their sources.

The public API is small; importing it loads no model and builds no table.

>>> import naba
>>> result = naba.run(["examples/"])          # doctest: +SKIP
>>> result.articles[0].outlet                 # doctest: +SKIP
"""

from __future__ import annotations

__version__ = "0.1.0"

from naba.errors import NabaError
from naba.model import Article, Rejected, Story
from naba.normalize import fold, normalize
from naba.settings import Settings

__all__ = ["Article", "NabaError", "Rejected", "Settings", "Story", "__version__", "fold", "normalize",
           "process", "read", "run"]


def read(inputs, settings: Settings | None = None):
    """Yield Articles and Rejected records from files, folders, globs and URLs (no stages run)."""
    from naba.sources import read_inputs

    return read_inputs(inputs, settings or Settings())


def process(article: Article) -> Article:
    """Run the per-article stages (metadata from text, cleaning) on one article."""
    from naba.pipeline import process as _process

    return _process(article)


def run(inputs, settings: Settings | None = None, store=None):
    """Read and process inputs; returns a `RunResult` with `.articles` and `.rejected`."""
    from naba import pipeline

    settings = settings or Settings()
    return pipeline.run(read(inputs, settings), settings, store)
