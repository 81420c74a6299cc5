"""Reading an announcement's send time: each form, in the event's timezone, on a fixed clock."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from eventbot.bot.send_time import read_clock, read_send_time

SEOUL = ZoneInfo("Asia/Seoul")
NOW = datetime(2025, 9, 1, 9, 0, tzinfo=SEOUL)  # a Monday, 09:00 in Seoul


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2025, month, day, hour, minute, tzinfo=SEOUL)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:30", at(9, 1, 9, 30)),  # a time alone is today's
        ("23:59", at(9, 1, 23, 59)),
        ("14시30", at(9, 1, 14, 30)),
        ("14시 30분", at(9, 1, 14, 30)),
        ("오후 3시", at(9, 1, 15)),
        ("3:30 pm", at(9, 1, 15, 30)),
        ("9.30", at(9, 1, 9, 30)),  # a time, not the 30th of September
        ("tomorrow 09:00", at(9, 2, 9)),
        ("Tomorrow at 8am", at(9, 2, 8)),
        ("내일 09:00", at(9, 2, 9)),
        ("내일 오전 8시", at(9, 2, 8)),
        ("내일9시", at(9, 2, 9)),
        ("明日 9時30分", at(9, 2, 9, 30)),
        ("today 18:00", at(9, 1, 18)),
        ("9/3 08:00", at(9, 3, 8)),
        ("2025-09-03 08:00", at(9, 3, 8)),
        ("Sep 3 08:00", at(9, 3, 8)),
        ("3 Sep 8:00", at(9, 3, 8)),  # the day's digits are not the time's
        ("on Sep 3 at 08:00", at(9, 3, 8)),
        ("9월 3일 08:00", at(9, 3, 8)),
        ("Wednesday 10:15", at(9, 3, 10, 15)),
    ],
)
def test_each_form_reads_as_a_moment_ahead(text: str, expected: datetime) -> None:
    read = read_send_time(text, NOW, SEOUL)
    assert (read.outcome, read.moment, read.tomorrow) == ("ok", expected, None)


@pytest.mark.parametrize("text", ["08:00", "09:00", "today 8:15", "오전 7시"])
def test_a_time_already_past_today_is_refused_with_tomorrow_suggested(text: str) -> None:
    read = read_send_time(text, NOW, SEOUL)
    assert read.outcome == "past"  # never silently moved to tomorrow
    assert read.moment is not None and read.moment.date() == date(2025, 9, 1)
    assert read.tomorrow == datetime.combine(date(2025, 9, 2), read.moment.time(), SEOUL)


def test_a_past_day_is_refused_without_a_suggestion() -> None:
    read = read_send_time("2025-08-31 10:00", NOW, SEOUL)
    assert (read.outcome, read.moment, read.tomorrow) == ("past", at(8, 31, 10), None)


@pytest.mark.parametrize(
    "text",
    ["", "soon", "9", "25:00", "12:60", "13 pm", "tomorrow", "tomorrow maybe 09:00", "3 08:00",
     "2025-02-30 10:00", "Sep 3"],
)
def test_unreadable(text: str) -> None:
    read = read_send_time(text, NOW, SEOUL)
    assert (read.outcome, read.moment) == ("unreadable", None)


def test_the_event_timezone_decides_today_not_the_clock_s() -> None:
    # 23:30 UTC on Aug 31 is already 08:30 on Sep 1 in Seoul: "09:00" is half an hour ahead.
    utc_now = datetime(2025, 8, 31, 23, 30, tzinfo=ZoneInfo("UTC"))
    read = read_send_time("09:00", utc_now, SEOUL)
    assert (read.outcome, read.moment) == ("ok", at(9, 1, 9))


def test_days_without_a_month_are_the_event_s() -> None:
    event_days = (date(2025, 9, 3), date(2025, 9, 4))
    assert read_send_time("4일 10:00", NOW, SEOUL, event_days).moment == at(9, 4, 10)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12 am", time(0)), ("12 pm", time(12)), ("오후 12시", time(12)), ("0:05", time(0, 5)),
     ("at 7h15", time(7, 15))],
)
def test_clock_edges(text: str, expected: time) -> None:
    assert read_clock(text) == expected


def test_a_spanish_organisers_3_9_is_the_3rd_of_september() -> None:
    tz = ZoneInfo("Asia/Seoul")
    now = datetime(2025, 9, 1, 10, 0, tzinfo=tz)
    read = read_send_time("3/9 08:00", now, tz, day_first=True)
    assert read.outcome == "ok" and read.moment == datetime(2025, 9, 3, 8, 0, tzinfo=tz)
    # The same text from an English organiser is March 9th: past, and refused as such.
    assert read_send_time("3/9 08:00", now, tz).outcome == "past"


def test_day_2_is_the_events_own_second_day() -> None:
    # A tour on the day before the event makes it a programme day, not the event's first.
    programme = (date(2025, 9, 1), date(2025, 9, 2), date(2025, 9, 3))
    own = (date(2025, 9, 2), date(2025, 9, 3))
    read = read_send_time("day 2 10:00", NOW, SEOUL, programme, event_days=own)
    assert read.moment == at(9, 3, 10)
