"""The knowledge-base schema: what organisers write in YAML, as frozen pydantic models."""

from __future__ import annotations

from datetime import date, time
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from eventbot.bot.kb.types import LANG_PATTERN, Aliases, LocalTime, Text, check_year

ItemId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,47}$"),
    Field(description="Lower-case letters, digits, '-' and '_' (at most 48), unique in the KB."),
]
Lang = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class DateRange(_Model):
    """First and last day, both included."""

    start: date
    end: date

    @field_validator("start", "end")
    @classmethod
    def _sensible_year(cls, value: date) -> date:
        return check_year(value)


class Coordinates(_Model):
    """A map pin."""

    lat: float = Field(ge=-90, le=90, description="Latitude in degrees, -90 to 90.")
    lon: float = Field(ge=-180, le=180, description="Longitude in degrees, -180 to 180.")


class Event(_Model):
    """The event as a whole."""

    name: Text
    short_name: Text | None = None
    timezone: str = Field(description="IANA timezone such as Asia/Seoul.")
    dates: DateRange
    default_language: Lang
    languages: list[Lang] = Field(min_length=1)
    required_languages: list[Lang] = Field(default_factory=list)
    description: Text | None = None
    organisers: list[Text] = Field(default_factory=list)
    participants: int | None = Field(default=None, ge=0)
    economies: int | None = Field(default=None, ge=0)
    website: str | None = None
    welcome: Text | None = Field(
        default=None, description="Replaces the bot's welcome after /start, per language "
        "(plain text); the list of commands still follows it.")
    help_note: Text | None = Field(
        default=None, description="A line added at the end of /help, per language (plain "
        "text): a help-desk phone number, where the Wi-Fi password is posted …")

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(
                f"unknown timezone '{value}' (use an IANA name such as Asia/Seoul)"
            ) from None
        return value


class Room(_Model):
    """A hall or room inside a venue."""

    id: ItemId
    name: Text
    floor: Text | None = None
    description: Text | None = None
    aliases: Aliases = Aliases.empty()


class Venue(_Model):
    """A building or site: convention centre, hotel, garden."""

    id: ItemId
    name: Text
    address: Text | None = None
    city: Text | None = None
    location: Coordinates | None = None
    directions: Text | None = Field(default=None, description="How to get there.")
    description: Text | None = None
    website: str | None = None
    rooms: list[Room] = Field(default_factory=list)
    aliases: Aliases = Aliases.empty()


class Speaker(_Model):
    """A person on the programme, written inline (without a `people` entry)."""

    name: Text
    role: Text | None = None
    organisation: Text | None = None


class Organisation(_Model):
    """A company, agency or association that organises, speaks or exhibits."""

    id: ItemId
    name: Text
    description: Text | None = None
    website: str | None = None
    aliases: Aliases = Aliases.empty()


class Person(_Model):
    """A speaker or host, referenced by id from every session they appear in."""

    id: ItemId
    name: Text
    role: Text | None = None
    organisation: ItemId | Text | None = Field(
        default=None, description="An organisation id, or the organisation's name.")
    bio: Text | None = None
    aliases: Aliases = Aliases.empty()


_HOURS = r"([01]?\d|2[0-3]):[0-5]\d-([01]?\d|2[0-3]):[0-5]\d"
# One or more opening spans a day, a break between two: "10:00-17:00", "09:30-12:00, 14:00-16:00"
_SPANS = rf"{_HOURS}(\s*,\s*{_HOURS})*"
DAILY_HOURS = rf"^{_SPANS}$"
CLOSED = "closed"
DAY_HOURS = rf"^({CLOSED}|{_SPANS})$"


def opening_spans(hours: str) -> list[tuple[time, time]]:
    """Return the spans of a day's opening hours ("09:30-12:00, 14:00-16:00"; none if closed)."""
    if hours == CLOSED:
        return []
    return [(_clock(opens), _clock(closes))
            for opens, closes in (span.split("-") for span in hours.split(","))]


def _clock(text: str) -> time:
    return time.fromisoformat(f"{text.strip():0>5}")


class _Programme(_Model):
    id: ItemId
    title: Text
    start: LocalTime
    end: LocalTime
    venue: ItemId
    room: ItemId | None = None
    speakers: list[Speaker | ItemId] = Field(
        default_factory=list, description="Person ids from `people`, or inline speakers.")
    organisers: list[ItemId | Text] = Field(
        default_factory=list, description="Organisation ids from `organisations`, or names.")
    daily_hours: Annotated[str, StringConstraints(pattern=DAILY_HOURS)] | None = Field(
        default=None, description="Opening hours on each day of a multi-day item: 10:00-17:00, "
        "or with a break: 10:00-12:00, 14:00-17:00.")
    hours_on: dict[date, Annotated[str, StringConstraints(pattern=DAY_HOURS)]] = Field(
        default_factory=dict, description="Days whose hours differ from daily_hours (a "
        "shorter Friday: 2026-11-27: 09:30-12:00, 14:00-16:00), or closed.")
    description: Text | None = None
    participants: int | None = Field(default=None, ge=0)
    companies: int | None = Field(default=None, ge=0)
    tags: list[str] = Field(default_factory=list)
    aliases: Aliases = Aliases.empty()
    website: str | None = None


class Session(_Programme):
    """An item of the official programme."""


SideEventKind = Literal[
    "forum", "conference", "festival", "expo", "fair", "exhibition", "reception",
    "showcase", "networking", "other",
]


class SideEvent(_Programme):
    """A side event: forum, festival, expo, reception, possibly elsewhere and on other days."""

    kind: SideEventKind = "other"
    official: bool = Field(default=False, description="An official side event of the meeting.")


class Pavilion(_Model):
    """An exhibition pavilion grouping exhibitors' booths."""

    id: ItemId
    name: Text
    venue: ItemId
    room: ItemId | None = None
    location: Text | None = Field(default=None, description="Where it is inside the venue.")
    description: Text | None = None
    companies: int | None = Field(default=None, ge=0)
    aliases: Aliases = Aliases.empty()


class Exhibitor(_Model):
    """A company with a booth in a pavilion."""

    id: ItemId
    name: Text
    pavilion: ItemId
    booth: str = Field(min_length=1, description="Booth number as shown on site, e.g. KT-07.")
    category: Text | None = None
    showcase: Text | None = Field(default=None, description="What they show.")
    description: Text | None = None
    website: str | None = None
    organisation: ItemId | None = Field(
        default=None, description="The exhibiting organisation's id, when it also speaks.")
    aliases: Aliases = Aliases.empty()


class Faq(_Model):
    """A free-form question and its answer."""

    id: ItemId
    question: Text
    variants: Aliases = Field(
        default=Aliases.empty(), description="Other ways people ask it, per language."
    )
    answer: Text
    tags: list[str] = Field(default_factory=list)


class KnowledgeFile(_Model):
    """One YAML file of the knowledge base; any split of the sections across files works."""

    model_config = ConfigDict(
        title="eventbot knowledge base file",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    event: Event | None = None
    venues: list[Venue] = Field(default_factory=list)
    sessions: list[Session] = Field(default_factory=list)
    side_events: list[SideEvent] = Field(default_factory=list)
    pavilions: list[Pavilion] = Field(default_factory=list)
    exhibitors: list[Exhibitor] = Field(default_factory=list)
    faq: list[Faq] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    organisations: list[Organisation] = Field(default_factory=list)
    synonyms: list[list[Annotated[str, StringConstraints(min_length=1)]]] = Field(
        default_factory=list,
        description="Groups of words that mean the same at this event, in any language: "
                    "[[badge, accreditation, 명찰], ...]. Added to the shipped lexicon.")


ProgrammeItem = Session | SideEvent
Item = Venue | Room | Session | SideEvent | Pavilion | Exhibitor | Faq | Person | Organisation


def primary_name(item: Item) -> Text:
    """Return the item's display name: a title, a name, or a question."""
    if isinstance(item, Session | SideEvent):
        return item.title
    if isinstance(item, Faq):
        return item.question
    return item.name


def aliases_of(item: Item) -> Aliases:
    """Return the other ways people name an item: aliases, or an FAQ's variants."""
    return item.variants if isinstance(item, Faq) else item.aliases
