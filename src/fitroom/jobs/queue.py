"""The queue is the jobs table: claim under a lease, heartbeat, finish exactly once.

A worker owns a job while `lease_owner` is its id and `lease_expires_at` is in the
future. Every write a worker makes is conditional on still owning the lease, so a
worker that stalled past its lease (and whose job another worker took over) can no
longer change the job: each output is stored, and its credits settled, exactly once.

Closing a job runs an optional hook inside the closing transaction (the worker's hook
writes the webhook outbox row), so whatever the hook writes commits with the job's
final status or not at all.

A job is rendered by the engine it recorded when accepted; a worker claims only jobs of
the engines it runs (`jobs.engine`), so CPU and GPU workers share one queue.

Order of service: fair share first, then tier. The next job goes to the account with the
fewest jobs in flight (under a live lease, among the claiming worker's engines), so one
account's 500 queued jobs never hold back another account's one; among accounts level
on that, the higher tier (pro, then basic, then nano), then the older job.

On PostgreSQL a queued job sends `NOTIFY fitroom_jobs` when its transaction commits;
`QueueListener` hears it and wakes idle workers at once, polling being the fallback.
Every write a worker makes is retried on a dropped database connection (a restarted
server, a terminated backend): each is safe to repeat.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Collection
from datetime import timedelta
from typing import Any, cast

import psycopg
from sqlalchemy import ColumnElement, CursorResult, func, or_, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, selectinload

from fitroom.db import Database, retrying, utcnow
from fitroom.db.models import Job, JobItem
from fitroom.domain import FINISHED, JobStatus
from fitroom.jobs import credits

log = logging.getLogger(__name__)

#: Called with the closing session and the job just closed, before the commit.
CloseHook = Callable[[Session, Job], None]

#: The PostgreSQL channel a newly queued (or released) job is announced on.
CHANNEL = "fitroom_jobs"


_NOTIFY = text("SELECT pg_notify(:channel, '')")


def announce(session: Session) -> None:
    """Wake listening workers when this transaction commits (PostgreSQL; SQLite workers poll)."""
    connection = session.connection()  # not the session's `execute`, which adds its ORM handling to each statement
    if connection.dialect.name == "postgresql":
        connection.execute(_NOTIFY, {"channel": CHANNEL})


def claim(db: Database, worker_id: str, lease_seconds: float, engines: Collection[str] | None = None) -> Job | None:
    """Take the next job (fair share, then tier), or one whose worker's lease ran out.

    Only jobs of `engines` are taken (None: any engine). PostgreSQL: `FOR UPDATE SKIP
    LOCKED` lets many workers claim at once without waiting on each other. SQLite: the
    transaction is `BEGIN IMMEDIATE`, so claims are serialised by the database lock.
    """
    return retrying(lambda: _claim(db, worker_id, lease_seconds, engines))


def _claim(db: Database, worker_id: str, lease_seconds: float, engines: Collection[str] | None) -> Job | None:
    now = utcnow()
    takeable = or_(Job.status == JobStatus.QUEUED, (Job.status == JobStatus.PROCESSING) & (Job.lease_expires_at < now))
    rendering = (Job.status == JobStatus.PROCESSING) & (Job.lease_expires_at >= now)
    if engines is not None:  # and fair share among the jobs of those engines
        takeable = takeable & Job.engine.in_(list(engines))
        rendering = rendering & Job.engine.in_(list(engines))
    in_flight = select(Job.account_id, func.count().label("jobs")).where(rendering).group_by(Job.account_id).subquery()
    with db.session() as session:
        job = session.scalar(
            select(Job)
            .outerjoin(in_flight, in_flight.c.account_id == Job.account_id)
            .where(takeable)
            .order_by(func.coalesce(in_flight.c.jobs, 0), Job.priority.desc(), Job.created_at)
            .limit(1)
            .with_for_update(skip_locked=True, of=Job)
        )
        if job is None:
            return None
        job.status = JobStatus.PROCESSING
        job.lease_owner = worker_id
        job.lease_expires_at = now + timedelta(seconds=lease_seconds)
        job.attempts += 1
        job.started_at = job.started_at or now
        session.flush()
        session.refresh(job, attribute_names=["items"])
        return job


def _owned(job_id: str, worker_id: str) -> tuple[ColumnElement[bool], ...]:
    return (Job.id == job_id, Job.lease_owner == worker_id, Job.status == JobStatus.PROCESSING)


def heartbeat(db: Database, job_id: str, worker_id: str, lease_seconds: float, progress: int) -> bool:
    """Extend the lease and record progress; False if the lease was lost."""

    def extend() -> bool:
        with db.session() as session:
            result = session.execute(
                update(Job)
                .where(*_owned(job_id, worker_id))
                .values(lease_expires_at=utcnow() + timedelta(seconds=lease_seconds), progress=progress)
            )
            return cast(CursorResult[Any], result).rowcount == 1

    return retrying(extend)


def release(db: Database, job_id: str, worker_id: str) -> bool:
    """Put a job this worker owns back in the queue at once (graceful shutdown).

    Finished outputs stay finished; the next worker renders only the rest. The attempt is
    not counted against the job: the worker stopped, the job did not fail.
    """

    def put_back() -> bool:
        with db.session() as session:
            result = session.execute(
                update(Job)
                .where(*_owned(job_id, worker_id))
                .values(status=JobStatus.QUEUED, lease_owner=None, lease_expires_at=None, attempts=Job.attempts - 1)
            )
            announce(session)
            return cast(CursorResult[Any], result).rowcount == 1

    return retrying(put_back)


def finish_item(
    db: Database,
    job_id: str,
    item_id: str,
    worker_id: str,
    *,
    output_key: str | None,
    render_ms: int,
    error: tuple[str, str] | None = None,
) -> bool:
    """Record one output (or its failure) and settle (or refund) its credits, once.

    Returns False, changing nothing, if this worker no longer owns the job. Repeating a
    call whose commit went through (its answer lost with the connection) returns True:
    while the worker owns the job, nobody but itself can have finished the item.
    """
    return retrying(
        lambda: _finish_item(db, job_id, item_id, worker_id, output_key=output_key, render_ms=render_ms, error=error)
    )


def _finish_item(
    db: Database,
    job_id: str,
    item_id: str,
    worker_id: str,
    *,
    output_key: str | None,
    render_ms: int,
    error: tuple[str, str] | None,
) -> bool:
    with db.session() as session:
        job = session.scalar(select(Job).where(*_owned(job_id, worker_id)).with_for_update())
        if job is None:
            return False
        item = session.get(JobItem, item_id)
        if item is None or item.job_id != job_id:
            return False
        if item.status != JobStatus.QUEUED:
            return item.output_key == output_key
        item.render_ms = render_ms
        item.completed_at = utcnow()
        if error is None:
            item.status = JobStatus.COMPLETED
            item.output_key = output_key
            credits.settle(session, job.account_id, item.price, job.id, item.id)
        else:
            item.status = JobStatus.FAILED
            item.error_code, item.error_message = error
            credits.refund(session, job.account_id, item.price, job.id, item.id)
        return True


def _close(session: Session, job: Job, on_close: CloseHook | None) -> None:
    """Set the job's final status from its items (completed if any output exists), then run the hook."""
    now = utcnow()
    done = [i for i in job.items if i.status == JobStatus.COMPLETED]
    failed = [i for i in job.items if i.status == JobStatus.FAILED]
    job.status = JobStatus.COMPLETED if done else JobStatus.FAILED
    if failed and not done:
        job.error_code, job.error_message = failed[0].error_code, failed[0].error_message
    job.progress = 100
    job.completed_at = now
    job.lease_owner = None
    job.lease_expires_at = None
    if job.started_at is not None:
        job.processing_ms = int((now - job.started_at).total_seconds() * 1000)
    if on_close is not None:
        on_close(session, job)


def finish_job(db: Database, job_id: str, worker_id: str, *, on_close: CloseHook | None = None) -> Job | None:
    """Close a job whose items are all done; None if the lease was lost."""

    def close() -> Job | None:
        with db.session() as session:
            job = session.scalar(
                select(Job).where(*_owned(job_id, worker_id)).options(selectinload(Job.items)).with_for_update()
            )
            if job is None:
                return None
            _close(session, job, on_close)
            return job

    return retrying(close)


def give_up(
    db: Database, job_id: str, worker_id: str | None, code: str, message: str, *, on_close: CloseHook | None = None
) -> Job | None:
    """Fail every unfinished item (refunding it) and close the job.

    With `worker_id` None the job is taken regardless of its lease: used for jobs that
    used up their attempts (a worker died on them again and again).
    """
    with db.session() as session:
        query = select(Job).options(selectinload(Job.items)).with_for_update()
        query = query.where(*_owned(job_id, worker_id)) if worker_id else query.where(Job.id == job_id)
        job = session.scalar(query)
        if job is None or job.status in FINISHED:
            return None
        fail_unfinished(session, job, code, message, on_close=on_close)
        return job


def fail_unfinished(session: Session, job: Job, code: str, message: str, *, on_close: CloseHook | None = None) -> None:
    """Fail the job's unfinished items, refunding each, and close it: in the caller's transaction.

    Its lease owner, if any, can then write nothing more to it (every worker write checks
    that the job is still `processing` under its lease).
    """
    for item in job.items:
        if item.status == JobStatus.QUEUED:
            item.status = JobStatus.FAILED
            item.error_code, item.error_message = code, message
            item.completed_at = utcnow()
            credits.refund(session, job.account_id, item.price, job.id, item.id)
    _close(session, job, on_close)


class Wakeup:
    """Idle workers wait here; a queued job (heard by `QueueListener`) or a stop wakes them.

    A generation counter, not a flag: a worker notes it before claiming and waits only if
    nothing was announced since, so an announcement that arrives while it claims is not
    lost.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._generation = 0
        #: Whether a listener is connected now: then polling can be slow.
        self.listening = False

    def generation(self) -> int:
        with self._changed:
            return self._generation

    def notify(self) -> None:
        with self._changed:
            self._generation += 1
            self._changed.notify_all()

    def wait(self, seen: int, timeout: float) -> None:
        with self._changed:
            self._changed.wait_for(lambda: self._generation != seen, timeout)


class QueueListener:
    """`LISTEN fitroom_jobs` on a connection of its own; reconnects with backoff when it drops.

    While it is disconnected `wakeup.listening` is False and workers poll at their short
    interval, so a lost connection (a restarted server, a terminated backend) costs only
    latency. A wake-up is also sent on reconnecting, for what was queued meanwhile.
    """

    def __init__(self, database_url: str, wakeup: Wakeup, stopping: threading.Event) -> None:
        self.dsn = make_url(database_url).set(drivername="postgresql").render_as_string(hide_password=False)
        self.wakeup = wakeup
        self.stopping = stopping

    def run(self) -> None:
        backoff = 0.1
        while not self.stopping.is_set():
            try:
                with psycopg.connect(self.dsn, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.wakeup.listening = True
                    self.wakeup.notify()
                    backoff = 0.1
                    while not self.stopping.is_set():
                        for _ in conn.notifies(timeout=0.5):
                            self.wakeup.notify()
            except psycopg.Error as exc:
                log.warning("job listener disconnected; polling until it is back", extra={"error": str(exc)})
            finally:
                self.wakeup.listening = False
            self.stopping.wait(backoff)
            backoff = min(backoff * 2, 5.0)
