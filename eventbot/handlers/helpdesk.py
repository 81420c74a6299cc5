"""The human helpdesk: `/human`, "🙋 Ask a person", tickets, staff replies, KB proposals."""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import timedelta
from html import escape

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError

from eventbot.bot.helpdesk import (
    NEW_FAQ,
    OFFER_OUTCOMES,
    BotAnswer,
    append_suggestion,
    knowledge_choices,
    parse_reference,
    reference,
    suggestion_yaml,
    suggestions_path,
    with_ask_person,
)
from eventbot.bot.i18n import t
from eventbot.bot.relay import worker as relay
from eventbot.bot.relay.channel import desk_language
from eventbot.bot.relay.helpdesk import HelpdeskChannel
from eventbot.bot.render.reply import Reply
from eventbot.bot.storage._helpdesk import HELPDESK_CHANNEL, StoredTicket
from eventbot.bot.tips import TipContent
from eventbot.handlers.auth import log_refusal
from eventbot.handlers.content import content_of
from eventbot.handlers.context import BotContext
from eventbot.handlers.send import relay_staff_message
from eventbot.handlers.users import chat_and_language

logger = logging.getLogger(__name__)
ASK_CALLBACK = re.compile(r"^human:(\d{1,12}):(\d{1,12})$")
KB_CALLBACK = re.compile(r"^hkb:(\d{1,12})(?::([a-z0-9_+-]{1,48}))?$")
# A /human waits this long for the question it announces.
DRAFT_MINUTES = 30
IDLE_SWEEP_SECONDS = 60.0


def helpdesk_open(context: BotContext) -> bool:
    """Tell whether there is a helpdesk: without helpdesk.chat_id nothing of it shows."""
    return context.services.config.helpdesk.chat_id is not None


def offer_person(update: Update, context: BotContext, reply: Reply, outcome: str,
                 log_id: int, lang: str) -> Reply:
    """Add "🙋 Ask a person" under a private reply that did not answer, if there is a helpdesk."""
    chat, message = update.effective_chat, update.effective_message
    if (not helpdesk_open(context) or chat is None or chat.type != ChatType.PRIVATE
            or message is None or outcome not in OFFER_OUTCOMES):
        return reply
    return with_ask_person(reply, lang, log_id, message.message_id)


def ask_person_markup(message: Message) -> InlineKeyboardMarkup | None:
    """Return a message's "🙋 Ask a person" button alone, to keep it when the rest goes."""
    rows = message.reply_markup.inline_keyboard if message.reply_markup is not None else ()
    kept = [[button] for row in rows for button in row
            if isinstance(button.callback_data, str) and ASK_CALLBACK.match(button.callback_data)]
    return InlineKeyboardMarkup(kept) if kept else None


async def human_command(update: Update, context: BotContext) -> None:
    """`/human`: the attendee's next message goes to a person at the helpdesk."""
    chat_id, lang = await chat_and_language(update, context)
    if not helpdesk_open(context):
        await context.bot.send_message(chat_id, t(lang, "unknown.command"))
        return
    await prompt_person(update, context, lang)


async def prompt_person(update: Update, context: BotContext, lang: str) -> None:
    """Ask for the question ("talk to a person", /human); the next message opens a ticket."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None:
        return
    await context.services.store.set_helpdesk_draft(user.id)
    await context.bot.send_message(chat.id, t(lang, "help.prompt"))


async def ask_button(update: Update, context: BotContext) -> None:
    """"🙋 Ask a person" under a reply: that question goes to the helpdesk as a ticket."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    chat_id, lang = await chat_and_language(update, context)
    match = ASK_CALLBACK.match(query.data or "")
    question = None
    if match is not None and helpdesk_open(context):
        question = await context.services.store.logged_question_text(int(match[1]), user.id)
    if match is None or question is None:
        await query.answer(t(lang, "help.expired"), show_alert=True)
        return
    await query.answer()
    _, lang = await chat_and_language(update, context, asked=question)  # as the bot replied
    ticket, _ = await context.services.store.helpdesk_state(user.id, context.services.clock())
    await to_ticket(update, context, TipContent(chat_id, int(match[2]), "text", text=question),
                    ticket, lang)


async def state_of(context: BotContext, user_id: int) -> tuple[StoredTicket | None, bool]:
    """Return the attendee's open ticket and whether a /human waits for its question."""
    if not helpdesk_open(context):
        return None, False
    services = context.services
    since = services.clock() - timedelta(minutes=DRAFT_MINUTES)
    return await services.store.helpdesk_state(user_id, since)


async def to_ticket(update: Update, context: BotContext, item: TipContent,
                    ticket: StoredTicket | None, lang: str) -> None:
    """Store an attendee's message in their open ticket, or open one; acknowledge once stored."""
    user = update.effective_user
    assert user is not None
    services = context.services
    store = services.store
    if ticket is not None:
        added = await store.add_to_ticket(ticket.id, item)
        logger.info("stored a %s message in %s", item.kind, reference(added.ticket_id))
        relay.wake(context.application, HELPDESK_CHANNEL)
        return
    # What the bot answers this question, for the staff (and "Add to knowledge").
    found = BotAnswer(None)
    if item.text:
        asked = services.knowledge.concierge.ask(item.text, now=services.clock(),
                                                 stored_lang=lang)
        found = BotAnswer(asked.outcome, tuple(m.item_id for m in asked.matches))
    added = await store.open_ticket(user.id, lang, item.text or item.kind, found.outcome,
                                    found.to_json(), item)
    logger.info("stored %s (%s)", reference(added.ticket_id), item.kind)
    opened = await store.get_ticket(added.ticket_id)
    if opened is not None and not opened.acked:  # a replayed update finds it acknowledged
        await HelpdeskChannel(services).acknowledge(opened, relay.teller(context.bot))
    relay.wake(context.application, HELPDESK_CHANNEL)


async def staff_reply(update: Update, context: BotContext, ticket_id: int) -> None:
    """A reply in the helpdesk group to a ticket's message reaches the attendee as "Helpdesk"."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or chat.id != context.services.config.helpdesk.chat_id:
        return
    store = context.services.store
    ticket = await store.get_ticket(ticket_id)
    if ticket is None:
        return
    lang, ref = _desk_language(context), reference(ticket.id)
    try:
        sent = await relay_staff_message(
            context.bot, ticket.chat_id, message,
            t(ticket.language, "help.reply", ref=ref, text=message.text or ""),
            t(ticket.language, "help.reply_media", ref=ref))
    except Forbidden:
        await message.reply_text(t(lang, "help.desk.gone", ref=ref))
        return
    await store.record_helpdesk_reply(ticket.id, content_of(message))
    await store.link_to_thread(ticket.chat_id, sent, HELPDESK_CHANNEL, ticket.id)
    logger.info("helpdesk reply to %s delivered", ref)
    await message.reply_text(t(lang, "help.desk.sent_ok", ref=ref))


async def close_ticket(update: Update, context: BotContext) -> None:
    """`/close H-0012 [note]` in the helpdesk group: close it and tell the attendee."""
    chat_id = await _in_helpdesk(update, context, "/close of a ticket")
    ticket = await _ticket_from_args(context, chat_id) if chat_id is not None else None
    if chat_id is None or ticket is None:
        return
    lang, ref = _desk_language(context), reference(ticket.id)
    note = " ".join((context.args or [])[1:]).strip() or None
    if not await context.services.store.close_ticket(ticket.id, "staff", note):
        await context.bot.send_message(chat_id, t(lang, "help.desk.already_closed", ref=ref))
        return
    told = await _tell(context, ticket.chat_id, t(ticket.language, "help.closed_note", ref=ref,
                                                  note=note) if note
                       else t(ticket.language, "help.closed", ref=ref))
    logger.info("closed %s", ref)
    await context.bot.send_message(chat_id, t(lang, "help.desk.closed" if told
                                              else "help.desk.closed_untold", ref=ref))


async def _in_helpdesk(update: Update, context: BotContext, what: str) -> int | None:
    """Return the helpdesk group's id if the update comes from it; else refuse, and log it."""
    chat = update.effective_chat
    if chat is not None and chat.id == context.services.config.helpdesk.chat_id:
        return chat.id
    log_refusal(update, what)
    refusal = t(_desk_language(context), "help.desk.refused")
    if update.callback_query is not None:
        await update.callback_query.answer(refusal, show_alert=True)
    elif chat is not None:
        await context.bot.send_message(chat.id, refusal)
    return None


async def _ticket_from_args(context: BotContext, chat_id: int) -> StoredTicket | None:
    """Return the ticket `/close H-0012` names, or say which reference is wanted."""
    args, lang = context.args or [], _desk_language(context)
    ticket_id = parse_reference(args[0]) if args else None
    ticket = await context.services.store.get_ticket(ticket_id) if ticket_id else None
    if ticket is None:
        await context.bot.send_message(chat_id, t(lang, "help.desk.which") if ticket_id is None
                                       else t(lang, "help.desk.no_such",
                                              ref=reference(ticket_id)))
    return ticket


async def close_idle_tickets(context: BotContext) -> None:
    """Job: close tickets quiet for helpdesk.idle_close_minutes; tell the attendee and staff."""
    services = context.services
    minutes = services.config.helpdesk.idle_close_minutes
    quiet_since = services.clock() - timedelta(minutes=minutes)
    for ticket in await services.store.idle_tickets(quiet_since):
        if not await services.store.close_ticket(ticket.id, "idle"):
            continue
        logger.info("closed %s after %d idle minutes", reference(ticket.id), minutes)
        await _tell(context, ticket.chat_id, t(ticket.language, "help.idle_closed",
                                               ref=reference(ticket.id), minutes=minutes))
        relay.wake(context.application, HELPDESK_CHANNEL)


async def knowledge_button(update: Update, context: BotContext) -> None:
    """"➕ Add to knowledge" on a ticket: pick an item, and the YAML goes to suggestions.yaml."""
    query = update.callback_query
    chat_id = await _in_helpdesk(update, context, "hkb:button")
    if query is None or chat_id is None:
        return
    lang = _desk_language(context)
    match = KB_CALLBACK.match(query.data or "")
    ticket = await context.services.store.get_ticket(int(match[1])) if match else None
    if match is None or ticket is None or (match[2] not in (None, NEW_FAQ)
                                           and match[2] not in context.services.knowledge.kb.items):
        await query.answer(t(lang, "button.expired"), show_alert=True)
        return
    await query.answer()
    if match[2] is None:
        await _propose(context, chat_id, ticket, lang)
    else:
        await _write_suggestion(context, query.message, ticket, match[2], lang)


async def _propose(context: BotContext, chat_id: int, ticket: StoredTicket, lang: str) -> None:
    """Offer the matcher's candidates for the ticket's question, and a new FAQ entry."""
    concierge = context.services.knowledge.concierge
    candidates = [score.item_id for score in concierge.matcher.rank(ticket.question)]
    rows = knowledge_choices(concierge.kb, ticket.id, candidates, lang)
    await context.bot.send_message(
        chat_id, t(lang, "help.desk.kb_pick", question=ticket.question, language=ticket.language),
        reply_markup=InlineKeyboardMarkup(
            [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in rows]))


async def _write_suggestion(context: BotContext, message: object, ticket: StoredTicket,
                            target: str, lang: str) -> None:
    """Append the YAML lines beside the KB (never into it) and show them in the chat."""
    services = context.services
    lines = suggestion_yaml(services.knowledge.kb, ticket.id, ticket.question, ticket.language,
                            target, services.clock(), lang)
    path = suggestions_path(services.config.knowledge_path)
    await asyncio.to_thread(append_suggestion, path, lines)
    logger.info("proposed the question of %s for the knowledge base (%s) in %s",
                reference(ticket.id), target, path)
    if not isinstance(message, Message):
        return
    await message.reply_text(f"{escape(t(lang, 'help.desk.kb_written', file=path.name))}\n"
                             f"<pre>{escape(lines)}</pre>", parse_mode=ParseMode.HTML)
    try:
        await message.edit_reply_markup(None)
    except BadRequest as exc:  # a second pick on the same message: its buttons are gone
        if "not modified" not in exc.message.lower():
            raise


async def _tell(context: BotContext, chat_id: int, text: str) -> bool:
    try:
        await context.bot.send_message(chat_id, text)
    except TelegramError as exc:
        logger.warning("could not tell chat %s: %s", chat_id, type(exc).__name__)
        return False
    return True


def _desk_language(context: BotContext) -> str:
    return desk_language(context.services.config.helpdesk.language, context.services)
