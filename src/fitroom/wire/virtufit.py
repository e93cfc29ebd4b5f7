"""VirtuFit's wire formats (seed 000): its answers and its `tryon.*` webhook events.

The models are what the OpenAPI document shows and what the answers are built with, so the
two cannot drift; fields are in the seed's order, which is the order of the JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from fitroom.domain import JobStatus as Status
from fitroom.snapshot import JobSnapshot
from fitroom.wire import RENDER_FAILED, iso_utc

#: The webhook event of a job that finished with at least one output, and of one that did not.
COMPLETED_EVENT = "tryon.completed"
FAILED_EVENT = "tryon.failed"
#: A job's status as VirtuFit answers it: fitroom's own words (`domain.JobStatus`).
StatusWord = Literal["queued", "processing", "completed", "failed"]


class _Documented(BaseModel):
    """An answer as the OpenAPI schema documents it: every key, and no others."""

    model_config = ConfigDict(extra="forbid")


class Accepted(_Documented):
    accepted: Literal[True]
    job_id: str
    status: Literal["queued"]
    status_url: str
    message: str
    estimated_seconds: int | None = Field(
        description="From recent render times and the queue; null while no worker runs the job's "
        "engine (the job waits for one, or expires and is refunded; `message` says so)"
    )
    credits_reserved: bool
    credits_required: int


class Finished(_Documented):
    success: Literal[True]
    job_id: str
    output_url: str | None
    output_urls: list[str]
    tier: str
    credits_used: int
    credits_remaining: int | None
    processing_time_ms: int | None


class JobError(_Documented):
    code: str
    message: str


class SyncFailure(_Documented):
    """`Prefer: wait`'s answer (422) when the job failed: nothing was charged."""

    success: Literal[False]
    job_id: str
    status: Literal["failed"]
    error: JobError | None
    credits_used: int
    credits_remaining: int | None


class WebhookState(_Documented):
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    last_status_code: int | None
    last_error: str | None
    delivered_at: str | None


class JobStatus(_Documented):
    job_id: str
    status: StatusWord
    progress: int
    output_url: str | None
    output_urls: list[str]
    tier: str
    swap_target: str
    credits_used: int
    credits_remaining: int | None
    processing_time_ms: int | None
    error: JobError | None
    attempts: int
    created_at: str
    started_at: str | None
    completed_at: str | None
    expires_at: str
    webhook: WebhookState | None


class JobSummary(_Documented):
    job_id: str
    status: StatusWord
    progress: int
    dialect: Literal["virtufit", "miragic", "fashn"]
    tier: str
    swap_target: str
    output_urls: list[str]
    error: JobError | None
    created_at: str
    completed_at: str | None
    expires_at: str
    status_url: str


class JobPage(_Documented):
    jobs: list[JobSummary]
    next_cursor: str | None


class CompletedEvent(_Documented):
    """The `tryon.completed` webhook body. Its URLs are signed when the job closes; a receiver
    that comes back later reads fresh ones from the job status."""

    event: Literal["tryon.completed"]
    job_id: str
    status: Literal["completed"]
    output_urls: list[str]
    output_url: str | None
    tier: str
    credits_used: int
    credits_remaining: int | None
    processing_ms: int | None
    timestamp: str


class FailedEvent(_Documented):
    """The `tryon.failed` webhook body."""

    event: Literal["tryon.failed"]
    job_id: str
    status: Literal["failed"]
    error: str
    credits_used: int
    attempts: int
    timestamp: str


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def requested_target(job: JobSnapshot) -> str:
    """swap_target as the VirtuFit client sent it: a layered outfit's list, else the one value."""
    listed = job.garment_targets if job.dialect == "virtufit" else None
    return ",".join(listed) if listed else job.swap_target


def error(job: JobSnapshot) -> JobError | None:
    if job.status != Status.FAILED:
        return None
    return JobError(code=job.error_code or "engine_error", message=job.error_message or RENDER_FAILED)


def webhook_state(job: JobSnapshot) -> WebhookState | None:
    if job.webhook is None:
        return None
    return WebhookState(
        status=job.webhook.status,
        attempts=job.webhook.attempts,
        last_status_code=job.webhook.last_status_code,
        last_error=job.webhook.last_error,
        delivered_at=_iso(job.webhook.delivered_at),
    )


def status(job: JobSnapshot) -> JobStatus:
    """The VirtuFit job status of a job, whichever dialect made it; `credits_remaining` is the
    snapshot's balance (null when it was not read: a publishable key never sees it)."""
    urls = job.output_urls()
    return JobStatus(
        job_id=job.id,
        status=job.status,
        progress=job.progress,
        output_url=urls[0] if urls else None,
        output_urls=urls,
        tier=job.tier,
        swap_target=requested_target(job),
        credits_used=job.credits_used,
        credits_remaining=job.balance,
        processing_time_ms=job.processing_ms,
        error=error(job),
        attempts=job.attempts,
        created_at=job.created_at.isoformat(),
        started_at=_iso(job.started_at),
        completed_at=_iso(job.completed_at),
        expires_at=job.expires_at.isoformat(),
        webhook=webhook_state(job),
    )


def sync_answer(job: JobSnapshot) -> Finished | SyncFailure:
    """`Prefer: wait`'s answer for a finished job: the outputs, or (422) why it failed."""
    if job.status == Status.FAILED:
        return SyncFailure(
            success=False,
            job_id=job.id,
            status=job.status,
            error=error(job),
            credits_used=0,
            credits_remaining=job.balance,
        )
    urls = job.output_urls()
    return Finished(
        success=True,
        job_id=job.id,
        output_url=urls[0] if urls else None,
        output_urls=urls,
        tier=job.tier,
        credits_used=job.credits_used,
        credits_remaining=job.balance,
        processing_time_ms=job.processing_ms,
    )


def summary(job: JobSnapshot, status_url: str) -> JobSummary:
    """A job as the job list shows it; `status_url` has the full status."""
    return JobSummary(
        job_id=job.id,
        status=job.status,
        progress=job.progress,
        dialect=job.dialect,
        tier=job.tier,
        swap_target=requested_target(job),
        output_urls=job.output_urls(),
        error=error(job),
        created_at=job.created_at.isoformat(),
        completed_at=_iso(job.completed_at),
        expires_at=job.expires_at.isoformat(),
        status_url=status_url,
    )


def event(job: JobSnapshot) -> CompletedEvent | FailedEvent:
    """The webhook body of a closed job (seed 000's event, fields in the seed's order)."""
    timestamp = iso_utc(job.completed_at or datetime.now(UTC))
    if job.status == Status.COMPLETED:
        urls = job.output_urls()
        return CompletedEvent(
            event=COMPLETED_EVENT,
            job_id=job.id,
            status=job.status,
            output_urls=urls,
            output_url=urls[0] if urls else None,
            tier=job.tier,
            credits_used=job.credits_used,
            credits_remaining=job.balance,
            processing_ms=job.processing_ms,
            timestamp=timestamp,
        )
    return FailedEvent(
        event=FAILED_EVENT,
        job_id=job.id,
        status=job.status,
        error=job.error_message or RENDER_FAILED,
        credits_used=job.credits_used,
        attempts=job.attempts,
        timestamp=timestamp,
    )
