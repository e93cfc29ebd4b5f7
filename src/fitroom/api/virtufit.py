"""The VirtuFit dialect (seed 000): `POST /api/v1/generate` and `GET /api/v1/jobs/{id}`."""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, Form, Header, Query, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from fitroom import domain
from fitroom.accounts import Principal
from fitroom.api.deps import KEY_HEADER_HINT, ContextDep, PrincipalDep, ReaderDep
from fitroom.api.errors import ApiError, auth_errors, documented_errors
from fitroom.api.inputs import fetch_input, read_uploads, webhook_secret_value, webhook_target
from fitroom.api.jobaccess import (
    IDEMPOTENCY_ERROR,
    IdempotencyKeyHeader,
    accept,
    idempotency_key,
    job_view,
    read_job,
    replay_headers,
)
from fitroom.context import Context
from fitroom.db import retrying
from fitroom.db.models import Job
from fitroom.domain import COMPOSE_MODES, OUTPUT_FORMATS, SWAP_TARGETS, TIERS
from fitroom.jobs import credits, listing
from fitroom.jobs.service import SEED_LIMIT, ImageInput, JobRequest, output_urls, wait_result
from fitroom.jobs.webhooks import delivery_summary

router = APIRouter(tags=["VirtuFit"])

MAX_GARMENTS = 5
MAX_DESCRIPTION = 500
_PREFER_WAIT = re.compile(r"(?:^|[,;\s])wait(?:\s*=\s*(\d+))?", re.IGNORECASE)
#: How often a `Prefer: wait` request reads its job while job-finished events are heard.
_EVENT_POLL_SECONDS = 5.0

_QUEUED = "Generation queued. Poll status_url or provide webhook_url for callback."
_NO_WORKER = (
    "Generation queued, but no worker runs engine {engine} now: the job waits for one, or expires "
    "and is refunded. Poll status_url or provide webhook_url for callback."
)
_JOB = "7d1c6f0e-4b1a-4c55-9a0e-2f3b8d9c1e42"
_OUTPUT = f"http://127.0.0.1:8000/files/jobs/{_JOB}/output-0-5e2a9c1d7b3f.jpeg?expires=1767225600&signature=9c0f…"
_ACCEPTED_EXAMPLE = {
    "accepted": True,
    "job_id": _JOB,
    "status": "queued",
    "status_url": f"http://127.0.0.1:8000/api/v1/jobs/{_JOB}",
    "message": _QUEUED,
    "estimated_seconds": 4,
    "credits_reserved": True,
    "credits_required": 1,
}
_SYNC_EXAMPLE = {
    "success": True,
    "job_id": _JOB,
    "output_url": _OUTPUT,
    "output_urls": [_OUTPUT],
    "tier": "basic",
    "credits_used": 1,
    "credits_remaining": 49,
    "processing_time_ms": 2140,
}
_STATUS_EXAMPLE = {
    "job_id": _JOB,
    "status": "completed",
    "progress": 100,
    "output_url": _OUTPUT,
    "output_urls": [_OUTPUT],
    "tier": "basic",
    "swap_target": "top",
    "credits_used": 1,
    "credits_remaining": 49,
    "processing_time_ms": 2140,
    "error": None,
    "attempts": 1,
    "created_at": "2026-01-01T00:00:00.120000+00:00",
    "started_at": "2026-01-01T00:00:00.180000+00:00",
    "completed_at": "2026-01-01T00:00:02.320000+00:00",
    "expires_at": "2026-01-02T00:00:00.120000+00:00",
    "webhook": None,
}


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


class WebhookState(_Documented):
    status: Literal["pending", "delivered", "failed"]
    attempts: int
    last_status_code: int | None
    last_error: str | None
    delivered_at: str | None


class JobStatus(_Documented):
    job_id: str
    status: Literal["queued", "processing", "completed", "failed"]
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
    status: Literal["queued", "processing", "completed", "failed"]
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


_PAGE_EXAMPLE = {
    "jobs": [
        {
            "job_id": _JOB,
            "status": "completed",
            "progress": 100,
            "dialect": "virtufit",
            "tier": "basic",
            "swap_target": "top",
            "output_urls": [_OUTPUT],
            "error": None,
            "created_at": "2026-01-01T00:00:00.120000+00:00",
            "completed_at": "2026-01-01T00:00:02.320000+00:00",
            "expires_at": "2026-01-02T00:00:00.120000+00:00",
            "status_url": f"http://127.0.0.1:8000/api/v1/jobs/{_JOB}",
        }
    ],
    "next_cursor": "WyIyMDI2LTAxLTAxVDAwOjAwOjAwLjEyMDAwMCswMDowMCIsIjdkMWM2ZjBlLTRiMWEtNGM1NS05YTBlLTJmM2I4ZDljMWU0MiJd",
}


def _choice(value: str, allowed: tuple[str, ...], field: str) -> str:
    value = value.strip().lower()
    if value not in allowed:
        raise ApiError(400, "invalid_request", f"{field} must be one of: {', '.join(allowed)}", field=field)
    return value


def _layer_targets(value: str, compose: str) -> list[str] | None:
    """Each garment's own swap_target from a comma-separated list (a layered outfit), or
    None for the usual single value."""
    if "," not in value:
        return None
    if compose != "layered":
        raise ApiError(
            400, "invalid_request", "a list of swap_target values needs compose=layered", field="swap_target"
        )
    return [_choice(part, SWAP_TARGETS, "swap_target") for part in value.split(",")]


def wait_seconds(prefer: str | None, ctx: Context) -> float:
    """Seconds to hold the request open for `Prefer: wait[=N]`, 0 without it.

    N is capped at `max_wait_seconds`; a number too long to be anything else is the cap too,
    read without converting it (Python refuses to convert numbers over 4300 digits).
    """
    match = _PREFER_WAIT.search(prefer or "")
    if not match:
        return 0.0
    limit = ctx.settings.max_wait_seconds
    digits = match.group(1)
    return float(min(int(digits), limit) if digits and len(digits) <= 9 else limit)


async def wait_for(ctx: Context, account_id: str, job_id: str, seconds: float) -> Job | None:
    """Wait until the job finishes or `seconds` pass, whichever process renders it.

    Woken by the job-finished event (Redis, or this process's own workers); the database
    is polled as well, every few seconds while the event subscription is up, quickly
    otherwise, since the event is only a hint.
    """
    deadline = time.monotonic() + seconds
    delay = 0.05
    with ctx.events.watch(job_id) as finished:
        while (remaining := min(deadline, ctx.events.drain_deadline or deadline) - time.monotonic()) > 0:
            job = await run_in_threadpool(wait_result, ctx, account_id, job_id)
            if job is not None:
                return job
            poll = _EVENT_POLL_SECONDS if ctx.events.listening else delay
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(finished.wait(), min(poll, remaining))
            finished.clear()
            delay = min(delay * 1.5, 0.5)
    return None


def _error(job: Job) -> dict[str, str] | None:
    if job.status != domain.JobStatus.FAILED:
        return None
    return {"code": job.error_code or "engine_error", "message": job.error_message or "the render failed"}


def _requested_target(job: Job) -> str:
    """swap_target as the VirtuFit client sent it: a layered outfit's list, else the one value."""
    listed = job.options.garment_targets if job.dialect == "virtufit" else None
    return ",".join(listed) if listed else job.swap_target


def status_view(ctx: Context, show_balance: bool = True) -> Callable[[Session, Job], dict[str, Any]]:
    """The VirtuFit job status of a job, whichever dialect made it; `credits_remaining` is null
    unless `show_balance` (a publishable key never sees the balance)."""

    def view(session: Session, job: Job) -> dict[str, Any]:
        urls = output_urls(ctx, job)
        return {
            "job_id": job.id,
            "status": job.status,
            "progress": job.progress,
            "output_url": urls[0] if urls else None,
            "output_urls": urls,
            "tier": job.tier,
            "swap_target": _requested_target(job),
            "credits_used": credits.used_by_job(session, job.id),
            "credits_remaining": credits.balance(session, job.account_id) if show_balance else None,
            "processing_time_ms": job.processing_ms,
            "error": _error(job),
            "attempts": job.attempts,
            "created_at": job.created_at.isoformat(),
            "started_at": job.started_at.isoformat() if job.started_at else None,
            "completed_at": job.completed_at.isoformat() if job.completed_at else None,
            "expires_at": job.expires_at.isoformat(),
            "webhook": delivery_summary(session, job),
        }

    return view


def _sync_answer(ctx: Context, principal: Principal, job_id: str) -> JSONResponse:
    status = read_job(ctx, principal, job_id, status_view(ctx, not principal.publishable))
    if status["status"] == "failed":
        error = status["error"]
        return JSONResponse(
            {
                "success": False,
                "job_id": job_id,
                "status": "failed",
                "error": error,
                "credits_used": 0,
                "credits_remaining": status["credits_remaining"],
            },
            status_code=422,
        )
    return JSONResponse(
        {
            "success": True,
            "job_id": job_id,
            "output_url": status["output_url"],
            "output_urls": status["output_urls"],
            "tier": status["tier"],
            "credits_used": status["credits_used"],
            "credits_remaining": status["credits_remaining"],
            "processing_time_ms": status["processing_time_ms"],
        }
    )


async def _collect_images(
    ctx: Context,
    person_image: UploadFile | None,
    person_image_url: str | None,
    garment_image: list[UploadFile] | None,
    garment_urls: str | None,
) -> tuple[ImageInput, list[ImageInput]]:
    person_image_url = (person_image_url or "").strip() or None
    if (person_image is None) == (person_image_url is None):
        raise ApiError(
            400, "invalid_request", "send exactly one of person_image or person_image_url", field="person_image"
        )
    uploads = [g for g in garment_image or [] if g is not None]
    urls = [u.strip() for u in (garment_urls or "").split(",") if u.strip()]
    if not uploads and not urls:
        raise ApiError(400, "invalid_request", "send 1 to 5 garment_image files or garment_urls", field="garment_image")
    if len(uploads) + len(urls) > MAX_GARMENTS:
        raise ApiError(400, "invalid_request", f"at most {MAX_GARMENTS} garments per request", field="garment_image")
    files = [(g, "garment_image") for g in uploads]
    if person_image is not None:
        person, *garments = await read_uploads(ctx, [(person_image, "person_image"), *files])
    else:
        person = await fetch_input(ctx, person_image_url or "", "person_image_url")
        garments = await read_uploads(ctx, files)
    garments += [await fetch_input(ctx, u, "garment_urls") for u in urls]
    return person, garments


@router.post(
    "/api/v1/generate",
    status_code=202,
    summary="Generate try-on images",
    description=(
        "One person photo plus 1–5 garment photos; one output per garment (or one in all with "
        "`compose=layered`). Answers 202 with a job to poll, or 200 with the result when the "
        "request carries `Prefer: wait` and the job finishes in time."
    ),
    responses={
        202: {"model": Accepted, "content": {"application/json": {"example": _ACCEPTED_EXAMPLE}}},
        200: {
            "description": "With `Prefer: wait`: the finished job",
            "model": Finished,
            "content": {"application/json": {"example": _SYNC_EXAMPLE}},
        },
        **documented_errors(
            "/api/v1/generate",
            (400, "invalid_request", "tier must be one of: nano, basic, pro"),
            *auth_errors(KEY_HEADER_HINT),
            (402, "insufficient_credits", "this request needs 3 credits; the balance is 2"),
            (413, "file_too_large", "person_image: larger than 10 MB"),
            (415, "unsupported_image_type", "person_image: not a JPEG, PNG or WebP image"),
            (422, "invalid_image", "person_image: the image is truncated or corrupt"),
            IDEMPOTENCY_ERROR,
            (503, "overloaded", "the render queue is full; retry later"),
        ),
    },
)
async def generate(
    ctx: ContextDep,
    principal: PrincipalDep,
    person_image: Annotated[UploadFile | None, File(description="Person photo (JPEG, PNG, WebP; ≤ 10 MB)")] = None,
    person_image_url: Annotated[str | None, Form(description="URL of the person photo instead of a file")] = None,
    garment_image: Annotated[list[UploadFile] | None, File(description="1–5 garment photos")] = None,
    garment_urls: Annotated[str | None, Form(description="Comma-separated garment image URLs")] = None,
    tier: Annotated[str, Form(description="nano | basic | pro")] = "basic",
    swap_target: Annotated[
        str,
        Form(
            description="What to swap; see SWAP_TARGETS. With compose=layered, one per garment "
            "in garment order, comma-separated (e.g. top,bottom,shoes,watch,glasses)"
        ),
    ] = "full_outfit",
    garment_description: Annotated[str | None, Form(description="Hint, e.g. 'long sleeve'")] = None,
    webhook_url: Annotated[str | None, Form(description="https URL to POST the result to")] = None,
    webhook_secret: Annotated[str | None, Form(description="Signs webhook bodies")] = None,
    compose: Annotated[str, Form(description="separate (one output per garment) | layered")] = "separate",
    output_format: Annotated[str, Form(description="jpeg | png | webp")] = "jpeg",
    seed: Annotated[
        int | None,
        Form(
            ge=0,
            lt=SEED_LIMIT,
            description="Seed for reproducible output; without one, a random seed is recorded with the job",
        ),
    ] = None,
    prefer: Annotated[str | None, Header(description="`wait` or `wait=N` (N ≤ 120) for a synchronous answer")] = None,
    idempotency: IdempotencyKeyHeader = None,
) -> JSONResponse:
    key = idempotency_key(idempotency)
    tier = _choice(tier, tuple(TIERS), "tier")
    compose = _choice(compose, COMPOSE_MODES, "compose")
    garment_targets = _layer_targets(swap_target, compose)
    swap_target = "full_outfit" if garment_targets else _choice(swap_target, SWAP_TARGETS, "swap_target")
    output_format = _choice(output_format, OUTPUT_FORMATS, "output_format")
    if garment_description is not None and len(garment_description) > MAX_DESCRIPTION:
        raise ApiError(
            400,
            "invalid_request",
            f"garment_description is limited to {MAX_DESCRIPTION} characters",
            field="garment_description",
        )
    secret = webhook_secret_value(webhook_secret)
    hook = webhook_target(ctx, webhook_url)
    person, garments = await _collect_images(ctx, person_image, person_image_url, garment_image, garment_urls)
    if garment_targets and len(garment_targets) != len(garments):
        raise ApiError(
            400,
            "invalid_request",
            f"swap_target lists {len(garment_targets)} targets for {len(garments)} garments; give one per garment",
            field="swap_target",
        )
    request = JobRequest(
        dialect="virtufit",
        person=person,
        garments=garments,
        tier=tier,
        swap_target=swap_target,
        compose=compose,
        garment_targets=garment_targets,
        garment_description=(garment_description or "").strip() or None,
        webhook_url=hook,
        webhook_secret=secret,
        seed=seed,
        output_format=output_format,
    )
    wait = wait_seconds(prefer, ctx)
    done = await accept(ctx, principal, request, key)
    job = done.job
    if wait and await wait_for(ctx, principal.account_id, job.id, wait) is not None:
        answer = await run_in_threadpool(_sync_answer, ctx, principal, job.id)
        answer.headers.update(replay_headers(done))
        return answer
    return JSONResponse(
        {
            "accepted": True,
            "job_id": job.id,
            "status": "queued",
            "status_url": f"{ctx.settings.base_url}/api/v1/jobs/{job.id}",
            "message": _QUEUED if done.estimate is not None else _NO_WORKER.format(engine=job.engine),
            "estimated_seconds": done.estimate,
            "credits_reserved": True,
            "credits_required": job.credits_reserved,
        },
        status_code=202,
        headers=replay_headers(done),
    )


@router.get(
    "/api/v1/jobs/{job_id}",
    summary="Job status and results",
    description="Any job of the account can be read here, whichever API made it (with a publishable key: only "
    "the jobs it made, and `credits_remaining` is null). A signed-in dashboard "
    "may read it with its session cookie instead of a key; a request that sends a key is judged by the key.",
    responses={
        200: {"model": JobStatus, "content": {"application/json": {"example": _STATUS_EXAMPLE}}},
        **documented_errors(
            "/api/v1/jobs",
            *auth_errors(KEY_HEADER_HINT),
            (404, "not_found", "no such job"),
            (404, "expired", "this job has expired and its images were deleted"),
        ),
    },
)
async def get_job_status(job_id: str, ctx: ContextDep, reader: ReaderDep) -> dict[str, Any]:
    return await job_view(ctx, reader, job_id, status_view(ctx, not reader.publishable))


def _summary(ctx: Context, job: Job) -> dict[str, Any]:
    return {
        "job_id": job.id,
        "status": job.status,
        "progress": job.progress,
        "dialect": job.dialect,
        "tier": job.tier,
        "swap_target": _requested_target(job),
        "output_urls": output_urls(ctx, job),
        "error": _error(job),
        "created_at": job.created_at.isoformat(),
        "completed_at": job.completed_at.isoformat() if job.completed_at else None,
        "expires_at": job.expires_at.isoformat(),
        "status_url": f"{ctx.settings.base_url}/api/v1/jobs/{job.id}",
    }


def _page(ctx: Context, reader: Principal, status: str | None, limit: int, cursor: str | None) -> dict[str, Any]:
    with ctx.db.reader() as session:
        try:
            jobs, next_cursor = listing.list_jobs(
                session, reader.account_id, status=status, limit=limit, cursor=cursor, api_key_id=reader.own_jobs_key
            )
        except listing.BadCursor:
            raise ApiError(
                400, "invalid_request", "cursor: give the next_cursor of a previous page", field="cursor"
            ) from None
        return {"jobs": [_summary(ctx, job) for job in jobs], "next_cursor": next_cursor}


@router.get(
    "/api/v1/jobs",
    summary="List jobs, newest first",
    description="The account's unexpired jobs (a publishable key's: those it made), whichever API made them, newest first, a page at a time: "
    "pass a page's `next_cursor` as `cursor` for the next one (`next_cursor` is null on the last page). "
    "Each entry is a summary; `status_url` has the full status.",
    responses={
        200: {"model": JobPage, "content": {"application/json": {"example": _PAGE_EXAMPLE}}},
        **documented_errors(
            "/api/v1/jobs",
            (400, "invalid_request", "cursor: give the next_cursor of a previous page"),
            *auth_errors(KEY_HEADER_HINT),
        ),
    },
)
async def list_jobs(
    ctx: ContextDep,
    reader: ReaderDep,
    status: Annotated[
        Literal["queued", "processing", "completed", "failed"] | None, Query(description="Only jobs in this state")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=listing.MAX_LIMIT, description="Jobs per page")] = listing.DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
) -> dict[str, Any]:
    return await run_in_threadpool(retrying, lambda: _page(ctx, reader, status, limit, cursor))
