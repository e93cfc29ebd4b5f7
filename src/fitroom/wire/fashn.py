"""FASHN's wire format: the prediction object, what `/v1/status/{id}` answers and what its webhook posts.

FASHN sends "the complete response payload" of the status endpoint to `webhook_url`, so both
are built here, once, from any job (whichever API made it).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from fitroom.domain import JobStatus, SwapTarget
from fitroom.snapshot import JobSnapshot
from fitroom.wire import RENDER_FAILED

#: FASHN's category → fitroom's swap_target; `auto` lets the engine tell from the garment photo.
CATEGORIES: dict[str, str] = {
    "auto": SwapTarget.FULL_OUTFIT,
    "tops": SwapTarget.TOP,
    "bottoms": SwapTarget.BOTTOM,
    "one-pieces": SwapTarget.DRESS,
}

#: fitroom's job states → FASHN's status words.
STATUS_NAMES: dict[JobStatus, Literal["in_queue", "processing", "completed", "failed"]] = {
    JobStatus.QUEUED: "in_queue",
    JobStatus.PROCESSING: "processing",
    JobStatus.COMPLETED: "completed",
    JobStatus.FAILED: "failed",
}
#: fitroom's engine failure codes → the error names FASHN's status objects use.
ERROR_NAMES = {
    "no_person_detected": "PoseError",
    "multiple_people": "PoseError",
    "pose_not_supported": "PoseError",
    "garment_not_found": "PoseError",
    "image_load_error": "ImageLoadError",
    "engine_error": "PipelineError",
}


class PredictionError(BaseModel):
    name: str = Field(description="PoseError | ImageLoadError | PipelineError | InternalServerError")
    message: str


class StatusResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "6f1b0a2e-…",
                    "status": "completed",
                    "output": ["http://127.0.0.1:8000/files/jobs/6f/6f1b0a2e-…-output-0-….png?expires=…&signature=…"],
                    "error": None,
                },
                {
                    "id": "6f1b0a2e-…",
                    "status": "failed",
                    "output": None,
                    "error": {"name": "PoseError", "message": "no person was found in the photo"},
                },
            ]
        }
    )

    id: str
    status: Literal["starting", "in_queue", "processing", "completed", "failed"]
    output: list[str] | None = Field(None, description="Signed URLs, or data: URIs with return_base64")
    error: PredictionError | None = None


def prediction(job: JobSnapshot) -> StatusResponse:
    """`{id, status, output, error}`; outputs are signed URLs, or `data:` URIs with `return_base64`."""
    output = None
    error = None
    if job.status == JobStatus.COMPLETED:
        output = job.output_data_uris() if job.return_base64 else job.output_urls()
    elif job.status == JobStatus.FAILED:
        error = PredictionError(
            name=ERROR_NAMES.get(job.error_code or "", "InternalServerError"),
            message=job.error_message or RENDER_FAILED,
        )
    return StatusResponse(id=job.id, status=STATUS_NAMES[job.status], output=output, error=error)


def credits_used(job: JobSnapshot) -> int | None:
    """What `x-fashn-credits-used` carries: the credits spent, once the prediction has finished."""
    return job.credits_used if job.status.finished else None
