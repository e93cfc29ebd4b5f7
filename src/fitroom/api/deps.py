"""Request-scoped dependencies: the process context and the authenticated principal, per dialect.

Every dialect authenticates against the same keys and counts against the same per-account
rate limit (`settings.rate_limit`); Miragic requests also count against Miragic's own
documented limit per API key (`settings.miragic_rate_limit`), so they never get more
than Miragic promises whatever the operator's account limit. VirtuFit's job status also
accepts the dashboard's session cookie, so the dashboard can follow a job without a key.
The tightest quota that applied is noted on the request for its `RateLimit-*` headers.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from fitroom.accounts import KeyCache, Principal, authenticate_key, credentials_generation, touch_key
from fitroom.api.errors import ApiError
from fitroom.api.ratelimit import Quota, RateLimiter, note, tightest
from fitroom.context import Context
from fitroom.db import retrying
from fitroom.web import sessions

KEY_HEADER_HINT = "send your API key in the X-API-Key header"
BEARER_HINT = "send your API key as `Authorization: Bearer <key>`"

_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False, description="Your fitroom API key")
_bearer = HTTPBearer(auto_error=False, description="Your fitroom API key as `Authorization: Bearer <key>` (FASHN)")


def get_context(request: Request) -> Context:
    return request.app.state.ctx  # type: ignore[no-any-return]


async def _context_dependency(request: Request) -> Context:
    """`get_context` as a dependency: async, since FastAPI runs a plain `def` dependency in a
    worker thread, a thread hop on every request for one attribute read."""
    return get_context(request)


def _session_account(ctx: Context, cookie: str) -> str | None:
    """The account a dashboard session cookie is signed in as, or None."""
    session = sessions.decode(cookie, ctx.settings)
    if session is None:
        return None
    with ctx.db.reader() as db:
        account = sessions.account_of(db, session)
        return account.id if account is not None else None


def _authenticate(ctx: Context, key: str) -> Principal | None:
    """The key's principal from the database (its last use noted now and then); retried if the connection drops."""

    def check() -> Principal | None:
        with ctx.db.reader() as session:
            found = authenticate_key(session, key)
        if found is None:
            return None
        principal, stale = found
        if stale:
            with ctx.db.session() as session:
                touch_key(session, principal.key_id)
        return principal

    return retrying(check)


def _count(request: Request, quota: Quota | None) -> None:
    """Note the quota for the answer's headers; refuse with 429 if it is used up."""
    note(request, quota)
    if quota is not None and not quota.allowed:
        retry_after = quota.retry_after
        raise ApiError(
            429,
            "rate_limited",
            f"too many requests; retry in {retry_after} s",
            headers={"Retry-After": str(retry_after)},
        )


async def principal_from_key(
    request: Request,
    limiter: RateLimiter,
    key: str | None,
    *,
    how: str = KEY_HEADER_HINT,
    per_key: RateLimiter | None = None,
) -> Principal:
    """Check the key (a key verified in the last `KEY_CACHE_SECONDS` without a database read or a
    thread hop: see `KeyCache`), then count the request against the account's limit (and `per_key`'s)."""
    if not key:
        raise ApiError(401, "missing_api_key", how)
    key = key.strip()
    state = request.app.state
    cache: KeyCache = state.key_cache
    principal = cache.get(key)
    if principal is None:
        generation = credentials_generation()
        principal = await run_in_threadpool(_authenticate, get_context(request), key)
        if principal is None:
            raise ApiError(401, "invalid_api_key", "the API key is not valid or has been revoked")
        cache.put(key, principal, generation)
    quota = (
        state.publishable_limiter.take(principal.key_id)
        if principal.publishable
        else limiter.take(principal.account_id)
    )
    if per_key is not None and (quota is None or quota.allowed):
        quota = tightest(quota, per_key.take(principal.key_id))
    _count(request, quota)
    return principal


async def require_key(request: Request, key: Annotated[str | None, Depends(_api_key_header)]) -> Principal:
    return await principal_from_key(request, request.app.state.limiter, key)


async def require_miragic_key(request: Request, key: Annotated[str | None, Depends(_api_key_header)]) -> Principal:
    state = request.app.state
    return await principal_from_key(request, state.limiter, key, per_key=state.miragic_limiter)


async def require_bearer(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    return await principal_from_key(
        request, request.app.state.limiter, credentials.credentials if credentials else None, how=BEARER_HINT
    )


async def require_secret_bearer(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    """`require_bearer` for what a publishable key may never see (the balance): 403 for one."""
    principal = await require_bearer(request, credentials)
    if principal.publishable:
        raise ApiError(403, "forbidden", "a publishable key can only make try-ons and read its own jobs")
    return principal


async def require_key_or_session(request: Request, key: Annotated[str | None, Depends(_api_key_header)]) -> Principal:
    """Who a read acts for: the API key when one is sent (the key alone decides), else the
    dashboard's session (kind "session"). Both count against the account's rate limit, a
    publishable key against its own.

    The cookie is read from the request rather than declared as an OpenAPI security scheme:
    it is the dashboard's own credential, not one that API clients are meant to use.
    """
    ctx = get_context(request)
    cookie = request.cookies.get(sessions.COOKIE)
    account_id = None if key or not cookie else await run_in_threadpool(_session_account, ctx, cookie)
    if account_id is None:
        return await principal_from_key(request, request.app.state.limiter, key)
    _count(request, request.app.state.limiter.take(account_id))
    return Principal(account_id=account_id, key_id="", key_prefix="", kind="session")


ContextDep = Annotated[Context, Depends(_context_dependency)]
PrincipalDep = Annotated[Principal, Depends(require_key)]
MiragicPrincipalDep = Annotated[Principal, Depends(require_miragic_key)]
BearerPrincipalDep = Annotated[Principal, Depends(require_bearer)]
SecretBearerPrincipalDep = Annotated[Principal, Depends(require_secret_bearer)]
#: Who a request made with an API key or from a signed-in dashboard acts for.
ReaderDep = Annotated[Principal, Depends(require_key_or_session)]
