"""Questions in group chats: answered when they mention the bot or reply to it, else ignored."""

from __future__ import annotations

from telegram import Bot, Message, MessageEntity, Update

from eventbot.bot.addressing import addressed_question, command_addressee
from eventbot.bot.config import Config
from eventbot.handlers import attendee
from eventbot.handlers.context import BotContext


async def ask(update: Update, context: BotContext) -> None:
    """Answer a group message that asks the bot something; stay silent on everything else."""
    message = update.message
    if message is None or message.chat.id in staff_chats(context.services.config):
        return  # the newsroom's and helpdesk's replies are theirs, handled before this
    question = question_for(message, context.bot)
    if question is not None:
        await attendee.ask(update, context, question=question)


def question_for(message: Message, bot: Bot) -> str | None:
    """Return what a group message asks this bot, its mention removed; None if not asked."""
    if message.text is None:
        return None
    mentions = [(e.offset, e.length) for e in message.entities if e.type == MessageEntity.MENTION]
    replied = message.reply_to_message
    to_bot = bool(replied and replied.from_user and replied.from_user.id == bot.id)
    return addressed_question(message.text, mentions, bot.username, reply_to_bot=to_bot)


def for_this_bot(message: Message, bot: Bot) -> bool:
    """Tell whether a group message is for this bot: a command to it, a mention or a reply."""
    text = message.text or ""
    if text.startswith("/"):
        addressee = command_addressee(text)
        return addressee is None or addressee.casefold() == bot.username.casefold()
    return question_for(message, bot) is not None


def staff_chats(config: Config) -> set[int]:
    """Return the chats whose messages are staff work, never attendees' questions."""
    chats = (config.tips.newsroom_chat_id, config.helpdesk.chat_id)
    return {chat for chat in chats if chat is not None}
