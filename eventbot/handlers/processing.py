"""Handle each chat's updates in order, and let other chats start behind a slow one."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

#: How long an update runs alone before the next one may start beside it.
OVERLAP_AFTER_SECONDS = 0.02


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

    def __init__(self, max_concurrent_updates: int,
                 overlap_after: float = OVERLAP_AFTER_SECONDS) -> None:
        super().__init__(max_concurrent_updates)
        self._overlap_after = overlap_after
        self._turn = asyncio.Lock()
        self._chats: dict[int | None, _Chat] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for the chat's earlier updates, then for the turn, then handle the update."""
        key = update.effective_chat.id if (
            isinstance(update, Update) and update.effective_chat is not None) else None
        chat = self._chats.get(key) or self._chats.setdefault(key, _Chat())
        chat.waiting += 1
        try:
            async with chat.lock:
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
