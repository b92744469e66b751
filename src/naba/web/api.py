"""The JSON API: the same data as the pages, in the shapes of the stories.json contract.

Stable URLs: `/api/stories`, `/api/stories/{id}`, `/api/articles/{id}`, `/api/search?q=`,
`/api/ingest` and `/api/jobs/{id}`; the OpenAPI description is at `/api/openapi.json`.
"""

from __future__ import annotations

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, UploadFile

router = APIRouter(prefix="/api", tags=["api"])

DATE = r"^\d{4}-\d{2}-\d{2}$"
MAX_UPLOAD_BYTES = 200 * 1024 * 1024  # one browser ingest; bigger corpora go through `naba run`


def store_of(request: Request):
    return request.app.state.stores.get()


@router.get("/stories", summary="Stories, newest and biggest first")
def list_stories(request: Request, q: str | None = Query(None, description="words every matching article holds"),
                 outlet: str | None = None, date_from: str | None = Query(None, pattern=DATE),
                 date_to: str | None = Query(None, pattern=DATE), limit: int = Query(20, ge=1, le=200),
                 offset: int = Query(0, ge=0)) -> dict:
    """Story summaries (id, title, first/last published, n_articles, outlets) and the total."""
    store = store_of(request)
    filters = {"q": q, "outlet": outlet, "date_from": date_from, "date_to": date_to}
    stories, total = store.stories_page(limit=limit, offset=offset, **filters)
    return {"total": total, "limit": limit, "offset": offset, "stories": stories}


@router.get("/stories/{story_id}", summary="One story, as stories.json writes it, with its copies")
def get_story(request: Request, story_id: str, reuse_limit: int = Query(100, ge=0, le=100_000)) -> dict:
    """The story dict (naba/1 contract) plus `reuse` (copies among its articles, most similar
    first, at most `reuse_limit`), `reuse_total`, and `article_meta` (each article without its text)."""
    store = store_of(request)
    story = store.story(story_id)
    if story is None:
        raise HTTPException(404, f"no story {story_id!r} in this store")
    ids = story.get("articles") or []
    meta = [_header(a) for a in store.article_headers(ids)]
    reuse = store.reuse_among(ids, limit=reuse_limit)
    total = store.reuse_count(ids) if len(reuse) == reuse_limit else len(reuse)
    return {**story, "reuse": reuse, "reuse_total": total, "article_meta": meta}


def _header(article) -> dict:
    keys = ("id", "source_id", "source_path", "url", "outlet", "title", "section", "published", "published_from",
            "author")
    return {key: getattr(article, key) for key in keys}


@router.get("/articles/{article_id}", summary="One article with its clean text, boilerplate and stories")
def get_article(request: Request, article_id: str) -> dict:
    store = store_of(request)
    found = list(store.articles([article_id]))
    if not found:
        raise HTTPException(404, f"no article {article_id!r} in this store")
    return {**found[0].to_dict(), "stories": store.stories_of_article(article_id)}


@router.get("/search", summary="Articles matching words (folded: أ/ا/إ, ة/ه … variants match)")
def search(request: Request, q: str = Query(..., min_length=1), limit: int = Query(20, ge=1, le=200),
           offset: int = Query(0, ge=0)) -> dict:
    return {"q": q, "articles": store_of(request).search(q, limit=limit, offset=offset)}


@router.post("/ingest", summary="Ingest uploaded files and URLs/feeds in the background", status_code=202)
async def ingest(request: Request, files: list[UploadFile] | None = File(None),
                 urls: str = Form("", description="URLs of pages or feeds, one a line")) -> dict:
    """Multipart form: `files` (any number) and `urls` (one URL or feed per line). Returns the job;
    poll `/api/jobs/{id}`."""
    job = await start_ingest(request, files or [], urls)
    return job.to_dict()


@router.get("/jobs/{job_id}", summary="An ingest job's progress and the items it rejected")
def get_job(request: Request, job_id: str) -> dict:
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r} (jobs last as long as the server)")
    return job.to_dict()


async def start_ingest(request: Request, files: list[UploadFile], urls: str):
    """Read the uploads (within the size limit) and queue the job; shared with the ingest page."""
    received, total = [], 0
    for upload in files:
        if not upload.filename:
            continue
        data = await upload.read()
        total += len(data)
        if total > MAX_UPLOAD_BYTES:
            raise HTTPException(413, f"uploads over {MAX_UPLOAD_BYTES // 2**20} MB; use `naba run` for big corpora")
        received.append((upload.filename, data))
    lines = [line.strip() for line in urls.splitlines() if line.strip()]
    good = [line for line in lines if line.startswith(("http://", "https://"))]
    bad = [line for line in lines if line not in good]
    if not received and not good:
        if bad:
            raise HTTPException(422, f"expected http(s) URLs, one a line; got {bad[0]!r}")
        raise HTTPException(422, "nothing to ingest: choose files or paste URLs")
    # a line that is no URL is one rejected item of the job, not a reason to refuse the others
    return request.app.state.jobs.submit(received, good, refused=bad)
