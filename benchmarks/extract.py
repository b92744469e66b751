"""Extraction benchmark: the whole extraction stage of `naba run`, one core, on SaudiNewsNet.

The stage is what `naba run` does between cleaning and fusion:
  per article — named entities, dates, quotes (`naba.pipeline.extract` with `extract_stages()`);
  per story  — names spelled in Latin, entities resolved, places decided in the story's context and put
               on the map, undated articles dated, quotes linked to entities, the timeline
               (`naba.pipeline.enrich_stories` without fusion).
Stories come from naba's fast mode (not timed). Articles/s counts both parts. Contenders, each in its
own process (peak memory is its own), on the same articles (those of the first N records that have text):
  crf        — naba's stage with the CRF tagger (the default of `naba run`)
  ensemble   — the same with the CRF + fine-tuned e5 tagger (`--ner ensemble`; needs the embed extra)
  dateparser — `dateparser.search.search_dates(text, languages=["ar"])`: what a user would otherwise call
               for the dates alone (no entities, quotes or places); `pip install '.[bench]'`

Usage: python benchmarks/extract.py [--limit 500] [--contenders crf,ensemble,dateparser]
Prints articles/s, what was found and peak resident memory for each.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time

from saudinewsnet import articles  # benchmarks/saudinewsnet.py


def _naba(limit: int, ner: str) -> dict:
    os.environ["NABA_NER_MODEL"] = ner
    from naba.pipeline import rare_collections

    with rare_collections():  # as `naba run` does
        return _naba_timed(list(articles(limit=limit)))


def _naba_timed(articles) -> dict:
    from naba.extract.gazetteer import gazetteer
    from naba.extract.latin import transliterate
    from naba.pipeline import enrich_stories, extract, extract_stages
    from naba.stories.stage import build_stories

    stages = extract_stages()
    extract(articles[0], stages)  # models, word lists, the gazetteer and the romanizer load here, not timed
    gazetteer()
    transliterate("محمد")
    started = time.perf_counter()
    articles = [extract(a, stages) for a in articles]
    per_article = time.perf_counter() - started
    stories = build_stories(articles, mode="fast")
    started = time.perf_counter()
    enrich_stories(stories, articles, [], fusion=False)
    per_story = time.perf_counter() - started
    return {"seconds": per_article + per_story, "per_article_s": per_article, "per_story_s": per_story,
            "stories": len(stories), "entities": sum(len(a.entities) for a in articles),
            "dates": sum(len(a.dates) for a in articles), "quotes": sum(len(a.quotes) for a in articles),
            "places": sum(len(s.places) for s in stories)}


def _dateparser(limit: int) -> dict:
    from dateparser.search import search_dates

    texts = [a.text for a in articles(limit=limit)]
    search_dates(texts[0][:200], languages=["ar"])  # its language data loads here
    started = time.perf_counter()
    found = sum(len(search_dates(text, languages=["ar"]) or []) for text in texts)
    return {"seconds": time.perf_counter() - started, "dates": found}


def child(contender: str, limit: int) -> None:
    result = _dateparser(limit) if contender == "dateparser" else _naba(limit, contender)
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--contenders", default="crf,ensemble,dateparser")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.limit)
        return
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    print(f"SaudiNewsNet, first {args.limit} records, one core")
    for contender in args.contenders.split(","):
        done = subprocess.run(["taskset", "-c", "0", sys.executable, __file__, "--child", contender,
                               "--limit", str(args.limit)], env=env, capture_output=True, text=True)
        if done.returncode:
            print(f"{contender}: failed\n{done.stderr[-2000:]}")
            continue
        r = json.loads(done.stdout.strip().splitlines()[-1])
        found = ", ".join(f"{r[k]:,} {k}" for k in ("entities", "dates", "quotes", "places", "stories") if k in r)
        split = (f" (per article {args.limit / r['per_article_s']:.0f}/s, per story {r['per_story_s']:.2f} s)"
                 if "per_article_s" in r else "")
        print(f"{contender:<11} {args.limit / r['seconds']:8.1f} articles/s{split}; {found}; "
              f"peak {r['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
