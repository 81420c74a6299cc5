"""Keep each user's personal agenda: the sessions they saved, in the order they saved them."""

from __future__ import annotations

from ._db import Repository, user_must_exist


class AgendaStore(Repository):
    """Save and remove sessions on personal agendas."""

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
        return added > 0

    async def remove_session(self, user_id: int, item_id: str) -> bool:
        """Drop a session from a user's agenda; False if it was not there."""
        async with self._db.transaction() as tx:
            removed = await tx.execute(
                "DELETE FROM saved_sessions WHERE user_id = ? AND item_id = ?",
                (user_id, item_id),
            )
        return removed > 0

    async def saved_sessions(self, user_id: int) -> list[str]:
        """List the item ids on a user's agenda, oldest save first."""
        rows = await self._db.fetch_all(
            "SELECT item_id FROM saved_sessions WHERE user_id = ? ORDER BY id", (user_id,)
        )
        return [row["item_id"] for row in rows]

    async def users_who_saved(self, item_id: str) -> list[int]:
        """List the users who saved a session, earliest first (e.g. to tell them it moved)."""
        rows = await self._db.fetch_all(
            "SELECT user_id FROM saved_sessions WHERE item_id = ? ORDER BY id", (item_id,)
        )
        return [row["user_id"] for row in rows]
