"""The loaded knowledge base: validated items, indexed by id, with the event's clock."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Literal
from zoneinfo import ZoneInfo

from eventbot.bot.kb.models import (
    CLOSED,
    Event,
    Exhibitor,
    Faq,
    Item,
    Organisation,
    Pavilion,
    Person,
    Room,
    Session,
    SideEvent,
    Speaker,
    Venue,
    opening_spans,
)
from eventbot.bot.kb.types import Text

ItemKind = Literal["venue", "room", "session", "side_event", "pavilion", "exhibitor", "faq",
                   "person", "organisation"]
KIND_OF: dict[type[Item], ItemKind] = {
    Venue: "venue", Room: "room", Session: "session", SideEvent: "side_event",
    Pavilion: "pavilion", Exhibitor: "exhibitor", Faq: "faq", Person: "person",
    Organisation: "organisation",
}


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything the bot knows about one event."""

    event: Event
    venues: Mapping[str, Venue]
    sessions: Mapping[str, Session]
    side_events: Mapping[str, SideEvent]
    pavilions: Mapping[str, Pavilion]
    exhibitors: Mapping[str, Exhibitor]
    faq: Mapping[str, Faq]
    room_venue: Mapping[str, str] = field(default_factory=dict)
    people: Mapping[str, Person] = field(default_factory=dict)
    organisations: Mapping[str, Organisation] = field(default_factory=dict)
    synonyms: Sequence[Sequence[str]] = ()

    @cached_property
    def tz(self) -> ZoneInfo:
        """Return the event's timezone."""
        return ZoneInfo(self.event.timezone)

    @cached_property
    def rooms(self) -> Mapping[str, Room]:
        """Return every room by id."""
        return {room.id: room for venue in self.venues.values() for room in venue.rooms}

    @cached_property
    def items(self) -> Mapping[str, Item]:
        """Return every item by id (ids are unique across kinds)."""
        out: dict[str, Item] = {}
        for group in (self.venues, self.rooms, self.sessions, self.side_events,
                      self.pavilions, self.exhibitors, self.faq, self.people,
                      self.organisations):
            out.update(group)
        return out

    def kind(self, item_id: str) -> ItemKind | None:
        """Return the kind of the item with this id, if any."""
        item = self.items.get(item_id)
        return KIND_OF[type(item)] if item is not None else None

    @property
    def languages(self) -> Sequence[str]:
        """Return the languages the event declares."""
        return self.event.languages

    @cached_property
    def programme(self) -> Sequence[Session | SideEvent]:
        """Return sessions and side events in start order."""
        both: list[Session | SideEvent] = [*self.sessions.values(), *self.side_events.values()]
        return sorted(both, key=lambda item: (item.start, item.end, item.id))

    @cached_property
    def programme_days(self) -> Sequence[date]:
        """Return every day on which something is on, in order."""
        days: set[date] = set()
        for item in self.programme:
            day = item.start.day
            while day <= item.end.day:
                days.add(day)
                day += timedelta(days=1)
        return sorted(days)

    @cached_property
    def event_days(self) -> Sequence[date]:
        """Return the event's own days, in order: "day 2" counts these, not a tour the day
        before."""
        dates = self.event.dates
        return [dates.start + timedelta(days=n) for n in range((dates.end - dates.start).days + 1)]

    def starts_at(self, item: Session | SideEvent) -> datetime:
        """Return the aware start of a programme item."""
        return item.start.value.replace(tzinfo=self.tz)

    def ends_at(self, item: Session | SideEvent) -> datetime:
        """Return the aware end; an all-day item ends at the midnight after its last day."""
        end = item.end.value + timedelta(days=1) if item.end.all_day else item.end.value
        return end.replace(tzinfo=self.tz)

    def sittings(self, item: Session | SideEvent) -> list[tuple[datetime, datetime]]:
        """Return when an item is open: each day's hours for ``daily_hours``, else start-end."""
        if item.daily_hours is None:
            return [(self.starts_at(item), self.ends_at(item))]
        days = (item.end.day - item.start.day).days + 1
        found = []
        for offset in range(max(days, 1)):
            day = item.start.day + timedelta(days=offset)
            hours = item.hours_on.get(day, item.daily_hours)
            found += [(datetime.combine(day, opens, self.tz),
                       datetime.combine(day, closes, self.tz))
                      for opens, closes in opening_spans(hours)]
        return found

    def is_on(self, item: Session | SideEvent, now: datetime) -> bool:
        """Tell whether an item is taking place (open, for daily hours) at ``now``."""
        return any(start <= now < end for start, end in self.sittings(item))

    def next_start(self, item: Session | SideEvent, now: datetime) -> datetime | None:
        """Return the next time the item starts (or opens for the day) after ``now``."""
        return next((start for start, _ in self.sittings(item) if start > now), None)

    def on_day(self, day: date) -> Iterator[Session | SideEvent]:
        """Yield programme items that take place (at least partly) on ``day``; not one closed
        that day (``hours_on``)."""
        for item in self.programme:
            if item.start.day <= day <= item.end.day and item.hours_on.get(day) != CLOSED:
                yield item

    def programme_item(self, item_id: str) -> Session | SideEvent | None:
        """Return the session or side event with this id, if any."""
        item = self.items.get(item_id)
        return item if isinstance(item, Session | SideEvent) else None

    def exhibitors_in(self, pavilion_id: str) -> list[Exhibitor]:
        """Return a pavilion's exhibitors in booth order."""
        found = [e for e in self.exhibitors.values() if e.pavilion == pavilion_id]
        return sorted(found, key=lambda e: e.booth)

    def speakers(self, item: Session | SideEvent) -> list[Speaker]:
        """Return an item's speakers, people referenced by id resolved to their entry."""
        found = []
        for speaker in item.speakers:
            if isinstance(speaker, str):
                person = self.people[speaker]
                speaker = Speaker(name=person.name, role=person.role,
                                  organisation=self.organisation_name(person.organisation))
            found.append(speaker)
        return found

    def organisation_name(self, value: str | Text | None) -> Text | None:
        """Return the name of an organisation given by id, or the name given inline."""
        if isinstance(value, str):
            linked = self.organisations.get(value)
            return linked.name if linked else Text({self.event.default_language: value})
        return value

    def organisation_of(self, value: str | Text | None) -> Organisation | None:
        """Return the organisation an id refers to (an inline name refers to none)."""
        return self.organisations.get(value) if isinstance(value, str) else None

    @cached_property
    def appearances(self) -> Mapping[str, Sequence[Session | SideEvent]]:
        """Return, per person or organisation id (or booth with no organisation), the
        programme items they appear in: an organisation's are its people's too."""
        found: dict[str, list[Session | SideEvent]] = {}
        employer = {person.id: company for company, people in self.members.items()
                    for person in people}
        for item in self.programme:
            ids = {s for s in item.speakers if isinstance(s, str)}
            ids |= {linked.id for org in item.organisers
                    if (linked := self.organisation_of(org)) is not None}
            ids |= {employer[s] for s in item.speakers if isinstance(s, str) and s in employer}
            for entity_id in sorted(ids):
                found.setdefault(entity_id, []).append(item)
        return found

    def people_of(self, company_id: str) -> list[Person]:
        """Return the people who belong to an organisation (or to a booth that has none)."""
        return list(self.members.get(company_id, ()))

    @cached_property
    def members(self) -> Mapping[str, Sequence[Person]]:
        """Return, per organisation id, its people: those whose organisation is its id or its
        name written out. A booth with no organisation has the people who write its name
        ("SiliconJal": the exhibitor SiliconJal's CTO)."""
        named: dict[str, set[str]] = {}
        companies: list[Organisation | Exhibitor] = [
            *self.organisations.values(),
            *(e for e in self.exhibitors.values() if not e.organisation)]
        for company in companies:
            for _, text in company.name.all():
                named.setdefault(_folded(text), set()).add(company.id)
        found: dict[str, list[Person]] = {}
        for person in self.people.values():
            linked = self.organisation_of(person.organisation)
            if linked is not None:
                found.setdefault(linked.id, []).append(person)
                continue
            written = self.organisation_name(person.organisation)
            ids = set().union(*(named.get(_folded(text), ()) for _, text in written.all())
                              ) if written else set()
            if len(ids) == 1:  # (a name two companies share names neither)
                found.setdefault(ids.pop(), []).append(person)
        return found

    def booths_of(self, organisation_id: str) -> list[Exhibitor]:
        """Return the exhibitors that an organisation exhibits as."""
        return [e for e in self.exhibitors.values() if e.organisation == organisation_id]

    def summary(self) -> str:
        """Return the one-line summary printed by ``eventbot check``."""
        counts = [
            ("venues", len(self.venues)), ("rooms", len(self.rooms)),
            ("sessions", len(self.sessions)), ("side events", len(self.side_events)),
            ("pavilions", len(self.pavilions)), ("exhibitors", len(self.exhibitors)),
            ("faq", len(self.faq)),
        ]
        counts += [(label, n) for label, n in (("people", len(self.people)),
                                               ("organisations", len(self.organisations)))
                   if n]
        parts = ", ".join(f"{n} {label}" for label, n in counts)
        langs = "/".join(self.event.languages)
        required = "/".join(self.event.required_languages) or self.event.default_language
        return f"OK: {parts}; languages {langs} (required {required})"


def _folded(name: str) -> str:
    """Return a name as compared with another: NFKC, casefolded, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())
