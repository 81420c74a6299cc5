"""Keep who talks to the bot, in which chat, and which language they chose."""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from eventbot.bot.bounded import remember

from ._db import Clock, Database, Repository, from_db_time

logger = logging.getLogger(__name__)

_TOUCHED_LIMIT = 50_000


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


_USER_COLUMNS = (
    "user_id, chat_id, language, telegram_language, username, first_name, first_seen, "
    "last_seen, active"
)
_SELECT_USERS = f"SELECT {_USER_COLUMNS} FROM users"
# What a message says about its sender; touch_user writes only when it changes (or the minute).
_TouchKey = tuple[int, str | None, str | None, str | None, str]


class UserStore(Repository):
    """Record users and their language choice."""

    def __init__(self, db: Database, now: Clock) -> None:
        super().__init__(db, now)
        # Users touched this minute with what they looked like: a user asking ten questions
        # in a minute costs one write, not ten (writes are the bulk of a question's cost).
        self._touched: dict[int, tuple[_TouchKey, User]] = {}

    def _user_changed(self, user_id: int) -> None:
        self._touched.pop(user_id, None)

    async def _user_known(self, user_id: int) -> bool:
        return user_id in self._touched or await super()._user_known(user_id)

    async def touch_user(
        self,
        user_id: int,
        chat_id: int,
        telegram_language: str | None,
        *,
        username: str | None = None,
        first_name: str | None = None,
    ) -> User:
        """Insert or refresh a user on any update and return the stored row.

        ``last_seen`` is kept to the minute: a user seen again within the same minute, with
        the same chat, language code and names, is not written again.
        """
        now = self._timestamp()
        key: _TouchKey = (chat_id, telegram_language, username, first_name, now[:16])
        cached = self._touched.get(user_id)
        if cached is not None and cached[0] == key and not self._db.closed:
            return cached[1]
        # Telegram omits language_code on some updates, so keep the last one seen.
        # A user who writes to us again has evidently unblocked the bot: reactivate.
        rows = await self._db.write(
            f"""
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
            RETURNING {_USER_COLUMNS}
            """,
            (user_id, chat_id, telegram_language, username, first_name, now, now),
        )
        if not rows:
            raise AssertionError(f"user {user_id} was not stored")
        return remember(self._touched, user_id, (key, _user(rows[0])), _TOUCHED_LIMIT)[1]

    async def set_language(self, user_id: int, language: str | None) -> bool:
        """Store a user's language choice (None clears it); False if the user is unknown."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE users SET language = ? WHERE user_id = ?", (language, user_id)
            )
        self._user_changed(user_id)
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
        self._user_changed(user_id)
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
