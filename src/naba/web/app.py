"""The application: FastAPI routes for pages and the JSON API over one SQLite store.

Each server thread opens its own connection (SQLite connections stay in their thread); WAL lets
the ingest worker write while pages read. With a token, every page and API call needs it: the
`Authorization: Bearer` header, or the cookie the login form sets.
"""

from __future__ import annotations

import hmac
import re
import threading
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from naba import __version__
from naba.errors import NabaError, UsageError
from naba.report._common import PUBLISHED_FROM
from naba.text import count_ar
from naba.web.jobs import IngestJobs

COOKIE = "naba_token"
OPEN_PATHS = ("/login", "/static/")  # reachable without the token


class StoreHolder:
    """One store connection per thread, opened on first use."""

    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self._local = threading.local()

    def get(self):
        from naba.store.sqlite import SQLiteStore

        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = SQLiteStore(self.db_path)
        return store


def create_app(db_path: str, token: str | None = None) -> FastAPI:
    """The app serving the store at `db_path`; with `token`, pages and API require it."""
    from naba.store.sqlite import SQLiteStore
    from naba.web import api, pages

    if token and not re.fullmatch(r"[!-~]+", token):
        raise UsageError("the token travels in an HTTP header and a cookie, so it must be printable ASCII "
                         f"without spaces; got {len(token)} characters that are not. Choose another --token")
    SQLiteStore(db_path).close()  # create and migrate now: a bad path fails at start, not on a request
    app = FastAPI(title="naba", version=__version__, description="Arabic news stories with their sources (نبأ)",
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")  # docs UIs load from a CDN
    app.state.stores = StoreHolder(db_path)
    app.state.jobs = IngestJobs(db_path)
    app.state.token = token
    app.state.templates = _templates()
    static = Path(str(resources.files("naba.web") / "static"))
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.middleware("http")(_require_token)
    app.add_exception_handler(NabaError, _naba_error)
    app.add_exception_handler(StarletteHTTPException, _page_not_found)
    app.router.on_shutdown.append(app.state.jobs.close)
    return app


def when(value: str | None, clock: bool = True) -> str:
    """An ISO time as a reader writes it: «2024-12-06 19:37» (no «T», seconds or zone; the day alone
    without `clock` or when none was given); anything else as it is.

    >>> when("2024-12-06T19:37:00+03:00"), when("2024-12-06"), when("2024-12-06T19:37", clock=False)
    ('2024-12-06 19:37', '2024-12-06', '2024-12-06')
    """
    text = str(value or "")
    if not re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", text):
        return text[:10] if not clock and re.match(r"\d{4}-\d{2}-\d{2}", text) else text
    return text[:10] + (" " + text[11:16] if clock else "")


def _templates() -> Jinja2Templates:
    folder = Path(str(resources.files("naba.web") / "templates"))
    templates = Jinja2Templates(directory=folder)
    templates.env.autoescape = True  # every template, whatever its name: article data is always escaped
    templates.env.globals["version"] = __version__
    templates.env.globals["count_ar"] = count_ar  # «1 مقال», «مقالان», «5 مقالات», «28 مقالاً»
    # where a publication time came from, in Arabic («من القصة»: guessed from the story, not stated)
    templates.env.globals["published_from"] = PUBLISHED_FROM
    templates.env.filters["when"] = when
    return templates


def authorised(request: Request) -> bool:
    """Whether the request carries the server's token (always, when the server has none)."""
    token = request.app.state.token
    if not token:
        return True
    header = request.headers.get("authorization", "")
    given = header[7:] if header.lower().startswith("bearer ") else request.cookies.get(COOKIE, "")
    return hmac.compare_digest(given.encode(), token.encode())


async def _require_token(request: Request, call_next):
    if not same_origin(request):
        return JSONResponse({"detail": "a form from another site cannot post here"}, status_code=403)
    path = request.url.path
    if authorised(request) or path.startswith(OPEN_PATHS):
        return await call_next(request)
    if path.startswith("/api/"):
        return JSONResponse({"detail": "a token is required: send 'Authorization: Bearer TOKEN'"}, status_code=401,
                            headers={"WWW-Authenticate": "Bearer"})
    target = path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={quote(target)}", status_code=303)


def same_origin(request: Request) -> bool:
    """Whether a request that changes something comes from this server's own pages. Browsers send
    `Origin` with every cross-site POST: without this check, any web page open on this machine
    could make a loopback server (which needs no token) fetch URLs of its choosing."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return True
    origin = request.headers.get("origin")
    if origin is None:
        return True  # curl and scripts send none (and no browser's cookies)
    return origin.split("://", 1)[-1] == request.headers.get("host", "")  # a sandboxed page's "null" fails


async def _page_not_found(request: Request, exc: StarletteHTTPException):
    """A path no page answers gets a page in Arabic; the API keeps its JSON answers."""
    if exc.status_code != 404 or request.url.path.startswith(("/api/", "/static/")):
        return await http_exception_handler(request, exc)
    return request.app.state.templates.TemplateResponse(
        request, "missing.html", {"what": "الصفحة", "key": request.url.path}, status_code=404)


async def _naba_error(request: Request, exc: NabaError):
    return JSONResponse({"detail": str(exc)}, status_code=500)
