"""Per-API-key request limits with the `limits` library (moving window)."""

from __future__ import annotations

import logging
import math
import time

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from redis import RedisError

log = logging.getLogger(__name__)


class RateLimiter:
    """`hit(key)` returns 0 when allowed, else the seconds to wait (for Retry-After).

    Memory storage by default (one process); a `redis://` URL shares the counts
    between API processes, wherever they run. While Redis is unreachable requests are
    let through (and logged): an outage of the limiter's store must not take the API down.
    """

    def __init__(self, rate: str, storage_url: str | None = None) -> None:
        self.item: RateLimitItem = parse(rate)
        self.limiter = MovingWindowRateLimiter(storage_from_string(storage_url or "memory://"))

    def hit(self, key: str) -> int:
        try:
            if self.limiter.hit(self.item, key):
                return 0
            stats = self.limiter.get_window_stats(self.item, key)
        except (RedisError, OSError) as exc:
            log.warning("rate limit store unreachable; request let through", extra={"error": str(exc)})
            return 0
        return max(1, math.ceil(stats.reset_time - time.time()))
