"""Store news tips, their items, newsroom delivery and blocked submitters."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eventbot.bot.bounded import remember
from eventbot.bot.tips import TipContent

from ._db import Clock, Database, Repository, Transaction, from_db_time, to_db_time

_NO_DRAFT_LIMIT = 100_000
_TIP_COLUMNS = (
    "id, user_id, chat_id, language, status, media_group_id, album_open, ack_message_id, "
    "acked_at, close_note, created_at, updated_at"
)
_ITEM_COLUMNS = (
    "id, tip_id, chat_id, message_id, kind, text, forward_origin, forward_date, media_group_id, "
    "file_id, file_unique_id, file_name, mime_type, file_size, latitude, longitude, contact, "
    "extra, note, received_at"
)


@dataclass(frozen=True, slots=True)
class StoredTip:
    """One tip as stored."""

    id: int
    user_id: int
    chat_id: int
    language: str
    status: str
    media_group_id: str | None
    album_open: bool
    ack_message_id: int | None
    acked: bool
    close_note: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class StoredTipItem:
    """One message of a tip as stored."""

    id: int
    tip_id: int
    chat_id: int
    message_id: int
    kind: str
    text: str | None
    forward_origin: dict[str, Any] | None
    forward_date: datetime | None
    media_group_id: str | None
    file_id: str | None
    file_unique_id: str | None
    file_name: str | None
    mime_type: str | None
    file_size: int | None
    latitude: float | None
    longitude: float | None
    contact: dict[str, Any] | None
    extra: dict[str, Any] | None
    note: str | None
    received_at: datetime

    def as_json(self) -> dict[str, Any]:
        """Return the item as JSON-ready data (for the archive export)."""
        return {
            "message_id": self.message_id, "kind": self.kind, "text": self.text,
            "forward_origin": self.forward_origin,
            "forward_date": self.forward_date.isoformat() if self.forward_date else None,
            "media_group_id": self.media_group_id,
            "file": None if self.file_id is None else {
                "file_id": self.file_id, "file_unique_id": self.file_unique_id,
                "file_name": self.file_name, "mime_type": self.mime_type,
                "file_size": self.file_size,
            },
            "location": None if self.latitude is None else {
                "latitude": self.latitude, "longitude": self.longitude},
            "contact": self.contact, "extra": self.extra, "note": self.note,
            "received_at": self.received_at.isoformat(),
        }


@dataclass(frozen=True, slots=True)
class TipDelivery:
    """The next newsroom outbox row to send."""

    id: int
    tip_id: int
    kind: str  # header, addition or copy
    item: StoredTipItem | None
    attempts: int
    timed_out: bool
    rejections: int = 0  # times the newsroom refused this very row
    given_up: bool = False  # send the newsroom a notice instead of the row
    last_error: str | None = None


@dataclass(frozen=True, slots=True)
class FailedTipDelivery:
    """An outbox row given up on: what it was, why, and whether the notice got through."""

    tip_id: int
    kind: str
    item_kind: str | None
    error: str | None
    failed_at: datetime
    notice_sent: bool


@dataclass(frozen=True, slots=True)
class TipThreadEntry:
    """One event in a tip's history: a newsroom reply, an addition, the close, a block."""

    event: str
    text: str | None
    at: datetime


@dataclass(frozen=True, slots=True)
class TipAdded:
    """The outcome of storing a message as a tip or as part of one."""

    tip_id: int
    item_id: int
    new_item: bool  # False: this message was stored before (a redelivered update)


def _tip(row: sqlite3.Row) -> StoredTip:
    return StoredTip(
        id=row["id"], user_id=row["user_id"], chat_id=row["chat_id"], language=row["language"],
        status=row["status"], media_group_id=row["media_group_id"],
        album_open=bool(row["album_open"]), ack_message_id=row["ack_message_id"],
        acked=row["acked_at"] is not None, close_note=row["close_note"],
        created_at=from_db_time(row["created_at"]),
    )


def _loads(text: str | None) -> dict[str, Any] | None:
    return json.loads(text) if text else None


def _item(row: sqlite3.Row) -> StoredTipItem:
    return StoredTipItem(
        id=row["id"], tip_id=row["tip_id"], chat_id=row["chat_id"],
        message_id=row["message_id"], kind=row["kind"], text=row["text"],
        forward_origin=_loads(row["forward_origin"]),
        forward_date=from_db_time(row["forward_date"]) if row["forward_date"] else None,
        media_group_id=row["media_group_id"], file_id=row["file_id"],
        file_unique_id=row["file_unique_id"], file_name=row["file_name"],
        mime_type=row["mime_type"], file_size=row["file_size"], latitude=row["latitude"],
        longitude=row["longitude"], contact=_loads(row["contact"]), extra=_loads(row["extra"]),
        note=row["note"],
        received_at=from_db_time(row["received_at"]),
    )


class TipStore(Repository):
    """Persist news tips, their items, newsroom delivery and blocked submitters."""

    def __init__(self, db: Database, now: Clock) -> None:
        super().__init__(db, now)
        # Users known to have no pending /tip: every plain text asks, almost all have none.
        self._no_tip_draft: dict[int, None] = {}

    # -- submitting ---------------------------------------------------------------------

    async def create_tip(self, user_id: int, language: str, content: TipContent) -> TipAdded:
        """Store a new tip with its first item; queue it for the newsroom unless an album.

        An album's first item opens the tip; ``settle_album`` queues it once complete.
        A message stored before (a redelivered update) returns its existing tip.
        """
        now = self._timestamp()
        album = content.media_group_id is not None
        async with self._db.transaction() as tx:
            existing = await self._existing_item(tx, content)
            if existing is not None:
                return existing
            tip_id = await tx.insert(
                """
                INSERT INTO tips (user_id, chat_id, language, media_group_id, album_open,
                                  created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
                (user_id, content.chat_id, language, content.media_group_id, int(album),
                 now, now),
            )
            item_id = await self._insert_item(tx, tip_id, content, now)
            if not album:
                await self._enqueue(tx, tip_id, "header", None, now)
                await self._enqueue(tx, tip_id, "copy", item_id, now)
        return TipAdded(tip_id, item_id, True)

    async def add_to_tip(self, tip_id: int, content: TipContent, *, addition: bool) -> TipAdded:
        """Store one more item of a tip: an album item (queued when the album settles, unless
        it already has) or a submitter's addition (queued now behind an addition header)."""
        now = self._timestamp()
        async with self._db.transaction() as tx:
            existing = await self._existing_item(tx, content)
            if existing is not None:
                return existing
            item_id = await self._insert_item(tx, tip_id, content, now)
            row = await tx.fetch_one("SELECT album_open FROM tips WHERE id = ?", (tip_id,))
            if row is not None and not row["album_open"]:
                if addition:
                    await self._enqueue(tx, tip_id, "addition", None, now)
                    await tx.execute(
                        "INSERT INTO tip_thread (tip_id, event, text, at) VALUES (?, ?, ?, ?)",
                        (tip_id, "addition", content.kind, now),
                    )
                await self._enqueue(tx, tip_id, "copy", item_id, now)
            await tx.execute("UPDATE tips SET updated_at = ? WHERE id = ?", (now, tip_id))
        return TipAdded(tip_id, item_id, True)

    async def settle_album(self, tip_id: int) -> bool:
        """Queue a complete album for the newsroom; True only for the call that did it."""
        now = self._timestamp()
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                "UPDATE tips SET album_open = 0, updated_at = ? WHERE id = ? AND album_open = 1",
                (now, tip_id),
            )
            if not changed:
                return False
            await self._enqueue(tx, tip_id, "header", None, now)
            for row in await tx.fetch_all(
                "SELECT id FROM tip_items WHERE tip_id = ? ORDER BY id", (tip_id,)
            ):
                await self._enqueue(tx, tip_id, "copy", row["id"], now)
        return True

    async def open_albums(self) -> list[StoredTip]:
        """List albums left unsettled (the bot stopped while they arrived), oldest first."""
        rows = await self._db.fetch_all(
            f"SELECT {_TIP_COLUMNS} FROM tips WHERE album_open = 1 ORDER BY id"
        )
        return [_tip(row) for row in rows]

    async def unacknowledged_tips(self) -> list[StoredTip]:
        """List settled tips whose acknowledgement was never recorded, oldest first."""
        rows = await self._db.fetch_all(
            f"SELECT {_TIP_COLUMNS} FROM tips WHERE album_open = 0 AND acked_at IS NULL "
            "ORDER BY id"
        )
        return [_tip(row) for row in rows]

    async def album_tip(self, chat_id: int, media_group_id: str) -> StoredTip | None:
        """Return the tip an album belongs to, if it has one."""
        # Through the items: an album sent as an addition belongs to the tip it was added to.
        row = await self._db.fetch_one(
            f"SELECT {_TIP_COLUMNS} FROM tips WHERE id = (SELECT tip_id FROM tip_items "
            "WHERE chat_id = ? AND media_group_id = ? ORDER BY id LIMIT 1)",
            (chat_id, media_group_id),
        )
        return _tip(row) if row is not None else None

    async def mark_acknowledged(self, tip_id: int, ack_message_id: int | None) -> None:
        """Record that the submitter was told the reference (and which message told them)."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE tips SET acked_at = ?, ack_message_id = COALESCE(?, ack_message_id) "
                "WHERE id = ?",
                (self._timestamp(), ack_message_id, tip_id),
            )

    async def tip_by_ack(self, chat_id: int, message_id: int) -> StoredTip | None:
        """Return the tip whose acknowledgement is this message."""
        row = await self._db.fetch_one(
            f"SELECT {_TIP_COLUMNS} FROM tips WHERE chat_id = ? AND ack_message_id = ?",
            (chat_id, message_id),
        )
        return _tip(row) if row is not None else None

    async def count_tips_since(self, user_id: int, since: datetime) -> int:
        """Count the tips a submitter opened at or after ``since``."""
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM tips WHERE user_id = ? AND created_at >= ?",
            (user_id, to_db_time(since)),
        )
        return int(row["n"]) if row is not None else 0

    async def set_tip_draft(self, user_id: int, tip_id: int | None) -> None:
        """Remember that the user's next message is a tip (or an addition to ``tip_id``)."""
        self._no_tip_draft.pop(user_id, None)
        async with self._db.transaction() as tx:
            await tx.execute(
                """
                INSERT INTO tip_drafts (user_id, tip_id, started_at) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET
                    tip_id = excluded.tip_id, started_at = excluded.started_at
                """,
                (user_id, tip_id, self._timestamp()),
            )

    async def tip_draft(self, user_id: int, since: datetime) -> tuple[bool, int | None]:
        """Return (open, tip_id) of the user's pending /tip started at or after ``since``."""
        if user_id in self._no_tip_draft and not self._db.closed:
            return (False, None)
        row = await self._db.fetch_one(
            "SELECT tip_id, started_at FROM tip_drafts WHERE user_id = ?", (user_id,)
        )
        if row is None:
            remember(self._no_tip_draft, user_id, None, _NO_DRAFT_LIMIT)
            return (False, None)
        if row["started_at"] < to_db_time(since):  # fixed-width UTC text sorts by instant
            return (False, None)
        return (True, row["tip_id"])

    async def clear_tip_draft(self, user_id: int) -> None:
        """Forget the user's pending /tip."""
        async with self._db.transaction() as tx:
            await tx.execute("DELETE FROM tip_drafts WHERE user_id = ?", (user_id,))
        remember(self._no_tip_draft, user_id, None, _NO_DRAFT_LIMIT)

    async def logged_question_text(self, log_id: int, user_id: int) -> str | None:
        """Return the text of a logged question, only if ``user_id`` asked it."""
        row = await self._db.fetch_one(
            "SELECT question FROM question_log WHERE id = ? AND user_id = ?", (log_id, user_id)
        )
        return str(row["question"]) if row is not None else None

    # -- reading ------------------------------------------------------------------------

    async def get_tip(self, tip_id: int) -> StoredTip | None:
        """Return a tip by id."""
        row = await self._db.fetch_one(f"SELECT {_TIP_COLUMNS} FROM tips WHERE id = ?", (tip_id,))
        return _tip(row) if row is not None else None

    async def tip_items(self, tip_id: int) -> list[StoredTipItem]:
        """List a tip's items in arrival order."""
        rows = await self._db.fetch_all(
            f"SELECT {_ITEM_COLUMNS} FROM tip_items WHERE tip_id = ? ORDER BY id", (tip_id,)
        )
        return [_item(row) for row in rows]

    async def tips_of_user(self, user_id: int, limit: int = 20) -> list[StoredTip]:
        """List a submitter's latest tips, newest first."""
        rows = await self._db.fetch_all(
            f"SELECT {_TIP_COLUMNS} FROM tips WHERE user_id = ? ORDER BY id DESC LIMIT ?",
            (user_id, limit),
        )
        return [_tip(row) for row in rows]

    async def open_tips(self, limit: int = 30) -> list[StoredTip]:
        """List tips not closed yet, oldest first."""
        rows = await self._db.fetch_all(
            f"SELECT {_TIP_COLUMNS} FROM tips WHERE status != 'closed' ORDER BY id LIMIT ?",
            (limit,),
        )
        return [_tip(row) for row in rows]

    async def all_tips(self) -> list[StoredTip]:
        """List every tip, oldest first (for the archive export)."""
        rows = await self._db.fetch_all(f"SELECT {_TIP_COLUMNS} FROM tips ORDER BY id")
        return [_tip(row) for row in rows]

    async def tip_thread(self, tip_id: int) -> list[TipThreadEntry]:
        """List a tip's history: replies, additions, close and block, oldest first."""
        rows = await self._db.fetch_all(
            "SELECT event, text, at FROM tip_thread WHERE tip_id = ? ORDER BY id", (tip_id,)
        )
        return [TipThreadEntry(row["event"], row["text"], from_db_time(row["at"])) for row in rows]

    # -- the newsroom -------------------------------------------------------------------

    async def next_tip_delivery(self, now: datetime | None = None) -> TipDelivery | None:
        """Return the oldest unsent outbox row that is due and first of its submitter's.

        Order holds per submitter only: a row waiting out its retry delay holds back the later
        rows of the same submitter (a header before its copies, an addition after its tip),
        never anyone else's.
        """
        row = await self._db.fetch_one(
            """
            SELECT o.id, o.tip_id, o.item_id, o.kind, o.attempts, o.timed_out, o.rejections,
                   o.failed_at, o.last_error
            FROM tip_outbox AS o JOIN tips AS t ON t.id = o.tip_id
            WHERE o.sent_at IS NULL AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= ?)
              AND NOT EXISTS (
                SELECT 1 FROM tip_outbox AS e JOIN tips AS u ON u.id = e.tip_id
                WHERE e.sent_at IS NULL AND e.id < o.id AND u.user_id = t.user_id)
            ORDER BY o.id LIMIT 1
            """,
            (to_db_time(now) if now is not None else self._timestamp(),),
        )
        if row is None:
            return None
        item = None
        if row["item_id"] is not None:
            found = await self._db.fetch_one(
                f"SELECT {_ITEM_COLUMNS} FROM tip_items WHERE id = ?", (row["item_id"],)
            )
            item = _item(found) if found is not None else None
        return TipDelivery(row["id"], row["tip_id"], row["kind"], item, row["attempts"],
                           bool(row["timed_out"]), row["rejections"],
                           row["failed_at"] is not None, row["last_error"])

    async def next_tip_attempt_at(self) -> datetime | None:
        """Return when the earliest outbox row waiting out a retry delay is due."""
        row = await self._db.fetch_one(
            "SELECT MIN(next_attempt_at) AS at FROM tip_outbox "
            "WHERE sent_at IS NULL AND next_attempt_at IS NOT NULL"
        )
        return from_db_time(row["at"]) if row is not None and row["at"] else None

    async def addition_item(self, delivery_id: int) -> StoredTipItem | None:
        """Return the item an 'addition' outbox row announces (the tip's next queued copy)."""
        row = await self._db.fetch_one(
            f"SELECT {', '.join('i.' + c for c in _ITEM_COLUMNS.split(', '))} "
            "FROM tip_outbox AS o JOIN tip_outbox AS n ON n.tip_id = o.tip_id AND n.id > o.id "
            "JOIN tip_items AS i ON i.id = n.item_id "
            "WHERE o.id = ? AND n.kind = 'copy' ORDER BY n.id LIMIT 1",
            (delivery_id,),
        )
        return _item(row) if row is not None else None

    async def pending_tip_deliveries(self) -> int:
        """Count outbox rows not sent yet."""
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM tip_outbox WHERE sent_at IS NULL"
        )
        return int(row["n"]) if row is not None else 0

    async def tip_delivery_failed(self, delivery_id: int, error: str, *, timed_out: bool,
                                  retry_at: datetime | None = None,
                                  rejected: bool = False) -> None:
        """Count a failed attempt (error class and Telegram's reason, never content).

        ``retry_at``: the row waits until then; ``rejected``: the newsroom refused this row
        itself (it counts toward giving up), rather than being unreachable.
        """
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE tip_outbox SET attempts = attempts + 1, last_error = ?, "
                "timed_out = MAX(timed_out, ?), rejections = rejections + ?, "
                "next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ?",
                (error[:200], int(timed_out), int(rejected),
                 to_db_time(retry_at) if retry_at is not None else None, delivery_id),
            )

    async def give_up_tip_delivery(self, delivery_id: int) -> None:
        """Stop trying to send a row: it becomes due at once, as a notice to the newsroom."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE tip_outbox SET failed_at = ?, next_attempt_at = NULL "
                "WHERE id = ? AND sent_at IS NULL",
                (self._timestamp(), delivery_id),
            )

    async def failed_tip_deliveries(self, limit: int = 30) -> list[FailedTipDelivery]:
        """List rows given up on, of tips not closed yet, oldest first."""
        rows = await self._db.fetch_all(
            """
            SELECT o.tip_id, o.kind, i.kind AS item_kind, o.last_error, o.failed_at,
                   o.sent_message_id
            FROM tip_outbox AS o JOIN tips AS t ON t.id = o.tip_id
            LEFT JOIN tip_items AS i ON i.id = o.item_id
            WHERE o.failed_at IS NOT NULL AND t.status != 'closed'
            ORDER BY o.id LIMIT ?
            """,
            (limit,),
        )
        return [FailedTipDelivery(row["tip_id"], row["kind"], row["item_kind"],
                                  row["last_error"], from_db_time(row["failed_at"]),
                                  row["sent_message_id"] is not None) for row in rows]

    async def tip_delivered(self, delivery_id: int, chat_id: int, message_id: int | None,
                            more_message_ids: Sequence[int] = ()) -> None:
        """Mark one outbox row sent; a tip with nothing left to send becomes 'delivered'.

        ``message_id`` None: nothing could be posted for a row given up on (it stays listed
        by /tips). ``more_message_ids``: further messages of the same row (a long text split).
        """
        now = self._timestamp()
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE tip_outbox SET sent_at = ?, sent_chat_id = ?, sent_message_id = ?, "
                "attempts = attempts + 1 WHERE id = ? AND sent_at IS NULL",
                (now, chat_id, message_id, delivery_id),
            )
            row = await tx.fetch_one("SELECT tip_id FROM tip_outbox WHERE id = ?",
                                     (delivery_id,))
            if row is None:
                return
            tip_id = row["tip_id"]
            posted = [*([] if message_id is None else [message_id]), *more_message_ids]
            for posted_id in posted:
                await tx.execute(
                    "INSERT OR REPLACE INTO tip_newsroom_messages (chat_id, message_id, tip_id) "
                    "VALUES (?, ?, ?)",
                    (chat_id, posted_id, tip_id),
                )
            await tx.execute(
                """
                UPDATE tips SET status = 'delivered', updated_at = ?
                WHERE id = ? AND status = 'received' AND album_open = 0 AND NOT EXISTS (
                    SELECT 1 FROM tip_outbox WHERE tip_id = ? AND sent_at IS NULL)
                """,
                (now, tip_id, tip_id),
            )

    async def tip_of_newsroom_message(self, chat_id: int, message_id: int) -> int | None:
        """Return the tip a newsroom message (a header or a copy) belongs to."""
        row = await self._db.fetch_one(
            "SELECT tip_id FROM tip_newsroom_messages WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        )
        return int(row["tip_id"]) if row is not None else None

    async def record_tip_event(self, tip_id: int, event: str, text: str | None,
                               by_user: int | None) -> None:
        """Add a reply, close or block to a tip's history and update its status."""
        now = self._timestamp()
        status = {"reply": "replied", "close": "closed"}.get(event)
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO tip_thread (tip_id, event, text, by_user, at) VALUES (?, ?, ?, ?, ?)",
                (tip_id, event, text, by_user, now),
            )
            if status == "closed":
                await tx.execute(
                    "UPDATE tips SET status = 'closed', close_note = ?, updated_at = ? "
                    "WHERE id = ?", (text, now, tip_id),
                )
            elif status == "replied":
                await tx.execute(
                    "UPDATE tips SET status = 'replied', updated_at = ? "
                    "WHERE id = ? AND status != 'closed'", (now, tip_id),
                )

    async def block_tip_submitter(self, tip_id: int) -> bool:
        """Refuse future tips from the submitter of ``tip_id``; False if unknown or already."""
        async with self._db.transaction() as tx:
            added = await tx.execute(
                "INSERT OR IGNORE INTO tip_blocked (user_id, tip_id, blocked_at) "
                "SELECT user_id, id, ? FROM tips WHERE id = ?",
                (self._timestamp(), tip_id),
            )
        return added > 0

    async def tip_submitter_blocked(self, user_id: int) -> bool:
        """Tell whether the newsroom blocked this submitter."""
        row = await self._db.fetch_one("SELECT 1 FROM tip_blocked WHERE user_id = ?", (user_id,))
        return row is not None

    # -- helpers ------------------------------------------------------------------------

    async def _existing_item(self, tx: Transaction, content: TipContent) -> TipAdded | None:
        row = await tx.fetch_one(
            "SELECT id, tip_id FROM tip_items WHERE chat_id = ? AND message_id = ?",
            (content.chat_id, content.message_id),
        )
        return TipAdded(row["tip_id"], row["id"], False) if row is not None else None

    async def _insert_item(self, tx: Transaction, tip_id: int, content: TipContent,
                           now: str) -> int:
        return await tx.insert(
            f"INSERT INTO tip_items ({_ITEM_COLUMNS.removeprefix('id, ')}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                tip_id, content.chat_id, content.message_id, content.kind, content.text,
                json.dumps(dict(content.forward_origin), ensure_ascii=False)
                if content.forward_origin else None,
                to_db_time(content.forward_date) if content.forward_date else None,
                content.media_group_id, content.file_id, content.file_unique_id,
                content.file_name, content.mime_type, content.file_size, content.latitude,
                content.longitude,
                json.dumps(dict(content.contact), ensure_ascii=False) if content.contact else None,
                json.dumps(dict(content.extra), ensure_ascii=False) if content.extra else None,
                content.note, now,
            ),
        )

    async def _enqueue(self, tx: Transaction, tip_id: int, kind: str, item_id: int | None,
                       now: str) -> None:
        await tx.insert(
            "INSERT INTO tip_outbox (tip_id, item_id, kind, created_at) VALUES (?, ?, ?, ?)",
            (tip_id, item_id, kind, now),
        )
