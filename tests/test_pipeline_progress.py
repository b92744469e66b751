"""A long `naba.pipeline.run` says what it is doing on naba's log (a line per stage, counts within one);
a short one stays quiet. Arabic written for these tests."""

from __future__ import annotations

import logging

from naba import pipeline
from naba.model import Article

TEXTS = ["أعلنت وزارة الصحة في عمّان، أمس الخميس، افتتاح مستشفى جديد في مدينة إربد يضم مئتي سرير.",
         "افتتحت بلدية جدة، مساء الأربعاء، حديقة عامة على الواجهة البحرية بمساحة عشرين ألف متر مربع."]


def _articles():
    return [Article(body=t, text=t, source_kind="text", id=f"a{i}", title=t[:30]) for i, t in enumerate(TEXTS)]


def test_a_long_run_names_its_stages_and_counts_within_them(monkeypatch, caplog):
    monkeypatch.setattr(pipeline, "PROGRESS_FROM", 2)
    monkeypatch.setattr(pipeline, "PROGRESS_EVERY", 0.0)
    monkeypatch.setattr(logging.getLogger("naba"), "propagate", True)  # the CLI's own handler may be set
    with caplog.at_level(logging.INFO, logger="naba"):
        pipeline.run(_articles(), find_copies=False)
    said = [r.getMessage() for r in caplog.records]
    stages = [m for m in said if m.endswith("…")]
    assert [m.split(" (")[0] for m in stages] == [
        "finding entities, dates and quotes", "grouping them into stories", "resolving and fusing 2 stories"]
    assert "  2 of 2 articles" in said and "  2 of 2 stories resolved" in said and "  2 of 2 stories fused" in said


def test_a_short_run_says_nothing_of_its_stages(monkeypatch, caplog):
    monkeypatch.setattr(logging.getLogger("naba"), "propagate", True)
    with caplog.at_level(logging.INFO, logger="naba"):
        pipeline.run(_articles(), find_copies=False)
    assert not [r for r in caplog.records if r.getMessage().endswith("…")]
