"""A local Telegram Bot API server for end-to-end tests, benchmarks and demos.

Run python-telegram-bot against it unchanged::

    async with BotAPIEmulator(token="123:ABC") as emu:
        app = (
            Application.builder()
            .token(emu.token)
            .base_url(emu.base_url)
            .base_file_url(emu.base_file_url)
            .build()
        )
        alice = emu.user(1001, "Alice", language_code="ko")
        alice.send_text("hello")
        replies = await alice.replies()
"""

from __future__ import annotations

from eventbot.bot.emulator._emulator import BotAPIEmulator
from eventbot.bot.emulator._types import (
    CLIENT_GONE,
    ApiError,
    ChatMessage,
    FaultRule,
    RecordedCall,
    UploadedFile,
    WebhookDelivery,
)
from eventbot.bot.emulator._users import MessageLike, SimChat, SimUser, tiny_png

__all__ = [
    "CLIENT_GONE",
    "ApiError",
    "BotAPIEmulator",
    "ChatMessage",
    "FaultRule",
    "MessageLike",
    "RecordedCall",
    "SimChat",
    "SimUser",
    "UploadedFile",
    "WebhookDelivery",
    "tiny_png",
]
