"""Stories resolved and fused side by side in other processes (`naba run --jobs`) come out as one process
makes them; a pool that breaks costs nothing. The bundled examples (written for naba)."""

from __future__ import annotations

import concurrent.futures
import logging
from pathlib import Path

import naba
from naba import pipeline
from naba.model import Article, Story
from naba.settings import Settings
from naba.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _run(tmp_path: Path, name: str, jobs: int):
    with open_store(str(tmp_path / f"{name}.db")) as store:
        result = naba.run([str(EXAMPLES)], Settings(jobs=jobs), store=store)
        return [a.to_dict() for a in result.articles], [s.to_dict() for s in result.stories]


def test_stories_made_in_two_processes_are_those_one_process_makes(tmp_path, monkeypatch):
    alone = _run(tmp_path, "one", jobs=1)
    # the examples' 21 articles and 7 stories would stay in one process
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    monkeypatch.setattr(pipeline, "EXTRACTED_APART_FROM", 1)
    made, read = [], []
    apart, extracted = pipeline._enrich_apart, pipeline._extracted
    in_pool = pipeline._in_pool
    monkeypatch.setattr(pipeline, "_in_pool", lambda pool, function, tasks, what: (
        made.append(len(tasks)) if function is apart else None) or in_pool(pool, function, tasks, what))
    monkeypatch.setattr(pipeline, "_extracted", lambda articles, pool: read.extend(
        [pool is not None] * len(articles)) or extracted(articles, pool))
    side_by_side = _run(tmp_path, "two", jobs=2)
    assert made == [7] and read == [True] * 21  # all went through the pools
    assert side_by_side == alone
    stories = side_by_side[1]
    assert any(s["facts"] for s in stories) and any(s["entities"] for s in stories)
    assert any(e.get("latin") for s in stories for e in s["entities"])  # spelled after the pool made them


class _BreaksAfter:
    """A pool whose processes die after `n` results (what a killed process, or a script that each new
    process runs again, does to a real one)."""

    def __init__(self, n: int) -> None:
        self.n = n

    def map(self, function, tasks, chunksize=1):
        for k, task in enumerate(tasks):
            if k == self.n:
                raise concurrent.futures.process.BrokenProcessPool("a process was terminated abruptly")
            yield function(task)


def test_a_broken_pool_leaves_the_rest_to_this_process(caplog, monkeypatch):
    # a command run earlier in this process (`setup_logging`) stops naba's records reaching caplog
    monkeypatch.setattr(logging.getLogger("naba"), "propagate", True)
    text = ("أعلنت وزارة الصحة في الرياض اليوم الأحد تسجيل ثلاث إصابات جديدة بفيروس كورونا. "
            "وقال المتحدث باسم الوزارة إن المصابين في حالة مستقرة.")
    tasks = []
    for k in range(3):
        article = Article(body=text, text=text, source_kind="text", id=f"a{k}", outlet=f"outlet{k}",
                          published="2015-08-02T10:00:00")
        tasks.append((Story(id=f"s{k}", title="", articles=[article.id]), [article], [], True))
    results = list(pipeline._in_pool(_BreaksAfter(1), pipeline._enrich_apart, tasks, "stories"))
    assert [story.id for story, _ in results] == ["s0", "s1", "s2"]
    assert all(story.facts for story, _ in results)
    assert "the other 2 stories are done in this one" in caplog.text


def test_an_undated_article_takes_its_storys_day_when_made_in_another_process(monkeypatch):
    dated = ("أعلنت وزارة الصحة في الرياض اليوم الأحد تسجيل ثلاث إصابات جديدة بفيروس كورونا في جدة. "
             "وقال المتحدث باسم الوزارة إن المصابين في حالة مستقرة.")
    undated = ("سجلت وزارة الصحة أمس ثلاث إصابات جديدة بفيروس كورونا في جدة، "
               "وأوضح المتحدث باسم الوزارة أن حالة المصابين مستقرة.")

    def made(jobs: int) -> tuple[list[dict], list[dict]]:
        articles = [Article(body=dated, text=dated, source_kind="text", id="a", outlet="الرياض",
                            published="2015-08-02T10:00:00"),
                    Article(body=undated, text=undated, source_kind="text", id="b", outlet="عكاظ")]
        for article in articles:
            pipeline.extract(article, pipeline.extract_stages())
        stories = [Story(id="s", title="", articles=["a", "b"])]
        pipeline.enrich_stories(stories, articles, [], jobs=jobs)
        return [a.to_dict() for a in articles], [s.to_dict() for s in stories]

    alone = made(1)
    assert alone[0][1]["published_from"] == "story" and alone[0][1]["dates"][0]["date"] == "2015-08-01"
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 1)
    assert made(2) == alone
