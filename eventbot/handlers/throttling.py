"""Per-user throttling on the Telegram side: what may be dropped, and the "slow down" notice."""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from eventbot.bot.i18n import t
from eventbot.bot.throttle import Verdict
from eventbot.handlers import group_questions, helpdesk, menus
from eventbot.handlers.context import BotContext
from eventbot.handlers.users import chat_and_language

logger = logging.getLogger(__name__)
# Commands that start or list a tip: a tip is never dropped (the tip line has its own limit).
TIP_COMMANDS = tuple(f"/{name}" for name in menus.TIP_COMMANDS)


async def admit(update: object, context: BotContext) -> None:
    """Stop a user's questions, commands and taps beyond their rate; tell them once per burst."""
    if not isinstance(update, Update) or not droppable(update, context):
        return
    user = update.effective_user
    assert user is not None  # droppable() said so
    verdict = context.throttle.check(user.id)
    if verdict is Verdict.HANDLE or await _writing_tip(update, context) or await _to_helpdesk(
            update, context):
        return
    logger.info("throttled an update from user %s (%s)", user.id, verdict.value)
    try:
        await _tell(update, context, verdict)
    except TelegramError as exc:  # the notice is a courtesy: the update is dropped either way
        logger.warning("could not tell user %s to slow down: %s", user.id, exc)
    raise ApplicationHandlerStop


def droppable(update: Update, context: BotContext) -> bool:
    """Tell whether an update may be dropped when its sender is over the limit."""
    # Questions, commands and button taps may: the user can ask again. What may be a tip never
    # is (forwards, media, album items, replies to an acknowledgement, /tip): losing one of an
    # album's photos loses the story. Organisers and the newsroom and organisers' chats are
    # never throttled; updates with no sender (channel posts) or no reply (polls) are not either.
    user, chat = update.effective_user, update.effective_chat
    config = context.services.config
    if user is None or config.is_organiser(user.id):
        return False
    if chat is not None and chat.id in (config.tips.newsroom_chat_id, config.organisers_chat_id,
                                        config.helpdesk.chat_id):
        return False
    if update.callback_query is not None:
        return True
    message = update.message or update.edited_message
    if message is None or message.text is None:
        return False  # media, albums, polls, locations: tips or "not text"; not throttled
    if message.chat.type != ChatType.PRIVATE and not group_questions.for_this_bot(
            message, context.bot):
        return False  # group chatter the bot ignores costs nothing: never counted nor told
    if message.forward_origin is not None or message.reply_to_message is not None:
        return False
    return not message.text.startswith(TIP_COMMANDS)


async def _writing_tip(update: Update, context: BotContext) -> bool:
    """Tell whether a private text is the tip its sender announced with /tip: never dropped."""
    message = update.message
    user = update.effective_user
    services = context.services
    if (message is None or user is None or message.chat.type != "private"
            or services.config.tips.newsroom_chat_id is None):
        return False
    window = timedelta(minutes=services.config.tips.open_window_minutes)
    draft_open, _ = await services.store.tip_draft(user.id, services.clock() - window)
    return draft_open


async def _to_helpdesk(update: Update, context: BotContext) -> bool:
    """Tell whether a private text goes to a person at the helpdesk: never dropped."""
    message, user = update.message, update.effective_user
    if message is None or user is None or message.chat.type != ChatType.PRIVATE:
        return False
    ticket, draft = await helpdesk.state_of(context, user.id)
    return ticket is not None or draft


async def _tell(update: Update, context: BotContext, verdict: Verdict) -> None:
    """Answer a tap with the notice every time (a tap must be answered); a message, once."""
    query = update.callback_query
    if query is None and verdict is not Verdict.WARN:
        return
    chat_id, lang = await chat_and_language(update, context)
    if query is not None:
        await query.answer(t(lang, "throttle.slow_down"))
    elif isinstance(update.effective_message, Message):
        await context.bot.send_message(chat_id, t(lang, "throttle.slow_down"))
