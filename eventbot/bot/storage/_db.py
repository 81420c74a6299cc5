"""Own the single SQLite connection: pragmas, the write lock, transactions and migrations."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import stat
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager, suppress
from datetime import UTC, datetime
from itertools import groupby, pairwise
from operator import itemgetter
from typing import Any, TypeAlias

import aiosqlite

from ._migrations import MIGRATIONS, Migration

logger = logging.getLogger(__name__)

Clock: TypeAlias = Callable[[], datetime]
Params: TypeAlias = Sequence[Any]

# Long enough to ride out another process (a backup, the sqlite3 shell) holding the file
# briefly; our own writes never wait on it because they are serialised by the lock.
BUSY_TIMEOUT_MS = 5000
# Deferred writes are batched for at most this long, or this many rows, whichever comes first.
FLUSH_AFTER_SECONDS = 0.5
FLUSH_MAX_ROWS = 500
FLUSH_KEEP_ROWS = 100_000  # deferred rows kept while writing fails (about 30 MB)


class StorageError(Exception):
    """Raised for storage problems the caller can act on."""


class SchemaTooNewError(StorageError):
    """Raised when the database was written by a newer eventbot than this one."""

    def __init__(self, path: str, found: int, supported: int) -> None:
        super().__init__(
            f"database {path!r} has schema version {found}, but this eventbot only knows "
            f"versions up to {supported}; upgrade eventbot or restore an older backup"
        )
        self.found = found
        self.supported = supported


class MigrationError(StorageError):
    """Raised when a migration fails; its transaction has been rolled back."""


class UnknownUserError(StorageError):
    """Raised when an operation refers to a user that was never touched."""

    def __init__(self, user_id: int) -> None:
        super().__init__(f"unknown user {user_id}; call touch_user first")
        self.user_id = user_id


def utc_now() -> datetime:
    """Return the current time as an aware UTC datetime (the production clock)."""
    return datetime.now(UTC)


def to_db_time(moment: datetime) -> str:
    """Encode an aware datetime as fixed-width UTC text that sorts by instant."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"naive datetime {moment!r}; storage needs aware datetimes")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db_time(text: str) -> datetime:
    """Decode a timestamp written by to_db_time."""
    return datetime.fromisoformat(text)


@contextmanager
def user_must_exist(user_id: int | None) -> Iterator[None]:
    """Turn a foreign key violation on `user_id` into UnknownUserError."""
    try:
        yield
    except sqlite3.IntegrityError as exc:
        if user_id is not None and exc.sqlite_errorcode == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
            raise UnknownUserError(user_id) from exc
        raise


class Transaction:
    """Run statements inside one open write transaction.

    Each call is one trip to aiosqlite's thread: the trips, not SQLite, are what a question
    costs (about 0.3 ms each under load, against tens of microseconds for the statements).
    """

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, params: Params = ()) -> int:
        """Run one statement and return how many rows it changed."""
        async with self._conn.execute(sql, params) as cursor:
            return cursor.rowcount

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run one INSERT and return the rowid of the inserted row."""
        return await _insert(self._conn, sql, params)

    async def fetch_one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """Run a query and return its first row, if any."""
        return await _fetch_one(self._conn, sql, params)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """Run a query and return all its rows."""
        return list(await self._conn.execute_fetchall(sql, params))


async def _insert(conn: aiosqlite.Connection, sql: str, params: Params) -> int:
    row = await conn.execute_insert(sql, params)
    if row is None or row[0] is None:
        raise StorageError("INSERT reported no rowid")
    return int(row[0])


async def _fetch_one(conn: aiosqlite.Connection, sql: str, params: Params) -> sqlite3.Row | None:
    rows = await conn.execute_fetchall(sql, params)
    return next(iter(rows), None)


class Database:
    """Serialise all access to one aiosqlite connection behind an asyncio.Lock."""

    def __init__(self, conn: aiosqlite.Connection, path: str, schema_version: int) -> None:
        self._conn = conn
        self._path = path
        self._schema_version = schema_version
        # One lock for reads too: a read on this connection while another coroutine's
        # transaction is open would see that transaction's uncommitted rows.
        self._lock = asyncio.Lock()
        self._closed = False
        # Deferred writes (the question log): batched into one transaction, written before
        # any other statement runs, so every read sees them, and at most FLUSH_AFTER later.
        self._deferred: list[tuple[str, tuple[Any, ...]]] = []
        self._flush_timer: asyncio.TimerHandle | None = None
        self._flush_task: asyncio.Task[None] | None = None
        self._retry_at = 0.0  # after a failed batch, on the loop's clock

    @classmethod
    async def open(
        cls,
        path: str | os.PathLike[str],
        *,
        migrations: Sequence[Migration] = MIGRATIONS,
    ) -> Database:
        """Connect, set the pragmas and bring the schema up to date."""
        _check_sequence(migrations)
        location = os.fspath(path)
        keep_private(location)
        # isolation_level=None: the sqlite3 module must not open transactions behind our
        # back; every transaction here is an explicit BEGIN IMMEDIATE ... COMMIT.
        # A file that cannot be opened fails here, on this thread: failing inside aiosqlite,
        # its worker thread reports back to the event loop later, which at exit may already
        # be closed (a traceback after the bot's one-line explanation).
        sqlite3.connect(location).close()
        conn = await aiosqlite.connect(location, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            await _configure(conn, location)
            version = await _migrate(conn, location, migrations)
        except BaseException:
            await conn.close()
            raise
        logger.info("Opened database %s at schema version %d", location, version)
        return cls(conn, location, version)

    @property
    def path(self) -> str:
        """Return the location the database was opened from."""
        return self._path

    @property
    def schema_version(self) -> int:
        """Return the schema version after migrations ran."""
        return self._schema_version

    @property
    def closed(self) -> bool:
        """Tell whether close() has been called."""
        return self._closed

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        """Hold the lock for one write transaction; commit on success, roll back on error."""
        async with self._access():
            # IMMEDIATE takes the write lock up front, so an outside writer makes us wait
            # busy_timeout at BEGIN rather than fail half-way through.
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield Transaction(self._conn)
                await self._conn.execute("COMMIT")
            except BaseException:
                await _rollback(self._conn)
                raise

    async def write(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """Run one write statement on its own and return its RETURNING rows, if any.

        The connection is in autocommit mode, so a single statement is atomic and committed
        by itself, in one trip to aiosqlite's thread instead of four (BEGIN, statement,
        cursor, COMMIT). The outbox marks each delivery this way, once per message, which
        bounds broadcast throughput.
        """
        async with self._access():
            return list(await self._conn.execute_fetchall(sql, params))

    async def fetch_one(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """Run a read-only query and return its first row, if any."""
        async with self._access():
            return await _fetch_one(self._conn, sql, params)

    async def fetch_all(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """Run a read-only query and return all its rows."""
        async with self._access():
            return list(await self._conn.execute_fetchall(sql, params))

    async def close(self) -> None:
        """Finish the transaction in flight and the deferred writes, then close (once)."""
        async with self._lock:
            if self._closed:
                return
            await self._flush_deferred(retry_now=True)
            self._closed = True
            if self._flush_timer is not None:
                self._flush_timer.cancel()
            await self._conn.close()
        flushing = self._flush_task
        if flushing is not None and not flushing.done():
            flushing.cancel()  # it was waiting for the lock; close() wrote its rows
            await asyncio.wait({flushing})
        logger.info("Closed database %s", self._path)

    def defer(self, sql: str, params: Params = ()) -> None:
        """Queue one write for the next batch; it lands before any later statement runs.

        For records nobody waits on (the question log): a write per question costs more than
        answering it, while a batch costs about the same as one row. A crash loses at most
        the last FLUSH_AFTER_SECONDS of them; close() writes them all.
        """
        self._check_open()
        self._deferred.append((sql, tuple(params)))
        if len(self._deferred) >= FLUSH_MAX_ROWS:
            self._start_flush()
        elif self._flush_timer is None:
            loop = asyncio.get_running_loop()
            self._flush_timer = loop.call_later(FLUSH_AFTER_SECONDS, self._start_flush)

    async def flush(self) -> None:
        """Write the deferred writes now (trying again at once after a failure)."""
        async with self._lock:
            self._check_open()
            await self._flush_deferred(retry_now=True)

    @asynccontextmanager
    async def _access(self) -> AsyncIterator[None]:
        """Hold the lock on an open database, with the deferred writes written first."""
        async with self._lock:
            self._check_open()
            await self._flush_deferred()
            yield

    def _start_flush(self) -> None:
        if self._flush_timer is not None:
            self._flush_timer.cancel()
            self._flush_timer = None
        if self._flush_task is None or self._flush_task.done():
            self._flush_task = asyncio.get_running_loop().create_task(self._flush_quietly())

    async def _flush_quietly(self) -> None:
        with suppress(StorageError):  # closed meanwhile: close() wrote them
            await self.flush()

    async def _flush_deferred(self, *, retry_now: bool = False) -> None:
        if not self._deferred:
            return
        loop = asyncio.get_running_loop()
        if not retry_now and loop.time() < self._retry_at:
            return  # the last batch failed: the timer tries again, not every statement
        batch, self._deferred = self._deferred, []
        if self._flush_timer is not None:
            self._flush_timer.cancel()
            self._flush_timer = None
        try:
            await self._conn.execute_fetchall("BEGIN IMMEDIATE")
            try:
                for sql, rows in groupby(batch, key=itemgetter(0)):
                    await self._conn.executemany(sql, [params for _, params in rows])
                await self._conn.execute_fetchall("COMMIT")
            except BaseException:
                await _rollback(self._conn)
                raise
        except sqlite3.Error:
            # Never let a failed batch break the statement that triggered it; keep the rows
            # for the next try (a full disk may clear), up to a bound.
            logger.exception("could not write %d deferred rows; keeping them", len(batch))
            self._keep(batch)
            self._retry_at = loop.time() + FLUSH_AFTER_SECONDS
            if self._flush_timer is None:
                self._flush_timer = loop.call_later(FLUSH_AFTER_SECONDS, self._start_flush)
        except BaseException:
            self._keep(batch)  # cancelled: the rows wait for the next flush or close()
            raise

    def _keep(self, batch: list[tuple[str, tuple[Any, ...]]]) -> None:
        pending = batch + self._deferred
        self._deferred = pending[-FLUSH_KEEP_ROWS:]
        if len(pending) > FLUSH_KEEP_ROWS:
            logger.error("dropped the %d oldest deferred rows", len(pending) - FLUSH_KEEP_ROWS)

    def _check_open(self) -> None:
        if self._closed:
            raise StorageError(f"database {self._path!r} is closed")


def _check_sequence(migrations: Sequence[Migration]) -> None:
    # Versions are reserved by features as they are planned, so a build may lack one (a gap);
    # they must still start at 1 and only ever increase.
    found = [migration.version for migration in migrations]
    increasing = all(a < b for a, b in pairwise(found))
    if not found or found[0] != 1 or not increasing:
        raise ValueError(f"migration versions must start at 1 and increase, got {found}")


def keep_private(location: str) -> None:
    """Create the database file for its owner only; take world access off an existing one."""
    if location in ("", ":memory:"):
        return
    # SQLite gives the -wal and -shm files it creates the database file's mode, so creating
    # the file 0600 first keeps all three private (users' ids, questions, tips).
    try:
        os.close(os.open(location, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError:
        return  # no such folder, say: SQLite reports it as it always did
    for name in (location, f"{location}-wal", f"{location}-shm"):
        try:
            mode = stat.S_IMODE(os.stat(name).st_mode)
            if mode & 0o007:
                # Only the world's bits: a group may be shared on purpose (a backup user).
                os.chmod(name, mode & ~0o007)
                logger.warning("Database file %s was open to every user of the machine: "
                               "made it %o", name, mode & ~0o007)
        except FileNotFoundError:
            continue
        except OSError as exc:
            logger.warning("Cannot make database file %s private: %s", name, exc.strerror)


async def _configure(conn: aiosqlite.Connection, location: str) -> None:
    # foreign_keys is per connection and ignored inside a transaction, so set it first.
    await conn.execute("PRAGMA foreign_keys = ON")
    await conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
    async with conn.execute("PRAGMA journal_mode = WAL") as cursor:
        row = await cursor.fetchone()
    mode = str(row[0]) if row is not None else "unknown"
    # In-memory databases cannot use WAL and report "memory"; a file that refuses WAL
    # (some network file systems) still works, only with readers blocking the writer.
    if mode != "wal" and location != ":memory:":
        logger.warning("Database %s runs in journal mode %s instead of WAL", location, mode)
    # With WAL, NORMAL skips the fsync on every commit: a committed write survives a crash
    # or kill of the bot (the failure the outbox and tip tests exercise); only an OS crash or
    # power loss can roll back the last commits, never corrupt the file. FULL cost every
    # question two fsyncs (touch the user, log the question).
    await conn.execute("PRAGMA synchronous = NORMAL")


async def _user_version(conn: aiosqlite.Connection) -> int:
    async with conn.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row is not None else 0


async def _migrate(
    conn: aiosqlite.Connection, location: str, migrations: Sequence[Migration]
) -> int:
    latest = migrations[-1].version
    found = await _user_version(conn)
    if found > latest:
        raise SchemaTooNewError(location, found, latest)
    for migration in (m for m in migrations if m.version > found):
        await conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read under the write lock: another process may have migrated meanwhile.
            if await _user_version(conn) >= migration.version:
                await conn.execute("COMMIT")
                continue
            logger.info(
                "Migrating %s to schema version %d: %s",
                location,
                migration.version,
                migration.description,
            )
            # Statement by statement, because executescript() would commit first and
            # break the one-transaction-per-migration guarantee.
            for statement in migration.statements:
                await conn.execute(statement)
            # PRAGMA takes no bound parameters; the value is an int from our own table.
            await conn.execute(f"PRAGMA user_version = {int(migration.version):d}")
        except BaseException as exc:
            await _rollback(conn)
            if isinstance(exc, sqlite3.Error):
                raise MigrationError(
                    f"migration {migration.version} ({migration.description}) failed "
                    f"on {location!r}: {exc}"
                ) from exc
            raise
        await conn.execute("COMMIT")
    return await _user_version(conn)


async def _rollback(conn: aiosqlite.Connection) -> None:
    try:
        await conn.execute("ROLLBACK")
    except sqlite3.OperationalError:
        # SQLite already rolled back on its own (e.g. after SQLITE_FULL); nothing to undo.
        logger.debug("Rollback found no open transaction", exc_info=True)


class Repository:
    """Give one group of storage operations the shared database and the clock."""

    def __init__(self, db: Database, now: Clock) -> None:
        self._db = db
        self._now = now

    async def _user_known(self, user_id: int) -> bool:
        """Tell whether the bot has seen this user."""
        return await self._db.fetch_one("SELECT 1 FROM users WHERE user_id = ?",
                                        (user_id,)) is not None

    def _user_changed(self, user_id: int) -> None:
        """Note that a user's row changed outside touch_user (the user store drops its copy)."""

    def _timestamp(self) -> str:
        """Read the injected clock and encode it for the database."""
        return to_db_time(self._now())
