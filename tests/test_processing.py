"""Updates: one at a time until one is slow, each chat's always in order."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update

from eventbot.handlers.processing import ChatOrderedProcessor


def update_in(chat_id: int, update_id: int) -> Update:
    chat = Chat(chat_id, Chat.PRIVATE)
    return Update(update_id, message=Message(update_id, datetime.now(UTC), chat))


class Script:
    """Handlers that record when they start and finish, and block until released."""

    def __init__(self) -> None:
        self.log: list[str] = []
        self.release: dict[str, asyncio.Event] = {}

    async def handle(self, name: str) -> None:
        self.log.append(f"start {name}")
        await self.release.setdefault(name, asyncio.Event()).wait()
        self.log.append(f"end {name}")

    def let_go(self, name: str) -> None:
        self.release.setdefault(name, asyncio.Event()).set()


async def settle() -> None:
    """Let every task that can run do so (no timers involved)."""
    for _ in range(20):
        await asyncio.sleep(0)


async def submit(processor: ChatOrderedProcessor, script: Script,
                 *updates: tuple[str, int]) -> list[asyncio.Task[None]]:
    tasks = [asyncio.create_task(processor.process_update(update_in(chat, n), script.handle(name)))
             for n, (name, chat) in enumerate(updates)]
    await settle()
    return tasks


async def test_a_fast_update_runs_alone() -> None:
    processor = ChatOrderedProcessor(8, overlap_after=3600)  # never slow within this test
    script = Script()
    tasks = await submit(processor, script, ("a1", 1), ("b1", 2))
    assert script.log == ["start a1"]
    script.let_go("a1")
    await settle()
    assert script.log == ["start a1", "end a1", "start b1"]
    script.let_go("b1")
    await asyncio.gather(*tasks)


async def test_other_chats_start_behind_a_slow_update_but_a_chat_keeps_its_order() -> None:
    processor = ChatOrderedProcessor(8, overlap_after=0)  # every update counts as slow at once
    script = Script()
    tasks = await submit(processor, script, ("a1", 1), ("a2", 1), ("b1", 2))
    assert script.log == ["start a1", "start b1"]  # a2 waits for a1; b1 needn't
    script.let_go("a2")
    script.let_go("b1")
    await settle()
    assert "start a2" not in script.log
    script.let_go("a1")
    await asyncio.gather(*tasks)
    assert script.log.index("end a1") < script.log.index("start a2")


async def test_at_most_max_concurrent_updates_run_and_chats_are_forgotten() -> None:
    processor = ChatOrderedProcessor(2, overlap_after=0)
    script = Script()
    tasks = await submit(processor, script, ("a", 1), ("b", 2), ("c", 3))
    assert script.log == ["start a", "start b"]
    for name in ("a", "b", "c"):
        script.let_go(name)
    await asyncio.gather(*tasks)
    assert script.log[-1] == "end c"
    assert processor._chats == {}


async def test_a_failing_update_passes_the_turn_on() -> None:
    processor = ChatOrderedProcessor(8, overlap_after=3600)

    async def broken() -> None:
        raise RuntimeError("handler failed")

    script = Script()
    failing = asyncio.create_task(processor.process_update(update_in(1, 1), broken()))
    after = asyncio.create_task(processor.process_update(update_in(2, 2), script.handle("b")))
    await settle()
    assert failing.done() and isinstance(failing.exception(), RuntimeError)
    assert script.log == ["start b"]
    script.let_go("b")
    await after
