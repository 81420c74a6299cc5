"""Numbered schema migrations, applied in order at open and never edited once released."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    """One forward-only schema step: the version it produces and the statements that get there."""

    version: int
    description: str
    statements: tuple[str, ...]


# Timestamps are ISO 8601 text in UTC with microseconds ("2025-06-01T09:30:00.000000+00:00"):
# fixed width, so comparing the text orders by instant, and readable in the sqlite3 shell.
# To add a table, append a Migration with the next version; never edit a released entry,
# because databases already at that version would silently skip the change. Features keep
# their schema in their own module (version 2: the announcement outbox; 3: news tips;
# 4: per-row retries of the newsroom outbox; 5: the inbox of received updates;
# 6: the announcements' /news flag; 7: each user's reminder lead time;
# 8: the relay outbox shared by tips and helpdesk tickets, tip offers, tickets).
V1_BASE: tuple[Migration, ...] = (
    Migration(
        version=1,
        description="users, saved sessions, reminders sent, question log, meta",
        statements=(
            """
            CREATE TABLE users (
                user_id           INTEGER PRIMARY KEY,
                chat_id           INTEGER NOT NULL,
                language          TEXT,
                telegram_language TEXT,
                username          TEXT,
                first_name        TEXT,
                first_seen        TEXT NOT NULL,
                last_seen         TEXT NOT NULL,
                active            INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
            )
            """,
            "CREATE INDEX users_by_active_language ON users (active, language)",
            # The rowid (id) keeps the order in which sessions were saved.
            """
            CREATE TABLE saved_sessions (
                id       INTEGER PRIMARY KEY,
                user_id  INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
                item_id  TEXT NOT NULL,
                saved_at TEXT NOT NULL,
                UNIQUE (user_id, item_id)
            )
            """,
            "CREATE INDEX saved_sessions_by_item ON saved_sessions (item_id)",
            # starts_at is part of the key so a session moved to a new time earns a new reminder.
            """
            CREATE TABLE reminders_sent (
                user_id   INTEGER NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
                item_id   TEXT NOT NULL,
                starts_at TEXT NOT NULL,
                sent_at   TEXT NOT NULL,
                PRIMARY KEY (user_id, item_id, starts_at)
            ) WITHOUT ROWID
            """,
            # user_id is SET NULL on delete so forgetting a user keeps the anonymous statistics.
            """
            CREATE TABLE question_log (
                id           INTEGER PRIMARY KEY,
                user_id      INTEGER REFERENCES users (user_id) ON DELETE SET NULL,
                question     TEXT NOT NULL,
                question_key TEXT NOT NULL,
                language     TEXT,
                outcome      TEXT NOT NULL,
                matched_id   TEXT,
                asked_at     TEXT NOT NULL
            )
            """,
            "CREATE INDEX question_log_by_time ON question_log (asked_at)",
            "CREATE INDEX question_log_by_outcome ON question_log (outcome, asked_at)",
            "CREATE INDEX question_log_by_user ON question_log (user_id)",
            """
            CREATE TABLE meta (
                key        TEXT PRIMARY KEY,
                value      TEXT NOT NULL,
                updated_at TEXT NOT NULL
            ) WITHOUT ROWID
            """,
        ),
    ),
)


def _all() -> tuple[Migration, ...]:
    from ._inbox_schema import INBOX_MIGRATION
    from ._outbox_news_schema import OUTBOX_NEWS_MIGRATION
    from ._outbox_schema import OUTBOX_MIGRATION
    from ._relay_schema import RELAY_MIGRATION
    from ._reminder_lead_schema import REMINDER_LEAD_MIGRATION
    from ._tips_retry_schema import TIPS_RETRY_MIGRATION
    from ._tips_schema import TIPS_MIGRATION

    return (*V1_BASE, OUTBOX_MIGRATION, TIPS_MIGRATION, TIPS_RETRY_MIGRATION, INBOX_MIGRATION,
            OUTBOX_NEWS_MIGRATION, REMINDER_LEAD_MIGRATION, RELAY_MIGRATION)


MIGRATIONS: tuple[Migration, ...] = _all()
