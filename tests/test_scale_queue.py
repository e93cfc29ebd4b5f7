"""The queue at scale: fair share and tiers, release on a graceful stop, LISTEN/NOTIFY wake-ups."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import Connection, event, select

from fitroom.context import Context
from fitroom.db.models import Job, JobItem, LedgerEntry
from fitroom.domain import TIERS
from fitroom.jobs import queue
from fitroom.jobs.service import ImageInput, JobRequest, submit
from fitroom.jobs.worker import WorkerPool
from fitroom.settings import Settings
from tests.support.app import make_customer, migrated_settings
from tests.support.engines import TintEngine
from tests.support.images import garment_photo, person_photo
from tests.support.postgres import PG_ADMIN_URL
from tests.support.process import SLOW_ENGINE, SOURCES, slow_worker
from tests.support.waiting import wait_until

pytestmark = pytest.mark.cluster

ROOT = Path(__file__).resolve().parents[1]


def queue_job(ctx: Context, account_id: str, tier: str = "basic", garments: int = 1) -> str:
    request = JobRequest(
        dialect="virtufit",
        person=ImageInput(person_photo(), "jpeg"),
        garments=[ImageInput(garment_photo(), "png") for _ in range(garments)],
        tier=tier,
    )
    return submit(ctx, account_id, request)[0].id


def claimed(ctx: Context, worker: str) -> str:
    job = queue.claim(ctx.db, worker, 30)
    assert job is not None
    return job.id


def test_one_account_flood_does_not_starve_another(
    tmp_path: Path, database_url: str, open_context: Callable[[Settings], Context]
) -> None:
    settings = migrated_settings(tmp_path, database_url, max_queue=1000)
    ctx = open_context(settings)
    flood, lone = make_customer(settings, balance=1000), make_customer(settings)
    flooded = [queue_job(ctx, flood.account_id) for _ in range(150)]
    single = queue_job(ctx, lone.account_id)
    # Both accounts idle: the older job. Then the flooding account has one in flight, the other none.
    assert claimed(ctx, "w1") == flooded[0]
    assert claimed(ctx, "w2") == single
    assert claimed(ctx, "w3") == flooded[1]


def test_tiers_order_jobs_among_accounts_level_on_fair_share(settings: Settings, ctx: Context) -> None:
    a, b = make_customer(settings), make_customer(settings)
    a_nano = queue_job(ctx, a.account_id, "nano")
    a_pro = queue_job(ctx, a.account_id, "pro")
    b_basic = queue_job(ctx, b.account_id, "basic")
    assert claimed(ctx, "w1") == a_pro, "pro first, though queued later"
    assert claimed(ctx, "w2") == b_basic, "then the account with nothing in flight"
    assert claimed(ctx, "w3") == a_nano
    assert with_job(ctx, a_pro).priority == TIERS["pro"].priority == 2


def with_job(ctx: Context, job_id: str) -> Job:
    with ctx.db.reader() as session:
        job = session.get(Job, job_id)
        assert job is not None
        return job


def test_release_puts_the_job_back_without_spending_an_attempt(settings: Settings, ctx: Context) -> None:
    job_id = queue_job(ctx, make_customer(settings).account_id)
    assert claimed(ctx, "stopping") == job_id
    assert queue.release(ctx.db, job_id, "stopping")
    released = with_job(ctx, job_id)
    assert (released.status, released.lease_owner, released.attempts) == ("queued", None, 0)
    assert not queue.release(ctx.db, job_id, "stopping"), "only the owner releases"
    again = queue.claim(ctx.db, "next", 30)
    assert again is not None and again.id == job_id and again.attempts == 1


def test_sigterm_finishes_the_output_in_hand_and_releases_the_rest(
    tmp_path: Path, database_url: str, open_context: Callable[[Settings], Context]
) -> None:
    settings = migrated_settings(tmp_path, database_url, engine=SLOW_ENGINE)
    ctx = open_context(settings)
    customer = make_customer(settings)
    job_id = queue_job(ctx, customer.account_id, garments=3)
    first = slow_worker(settings, 1.5, "--concurrency", "1", FITROOM_LISTEN_POLL_SECONDS="0.5")
    try:
        wait_until(lambda: with_job(ctx, job_id).progress > 5, 60, "the first output to be rendering")
        first.send_signal(signal.SIGTERM)
        assert first.wait(20) == 0
    finally:
        first.kill()
    released = with_job(ctx, job_id)
    assert (released.status, released.lease_owner, released.attempts) == ("queued", None, 0)
    with ctx.db.reader() as session:
        items = list(session.scalars(select(JobItem).where(JobItem.job_id == job_id).order_by(JobItem.position)))
    assert [i.status for i in items] == ["completed", "queued", "queued"], "the output in hand was finished"
    kept = items[0].output_key

    second = slow_worker(settings, 0.1, "--concurrency", "1", FITROOM_LISTEN_POLL_SECONDS="0.5")
    try:
        wait_until(lambda: with_job(ctx, job_id).status == "completed", 60, "the rest of the job")
    finally:
        second.send_signal(signal.SIGTERM)
        assert second.wait(20) == 0
    with ctx.db.reader() as session:
        items = list(session.scalars(select(JobItem).where(JobItem.job_id == job_id).order_by(JobItem.position)))
        kinds = sorted(e.kind for e in session.scalars(select(LedgerEntry).where(LedgerEntry.job_id == job_id)))
    assert items[0].output_key == kept and all(i.output_key for i in items)
    assert kinds == ["reserve", "settle", "settle", "settle"]
    assert with_job(ctx, job_id).attempts == 1


def terminate_listeners(database_url: str) -> int:
    """Terminate the backends of this database that sit in LISTEN, as a server restart would."""
    name = database_url.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND query LIKE 'LISTEN%%'",
            (name,),
        ).fetchall()
    return len(rows)


def test_listen_notify_wakes_idle_workers_and_survives_a_dropped_connection(tmp_path: Path, pg_url: str) -> None:
    # Polls so slow that only a notification can explain a quick pick-up.
    settings = migrated_settings(tmp_path, pg_url, poll_seconds=60, listen_poll_seconds=60)
    ctx = Context.from_settings(settings)
    customer = make_customer(settings)
    pool = WorkerPool(ctx, 2, engine=TintEngine())
    pool.start()
    try:
        wait_until(lambda: pool.wakeup.listening, 10, "the listener to connect")
        time.sleep(0.3)  # the workers' first claims found nothing: they are waiting now
        started = time.monotonic()
        job_id = queue_job(ctx, customer.account_id)
        wait_until(lambda: with_job(ctx, job_id).status == "completed", 10, "the job")
        assert time.monotonic() - started < 5

        assert terminate_listeners(pg_url) >= 1
        wait_until(lambda: not pool.wakeup.listening, 10, "the listener to notice")
        wait_until(lambda: pool.wakeup.listening, 10, "the listener to reconnect")
        time.sleep(0.3)
        started = time.monotonic()
        job_id = queue_job(ctx, customer.account_id)
        wait_until(lambda: with_job(ctx, job_id).status == "completed", 10, "the job after reconnecting")
        assert time.monotonic() - started < 5
    finally:
        pool.stop()
        ctx.close()


def test_concurrent_migrations_serialise(tmp_path: Path, fresh_database: str) -> None:
    """Processes that start together on an empty database migrate one after the other."""
    env = {
        **os.environ,
        "PYTHONPATH": SOURCES,
        "FITROOM_DATABASE_URL": fresh_database,
        "FITROOM_DATA_DIR": str(tmp_path),
    }
    runs = [
        subprocess.Popen([sys.executable, "-m", "fitroom", "migrate"], env=env, cwd=ROOT, stderr=subprocess.PIPE)
        for _ in range(3)
    ]
    outcomes = [(run.communicate(timeout=120)[1].decode()[-500:], run.returncode) for run in runs]
    assert all(code == 0 for _, code in outcomes), outcomes


def test_accepting_a_job_survives_a_terminated_connection(
    tmp_path: Path, pg_url: str, open_context: Callable[[Settings], Context]
) -> None:
    """The backend dies inside the accepting transaction: tried again, the job is queued and charged once."""
    settings = migrated_settings(tmp_path, pg_url)
    ctx = open_context(settings)
    customer = make_customer(settings)
    killed: list[int] = []

    def terminate_once(conn: Connection, _cursor: object, statement: str, *_: object) -> None:
        """Once the job's outputs are inserted (the job and its charge are in the transaction), before it commits."""
        if not killed and statement.startswith("INSERT INTO job_items"):
            pid = conn.connection.dbapi_connection.info.backend_pid  # type: ignore[union-attr]
            with psycopg.connect(PG_ADMIN_URL, autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            killed.append(pid)

    event.listen(ctx.db.engine, "after_cursor_execute", terminate_once)
    try:
        job_id = queue_job(ctx, customer.account_id)
    finally:
        event.remove(ctx.db.engine, "after_cursor_execute", terminate_once)
    assert killed
    with ctx.db.reader() as session:
        kinds = [
            e.kind for e in session.scalars(select(LedgerEntry).where(LedgerEntry.account_id == customer.account_id))
        ]
        jobs = list(session.scalars(select(Job.id).where(Job.account_id == customer.account_id)))
    assert jobs == [job_id] and kinds == ["grant", "reserve"]
