"""Text dumps: a scraped page saved as plain text, one article per file."""

from __future__ import annotations

from naba.model import Article


def text_to_article(text: str, source_path: str) -> Article:
    """One decoded text file as an article; the metadata and cleaning stages read its header."""
    body = text.replace("\r\n", "\n").replace("\r", "\n")
    return Article(body=body, source_kind="text", source_path=source_path)
