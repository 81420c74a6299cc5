"""The agenda orders saved items, flags clashes, exports .ics, and computes due reminders."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest

from eventbot.bot.agenda import agenda, due_reminders, ics_calendar
from eventbot.bot.kb import load_knowledge
from tests.paths import FIXTURES

SEOUL = ZoneInfo("Asia/Seoul")
EXTRA = """  - id: overlapping
    title: {ko: 겹치는 세션, en: Overlapping Session}
    start: 2025-09-01 11:30
    end: 2025-09-01 13:00
    venue: icc-jeju
  - id: later
    title: {ko: 오후 세션, en: Afternoon Session}
    start: 2025-09-01 14:00
    end: 2025-09-01 15:00
    venue: icc-jeju
  - id: all-week
    title: {ko: 주간 전시, en: All-week Show}
    start: 2025-09-01
    end: 2025-09-05
    venue: icc-jeju
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory):
    folder: Path = tmp_path_factory.mktemp("kb")
    for path in (FIXTURES / "kb" / "valid").glob("*.yaml"):
        text = path.read_text("utf-8")
        if path.name == "programme.yaml":
            text += EXTRA
        (folder / path.name).write_text(text, "utf-8")
    return load_knowledge(folder)


def test_agenda_in_time_order_with_clashes(kb) -> None:
    entries = agenda(kb, ["later", "overlapping", "all-week", "opening-forum", "gone-from-kb"])
    assert [e.item.id for e in entries] == ["all-week", "opening-forum", "overlapping", "later"]
    clashes = {e.item.id: [c.id for c in e.clashes] for e in entries}
    assert clashes == {"all-week": [], "opening-forum": ["overlapping"],
                       "overlapping": ["opening-forum"], "later": []}


def test_ics_has_every_item_with_timezone_and_all_day_dates(kb) -> None:
    items = [e.item for e in agenda(kb, ["opening-forum", "all-week"])]
    data = ics_calendar(kb, items, "en", stamp=datetime(2025, 8, 1, tzinfo=SEOUL))
    calendar = icalendar.Calendar.from_ical(data)
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    forum = events["Innovation Forum"]
    assert forum.decoded("dtstart") == datetime(2025, 9, 1, 10, tzinfo=SEOUL)
    assert "Halla Hall, ICC Jeju" in str(forum["location"])
    week = events["All-week Show"]
    assert str(week.decoded("dtstart")) == "2025-09-01"
    assert str(week.decoded("dtend")) == "2025-09-06"  # exclusive end after the last day
    (zone,) = calendar.walk("VTIMEZONE")  # for calendar apps that don't know IANA names
    assert str(zone["tzid"]) == "Asia/Seoul"
    assert zone.walk("STANDARD")  # the zone's rules, not just its name


def test_due_reminders_window(kb) -> None:
    lead = timedelta(minutes=15)
    pairs = [(1, "opening-forum"), (1, "all-week"), (2, "gone-from-kb")]
    at = lambda h, m: datetime(2025, 9, 1, h, m, tzinfo=SEOUL)  # noqa: E731
    assert due_reminders(kb, pairs, at(9, 44), lead) == []
    (due,) = due_reminders(kb, pairs, at(9, 45), lead)
    assert (due.user_id, due.item.id) == (1, "opening-forum")
    assert due_reminders(kb, pairs, at(9, 59), lead)  # missed while down: still before start
    assert due_reminders(kb, pairs, at(10, 0), lead) == []  # started: too late
