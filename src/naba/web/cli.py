"""`naba serve`: the web UI and JSON API over a store, bound to this machine unless told otherwise."""

from __future__ import annotations

import ipaddress
import secrets

import click

from naba.errors import UsageError

LOOPBACK_NAMES = {"localhost", "ip6-localhost"}


def is_loopback(host: str) -> bool:
    """Whether `host` is reachable from this machine only (127.0.0.0/8, ::1, localhost)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def web_available() -> bool:
    import importlib.util

    return all(importlib.util.find_spec(m) for m in ("fastapi", "uvicorn", "jinja2", "multipart"))


@click.command()
@click.option("--db", "db_path", default=None, type=click.Path(dir_okay=False),
              help="SQLite store to serve [default: $NABA_DB or ./naba.db].")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback requires a token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port to bind.")
@click.option("--token", default=None, envvar="NABA_TOKEN",
              help="Token pages and API ask for [default off loopback: generated and printed; env NABA_TOKEN].")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def serve(db_path: str | None, host: str, port: int, token: str | None, quiet: bool) -> None:
    """Browse, search and read the stories of a store in a browser, and serve them as JSON.

    Example: naba serve --db naba.db   (then open http://127.0.0.1:8000/)
    """
    if not web_available():
        raise UsageError("naba serve needs the web extra: pip install '.[web]' in naba's checkout")
    import uvicorn

    from naba.store import default_db_path
    from naba.web import create_app

    if not is_loopback(host) and not token:
        token = secrets.token_urlsafe(18)
        click.echo(f"naba: bound to {host}, so pages and API ask for this token: {token}", err=True)
    app = create_app(db_path or default_db_path(), token=token)
    if not quiet:
        click.echo(f"naba: serving {db_path or default_db_path()} on http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning" if quiet else "info")
