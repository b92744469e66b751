"""Metadata from the text itself: section, title, outlet, author and publication date of a scraped page.

Scraped text dumps start with a header — a section name, a title (sometimes twice), the outlet's
name, a date/time line, a photo caption — before the first paragraph, and may end with a credit
line (`المصدر: …`). This stage reads them into the article's fields when the source gave none,
moves the header lines it used into `boilerplate`, and leaves the body otherwise untouched.
Unknown stays None: an agency quoted in the text or credited under a photo is never the outlet.
"""

from __future__ import annotations

import re
from collections import Counter

from naba import dates
from naba.model import Article
from naba.rules import furniture_rules, metadata_rules
from naba.text import ends_sentence, ends_with_period, line_key, word_count

_HEADER_MAX_LINES = 12
# «دمشق – «القدس العربي»:» / «بيروت - "النهار":» — a place, a dash, a quoted name, a colon.
_DATELINE = re.compile(r"^\s*[^\s\"«“:]{2,}(?:\s+[^\s\"«“:]+){0,3}\s*[-–—.]\s*[«\"“]([^»\"”]{2,40})[»\"”]\s*[:：]")
_CAPTION_CREDIT = re.compile(r"(?:[-–—/|(]\s*)([^-–—/|()]{2,30})\)?\s*$")
_CREDIT = re.compile(r"^\s*([^:：]{2,20})[:：]\s*(.{2,60}?)\s*$")


def from_text(article: Article) -> Article:
    """Fill missing metadata from the article's own header and credit lines."""
    lines = article.body.split("\n")
    used = _read_header(article, lines)
    first = _first_body_line(lines, used)
    if article.outlet is None and first is not None:
        article.outlet = _dateline_outlet(lines[first])
    if article.outlet is None:
        article.outlet = _credit_outlet(lines)
    if article.published is None:
        _read_published(article, lines, first)
    _drop_lines(article, lines, used)
    return article


def _read_header(article: Article, lines: list[str]) -> set[int]:
    """Classify header lines; return the indices consumed as metadata."""
    header = _header_indices(lines)
    keys = Counter(line_key(lines[i]) for i in header)
    used: set[int] = set()
    title_key = line_key(article.title) if article.title else None
    for position, i in enumerate(header):
        line, key = lines[i], line_key(lines[i])
        if _is_furniture(key):
            continue  # the cleaning stage removes it and keeps it in boilerplate
        kind = _classify(line, key, position, keys, title_key)
        if kind is None:
            break
        used.add(i)
        title_key = _apply(article, kind, line, key) or title_key
    return used


def _classify(line: str, key: str, position: int, keys: Counter, title_key: str | None) -> str | None:
    rules = metadata_rules()
    if title_key and key == title_key:
        return "title"
    if position == 0 and _is_section(key):
        return "section"
    if _date_line(line):
        return "date"
    if key in rules.outlets or (keys[key] > 1 and word_count(line) <= 3):
        return "outlet"
    if _caption_agency(line):
        return "caption"
    if title_key is None and 3 <= word_count(line) <= 30 and not ends_with_period(line) \
            and not line.rstrip().endswith((":", "：")):
        return "title"
    return None


def _apply(article: Article, kind: str, line: str, key: str) -> str | None:
    """Store what a header line says; return the title key once a title is known."""
    if kind == "section" and article.section is None:
        article.section = line.strip()
    elif kind == "outlet" and article.outlet is None:
        article.outlet = line.strip()
    elif kind == "date":
        _date_line_metadata(article, line)
    elif kind == "title":
        if article.title is None:
            article.title = line.strip()
        return key
    return None


def _header_indices(lines: list[str]) -> list[int]:
    """Indices of the non-blank lines before the first body paragraph."""
    header: list[int] = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if _is_body_line(line) or len(header) >= _HEADER_MAX_LINES:
            break
        header.append(i)
    return header


def _is_body_line(line: str) -> bool:
    words = word_count(line)
    if _DATELINE.match(line) or (words <= 6 and line.rstrip().endswith((":", "："))):
        return True  # a dateline opens the body
    return (words >= 8 and ends_sentence(line) and not line.rstrip().endswith(("!", "؟", "?"))) \
        or words >= 30 or (words >= 12 and ("،" in line or "," in line))


def _is_section(key: str) -> bool:
    words = key.split()
    if not 1 <= len(words) <= 4:
        return False
    vocabulary = metadata_rules().section_words
    return key in vocabulary or all(_strip_clitics(w) in vocabulary or w in vocabulary for w in words)


def _strip_clitics(word: str) -> str:
    for prefix in ("وال", "و", "ال"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix):]
            break
    return word


def _is_furniture(key: str) -> bool:
    rules = furniture_rules()
    return not key or key in rules.line_equals or key in rules.social


def _date_line(line: str) -> bool:
    """A header line that is a date (and maybe a time and the outlet's name), nothing more."""
    found = dates.find_dates(line)
    if not found or found[0].precision != "day":
        return False
    rest = line[:found[0].start] + " " + line[found[0].end:]
    return word_count(rest) <= 4


def _date_line_metadata(article: Article, line: str) -> None:
    found = dates.find_dates(line)[0]
    if article.published is None:
        article.published = found.date + (f"T{found.time}" if found.time else "")
        article.published_from = "text"
    rest = line_key(line[:found.start] + " " + line[found.end:])
    if article.outlet is None and rest in metadata_rules().outlets:
        article.outlet = rest


def _caption_agency(line: str) -> bool:
    """A photo caption ending with an agency credit ('… - الأناضول')."""
    match = _CAPTION_CREDIT.search(line)
    return bool(match) and line_key(match.group(1)) in metadata_rules().agencies and not ends_sentence(line)


def _first_body_line(lines: list[str], used: set[int]) -> int | None:
    for i, line in enumerate(lines):
        if line.strip() and i not in used and not _is_furniture(line_key(line)) and not _caption_agency(line):
            return i
    return None


def _dateline_outlet(line: str) -> str | None:
    match = _DATELINE.match(line)
    if not match:
        return None
    name = match.group(1).strip()
    return None if _is_agency(name) else name


def _credit_outlet(lines: list[str]) -> str | None:
    """The outlet named in a credit line (`المصدر: جريدة عمان`) above any 'read also' list."""
    rules, found = furniture_rules(), None
    for line in lines:
        key = line_key(line)
        if key in rules.list_markers:
            break
        match = _CREDIT.match(line)
        if match and line_key(match.group(1)) in rules.credit_prefixes:
            name = _strip_outlet_prefix(match.group(2).strip(" .\"«»“”"))
            found = None if _is_agency(name) else name
    return found


def _strip_outlet_prefix(name: str) -> str:
    """'لجريدة عمان' -> 'جريدة عمان': a preposition glued to an outlet word."""
    for prefix in metadata_rules().outlet_prefixes:
        for glue in ("ل", "ب"):
            if line_key(name).startswith(glue + prefix):
                return name[len(glue):]
    return name


def _is_agency(name: str) -> bool:
    key = line_key(name)
    agencies = metadata_rules().agencies
    return key in agencies or (key.split()[:1] == ["وكاله"] and len(key.split()) <= 3 and
                               " ".join(key.split()[1:]) in agencies)


def _read_published(article: Article, lines: list[str], first: int | None) -> None:
    """Publication date stated in the header or the first paragraph ('اليوم، الجمعة 6 من كانون الأول')."""
    if first is None:
        return
    found = dates.publication_date("\n".join(lines[: first + 1]))
    if found is not None:
        article.published = found.date + (f"T{found.time}" if found.time else "")
        article.published_from = "text"


def _drop_lines(article: Article, lines: list[str], used: set[int]) -> None:
    article.boilerplate.extend(lines[i].strip() for i in sorted(used))
    article.body = "\n".join(line for i, line in enumerate(lines) if i not in used)
