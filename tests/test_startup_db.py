"""Start-up with a database the bot cannot use: one clear line, exit 1, no traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from eventbot.bot.emulator import BotAPIEmulator
from tests.test_run import start_failure


async def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    damaged = tmp_path / "bot.sqlite3"
    damaged.write_bytes(b"this is not SQLite" * 100)
    async with BotAPIEmulator() as emu:
        code, log = await start_failure(tmp_path, emu.token, emu.base_url,
                                        database=str(damaged))
    assert code == 1 and "Traceback" not in log, log
    assert f"cannot use the database {damaged}" in log
    assert damaged.read_bytes().startswith(b"this is not SQLite")  # left as it was


async def test_a_database_another_process_holds_locked(tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite3"
    holder = sqlite3.connect(database, isolation_level=None)
    try:
        holder.execute("CREATE TABLE other_bot (x)")
        holder.execute("BEGIN EXCLUSIVE")  # as another bot mid-write would
        async with BotAPIEmulator() as emu:
            code, log = await start_failure(tmp_path, emu.token, emu.base_url,
                                            database=str(database))
    finally:
        holder.close()
    assert code == 1 and "Traceback" not in log, log
    assert "cannot use the database" in log and "no other bot holds it" in log
