"""Keep each user's personal agenda: the sessions they saved, in the order they saved them."""

from __future__ import annotations

from eventbot.bot.bounded import remember

from ._db import Clock, Database, Repository, user_must_exist

_CACHED_AGENDAS_LIMIT = 50_000


class AgendaStore(Repository):
    """Save and remove sessions on personal agendas."""

    def __init__(self, db: Database, now: Clock) -> None:
        super().__init__(db, now)
        # Every answered question shows Save or Remove, so agendas are read far more often
        # than written; the two writers below keep this copy true.
        self._agendas: dict[int, tuple[str, ...]] = {}

    async def save_session(self, user_id: int, item_id: str) -> bool:
        """Add a session to a user's agenda; False if it was already there."""
        with user_must_exist(user_id):
            async with self._db.transaction() as tx:
                added = await tx.execute(
                    """
                    INSERT INTO saved_sessions (user_id, item_id, saved_at) VALUES (?, ?, ?)
                    ON CONFLICT (user_id, item_id) DO NOTHING
                    """,
                    (user_id, item_id, self._timestamp()),
                )
        self._agendas.pop(user_id, None)
        return added > 0

    async def remove_session(self, user_id: int, item_id: str) -> bool:
        """Drop a session from a user's agenda; False if it was not there."""
        async with self._db.transaction() as tx:
            removed = await tx.execute(
                "DELETE FROM saved_sessions WHERE user_id = ? AND item_id = ?",
                (user_id, item_id),
            )
        self._agendas.pop(user_id, None)
        return removed > 0

    async def saved_sessions(self, user_id: int) -> list[str]:
        """List the item ids on a user's agenda, oldest save first."""
        agenda = self._agendas.get(user_id)
        if agenda is None or self._db.closed:
            rows = await self._db.fetch_all(
                "SELECT item_id FROM saved_sessions WHERE user_id = ? ORDER BY id", (user_id,)
            )
            agenda = remember(self._agendas, user_id, tuple(row["item_id"] for row in rows),
                              _CACHED_AGENDAS_LIMIT)
        return list(agenda)

    async def users_who_saved(self, item_id: str) -> list[int]:
        """List the users who saved a session, earliest first (e.g. to tell them it moved)."""
        rows = await self._db.fetch_all(
            "SELECT user_id FROM saved_sessions WHERE item_id = ? ORDER BY id", (item_id,)
        )
        return [row["user_id"] for row in rows]
