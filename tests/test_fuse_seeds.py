"""Fusion of the five seed reports (../shared/seeds) as one story; skipped where ../shared is absent.

What is asserted was read in the seeds: 000, 001, 002 and 004 report the Russian embassy's call
to leave Syria (000 and 002 quote the same TASS statement; 002 retells 000's paragraphs), 000,
001 and 002 report the Chinese embassy's call, only 003 reports Hezbollah sending fighters to
al-Qusayr on the Lebanese border, only 004 reports Jordan closing the Jaber crossing.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import naba
from naba.fuse import fuse
from naba.model import Story


@pytest.fixture(scope="module")
def seeds(shared_dir):
    result = naba.run([str(shared_dir / "seeds")])
    articles = {a.id: a for a in result.articles}
    names = {a.id: Path(a.source_path).name[:3] for a in result.articles}
    story = fuse(Story(id="seeds", title="", articles=list(articles)), articles, result.reuse)
    return story, articles, names, result.reuse


def _facts_about(story, *words):
    return [f for f in story.facts if all(w in f["text"] for w in words)]


def test_russian_embassy_call_is_one_fact_from_three_outlets(seeds):
    story, _, names, _ = seeds
    best = max(_facts_about(story, "السفارة", "مغادرة"), key=lambda f: len(f["sources"]))
    assert "الروس" in best["text"]
    assert {names[a] for a in best["sources"]} >= {"000", "001", "004"}
    assert len(best["independent_sources"]) >= 3


def test_chinese_embassy_call_is_corroborated(seeds):
    story, *_ = seeds
    chinese = [f for f in story.facts if "الصين" in f["text"] and "مغادرة" in f["text"]]
    assert any(len(f["independent_sources"]) >= 2 for f in chinese)


def test_arabi21_retelling_counts_as_a_copy(seeds):
    story, _, names, _ = seeds
    statement = max(_facts_about(story, "تاس"), key=lambda f: len(f["sources"]))
    assert [names[a] for a in statement["copies"]] == ["002"]


@pytest.mark.parametrize("seed, words", [("003", ("القصير", "مقاتل")), ("004", ("معبر", "جابر"))])
def test_single_outlet_facts_are_unique(seeds, seed, words):
    story, _, names, _ = seeds
    unique = {names[u["article"]]: u["facts"] for u in story.unique}
    assert any(all(w in f for w in words) for f in unique[seed])
    others = [f for s, facts in unique.items() if s != seed for f in facts]
    assert not any(all(w in f for w in words) for f in others)


def test_brief_has_five_cited_sentences_from_three_articles(seeds):
    story, articles, _, _ = seeds
    assert len(story.summary) >= 5
    cited = {c["article"] for s in story.summary for c in s["citations"]}
    assert len(cited) >= 3
    for sentence in story.summary:
        first = sentence["citations"][0]
        assert articles[first["article"]].text[slice(*first["span"])] == sentence["text"]
    # the most corroborated fact, the embassy's call (three outlets), is in it: «وقالت السفارة» names
    # its embassy by one word, but says what the lead it leans on says, so it stands for it
    assert any("السفارة" in s["text"] and len(s["independent_sources"]) >= 3 for s in story.summary)


def test_no_contradiction_between_the_embassy_calls(seeds):
    story, *_ = seeds
    assert not [c for c in story.contradictions if "السفارة" in c["about"]]


def test_the_pair_model_is_asked_only_where_its_word_counts(seeds, monkeypatch):
    """Fusion that asks the pair model of every pair it compares gives the same facts, contradictions
    and brief; the shortcut spared it some pairs (`align._settled`)."""
    story, articles, _, reuse = seeds
    align = importlib.import_module("naba.fuse.align")
    asked = []
    relate_gists = align.relate_gists
    monkeypatch.setattr(align, "relate_gists", lambda *a: asked.append(1) or relate_gists(*a))
    fuse(Story(id="seeds", title="", articles=list(articles)), articles, reuse)
    shortcut, asked[:] = len(asked), []
    monkeypatch.setattr(align, "_settled", lambda *a: None)
    every = fuse(Story(id="seeds", title="", articles=list(articles)), articles, reuse)
    assert shortcut < len(asked)
    assert (every.facts, every.contradictions, every.unique, every.summary) == \
        (story.facts, story.contradictions, story.unique, story.summary)
