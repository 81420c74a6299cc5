"""Page buttons (◀ n/N ▶) under long lists: redraw the pressed message with the page asked for."""

from __future__ import annotations

import logging

from telegram import Message, Update

from eventbot.bot import browse
from eventbot.bot.i18n import t
from eventbot.bot.render.pages import PAGE_PREFIX, parse_page
from eventbot.handlers.context import BotContext
from eventbot.handlers.send import edit_reply
from eventbot.handlers.users import chat_and_language, saved_ids

logger = logging.getLogger(__name__)
# Every `pg:` button comes here; turn_page itself checks the rest and expires a forged one.
PAGE_PATTERN = f"^{PAGE_PREFIX}"


async def turn_page(update: Update, context: BotContext) -> None:
    """Show the page a button asks for in place of its message; a forged one expires."""
    query = update.callback_query
    if query is None:
        return
    chat_id, lang = await chat_and_language(update, context)
    wanted = parse_page(query.data or "")
    reply = None
    if wanted is not None and isinstance(query.message, Message):
        # The agenda shown is always the presser's own, whoever's message it was.
        saved = await saved_ids(update, context) if wanted.view == browse.AGENDA_VIEW else []
        reply = browse.list_page(context.services.knowledge.concierge, wanted, lang, saved)
    if reply is None or not isinstance(query.message, Message):
        logger.info("expired or forged page button from chat %s", chat_id)
        await query.answer(t(lang, "button.expired"), show_alert=True)
        return
    await query.answer()
    await edit_reply(query.message, reply)  # the same page again (a double tap) is no error
