"""Bytes to text: BOMs, UTF-16, Windows-1256, and a clear refusal for binary content."""

from __future__ import annotations

import re
import unicodedata

from naba.errors import InputError

_BOMS = (  # UTF-32's before UTF-16's: «FF FE 00 00» starts with UTF-16 LE's «FF FE»
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# Windows-1256 is what older Arabic sites and Office exports use; charset detectors often
# mistake it for Latin-1, so it is tried explicitly and accepted only when the result reads as Arabic.
_LEGACY_ARABIC = "cp1256"


def decode_bytes(data: bytes, name: str = "<input>") -> str:
    """Decode one input's bytes to text.

    Raises:
        InputError: empty input, binary content, or bytes that no supported encoding reads.

    >>> decode_bytes("نبأ".encode("cp1256"))
    'نبأ'
    """
    if not data.strip():
        raise InputError("empty: the file holds no text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom):], encoding, name)
    wide = _sniff_utf32(data) or _sniff_utf16(data)
    if wide:
        return _strict(data, wide, name)
    if b"\x00" in data[:65536]:
        raise InputError("not text: binary content (NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = _damaged_utf8(data, exc) or _legacy(data)
    if _control_ratio(text) > 0.05:
        raise InputError("not text: binary content (control characters)")
    return _not_blank(text)


def _not_blank(text: str) -> str:
    if not text.replace("\ufeff", "").strip():
        raise InputError("empty: the file holds only white space")
    return text


# A UTF-8 file with a few damaged bytes (a truncated copy, one stray byte) is still UTF-8: reading it
# as Windows-1256 would turn every Arabic letter into mojibake. Up to this share of bad bytes, the
# damaged ones become U+FFFD and the rest of the article is kept.
_MAX_DAMAGED_SHARE = 0.001
_UTF8_ARABIC = re.compile(rb"[\xd8-\xdb][\x80-\xbf]")


def _damaged_utf8(data: bytes, first: UnicodeDecodeError) -> str | None:
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    if damaged <= max(1, len(data) * _MAX_DAMAGED_SHARE) and len(_UTF8_ARABIC.findall(data[:65536])) >= 5:
        return text
    if len(_UTF8_ARABIC.findall(data[:65536])) * 2 > sum(b >= 0x80 for b in data[:65536]) * 0.5:
        raise InputError(f"mis-encoded: UTF-8 with {damaged} invalid bytes (first at byte {first.start})")
    return None


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return _not_blank(data.decode(encoding))
    except UnicodeDecodeError as exc:
        raise InputError(f"mis-encoded: declared {encoding} by its byte-order mark but {exc.reason} "
                         f"at byte {exc.start}") from exc


def _sniff_utf32(data: bytes) -> str | None:
    """UTF-32 without a BOM: in each four bytes the two high ones are NUL (every character of Arabic
    and Latin text lies below U+10000) and the two low ones are not both NUL."""
    sample = data[:4096]
    sample = sample[:len(sample) - len(sample) % 4]
    if len(sample) < 8:
        return None
    quads = [sample[i:i + 4] for i in range(0, len(sample), 4)]
    if all(q[2:] == b"\0\0" and q[:2] != b"\0\0" for q in quads):
        return "utf-32-le"
    if all(q[:2] == b"\0\0" and q[2:] != b"\0\0" for q in quads):
        return "utf-32-be"
    return None


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: every other byte is NUL for Latin text, or the high byte 0x06 for Arabic."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    def share(part: bytes) -> float:
        return sum(b in (0, 6) for b in part) / len(part)
    if share(odd) > 0.9 and share(even) < 0.5:
        return "utf-16-le"
    if share(even) > 0.9 and share(odd) < 0.5:
        return "utf-16-be"
    return None


def _legacy(data: bytes) -> str:
    try:
        text = data.decode(_LEGACY_ARABIC)
    except UnicodeDecodeError as exc:
        raise InputError("mis-encoded: not UTF-8 and not Windows-1256") from exc
    if not _reads_as_arabic(_MARKUP.sub(" ", text[:400_000])[:20000]):
        raise InputError("mis-encoded: not UTF-8, and as Windows-1256 it does not read as Arabic "
                         "(save the file as UTF-8)")
    return text


# Scripts, styles and tags: a page's head can hold tens of KB of Latin code before its Arabic text (a
# Windows-1256 page with 6 KB of inline script was refused as "not Arabic"; a bad-input audit).
_MARKUP = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>|<[^>]{0,2000}>")


def _reads_as_arabic(text: str) -> bool:
    """Windows-1256 decodes any bytes; real Arabic has alef and lam as ~20% of its letters and
    almost no accented Latin letters (which Cyrillic or Chinese bytes produce in this code page)."""
    letters = [c for c in text if c.isalpha()]
    arabic = [c for c in letters if "\u0600" <= c <= "\u06ff"]
    if not letters:
        return True
    accented = sum("\u00c0" <= c <= "\u00ff" for c in letters)
    common = sum(c in "الأإ" for c in arabic)
    return (len(arabic) / len(letters) >= 0.3 and accented <= 0.02 * len(letters)
            and common >= 0.12 * len(arabic))


def _control_ratio(text: str) -> float:
    sample = text[:65536]
    if not sample:
        return 0.0
    bad = sum(unicodedata.category(c) == "Cc" and c not in "\n\r\t\f\v" for c in sample)
    return bad / len(sample)
