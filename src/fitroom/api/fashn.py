"""The FASHN dialect: `POST /v1/run`, `GET /v1/status/{id}` and `GET /v1/credits`.

Shaped after what the official `fashn` Python SDK sends and parses, so it works with only
`base_url=` changed: `Authorization: Bearer <key>`, `{"id", "error"}` from run, the status
object polled by `predictions.subscribe`, and `x-fashn-credits-used` on a finished status.
Only the `tryon-v1.6` model exists here; a prediction is one fitroom job with one output.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from fitroom.api.deps import BEARER_HINT, BearerPrincipalDep, ContextDep, SecretBearerPrincipalDep
from fitroom.api.errors import FASHN_PREFIX, ApiError, auth_errors, documented_errors
from fitroom.api.inputs import image_reference, webhook_target
from fitroom.api.jobaccess import (
    IDEMPOTENCY_ERROR,
    IdempotencyKeyHeader,
    accept,
    idempotency_key,
    job_answer,
    replay_headers,
)
from fitroom.context import Context
from fitroom.domain import TierName
from fitroom.jobs import credits
from fitroom.jobs.service import JobRequest
from fitroom.wire import fashn as wire

router = APIRouter(tags=["FASHN"])

MODEL_NAME = "tryon-v1.6"
CREDITS_USED_HEADER = "x-fashn-credits-used"


class TryOnInputs(BaseModel):
    """`inputs` of `tryon-v1.6`. Fields fitroom has no use for are accepted and ignored."""

    model_config = ConfigDict(protected_namespaces=())

    model_image: str = Field(description="Person photo: an http(s) URL or a `data:image/...;base64,` URI")
    garment_image: str = Field(description="Garment photo: an http(s) URL or a `data:image/...;base64,` URI")
    category: Literal["auto", "tops", "bottoms", "one-pieces"] = Field(
        "auto", description="tops → top, bottoms → bottom, one-pieces → dress; auto: told from the garment photo"
    )
    mode: Literal["performance", "balanced", "quality"] = Field(
        "balanced", description="Accepted; every mode renders the same basic tier (1024 px, 1 credit)"
    )
    garment_photo_type: Literal["auto", "flat-lay", "model"] = Field(
        "auto",
        description="auto: the engine tells flat-lay from on-model photos itself; flat-lay or model is honoured by the fashn-vton engine",
    )
    moderation_level: Literal["conservative", "permissive", "none"] = Field(
        "permissive", description="Accepted; fitroom does no content moderation"
    )
    segmentation_free: bool = Field(True, description="Accepted and ignored")
    seed: int = Field(42, ge=0, le=2**32 - 1, description="Passed to the engine")
    num_samples: int = Field(1, ge=1, le=4, description="Only 1: the engine is deterministic")
    output_format: Literal["png", "jpeg"] = "png"
    return_base64: bool = Field(False, description="Outputs as `data:` URIs in the status instead of URLs")


class RunRequest(BaseModel):
    model_config = ConfigDict(
        protected_namespaces=(),
        json_schema_extra={
            "examples": [
                {
                    "model_name": MODEL_NAME,
                    "inputs": {
                        "model_image": "https://example.com/person.jpg",
                        "garment_image": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA…",
                        "category": "tops",
                        "output_format": "png",
                    },
                }
            ]
        },
    )

    model_name: Literal["tryon-v1.6"]
    inputs: TryOnInputs


class RunResponse(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"id": "6f1b0a2e-…", "error": None}]})

    id: str
    error: str | None = None


class Credits(BaseModel):
    total: int
    subscription: int = Field(description="Always 0: fitroom has one balance")
    on_demand: int = Field(description="The account's balance")


class CreditsResponse(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"credits": {"total": 48, "subscription": 0, "on_demand": 48}}]}
    )

    credits: Credits


@router.post(
    "/v1/run",
    response_model=RunResponse,
    summary="Start a try-on prediction (tryon-v1.6)",
    description=(
        'JSON `{model_name: "tryon-v1.6", inputs: {model_image, garment_image, category, mode, seed, '
        "num_samples, output_format, return_base64}}` with `Authorization: Bearer <key>`. Images are "
        "http(s) URLs or `data:image/...;base64,` URIs. One output, one basic run (1 credit). "
        "With `?webhook_url=`, the finished status object is POSTed there (retried 5/25/125 s)."
    ),
    responses=documented_errors(
        FASHN_PREFIX,
        (400, "invalid_request", "inputs.category: Input should be 'auto', 'tops', 'bottoms' or 'one-pieces'"),
        *auth_errors(BEARER_HINT),
        (402, "insufficient_credits", "this request needs 1 credits; the balance is 0"),
        (422, "invalid_image", "inputs.model_image: the image is truncated or corrupt"),
        IDEMPOTENCY_ERROR,
    ),
)
async def run(
    body: RunRequest,
    response: Response,
    ctx: ContextDep,
    principal: BearerPrincipalDep,
    webhook_url: Annotated[
        str | None, Query(description="https URL that gets the finished prediction's status object, as FASHN sends it")
    ] = None,
    idempotency: IdempotencyKeyHeader = None,
) -> dict[str, Any]:
    key = idempotency_key(idempotency)
    inputs = body.inputs
    hook = webhook_target(ctx, webhook_url)
    if inputs.num_samples > 1:
        raise ApiError(
            400,
            "invalid_request",
            "num_samples above 1 is not supported: the engine is deterministic, so every sample would be the same",
            field="inputs.num_samples",
        )

    def prepare() -> JobRequest:
        person = image_reference(ctx, inputs.model_image, "inputs.model_image")
        garment = image_reference(ctx, inputs.garment_image, "inputs.garment_image")
        return JobRequest(
            dialect="fashn",
            person=person,
            garments=[garment],
            tier=TierName.BASIC,
            swap_target=wire.CATEGORIES[inputs.category],
            webhook_url=hook,
            seed=inputs.seed,
            output_format=inputs.output_format,
            return_base64=inputs.return_base64,
            garment_photo_type=None if inputs.garment_photo_type == "auto" else inputs.garment_photo_type,
        )

    done = await accept(ctx, principal, prepare, key)
    response.headers.update(replay_headers(done))
    return {"id": done.job.id, "error": None}


@router.get(
    "/v1/status/{prediction_id}",
    response_model=wire.StatusResponse,
    summary="Prediction status and output",
    description=(
        "`in_queue`, `processing`, then `completed` (with `output`) or `failed` (with `error`). A finished "
        f"prediction's answer carries `{CREDITS_USED_HEADER}`. Any job of the account can be read here, "
        "whichever API made it."
    ),
    responses={
        200: {
            "headers": {
                CREDITS_USED_HEADER: {"description": "Credits spent, once finished", "schema": {"type": "integer"}}
            }
        },
        **documented_errors(FASHN_PREFIX, *auth_errors(BEARER_HINT), (404, "not_found", "no such job")),
    },
)
async def status(
    prediction_id: str, response: Response, ctx: ContextDep, principal: BearerPrincipalDep
) -> dict[str, Any]:
    body, used = await job_answer(
        ctx, principal, prediction_id, lambda job: (wire.prediction(job).model_dump(), wire.credits_used(job))
    )
    if used is not None:
        response.headers[CREDITS_USED_HEADER] = str(used)
    return body


def _balance(ctx: Context, account_id: str) -> int:
    with ctx.db.reader() as session:
        return credits.balance(session, account_id)


@router.get(
    "/v1/credits",
    response_model=CreditsResponse,
    summary="Credits balance",
    description="fitroom keeps one balance per account: it is `total` and `on_demand`; `subscription` is 0. "
    "A publishable key may not read it (403).",
    responses=documented_errors(
        FASHN_PREFIX,
        *auth_errors(BEARER_HINT),
        (403, "forbidden", "a publishable key can only make try-ons and read its own jobs"),
    ),
)
async def get_credits(ctx: ContextDep, principal: SecretBearerPrincipalDep) -> dict[str, Any]:
    balance = await run_in_threadpool(_balance, ctx, principal.account_id)
    return {"credits": {"total": balance, "subscription": 0, "on_demand": balance}}
