"""The FastAPI application: dialect routers, the dashboard, error handling, middleware and the workers' lifecycle."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from starlette.formparsers import MultiPartParser
from starlette.middleware.cors import CORSMiddleware

from fitroom.accounts import KeyCache
from fitroom.api import fashn, miragic, ops, virtufit
from fitroom.api.errors import install_handlers
from fitroom.api.fashn import CREDITS_USED_HEADER
from fitroom.api.jobaccess import REPLAYED_HEADER
from fitroom.api.middleware import BodyLimit, RequestContext
from fitroom.api.ratelimit import (
    LIMIT_HEADER,
    REMAINING_HEADER,
    RESET_HEADER,
    RateLimiter,
    RateLimitHeaders,
    document_headers,
)
from fitroom.api.spool import parse_uploads_into_pieces
from fitroom.context import Context
from fitroom.engines import Engine
from fitroom.jobs.worker import WorkerPool, engine_set
from fitroom.settings import Settings
from fitroom.web.mount import install_dashboard

#: Answer headers a storefront's script may read across origins (CORS).
_EXPOSED_HEADERS = (
    LIMIT_HEADER,
    REMAINING_HEADER,
    RESET_HEADER,
    "Retry-After",
    "X-Request-ID",
    REPLAYED_HEADER,
    CREDITS_USED_HEADER,
)
#: Room for the form fields around six images at the upload limit.
_FORM_OVERHEAD = 1024 * 1024

_TAGS = [
    {
        "name": "VirtuFit",
        "description": "VirtuFit's API (seed 000): multipart `POST /api/v1/generate`, `X-API-Key`, "
        "one output per garment, job status at `/api/v1/jobs/{id}`.",
    },
    {
        "name": "Miragic",
        "description": "Miragic's API (seed 002): multipart `POST /api/v1/virtual-try-on`, `X-API-Key`, "
        "single or top + bottom combo try-on, 60 requests a minute per key, errors as "
        "`{success: false, message, error}`.",
    },
    {
        "name": "FASHN",
        "description": "FASHN's API as the official `fashn` SDK uses it: JSON `POST /v1/run` (model "
        "`tryon-v1.6`), `GET /v1/status/{id}`, `GET /v1/credits`, `Authorization: Bearer`, errors as "
        "`{error: Name, message}`.",
    },
    {"name": "Operations", "description": "Health, readiness, metrics and signed file downloads."},
]


def create_app(settings: Settings, *, engine: Engine | None = None) -> FastAPI:
    """Build the app. In-process workers (settings.workers) start with it and stop with it.

    They run every engine configured for a tier, loaded here; `engine` renders for all of
    them instead (used by tests and benchmarks that bring their own).
    """
    ctx = Context.from_settings(settings)
    engines = engine_set(ctx, engine)
    _keep_uploads_in_memory(settings.max_upload_bytes)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = WorkerPool(ctx, settings.workers, engine=engines)
        pool.start()
        await ctx.events.start()
        try:
            yield
        finally:
            await ctx.events.stop()
            pool.stop()
            ctx.close()

    engine_status = "no in-process workers"
    if settings.workers > 0:
        failed = [state for state in engines.load_all().values() if state != "ok"]
        engine_status = "; ".join(failed) or "ok"

    app = FastAPI(
        title="fitroom",
        version="0.1.0",
        summary="Self-hosted virtual try-on: VirtuFit-, Miragic- and FASHN-compatible APIs.",
        description="One job model behind three dialects: a job made through one API can be read "
        "through the others' status endpoints with the same account. Credits and the rate limit are "
        "per account, whichever API is used.",
        openapi_tags=_TAGS,
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    app.state.limiter = RateLimiter(settings.rate_limit, settings.redis_url)
    app.state.miragic_limiter = RateLimiter(settings.miragic_rate_limit, settings.redis_url)
    app.state.publishable_limiter = RateLimiter(settings.publishable_rate_limit, settings.redis_url)
    app.state.engine_status = engine_status
    app.state.key_cache = KeyCache()
    install_handlers(app)
    app.include_router(virtufit.router)
    app.include_router(miragic.router)
    app.include_router(fashn.router)
    app.include_router(ops.router)
    install_dashboard(app)
    _document_rate_limits(app)
    app.add_middleware(RateLimitHeaders)
    app.add_middleware(BodyLimit, limit=6 * settings.max_upload_bytes + _FORM_OVERHEAD)
    app.add_middleware(RequestContext, access_log=settings.access_log)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["X-API-Key", "Authorization", "Content-Type", "Idempotency-Key", "Prefer", "X-Request-ID"],
            expose_headers=[*_EXPOSED_HEADERS],
            max_age=600,
        )
    return app


def _keep_uploads_in_memory(max_upload_bytes: int) -> None:
    """Parse an upload of an accepted size into memory, not into a temporary file.

    Starlette spools each multipart file to disk past 1 MB, and every later chunk of it
    is then written in a worker thread (a thread hop per chunk): for a 1 MB photo that
    was a tenth of the accept path's time. The endpoints read every file whole into memory
    anyway, to check and store it, so keeping it there while it is parsed at most doubles
    what a request holds (`BodyLimit` still caps the body). Larger files, refused anyway,
    still spill to disk. The parser's size is one class attribute for the whole process, and
    so is its file class, `spool.PieceSpool` (one copy of each photo while it is parsed).
    """
    MultiPartParser.spool_max_size = max(MultiPartParser.spool_max_size, max_upload_bytes)
    parse_uploads_into_pieces()


def _document_rate_limits(app: FastAPI) -> None:
    """Put the `RateLimit-*` headers on every keyed operation's answers in the OpenAPI document."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document_headers(build())  # FastAPI builds and keeps the document; it is changed in place
        assert app.openapi_schema is not None
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
