"""Schema of news tips and their newsroom delivery (version 3)."""

from __future__ import annotations

from ._migrations import Migration

TIPS_MIGRATION = Migration(
    version=3,
    description="news tips, their items, the newsroom outbox and blocked submitters",
    statements=(
        """
        CREATE TABLE tips (
            id           INTEGER PRIMARY KEY,
            user_id      INTEGER NOT NULL,
            created_at   TEXT NOT NULL
        )
        """,
    ),
)
