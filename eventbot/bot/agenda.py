"""A user's saved sessions: ordered, clashes flagged, exported as .ics, reminded once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from eventbot.bot.kb.base import KnowledgeBase
from eventbot.bot.kb.models import Session, SideEvent

ProgrammeItem = Session | SideEvent


@dataclass(frozen=True)
class AgendaEntry:
    """A saved item and the saved items it overlaps."""

    item: ProgrammeItem
    clashes: tuple[ProgrammeItem, ...]


def agenda(kb: KnowledgeBase, saved_ids: Iterable[str]) -> list[AgendaEntry]:
    """Return saved programme items in time order, each with the others it overlaps."""
    # Saved ids of items since removed from the KB are skipped, not errors.
    found = [kb.items.get(i) for i in saved_ids]
    items = sorted((i for i in found if isinstance(i, Session | SideEvent)),
                   key=lambda item: (kb.starts_at(item), item.id))
    return [
        AgendaEntry(item, tuple(o for o in items if o is not item and _overlap(kb, item, o)))
        for item in items
    ]


def _overlap(kb: KnowledgeBase, a: ProgrammeItem, b: ProgrammeItem) -> bool:
    # All-day items (a three-day expo) would clash with everything: only timed ones count.
    if a.start.all_day or b.start.all_day:
        return False
    return kb.starts_at(a) < kb.ends_at(b) and kb.starts_at(b) < kb.ends_at(a)


def ics_calendar(
    kb: KnowledgeBase, items: Sequence[ProgrammeItem], lang: str, *, stamp: datetime
) -> bytes:
    """Return an iCalendar file of ``items`` with texts in ``lang``."""
    fallbacks = ("en", kb.event.default_language)
    cal = Calendar()
    cal.add("prodid", "-//eventbot//agenda//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", kb.event.name.get(lang, fallbacks))
    for item in items:
        event = Event()
        event.add("uid", f"{item.id}@eventbot")
        event.add("dtstamp", stamp)
        event.add("summary", item.title.get(lang, fallbacks))
        if item.start.all_day:
            event.add("dtstart", item.start.day)
            event.add("dtend", item.end.day + timedelta(days=1))  # DTEND is exclusive
        else:
            event.add("dtstart", kb.starts_at(item))
            event.add("dtend", kb.ends_at(item))
        venue = kb.venues[item.venue]
        room = kb.rooms.get(item.room) if item.room else None
        where = [x.name.get(lang, fallbacks) for x in (room, venue) if x is not None]
        if venue.address:
            where.append(venue.address.get(lang, fallbacks))
        event.add("location", ", ".join(where))
        if venue.location:
            event.add("geo", (venue.location.lat, venue.location.lon))
        if item.description:
            event.add("description", item.description.get(lang, fallbacks))
        cal.add_component(event)
    # Calendar apps that don't know IANA names (Outlook) need the zone's rules spelled out.
    cal.add_missing_timezones()
    ical: bytes = cal.to_ical()
    return ical


@dataclass(frozen=True)
class DueReminder:
    """A reminder to send now."""

    user_id: int
    item: ProgrammeItem
    starts_at: datetime


def due_reminders(
    kb: KnowledgeBase, pairs: Iterable[tuple[int, str]], now: datetime, lead: timedelta, *,
    leads: Mapping[int, timedelta] | None = None,
) -> list[DueReminder]:
    """Return the saved (user, item) pairs whose reminder time has come and that haven't started.

    ``leads`` holds the lead times users chose (zero: reminders off); the others get ``lead``.
    A reminder missed while the bot was down is still sent if the item has not started yet.
    """
    due = []
    chosen = leads or {}
    for user_id, item_id in pairs:
        item = kb.items.get(item_id)
        if not isinstance(item, Session | SideEvent) or (
                item.start.all_day and item.daily_hours is None):
            continue
        # A zero lead leaves an empty window: nothing is ever due for a user who turned off.
        lead_time = chosen.get(user_id, lead)
        # An item open on several days is reminded before each day's opening, once each.
        for starts, _ in kb.sittings(item):
            if starts - lead_time <= now < starts:
                due.append(DueReminder(user_id, item, starts))
    return due
