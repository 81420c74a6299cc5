"""Dates and times of programme items, formatted by Babel for the reply language."""

from __future__ import annotations

from datetime import date, datetime

from babel import Locale
from babel.dates import format_interval, format_skeleton

from eventbot.bot.i18n import BABEL_LOCALES
from eventbot.bot.kb.models import Session, SideEvent


def _locale(lang: str) -> str:
    return BABEL_LOCALES.get(lang, "en")


def format_day(day: date, lang: str) -> str:
    """Return a day with its weekday: 'Mon, Sep 1, 2025' / '2025년 9월 1일 (월)'."""
    return format_skeleton("yMMMEd", day, locale=_locale(lang))


def format_clock(moment: datetime, lang: str) -> str:
    """Return a time of day on the 24-hour clock."""
    return format_skeleton("Hm", moment, locale=_locale(lang))


def format_start(item: Session | SideEvent, lang: str) -> str:
    """Return when an item starts, briefly: 'Thu, Nov 12 14:30' / '11월 12일 (목) 14:30'."""
    day = format_short_day(item.start.day, lang)
    return day if item.start.all_day else f"{day} {format_clock(item.start.value, lang)}"


def format_short_day(day: date, lang: str) -> str:
    """Return a day with its weekday, without the year: 'Fri, Nov 27' / '11월 27일 (금)'."""
    return format_skeleton("MMMEd", day, locale=_locale(lang))


def format_when(item: Session | SideEvent, lang: str) -> str:
    """Return when an item takes place, as one localized phrase."""
    locale = _locale(lang)
    start, end = item.start, item.end
    if start.all_day:
        if start.day == end.day:
            return format_day(start.day, lang)
        return format_interval(start.day, end.day, "yMMMd", locale=locale)
    if start.day == end.day:
        hours = format_interval(start.value, end.value, "Hm", locale=locale)
        return f"{format_day(start.day, lang)} {hours}"
    # Babel has no day-spanning skeleton with hours for most locales and falls back to a
    # 12-hour clock with seconds; join two of our own day-and-time phrases with its dash instead.
    joined = str(Locale.parse(locale).interval_formats.get(None, "{0} – {1}"))
    return joined.format(_day_clock(start.value, lang), _day_clock(end.value, lang))


def _day_clock(moment: datetime, lang: str) -> str:
    return f"{format_day(moment.date(), lang)} {format_clock(moment, lang)}"
