"""Deliver announcements from the SQLite outbox to Telegram: paced, retried, resumable.

Delivery guarantee. Every recipient has a delivery row, written with the announcement in one
transaction before the first send. The worker sends one message at a time and marks its row
``sent`` right after Telegram confirms it, before the next send starts. So after a crash or a
restart it resumes with the first row still pending: nothing is lost, and at most one recipient
per crash gets the announcement twice (the message in flight: Telegram delivered it but the
process died before the commit). A request that times out may likewise have been delivered;
its retry can duplicate that one message. A row marked ``sent`` is never sent again.

Pacing. One token bucket paces the broadcast (``broadcast.rate_per_second``, with a burst of
10 ms of sends, so a send that ran late is made up at once instead of lowering the rate); every
send then also takes a token of the bot-wide budget (``telegram.messages_per_second``), which
replies, reminders and tip relays share through the application's rate limiter, so all of them
together stay under Telegram's overall limit and a busy hour of questions slows the broadcast
rather than adding to it. A per-chat
pacer keeps messages to one chat ``1/per_chat_per_second`` apart (the two parts of a media
announcement whose text is too long for a caption), and a 429 pauses every send for its
``retry_after``.
The worker talks to Telegram through its own plain ``telegram.Bot``: the application's bot
goes through a rate limiter that retries 429s itself, which would hide the 429s this worker
must see. One message in flight is enough: a send and its commit take
about 3 ms against a local Bot API, far under the 33 ms that Telegram's 30/s allows, and
under the 3.4 ms of the benchmark's 294/s.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from typing import Any

from telegram import Bot, Message
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.request import HTTPXRequest

from eventbot.bot.kb import KnowledgeBase
from eventbot.bot.outbox import (
    ChatPacer,
    Part,
    ProgressThrottle,
    RetryPolicy,
    TokenBucket,
    message_parts,
    progress_text,
    report_text,
    text_for,
)
from eventbot.bot.outbox_notices import notify_changes
from eventbot.bot.rate_limit import retry_after_seconds
from eventbot.bot.services import Services
from eventbot.bot.storage._outbox import Announcement, Delivery

logger = logging.getLogger(__name__)

SENDER_KEY = "announcement_sender"
BATCH_SIZE = 500
IDLE_POLL_SECONDS = 1.0  # how often an idle worker looks for due scheduled announcements
STOP_TIMEOUT_SECONDS = 10.0
SHORT_WAIT_SECONDS = 0.1


@dataclass
class SenderStats:
    """What the worker did since it started (for logs and the benchmark)."""

    sent: int = 0
    retry_after: int = 0
    blocked: int = 0
    failed: int = 0
    retried: int = 0


async def send_part(bot: Bot, chat_id: int, part: Part) -> Message:
    """Send one message of an announcement, as plain text (what the organiser typed)."""
    if part.kind == "photo":
        return await bot.send_photo(chat_id, part.file_id or "", caption=part.text)
    if part.kind == "document":
        return await bot.send_document(chat_id, part.file_id or "", caption=part.text)
    return await bot.send_message(chat_id, part.text or "")


class AnnouncementSender:
    """The outbox worker: one asyncio task, woken on new work, polling for due ones."""

    def __init__(self, services: Services, bot: Bot, *, retry: RetryPolicy | None = None) -> None:
        broadcast = services.config.broadcast
        self._services = services
        self.bot = bot
        self.rate = broadcast.rate_per_second
        self._bucket = TokenBucket.for_broadcast(broadcast.rate_per_second)
        self._budget = services.send_budget  # shared with replies, reminders and tip relays
        self._pacer = ChatPacer(broadcast.per_chat_per_second)
        self._retry = retry or RetryPolicy()
        self._throttle = ProgressThrottle(services.clock)
        self._announcements: dict[int, Announcement] = {}
        self._organiser_lang: dict[int, str] = {}
        self._lock = asyncio.Lock()
        self._wake = asyncio.Event()
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._hint: float | None = None
        self.stats = SenderStats()

    # -- lifecycle ----------------------------------------------------------------------------

    async def start(self) -> None:
        """Start the worker task; it resumes whatever the outbox holds."""
        self._task = asyncio.create_task(self._run(), name="announcement-sender")

    async def stop(self) -> None:
        """Finish the send in flight and its commit, then stop (cancel after a timeout)."""
        self._stop.set()
        self._wake.set()
        if self._task is not None:
            try:
                await asyncio.wait_for(asyncio.shield(self._task), STOP_TIMEOUT_SECONDS)
            except TimeoutError:
                self._task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await self._task
            self._task = None

    def wake(self) -> None:
        """Look at the outbox now (after an announcement was confirmed or a notice queued)."""
        self._wake.set()

    async def on_reload(self, old: KnowledgeBase, new: KnowledgeBase) -> None:
        """Reload listener: queue schedule-change notices and send them."""
        if await notify_changes(self._services, old, new):
            self.wake()

    async def _run(self) -> None:
        while not self._stop.is_set():
            try:
                worked = await self.run_once()
            except Exception:
                logger.exception("announcement sender failed; trying again")
                worked = 0
            if not worked and not self._stop.is_set():
                timeout = min(IDLE_POLL_SECONDS, self._hint or IDLE_POLL_SECONDS)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), timeout)
                self._wake.clear()

    async def _paced(self) -> None:
        """Wait for the broadcast's own pace, then for a token of the bot-wide budget."""
        await self._sleep(self._bucket.reserve())
        await self._sleep(self._budget.reserve())

    def _pause(self, seconds: float) -> None:
        """Stop the broadcast and, through the shared budget, every other send (a 429)."""
        self._bucket.pause(seconds)
        self._budget.pause(seconds)

    async def _sleep(self, seconds: float) -> None:
        """Wait, but wake up at once when the worker is stopping (long waits only)."""
        if seconds <= 0:
            return
        if seconds < SHORT_WAIT_SECONDS:
            await asyncio.sleep(seconds)  # pacing gaps: a plain sleep is far cheaper
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stop.wait(), seconds)

    # -- one pass -----------------------------------------------------------------------------

    async def run_once(self) -> int:
        """Release due scheduled announcements, send one batch of due deliveries, report.

        Returns how many deliveries were attempted (0 when there was nothing to do).
        """
        async with self._lock:
            store = self._services.store
            for announcement_id in await store.release_due_announcements(self._services.clock()):
                logger.info("scheduled announcement %d released", announcement_id)
            attempted = 0
            self._hint = None
            for delivery in await store.due_deliveries(self._services.clock(), BATCH_SIZE):
                if self._stop.is_set():
                    break
                wait = self._pacer.wait(delivery.chat_id)
                if wait > 0:
                    self._hint = wait if self._hint is None else min(self._hint, wait)
                    continue
                await self._deliver(delivery)
                attempted += 1
                if self._throttle.due(delivery.announcement_id):
                    await self._show_progress(delivery.announcement_id)
            for announcement_id in await store.sending_announcements():
                if await store.finish_if_delivered(announcement_id):
                    await self._report(announcement_id)
            return attempted

    async def _deliver(self, delivery: Delivery) -> None:
        store = self._services.store
        announcement = await self._announcement(delivery.announcement_id)
        text = text_for(announcement.texts, delivery.language, announcement.default_language)
        parts = message_parts(text, announcement.media_type, announcement.media_file_id)
        step = min(delivery.step, len(parts) - 1)
        await self._paced()
        if self._stop.is_set():
            return
        try:
            message = await send_part(self.bot, delivery.chat_id, parts[step])
        except RetryAfter as exc:
            # Not the recipient's fault: no attempt is counted, everything waits.
            seconds = retry_after_seconds(exc)
            self.stats.retry_after += 1
            logger.warning("Telegram asks to slow down: pausing sends for %.1f s", seconds)
            self._pause(seconds)
            return
        except Forbidden as exc:
            self.stats.blocked += 1
            await store.block_recipient(delivery.user_id, str(exc))
            logger.info("user %d blocked the bot; marked inactive", delivery.user_id)
            return
        except (BadRequest, ChatMigrated, InvalidToken) as exc:
            self.stats.failed += 1
            await store.fail_delivery(delivery.id, f"{type(exc).__name__}: {exc}")
            logger.warning("announcement %d to user %d failed: %s",
                           delivery.announcement_id, delivery.user_id, exc)
            return
        except (NetworkError, TelegramError) as exc:
            await self._retry_later(delivery, exc)
            return
        self._pacer.note(delivery.chat_id)
        if step + 1 < len(parts):
            await store.mark_delivery_step(delivery.id, message.message_id)
        else:
            await store.mark_delivery_sent(delivery.id, message.message_id)
            self.stats.sent += 1

    async def _retry_later(self, delivery: Delivery, exc: TelegramError) -> None:
        store = self._services.store
        error = f"{type(exc).__name__}: {exc}"
        delay = self._retry.delay(delivery.attempts)
        if delay is None:
            self.stats.failed += 1
            await store.fail_delivery(delivery.id, error)
            logger.warning("announcement %d to user %d failed after %d attempts: %s",
                           delivery.announcement_id, delivery.user_id, delivery.attempts + 1, exc)
            return
        self.stats.retried += 1
        await store.postpone_delivery(delivery.id, self._services.clock() + delay, error)
        logger.info("announcement %d to user %d: %s; retrying in %s",
                    delivery.announcement_id, delivery.user_id, exc, delay)

    async def _announcement(self, announcement_id: int) -> Announcement:
        announcement = self._announcements.get(announcement_id)
        if announcement is None:
            announcement = await self._services.store.get_announcement(announcement_id)
            if announcement is None:
                raise LookupError(f"announcement {announcement_id} vanished")
            self._announcements[announcement_id] = announcement
        return announcement

    # -- the organiser's live message ---------------------------------------------------------

    async def _language_of(self, announcement: Announcement) -> str:
        lang = self._organiser_lang.get(announcement.id)
        if lang is None:
            concierge = self._services.knowledge.concierge
            user = (await self._services.store.get_user(announcement.created_by)
                    if announcement.created_by is not None else None)
            lang = concierge.language(user.language if user else None,
                                      user.telegram_language if user else None)
            self._organiser_lang[announcement.id] = lang
        return lang

    async def _show_progress(self, announcement_id: int) -> None:
        announcement = await self._announcement(announcement_id)
        if announcement.progress_message_id is None:
            return
        counts = await self._services.store.delivery_counts(announcement_id)
        lang = await self._language_of(announcement)
        await self._edit(announcement, progress_text(announcement_id, counts, lang, self.rate))

    async def _report(self, announcement_id: int) -> None:
        store = self._services.store
        announcement = await store.get_announcement(announcement_id)
        self._announcements.pop(announcement_id, None)
        self._throttle.forget(announcement_id)
        if announcement is None:
            return
        counts = await store.delivery_counts(announcement_id)
        logger.info("announcement %d done: %d/%d sent, %d blocked, %d failed", announcement_id,
                    counts.sent, counts.total, counts.blocked, counts.failed)
        if announcement.progress_message_id is not None:
            lang = await self._language_of(announcement)
            await self._edit(announcement, report_text(
                announcement_id, counts, lang, announcement.started_at, announcement.finished_at))
        self._organiser_lang.pop(announcement_id, None)

    async def _edit(self, announcement: Announcement, text: str) -> None:
        if announcement.progress_chat_id is None or announcement.progress_message_id is None:
            return
        await self._paced()
        try:
            await self.bot.edit_message_text(text, announcement.progress_chat_id,
                                             announcement.progress_message_id)
        except RetryAfter as exc:
            self._pause(retry_after_seconds(exc))
        except TelegramError as exc:
            logger.info("could not update the progress of announcement %d: %s",
                        announcement.id, exc)


# -- wiring into the application ------------------------------------------------------------


def sender_bot(services: Services, token: str) -> Bot:
    """Return a plain Bot (no AIORateLimiter) with a small pool for the worker's own requests."""
    telegram = services.config.telegram
    return Bot(
        token, base_url=telegram.api_base_url, base_file_url=telegram.resolved_file_base_url(),
        request=HTTPXRequest(connection_pool_size=2),
    )


async def start_sender(services: Services, token: str,
                       bot_data: dict[Any, Any]) -> AnnouncementSender:
    """Start the outbox worker, register it for reload notices, keep it in ``bot_data``."""
    bot = sender_bot(services, token)
    await bot.initialize()
    sender = AnnouncementSender(services, bot)
    await sender.start()
    services.reload_listeners.append(sender.on_reload)
    bot_data[SENDER_KEY] = sender
    return sender


async def stop_sender(bot_data: dict[Any, Any]) -> None:
    """Stop the outbox worker (before the database closes)."""
    sender = bot_data.pop(SENDER_KEY, None)
    if isinstance(sender, AnnouncementSender):
        await sender.stop()
        with contextlib.suppress(TelegramError):
            await sender.bot.shutdown()


def sender_of(bot_data: dict[Any, Any]) -> AnnouncementSender | None:
    """Return the running outbox worker, if any."""
    sender = bot_data.get(SENDER_KEY)
    return sender if isinstance(sender, AnnouncementSender) else None
