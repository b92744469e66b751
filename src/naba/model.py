"""The two types that flow through naba: `Article` (per-article stages) and `Story` (corpus stages).

Every span is a `[start, end)` character range into `Article.text`, the clean body.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


def file_name(path: str | None) -> str:
    """A path's last part, on any system's separators ('' for none): how a file is named to a reader,
    not by the server's path to it («/tmp/naba-upload-…/000/khabar.txt» -> «khabar.txt»)."""
    return (path or "").replace("\\", "/").rsplit("/", 1)[-1]


@dataclass
class Article:
    """One news article, enriched in place by each per-article stage.

    `body` is the text as the source gave it (before cleaning); stages move
    lines from it into metadata fields or `boilerplate`, and `clean` sets `text`.
    """

    body: str
    source_kind: str  # text | html | jsonl | feed | url
    source_path: str | None = None
    source_id: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    section: str | None = None
    published: str | None = None
    published_from: str | None = None  # metadata | text | story
    author: str | None = None
    text: str = ""
    boilerplate: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    id: str = ""
    # Filled by the extraction stages (naba.extract); every span indexes `text`.
    # entities: {"text", "type": PER|ORG|GPE|LOC|MISC, "span": [s, e]}
    # dates:    {"text", "date": ISO, "precision": day|month|year, "span": [s, e]}
    # quotes:   {"speaker", "speaker_span", "verb", "text", "kind": direct|indirect, "via", "span"}
    entities: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)

    def source_key(self) -> str:
        """What identifies 'the same article from the same source' across runs.

        The URL when there is one, else the outlet plus the input's own id, else
        the outlet plus the file's name (not its full path, so moving a folder
        does not duplicate it).
        """
        if self.url:
            return "url:" + self.url
        place = self.source_id or self.file_name()
        return f"{self.source_kind}:{self.outlet or ''}:{place}"

    def file_name(self) -> str:
        """The name of the file the article was read from, without its folders ('' when none)."""
        return file_name(self.source_path)

    def label(self, words: int = 8, outlet: bool = True) -> str:
        """How a reader is told which article this is: its outlet, else (or with `outlet` False) the
        first `words` words of its title, else its file's name, else its id. A file name is isolated
        (FSI … PDI) so that right-to-left text around it does not reorder its parts ("001_ab.txt"
        showed as "ab.txt_001")."""
        if self.outlet and outlet:
            return self.outlet
        title = (self.title or "").split()
        if title:
            return " ".join(title[:words]) + ("…" if len(title) > words else "")
        name = self.file_name()
        return f"\u2068{name}\u2069" if name else self.id

    def assign_id(self) -> Article:
        """Set `id` to a stable hash of the source key and the text as the source gave it.

        Called when the article is read, before cleaning, so the id does not change when the
        cleaning rules improve: re-ingesting the same input never duplicates it.
        """
        digest = hashlib.sha256(f"{self.source_key()}\n{self.body}".encode()).hexdigest()
        self.id = digest[:16]
        return self

    def to_dict(self) -> dict[str, Any]:
        """The article as `stories.json` writes it (DESIGN.md contract plus `author`/`extra`)."""
        return {
            "id": self.id,
            "source_id": self.source_id,
            "source_path": self.source_path,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "section": self.section,
            "published": self.published,
            "published_from": self.published_from,
            "author": self.author,
            "text": self.text,
            "boilerplate": list(self.boilerplate),
            "extra": dict(self.extra),
            "entities": list(self.entities),
            "dates": list(self.dates),
            "quotes": list(self.quotes),
        }

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> Article:
        """Rebuild an article written by `to_dict` (the store reads it back this way)."""
        known = {k: row.get(k) for k in (
            "id", "source_id", "source_path", "url", "outlet", "title", "section",
            "published", "published_from", "author")}
        return cls(body=row["text"], text=row["text"], source_kind=row.get("source_kind") or "text",
                   boilerplate=list(row.get("boilerplate") or []), extra=dict(row.get("extra") or {}),
                   entities=list(row.get("entities") or []), dates=list(row.get("dates") or []),
                   quotes=list(row.get("quotes") or []), **known)


@dataclass(frozen=True)
class Rejected:
    """An input item that could not become an article, with the reason a user reads."""

    source_path: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"source_path": self.source_path, "reason": self.reason}


@dataclass
class Story:
    """A developing thread of events; corpus stages fill its lists (empty until built)."""

    id: str
    title: str
    articles: list[str]
    confidence: float = 0.0
    events: list[dict[str, Any]] = field(default_factory=list)
    summary: list[dict[str, Any]] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    unique: list[dict[str, Any]] = field(default_factory=list)
    contradictions: list[dict[str, Any]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    places: list[dict[str, Any]] = field(default_factory=list)
    dates: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    timeline: list[dict[str, Any]] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    merged_from: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)
