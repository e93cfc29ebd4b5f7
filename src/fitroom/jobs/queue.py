"""The queue is the jobs table: claim under a lease, heartbeat, finish exactly once.

A worker owns a job while `lease_owner` is its id and `lease_expires_at` is in the
future. Every write a worker makes is conditional on still owning the lease, so a
worker that stalled past its lease (and whose job another worker took over) can no
longer change the job: each output is stored, and its credits settled, exactly once.

Closing a job runs an optional hook inside the closing transaction (the worker's hook
writes the webhook outbox row), so whatever the hook writes commits with the job's
final status or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session, selectinload

from fitroom.db import Database, utcnow
from fitroom.db.models import Job, JobItem
from fitroom.jobs import credits

#: Called with the closing session and the job just closed, before the commit.
CloseHook = Callable[[Session, Job], None]


def claim(db: Database, worker_id: str, lease_seconds: float) -> Job | None:
    """Take the next queued job, or one whose worker's lease ran out.

    PostgreSQL: `FOR UPDATE SKIP LOCKED` lets many workers claim at once without
    waiting on each other. SQLite: the transaction is `BEGIN IMMEDIATE`, so claims are
    serialised by the database lock.
    """
    now = utcnow()
    with db.session() as session:
        job = session.scalar(
            select(Job)
            .where(
                or_(
                    Job.status == "queued",
                    (Job.status == "processing") & (Job.lease_expires_at < now),
                )
            )
            .order_by(Job.priority.desc(), Job.created_at)
            .limit(1)
            .with_for_update(skip_locked=True)
        )
        if job is None:
            return None
        job.status = "processing"
        job.lease_owner = worker_id
        job.lease_expires_at = now + timedelta(seconds=lease_seconds)
        job.attempts += 1
        job.started_at = job.started_at or now
        session.flush()
        session.refresh(job, attribute_names=["items"])
        return job


def _owned(job_id: str, worker_id: str) -> tuple[ColumnElement[bool], ...]:
    return (Job.id == job_id, Job.lease_owner == worker_id, Job.status == "processing")


def heartbeat(db: Database, job_id: str, worker_id: str, lease_seconds: float, progress: int) -> bool:
    """Extend the lease and record progress; False if the lease was lost."""
    with db.session() as session:
        result = session.execute(
            update(Job)
            .where(*_owned(job_id, worker_id))
            .values(lease_expires_at=utcnow() + timedelta(seconds=lease_seconds), progress=progress)
        )
        return result.rowcount == 1


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

    Returns False, changing nothing, if this worker no longer owns the job.
    """
    with db.session() as session:
        job = session.scalar(select(Job).where(*_owned(job_id, worker_id)).with_for_update())
        if job is None:
            return False
        item = session.get(JobItem, item_id)
        if item is None or item.job_id != job_id or item.status != "queued":
            return False
        item.render_ms = render_ms
        item.completed_at = utcnow()
        if error is None:
            item.status = "completed"
            item.output_key = output_key
            credits.settle(session, job.account_id, item.price, job.id, item.id)
        else:
            item.status = "failed"
            item.error_code, item.error_message = error
            credits.refund(session, job.account_id, item.price, job.id, item.id)
        return True


def _close(session: Session, job: Job, on_close: CloseHook | None) -> None:
    """Set the job's final status from its items (completed if any output exists), then run the hook."""
    now = utcnow()
    done = [i for i in job.items if i.status == "completed"]
    failed = [i for i in job.items if i.status == "failed"]
    job.status = "completed" if done else "failed"
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
    with db.session() as session:
        job = session.scalar(
            select(Job).where(*_owned(job_id, worker_id)).options(selectinload(Job.items)).with_for_update()
        )
        if job is None:
            return None
        _close(session, job, on_close)
        return job


def give_up(
    db: Database,
    job_id: str,
    worker_id: str | None,
    code: str,
    message: str,
    *,
    on_close: CloseHook | None = None,
) -> Job | None:
    """Fail every unfinished item (refunding it) and close the job.

    With `worker_id` None the job is taken regardless of its lease: used for jobs that
    used up their attempts (a worker died on them again and again).
    """
    with db.session() as session:
        query = select(Job).options(selectinload(Job.items)).with_for_update()
        query = query.where(*_owned(job_id, worker_id)) if worker_id else query.where(Job.id == job_id)
        job = session.scalar(query)
        if job is None or job.status in ("completed", "failed"):
            return None
        fail_unfinished(session, job, code, message, on_close=on_close)
        return job


def fail_unfinished(
    session: Session, job: Job, code: str, message: str, *, on_close: CloseHook | None = None
) -> None:
    """Fail the job's unfinished items, refunding each, and close it: in the caller's transaction.

    Its lease owner, if any, can then write nothing more to it (every worker write checks
    that the job is still `processing` under its lease).
    """
    for item in job.items:
        if item.status == "queued":
            item.status = "failed"
            item.error_code, item.error_message = code, message
            item.completed_at = utcnow()
            credits.refund(session, job.account_id, item.price, job.id, item.id)
    _close(session, job, on_close)
