"""Miragic's wire formats (seed 002): the created-job and status answers, in Miragic's words."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from fitroom.domain import JobStatus as Status
from fitroom.domain import SwapTarget
from fitroom.snapshot import JobSnapshot
from fitroom.wire import RENDER_FAILED, iso_utc

#: Miragic's garmentType of a single try-on → fitroom's swap_target.
GARMENT_TYPES: dict[str, str] = {
    "upper_body": SwapTarget.TOP,
    "lower_body": SwapTarget.BOTTOM,
    "full_body": SwapTarget.DRESS,
}

#: fitroom's job states → Miragic's status words (queued and rendering are both PENDING).
STATUS_NAMES: dict[Status, Literal["PENDING", "COMPLETED", "FAILED"]] = {
    Status.QUEUED: "PENDING",
    Status.PROCESSING: "PENDING",
    Status.COMPLETED: "COMPLETED",
    Status.FAILED: "FAILED",
}
#: A job with one garment per output, and one whose garments share one output (a combo).
SINGLE: Literal["SINGLE"] = "SINGLE"
TOP_BOTTOM: Literal["TOP_BOTTOM"] = "TOP_BOTTOM"
CREATED_MESSAGE = "Virtual try-on job created and processing started"


class _Documented(BaseModel):
    """An answer as the OpenAPI schema documents it: every key, and no others."""

    model_config = ConfigDict(extra="forbid")


class CreatedJob(_Documented):
    jobId: str
    status: Literal["PENDING"]
    mode: Literal["SINGLE", "TOP_BOTTOM"]
    createdAt: str


class Created(_Documented):
    success: Literal[True]
    message: str
    data: CreatedJob


class JobData(_Documented):
    id: str
    status: Literal["PENDING", "COMPLETED", "FAILED"]
    progress: int
    mode: Literal["SINGLE", "TOP_BOTTOM"]
    humanImagePath: str | None
    clothImagePath: str | None
    bottomClothImagePath: str | None
    resultImagePath: str | None
    processedUrl: str | None
    download_signed_url: str | None
    createdAt: str
    processingStartedAt: str | None
    processingCompletedAt: str | None
    errorMessage: str | None


class JobStatus(_Documented):
    success: Literal[True]
    data: JobData


def mode(job: JobSnapshot) -> Literal["SINGLE", "TOP_BOTTOM"]:
    """TOP_BOTTOM for a job whose garments share one output (a combo, or a VirtuFit layered job)."""
    return TOP_BOTTOM if job.layered and len(job.garment_keys) > 1 else SINGLE


def created(job_id: str, combo: bool, created_at: datetime) -> Created:
    """The answer to a new try-on: always PENDING."""
    return Created(
        success=True,
        message=CREATED_MESSAGE,
        data=CreatedJob(
            jobId=job_id,
            status=STATUS_NAMES[Status.QUEUED],
            mode=TOP_BOTTOM if combo else SINGLE,
            createdAt=iso_utc(created_at),
        ),
    )


def _iso(moment: datetime | None) -> str | None:
    return iso_utc(moment) if moment is not None else None


def status(job: JobSnapshot) -> JobStatus:
    """Miragic's status answer for a job, whichever dialect made it; every image path is a signed URL."""
    combo = mode(job)
    garments = job.garment_urls()
    outputs = job.output_urls()
    result = outputs[0] if outputs else None
    failed = job.status == Status.FAILED
    return JobStatus(
        success=True,
        data=JobData(
            id=job.id,
            status=STATUS_NAMES[job.status],
            progress=job.progress,
            mode=combo,
            humanImagePath=job.person_url(),
            clothImagePath=garments[0] if garments else None,
            bottomClothImagePath=garments[1] if combo == TOP_BOTTOM else None,
            resultImagePath=result,
            processedUrl=result,
            download_signed_url=result,
            createdAt=iso_utc(job.created_at),
            processingStartedAt=_iso(job.started_at),
            processingCompletedAt=_iso(job.completed_at),
            errorMessage=(job.error_message or RENDER_FAILED) if failed else None,
        ),
    )
