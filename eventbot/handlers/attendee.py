"""Attendee commands and questions: read the update, call the core, reply."""

from __future__ import annotations

import logging
from html import escape

from telegram import Update
from telegram.constants import ChatType

from eventbot.bot import browse
from eventbot.bot.i18n import DAY_FIRST, t
from eventbot.bot.welcome import help_text, welcome_text
from eventbot.handlers.context import BotContext
from eventbot.handlers.helpdesk import offer_person
from eventbot.handlers.organiser_menu import organiser_help
from eventbot.handlers.send import send_reply
from eventbot.handlers.users import chat_and_language, saved_ids

logger = logging.getLogger(__name__)
DEEP_LINK_PREFIX = "session_"


async def start(update: Update, context: BotContext) -> None:
    """Welcome the user; a deep link ``/start session_<id>`` opens that session's card."""
    chat_id, lang = await chat_and_language(update, context)
    concierge = context.services.knowledge.concierge
    payload = context.args[0] if context.args else ""
    if payload.startswith(DEEP_LINK_PREFIX):
        item_id = payload.removeprefix(DEEP_LINK_PREFIX)
        card = browse.item_card(concierge, item_id, lang, saved=item_id in await saved_ids(
            update, context), bot_username=context.bot.username)
        if card is not None:
            await send_reply(context, chat_id, card)
            return
    # A link to a session since removed (or mistyped) says so before the welcome.
    unknown = payload.startswith(DEEP_LINK_PREFIX)
    welcome = (t(lang, "start.unknown_session") + "\n\n" if unknown else "") + welcome_text(
        concierge.kb, lang) + "\n\n" + _help(lang, context, update)
    await context.bot.send_message(chat_id, welcome, parse_mode="HTML")


async def help_command(update: Update, context: BotContext) -> None:
    """List what the bot can do; an organiser also gets their own commands, after it."""
    chat_id, lang = await chat_and_language(update, context)
    text = _help(lang, context, update)
    organisers = await organiser_help(update, context, lang)
    if organisers is not None:
        text = f"{text}\n\n{organisers}"
    await context.bot.send_message(chat_id, text, parse_mode="HTML")


async def whoami(update: Update, context: BotContext) -> None:
    """Tell a user their Telegram id and the chat's, for setting up organisers and groups."""
    chat_id, lang = await chat_and_language(update, context)
    user_id = update.effective_user.id if update.effective_user else 0
    await context.bot.send_message(chat_id, t(lang, "whoami.text", user_id=user_id,
                                               chat_id=chat_id), parse_mode="HTML")


def _help(lang: str, context: BotContext, update: Update) -> str:
    """Return the help text; the tip line only with a newsroom; in a group, how to ask there."""
    services = context.services
    text = help_text(services.knowledge.kb, lang,
                     tips=services.config.tips.newsroom_chat_id is not None,
                     helpdesk=services.config.helpdesk.chat_id is not None)
    if update.effective_chat is not None and update.effective_chat.type != ChatType.PRIVATE:
        text = t(lang, "group.how_to_ask", bot=escape(f"@{context.bot.username}")) + "\n\n" + text
    return text


async def ask(update: Update, context: BotContext,
              question: str | None = None) -> tuple[int, str] | None:
    """Answer a question (the message's text, or ``question``) and log it; return (id, outcome)."""
    message = update.effective_message
    if message is None or message.text is None:
        return None
    text = message.text if question is None else question  # a group's: its mention removed
    chat_id, lang = await chat_and_language(update, context, question=True)
    services = context.services
    concierge = services.knowledge.concierge  # one KB for the whole answer, even mid-reload
    answer = concierge.ask(text, now=services.clock(), stored_lang=lang)
    reply = answer.reply
    if answer.outcome == "answer" and len(answer.matches) == 1:  # a card, not a list
        item_id = answer.matches[0].item_id
        if browse.on_programme(concierge, item_id):
            reply = browse.with_agenda_button(
                reply, item_id, answer.lang, bot_username=context.bot.username,
                saved=item_id in await saved_ids(update, context))
    # Log before replying: the organisers' record survives a failed send. (An item only
    # offered is not one asked about: announcements to those who asked about it skip them.)
    matched = answer.matches[0].item_id if answer.matches and not answer.near else None
    user_id = update.effective_user.id if update.effective_user else None
    log_id = await services.store.log_question(user_id, text, answer.lang,
                                               answer.outcome, matched)
    # A private reply that did not answer offers a person at the helpdesk, if there is one.
    reply = offer_person(update, context, reply, answer.outcome, log_id, answer.lang)
    # In a group the answer quotes its question: several people may be asking at once.
    group = message.chat.type != ChatType.PRIVATE
    await send_reply(context, chat_id, reply, reply_to=message.message_id if group else None)
    return log_id, answer.outcome


async def now_command(update: Update, context: BotContext) -> None:
    """Show what is on now and next."""
    chat_id, lang = await chat_and_language(update, context)
    services = context.services
    await send_reply(context, chat_id,
                     services.knowledge.concierge.now_reply(lang, services.clock()))


async def schedule(update: Update, context: BotContext) -> None:
    """Show the programme of a day (``/schedule 2025-09-02``), with buttons to page through."""
    chat_id, lang = await chat_and_language(update, context)
    concierge = context.services.knowledge.concierge
    if context.args:
        wanted = " ".join(context.args)
        today = context.services.clock().astimezone(concierge.kb.tz).date()
        day = browse.parse_day(wanted, browse.programme_days(concierge), today,
                               day_first=DAY_FIRST.get(lang, False),
                               event_days=concierge.kb.event_days)
        if day is None:
            await context.bot.send_message(chat_id, t(lang, "schedule.bad_day", day=wanted[:40]))
            return
    else:
        day = browse.first_day(concierge, context.services.clock())
    await send_reply(context, chat_id, browse.schedule_page(concierge, day, lang))


async def venues(update: Update, context: BotContext) -> None:
    """List the venues."""
    chat_id, lang = await chat_and_language(update, context)
    await send_reply(context, chat_id,
                     browse.venues_reply(context.services.knowledge.concierge, lang))


async def events(update: Update, context: BotContext) -> None:
    """List the side events."""
    chat_id, lang = await chat_and_language(update, context)
    await send_reply(context, chat_id,
                     browse.events_reply(context.services.knowledge.concierge, lang))


async def booths(update: Update, context: BotContext) -> None:
    """List pavilions, or find a pavilion or exhibitor (``/booths K-Beauty``)."""
    chat_id, lang = await chat_and_language(update, context)
    query = " ".join(context.args or [])
    await send_reply(context, chat_id,
                     browse.booths_reply(context.services.knowledge.concierge, query, lang))


async def my_agenda(update: Update, context: BotContext) -> None:
    """List the user's saved sessions, with clashes and the calendar file button."""
    chat_id, lang = await chat_and_language(update, context)
    reply = browse.agenda_reply(context.services.knowledge.concierge,
                                await saved_ids(update, context), lang)
    await send_reply(context, chat_id, reply)


async def language(update: Update, context: BotContext) -> None:
    """Offer the supported languages as buttons."""
    chat_id, lang = await chat_and_language(update, context)
    await send_reply(context, chat_id, browse.language_reply(
        context.services.knowledge.kb.event.languages, lang))


async def unknown_command(update: Update, context: BotContext) -> None:
    """Answer a command the bot does not know."""
    chat_id, lang = await chat_and_language(update, context)
    await context.bot.send_message(chat_id, t(lang, "unknown.command"))


async def not_text(update: Update, context: BotContext) -> None:
    """Answer a message that is not text."""
    chat_id, lang = await chat_and_language(update, context)
    await context.bot.send_message(chat_id, t(lang, "not_text"))
