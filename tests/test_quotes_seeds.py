"""Quotes in the five real seed reports (../shared/seeds), checked by hand: ministers, the embassies
calling their nationals to leave, the group leaders, the agencies that carried them.

Each row names the quote by its seed, verb and kind, and says who must be its speaker: `speaker` is the
whole speaker as the text writes it, `name` a part of it (the person's name after a title). The seeds
run through the same reading and cleaning stages as `naba run`, so spans index the clean text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import naba
from naba.extract.quotes import find_quotes

HAND_CHECKED = [
    # seed, verb, kind, speaker (exact) or None, name (contained) or None, via or None (not checked)
    ("000", "دعت", "indirect", "السفارة الروسية", None, []),
    ("000", "قالت", "direct", "السفارة", None, ["وكالة تاس", "تلغرام"]),
    ("000", "دعت", "indirect", "السفارة الصينية", None, []),
    ("000", "مشددة", "indirect", "السفارة الصينية", None, []),
    ("000", "شدد", "indirect", None, "مظلوم عبدي", []),
    ("000", "قال", "direct", "عبدي", None, []),
    ("000", "أضاف", "direct", "عبدي", None, []),
    ("001", "قالت", "indirect", "السفارة", None, ["تيلجرام"]),
    ("001", "أضافت", "indirect", "السفارة", None, []),
    ("001", "قالت", "direct", "السفارة الصينية", None, []),
    ("001", "أكد", "indirect", None, "سيرغي لافروف", []),
    ("001", "اعتبر", "indirect", "لافروف", None, []),
    ("001", "قال", "indirect", None, "رجب طيب أردوغان", []),
    ("001", "جاء", "direct", "الرئيس التركي", None, ["وكالة الأناضول"]),
    ("001", "أضاف", "indirect", "الرئيس التركي", None, []),
    ("002", "كشف", "indirect", "مصدر مقرب من الكرملين", None, []),
    ("002", "قال", "indirect", "المصدر الروسي", None, ["وكالة بلومبيرغ"]),
    ("002", "قالت", "direct", "السفارة", None, ["وكالة تاس", "تلغرام"]),
    ("002", "دعت", "indirect", "سفارتها", None, []),
    ("003", "أكدت", "direct", "وزارة الدفاع السورية", None, []),
    ("003", "شدد", "direct", "وزير الخارجية الإيراني عباس عراقجي", None, []),
    ("003", "قال", "indirect", "وزير الخارجية الروسي سيرغي لافروف", None, []),
    ("003", "قال", "direct", "لافروف", None, []),
    ("003", "حسب", "indirect", "المرصد السوري", None, []),
    ("003", "أفاد", "indirect", None, "حزب الله", []),
    ("003", "قال", "indirect", "الجيش السوري", None, []),
    ("004", "قال", "direct", None, "مصدر عسكري", ["القدس العربي"]),
    ("004", "قال", "indirect", None, "فراس علاوي", ["القدس العربي"]),
    ("004", "أكد", "indirect", None, "أبو محمد الجولاني", ["شبكة سي إن إن"]),
    ("004", "قائلاً", "direct", None, "أبو محمد الجولاني", None),
    ("004", "مضيفاً", "direct", None, "أبو محمد الجولاني", None),
    ("004", "أعلن", "direct", "الجيش الإسرائيلي", None, []),
    ("004", "أضاف", "direct", "الجيش الإسرائيلي", None, []),
    ("004", "نقلت", "direct", "مصدر مقرب من الكرملين", None, ["وكالة بلومبيرغ"]),
    ("004", "قال", "direct", "السفارة الروسية", None, ["تلغرام"]),
    ("004", "أعلن", "direct", None, "مازن الفراية", []),
    ("004", "أشار", "direct", None, "رجب طيب اردوغان", []),
]


@pytest.fixture(scope="module")
def seed_quotes(shared_dir: Path) -> dict[str, naba.Article]:
    """Each seed read, cleaned and given its quotes, by its number (000 … 004)."""
    articles = {}
    for item in naba.read([str(shared_dir / "seeds")]):
        assert isinstance(item, naba.Article), item
        article = find_quotes(naba.process(item))
        articles[Path(article.source_path).name[:3]] = article
    return articles


def _matches(quote: dict, verb: str, kind: str, speaker: str | None, name: str | None) -> bool:
    said_by = quote["speaker"] or ""
    return (quote["verb"] == verb and quote["kind"] == kind
            and (speaker is None or said_by == speaker) and (name is None or name in said_by))


@pytest.mark.parametrize("seed,verb,kind,speaker,name,via", HAND_CHECKED)
def test_hand_checked_quote(seed_quotes, seed, verb, kind, speaker, name, via) -> None:
    quotes = seed_quotes[seed].quotes
    found = [q for q in quotes if _matches(q, verb, kind, speaker, name)]
    assert found, f"no {kind} quote by {speaker or name} after {verb} in seed {seed}; found " + str(
        [(q["verb"], q["kind"], q["speaker"]) for q in quotes])
    if via is not None:
        assert any(q["via"] == via for q in found), [q["via"] for q in found]


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_every_span_slices_the_clean_text(seed_quotes, seed) -> None:
    article = seed_quotes[seed]
    assert article.quotes
    for quote in article.quotes:
        assert article.text[slice(*quote["span"])] == quote["text"]
        if quote["speaker_span"]:
            assert article.text[slice(*quote["speaker_span"])] == quote["speaker"]


def test_embassy_statements_keep_their_embassy(seed_quotes) -> None:
    """The Russian and Chinese embassies' calls to leave, in every report that carries them."""
    embassies = {seed: {q["speaker"] for q in a.quotes if q["speaker"] and "سفار" in q["speaker"]}
                 for seed, a in seed_quotes.items()}
    assert {"السفارة الروسية", "السفارة الصينية"} <= embassies["000"]
    assert "السفارة الصينية" in embassies["001"]
    assert "السفارة الروسية" in embassies["004"]


def test_names_in_quote_marks_are_not_quotes(seed_quotes) -> None:
    """«قسد», «هيئة تحرير الشام», «ردع العدوان»: quoted names are never quotes on their own."""
    for article in seed_quotes.values():
        assert all(len(q["text"].split()) >= 2 for q in article.quotes if q["kind"] == "direct")


def test_the_embassies_are_named_in_full_in_the_story(shared_dir: Path) -> None:
    """«وقالت السفارة» is the Russian embassy and «دعت سفارتها» China's (`naba.extract.speakers`), as the
    reports said earlier in their text: the story has both embassies, so «السفارة» alone says neither."""
    from naba.extract.speakers import name_speakers
    from naba.pipeline import extract, extract_stages

    stages = extract_stages()
    articles = [extract(naba.process(a), stages) for a in naba.read([str(shared_dir / "seeds")])]
    full = {(q["speaker"], q["speaker_full"]) for a in articles for q in name_speakers(a.quotes, a)
            if q.get("speaker_full")}
    assert ("السفارة", "السفارة الروسية في دمشق") in full
    assert ("سفارتها", "سفارة الصين") in full
    assert not any(speaker == "السفارة" and "الصين" in named for speaker, named in full)
