"""News tips from submitters: `/tip`, `/mytips`, additions, answers to the newsroom, offers."""

from __future__ import annotations

import logging
import re
from typing import cast

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import JobQueue

from eventbot.bot.i18n import t
from eventbot.bot.relay import worker as relay
from eventbot.bot.relay.newsroom import NewsroomChannel
from eventbot.bot.storage._tips import StoredTip
from eventbot.bot.tips import (
    ALBUM_SETTLE_SECONDS,
    TipContent,
    acknowledgement,
    album_key,
    kept_summary,
    offer_tip_for,
    open_for_additions,
    parse_reference,
    prompt,
    rate_limited,
    rate_window_start,
    reference,
    submitter_label,
)
from eventbot.handlers import attendee
from eventbot.handlers.context import BotContext
from eventbot.handlers.users import chat_and_language

logger = logging.getLogger(__name__)
OFFER_CALLBACK = re.compile(r"^tipq:(\d{1,12}):(\d{1,12})$")
# "Send this to the newsroom?" under media sent without /tip: yes or no.
ASK_CALLBACK = re.compile(r"^tipm:(\d{1,12}):([yn])$")
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
        shown = (submitter_label(user.first_name, user.username)
                 if services.config.tips.show_submitter else None)
        await context.bot.send_message(chat_id, prompt(lang, shown))
        return
    text = (message.text or "").split(maxsplit=1)[1]
    content = TipContent(chat_id, message.message_id, "text", text=text,
                         extra={"typed_after_command": True})
    await new_tip(update, context, content, lang)


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


async def question(update: Update, context: BotContext) -> None:
    """Answer a question; a long one the matcher could not answer may be a report: offer a tip."""
    message, user = update.effective_message, update.effective_user
    asked = await attendee.ask(update, context)
    if message is None or message.text is None or user is None or asked is None or (
            not tip_line_open(context) or not offer_tip_for(message.text, asked[1])):
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
    asked = None
    if match is not None:
        asked = await context.services.store.logged_question_text(int(match[1]), user.id)
    if match is None or asked is None:
        await query.answer(t(lang, "button.expired"), show_alert=True)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(None)
    await new_tip(update, context, TipContent(chat_id, int(match[2]), "text", text=asked), lang)


async def ask_first(update: Update, context: BotContext, item: TipContent, lang: str) -> None:
    """Media or a forward without /tip: keep it, and ask whether it is a tip (once per album)."""
    user = update.effective_user
    assert user is not None
    store = context.services.store
    offer = await store.offer_tip(user.id, lang, item)
    if offer.tip_id is not None:  # a late album item of an offer already accepted
        await new_tip_item(context, offer.tip_id, item)
        return
    if offer.prompt_message_id is not None or offer.contents[0].message_id != item.message_id:
        return  # asked already: the album's first item did
    buttons = InlineKeyboardMarkup([[
        InlineKeyboardButton(t(lang, "tip.ask_yes"), callback_data=f"tipm:{offer.id}:y"),
        InlineKeyboardButton(t(lang, "tip.ask_no"), callback_data=f"tipm:{offer.id}:n")]])
    asked = await context.bot.send_message(
        item.chat_id, t(lang, "tip.ask_first", kept=kept_summary([item.kind])),
        reply_markup=buttons, reply_to_message_id=item.message_id)
    await store.set_offer_prompt(offer.id, asked.message_id)


async def ask_first_button(update: Update, context: BotContext) -> None:
    """Yes or No under "send this to the newsroom?": yes makes the kept content a tip."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    chat_id, lang = await chat_and_language(update, context)
    store = context.services.store
    match = ASK_CALLBACK.match(query.data or "")
    offer = await store.tip_offer(int(match[1])) if match is not None else None
    if match is None or offer is None or offer.user_id != user.id:
        await query.answer(t(lang, "button.expired"), show_alert=True)
        return
    await query.answer()
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(None)
    if match[2] == "n":
        await store.decline_tip_offer(offer.id)
        await context.bot.send_message(chat_id, t(lang, "tip.ask_declined"))
        return
    if offer.tip_id is None and await _refused(update, context, None, lang):
        return
    tip_id = await store.accept_tip_offer(offer.id)
    await _acknowledge_and_deliver(context, tip_id)


async def answer(update: Update, context: BotContext, tip_id: int, item: TipContent,
                 lang: str) -> None:
    """A reply to the newsroom's message joins the tip's thread, for the newsroom to read."""
    user = update.effective_user
    store = context.services.store
    tip = await store.get_tip(tip_id)
    if user is None or tip is None or tip.user_id != user.id or tip.status == "closed":
        await context.bot.send_message(item.chat_id, t(lang, "tip.answer_closed",
                                                       ref=reference(tip_id)))
        return
    if await _refused(update, context, item, lang, rate=False):
        return
    added = await store.add_to_tip(tip.id, item, addition=False, answer=True)
    logger.info("stored the submitter's answer (item %d) in %s", added.item_id,
                reference(tip.id))
    relay.wake(context.application)
    if item.media_group_id is None or _first_refusal(context, item, "tip_answer_albums"):
        await context.bot.send_message(item.chat_id, t(lang, "tip.answered",
                                                       ref=reference(tip.id)))


async def settle_album(context: BotContext) -> None:
    """Job: an album stopped growing; queue it for the newsroom and acknowledge it once."""
    job = context.job
    if job is None or not isinstance(job.data, int):
        return
    if not await context.services.store.settle_album(job.data):
        return
    await _acknowledge_and_deliver(context, job.data)


# -- storing tips -------------------------------------------------------------------------


def tip_line_open(context: BotContext) -> bool:
    """Tell whether the bot takes tips: only with a newsroom to deliver them to."""
    return context.services.config.tips.newsroom_chat_id is not None


async def joins_album(update: Update, context: BotContext, item: TipContent) -> bool:
    """Store the next item of an album already kept as a tip or an offer; False if none."""
    if item.media_group_id is None or not tip_line_open(context):
        return False
    store = context.services.store
    if await store.album_tip(item.chat_id, item.media_group_id) is not None:
        # It joins its tip whatever it replies to.
        _, lang = await chat_and_language(update, context)
        await new_tip(update, context, item, lang)
        return True
    return False


async def to_tip(update: Update, context: BotContext, item: TipContent, lang: str,
                 target: int | None, addition: bool) -> None:
    """Store a message after /tip (or as a reply to an acknowledgement): a tip or an addition."""
    user = update.effective_user
    assert user is not None
    services = context.services
    store, window = services.store, services.config.tips.open_window_minutes
    await store.clear_tip_draft(user.id)
    if not addition and target is None:
        await new_tip(update, context, item, lang)
        return
    tip = await store.get_tip(target) if target is not None else None
    if tip is None or tip.user_id != user.id or not open_for_additions(
            tip.created_at, tip.status, services.clock(), window):
        await context.bot.send_message(item.chat_id, t(lang, "tip.not_open", minutes=window,
                                                       ref=reference(target or 0)))
        return
    await _add(update, context, tip.id, item, lang)


async def new_tip(update: Update, context: BotContext, item: TipContent, lang: str) -> None:
    """Store a new tip (or the next item of an album) first, then acknowledge and deliver."""
    user = update.effective_user
    assert user is not None
    store = context.services.store
    if item.media_group_id is not None:
        album = await store.album_tip(item.chat_id, item.media_group_id)
        if album is not None:
            added = await store.add_to_tip(album.id, item, addition=False)
            logger.info("stored album item %d of %s", added.item_id, reference(album.id))
            _settle_later(context, item, album.id, album.album_open)
            return
    if await _refused(update, context, item, lang):
        return
    added = await store.create_tip(user.id, lang, item)
    logger.info("stored %s item %d (%s)", reference(added.tip_id), added.item_id, item.kind)
    if item.media_group_id is not None:
        _settle_later(context, item, added.tip_id, True)
        return
    await _acknowledge_and_deliver(context, added.tip_id)


async def new_tip_item(context: BotContext, tip_id: int, item: TipContent) -> None:
    """Store a late item of a settled album (or accepted offer) and send it after the rest."""
    added = await context.services.store.add_to_tip(tip_id, item, addition=False)
    logger.info("stored album item %d of %s", added.item_id, reference(tip_id))
    relay.wake(context.application)


async def acknowledge(context: BotContext, tip: StoredTip) -> None:
    """Tell the submitter the reference of a stored tip."""
    await NewsroomChannel(context.services).acknowledge(tip, relay.teller(context.bot))


async def _acknowledge_and_deliver(context: BotContext, tip_id: int | None) -> None:
    tip = await context.services.store.get_tip(tip_id) if tip_id is not None else None
    # A replayed update (the inbox after a crash) finds its tip acknowledged already.
    if tip is not None and not tip.album_open and not tip.acked:
        await acknowledge(context, tip)
    relay.wake(context.application)


async def _refused(update: Update, context: BotContext, item: TipContent | None, lang: str,
                   *, rate: bool = True) -> bool:
    """Refuse a blocked submitter, or one over the hourly limit (once per album)."""
    user = update.effective_user
    assert user is not None
    services = context.services
    refusal = None
    if await services.store.tip_submitter_blocked(user.id):
        refusal = t(lang, "tip.blocked")
    elif rate:
        limit = services.config.tips.per_hour_limit
        recent = await services.store.count_tips_since(user.id,
                                                       rate_window_start(services.clock()))
        if rate_limited(recent, limit):
            refusal = t(lang, "tip.rate_limited", limit=limit)
    if refusal is None:
        return False
    logger.info("refused a tip from user %s (blocked or rate limit)", user.id)
    if item is None or _first_refusal(context, item):
        await context.bot.send_message(user.id if item is None else item.chat_id, refusal)
    return True


async def _add(update: Update, context: BotContext, tip_id: int, item: TipContent,
               lang: str) -> None:
    """Store an addition to an open tip, then tell the submitter (once per album)."""
    if await _refused(update, context, item, lang, rate=False):
        return
    store = context.services.store
    added = await store.add_to_tip(tip_id, item, addition=True)
    logger.info("stored addition item %d to %s", added.item_id, reference(tip_id))
    relay.wake(context.application)
    if item.media_group_id is not None and not _first_refusal(context, item, "tip_added_albums"):
        return
    window = context.services.config.tips.open_window_minutes
    await context.bot.send_message(item.chat_id, acknowledgement(
        lang, tip_id, [item.kind], [item.note], window, addition=True))


def _settle_later(context: BotContext, item: TipContent, tip_id: int, album_open: bool) -> None:
    """(Re)start the album's settle timer: it fires once the album stops growing."""
    if not album_open:
        relay.wake(context.application)  # a late item of a settled album: just send it
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
