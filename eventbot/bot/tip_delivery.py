"""Deliver stored tips to the newsroom chat from the durable outbox, in order per submitter.

One worker per bot. Each pass sends every due outbox row, oldest first, marking each sent. A row
the newsroom refuses by itself waits out its own backoff and holds back only its submitter's
later rows; after ``MAX_REJECTIONS`` the newsroom gets a notice instead. An unreachable newsroom
pauses the worker, and a handler's ``wake`` after queueing a tip ends the pause at once. Tests
call ``run_once`` and move the clock instead of sleeping.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta
from html import escape
from typing import Any

from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import Application

from eventbot.bot.rate_limit import retry_after_seconds
from eventbot.bot.render.split import split_html
from eventbot.bot.services import Services
from eventbot.bot.storage._tips import StoredTip, TipDelivery
from eventbot.bot.tips import (
    MAX_REJECTIONS,
    HeaderFacts,
    acknowledgement,
    delivery_backoff,
    describe_origin,
    fallback_html,
    header_html,
    reference,
    undelivered_notice,
)

logger = logging.getLogger(__name__)
TIP_DELIVERY_KEY = "tip_delivery"
# Seconds each Bot API call of the worker may take before it counts as timed out.
DEFAULT_TIMEOUT = 20.0
# With nothing to send, look at the outbox this often anyway (handlers normally wake us).
IDLE_SECONDS = 60.0
# A 400 naming one of these is about the newsroom chat, not the row: every row would fail alike.
_CHAT_PROBLEMS = ("chat not found", "rights", "chat_write_forbidden", "not a member", "kicked",
                  "upgraded")


class NewsroomDelivery:
    """Send queued tips to the newsroom chat, in order per submitter, with retries and backoff."""

    def __init__(self, bot: Bot, services: Services, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._bot = bot
        self._services = services
        self.timeout = timeout  # seconds per Bot API call; tests shorten it
        self._wake = asyncio.Event()
        self._probe = False  # woken by a new tip: try now even while paused
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self.failures = 0  # passes in a row that found the newsroom unreachable
        self.retry_at: datetime | None = None  # paused until then (newsroom unreachable)
        self._flood_until: datetime | None = None  # a 429's retry_after: even a wake waits

    @property
    def chat_id(self) -> int | None:
        """Return the newsroom chat id, or None when the config names none."""
        return self._services.config.tips.newsroom_chat_id

    def wake(self) -> None:
        """Ask the worker to look at the outbox now, ending a pause (a 429's wait excepted)."""
        self._probe = True
        self._wake.set()

    def start(self) -> None:
        """Start the background loop."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="tip-delivery")

    async def stop(self) -> None:
        """Stop the background loop; an unsent row stays queued for the next start."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def run_once(self, *, probe: bool = False) -> int:
        """Send every due row until none is left or the newsroom is unreachable; return how many.

        ``probe``: try even while paused after an outage (a new tip was queued).
        """
        chat_id = self.chat_id
        if chat_id is None:
            return 0
        async with self._lock:
            if self._paused(probe):
                return 0
            store = self._services.store
            sent = 0
            while (row := await store.next_tip_delivery(self._services.clock())) is not None:
                try:
                    posted = await self._send(chat_id, row)
                except Exception as exc:
                    if _newsroom_unreachable(exc):
                        await self._pause(row, exc)
                        return sent
                    await self._rejected(chat_id, row, exc)
                    continue
                await store.tip_delivered(row.id, chat_id, posted[0], posted[1:])
                logger.info("delivered %s (%s%s, outbox %d) to the newsroom",
                            reference(row.tip_id), row.kind,
                            " given up, notice" if row.given_up else "", row.id)
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
                logger.exception("tip delivery pass failed")
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
            due = await self._services.store.next_tip_attempt_at()
        if due is None:
            return IDLE_SECONDS
        return min(max((due - now).total_seconds(), 0.05), IDLE_SECONDS)

    async def _pause(self, row: TipDelivery, exc: Exception) -> None:
        """The newsroom is unreachable: every row would fail alike, so pause the worker."""
        self.failures += 1
        delay = delivery_backoff(self.failures)
        now = self._services.clock()
        if isinstance(exc, RetryAfter):
            delay = retry_after_seconds(exc)
            self._flood_until = now + timedelta(seconds=delay)
        self.retry_at = now + timedelta(seconds=delay)
        await self._services.store.tip_delivery_failed(
            row.id, _reason(exc), timed_out=isinstance(exc, TimedOut))
        logger.warning("delivery of %s (outbox %d) failed with %s; the newsroom is unreachable,"
                       " retry in %.0f s", reference(row.tip_id), row.id, type(exc).__name__,
                       delay)

    async def _rejected(self, chat_id: int, row: TipDelivery, exc: Exception) -> None:
        """The newsroom refused this row itself: it waits alone, and is given up in the end."""
        store = self._services.store
        if row.given_up:  # even the notice was refused: nothing more to try; /tips lists it
            await store.tip_delivered(row.id, chat_id, None)
            logger.warning("notice for %s (outbox %d) refused with %s; left for /tips",
                           reference(row.tip_id), row.id, type(exc).__name__)
            return
        rejections = row.rejections + 1
        delay = delivery_backoff(rejections)
        await store.tip_delivery_failed(
            row.id, _reason(exc), timed_out=False, rejected=True,
            retry_at=self._services.clock() + timedelta(seconds=delay))
        if rejections >= MAX_REJECTIONS:
            await store.give_up_tip_delivery(row.id)
            logger.warning("gave up on %s (%s, outbox %d) after %d refusals (%s); the newsroom "
                           "gets a notice", reference(row.tip_id), row.kind, row.id, rejections,
                           type(exc).__name__)
            return
        # Not Telegram's refusal but our own failure (a bug, a missing row): keep the traceback.
        logger.warning("the newsroom refused %s (%s, outbox %d) with %s; retry in %.0f s, "
                       "the submitter's later rows wait", reference(row.tip_id), row.kind,
                       row.id, type(exc).__name__, delay,
                       exc_info=not isinstance(exc, TelegramError))

    async def _send(self, chat_id: int, row: TipDelivery) -> list[int]:
        """Post one outbox row; return the ids of the messages it took (the first one first)."""
        if row.given_up:
            item_kind = row.item.kind if row.item is not None else None
            notice = undelivered_notice(row.tip_id, row.kind, item_kind, row.last_error or "")
            return await self._post(chat_id, escape(notice))
        if row.kind in ("header", "addition"):
            return await self._post(chat_id, await self._header(row))
        item = row.item
        if item is None:
            raise RuntimeError(f"outbox row {row.id} has no item")
        if (item.extra or {}).get("typed_after_command"):
            # `/tip some text`: copying would show the command, so send the stored text.
            return await self._post(chat_id, escape(item.text or ""))
        try:
            copied = await self._bot.copy_message(chat_id, item.chat_id, item.message_id,
                                                  **self._timeouts())
            return [copied.message_id]
        except (BadRequest, Forbidden) as exc:
            # "Not found" or forbidden may be the submitter's side (a deleted message, a
            # vanished chat): send what we stored. If it was the newsroom's, that fails too.
            if isinstance(exc, BadRequest) and "not found" not in str(exc).lower():
                raise
        location = None if item.latitude is None or item.longitude is None else (
            item.latitude, item.longitude)
        return await self._post(chat_id, fallback_html(row.tip_id, item.kind, item.text,
                                                       location))

    async def _post(self, chat_id: int, html: str) -> list[int]:
        """Send HTML, split into messages Telegram accepts (UTF-16 length, balanced tags)."""
        posted = []
        for chunk in split_html(html):
            message = await self._bot.send_message(chat_id, chunk, parse_mode=ParseMode.HTML,
                                                   **self._timeouts())
            posted.append(message.message_id)
        return posted

    def _timeouts(self) -> dict[str, Any]:
        return {"read_timeout": self.timeout, "write_timeout": self.timeout,
                "connect_timeout": self.timeout, "pool_timeout": self.timeout}

    async def _header(self, row: TipDelivery) -> str:
        store = self._services.store
        tip = await store.get_tip(row.tip_id)
        if tip is None:
            raise RuntimeError(f"outbox row {row.id} names a missing tip")
        items = await store.tip_items(tip.id)
        if row.kind == "addition":
            # The addition header describes the item that follows it in the outbox.
            added = await store.addition_item(row.id)
            items = [added] if added is not None else []
        submitter = None
        if self._services.config.tips.show_submitter:
            user = await store.get_user(tip.user_id)
            if user is not None:
                handle = f" (@{user.username})" if user.username else ""
                submitter = f"{user.first_name or '?'}{handle}"
        origins = tuple((desc, item.forward_date) for item in items
                        if (desc := describe_origin(item.forward_origin)) is not None)
        facts = HeaderFacts(
            tip_id=tip.id, created_at=tip.created_at, language=tip.language,
            kinds=tuple(item.kind for item in items), origins=origins, submitter=submitter,
            addition=row.kind == "addition", resent=row.timed_out,
        )
        return header_html(facts, self._services.knowledge.kb.tz)


def _newsroom_unreachable(exc: Exception) -> bool:
    """Tell whether a failure is the newsroom's (every row would fail) rather than the row's."""
    if isinstance(exc, BadRequest):  # a NetworkError subclass in PTB, so ask it first
        return any(problem in str(exc).lower() for problem in _CHAT_PROBLEMS)
    return isinstance(exc, TelegramError)


def _reason(exc: Exception) -> str:
    """Describe a failure by its class and Telegram's reason (which never quotes content)."""
    detail = exc.message if isinstance(exc, TelegramError) else str(exc)
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def delivery_of(app: Application[Any, Any, Any, Any, Any, Any]) -> NewsroomDelivery | None:
    """Return the application's newsroom delivery worker, if started."""
    worker: NewsroomDelivery | None = app.bot_data.get(TIP_DELIVERY_KEY)
    return worker


def wake(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Wake the newsroom delivery worker, if there is one."""
    worker = delivery_of(app)
    if worker is not None:
        worker.wake()


async def start_tip_delivery(app: Application[Any, Any, Any, Any, Any, Any],
                             services: Services) -> NewsroomDelivery:
    """Settle albums and acknowledgements a stop interrupted, then start the worker."""
    worker = NewsroomDelivery(app.bot, services)
    app.bot_data[TIP_DELIVERY_KEY] = worker
    await recover_tips(app.bot, services)
    if worker.chat_id is None:
        logger.info("tips.newsroom_chat_id is not set: the tip line is closed")
    worker.start()
    worker.wake()
    return worker


async def stop_tip_delivery(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Stop the worker (before the database closes)."""
    worker = delivery_of(app)
    if worker is not None:
        await worker.stop()


async def recover_tips(bot: Bot, services: Services) -> None:
    """Queue albums left open by a stop, and acknowledge tips stored but never acknowledged."""
    store = services.store
    for tip in await store.open_albums():
        await store.settle_album(tip.id)
        logger.info("settled album %s left open at the last stop", reference(tip.id))
    for tip in await store.unacknowledged_tips():
        await acknowledge(bot, services, tip)


async def acknowledge(bot: Bot, services: Services, tip: StoredTip) -> None:
    """Tell the submitter the reference of a stored tip; record which message did it."""
    items = await services.store.tip_items(tip.id)
    text = acknowledgement(tip.language, tip.id, [i.kind for i in items], [i.note for i in items],
                           services.config.tips.open_window_minutes)
    try:
        message = await bot.send_message(tip.chat_id, text)
    except Forbidden:
        # The submitter blocked the bot; the tip still goes to the newsroom.
        await services.store.mark_acknowledged(tip.id, None)
        return
    except NetworkError as exc:
        # Stays unacknowledged: the next start tries again.
        logger.warning("could not acknowledge %s: %s", reference(tip.id), type(exc).__name__)
        return
    await services.store.mark_acknowledged(tip.id, message.message_id)
    logger.info("acknowledged %s", reference(tip.id))
