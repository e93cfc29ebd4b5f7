"""The dashboard's read models: what each page shows, read in one transaction, scoped to one account.

Image URLs are the same signed, expiring `/files` URLs the API hands out; a job past its
retention has none (its images are gone).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from fitroom.context import Context
from fitroom.db import utcnow
from fitroom.db.models import Account, ApiKey, Job, LedgerEntry, WebhookDelivery
from fitroom.domain import UNFINISHED, DeliveryStatus, JobStatus
from fitroom.jobs import credits
from fitroom.jobs.reading import input_urls, is_job_id, output_urls

JOB_STATUSES = tuple(JobStatus)
PAGE_SIZE = 25


@dataclass
class JobRow:
    job: Job
    outputs: list[str]
    person: str | None
    expired: bool
    webhook: DeliveryStatus | None  # None without a webhook_url

    @property
    def thumbnail(self) -> str | None:
        """The first output, else the person photo (a queued or failed job has no output)."""
        return self.outputs[0] if self.outputs else self.person

    @property
    def garments(self) -> int:
        return len(self.job.options.garment_keys)


@dataclass
class JobDetail:
    row: JobRow
    person: str | None
    garments: list[str]
    credits_used: int
    deliveries: list[WebhookDelivery] = field(default_factory=list)

    @property
    def queue_ms(self) -> int | None:
        job = self.row.job
        return _ms(job.started_at, job.created_at)

    @property
    def total_ms(self) -> int | None:
        job = self.row.job
        return _ms(job.completed_at, job.created_at)


@dataclass
class AccountRow:
    account: Account
    active_keys: int
    jobs: int


def _ms(end: datetime | None, start: datetime | None) -> int | None:
    return int((end - start).total_seconds() * 1000) if end and start else None


def _expired(job: Job) -> bool:
    return job.purged_at is not None or job.expires_at <= utcnow()


def _webhook_states(db: Session, jobs: list[Job]) -> dict[str, DeliveryStatus]:
    """The latest delivery's state per job, in one query for the whole page (a status answer
    reads its one job's in `jobs.reading`)."""
    ids = [j.id for j in jobs if j.webhook_url]
    if not ids:
        return {}
    states: dict[str, DeliveryStatus] = {}
    rows = db.execute(
        select(WebhookDelivery.job_id, WebhookDelivery.status)
        .where(WebhookDelivery.job_id.in_(ids))
        .order_by(WebhookDelivery.created_at)
    )
    for job_id, status in rows:
        states[job_id] = DeliveryStatus(status)
    return states


def _rows(ctx: Context, db: Session, jobs: list[Job]) -> list[JobRow]:
    states = _webhook_states(db, jobs)
    rows = []
    for job in jobs:
        expired = _expired(job)
        person = None if expired or not job.person_key else input_urls(ctx, job)[0]
        rows.append(
            JobRow(
                job=job,
                outputs=[] if expired else output_urls(ctx, job),
                person=person,
                expired=expired,
                webhook=states.get(job.id, DeliveryStatus.PENDING) if job.webhook_url else None,
            )
        )
    return rows


def jobs(
    ctx: Context, db: Session, account_id: str, *, status: str | None = None, page: int = 1
) -> tuple[list[JobRow], bool]:
    """A page of the account's jobs, newest first, and whether there is a next page."""
    query = select(Job).where(Job.account_id == account_id).options(selectinload(Job.items))
    if status in JOB_STATUSES:
        query = query.where(Job.status == status)
    found = list(db.scalars(query.order_by(Job.created_at.desc()).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1)))
    return _rows(ctx, db, found[:PAGE_SIZE]), len(found) > PAGE_SIZE


def job_counts(db: Session, account_id: str) -> dict[str, int]:
    """The account's jobs per status, and "all", for the filter tabs."""
    counts = dict(
        db.execute(
            select(Job.status, func.count(Job.id)).where(Job.account_id == account_id).group_by(Job.status)
        ).all()
    )
    return {"all": sum(counts.values()), **{s: int(counts.get(s, 0)) for s in JOB_STATUSES}}


def job(ctx: Context, db: Session, account_id: str, job_id: str) -> JobDetail | None:
    """The account's job with its inputs, outputs and webhook attempts; None for anyone else's.

    A value that is no id is not looked up (PostgreSQL refuses some, such as a NUL byte).
    """
    if not is_job_id(job_id):
        return None
    found = db.scalar(
        select(Job).where(Job.id == job_id, Job.account_id == account_id).options(selectinload(Job.items))
    )
    if found is None:
        return None
    row = _rows(ctx, db, [found])[0]
    person, garments = (None, []) if row.expired else input_urls(ctx, found)
    deliveries = list(
        db.scalars(
            select(WebhookDelivery).where(WebhookDelivery.job_id == found.id).order_by(WebhookDelivery.created_at)
        )
    )
    return JobDetail(row, person, garments, credits.used_by_job(db, found.id), deliveries)


def account(db: Session, account_id: str) -> Account | None:
    """An account by id (accounts have the same UUID ids as jobs); a value that is no id is not looked up."""
    return db.get(Account, account_id) if is_job_id(account_id) else None


def start_of_today() -> datetime:
    return datetime.combine(utcnow().date(), time.min, tzinfo=UTC)


def overview(ctx: Context, db: Session, account_id: str) -> dict[str, Any]:
    today = start_of_today()
    jobs_today = dict(
        db.execute(
            select(Job.status, func.count(Job.id))
            .where(Job.account_id == account_id, Job.created_at >= today)
            .group_by(Job.status)
        ).all()
    )
    recent = list(
        db.scalars(
            select(Job)
            .where(Job.account_id == account_id, Job.status == JobStatus.COMPLETED, Job.expires_at > utcnow())
            .options(selectinload(Job.items))
            .order_by(Job.created_at.desc())
            .limit(8)
        )
    )
    active_keys = db.scalar(
        select(func.count(ApiKey.id)).where(ApiKey.account_id == account_id, ApiKey.revoked_at.is_(None))
    )
    return {
        "balance": credits.balance(db, account_id),
        "jobs_today": sum(jobs_today.values()),
        "failed_today": jobs_today.get(JobStatus.FAILED, 0),
        "running": sum(jobs_today.get(status, 0) for status in UNFINISHED),
        "recent": _rows(ctx, db, recent),
        "active_keys": int(active_keys or 0),
    }


def keys(db: Session, account_id: str) -> list[ApiKey]:
    """Active keys first, then revoked ones, newest first in each."""
    found = db.scalars(select(ApiKey).where(ApiKey.account_id == account_id).order_by(ApiKey.created_at.desc()))
    return sorted(found, key=lambda k: k.revoked_at is not None)


def ledger(db: Session, account_id: str) -> list[LedgerEntry]:
    return credits.ledger(db, account_id, limit=200)


def accounts(db: Session) -> list[AccountRow]:
    keys_per = dict(
        db.execute(
            select(ApiKey.account_id, func.count(ApiKey.id))
            .where(ApiKey.revoked_at.is_(None))
            .group_by(ApiKey.account_id)
        ).all()
    )
    jobs_per = dict(db.execute(select(Job.account_id, func.count(Job.id)).group_by(Job.account_id)).all())
    return [
        AccountRow(a, int(keys_per.get(a.id, 0)), int(jobs_per.get(a.id, 0)))
        for a in db.scalars(select(Account).order_by(Account.created_at))
    ]
