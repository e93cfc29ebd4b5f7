"""The Miragic dialect (seed 002): `POST /api/v1/virtual-try-on` and `GET /api/v1/virtual-try-on/{jobId}`.

A single try-on is one garment and one output; a combo (`bottomClothImage` sent) layers
the top and the bottom into one output. Either costs one basic run (SPEC section 3),
unlike a VirtuFit layered job, which costs one run per garment.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Response, UploadFile

from fitroom.api.deps import KEY_HEADER_HINT, ContextDep, MiragicPrincipalDep
from fitroom.api.errors import MIRAGIC_PREFIX, ApiError, auth_errors, documented_errors
from fitroom.api.inputs import read_uploads
from fitroom.api.jobaccess import (
    IDEMPOTENCY_ERROR,
    IdempotencyKeyHeader,
    accept,
    idempotency_key,
    job_answer,
    replay_headers,
)
from fitroom.domain import TIERS, SwapTarget, TierName
from fitroom.jobs.service import JobRequest
from fitroom.wire import miragic as wire

router = APIRouter(tags=["Miragic"])

TIER = TierName.BASIC
_CREATED_EXAMPLE = {
    "success": True,
    "message": "Virtual try-on job created and processing started",
    "data": {
        "jobId": "89011007-ea00-4160-9f3d-b15e77b719bc",
        "status": "PENDING",
        "mode": "TOP_BOTTOM",
        "createdAt": "2025-10-08T14:25:18.213Z",
    },
}
_FILE = "http://127.0.0.1:8000/files/jobs/25/25331fb2-d0b0-44bd-b932-44f6fcc85e3e"
_SIGNATURE = "?expires=1759939812&signature=3f1c…"
_STATUS_EXAMPLE = {
    "success": True,
    "data": {
        "id": "25331fb2-d0b0-44bd-b932-44f6fcc85e3e",
        "status": "COMPLETED",
        "progress": 100,
        "mode": "SINGLE",
        "humanImagePath": f"{_FILE}-person.jpeg{_SIGNATURE}",
        "clothImagePath": f"{_FILE}-garment-0.jpeg{_SIGNATURE}",
        "bottomClothImagePath": None,
        "resultImagePath": f"{_FILE}-output-0-9b1d2c3e4f5a.jpeg{_SIGNATURE}",
        "processedUrl": f"{_FILE}-output-0-9b1d2c3e4f5a.jpeg{_SIGNATURE}",
        "download_signed_url": f"{_FILE}-output-0-9b1d2c3e4f5a.jpeg{_SIGNATURE}",
        "createdAt": "2025-10-08T14:50:12.191Z",
        "processingStartedAt": "2025-10-08T14:50:12.194Z",
        "processingCompletedAt": "2025-10-08T14:50:14.211Z",
        "errorMessage": None,
    },
}


@router.post(
    MIRAGIC_PREFIX,
    summary="Create a try-on job (single garment or top + bottom combo)",
    description=(
        "Multipart form with header `X-API-Key`. Single try-on: `humanImage`, `clothImage` and "
        "`garmentType` (`upper_body` → top, `lower_body` → bottom, `full_body` → dress). Combo try-on: "
        "add `bottomClothImage`; `clothImage` is the top, both are worn in ONE output image "
        "(`mode: TOP_BOTTOM`) and `garmentType` may be any text. Either costs one basic run (1 credit). "
        "Limited to 60 requests a minute per API key."
    ),
    responses={
        200: {"model": wire.Created, "content": {"application/json": {"example": _CREATED_EXAMPLE}}},
        **documented_errors(
            MIRAGIC_PREFIX,
            (400, "invalid_request", "garmentType must be upper_body, lower_body or full_body"),
            *auth_errors(KEY_HEADER_HINT),
            (402, "insufficient_credits", "this request needs 1 credits; the balance is 0"),
            (415, "unsupported_image_type", "humanImage: not a JPEG, PNG or WebP image"),
            IDEMPOTENCY_ERROR,
        ),
    },
)
async def create_try_on(
    response: Response,
    ctx: ContextDep,
    principal: MiragicPrincipalDep,
    human_image: Annotated[UploadFile, File(alias="humanImage", description="Person photo (JPEG, PNG, WebP; ≤ 10 MB)")],
    cloth_image: Annotated[UploadFile, File(alias="clothImage", description="Garment photo; the top in a combo")],
    garment_type: Annotated[
        str | None, Form(alias="garmentType", description="upper_body | lower_body | full_body; any text in a combo")
    ] = None,
    bottom_cloth_image: Annotated[
        UploadFile | None, File(alias="bottomClothImage", description="Bottom garment photo: makes it a combo")
    ] = None,
    idempotency: IdempotencyKeyHeader = None,
) -> dict[str, Any]:
    key = idempotency_key(idempotency)
    combo = bottom_cloth_image is not None
    swap_target = SwapTarget.FULL_OUTFIT if combo else wire.GARMENT_TYPES.get((garment_type or "").strip().lower())
    if swap_target is None:
        raise ApiError(
            400,
            "invalid_request",
            "garmentType must be upper_body, lower_body or full_body (any text with bottomClothImage)",
            field="garmentType",
        )
    uploads = [(human_image, "humanImage"), (cloth_image, "clothImage")]
    if bottom_cloth_image is not None:
        uploads.append((bottom_cloth_image, "bottomClothImage"))

    def prepare() -> JobRequest:
        person, *garments = read_uploads(ctx, uploads)
        return JobRequest(
            dialect="miragic",
            person=person,
            garments=garments,
            tier=TIER,
            swap_target=swap_target,
            compose="layered" if combo else "separate",
            fixed_price=TIERS[TIER].price,
            garment_targets=[SwapTarget.TOP, SwapTarget.BOTTOM] if combo else None,
        )

    done = await accept(ctx, principal, prepare, key)
    response.headers.update(replay_headers(done))
    return wire.created(done.job.id, combo, done.job.created_at).model_dump()


@router.get(
    MIRAGIC_PREFIX + "/{job_id}",
    summary="Try-on job status and result",
    description=(
        "PENDING (queued or rendering, `progress` 0–99), COMPLETED (download `download_signed_url`) or "
        "FAILED (`errorMessage`). Image paths are signed URLs that expire. Any job of the account can be "
        "read here, whichever API made it."
    ),
    responses={
        200: {"model": wire.JobStatus, "content": {"application/json": {"example": _STATUS_EXAMPLE}}},
        **documented_errors(
            MIRAGIC_PREFIX,
            *auth_errors(KEY_HEADER_HINT),
            (404, "not_found", "no such job"),
            (404, "expired", "this job has expired and its images were deleted"),
        ),
    },
)
async def get_try_on(job_id: str, ctx: ContextDep, principal: MiragicPrincipalDep) -> dict[str, Any]:
    return await job_answer(ctx, principal, job_id, lambda job: wire.status(job).model_dump())
