"""Wire python-telegram-bot to a BotAPIEmulator for end-to-end tests."""

from __future__ import annotations

import datetime as dtm
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from telegram import Bot
from telegram.ext import Application, ApplicationBuilder

from eventbot.bot.emulator import BotAPIEmulator


def bot_for(emu: BotAPIEmulator, **kwargs: Any) -> Bot:
    """Return a plain telegram.Bot talking to the emulator (use it with ``async with``)."""
    return Bot(emu.token, base_url=emu.base_url, base_file_url=emu.base_file_url, **kwargs)


def application_builder(emu: BotAPIEmulator) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
    """Return an ApplicationBuilder already pointed at the emulator."""
    return (
        Application.builder()
        .token(emu.token)
        .base_url(emu.base_url)
        .base_file_url(emu.base_file_url)
    )


@asynccontextmanager
async def polling(
    app: Application[Any, Any, Any, Any, Any, Any], *, poll_timeout: int = 1
) -> AsyncIterator[Application[Any, Any, Any, Any, Any, Any]]:
    """Run an application by hand with polling; post_init and friends are not called."""
    async with app:
        assert app.updater is not None
        await app.updater.start_polling(timeout=dtm.timedelta(seconds=poll_timeout))
        await app.start()
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()


def free_port(host: str = "127.0.0.1") -> int:
    """Return a port that was free a moment ago (for servers that need a port up front)."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])
