"""Stories: online clustering into stories and events, stable ids, order independence, similarity."""

import json

import numpy as np
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from naba.cli import main
from naba.model import Article
from naba.stories.cluster import StoryClusterer
from naba.stories.stage import article_vectors, build_stories, headline_scores

FLOOD = [
    ("فيضانات تارودانت: سبعة قتلى", "لقي سبعة أشخاص مصرعهم إثر فيضان وادي سوس في إقليم تارودانت بعد أمطار طوفانية، "
     "وأجلت السلطات مئة وعشرين أسرة من الأحياء المحاذية للوادي.", "2025-12-14T10:20:00+01:00"),
    ("ارتفاع حصيلة فيضانات تارودانت إلى تسعة قتلى", "ارتفعت حصيلة ضحايا فيضان وادي سوس في إقليم تارودانت إلى تسعة "
     "قتلى، فيما تواصل فرق الوقاية المدنية البحث عن المفقودين وإجلاء الأسر.", "2025-12-14T21:45:00+01:00"),
    ("وزير التجهيز يتفقد مناطق الفيضانات في تارودانت", "تفقد وزير التجهيز المناطق المتضررة من فيضان وادي سوس في "
     "إقليم تارودانت، حيث لقي تسعة أشخاص مصرعهم وأجلت السلطات مئات الأسر، ووعد بإصلاح الطرق التي جرفتها "
     "السيول.", "2025-12-15T17:30:00+01:00"),
]
RATES = [
    ("المركزي المصري يخفض الفائدة 100 نقطة أساس", "قرر البنك المركزي المصري خفض أسعار الفائدة بواقع مئة نقطة أساس، "
     "في أول خفض منذ سنوات، مستنداً إلى تراجع معدل التضخم السنوي.", "2025-03-13T19:20:00+02:00"),
    ("البنوك المصرية تدرس عوائد الشهادات بعد خفض الفائدة", "تدرس البنوك المصرية تعديل العوائد على شهادات الادخار بعد "
     "قرار البنك المركزي خفض أسعار الفائدة مئة نقطة أساس.", "2025-03-14T11:00:00+02:00"),
]


def make(items, prefix):
    articles = []
    for n, (title, text, published) in enumerate(items):
        article = Article(body=text, text=text, title=title, source_kind="text", published=published,
                          outlet=f"منفذ {n}")
        article.id = f"{prefix}{n}"
        articles.append(article)
    return articles


def grouping(stories):
    return sorted(sorted(s.articles) for s in stories)


def test_articles_of_one_story_cluster_together_and_apart_from_another():
    stories = build_stories(make(FLOOD, "f") + make(RATES, "r"))
    assert grouping(stories) == [["f0", "f1", "f2"], ["r0", "r1"]]


def test_story_has_title_span_outlets_and_events():
    [flood] = [s for s in build_stories(make(FLOOD, "f")) if "f0" in s.articles]
    assert flood.title in {t for t, _, _ in FLOOD}
    assert (flood.start, flood.end) == (FLOOD[0][2], FLOOD[2][2])
    assert flood.outlets == ["منفذ 0", "منفذ 1", "منفذ 2"]
    assert sorted(a for e in flood.events for a in e["articles"]) == ["f0", "f1", "f2"]
    assert 0 < flood.confidence <= 1


def test_story_ids_are_stable_and_named_after_the_first_article():
    first = build_stories(make(FLOOD, "f"))
    again = build_stories(list(reversed(make(FLOOD, "f"))))
    assert [s.id for s in first] == [s.id for s in again] == ["s-f0"]


@given(st.randoms(use_true_random=False))
@settings(max_examples=15, deadline=None)
def test_clustering_does_not_depend_on_input_order(rng):
    articles = make(FLOOD, "f") + make(RATES, "r")
    rng.shuffle(articles)
    assert grouping(build_stories(articles)) == [["f0", "f1", "f2"], ["r0", "r1"]]


def test_a_story_ends_when_its_window_passes():
    late = [(t, x, p.replace("2025-12", "2026-02")) for t, x, p in FLOOD[1:2]]
    stories = build_stories(make(FLOOD[:1], "f") + make(late, "late"))
    assert len(stories) == 2


def test_near_duplicates_always_share_a_story():
    articles = make(FLOOD[:1], "f") + make(RATES[:1], "r")
    stories = build_stories(articles, reuse=[{"a": "r0", "b": "f0", "near_duplicate": True}])
    assert grouping(stories) == [["f0", "r0"]]
    # and one event: a copy reports the same happening (the two texts here share no words at all)
    assert [sorted(e["articles"]) for e in stories[0].events] == [["f0", "r0"]]


def test_a_bridging_article_merges_two_stories_and_records_it():
    clusterer = StoryClusterer(story_threshold=0.5)
    x, y = np.eye(4, dtype=np.float32)[:2]
    clusterer.add("a", x)
    clusterer.add("b", y)
    both = (x + y) / np.linalg.norm(x + y)
    story, _ = clusterer.add("c", both)
    assert len(clusterer.stories_) == 1 and story == "s-a"
    assert clusterer.merged_ == {"s-b": "s-a"}
    assert clusterer.story_of("b") == "s-a"


def test_vectors_are_unit_length_and_arabic_variants_match():
    a, b = make([("الأخبار", "قال وزير الخارجية إن المفاوضات مستمرة في الدوحة.", None),
                 ("الاخبـــار", "قال وزيرُ الخارجيّة إنّ المفاوضات مستمرّة في الدوحة.", None)], "v")
    vectors = article_vectors([a, b])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert float(vectors[0] @ vectors[1]) > 0.99


def test_similarity_command_scores_each_line():
    lines = [{"title1": FLOOD[0][0], "text1": FLOOD[0][1], "title2": FLOOD[1][0], "text2": FLOOD[1][1], "k": 1},
             {"text1": FLOOD[0][1], "text2": RATES[0][1], "k": 2}]
    result = CliRunner().invoke(main, ["similarity", "--pairs", "-"],
                                input="\n".join(json.dumps(l, ensure_ascii=False) for l in lines))
    assert result.exit_code == 0
    scored = [json.loads(l) for l in result.output.splitlines()]
    assert [s["k"] for s in scored] == [1, 2]
    assert scored[0]["score"] >= 0.5 > scored[1]["score"] >= 0


def test_similarity_command_refuses_a_line_without_texts():
    result = CliRunner().invoke(main, ["similarity", "--pairs", "-"], input='{"text1": "نص"}\n')
    assert result.exit_code == 2 and "text1 and text2" in result.output


def test_similarity_command_names_a_missing_pairs_file_in_one_line(tmp_path):
    result = CliRunner().invoke(main, ["similarity", "--pairs", str(tmp_path / "لا_يوجد.jsonl")])
    assert result.exit_code == 2 and "cannot read --pairs" in result.output and "Traceback" not in result.output


def test_cached_sketch_equals_scikit_learn_hashing_of_the_content_words():
    """The token table must give the vectors scikit-learn's char_wb hashing gives on the content
    words, for short words (shorter than an n-gram), punctuation glued to words, Latin and digits."""
    from sklearn.feature_extraction.text import HashingVectorizer

    from naba.reuse.tokens import content_stems
    from naba.stories.vectors import DIM, FEATURES, LexicalSketch, _projection

    texts = [f"{title}\n{text}" for title, text, _ in FLOOD + RATES] + [
        "قال «المتحدث»: إن الـ 19 مصاباً (في إب) نُقلوا إلى مستشفى COVID-19، وإن الوضع مستقر…",
        "و في عدن، قال: لا.", ""]
    sketch = LexicalSketch()
    cached = np.vstack([sketch.transform([t]) for t in texts] + [sketch.transform(texts)])
    hasher = HashingVectorizer(analyzer="char_wb", ngram_range=(3, 5), n_features=FEATURES, alternate_sign=False,
                               norm=None)
    counts = hasher.transform([" ".join(content_stems(t)) for t in texts * 2]).tocsr()
    column, sign = _projection(DIM)
    expected = np.zeros((counts.shape[0], DIM))
    for row in range(counts.shape[0]):
        cells = slice(counts.indptr[row], counts.indptr[row + 1])
        np.add.at(expected[row], column[counts.indices[cells]], sign[counts.indices[cells]] * counts.data[cells])
    expected /= np.maximum(np.linalg.norm(expected, axis=1, keepdims=True), 1e-9)
    assert np.abs(cached - expected).max() < 1e-6
    norms = np.linalg.norm(cached, axis=1)
    assert np.allclose(norms[[i for i, t in enumerate(texts * 2) if t]], 1.0, atol=1e-5) and norms[len(texts) - 1] == 0


def test_similarity_command_scores_the_same_in_any_batch_size(monkeypatch):
    """Pairs are scored a batch at a time (a big file streams); the batch must not change a score."""
    lines = [{"title1": a[0], "text1": a[1], "title2": b[0], "text2": b[1]} for a in FLOOD + RATES for b in FLOOD + RATES]
    text = "\n".join(json.dumps(l, ensure_ascii=False) for l in lines)
    whole = CliRunner().invoke(main, ["similarity", "--pairs", "-", "--mode", "fast"], input=text).output
    monkeypatch.setattr("naba.cli.SIMILARITY_BATCH", 3)
    batched = CliRunner().invoke(main, ["similarity", "--pairs", "-", "--mode", "fast"], input=text).output
    assert len(whole.splitlines()) == 25 and whole == batched


def test_a_backfill_in_standard_mode_tags_names_itself():
    """--no-extract skips the extraction stage; standard mode weighs people and places, so the run
    tags them for the stories (without them every name-less article would be scored on words alone)."""
    from pathlib import Path

    from naba import pipeline
    from naba.sources import read_inputs

    examples = str(Path(__file__).resolve().parents[1] / "examples")
    backfill = pipeline.run(read_inputs([examples]), extraction=False, mode="standard")
    fast = pipeline.run(read_inputs([examples]), extraction=False, mode="fast")
    assert sum(bool(a.entities) for a in backfill.articles) >= len(backfill.articles) // 2
    assert not any(a.entities for a in fast.articles) and not any(a.dates for a in backfill.articles)


def test_an_untitled_story_is_named_after_its_text_not_its_dateline():
    text = ("عواصم.\"وكالات\":\n\nنفت السلطاتُ السورية الأنباءَ عن مغادرة الرئيس دمشق، مؤكدةً أنه يتابع عمله من "
            "العاصمة، فيما تقدمت فصائل المعارضة نحو حمص.")
    article = Article(body=text, text=text, source_kind="text", published="2024-12-06T10:00:00+03:00")
    article.id = "oman"
    [story] = build_stories([article])
    assert story.title.startswith("نفت السلطاتُ السورية الأنباءَ") and story.events[0]["title"] == story.title


def test_the_story_title_is_a_headline_the_others_agree_with():
    # The closest article to the centroid is a cabinet session's report that opens on the flood and
    # is titled after the session's other decision; the story is named after the flood.
    titles = ["مجلس الوزراء يوافق على اتفاقية لتدريب حرس الحدود مع ألمانيا", FLOOD[0][0], FLOOD[1][0], FLOOD[2][0],
              "الأمطار تجرف طرق إقليم تارودانت بعد فيضان وادي سوس"]
    closeness = [0.82, 0.78, 0.80, 0.74, 0.70]
    scores = headline_scores(titles, closeness)
    assert max(range(len(titles)), key=scores.__getitem__) in (1, 2)
    assert scores[0] < min(scores[1:3])
    # two headlines cannot outvote each other: the closer article names the story
    assert headline_scores(titles[:2], closeness[:2]) == closeness[:2]
