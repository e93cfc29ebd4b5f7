"""Request-scoped dependencies: the process context and the authenticated principal."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader
from starlette.concurrency import run_in_threadpool

from fitroom.accounts import Principal, authenticate_key, touch_key
from fitroom.api.errors import ApiError
from fitroom.api.ratelimit import RateLimiter
from fitroom.context import Context

_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="Your fitroom API key")


def get_context(request: Request) -> Context:
    return request.app.state.ctx  # type: ignore[no-any-return]


def _authenticate(ctx: Context, key: str) -> Principal | None:
    with ctx.db.reader() as session:
        found = authenticate_key(session, key)
    if found is None:
        return None
    principal, stale = found
    if stale:
        with ctx.db.session() as session:
            touch_key(session, principal.key_id)
    return principal


async def principal_from_key(ctx: Context, limiter: RateLimiter, key: str | None) -> Principal:
    """Check the key, then count the request against its rate limit."""
    if not key:
        raise ApiError(401, "missing_api_key", "send your API key in the X-API-Key header")
    principal = await run_in_threadpool(_authenticate, ctx, key.strip())
    if principal is None:
        raise ApiError(401, "invalid_api_key", "the API key is not valid or has been revoked")
    retry_after = limiter.hit(principal.account_id)
    if retry_after:
        raise ApiError(
            429,
            "rate_limited",
            f"too many requests; retry in {retry_after} s",
            headers={"Retry-After": str(retry_after)},
        )
    return principal


async def require_key(
    request: Request, key: Annotated[str | None, Depends(_api_key_header)]
) -> Principal:
    return await principal_from_key(get_context(request), request.app.state.limiter, key)


ContextDep = Annotated[Context, Depends(get_context)]
PrincipalDep = Annotated[Principal, Depends(require_key)]
