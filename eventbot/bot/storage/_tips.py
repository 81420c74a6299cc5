"""Store news tips, their items, newsroom delivery and blocked submitters."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eventbot.bot.bounded import remember
from eventbot.bot.tips import TipContent, content_from_json, content_to_json

from ._db import Clock, Database, StorageError, Transaction, from_db_time, to_db_time
from ._relay import RelayStore, enqueue_relay, mark_relayed

_NO_DRAFT_LIMIT = 100_000
TIPS_CHANNEL = "tips"  # the relay channel that delivers tips to the newsroom
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


@dataclass(frozen=True, slots=True)
class TipOffer:
    """Media sent without /tip, kept until its sender says whether it is a tip."""

    id: int
    user_id: int
    chat_id: int
    language: str
    media_group_id: str | None
    prompt_message_id: int | None  # the "send this to the newsroom?" question
    tip_id: int | None  # the tip it became, once accepted
    contents: tuple[TipContent, ...]  # what waits (emptied once it became a tip)
    new_item: bool = True  # False: the message was kept before (a redelivered update)


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


class TipStore(RelayStore):
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

    async def add_to_tip(self, tip_id: int, content: TipContent, *, addition: bool,
                         answer: bool = False) -> TipAdded:
        """Store one more item of a tip: an album item (queued when the album settles, unless
        it already has), a submitter's addition (queued now behind an addition header) or,
        with ``answer``, the submitter's answer to the newsroom in the tip's thread."""
        now = self._timestamp()
        async with self._db.transaction() as tx:
            existing = await self._existing_item(tx, content)
            if existing is not None:
                return existing
            item_id = await self._insert_item(tx, tip_id, content, now)
            row = await tx.fetch_one("SELECT album_open FROM tips WHERE id = ?", (tip_id,))
            if row is not None and not row["album_open"]:
                if addition or answer:
                    # The thread keeps what the submitter said; an addition, only its kind.
                    event, text = (("answer", content.text or content.kind) if answer
                                   else ("addition", content.kind))
                    await self._enqueue(tx, tip_id, event, None, now)
                    await tx.execute(
                        "INSERT INTO tip_thread (tip_id, event, text, at) VALUES (?, ?, ?, ?)",
                        (tip_id, event, text, now),
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

    # -- offers: media sent without /tip waits for its sender's yes ----------------------

    async def offer_tip(self, user_id: int, language: str, content: TipContent) -> TipOffer:
        """Keep a message that may become a tip; an album's items share one offer.

        A message kept before (a redelivered update) returns its offer unchanged.
        """
        now = self._timestamp()
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                "SELECT offer_id FROM tip_offer_items WHERE chat_id = ? AND message_id = ?",
                (content.chat_id, content.message_id))
            if row is not None:
                return await self._kept_offer(tx, int(row["offer_id"]), new_item=False)
            album = None
            if content.media_group_id is not None:
                album = await tx.fetch_one(
                    "SELECT id FROM tip_offers WHERE chat_id = ? AND media_group_id = ?",
                    (content.chat_id, content.media_group_id))
            if album is not None:
                offer_id = int(album["id"])
            else:
                offer_id = await tx.insert(
                    "INSERT INTO tip_offers (user_id, chat_id, language, media_group_id, "
                    "created_at) VALUES (?, ?, ?, ?, ?)",
                    (user_id, content.chat_id, language, content.media_group_id, now))
            await tx.insert(
                "INSERT INTO tip_offer_items (offer_id, chat_id, message_id, content) "
                "VALUES (?, ?, ?, ?)",
                (offer_id, content.chat_id, content.message_id, content_to_json(content)))
            return await self._kept_offer(tx, offer_id, new_item=True)

    async def set_offer_prompt(self, offer_id: int, message_id: int) -> None:
        """Record which message asked "send this to the newsroom?"."""
        async with self._db.transaction() as tx:
            await tx.execute("UPDATE tip_offers SET prompt_message_id = ? WHERE id = ?",
                             (message_id, offer_id))

    async def tip_offer(self, offer_id: int) -> TipOffer | None:
        """Return an offer still waiting or accepted; None once declined."""
        async with self._db.transaction() as tx:
            return await self._offer(tx, offer_id, new_item=False)

    async def accept_tip_offer(self, offer_id: int) -> int | None:
        """Turn an offer into a tip queued for the newsroom; return the tip (None: declined).

        Accepting twice (a double tap) returns the tip the first made.
        """
        now = self._timestamp()
        async with self._db.transaction() as tx:
            offer = await self._offer(tx, offer_id, new_item=False)
            if offer is None or offer.tip_id is not None:
                return offer.tip_id if offer is not None else None
            tip_id = await tx.insert(
                "INSERT INTO tips (user_id, chat_id, language, media_group_id, album_open, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
                (offer.user_id, offer.chat_id, offer.language, offer.media_group_id, now, now))
            await self._enqueue(tx, tip_id, "header", None, now)
            for content in offer.contents:
                item_id = await self._insert_item(tx, tip_id, content, now)
                await self._enqueue(tx, tip_id, "copy", item_id, now)
            await tx.execute("DELETE FROM tip_offer_items WHERE offer_id = ?", (offer_id,))
            await tx.execute("UPDATE tip_offers SET tip_id = ? WHERE id = ?", (tip_id, offer_id))
        return tip_id

    async def decline_tip_offer(self, offer_id: int) -> bool:
        """Forget an offer not accepted yet, content and all; False if there was none."""
        async with self._db.transaction() as tx:
            return await tx.execute(
                "DELETE FROM tip_offers WHERE id = ? AND tip_id IS NULL", (offer_id,)) > 0

    async def _kept_offer(self, tx: Transaction, offer_id: int, *, new_item: bool) -> TipOffer:
        offer = await self._offer(tx, offer_id, new_item=new_item)
        if offer is None:
            raise StorageError(f"tip offer {offer_id} vanished")
        return offer

    async def _offer(self, tx: Transaction, offer_id: int, *, new_item: bool) -> TipOffer | None:
        row = await tx.fetch_one(
            "SELECT id, user_id, chat_id, language, media_group_id, prompt_message_id, tip_id "
            "FROM tip_offers WHERE id = ?", (offer_id,))
        if row is None:
            return None
        items = await tx.fetch_all(
            "SELECT content FROM tip_offer_items WHERE offer_id = ? ORDER BY id", (offer_id,))
        return TipOffer(row["id"], row["user_id"], row["chat_id"], row["language"],
                        row["media_group_id"], row["prompt_message_id"], row["tip_id"],
                        tuple(content_from_json(item["content"]) for item in items), new_item)

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

    # -- the newsroom (the relay's 'tips' channel) ---------------------------------------

    async def tip_item(self, item_id: int) -> StoredTipItem | None:
        """Return one stored item of a tip."""
        row = await self._db.fetch_one(
            f"SELECT {_ITEM_COLUMNS} FROM tip_items WHERE id = ?", (item_id,))
        return _item(row) if row is not None else None

    async def addition_item(self, delivery_id: int) -> StoredTipItem | None:
        """Return the item an 'addition' or 'answer' row announces (its tip's next copy)."""
        row = await self._db.fetch_one(
            f"SELECT {', '.join('i.' + c for c in _ITEM_COLUMNS.split(', '))} "
            "FROM relay_outbox AS o JOIN relay_outbox AS n ON n.channel = o.channel "
            "AND n.thread_id = o.thread_id AND n.id > o.id "
            "JOIN tip_items AS i ON i.id = n.item_id "
            "WHERE o.id = ? AND n.kind = 'copy' ORDER BY n.id LIMIT 1",
            (delivery_id,),
        )
        return _item(row) if row is not None else None

    async def failed_tip_deliveries(self, limit: int = 30) -> list[FailedTipDelivery]:
        """List newsroom rows given up on, of tips not closed yet, oldest first."""
        failed = await self.failed_relay_rows(
            TIPS_CHANNEL, "SELECT id FROM tips WHERE status != 'closed'", limit)
        listed = []
        for row in failed:
            item = await self.tip_item(row.item_id) if row.item_id is not None else None
            listed.append(FailedTipDelivery(row.thread_id, row.kind,
                                            item.kind if item is not None else None,
                                            row.error, row.failed_at, row.notice_sent))
        return listed

    async def tip_delivered(self, delivery_id: int, chat_id: int, message_id: int | None,
                            more_message_ids: Sequence[int] = ()) -> None:
        """Mark one newsroom row sent; a tip with nothing left to send becomes 'delivered'.

        ``message_id`` None: nothing could be posted for a row given up on (it stays listed
        by /tips). ``more_message_ids``: further messages of the same row (a long text split).
        """
        now = self._timestamp()
        async with self._db.transaction() as tx:
            row = await mark_relayed(tx, delivery_id, chat_id, message_id, more_message_ids, now)
            if row is None:
                return
            await tx.execute(
                """
                UPDATE tips SET status = 'delivered', updated_at = ?
                WHERE id = ? AND status = 'received' AND album_open = 0 AND NOT EXISTS (
                    SELECT 1 FROM relay_outbox WHERE channel = ? AND thread_id = ?
                    AND sent_at IS NULL)
                """,
                (now, row.thread_id, TIPS_CHANNEL, row.thread_id),
            )

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
        row = await tx.fetch_one("SELECT user_id FROM tips WHERE id = ?", (tip_id,))
        if row is None:
            raise StorageError(f"tip {tip_id} vanished while queueing it")
        await enqueue_relay(tx, TIPS_CHANNEL, tip_id, int(row["user_id"]), kind, item_id, now)
