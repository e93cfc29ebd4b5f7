"""FASHN's prediction object for a job: what `/v1/status/{id}` answers and what its webhook posts.

FASHN sends "the complete response payload" of the status endpoint to `webhook_url`, so
both are built here, once, from any job (whichever API made it).
"""

from __future__ import annotations

import base64
from typing import Any

from fitroom.context import Context
from fitroom.db.models import Job
from fitroom.domain import JobStatus
from fitroom.imaging import MEDIA_TYPES
from fitroom.jobs.service import output_urls

#: fitroom's job states → FASHN's status words.
STATUS_NAMES: dict[str, str] = {
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


def _data_uri(ctx: Context, key: str) -> str:
    media_type = MEDIA_TYPES[key.rsplit(".", 1)[-1]]
    return f"data:{media_type};base64,{base64.b64encode(ctx.store.get(key)).decode('ascii')}"


def prediction(ctx: Context, job: Job) -> dict[str, Any]:
    """`{id, status, output, error}`; outputs are signed URLs, or `data:` URIs with `return_base64`."""
    body: dict[str, Any] = {"id": job.id, "status": STATUS_NAMES[job.status], "output": None, "error": None}
    if job.status == JobStatus.COMPLETED:
        if job.options.return_base64:
            body["output"] = [_data_uri(ctx, item.output_key) for item in job.items if item.output_key]
        else:
            body["output"] = output_urls(ctx, job)
    elif job.status == JobStatus.FAILED:
        body["error"] = {
            "name": ERROR_NAMES.get(job.error_code or "", "InternalServerError"),
            "message": job.error_message or "the render failed",
        }
    return body
