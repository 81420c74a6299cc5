"""SIGKILL the bot around a tip's arrival: after a restart, an acknowledged tip is delivered.

The one outcome never allowed: the submitter was told "saved as T-0001" and the newsroom never
gets it. Not acknowledged at all is allowed (the submitter's client can send it again).
"""

from __future__ import annotations

import asyncio
import re
import signal
import sqlite3
from pathlib import Path

import pytest

from eventbot.bot.emulator import BotAPIEmulator, SimUser
from tests.paths import SAMPLE_KB
from tests.test_run import start_bot, stop

NEWSROOM = -100999
REF = re.compile(r"saved as (T-\d{4})")


def write_config(tmp_path: Path, emu: BotAPIEmulator) -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(
        f"knowledge_path: {SAMPLE_KB}\ndatabase_path: bot.sqlite3\n"
        f"telegram:\n  api_base_url: {emu.base_url}\n"
        f"tips:\n  newsroom_chat_id: {NEWSROOM}\n  language: en\n",
        encoding="utf-8",
    )
    return config


def stored_tips(db: Path) -> list[int]:
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        try:
            return [row[0] for row in conn.execute("SELECT tip_id FROM tip_items")]
        except sqlite3.OperationalError:  # not migrated yet
            return []


async def until_stored(db: Path, timeout: float = 30.0) -> None:
    """Poll the other process's database file (it is not ours to be told about)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not stored_tips(db):
        assert asyncio.get_running_loop().time() < deadline, "the tip was never stored"
        await asyncio.sleep(0.02)


def acknowledged_refs(user: SimUser) -> set[str]:
    return {m[1] for msg in user.bot_messages() if (m := REF.search(msg.text or ""))}


@pytest.mark.parametrize("kill_point", ["on_arrival", "stored_before_ack", "acked_before_delivery"])
async def test_sigkill_never_loses_an_acknowledged_tip(tmp_path: Path, kill_point: str) -> None:
    db = tmp_path / "bot.sqlite3"
    async with BotAPIEmulator() as emu:
        emu.group(NEWSROOM, "Newsroom")
        config = write_config(tmp_path, emu)
        process = await start_bot(config, emu)
        user = emu.user(77, language_code="en")
        try:
            await emu.wait_for_call("setMyCommands", count=5, timeout=60)
            emu.fail("*", status=500, chat_id=NEWSROOM, times=None)  # hold delivery back
            user.send_command("/tip")  # what follows is a tip, sent without asking
            await user.replies(timeout=30)
            if kill_point == "stored_before_ack":
                emu.delay("sendMessage", 30, chat_id=user.id)
            user.send_photo(caption="smoke near the stage")
            if kill_point == "on_arrival":
                await emu.wait_for(lambda: not emu.pending_updates, timeout=30)
            elif kill_point == "stored_before_ack":
                await until_stored(db)
            else:
                await user.replies(timeout=30)
        finally:
            process.send_signal(signal.SIGKILL)
            await process.wait()
        acked_before = acknowledged_refs(user)
        if kill_point == "acked_before_delivery":
            assert acked_before == {"T-0001"}
        emu.clear_faults()
        calls = len(emu.calls_of("setMyCommands"))
        process = await start_bot(config, emu)
        try:
            await emu.wait_for_call("setMyCommands", count=calls + 5, timeout=60)
            user.send_command("/mytips")  # processed after any redelivered update
            await emu.wait_for(lambda: any("Your tips" in (m.text or "") or
                                           "haven't sent" in (m.text or "")
                                           for m in user.bot_messages()), timeout=30)
            acked = acknowledged_refs(user)
            for ref in acked:  # every acknowledged tip reaches the newsroom...
                await emu.wait_for(lambda ref=ref: any(  # type: ignore[misc]
                    f"News tip {ref}" in (m.text or "") for m in emu.bot_messages(NEWSROOM)),
                    timeout=30)
            if stored_tips(db):  # ...and every stored tip is acknowledged (maybe late)
                assert acked == {"T-0001"}
            else:
                assert not acked
            headers = [m for m in emu.bot_messages(NEWSROOM) if "News tip" in (m.text or "")]
            assert len(headers) == len(acked)  # one tip, one header
        finally:
            await stop(process)
