"""Follow each received update from stored to handled: the core of the durable inbox."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from eventbot.bot.storage import StoredUpdate

logger = logging.getLogger(__name__)

#: How long a handled update's id is kept to recognise a redelivery: Telegram keeps an
#: unconfirmed update for 24 hours, so no copy of it can arrive later than that.
DEDUP_WINDOW = timedelta(hours=24)
#: Starts an update may be replayed on without ever finishing before it is given up: an update
#: that kills the process each time must not keep the bot from ever getting past it.
MAX_REPLAYS = 5
#: How often handled ids older than DEDUP_WINDOW are deleted.
PURGE_EVERY = timedelta(hours=1)
#: Pause before writing "handled" marks again after the database refused them.
RETRY_WRITE_SECONDS = 1.0


class InboxBackend(Protocol):
    """The storage the inbox needs (Storage provides it)."""

    async def receive_updates(self, updates: Sequence[tuple[int, str]]) -> set[int]:
        """Store new updates in one transaction; return the ids not seen before."""

    async def finish_updates(self, update_ids: Iterable[int]) -> None:
        """Mark updates handled and drop their content."""

    async def claim_unfinished_updates(self) -> list[StoredUpdate]:
        """Count one more attempt on every unfinished update and return them."""

    async def purge_finished_updates(self, before: datetime) -> int:
        """Delete handled updates finished before ``before``."""


class Inbox:
    """Store updates before they are confirmed; mark each handled once all its work ended.

    An update's work is counted: the handling of the update and every task started for it
    (handlers with block=False). When the count falls to zero the update is handled; the marks
    are written by one background writer, so under load one statement marks many.
    """

    def __init__(self) -> None:
        self._store: InboxBackend | None = None
        self._now: Callable[[], datetime] | None = None
        self._open_work: dict[int, int] = {}  # accepted update id -> work still running
        self._finished: set[int] = set()  # handled, mark not written yet
        self._wake = asyncio.Event()
        self._writer: asyncio.Task[None] | None = None
        self._purged_at: datetime | None = None

    @property
    def attached(self) -> bool:
        """Tell whether the inbox has its storage (between attach and close)."""
        return self._store is not None

    async def attach(self, store: InboxBackend, now: Callable[[], datetime]) -> list[StoredUpdate]:
        """Start on this storage; return the unfinished updates to handle again, oldest first."""
        self._store, self._now = store, now
        await self._purge()
        replay: list[StoredUpdate] = []
        for stored in await store.claim_unfinished_updates():
            if stored.attempts > MAX_REPLAYS:
                logger.error("inbox: giving up on update %d: %d starts never finished it",
                             stored.update_id, stored.attempts - 1)
                await store.finish_updates([stored.update_id])
                continue
            replay.append(stored)
            self._open_work[stored.update_id] = 0
        if replay:
            logger.info("inbox: handling %d update(s) left unfinished by the last run",
                        len(replay))
        self._writer = asyncio.create_task(self._write_marks(), name="inbox-marks")
        return replay

    async def accept(self, updates: Sequence[tuple[int, str]]) -> set[int]:
        """Store updates (id, JSON) durably; return the ids to handle, leaving out duplicates."""
        if self._store is None:
            raise RuntimeError("the inbox has no storage yet; call attach() first")
        if not updates:
            return set()
        fresh = await self._store.receive_updates(updates)
        for update_id in fresh:
            self._open_work[update_id] = 0
        if len(fresh) < len(updates):
            logger.info("inbox: dropped %d update(s) already received",
                        len(updates) - len(fresh))
        return fresh

    def begin(self, update_id: int) -> bool:
        """Count one more piece of work for an accepted update; False if it is not tracked."""
        if update_id not in self._open_work:
            return False
        self._open_work[update_id] += 1
        return True

    def end(self, update_id: int) -> None:
        """Count one piece of work done; the last one marks the update handled."""
        left = self._open_work.get(update_id)
        if left is None:
            return
        if left > 1:
            self._open_work[update_id] = left - 1
            return
        del self._open_work[update_id]
        self._finished.add(update_id)
        self._wake.set()

    @property
    def unfinished(self) -> int:
        """Return how many accepted updates are not handled yet."""
        return len(self._open_work)

    async def flush(self) -> None:
        """Write the pending "handled" marks now."""
        if self._store is None or not self._finished:
            return
        batch, self._finished = self._finished, set()
        try:
            await self._store.finish_updates(batch)
        except BaseException:
            self._finished |= batch  # written on the next try, or replayed after a restart
            raise

    async def close(self) -> None:
        """Write the last marks and let go of the storage; unfinished updates stay stored."""
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.cancel()
            await asyncio.gather(writer, return_exceptions=True)
        try:
            await self.flush()
        except Exception:
            logger.exception("inbox: could not mark %d handled update(s); they will be "
                             "handled again after the next start", len(self._finished))
        self._store = None
        self._open_work.clear()
        self._finished.clear()

    async def _write_marks(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            try:
                await self.flush()
                await self._purge()
            except Exception:
                logger.exception("inbox: could not write handled marks; trying again")
                await asyncio.sleep(RETRY_WRITE_SECONDS)
                self._wake.set()

    async def _purge(self) -> None:
        assert self._store is not None and self._now is not None
        now = self._now()
        if self._purged_at is not None and now - self._purged_at < PURGE_EVERY:
            return
        self._purged_at = now
        purged = await self._store.purge_finished_updates(now - DEDUP_WINDOW)
        if purged:
            logger.info("inbox: forgot %d update id(s) handled over a day ago", purged)
