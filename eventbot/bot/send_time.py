"""When a scheduled announcement goes out: the day and time an organiser typed, read.

"09:00" alone means today; a day may come first ("tomorrow 09:00", "내일 09:00", "9/3 08:00",
"2025-09-03 08:00", "Sep 3 08:00"), read by the same days helper as attendees' questions.
Everything is in the event's timezone, against an injected clock; a time already past is
refused, never moved to the next day behind the organiser's back.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Literal

from eventbot.bot.days import find_day, on_the_clock

__all__ = ["SendTime", "read_send_time"]

SendTimeOutcome = Literal["ok", "past", "unreadable"]

# A time of day: "09:00", "9.30", "14h30", "14시 30분", "9時", "오후 3시", "3:30 pm".
# A bare number ("9") needs a separator, a marker or am/pm: alone it may be anything.
_CLOCK = re.compile(
    r"^(?:at\s+|@\s*)?(?P<before>오전|오후|午前|午後|上午|下午)?\s*(?P<hour>\d{1,2})"
    r"(?:\s*(?P<sep>[:.h시時点點])\s*(?:(?P<minute>\d{2})\s*(?:분|分)?)?)?"
    r"\s*(?P<after>[ap]\.?m\.?)?$"
)
_GLUED = re.compile(r"^(?P<day>.*?[^\d\s:.])(?P<clock>(?:오전|오후|午前|午後|上午|下午)?\d[^\s]*)$")
# What may be left beside the day's words: "on", "at", commas.
_FILLER = re.compile(r"\b(?:on|at)\b|[\s,@]+")


@dataclass(frozen=True, slots=True)
class SendTime:
    """What a typed send time reads as: a moment ahead, a moment past, or nothing."""

    outcome: SendTimeOutcome
    moment: datetime | None = None  # in the event's timezone, when read (ok or past)
    tomorrow: datetime | None = None  # past today: the same time tomorrow, to suggest


def read_clock(text: str) -> time | None:
    """Return the time of day a text names, or None (no minutes: on the hour)."""
    match = _CLOCK.match(" ".join(text.casefold().split()))
    if match is None:
        return None
    if not (match["sep"] or match["before"] or match["after"]):
        return None
    marker = match["before"] or (match["after"] or "").replace(".", "")
    return on_the_clock(int(match["hour"]), int(match["minute"] or 0), marker or None)


def read_send_time(text: str, now: datetime, tz: tzinfo,
                   days: Sequence[date] = (), *, day_first: bool = False,
                   event_days: Sequence[date] | None = None) -> SendTime:
    """Read a send time typed by an organiser, in ``tz`` as of ``now``.

    A time alone is today's; a day and a time is that day's. Either must be ahead of ``now``,
    else the outcome is "past" with the moment read (and, for today, the same time tomorrow
    to suggest), so the organiser can be told why. A weekday or a day without a month is the
    event's such day (``days``: the programme's), as in attendees' questions, and "day 2" the
    event's own second day (``event_days``). "3/9" is the 3rd of September when
    ``day_first`` (the organiser's language writes dates so), else March 9th.
    """
    local_now = now.astimezone(tz)
    day_text, clock = _split_clock(text)
    if clock is None:
        return SendTime("unreadable")
    day = local_now.date()
    if day_text:
        found = find_day(day_text, local_now.date(), days, day_first=day_first,
                         event_days=event_days)
        if found is None or _FILLER.sub("", found[1]):
            return SendTime("unreadable")  # a day with more words than a day: not sure
        day = found[0]
    moment = datetime.combine(day, clock, tzinfo=tz)
    if moment > local_now:
        return SendTime("ok", moment)
    tomorrow = moment + timedelta(days=1) if day == local_now.date() else None
    return SendTime("past", moment, tomorrow)


def _split_clock(text: str) -> tuple[str, time | None]:
    """Split a typed send time into the day's words and the time of day that ends it."""
    # The longest tail that is a time, so the day's words never take the time's digits
    # ("3 Sep 8:00" is not "Sep 8"); "9.30" alone stays a time, not the 30th of September.
    words = text.split()
    for start in range(len(words)):
        clock = read_clock(" ".join(words[start:]))
        if clock is not None:
            return " ".join(words[:start]), clock
    # Korean and Japanese may run day and time together: "내일9시", "明日9時".
    match = _GLUED.match(text.strip())
    if match is not None:
        clock = read_clock(match["clock"])
        if clock is not None:
            return match["day"], clock
    return text, None
