"""Submitting and reading jobs for any dialect, with the job service's outcomes as API errors.

Every dialect maps its request onto one `JobRequest` and builds its status answer from one
`JobSnapshot` (with its wire formats in `fitroom.wire`); what is left to a dialect module is the
translation of fields, not the rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, TypeVar

from fastapi import Header
from starlette.concurrency import run_in_threadpool

from fitroom.accounts import Principal
from fitroom.api.errors import ApiError
from fitroom.context import Context
from fitroom.jobs import credits, idempotency, reading
from fitroom.jobs.service import JobRequest, QueueFull, Submitted, submit_once
from fitroom.snapshot import JobSnapshot

T = TypeVar("T")

#: Sent, set to "true", on an answer that repeats a job made before under the same idempotency key.
REPLAYED_HEADER = "Idempotent-Replayed"
IDEMPOTENCY_FIELD = "Idempotency-Key"

IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        alias=IDEMPOTENCY_FIELD,
        description="Any unique text up to 255 printable ASCII characters (a UUID, say). A retry with "
        "the same key and the same request answers with the first request's job (same id, nothing "
        f"charged again, `{REPLAYED_HEADER}: true`); the same key with another request is refused "
        "with 422 `idempotency_conflict`. Keys are kept 24 hours per account.",
    ),
]

IDEMPOTENCY_ERROR = (422, "idempotency_conflict", "this Idempotency-Key was already used with a different request")


def idempotency_key(value: str | None) -> str | None:
    """The request's idempotency key, or None without one; 400 for a key that cannot be one."""
    if value is None:
        return None
    if not idempotency.is_valid_key(value):
        raise ApiError(
            400,
            "invalid_request",
            f"{IDEMPOTENCY_FIELD} must be 1 to {idempotency.MAX_KEY} printable ASCII characters",
            field=IDEMPOTENCY_FIELD,
        )
    return value


def replay_headers(done: Submitted) -> dict[str, str]:
    return {REPLAYED_HEADER: "true"} if done.replayed else {}


async def accept(
    ctx: Context, principal: Principal, prepare: Callable[[], JobRequest], key: str | None = None
) -> Submitted:
    """Queue the job `prepare` makes (credits reserved) once per idempotency `key`; it comes with
    its estimated seconds (None: no live worker runs its engine). Or 402/422/503, or what
    `prepare` raised.

    `prepare` reads and checks the request's images (blocking work: decodes, downloads), so it
    runs in the same worker thread as the recording of the job: one thread hop per accept.
    """

    def prepared_and_submitted() -> Submitted:
        request = prepare()
        request.api_key_id = principal.key_id
        return submit_once(ctx, principal.account_id, request, key)

    try:
        return await run_in_threadpool(prepared_and_submitted)
    except idempotency.IdempotencyConflict as exc:
        raise ApiError(*IDEMPOTENCY_ERROR[:3], field=IDEMPOTENCY_FIELD) from exc
    except credits.InsufficientCredits as exc:
        raise ApiError(402, "insufficient_credits", str(exc)) from exc
    except QueueFull as exc:
        raise ApiError(
            503, "overloaded", "the render queue is full; retry later", headers={"Retry-After": str(exc.retry_after)}
        ) from exc


def read_job(ctx: Context, principal: Principal, job_id: str, *, balance: bool = False) -> JobSnapshot:
    """A snapshot of the account's job (with the balance when `balance`), read in one query; another
    account's job is 404, and so, for a publishable key, is a job another key made."""
    try:
        return reading.read_job(ctx, principal.account_id, job_id, api_key_id=principal.own_jobs_key, balance=balance)
    except reading.JobNotFound:
        raise ApiError(404, "not_found", "no such job") from None
    except reading.JobExpired:
        raise ApiError(404, "expired", "this job has expired and its images were deleted") from None


async def job_answer(
    ctx: Context, principal: Principal, job_id: str, build: Callable[[JobSnapshot], T], *, balance: bool = False
) -> T:
    """`build` (a dialect's wire format) of the job's snapshot, both off the event loop: building
    signs URLs, and FASHN's `return_base64` reads the outputs from the blob store."""
    return await run_in_threadpool(lambda: build(read_job(ctx, principal, job_id, balance=balance)))
