"""A private message, routed: a news tip, a tip's thread, a helpdesk ticket, or a question."""

from __future__ import annotations

from datetime import timedelta

from telegram import Message, Update

from eventbot.bot.helpdesk import wants_person
from eventbot.bot.routing import MessageFacts, route
from eventbot.bot.storage._tips import TIPS_CHANNEL
from eventbot.bot.tips import TipContent
from eventbot.handlers import attendee, helpdesk, tips
from eventbot.handlers.content import content_of
from eventbot.handlers.context import BotContext
from eventbot.handlers.users import chat_and_language


async def message(update: Update, context: BotContext) -> None:
    """Send a private message where it belongs (see eventbot.bot.routing)."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    item = content_of(message)
    if await tips.joins_album(update, context, item):
        return
    ticket, draft = await helpdesk.state_of(context, user.id)
    facts, target = await _facts(context, message, user.id, item, ticket is not None or draft)
    where = route(facts)
    if where == "question" and helpdesk.helpdesk_open(context) and wants_person(item.text or ""):
        _, lang = await chat_and_language(update, context)
        await helpdesk.prompt_person(update, context, lang)
        return
    if where == "question":
        await tips.question(update, context)
        return
    if where == "not_text":
        await attendee.not_text(update, context)
        return
    _, lang = await chat_and_language(update, context, question=item.kind == "text")
    if where == "ticket":
        await helpdesk.to_ticket(update, context, item, ticket, lang)
    elif where == "ask_first":
        await tips.ask_first(update, context, item, lang)
    elif where == "answer" and target is not None:
        await tips.answer(update, context, target, item, lang)
    else:  # a tip after /tip, or an addition
        await tips.to_tip(update, context, item, lang, target, addition=where == "add")


async def _facts(context: BotContext, message: Message, user_id: int, item: TipContent,
                 ticket_open: bool) -> tuple[MessageFacts, int | None]:
    """Gather what the router needs, and the tip a reply or a /tip T-0042 names."""
    store, services = context.services.store, context.services
    tip_line = tips.tip_line_open(context)
    draft_open, target = False, None
    acked = newsroom = False
    if tip_line:
        window = timedelta(minutes=services.config.tips.open_window_minutes)
        draft_open, target = await store.tip_draft(user_id, services.clock() - window)
        replied = message.reply_to_message
        if replied is not None:
            tip = await store.tip_by_ack(message.chat_id, replied.message_id)
            thread = await store.thread_of_message(message.chat_id, replied.message_id)
            if tip is not None:
                acked, target = True, tip.id
            elif thread is not None and thread[0] == TIPS_CHANNEL:
                newsroom, target = True, thread[1]
    facts = MessageFacts(kind=item.kind,
                         forwarded=message.forward_origin is not None, draft_open=draft_open,
                         replies_to_ack=acked, replies_to_newsroom=newsroom,
                         ticket_open=ticket_open, tip_line=tip_line)
    return facts, target
