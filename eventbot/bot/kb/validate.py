"""Checks across items and files: references, ids, times, aliases, booths."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from itertools import pairwise

from rapidfuzz import fuzz, process

from eventbot.bot.kb.models import (
    Event,
    Exhibitor,
    Faq,
    Item,
    Organisation,
    Pavilion,
    Person,
    Session,
    SideEvent,
    Venue,
    aliases_of,
    opening_spans,
    primary_name,
)
from eventbot.bot.kb.problems import FieldPath, Problem, format_path
from eventbot.bot.kb.yamlsource import SourceFile


@dataclass(frozen=True)
class Placed:
    """An item with where it was written."""

    item: Item
    src: SourceFile
    path: FieldPath

    def problem(self, message: str, *sub: str | int) -> Problem:
        """Return a problem about this item (or one of its fields)."""
        return problem_at(self.src, (*self.path, *sub), message)


def problem_at(src: SourceFile, path: FieldPath, message: str) -> Problem:
    """Return a problem at a field path of a file, on that field's line."""
    return Problem(src.name, src.line_of(path), format_path(path), message)


def fold_alias(text: str) -> str:
    """Fold a name for collision checks: width, case, spaces and punctuation don't count."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """Return ' (did you mean 'x'?)' when a choice is close to ``value``."""
    best = process.extractOne(value, list(choices), scorer=fuzz.ratio, score_cutoff=60)
    return f" (did you mean '{best[0]}'?)" if best else ""


def check_event(event: Event, src: SourceFile, path: FieldPath) -> list[Problem]:
    """Check the event's own consistency."""
    problems: list[Problem] = []
    if event.dates.end < event.dates.start:
        problems.append(problem_at(
            src, (*path, "dates", "end"),
            f"the event ends ({event.dates.end}) before it starts ({event.dates.start})"))
    if event.default_language not in event.languages:
        problems.append(problem_at(
            src, (*path, "default_language"),
            f"default language '{event.default_language}' is not in event.languages"))
    for index, lang in enumerate(event.required_languages):
        if lang not in event.languages:
            problems.append(problem_at(
                src, (*path, "required_languages", index),
                f"required language '{lang}' is not in event.languages"))
    return problems


def check_items(
    event: Event | None, placed: Sequence[Placed], unresolved: Set[str] = frozenset()
) -> list[Problem]:
    """Return every cross-item problem at once; refs to ``unresolved`` ids are not re-reported."""
    problems: list[Problem] = []
    first: dict[str, Placed] = {}
    for p in placed:
        item_id = p.item.id
        if item_id in first:
            other = first[item_id]
            problems.append(p.problem(
                f"duplicate id '{item_id}' (first used at {other.src.name}:"
                f"{other.src.line_of(other.path)})", "id"))
        else:
            first[item_id] = p
    venues = {p.item.id: p.item for p in placed if isinstance(p.item, Venue)}  # first wins
    pavilions = {p.item.id for p in placed if isinstance(p.item, Pavilion)}
    people = {p.item.id for p in placed if isinstance(p.item, Person)}
    organisations = {p.item.id for p in placed if isinstance(p.item, Organisation)}
    for p in placed:
        item = p.item
        if isinstance(item, Session | SideEvent | Pavilion) and item.venue not in unresolved:
            problems.extend(_check_place(p, item.venue, item.room, venues))
        if isinstance(item, Exhibitor) and item.pavilion not in pavilions | unresolved:
            problems.append(p.problem(
                f"unknown pavilion '{item.pavilion}'{did_you_mean(item.pavilion, pavilions)}",
                "pavilion"))
        if isinstance(item, Session | SideEvent):
            problems.extend(_check_times(p, item, event))
            problems.extend(_check_hours(p, item))
            for index, speaker in enumerate(item.speakers):
                if isinstance(speaker, str) and speaker not in people | unresolved:
                    problems.append(p.problem(
                        f"unknown person '{speaker}'{did_you_mean(speaker, people)} "
                        "(add them to `people`, or write the speaker inline with a name)",
                        "speakers", index))
            for index, org in enumerate(item.organisers):
                problems.extend(_check_organisation(p, org, organisations | unresolved,
                                                    ("organisers", index)))
        if isinstance(item, Person):
            problems.extend(_check_organisation(p, item.organisation, organisations | unresolved,
                                                ("organisation",)))
        if (isinstance(item, Exhibitor) and item.organisation is not None
                and item.organisation not in organisations | unresolved):
            hint = did_you_mean(item.organisation, organisations)
            problems.append(p.problem(f"unknown organisation '{item.organisation}'{hint}",
                                      "organisation"))
    problems.extend(_check_booths(placed))
    problems.extend(_check_aliases(placed))
    return problems


def _check_organisation(
    p: Placed, value: object, known: Set[str], path: tuple[str | int, ...]
) -> list[Problem]:
    """Report an organisation id with a typo; any other plain name is a name, as before."""
    if not isinstance(value, str) or value in known:
        return []
    hint = did_you_mean(value, known)
    return [p.problem(f"unknown organisation '{value}'{hint}", *path)] if hint else []


def _check_place(
    p: Placed, venue_id: str, room_id: str | None, venues: Mapping[str, Venue]
) -> list[Problem]:
    venue = venues.get(venue_id)
    if venue is None:
        return [p.problem(f"unknown venue '{venue_id}'{did_you_mean(venue_id, venues)}", "venue")]
    if room_id is None:
        return []
    rooms = [room.id for room in venue.rooms]
    if room_id not in rooms:
        # List the rooms rather than guess: two halls' names are often one letter apart.
        known = f"its rooms: {', '.join(rooms)}" if rooms else "it has no rooms"
        return [p.problem(f"unknown room '{room_id}' in venue '{venue_id}' ({known})", "room")]
    return []


def _check_times(p: Placed, item: Session | SideEvent, event: Event | None) -> list[Problem]:
    start, end = item.start, item.end
    if start.all_day != end.all_day:
        return [p.problem("start and end must both be dates or both date-times", "end")]
    if end < start:
        return [p.problem(f"ends ({_show(end.value, end.all_day)}) before it starts "
                          f"({_show(start.value, start.all_day)})", "end")]
    if end == start and not end.all_day:
        return [p.problem("ends at the moment it starts", "end")]
    if isinstance(item, Session) and event is not None:
        first, last = event.dates.start, event.dates.end
        for field, moment in (("start", start), ("end", end)):
            if not first <= moment.day <= last:
                return [p.problem(
                    f"{moment.day} is outside the event dates ({first} to {last}); "
                    "an off-dates item belongs in side_events", field)]
    return []


def _check_hours(p: Placed, item: Session | SideEvent) -> list[Problem]:
    """Report opening hours that close before they open or overlap, and days of other hours
    that the item does not run on or that have no daily hours to differ from."""
    problems: list[Problem] = []
    told: list[tuple[tuple[str, ...], str]] = (
        [(("daily_hours",), item.daily_hours)] if item.daily_hours else [])
    for day, hours in item.hours_on.items():
        where: tuple[str, ...] = ("hours_on", str(day))
        if item.daily_hours is None:
            problems.append(p.problem("hours_on needs daily_hours (the hours of the other "
                                      "days)", *where))
        elif not item.start.day <= day <= item.end.day:
            problems.append(p.problem(f"{day} is not one of the item's days ({item.start.day} "
                                      f"to {item.end.day})", *where))
        told.append((where, hours))
    for where, hours in told:
        spans = opening_spans(hours)
        if any(closes <= opens for opens, closes in spans) or any(
                later[0] < earlier[1] for earlier, later in pairwise(spans)):
            problems.append(p.problem(f"'{hours}': each span must close after it opens, and "
                                      "before the next one opens", *where))
    return problems


def _show(value: object, all_day: bool) -> str:
    text = str(value)
    return text[:10] if all_day else text[:16]


def _check_booths(placed: Sequence[Placed]) -> list[Problem]:
    problems: list[Problem] = []
    taken: dict[tuple[str, str], Placed] = {}
    for p in placed:
        if isinstance(p.item, Exhibitor):
            key = (p.item.pavilion, fold_alias(p.item.booth))
            if key in taken:
                other = taken[key].item
                problems.append(p.problem(
                    f"booth '{p.item.booth}' in pavilion '{p.item.pavilion}' is already "
                    f"taken by '{other.id}'", "booth"))
            else:
                taken[key] = p
    return problems


def _names(item: Item) -> list[tuple[str, str]]:
    """Return the primary names of an item: (language, text)."""
    return list(primary_name(item).all())


def _aliases(item: Item) -> list[tuple[str, str]]:
    return list(aliases_of(item).all())


def first_place_alias(p: Placed, key: str) -> str:
    """Return an item's alias as written, given its folded form."""
    return next((alias for _, alias in _aliases(p.item) if fold_alias(alias) == key), key)


def _check_aliases(placed: Sequence[Placed]) -> list[Problem]:
    """Report an alias that another item also claims as an alias or as its name."""
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    for p in placed:
        for _, name in _names(p.item):
            owner.setdefault(fold_alias(name), p.item.id)
    # An exhibitor stands for its organisation: the two may share names and aliases.
    entity = {p.item.id: p.item.organisation for p in placed
              if isinstance(p.item, Exhibitor) and p.item.organisation}
    claimed: dict[str, tuple[Placed, str, str]] = {}  # folded alias -> first claim
    for p in placed:
        for lang, alias in _aliases(p.item):
            key = fold_alias(alias)
            if not key:
                continue
            first = claimed.get(key)
            holder = first[0].item.id if first else None
            named = owner.get(key)
            field = "variants" if isinstance(p.item, Faq) else "aliases"
            mine = entity.get(p.item.id, p.item.id)
            if first is not None and holder is not None and entity.get(holder, holder) != mine:
                problems.append(p.problem(
                    f"alias '{alias}' is also an alias of '{holder}'", field, lang))
                # Report it on both: either item may be the one to change.
                first_place, first_field, first_lang = first
                problems.append(first_place.problem(
                    f"alias '{first_place_alias(first_place, key)}' is also an alias of "
                    f"'{p.item.id}'", first_field, first_lang))
            elif named is not None and entity.get(named, named) != mine:
                problems.append(p.problem(
                    f"alias '{alias}' is the name of '{named}'", field, lang))
            claimed.setdefault(key, (p, field, lang))
    return problems
