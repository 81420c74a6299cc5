"""The reminder lead time: /remind, its choice buttons, and what a press of Save confirms."""

from __future__ import annotations

import logging
from collections.abc import Awaitable

from telegram import Message, Update
from telegram.error import BadRequest

from eventbot.bot import reminders
from eventbot.bot.agenda import ProgrammeItem
from eventbot.bot.i18n import t
from eventbot.handlers.context import BotContext
from eventbot.handlers.send import edit_reply, is_not_modified, send_reply
from eventbot.handlers.users import chat_and_language, saved_ids

logger = logging.getLogger(__name__)
# Every remind: button comes here; reminders.is_choice_data then tells ours from forged ones.
REMIND_CALLBACK = "^" + reminders.CALLBACK_PREFIX


async def remind_command(update: Update, context: BotContext) -> None:
    """Offer the lead times, or set one directly: ``/remind 15``, ``/remind off``."""
    chat_id, lang = await chat_and_language(update, context)
    user = update.effective_user
    if user is None:
        return
    current = await lead_of(context, user.id)
    typed = " ".join(context.args or [])
    if not typed:
        await send_reply(context, chat_id, reminders.choice_reply(lang, current))
        return
    minutes = reminders.parse_lead(typed)
    if minutes is None:
        await send_reply(context, chat_id, reminders.bad_lead_reply(lang, typed, current))
        return
    await context.services.store.set_reminder_lead(user.id, minutes)
    await send_reply(context, chat_id, reminders.lead_set_reply(lang, minutes))


async def remind_button(update: Update, context: BotContext) -> None:
    """Open the choice (the button under /my) or set the chosen lead; forged data expires."""
    query = update.callback_query
    user = update.effective_user
    if query is None or user is None:
        return
    chat_id, lang = await chat_and_language(update, context)
    message = query.message
    if not isinstance(message, Message) or not reminders.is_choice_data(query.data or ""):
        logger.info("expired or forged reminder button from chat %s", chat_id)
        await query.answer(t(lang, "button.expired"), show_alert=True)
        return
    minutes = reminders.lead_from_data(query.data or "")
    if minutes is None:  # under /my: the choice comes as a message of its own
        await query.answer()
        await send_reply(context, chat_id,
                         reminders.choice_reply(lang, await lead_of(context, user.id)))
        return
    await context.services.store.set_reminder_lead(user.id, minutes)
    await query.answer(reminders.lead_set_text(lang, minutes))
    await _edit_unless_unchanged(edit_reply(message, reminders.lead_set_reply(lang, minutes)))


async def lead_of(context: BotContext, user_id: int) -> int:
    """Return the lead time in minutes that applies to a user (0: reminders off)."""
    services = context.services
    return reminders.effective_lead(await services.store.reminder_lead(user_id),
                                    services.config.reminder_minutes)


async def confirm_save(update: Update, context: BotContext, item: ProgrammeItem, lang: str, *,
                       newly_saved: bool) -> reminders.SaveConfirmation:
    """Return what a press of Save says: the user's reminder, and the items it overlaps."""
    user_id = update.effective_user.id if update.effective_user else 0
    return reminders.save_confirmation(
        context.services.knowledge.kb, lang, item, await saved_ids(update, context),
        lead_minutes=await lead_of(context, user_id), newly_saved=newly_saved)


async def _edit_unless_unchanged(edit: Awaitable[object]) -> None:
    """Edit a message; pressing the choice it already shows is a success, not an error."""
    try:
        await edit
    except BadRequest as exc:
        if not is_not_modified(exc):
            raise
