"""Schema of the announcement outbox (version 2)."""

from __future__ import annotations

from ._migrations import Migration

# An announcement is 'scheduled' until its send_at passes, then 'sending' until no delivery is
# pending, then 'done'. Every recipient has one delivery row, written with the announcement in
# one transaction, so a crash can never leave half an audience enqueued.
OUTBOX_MIGRATION = Migration(
    version=2,
    description="announcements and their per-recipient deliveries (the durable outbox)",
    statements=(
        """
        CREATE TABLE announcements (
            id                  INTEGER PRIMARY KEY,
            created_by          INTEGER,
            kind                TEXT NOT NULL DEFAULT 'announcement'
                                CHECK (kind IN ('announcement', 'notice')),
            texts               TEXT NOT NULL,
            default_language    TEXT NOT NULL,
            media_type          TEXT CHECK (media_type IN ('photo', 'document')),
            media_file_id       TEXT,
            audience            TEXT NOT NULL,
            send_at             TEXT,
            created_at          TEXT NOT NULL,
            started_at          TEXT,
            finished_at         TEXT,
            status              TEXT NOT NULL DEFAULT 'sending'
                                CHECK (status IN ('scheduled', 'sending', 'done')),
            progress_chat_id    INTEGER,
            progress_message_id INTEGER
        )
        """,
        "CREATE INDEX announcements_by_status ON announcements (status, send_at)",
        # step counts the messages of a two-part delivery (media, then a long text) already sent.
        """
        CREATE TABLE deliveries (
            id              INTEGER PRIMARY KEY,
            announcement_id INTEGER NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
            user_id         INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
            chat_id         INTEGER NOT NULL,
            language        TEXT NOT NULL,
            status          TEXT NOT NULL DEFAULT 'pending'
                            CHECK (status IN ('pending', 'sent', 'failed', 'blocked')),
            step            INTEGER NOT NULL DEFAULT 0,
            attempts        INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT,
            sent_at         TEXT,
            message_id      INTEGER,
            error           TEXT,
            UNIQUE (announcement_id, user_id)
        )
        """,
        "CREATE INDEX deliveries_pending ON deliveries (announcement_id, id) "
        "WHERE status = 'pending'",
        "CREATE INDEX deliveries_by_user ON deliveries (user_id, status)",
    ),
)
