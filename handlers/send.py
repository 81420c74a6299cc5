"""Send core replies to Telegram: HTML, split under the limit, buttons, map pins."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Message
from telegram.constants import ParseMode
from telegram.ext import ExtBot

from bot.render import Reply
from bot.render.reply import Button
from bot.render.split import split_html

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def keyboard(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    """Return an inline keyboard for button rows, or None when there are none."""
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in rows]
    )


async def send_reply(bot: ExtBot[Any], chat_id: int, reply: Reply) -> Message:
    """Send a reply; long text becomes several messages, buttons go on the last one."""
    chunks = [c for html in (reply.html, *reply.extra) for c in split_html(html)]
    message: Message | None = None
    for index, chunk in enumerate(chunks):
        last = index == len(chunks) - 1
        message = await bot.send_message(
            chat_id, chunk, parse_mode=ParseMode.HTML, link_preview_options=NO_PREVIEW,
            reply_markup=keyboard(reply.buttons) if last else None,
        )
    if reply.pin is not None:
        await bot.send_venue(chat_id, reply.pin.lat, reply.pin.lon, reply.pin.title,
                             reply.pin.address or reply.pin.title)
    assert message is not None  # split_html always returns at least one chunk
    return message


async def edit_reply(message: Message, reply: Reply) -> None:
    """Replace a message's text and buttons in place (pagination, save/remove)."""
    await message.edit_text(
        split_html(reply.html)[0], parse_mode=ParseMode.HTML,
        link_preview_options=NO_PREVIEW, reply_markup=keyboard(reply.buttons),
    )
