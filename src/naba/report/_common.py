"""What the HTML and Markdown renderers share: reading a `stories.json` document safely.

Nothing here formats for one output; it answers questions about the document — how
many outlets, what an article is called, which passage a citation points at.
"""

from __future__ import annotations

import copy
import functools
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from itertools import islice
from typing import Any
from urllib.parse import urlsplit

from naba.model import file_name
from naba.text import has_astral, line_key

# First words of the text stand in for a missing title; 12 words fit one line on a phone.
UNTITLED_WORDS = 12
_WORD = re.compile(r"\S+")

PUBLISHED_FROM = {
    "metadata": "من البيانات الوصفية",
    "text": "من نص المقالة",
    "story": "مقدَّر من القصة",  # an undated article given its story's day: not stated anywhere
}

# (key in the story dict, Arabic heading, English hint) in the order a reader wants them.
STORY_SECTIONS = [
    ("events", "الأحداث", "events"),
    ("summary", "الملخص", "summary"),
    ("facts", "الوقائع", "facts"),
    ("unique", "ما انفردت به كل مقالة", "unique facts"),
    ("contradictions", "التناقضات", "contradictions"),
    ("entities", "الكيانات", "entities"),
    ("places", "الأماكن", "places"),
    ("dates", "التواريخ", "dates"),
    ("quotes", "الأقوال", "quotes"),
    ("timeline", "الخط الزمني", "timeline"),
]


def as_list(value: Any) -> list[Any]:
    """The value when it is a list, else an empty list (a missing key reads as 'not built')."""
    return value if isinstance(value, list) else []


def as_text(value: Any) -> str:
    """A document value as display text: strings as they are, None as '', the rest as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def counts(doc: dict[str, Any]) -> dict[str, int]:
    """Numbers for the summary header: articles, distinct outlets, rejected, stories, reuse pairs."""
    articles = as_list(doc.get("articles"))
    outlets = {a.get("outlet") for a in articles if isinstance(a, dict) and a.get("outlet")}
    return {
        "articles": len(articles),
        "outlets": len(outlets),
        "rejected": len(as_list(doc.get("rejected"))),
        "stories": len(as_list(doc.get("stories"))),
        "reuse": len(as_list(doc.get("reuse"))),
    }


def display_title(article: dict[str, Any]) -> tuple[str, bool]:
    """The article's title, or its first words when it has none; the flag says 'untitled'."""
    title = as_text(article.get("title")).strip()
    if title:
        return title, False
    # the first words only, not the whole text copied or split for every link to the article
    words = [m.group() for m in islice(_WORD.finditer(as_text(article.get("text"))), UNTITLED_WORDS + 1)]
    if not words:
        return "(بلا نص)", True
    head = " ".join(words[:UNTITLED_WORDS])
    return head + (" …" if len(words) > UNTITLED_WORDS else ""), True


def paragraphs(text: str) -> list[str]:
    """The clean text split into paragraphs on newlines, blank lines dropped."""
    return [line.strip() for line in text.split("\n") if line.strip()]


def safe_href(url: Any) -> str | None:
    """The URL when it is http(s) and may become a link; None for anything else."""
    if not isinstance(url, str):
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def text_direction(text: str) -> str:
    """'rtl' when right-to-left letters outnumber left-to-right ones, else 'ltr'.

    Counting beats the first-strong-letter rule of dir="auto": an Arabic paragraph
    that opens with "BBC" must still read right to left.
    """
    if has_astral(text):
        kinds = [unicodedata.bidirectional(char) for char in text]
        rtl, ltr = sum(k in ("R", "AL") for k in kinds), kinds.count("L")
    else:  # one translation of the text to its strong letters: a report marks ~330,000 blocks of 3,000 articles
        strong = text.translate(_strong_letters())
        rtl = strong.count("r")
        ltr = len(strong) - rtl
    return "ltr" if ltr > rtl else "rtl"


@functools.cache
def _strong_letters() -> dict[int, str]:
    """Per BMP code point, for `str.translate`: "r" for a right-to-left letter (bidi class R or AL), "l"
    for a left-to-right one, nothing for any other character."""
    kinds = {"R": "r", "AL": "r", "L": "l"}
    return {code: kinds.get(unicodedata.bidirectional(chr(code)), "") for code in range(0x10000)}


def format_number(value: Any, digits: int = 2) -> str:
    """A float shown with fixed digits; anything else as text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"{value:.{digits}f}"
    return as_text(value)


class ArticleIndex:
    """Looks up articles by id and gives each a stable in-page anchor (by position, so any id is safe;
    with `named_anchors`, by id where the id is a safe name: a report in pages keeps an article's anchor
    when articles are added before it, so the pages of a grown corpus that did not change stay as they were).

    `articles` are those the page shows; a report in pages (`naba.report.pages`) shows some on each page
    and links to the others on theirs (`on_page`, `href`)."""

    def __init__(self, articles: list[Any], named_anchors: bool = False):
        self.articles = [a for a in articles if isinstance(a, dict)]
        self.by_id: dict[str, dict[str, Any]] = {}
        self.anchor_by_id: dict[str, str] = {}
        self.page_of: dict[str, str] = {}  # article id -> the file of the page that shows it
        self.here: str | None = None  # the file of the page being written
        taken: set[str] = set()
        for position, article in enumerate(self.articles, start=1):
            key = as_text(article.get("id"))
            if key in self.by_id:
                continue
            self.by_id[key] = article
            anchor = f"article-{key}" if named_anchors and SAFE_NAME.fullmatch(key) else f"article-{position}"
            while anchor in taken:  # an id that reads as another's position
                anchor += "-"
            taken.add(anchor)
            self.anchor_by_id[key] = anchor

    def anchor(self, article_id: Any) -> str | None:
        return self.anchor_by_id.get(as_text(article_id))

    def href(self, article_id: Any) -> str | None:
        """A link to the article's card: on this page, or on the page that shows it."""
        anchor = self.anchor(article_id)
        if anchor is None:
            return None
        page = self.page_of.get(as_text(article_id))
        return f"{page}#{anchor}" if page and page != self.here else f"#{anchor}"

    def on_page(self, shown: list[str], page_of: dict[str, str], here: str | None) -> ArticleIndex:
        """This index as one page of a report in pages sees it: it shows the articles `shown` (by id),
        links to every other on its page (`page_of`, file names as seen from this page, which is `here`),
        and still reads any article's passages and titles. The lookups are shared, not copied."""
        view = copy.copy(self)
        view.articles = [self.by_id[i] for i in shown if i in self.by_id]
        view.page_of, view.here = page_of, here
        return view

    def label(self, article_id: Any) -> str:
        """Outlet and title of an article, for links; the raw id when it is not in the document."""
        article = self.by_id.get(as_text(article_id))
        if article is None:
            return as_text(article_id) or "?"
        title, _ = display_title(article)
        outlet = as_text(article.get("outlet"))
        return f"{outlet} — {title}" if outlet else title

    def outlet(self, article_id: Any) -> str:
        """The article's outlet; for an article without one, its file name or id (a column heading)."""
        article = self.by_id.get(as_text(article_id)) or {}
        path = file_name(as_text(article.get("source_path")))
        return as_text(article.get("outlet")) or path or as_text(article_id) or "?"

    def passage(self, article_id: Any, span: Any) -> str | None:
        """The text a `[start, end)` span cites, or None when the article or span is not valid."""
        article = self.by_id.get(as_text(article_id))
        if article is None or not isinstance(span, (list, tuple)) or len(span) != 2:
            return None
        start, end = span
        text = as_text(article.get("text"))
        if not all(isinstance(n, int) and not isinstance(n, bool) for n in (start, end)):
            return None
        if not 0 <= start <= end <= len(text):
            return None
        return text[start:end]


PAGES = "report"  # the folder beside report.html that holds the pages of a report in pages
SAFE_NAME = re.compile(r"[A-Za-z0-9_-]{1,80}")  # an id that can name a file or an anchor as it is


@dataclass
class Page:
    """One page of a report in pages (`naba.report.pages`): a story with its articles, or articles that are
    in no story. `name` is its file name without the suffix."""

    name: str
    title: str
    articles: list[str]  # ids of the articles it shows
    story: dict[str, Any] | None = None
    position: int = 0  # the story's place in the document, from 1


def story_numbers(story: dict[str, Any]) -> dict[str, Any]:
    """What the index of a report in pages says of a story: its articles, outlets, first and last day,
    facts told by two independent sources or more, and contradictions."""
    return {
        "articles": len(as_list(story.get("articles"))),
        "outlets": len(as_list(story.get("outlets"))),
        "start": as_text(story.get("start"))[:10],
        "end": as_text(story.get("end"))[:10],
        "corroborated": sum(1 for f in as_list(story.get("facts"))
                            if isinstance(f, dict) and len(as_list(f.get("independent_sources"))) > 1),
        "contradictions": len(as_list(story.get("contradictions"))),
    }


# Stories shown whole (facts, quotes, map …), the most articles first (a full card of a big story is ~270 KB); the others get one line each. A
# report of 2,000 articles with every story whole was 197 MB and took three minutes to open (a browser
# audit): the whole record is in stories.json and `naba serve`.
FULL_STORIES = 60


def full_stories(stories: list[Any]) -> set[int]:
    """Positions (from 1) of the stories the report shows whole: the `FULL_STORIES` with most articles."""
    ranked = sorted((n for n, s in enumerate(stories, start=1) if isinstance(s, dict)),
                    key=lambda n: (-len(as_list(stories[n - 1].get("articles"))), n))
    return set(ranked[:FULL_STORIES])


def reason_ar(reason: object) -> str:
    """Why an input was rejected, in Arabic, by how its English reason begins (`data/reasons.json`);
    "" when no prefix matches (the English reason is then shown alone).

    >>> reason_ar("not text: binary content (NUL bytes)"), reason_ar("HTTP 404 Not Found")
    ('ليس نصاً: محتوى ثنائي', 'أجاب الخادم بخطأ')
    """
    text = as_text(reason)
    return next((arabic for prefix, arabic in _reasons() if text.startswith(prefix)), "")


@functools.cache
def _reasons() -> tuple[tuple[str, str], ...]:
    from naba.rules import load_json

    return tuple((prefix, arabic) for prefix, arabic in load_json("reasons.json")["prefixes"])


UNNAMED_SPEAKER = "متحدث غير مسمّى"


def quotes_by_speaker(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quotes grouped by speaker — the entity it names, else as its article names it in full («السفارة
    الروسية في دمشق», not every «السفارة» of the story together), else as written — the most quoted first.
    One statement carried by several articles (the same words once folded, punctuation aside) is one
    entry with each article that carries it (`reports`: article and span): a story's president was listed
    five times saying «أهمية زيارة سمو ولي ولي العهد لمصر», once per outlet (a browser audit)."""
    groups: dict[str, dict[str, dict]] = defaultdict(dict)
    for q in quotes:
        speaker = q.get("speaker_entity") or q.get("speaker_full") or q.get("speaker") or UNNAMED_SPEAKER
        said = groups[speaker].setdefault(line_key(str(q.get("text") or "")) or str(id(q)), {**q, "reports": []})
        said["reports"].append({"article": q.get("article"), "span": q.get("span")})
    ranked = sorted(groups.items(), key=lambda kv: (-sum(len(q["reports"]) for q in kv[1].values()), kv[0]))
    return [{"speaker": s, "quotes": list(said.values())} for s, said in ranked]
