"""Cleaning: site furniture out, every removed line kept in `boilerplate`, paragraphs never cut.

Rules are data (`data/furniture.json`). A 'read also' / 'most read' heading takes the list and
the teasers of other articles it carries with it: in the second half of the page everything
after it goes; earlier, the heading and the headline-like or bulleted lines right after it.
Lines that recur across many articles of one outlet are removed by `RecurringLines`, a corpus
stage, because no fixed list knows every site.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from naba.model import Article
from naba.rules import FurnitureRules, furniture_rules
from naba.text import ends_sentence, ends_with_period, is_bullet, line_key, word_count

_BLANK_RUNS = re.compile(r"\n\s*\n(\s*\n)+")
_PREFIXED = re.compile(r"^\s*[^:：]{1,30}[:：]")
# What opens a columnist's contact line before its footer phrase: short labels ("تويتر:", "t:") and
# ASCII handles and e-mail addresses, glued to the Arabic that follows ("…@yahoo.comللتواصل مع
# الكاتب"); ASCII classes only, since \w would take the Arabic too
_LEADING_CONTACTS = re.compile(r"^\s*(?:[^\s:：]{1,10}\s*[:：]\s*|[A-Za-z0-9._%+@-]+\s*)+")
CONTACT_MAX_WORDS = 40  # the SMS footers of SaudiNewsNet's columns run to ~25 words
# No furniture line is longer than this (a 30-word tag line is ~250 characters); longer lines are
# paragraphs and are not even keyed, which keeps cleaning fast.
MAX_FURNITURE_CHARS = 320
_SENTENCE_BREAK = re.compile(r"[.!؟?][\"'»”]?\s+")


def remove_furniture(article: Article) -> Article:
    """Remove site furniture from `article.body`, set `article.text`, extend `boilerplate`."""
    rules = furniture_rules()
    lines = article.body.split("\n")
    drop = _furniture_lines(lines, rules, line_key(article.title) if article.title else None)
    if article.title and all(i in drop for i, line in enumerate(lines) if line.strip()):
        drop = _furniture_lines(lines, rules, None)  # the title is all there is: keep it as the text
    article.boilerplate.extend(lines[i].strip() for i in sorted(drop) if lines[i].strip())
    last = max((i for i, line in enumerate(lines) if i not in drop and line.strip()), default=None)
    tail = _glued_tail(lines[last], rules) if last is not None else None
    if tail is not None:
        article.boilerplate.append(lines[last][tail:].strip())
        lines[last] = lines[last][:tail]
    article.text = join_lines(line for i, line in enumerate(lines) if i not in drop)
    return article


_TAIL_CHARS = 1200


def _glued_tail(line: str, rules: FurnitureRules) -> int | None:
    """Where a tag or link line glued to the last paragraph after its final sentence begins
    («… لانتشالها. سمات إنقاذ دبي غرق», «… أولوياته. رابط الخبر بصحيفة الوئام: …»), or None.

    >>> from naba.rules import furniture_rules
    >>> line = "وأكد المتحدث أن فرق الإنقاذ انتشلت الطفلة. سمات إنقاذ دبي غرق"
    >>> line[_glued_tail(line, furniture_rules()):]
    'سمات إنقاذ دبي غرق'
    """
    # a tail of 30 words fits in the last _TAIL_CHARS characters: breaks before them are not looked at,
    # which keeps a page of one 1 MB line from costing a line_key per sentence over the rest (minutes)
    for end in _SENTENCE_BREAK.finditer(line, max(0, len(line) - _TAIL_CHARS)):
        rest = line[end.end():]
        key = line_key(rest)
        if (any(key.startswith(p + " ") for p in rules.tag_prefixes) and word_count(rest) <= 30
                and not ends_with_period(rest)):
            return end.end()
    return None


def join_lines(lines) -> str:
    """Lines back into text: trailing spaces trimmed, runs of blank lines reduced to one."""
    text = "\n".join(line.rstrip() for line in lines)
    return _BLANK_RUNS.sub("\n\n", text).strip("\n")


def _furniture_lines(lines: list[str], rules: FurnitureRules, title_key: str | None) -> set[int]:
    drop: set[int] = set()
    total = sum(len(line) for line in lines) or 1
    seen = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        seen += len(line)
        if len(line) > MAX_FURNITURE_CHARS:
            i += 1
            continue
        key = line_key(line)
        if line.strip() and _is_list_marker(line, key, rules):
            if seen / total >= 0.5:
                drop.update(range(i, len(lines)))  # the tail: related lists and teasers to the end
                break
            i = _drop_inline_list(lines, i, drop)
            continue
        if line.strip() and (is_furniture(line, key, rules) or (title_key and key == title_key)):
            drop.add(i)
        i += 1
    return drop


def _is_list_marker(line: str, key: str, rules: FurnitureRules) -> bool:
    if key in rules.list_markers:
        return True
    head = line.split(":")[0].split("：")[0]
    return ":" in line and line_key(head) in rules.list_markers and word_count(line) <= 20


def _drop_inline_list(lines: list[str], i: int, drop: set[int]) -> int:
    """Drop a mid-article 'read also' heading and the list lines right after it; return the next index."""
    drop.add(i)
    inline = word_count(line_key(lines[i].split(":", 1)[-1])) > 0 and ":" in lines[i]
    j = i + 1
    while j < len(lines) and not inline:
        line = lines[j]
        if not line.strip():
            j += 1
            continue
        if is_bullet(line) or (word_count(line) <= 15 and not ends_sentence(line)):
            drop.add(j)
            j += 1
            continue
        break
    return j


def is_furniture(line: str, key: str, rules: FurnitureRules) -> bool:
    """True when one line (with its `line_key`) is site furniture by the rules."""
    words = word_count(line)
    if not key:
        return True  # only punctuation or symbols: separators, arrows, stray bullets
    if "©" in line and words <= 15:
        return True  # copyright footer
    if key in rules.line_equals or key in rules.social:
        return True
    if all(token in rules.social for token in key.split()):
        return True
    if words <= 12 and any(key.startswith(p) for p in rules.line_startswith):
        return True
    if words <= 3 and any(p in key for p in rules.short_contains):
        return True
    if words <= CONTACT_MAX_WORDS and rules.contact_prefixes:
        contact = line_key(_LEADING_CONTACTS.sub("", line))
        if any(contact.startswith(p) for p in rules.contact_prefixes):
            return True
    if _PREFIXED.match(line):
        head = line_key(re.split(r"[:：]", line, maxsplit=1)[0])
        if head in rules.tag_prefixes and words <= 30:
            return True
        if head in rules.credit_prefixes and words <= 10:
            return True
        if head in rules.byline_prefixes and words <= 6:
            return True
    return any(key.startswith(p + " ") for p in rules.tag_prefixes) and words <= 30 and not ends_sentence(line)


def remove_recurring(articles: list[Article], min_articles: int = 5) -> list[Article]:
    """The corpus stage: `RecurringLines` learnt from all `articles`, then applied to each."""
    recurring = RecurringLines(min_articles=min_articles)
    for article in articles:
        recurring.add(article)
    return [recurring.apply(article) for article in articles]


class RecurringLines:
    """Corpus stage: short lines that recur across many articles of one outlet are site furniture.

    `add` learns from each article; `apply` removes the lines seen in at least `min_articles`
    distinct articles of the same outlet. Only lines of at most `max_words` words count, so a
    background paragraph repeated across a developing story is never removed.
    """

    def __init__(self, min_articles: int = 5, max_words: int = 12):
        self.min_articles = min_articles
        self.max_words = max_words

    def add(self, article: Article) -> RecurringLines:
        counts = self.__dict__.setdefault("counts_", defaultdict(Counter))
        counts[article.outlet or ""].update(self._keys(article.text))
        return self

    def apply(self, article: Article) -> Article:
        counts = self.__dict__.get("counts_", {}).get(article.outlet or "")
        if not counts or article.outlet is None:
            return article
        lines = article.text.split("\n")
        drop = {i for i, line in enumerate(lines)
                if self._short(line) and counts[line_key(line)] >= self.min_articles}
        if drop:
            article.boilerplate.extend(lines[i].strip() for i in sorted(drop))
            article.text = join_lines(line for i, line in enumerate(lines) if i not in drop)
        return article

    def _short(self, line: str) -> bool:
        return bool(line.strip()) and len(line) < 15 * self.max_words and word_count(line) <= self.max_words

    def _keys(self, text: str) -> set[str]:
        return {line_key(line) for line in text.split("\n") if self._short(line)}
