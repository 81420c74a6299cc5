"""Who may do what: organisers and newsroom members, checked against the config."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError

from eventbot.handlers.context import BotContext

logger = logging.getLogger(__name__)
MEMBER_STATUSES = {ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR,
                   ChatMemberStatus.MEMBER}


async def is_organiser(update: Update, context: BotContext) -> bool:
    """Tell whether the sender is an organiser: listed in the config or in the organisers' group."""
    user, chat = update.effective_user, update.effective_chat
    config = context.services.config
    if user is None:
        return False
    if config.is_organiser(user.id):
        return True
    group = config.organisers_chat_id
    if group is None:
        return False
    if chat is not None and chat.id == group:
        return True  # Telegram only delivers a group's messages from its members
    return await _is_member(context, group, user.id)


async def is_newsroom(update: Update, context: BotContext) -> bool:
    """Tell whether the sender may use newsroom commands: in the newsroom chat, or an organiser."""
    chat = update.effective_chat
    newsroom = context.services.config.tips.newsroom_chat_id
    if chat is not None and newsroom is not None and chat.id == newsroom:
        return True
    return await is_organiser(update, context)


async def _is_member(context: BotContext, chat_id: int, user_id: int) -> bool:
    try:
        member = await context.bot.get_chat_member(chat_id, user_id)
    except TelegramError as exc:
        logger.warning("cannot check membership of chat %s: %s", chat_id, exc)
        return False
    return member.status in MEMBER_STATUSES


def log_refusal(update: Update, what: str) -> None:
    """Log a refused privileged command (who and what, never the content)."""
    user = update.effective_user
    logger.warning("refused %s for user %s", what, user.id if user else None)
