"""Web benchmark: server time of the stories list, a story page, an article page and searches over
a big store, against the naive approaches a user would otherwise take, in the same run.

Build the store once (minutes):
    nice naba run ../shared/data/saudinewsnet/saudinewsnet.jsonl.gz --db /tmp/snn.db --out /tmp/snnout
Then:
    python benchmarks/web.py --db /tmp/snn.db [--stories-json /tmp/snnout/stories.json] [--repeat 30]

Each page is requested `--repeat` times from a real uvicorn server on loopback (one client, so the
time is the server's plus a loopback round trip); prints p50/p95 in ms and the process's peak memory.
Contenders: full-text search (FTS5 over folded text) vs `LIKE` over the same folded column
(Datasette's default without FTS), and the store vs re-reading stories.json for each list request.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import threading
import time
from pathlib import Path

GOAL_MS = 300  # issue 7: list and story page under 300 ms server time at 30k articles
WORDS = ("السعودية", "أمطار غزيرة", "مدرسة", "وزارة الصحة")  # common to rarer; hamza and ta marbuta included


def timed(call, repeat: int) -> tuple[float, float]:
    """p50 and p95 of `call()` in ms, after one warm-up call."""
    call()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def serve(db: str):
    import socket

    import uvicorn

    from naba.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def pages(store) -> dict[str, str]:
    """The URLs measured: list pages, the biggest story, a typical one, an article, searches."""
    biggest = store._db.execute("SELECT id, n_articles FROM stories ORDER BY n_articles DESC LIMIT 1").fetchone()
    count = store.story_count()
    typical = store._db.execute("SELECT id, n_articles FROM stories ORDER BY n_articles LIMIT 1 OFFSET ?",
                                (int(count * 0.9),)).fetchone()
    story = store.story(biggest[0])
    outlet = store.outlets()[0][0]
    return {
        "list, page 1": "/",
        "list, page 100": "/?page=100",
        f"list, outlet {outlet}": f"/?outlet={outlet}",
        "list, dates in 2015": "/?date_from=2015-01-01&date_to=2015-12-31",
        **{f"list, search «{w}»": f"/?q={w}" for w in WORDS},
        f"story, biggest ({biggest[1]} articles)": f"/stories/{biggest[0]}",
        f"story, 90th percentile size ({typical[1]} articles)": f"/stories/{typical[0]}",
        "article": f"/articles/{story['articles'][0]}",
        "api stories": "/api/stories",
        f"api story ({biggest[1]} articles)": f"/api/stories/{biggest[0]}",
    }


def naive_story_filter(store, q: str) -> int:
    """The list's search without FTS: stories holding an article whose folded text is `LIKE` every word."""
    from naba.normalize import fold

    words = fold(q).split()
    where = " AND ".join("a.folded LIKE ?" for _ in words)
    sql = (f"SELECT count(*) FROM stories WHERE id IN (SELECT sa.story_id FROM story_articles sa "
           f"JOIN articles a ON a.id = sa.article_id WHERE {where})")
    return store._db.execute(sql, [f"%{w}%" for w in words]).fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default="/tmp/snn.db")
    parser.add_argument("--stories-json", default=None, help="stories.json of the same run (naive contender)")
    parser.add_argument("--repeat", type=int, default=30)
    options = parser.parse_args()
    if not Path(options.db).exists():
        sys.exit(f"no store at {options.db}; build it first (see this script's docstring)")

    import httpx

    from naba.store.sqlite import SQLiteStore

    store = SQLiteStore(options.db)
    print(f"store: {store.count():,} articles, {store.story_count():,} stories ({options.db})")
    server, url = serve(options.db)
    client = httpx.Client(base_url=url, timeout=60)
    print(f"\n{'page':55} {'p50 ms':>8} {'p95 ms':>8} {'KB':>6}")
    for name, path in pages(store).items():
        size = len(client.get(path).content) // 1024
        p50, p95 = timed(lambda: client.get(path).raise_for_status(), options.repeat)
        flag = "" if p95 < GOAL_MS else f"  over {GOAL_MS} ms"
        print(f"{name:55} {p50:8.1f} {p95:8.1f} {size:6}{flag}")

    print(f"\n{'search, in-process':55} {'FTS5 p50':>9} {'LIKE p50':>9} {'hits':>6}")
    for word in WORDS:
        fts, _ = timed(lambda: store.story_count(q=word), max(3, options.repeat // 3))
        like, _ = timed(lambda: naive_story_filter(store, word), 3)
        print(f"{'stories holding «' + word + '»':55} {fts:9.1f} {like:9.1f} {store.story_count(q=word):6}")
    for word in WORDS:
        fts, _ = timed(lambda: store.search(word), max(3, options.repeat // 3))
        like, _ = timed(lambda: store.search_like(word), 3)
        print(f"{'first 20 articles holding «' + word + '»':55} {fts:9.1f} {like:9.1f}")

    served_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak memory serving (server and client in this process): {served_mb:.0f} MB")
    if options.stories_json and Path(options.stories_json).exists():
        def from_json() -> list:
            with open(options.stories_json, encoding="utf-8") as stream:
                stories = json.load(stream)["stories"]
            return sorted(stories, key=lambda s: ((s.get("end") or "")[:10], len(s["articles"])), reverse=True)[:20]

        p50, _ = timed(from_json, 2)
        print(f"naive list (re-read stories.json, sort, first 20): p50 {p50:.0f} ms, peak memory "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; the store's list: see above")
    server.should_exit = True


if __name__ == "__main__":
    main()
