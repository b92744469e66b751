"""`naba.pipeline.run` collects garbage cycles rarely while it runs (`RUN_GC_THRESHOLDS`: the default
thresholds rescan the whole growing heap over and over) and gives the process its own thresholds back."""

from __future__ import annotations

import gc

import pytest

from naba import pipeline
from naba.errors import NabaError
from naba.model import Article

TEXT = "أعلنت وزارة الصحة في عمّان، أمس الخميس، افتتاح مستشفى جديد في مدينة إربد يضم مئتي سرير."


def _articles(seen: list[tuple[int, int, int]]):
    for i in range(2):
        seen.append(gc.get_threshold())  # read while run() pulls the items
        yield Article(body=TEXT, text=TEXT, source_kind="text", id=f"a{i}", title="مستشفى جديد في إربد")


def test_run_works_under_the_run_thresholds_and_restores_the_process_ones():
    before = (900, 11, 12)
    old = gc.get_threshold()
    gc.set_threshold(*before)
    try:
        seen: list[tuple[int, int, int]] = []
        result = pipeline.run(_articles(seen), find_copies=False)
        assert seen and all(t == pipeline.RUN_GC_THRESHOLDS for t in seen)
        assert len(result.articles) == 2
        assert gc.get_threshold() == before
    finally:
        gc.set_threshold(*old)


def test_thresholds_come_back_when_the_run_fails():
    old = gc.get_threshold()

    def failing():
        yield Article(body=TEXT, text=TEXT, source_kind="text", id="a0")
        raise NabaError("القرص ممتلئ")

    with pytest.raises(NabaError):
        pipeline.run(failing(), find_copies=False, find_stories=False, extraction=False)
    assert gc.get_threshold() == old
