"""A re-run takes from the store what this naba made before (`naba.resume`): after an interrupt, or over
a folder that has grown, only what is new or changed is worked out again, and the result is the one a
clean run gives. The bundled examples (written for naba) and Arabic written for these tests."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import naba
import naba.extract.story
import naba.fuse.stage
from naba import pipeline, resume
from naba.model import Article, Story
from naba.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


class Counter:
    """Counts the articles extracted and the stories enriched and fused; can stop the run at one of them."""

    def __init__(self, monkeypatch) -> None:
        self.calls = {"extract": 0, "enrich_story": 0, "fuse": 0}
        self.stop_at: tuple[str, int] | None = None
        for module, name in ((pipeline, "extract"), (naba.extract.story, "enrich_story"), (naba.fuse.stage, "fuse")):
            monkeypatch.setattr(module, name, self._counting(name, getattr(module, name)))

    def _counting(self, name, function):
        def counted(*args, **kwargs):
            self.calls[name] += 1
            if self.stop_at == (name, self.calls[name]):
                raise KeyboardInterrupt  # what Ctrl-C raises in the middle of a step
            return function(*args, **kwargs)
        return counted

    def reset(self) -> None:
        self.calls = dict.fromkeys(self.calls, 0)


@pytest.fixture
def counter(monkeypatch) -> Counter:
    return Counter(monkeypatch)


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory):
    """The examples run once into a new store: what every resumed run must give."""
    with open_store(str(tmp_path_factory.mktemp("clean") / "clean.db")) as store:
        return _outputs(naba.run([str(EXAMPLES)], store=store))


def _outputs(result) -> tuple[list[dict], list[dict]]:
    return [a.to_dict() for a in result.articles], [s.to_dict() for s in result.stories]


def test_a_re_run_takes_every_article_and_story_and_gives_the_same(tmp_path, counter, clean_run):
    with open_store(str(tmp_path / "s.db")) as store:
        first = naba.run([str(EXAMPLES)], store=store)
        assert counter.calls == {"extract": 21, "enrich_story": 7, "fuse": 7}
        counter.reset()
        again = naba.run([str(EXAMPLES)], store=store)
    assert counter.calls == {"extract": 0, "enrich_story": 0, "fuse": 0}
    assert _outputs(first) == _outputs(again) == clean_run


@pytest.mark.parametrize(("stop_at", "left", "spelled_together"), [
    (("extract", 12), {"extract": 11, "enrich_story": 7, "fuse": 7}, 1000),  # two batches of 5 stored
    (("fuse", 5), {"extract": 0, "enrich_story": 3, "fuse": 3}, 1000),  # fused two by two: 4 stories kept
    (("fuse", 6), {"extract": 0, "enrich_story": 2, "fuse": 2}, 3),  # chunks of 3, each saved at its end: 5 kept
])
def test_an_interrupted_run_does_again_only_what_it_had_not_finished(tmp_path, monkeypatch, counter, clean_run,
                                                                     stop_at, left, spelled_together):
    monkeypatch.setattr(pipeline, "STORED_EVERY", 5)
    monkeypatch.setattr(pipeline, "SAVED_EVERY", 2)
    monkeypatch.setattr(pipeline, "SPELLED_TOGETHER", spelled_together)
    with open_store(str(tmp_path / "s.db")) as store:
        counter.stop_at = stop_at
        with pytest.raises(KeyboardInterrupt):
            naba.run([str(EXAMPLES)], store=store)
        counter.stop_at = None
        counter.reset()
        resumed = naba.run([str(EXAMPLES)], store=store)
    assert counter.calls == left
    assert _outputs(resumed) == clean_run


def test_another_naba_takes_nothing_and_its_reading_replaces_the_stored_one(tmp_path, monkeypatch, counter):
    with open_store(str(tmp_path / "s.db")) as store:
        result = naba.run([str(EXAMPLES)], store=store)
        ids = [a.id for a in result.articles]
        monkeypatch.setattr(resume, "code_stamp", lambda: "a-newer-naba")
        counter.reset()
        naba.run([str(EXAMPLES)], store=store)
        assert counter.calls == {"extract": 21, "enrich_story": 7, "fuse": 7}
        assert _marked_by_this_naba(store, ids) == 21


def test_articles_stored_before_stamps_are_extracted_again(tmp_path, counter):
    with open_store(str(tmp_path / "s.db")) as store:
        result = naba.run([str(EXAMPLES)], store=store)
        store._db.execute("UPDATE articles SET extracted_by = NULL")  # as a store of an older naba holds them
        counter.reset()
        naba.run([str(EXAMPLES)], store=store)
        assert counter.calls["extract"] == 21
        assert _marked_by_this_naba(store, [a.id for a in result.articles]) == 21


def _marked_by_this_naba(store, ids: list[str]) -> int:
    return sum(row["extracted_by"].startswith(resume.stamp() + "/") for row in store.extractions(ids).values())


def test_a_grown_folder_extracts_only_its_new_articles(tmp_path, counter, clean_run):
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES / "flood", folder / "flood")
    with open_store(str(tmp_path / "s.db")) as store:
        naba.run([str(folder)], store=store)
        shutil.copytree(EXAMPLES, folder, dirs_exist_ok=True)
        counter.reset()
        grown = naba.run([str(folder)], store=store)
    assert counter.calls["extract"] == 21 - 4
    articles, stories = _outputs(grown)
    assert stories == clean_run[1]
    assert [{**a, "source_path": None} for a in articles] == [{**a, "source_path": None} for a in clean_run[0]]


TEXT = "أعلنت وزارة الصحة في عمّان، أمس الخميس، افتتاح مستشفى جديد في مدينة إربد يضم مئتي سرير."


def _article(text: str = TEXT, published: str | None = "2025-03-14") -> Article:
    return Article(body=text, text=text, source_kind="text", id="a1", title="مستشفى جديد في إربد",
                   published=published)


@pytest.mark.parametrize(("now", "stamp", "taken"), [
    (_article(), "this-naba", True),
    (_article(), "another-naba", False),
    (_article(TEXT.replace("مئتي", "ثلاثمئة")), "this-naba", False),  # its text changed (a newer cleaning rule)
    (_article(published="2025-03-15"), "this-naba", False),  # «أمس» is another day
])
def test_an_article_takes_its_stored_extraction_only_as_it_was_read(now, stamp, taken):
    stored = {"a1": {"extracted_by": resume.mark(_article(), "this-naba"), "dates": [], "quotes": [],
                     "entities": [{"text": "إربد", "type": "GPE", "span": [68, 72]}]}}
    assert resume.take_extractions([now], stored, stamp) == ({"a1"} if taken else set())
    assert bool(now.entities) is taken


def test_an_article_dated_anew_then_back_is_read_as_dated(tmp_path, write_wire):
    """Records keep their ids when their date changes: «يوم الأحد» must follow the date (a reviewer's
    store kept the first run's date on the row and served a later run's extraction for it)."""
    wire = write_wire(tmp_path / "wire.jsonl", 3)
    records = [json.loads(line) for line in wire.read_text("utf-8").splitlines()]

    def dates_when_dated(day: str, store, extraction: bool = True) -> list[str]:
        wire.write_text("".join(json.dumps({**r, "date": f"{day} 10:20"}, ensure_ascii=False) + "\n"
                                for r in records), "utf-8")
        result = pipeline.run(naba.read([str(wire)]), store=store, extraction=extraction)
        return [d["date"] for a in result.articles for d in a.dates]

    with open_store(str(tmp_path / "s.db")) as store:
        dates_when_dated("2025-09-10", store, extraction=False)  # stored with that date, not extracted
        assert dates_when_dated("2025-12-14", store) != (september := dates_when_dated("2025-09-10", store))
    with open_store(str(tmp_path / "clean.db")) as clean:
        assert september == dates_when_dated("2025-09-10", clean)


def _story_key(members: list[Article], copies: list[dict]) -> str:
    story = Story(id="s-a1", title="مستشفى جديد في إربد", articles=[a.id for a in members])
    return resume.story_key(story, members, copies)


def test_a_story_key_changes_with_what_the_story_is_made_from():
    copy = {"a": "a1", "b": "a2", "kind": "near_duplicate"}
    key = _story_key([_article()], [])
    assert key == _story_key([_article()], [])
    assert key != _story_key([_article(TEXT + " وقال الوزير إن المستشفى سيعمل الشهر المقبل.")], [])
    assert key != _story_key([_article()], [copy])
    entities = _article()
    entities.entities = [{"text": "عمّان", "type": "GPE", "span": [19, 24]}]
    assert key != _story_key([entities], [])


def test_a_text_read_in_part_is_said_so_when_its_extraction_is_taken(tmp_path, monkeypatch, caplog):
    import logging

    monkeypatch.setattr(logging.getLogger("naba"), "propagate", True)  # the CLI's tests may have stopped it
    paragraph = "قال المتحدث باسم الدفاع المدني في جدة إن الفرق أخلت ١٢ عائلة من حي الرويس بعد الأمطار.\n"
    (tmp_path / "long.txt").write_text("".join(f"الفقرة {n}: {paragraph}" for n in range(2_400)), "utf-8")
    with open_store(str(tmp_path / "s.db")) as store:
        naba.run([str(tmp_path / "long.txt")], store=store)
        caplog.clear()
        with caplog.at_level("WARNING", logger="naba"):
            naba.run([str(tmp_path / "long.txt")], store=store)
    assert any("are read from the first" in r.getMessage() for r in caplog.records)
