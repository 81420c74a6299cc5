"""A bot killed with SIGKILL mid-announcement resumes after restart: nobody lost, one duplicate."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections import Counter
from pathlib import Path

from eventbot.bot.clock import system_clock
from eventbot.bot.emulator import BotAPIEmulator
from eventbot.bot.outbox import Audience
from eventbot.bot.storage import Storage
from eventbot.bot.storage._outbox import NewDelivery
from tests.paths import ROOT, SAMPLE_KB

RECIPIENTS = 2000
FIRST_USER = 10_000
RATE = 250  # messages/s: 2,000 recipients take about 8 s in all


def write_config(tmp_path: Path, emu: BotAPIEmulator) -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(
        f"knowledge_path: {SAMPLE_KB}\ndatabase_path: bot.sqlite3\nlog_level: WARNING\n"
        f"telegram:\n  api_base_url: {emu.base_url}\n  messages_per_second: {RATE}\n"
        f"broadcast:\n  rate_per_second: {RATE}\n",
        encoding="utf-8",
    )
    return config


async def enqueue(database: Path, user_ids: list[int]) -> int:
    """Create the users and a confirmed announcement to all of them, as /announce would."""
    async with Storage.open(database, now=system_clock) as store:
        for user_id in user_ids:
            await store.touch_user(user_id, user_id, "en")
        return await store.create_announcement(
            created_by=None, kind="announcement", texts={"ko": "공지", "en": "Notice"},
            default_language="ko", audience=Audience("all").to_json(),
            recipients=[NewDelivery(u, u, "en") for u in user_ids],
        )


async def start_bot(config: Path, emu: BotAPIEmulator) -> asyncio.subprocess.Process:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": emu.token}
    env.pop("TELEGRAM_API_BASE_URL", None)
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "eventbot", "run", "--config", str(config),
        cwd=ROOT, env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE,
    )


def sent_to(emu: BotAPIEmulator) -> Counter[int]:
    return Counter(int(c.params["chat_id"]) for c in emu.calls_of("sendMessage", ok=True))


async def until(predicate, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(0.02)


async def test_sigkill_mid_broadcast_loses_nobody_and_duplicates_at_most_one(
    tmp_path: Path,
) -> None:
    user_ids = list(range(FIRST_USER, FIRST_USER + RECIPIENTS))
    async with BotAPIEmulator() as emu:
        for user_id in user_ids:
            emu.user(user_id, language_code="en")
        config = write_config(tmp_path, emu)
        announcement_id = await enqueue(tmp_path / "bot.sqlite3", user_ids)

        first = await start_bot(config, emu)
        try:
            await until(lambda: len(emu.calls_of("sendMessage")) >= RECIPIENTS // 3, 60)
        finally:
            first.send_signal(signal.SIGKILL)
            await first.wait()
        before_restart = sent_to(emu)
        assert 0 < len(before_restart) < RECIPIENTS  # killed in the middle

        second = await start_bot(config, emu)
        try:
            await until(lambda: len(sent_to(emu)) >= RECIPIENTS, 60)
        finally:
            second.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(second.communicate(), timeout=30)
        assert second.returncode == 0, stderr.decode()

    received = sent_to(emu)
    assert set(received) == set(user_ids)  # nobody lost
    twice = [user for user, n in received.items() if n > 1]
    assert max(received.values()) <= 2 and len(twice) <= 1  # at most the message in flight
    async with Storage.open(tmp_path / "bot.sqlite3", now=system_clock) as store:
        counts = await store.delivery_counts(announcement_id)
        assert (counts.sent, counts.pending) == (RECIPIENTS, 0)
        announcement = await store.get_announcement(announcement_id)
        assert announcement is not None and announcement.status == "done"
