"""Inline buttons: open a card, save or remove, change language, page the schedule."""

from __future__ import annotations

import logging
import re
from collections.abc import Awaitable
from contextlib import suppress
from datetime import date

from telegram import InputFile, Message, Update
from telegram.error import BadRequest, TelegramError

from eventbot.bot import browse
from eventbot.bot.agenda import agenda, ics_calendar
from eventbot.bot.i18n import SUPPORTED, t
from eventbot.bot.reminders import with_clash_line
from eventbot.bot.render.pages import shown_page
from eventbot.handlers.context import BotContext
from eventbot.handlers.helpdesk import ask_person_markup
from eventbot.handlers.menus import set_personal_menu
from eventbot.handlers.reminders import confirm_save
from eventbot.handlers.send import edit_reply, send_reply
from eventbot.handlers.users import chat_and_language, saved_ids

logger = logging.getLogger(__name__)
# Anything else is forged or from an older version of the bot: answer "expired".
CALLBACK = re.compile(r"^(item|save|unsave|lang|day|ics|no):([a-z0-9_-]{0,48})$")


async def button(update: Update, context: BotContext) -> None:
    """Dispatch an inline button press; every press is answered, a forged one as expired."""
    query = update.callback_query
    if query is None:
        return
    chat_id, lang = await chat_and_language(update, context)
    match = CALLBACK.match(query.data or "")
    handler = _ACTIONS.get(match[1]) if match else None
    # Our buttons always arrive on their message; without one (forged, or a message Telegram
    # no longer shows) there is nothing to redraw or answer under: treat it as expired.
    if not isinstance(query.message, Message) or match is None or handler is None or not (
            await _answered_anyway(update, handler(update, context, match[2], lang))):
        logger.info("expired or forged button data from chat %s", chat_id)
        await query.answer(t(lang, "button.expired"), show_alert=True)


async def _answered_anyway(update: Update, action: Awaitable[bool]) -> bool:
    """Run a button's action; if it fails, still stop the button's spinner, then re-raise."""
    try:
        return await action
    except Exception:
        # If it was answered before the failure, this second answer fails: nothing to stop.
        with suppress(TelegramError):
            if update.callback_query is not None:
                await update.callback_query.answer()
        raise


async def _item(update: Update, context: BotContext, item_id: str, lang: str) -> bool:
    chat_id = update.effective_chat.id if update.effective_chat else 0
    card = browse.item_card(context.services.knowledge.concierge, item_id, lang,
                            saved=item_id in await saved_ids(update, context),
                            bot_username=context.bot.username)
    if card is None:
        return False
    await _answer(update)
    await send_reply(context, chat_id, card)
    return True


async def _save(update: Update, context: BotContext, item_id: str, lang: str) -> bool:
    return await _toggle(update, context, item_id, lang, save=True)


async def _unsave(update: Update, context: BotContext, item_id: str, lang: str) -> bool:
    return await _toggle(update, context, item_id, lang, save=False)


async def _toggle(update: Update, context: BotContext, item_id: str, lang: str, *,
                  save: bool) -> bool:
    services = context.services
    item = services.knowledge.kb.programme_item(item_id)
    user = update.effective_user
    if item is None or user is None:
        return False
    store = services.store
    clash_html = None
    if save:
        changed = await store.save_session(user.id, item_id)
        # The user's own reminder lead time, and which saved items this one overlaps.
        saving = await confirm_save(update, context, item, lang, newly_saved=changed)
        note, clash_html = saving.answer, saving.clash_html
    else:
        changed = await store.remove_session(user.id, item_id)
        note = t(lang, "agenda.removed" if changed else "agenda.not_saved")
    # A clash is worth a pop-up the user dismisses; the rest is a passing toast.
    await _answer(update, note, alert=clash_html is not None)
    message = update.effective_message
    if message is not None and message.reply_markup is not None:
        await _refresh(update, context, item_id, lang, clash_html=clash_html)
    return True


async def _refresh(update: Update, context: BotContext, item_id: str, lang: str, *,
                   clash_html: str | None = None) -> None:
    """Redraw the pressed message: the agenda list, or the card with its new button."""
    message = update.effective_message
    assert message is not None
    concierge = context.services.knowledge.concierge
    saved = await saved_ids(update, context)
    if any(b.callback_data == "ics:" for row in message.reply_markup.inline_keyboard  # type: ignore[union-attr]
           for b in row):
        # Stay on the page the user was reading (the last one if it emptied).
        rows = message.reply_markup.inline_keyboard  # type: ignore[union-attr]
        page = shown_page((str(b.callback_data) for row in rows for b in row), browse.AGENDA_VIEW)
        await _edit(edit_reply(message, browse.agenda_reply(concierge, saved, lang, page)))
        return
    card = browse.item_card(concierge, item_id, lang, saved=item_id in saved,
                            bot_username=context.bot.username)
    if card is not None:
        await _edit(edit_reply(message, with_clash_line(card, clash_html)))


async def _language(update: Update, context: BotContext, code: str, lang: str) -> bool:
    user = update.effective_user
    if code not in SUPPORTED or code not in context.services.knowledge.kb.event.languages:
        return False
    if user is not None:
        await context.services.store.set_language(user.id, code)
        await set_personal_menu(context.bot, context.services, user.id, code)
    await _answer(update)
    message = update.effective_message
    if message is not None:
        await _edit(message.edit_text(t(code, "language.set")))
    return True


async def _day(update: Update, context: BotContext, value: str, lang: str) -> bool:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return False
    await _answer(update)
    message = update.effective_message
    if message is not None:
        await _edit(edit_reply(message, browse.schedule_page(
            context.services.knowledge.concierge, day, lang)))
    return True


async def _ics(update: Update, context: BotContext, _: str, lang: str) -> bool:
    services = context.services
    kb = services.knowledge.kb
    items = [entry.item for entry in agenda(kb, await saved_ids(update, context))]
    chat_id = update.effective_chat.id if update.effective_chat else 0
    await _answer(update)
    if not items:
        await context.bot.send_message(chat_id, t(lang, "agenda.empty"))
        return True
    data = ics_calendar(kb, items, lang, stamp=services.clock())
    await context.bot.send_document(chat_id, InputFile(data, filename="my-agenda.ics"),
                                    caption=t(lang, "agenda.ics_caption"))
    return True


async def _not_this(update: Update, context: BotContext, _: str, lang: str) -> bool:
    """Answer "no" to "did you mean X?": say so in place, with the ways to browse."""
    await _answer(update)
    message = update.effective_message
    if message is not None:
        # "No" is when a person may help: the "🙋 Ask a person" button, if any, stays.
        await _edit(message.edit_text(t(lang, "reply.fallback"), parse_mode="HTML",
                                      reply_markup=ask_person_markup(message)))
    return True


async def _edit(edit: Awaitable[object]) -> None:
    """Edit a message in place; an edit that changes nothing (a double tap) is a success."""
    try:
        await edit
    except BadRequest as exc:
        # Telegram refuses to "edit" a message into what it already shows, and says so in
        # words only: the second tap of a double tap asks exactly that.
        if "not modified" not in exc.message.lower():
            raise


async def _answer(update: Update, text: str | None = None, *, alert: bool = False) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer(text, show_alert=alert)


_ACTIONS = {
    "item": _item, "save": _save, "unsave": _unsave, "lang": _language, "day": _day,
    "ics": _ics, "no": _not_this,
}
