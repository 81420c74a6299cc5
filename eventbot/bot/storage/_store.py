"""Assemble the storage operations behind one object with an async open/close lifecycle."""

from __future__ import annotations

import os
from collections.abc import Generator
from types import TracebackType
from typing import Any

from ._agenda import AgendaStore
from ._db import Clock, Database
from ._helpdesk import HelpdeskStore
from ._inbox import InboxStore
from ._meta import MetaStore
from ._outbox import OutboxStore
from ._privacy import PrivacyStore
from ._questions import QuestionLog
from ._reminders import ReminderStore
from ._stats import StatsStore
from ._tips import TipStore
from ._users import UserStore


class Storage(
    UserStore, AgendaStore, ReminderStore, QuestionLog, MetaStore, OutboxStore, TipStore,
    StatsStore, PrivacyStore, InboxStore, HelpdeskStore,
):
    """Persist users, agendas, reminders, the question log and meta values in SQLite."""

    def __init__(self, db: Database, now: Clock) -> None:
        super().__init__(db, now)

    @staticmethod
    def open(path: str | os.PathLike[str], *, now: Clock) -> _OpeningStorage:
        """Open (creating and migrating) a database; await it or use it with `async with`."""
        return _OpeningStorage(path, now)

    @property
    def schema_version(self) -> int:
        """Return the schema version of the open database."""
        return self._db.schema_version

    @property
    def closed(self) -> bool:
        """Tell whether the store has been closed."""
        return self._db.closed

    async def close(self) -> None:
        """Close the database after the write in flight; safe to call twice."""
        await self._db.close()


class _OpeningStorage:
    """Open a Storage either as `await Storage.open(...)` or `async with Storage.open(...)`."""

    def __init__(self, path: str | os.PathLike[str], now: Clock) -> None:
        self._path = path
        self._now = now
        self._store: Storage | None = None

    async def _open(self) -> Storage:
        db = await Database.open(self._path)
        return Storage(db, self._now)

    def __await__(self) -> Generator[Any, None, Storage]:
        # The coroutine is created only here, so an unused opener leaves no un-awaited warning.
        return self._open().__await__()

    async def __aenter__(self) -> Storage:
        self._store = await self._open()
        return self._store

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._store is not None:
            await self._store.close()
