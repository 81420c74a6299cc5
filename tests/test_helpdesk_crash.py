"""SIGKILL the bot around a helpdesk question: after a restart, an acknowledged one is delivered.

The one outcome never allowed: the attendee was told "your question is with the helpdesk as
H-0001" and the helpdesk group never gets it. Not acknowledged at all is allowed (the
attendee's client can send it again); stored but not acknowledged is acknowledged at restart.
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

HELPDESK = -100998
REF = re.compile(r"(H-\d{4})")  # in whatever language the acknowledgement is


def write_config(tmp_path: Path, emu: BotAPIEmulator) -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(
        f"knowledge_path: {SAMPLE_KB}\ndatabase_path: bot.sqlite3\n"
        f"telegram:\n  api_base_url: {emu.base_url}\n"
        f"helpdesk:\n  chat_id: {HELPDESK}\n  language: en\n",
        encoding="utf-8",
    )
    return config


def stored_tickets(db: Path) -> list[int]:
    if not db.exists():
        return []
    with sqlite3.connect(db) as conn:
        try:
            return [row[0] for row in conn.execute("SELECT id FROM tickets")]
        except sqlite3.OperationalError:  # not migrated yet
            return []


async def until_stored(db: Path, timeout: float = 30.0) -> None:
    """Poll the other process's database file (it is not ours to be told about)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not stored_tickets(db):
        assert asyncio.get_running_loop().time() < deadline, "the ticket was never stored"
        await asyncio.sleep(0.02)


def acknowledged_refs(user: SimUser) -> set[str]:
    return {m[1] for msg in user.bot_messages() if (m := REF.search(msg.text or ""))}


@pytest.mark.parametrize("kill_point", ["on_arrival", "stored_before_ack", "acked_before_delivery"])
async def test_sigkill_never_loses_an_acknowledged_question(tmp_path: Path,
                                                            kill_point: str) -> None:
    db = tmp_path / "bot.sqlite3"
    async with BotAPIEmulator() as emu:
        emu.group(HELPDESK, "Helpdesk")
        config = write_config(tmp_path, emu)
        process = await start_bot(config, emu)
        user = emu.user(78, language_code="ko")
        try:
            await emu.wait_for_call("setMyCommands", count=5, timeout=60)
            emu.fail("*", status=500, chat_id=HELPDESK, times=None)  # hold delivery back
            user.send_command("/human")
            await user.replies(timeout=30)
            if kill_point == "stored_before_ack":
                emu.delay("sendMessage", 30, chat_id=user.id)
            user.send_text("휠체어를 빌릴 수 있나요?")
            if kill_point == "on_arrival":
                await emu.wait_for(lambda: not emu.pending_updates, timeout=30)
            elif kill_point == "stored_before_ack":
                await until_stored(db)
            else:
                await emu.wait_for(lambda: bool(acknowledged_refs(user)), timeout=30)
        finally:
            process.send_signal(signal.SIGKILL)
            await process.wait()
        if kill_point == "acked_before_delivery":
            assert acknowledged_refs(user) == {"H-0001"}
            assert not emu.bot_messages(HELPDESK)  # the group was down: not delivered yet
        emu.clear_faults()
        calls = len(emu.calls_of("setMyCommands"))
        process = await start_bot(config, emu)
        try:
            await emu.wait_for_call("setMyCommands", count=calls + 5, timeout=60)
            user.send_command("/help")  # handled after any redelivered update
            await emu.wait_for(lambda: any("/schedule" in (m.text or "")
                                           for m in user.bot_messages()), timeout=30)
            acked = acknowledged_refs(user)
            for ref in acked:  # every acknowledged question reaches the helpdesk group...
                await emu.wait_for(lambda ref=ref: any(  # type: ignore[misc]
                    f"Helpdesk {ref}" in (m.text or "") for m in emu.bot_messages(HELPDESK)),
                    timeout=30)
            if stored_tickets(db):  # ...and every stored one is acknowledged (maybe late)
                assert acked == {"H-0001"}
            else:
                assert not acked
            headers = [m for m in emu.bot_messages(HELPDESK) if "Helpdesk H-" in (m.text or "")]
            assert len(headers) == len(acked)  # one question, one header
            assert all("휠체어를 빌릴 수 있나요?" in m.text for m in headers if m.text)
        finally:
            await stop(process)
