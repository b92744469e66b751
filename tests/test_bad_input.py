"""Bad input never stops a run: each bad item becomes a `Rejected` record whose reason names the problem
(empty / binary / mis-encoded / truncated / malformed / too large / no such), and the rest is read."""

from __future__ import annotations

import gzip
import json
import os
import random
import re
import resource
import subprocess
import sys
import tracemalloc
import zlib
from pathlib import Path

import pytest

from naba import pipeline
from naba.model import Article
from naba.settings import Settings
from naba.sources import read_inputs

GOOD = ("صفاقس – «الوادي اليوم»: غمرت أمطارٌ غزيرة، مساء الخميس، أحياءً في المدينة؛ وقال الدفاع المدني "
        "إن ١٢ عائلة أُجليت، فهل تستعد البلدية لموجـــة ثانية؟\n")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00" + bytes(range(256))
ZIP = b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(256)) * 2
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(16) + bytes(range(256))


def outcome(*inputs: str | Path, settings: Settings = Settings()) -> pipeline.RunResult:
    return pipeline.run(read_inputs([str(i) for i in inputs], settings), settings)


def reasons(result: pipeline.RunResult) -> dict[str, str]:
    return {Path(r.source_path).name: r.reason for r in result.rejected}


def gzip_jsonl(rows: list[dict]) -> bytes:
    return gzip.compress("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode())


def rows(count: int) -> list[dict]:
    return [{"id": f"r{i}", "text": f"{GOOD}وهذا الخبر رقم {i} في السلسلة."} for i in range(count)]


# --- whole files --------------------------------------------------------------------------------

BAD_FILES = [
    pytest.param("صورة.png", PNG, "binary", id="png"),
    pytest.param("report.docx", ZIP, "binary", id="zip"),
    pytest.param("tool", ELF, "binary", id="elf"),
    pytest.param("empty.txt", b"", "empty", id="empty-text"),
    pytest.param("empty.html", b"", "empty", id="empty-html"),
    pytest.param("blank.txt", b" \n\t\r\n  \n", "empty", id="ascii-blanks"),
    pytest.param("nbsp.txt", "\u00a0 \u2003\n".encode(), "empty", id="nbsp-blanks"),
    pytest.param("bom.txt", b"\xef\xbb\xbf", "empty", id="bom-only"),
    pytest.param("blank16.txt", " \n \n".encode("utf-16"), "empty", id="utf16-blanks"),
    pytest.param("latin.txt", b"Breaking \xff\xfe\xfd news from the wire " * 20, "mis-encoded", id="not-utf8-latin"),
    pytest.param("noise.txt", random.Random(7).randbytes(3000).translate(bytes(range(128, 256)) * 2),
                 "mis-encoded", id="high-byte-noise"),
    pytest.param("russian.txt", "Сегодня в Москве прошла встреча министров иностранных дел.\n".encode("cp1251") * 5,
                 "mis-encoded", id="cp1251"),
    pytest.param("chinese.txt", "北京今天举行了外交部长会议，双方讨论了地区局势。\n".encode("gbk") * 5,
                 "mis-encoded", id="gbk"),
]


@pytest.mark.parametrize("name, data, word", BAD_FILES)
def test_bad_file_is_rejected_with_its_reason(tmp_path, name, data, word):
    (tmp_path / name).write_bytes(data)
    result = outcome(tmp_path / name)
    assert result.articles == []
    assert word in reasons(result)[name]


@pytest.mark.parametrize("name, data, word", [p for p in BAD_FILES if not p.marks])
def test_bad_files_do_not_stop_the_run(tmp_path, name, data, word):
    (tmp_path / "0_before.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / name).write_bytes(data)
    (tmp_path / "z_after.txt").write_text(GOOD.replace("الخميس", "الجمعة"), encoding="utf-8")
    result = outcome(tmp_path)
    assert [Path(a.source_path).name for a in result.articles] == ["0_before.txt", "z_after.txt"]
    assert list(reasons(result)) == [name]
def test_utf8_file_with_one_corrupt_byte_is_not_read_as_windows_1256(tmp_path):
    """A crawler cut one byte: the Arabic must survive (replacement char) or the file be refused, never mojibake."""
    data = GOOD.encode("utf-8")
    (tmp_path / "cut.txt").write_bytes(data[:40] + b"\xff" + data[40:])
    result = outcome(tmp_path / "cut.txt")
    read = [a.text for a in result.articles]
    assert (read and "الدفاع المدني" in read[0]) or "mis-encoded" in reasons(result).get("cut.txt", "")


@pytest.mark.parametrize("path", ["لا-يوجد.txt", "missing-folder/", "missing-folder/*.jsonl"])
def test_missing_path_is_rejected(tmp_path, path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = outcome(tmp_path / path, tmp_path / "good.txt")
    assert [Path(a.source_path).name for a in result.articles] == ["good.txt"]
    assert [r.source_path for r in result.rejected] == [str(tmp_path / path)]
    assert "no such" in result.rejected[0].reason


# --- size limits --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["big.txt", "big.html"])
@pytest.mark.parametrize("size, rejected", [(999, False), (1000, False), (1001, True), (5000, True)])
def test_file_over_max_file_bytes_is_too_large(tmp_path, name, size, rejected):
    text = (GOOD * 50).encode("utf-8")[:size]
    text = text.decode("utf-8", "ignore").encode("utf-8").ljust(size, b" ")  # whole characters, exact size
    (tmp_path / name).write_bytes(text)
    result = outcome(tmp_path / name, settings=Settings(max_file_bytes=1000))
    assert ("too large" in reasons(result).get(name, "")) is rejected


def test_jsonl_is_streamed_and_not_bound_by_max_file_bytes(tmp_path):
    (tmp_path / "wire.jsonl.gz").write_bytes(gzip_jsonl(rows(40)))
    result = outcome(tmp_path / "wire.jsonl.gz", settings=Settings(max_file_bytes=1000))
    assert (len(result.articles), result.rejected) == (40, [])


@pytest.mark.parametrize("size, limit", [(1400 * 1024, 1024 * 1024), (2000, 1000)])
def test_too_large_reason_tells_size_from_limit(tmp_path, size, limit):
    (tmp_path / "big.txt").write_bytes(b"x" * size)
    reason = reasons(outcome(tmp_path / "big.txt", settings=Settings(max_file_bytes=limit)))["big.txt"]
    size_said, limit_said = re.findall(r"\d+(?:\.\d+)?", reason)[:2]
    assert size_said != limit_said


def test_sparse_200_mb_file_is_rejected_without_reading_it(tmp_path):
    path = tmp_path / "dump.txt"
    with open(path, "wb") as stream:
        stream.truncate(200 * 1024 * 1024)  # sparse: no disk used, and nothing to read unless naba reads it
    outcome(tmp_path / "missing.txt")  # warm the imports so they do not count below
    tracemalloc.start()
    try:
        result = outcome(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert "too large" in reasons(result)["dump.txt"]
    assert peak < 20 * 1024 * 1024


@pytest.mark.skipif(not Path("/dev/zero").exists() or sys.platform != "linux", reason="needs Linux /dev/zero")
def test_endless_device_is_rejected_not_read(tmp_path, naba_command):
    def limit_memory() -> None:  # so the unbounded read fails fast instead of eating the machine
        # 1.5 GiB of address space: extraction's models (the NER tagger, the gazetteer, onnxruntime's
        # thread pools for transliteration) need ~1 GiB of it; reading /dev/zero would need all.
        resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024, 1536 * 1024 * 1024))

    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    done = subprocess.run([naba_command, "run", "/dev/zero", str(tmp_path / "good.txt"), "--quiet",
                           "--db", str(tmp_path / "n.db"), "--out", str(tmp_path / "out")],
                          preexec_fn=limit_memory, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-500:]
    rejected = json.loads((tmp_path / "out" / "stories.json").read_text("utf-8"))["rejected"]
    assert rejected[0]["source_path"] == "/dev/zero"


# --- JSON Lines ---------------------------------------------------------------------------------

@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9])
def test_truncated_gzip_keeps_the_records_before_the_cut(tmp_path, cut):
    data = gzip_jsonl(rows(300))
    (tmp_path / "wire.jsonl.gz").write_bytes(data[:int(len(data) * cut)])
    result = outcome(tmp_path / "wire.jsonl.gz")
    kept = [a.source_id for a in result.articles]
    assert 0 < len(kept) < 300 and kept == [f"r{i}" for i in range(len(kept))]
    assert [r.source_path for r in result.rejected] == [str(tmp_path / "wire.jsonl.gz")]
    assert "truncated" in result.rejected[0].reason


def test_corrupt_gzip_is_rejected(tmp_path):
    data = bytearray(gzip_jsonl(rows(50)))
    data[len(data) // 2: len(data) // 2 + 64] = bytes(64)
    (tmp_path / "wire.jsonl.gz").write_bytes(bytes(data))
    result = outcome(tmp_path / "wire.jsonl.gz")
    assert "corrupt" in reasons(result)["wire.jsonl.gz"]


def test_gzip_magic_without_a_gzip_member_is_rejected(tmp_path):
    """A .jsonl.gz that is gzip only in its first two bytes."""
    (tmp_path / "wire.jsonl.gz").write_bytes(b"\x1f\x8b" + zlib.compress(b"not a gzip member"))
    result = outcome(tmp_path / "wire.jsonl.gz")
    assert result.articles == [] and "gzip" in reasons(result)["wire.jsonl.gz"]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good_line(number: int) -> str:
    return json.dumps({"id": f"ok-{number}", "text": f"{GOOD}الخبر {number}."}, ensure_ascii=False)


@pytest.mark.parametrize("bad, word", [
    ('{"id": "x", "text": "نص بلا نهاية', "malformed"),
    ("{'text': 'علامات مفردة'}", "malformed"),
    ("{نص}", "malformed"),
    ('{"text": "أ"} {"text": "ب"}', "malformed"),
    ("null", "expected a JSON object"),
    ('["قائمة", "لا كائن"]', "expected a JSON object"),
    ('"سلسلة نصية"', "expected a JSON object"),
    ("٤٢", "malformed"),
    ("42", "expected a JSON object"),
    ('{"id": "n-1", "title": "عنوان بلا نص"}', "no article text"),
    ('{"id": "n-2", "text": ""}', "no article text"),
    ('{"id": "n-3", "text": "   \\n  "}', "no article text"),
    ('{"id": "n-4", "text": ["فقرة"]}', "no article text"),
    ('{"id": "n-5", "content": 12}', "no article text"),
])
def test_bad_json_line_is_rejected_and_the_others_kept(tmp_path, bad, word):
    path = write_lines(tmp_path / "wire.jsonl", [good_line(1), bad, good_line(3)])
    result = outcome(path)
    assert [a.source_id for a in result.articles] == ["ok-1", "ok-3"]
    assert [r.source_path for r in result.rejected] == [f"{path}:2"]
    assert word in result.rejected[0].reason


@pytest.mark.parametrize("position", [0, 1, 2])
def test_over_long_jsonl_line_is_skipped_with_its_line_number(tmp_path, position):
    lines = [good_line(i) for i in range(3)]
    lines[position] = json.dumps({"id": "long", "text": "ـ" * 1000}, ensure_ascii=False)
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")  # the last line has no newline
    result = outcome(path, settings=Settings(max_line_bytes=600))
    assert [a.source_id for a in result.articles] == [f"ok-{i}" for i in range(3) if i != position]
    assert [r.source_path for r in result.rejected] == [f"{path}:{position + 1}"]
    assert "longer than 600 bytes" in result.rejected[0].reason


@pytest.mark.parametrize("data", [b"", b"\n\n  \n"], ids=["empty", "blank-lines"])
def test_empty_jsonl_file_is_rejected(tmp_path, data):
    (tmp_path / "wire.jsonl").write_bytes(data)
    assert "empty" in reasons(outcome(tmp_path / "wire.jsonl")).get("wire.jsonl", "")


# --- many files ---------------------------------------------------------------------------------

def test_folder_of_3000_small_files_is_read_whole(tmp_path):
    for number in range(3000):
        folder = tmp_path / f"{number % 3}"
        folder.mkdir(exist_ok=True)
        (folder / f"{number:04d}.txt").write_text(f"{GOOD}الخبر رقم {number}.", encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    assert all(isinstance(i, Article) for i in items)
    assert [Path(i.source_path).name for i in items] == sorted(
        (f"{n:04d}.txt" for n in range(3000)), key=lambda name: (int(name[:4]) % 3, name))


# From a bad-input audit (session 23): each of these crashed the whole run, or stored what no JSON file
# can hold, and took the good inputs beside it down too.
@pytest.mark.parametrize("name, data", [
    # a crawler's truncated emoji: a lone surrogate in a field other than the text
    ("surrogate.jsonl", ('{"id": "a", "title": "\\ud83d", "text": "' + GOOD.strip() + '", "tag": "\\udfff"}\n').encode()),
    # NaN and Infinity, which Python's json reads and no JSON file may hold
    ("nan.jsonl", ('{"id": "n", "text": "' + GOOD.strip() + '", "published": NaN, "score": Infinity}\n').encode()),
    # an integer of 400 digits, and a time that leaves Python's years once in UTC, as the publication time
    ("huge.jsonl", ('{"id": "b", "text": "' + GOOD.strip() + '", "published": 1' + "0" * 400 + '}\n').encode()),
    ("year1.jsonl", ('{"id": "y", "text": "' + GOOD.strip() + '", "published": "0001-01-01T00:00:00+03:00"}\n').encode()),
])
def test_odd_values_in_a_record_cost_nothing(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = outcome(tmp_path / name, tmp_path / "good.txt")
    assert len(result.articles) == 2 and not result.rejected
    odd = next(a for a in result.articles if a.source_kind == "jsonl")
    assert odd.published is None and "\ud83d" not in json.dumps(odd.to_dict(), ensure_ascii=False, allow_nan=False)


@pytest.mark.parametrize("name, data, word", [
    ("charref.rss", '<rss version="2.0"><channel><title>t</title><item><title>x &#xD83D;</title>'
                    '<description>نص الخبر</description></item></channel></rss>'.encode(), "could not be read"),
    ("deep.jsonl", ('{"id": "d", "text": "x", "e": ' + "[" * 100_000 + "]" * 100_000 + "}\n").encode(), "nested too deep"),
    ("deep.json", ('{"id": "d", "text": "x", "e": ' + "[" * 100_000 + "]" * 100_000 + "}").encode(), "nested too deep"),
])
def test_a_file_its_parser_fails_on_is_rejected_and_the_rest_read(tmp_path, name, data, word):
    (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = outcome(tmp_path / name, tmp_path / "good.txt")
    assert len(result.articles) == 1 and word in " ".join(reasons(result).values())


def test_a_file_name_that_is_not_utf8_is_read(tmp_path):
    """An Arabic name in Windows-1256 (as Windows zip files give): the path holds surrogates."""
    folder = tmp_path / "d"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), "خبر.txt".encode("cp1256")), "wb") as stream:
        stream.write(GOOD.encode())
    (tmp_path / "empty.txt").write_bytes(b"")
    result = outcome(folder, tmp_path / "empty.txt")
    assert len(result.articles) == 1 and "\ufffd" in result.articles[0].source_path
    json.dumps([a.to_dict() for a in result.articles], ensure_ascii=False).encode("utf-8")


def test_a_page_of_one_long_line_is_cleaned_in_linear_time():
    """A 1 MB page with no line break took 121 s: the glued-tail search read the rest of the line at
    every sentence break."""
    from naba.clean import _glued_tail
    from naba.rules import furniture_rules

    import naba.clean as clean

    line = (GOOD.strip() + " ") * 5_000
    calls: list[int] = []  # no timing in tests: count the characters read instead
    original = clean.line_key
    clean.line_key = lambda text: calls.append(len(text)) or original(text)
    try:
        assert _glued_tail(line, furniture_rules()) is None
    finally:
        clean.line_key = original
    assert sum(calls) < 100 * 1_200


def test_a_text_file_named_jsonl_is_given_up_after_its_first_lines(tmp_path):
    """A 200 MB text file named .jsonl gave 776,735 line rejections and a 188 MB report."""
    from naba.sources.jsonl import NOT_JSONL_LINES

    (tmp_path / "notes.jsonl").write_text((GOOD.strip() + "\n") * 5_000, encoding="utf-8")
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    result = outcome(tmp_path / "notes.jsonl", tmp_path / "good.txt")
    assert len(result.articles) == 1 and len(result.rejected) == NOT_JSONL_LINES + 1
    assert "not JSON Lines" in result.rejected[-1].reason
    # one good record among the first lines keeps the file read to its end
    first, last = (json.dumps({"id": i, "text": GOOD.strip() + extra}, ensure_ascii=False)
                   for i, extra in (("x", ""), ("y", " وقال رئيس البلدية إن الطرق ستفتح غدا.")))
    lines = [GOOD.strip()] * 50 + [first] + [GOOD.strip()] * 150 + [last]
    (tmp_path / "mixed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len(outcome(tmp_path / "mixed.jsonl").articles) == 2


def test_a_windows_1256_page_with_a_long_script_in_its_head_is_read(tmp_path):
    """The Arabic check of a legacy page read its first 20,000 characters with the markup: 6 KB of
    inline script made a real Windows-1256 page «not Arabic»."""
    script = "var trackingConfiguration = {enableFeatures: true};" * 120
    text = "قال الدفاع المدني إن عشرات العائلات أجليت من الأحياء المنخفضة في المدينة بعد الأمطار الغزيرة."
    page = (f"<html><head><meta charset=windows-1256><script>{script}</script></head>"
            f"<body><article><p>{text}</p><p>{text}</p></article></body></html>")
    (tmp_path / "page.html").write_bytes(page.encode("cp1256"))
    result = outcome(tmp_path / "page.html")
    assert len(result.articles) == 1 and not result.rejected and "الدفاع المدني" in result.articles[0].text


@pytest.mark.parametrize("encoding, bom", [
    ("utf-32", b""), ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff"),
    ("utf-32-le", b""), ("utf-32-be", b"")], ids=["bom", "le-bom", "be-bom", "le", "be"])
def test_a_utf32_text_file_is_read_with_or_without_its_byte_order_mark(tmp_path, encoding, bom):
    """UTF-32's mark «FF FE 00 00» starts with UTF-16's «FF FE»: a UTF-32 file was read as UTF-16, its
    text a NUL between every letter, and without a mark refused as binary (a bad-input audit)."""
    (tmp_path / "news.txt").write_bytes(bom + GOOD.encode(encoding))
    [article] = outcome(tmp_path / "news.txt").articles
    assert "\x00" not in article.text and "الدفاع المدني" in article.text


def test_a_text_far_longer_than_any_article_is_read_up_to_the_extraction_limit(tmp_path, caplog, monkeypatch):
    """A 9.7 MB page of one story's paragraphs took 10.8 GB and filled the report with 22,500 quotes:
    the article is kept whole, and extraction and fusion read its first `EXTRACT_CHARS` characters."""
    import logging

    from naba.text import EXTRACT_CHARS

    # a CLI command run in this process earlier (naba watch's tests) set naba's logger to stop propagating
    monkeypatch.setattr(logging.getLogger("naba"), "propagate", True)

    lines = [f"الفقرة {n}: {GOOD}" for n in range(1, 2_400)]
    (tmp_path / "long.txt").write_text("".join(lines), encoding="utf-8")
    with caplog.at_level("WARNING", logger="naba"):
        result = outcome(tmp_path / "long.txt")
    [article] = result.articles
    assert len(article.text) > EXTRACT_CHARS * 1.2 and article.text.rstrip().endswith(GOOD.strip())
    assert any("entities, dates, quotes and facts are read from the first" in r.getMessage() for r in caplog.records)
    read = article.text.rfind("\n", 0, EXTRACT_CHARS)
    assert article.quotes and article.entities and article.dates
    assert max(q["span"][1] for q in article.quotes) <= read
    assert max(e["span"][1] for e in article.entities) <= read < len(article.text)
    [story] = result.stories
    assert story.facts and max(c["span"][1] for f in story.facts for c in f["citations"]) <= read
