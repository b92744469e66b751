"""`naba serve`: the web UI and JSON API over a store, bound to this machine unless told otherwise."""

from __future__ import annotations

import errno
import ipaddress
import secrets
import socket
from pathlib import Path

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


@click.command(short_help="Browse and search a store's stories in a browser.")
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

    path = db_path or default_db_path()
    check_port_free(host, port)
    if not is_loopback(host) and not token:
        token = secrets.token_urlsafe(18)
        click.echo(f"naba: bound to {host}, so pages and API ask for this token: {token}", err=True)
    new = not Path(path).exists()
    app = create_app(path, token=token)
    if new:  # said even with --quiet: a mistyped --db would otherwise serve an empty store without a word
        click.echo(f"naba: no store at {path} yet, so this is a new, empty one; add articles on its "
                   f"/ingest page or with `naba run FILES --db {path}`", err=True)
    if not quiet:
        click.echo(f"naba: serving {path} on http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning" if quiet else "info")


def check_port_free(host: str, port: int) -> None:
    """Fail with one line when `port` is taken, before the store or the server start.

    uvicorn reports a taken port as a logged traceback-like line and exit code 3; a user needs to hear
    which port, and what to do.
    """
    if port == 0:
        return
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UsageError(f"cannot bind to host {host!r}: {exc.strerror or exc}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds: TIME_WAIT is free
        try:
            probe.bind(address)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(f"port {port} on {host} is already in use (another `naba serve`?); "
                                 f"stop it or choose another with --port") from None
            raise UsageError(f"cannot bind to {host}:{port}: {exc.strerror or exc}") from None
