"""The VirtuFit dialect (seed 000): `POST /api/v1/generate` and `GET /api/v1/jobs/{id}`."""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Header, Query, UploadFile
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from fitroom import domain
from fitroom.accounts import Principal
from fitroom.api.deps import KEY_HEADER_HINT, ContextDep, PrincipalDep, ReaderDep
from fitroom.api.errors import ApiError, auth_errors, documented_errors
from fitroom.api.inputs import fetch, read_uploads, webhook_secret_value, webhook_target
from fitroom.api.jobaccess import (
    IDEMPOTENCY_ERROR,
    IdempotencyKeyHeader,
    accept,
    idempotency_key,
    job_answer,
    replay_headers,
)
from fitroom.context import Context
from fitroom.db import retrying
from fitroom.domain import (
    COMPOSE_MODES,
    DEFAULT_SWAP_TARGET,
    DEFAULT_TIER,
    OUTPUT_FORMATS,
    SWAP_TARGETS,
    TIERS,
    SwapTarget,
    TierName,
)
from fitroom.jobs import listing
from fitroom.jobs.reading import wait_result
from fitroom.jobs.service import SEED_LIMIT, ImageInput, JobRequest
from fitroom.snapshot import JobSnapshot
from fitroom.wire import virtufit as wire

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
_OUTPUT = (
    f"http://127.0.0.1:8000/files/jobs/{_JOB[:2]}/{_JOB}-output-0-5e2a9c1d7b3f.jpeg?expires=1767225600&signature=9c0f…"
)
_ACCEPTED_EXAMPLE = {
    "accepted": True,
    "job_id": _JOB,
    "status": domain.JobStatus.QUEUED,
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
    "tier": TierName.BASIC,
    "credits_used": 1,
    "credits_remaining": 49,
    "processing_time_ms": 2140,
}
_STATUS_EXAMPLE = {
    "job_id": _JOB,
    "status": domain.JobStatus.COMPLETED,
    "progress": 100,
    "output_url": _OUTPUT,
    "output_urls": [_OUTPUT],
    "tier": TierName.BASIC,
    "swap_target": SwapTarget.TOP,
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


_PAGE_EXAMPLE = {
    "jobs": [
        {
            "job_id": _JOB,
            "status": domain.JobStatus.COMPLETED,
            "progress": 100,
            "dialect": "virtufit",
            "tier": TierName.BASIC,
            "swap_target": SwapTarget.TOP,
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


async def wait_for(ctx: Context, principal: Principal, job_id: str, seconds: float) -> JobSnapshot | None:
    """Wait until the job finishes or `seconds` pass, whichever process renders it; the finished
    job's snapshot (with the balance, unless a publishable key asks).

    Woken by the job-finished event (Redis, or this process's own workers); the database
    is polled as well, every few seconds while the event subscription is up, quickly
    otherwise, since the event is only a hint.
    """
    deadline = time.monotonic() + seconds
    delay = 0.05
    with ctx.events.watch(job_id) as finished:
        while (remaining := min(deadline, ctx.events.drain_deadline or deadline) - time.monotonic()) > 0:
            job = await run_in_threadpool(
                wait_result, ctx, principal.account_id, job_id, balance=not principal.publishable
            )
            if job is not None:
                return job
            poll = _EVENT_POLL_SECONDS if ctx.events.listening else delay
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(finished.wait(), min(poll, remaining))
            finished.clear()
            delay = min(delay * 1.5, 0.5)
    return None


def _sync_answer(job: JobSnapshot) -> JSONResponse:
    """`Prefer: wait`'s answer: 200 with the outputs, or 422 when the job failed."""
    answer = wire.sync_answer(job)
    return JSONResponse(answer.model_dump(), status_code=422 if isinstance(answer, wire.SyncFailure) else 200)


def _image_sources(
    person_image: UploadFile | None,
    person_image_url: str | None,
    garment_image: list[UploadFile] | None,
    garment_urls: str | None,
) -> tuple[list[tuple[UploadFile, str]], str | None, list[str]]:
    """Which images the request gives, checked for count (uploads in field order, the person's
    first; the person's URL; garment URLs), before any of them is read."""
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
        files.insert(0, (person_image, "person_image"))
    return files, person_image_url, urls


def _collect_images(
    ctx: Context, files: list[tuple[UploadFile, str]], person_url: str | None, garment_urls: list[str]
) -> tuple[ImageInput, list[ImageInput]]:
    """Read and check the images `_image_sources` named (blocking: see `jobaccess.accept`)."""
    if person_url is None:
        person, *garments = read_uploads(ctx, files)
    else:
        person = fetch(ctx, person_url, "person_image_url")
        garments = read_uploads(ctx, files)
    garments += [fetch(ctx, u, "garment_urls") for u in garment_urls]
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
        202: {"model": wire.Accepted, "content": {"application/json": {"example": _ACCEPTED_EXAMPLE}}},
        200: {
            "description": "With `Prefer: wait`: the finished job",
            "model": wire.Finished,
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
    tier: Annotated[str, Form(description="nano | basic | pro")] = DEFAULT_TIER,
    swap_target: Annotated[
        str,
        Form(
            description="What to swap; see SWAP_TARGETS. With compose=layered, one per garment "
            "in garment order, comma-separated (e.g. top,bottom,shoes,watch,glasses)"
        ),
    ] = DEFAULT_SWAP_TARGET,
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
    swap_target = SwapTarget.FULL_OUTFIT if garment_targets else _choice(swap_target, SWAP_TARGETS, "swap_target")
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
    files, person_url, urls = _image_sources(person_image, person_image_url, garment_image, garment_urls)
    description = (garment_description or "").strip() or None

    def prepare() -> JobRequest:
        person, garments = _collect_images(ctx, files, person_url, urls)
        if garment_targets and len(garment_targets) != len(garments):
            raise ApiError(
                400,
                "invalid_request",
                f"swap_target lists {len(garment_targets)} targets for {len(garments)} garments; give one per garment",
                field="swap_target",
            )
        return JobRequest(
            dialect="virtufit",
            person=person,
            garments=garments,
            tier=tier,
            swap_target=swap_target,
            compose=compose,
            garment_targets=garment_targets,
            garment_description=description,
            webhook_url=hook,
            webhook_secret=secret,
            seed=seed,
            output_format=output_format,
        )

    wait = wait_seconds(prefer, ctx)
    done = await accept(ctx, principal, prepare, key)
    job = done.job
    if wait and (finished := await wait_for(ctx, principal, job.id, wait)) is not None:
        answer = await run_in_threadpool(_sync_answer, finished)
        answer.headers.update(replay_headers(done))
        return answer
    accepted = wire.Accepted(
        accepted=True,
        job_id=job.id,
        status=domain.JobStatus.QUEUED,
        status_url=_status_url(ctx, job.id),
        message=_QUEUED if done.estimate is not None else _NO_WORKER.format(engine=job.engine),
        estimated_seconds=done.estimate,
        credits_reserved=True,
        credits_required=job.credits_reserved,
    )
    return JSONResponse(accepted.model_dump(), status_code=202, headers=replay_headers(done))


@router.get(
    "/api/v1/jobs/{job_id}",
    summary="Job status and results",
    description="Any job of the account can be read here, whichever API made it (with a publishable key: only "
    "the jobs it made, and `credits_remaining` is null). A signed-in dashboard "
    "may read it with its session cookie instead of a key; a request that sends a key is judged by the key.",
    responses={
        200: {"model": wire.JobStatus, "content": {"application/json": {"example": _STATUS_EXAMPLE}}},
        **documented_errors(
            "/api/v1/jobs",
            *auth_errors(KEY_HEADER_HINT),
            (404, "not_found", "no such job"),
            (404, "expired", "this job has expired and its images were deleted"),
        ),
    },
)
async def get_job_status(job_id: str, ctx: ContextDep, reader: ReaderDep) -> dict[str, Any]:
    return await job_answer(
        ctx, reader, job_id, lambda job: wire.status(job).model_dump(), balance=not reader.publishable
    )


def _status_url(ctx: Context, job_id: str) -> str:
    return f"{ctx.settings.base_url}/api/v1/jobs/{job_id}"


def _page(ctx: Context, reader: Principal, status: str | None, limit: int, cursor: str | None) -> dict[str, Any]:
    with ctx.db.reader() as session:
        try:
            jobs, next_cursor = listing.list_jobs(
                ctx,
                session,
                reader.account_id,
                status=status,
                limit=limit,
                cursor=cursor,
                api_key_id=reader.own_jobs_key,
            )
        except listing.BadCursor:
            raise ApiError(
                400, "invalid_request", "cursor: give the next_cursor of a previous page", field="cursor"
            ) from None
        page = wire.JobPage(jobs=[wire.summary(job, _status_url(ctx, job.id)) for job in jobs], next_cursor=next_cursor)
        return page.model_dump()


@router.get(
    "/api/v1/jobs",
    summary="List jobs, newest first",
    description="The account's unexpired jobs (a publishable key's: those it made), whichever API made them, newest first, a page at a time: "
    "pass a page's `next_cursor` as `cursor` for the next one (`next_cursor` is null on the last page). "
    "Each entry is a summary; `status_url` has the full status.",
    responses={
        200: {"model": wire.JobPage, "content": {"application/json": {"example": _PAGE_EXAMPLE}}},
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
    status: Annotated[wire.StatusWord | None, Query(description="Only jobs in this state")] = None,
    limit: Annotated[int, Query(ge=1, le=listing.MAX_LIMIT, description="Jobs per page")] = listing.DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page")] = None,
) -> dict[str, Any]:
    return await run_in_threadpool(retrying, lambda: _page(ctx, reader, status, limit, cursor))
