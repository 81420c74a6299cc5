"""Staff chats (the newsroom, the helpdesk group): replies and /close, dispatched by thread."""

from __future__ import annotations

from telegram import Update

from eventbot.bot.helpdesk import parse_reference as ticket_reference
from eventbot.bot.storage._helpdesk import HELPDESK_CHANNEL
from eventbot.bot.storage._tips import TIPS_CHANNEL
from eventbot.handlers import helpdesk, newsroom
from eventbot.handlers.context import BotContext


async def reply(update: Update, context: BotContext) -> None:
    """A reply in a staff chat to a relayed message goes back to its tip's or ticket's sender."""
    message, chat = update.effective_message, update.effective_chat
    config = context.services.config
    # Every reply in every group comes here: look nothing up outside the staff chats.
    if message is None or chat is None or message.reply_to_message is None or chat.id not in (
            config.tips.newsroom_chat_id, config.helpdesk.chat_id):
        return
    thread = await context.services.store.thread_of_message(
        chat.id, message.reply_to_message.message_id)
    if thread is None:
        return
    channel, thread_id = thread
    if channel == TIPS_CHANNEL:
        await newsroom.reply(update, context, thread_id)
    elif channel == HELPDESK_CHANNEL:
        await helpdesk.staff_reply(update, context, thread_id)


async def close(update: Update, context: BotContext) -> None:
    """`/close T-0042 [note]` closes a tip, `/close H-0012 [note]` a helpdesk ticket."""
    args = context.args or []
    if args and helpdesk.helpdesk_open(context) and ticket_reference(args[0]) is not None:
        await helpdesk.close_ticket(update, context)
    else:
        await newsroom.close_tip(update, context)
