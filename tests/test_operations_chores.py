"""Operators' chores: --version, online backups and their restore, pruning old rows with the
ledger folded so balances stay right, and disabling accounts or resetting their passwords."""

from __future__ import annotations

import shutil
import sqlite3
import time
from datetime import timedelta
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from typer.testing import CliRunner

from fitroom import accounts
from fitroom.cli import app
from fitroom.context import Context
from fitroom.db import Database, utcnow
from fitroom.db.models import Account, Job, JobItem, LedgerEntry, WebhookDelivery
from fitroom.jobs import credits
from fitroom.jobs.pruning import CARRIED, prune_rows
from fitroom.jobs.reaper import reap
from fitroom.settings import Settings
from tests.support.app import Customer
from tests.support.images import garment_photo, person_photo
from tests.test_dashboard import csrf_of, make_user, sign_in

FILES = [
    ("person_image", ("p.jpg", person_photo(), "image/jpeg")),
    ("garment_image", ("g.png", garment_photo(), "image/png")),
]


def cli(
    database_url: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch, *args: str, stdin: str | None = None
) -> Any:
    monkeypatch.setenv("FITROOM_DATABASE_URL", database_url)
    monkeypatch.setenv("FITROOM_DATA_DIR", str(data_dir))
    return CliRunner().invoke(app, list(args), input=stdin)


def key_works(client: TestClient, customer: Customer) -> int:
    """The status of an API call with the customer's key (FASHN's credits endpoint)."""
    return client.get("/v1/credits", headers={"Authorization": f"Bearer {customer.key}"}).status_code


def test_version() -> None:
    answer = CliRunner().invoke(app, ["--version"])
    assert answer.exit_code == 0 and answer.stdout.strip() == f"fitroom {version('fitroom')}"


def test_sqlite_backup_is_a_consistent_snapshot_that_restores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    live = tmp_path / "live.db"
    url = f"sqlite:///{live}"
    assert cli(url, tmp_path, monkeypatch, "users", "create", "ana@example.com", "--credits", "25").exit_code == 0
    # A writer holds an open transaction while the backup runs: the copy has only what was committed.
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE accounts SET balance = 999")
    target = tmp_path / "backups" / "fitroom-copy.db"
    target.parent.mkdir()
    made = cli(url, tmp_path, monkeypatch, "backup", str(target))
    writer.execute("COMMIT")
    writer.close()
    assert made.exit_code == 0, made.output
    assert "backed up" in made.stdout and target.is_file()
    assert not list(target.parent.glob(".*partial"))
    again = cli(url, tmp_path, monkeypatch, "backup", str(target))
    assert again.exit_code == 1 and "already exists" in again.stderr

    # Restore: the copy put in place of a lost database file is a working database.
    restored = tmp_path / "restored" / "fitroom.db"
    restored.parent.mkdir()
    shutil.copy(target, restored)
    restored_url = f"sqlite:///{restored}"
    assert cli(restored_url, tmp_path, monkeypatch, "migrate").exit_code == 0
    assert cli(restored_url, tmp_path, monkeypatch, "credits", "show", "ana@example.com").stdout.strip() == "25"
    assert cli(restored_url, tmp_path, monkeypatch, "credits", "grant", "ana@example.com", "5").stdout.strip() == "30"


def test_postgresql_backup_points_to_pg_dump(pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret_url = pg_url.replace("postgres@", "postgres:hunter2@")
    answer = cli(secret_url, tmp_path, monkeypatch, "backup", str(tmp_path / "x.dump"))
    assert answer.exit_code == 2 and not (tmp_path / "x.dump").exists()
    assert "pg_dump --format=custom" in answer.stderr and "pg_restore" in answer.stderr
    assert "hunter2" not in answer.stderr and "postgresql://postgres:***@" in answer.stderr


def test_cli_disables_enables_and_resets_passwords(
    client: TestClient, customer: Customer, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    def run(*args: str, stdin: str | None = None) -> Any:
        return cli(settings.resolved_database_url, settings.data_dir, monkeypatch, *args, stdin=stdin)

    assert key_works(client, customer) == 200
    assert run("users", "disable", customer.email).stdout.strip() == f"disabled {customer.email}"
    assert key_works(client, customer) == 401
    assert run("users", "enable", customer.email).exit_code == 0
    assert key_works(client, customer) == 200

    made_up = run("users", "reset-password", customer.email)
    assert made_up.exit_code == 0 and len(made_up.stdout.strip()) >= 12
    chosen = run("users", "reset-password", customer.email, "--password-stdin", stdin="a new long password\n")
    assert chosen.exit_code == 0 and "a new long password" not in chosen.stdout
    db = Database(settings.resolved_database_url)
    with db.reader() as session:
        assert accounts.verify_password(
            accounts.get_account(session, customer.email).password_hash, "a new long password"
        )
    db.dispose()
    assert run("users", "disable", "nobody@example.com").exit_code == 1


def test_admin_disables_an_account_and_sets_its_password(client: TestClient, settings: Settings) -> None:
    member = make_user(settings)
    sign_in(client, member.email)
    member_cookies = dict(client.cookies)
    assert client.get("/dashboard").status_code == 200

    client.cookies.clear()
    admin = make_user(settings, admin=True)
    sign_in(client, admin.email)
    page = client.get("/dashboard/accounts").text
    assert f"/dashboard/accounts/{admin.account_id}/disable" not in page, "no button to lock yourself out"
    done = client.post(
        f"/dashboard/accounts/{member.account_id}/disable", data={"csrf_token": csrf_of(page)}, follow_redirects=True
    )
    assert f"{member.email} is disabled" in done.text and 'data-testid="account-disabled"' in done.text
    refused_self = client.post(
        f"/dashboard/accounts/{admin.account_id}/disable", data={"csrf_token": csrf_of(page)}, follow_redirects=True
    )
    assert "cannot disable your own account" in refused_self.text

    with TestClient(client.app, cookies=member_cookies) as member_browser:
        assert member_browser.get("/dashboard", follow_redirects=False).status_code == 303, "the session is refused"
    assert key_works(client, member) == 401
    client.cookies.clear()
    blocked = sign_in(client, member.email)
    assert blocked.status_code == 403 and "disabled" in blocked.text

    sign_in(client, admin.email)
    page = client.get("/dashboard/accounts").text
    client.post(f"/dashboard/accounts/{member.account_id}/enable", data={"csrf_token": csrf_of(page)})
    short = client.post(
        f"/dashboard/accounts/{member.account_id}/password",
        data={"password": "short", "csrf_token": csrf_of(page)},
        follow_redirects=True,
    )
    assert "at least" in short.text
    changed = client.post(
        f"/dashboard/accounts/{member.account_id}/password",
        data={"password": "the admin's new one", "csrf_token": csrf_of(page)},
        follow_redirects=True,
    )
    assert f"New password set for {member.email}" in changed.text
    client.cookies.clear()
    assert sign_in(client, member.email).status_code == 401, "the old password is gone"
    assert sign_in(client, member.email, "the admin's new one").status_code == 303
    assert key_works(client, member) == 200


def running_totals_hold(session: Any, account_id: str) -> bool:
    """Each entry's balance_after is the sum of the deltas up to it, and the last is the balance."""
    total = 0
    for entry in session.scalars(
        select(LedgerEntry).where(LedgerEntry.account_id == account_id).order_by(LedgerEntry.id)
    ):
        total += entry.delta
        if entry.balance_after != total:
            return False
    return total == credits.balance(session, account_id)


def test_pruning_deletes_old_rows_and_folds_the_ledger(
    client: TestClient, customer: Customer, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("fitroom.jobs.pruning._last_pruned", time.monotonic())  # reap() below only purges
    ctx: Context = client.app.state.ctx  # type: ignore[attr-defined]
    jobs = []
    for _ in range(3):
        answer = client.post("/api/v1/generate", headers={**customer.headers, "Prefer": "wait=30"}, files=FILES)
        assert answer.status_code == 200, answer.text
        jobs.append(answer.json()["job_id"])
    long_ago = utcnow() - timedelta(days=settings.prune_days + 5)
    with ctx.db.session() as session:
        for job_id in jobs:
            session.add(
                WebhookDelivery(
                    job_id=job_id,
                    event="job.completed",
                    url="https://hooks.example/",
                    payload="{}",
                    created_at=long_ago,
                )
            )
        session.execute(update(Job).values(created_at=long_ago, expires_at=long_ago))
        session.execute(update(WebhookDelivery).values(created_at=long_ago, status="delivered"))
        session.execute(update(LedgerEntry).values(created_at=long_ago))
        # The last job's settlement is recent: its entries, and all after them, must stay.
        session.execute(
            update(LedgerEntry)
            .where(LedgerEntry.job_id == jobs[2], LedgerEntry.kind != "reserve")
            .values(created_at=utcnow())
        )
        before = session.scalars(
            select(LedgerEntry).where(LedgerEntry.account_id == customer.account_id).order_by(LedgerEntry.id)
        ).all()
    assert reap(ctx) == 3  # images go first (retention); the tombstones are pruned below

    done = prune_rows(ctx)
    assert done.jobs == 3 and done.webhooks >= 3 and done.accounts == 1
    with ctx.db.reader() as session:
        assert session.scalars(select(Job.id)).all() == []
        assert session.scalars(select(JobItem.id)).all() == []
        assert session.scalars(select(WebhookDelivery.id)).all() == []
        after = session.scalars(
            select(LedgerEntry).where(LedgerEntry.account_id == customer.account_id).order_by(LedgerEntry.id)
        ).all()
        # grant, then reserve + settle for jobs 1 and 2 fold into one; job 3's reserve and settle stay.
        held = [e for e in before if e.job_id == jobs[2]]
        folded = [e for e in before if e.id < held[0].id]
        assert [e.kind for e in after] == [CARRIED, *(e.kind for e in before if e.id >= held[0].id)]
        assert after[0].id == folded[-1].id and after[0].delta == sum(e.delta for e in folded)
        assert after[0].balance_after == folded[-1].balance_after and after[0].job_id is None
        assert done.ledger_rows == len(folded) - 1
        assert running_totals_hold(session, customer.account_id)
        assert session.get_one(Account, customer.account_id).balance == before[-1].balance_after
    again = prune_rows(ctx)
    assert (again.jobs, again.ledger_rows) == (0, 0), "pruning twice changes nothing more"


def test_pruning_off_keeps_everything(settings: Settings, customer: Customer) -> None:
    ctx = Context.from_settings(settings.model_copy(update={"prune_days": 0}))
    try:
        with ctx.db.session() as session:
            credits.grant(session, customer.account_id, 5)
            session.execute(update(LedgerEntry).values(created_at=utcnow() - timedelta(days=10_000)))
        done = prune_rows(ctx)
        assert (done.jobs, done.webhooks, done.ledger_rows) == (0, 0, 0)
        with ctx.db.reader() as session:
            assert len(session.scalars(select(LedgerEntry.id)).all()) == 2
    finally:
        ctx.close()
