"""Schema of each user's reminder lead time (version 7)."""

from __future__ import annotations

from ._migrations import Migration

# A row exists only once a user chose: no row means the event's default lead time, and
# lead_minutes = 0 means the user turned reminders off. A table of its own (rather than a
# users column) keeps the choice out of every users query and cascades on forgetting a user.
REMINDER_LEAD_MIGRATION = Migration(
    version=7,
    description="reminder_leads: the lead time each user chose for session reminders",
    statements=(
        """
        CREATE TABLE reminder_leads (
            user_id      INTEGER PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
            lead_minutes INTEGER NOT NULL CHECK (lead_minutes >= 0),
            updated_at   TEXT NOT NULL
        )
        """,
    ),
)
