"""The HTML pages: stories list, story, article, ingest and its job, login."""

from __future__ import annotations

import hmac
import re
from pathlib import Path
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse

from naba.normalize import fold
from naba.web import views
from naba.web.api import start_ingest, store_of
from naba.web.app import COOKIE

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 20
PHASES = {"reading": "(قراءة المدخلات وتنظيفها)", "corpus": "(النسخ والقصص والوقائع)"}
STATUSES = {"queued": "في الانتظار", "running": "قيد التنفيذ", "done": "اكتملت", "failed": "تعذّرت"}  # as naba.js
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
MAX_PAGE = 100_000


def render(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, template, context, status_code=status_code)


@router.get("/", response_class=HTMLResponse)
def stories_list(request: Request, q: str = "", outlet: str = "", date_from: str = "", date_to: str = "",
                 page: str = "1") -> HTMLResponse:
    store = store_of(request)
    # folded as all text is: Arabic-Indic and Persian digits typed in a date field are the digits they are
    date_from, date_to = fold(date_from), fold(date_to)
    filters = {"q": q.strip() or None, "outlet": outlet or None,
               "date_from": date_from if _DATE.match(date_from) else None,
               "date_to": date_to if _DATE.match(date_to) else None}
    # a date the page cannot read is said, not silently dropped (the API answers 422)
    notes = [f"لم يُفهم التاريخ «{given}» فلم يُصفَّ به؛ اكتبه هكذا: 2015-07-31" for given in (date_from, date_to)
             if given.strip() and not _DATE.match(given)]
    if filters["date_from"] and filters["date_to"] and filters["date_from"] > filters["date_to"]:
        notes.append("تاريخ «من» بعد تاريخ «إلى»، فلا قصة بينهما")
    # «?page=abc» is the first page, not a JSON error; «?page=²» or a 20-digit page no server error
    page = min(max(1, int(page)), MAX_PAGE) if re.fullmatch(r"[0-9]{1,9}", page.strip()) else 1
    stories, total = store.stories_page(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, **filters)
    if not stories and page > 1 and total:  # past the last page («صفحة 70 من 69»): the last page
        page = -(-total // PAGE_SIZE)
        stories, total = store.stories_page(limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, **filters)
    matches = store.search(filters["q"], limit=10, outlet=filters["outlet"], date_from=filters["date_from"],
                           date_to=filters["date_to"]) if filters["q"] else []
    for match in matches:  # the text around the words found, the words marked
        match["parts"] = views.snippet_parts(match["snippet"])
    shown = {k: v for k, v in filters.items() if v}
    pages = max(1, -(-total // PAGE_SIZE))
    return render(request, "stories.html", stories=stories, total=total, page=page, pages=pages, matches=matches,
                  notes=notes,
                  store_empty=not total and not shown, store_name=Path(request.app.state.stores.db_path).name,
                  filters={"q": q, "outlet": outlet, "date_from": date_from, "date_to": date_to},
                  outlets=store.outlets(), link=lambda p: "/?" + urlencode({**shown, "page": p}))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, story_id: str) -> HTMLResponse:
    store = store_of(request)
    data = store.story(story_id)
    if data is None:
        return render(request, "missing.html", status_code=404, what="القصة", key=story_id)
    ids = data.get("articles") or []
    headers = store.article_headers(ids)
    full = {a.id: a for a in store.articles(views.articles_to_read(data, headers))}
    reuse = store.reuse_among(ids, limit=views.COPIES_SHOWN)
    total = store.reuse_count(ids) if len(reuse) == views.COPIES_SHOWN else len(reuse)
    page = views.story_page(data, [full.get(a.id, a) for a in headers], reuse, total)
    return render(request, "story.html", **page)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str, span: str = "") -> HTMLResponse:
    store = store_of(request)
    found = list(store.articles([article_id]))
    if not found:
        return render(request, "missing.html", status_code=404, what="المقال", key=article_id)
    summaries = store.stories_of_article(article_id)
    stories = [s for s in (store.story(x["id"]) for x in summaries) if s]
    target = tuple(int(v) for v in span.split("-")) if re.fullmatch(r"\d+-\d+", span) else None
    page = views.article_page(found[0], stories, store.reuse_of(article_id), target)
    return render(request, "article.html", **page)


@router.get("/ingest", response_class=HTMLResponse)
def ingest_form(request: Request) -> HTMLResponse:
    return render(request, "ingest.html", error=None)


@router.post("/ingest")
async def ingest(request: Request, files: list[UploadFile] | None = File(None), urls: str = Form("")):
    try:
        job = await start_ingest(request, files or [], urls)
    except HTTPException as exc:  # said in Arabic, the pasted lines kept in the form
        return render(request, "ingest.html", status_code=exc.status_code, error=_ingest_error(exc), urls=urls)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


def _ingest_error(exc: HTTPException) -> str:
    """The ingest page's message for what `start_ingest` refuses (the API keeps its English detail)."""
    detail = str(exc.detail)
    if exc.status_code == 413:
        return "الملفات المرفوعة أكبر مما تقبله هذه الصفحة؛ استعمل الأمر naba run للمجموعات الكبيرة."
    if detail.startswith("nothing to ingest"):
        return "لا شيء لإدخاله: اختر ملفات أو الصق روابط."
    if detail.startswith("expected http(s) URLs"):
        return "كل سطر رابط http(s) واحد، وما لُصق ليس روابط."
    return detail


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job(request: Request, job_id: str) -> HTMLResponse:
    found = request.app.state.jobs.get(job_id)
    if found is None:
        return render(request, "missing.html", status_code=404, what="مهمة الإدخال", key=job_id)
    return render(request, "job.html", job=found, phases=PHASES, statuses=STATUSES)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return render(request, "login.html", next=_local(next), error=None)


@router.post("/login")
def login(request: Request, token: str = Form(...), next: str = Form("/")):
    expected = request.app.state.token or ""
    if not hmac.compare_digest(token.encode(), expected.encode()):
        return render(request, "login.html", status_code=401, next=_local(next), error="الرمز غير صحيح")
    response = RedirectResponse(_local(next), status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
    return response


def _local(target: str) -> str:
    """Only a path on this server (a login must not redirect elsewhere)."""
    return target if target.startswith("/") and not target.startswith("//") else "/"
