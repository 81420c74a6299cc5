"""Keep who talks to the bot, in which chat, and which language they chose."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from ._db import Repository, from_db_time

logger = logging.getLogger(__name__)

_SELECT_USERS = (
    "SELECT user_id, chat_id, language, telegram_language, username, first_name, "
    "first_seen, last_seen, active FROM users"
)


@dataclass(frozen=True, slots=True)
class User:
    """One Telegram user as last seen by the bot."""

    user_id: int
    chat_id: int
    language: str | None
    telegram_language: str | None
    username: str | None
    first_name: str | None
    first_seen: datetime
    last_seen: datetime
    active: bool


def _user(row: sqlite3.Row) -> User:
    return User(
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        language=row["language"],
        telegram_language=row["telegram_language"],
        username=row["username"],
        first_name=row["first_name"],
        first_seen=from_db_time(row["first_seen"]),
        last_seen=from_db_time(row["last_seen"]),
        active=bool(row["active"]),
    )


class UserStore(Repository):
    """Record users and their language choice."""

    async def touch_user(
        self,
        user_id: int,
        chat_id: int,
        telegram_language: str | None,
        *,
        username: str | None = None,
        first_name: str | None = None,
    ) -> User:
        """Insert or refresh a user on any update and return the stored row."""
        now = self._timestamp()
        async with self._db.transaction() as tx:
            # Telegram omits language_code on some updates, so keep the last one seen.
            # A user who writes to us again has evidently unblocked the bot: reactivate.
            await tx.execute(
                """
                INSERT INTO users (user_id, chat_id, telegram_language, username, first_name,
                                   first_seen, last_seen, active)
                VALUES (?, ?, ?, ?, ?, ?, ?, 1)
                ON CONFLICT (user_id) DO UPDATE SET
                    chat_id = excluded.chat_id,
                    telegram_language = COALESCE(excluded.telegram_language,
                                                 users.telegram_language),
                    username = excluded.username,
                    first_name = excluded.first_name,
                    last_seen = excluded.last_seen,
                    active = 1
                """,
                (user_id, chat_id, telegram_language, username, first_name, now, now),
            )
            row = await tx.fetch_one(_SELECT_USERS + " WHERE user_id = ?", (user_id,))
        if row is None:
            raise AssertionError(f"user {user_id} vanished inside its own transaction")
        return _user(row)

    async def set_language(self, user_id: int, language: str | None) -> bool:
        """Store a user's language choice (None clears it); False if the user is unknown."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE users SET language = ? WHERE user_id = ?", (language, user_id)
            )
        return changed > 0

    async def get_user(self, user_id: int) -> User | None:
        """Return a user, or None if the bot never saw them."""
        row = await self._db.fetch_one(_SELECT_USERS + " WHERE user_id = ?", (user_id,))
        return _user(row) if row is not None else None

    async def mark_inactive(self, user_id: int) -> bool:
        """Flag a user who blocked the bot; False if unknown or already inactive."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE users SET active = 0 WHERE user_id = ? AND active = 1", (user_id,)
            )
        if changed:
            logger.info("Marked user %d inactive", user_id)
        return changed > 0

    async def active_users(self, language: str | None = None) -> list[User]:
        """List active users by id, only those who chose `language` if given."""
        if language is None:
            rows = await self._db.fetch_all(_SELECT_USERS + " WHERE active = 1 ORDER BY user_id")
        else:
            rows = await self._db.fetch_all(
                _SELECT_USERS + " WHERE active = 1 AND language = ? ORDER BY user_id",
                (language,),
            )
        return [_user(row) for row in rows]

    async def count_users_by_language(self) -> dict[str | None, int]:
        """Count active users per chosen language; None counts those who never chose."""
        rows = await self._db.fetch_all(
            "SELECT language, COUNT(*) AS n FROM users WHERE active = 1 GROUP BY language"
        )
        return {row["language"]: row["n"] for row in rows}
