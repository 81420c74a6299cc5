"""Send core replies to Telegram: HTML, split under the limit, buttons, map pins."""

from __future__ import annotations

import asyncio
from functools import partial
from html import escape
from typing import Any

from telegram import Bot, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest

from eventbot.bot.render import Reply
from eventbot.bot.render.reply import Button
from eventbot.bot.render.split import split_html
from eventbot.handlers.context import BotContext
from eventbot.handlers.ptb_adapter import post

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
JSONDict = dict[str, Any]


def keyboard(rows: tuple[tuple[Button, ...], ...]) -> JSONDict:
    """Return button rows as an inline keyboard in the Bot API's JSON."""
    # Plain JSON, not InlineKeyboardMarkup: building and serialising PTB's frozen objects for
    # every answer cost 2% of the bot's CPU, for a dict we only send.
    return {"inline_keyboard": [[{"text": b.label, "callback_data": b.data} for b in row]
                                for row in rows]}


async def send_reply(context: BotContext, chat_id: int, reply: Reply, *,
                     reply_to: int | None = None) -> None:
    """Send a reply; long text becomes several messages, buttons go on the last one."""
    await pin_landed(context, chat_id)  # keep the chat's order: its last pin goes first
    bot = context.bot
    chunks = [c for html in (reply.html, *reply.extra) for c in split_html(html)]
    for index, chunk in enumerate(chunks):
        data: JSONDict = {"chat_id": chat_id, "text": chunk, "parse_mode": ParseMode.HTML,
                          "link_preview_options": NO_PREVIEW}
        if index == 0 and reply_to is not None:
            # In a group the answer quotes its question; a question deleted meanwhile is fine.
            data["reply_parameters"] = {"message_id": reply_to,
                                        "allow_sending_without_reply": True}
        if index == len(chunks) - 1 and reply.buttons:
            data["reply_markup"] = keyboard(reply.buttons)
        await post(bot, "sendMessage", data)
    if reply.pin is not None:
        # The pin follows the answer in the background: the update is done once its answer is
        # sent, so the next one, most likely another chat's, needn't wait for one more round
        # trip to Telegram. The application reports its errors and awaits it on shutdown.
        pin = reply.pin
        task = context.application.create_task(
            post(bot, "sendVenue", {"chat_id": chat_id, "latitude": pin.lat,
                                    "longitude": pin.lon, "title": pin.title,
                                    "address": pin.address or pin.title}),
            name=f"map pin for chat {chat_id}",
        )
        pins = context.pending_pins
        pins[chat_id] = task
        task.add_done_callback(partial(_forget_pin, pins, chat_id))


async def pin_landed(context: BotContext, chat_id: int) -> None:
    """Wait until the chat's last map pin has been sent, or has failed."""
    pin = context.pending_pins.get(chat_id)
    if pin is not None:
        # wait, unlike await, doesn't raise: a failed pin was reported by its own task.
        await asyncio.wait([pin])


def _forget_pin(pins: dict[int, asyncio.Task[None]], chat_id: int,
                task: asyncio.Task[None]) -> None:
    """Drop a delivered pin, unless a newer one for the same chat has replaced it."""
    if pins.get(chat_id) is task:
        del pins[chat_id]


async def edit_reply(message: Message, reply: Reply) -> None:
    """Replace a message's text and buttons in place (pagination, save/remove)."""
    data: JSONDict = {"chat_id": message.chat_id, "message_id": message.message_id,
                      "text": split_html(reply.html)[0], "parse_mode": ParseMode.HTML,
                      "link_preview_options": NO_PREVIEW}
    if reply.buttons:
        data["reply_markup"] = keyboard(reply.buttons)
    try:
        await post(message.get_bot(), "editMessageText", data)
    except BadRequest as exc:
        if not is_not_modified(exc):
            raise


async def relay_staff_message(bot: Bot, chat_id: int, message: Message, text_label: str,
                              media_label: str) -> list[int]:
    """Send a staff member's words under a label, or a copy of their media after one.

    ``text_label`` holds the words already (plain text, escaped here); the staff member's name
    never travels: only the label says who answered. Return the ids of the messages sent.
    """
    if message.text is not None:
        return [(await bot.send_message(chat_id, chunk, parse_mode=ParseMode.HTML)).message_id
                for chunk in split_html(escape(text_label, quote=False))]
    label = await bot.send_message(chat_id, media_label)
    copied = await bot.copy_message(chat_id, message.chat_id, message.message_id)
    return [label.message_id, copied.message_id]


def is_not_modified(error: object) -> bool:
    """Tell whether an error is Telegram refusing an edit that changes nothing (a double tap)."""
    # Telegram says so in words only: "Bad Request: message is not modified: …".
    return isinstance(error, BadRequest) and "not modified" in error.message.lower()
