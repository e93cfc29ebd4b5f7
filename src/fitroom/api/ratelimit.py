"""Per-account and per-key request limits (a moving window: in the process, or with the `limits`
library in Redis), and the
`RateLimit-*` headers (the IETF draft's names) that tell clients where they stand.

Every answer to a request counted against a limit carries `RateLimit-Limit`,
`RateLimit-Remaining` and `RateLimit-Reset` (seconds until the window frees a request),
the 429 included, so clients can slow down before they are refused.
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from redis import RedisError
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

LIMIT_HEADER = "RateLimit-Limit"
REMAINING_HEADER = "RateLimit-Remaining"
RESET_HEADER = "RateLimit-Reset"
#: Where a request's tightest quota is kept (`request.state`) for `RateLimitHeaders`.
_STATE_KEY = "rate_limit"


@dataclass(frozen=True)
class Quota:
    """Where one key stands after a request was counted: `allowed` or not, and the figures for the headers."""

    allowed: bool
    limit: int
    remaining: int
    reset: int

    @property
    def retry_after(self) -> int:
        """Seconds to wait before retrying (for Retry-After), 0 when allowed."""
        return 0 if self.allowed else max(1, self.reset)

    def headers(self) -> dict[str, str]:
        return {LIMIT_HEADER: str(self.limit), REMAINING_HEADER: str(self.remaining), RESET_HEADER: str(self.reset)}


def tightest(*quotas: Quota | None) -> Quota | None:
    """The quota a client should heed among several that apply: a refusal, else the fewest remaining."""
    known = [q for q in quotas if q is not None]
    if not known:
        return None
    return min(known, key=lambda q: (q.allowed, q.remaining, -q.reset))


class RateLimiter:
    """`take(key)` counts a request against the limit and returns the key's `Quota`.

    Counted in the process by default (`LocalWindow`); a `redis://` URL shares the counts
    between API processes, wherever they run. While Redis is unreachable requests are
    let through (and logged), with no quota to report: an outage of the limiter's store
    must not take the API down.
    """

    def __init__(self, rate: str, storage_url: str | None = None) -> None:
        self.item: RateLimitItem = parse(rate)
        self.local = None if storage_url else LocalWindow(self.item.amount, self.item.get_expiry())
        self.limiter = MovingWindowRateLimiter(storage_from_string(storage_url)) if storage_url else None

    def hit(self, key: str) -> int:
        """Count a request: 0 when allowed, else the seconds to wait (for Retry-After)."""
        quota = self.take(key)
        return 0 if quota is None else quota.retry_after

    def take(self, key: str) -> Quota | None:
        if self.local is not None:
            allowed, remaining, reset_at = self.local.take(key)
        else:
            assert self.limiter is not None
            try:
                allowed = self.limiter.hit(self.item, key)
                stats = self.limiter.get_window_stats(self.item, key)
            except (RedisError, OSError) as exc:
                log.warning("rate limit store unreachable; request let through", extra={"error": str(exc)})
                return None
            remaining, reset_at = stats.remaining, stats.reset_time
        reset = max(0, math.ceil(reset_at - time.time()))
        return Quota(allowed, self.item.amount, max(0, remaining), reset)


class LocalWindow:
    """A moving window over one process's requests, per key: `amount` in any `seconds`.

    The rule and the figures are those of `limits`' moving window. Its memory storage was
    used before, and it starts a timer thread to drop old entries whenever its last one has
    run (10 ms after it started): on nearly every request, in the event loop, a thread start
    that cost about a millisecond and then a thread contending for the interpreter. Here old
    entries are dropped as their key is counted, and keys left idle a whole window are
    swept, at most once a window, by the request that finds the sweep due.
    """

    def __init__(self, amount: int, seconds: int) -> None:
        self.amount = amount
        self.seconds = seconds
        #: Per key, the times of its requests in the window, oldest first (never more than `amount`).
        self.times: dict[str, deque[float]] = {}
        self.lock = threading.Lock()
        self.next_sweep = time.time() + seconds

    def take(self, key: str) -> tuple[bool, int, float]:
        """Count a request now: whether it is allowed, the requests left in the window after
        it, and when the window's oldest request leaves it (epoch seconds)."""
        now = time.time()
        start = now - self.seconds
        with self.lock:
            if now >= self.next_sweep:
                self._sweep(start)
            times = self.times.setdefault(key, deque())
            while times and times[0] < start:
                times.popleft()
            allowed = len(times) < self.amount
            if allowed:
                times.append(now)
            return allowed, self.amount - len(times), (times[0] if times else now) + self.seconds

    def _sweep(self, start: float) -> None:
        """Forget keys with no request in the window."""
        for key in [key for key, times in self.times.items() if not times or times[-1] < start]:
            del self.times[key]
        self.next_sweep = start + 2 * self.seconds


def note(request: Request, quota: Quota | None) -> None:
    """Keep the request's quota for its answer's headers."""
    if quota is not None:
        setattr(request.state, _STATE_KEY, quota)


class RateLimitHeaders:
    """Add the `RateLimit-*` headers to the answer of any request whose quota was noted."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_quota(message: Message) -> None:
            if message["type"] == "http.response.start":
                quota = scope.get("state", {}).get(_STATE_KEY)
                if isinstance(quota, Quota):
                    extra = [(name.lower().encode(), value.encode()) for name, value in quota.headers().items()]
                    message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_quota)


_HEADER_DOCS = {
    LIMIT_HEADER: "Requests allowed in the window (the tightest limit that applies to this request)",
    REMAINING_HEADER: "Requests left in the window after this one",
    RESET_HEADER: "Seconds until the window frees a request",
}


def document_headers(openapi: dict[str, Any]) -> dict[str, Any]:
    """Add the `RateLimit-*` headers to every answer of every operation that takes a key."""
    headers = {
        name: {"description": description, "schema": {"type": "integer", "minimum": 0}}
        for name, description in _HEADER_DOCS.items()
    }
    for operations in openapi.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict) or not operation.get("security"):
                continue
            for answer in operation.get("responses", {}).values():
                answer.setdefault("headers", {}).update(headers)
    return openapi
