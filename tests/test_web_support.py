"""Shared by the web tests: a story with every list filled (Arabic written for these tests), a
hostile article, stores built from them and from `examples/`, and a real server on a free port.

No test lives here; the test_web_* modules import it.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from pathlib import Path

from naba.model import Article

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"

BRIDGE_A = ("الموصل – «صدى المدينة»: انهار جسرٌ قديم على نهر دجلة في مدينة الموصل فجر الثلاثاء ٩ أيلول ٢٠٢٥، "
            "وقال محافظ نينوى أحمد الجبوري إن «لا ضحايا حتى الآن»؛ وأُغلقت مدرسة قريبة احتياطاً.\n"
            "وأضاف المحافظ أن فرق الدفاع المدني وصلت من بغداد، وأن الأمطار الغزيرة أضعفت الأعمدة.")
BRIDGE_B = ("بغداد – «نبض الخليج»: أعلنت وزارة النقل العراقية أن جسر الموصل القديم انهار بسبب التآكل، "
            "لا بسبب الأمطار، وقال الوزير سالم الحسني: «الجسر كان مغلقاً منذ عامين».\n"
            "وأشار إلى أن جسراً بديلاً سيُفتتح في كانون الثاني ٢٠٢٦.")
HOSTILE_TITLE = '<script>window.__xss = "title"</script>عنوان <b>عريض</b>'
HOSTILE_TEXT = ('قال مصدر <img src=x onerror="window.__xss=\'body\'"> إن الخبر «<script>window.__xss=1</script>» '
                'غير صحيح، وأضاف: <a href="javascript:alert(1)">اضغط هنا</a>.')


def span(text: str, part: str) -> list[int]:
    start = text.index(part)
    return [start, start + len(part)]


def bridge_articles() -> list[Article]:
    a = Article(body=BRIDGE_A, text=BRIDGE_A, source_kind="text", source_path="bridge_a.txt", outlet="صدى المدينة",
                title="انهيار جسر قديم في الموصل", published="2025-09-09T06:30:00+03:00").assign_id()
    b = Article(body=BRIDGE_B, text=BRIDGE_B, source_kind="text", source_path="bridge_b.txt", outlet="نبض الخليج",
                title="وزارة النقل: التآكل وراء انهيار جسر الموصل", published="2025-09-10T11:00:00+03:00").assign_id()
    return [a, b]


def bridge_story(a: Article, b: Article) -> dict:
    """A story dict with every contract list filled, spans into the two articles."""
    cite_a = {"article": a.id, "span": span(a.text, "انهار جسرٌ قديم على نهر دجلة في مدينة الموصل")}
    cite_b = {"article": b.id, "span": span(b.text, "جسر الموصل القديم انهار بسبب التآكل")}
    return {
        "id": "s-" + a.id, "title": "انهيار جسر قديم في الموصل", "articles": [a.id, b.id], "confidence": 0.8,
        "events": [{"id": "e-" + a.id, "title": "انهيار الجسر", "articles": [a.id, b.id]}],
        "summary": [{"text": "انهار جسر قديم على دجلة في الموصل ولم يُبلَّغ عن ضحايا.", "citations": [cite_a, cite_b]}],
        "facts": [{"text": "انهيار جسر الموصل القديم", "sources": [a.id, b.id], "first_reported_by": a.id,
                   "citations": [cite_a]},
                  {"text": "جسر بديل يُفتتح في كانون الثاني ٢٠٢٦", "sources": [b.id], "first_reported_by": b.id,
                   "citations": [{"article": b.id, "span": span(b.text, "جسراً بديلاً سيُفتتح")}]}],
        "unique": [{"article": b.id, "facts": ["جسر بديل يُفتتح في كانون الثاني ٢٠٢٦"]}],
        "contradictions": [{"about": "سبب الانهيار", "claims": [
            {"text": "الأمطار الغزيرة أضعفت الأعمدة", "article": a.id, "span": span(a.text, "الأمطار الغزيرة أضعفت الأعمدة")},
            {"text": "التآكل لا الأمطار", "article": b.id, "span": span(b.text, "بسبب التآكل، لا بسبب الأمطار")}]}],
        "entities": [{"name": "أحمد الجبوري", "type": "PER", "variants": [], "latin": "Ahmad al-Jubouri",
                      "mentions": [{"article": a.id, "span": span(a.text, "أحمد الجبوري")}]}],
        "places": [{"name": "الموصل", "lat": 36.34, "lon": 43.13, "country": "IQ", "geonames_id": 99072,
                    "mentions": [{"article": a.id, "span": span(a.text, "الموصل فجر")[:1] + [span(a.text, "الموصل فجر")[0] + len("الموصل")]}]},
                   {"name": "بغداد", "lat": 33.34, "lon": 44.40, "country": "IQ", "geonames_id": 98182,
                    "mentions": [{"article": b.id, "span": span(b.text, "بغداد")}]}],
        "dates": [{"text": "فجر الثلاثاء ٩ أيلول ٢٠٢٥", "date": "2025-09-09", "precision": "day", "article": a.id,
                   "span": span(a.text, "الثلاثاء ٩ أيلول ٢٠٢٥")}],
        "quotes": [{"speaker": "أحمد الجبوري", "text": "لا ضحايا حتى الآن", "kind": "direct", "via": [],
                    "article": a.id, "span": span(a.text, "لا ضحايا حتى الآن")},
                   {"speaker": "سالم الحسني", "text": "الجسر كان مغلقاً منذ عامين", "kind": "direct", "via": [],
                    "article": b.id, "span": span(b.text, "الجسر كان مغلقاً منذ عامين")}],
        "timeline": [{"date": "2025-09-09", "text": "انهيار الجسر فجراً", "citations": [cite_a]},
                     {"date": "2026-01", "text": "افتتاح جسر بديل", "citations": [cite_b]}],
        "outlets": ["صدى المدينة", "نبض الخليج"], "start": a.published, "end": b.published, "merged_from": [],
    }


def hostile_article() -> Article:
    return Article(body=HOSTILE_TEXT, text=HOSTILE_TEXT, source_kind="text", source_path="hostile.txt",
                   outlet='<i>منبر</i>"', title=HOSTILE_TITLE, published="2025-09-11",
                   boilerplate=['<script>window.__xss="boilerplate"</script>']).assign_id()


def hostile_story(h: Article) -> dict:
    return {"id": "s-" + h.id, "title": HOSTILE_TITLE, "articles": [h.id], "confidence": 1.0, "events": [],
            "summary": [{"text": "<script>window.__xss='brief'</script>",
                         "citations": [{"article": h.id, "span": [0, 12]}]}],
            "facts": [], "unique": [], "contradictions": [], "entities": [], "dates": [], "timeline": [],
            "places": [{"name": "<script>window.__xss='map'</script>", "lat": 30.0, "lon": 31.2, "mentions": []}],
            "quotes": [{"speaker": "<b>متحدث</b>", "text": "<script>window.__xss='quote'</script>", "kind": "direct",
                        "via": [], "article": h.id, "span": [0, 3]}],
            "outlets": [h.outlet], "start": h.published, "end": h.published, "merged_from": []}


def build_store(db_path: Path, with_examples: bool = True) -> dict:
    """A store with the examples run through the pipeline, the bridge story and the hostile one.
    Returns the ids tests need."""
    from naba import pipeline
    from naba.sources import read_inputs
    from naba.store.sqlite import SQLiteStore

    with SQLiteStore(str(db_path)) as store:
        if with_examples:
            pipeline.run(read_inputs([str(EXAMPLES)]), store=store)
        a, b = bridge_articles()
        h = hostile_article()
        store.add_articles([a, b, h])
        store.save_stories([bridge_story(a, b), hostile_story(h)])
    return {"bridge": "s-" + a.id, "a": a.id, "b": b.id, "hostile_story": "s-" + h.id, "hostile": h.id}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running(app, host: str = "127.0.0.1"):
    """Serve `app` with uvicorn in a thread; yield its base URL; stop it after."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
