"""The jobs table as a queue: one claimant at a time, leases, take-over, writes only by the owner."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import select, update

from fitroom.context import Context
from fitroom.db import utcnow
from fitroom.db.models import Job, LedgerEntry
from fitroom.jobs import queue
from fitroom.jobs.service import ImageInput, JobRequest, submit
from fitroom.settings import Settings
from tests.support.app import make_customer
from tests.support.images import garment_photo, person_photo


def queue_jobs(ctx: Context, account_id: str, count: int) -> list[str]:
    request = JobRequest(
        dialect="virtufit", person=ImageInput(person_photo(), "jpeg"), garments=[ImageInput(garment_photo(), "png")]
    )
    return [submit(ctx, account_id, request)[0].id for _ in range(count)]


def test_concurrent_claims_never_share_a_job(settings: Settings, ctx: Context) -> None:
    customer = make_customer(settings)
    jobs = queue_jobs(ctx, customer.account_id, 12)

    def claim_all(worker: int) -> list[str]:
        got = []
        while (job := queue.claim(ctx.db, f"w{worker}", 30)) is not None:
            got.append(job.id)
        return got

    with ThreadPoolExecutor(4) as pool:
        claimed = [job for batch in pool.map(claim_all, range(4)) for job in batch]
    assert sorted(claimed) == sorted(jobs)


def test_expired_lease_is_taken_over_and_old_owner_cannot_write(settings: Settings, ctx: Context) -> None:
    customer = make_customer(settings)
    (job_id,) = queue_jobs(ctx, customer.account_id, 1)
    first = queue.claim(ctx.db, "old", 30)
    assert first is not None and first.id == job_id
    assert queue.claim(ctx.db, "other", 30) is None, "a live lease must not be taken"
    # The old owner stalls past its lease: set it a second in the past, not slept out (a
    # 0.2 s lease ran out under a loaded machine's stall before the second claim).
    with ctx.db.session() as session:
        session.execute(update(Job).where(Job.id == job_id).values(lease_expires_at=utcnow() - timedelta(seconds=1)))
    second = queue.claim(ctx.db, "new", 30)
    assert second is not None and second.id == job_id and second.attempts == 2
    item = second.items[0]
    assert not queue.heartbeat(ctx.db, job_id, "old", 30, 50)
    assert not queue.finish_item(ctx.db, job_id, item.id, "old", output_key="x", render_ms=1)
    assert queue.finish_item(ctx.db, job_id, item.id, "new", output_key="y", render_ms=1)
    assert not queue.finish_item(ctx.db, job_id, item.id, "new", output_key="z", render_ms=1)
    finished = queue.finish_job(ctx.db, job_id, "new")
    assert finished is not None and finished.status == "completed"
    with ctx.db.session() as session:
        kinds = sorted(session.scalars(select(LedgerEntry.kind).where(LedgerEntry.job_id == job_id)))
    assert kinds == ["reserve", "settle"]


def test_give_up_refunds_unfinished_items(settings: Settings, ctx: Context) -> None:
    customer = make_customer(settings, balance=10)
    (job_id,) = queue_jobs(ctx, customer.account_id, 1)
    assert queue.claim(ctx.db, "w", 30) is not None
    job = queue.give_up(ctx.db, job_id, None, "engine_error", "gave up")
    assert job is not None and job.status == "failed" and job.error_code == "engine_error"
    assert queue.give_up(ctx.db, job_id, None, "engine_error", "again") is None
    with ctx.db.session() as session:
        kinds = sorted(session.scalars(select(LedgerEntry.kind).where(LedgerEntry.job_id == job_id)))
    assert kinds == ["refund", "reserve"]
