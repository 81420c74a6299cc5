"""Deliver a channel's stored rows to its staff chat, in order per sender: the relay's worker.

One worker per channel (the newsroom, the helpdesk). Each pass sends every due row, oldest
first, marking each sent. A row the staff chat refuses by itself waits out its own backoff and
holds back only its sender's later rows; after ``MAX_REJECTIONS`` the chat gets a notice
instead. An unreachable chat pauses the worker, and a handler's ``wake`` after queueing a row
ends the pause at once. Tests call ``run_once`` and move the clock instead of sleeping.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta
from html import escape
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application

from eventbot.bot.backoff import doubling
from eventbot.bot.rate_limit import retry_after_seconds
from eventbot.bot.relay.channel import Channel, HtmlPost, Post, Tell, Unreachable
from eventbot.bot.relay.helpdesk import HelpdeskChannel
from eventbot.bot.relay.newsroom import NewsroomChannel
from eventbot.bot.render.split import split_html
from eventbot.bot.services import Services
from eventbot.bot.storage._relay import RelayRow

logger = logging.getLogger(__name__)
_KEY = "relay:{}"  # bot_data key of a channel's worker
# Retries, doubling from a second up to a minute. An unreachable staff chat (5xx, timeouts,
# 403: the bot was removed, 400: chat not found) pauses the whole worker, but a new row wakes it
# at once, so the first one after an outage goes through within seconds. A row the chat refuses
# by itself (400: too long, message to copy not found) waits alone, holding back only its
# sender's later rows, and is given up after MAX_REJECTIONS: the chat then gets a notice.
RETRY_FIRST_SECONDS = 1.0
RETRY_MAX_SECONDS = 60.0
MAX_REJECTIONS = 5
# Seconds each Bot API call of the worker may take before it counts as timed out.
DEFAULT_TIMEOUT = 20.0
# With nothing to send, look at the outbox this often anyway (handlers normally wake us).
IDLE_SECONDS = 60.0
# A 400 naming one of these is about the staff chat, not the row: every row would fail alike.
_CHAT_PROBLEMS = ("chat not found", "rights", "chat_write_forbidden",  # not shown to users
                  "not a member", "kicked", "upgraded")


def delivery_backoff(failures: int) -> float:
    """Return how long to wait before the next delivery attempt after ``failures`` in a row."""
    return doubling(failures, RETRY_FIRST_SECONDS, RETRY_MAX_SECONDS)


class RelayWorker:
    """Send a channel's queued rows to its staff chat, in order per sender, with retries."""

    def __init__(self, bot: Bot, services: Services, channel: Channel | None = None, *,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self._bot = bot
        self._services = services
        self.channel = channel if channel is not None else NewsroomChannel(services)
        self.timeout = timeout  # seconds per Bot API call; tests shorten it
        self._wake = asyncio.Event()
        self._probe = False  # woken by a new row: try now even while paused
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self.failures = 0  # passes in a row that found the staff chat unreachable
        self.retry_at: datetime | None = None  # paused until then (staff chat unreachable)
        self._flood_until: datetime | None = None  # a 429's retry_after: even a wake waits

    @property
    def chat_id(self) -> int | None:
        """Return the staff chat, or None when the config names none."""
        return self.channel.chat_id

    def wake(self) -> None:
        """Ask the worker to look at the outbox now, ending a pause (a 429's wait excepted)."""
        self._probe = True
        self._wake.set()

    def start(self) -> None:
        """Start the background loop."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name=f"relay-{self.channel.name}")

    async def stop(self) -> None:
        """Stop the background loop; an unsent row stays queued for the next start."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def run_once(self, *, probe: bool = False) -> int:
        """Send every due row until none is left or the chat is unreachable; return how many.

        ``probe``: try even while paused after an outage (a new row was queued).
        """
        chat_id = self.chat_id
        if chat_id is None:
            return 0
        async with self._lock:
            if self._paused(probe):
                return 0
            store, name = self._services.store, self.channel.name
            sent = 0
            while (row := await store.next_relay_row(name, self._services.clock())) is not None:
                try:
                    posted = await self._send(chat_id, row)
                except Exception as exc:
                    if _chat_unreachable(exc):
                        await self._pause(row, exc)
                        return sent
                    await self._rejected(chat_id, row, exc)
                    continue
                await self.channel.delivered(row, chat_id, posted)
                logger.info("delivered %s (%s%s, outbox %d) to the %s",
                            self.channel.reference(row.thread_id), row.kind,
                            " given up, notice" if row.given_up else "", row.id,
                            self.channel.staff)
                self.failures, self.retry_at = 0, None
                sent += 1
            return sent

    def _paused(self, probe: bool) -> bool:
        now = self._services.clock()
        if self._flood_until is not None and now < self._flood_until:
            return True
        return not probe and self.retry_at is not None and now < self.retry_at

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            probe, self._probe = self._probe, False
            try:
                await self.run_once(probe=probe)
                wait = await self._idle_seconds()
            except Exception:
                # Never let the worker die: the rows stay queued and the next pass retries.
                logger.exception("%s relay pass failed", self.channel.name)
                self.failures += 1
                wait = delivery_backoff(self.failures)
                self.retry_at = self._services.clock() + timedelta(seconds=wait)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), wait)

    async def _idle_seconds(self) -> float:
        """Return how long to sleep: until the pause ends, else the next row's retry is due."""
        now = self._services.clock()
        due = self.retry_at if self.retry_at is not None and self.retry_at > now else None
        if due is None:
            due = await self._services.store.next_relay_attempt_at(self.channel.name)
        if due is None:
            return IDLE_SECONDS
        return min(max((due - now).total_seconds(), 0.05), IDLE_SECONDS)

    async def _pause(self, row: RelayRow, exc: Exception) -> None:
        """The staff chat is unreachable: every row would fail alike, so pause the worker."""
        self.failures += 1
        delay = delivery_backoff(self.failures)
        now = self._services.clock()
        if isinstance(exc, RetryAfter):
            delay = retry_after_seconds(exc)
            self._flood_until = now + timedelta(seconds=delay)
        self.retry_at = now + timedelta(seconds=delay)
        await self._services.store.relay_failed(
            row.id, _reason(exc), timed_out=isinstance(exc, TimedOut))
        logger.warning("delivery of %s (outbox %d) failed with %s; the %s is unreachable,"
                       " retry in %.0f s", self.channel.reference(row.thread_id), row.id,
                       type(exc).__name__, self.channel.staff, delay)

    async def _rejected(self, chat_id: int, row: RelayRow, exc: Exception) -> None:
        """The staff chat refused this row itself: it waits alone, and is given up in the end."""
        store, ref = self._services.store, self.channel.reference(row.thread_id)
        if row.given_up:  # even the notice was refused: nothing more to try; listings show it
            await self.channel.delivered(row, chat_id, [])
            logger.warning("notice for %s (outbox %d) refused with %s; left for the listings",
                           ref, row.id, type(exc).__name__)
            return
        rejections = row.rejections + 1
        delay = delivery_backoff(rejections)
        await store.relay_failed(
            row.id, _reason(exc), timed_out=False, rejected=True,
            retry_at=self._services.clock() + timedelta(seconds=delay))
        if rejections >= MAX_REJECTIONS:
            await store.give_up_relay_row(row.id)
            logger.warning("gave up on %s (%s, outbox %d) after %d refusals (%s); the %s "
                           "gets a notice", ref, row.kind, row.id, rejections,
                           type(exc).__name__, self.channel.staff)
            return
        # Not Telegram's refusal but our own failure (a bug, a missing row): keep the traceback.
        logger.warning("the %s refused %s (%s, outbox %d) with %s; retry in %.0f s, "
                       "the sender's later rows wait", self.channel.staff, ref, row.kind,
                       row.id, type(exc).__name__, delay,
                       exc_info=not isinstance(exc, TelegramError))

    async def _send(self, chat_id: int, row: RelayRow) -> list[int]:
        """Post one row; return the ids of the messages it took (the first one first)."""
        if row.given_up:
            return await self._post(chat_id, HtmlPost(escape(await self.channel.notice(row))))
        post: Post = await self.channel.render(row)
        if isinstance(post, HtmlPost):
            return await self._post(chat_id, post)
        try:
            copied = await self._bot.copy_message(chat_id, post.from_chat_id, post.message_id,
                                                  **self._timeouts())
            return [copied.message_id]
        except (BadRequest, Forbidden) as exc:
            # "Not found" or forbidden may be the sender's side (a deleted message, a
            # vanished chat): send what we stored. If it was the staff chat's, that fails too.
            if isinstance(exc, BadRequest) and "not found" not in str(exc).lower():
                raise
        return await self._post(chat_id, HtmlPost(post.fallback_html))

    async def _post(self, chat_id: int, post: HtmlPost) -> list[int]:
        """Send HTML, split into messages Telegram accepts (UTF-16 length, balanced tags)."""
        posted = []
        chunks = split_html(post.html)
        for index, chunk in enumerate(chunks):
            markup = None
            if post.buttons and index == len(chunks) - 1:
                markup = InlineKeyboardMarkup(
                    [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row]
                     for row in post.buttons])
            message = await self._bot.send_message(chat_id, chunk, parse_mode=ParseMode.HTML,
                                                   reply_markup=markup, **self._timeouts())
            posted.append(message.message_id)
        return posted

    def _timeouts(self) -> dict[str, Any]:
        return {"read_timeout": self.timeout, "write_timeout": self.timeout,
                "connect_timeout": self.timeout, "pool_timeout": self.timeout}


def _chat_unreachable(exc: Exception) -> bool:
    """Tell whether a failure is the staff chat's (every row would fail) rather than the row's."""
    if isinstance(exc, BadRequest):  # a NetworkError subclass in PTB, so ask it first
        return any(problem in str(exc).lower() for problem in _CHAT_PROBLEMS)
    return isinstance(exc, TelegramError)


def _reason(exc: Exception) -> str:
    """Describe a failure by its class and Telegram's reason (which never quotes content)."""
    detail = exc.message if isinstance(exc, TelegramError) else str(exc)
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def teller(bot: Bot) -> Tell:
    """Return a Tell that sends plain text with ``bot``: None if blocked, Unreachable if down."""
    async def tell(chat_id: int, text: str) -> int | None:
        try:
            message = await bot.send_message(chat_id, text)
        except Forbidden:
            return None
        except NetworkError as exc:
            raise Unreachable(type(exc).__name__) from exc
        return message.message_id
    return tell


AnyApplication = Application[Any, Any, Any, Any, Any, Any]


def relay_of(app: AnyApplication, channel: str = NewsroomChannel.name) -> RelayWorker | None:
    """Return the application's worker for a channel ('tips' or 'helpdesk'), if started."""
    worker: RelayWorker | None = app.bot_data.get(_KEY.format(channel))
    return worker


def wake(app: AnyApplication, channel: str = NewsroomChannel.name) -> None:
    """Wake a channel's worker, if there is one."""
    worker = relay_of(app, channel)
    if worker is not None:
        worker.wake()


async def start_relays(app: AnyApplication, services: Services) -> None:
    """Finish what a stop interrupted, then start a worker per channel."""
    for channel in (NewsroomChannel(services), HelpdeskChannel(services)):
        worker = RelayWorker(app.bot, services, channel)
        app.bot_data[_KEY.format(channel.name)] = worker
        await channel.recover(teller(app.bot))
        if worker.chat_id is None:
            logger.info("no %s is configured: that relay is closed", channel.staff)
        worker.start()
        worker.wake()


async def stop_relays(app: AnyApplication) -> None:
    """Stop the workers (before the database closes)."""
    for channel in (NewsroomChannel.name, HelpdeskChannel.name):
        worker = relay_of(app, channel)
        if worker is not None:
            await worker.stop()
