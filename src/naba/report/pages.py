"""A report of many articles in pages: report.html and report.md become an index of the stories, and each
story gets a page of its own under report/ (`PAGES`) — the story whole, the copies its articles are in,
and the articles.

Why: one page for all of SaudiNewsNet (30,660 articles) was a 534 MB report.html that a browser does not
open and a 401 MB report.md; 3,000 articles made a 46 MB page, most of it the articles' texts (15 MB)
and the copies' passages (9 MB). A run of more than `ONE_PAGE_UPTO` articles is written in pages; the
pages of 3,000 articles' 1,866 stories average 100 KB each (HTML; 42 KB in Markdown).

A story's page is named after the story's id (`story-s-61c498b3b06b385f.html`), which stays the same
across runs of a growing corpus, so a link to it keeps working; an article's card after the article's id.
Articles that are in no story are listed `ARTICLES_PER_PAGE` to a page. Pages a former run wrote that this
one does not are removed — only files named as naba names its pages, so nothing else in the folder is
touched. A page whose content has not changed since the last report into the folder (`MANIFEST`: a digest
of what each page is made from, and of naba's code) is not written again: a re-run over the same corpus, or
a poll of `naba watch` that changed three stories, writes the index and a few pages, not all of them.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from naba.report._common import PAGES, SAFE_NAME, ArticleIndex, Page, as_list, as_text
from naba.report.html import render_index_page, render_page
from naba.report.markdown import render_index_markdown, render_page_markdown

# Up to this many articles the report is one page (the seeds, the examples, a day of a few outlets:
# 300 SaudiNewsNet articles make a 5 MB page that opens at once).
ONE_PAGE_UPTO = 300
ARTICLES_PER_PAGE = 200
MANIFEST = ".naba-pages.json"  # in the folder of pages: what each page was made from, as a digest
_OUR_PAGE = re.compile(r"(?:story|articles)-[A-Za-z0-9_-]+\.(?:html|md)")


def in_pages(doc: dict[str, Any]) -> bool:
    """Whether the report of `doc` is written in pages."""
    return len(as_list(doc.get("articles"))) > ONE_PAGE_UPTO


def plan(doc: dict[str, Any]) -> list[Page]:
    """The pages of a report: one per story, in the document's order, showing the story's articles (an
    article listed by two stories is shown on the first one's page), then the articles in no story."""
    known = list(dict.fromkeys(as_text(a.get("id")) for a in as_list(doc.get("articles")) if isinstance(a, dict)))
    present, placed, used = set(known), set(), set()
    pages = []
    for position, story in enumerate(as_list(doc.get("stories")), start=1):
        if not isinstance(story, dict):
            continue
        ident = as_text(story.get("id"))
        name = f"story-{ident}" if SAFE_NAME.fullmatch(ident) else f"story-{position}"
        while name in used:
            name += f"-{position}"
        used.add(name)
        shown = [i for i in dict.fromkeys(as_text(a) for a in as_list(story.get("articles")))
                 if i in present and i not in placed]
        placed.update(shown)
        pages.append(Page(name, as_text(story.get("title")) or name, shown, story, position))
    rest = [i for i in known if i not in placed]
    for k in range(0, len(rest), ARTICLES_PER_PAGE):
        part = rest[k:k + ARTICLES_PER_PAGE]
        pages.append(Page(f"articles-{k // ARTICLES_PER_PAGE + 1}",
                          f"مقالات ليست في قصة ({k + 1}–{k + len(part)})", part))
    return pages


def write_pages(doc: dict[str, Any], out_dir: Path) -> list[Path]:
    """Write report.html and report.md as the index, and every page into `out_dir`/report/ (HTML and
    Markdown) that is not there as it would be written; remove the pages of a former run that this one
    has not. Returns the two index files and the folder of pages."""
    from naba.output import write_json
    from naba.resume import code_stamp

    pages = plan(doc)
    folder = out_dir / PAGES
    folder.mkdir(parents=True, exist_ok=True)
    index = ArticleIndex(as_list(doc.get("articles")), named_anchors=True)
    page_of = {i: f"{page.name}.html" for page in pages for i in page.articles}
    pairs: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for pair in as_list(doc.get("reuse")):
        if isinstance(pair, dict):
            for name in dict.fromkeys(page_of.get(as_text(pair.get(side))) for side in ("a", "b")):
                if name:
                    pairs[name].append(pair)
    before = _manifest(folder, code_stamp())
    made, written = {}, set()
    for k, page in enumerate(pages):
        here, markdown = f"{page.name}.html", f"{page.name}.md"
        view = index.on_page(page.articles, page_of, here)
        neighbours = (pages[k - 1] if k else None, pages[k + 1] if k + 1 < len(pages) else None)
        made[page.name] = _made_from(page, view, pairs[here], neighbours)
        written.update((here, markdown))
        if before.get(page.name) == made[page.name] and (folder / here).is_file() and (folder / markdown).is_file():
            continue
        (folder / here).write_text(render_page(page, view, pairs[here], neighbours), encoding="utf-8")
        (folder / markdown).write_text(render_page_markdown(page, view, pairs[here], neighbours), encoding="utf-8")
    remove_former_pages(out_dir, keep=written)
    write_json(folder / MANIFEST, {"code": code_stamp(), "pages": made})
    html_path, md_path = out_dir / "report.html", out_dir / "report.md"
    html_path.write_text(render_index_page(doc, pages), encoding="utf-8")
    md_path.write_text(render_index_markdown(doc, pages), encoding="utf-8")
    return [html_path, md_path, folder]


def _made_from(page: Page, view: ArticleIndex, pairs: list[dict[str, Any]],
               neighbours: tuple[Page | None, Page | None]) -> str:
    """A digest of everything a page is drawn from: its story, its articles, the copies they are in, the
    articles of other pages those copies name (and where they are), and its neighbours' names and titles."""
    linked = sorted({as_text(p.get(side)) for p in pairs for side in ("a", "b")} - set(page.articles))
    what = {"page": [page.name, page.title, page.position], "story": page.story,
            "articles": [[view.by_id.get(i), view.anchor(i)] for i in page.articles], "pairs": pairs,
            "linked": [[view.by_id.get(i), view.anchor(i), view.page_of.get(i)] for i in linked],
            "neighbours": [[p.name, p.title] if p else None for p in neighbours]}
    text = json.dumps(what, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _manifest(folder: Path, code: str) -> dict[str, str]:
    """The digests of the pages the last report into `folder` wrote; none when naba's code has changed
    since (a page looks as its code draws it) or the file is missing or unreadable."""
    try:
        kept = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return kept.get("pages", {}) if isinstance(kept, dict) and kept.get("code") == code else {}


def remove_former_pages(out_dir: Path, keep: set[str] = frozenset()) -> int:
    """Remove the pages in `out_dir`/report/ that a former run wrote and are not in `keep` (file names),
    with no `keep` (the report is one page again) their `MANIFEST` too, and the folder when that leaves it
    empty. Returns how many pages were removed."""
    folder = out_dir / PAGES
    if not folder.is_dir():
        return 0
    removed = 0
    for path in folder.iterdir():
        if path.name not in keep and _OUR_PAGE.fullmatch(path.name) and path.is_file():
            path.unlink()
            removed += 1
    if not keep:
        (folder / MANIFEST).unlink(missing_ok=True)
    if not any(folder.iterdir()):
        folder.rmdir()
    return removed

