"""Sign-in throttling with the `limits` library: failed tries are counted per email and per client address.

Counting per email *and* address keeps one attacker from locking a victim out from
everywhere, while still stopping a password guesser at a few tries a minute; the wider
per-address budget stops one address from spraying many emails. Memory storage by
default, or the operator's Redis (`FITROOM_REDIS_URL`) so every API process shares it.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

PER_EMAIL = "5/minute"
PER_ADDRESS = "20/minute"


class LoginThrottle:
    """`wait(...)` is 0 while a sign-in may be tried, else the seconds until it may; `failed(...)` counts a miss."""

    def __init__(
        self, storage_url: str | None = None, per_email: str = PER_EMAIL, per_address: str = PER_ADDRESS
    ) -> None:
        self.limiter = MovingWindowRateLimiter(storage_from_string(storage_url or "memory://"))
        self.per_email: RateLimitItem = parse(per_email)
        self.per_address: RateLimitItem = parse(per_address)

    def _checks(self, scope: str, address: str) -> list[tuple[RateLimitItem, str]]:
        return [
            (self.per_email, f"fitroom-login:{scope.strip().lower()}:{address}"),
            (self.per_address, f"fitroom-login-address:{address}"),
        ]

    def wait(self, scope: str, address: str) -> int:
        """Seconds until `scope` (an email, or "setup") may be tried again from `address`; 0 if now."""
        waits = [0]
        for item, key in self._checks(scope, address):
            if not self.limiter.test(item, key):
                stats = self.limiter.get_window_stats(item, key)
                waits.append(max(1, math.ceil(stats.reset_time - time.time())))
        return max(waits)

    def failed(self, scope: str, address: str) -> None:
        for item, key in self._checks(scope, address):
            self.limiter.hit(item, key)
