"""The bundled example corpus (examples/, written for naba): every file read, metadata as its README says."""

from collections import Counter
from pathlib import Path

import pytest

import naba

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# (outlet, published) per file, from examples/README.md.
EXPECTED = {
    "flood/01_sada_almadina.txt": ("صدى المدينة", "2025-12-14T10:20"),
    "flood/02_alrasd_net_copy.txt": ("الرصد نت", "2025-12-14T11:00"),
    "flood/03_alanbaa_alyawm.html": ("الأنباء اليوم", "2025-12-14T21:45:00+03:00"),
    "flood/04_wakalat_alnahar_cp1256.txt": ("وكالة النهار للأنباء", "2025-12-15T17:30"),
    "ceasefire/01_wakalat_alnahar.txt": ("وكالة النهار للأنباء", "2025-11-12T14:05"),
    "ceasefire/02_bawabat_aldiffatayn.html": ("بوابة الضفتين", "2025-11-13T23:10:00+03:00"),
    "ceasefire/03_almarsad_almaghribi.txt": ("المرصد المغاربي", "2025-11-14T12:30"),
    "rates/01_almadar_aliqtisadi.txt": ("المدار الاقتصادي", "2025-03-13T19:20"),
    "rates/02_bayan_alhadath.html": ("بيان الحدث", "2025-03-13T23:05:00+03:00"),
    "rates/03_alanbaa_alyawm.txt": ("الأنباء اليوم", "2025-03-14T11:00"),
    "rates/04_bawabat_aldiffatayn.txt": ("بوابة الضفتين", "2025-03-15T13:40"),
    "football/01_almudarraj_alriyadi.txt": ("المدرج الرياضي", "2025-05-23T23:15"),
    "football/02_alanbaa_alyawm.txt": ("الأنباء اليوم", "2025-05-24T10:00"),
    "earthquake/01_nafidhat_almaghrib.txt": ("نافذة المغرب العربي", "2025-08-12T08:05"),
    "earthquake/02_akhbar_alhidab.txt": ("أخبار الهضاب", "2025-08-13T16:30"),
}


@pytest.fixture(scope="module")
def corpus():
    return naba.run([str(EXAMPLES)])


@pytest.fixture(scope="module")
def by_file(corpus):
    return {str(Path(a.source_path).relative_to(EXAMPLES)): a for a in corpus.articles}


def test_every_example_is_read(corpus):
    assert not corpus.rejected
    assert len(corpus.articles) == 21


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_outlet_and_publication_time(by_file, name):
    article = by_file[name]
    assert (article.outlet, article.published) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if n.endswith(".txt")))
def test_text_dump_loses_nothing(by_file, name):
    article = by_file[name]
    raw = (EXAMPLES / name).read_bytes()
    text = raw.decode("cp1256" if "cp1256" in name else "utf-8")
    original = Counter(line.strip() for line in text.splitlines() if line.strip())
    kept = Counter(line.strip() for line in article.text.splitlines() if line.strip())
    assert kept + Counter(article.boilerplate) == original


def test_photo_agency_is_not_the_outlet(by_file):
    article = by_file["football/02_alanbaa_alyawm.txt"]
    assert any(line.endswith("رويترز") for line in article.boilerplate)


def test_republished_copy_names_what_it_copies(by_file):
    assert by_file["flood/02_alrasd_net_copy.txt"].extra["credited"] == "صدى المدينة"


def test_teasers_of_other_stories_are_removed(by_file):
    for article in by_file.values():
        assert "اقرأ أيضاً" not in article.text and "الأكثر قراءة" not in article.text


def test_the_republished_copy_is_found_with_its_direction(by_file):
    from naba.pipeline import copies

    original, copy = by_file["flood/01_sada_almadina.txt"], by_file["flood/02_alrasd_net_copy.txt"]
    entries = copies(list(by_file.values()))
    assert len(entries) == 1
    [entry] = entries
    assert {entry["a"], entry["b"]} == {original.id, copy.id}
    assert entry["original"] == original.id and entry["near_duplicate"]
    assert len(entry["passages"]) == 5 and all(p["kind"] == "verbatim" for p in entry["passages"])
    assert entry["summary"] == "«الرصد نت» أعاد نشر المقال كاملاً تقريباً من «صدى المدينة» بعد 40 دقيقة"


@pytest.mark.parametrize("thread", ["ceasefire", "earthquake", "flood", "football", pytest.param(
    "rates", marks=pytest.mark.xfail(strict=True, reason="known weakness: the banks' reaction to the rate cut "
                                     "scores 0.51 lexically and joins no story (README, Known weaknesses)"))])
def test_each_developing_thread_is_one_story(corpus, thread):
    """Each folder is one developing thread told over several events (a rate cut, the banks' reaction,
    the market's outlook): `naba run`'s default mode keeps each in one story, apart from the others."""
    members = {a.id for a in corpus.articles if Path(a.source_path).parent.name == thread}
    assert len(members) >= 2
    holding = [s for s in corpus.stories if members & set(s.articles)]
    assert len(holding) == 1 and set(holding[0].articles) <= members | {
        a.id for a in corpus.articles if Path(a.source_path).parent == EXAMPLES}
