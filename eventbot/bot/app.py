"""Build the Telegram application: every handler registered here, in order."""

from __future__ import annotations

import logging
from contextlib import suppress
from datetime import datetime, timedelta
from typing import Any, cast

from telegram import Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    ExtBot,
    JobQueue,
    MessageHandler,
    TypeHandler,
    filters,
)

from eventbot.bot.agenda import due_reminders
from eventbot.bot.clock import Clock, system_clock
from eventbot.bot.config import Config, RetentionConfig
from eventbot.bot.i18n import t
from eventbot.bot.inbox import Inbox
from eventbot.bot.inbox.receiving import (
    DurableUpdateQueue,
    InboxApplication,
    start_inbox,
    stop_inbox,
)
from eventbot.bot.rate_limit import BudgetedRateLimiter
from eventbot.bot.reminders import lead_times
from eventbot.bot.services import KnowledgeHolder, Services
from eventbot.bot.storage import Storage
from eventbot.handlers import attendee, buttons, throttling
from eventbot.handlers.context import SERVICES_KEY, BotContext
from eventbot.handlers.processing import ChatOrderedProcessor
from eventbot.handlers.send import is_not_modified, send_reply

logger = logging.getLogger(__name__)

BotApplication = Application[
    ExtBot[Any], BotContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], JobQueue[BotContext]
]
REMINDER_SWEEP_SECONDS = 30.0
RETENTION_SWEEP_SECONDS = 24 * 60 * 60.0  # once a day (and a minute after start)


def build_application(
    config: Config, token: str, *, knowledge: KnowledgeHolder, clock: Clock = system_clock,
    rate_limit: bool = True,
) -> BotApplication:
    """Return the application with its services, handlers and lifecycle hooks."""
    # The durable inbox: updates are stored before Telegram may forget them (the queue's put,
    # used by PTB's webhook server; the inbox poller stores whole batches) and marked handled
    # once the application has finished all their work (see eventbot/bot/inbox).
    inbox = Inbox()
    builder: Any = (
        Application.builder()
        .application_class(InboxApplication, kwargs={"inbox": inbox})
        .update_queue(DurableUpdateQueue(inbox))
        .token(token)
        .base_url(config.telegram.api_base_url)
        .base_file_url(config.telegram.resolved_file_base_url())
        .context_types(ContextTypes(context=BotContext))
        .post_init(start_services)
        .post_shutdown(stop_services)
    )
    if config.telegram.concurrent_updates > 1:
        builder = builder.concurrent_updates(
            ChatOrderedProcessor(config.telegram.concurrent_updates))
    services = Services(config=config, knowledge=knowledge, clock=clock)
    if rate_limit:
        # Replies stay under Telegram's limits (the bot-wide budget, shared with the
        # announcement worker, and 20/min per group) and retry 429s.
        builder = builder.rate_limiter(BudgetedRateLimiter(services.send_budget))
    app = cast(BotApplication, builder.build())
    app.bot_data[SERVICES_KEY] = services
    register_handlers(app)
    return app


def register_handlers(app: BotApplication) -> None:
    """Register every handler. Order matters: commands first, free text last."""
    # Group -1, before everything: a user's questions, commands and taps beyond their rate
    # (config.throttle) stop here, with one "slow down" per burst; tips are never dropped.
    app.add_handler(TypeHandler(Update, throttling.admit), group=-1)
    # Organisers (announcements, reload, stats): before anything that reads plain text.
    # /reload re-reads the knowledge base (swapped in only if valid); /stats shows the figures,
    # its buttons (data `stats:csv`, `stats:chart`) send a CSV file and a chart: matched by
    # pattern so every other button still reaches buttons.button below. block=False: updates
    # are handled one at a time, and attendees' questions must not queue behind a reload,
    # the grouping of unanswered questions or the drawing of a chart.
    from eventbot.handlers import organiser  # local import: keeps this seam self-contained

    app.add_handler(CommandHandler("reload", organiser.reload, block=False))
    app.add_handler(CommandHandler("stats", organiser.stats_command, block=False))
    app.add_handler(CallbackQueryHandler(organiser.stats_button, block=False,
                                         pattern=organiser.STATS_CALLBACK_PATTERN))
    # /announce: a per-organiser conversation, entered only by /announce (attendees' text
    # falls through), dropped after announcements.idle_minutes without a reply;
    # /announcements lists past ones with their delivery figures.
    from eventbot.handlers import announce  # local import: keeps this seam self-contained

    app.add_handler(announce.conversation(services_of(app).config.announcements.idle_minutes))
    app.add_handler(CommandHandler("announcements", announce.list_announcements))
    app.add_handler(CallbackQueryHandler(announce.cancel_scheduled,
                                         pattern=announce.CANCEL_PATTERN))
    # News tips, the newsroom and the helpdesk (both relayed to a staff chat, eventbot/bot/relay).
    # Submitters write in private: /tip, /mytips; attendees /human. Then every private message
    # that is not a command goes to private_chat.message, which routes it (bot/routing.py):
    # a tip after /tip, an addition (a reply to an acknowledgement), an answer to the newsroom
    # (a reply to its message), a helpdesk ticket's message while one is open, "send this to the
    # newsroom?" for media or a forward, else a question for attendee.ask. The newsroom's
    # commands work in any chat (checked by is_newsroom); /close dispatches on the reference
    # (T-0042 a tip, H-0012 a ticket, closed only from the helpdesk group); replies in a staff
    # chat to a relayed message go back to the tip's submitter or the ticket's attendee.
    from eventbot.handlers import (  # local import: keeps this seam self-contained
        helpdesk,
        newsroom,
        private_chat,
        staff,
        tips,
    )

    private, groups = filters.ChatType.PRIVATE, filters.ChatType.GROUPS
    app.add_handler(CommandHandler("tip", tips.tip_command, filters=private))
    app.add_handler(CommandHandler("mytips", tips.my_tips, filters=private))
    app.add_handler(CommandHandler("tip", newsroom.show_tip, filters=groups))
    app.add_handler(CommandHandler("tips", newsroom.list_tips))
    app.add_handler(CommandHandler("close", staff.close))
    app.add_handler(CommandHandler("block", newsroom.block_submitter))
    app.add_handler(CommandHandler("human", helpdesk.human_command, filters=private))
    app.add_handler(CallbackQueryHandler(tips.offer_button, pattern=tips.OFFER_CALLBACK))
    app.add_handler(CallbackQueryHandler(tips.ask_first_button, pattern=tips.ASK_CALLBACK))
    app.add_handler(CallbackQueryHandler(helpdesk.ask_button, pattern=helpdesk.ASK_CALLBACK))
    app.add_handler(CallbackQueryHandler(helpdesk.knowledge_button,
                                         pattern=helpdesk.KB_CALLBACK))
    app.add_handler(MessageHandler(groups & filters.REPLY & ~filters.COMMAND, staff.reply))
    app.add_handler(MessageHandler(private & (filters.FORWARDED | ~filters.COMMAND),
                                   private_chat.message))
    # Attendee commands; `/start session_<id>` deep links are read by `start`.
    app.add_handler(CommandHandler("start", attendee.start))
    app.add_handler(CommandHandler("help", attendee.help_command))
    app.add_handler(CommandHandler("schedule", attendee.schedule))
    app.add_handler(CommandHandler("now", attendee.now_command))
    app.add_handler(CommandHandler("venues", attendee.venues))
    app.add_handler(CommandHandler("events", attendee.events))
    app.add_handler(CommandHandler("booths", attendee.booths))
    app.add_handler(CommandHandler("my", attendee.my_agenda))
    app.add_handler(CommandHandler("language", attendee.language))
    app.add_handler(CommandHandler("whoami", attendee.whoami))  # ids for the config, any chat
    # /news: the announcements so far, newest first; its "Older" button (data `news:older:N`)
    # is matched by pattern so every other button still reaches buttons.button.
    from eventbot.bot.news import OLDER_PATTERN
    from eventbot.handlers import news  # local import: keeps this seam self-contained

    app.add_handler(CommandHandler("news", news.news_command))
    app.add_handler(CallbackQueryHandler(news.older_news, pattern=OLDER_PATTERN))
    # Reminder lead time: /remind [5|15|30|60|off] and its buttons (data `remind:…`, one of
    # them under /my), matched by pattern so every other button still reaches buttons.button.
    from eventbot.handlers import reminders  # local import: keeps this seam self-contained

    app.add_handler(CommandHandler("remind", reminders.remind_command))
    app.add_handler(CallbackQueryHandler(reminders.remind_button,
                                         pattern=reminders.REMIND_CALLBACK))
    # Page buttons under long lists (data `pg:…`, see render/pages.py) redraw their message.
    from eventbot.handlers import paging  # local import: keeps this seam self-contained

    app.add_handler(CallbackQueryHandler(paging.turn_page, pattern=paging.PAGE_PATTERN))
    # Inline buttons: cards, save/remove, language, schedule pages, calendar file.
    app.add_handler(CallbackQueryHandler(buttons.button))
    # Anything else that looks like a command is unknown, said so in private only: in a group
    # it is another bot's (/start@otherbot) or not for us. Plain text is a question.
    app.add_handler(MessageHandler(filters.COMMAND & private, attendee.unknown_command))
    app.add_handler(MessageHandler(filters.TEXT & filters.ChatType.PRIVATE, attendee.ask))
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & ~filters.TEXT, attendee.not_text))
    # Group 1, after all of the above: a question in a group, answered only when it mentions
    # the bot or replies to one of its messages. In a group of its own because staff.reply
    # above takes every reply in any group; the staff chats (newsroom, helpdesk) are skipped.
    from eventbot.handlers import group_questions  # local import: keeps this seam self-contained

    app.add_handler(MessageHandler(groups & filters.UpdateType.MESSAGE & filters.TEXT
                                   & ~filters.COMMAND, group_questions.ask), group=1)
    app.add_error_handler(on_error)


def services_of(app: BotApplication) -> Services:
    """Return the application's services."""
    services: Services = app.bot_data[SERVICES_KEY]
    return services


async def start_services(app: BotApplication) -> None:
    """Open the database, publish the command menus, start the reminder sweep."""
    services = services_of(app)
    services.storage = await Storage.open(str(services.config.database_path), now=services.clock)
    # Updates the last run stored but did not finish are queued first, before any new one.
    await start_inbox(app, services.storage, services.clock)
    await publish_commands(app)
    # --- organiser workers start here (announcement sender, scheduled announcements)
    # The outbox worker resumes unfinished announcements and registers the reload notices.
    from eventbot.bot.sender import start_sender  # local import: keeps this seam self-contained

    await start_sender(services, app.bot.token, app.bot_data)
    # --- relay workers start here (tips to the newsroom, tickets to the helpdesk group)
    from eventbot.bot.relay.worker import start_relays  # local import, as above

    await start_relays(app, services)
    if app.job_queue is not None and services.config.helpdesk.chat_id is not None:
        # Tickets quiet for helpdesk.idle_close_minutes are closed, and the attendee told.
        from eventbot.handlers.helpdesk import IDLE_SWEEP_SECONDS, close_idle_tickets

        app.job_queue.run_repeating(close_idle_tickets, interval=IDLE_SWEEP_SECONDS,
                                    first=IDLE_SWEEP_SECONDS, name="helpdesk-idle")
    if app.job_queue is not None:
        app.job_queue.run_repeating(send_due_reminders, interval=REMINDER_SWEEP_SECONDS,
                                    first=1.0, name="reminders")
        retention = services.config.retention
        if retention.questions_days or retention.closed_tips_days or (
                retention.closed_tickets_days):
            app.job_queue.run_repeating(purge_expired, interval=RETENTION_SWEEP_SECONDS,
                                        first=60.0, name="retention")
    logger.info("bot started: %s", services.knowledge.kb.summary())


async def stop_services(app: BotApplication) -> None:
    """Close the database."""
    services = services_of(app)
    # The outbox worker finishes its send in flight and commits it before the database closes.
    from eventbot.bot.sender import stop_sender

    await stop_sender(app.bot_data)
    # Stop the relays too: an unsent tip or ticket stays queued in the database for next time.
    from eventbot.bot.relay.worker import stop_relays

    await stop_relays(app)
    # The last "handled" marks; updates not handled yet stay stored for the next start.
    await stop_inbox(app)
    if services.storage is not None:
        await services.storage.close()
        services.storage = None
        logger.info("database closed")


async def publish_commands(app: BotApplication) -> None:
    """Set the command menu for every language of the event, and a default one."""
    from eventbot.handlers.menus import publish_menus  # local import: a self-contained seam

    await publish_menus(app.bot, services_of(app))


async def purge_expired(context: BotContext) -> None:
    """Delete questions, closed tips and closed tickets older than the configured retention."""
    services = context.services
    await run_retention(services.store, services.config.retention, services.clock())


async def run_retention(store: Storage, retention: RetentionConfig, now: datetime) -> None:
    """Delete what is past its retention as of ``now``, and log how much (never what)."""
    def before(days: int | None) -> datetime | None:
        return now - timedelta(days=days) if days else None

    counts = await store.purge_before(questions=before(retention.questions_days),
                                      closed_tips=before(retention.closed_tips_days),
                                      closed_tickets=before(retention.closed_tickets_days))
    if any(counts.values()):
        logger.info("retention: deleted %d question(s), %d closed tip(s), %d unanswered tip "
                    "offer(s) and %d closed ticket(s)", counts["questions"],
                    counts["closed_tips"], counts["tip_offers"], counts["closed_tickets"])


async def send_due_reminders(context: BotContext) -> None:
    """Send each reminder whose time has come, once: the database remembers what was sent."""
    services = context.services
    kb = services.knowledge.kb
    store = services.store
    lead = timedelta(minutes=services.config.reminder_minutes)
    # Each user's own lead time (/remind) where chosen, read afresh on every sweep.
    leads = lead_times(await store.reminder_leads())
    for due in due_reminders(kb, await store.reminder_candidates(), services.clock(), lead,
                             leads=leads):
        # Claim first: a crash after the claim loses one reminder rather than sending two.
        if not await store.mark_reminder_sent(due.user_id, due.item.id, due.starts_at):
            continue
        user = await store.get_user(due.user_id)
        if user is None:
            continue
        lang = services.knowledge.concierge.language(user.language, user.telegram_language)
        card = services.knowledge.concierge.card(due.item.id, lang)
        if card is None:
            continue
        minutes = max(1, round((due.starts_at - services.clock()).total_seconds() / 60))
        header = t(lang, "reminder.soon", minutes=minutes)
        try:
            await send_reply(context, user.chat_id,
                             type(card)(f"{header}\n{card.html}", card.buttons, card.pin))
        except Forbidden:
            await store.mark_inactive(user.user_id)
        except TelegramError as exc:
            logger.warning("reminder to %s for %s failed: %s", user.user_id, due.item.id, exc)


async def on_error(update: object, context: BotContext) -> None:
    """Log the error and tell the user something went wrong, without details."""
    if is_not_modified(context.error):
        # A double tap asked Telegram to show what the message already shows: no error for
        # the user, whichever button it was. Stop the button's spinner if nothing did.
        logger.info("an edit changed nothing (a double tap)")
        if isinstance(update, Update) and update.callback_query is not None:
            with suppress(TelegramError):
                await update.callback_query.answer()
        return
    logger.error("error while handling an update", exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        lang = "en"
        if update.effective_user is not None and update.effective_user.language_code:
            lang = update.effective_user.language_code.split("-")[0]
        try:
            await context.bot.send_message(update.effective_chat.id, t(lang, "error.generic"))
        except TelegramError:
            logger.warning("could not tell chat %s about the error", update.effective_chat.id)
