"""The `stories.json` document (schema naba/1, see DESIGN.md) and the files a run writes."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from naba.model import Article, Rejected, Story

SCHEMA = "naba/1"


def build_document(articles: list[Article], rejected: list[Rejected],
                   stories: list[Story] | None = None, reuse: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The whole output as one JSON-ready dict. Lists of stages not built yet stay empty."""
    return {
        "schema": SCHEMA,
        "rejected": [r.to_dict() for r in rejected],
        "articles": [a.to_dict() for a in articles],
        "reuse": list(reuse or []),
        "stories": [s.to_dict() for s in (stories or [])],
    }


def write_outputs(doc: dict[str, Any], out_dir: str | os.PathLike) -> list[Path]:
    """Write stories.json, report.html and report.md into `out_dir` (created if needed)."""
    from naba.report import write_reports

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / "stories.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    os.replace(tmp, path)  # a killed run never leaves half a stories.json
    return [path, *write_reports(doc, out)]
