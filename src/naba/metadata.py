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

from naba import dates, published
from naba.clean import is_furniture
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
    header, first = _header(lines)
    credited, copied_at = _copied_from(lines, header)
    if credited:
        article.extra.setdefault("credited", credited)
    def not_credited(name: str | None) -> str | None:
        return None if credited and name and line_key(name) == line_key(credited) else name

    if article.outlet is None and first is not None:
        article.outlet = not_credited(_dateline_outlet(lines[first]))
    if article.outlet is None:
        article.outlet = not_credited(_credit_outlet(lines))
    used, unknown = _read_header(article, lines, header)
    if article.outlet is None:
        used |= _outlet_from_footer(article, lines, unknown)
    if article.published is None and first is not None:
        _read_published(article, lines, first)
    _drop_lines(article, lines, _leave_some_text(lines, used | copied_at))
    _read_desk_label(article)
    return article


# «عام / نائب خادم الحرمين …»: one or two words, a slash, the headline.
_DESK_LABEL = re.compile(r"^\s*(\S+(?:\s\S+)?)\s*/\s*(\S.*)$", re.DOTALL)


def _read_desk_label(article: Article) -> None:
    """An agency desk before the headline and a slash (`desk_labels`) is the section, not the title's
    start: SPA titles every item so (367 of SaudiNewsNet's titles), and a story named after one of
    them read «عام / …»."""
    found = _DESK_LABEL.match(article.title or "")
    if found and line_key(found.group(1)) in metadata_rules().desk_labels:
        article.section = article.section or found.group(1)
        article.title = found.group(2).strip()


def _leave_some_text(lines: list[str], used: set[int]) -> set[int]:
    """Never move every line out of the body: a one-line flash is its own title *and* its text."""
    if all(i in used for i, line in enumerate(lines) if line.strip()):
        return set()
    return used


def _read_header(article: Article, lines: list[str], header: list[int]) -> tuple[set[int], list[int]]:
    """Classify header lines; return the indices consumed as metadata and those left unclassified."""
    keys = Counter(line_key(lines[i]) for i in header)
    outlet_key = line_key(article.outlet) if article.outlet else None
    title_key = line_key(article.title) if article.title else None
    used: set[int] = set()
    unknown: list[int] = []
    rules = furniture_rules()
    for position, i in enumerate(header):
        line, key = lines[i], line_key(lines[i])
        if _date_line(line):
            kind: str | None = "date"
        elif is_furniture(line, key, rules):
            continue  # the cleaning stage removes it and keeps it in boilerplate
        else:
            kind = "outlet" if key == outlet_key else _classify(line, key, position, keys, title_key)
        if kind is None:
            unknown.append(i)
            continue
        used.add(i)
        title_key = _apply(article, kind, line, key) or title_key
        outlet_key = line_key(article.outlet) if article.outlet else None
    return used, unknown


def _copied_from(lines: list[str], header: list[int]) -> tuple[str | None, set[int]]:
    """A header credit 'نقلا عن «صدى المدينة»': the outlet this article republishes."""
    prefixes = metadata_rules().copied_prefixes
    for i in header:
        key = line_key(lines[i])
        for prefix in prefixes:
            if key.startswith(prefix + " ") and word_count(lines[i]) <= 8:
                name = key[len(prefix):].strip()
                quoted = re.search(r"[«\"“]([^»\"”]+)[»\"”]", lines[i])
                return (quoted.group(1).strip() if quoted else name), {i}
    return None, set()


def _outlet_from_footer(article: Article, lines: list[str], unknown: list[int]) -> set[int]:
    """A short unclassified header line that the copyright footer names too is the site's name."""
    footers = [line_key(line) for line in lines if "©" in line or "حقوق" in line and len(line) < 160]
    for i in unknown:
        key = line_key(lines[i])
        if key and word_count(lines[i]) <= 4 and any(key in footer for footer in footers):
            article.outlet = lines[i].strip()
            return {i}
    return set()


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


def _header(lines: list[str]) -> tuple[list[int], int | None]:
    """Indices of the non-blank lines before the first body paragraph, and that paragraph's index."""
    header: list[int] = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        if _is_body_line(line) or len(header) >= _HEADER_MAX_LINES:
            return header, i
        header.append(i)
    return header, None


def _is_body_line(line: str) -> bool:
    if without_dateline(line) != line.strip():
        return True  # a dateline opens the body
    words = word_count(line)
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


def _date_parts(line: str):
    """The first day-precision date on a line, the line's label key, and the words left besides."""
    found = dates.find_dates(line)
    day = next((f for f in found if f.precision == "day"), None)
    rest = line
    for mention in reversed(found):
        rest = rest[:mention.start] + " " + rest[mention.end:]
    key = line_key(rest)
    rules = metadata_rules()
    label = next((p for p in sorted(rules.published_prefixes | rules.update_prefixes, key=len, reverse=True)
                  if key.startswith(p)), "")
    return day, label, key[len(label):].strip()


def _date_line(line: str) -> bool:
    """A header line that is a date (maybe with a label, a time, a Hijri date and the outlet's name)."""
    if len(line) > 160:
        return False
    day, _, rest = _date_parts(line)
    return day is not None and len(rest.split()) <= 4


def _date_line_metadata(article: Article, line: str) -> None:
    day, label, rest = _date_parts(line)
    if day is None or label in metadata_rules().update_prefixes:
        return  # an update time is never the publication time
    if article.published is None:
        article.published = day.date + (f"T{day.time}" if day.time else "")
        article.published_from = "text"
    rest = " ".join(w for w in rest.split() if not w.isdigit() and w not in ("ه", "اخر", "تحديث"))
    if article.outlet is None and rest in metadata_rules().outlets:
        article.outlet = rest


def _caption_agency(line: str) -> bool:
    """A photo caption ending with an agency credit ('… - الأناضول')."""
    match = _CAPTION_CREDIT.search(line)
    return bool(match) and line_key(match.group(1)) in metadata_rules().agencies and not ends_sentence(line)


def without_dateline(line: str) -> str:
    """A line without the dateline that may open it: «دمشق – «القدس العربي»: تقدمت …» → «تقدمت …»;
    a line that is only a dateline («عواصم."وكالات":») comes back empty.

    >>> without_dateline('دمشق – «القدس العربي»: تقدمت قوات المعارضة')
    'تقدمت قوات المعارضة'
    >>> without_dateline('عواصم."وكالات":')
    ''
    """
    match = _DATELINE.match(line)
    if match:
        return line[match.end():].strip()
    return "" if word_count(line) <= 6 and line.rstrip().endswith((":", "：")) else line.strip()


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
        if len(line) > 120:
            continue  # a paragraph, not a credit line
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


def _read_published(article: Article, lines: list[str], first: int) -> None:
    """Publication date stated in the header or the first paragraph ('اليوم، الجمعة 6 من كانون الأول').

    Lines labelled as an update time are left out: an update is never the publication time.
    """
    update = metadata_rules().update_prefixes
    kept = [line for line in lines[: first + 1]
            if len(line) > 160 or not any(line_key(line).startswith(p) for p in update)]
    found = published.publication_date("\n".join(kept))
    if found is not None:
        article.published = found.date + (f"T{found.time}" if found.time else "")
        article.published_from = "text"


def _drop_lines(article: Article, lines: list[str], used: set[int]) -> None:
    article.boilerplate.extend(lines[i].strip() for i in sorted(used))
    article.body = "\n".join(line for i, line in enumerate(lines) if i not in used)
