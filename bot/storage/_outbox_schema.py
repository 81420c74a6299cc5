"""Schema of the announcement outbox (version 2)."""

from __future__ import annotations

from ._migrations import Migration

OUTBOX_MIGRATION = Migration(
    version=2,
    description="announcements and their per-recipient deliveries (the durable outbox)",
    statements=(
        """
        CREATE TABLE announcements (
            id           INTEGER PRIMARY KEY,
            created_by   INTEGER,
            created_at   TEXT NOT NULL
        )
        """,
    ),
)
