"""Persist the bot's state in SQLite: users, agendas, reminders, the question log, meta values."""

from __future__ import annotations

from ._db import (
    MigrationError,
    SchemaTooNewError,
    StorageError,
    UnknownUserError,
    utc_now,
)
from ._inbox import StoredUpdate
from ._privacy import backup_database, restore_database
from ._questions import FALLBACK_OUTCOME, LoggedQuestion, QuestionCount
from ._store import Storage
from ._users import User

__all__ = [
    "FALLBACK_OUTCOME",
    "LoggedQuestion",
    "MigrationError",
    "QuestionCount",
    "SchemaTooNewError",
    "Storage",
    "StorageError",
    "StoredUpdate",
    "UnknownUserError",
    "User",
    "backup_database",
    "restore_database",
    "utc_now",
]
