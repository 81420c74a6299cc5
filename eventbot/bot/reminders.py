"""Reminder lead times users choose, and what saving a session confirms (lead time, clashes)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from html import escape

from babel.lists import format_list

from eventbot.bot.agenda import ProgrammeItem, agenda
from eventbot.bot.i18n import BABEL_LOCALES, t, tn
from eventbot.bot.kb.base import KnowledgeBase
from eventbot.bot.render.cards import CardWriter
from eventbot.bot.render.reply import Button, Reply
from eventbot.bot.render.split import split_html

# The lead times offered (issue #14); 0 stands for "no reminders".
LEAD_CHOICES: tuple[int, ...] = (5, 15, 30, 60)
OFF = 0
CALLBACK_PREFIX = "remind:"
# remind: alone opens the choice (the button under /my); remind:<choice> sets it.
# Matched whole (fullmatch): "$" alone would let a trailing newline through.
CHOICE_DATA = re.compile(r"remind:(" + "|".join(map(str, LEAD_CHOICES)) + r"|off)?")
# "15", "15m", "15 min", "15분", "15分", "off": what /remind reads; anything else is refused.
_TYPED_LEAD = re.compile(r"(\d{1,4})\s*(m|min|mins|minutes?|분|分|分钟|分鐘)?", re.IGNORECASE)
_TYPED_OFF = frozenset({"off", "0", "none", "no"})
ANSWER_LIMIT = 200  # Telegram refuses a callback answer (toast or pop-up) longer than this
_SHOWN_VALUE_LIMIT = 40  # a bad /remind argument is quoted back, cut to this


def effective_lead(chosen: int | None, default: int) -> int:
    """Return the lead time in minutes that applies: the user's choice, else the event's."""
    return default if chosen is None else chosen


def lead_times(chosen: Mapping[int, int]) -> dict[int, timedelta]:
    """Turn the stored choices (minutes by user) into the scheduler's lead times."""
    return {user_id: timedelta(minutes=minutes) for user_id, minutes in chosen.items()}


def parse_lead(text: str) -> int | None:
    """Read a typed lead time ("15", "15 min", "off"); None unless it is one of the choices."""
    value = text.strip().lower()
    if value in _TYPED_OFF:
        return OFF
    match = _TYPED_LEAD.fullmatch(value)
    if match is None or int(match[1]) not in LEAD_CHOICES:
        return None
    return int(match[1])


def lead_from_data(data: str) -> int | None:
    """Return the lead a choice button sets, or None for the button that opens the choice."""
    match = CHOICE_DATA.fullmatch(data)
    if match is None or match[1] is None:
        return None
    return OFF if match[1] == "off" else int(match[1])


def is_choice_data(data: str) -> bool:
    """Tell whether callback data is one of our buttons (anything else is forged or stale)."""
    return CHOICE_DATA.fullmatch(data) is not None


def choice_reply(lang: str, current: int, *, html: str | None = None) -> Reply:
    """Offer the lead times, the current one ticked; by default ask, stating the current one."""
    if html is None:
        now = tn(lang, "remind.now", current) if current else t(lang, "remind.now_off")
        html = f"{t(lang, 'remind.choose')}\n{now}"

    def button(minutes: int) -> Button:
        label = tn(lang, "remind.minutes", minutes) if minutes else t(lang, "button.remind_off")
        data = CALLBACK_PREFIX + (str(minutes) if minutes else "off")
        return Button(("✓ " if minutes == current else "") + label, data)

    rows = (tuple(button(m) for m in LEAD_CHOICES[:2]), tuple(button(m) for m in LEAD_CHOICES[2:]),
            (button(OFF),))
    return Reply(html, buttons=rows)


def bad_lead_reply(lang: str, value: str, current: int) -> Reply:
    """Say a typed lead time can't be used and offer the choices instead."""
    shown = value if len(value) <= _SHOWN_VALUE_LIMIT else value[:_SHOWN_VALUE_LIMIT] + "…"
    choices = format_list([str(m) for m in LEAD_CHOICES], style="or",
                          locale=BABEL_LOCALES.get(lang, "en"))
    return choice_reply(lang, current, html=escape(
        t(lang, "remind.bad_value", value=shown, choices=choices), quote=False))


def lead_set_text(lang: str, minutes: int) -> str:
    """Confirm a new lead time in plain text."""
    return tn(lang, "remind.set", minutes) if minutes else t(lang, "remind.set_off")


def lead_set_reply(lang: str, minutes: int) -> Reply:
    """Confirm a new lead time, the choices still offered (and the new one ticked)."""
    return choice_reply(lang, minutes, html=escape(lead_set_text(lang, minutes), quote=False))


@dataclass(frozen=True)
class SaveConfirmation:
    """What a press of Save says: the short answer, and the clash line for the message."""

    answer: str  # plain text for the callback answer, at most ANSWER_LIMIT characters
    clash_html: str | None  # "⚠ overlaps with …" for the edited message; None without a clash


def save_confirmation(
    kb: KnowledgeBase, lang: str, item: ProgrammeItem, saved_ids: Sequence[str], *,
    lead_minutes: int, newly_saved: bool,
) -> SaveConfirmation:
    """Confirm a save: the reminder the user will get and the saved items it overlaps.

    A second tap (already saved) still names the clashes, so its redraw keeps the warning.
    """
    if not newly_saved:
        note = t(lang, "agenda.already")
    elif item.start.all_day:
        note = t(lang, "agenda.saved_all_day")
    elif lead_minutes:
        note = t(lang, "agenda.saved", minutes=lead_minutes)
    else:
        note = t(lang, "agenda.saved_no_reminder")
    clashes = next((e.clashes for e in agenda(kb, saved_ids) if e.item.id == item.id), ())
    if not clashes:
        return SaveConfirmation(note, None)
    writer = CardWriter(kb, lang)
    plain = t(lang, "agenda.clash", other=", ".join(writer.plain_name(o) for o in clashes))
    answer = f"{note}\n{plain}"
    if len(answer) > ANSWER_LIMIT:
        answer = answer[:ANSWER_LIMIT - 1] + "…"
    html = t(lang, "agenda.clash", other=", ".join(writer.name(o) for o in clashes))
    return SaveConfirmation(answer, html)


def with_clash_line(card: Reply, clash_html: str | None) -> Reply:
    """Put the clash line atop a card, unless the card would then no longer fit one message."""
    if clash_html is None:
        return card
    html = f"{clash_html}\n\n{card.html}"
    # An edit shows one message only: a long card keeps the warning in the pop-up alone.
    if len(split_html(html)) > len(split_html(card.html)):
        return card
    return Reply(html, buttons=card.buttons, pin=card.pin, extra=card.extra)
