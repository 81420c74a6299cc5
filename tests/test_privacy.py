"""Backups while the bot writes, restore, forgetting one person, and retention."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from eventbot.bot.app import run_retention
from eventbot.bot.clock import ManualClock
from eventbot.bot.config import RetentionConfig
from eventbot.bot.storage import Storage, backup_database, restore_database
from eventbot.bot.tips import TipContent
from tests.paths import ROOT

NOW = datetime(2025, 9, 2, 9, 0, tzinfo=UTC)


def rows(path: Path, sql: str) -> int:
    with sqlite3.connect(path) as conn:
        (count,) = conn.execute(sql).fetchone()
    return int(count)


async def person(store: Storage, user_id: int, *, tips: int = 1) -> None:
    """Store what one attendee leaves behind: a profile, a saved session, questions, tips."""
    await store.touch_user(user_id, user_id, "ko", username=f"u{user_id}")
    await store.save_session(user_id, "plenary-1")
    await store.log_question(user_id, "한라홀 어디예요?", "ko", "answer", "halla-hall")
    for number in range(tips):
        content = TipContent(chat_id=user_id, message_id=user_id * 100 + number, kind="text",
                             text="a tip")
        await store.create_tip(user_id, "ko", content)


async def test_backup_while_writing_is_consistent_and_restores(tmp_path: Path) -> None:
    db, backup = tmp_path / "bot.sqlite3", tmp_path / "backups" / "b.sqlite3"
    async with Storage.open(db, now=ManualClock(NOW)) as store:
        await person(store, 1)

        async def keep_writing() -> None:
            for n in range(200):
                await store.log_question(1, f"question {n}", "en", "fallback", None)

        writer = asyncio.create_task(keep_writing())
        await asyncio.to_thread(backup_database, db, backup)  # while the writer runs
        await writer
    with sqlite3.connect(backup) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    logged = rows(backup, "SELECT COUNT(*) FROM question_log")
    assert 1 <= logged <= 201 and rows(backup, "SELECT COUNT(*) FROM tips") == 1
    assert not (tmp_path / "backups" / "b.sqlite3.partial").exists()
    assert backup.stat().st_mode & 0o077 == 0  # like the database: its owner's eyes only
    # Later changes are undone by a restore; the backup's state comes back whole.
    async with Storage.open(db, now=ManualClock(NOW)) as store:
        await person(store, 2)
    restore_database(backup, db)
    assert rows(db, "SELECT COUNT(*) FROM users") == 1
    assert rows(db, "SELECT COUNT(*) FROM question_log") == logged
    async with Storage.open(db, now=ManualClock(NOW)) as store:  # and the bot opens it
        assert await store.saved_sessions(1) == ["plenary-1"]


def test_a_damaged_backup_is_refused_and_the_database_kept(tmp_path: Path) -> None:
    db, damaged = tmp_path / "bot.sqlite3", tmp_path / "damaged.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE t (x)")
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    try:
        restore_database(damaged, db)
    except sqlite3.DatabaseError:
        pass
    else:
        raise AssertionError("a damaged backup was restored")
    assert rows(db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 't'") == 1


async def test_forget_deletes_one_person_and_nobody_else(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    async with Storage.open(db, now=ManualClock(NOW)) as store:
        await person(store, 1, tips=2)
        await person(store, 2)
        counts = await store.forget_user(1)
        assert counts["user"] == 1 and counts["tips"] == 2 and counts["questions"] == 1
        assert await store.saved_sessions(1) == [] and await store.tips_of_user(1) == []
        assert await store.saved_sessions(2) == ["plenary-1"]
        assert len(await store.tips_of_user(2)) == 1
    for table in ("users", "saved_sessions", "question_log", "tips", "tip_items"):
        column = "tip_id IN (SELECT id FROM tips WHERE user_id = 1)" if table in {
            "tip_items"} else "user_id = 1"
        assert rows(db, f"SELECT COUNT(*) FROM {table} WHERE {column}") == 0, table
    assert rows(db, "SELECT COUNT(*) FROM relay_outbox WHERE sender_id = 1") == 0
    assert rows(db, "SELECT COUNT(*) FROM tip_items") == 1  # user 2's tip keeps its item


async def test_retention_deletes_old_questions_and_old_closed_tips_only(tmp_path: Path) -> None:
    clock = ManualClock(NOW)
    async with Storage.open(tmp_path / "bot.sqlite3", now=clock) as store:
        await person(store, 1, tips=2)
        old_tips = [tip.id for tip in await store.tips_of_user(1)]
        await store.record_tip_event(old_tips[0], "close", "done", None)
        clock.moment = NOW + timedelta(days=40)
        await person(store, 2)
        await run_retention(store, RetentionConfig(questions_days=30, closed_tips_days=30),
                            clock())
        assert [q.user_id for q in await store.questions_since(NOW)] == [2]
        assert [t.id for t in await store.tips_of_user(1)] == [old_tips[1]]  # still open
        await run_retention(store, RetentionConfig(), clock())  # none set: nothing goes
        assert len(await store.questions_since(NOW)) == 1


async def test_retention_deletes_old_closed_tickets_and_unanswered_offers(tmp_path: Path) -> None:
    clock = ManualClock(NOW)
    db = tmp_path / "bot.sqlite3"
    async with Storage.open(db, now=clock) as store:
        def message(user_id: int, number: int) -> TipContent:
            return TipContent(chat_id=user_id, message_id=number, kind="text", text="help?")

        closed = await store.open_ticket(1, "ko", "휠체어?", "fallback", None, message(1, 1))
        await store.close_ticket(closed.ticket_id, "staff")
        await store.open_ticket(2, "en", "wheelchair?", "fallback", None, message(2, 2))
        await store.offer_tip(3, "en", TipContent(chat_id=3, message_id=3, kind="photo"))
        clock.moment = NOW + timedelta(days=40)
        recent = await store.open_ticket(4, "en", "later?", "fallback", None, message(4, 4))
        await store.close_ticket(recent.ticket_id, "idle")
        await run_retention(store, RetentionConfig(closed_tips_days=30, closed_tickets_days=30),
                            clock())
    # The old closed ticket goes with its messages; the open one and the recent one stay.
    assert rows(db, "SELECT COUNT(*) FROM tickets") == 2
    assert rows(db, f"SELECT COUNT(*) FROM tickets WHERE id = {closed.ticket_id}") == 0
    gone = closed.ticket_id
    assert rows(db, f"SELECT COUNT(*) FROM ticket_messages WHERE ticket_id = {gone}") == 0
    assert rows(db, "SELECT COUNT(*) FROM tip_offers") == 0


def test_cli_backup_restore_forget(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"

    async def fill() -> None:
        async with Storage.open(db, now=ManualClock(NOW)) as store:
            await person(store, 7)

    asyncio.run(fill())

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "eventbot", *args], capture_output=True,
                              text=True, timeout=60, cwd=ROOT)

    saved = cli("backup", str(tmp_path / "b.sqlite3"), "--db", str(db))
    assert saved.returncode == 0, saved.stderr
    forgot = cli("forget", "7", "--db", str(db))
    assert forgot.returncode == 0 and "forgot user 7: tips 1" in forgot.stdout
    assert rows(db, "SELECT COUNT(*) FROM users") == 0
    back = cli("restore", str(tmp_path / "b.sqlite3"), "--db", str(db))
    assert back.returncode == 0, back.stderr
    assert rows(db, "SELECT COUNT(*) FROM users") == 1
    missing = cli("backup", str(tmp_path / "x.sqlite3"), "--db", str(tmp_path / "none"))
    assert missing.returncode == 2 and "no database at" in missing.stderr
    assert "Traceback" not in missing.stderr + forgot.stderr + back.stderr
