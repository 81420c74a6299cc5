"""Handle each chat's updates in order, chats taking turns; others start behind a slow one."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

#: How long an update runs alone before the next one may start beside it.
OVERLAP_AFTER_SECONDS = 0.02
#: Updates PTB lets in at once: running, or waiting behind their own chat's earlier ones.
ADMITTED_UPDATES = 100_000


@dataclass
class _Chat:
    """One chat's updates: the lock that keeps them in order, and how many want it."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    waiting: int = 0


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Run updates one at a time until one is slow; a chat's own updates always in order."""

    # Telegram is 50-300 ms away from most venues. One update at a time, every answer waits
    # for the round trips of all earlier ones: 9 answers a second at 100 ms (bench/e2e.py
    # --latency 0.1), 46 with this. All at once, a fast link pays for the overlap in CPU (a
    # quarter more per question in bench/e2e.py). So an update runs alone, and only after
    # OVERLAP_AFTER_SECONDS may the next one start.
    #
    # Fairness: PTB takes its own slot (a semaphore of max_concurrent_updates) before calling
    # do_process_update, so a chat with a backlog used to fill every slot with updates waiting
    # for their own chat, and every other chat queued behind the whole backlog (500 messages
    # from one user: others' p95 10.5 s). So PTB's bound is only a cap on updates let in, and
    # the running bound is taken here, after the chat's lock: each chat then has at most one
    # update waiting for a slot or the turn, and chats with waiting updates take turns.

    def __init__(self, max_concurrent_updates: int,
                 overlap_after: float = OVERLAP_AFTER_SECONDS,
                 max_admitted: int = ADMITTED_UPDATES) -> None:
        super().__init__(max(max_admitted, max_concurrent_updates))
        self._overlap_after = overlap_after
        self._running = asyncio.Semaphore(max_concurrent_updates)
        self._turn = asyncio.Lock()
        self._chats: dict[int | None, _Chat] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the chat's earlier updates, then a slot, then the turn; handle the update."""
        key = _chat_key(update)
        chat = self._chats.get(key) or self._chats.setdefault(key, _Chat())
        chat.waiting += 1
        try:
            async with chat.lock, self._running:
                await self._in_turn(coroutine)
        finally:
            chat.waiting -= 1
            if not chat.waiting:
                del self._chats[key]

    async def _in_turn(self, coroutine: Awaitable[Any]) -> None:
        """Hold the turn while handling, passing it on once the handling has been slow."""
        await self._turn.acquire()
        passed = False

        def pass_turn() -> None:
            nonlocal passed
            if not passed:
                passed = True
                self._turn.release()

        timer = asyncio.get_running_loop().call_later(self._overlap_after, pass_turn)
        try:
            await coroutine
        finally:
            timer.cancel()
            pass_turn()

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""


def _chat_key(update: object) -> int | None:
    """Return the chat whose order an update keeps; with no chat, its sender's private chat."""
    if not isinstance(update, Update):
        return None
    # A private chat's id is its user's, so a tap on a message too old to carry one still
    # queues behind that user's messages; updates with neither (polls) share one queue.
    chat, user = update.effective_chat, update.effective_user
    return chat.id if chat is not None else user.id if user is not None else None
