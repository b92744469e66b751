"""Ingest from the browser: uploaded files and pasted URLs/feeds run through `naba.sources` and
`naba.pipeline.run` in one background worker (SQLite has one writer), with progress to poll."""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import uuid
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

log = logging.getLogger("naba")


@dataclass
class Job:
    """One ingest: its inputs, how far it got, and what it found (rejected items with reasons)."""

    id: str
    inputs: list[str]
    status: str = "queued"  # queued | running | done | failed
    phase: str = ""  # while running: reading (inputs, per-article stages) | corpus (copies, stories, fusion)
    read: int = 0  # items read so far (articles and rejected)
    articles: int = 0
    stored: int = 0
    stories: list[dict] = field(default_factory=list)  # id and title of each story the run formed
    rejected: list[dict] = field(default_factory=list)
    error: str | None = None
    created: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))
    finished: str | None = None

    def to_dict(self) -> dict:
        return {key: getattr(self, key) for key in ("id", "status", "phase", "inputs", "read", "articles", "stored",
                                                    "stories", "rejected", "error", "created", "finished")}


class IngestJobs:
    """Queue ingests one at a time against the store at `db_path`; keep every job's record."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="naba-ingest")

    def submit(self, files: list[tuple[str, bytes]], urls: list[str], refused: list[str] | None = None) -> Job:
        """Save the uploaded files to a private folder and queue them with the URLs; `refused` lines (no
        http(s) URL) are listed among the job's rejected items."""
        folder = Path(tempfile.mkdtemp(prefix="naba-upload-"))
        paths = [str(_save(folder, number, name, data)) for number, (name, data) in enumerate(files)]
        job = Job(id=uuid.uuid4().hex[:12], inputs=[*(name for name, _ in files), *urls, *(refused or [])])
        with self._lock:
            self._jobs[job.id] = job
        self._worker.submit(self._run, job, [*paths, *urls], folder, refused or [])
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _run(self, job: Job, inputs: list[str], folder: Path, refused: list[str]) -> None:
        from naba import pipeline
        from naba.report._common import reason_ar
        from naba.settings import Settings
        from naba.sources import read_inputs
        from naba.store.sqlite import SQLiteStore

        job.status = "running"
        try:
            with SQLiteStore(self.db_path) as store:
                result = pipeline.run(self._counted(job, read_inputs(inputs, Settings())), Settings(), store)
            job.articles, job.stored = len(result.articles), result.stored
            job.stories = [{"id": s.id, "title": s.title} for s in result.stories]
            job.rejected = [{"source_path": line, "reason": "not an http(s) URL (one URL or feed a line)"}
                            for line in refused]
            job.rejected += [{"source_path": _shown(r.source_path, folder, job), "reason": r.reason}
                             for r in result.rejected]
            for item in job.rejected:
                item["reason_ar"] = reason_ar(item["reason"])  # said in Arabic too, on the page and in the API
            job.status, job.phase = "done", ""
        except Exception as exc:  # noqa: BLE001 — the job reports it; the server goes on
            log.exception("ingest job %s failed", job.id)
            job.status, job.error = "failed", f"{type(exc).__name__}: {exc}"
        finally:
            job.finished = datetime.now(timezone.utc).isoformat(timespec="seconds")
            shutil.rmtree(folder, ignore_errors=True)

    @staticmethod
    def _counted(job: Job, items: Iterable) -> Iterator:
        job.phase = "reading"
        for item in items:
            job.read += 1
            yield item
        job.phase = "corpus"  # every input read: the corpus stages run now

    def close(self) -> None:
        self._worker.shutdown(wait=False, cancel_futures=True)


def _save(folder: Path, number: int, name: str, data: bytes) -> Path:
    """Keep the file's own name (the reader uses it as the source key) but never its folders."""
    safe = Path(name.replace("\\", "/")).name.strip(". ") or "upload"
    target = folder / f"{number:03d}" / safe
    target.parent.mkdir()
    target.write_bytes(data)
    return target


def _shown(path: str, folder: Path, job: Job) -> str:
    """A rejected upload named as the user named it, not by its temporary path."""
    prefix = str(folder)
    if not path.startswith(prefix):
        return path
    rest = Path(path[len(prefix):].lstrip("/\\"))
    parts = rest.parts
    return str(Path(*parts[1:])) if len(parts) > 1 else str(rest)
