"""Reports a person reads: report.html (self-contained, right-to-left) and report.md.

Both renderers are pure functions of the `stories.json` document; `write_reports` (and
`naba.report.pages`, which it calls for a report of many articles) is what touches the file system.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from naba.report import pages
from naba.report.html import render_html
from naba.report.markdown import render_markdown

__all__ = ["render_html", "render_markdown", "write_reports"]


def write_reports(doc: dict[str, Any], out_dir: Path) -> list[Path]:
    """Write `report.html` and `report.md` (UTF-8) into `out_dir`, creating it if needed.

    A document of more than `pages.ONE_PAGE_UPTO` articles is written in pages: report.html and
    report.md index its stories, each of which has a page in `out_dir`/report/ (`naba.report.pages`).

    Args:
        doc: a `stories.json` document (schema "naba/1").
        out_dir: the run's output folder.
    Returns:
        The paths written, HTML first (and the folder of pages, for a report in pages).
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    if pages.in_pages(doc):
        return pages.write_pages(doc, out_dir)
    pages.remove_former_pages(out_dir)
    html_path = out_dir / "report.html"
    md_path = out_dir / "report.md"
    html_path.write_text(render_html(doc), encoding="utf-8")
    md_path.write_text(render_markdown(doc), encoding="utf-8")
    return [html_path, md_path]
