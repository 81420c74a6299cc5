"""Store the relay's outbox (tips and tickets to staff chats) and the messages of each thread."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from ._db import Repository, Transaction, from_db_time, to_db_time

_ROW_COLUMNS = (
    "id, channel, thread_id, sender_id, kind, item_id, attempts, timed_out, rejections, "
    "failed_at, last_error"
)


@dataclass(frozen=True, slots=True)
class RelayRow:
    """One outbox row: what to post to a channel's staff chat, for which thread."""

    id: int
    channel: str  # 'tips' (the newsroom) or 'helpdesk'
    thread_id: int  # the tip's or the ticket's id
    sender_id: int  # the user whose rows keep their order
    kind: str  # the channel's own: header, copy, ...
    item_id: int | None
    attempts: int
    timed_out: bool  # an attempt timed out, so a resend may duplicate
    rejections: int = 0  # times the staff chat refused this very row
    given_up: bool = False  # send a notice instead of the row
    last_error: str | None = None


@dataclass(frozen=True, slots=True)
class FailedRelayRow:
    """A row given up on: what it was, why, and whether the notice got through."""

    thread_id: int
    kind: str
    item_id: int | None
    error: str | None
    failed_at: datetime
    notice_sent: bool


def _row(row: sqlite3.Row) -> RelayRow:
    return RelayRow(row["id"], row["channel"], row["thread_id"], row["sender_id"], row["kind"],
                    row["item_id"], row["attempts"], bool(row["timed_out"]), row["rejections"],
                    row["failed_at"] is not None, row["last_error"])


async def enqueue_relay(tx: Transaction, channel: str, thread_id: int, sender_id: int,
                        kind: str, item_id: int | None, now: str) -> int:
    """Queue one row for a channel's staff chat, inside the caller's transaction."""
    return await tx.insert(
        "INSERT INTO relay_outbox (channel, thread_id, sender_id, kind, item_id, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (channel, thread_id, sender_id, kind, item_id, now),
    )


async def mark_relayed(tx: Transaction, row_id: int, chat_id: int, message_id: int | None,
                       more_message_ids: Sequence[int], now: str) -> RelayRow | None:
    """Mark a row sent and link the messages it took to its thread; return the row."""
    await tx.execute(
        "UPDATE relay_outbox SET sent_at = ?, sent_chat_id = ?, sent_message_id = ?, "
        "attempts = attempts + 1 WHERE id = ? AND sent_at IS NULL",
        (now, chat_id, message_id, row_id),
    )
    found = await tx.fetch_one(f"SELECT {_ROW_COLUMNS} FROM relay_outbox WHERE id = ?",
                               (row_id,))
    if found is None:
        return None
    row = _row(found)
    for posted in (*([] if message_id is None else [message_id]), *more_message_ids):
        await link_relay_message(tx, chat_id, posted, row.channel, row.thread_id)
    return row


async def link_relay_message(tx: Transaction, chat_id: int, message_id: int, channel: str,
                             thread_id: int) -> None:
    """Remember that a message (in a staff chat or a private one) belongs to a thread."""
    await tx.execute(
        "INSERT OR REPLACE INTO relay_messages (chat_id, message_id, channel, thread_id) "
        "VALUES (?, ?, ?, ?)",
        (chat_id, message_id, channel, thread_id),
    )


class RelayStore(Repository):
    """Persist the relay's outbox and its thread links; features queue rows in their writes."""

    async def next_relay_row(self, channel: str, now: datetime | None = None) -> RelayRow | None:
        """Return the channel's oldest unsent row that is due and first of its sender's.

        Order holds per sender only: a row waiting out its retry delay holds back the later
        rows of the same sender (a header before its copies, an addition after its tip),
        never anyone else's.
        """
        row = await self._db.fetch_one(
            f"""
            SELECT {_ROW_COLUMNS} FROM relay_outbox AS o
            WHERE o.channel = ? AND o.sent_at IS NULL
              AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)
              AND NOT EXISTS (
                SELECT 1 FROM relay_outbox AS e
                WHERE e.channel = o.channel AND e.sender_id = o.sender_id
                  AND e.sent_at IS NULL AND e.id < o.id)
            ORDER BY o.id LIMIT 1
            """,
            (channel, to_db_time(now) if now is not None else self._timestamp()),
        )
        return _row(row) if row is not None else None

    async def next_relay_attempt_at(self, channel: str) -> datetime | None:
        """Return when the channel's earliest row waiting out a retry delay is due."""
        row = await self._db.fetch_one(
            "SELECT MIN(next_attempt_at) AS at FROM relay_outbox "
            "WHERE channel = ? AND sent_at IS NULL AND next_attempt_at IS NOT NULL",
            (channel,),
        )
        return from_db_time(row["at"]) if row is not None and row["at"] else None

    async def pending_relay_rows(self, channel: str) -> int:
        """Count the channel's rows not sent yet."""
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM relay_outbox WHERE channel = ? AND sent_at IS NULL",
            (channel,),
        )
        return int(row["n"]) if row is not None else 0

    async def relay_failed(self, row_id: int, error: str, *, timed_out: bool,
                           retry_at: datetime | None = None, rejected: bool = False) -> None:
        """Count a failed attempt (error class and Telegram's reason, never content).

        ``retry_at``: the row waits until then; ``rejected``: the staff chat refused this row
        itself (it counts toward giving up), rather than being unreachable.
        """
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE relay_outbox SET attempts = attempts + 1, last_error = ?, "
                "timed_out = MAX(timed_out, ?), rejections = rejections + ?, "
                "next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ?",
                (error[:200], int(timed_out), int(rejected),
                 to_db_time(retry_at) if retry_at is not None else None, row_id),
            )

    async def give_up_relay_row(self, row_id: int) -> None:
        """Stop trying to send a row: it becomes due at once, as a notice to the staff chat."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE relay_outbox SET failed_at = ?, next_attempt_at = NULL "
                "WHERE id = ? AND sent_at IS NULL",
                (self._timestamp(), row_id),
            )

    async def relay_delivered(self, row_id: int, chat_id: int, message_id: int | None,
                              more_message_ids: Sequence[int] = ()) -> None:
        """Mark a row sent (``message_id`` None: nothing could be posted for a row given up on)."""
        async with self._db.transaction() as tx:
            await mark_relayed(tx, row_id, chat_id, message_id, more_message_ids,
                               self._timestamp())

    async def failed_relay_rows(self, channel: str, open_threads_sql: str,
                                limit: int = 30) -> list[FailedRelayRow]:
        """List a channel's rows given up on whose thread is still open, oldest first.

        ``open_threads_sql``: a SELECT of the channel's open thread ids (a constant of the
        feature's store, never user input).
        """
        rows = await self._db.fetch_all(
            f"""
            SELECT thread_id, kind, item_id, last_error, failed_at, sent_message_id
            FROM relay_outbox
            WHERE channel = ? AND failed_at IS NOT NULL AND thread_id IN ({open_threads_sql})
            ORDER BY id LIMIT ?
            """,
            (channel, limit),
        )
        return [FailedRelayRow(row["thread_id"], row["kind"], row["item_id"], row["last_error"],
                               from_db_time(row["failed_at"]),
                               row["sent_message_id"] is not None) for row in rows]

    async def thread_of_message(self, chat_id: int, message_id: int) -> tuple[str, int] | None:
        """Return (channel, thread id) of a message the relay posted or relayed."""
        row = await self._db.fetch_one(
            "SELECT channel, thread_id FROM relay_messages WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        )
        return (str(row["channel"]), int(row["thread_id"])) if row is not None else None

    async def link_to_thread(self, chat_id: int, message_ids: Sequence[int], channel: str,
                             thread_id: int) -> None:
        """Remember that messages (e.g. a staff reply relayed to a user) belong to a thread."""
        async with self._db.transaction() as tx:
            for message_id in message_ids:
                await link_relay_message(tx, chat_id, message_id, channel, thread_id)
