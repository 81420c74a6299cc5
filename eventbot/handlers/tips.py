"""News tips from submitters: forwards, media, albums, `/tip`, `/mytips`, "send as a tip"."""

from __future__ import annotations

import logging
import re
from datetime import timedelta
from typing import Any, cast

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import JobQueue

from eventbot.bot import tip_delivery
from eventbot.bot.i18n import t
from eventbot.bot.tips import (
    ALBUM_SETTLE_SECONDS,
    MessageFacts,
    TipContent,
    acknowledgement,
    album_key,
    classify,
    offer_tip_for,
    open_for_additions,
    parse_reference,
    rate_limited,
    rate_window_start,
    reference,
)
from eventbot.handlers import attendee
from eventbot.handlers.context import BotContext
from eventbot.handlers.users import chat_and_language

logger = logging.getLogger(__name__)
OFFER_CALLBACK = re.compile(r"^tipq:(\d{1,12}):(\d{1,12})$")
# Albums refused (rate limit, blocked) in this chat, so the refusal is sent once per album.
_REFUSED_ALBUMS = "tip_refused_albums"


async def tip_command(update: Update, context: BotContext) -> None:
    """`/tip`: the next message is a tip; `/tip T-0042`: add to it; `/tip text`: a text tip."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    if not tip_line_open(context):
        await attendee.unknown_command(update, context)
        return
    chat_id, lang = await chat_and_language(update, context)
    services = context.services
    store, window = services.store, services.config.tips.open_window_minutes
    args = context.args or []
    target = parse_reference(args[0]) if len(args) == 1 else None
    if target is not None:
        tip = await store.get_tip(target)
        if tip is None or tip.user_id != user.id or not open_for_additions(
                tip.created_at, tip.status, services.clock(), window):
            await context.bot.send_message(
                chat_id, t(lang, "tip.not_open", ref=reference(target), minutes=window))
            return
        await store.set_tip_draft(user.id, tip.id)
        await context.bot.send_message(chat_id, t(lang, "tip.add_prompt", ref=reference(tip.id)))
        return
    if not args:
        await store.set_tip_draft(user.id, None)
        await context.bot.send_message(chat_id, t(lang, "tip.prompt"))
        return
    text = (message.text or "").split(maxsplit=1)[1]
    content = TipContent(chat_id, message.message_id, "text", text=text,
                         extra={"typed_after_command": True})
    await _new_tip(update, context, content, lang)


async def my_tips(update: Update, context: BotContext) -> None:
    """`/mytips`: list the submitter's tips with their status."""
    user = update.effective_user
    chat_id, lang = await chat_and_language(update, context)
    tips = await context.services.store.tips_of_user(user.id) if user else []
    if not tips:
        await context.bot.send_message(chat_id, t(lang, "tip.mine_empty"))
        return
    tz = context.services.knowledge.kb.tz
    lines = [t(lang, "tip.mine_title")]
    for tip in tips:
        when = tip.created_at.astimezone(tz).strftime("%m-%d %H:%M")
        lines.append(f"{reference(tip.id)} · {when} · {t(lang, f'tip.status.{tip.status}')}")
    await context.bot.send_message(chat_id, "\n".join(lines))


async def content(update: Update, context: BotContext) -> None:
    """A forward, media, location or contact: a tip (or an addition); other kinds as before."""
    message = update.effective_message
    if message is None:
        return
    if await _handled_as_tip(update, context, message):
        return
    if message.text is not None:
        await attendee.ask(update, context)  # a forwarded text while the tip line is closed
    else:
        await attendee.not_text(update, context)


async def text(update: Update, context: BotContext) -> None:
    """Plain text: a tip after `/tip` or as a reply to an acknowledgement, else a question."""
    message, user = update.effective_message, update.effective_user
    if message is None or message.text is None:
        return
    if await _handled_as_tip(update, context, message):
        return
    asked = await attendee.ask(update, context)
    # A long text the matcher could not answer may be a report: offer to send it as a tip.
    if user is None or asked is None or not offer_tip_for(message.text, asked[1]):
        return
    _, lang = await chat_and_language(update, context)
    button = InlineKeyboardButton(t(lang, "tip.offer_button"),
                                  callback_data=f"tipq:{asked[0]}:{message.message_id}")
    await context.bot.send_message(message.chat_id, t(lang, "tip.offer"),
                                   reply_markup=InlineKeyboardMarkup([[button]]))


async def offer_button(update: Update, context: BotContext) -> None:
    """"📰 Send as a news tip" under a question: turn that message into a tip."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    chat_id, lang = await chat_and_language(update, context)
    match = OFFER_CALLBACK.match(query.data or "")
    question = None
    if match is not None:
        question = await context.services.store.logged_question_text(int(match[1]), user.id)
    if match is None or question is None:
        await query.answer(t(lang, "button.expired"), show_alert=True)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(None)
    await _new_tip(update, context, TipContent(chat_id, int(match[2]), "text", text=question), lang)


async def settle_album(context: BotContext) -> None:
    """Job: an album stopped growing; queue it for the newsroom and acknowledge it once."""
    job = context.job
    if job is None or not isinstance(job.data, int):
        return
    services = context.services
    if not await services.store.settle_album(job.data):
        return
    tip = await services.store.get_tip(job.data)
    if tip is not None:
        await tip_delivery.acknowledge(context.bot, services, tip)
    tip_delivery.wake(context.application)


# -- helpers ----------------------------------------------------------------------------


def tip_line_open(context: BotContext) -> bool:
    """Tell whether the bot takes tips: only with a newsroom to deliver them to."""
    return context.services.config.tips.newsroom_chat_id is not None


async def _handled_as_tip(update: Update, context: BotContext, message: Message) -> bool:
    """Store the message as a tip or an addition if it is one; False if it is not."""
    user = update.effective_user
    if user is None or not tip_line_open(context):
        return False
    services = context.services
    store, window = services.store, services.config.tips.open_window_minutes
    now = services.clock()
    draft_open, draft_tip = await store.tip_draft(user.id, now - timedelta(minutes=window))
    acked = None
    if message.reply_to_message is not None:
        acked = await store.tip_by_ack(message.chat_id, message.reply_to_message.message_id)
    item = content_of(message)
    if item.media_group_id is not None and await store.album_tip(
            item.chat_id, item.media_group_id) is not None:
        # The next item of an album already stored: it joins its tip whatever it replies to.
        _, lang = await chat_and_language(update, context)
        await _new_tip(update, context, item, lang)
        return True
    decision = classify(MessageFacts(kind=item.kind, forwarded=message.forward_origin is not None,
                                     draft_open=draft_open, replies_to_ack=acked is not None))
    if decision in ("question", "not_text"):
        return False
    chat_id, lang = await chat_and_language(update, context)
    await store.clear_tip_draft(user.id)
    target = acked.id if acked is not None else draft_tip
    if decision == "add" or target is not None:
        tip = await store.get_tip(target) if target is not None else None
        if tip is None or tip.user_id != user.id or not open_for_additions(
                tip.created_at, tip.status, now, window):
            await context.bot.send_message(chat_id, t(lang, "tip.not_open", minutes=window,
                                                      ref=reference(target or 0)))
            return True
        await _add(update, context, tip.id, item, lang)
        return True
    await _new_tip(update, context, item, lang)
    return True


async def _new_tip(update: Update, context: BotContext, item: TipContent, lang: str) -> None:
    """Store a new tip (or the next item of an album) first, then acknowledge and deliver."""
    user = update.effective_user
    assert user is not None
    services = context.services
    store = services.store
    if item.media_group_id is not None:
        album = await store.album_tip(item.chat_id, item.media_group_id)
        if album is not None:
            added = await store.add_to_tip(album.id, item, addition=False)
            logger.info("stored album item %d of %s", added.item_id, reference(album.id))
            _settle_later(context, item, album.id, album.album_open)
            return
    refusal = None
    if await store.tip_submitter_blocked(user.id):
        refusal = t(lang, "tip.blocked")
    else:
        limit = services.config.tips.per_hour_limit
        recent = await store.count_tips_since(user.id, rate_window_start(services.clock()))
        if rate_limited(recent, limit):
            refusal = t(lang, "tip.rate_limited", limit=limit)
    if refusal is not None:
        logger.info("refused a tip from user %s (blocked or rate limit)", user.id)
        if _first_refusal(context, item):
            await context.bot.send_message(item.chat_id, refusal)
        return
    added = await store.create_tip(user.id, lang, item)
    logger.info("stored %s item %d (%s)", reference(added.tip_id), added.item_id, item.kind)
    if item.media_group_id is not None:
        _settle_later(context, item, added.tip_id, True)
        return
    tip = await store.get_tip(added.tip_id)
    # A replayed update (the inbox after a crash) finds its tip acknowledged already.
    if tip is not None and not tip.album_open and not tip.acked:
        await tip_delivery.acknowledge(context.bot, services, tip)
    tip_delivery.wake(context.application)


async def _add(update: Update, context: BotContext, tip_id: int, item: TipContent,
               lang: str) -> None:
    """Store an addition to an open tip, then tell the submitter (once per album)."""
    store = context.services.store
    user = update.effective_user
    if user is not None and await store.tip_submitter_blocked(user.id):
        if _first_refusal(context, item):
            await context.bot.send_message(item.chat_id, t(lang, "tip.blocked"))
        return
    added = await store.add_to_tip(tip_id, item, addition=True)
    logger.info("stored addition item %d to %s", added.item_id, reference(tip_id))
    tip_delivery.wake(context.application)
    if item.media_group_id is not None and not _first_refusal(context, item, "tip_added_albums"):
        return
    window = context.services.config.tips.open_window_minutes
    await context.bot.send_message(item.chat_id, acknowledgement(
        lang, tip_id, [item.kind], [item.note], window, addition=True))


def _settle_later(context: BotContext, item: TipContent, tip_id: int, album_open: bool) -> None:
    """(Re)start the album's settle timer: it fires once the album stops growing."""
    if not album_open:
        tip_delivery.wake(context.application)  # a late item of a settled album: just send it
        return
    assert item.media_group_id is not None
    name = album_key(item.chat_id, item.media_group_id)
    if context.job_queue is None:
        raise RuntimeError("albums need the job queue (python-telegram-bot[job-queue])")
    job_queue = cast("JobQueue[BotContext]", context.job_queue)
    for job in job_queue.get_jobs_by_name(name):
        job.schedule_removal()
    job_queue.run_once(settle_album, ALBUM_SETTLE_SECONDS, data=tip_id, name=name)


def _first_refusal(context: BotContext, item: TipContent, key: str = _REFUSED_ALBUMS) -> bool:
    """Tell whether this is the first message of its album to get this answer."""
    if item.media_group_id is None:
        return True
    chat_data = context.chat_data if context.chat_data is not None else {}
    seen: set[str] = chat_data.setdefault(key, set())
    if item.media_group_id in seen:
        return False
    seen.add(item.media_group_id)
    return True


def content_of(message: Message) -> TipContent:
    """Describe a message's content for storage (no Telegram types leave this function)."""
    origin = message.forward_origin
    base: dict[str, Any] = {
        "chat_id": message.chat_id, "message_id": message.message_id,
        "media_group_id": message.media_group_id,
        "forward_origin": origin.to_dict() if origin is not None else None,
        "forward_date": origin.date if origin is not None else None,
    }
    caption = message.caption
    if message.text is not None:
        return TipContent(kind="text", text=message.text, **base)
    if message.photo:
        size = message.photo[-1]
        return TipContent(kind="photo", text=caption, file_id=size.file_id,
                          file_unique_id=size.file_unique_id, file_size=size.file_size,
                          extra={"width": size.width, "height": size.height}, **base)
    for kind in ("animation", "video", "voice", "audio", "video_note", "document"):
        media = getattr(message, kind)
        if media is not None:
            return TipContent(
                kind=kind, text=caption, file_id=media.file_id,
                file_unique_id=media.file_unique_id, file_size=media.file_size,
                file_name=getattr(media, "file_name", None),
                mime_type=getattr(media, "mime_type", None), **base)
    if message.venue is not None:
        venue = message.venue
        return TipContent(kind="venue", text=f"{venue.title}\n{venue.address}",
                          latitude=venue.location.latitude, longitude=venue.location.longitude,
                          **base)
    if message.location is not None:
        return TipContent(kind="location", latitude=message.location.latitude,
                          longitude=message.location.longitude, **base)
    if message.contact is not None:
        return TipContent(kind="contact", contact=message.contact.to_dict(), **base)
    attachment = message.effective_attachment
    what = type(attachment).__name__.lower() if attachment else "unknown"
    return TipContent(kind="other", text=caption, extra={"type": what}, **base)

