"""Organisers' announcements: compose, choose the audience, preview, confirm; and the list."""

from __future__ import annotations

import logging
import warnings
from dataclasses import replace
from datetime import datetime, timedelta
from html import escape
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from eventbot.bot.i18n import DAY_FIRST, LANGUAGE_NAMES, t, tn
from eventbot.bot.kb.keys import primary_name
from eventbot.bot.outbox import (
    Audience,
    AudienceKind,
    Draft,
    deliveries_for,
    format_count,
    headline,
    message_parts,
    text_for,
    versions,
)
from eventbot.bot.render.when import format_clock, format_day
from eventbot.bot.send_time import read_send_time
from eventbot.bot.sender import send_part, sender_of
from eventbot.bot.storage._outbox import NewDelivery
from eventbot.handlers.auth import is_organiser, log_refusal
from eventbot.handlers.context import BotContext
from eventbot.handlers.users import chat_and_language

logger = logging.getLogger(__name__)

COMPOSE, MENU, TRANSLATION, AUDIENCE, PICK, PREVIEW, SCHEDULE = range(7)
END = ConversationHandler.END
DRAFT_KEY = "announce_draft"
TARGET_KEY = "announce_target"  # the language being added, or the audience kind being searched
PICK_LIMIT = 5
PROGRAMME_KINDS = ("session", "side_event")
LIST_LIMIT = 10
CANCEL_PREFIX = "ann_cancel:"
CANCEL_PATTERN = r"^ann_cancel:\d{1,18}$"  # anything else is a stale or forged button
HEADLINE_LIMIT = 50  # /announcements shows this much of each text's first line


def conversation(idle_minutes: float = 15) -> ConversationHandler[BotContext]:
    """Return the /announce conversation: per organiser, entered only by /announce.

    A draft left alone for ``idle_minutes`` is dropped, and the organiser told nothing was sent.
    """
    text = filters.TEXT & ~filters.COMMAND
    media = filters.PHOTO | filters.Document.ALL
    # Where buttons are expected, anything typed or sent is answered in the flow: it must not
    # reach the matcher as a question, nor the tip line as a photo.
    not_a_button = ~filters.COMMAND
    with warnings.catch_warnings():
        # Buttons are tracked per user on purpose: an organiser has one draft at a time.
        warnings.filterwarnings("ignore", message="If 'per_message=False'")
        return ConversationHandler(
            entry_points=[CommandHandler("announce", announce, filters.ChatType.PRIVATE)],
            states={
                COMPOSE: [MessageHandler(text, got_text), MessageHandler(media, got_media)],
                MENU: [CallbackQueryHandler(menu_button, pattern=r"^ann:"),
                       MessageHandler(text, got_text), MessageHandler(media, got_media)],
                TRANSLATION: [MessageHandler(text, got_text)],
                AUDIENCE: [CallbackQueryHandler(audience_button, pattern=r"^ann:"),
                           MessageHandler(not_a_button, audience_typed)],
                PICK: [MessageHandler(text, search_item),
                       CallbackQueryHandler(audience_button, pattern=r"^ann:")],
                PREVIEW: [CallbackQueryHandler(preview_button, pattern=r"^ann:"),
                          MessageHandler(not_a_button, preview_typed)],
                SCHEDULE: [MessageHandler(text, got_time),
                           CallbackQueryHandler(preview_button, pattern=r"^ann:")],
                # Run with the conversation's last update once it has been idle too long.
                ConversationHandler.TIMEOUT: [TypeHandler(Update, timed_out)],
            },
            fallbacks=[CommandHandler("cancel", cancel)],
            allow_reentry=True,
            conversation_timeout=timedelta(minutes=idle_minutes),
            name="announce",
        )


# -- entry, refusal, cancel -------------------------------------------------------------------


async def refuse(update: Update, context: BotContext, what: str) -> None:
    """Refuse an organiser command with a short message and log it."""
    log_refusal(update, what)
    _, lang = await chat_and_language(update, context)
    if update.effective_message is not None:
        await update.effective_message.reply_text(t(lang, "org.refused"))


async def announce(update: Update, context: BotContext) -> int:
    """Start a new announcement: ask for the text in the event's default language."""
    if not await is_organiser(update, context):
        await refuse(update, context, "/announce")
        return END
    _, lang = await chat_and_language(update, context)
    default = context.services.knowledge.kb.event.default_language
    _user_data(context)[DRAFT_KEY] = Draft(default)
    _user_data(context)[TARGET_KEY] = default
    await _reply(update, t(lang, "org.announce.compose", language=LANGUAGE_NAMES[default]))
    return COMPOSE


async def cancel(update: Update, context: BotContext) -> int:
    """Drop the draft; nothing is sent."""
    _, lang = await chat_and_language(update, context)
    _user_data(context).pop(DRAFT_KEY, None)
    await _reply(update, t(lang, "org.announce.cancelled"))
    return END


async def timed_out(update: Update, context: BotContext) -> int:
    """Drop a draft left idle too long and tell the organiser that nothing was sent."""
    _user_data(context).pop(DRAFT_KEY, None)
    _, lang = await chat_and_language(update, context)
    idle = context.services.config.announcements.idle_minutes
    await _reply(update, tn(lang, "org.announce.timed_out", max(1, round(idle))))
    logger.info("announcement draft of %s dropped after %s idle minutes",
                update.effective_user.id if update.effective_user else None, idle)
    return END


# -- composing -------------------------------------------------------------------------------


async def got_text(update: Update, context: BotContext) -> int:
    """Store the text for the language being written, then offer translations and media."""
    message = update.effective_message
    draft = _draft(context)
    if message is None or draft is None or not message.text:
        return END
    target = _user_data(context).get(TARGET_KEY) or draft.default_language
    _user_data(context)[DRAFT_KEY] = draft.with_text(target, message.text)
    return await _show_menu(update, context)


async def got_media(update: Update, context: BotContext) -> int:
    """Attach a photo or document; its caption, if any, is the default-language text."""
    message = update.effective_message
    draft = _draft(context)
    if message is None or draft is None:
        return END
    if message.photo:
        draft = draft.with_media("photo", message.photo[-1].file_id)
    elif message.document is not None:
        draft = draft.with_media("document", message.document.file_id)
    if message.caption:
        draft = draft.with_text(draft.default_language, message.caption)
    _user_data(context)[DRAFT_KEY] = draft
    if not draft.texts:
        _, lang = await chat_and_language(update, context)
        await _reply(update, t(lang, "org.announce.need_text"))
        return COMPOSE
    return await _show_menu(update, context)


async def _show_menu(update: Update, context: BotContext) -> int:
    _, lang = await chat_and_language(update, context)
    draft = _draft(context)
    assert draft is not None
    _user_data(context)[TARGET_KEY] = draft.default_language
    languages = context.services.knowledge.kb.event.languages
    buttons = [[_button(t(lang, "org.announce.add", language=LANGUAGE_NAMES.get(code, code)),
                        f"ann:add:{code}")] for code in draft.missing_languages(languages)]
    buttons.append([_button(t(lang, "org.announce.continue"), "ann:next")])
    written = " · ".join(LANGUAGE_NAMES.get(code, code) for code in draft.texts)
    attached = t(lang, f"org.announce.attached.{draft.media_type}") if draft.media_type else ""
    await _reply(update, t(lang, "org.announce.menu", languages=written, attached=attached),
                 InlineKeyboardMarkup(buttons))
    return MENU


async def menu_button(update: Update, context: BotContext) -> int:
    """Add a translation, or go on to the audience."""
    data = await _answer(update)
    _, lang = await chat_and_language(update, context)
    if data.startswith("ann:add:"):
        code = data.removeprefix("ann:add:")
        _user_data(context)[TARGET_KEY] = code
        await _reply(update, t(lang, "org.announce.ask_translation",
                               language=LANGUAGE_NAMES.get(code, code)))
        return TRANSLATION
    if data == "ann:next":
        return await _ask_audience(update, lang)
    return MENU


# -- audience --------------------------------------------------------------------------------


async def _ask_audience(update: Update, lang: str, key: str = "org.announce.choose_audience",
                        ) -> int:
    rows = [[_button(t(lang, f"org.announce.button.{kind}"), f"ann:aud:{kind}")]
            for kind in ("all", "language", "saved", "asked")]
    await _reply(update, t(lang, key), InlineKeyboardMarkup(rows))
    return AUDIENCE


async def audience_typed(update: Update, context: BotContext) -> int:
    """Answer a message sent where an audience button is expected: the buttons again."""
    _, lang = await chat_and_language(update, context)
    return await _ask_audience(update, lang, "org.announce.use_buttons")


async def audience_button(update: Update, context: BotContext) -> int:
    """Choose everyone, one language, or people tied to an item (typed, then picked)."""
    data = await _answer(update)
    _, lang = await chat_and_language(update, context)
    kb = context.services.knowledge.kb
    if data == "ann:aud:all":
        return await _preview(update, context, Audience("all"))
    if data == "ann:aud:language":
        rows = [[_button(LANGUAGE_NAMES.get(code, code), f"ann:lang:{code}")]
                for code in kb.event.languages]
        await _reply(update, t(lang, "org.announce.pick_language"), InlineKeyboardMarkup(rows))
        return AUDIENCE
    if data.startswith("ann:lang:"):
        code = data.removeprefix("ann:lang:")
        return await _preview(update, context, Audience("language", code))
    if data in ("ann:aud:saved", "ann:aud:asked"):
        searched = data.removeprefix("ann:aud:")
        _user_data(context)[TARGET_KEY] = searched
        await _reply(update, t(lang, f"org.announce.ask_{searched}"))
        return PICK
    if data.startswith("ann:item:"):
        item_id = data.removeprefix("ann:item:")
        target = _user_data(context).get(TARGET_KEY)
        item = kb.items.get(item_id)
        if item is None or target not in ("saved", "asked"):
            return PICK
        label = primary_name(item).get(kb.event.default_language)
        kind: AudienceKind = "saved" if target == "saved" else "asked"
        return await _preview(update, context, Audience(kind, item_id, label))
    return AUDIENCE


async def search_item(update: Update, context: BotContext) -> int:
    """Offer the items matching the typed name (sessions only for 'saved a session')."""
    message = update.effective_message
    if message is None or not message.text:
        return PICK
    _, lang = await chat_and_language(update, context)
    concierge = context.services.knowledge.concierge
    programme_only = _user_data(context).get(TARGET_KEY) == "saved"
    found = [m for m in concierge.matcher.rank(message.text)[:20]
             if not programme_only or m.kind in PROGRAMME_KINDS][:PICK_LIMIT]
    if not found:
        await _reply(update, t(lang, "org.announce.no_match"))
        return PICK
    fallbacks = (concierge.kb.event.default_language, "en")
    rows = [[_button(primary_name(concierge.kb.items[m.item_id]).get(lang, fallbacks),
                     f"ann:item:{m.item_id}")] for m in found]
    await _reply(update, t(lang, "org.announce.pick_item"), InlineKeyboardMarkup(rows))
    return PICK


async def _recipients(context: BotContext, audience: Audience) -> list[NewDelivery]:
    store = context.services.store
    if audience.kind == "saved" and audience.value:
        found = await store.recipients_who_saved(audience.value)
    elif audience.kind == "asked" and audience.value:
        found = await store.recipients_who_asked(audience.value)
    else:
        found = await store.recipients_all()
    event = context.services.knowledge.kb.event
    return deliveries_for(found, audience, event.default_language, event.languages)


# -- preview, schedule, confirm --------------------------------------------------------------


async def _preview(update: Update, context: BotContext, audience: Audience) -> int:
    """Show exactly what each language's recipients will see, the audience size, and buttons."""
    chat_id, lang = await chat_and_language(update, context)
    draft = _draft(context)
    if draft is None:
        return END
    draft = replace(draft, audience=audience)
    _user_data(context)[DRAFT_KEY] = draft
    deliveries = await _recipients(context, audience)
    if not deliveries:
        await _reply(update, t(lang, "org.announce.nobody"))
        return await _ask_audience(update, lang)
    for version, readers in sorted(versions(deliveries, draft.texts,
                                            draft.default_language).items()):
        names = " · ".join(f"{LANGUAGE_NAMES.get(code, code)} {format_count(n, lang)}"
                           for code, n in sorted(readers.items()))
        await context.bot.send_message(chat_id, tn(
            lang, "org.announce.preview", sum(readers.values()),
            version=LANGUAGE_NAMES.get(version, version), readers=names))
        text = text_for(draft.texts, version, draft.default_language)
        for part in message_parts(text, draft.media_type, draft.media_file_id):
            await send_part(context.bot, chat_id, part)
    await _show_summary(update, context, draft, len(deliveries))
    return PREVIEW


async def _show_summary(update: Update, context: BotContext, draft: Draft, count: int) -> None:
    _, lang = await chat_and_language(update, context)
    assert draft.audience is not None
    when = (t(lang, "org.announce.when_at", time=_format_moment(context, draft, lang))
            if draft.send_at else t(lang, "org.announce.when_now"))
    await _reply(update, t(lang, "org.announce.summary", audience=draft.audience.describe(lang),
                           count=format_count(count, lang), when=when),
                 _summary_buttons(draft, lang))


def _summary_buttons(draft: Draft, lang: str) -> InlineKeyboardMarkup:
    news = "yes" if draft.in_news else "no"
    return InlineKeyboardMarkup([[_button(t(lang, "org.announce.confirm"), "ann:confirm")],
                                 [_button(t(lang, "org.announce.schedule"), "ann:schedule")],
                                 [_button(t(lang, f"org.announce.in_news.{news}"), "ann:news")],
                                 [_button(t(lang, "org.announce.cancel"), "ann:cancel")]])


async def preview_typed(update: Update, context: BotContext) -> int:
    """Answer a message sent where a preview button is expected: the buttons again."""
    draft = _draft(context)
    if draft is None:
        return END
    _, lang = await chat_and_language(update, context)
    await _reply(update, t(lang, "org.announce.use_buttons"), _summary_buttons(draft, lang))
    return PREVIEW


async def preview_button(update: Update, context: BotContext) -> int | None:
    """Confirm (send or schedule), ask for a send time, show it in /news or not, or cancel."""
    data = await _answer(update)
    _, lang = await chat_and_language(update, context)
    draft = _draft(context)
    if data == "ann:news" and draft is not None:
        draft = replace(draft, in_news=not draft.in_news)
        _user_data(context)[DRAFT_KEY] = draft
        query = update.callback_query
        if query is not None and isinstance(query.message, Message):
            await query.edit_message_reply_markup(_summary_buttons(draft, lang))
        return None  # the same step: the preview's buttons, or the send time being asked
    if data == "ann:cancel":
        _user_data(context).pop(DRAFT_KEY, None)
        await _edit_or_reply(update, t(lang, "org.announce.cancelled"))
        return END
    if data == "ann:schedule":
        tz = context.services.knowledge.kb.tz
        await _reply(update, t(lang, "org.announce.ask_time", timezone=str(tz)))
        return SCHEDULE
    if data == "ann:confirm":
        return await _confirm(update, context, lang)
    return PREVIEW


async def got_time(update: Update, context: BotContext) -> int:
    """Read a day and time in the event's timezone and show the summary again."""
    message = update.effective_message
    draft = _draft(context)
    if message is None or draft is None or draft.audience is None:
        return END
    _, lang = await chat_and_language(update, context)
    kb = context.services.knowledge.kb
    now = context.services.clock().astimezone(kb.tz)
    read = read_send_time(message.text or "", now, kb.tz, kb.programme_days,
                          day_first=DAY_FIRST.get(lang, False), event_days=kb.event_days)
    if read.outcome != "ok" or read.moment is None:
        await _reply(update, _time_problem(read.moment, read.tomorrow, now, lang))
        return SCHEDULE
    audience = draft.audience
    draft = replace(draft, send_at=read.moment)
    _user_data(context)[DRAFT_KEY] = draft
    await _show_summary(update, context, draft, len(await _recipients(context, audience)))
    return PREVIEW


def _time_problem(moment: datetime | None, tomorrow: datetime | None, now: datetime,
                  lang: str) -> str:
    """Say why a send time was refused: unreadable, or past (today's: try tomorrow)."""
    if moment is None:
        return t(lang, "org.announce.bad_time")
    if tomorrow is not None:
        suggestion = t(lang, "org.announce.tomorrow_at", time=f"{tomorrow:%H:%M}")
        return t(lang, "org.announce.time_past_today", time=format_clock(moment, lang),
                 now=format_clock(now, lang), suggestion=suggestion)
    return t(lang, "org.announce.time_past", time=_day_clock(moment, lang),
             now=_day_clock(now, lang))


async def _confirm(update: Update, context: BotContext, lang: str) -> int:
    draft = _user_data(context).pop(DRAFT_KEY, None)
    query = update.callback_query
    user = update.effective_user
    if not isinstance(draft, Draft) or draft.audience is None or query is None:
        return END
    message = query.message if isinstance(query.message, Message) else None
    deliveries = await _recipients(context, draft.audience)
    announcement_id = await context.services.store.create_announcement(
        created_by=user.id if user else None, kind="announcement", texts=draft.texts,
        default_language=draft.default_language, audience=draft.audience.to_json(),
        recipients=deliveries, media_type=draft.media_type, media_file_id=draft.media_file_id,
        send_at=draft.send_at, in_news=draft.in_news,
        progress_chat_id=message.chat_id if message else None,
        progress_message_id=message.message_id if message else None,
    )
    if draft.send_at is not None:
        text = tn(lang, "org.announce.scheduled", len(deliveries), id=announcement_id,
                  time=_format_moment(context, draft, lang))
    else:
        text = tn(lang, "org.announce.queued", len(deliveries), id=announcement_id)
    await _edit_or_reply(update, text)
    logger.info("announcement %d confirmed for %d recipients", announcement_id, len(deliveries))
    sender = sender_of(context.bot_data)
    if sender is not None:
        sender.wake()
    return END


# -- the list --------------------------------------------------------------------------------


async def list_announcements(update: Update, context: BotContext) -> None:
    """List the latest announcements and notices with their delivery figures (organisers)."""
    if not await is_organiser(update, context):
        await refuse(update, context, "/announcements")
        return
    _, lang = await chat_and_language(update, context)
    store = context.services.store
    tz = context.services.knowledge.kb.tz
    lines = []
    announcements = await store.recent_announcements(LIST_LIMIT)
    for announcement in announcements:
        counts = await store.delivery_counts(announcement.id)
        created = announcement.created_at.astimezone(tz)
        line = t(
            lang, "org.announce.list_line", id=announcement.id,
            created=_day_clock(created, lang),
            kind=t(lang, f"org.announce.kind.{announcement.kind}"),
            audience=Audience.from_json(announcement.audience).describe(lang),
            status=t(lang, f"org.announce.status.{announcement.status}"),
            sent=format_count(counts.sent, lang), total=format_count(counts.total, lang),
            blocked=format_count(counts.blocked, lang), failed=format_count(counts.failed, lang),
        )
        if not announcement.in_news:
            line += t(lang, "org.announce.not_in_news")
        # The organiser's own words, as the default-language readers got them.
        text = text_for(announcement.texts, announcement.default_language,
                        announcement.default_language)
        snippet = t(lang, "org.announce.list_text", text=headline(text, HEADLINE_LIMIT))
        lines.append(f"{escape(line)}\n<i>{escape(snippet)}</i>")
    text = "\n\n".join(lines) if lines else escape(t(lang, "org.announce.list_empty"))
    scheduled = [a.id for a in announcements if a.status == "scheduled"]
    markup = InlineKeyboardMarkup([
        [InlineKeyboardButton(t(lang, "org.announce.cancel_button", id=announcement_id),
                              callback_data=f"{CANCEL_PREFIX}{announcement_id}")]
        for announcement_id in scheduled
    ]) if scheduled else None
    await _reply(update, text, markup, html=True)


async def cancel_scheduled(update: Update, context: BotContext) -> None:
    """The "Cancel #12" button under /announcements: drop a scheduled announcement."""
    query = update.callback_query
    if query is None:
        return
    _, lang = await chat_and_language(update, context)
    if not await is_organiser(update, context):
        log_refusal(update, "cancel an announcement")
        await query.answer(t(lang, "org.refused"), show_alert=True)
        return
    announcement_id = int((query.data or "").removeprefix(CANCEL_PREFIX))
    if await context.services.store.cancel_scheduled(announcement_id):
        logger.info("scheduled announcement %d cancelled by %s", announcement_id,
                    update.effective_user.id if update.effective_user else None)
        await query.answer()
        await _reply(update, t(lang, "org.announce.dropped", id=announcement_id))
    else:
        await query.answer(t(lang, "org.announce.cancel_too_late", id=announcement_id),
                           show_alert=True)


# -- helpers ---------------------------------------------------------------------------------


def _user_data(context: BotContext) -> dict[Any, Any]:
    data = context.user_data
    assert data is not None  # every update in this conversation has a user
    return data


def _draft(context: BotContext) -> Draft | None:
    draft = _user_data(context).get(DRAFT_KEY)
    return draft if isinstance(draft, Draft) else None


def _button(label: str, data: str) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data)


def _format_moment(context: BotContext, draft: Draft, lang: str) -> str:
    assert draft.send_at is not None
    return _day_clock(draft.send_at.astimezone(context.services.knowledge.kb.tz), lang)


def _day_clock(moment: datetime, lang: str) -> str:
    return f"{format_day(moment.date(), lang)} {format_clock(moment, lang)}"


async def _reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None, *,
                 html: bool = False) -> None:
    chat = update.effective_chat
    if chat is not None:
        await chat.send_message(text, reply_markup=markup,
                                parse_mode=ParseMode.HTML if html else None)


async def _answer(update: Update) -> str:
    query = update.callback_query
    if query is None:
        return ""
    await query.answer()
    return query.data or ""


async def _edit_or_reply(update: Update, text: str) -> None:
    query = update.callback_query
    if query is not None and isinstance(query.message, Message):
        await query.edit_message_text(text)
    else:
        await _reply(update, text)
