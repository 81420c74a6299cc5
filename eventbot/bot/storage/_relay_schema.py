"""Schema of the relay outbox shared by tips and helpdesk tickets, tip offers, tickets (v8)."""

from __future__ import annotations

from ._migrations import Migration

_OUTBOX_COLUMNS = (
    "id, kind, item_id, attempts, timed_out, rejections, last_error, next_attempt_at, "
    "failed_at, sent_chat_id, sent_message_id, created_at, sent_at"
)

RELAY_MIGRATION = Migration(
    version=8,
    description="one relay outbox for news tips and helpdesk tickets; tip offers; tickets",
    statements=(
        # The durable outbox of every relay to a staff chat, delivered in id order per sender
        # within a channel ('tips' goes to the newsroom, 'helpdesk' to the helpdesk group).
        # thread_id is the tip's or the ticket's id; kind and item_id are the channel's own
        # (a header rendered at send time, a copy of one stored message, ...). The retry
        # columns are version 4's: next_attempt_at (a refused row waits until then),
        # rejections (refusals of this very row), failed_at (given up: a notice goes instead).
        """
        CREATE TABLE relay_outbox (
            id              INTEGER PRIMARY KEY,
            channel         TEXT NOT NULL CHECK (channel IN ('tips', 'helpdesk')),
            thread_id       INTEGER NOT NULL,
            sender_id       INTEGER NOT NULL,
            kind            TEXT NOT NULL,
            item_id         INTEGER,
            attempts        INTEGER NOT NULL DEFAULT 0,
            timed_out       INTEGER NOT NULL DEFAULT 0,
            rejections      INTEGER NOT NULL DEFAULT 0,
            last_error      TEXT,
            next_attempt_at TEXT,
            failed_at       TEXT,
            sent_chat_id    INTEGER,
            sent_message_id INTEGER,
            created_at      TEXT NOT NULL,
            sent_at         TEXT
        )
        """,
        "CREATE INDEX relay_outbox_unsent ON relay_outbox (channel, sender_id, id) "
        "WHERE sent_at IS NULL",
        "CREATE INDEX relay_outbox_by_thread ON relay_outbox (channel, thread_id, id)",
        # Which message belongs to which thread, in both directions: the bot's posts in a staff
        # chat (a staff reply to one finds its thread) and the staff replies it relayed into a
        # private chat (the submitter's reply to one joins the thread).
        """
        CREATE TABLE relay_messages (
            chat_id    INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            channel    TEXT NOT NULL,
            thread_id  INTEGER NOT NULL,
            PRIMARY KEY (chat_id, message_id)
        ) WITHOUT ROWID
        """,
        "CREATE INDEX relay_messages_by_thread ON relay_messages (channel, thread_id)",
        # The newsroom outbox and its message links move over, keeping their ids (the order).
        f"""
        INSERT INTO relay_outbox ({_OUTBOX_COLUMNS}, channel, thread_id, sender_id)
        SELECT o.{_OUTBOX_COLUMNS.replace(", ", ", o.")}, 'tips', o.tip_id, t.user_id
        FROM tip_outbox AS o JOIN tips AS t ON t.id = o.tip_id
        """,
        "INSERT INTO relay_messages (chat_id, message_id, channel, thread_id) "
        "SELECT chat_id, message_id, 'tips', tip_id FROM tip_newsroom_messages",
        "DROP TABLE tip_outbox",
        "DROP TABLE tip_newsroom_messages",
        # The relay's tables name threads of several tables, so no foreign key can cascade:
        # these triggers do, so forgetting a person or a retention purge leaves nothing behind.
        """
        CREATE TRIGGER tips_leave_the_relay AFTER DELETE ON tips BEGIN
            DELETE FROM relay_outbox WHERE channel = 'tips' AND thread_id = OLD.id;
            DELETE FROM relay_messages WHERE channel = 'tips' AND thread_id = OLD.id;
        END
        """,
        # A tip's history gains 'answer': the submitter answered the newsroom in the thread.
        """
        CREATE TABLE tip_thread_v8 (
            id        INTEGER PRIMARY KEY,
            tip_id    INTEGER NOT NULL REFERENCES tips (id) ON DELETE CASCADE,
            event     TEXT NOT NULL
                      CHECK (event IN ('reply', 'close', 'block', 'addition', 'answer')),
            text      TEXT,
            by_user   INTEGER,
            at        TEXT NOT NULL
        )
        """,
        "INSERT INTO tip_thread_v8 SELECT id, tip_id, event, text, by_user, at FROM tip_thread",
        "DROP TABLE tip_thread",
        "ALTER TABLE tip_thread_v8 RENAME TO tip_thread",
        "CREATE INDEX tip_thread_by_tip ON tip_thread (tip_id, id)",
        # Media sent without /tip is not a tip until its sender says yes: it waits here (the
        # message's content as JSON), and "yes" turns it into a tip without re-sending.
        # tip_id: the tip it became (a late album item then joins that tip).
        """
        CREATE TABLE tip_offers (
            id                INTEGER PRIMARY KEY,
            user_id           INTEGER NOT NULL,
            chat_id           INTEGER NOT NULL,
            language          TEXT NOT NULL,
            media_group_id    TEXT,
            prompt_message_id INTEGER,
            tip_id            INTEGER,
            created_at        TEXT NOT NULL
        )
        """,
        "CREATE INDEX tip_offers_by_user ON tip_offers (user_id)",
        """
        CREATE UNIQUE INDEX tip_offers_by_album ON tip_offers (chat_id, media_group_id)
        WHERE media_group_id IS NOT NULL
        """,
        """
        CREATE TABLE tip_offer_items (
            id         INTEGER PRIMARY KEY,
            offer_id   INTEGER NOT NULL REFERENCES tip_offers (id) ON DELETE CASCADE,
            chat_id    INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            content    TEXT NOT NULL,
            UNIQUE (chat_id, message_id)
        )
        """,
        # Helpdesk tickets: the id is the public reference (H-0012). question: the attendee's
        # first words; bot_outcome and bot_items: what the bot had answered (item ids, JSON).
        # One open ticket per attendee: their messages go to it until it is closed.
        """
        CREATE TABLE tickets (
            id               INTEGER PRIMARY KEY,
            user_id          INTEGER NOT NULL,
            chat_id          INTEGER NOT NULL,
            language         TEXT NOT NULL,
            question         TEXT NOT NULL,
            bot_outcome      TEXT,
            bot_items        TEXT,
            status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
            ack_message_id   INTEGER,
            acked_at         TEXT,
            closed_by        TEXT CHECK (closed_by IN ('staff', 'idle')),
            close_note       TEXT,
            created_at       TEXT NOT NULL,
            last_activity_at TEXT NOT NULL,
            closed_at        TEXT
        )
        """,
        "CREATE UNIQUE INDEX tickets_open_per_user ON tickets (user_id) WHERE status = 'open'",
        "CREATE INDEX tickets_by_activity ON tickets (status, last_activity_at)",
        # Every message of a ticket, both ways; (chat_id, message_id) unique so a redelivered
        # update finds its message instead of relaying it twice.
        """
        CREATE TABLE ticket_messages (
            id         INTEGER PRIMARY KEY,
            ticket_id  INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
            direction  TEXT NOT NULL CHECK (direction IN ('attendee', 'helpdesk')),
            chat_id    INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            kind       TEXT NOT NULL,
            text       TEXT,
            latitude   REAL,
            longitude  REAL,
            at         TEXT NOT NULL,
            UNIQUE (chat_id, message_id)
        )
        """,
        "CREATE INDEX ticket_messages_by_ticket ON ticket_messages (ticket_id, id)",
        """
        CREATE TRIGGER tickets_leave_the_relay AFTER DELETE ON tickets BEGIN
            DELETE FROM relay_outbox WHERE channel = 'helpdesk' AND thread_id = OLD.id;
            DELETE FROM relay_messages WHERE channel = 'helpdesk' AND thread_id = OLD.id;
        END
        """,
        # A pending /human: the attendee's next message opens a ticket.
        """
        CREATE TABLE helpdesk_drafts (
            user_id    INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL
        )
        """,
    ),
)
