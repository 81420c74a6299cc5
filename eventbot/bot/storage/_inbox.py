"""Keep every received update until it has been handled, and remember handled ids a while."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from ._db import Repository, to_db_time

# SQLite allows 32,766 bound values per statement; a getUpdates batch is at most 100 updates.
_ROWS_PER_STATEMENT = 500


@dataclass(frozen=True, slots=True)
class StoredUpdate:
    """An update received but not yet handled: its id, its JSON and how often it was replayed."""

    update_id: int
    payload: str
    attempts: int


class InboxStore(Repository):
    """Store received updates, mark them handled, hand back the unfinished ones."""

    async def receive_updates(self, updates: Sequence[tuple[int, str]]) -> set[int]:
        """Store new updates in one transaction; return the ids not seen before."""
        fresh: set[int] = set()
        now = self._timestamp()
        async with self._db.transaction() as tx:
            for start in range(0, len(updates), _ROWS_PER_STATEMENT):
                chunk = updates[start:start + _ROWS_PER_STATEMENT]
                values = ", ".join("(?, ?, ?)" for _ in chunk)
                params = [value for update_id, payload in chunk
                          for value in (update_id, payload, now)]
                rows = await tx.fetch_all(
                    "INSERT INTO inbox (update_id, payload, received_at) VALUES "
                    f"{values} ON CONFLICT (update_id) DO NOTHING RETURNING update_id",
                    params,
                )
                fresh.update(int(row["update_id"]) for row in rows)
        return fresh

    async def finish_updates(self, update_ids: Iterable[int]) -> None:
        """Mark updates handled and drop their content; their ids stay for deduplication."""
        ids = sorted(set(update_ids))
        for start in range(0, len(ids), _ROWS_PER_STATEMENT):
            chunk = ids[start:start + _ROWS_PER_STATEMENT]
            marks = ", ".join("?" for _ in chunk)
            # One statement: atomic and committed by itself, one trip to the database thread.
            await self._db.write(
                f"UPDATE inbox SET payload = NULL, done_at = ? "
                f"WHERE update_id IN ({marks}) AND done_at IS NULL",
                (self._timestamp(), *chunk),
            )

    async def claim_unfinished_updates(self) -> list[StoredUpdate]:
        """Count one more attempt on every unfinished update and return them, oldest first."""
        async with self._db.transaction() as tx:
            await tx.execute("UPDATE inbox SET attempts = attempts + 1 WHERE done_at IS NULL")
            rows = await tx.fetch_all(
                "SELECT update_id, payload, attempts FROM inbox WHERE done_at IS NULL "
                "ORDER BY update_id"
            )
        return [StoredUpdate(int(row["update_id"]), str(row["payload"]), int(row["attempts"]))
                for row in rows]

    async def purge_finished_updates(self, before: datetime) -> int:
        """Delete handled updates finished before ``before``; return how many."""
        async with self._db.transaction() as tx:
            return await tx.execute(
                "DELETE FROM inbox WHERE done_at IS NOT NULL AND done_at < ?",
                (to_db_time(before),),
            )
