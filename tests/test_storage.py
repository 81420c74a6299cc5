"""Tests for bot.storage: migrations, the single-writer discipline and every table's operations."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
import unicodedata
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

import eventbot.bot.storage
from eventbot.bot.storage import (
    FALLBACK_OUTCOME,
    MigrationError,
    QuestionCount,
    SchemaTooNewError,
    Storage,
    StorageError,
    UnknownUserError,
)
from eventbot.bot.storage._db import Database
from eventbot.bot.storage._migrations import MIGRATIONS, Migration
from eventbot.bot.storage._questions import question_key

START = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)
LATEST = MIGRATIONS[-1].version


class FakeClock:
    """Return a settable aware UTC time so no test depends on the wall clock."""

    def __init__(self, start: datetime = START) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        self.current += timedelta(**delta)
        return self.current


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def store(clock: FakeClock) -> AsyncIterator[Storage]:
    async with Storage.open(":memory:", now=clock) as opened:
        yield opened


def read_file_db(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Query a database file through a separate plain sqlite3 connection."""
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def set_user_version(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(f"PRAGMA user_version = {version:d}")
    finally:
        conn.close()


# --- package surface -------------------------------------------------------------------------


def test_every_public_name_exists() -> None:
    for name in eventbot.bot.storage.__all__:
        assert hasattr(eventbot.bot.storage, name), name


def test_storage_never_imports_telegram() -> None:
    # A fresh interpreter, because other tests in the session may import telegram themselves.
    code = "import sys, eventbot.bot.storage; sys.exit('telegram' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], check=False, capture_output=True)
    assert result.returncode == 0, result.stderr.decode()


# --- opening, migrations, lifecycle ----------------------------------------------------------


async def test_empty_database_gets_every_migration(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "bot.db"
    async with Storage.open(path, now=clock) as store:
        assert store.schema_version == LATEST

    tables = {row[0] for row in read_file_db(path, "SELECT name FROM sqlite_master")}
    assert {"users", "saved_sessions", "reminders_sent", "question_log", "meta"} <= tables
    assert read_file_db(path, "PRAGMA user_version") == [(LATEST,)]


async def test_reopening_keeps_the_data(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "bot.db"
    async with Storage.open(path, now=clock) as store:
        await store.touch_user(1, 10, "de", first_name="Anna")
        await store.set_language(1, "en")
        await store.save_session(1, "keynote")
        await store.log_question(1, "Wo ist die Garderobe?", "de", "answer", "cloakroom")
        await store.set_meta("offset", "42")

    async with Storage.open(path, now=FakeClock(START + timedelta(days=1))) as store:
        assert store.schema_version == LATEST
        user = await store.get_user(1)
        assert user is not None
        assert (user.language, user.first_name, user.first_seen) == ("en", "Anna", START)
        assert await store.saved_sessions(1) == ["keynote"]
        assert [q.matched_id for q in await store.questions_since(START)] == ["cloakroom"]
        assert await store.get_meta("offset") == "42"


async def test_newer_schema_is_refused(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "bot.db"
    async with Storage.open(path, now=clock):
        pass
    set_user_version(path, LATEST + 1)

    with pytest.raises(SchemaTooNewError, match=f"schema version {LATEST + 1}") as caught:
        await Storage.open(path, now=clock)

    assert (caught.value.found, caught.value.supported) == (LATEST + 1, LATEST)
    assert read_file_db(path, "PRAGMA user_version") == [(LATEST + 1,)]


NOTES = Migration(1, "notes", ("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)",))
TAGS = Migration(2, "tags", ("CREATE TABLE tags (note_id INTEGER REFERENCES notes (id))",))


async def test_older_database_is_migrated_forward(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = await Database.open(path, migrations=[NOTES])
    async with db.transaction() as tx:
        await tx.execute("INSERT INTO notes (body) VALUES (?)", ("kept",))
    await db.close()

    db = await Database.open(path, migrations=[NOTES, TAGS])
    try:
        assert db.schema_version == 2
        assert [tuple(row) for row in await db.fetch_all("SELECT body FROM notes")] == [("kept",)]
        assert await db.fetch_all("SELECT * FROM tags") == []
    finally:
        await db.close()


async def test_failed_migration_leaves_no_trace(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    await (await Database.open(path, migrations=[NOTES])).close()
    broken = Migration(
        2,
        "half done",
        (
            "CREATE TABLE tags (note_id INTEGER)",
            "INSERT INTO no_such_table VALUES (1)",
        ),
    )

    with pytest.raises(MigrationError, match="migration 2"):
        await Database.open(path, migrations=[NOTES, broken])

    assert read_file_db(path, "PRAGMA user_version") == [(1,)]
    assert read_file_db(path, "SELECT name FROM sqlite_master WHERE name = 'tags'") == []


def test_released_migrations_are_numbered_from_one() -> None:
    versions = [m.version for m in MIGRATIONS]
    assert versions[0] == 1 and versions == sorted(set(versions))  # a reserved number may be absent


async def test_gap_in_migration_numbers_is_rejected() -> None:
    with pytest.raises(ValueError, match="migration versions"):
        await Database.open(":memory:", migrations=[TAGS])


async def test_file_database_runs_in_wal_mode(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "bot.db"
    async with Storage.open(path, now=clock) as store:
        await store.touch_user(1, 1, None)
        assert (tmp_path / "bot.db-wal").exists()
        assert read_file_db(path, "PRAGMA journal_mode") == [("wal",)]


async def test_writer_waits_for_an_outside_lock_instead_of_failing(
    tmp_path: Path, clock: FakeClock
) -> None:
    path = tmp_path / "bot.db"
    async with Storage.open(path, now=clock) as store:
        # Another process (a backup, the sqlite3 shell) holds the write lock for a moment.
        outsider = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            outsider.execute("BEGIN IMMEDIATE")
            asyncio.get_running_loop().call_later(0.2, outsider.execute, "COMMIT")
            await store.touch_user(1, 1, None)
        finally:
            outsider.close()
        assert await store.get_user(1) is not None


async def test_await_form_of_open_and_idempotent_close(clock: FakeClock) -> None:
    store = await Storage.open(":memory:", now=clock)
    await store.touch_user(1, 1, "en")
    assert not store.closed

    await store.close()
    await store.close()

    assert store.closed
    with pytest.raises(StorageError, match="closed"):
        await store.get_user(1)
    with pytest.raises(StorageError, match="closed"):
        await store.touch_user(1, 1, "en")


async def test_close_waits_for_writes_already_queued(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "bot.db"
    store = await Storage.open(path, now=clock)
    await store.touch_user(1, 1, None)
    writes = [asyncio.create_task(store.save_session(1, f"s{i}")) for i in range(20)]
    await asyncio.sleep(0)  # let the writes queue on the lock before close() does

    await store.close()

    assert all(task.result() for task in writes)
    assert read_file_db(path, "SELECT COUNT(*) FROM saved_sessions") == [(20,)]


# --- the clock -------------------------------------------------------------------------------


async def test_naive_clock_is_rejected() -> None:
    async with Storage.open(":memory:", now=lambda: datetime(2025, 6, 1, 9, 0)) as store:
        with pytest.raises(ValueError, match="naive"):
            await store.touch_user(1, 1, None)


async def test_times_from_other_zones_come_back_as_the_same_instant_in_utc() -> None:
    local = datetime(2025, 6, 1, 11, 0, tzinfo=timezone(timedelta(hours=2)))
    async with Storage.open(":memory:", now=lambda: local) as store:
        user = await store.touch_user(1, 1, None)
    assert user.first_seen == START
    assert user.first_seen.utcoffset() == timedelta(0)


# --- users -----------------------------------------------------------------------------------


async def test_touch_user_inserts_then_updates(store: Storage, clock: FakeClock) -> None:
    first = await store.touch_user(7, 70, "pt-BR", username="ana", first_name="Ana")
    assert first.first_seen == first.last_seen == START
    assert first.active
    assert first.language is None

    later = clock.advance(hours=3)
    second = await store.touch_user(7, 71, None, username=None, first_name="Ana Maria")

    assert second.first_seen == START
    assert second.last_seen == later
    assert second.chat_id == 71
    # Telegram sometimes omits language_code: the last one seen stays.
    assert second.telegram_language == "pt-BR"
    assert (second.username, second.first_name) == (None, "Ana Maria")
    assert await store.get_user(7) == second

    third = await store.touch_user(7, 71, "es")
    assert third.telegram_language == "es"


async def test_unknown_user_is_none(store: Storage) -> None:
    assert await store.get_user(404) is None


async def test_language_choice(store: Storage) -> None:
    await store.touch_user(1, 1, "de")
    await store.touch_user(2, 2, "de")
    await store.touch_user(3, 3, "fr")

    assert await store.set_language(1, "en")
    assert await store.set_language(2, "en")
    assert not await store.set_language(404, "en")

    user = await store.get_user(1)
    assert user is not None
    assert (user.language, user.telegram_language) == ("en", "de")
    assert [u.user_id for u in await store.active_users(language="en")] == [1, 2]
    assert await store.count_users_by_language() == {"en": 2, None: 1}

    assert await store.set_language(2, None)
    assert await store.count_users_by_language() == {"en": 1, None: 2}


async def test_inactive_users_drop_out_until_they_write_again(store: Storage) -> None:
    for user_id in (1, 2, 3):
        await store.touch_user(user_id, user_id, "en")
    await store.set_language(2, "en")

    assert await store.mark_inactive(2)
    assert not await store.mark_inactive(2)
    assert not await store.mark_inactive(404)

    assert [u.user_id for u in await store.active_users()] == [1, 3]
    assert await store.active_users(language="en") == []
    assert await store.count_users_by_language() == {None: 2}
    user = await store.get_user(2)
    assert user is not None
    assert not user.active

    assert (await store.touch_user(2, 2, "en")).active
    assert [u.user_id for u in await store.active_users()] == [1, 2, 3]


# --- personal agenda -------------------------------------------------------------------------


async def test_save_and_remove_are_idempotent_and_keep_order(store: Storage) -> None:
    await store.touch_user(1, 1, None)
    await store.touch_user(2, 2, None)

    assert await store.save_session(1, "opening")
    assert await store.save_session(1, "workshop")
    assert not await store.save_session(1, "opening")
    assert await store.save_session(2, "workshop")
    assert await store.saved_sessions(1) == ["opening", "workshop"]
    assert await store.users_who_saved("workshop") == [1, 2]

    assert await store.remove_session(1, "opening")
    assert not await store.remove_session(1, "opening")
    assert not await store.remove_session(1, "never-saved")
    assert await store.saved_sessions(1) == ["workshop"]

    # Saving again puts the session at the end: it is a new save.
    assert await store.save_session(1, "opening")
    assert await store.saved_sessions(1) == ["workshop", "opening"]
    assert await store.users_who_saved("opening") == [1]
    assert await store.saved_sessions(404) == []


async def test_unknown_user_cannot_save_and_the_store_stays_usable(store: Storage) -> None:
    # Proves foreign_keys=ON: without it the row would be inserted for a user that is not there.
    with pytest.raises(UnknownUserError) as caught:
        await store.save_session(404, "opening")
    assert caught.value.user_id == 404
    assert await store.users_who_saved("opening") == []

    # The failed transaction was rolled back and the lock released.
    await store.touch_user(404, 404, None)
    assert await store.save_session(404, "opening")


# --- reminders -------------------------------------------------------------------------------

TALK_AT = datetime(2025, 6, 1, 14, 0, tzinfo=UTC)


async def test_reminder_is_claimed_once(store: Storage) -> None:
    await store.touch_user(1, 1, None)
    assert not await store.reminder_sent(1, "talk", TALK_AT)

    assert await store.mark_reminder_sent(1, "talk", TALK_AT)
    assert not await store.mark_reminder_sent(1, "talk", TALK_AT)
    # The same instant written in another zone is the same claim.
    assert not await store.mark_reminder_sent(
        1, "talk", TALK_AT.astimezone(timezone(timedelta(hours=-5)))
    )
    assert await store.reminder_sent(1, "talk", TALK_AT)

    # A session moved to a new time earns a new reminder.
    moved = TALK_AT + timedelta(hours=2)
    assert not await store.reminder_sent(1, "talk", moved)
    assert await store.mark_reminder_sent(1, "talk", moved)


async def test_concurrent_claimers_get_one_reminder(store: Storage) -> None:
    await store.touch_user(1, 1, None)
    claims = await asyncio.gather(
        *(store.mark_reminder_sent(1, "talk", TALK_AT) for _ in range(50))
    )
    assert claims.count(True) == 1


async def test_reminder_claim_survives_a_restart(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "bot.db"
    async with Storage.open(path, now=clock) as store:
        await store.touch_user(1, 1, None)
        assert await store.mark_reminder_sent(1, "talk", TALK_AT)
    async with Storage.open(path, now=clock) as store:
        assert not await store.mark_reminder_sent(1, "talk", TALK_AT)


async def test_reminder_for_unknown_user_is_refused(store: Storage) -> None:
    with pytest.raises(UnknownUserError):
        await store.mark_reminder_sent(404, "talk", TALK_AT)


async def test_reminder_candidates_are_active_users_saves_reminded_or_not(
    store: Storage,
) -> None:
    for user_id in (1, 2, 3):
        await store.touch_user(user_id, user_id, None)
    await store.save_session(1, "a")
    await store.save_session(2, "a")
    await store.save_session(1, "b")
    await store.save_session(3, "c")
    await store.mark_reminder_sent(1, "a", TALK_AT)
    await store.mark_inactive(3)

    # (1, "a") was reminded and stays a candidate: the claim, keyed on the start, dedupes.
    assert await store.reminder_candidates() == [(1, "a"), (2, "a"), (1, "b")]


# --- one writer under load -------------------------------------------------------------------


async def test_500_concurrent_writes_all_land(tmp_path: Path, clock: FakeClock) -> None:
    path = tmp_path / "bot.db"
    users = 50
    async with Storage.open(path, now=clock) as store:
        await asyncio.gather(*(store.touch_user(u, u, "en") for u in range(users)))

        async def write(n: int) -> object:
            user_id = n % users
            if n % 2:
                return await store.save_session(user_id, f"session-{n}")
            return await store.log_question(user_id, f"question {n}", "en", "answer", None)

        results = await asyncio.gather(*(write(n) for n in range(500)))

    assert all(results)
    assert read_file_db(path, "SELECT COUNT(*) FROM saved_sessions") == [(250,)]
    assert read_file_db(path, "SELECT COUNT(*) FROM question_log") == [(250,)]
    assert read_file_db(path, "SELECT COUNT(*) FROM users") == [(users,)]


# --- question log ----------------------------------------------------------------------------


async def test_question_log_queries(store: Storage, clock: FakeClock) -> None:
    await store.touch_user(1, 1, "en")
    asked = [
        ("Where is the cloakroom?", "answer", "cloakroom"),
        ("where is the  CLOAKROOM", "answer", "cloakroom"),
        ("Is there a vegan lunch?", FALLBACK_OUTCOME, None),
        ("talk", "clarify", None),
        ("Is there a vegan lunch", FALLBACK_OUTCOME, None),
        ("Where is the cloakroom", "answer", "cloakroom"),
        ("Can I bring my dog?", FALLBACK_OUTCOME, None),
    ]
    ids = []
    for question, outcome, matched in asked:
        clock.advance(minutes=10)
        ids.append(await store.log_question(1, question, "en", outcome, matched))
    midpoint = START + timedelta(minutes=40)

    assert ids == sorted(ids)
    since = await store.questions_since(midpoint)
    assert [q.question for q in since] == [q for q, _, _ in asked[3:]]
    assert since[0].asked_at == midpoint
    assert (since[0].user_id, since[0].language, since[0].outcome) == (1, "en", "clarify")

    assert await store.count_questions_by_outcome() == {
        "answer": 3,
        FALLBACK_OUTCOME: 3,
        "clarify": 1,
    }
    assert await store.count_questions_by_outcome(since=midpoint) == {
        "answer": 1,
        FALLBACK_OUTCOME: 2,
        "clarify": 1,
    }

    assert await store.top_questions(limit=2) == [
        QuestionCount("Where is the cloakroom", 3),
        QuestionCount("Is there a vegan lunch", 2),
    ]
    assert await store.top_questions(outcome=FALLBACK_OUTCOME) == [
        QuestionCount("Is there a vegan lunch", 2),
        QuestionCount("Can I bring my dog?", 1),
    ]
    assert await store.top_questions(since=midpoint, outcome="answer") == [
        QuestionCount("Where is the cloakroom", 1),
    ]

    unanswered = await store.unanswered_questions(limit=2)
    assert [q.question for q in unanswered] == ["Can I bring my dog?", "Is there a vegan lunch"]
    assert all(q.outcome == FALLBACK_OUTCOME and q.matched_id is None for q in unanswered)
    assert len(await store.unanswered_questions(since=midpoint)) == 2


async def test_question_from_unknown_user_is_refused_but_anonymous_is_kept(store: Storage) -> None:
    with pytest.raises(UnknownUserError):
        await store.log_question(404, "hello", "en", "answer", None)
    await store.log_question(None, "hello", "en", "answer", None)
    assert [q.user_id for q in await store.questions_since(START)] == [None]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Where is the WC?", "where is the wc"),
        ("  Wi-Fi   password ", "wi-fi password?"),
        ("ＷＩＦＩ", "wifi"),  # full-width letters typed on CJK keyboards
        ("Straße?", "STRASSE"),
        ("¿Dónde está el baño?", "¿dónde está el baño"),
    ],
)
def test_rewordings_share_a_question_key(first: str, second: str) -> None:
    assert question_key(first) == question_key(second)


def test_different_questions_keep_different_keys() -> None:
    assert question_key("Where is hall A?") != question_key("Where is hall B?")


# --- text fidelity ---------------------------------------------------------------------------

ODD_TEXT = [
    "👩🏽‍💻🏳️‍🌈🇺🇦",  # ZWJ sequences, skin tone, flags
    "مرحبا بكم في المؤتمر\u200f (RTL)",
    unicodedata.normalize("NFD", "Café Ŝtŭdo Ñandú"),  # combining marks must not be recomposed
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛 — 中文 日本語 한국어",
    "tab\tnew\nline\r\nNUL\x00end",
    "'; DROP TABLE users; --",
    "\ufeffBOM and zero\u200bwidth",
]


@pytest.mark.parametrize("text", ODD_TEXT)
async def test_odd_unicode_round_trips(store: Storage, text: str) -> None:
    user = await store.touch_user(1, 1, text, username=text, first_name=text)
    await store.set_language(1, text)
    await store.save_session(1, text)
    await store.log_question(1, text, text, "answer", text)
    await store.set_meta(text, text)

    stored = await store.get_user(1)
    assert stored is not None
    assert (stored.username, stored.first_name, stored.telegram_language) == (text, text, text)
    assert stored.language == text
    assert user.username == text
    assert await store.saved_sessions(1) == [text]
    assert await store.users_who_saved(text) == [1]
    [logged] = await store.questions_since(START)
    assert (logged.question, logged.language, logged.matched_id) == (text, text, text)
    assert await store.get_meta(text) == text


async def test_100_kb_text_round_trips(tmp_path: Path, clock: FakeClock) -> None:
    # Mixed widths: 1-, 2-, 3- and 4-byte UTF-8 characters.
    block = "aé中🎉"
    long_text = (block * (100 * 1024 // len(block) + 1))[: 100 * 1024]
    path = tmp_path / "bot.db"
    async with Storage.open(path, now=clock) as store:
        await store.touch_user(1, 1, None)
        await store.log_question(1, long_text, "en", FALLBACK_OUTCOME, None)
        await store.set_meta("blob", long_text)
    async with Storage.open(path, now=clock) as store:
        [logged] = await store.unanswered_questions()
        assert logged.question == long_text
        assert len(logged.question) == 100 * 1024
        assert await store.get_meta("blob") == long_text


# --- meta ------------------------------------------------------------------------------------


async def test_meta_values_are_set_and_replaced(store: Storage) -> None:
    assert await store.get_meta("last_offset") is None
    await store.set_meta("last_offset", "100")
    await store.set_meta("last_offset", "101")
    await store.set_meta("other", "x")
    assert await store.get_meta("last_offset") == "101"
    assert await store.get_meta("other") == "x"


class TripCounter:
    """Count the statements a store sends to SQLite (each is a trip to aiosqlite's thread)."""

    def __init__(self, store: Storage, monkeypatch: pytest.MonkeyPatch) -> None:
        self.trips = 0
        db = store._db
        for name in ("write", "fetch_one", "fetch_all", "transaction"):
            monkeypatch.setattr(db, name, self._counting(getattr(db, name)))

    def _counting(self, method):  # type: ignore[no-untyped-def]
        def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.trips += 1
            return method(*args, **kwargs)
        return counted


async def test_touch_user_writes_once_a_minute_unless_something_changed(
    store: Storage, clock: FakeClock, monkeypatch: pytest.MonkeyPatch,
) -> None:
    counter = TripCounter(store, monkeypatch)
    first = await store.touch_user(7, 70, "en", username="ana", first_name="Ana")
    clock.advance(seconds=30)
    assert await store.touch_user(7, 70, "en", username="ana", first_name="Ana") == first
    assert counter.trips == 1  # the same minute, the same sender: nothing to write
    await store.touch_user(7, 70, "ko", username="ana", first_name="Ana")
    assert counter.trips == 2  # a new language code is written at once
    clock.advance(seconds=30)
    later = await store.touch_user(7, 70, "ko", username="ana", first_name="Ana")
    assert counter.trips == 3 and later.last_seen == clock.current  # the next minute
    assert (await store.get_user(7)).last_seen == clock.current  # type: ignore[union-attr]


async def test_touch_user_sees_language_choice_and_reactivates_after_a_block(
    store: Storage,
) -> None:
    await store.touch_user(7, 70, "en")
    await store.set_language(7, "ja")
    assert (await store.touch_user(7, 70, "en")).language == "ja"
    await store.mark_inactive(7)
    assert (await store.touch_user(7, 70, "en")).active
    assert (await store.get_user(7)).active  # type: ignore[union-attr]
    await store.block_recipient(7, "Forbidden: bot was blocked by the user")
    assert (await store.touch_user(7, 70, "en")).active
    assert (await store.get_user(7)).active  # type: ignore[union-attr]


async def test_agenda_reads_are_kept_until_a_save_or_remove(
    store: Storage, monkeypatch: pytest.MonkeyPatch,
) -> None:
    await store.touch_user(1, 1, "en")
    counter = TripCounter(store, monkeypatch)
    assert await store.saved_sessions(1) == []
    agenda = await store.saved_sessions(1)
    agenda.append("not saved")  # the caller's copy
    assert await store.saved_sessions(1) == [] and counter.trips == 1
    await store.save_session(1, "opening")
    assert await store.saved_sessions(1) == ["opening"]
    await store.remove_session(1, "opening")
    assert await store.saved_sessions(1) == []


async def test_tip_draft_known_absent_costs_no_query_and_opens_at_once(
    store: Storage, clock: FakeClock, monkeypatch: pytest.MonkeyPatch,
) -> None:
    await store.touch_user(1, 1, "en")
    counter = TripCounter(store, monkeypatch)
    since = clock.current - timedelta(minutes=10)
    assert await store.tip_draft(1, since) == (False, None)
    assert await store.tip_draft(1, since) == (False, None)
    assert counter.trips == 1
    await store.set_tip_draft(1, None)
    assert await store.tip_draft(1, since) == (True, None)
    clock.advance(minutes=11)
    assert await store.tip_draft(1, clock.current - timedelta(minutes=10)) == (False, None)
    await store.clear_tip_draft(1)
    trips = counter.trips
    assert await store.tip_draft(1, clock.current) == (False, None)
    assert counter.trips == trips


# --- deferred writes (the question log) ------------------------------------------------------


async def test_deferred_writes_are_seen_by_the_next_read_and_land_on_close(
    tmp_path: Path, clock: FakeClock,
) -> None:
    path = tmp_path / "bot.db"
    async with Storage.open(path, now=clock) as store:
        await store.touch_user(1, 1, "en")
        first = await store.log_question(1, "where is halla hall", "en", "answer", "halla")
        second = await store.log_question(None, "wifi?", "en", "fallback", None)
        assert second == first + 1
        assert read_file_db(path, "SELECT COUNT(*) FROM question_log") == [(0,)]  # batched
        assert [q.id for q in await store.questions_since(START)] == [first, second]
        third = await store.log_question(1, "lunch?", "en", "fallback", None)
    assert read_file_db(path, "SELECT id FROM question_log ORDER BY id") == [
        (first,), (second,), (third,)]
    async with Storage.open(path, now=clock) as store:  # ids go on after a restart
        assert await store.log_question(1, "again", "en", "fallback", None) == third + 1


async def test_deferred_writes_flush_by_themselves_when_the_batch_is_full(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import eventbot.bot.storage._db as db_module

    monkeypatch.setattr(db_module, "FLUSH_MAX_ROWS", 3)
    path = tmp_path / "bot.db"
    async with Storage.open(path, now=clock) as store:
        await store.touch_user(1, 1, "en")
        for n in range(3):
            await store.log_question(1, f"q{n}", "en", "fallback", None)
        task = store._db._flush_task
        assert task is not None
        await task
        assert read_file_db(path, "SELECT COUNT(*) FROM question_log") == [(3,)]
        await store.log_question(1, "q3", "en", "fallback", None)
        timer = store._db._flush_timer
        assert timer is not None  # the next one waits for the timer (or any statement)
        assert timer.when() - asyncio.get_running_loop().time() <= db_module.FLUSH_AFTER_SECONDS


async def test_a_failing_deferred_batch_is_kept_and_breaks_no_other_statement(
    store: Storage, caplog: pytest.LogCaptureFixture,
) -> None:
    await store.touch_user(1, 1, "en")
    store._db.defer("INSERT INTO no_such_table VALUES (?)", (1,))
    assert (await store.get_user(1)) is not None  # the read goes on
    assert "could not write 1 deferred rows" in caplog.text
    assert len(store._db._deferred) == 1  # kept for the next try


async def test_close_leaves_no_flush_behind_and_writes_every_row(
    tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch,
) -> None:
    import eventbot.bot.storage._db as db_module

    monkeypatch.setattr(db_module, "FLUSH_MAX_ROWS", 2)
    path = tmp_path / "bot.db"
    store = await Storage.open(path, now=clock)
    await store.touch_user(1, 1, "en")
    for n in range(3):  # the second starts a flush task; the third waits for the next
        await store.log_question(1, f"q{n}", "en", "fallback", None)
    task = store._db._flush_task
    await store.close()
    assert task is not None and task.done()
    assert read_file_db(path, "SELECT COUNT(*) FROM question_log") == [(3,)]


async def test_after_a_failed_batch_statements_do_not_retry_it_each_time(
    store: Storage, caplog: pytest.LogCaptureFixture,
) -> None:
    await store.touch_user(1, 1, "en")
    store._db.defer("INSERT INTO no_such_table VALUES (?)", (1,))
    await store.get_user(1)
    await store.get_user(1)
    assert caplog.text.count("could not write") == 1  # once, not on every statement
    assert store._db._flush_timer is not None  # the timer tries again
    await store._db.flush()
    assert caplog.text.count("could not write") == 2
