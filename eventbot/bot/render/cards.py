"""Cards for knowledge-base items; the question kind decides what comes first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from html import escape

from eventbot.bot.i18n import t, tn
from eventbot.bot.kb.base import KnowledgeBase
from eventbot.bot.kb.keys import primary_name
from eventbot.bot.kb.models import (
    CLOSED,
    Exhibitor,
    Faq,
    Item,
    Organisation,
    Pavilion,
    Person,
    Room,
    Session,
    SideEvent,
    Venue,
)
from eventbot.bot.kb.types import Text
from eventbot.bot.matching import QuestionKind
from eventbot.bot.render.pages import PagedList, render_page
from eventbot.bot.render.reply import Button, Reply, VenuePin
from eventbot.bot.render.when import (
    format_clock,
    format_day,
    format_short_day,
    format_start,
    format_when,
)

MAX_LABEL = 64  # characters of a choice's button label; phones cut longer ones anyway
MIN_LABEL_NAME = 24  # ... of which a name keeps at least these
MAX_LISTED = 12  # items listed inside a card (a venue's programme); a pavilion's are paged
# Lists with an argument, as page buttons name them: pg:pa.<pavilion id>.<page>, pg:dy.<day>.<page>
PAVILION_VIEW, DAY_VIEW = "pa", "dy"


class CardWriter:
    """Write cards in one language for one knowledge base."""

    def __init__(self, kb: KnowledgeBase, lang: str) -> None:
        self.kb = kb
        self.lang = lang
        # English before the default language: at an international event a Japanese
        # reader is likelier to read English than Korean.
        self.fallbacks = ("en", kb.event.default_language)

    def text(self, value: Text | None) -> str:
        """Return a KB text in the reply language (with fallbacks), HTML-escaped."""
        return escape(value.get(self.lang, self.fallbacks)) if value is not None else ""

    def name(self, item: Item) -> str:
        """Return an item's escaped display name."""
        return self.text(primary_name(item))

    def plain_name(self, item: Item) -> str:
        """Return an item's display name, unescaped (for button labels)."""
        return primary_name(item).get(self.lang, self.fallbacks)

    def choice_label(self, item: Item) -> str:
        """Return a button label that tells an item from others offered with it, unescaped:
        a booth's number, a programme item's time, a person's role."""
        name = self.plain_name(item)
        hint = ""
        if isinstance(item, Exhibitor):
            hint = t(self.lang, "label.booth", booth=item.booth)
        elif isinstance(item, Session | SideEvent):
            hint = format_start(item, self.lang)
        elif isinstance(item, Person) and item.role is not None:
            hint = item.role.get(self.lang, self.fallbacks)
        if not hint:
            return name
        room = MAX_LABEL - len(hint) - 3  # the hint is what tells them apart: the name is cut
        if len(name) > room:
            name = name[: max(room - 1, MIN_LABEL_NAME)].rstrip() + "…"
        return f"{name} · {hint}"

    def card(self, item: Item, kind: QuestionKind = QuestionKind.UNKNOWN) -> Reply:
        """Return the card of any item."""
        if isinstance(item, Session | SideEvent):
            return self._programme(item, kind)
        if isinstance(item, Venue):
            return self._venue(item)
        if isinstance(item, Room):
            return self._room(item)
        if isinstance(item, Pavilion):
            return self._pavilion(item)
        if isinstance(item, Exhibitor):
            return self._exhibitor(item)
        if isinstance(item, Person):
            return self._person(item)
        if isinstance(item, Organisation):
            return self._organisation(item)
        return self._faq(item)

    def _where(self, venue_id: str, room_id: str | None) -> str:
        venue = self.kb.venues[venue_id]
        room = self.kb.rooms.get(room_id) if room_id else None
        return " · ".join(x for x in (self.name(venue), self.name(room) if room else "") if x)

    def _pin(self, venue_id: str) -> VenuePin | None:
        venue = self.kb.venues[venue_id]
        if venue.location is None:
            return None
        # Telegram shows the address under the pin's title: the city says more than nothing.
        address = venue.address or venue.city
        return VenuePin(venue.location.lat, venue.location.lon,
                        venue.name.get(self.lang, self.fallbacks),
                        address.get(self.lang, self.fallbacks) if address else "")

    def _hours(self, item: Session | SideEvent) -> str:
        """Return an item's daily hours, and each day's that differ ("daily 10:30–17:30; Fri,
        Nov 27 09:30–12:00, 14:00–16:00")."""
        lang = self.lang
        told = [t(lang, "label.daily", hours=_dashed(item.daily_hours or ""))]
        for day, hours in sorted(item.hours_on.items()):
            said = t(lang, "label.closed") if hours == CLOSED else _dashed(hours)
            told.append(f"{format_short_day(day, lang)} {said}")
        return "; ".join(told)

    def _programme(self, item: Session | SideEvent, kind: QuestionKind) -> Reply:
        venue = self.kb.venues[item.venue]
        title = f"<b>{self.name(item)}</b>"
        if isinstance(item, SideEvent) and item.official:
            title += f"\n<i>{t(self.lang, 'label.official')}</i>"
        when = f"🗓 {escape(format_when(item, self.lang))}"
        if item.daily_hours:
            when += f" · {escape(self._hours(item))}"
        where = f"📍 {self._where(item.venue, item.room)}"
        if kind is QuestionKind.WHERE:
            extra = [self.text(venue.address), self.text(venue.directions)]
            where = "\n".join([where, *(f"   {line}" for line in extra if line)])
        who = self._people(item)
        facts = self._facts(item.participants, item.companies)
        about = self.text(item.description)
        order: dict[QuestionKind, Sequence[str]] = {
            QuestionKind.WHERE: (where, when, who, facts, about),
            QuestionKind.WHEN: (when, where, who, facts, about),
            QuestionKind.WHO: (who, when, where, facts, about),
            QuestionKind.WHAT: (about, facts, when, where, who),
        }
        parts = order.get(kind, (when, where, who, facts, about))
        pin = self._pin(item.venue) if kind is QuestionKind.WHERE else None
        return Reply(_join(title, *parts), pin=pin)

    def _people(self, item: Session | SideEvent) -> str:
        lines = []
        if item.speakers:
            names = []
            for speaker in self.kb.speakers(item):
                extra = ", ".join(x for x in (self.text(speaker.role),
                                              self.text(speaker.organisation)) if x)
                names.append(f"{self.text(speaker.name)}" + (f" ({extra})" if extra else ""))
            lines.append(f"🎤 {t(self.lang, 'label.speakers')}: " + "; ".join(names))
        if item.organisers:
            names = [self.text(self.kb.organisation_name(org)) for org in item.organisers]
            lines.append(f"🏛 {t(self.lang, 'label.organisers')}: " + ", ".join(names))
        return "\n".join(lines)

    def _facts(self, participants: int | None, companies: int | None) -> str:
        facts = []
        if participants:
            facts.append("👥 " + tn(self.lang, "label.participants", participants))
        if companies:
            facts.append("🏢 " + tn(self.lang, "label.companies", companies))
        return " · ".join(facts)

    def _venue(self, venue: Venue) -> Reply:
        rooms = ", ".join(self.name(room) for room in venue.rooms)
        held = [i for i in self.kb.programme if i.venue == venue.id]
        return Reply(
            _join(
                f"<b>{self.name(venue)}</b>",
                _labelled("🏠", t(self.lang, "label.address"), self.text(venue.address)),
                _labelled("🚌", t(self.lang, "label.directions"), self.text(venue.directions)),
                self.text(venue.description),
                _labelled("🚪", t(self.lang, "label.rooms"), rooms),
                self.listing(t(self.lang, "label.held_here"), held),
            ),
            pin=self._pin(venue.id),
        )

    def _room(self, room: Room) -> Reply:
        venue_id = self.kb.room_venue[room.id]
        held = [i for i in self.kb.programme if i.room == room.id]
        return Reply(
            _join(
                f"<b>{self.name(room)}</b>",
                f"📍 {self.name(self.kb.venues[venue_id])}",
                _labelled("🏢", t(self.lang, "label.floor"), self.text(room.floor)),
                self.text(room.description),
                self.listing(t(self.lang, "label.held_here"), held),
            ),
            pin=self._pin(venue_id),
        )

    def _pavilion(self, pavilion: Pavilion) -> Reply:
        return self.pavilion_page(pavilion, 0)

    def pavilion_page(self, pavilion: Pavilion, page: int) -> Reply:
        """Return a pavilion's card with one page of its exhibitors, each with a button."""
        exhibitors = self.kb.exhibitors_in(pavilion.id)
        where = f"📍 {self._where(pavilion.venue, pavilion.room)}"
        if pavilion.location:
            where += f" · {self.text(pavilion.location)}"
        head = _join(f"<b>{self.name(pavilion)}</b>", where,
                     self._facts(None, pavilion.companies), self.text(pavilion.description))
        return render_page(PagedList(
            PAVILION_VIEW, f"{head}\n<b>{t(self.lang, 'label.exhibitors')}</b>",
            [f"• {escape(e.booth)} {self.name(e)}" for e in exhibitors],
            [Button(f"{e.booth} {self.plain_name(e)}", f"item:{e.id}") for e in exhibitors],
            key=pavilion.id, empty=head), page, self.lang)

    def _exhibitor(self, exhibitor: Exhibitor) -> Reply:
        pavilion = self.kb.pavilions[exhibitor.pavilion]
        booth = t(self.lang, "label.booth", booth=escape(exhibitor.booth))
        where = (f"📍 {self.name(pavilion)} · <b>{booth}</b>\n"
                 f"   {self._where(pavilion.venue, pavilion.room)}")
        if pavilion.location:
            where += f" · {self.text(pavilion.location)}"
        # a booth with no organisation entry: the people who give its name as theirs, and
        # where they speak (with one, its organisation's card says so)
        people = self.kb.people_of(exhibitor.id)
        sessions = self.kb.appearances.get(exhibitor.id, ())
        return Reply(_join(
            f"<b>{self.name(exhibitor)}</b>", where,
            _labelled("🏷", t(self.lang, "label.category"), self.text(exhibitor.category)),
            _labelled("🔎", t(self.lang, "label.showcase"), self.text(exhibitor.showcase)),
            self.text(exhibitor.description),
            _labelled("👤", t(self.lang, "label.people"), ", ".join(map(self.name, people))),
            self.listing(t(self.lang, "label.appears_in"), sessions),
        ), buttons=self._item_buttons(sessions))

    def _person(self, person: Person) -> Reply:
        organisation = self.text(self.kb.organisation_name(person.organisation))
        role = ", ".join(x for x in (self.text(person.role), organisation) if x)
        sessions = self.kb.appearances.get(person.id, ())
        return Reply(
            _join(f"<b>{self.name(person)}</b>", f"<i>{role}</i>" if role else "",
                  self.text(person.bio), self.listing(t(self.lang, "label.appears_in"), sessions)),
            buttons=self._item_buttons(sessions),
        )

    def _organisation(self, organisation: Organisation) -> Reply:
        booths = self.kb.booths_of(organisation.id)
        where = []
        for exhibitor in booths:
            pavilion = self.kb.pavilions[exhibitor.pavilion]
            booth = t(self.lang, "label.booth", booth=escape(exhibitor.booth))
            where.append(f"📍 {self.name(pavilion)} · <b>{booth}</b>")
        people = ", ".join(self.name(p) for p in self.kb.people_of(organisation.id))
        sessions = self.kb.appearances.get(organisation.id, ())
        return Reply(
            _join(f"<b>{self.name(organisation)}</b>", *where, self.text(organisation.description),
                  _labelled("👤", t(self.lang, "label.people"), people),
                  self.listing(t(self.lang, "label.appears_in"), sessions)),
            buttons=self._item_buttons([*booths, *sessions]),
        )

    def _item_buttons(self, items: Sequence[Item]) -> tuple[tuple[Button, ...], ...]:
        return tuple((Button(self.plain_name(i), f"item:{i.id}"),) for i in items[:MAX_LISTED])

    def _faq(self, faq: Faq) -> Reply:
        return Reply(_join(f"<b>{self.name(faq)}</b>", self.text(faq.answer)))

    def listing(
        self, title: str, items: Sequence[Session | SideEvent],
        clock: Callable[[Session | SideEvent], str] | None = None,
    ) -> str:
        """Return a titled bullet list of programme items with their times."""
        if not items:
            return ""
        lines = self.listing_lines(items[:MAX_LISTED], clock)
        if len(items) > MAX_LISTED:
            lines.append(tn(self.lang, "label.more_items", len(items) - MAX_LISTED))
        return f"<b>{escape(title)}</b>\n" + "\n".join(lines)

    def listing_lines(
        self, items: Sequence[Session | SideEvent],
        clock: Callable[[Session | SideEvent], str] | None = None,
    ) -> list[str]:
        """Return one bullet line per programme item: its time, name and place."""
        clock = clock or self.dated_when
        return [f"• {escape(clock(i))} <b>{self.name(i)}</b> · {self._where(i.venue, i.room)}"
                for i in items]

    def short_when(self, item: Session | SideEvent) -> str:
        """Return a compact time for lists: hours on one day, else the dates."""
        if not item.start.all_day and item.start.day == item.end.day:
            start, end = item.start.value, item.end.value
            return f"{format_clock(start, self.lang)}–{format_clock(end, self.lang)}"
        return format_when(item, self.lang)

    def dated_when(self, item: Session | SideEvent) -> str:
        """Return a compact time with its day, for lists spanning several days."""
        if not item.start.all_day and item.start.day == item.end.day:
            return f"{format_day(item.start.day, self.lang)} {self.short_when(item)}"
        return format_when(item, self.lang)

    def day_title(self, moment: datetime) -> str:
        """Return a localized day for list titles."""
        return format_day(moment.date(), self.lang)


def _labelled(icon: str, label: str, value: str) -> str:
    return f"{icon} {escape(label)}: {value}" if value else ""


def _join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def _dashed(hours: str) -> str:
    """Return opening hours with en dashes: 10:00–12:00, 14:00–17:00."""
    return ", ".join(span.strip().replace("-", "–") for span in hours.split(","))
