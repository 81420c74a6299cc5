"""Keep small named values the bot must remember between runs (e.g. the last update offset)."""

from __future__ import annotations

from ._db import Repository


class MetaStore(Repository):
    """Read and write string values by key."""

    async def get_meta(self, key: str) -> str | None:
        """Return the value stored under `key`, or None."""
        row = await self._db.fetch_one("SELECT value FROM meta WHERE key = ?", (key,))
        return str(row["value"]) if row is not None else None

    async def set_meta(self, key: str, value: str) -> None:
        """Store `value` under `key`, replacing any previous value."""
        async with self._db.transaction() as tx:
            await tx.execute(
                """
                INSERT INTO meta (key, value, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (key) DO UPDATE SET
                    value = excluded.value, updated_at = excluded.updated_at
                """,
                (key, value, self._timestamp()),
            )
