"""Forget one person, purge what is past its retention, and back the database up."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from ._db import Repository, keep_private, to_db_time

# What one person leaves behind, deleted child tables first. Their tips and tickets go whole
# (items, thread, and by trigger the relay's outbox rows and message links); saved sessions,
# reminders and announcement deliveries cascade from `users`.
_FORGET = (
    ("tips", "DELETE FROM tips WHERE user_id = ?"),
    ("tip_drafts", "DELETE FROM tip_drafts WHERE user_id = ?"),
    ("tip_blocked", "DELETE FROM tip_blocked WHERE user_id = ?"),
    ("tip_offers", "DELETE FROM tip_offers WHERE user_id = ?"),
    ("tickets", "DELETE FROM tickets WHERE user_id = ?"),  # messages and relay rows follow
    ("helpdesk_drafts", "DELETE FROM helpdesk_drafts WHERE user_id = ?"),
    ("questions", "DELETE FROM question_log WHERE user_id = ?"),
    ("user", "DELETE FROM users WHERE user_id = ?"),
)


class PrivacyStore(Repository):
    """Delete personal data on request and when its retention runs out."""

    async def forget_user(self, user_id: int) -> dict[str, int]:
        """Delete everything stored about one user; return how many rows went, per kind."""
        counts: dict[str, int] = {}
        async with self._db.transaction() as tx:
            for kind, sql in _FORGET:
                counts[kind] = await tx.execute(sql, (user_id,))
        self._user_changed(user_id)
        return counts

    async def purge_before(
        self, *, questions: datetime | None, closed_tips: datetime | None,
        closed_tickets: datetime | None = None,
    ) -> dict[str, int]:
        """Delete questions asked, closed tips and tickets last changed, before the moments.

        Media offers never answered go with the closed tips: content nobody chose to send is
        kept no longer than content that was sent.
        """
        counts = {"questions": 0, "closed_tips": 0, "tip_offers": 0, "closed_tickets": 0}
        async with self._db.transaction() as tx:
            if questions is not None:
                counts["questions"] = await tx.execute(
                    "DELETE FROM question_log WHERE asked_at < ?", (to_db_time(questions),))
            if closed_tips is not None:
                counts["closed_tips"] = await tx.execute(
                    "DELETE FROM tips WHERE status = 'closed' AND updated_at < ?",
                    (to_db_time(closed_tips),))
                counts["tip_offers"] = await tx.execute(
                    "DELETE FROM tip_offers WHERE tip_id IS NULL AND created_at < ?",
                    (to_db_time(closed_tips),))
            if closed_tickets is not None:  # their messages and relay rows follow
                counts["closed_tickets"] = await tx.execute(
                    "DELETE FROM tickets WHERE status = 'closed' AND closed_at < ?",
                    (to_db_time(closed_tickets),))
        return counts


def backup_database(source: Path, target: Path) -> None:
    """Copy a live database consistently (SQLite's online backup), even while it is written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    keep_private(str(partial))  # a backup holds what the database holds: its owner's eyes only
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, \
            sqlite3.connect(partial) as dst:
        src.backup(dst)
    partial.replace(target)  # a reader never sees a half-written backup


def restore_database(backup: Path, target: Path) -> None:
    """Replace a database with a backup, after checking that the backup is sound."""
    with sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as src:
        (verdict,) = src.execute("PRAGMA integrity_check").fetchone()
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"the backup is damaged: {verdict}")
        with sqlite3.connect(target) as dst:
            src.backup(dst)
