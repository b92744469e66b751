"""Stories and events against a hand-labelled day of SaudiNewsNet: B-cubed precision, recall and F1 at
both levels, as `naba run` makes them, beside a baseline a user would otherwise assemble.

The labels (`benchmarks/gold/stories_day_*.json`, this project's own: record ids, story and event
ids and a short English description of each, no article text) were made by reading, not by any
similarity code: a sample of one day's articles (30 random ones, each with its up to 5 nearest
same-day neighbours by character TF-IDF, and 40 more at random, so that both close calls and
unrelated articles are in it), each put in one event (one happening or announcement) inside one
story (the thread of events about one situation), as the stories issue defines them.

naba reads the labelled records from `../shared` as `naba run` does (JSONL, the per-article stages,
copies, stories; `--no-extract`, whose entities for the standard mode are the same tagger's). The
baseline: scikit-learn character TF-IDF (3-5-grams) of title + text and agglomerative clustering
(average linkage) at the cosine distance that scores best on that file — the baseline is tuned on
the labels it is scored on, naba is not.

`--context N` scores the same labels in the stream a user would run: every record of the labelled day
and of the N days before it goes through naba (4,817 records for 2015-08-02 with N=2, 4,097 for
2015-08-09), and only the labelled articles are scored. The many unlabelled articles can pull a
labelled one into a wrong story or hold it apart from its own, so these figures are lower than the
sample's and closer to what `naba run` gives on a feed. The baseline is fitted on the same records
at the distances the sample alone scored best at (a scan of every distance on ~4,000 articles
would take hours).

Usage: python benchmarks/stories_day.py [--labels FILE ...] [--modes fast,standard,embed] [--context N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAUDINEWSNET = HERE.parents[1] / "shared" / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"
LABELS = sorted((HERE / "gold").glob("stories_day_*.json"))


def load_labels(path: Path) -> dict:
    """The labels file: {"articles": {record id: "S01.E1"}, "stories": …, "events": …}."""
    return json.loads(path.read_text(encoding="utf-8"))


def records(ids: set[str], corpus: Path = SAUDINEWSNET) -> list[dict]:
    """The corpus records with these ids, in file order."""
    with gzip.open(corpus, "rt", encoding="utf-8") as stream:
        return [row for row in map(json.loads, stream) if row["id"] in ids]


def records_of_days(day: str, before: int, corpus: Path = SAUDINEWSNET) -> list[dict]:
    """Every corpus record dated `day` or up to `before` days before it (SaudiNewsNet ids carry the
    date: snn-2015-08-02-00123), in file order."""
    from datetime import date, timedelta

    last = date.fromisoformat(day)
    days = {(last - timedelta(days=n)).isoformat() for n in range(before + 1)}
    with gzip.open(corpus, "rt", encoding="utf-8") as stream:
        return [row for row in map(json.loads, stream) if row["id"][4:14] in days]


def bcubed(found: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 of partition `found` against `gold` (item -> cluster)."""
    pairs = Counter((found[i], gold[i]) for i in gold)
    found_size, gold_size = Counter(found[i] for i in gold), Counter(gold.values())
    precision = sum(n * n / found_size[f] for (f, _), n in pairs.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (_, g), n in pairs.items()) / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def gold_levels(labels: dict) -> tuple[dict[str, str], dict[str, str]]:
    """(record id -> story, record id -> event) from the labels."""
    events = labels["articles"]
    return {i: e.split(".")[0] for i, e in events.items()}, dict(events)


def naba_levels(rows: list[dict], mode: str) -> tuple[dict[str, str], dict[str, str]]:
    """(record id -> story id, record id -> event id) as `naba run --no-extract --mode MODE` makes them."""
    import naba
    from naba.pipeline import run

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "day.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        result = run(naba.read([str(path)]), mode=mode, extraction=False)
    record = {a.id: a.source_id for a in result.articles}
    story, event = {}, {}
    for s in result.stories:
        for e in s.events:
            for article_id in e["articles"]:
                story[record[article_id]], event[record[article_id]] = s.id, e["id"]
    return story, event


DISTANCES = [d / 100 for d in range(4, 100, 2)]


def baseline_levels(rows: list[dict], gold_story: dict, gold_event: dict,
                    distances: list[float] | None = None) -> dict[float, dict[str, tuple]]:
    """The TF-IDF + agglomerative baseline at each cosine distance: {distance: {level: (P, R, F1)}}."""
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [(r.get("title") or "") + "\n" + r["content"] for r in rows]
    matrix = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True).fit_transform(texts)
    cosine = (matrix @ matrix.T).toarray()  # rows are unit length
    ids = [r["id"] for r in rows]
    out: dict[float, dict[str, tuple]] = {}
    for distance in distances or DISTANCES:
        labels = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average",
                                         distance_threshold=distance).fit_predict(1.0 - cosine)
        found = {i: str(c) for i, c in zip(ids, labels)}
        out[distance] = {"story": bcubed(found, gold_story), "event": bcubed(found, gold_event)}
    return out


def _best(scores: dict[float, dict[str, tuple]], level: str) -> float:
    return max(scores, key=lambda d: scores[d][level][2])


def _row(who: str, story: tuple, event: tuple, note: str = "") -> str:
    return (f"  {who:<36}{story[0]:>8.3f}{story[1]:>6.3f}{story[2]:>7.3f}{event[0]:>9.3f}{event[1]:>6.3f}"
            f"{event[2]:>7.3f}{note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", nargs="*", type=Path, default=LABELS)
    parser.add_argument("--modes", default="fast,standard,embed")
    parser.add_argument("--context", type=int, default=None, metavar="N",
                        help="also score the labels inside every record of their day and the N days before")
    opts = parser.parse_args()
    if not SAUDINEWSNET.is_file():
        sys.exit(f"Expected SaudiNewsNet at {SAUDINEWSNET}")
    baselines: dict[str, dict] = {}
    for path in opts.labels:
        labels = load_labels(path)
        gold_story, gold_event = gold_levels(labels)
        rows = records(set(gold_story))
        missing = set(gold_story) - {r["id"] for r in rows}
        if missing:
            sys.exit(f"{path.name}: {len(missing)} labelled ids are not in {SAUDINEWSNET}")
        sizes = Counter(gold_story.values())
        print(f"{path.name}: {len(rows)} articles, {len(sizes)} stories ({sum(n > 1 for n in sizes.values())} with 2+ "
              f"articles), {len(set(gold_event.values()))} events")
        print(f"  {'who':<36}{'story P':>8}{'R':>6}{'F1':>7}{'event P':>9}{'R':>6}{'F1':>7}")
        for mode in opts.modes.split(","):
            story, event = naba_levels(rows, mode)
            print(_row(f"naba {mode}", bcubed(story, gold_story), bcubed(event, gold_event)), flush=True)
        scores = baselines[path.name] = baseline_levels(rows, gold_story, gold_event)
        story_at, event_at = _best(scores, "story"), _best(scores, "event")
        print(_row("tf-idf + agglomerative, best here", scores[story_at]["story"], scores[event_at]["event"],
                   f"   (distance {story_at:.2f} / {event_at:.2f}: tuned on these labels)"))
        single = {i: i for i in gold_story}
        print(_row("every article alone", bcubed(single, gold_story), bcubed(single, gold_event)))
        if opts.context is not None:
            context = records_of_days(labels["day"], opts.context)
            print(f"  in context: all {len(context)} records of {labels['day']} and the {opts.context} days before")
            for mode in opts.modes.split(","):
                story, event = naba_levels(context, mode)
                print(_row(f"naba {mode}, in context", bcubed(story, gold_story), bcubed(event, gold_event)), flush=True)
            fitted = baseline_levels(context, gold_story, gold_event, sorted({story_at, event_at}))
            print(_row("tf-idf + agglomerative, in context", fitted[story_at]["story"], fitted[event_at]["event"],
                       f"   (the sample's best distances {story_at:.2f} / {event_at:.2f})"))
    if len(baselines) == 2:  # each day scored at the distances the other day prefers, as a user would tune it
        (one, a), (two, b) = baselines.items()
        for name, scores, other in ((one, a, b), (two, b, a)):
            story_at, event_at = _best(other, "story"), _best(other, "event")
            print(f"{name}: tf-idf + agglomerative at the other day's best distances ({story_at:.2f} / {event_at:.2f}):")
            print(_row("", scores[story_at]["story"], scores[event_at]["event"]))

if __name__ == "__main__":
    main()
