"""Options that travel beside the articles (never inside them)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

MB = 1024 * 1024
# Processes a run extracts and enriches in by default: a laptop's cores, up to 4 (each holds its own
# tagger, gazetteer and pair models, ~300-400 MB).
MAX_DEFAULT_JOBS = 4


def default_jobs() -> int:
    return max(1, min(MAX_DEFAULT_JOBS, os.cpu_count() or 1))


@dataclass(frozen=True)
class Settings:
    """Run-wide options. Defaults are what a laptop user wants; the CLI overrides them.

    max_file_bytes: a single-article file (text, HTML) larger than this is rejected —
        20 MB is ~100x the longest real article page; JSONL and feeds are streamed.
    max_line_bytes: one JSONL line larger than this is rejected.
    fetch_timeout: seconds to connect and to wait between bytes for one URL.
    max_fetch_bytes: a URL whose body exceeds this is rejected.
    follow_links: for feeds given as URLs, fetch each entry's page for its full text.
    recurring_min_articles: a short line seen in at least this many articles of one
        outlet is treated as that outlet's site furniture.
    jobs: processes that extract articles and resolve and fuse stories side by side (in a run of a
        thousand articles or a few hundred stories).
    """

    max_file_bytes: int = 20 * MB
    max_line_bytes: int = 5 * MB
    fetch_timeout: float = 20.0
    max_fetch_bytes: int = 10 * MB
    follow_links: bool = False
    recurring_min_articles: int = 5
    jobs: int = field(default_factory=default_jobs)
