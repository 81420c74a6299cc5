"""The newsroom: list and show tips, reply to submitters, close tips, block submitters.

Its texts are in the newsroom's language (tips.language, else the event's default); what
reaches a submitter is in the submitter's.
"""

from __future__ import annotations

import logging
from html import escape

from telegram import Update
from telegram.constants import ParseMode
from telegram.error import Forbidden, TelegramError

from eventbot.bot.i18n import t
from eventbot.bot.relay.channel import desk_language
from eventbot.bot.render.split import split_html, truncate_utf16
from eventbot.bot.storage._tips import TIPS_CHANNEL, FailedTipDelivery, StoredTip
from eventbot.bot.tips import (
    describe_kinds,
    describe_origin,
    kept_summary,
    parse_reference,
    reference,
)
from eventbot.handlers.auth import is_newsroom, log_refusal
from eventbot.handlers.context import BotContext
from eventbot.handlers.send import relay_staff_message

logger = logging.getLogger(__name__)
# `/tip T-0042` shows each item's text up to this many UTF-16 units (Telegram's measure).
SHOW_TEXT_UNITS = 500


async def list_tips(update: Update, context: BotContext) -> None:
    """`/tips`: the open tips, oldest first."""
    if not await _allowed(update, context, "/tips"):
        return
    store, lang = context.services.store, newsroom_language(context)
    tz = context.services.knowledge.kb.tz
    lines = []
    for tip in await store.open_tips():
        kinds = [item.kind for item in await store.tip_items(tip.id)]
        when = tip.created_at.astimezone(tz).strftime("%m-%d %H:%M")
        lines.append(f"{reference(tip.id)} · {when} · {kept_summary(kinds)} · {tip.language}"
                     f" · {t(lang, f'tip.status.{tip.status}')}")
    text = "\n".join([t(lang, "tip.nr.open_title"), *lines]) if lines else t(
        lang, "tip.nr.none_open")
    failed = await store.failed_tip_deliveries()
    await _say(update, context, text + _undelivered(lang, failed) if failed else text)


def _undelivered(lang: str, failed: list[FailedTipDelivery]) -> str:
    """List outbox rows given up on, so nobody mistakes a notice for the whole tip."""
    lines = ["", t(lang, "tip.nr.undelivered")]
    for row in failed:
        what = t(lang, "tip.nr.undelivered_item", kind=row.item_kind) if row.item_kind \
            else row.kind
        told = t(lang, "tip.nr.notice_sent" if row.notice_sent else "tip.nr.no_notice")
        error = row.error or t(lang, "tip.nr.unknown_error")
        lines.append(f"{reference(row.tip_id)} · {what} · {error} · {told}")
    return "\n".join(lines)


async def show_tip(update: Update, context: BotContext) -> None:
    """`/tip T-0042` in the newsroom: the tip, its items and its thread."""
    if not await _allowed(update, context, "/tip"):
        return
    tip = await _tip_from_args(update, context)
    if tip is None:
        return
    store, lang = context.services.store, newsroom_language(context)
    tz = context.services.knowledge.kb.tz
    items = await store.tip_items(tip.id)
    when = tip.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    lines = [f"<b>{reference(tip.id)}</b> · {when} · {tip.language} · "
             f"{escape(t(lang, f'tip.status.{tip.status}'))}",
             escape(describe_kinds([item.kind for item in items], lang))]
    for number, item in enumerate(items, 1):
        origin = describe_origin(item.forward_origin, lang)
        text = truncate_utf16(item.text or "", SHOW_TEXT_UNITS)
        lines.append(f"{number}. {item.kind}" + (f" ↪️ {escape(origin)}" if origin else "")
                     + (f": {escape(text)}" if text else ""))
    for entry in await store.tip_thread(tip.id):
        stamp = entry.at.astimezone(tz).strftime("%H:%M")
        event = escape(t(lang, f"tip.nr.event.{entry.event}"))
        lines.append(f"· {stamp} {event}" + (f": {escape(entry.text)}" if entry.text else ""))
    await _say(update, context, "\n".join(lines), html=True)


async def close_tip(update: Update, context: BotContext) -> None:
    """`/close T-0042 [note]`: mark it reviewed and tell the submitter, the note labelled."""
    if not await _allowed(update, context, "/close"):
        return
    tip = await _tip_from_args(update, context)
    if tip is None:
        return
    note = " ".join((context.args or [])[1:]).strip() or None
    user = update.effective_user
    await context.services.store.record_tip_event(tip.id, "close", note,
                                                  user.id if user else None)
    ref = reference(tip.id)
    text = (t(tip.language, "tip.closed_note", ref=ref, note=note) if note
            else t(tip.language, "tip.closed", ref=ref))
    told = await _tell_submitter(context, tip, text)
    logger.info("closed %s", ref)
    lang = newsroom_language(context)
    await _say(update, context, t(lang, "tip.nr.closed" if told else "tip.nr.closed_untold",
                                  ref=ref))


async def block_submitter(update: Update, context: BotContext) -> None:
    """`/block T-0042`: refuse further tips from its submitter, without saying who it is."""
    if not await _allowed(update, context, "/block"):
        return
    tip = await _tip_from_args(update, context)
    if tip is None:
        return
    store = context.services.store
    user = update.effective_user
    blocked = await store.block_tip_submitter(tip.id)
    if blocked:
        await store.record_tip_event(tip.id, "block", None, user.id if user else None)
    ref = reference(tip.id)
    logger.info("blocked the submitter of %s", ref)
    await _say(update, context, t(newsroom_language(context), "tip.nr.blocked" if blocked
                                  else "tip.nr.already_blocked", ref=ref))


async def reply(update: Update, context: BotContext, tip_id: int) -> None:
    """A reply to a tip's message in the newsroom goes to the submitter, who can answer it."""
    message, chat = update.effective_message, update.effective_chat
    if message is None or chat is None or chat.id != context.services.config.tips.newsroom_chat_id:
        return
    store = context.services.store
    tip = await store.get_tip(tip_id)
    if tip is None:
        return
    ref, lang = reference(tip.id), newsroom_language(context)
    try:
        sent = await relay_staff_message(
            context.bot, tip.chat_id, message,
            t(tip.language, "tip.reply", ref=ref, text=message.text or ""),
            t(tip.language, "tip.reply_media", ref=ref))
    except Forbidden:
        await message.reply_text(t(lang, "tip.nr.submitter_gone", ref=ref))
        return
    # The submitter's reply to any of these joins the tip's thread.
    await store.link_to_thread(tip.chat_id, sent, TIPS_CHANNEL, tip.id)
    user = update.effective_user
    await store.record_tip_event(tip.id, "reply", message.text or message.caption or "(media)",
                                 user.id if user else None)
    logger.info("newsroom reply to %s delivered", ref)
    await message.reply_text(t(lang, "tip.nr.sent", ref=ref))


def newsroom_language(context: BotContext) -> str:
    """Return the newsroom's language: tips.language, else the event's default."""
    return desk_language(context.services.config.tips.language, context.services)


async def _allowed(update: Update, context: BotContext, what: str) -> bool:
    if await is_newsroom(update, context):
        return True
    log_refusal(update, what)
    chat = update.effective_chat
    if chat is not None:
        user = update.effective_user
        lang = (user.language_code or "en").split("-")[0] if user else "en"
        await context.bot.send_message(chat.id, t(lang, "tip.refused"))
    return False


async def _tip_from_args(update: Update, context: BotContext) -> StoredTip | None:
    args = context.args or []
    tip_id = parse_reference(args[0]) if args else None
    tip = await context.services.store.get_tip(tip_id) if tip_id is not None else None
    if tip is None:
        lang = newsroom_language(context)
        await _say(update, context, t(lang, "tip.nr.which") if tip_id is None
                   else t(lang, "tip.nr.no_such", ref=reference(tip_id)))
    return tip


async def _tell_submitter(context: BotContext, tip: StoredTip, text: str) -> bool:
    try:
        await context.bot.send_message(tip.chat_id, text)
    except TelegramError as exc:
        logger.warning("could not tell the submitter of %s: %s", reference(tip.id),
                       type(exc).__name__)
        return False
    return True


async def _say(update: Update, context: BotContext, text: str, *, html: bool = False) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    for chunk in split_html(text if html else escape(text, quote=False)):
        await context.bot.send_message(chat.id, chunk, parse_mode=ParseMode.HTML)
