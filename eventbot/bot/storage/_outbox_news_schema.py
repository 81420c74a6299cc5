"""Schema of the announcements' /news flag (version 6)."""

from __future__ import annotations

from ._migrations import Migration

# Organisers may keep an announcement out of the attendees' /news list; everything already
# stored (announcements and schedule-change notices) stays listed, hence the default 1.
OUTBOX_NEWS_MIGRATION = Migration(
    version=6,
    description="announcements.in_news: whether /news lists the announcement",
    statements=(
        "ALTER TABLE announcements ADD COLUMN in_news INTEGER NOT NULL DEFAULT 1 "
        "CHECK (in_news IN (0, 1))",
    ),
)
