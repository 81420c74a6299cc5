"""Per-user throttling: a token bucket per user, so one user's flood cannot crowd out the rest."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

#: Buckets kept before the idle ones are forgotten (a full bucket is the same as none).
SWEEP_AT = 4096


class Verdict(Enum):
    """What to do with one update from a user."""

    HANDLE = "handle"
    #: Over the limit: drop it and tell the user to slow down (the first drop of a burst).
    WARN = "warn"
    #: Over the limit, and already told during this burst: drop it silently.
    DROP = "drop"


@dataclass
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


class UserThrottle:
    """Let each user send ``burst`` updates at once, then ``per_second``; warn once per burst."""

    def __init__(self, burst: int, per_second: float,
                 now: Callable[[], float] = time.monotonic) -> None:
        if burst < 1 or per_second <= 0:
            raise ValueError("a throttle needs burst >= 1 and per_second > 0")
        self.burst = burst
        self.per_second = per_second
        self._now = now
        self._buckets: dict[int, _Bucket] = {}
        self._sweep_at = SWEEP_AT

    def check(self, user_id: int) -> Verdict:
        """Take one token from the user's bucket; say whether the update may be handled."""
        now = self._now()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            self._sweep(now)
            bucket = self._buckets[user_id] = _Bucket(float(self.burst), now)
        elif now > bucket.updated:  # a clock set back refills nothing rather than draining
            bucket.tokens = min(float(self.burst),
                                bucket.tokens + (now - bucket.updated) * self.per_second)
            bucket.updated = now
            if bucket.tokens >= self.burst:
                bucket.warned = False  # quiet long enough to refill: the burst is over
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return Verdict.HANDLE
        if bucket.warned:
            return Verdict.DROP
        bucket.warned = True
        return Verdict.WARN

    @property
    def tracked(self) -> int:
        """Return how many users' buckets are kept."""
        return len(self._buckets)

    def _sweep(self, now: float) -> None:
        """Forget buckets that have refilled, once enough users are tracked to matter."""
        if len(self._buckets) < self._sweep_at:
            return
        refill_seconds = self.burst / self.per_second
        self._buckets = {user_id: bucket for user_id, bucket in self._buckets.items()
                         if now - bucket.updated < refill_seconds}
        # Sweep again only after as many new users again: O(1) per user however many are busy.
        self._sweep_at = max(SWEEP_AT, 2 * len(self._buckets))
