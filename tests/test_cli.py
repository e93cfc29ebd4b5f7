"""The admin CLI is scriptable: results on stdout, one-line errors and exit 1 otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from fitroom import accounts
from fitroom.cli import app
from fitroom.db import Database


@pytest.fixture
def run(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("FITROOM_DATABASE_URL", database_url)
    monkeypatch.setenv("FITROOM_DATA_DIR", str(tmp_path / "data"))
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None):  # type: ignore[no-untyped-def]
        return runner.invoke(app, list(args), input=stdin)

    return invoke


def test_admin_flow(run, database_url: str) -> None:  # type: ignore[no-untyped-def]
    assert run("migrate").exit_code == 0
    created = run("users", "create", "Ana@Example.com", "--password-stdin", stdin="s3cret-pass\n")
    assert created.exit_code == 0 and created.stdout.strip() == "ana@example.com"
    key = run("keys", "create", "ana@example.com", "--name", "shop")
    assert key.exit_code == 0
    full_key = key.stdout.strip()
    assert full_key.startswith("fr_") and "\n" not in full_key
    assert run("credits", "grant", "ana@example.com", "25").stdout.strip() == "25"
    assert run("credits", "show", "ana@example.com").stdout.strip() == "25"
    listing = run("keys", "list", "ana@example.com")
    assert listing.exit_code == 0 and "shop" in listing.stdout and full_key not in listing.stdout
    db = Database(database_url)
    with db.session() as session:
        assert accounts.authenticate_key(session, full_key) is not None
        account = accounts.get_account(session, "ana@example.com")
        assert accounts.verify_password(account.password_hash, "s3cret-pass")
        assert account.password_hash and account.password_hash.startswith("$argon2id$")
    assert run("keys", "revoke", full_key).exit_code == 0
    with db.session() as session:
        assert accounts.authenticate_key(session, full_key) is None
    db.dispose()


def test_errors_exit_nonzero_with_one_line(run) -> None:  # type: ignore[no-untyped-def]
    result = run("credits", "show", "nobody@example.com")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "nobody@example.com" in result.stderr
    assert run("users", "create", "x@example.com").exit_code == 0
    assert run("users", "create", "x@example.com").exit_code == 1
    assert run("credits", "grant", "x@example.com", "0").exit_code == 1
