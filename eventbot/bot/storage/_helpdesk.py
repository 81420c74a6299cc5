"""Store helpdesk tickets, their messages both ways, and pending /human requests."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from eventbot.bot.bounded import remember
from eventbot.bot.tips import TipContent

from ._db import Clock, Database, StorageError, Transaction, from_db_time, to_db_time
from ._relay import RelayStore, enqueue_relay

HELPDESK_CHANNEL = "helpdesk"  # the relay channel that delivers tickets to the helpdesk group
_NO_TICKET_LIMIT = 100_000
_TICKET_COLUMNS = (
    "id, user_id, chat_id, language, question, bot_outcome, bot_items, status, ack_message_id, "
    "acked_at, closed_by, close_note, created_at, last_activity_at"
)


@dataclass(frozen=True, slots=True)
class StoredTicket:
    """One helpdesk ticket as stored."""

    id: int
    user_id: int
    chat_id: int
    language: str
    question: str
    bot_outcome: str | None
    bot_items: str | None  # JSON list of item ids
    status: str  # open or closed
    ack_message_id: int | None
    acked: bool
    closed_by: str | None  # staff or idle
    close_note: str | None
    created_at: datetime
    last_activity_at: datetime


@dataclass(frozen=True, slots=True)
class TicketMessage:
    """One message of a ticket, either way."""

    id: int
    ticket_id: int
    direction: str  # attendee or helpdesk
    chat_id: int
    message_id: int
    kind: str
    text: str | None
    latitude: float | None
    longitude: float | None
    at: datetime


@dataclass(frozen=True, slots=True)
class TicketAdded:
    """The outcome of storing an attendee's message in a ticket."""

    ticket_id: int
    new_ticket: bool
    new_message: bool  # False: stored before (a redelivered update)


def _ticket(row: sqlite3.Row) -> StoredTicket:
    return StoredTicket(
        id=row["id"], user_id=row["user_id"], chat_id=row["chat_id"], language=row["language"],
        question=row["question"], bot_outcome=row["bot_outcome"], bot_items=row["bot_items"],
        status=row["status"], ack_message_id=row["ack_message_id"],
        acked=row["acked_at"] is not None, closed_by=row["closed_by"],
        close_note=row["close_note"], created_at=from_db_time(row["created_at"]),
        last_activity_at=from_db_time(row["last_activity_at"]),
    )


class HelpdeskStore(RelayStore):
    """Persist helpdesk tickets; what the group must see goes through the relay's outbox."""

    def __init__(self, db: Database, now: Clock) -> None:
        super().__init__(db, now)
        # Users known to have no open ticket and no pending /human: nearly everyone.
        self._no_ticket: dict[int, None] = {}

    # -- attendees ----------------------------------------------------------------------

    async def helpdesk_state(self, user_id: int,
                             draft_since: datetime) -> tuple[StoredTicket | None, bool]:
        """Return the user's open ticket and whether a /human started after ``draft_since``."""
        if user_id in self._no_ticket and not self._db.closed:
            return None, False
        row = await self._db.fetch_one(
            f"SELECT {_TICKET_COLUMNS} FROM tickets WHERE user_id = ? AND status = 'open'",
            (user_id,))
        draft = await self._db.fetch_one(
            "SELECT started_at FROM helpdesk_drafts WHERE user_id = ?", (user_id,))
        if row is None and draft is None:
            remember(self._no_ticket, user_id, None, _NO_TICKET_LIMIT)
        pending = draft is not None and draft["started_at"] >= to_db_time(draft_since)
        return (_ticket(row) if row is not None else None), pending

    async def set_helpdesk_draft(self, user_id: int) -> None:
        """Remember that the user's next message is for the helpdesk (/human)."""
        self._no_ticket.pop(user_id, None)
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO helpdesk_drafts (user_id, started_at) VALUES (?, ?) "
                "ON CONFLICT (user_id) DO UPDATE SET started_at = excluded.started_at",
                (user_id, self._timestamp()))

    async def open_ticket(self, user_id: int, language: str, question: str,
                          bot_outcome: str | None, bot_items: str | None,
                          first: TipContent) -> TicketAdded:
        """Store a new ticket with its first message and queue it for the helpdesk group.

        If the attendee has an open ticket already, the message joins it instead; a message
        stored before (a redelivered update) returns its ticket.
        """
        self._no_ticket.pop(user_id, None)
        now = self._timestamp()
        async with self._db.transaction() as tx:
            await tx.execute("DELETE FROM helpdesk_drafts WHERE user_id = ?", (user_id,))
            existing = await self._ticket_of_message(tx, first)
            if existing is not None:
                return TicketAdded(existing, False, False)
            row = await tx.fetch_one(
                "SELECT id FROM tickets WHERE user_id = ? AND status = 'open'", (user_id,))
            if row is not None:
                await self._add_message(tx, int(row["id"]), user_id, first, now)
                return TicketAdded(int(row["id"]), False, True)
            ticket_id = await tx.insert(
                "INSERT INTO tickets (user_id, chat_id, language, question, bot_outcome, "
                "bot_items, created_at, last_activity_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (user_id, first.chat_id, language, question, bot_outcome, bot_items, now, now))
            item_id = await self._insert_message(tx, ticket_id, "attendee", first, now)
            await enqueue_relay(tx, HELPDESK_CHANNEL, ticket_id, user_id, "header", item_id, now)
            if first.kind != "text":  # a text is shown in the header; anything else follows it
                await enqueue_relay(tx, HELPDESK_CHANNEL, ticket_id, user_id, "copy", item_id,
                                    now)
        return TicketAdded(ticket_id, True, True)

    async def add_to_ticket(self, ticket_id: int, content: TipContent) -> TicketAdded:
        """Store an attendee's next message in their open ticket and queue it for the group."""
        now = self._timestamp()
        async with self._db.transaction() as tx:
            existing = await self._ticket_of_message(tx, content)
            if existing is not None:
                return TicketAdded(existing, False, False)
            row = await tx.fetch_one("SELECT user_id FROM tickets WHERE id = ?", (ticket_id,))
            if row is None:
                raise StorageError(f"ticket {ticket_id} vanished")
            await self._add_message(tx, ticket_id, int(row["user_id"]), content, now)
        return TicketAdded(ticket_id, False, True)

    async def mark_ticket_acknowledged(self, ticket_id: int, message_id: int | None) -> None:
        """Record that the attendee was told the reference."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE tickets SET acked_at = ?, ack_message_id = COALESCE(?, ack_message_id) "
                "WHERE id = ?", (self._timestamp(), message_id, ticket_id))

    async def unacknowledged_tickets(self) -> list[StoredTicket]:
        """List tickets stored but never acknowledged (a stop came between), oldest first."""
        rows = await self._db.fetch_all(
            f"SELECT {_TICKET_COLUMNS} FROM tickets WHERE acked_at IS NULL ORDER BY id")
        return [_ticket(row) for row in rows]

    # -- the helpdesk group -------------------------------------------------------------

    async def get_ticket(self, ticket_id: int) -> StoredTicket | None:
        """Return a ticket by id."""
        row = await self._db.fetch_one(
            f"SELECT {_TICKET_COLUMNS} FROM tickets WHERE id = ?", (ticket_id,))
        return _ticket(row) if row is not None else None

    async def ticket_message(self, message_id: int) -> TicketMessage | None:
        """Return one stored message of a ticket by its row id."""
        row = await self._db.fetch_one(
            "SELECT id, ticket_id, direction, chat_id, message_id, kind, text, latitude, "
            "longitude, at FROM ticket_messages WHERE id = ?", (message_id,))
        if row is None:
            return None
        return TicketMessage(row["id"], row["ticket_id"], row["direction"], row["chat_id"],
                             row["message_id"], row["kind"], row["text"], row["latitude"],
                             row["longitude"], from_db_time(row["at"]))

    async def record_helpdesk_reply(self, ticket_id: int, content: TipContent) -> bool:
        """Record a staff reply relayed to the attendee; reopen the ticket if it was closed.

        Returns whether the ticket is open now (it stays closed if the attendee has opened
        another one since).
        """
        now = self._timestamp()
        async with self._db.transaction() as tx:
            if await self._ticket_of_message(tx, content) is None:
                await self._insert_message(tx, ticket_id, "helpdesk", content, now)
            row = await tx.fetch_one("SELECT user_id FROM tickets WHERE id = ?", (ticket_id,))
            if row is None:
                return False
            self._no_ticket.pop(int(row["user_id"]), None)
            await tx.execute(
                """
                UPDATE tickets SET status = 'open', closed_by = NULL, closed_at = NULL,
                    last_activity_at = ?
                WHERE id = ? AND (status = 'open' OR NOT EXISTS (
                    SELECT 1 FROM tickets WHERE user_id = ? AND status = 'open'))
                """,
                (now, ticket_id, int(row["user_id"])))
            state = await tx.fetch_one("SELECT status FROM tickets WHERE id = ?", (ticket_id,))
        return state is not None and state["status"] == "open"

    async def close_ticket(self, ticket_id: int, by: str, note: str | None = None) -> bool:
        """Close an open ticket; False if it was closed already.

        Closed for being idle, it also queues a line telling the helpdesk group so.
        """
        now = self._timestamp()
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE tickets SET status = 'closed', closed_by = ?, close_note = ?, "
                "closed_at = ? WHERE id = ? AND status = 'open'",
                (by, note, now, ticket_id))
            if changed and by == "idle":
                row = await tx.fetch_one("SELECT user_id FROM tickets WHERE id = ?",
                                         (ticket_id,))
                assert row is not None
                await enqueue_relay(tx, HELPDESK_CHANNEL, ticket_id, int(row["user_id"]),
                                    "idle", None, now)
        return changed > 0

    async def idle_tickets(self, quiet_since: datetime) -> list[StoredTicket]:
        """List open tickets with no message either way since ``quiet_since``."""
        rows = await self._db.fetch_all(
            f"SELECT {_TICKET_COLUMNS} FROM tickets WHERE status = 'open' "
            "AND last_activity_at < ? ORDER BY id", (to_db_time(quiet_since),))
        return [_ticket(row) for row in rows]

    # -- helpers ------------------------------------------------------------------------

    async def _ticket_of_message(self, tx: Transaction, content: TipContent) -> int | None:
        row = await tx.fetch_one(
            "SELECT ticket_id FROM ticket_messages WHERE chat_id = ? AND message_id = ?",
            (content.chat_id, content.message_id))
        return int(row["ticket_id"]) if row is not None else None

    async def _add_message(self, tx: Transaction, ticket_id: int, user_id: int,
                           content: TipContent, now: str) -> None:
        """Store a follow-up and queue it: a text in one post, anything else announced, copied."""
        item_id = await self._insert_message(tx, ticket_id, "attendee", content, now)
        if content.kind == "text":
            await enqueue_relay(tx, HELPDESK_CHANNEL, ticket_id, user_id, "said", item_id, now)
        else:
            await enqueue_relay(tx, HELPDESK_CHANNEL, ticket_id, user_id, "sent", item_id, now)
            await enqueue_relay(tx, HELPDESK_CHANNEL, ticket_id, user_id, "copy", item_id, now)
        await tx.execute("UPDATE tickets SET last_activity_at = ? WHERE id = ?",
                         (now, ticket_id))

    async def _insert_message(self, tx: Transaction, ticket_id: int, direction: str,
                              content: TipContent, now: str) -> int:
        return await tx.insert(
            "INSERT INTO ticket_messages (ticket_id, direction, chat_id, message_id, kind, "
            "text, latitude, longitude, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (ticket_id, direction, content.chat_id, content.message_id, content.kind,
             content.text, content.latitude, content.longitude, now))
