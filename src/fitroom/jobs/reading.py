"""Reading jobs for their answers: a `JobSnapshot`, read in one query, never a live row.

A status poll reads the job, its items, the credits its items settled, the account's balance
(when the reader may see it) and its latest webhook delivery's state in one SELECT: the figures
come as correlated subqueries, the delivery and the items as outer joins, so they are all of one
moment.
The dialects then build their answers from the snapshot alone (`fitroom.wire`).
"""

from __future__ import annotations

import base64
import uuid
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import ColumnExpressionArgument, ScalarSelect, Select, bindparam, null, select
from sqlalchemy.orm import Session, aliased, joinedload

from fitroom.context import Context
from fitroom.db import retrying, utcnow
from fitroom.db.models import Job, WebhookDelivery
from fitroom.domain import FINISHED, DeliveryStatus, JobStatus
from fitroom.imaging import MEDIA_TYPES
from fitroom.jobs import credits
from fitroom.snapshot import Delivery, JobSnapshot
from fitroom.storage import BlobStore


class JobNotFound(Exception):
    pass


class JobExpired(Exception):
    pass


class StoreLinks:
    """`Links` over the blob store: signed URLs that live `ttl` seconds, and inline blobs."""

    def __init__(self, store: BlobStore, ttl: int) -> None:
        self.store = store
        self.ttl = ttl

    def url(self, key: str) -> str:
        return self.store.signed_url(key, self.ttl)

    def data_uri(self, key: str) -> str:
        media_type = MEDIA_TYPES[key.rsplit(".", 1)[-1]]
        return f"data:{media_type};base64,{base64.b64encode(self.store.get(key)).decode('ascii')}"


def links(ctx: Context, expires_at: datetime) -> StoreLinks:
    """Links of a job's images: the configured TTL, never past the job's expiry."""
    remaining = int((expires_at - utcnow()).total_seconds())
    return StoreLinks(ctx.store, max(1, min(ctx.settings.output_url_ttl_seconds, remaining)))


def output_urls(ctx: Context, job: Job) -> list[str]:
    """Signed URLs of a job row's finished outputs, in garment order (the dashboard's rows)."""
    signer = links(ctx, job.expires_at)
    return [signer.url(item.output_key) for item in job.items if item.output_key]


def input_urls(ctx: Context, job: Job) -> tuple[str | None, list[str]]:
    """Signed URLs of a job row's person photo and garment photos, in the order they were sent."""
    signer = links(ctx, job.expires_at)
    person = signer.url(job.person_key) if job.person_key else None
    return person, [signer.url(key) for key in job.options.garment_keys]


def is_job_id(value: str) -> bool:
    """Whether `value` could name a job: ids are canonical UUIDs (see `new_id`)."""
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _latest_delivery(job_id: ColumnExpressionArgument[str]) -> ScalarSelect[Any]:
    """The id of the job's newest delivery, as a subquery (over an alias: the outer query joins
    the deliveries table itself)."""
    other = aliased(WebhookDelivery)
    return (
        select(other.id)
        .where(other.job_id == job_id)
        .order_by(other.created_at.desc())
        .limit(1)
        .correlate_except(other)
        .scalar_subquery()
    )


def _delivery(
    job: Job, status: str | None, attempts: list[dict[str, Any]] | None, delivered_at: datetime | None
) -> Delivery | None:
    """The webhook's state from its latest delivery's columns (all None when it has none yet:
    before the job finishes it is pending)."""
    if not job.webhook_url:
        return None
    if status is None:
        return Delivery(DeliveryStatus.PENDING, 0, None, None, None)
    last = attempts[-1] if attempts else {}
    return Delivery(
        DeliveryStatus(status), len(attempts or []), last.get("status_code"), last.get("error"), delivered_at
    )


def snapshot(
    ctx: Context, job: Job, *, used: int, balance: int | None = None, delivery: Delivery | None = None
) -> JobSnapshot:
    """The snapshot of a job row read (with its items) in the caller's transaction."""
    options = job.options
    return JobSnapshot(
        id=job.id,
        account_id=job.account_id,
        dialect=job.dialect,
        status=JobStatus(job.status),
        progress=job.progress,
        tier=job.tier,
        swap_target=job.swap_target,
        garment_targets=tuple(options.garment_targets) if options.garment_targets else None,
        layered=options.layered,
        return_base64=options.return_base64,
        person_key=job.person_key,
        garment_keys=tuple(options.garment_keys),
        output_keys=tuple(item.output_key for item in job.items if item.output_key),
        error_code=job.error_code,
        error_message=job.error_message,
        attempts=job.attempts,
        processing_ms=job.processing_ms,
        created_at=job.created_at,
        started_at=job.started_at,
        completed_at=job.completed_at,
        expires_at=job.expires_at,
        credits_used=used,
        balance=balance,
        webhook=delivery,
        links=links(ctx, job.expires_at),
    )


@cache
def _job_query(balance: bool, by_key: bool) -> Select[Any]:
    """`read`'s query, with the job, account (and key, when `by_key`) as bound parameters.

    Built once per shape: building it (the correlated subqueries, the alias, the eager load)
    cost about as much Python as running it, on every status read.
    """
    query = (
        select(
            Job,
            credits.used_by(Job.id),
            credits.balance_of(Job.account_id) if balance else null(),
            WebhookDelivery.status,
            WebhookDelivery.attempts,
            WebhookDelivery.delivered_at,
        )
        .outerjoin(WebhookDelivery, WebhookDelivery.id == _latest_delivery(Job.id))
        .where(Job.id == bindparam("job_id"), Job.account_id == bindparam("account_id"))
        .options(joinedload(Job.items))
    )
    return query.where(Job.api_key_id == bindparam("api_key_id")) if by_key else query


def read(
    ctx: Context, session: Session, account_id: str, job_id: str, *, api_key_id: str | None = None, balance: bool
) -> JobSnapshot:
    """The account's job, in one query; another account's job is simply not found, nor, with
    `api_key_id`, a job another key made. `balance`: read the account's balance too.

    A value that is no job id is not looked up at all: it cannot match, and PostgreSQL
    refuses some (a NUL byte) with an error instead of an empty answer.
    """
    if not is_job_id(job_id):
        raise JobNotFound(job_id)
    values = {"job_id": job_id, "account_id": account_id}
    if api_key_id is not None:
        values["api_key_id"] = api_key_id
    row = session.execute(_job_query(balance, api_key_id is not None), values).unique().first()
    if row is None:
        raise JobNotFound(job_id)
    job, used, account_balance, *delivery = row
    if job.purged_at is not None or job.expires_at <= utcnow():
        raise JobExpired(job_id)
    return snapshot(
        ctx,
        job,
        used=int(used),
        balance=None if account_balance is None else int(account_balance),
        delivery=_delivery(job, *delivery),
    )


def read_job(
    ctx: Context, account_id: str, job_id: str, *, api_key_id: str | None = None, balance: bool = False
) -> JobSnapshot:
    """`read` in a read transaction of its own, read again if the database connection drops."""

    def once() -> JobSnapshot:
        with ctx.db.reader() as session:
            return read(ctx, session, account_id, job_id, api_key_id=api_key_id, balance=balance)

    return retrying(once)


def closed(ctx: Context, session: Session, job: Job) -> JobSnapshot:
    """The snapshot of a job its closing transaction has just finished, with the credits it used
    and the balance left, both read in that transaction (one query)."""
    used, balance = session.execute(select(credits.used_by(job.id), credits.balance_of(job.account_id))).one()
    return snapshot(ctx, job, used=int(used), balance=int(balance or 0))


def wait_result(ctx: Context, account_id: str, job_id: str, *, balance: bool) -> JobSnapshot | None:
    """The job if it has finished (completed or failed), else None."""
    done = read_job(ctx, account_id, job_id, balance=balance)
    return done if done.status in FINISHED else None
