"""The `naba` command: help, version, exit codes (0 ok / 1 error / 2 usage), one-line messages without a
traceback, --quiet, and the files a run writes (stories.json contract, reports)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import naba
from naba.cli import main

CONTRACT_KEYS = {"id", "source_id", "source_path", "url", "outlet", "title", "section", "published",
                 "published_from", "text", "boilerplate"}


def invoke(*args: str):
    return CliRunner().invoke(main, list(args))


def naba_cli(naba_command: str, *args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([naba_command, *map(str, args)], capture_output=True, text=True, timeout=120, cwd=cwd)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith(("Error:", "naba: error:"))]


@pytest.fixture
def bad_inputs(tmp_path) -> list[Path]:
    (tmp_path / "صورة.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (tmp_path / "فارغ.txt").write_bytes(b"")
    return [tmp_path / "صورة.png", tmp_path / "فارغ.txt", tmp_path / "لا-يوجد.txt"]


@pytest.fixture(scope="module")
def good_run(tmp_path_factory, naba_command, arabic_article_text):
    """One run over a good dump, a JSONL file and three bad inputs: (process, out folder, inputs)."""
    folder = tmp_path_factory.mktemp("run")
    (folder / "ميناء.txt").write_text(arabic_article_text, encoding="utf-8")
    (folder / "wire.jsonl").write_text(json.dumps({
        "id": "nb-٩", "source": "نبض الخليج", "date": "2025-12-15", "url": "https://nabd.example/9",
        "text": "الدوحة – «نبض الخليج»: افتُتح، مساء الاثنين، معرضٌ للكتاب يضم ٣٠٠ دار نشر؛ فهل يعود القرّاء؟\n"
                "وقال المنظمون إن الدخول مجاني طوال أيام المعرض.", "lang": "ar"}, ensure_ascii=False) + "\n"
        + "{ليس JSON\n", encoding="utf-8")
    (folder / "صورة.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (folder / "فارغ.txt").write_bytes(b"")
    done = naba_cli(naba_command, "run", folder / "ميناء.txt", folder / "wire.jsonl", folder / "صورة.png",
                    folder / "فارغ.txt", folder / "لا-يوجد.txt", "--db", folder / "n.db", "--out", folder / "out")
    return done, folder / "out"


@pytest.fixture(scope="module")
def stories(good_run) -> dict:
    return json.loads((good_run[1] / "stories.json").read_text(encoding="utf-8"))


# --- help, version, usage errors (in process) ---------------------------------------------------

def test_the_command_list_says_what_each_command_does_whole():
    """click cut «Read INPUT... (files, …)» at its first «...» into "Read INPUT..."."""
    listed = invoke("--help").output
    assert "Read news inputs; write their stories, reports and store." in listed
    assert "Read INPUT..." not in listed and "..." not in listed.split("Commands:")[1]


@pytest.mark.parametrize("args, expected", [
    (["--help"], "run"), (["-h"], "run"), (["run", "--help"], "INPUT..."), (["run", "-h"], "--quiet"),
])
def test_help_exits_0(args, expected):
    result = invoke(*args)
    assert (result.exit_code, "Usage:" in result.output, expected in result.output) == (0, True, True)


def test_version_prints_the_package_version():
    result = invoke("--version")
    assert (result.exit_code, result.output.strip()) == (0, f"naba, version {naba.__version__}")


@pytest.mark.parametrize("args, mentions", [
    (["run"], "INPUT"),
    (["run", "ملف.txt", "--bogus"], "--bogus"),
    (["frobnicate"], "frobnicate"),
    (["run", "ملف.txt", "--max-file-mb", "0"], "--max-file-mb"),
    (["run", "ملف.txt", "--timeout", "ثلاثون"], "--timeout"),
])
def test_usage_error_exits_2_with_one_error_line(args, mentions):
    result = invoke(*args)
    assert result.exit_code == 2
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and mentions in lines[0]
    assert "Traceback" not in result.output


def test_usage_error_from_the_console_script_has_no_traceback(naba_command):
    done = naba_cli(naba_command, "run", "--bogus")
    assert (done.returncode, done.stdout, "Traceback" in done.stderr) == (2, "", False)
    assert len(error_lines(done.stderr)) == 1


# --- runs (real processes: exit codes and stderr as a user sees them) ----------------------------

@pytest.mark.parametrize("quiet", [False, True], ids=["default", "quiet"])
def test_run_of_only_bad_inputs_exits_1_with_one_error_line(tmp_path, naba_command, bad_inputs, quiet):
    done = naba_cli(naba_command, "run", *bad_inputs, "--db", tmp_path / "n.db", "--out", tmp_path / "out",
                    *(["--quiet"] if quiet else []))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[-1].startswith("naba: error:") and len(error_lines(done.stderr)) == 1
    assert len(lines) == 1 or not quiet


def test_run_of_only_bad_inputs_still_writes_the_reasons(tmp_path, naba_command, bad_inputs):
    naba_cli(naba_command, "run", *bad_inputs, "--db", tmp_path / "n.db", "--out", tmp_path / "out")
    rejected = json.loads((tmp_path / "out" / "stories.json").read_text("utf-8"))["rejected"]
    assert [r["source_path"] for r in rejected] == [str(p) for p in bad_inputs]


@pytest.mark.parametrize("make", ["missing-folder", "not-a-database"])
def test_unopenable_db_exits_1_with_one_error_line(tmp_path, naba_command, arabic_article_text, make):
    (tmp_path / "a.txt").write_text(arabic_article_text, encoding="utf-8")
    db = tmp_path / "لا" / "n.db" if make == "missing-folder" else tmp_path / "a.txt"
    done = naba_cli(naba_command, "run", tmp_path / "a.txt", "--db", db, "--out", tmp_path / "out")
    assert (done.returncode, "Traceback" in done.stderr) == (1, False)
    assert done.stderr.strip().startswith("naba: error: cannot open the store")


def test_unwritable_out_exits_1_with_one_error_line(tmp_path, naba_command, arabic_article_text):
    (tmp_path / "a.txt").write_text(arabic_article_text, encoding="utf-8")
    done = naba_cli(naba_command, "run", tmp_path / "a.txt", "--db", tmp_path / "n.db",
                    "--out", tmp_path / "a.txt" / "out")
    assert (done.returncode, "Traceback" in done.stderr) == (1, False)
    assert done.stderr.strip().splitlines()[-1].startswith("naba: error:")


def test_partly_bad_run_exits_0(good_run):
    done, _ = good_run
    assert (done.returncode, "Traceback" in done.stderr, error_lines(done.stderr)) == (0, False, [])


@pytest.mark.parametrize("name, word", [
    ("صورة.png", "binary"), ("فارغ.txt", "empty"), ("لا-يوجد.txt", "no such"), ("wire.jsonl:2", "malformed")])
def test_partly_bad_run_lists_each_rejected_item_with_its_reason(stories, name, word):
    reasons = {Path(r["source_path"]).name: r["reason"] for r in stories["rejected"]}
    assert word in reasons[name]


def test_partly_bad_run_names_each_rejected_item_and_its_reason_on_stderr(good_run):
    """Without -v: a user who mistypes a path hears which one and why, not only a count."""
    done, _ = good_run
    skipped = [line for line in done.stderr.splitlines() if line.startswith("naba: skipped ")]
    assert len(skipped) == 4, done.stderr
    assert any("لا-يوجد.txt: no such file" in line for line in skipped)
    assert any("wire.jsonl:2: malformed JSON" in line for line in skipped)


def test_quiet_good_run_prints_nothing(tmp_path, naba_command, corpus_dir):
    done = naba_cli(naba_command, "run", corpus_dir, "--quiet", "--db", tmp_path / "n.db", "--out", tmp_path / "o")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_default_run_reports_counts_on_stderr_only(tmp_path, naba_command, corpus_dir):
    done = naba_cli(naba_command, "run", corpus_dir, "--db", tmp_path / "n.db", "--out", tmp_path / "o")
    assert (done.returncode, done.stdout) == (0, "")
    assert "3 articles (3 new in" in done.stderr


@pytest.mark.parametrize("name", ["stories.json", "report.html", "report.md"])
def test_run_writes_its_outputs(good_run, name):
    path = good_run[1] / name
    assert path.is_file() and path.stat().st_size > 0


def test_reports_carry_the_arabic_text(good_run):
    for name in ("report.html", "report.md"):
        assert "الطاقة الاستيعابية للميناء" in (good_run[1] / name).read_text(encoding="utf-8")


def test_stories_json_schema_and_top_level_keys(stories):
    assert stories["schema"] == "naba/1"
    assert {"rejected", "articles", "reuse", "stories"} <= stories.keys()
    assert all(isinstance(stories[key], list) for key in ("rejected", "articles", "reuse", "stories"))


def test_every_article_has_the_contract_keys(stories):
    assert len(stories["articles"]) == 2
    for article in stories["articles"]:
        assert CONTRACT_KEYS <= article.keys()
        assert isinstance(article["boilerplate"], list) and article["text"]


@pytest.mark.parametrize("field, expected", [
    ("source_id", [None, "nb-٩"]),
    ("outlet", ["صدى المدينة", "نبض الخليج"]),
    ("published", ["2025-12-14T10:20", "2025-12-15"]),
    ("published_from", ["text", "metadata"]),
    ("url", [None, "https://nabd.example/9"]),
])
def test_stories_json_article_values(stories, field, expected):
    assert [a[field] for a in stories["articles"]] == expected


def test_stories_json_is_readable_utf8_not_escaped(good_run):
    raw = (good_run[1] / "stories.json").read_text(encoding="utf-8")
    assert "صدى المدينة" in raw and "\\u0635" not in raw


@pytest.mark.shared
def test_run_on_the_shared_seeds(tmp_path, naba_command, shared_dir):
    done = naba_cli(naba_command, "run", shared_dir / "seeds", "-q", "--db", tmp_path / "n.db", "--out", tmp_path / "o")
    assert done.returncode == 0, done.stderr
    assert len(json.loads((tmp_path / "o" / "stories.json").read_text("utf-8"))["articles"]) == 5
