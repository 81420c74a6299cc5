"""Poll getUpdates into the inbox, and run the application with it until told to stop.

Replaces PTB's Updater for polling, through public API only: each batch is stored in one
transaction before the next call confirms it (the offset), and a refused token ends the run
instead of leaving the bot alive and deaf.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager, suppress
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.error import InvalidToken, RetryAfter, TelegramError
from telegram.ext import Application

from eventbot.bot.backoff import doubling
from eventbot.bot.inbox.ledger import Inbox
from eventbot.bot.inbox.receiving import inbox_of
from eventbot.bot.rate_limit import retry_after_seconds
from eventbot.bot.storage import StorageError

logger = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]
Sleep = Callable[[float], Awaitable[None]]

#: Seconds Telegram holds a getUpdates call open when there is nothing to deliver.
LONG_POLL_SECONDS = 10
#: Backoff after a failed poll: doubles from FIRST to at most MAX seconds, reset by a success.
FIRST_BACKOFF_SECONDS = 0.5
MAX_BACKOFF_SECONDS = 30.0
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class TokenRefused(Exception):
    """Raised when the Bot API answers a poll with 401/404: the token (or URL) is wrong."""


def backoff_seconds(failures: int) -> float:
    """Return the pause after ``failures`` failed polls in a row."""
    return doubling(failures, FIRST_BACKOFF_SECONDS, MAX_BACKOFF_SECONDS)


class Poller:
    """Fetch updates, store each batch in the inbox, then confirm it and queue it for handling."""

    def __init__(self, app: AnyApplication, inbox: Inbox, *,
                 long_poll: int = LONG_POLL_SECONDS, interval: float = 0.0,
                 allowed_updates: Sequence[str] = Update.ALL_TYPES,
                 sleep: Sleep = asyncio.sleep) -> None:
        self._app = app
        self._inbox = inbox
        self._long_poll = timedelta(seconds=long_poll)
        self._interval = interval
        self._allowed = list(allowed_updates)
        self._sleep = sleep
        self.offset: int | None = None  # the next update id to ask for (confirms the earlier)
        self.failures = 0

    async def run(self) -> None:
        """Poll until cancelled; raise TokenRefused when the Bot API refuses the token."""
        while True:
            pause = await self.poll_once()
            if pause:
                await self._sleep(pause)

    async def poll_once(self) -> float:
        """Fetch and store one batch; return how long to pause before the next poll."""
        try:
            updates = await self._app.bot.get_updates(
                offset=self.offset, timeout=self._long_poll, allowed_updates=self._allowed)
            fresh = await self._inbox.accept([(u.update_id, u.to_json()) for u in updates])
        except InvalidToken as exc:
            raise TokenRefused(str(exc)) from exc
        except RetryAfter as exc:
            self.failures += 1
            wait = retry_after_seconds(exc)
            logger.warning("getUpdates: flood control, polling again in %.0f s", wait)
            return wait
        except (TelegramError, StorageError, sqlite3.Error) as exc:
            # Network trouble, a 5xx, a conflict with another poller, a locked database: the
            # offset stays, so Telegram keeps the batch and hands it over again.
            self.failures += 1
            wait = backoff_seconds(self.failures)
            logger.warning("getUpdates failed (%s: %s); polling again in %.1f s",
                           type(exc).__name__, exc, wait)
            return wait
        if self.failures:
            logger.info("getUpdates works again after %d failure(s)", self.failures)
            self.failures = 0
        if updates:
            # Stored: the next call may confirm them. Duplicates were handled before.
            self.offset = updates[-1].update_id + 1
            for update in updates:
                if update.update_id in fresh:
                    self._app.update_queue.put_nowait(update)
        return self._interval


@asynccontextmanager
async def polling(app: AnyApplication, **options: Any) -> AsyncIterator[asyncio.Task[None]]:
    """Poll in the background while the block runs (the application must be started)."""
    inbox = inbox_of(app)
    if inbox is None or not inbox.attached:
        raise RuntimeError("polling needs an application built with an inbox, attached")
    task = asyncio.create_task(Poller(app, inbox, **options).run(), name="inbox-polling")
    try:
        yield task
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task


async def run_polling(app: AnyApplication, **options: Any) -> None:
    """Run the application and poll until SIGINT or SIGTERM, with its lifecycle hooks.

    Raises TokenRefused when the Bot API refuses the token while polling, after shutting
    down cleanly, so the process can exit with an error for its supervisor to restart it.
    """
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in STOP_SIGNALS:
        loop.add_signal_handler(sig, stop.set)
    try:
        await app.initialize()
        if app.post_init:
            await app.post_init(app)
        await app.start()
        async with polling(app, **options) as poller:
            stopping = asyncio.create_task(stop.wait())
            await asyncio.wait({poller, stopping}, return_when=asyncio.FIRST_COMPLETED)
            stopping.cancel()
            if poller.done():
                poller.result()  # raises TokenRefused
    finally:
        for sig in STOP_SIGNALS:
            loop.remove_signal_handler(sig)
        if app.running:
            await app.stop()
            if app.post_stop:
                await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
