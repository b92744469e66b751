"""`naba serve` as a command: its help, the message without the web extra, a store it cannot open."""

from __future__ import annotations

from click.testing import CliRunner

from naba.cli import main


def test_serve_help_names_its_options():
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--token"):
        assert option in result.output


def test_serve_without_the_web_extra_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr("naba.web.cli.web_available", lambda: False)
    result = CliRunner().invoke(main, ["serve", "--db", "naba.db"])
    assert result.exit_code == 2
    assert "pip install '.[web]'" in result.output


def test_serve_with_a_store_it_cannot_open_is_an_error(tmp_path):
    import pytest

    pytest.importorskip("fastapi", reason="the web extra is not installed: pip install 'naba[web]'")
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "لا يوجد" / "naba.db"), "--port", "0"])
    assert result.exit_code == 1
    assert "naba: error: cannot open the store" in result.output
