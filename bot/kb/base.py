"""The loaded knowledge base: validated items, indexed by id, with the event's clock."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property
from typing import Literal
from zoneinfo import ZoneInfo

from bot.kb.models import Event, Exhibitor, Faq, Item, Pavilion, Room, Session, SideEvent, Venue

ItemKind = Literal["venue", "room", "session", "side_event", "pavilion", "exhibitor", "faq"]
KIND_OF: dict[type[Item], ItemKind] = {
    Venue: "venue", Room: "room", Session: "session", SideEvent: "side_event",
    Pavilion: "pavilion", Exhibitor: "exhibitor", Faq: "faq",
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
                      self.pavilions, self.exhibitors, self.faq):
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

    def starts_at(self, item: Session | SideEvent) -> datetime:
        """Return the aware start of a programme item."""
        return item.start.value.replace(tzinfo=self.tz)

    def ends_at(self, item: Session | SideEvent) -> datetime:
        """Return the aware end; an all-day item ends at the midnight after its last day."""
        end = item.end.value + timedelta(days=1) if item.end.all_day else item.end.value
        return end.replace(tzinfo=self.tz)

    def on_day(self, day: date) -> Iterator[Session | SideEvent]:
        """Yield programme items that take place (at least partly) on ``day``."""
        for item in self.programme:
            if item.start.day <= day <= item.end.day:
                yield item

    def programme_item(self, item_id: str) -> Session | SideEvent | None:
        """Return the session or side event with this id, if any."""
        item = self.items.get(item_id)
        return item if isinstance(item, Session | SideEvent) else None

    def exhibitors_in(self, pavilion_id: str) -> list[Exhibitor]:
        """Return a pavilion's exhibitors in booth order."""
        found = [e for e in self.exhibitors.values() if e.pavilion == pavilion_id]
        return sorted(found, key=lambda e: e.booth)

    def summary(self) -> str:
        """Return the one-line summary printed by ``eventbot check``."""
        counts = [
            ("venues", len(self.venues)), ("rooms", len(self.rooms)),
            ("sessions", len(self.sessions)), ("side events", len(self.side_events)),
            ("pavilions", len(self.pavilions)), ("exhibitors", len(self.exhibitors)),
            ("faq", len(self.faq)),
        ]
        parts = ", ".join(f"{n} {label}" for label, n in counts)
        langs = "/".join(self.event.languages)
        required = "/".join(self.event.required_languages) or self.event.default_language
        return f"OK: {parts}; languages {langs} (required {required})"
