"""Submitting and reading jobs for any dialect, with the job service's outcomes as API errors.

Every dialect maps its request onto one `JobRequest` and its status answer onto one `Job`;
what is left to a dialect module is the translation of fields, not the rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from fitroom.api.errors import ApiError
from fitroom.context import Context
from fitroom.db import retrying
from fitroom.db.models import Job
from fitroom.jobs import credits
from fitroom.jobs.service import JobExpired, JobNotFound, JobRequest, QueueFull, get_job, submit

T = TypeVar("T")


async def accept(ctx: Context, account_id: str, request: JobRequest) -> tuple[Job, int | None]:
    """Queue the job (credits reserved); returns it and its estimated seconds (None: no live
    worker runs its engine), or 402/503."""
    try:
        return await run_in_threadpool(submit, ctx, account_id, request)
    except credits.InsufficientCredits as exc:
        raise ApiError(402, "insufficient_credits", str(exc)) from exc
    except QueueFull as exc:
        raise ApiError(
            503, "overloaded", "the render queue is full; retry later",
            headers={"Retry-After": str(exc.retry_after)},
        ) from exc


def read_job(ctx: Context, account_id: str, job_id: str, view: Callable[[Session, Job], T]) -> T:
    """`view` of the account's job inside one read transaction; another account's job is 404.

    Read again on a new connection if the database connection drops meanwhile.
    """
    return retrying(lambda: _read_job(ctx, account_id, job_id, view))


def _read_job(ctx: Context, account_id: str, job_id: str, view: Callable[[Session, Job], T]) -> T:
    with ctx.db.reader() as session:
        try:
            job = get_job(session, account_id, job_id)
        except JobNotFound:
            raise ApiError(404, "not_found", "no such job") from None
        except JobExpired:
            raise ApiError(404, "expired", "this job has expired and its images were deleted") from None
        return view(session, job)


async def job_view(ctx: Context, account_id: str, job_id: str, view: Callable[[Session, Job], T]) -> T:
    """`read_job` off the event loop."""
    return await run_in_threadpool(read_job, ctx, account_id, job_id, view)
