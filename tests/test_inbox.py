"""The durable inbox: stored before confirmed, marked handled after, replayed, deduplicated.

Also the inbox's own polling loop: it keeps polling through transient errors and stops with
TokenRefused on a 401/404 instead of staying alive and deaf.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes

from eventbot.bot.clock import ManualClock
from eventbot.bot.emulator import BotAPIEmulator
from eventbot.bot.inbox import DEDUP_WINDOW, MAX_REPLAYS, Inbox
from eventbot.bot.inbox.polling import Poller, TokenRefused, backoff_seconds
from eventbot.bot.inbox.receiving import (
    DurableUpdateQueue,
    InboxApplication,
    start_inbox,
    stop_inbox,
)
from eventbot.bot.storage import Storage
from tests.bot_harness import SEOUL, running_bot
from tests.emulator_helpers import application_builder, free_port
from tests.test_run import start_bot, stop, write_config

START = datetime(2025, 9, 1, 9, 0, tzinfo=SEOUL)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
async def store(tmp_path: Path, clock: ManualClock) -> AsyncIterator[Storage]:
    async with Storage.open(tmp_path / "bot.sqlite3", now=clock) as opened:
        yield opened


def rows(path: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(path) as conn:
        return list(conn.execute(
            "SELECT update_id, payload IS NOT NULL, attempts, done_at IS NOT NULL "
            "FROM inbox ORDER BY update_id"))


# -- storage and ledger ------------------------------------------------------------------------

async def test_storage_keeps_new_updates_and_reports_duplicates(store: Storage) -> None:
    assert await store.receive_updates([(1, '{"a": 1}'), (2, "{}")]) == {1, 2}
    assert await store.receive_updates([(2, "{}"), (3, "{}")]) == {3}
    await store.finish_updates([1, 3])
    assert await store.receive_updates([(1, "{}")]) == set()  # handled ids still deduplicate
    (left,) = await store.claim_unfinished_updates()
    assert (left.update_id, left.payload, left.attempts) == (2, "{}", 1)


async def test_handled_update_keeps_only_its_id_for_a_day(
        store: Storage, clock: ManualClock, tmp_path: Path) -> None:
    inbox = Inbox()
    await inbox.attach(store, clock)
    assert await inbox.accept([(7, '{"text": "private"}')]) == {7}
    assert inbox.begin(7)
    inbox.end(7)
    await inbox.flush()
    assert rows(tmp_path / "bot.sqlite3") == [(7, 0, 0, 1)]  # content gone, id kept
    clock.advance(DEDUP_WINDOW + timedelta(hours=2))
    assert await inbox.accept([(8, "{}")]) == {8}
    inbox.begin(8)
    inbox.end(8)  # the writer purges, at most hourly, after writing marks
    await asyncio.wait_for(_until(lambda: [r[0] for r in rows(tmp_path / "bot.sqlite3")] == [8]),
                           5)
    await inbox.close()


async def _until(predicate: Any) -> None:
    while not predicate():
        await asyncio.sleep(0.01)


async def test_update_is_handled_only_when_all_its_work_ended(
        store: Storage, clock: ManualClock) -> None:
    inbox = Inbox()
    await inbox.attach(store, clock)
    await inbox.accept([(1, "{}")])
    assert inbox.begin(1) and inbox.begin(1)  # its handling, and a task it started
    inbox.end(1)
    await inbox.flush()
    assert [u.update_id for u in await store.claim_unfinished_updates()] == [1]
    inbox.end(1)
    await inbox.flush()
    assert await store.claim_unfinished_updates() == []
    assert not inbox.begin(99)  # never accepted: not tracked
    await inbox.close()


async def test_unfinished_updates_are_replayed_then_given_up(
        store: Storage, clock: ManualClock) -> None:
    await store.receive_updates([(5, '{"update_id": 5}'), (6, '{"update_id": 6}')])
    await store.finish_updates([6])
    for start in range(1, MAX_REPLAYS + 1):
        inbox = Inbox()
        replayed = await inbox.attach(store, clock)
        assert [(u.update_id, u.attempts) for u in replayed] == [(5, start)]
        await inbox.close()  # stopped again before handling it
    inbox = Inbox()
    assert await inbox.attach(store, clock) == []  # a poison update does not block forever
    await inbox.close()


# -- the Telegram side, in process ---------------------------------------------------------------

async def test_answered_question_is_marked_handled(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as h:
        user = h.emu.user(42, language_code="en")
        update = user.send_command("/help")
        await user.replies()
        await h.emu.wait_for(lambda: rows(tmp_path / "bot.sqlite3") ==
                             [(update["update_id"], 0, 0, 1)], timeout=5)


async def test_update_left_unfinished_is_handled_at_start(tmp_path: Path, clock: ManualClock
                                                           ) -> None:
    async with Storage.open(tmp_path / "bot.sqlite3", now=clock) as store:
        await store.receive_updates([(900, json.dumps(help_update(900, 42)))])
    async with running_bot(tmp_path) as h:
        user = h.emu.user(42, language_code="en")
        (reply,) = await user.replies()  # nobody sent anything in this run
        assert "/schedule" in (reply.text or "")
        await h.emu.wait_for(lambda: rows(tmp_path / "bot.sqlite3") == [(900, 0, 1, 1)])


def help_update(update_id: int, user_id: int) -> dict[str, Any]:
    sender = {"id": user_id, "is_bot": False, "first_name": "A", "language_code": "en"}
    return {"update_id": update_id, "message": {
        "message_id": 1, "date": 1756684800, "chat": {"id": user_id, "type": "private"},
        "from": sender, "text": "/help",
        "entities": [{"type": "bot_command", "offset": 0, "length": 5}]}}


async def test_non_blocking_handler_finishes_before_the_update_is_done(
        tmp_path: Path, clock: ManualClock) -> None:
    release = asyncio.Event()
    started = asyncio.Event()

    async def slow(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        started.set()
        await release.wait()

    async with BotAPIEmulator() as emu, Storage.open(tmp_path / "db", now=clock) as store:
        inbox = Inbox()
        builder: ApplicationBuilder[Any, Any, Any, Any, Any, Any] = application_builder(emu)
        app = (builder.application_class(InboxApplication, kwargs={"inbox": inbox})
               .update_queue(DurableUpdateQueue(inbox)).build())
        app.add_handler(CommandHandler("slow", slow, block=False))
        async with app:
            await start_inbox(app, store, clock)
            await app.start()
            await app.update_queue.put(Update.de_json(slow_update(1), app.bot))
            await app.update_queue.put(Update.de_json(slow_update(1), app.bot))  # duplicate
            await started.wait()
            await inbox.flush()
            assert [u.update_id for u in await store.claim_unfinished_updates()] == [1]
            release.set()
            await _until(lambda: inbox.unfinished == 0)
            await app.stop()
            await stop_inbox(app)
        assert await store.claim_unfinished_updates() == []
        assert app.update_queue.qsize() == 0


def slow_update(update_id: int) -> dict[str, Any]:
    data = help_update(update_id, 42)
    data["message"]["text"] = "/slow"
    return data


async def test_webhook_answers_200_only_once_the_update_is_stored(
        tmp_path: Path, clock: ManualClock) -> None:
    handled: list[int] = []

    async def note(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        handled.append(update.update_id)

    async with BotAPIEmulator() as emu:
        inbox = Inbox()
        app = (application_builder(emu)
               .application_class(InboxApplication, kwargs={"inbox": inbox})
               .update_queue(DurableUpdateQueue(inbox)).build())
        app.add_handler(CommandHandler("help", note))
        port = free_port()
        broken = await Storage.open(tmp_path / "db", now=clock)
        async with app:
            await start_inbox(app, broken, clock)
            await broken.close()  # storing fails: the webhook must not answer 200
            assert app.updater is not None
            await app.updater.start_webhook(listen="127.0.0.1", port=port, url_path="hook",
                                            webhook_url=f"http://127.0.0.1:{port}/hook")
            await app.start()
            try:
                update_id = emu.user(42).send_command("/help")["update_id"]
                await emu.wait_for(lambda: len(emu.webhook_deliveries) >= 2)
                assert not any(d.ok for d in emu.webhook_deliveries)
                assert [u["update_id"] for u in emu.pending_updates] == [update_id]
                await inbox.close()
                async with Storage.open(tmp_path / "db", now=clock) as store:
                    await start_inbox(app, store, clock)  # the database is back
                    await emu.wait_for(lambda: handled == [update_id])
                    await _until(lambda: inbox.unfinished == 0)
                    await stop_inbox(app)
                    assert await store.receive_updates([(update_id, "{}")]) == set()
            finally:
                await app.updater.stop()
                await app.stop()
    assert emu.pending_updates == []


# -- the poller ---------------------------------------------------------------------------------

class Pauses:
    """Stand in for asyncio.sleep: record each pause and return at once."""

    def __init__(self) -> None:
        self.seen: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seen.append(seconds)
        await asyncio.sleep(0)


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[tuple[Any, Poller, Pauses]]:
    async with running_bot(tmp_path, poll=False) as h:
        inbox = h.app.inbox  # type: ignore[attr-defined]
        pauses = Pauses()
        yield h, Poller(h.app, inbox, long_poll=0, sleep=pauses), pauses


def test_backoff_doubles_up_to_a_bound() -> None:
    assert [backoff_seconds(n) for n in (1, 2, 3)] == [0.5, 1.0, 2.0]
    assert backoff_seconds(50) == 30.0


async def test_batch_is_stored_before_its_offset_is_confirmed(
        tmp_path: Path, clock: ManualClock) -> None:
    async with BotAPIEmulator() as emu, Storage.open(tmp_path / "db", now=clock) as store:
        inbox = Inbox()
        app = (application_builder(emu)
               .application_class(InboxApplication, kwargs={"inbox": inbox}).build())
        async with app:
            await inbox.attach(store, clock)
            poller = Poller(app, inbox, long_poll=0)
            sent = [emu.user(42).send_text(f"q{i}")["update_id"] for i in range(3)]
            await poller.poll_once()
            assert [u.update_id for u in await store.claim_unfinished_updates()] == sent
            assert [u["update_id"] for u in emu.pending_updates] == sent  # not confirmed yet
            await poller.poll_once()
            assert emu.pending_updates == []  # confirmed only now
            assert app.update_queue.qsize() == 3
            await inbox.close()


async def test_storage_failure_leaves_the_batch_with_telegram(
        tmp_path: Path, clock: ManualClock) -> None:
    async with BotAPIEmulator() as emu, Storage.open(tmp_path / "db", now=clock) as store:
        inbox = Inbox()
        app = (application_builder(emu)
               .application_class(InboxApplication, kwargs={"inbox": inbox}).build())
        async with app:
            await inbox.attach(store, clock)
            poller = Poller(app, inbox, long_poll=0)
            update_id = emu.user(42).send_text("q")["update_id"]
            await store.close()  # the database refuses every write
            assert await poller.poll_once() == 0.5
            assert await poller.poll_once() == 1.0
            assert [u["update_id"] for u in emu.pending_updates] == [update_id]
            assert app.update_queue.qsize() == 0


@pytest.mark.parametrize("status", [500, 502, 409, 429])
async def test_polling_goes_on_through_transient_errors(
        bot: tuple[Any, Poller, Pauses], status: int) -> None:
    h, poller, pauses = bot
    h.emu.fail("getUpdates", status=status, times=2, retry_after=3)
    user = h.emu.user(42, language_code="en")
    user.send_command("/help")
    task = asyncio.create_task(poller.run())
    try:
        await user.replies()
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    expected = [3.0, 3.0] if status == 429 else [0.5, 1.0]
    assert pauses.seen[:2] == expected
    assert poller.failures == 0


@pytest.mark.parametrize("status", [401, 404])
async def test_refused_token_stops_polling(bot: tuple[Any, Poller, Pauses], status: int) -> None:
    h, poller, _ = bot
    h.emu.fail("getUpdates", status=status, times=1)
    with pytest.raises(TokenRefused):
        await asyncio.wait_for(poller.run(), 30)


# -- `eventbot run`: never alive and deaf ---------------------------------------------------------

@pytest.mark.parametrize("status", [401, 404])
async def test_run_exits_with_one_line_when_polling_is_refused(tmp_path: Path, status: int
                                                                ) -> None:
    async with BotAPIEmulator() as emu:
        process = await start_bot(write_config(tmp_path, emu), emu)
        try:
            await emu.wait_for_call("setMyCommands", count=5, timeout=60)
            emu.fail("getUpdates", status=status, times=1)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    log = stderr.decode()
    assert process.returncode == 1, log
    assert "Traceback" not in log
    (line,) = [line for line in log.splitlines() if line.startswith("eventbot:")]
    assert "refused the bot token while polling" in line
    assert "database closed" in log  # shut down cleanly first


async def test_run_keeps_answering_through_getupdates_outages(tmp_path: Path) -> None:
    async with BotAPIEmulator() as emu:
        process = await start_bot(write_config(tmp_path, emu), emu)
        try:
            await emu.wait_for_call("setMyCommands", count=5, timeout=60)
            emu.fail("getUpdates", status=502, times=2)
            emu.fail("getUpdates", status=429, retry_after=1, times=1)
            user = emu.user(42, language_code="en")
            user.send_command("/help")
            (reply,) = await user.replies(timeout=30)
            assert "/schedule" in (reply.text or "")
        finally:
            await stop(process)
