"""Per-API-key request limits with the `limits` library (moving window)."""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter


class RateLimiter:
    """`hit(key)` returns 0 when allowed, else the seconds to wait (for Retry-After).

    Memory storage by default (one process); a `redis://` URL shares the counts
    between API processes.
    """

    def __init__(self, rate: str, storage_url: str | None = None) -> None:
        self.item: RateLimitItem = parse(rate)
        self.limiter = MovingWindowRateLimiter(storage_from_string(storage_url or "memory://"))

    def hit(self, key: str) -> int:
        if self.limiter.hit(self.item, key):
            return 0
        stats = self.limiter.get_window_stats(self.item, key)
        return max(1, math.ceil(stats.reset_time - time.time()))
