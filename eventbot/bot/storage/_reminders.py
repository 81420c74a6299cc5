"""Remember which session reminders went out, so each is sent once even across restarts."""

from __future__ import annotations

from datetime import datetime

from ._db import Repository, to_db_time, user_must_exist


class ReminderStore(Repository):
    """Claim reminders atomically and list the saved sessions still waiting for one."""

    async def mark_reminder_sent(self, user_id: int, item_id: str, starts_at: datetime) -> bool:
        """Claim the reminder for one session start; True only for the first claimer."""
        with user_must_exist(user_id):
            async with self._db.transaction() as tx:
                claimed = await tx.execute(
                    """
                    INSERT OR IGNORE INTO reminders_sent (user_id, item_id, starts_at, sent_at)
                    VALUES (?, ?, ?, ?)
                    """,
                    (user_id, item_id, to_db_time(starts_at), self._timestamp()),
                )
        return claimed > 0

    async def reminder_sent(self, user_id: int, item_id: str, starts_at: datetime) -> bool:
        """Tell whether the reminder for this session start was already claimed."""
        row = await self._db.fetch_one(
            """
            SELECT 1 FROM reminders_sent
            WHERE user_id = ? AND item_id = ? AND starts_at = ?
            """,
            (user_id, item_id, to_db_time(starts_at)),
        )
        return row is not None

    async def reminder_candidates(self) -> list[tuple[int, str]]:
        """List (user_id, item_id) saved by active users, reminded or not.

        A claim is keyed on the start time, so a session moved after its reminder went out
        earns a new one, and the claim alone keeps an unchanged session from being reminded
        twice. Inactive users are left out: they blocked the bot, so nothing reaches them.
        """
        rows = await self._db.fetch_all(
            """
            SELECT s.user_id, s.item_id
            FROM saved_sessions AS s
            JOIN users AS u ON u.user_id = s.user_id
            WHERE u.active = 1
            ORDER BY s.id
            """
        )
        return [(row["user_id"], row["item_id"]) for row in rows]

    async def set_reminder_lead(self, user_id: int, minutes: int) -> None:
        """Store how many minutes before a saved session the user wants reminding (0: off)."""
        if minutes < 0:
            raise ValueError(f"a reminder lead time cannot be negative: {minutes}")
        with user_must_exist(user_id):
            async with self._db.transaction() as tx:
                await tx.execute(
                    """
                    INSERT INTO reminder_leads (user_id, lead_minutes, updated_at)
                    VALUES (?, ?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET
                        lead_minutes = excluded.lead_minutes,
                        updated_at = excluded.updated_at
                    """,
                    (user_id, minutes, self._timestamp()),
                )

    async def reminder_lead(self, user_id: int) -> int | None:
        """Return the user's chosen lead time in minutes (0: off), None if they never chose."""
        row = await self._db.fetch_one(
            "SELECT lead_minutes FROM reminder_leads WHERE user_id = ?", (user_id,)
        )
        return int(row["lead_minutes"]) if row is not None else None

    async def reminder_leads(self) -> dict[int, int]:
        """Return every chosen lead time in minutes by user; the others get the default."""
        rows = await self._db.fetch_all("SELECT user_id, lead_minutes FROM reminder_leads")
        return {row["user_id"]: row["lead_minutes"] for row in rows}
