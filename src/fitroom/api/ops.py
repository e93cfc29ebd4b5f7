"""Operations endpoints: liveness, readiness, Prometheus metrics, and signed file downloads."""

from __future__ import annotations

import mimetypes
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool

from fitroom.api.deps import ContextDep
from fitroom.api.errors import ApiError, documented_errors
from fitroom.context import Context
from fitroom.db.models import Job
from fitroom.domain import JobStatus
from fitroom.imaging import MEDIA_TYPES
from fitroom.jobs.routing import unserved
from fitroom.storage import BlobNotFound

router = APIRouter(tags=["Operations"])


class QueueCollector(Collector):
    """Reports jobs per status from the database at scrape time (all processes' jobs)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def collect(self) -> Any:
        gauge = GaugeMetricFamily("fitroom_jobs", "Unexpired jobs by status", labels=["status"])
        with self.ctx.db.reader() as session:
            rows = session.execute(
                select(Job.status, func.count()).where(Job.purged_at.is_(None)).group_by(Job.status)
            ).all()
        counts = {str(status): 0 for status in JobStatus} | {s: n for s, n in rows}
        for status, count in counts.items():
            gauge.add_metric([status], count)
        yield gauge


@router.get("/healthz", summary="Liveness")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


_READY_SCHEMA = {
    "type": "object",
    "required": ["status", "checks"],
    "properties": {
        "status": {"enum": ["ready", "not_ready"]},
        "checks": {"type": "object", "additionalProperties": {"type": "string"}},
    },
}


@router.get(
    "/readyz",
    summary="Readiness: database and storage reachable",
    description="`checks.workers` names each engine that no live worker runs (its jobs wait in the queue); "
    "that alone does not make the API unready.",
    responses={
        200: {"content": {"application/json": {"schema": _READY_SCHEMA}}},
        503: {
            "description": "Not ready: `checks` says what is wrong",
            "content": {"application/json": {"schema": _READY_SCHEMA}},
        },
    },
)
async def readyz(request: Request, ctx: ContextDep) -> JSONResponse:
    checks: dict[str, str] = {}
    try:
        await run_in_threadpool(ctx.db.ping)
        checks["database"] = "ok"
    except Exception as exc:  # the answer itself says what is wrong
        checks["database"] = f"error: {type(exc).__name__}"
    ping = getattr(ctx.store, "ping", None)  # object stores are a network service too
    if ping is not None:
        try:
            await run_in_threadpool(ping)
            checks["storage"] = "ok"
        except Exception as exc:
            checks["storage"] = f"error: {type(exc).__name__}"
    checks["engine"] = request.app.state.engine_status
    if checks["database"] == "ok":
        try:
            checks["workers"] = await run_in_threadpool(_workers_check, ctx)
        except Exception as exc:
            checks["workers"] = f"error: {type(exc).__name__}"
    ready = checks["database"] == "ok" and checks.get("storage", "ok") == "ok"
    return JSONResponse(
        {"status": "ready" if ready else "not_ready", "checks": checks}, status_code=200 if ready else 503
    )


def _workers_check(ctx: Context) -> str:
    """`ok`, or which engines no live worker runs and how many jobs wait for each.

    Informative only: the API still accepts those jobs (they wait for a worker, or expire
    and are refunded), so it stays ready.
    """
    tiers = ctx.settings.tier_engines
    with ctx.db.reader() as session:
        missing = unserved(session, tiers, ctx.settings.lease_seconds)
    if not missing:
        return "ok"
    parts = []
    for name, jobs in missing.items():
        served = [tier for tier, engine in tiers.items() if engine == name]
        where = f"tier {'/'.join(served)}; " if served else ""
        parts.append(f"{name} ({where}{jobs} queued job{'s' if jobs != 1 else ''} waiting)")
    return "no live worker for " + ", ".join(parts)


def _metrics_text(ctx: Context) -> bytes:
    own = CollectorRegistry(auto_describe=False)
    own.register(QueueCollector(ctx))
    return generate_latest(REGISTRY) + generate_latest(own)


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
async def metrics_endpoint(ctx: ContextDep) -> Response:
    data = await run_in_threadpool(_metrics_text, ctx)
    return Response(data, media_type=CONTENT_TYPE_LATEST)


@router.get(
    "/files/{key:path}",
    summary="Download an output image (signed URL)",
    response_class=Response,
    responses={
        200: {
            "description": "The image",
            "content": {kind: {"schema": {"type": "string", "format": "binary"}} for kind in MEDIA_TYPES.values()},
        },
        **documented_errors(
            "/files",
            (400, "invalid_request", "expires: Input should be a valid integer"),
            (403, "forbidden", "this link is invalid or has expired"),
            (404, "expired", "this file has expired and was deleted"),
        ),
    },
)
async def download(key: str, ctx: ContextDep, expires: int = 0, signature: str = "") -> Response:
    store = ctx.store  # local files, or a private bucket's objects (FITROOM_S3_PRESIGN=false)
    if not store.verify(key, expires, signature):
        raise ApiError(403, "forbidden", "this link is invalid or has expired")
    try:
        data = await run_in_threadpool(store.get, key)
    except BlobNotFound:
        raise ApiError(404, "expired", "this file has expired and was deleted") from None
    media_type = mimetypes.guess_type(key)[0] or "application/octet-stream"
    return Response(data, media_type=media_type, headers={"Cache-Control": "private, max-age=3600"})
