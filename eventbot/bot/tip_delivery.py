"""Deliver stored tips to the newsroom chat from the durable outbox, strictly in order.

One worker per bot. Each pass sends the oldest unsent outbox row, marks it sent, and moves on;
a failure stops the pass (nothing overtakes it) and sets when to try again. Handlers call
``wake`` after queueing; tests call ``run_once`` and move the clock instead of sleeping.
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

from eventbot.bot.services import Services
from eventbot.bot.storage._tips import StoredTip, TipDelivery
from eventbot.bot.tips import (
    HeaderFacts,
    acknowledgement,
    delivery_backoff,
    describe_origin,
    header_html,
    reference,
)

logger = logging.getLogger(__name__)
TIP_DELIVERY_KEY = "tip_delivery"
# Seconds each Bot API call of the worker may take before it counts as timed out.
DEFAULT_TIMEOUT = 20.0
# With nothing to send, look at the outbox this often anyway (handlers normally wake us).
IDLE_SECONDS = 60.0


class NewsroomDelivery:
    """Send queued tips to the newsroom chat, in order, with retries and backoff."""

    def __init__(self, bot: Bot, services: Services, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._bot = bot
        self._services = services
        self.timeout = timeout  # seconds per Bot API call; tests shorten it
        self._wake = asyncio.Event()
        self._lock = asyncio.Lock()
        self._task: asyncio.Task[None] | None = None
        self.failures = 0
        self.retry_at: datetime | None = None

    @property
    def chat_id(self) -> int | None:
        """Return the newsroom chat id, or None when the config names none."""
        return self._services.config.tips.newsroom_chat_id

    def wake(self) -> None:
        """Ask the worker to look at the outbox now (it still honours a pending backoff)."""
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

    async def run_once(self) -> int:
        """Send queued rows in order until the outbox is empty or one fails; return how many."""
        chat_id = self.chat_id
        if chat_id is None:
            return 0
        async with self._lock:
            now = self._services.clock()
            if self.retry_at is not None and now < self.retry_at:
                return 0
            store = self._services.store
            sent = 0
            while (row := await store.next_tip_delivery()) is not None:
                try:
                    message_id = await self._send(chat_id, row)
                except TelegramError as exc:
                    await self._failed(row, exc)
                    return sent
                await store.tip_delivered(row.id, chat_id, message_id)
                logger.info("delivered %s (%s, outbox %d) to the newsroom",
                            reference(row.tip_id), row.kind, row.id)
                self.failures, self.retry_at = 0, None
                sent += 1
            return sent

    async def _run(self) -> None:
        while True:
            self._wake.clear()
            try:
                await self.run_once()
            except Exception:
                # Never let the worker die: the rows stay queued and the next pass retries.
                logger.exception("tip delivery pass failed")
                self.failures += 1
                self.retry_at = self._services.clock() + timedelta(
                    seconds=delivery_backoff(self.failures))
            wait = IDLE_SECONDS
            if self.retry_at is not None:
                wait = (self.retry_at - self._services.clock()).total_seconds()
                wait = min(max(wait, 0.05), IDLE_SECONDS)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), wait)

    async def _failed(self, row: TipDelivery, exc: TelegramError) -> None:
        self.failures += 1
        unreachable = isinstance(exc, Forbidden | BadRequest)
        delay = delivery_backoff(self.failures, unreachable=unreachable)
        if isinstance(exc, RetryAfter):
            after = exc.retry_after
            delay = after.total_seconds() if isinstance(after, timedelta) else float(after)
        self.retry_at = self._services.clock() + timedelta(seconds=delay)
        timed_out = isinstance(exc, TimedOut)
        await self._services.store.tip_delivery_failed(
            row.id, type(exc).__name__, timed_out=timed_out)
        logger.warning("delivery of %s (outbox %d) failed with %s; retry in %.0f s",
                       reference(row.tip_id), row.id, type(exc).__name__, delay)

    async def _send(self, chat_id: int, row: TipDelivery) -> int:
        timeouts: dict[str, Any] = {
            "read_timeout": self.timeout, "write_timeout": self.timeout,
            "connect_timeout": self.timeout, "pool_timeout": self.timeout,
        }
        if row.kind in ("header", "addition"):
            html = await self._header(row)
            message = await self._bot.send_message(chat_id, html, parse_mode=ParseMode.HTML,
                                                   **timeouts)
            return message.message_id
        item = row.item
        if item is None:
            raise RuntimeError(f"outbox row {row.id} has no item")
        if (item.extra or {}).get("typed_after_command"):
            # `/tip some text`: copying would show the command, so send the stored text.
            message = await self._bot.send_message(chat_id, item.text or "", **timeouts)
            return message.message_id
        try:
            copied = await self._bot.copy_message(chat_id, item.chat_id, item.message_id,
                                                  **timeouts)
            return copied.message_id
        except BadRequest as exc:
            if "not found" not in str(exc).lower():
                raise
        # The submitter deleted the message: send what we stored instead of losing it.
        text = (f"⚠️ {reference(row.tip_id)}: the original {item.kind} is no longer available"
                f" to copy.")
        if item.text:
            text += f"\n{escape(item.text)}"
        if item.latitude is not None:
            text += f"\n📍 {item.latitude}, {item.longitude}"
        fallback = await self._bot.send_message(chat_id, text[:4000], parse_mode=ParseMode.HTML,
                                                **timeouts)
        return fallback.message_id

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
