"""Schema of news tips and their newsroom delivery (version 3)."""

from __future__ import annotations

from ._migrations import Migration

TIPS_MIGRATION = Migration(
    version=3,
    description="news tips, their items, the newsroom outbox and blocked submitters",
    statements=(
        # The id is the public reference number (T-0042). album_open: an album still collecting
        # items, not yet queued for the newsroom nor acknowledged.
        """
        CREATE TABLE tips (
            id             INTEGER PRIMARY KEY,
            user_id        INTEGER NOT NULL,
            chat_id        INTEGER NOT NULL,
            language       TEXT NOT NULL,
            status         TEXT NOT NULL DEFAULT 'received'
                           CHECK (status IN ('received', 'delivered', 'replied', 'closed')),
            media_group_id TEXT,
            album_open     INTEGER NOT NULL DEFAULT 0 CHECK (album_open IN (0, 1)),
            ack_message_id INTEGER,
            acked_at       TEXT,
            close_note     TEXT,
            created_at     TEXT NOT NULL,
            updated_at     TEXT NOT NULL
        )
        """,
        "CREATE INDEX tips_by_user ON tips (user_id, created_at)",
        "CREATE INDEX tips_by_status ON tips (status, id)",
        """
        CREATE UNIQUE INDEX tips_by_album ON tips (chat_id, media_group_id)
        WHERE media_group_id IS NOT NULL
        """,
        # One row per message; (chat_id, message_id) unique so a redelivered update after a
        # crash finds its tip instead of making a second one.
        """
        CREATE TABLE tip_items (
            id             INTEGER PRIMARY KEY,
            tip_id         INTEGER NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
            chat_id        INTEGER NOT NULL,
            message_id     INTEGER NOT NULL,
            kind           TEXT NOT NULL,
            text           TEXT,
            forward_origin TEXT,
            forward_date   TEXT,
            media_group_id TEXT,
            file_id        TEXT,
            file_unique_id TEXT,
            file_name      TEXT,
            mime_type      TEXT,
            file_size      INTEGER,
            latitude       REAL,
            longitude      REAL,
            contact        TEXT,
            extra          TEXT,
            note           TEXT,
            received_at    TEXT NOT NULL,
            UNIQUE (chat_id, message_id)
        )
        """,
        "CREATE INDEX tip_items_by_tip ON tip_items (tip_id, id)",
        # The durable newsroom outbox, delivered strictly in id order. kind 'header' renders
        # the tip's header at send time, 'addition' the header of a later addition, 'copy'
        # copies one item. timed_out: an attempt timed out, so a resend may duplicate.
        """
        CREATE TABLE tip_outbox (
            id              INTEGER PRIMARY KEY,
            tip_id          INTEGER NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
            item_id         INTEGER REFERENCES tip_items (id) ON DELETE CASCADE,
            kind            TEXT NOT NULL CHECK (kind IN ('header', 'addition', 'copy')),
            attempts        INTEGER NOT NULL DEFAULT 0,
            timed_out       INTEGER NOT NULL DEFAULT 0,
            last_error      TEXT,
            sent_chat_id    INTEGER,
            sent_message_id INTEGER,
            created_at      TEXT NOT NULL,
            sent_at         TEXT
        )
        """,
        "CREATE INDEX tip_outbox_pending ON tip_outbox (sent_at, id)",
        # Which newsroom message belongs to which tip, so a reply finds its submitter.
        """
        CREATE TABLE tip_newsroom_messages (
            chat_id    INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            tip_id     INTEGER NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
            PRIMARY KEY (chat_id, message_id)
        ) WITHOUT ROWID
        """,
        """
        CREATE TABLE tip_thread (
            id        INTEGER PRIMARY KEY,
            tip_id    INTEGER NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
            event     TEXT NOT NULL CHECK (event IN ('reply', 'close', 'block', 'addition')),
            text      TEXT,
            by_user   INTEGER,
            at        TEXT NOT NULL
        )
        """,
        "CREATE INDEX tip_thread_by_tip ON tip_thread (tip_id, id)",
        """
        CREATE TABLE tip_blocked (
            user_id    INTEGER PRIMARY KEY,
            tip_id     INTEGER NOT NULL,
            blocked_at TEXT NOT NULL
        )
        """,
        # A pending /tip: the next message becomes a tip (tip_id NULL) or joins tip_id.
        """
        CREATE TABLE tip_drafts (
            user_id    INTEGER PRIMARY KEY,
            tip_id     INTEGER,
            started_at TEXT NOT NULL
        )
        """,
    ),
)
