"""Schema of the durable inbox of received updates (version 5)."""

from __future__ import annotations

from ._migrations import Migration

# One row per update received from Telegram, written before its offset is confirmed (polling)
# or before the webhook answers 200. payload is the update's JSON until it has been handled;
# then done_at is set and payload cleared, and the bare update_id stays a day to recognise a
# redelivery. attempts counts the starts that replayed the update unfinished.
INBOX_MIGRATION = Migration(
    version=5,
    description="the durable inbox of received updates",
    statements=(
        """
        CREATE TABLE inbox (
            update_id   INTEGER PRIMARY KEY,
            payload     TEXT,
            attempts    INTEGER NOT NULL DEFAULT 0,
            received_at TEXT NOT NULL,
            done_at     TEXT
        )
        """,
        "CREATE INDEX inbox_unfinished ON inbox (update_id) WHERE done_at IS NULL",
        "CREATE INDEX inbox_by_done ON inbox (done_at) WHERE done_at IS NOT NULL",
    ),
)
