"""Clocks: the real one, and one shifted to a chosen moment for demos and tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Return the current time, aware, in UTC."""
    return datetime.now(UTC)


def shifted_clock(start: datetime, base: Clock = system_clock) -> Clock:
    """Return a clock that reads ``start`` now and then runs at normal speed."""
    offset = start - base()

    def clock() -> datetime:
        return base() + offset

    return clock


def fixed_clock(moment: datetime) -> Clock:
    """Return a clock that always reads ``moment`` (tests move it by hand)."""
    return lambda: moment


class ManualClock:
    """A clock tests advance explicitly."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment

    def advance(self, delta: timedelta) -> None:
        """Move the clock forward."""
        self.moment += delta


def parse_moment(text: str, tz: tzinfo) -> datetime:
    """Parse '2025-09-04 14:00' (local to ``tz``) or an ISO time with an offset."""
    moment = datetime.fromisoformat(text.strip())
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=tz)
