"""English interface texts."""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "when.all_day": "{dates}",
    "label.when": "When",
    "label.where": "Where",
    "label.address": "Address",
    "label.directions": "Getting there",
    "label.speakers": "Speakers",
    "label.organisers": "Organised by",
    "label.participants": "{count} participants",
    "label.companies": "{count} companies",
    "label.booth": "Booth {booth}",
    "label.pavilion": "Pavilion",
    "label.exhibitors": "Exhibitors",
    "label.showcase": "Showing",
    "label.category": "Category",
    "label.official": "Official side event",
    "label.floor": "Floor",
    "label.held_here": "Held here",
    "label.rooms": "Halls and rooms",
    "label.map": "Map",
    "label.website": "Website",
    "reply.clarify": "Did you mean one of these?",
    "reply.fallback": (
        "Sorry, I couldn't find that in the event information. Try other words, or browse: "
        "/schedule, /now, /venues, /events, /booths. /help shows everything I can do."
    ),
    "reply.empty": "Please type a question, for example: where is Halla Hall?",
    "reply.too_long": "That message is very long; I read only its beginning.",
    "now.title": "On now ({time})",
    "now.next": "Next",
    "now.nothing": "Nothing is on right now.",
    "now.nothing_next": "Nothing else is scheduled.",
    "today.title": "Today, {date}",
    "today.nothing": "Nothing is scheduled for {date}.",
    "day.title": "Programme for {date}",
}
