"""`naba serve`: the stories in a browser and as a JSON API (FastAPI, Jinja2, uvicorn: `naba[web]`).

`create_app(db_path, token=None)` builds the application; nothing here is imported by `import naba`.
"""

from __future__ import annotations


def create_app(db_path: str, token: str | None = None):
    """The ASGI application over the store at `db_path` (see `naba.web.app.create_app`)."""
    from naba.web.app import create_app as build

    return build(db_path, token=token)
