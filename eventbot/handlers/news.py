"""Attendees' /news: the announcements so far, for someone who joined late; and its pages."""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.error import TelegramError

from eventbot.bot.news import NEWS_PAGE, older_offset, render_news
from eventbot.bot.render import Reply
from eventbot.handlers.context import BotContext
from eventbot.handlers.send import send_reply
from eventbot.handlers.users import chat_and_language

logger = logging.getLogger(__name__)


async def news_command(update: Update, context: BotContext) -> None:
    """Show the latest announcements, newest first, each in the reader's language."""
    chat_id, lang = await chat_and_language(update, context)
    await send_reply(context, chat_id, await _page(context, lang, 0))


async def older_news(update: Update, context: BotContext) -> None:
    """The "Older" button under /news: the next page, as a new message below."""
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    chat_id, lang = await chat_and_language(update, context)
    if isinstance(query.message, Message):
        try:  # the button has done its work; pressed again it would repeat the same page
            await query.edit_message_reply_markup(None)
        except TelegramError as exc:
            logger.debug("could not remove the Older button: %s", exc)
    await send_reply(context, chat_id, await _page(context, lang, older_offset(query.data or "")))


async def _page(context: BotContext, lang: str, offset: int) -> Reply:
    # One more than a page tells whether an "Older" button is needed.
    found = await context.services.store.news(lang, NEWS_PAGE + 1, offset)
    tz = context.services.knowledge.kb.tz
    return render_news(found[:NEWS_PAGE], lang, tz, offset=offset, more=len(found) > NEWS_PAGE)
