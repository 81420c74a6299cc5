"""Store the announcement outbox: announcements and per-recipient deliveries."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from ._db import Repository, from_db_time, to_db_time

AnnouncementKind = Literal["announcement", "notice"]
AnnouncementStatus = Literal["scheduled", "sending", "done"]
DeliveryStatus = Literal["pending", "sent", "failed", "blocked"]
DELIVERY_STATUSES: tuple[DeliveryStatus, ...] = ("pending", "sent", "failed", "blocked")

_SELECT_ANNOUNCEMENTS = (
    "SELECT id, created_by, kind, texts, default_language, media_type, media_file_id, audience, "
    "send_at, created_at, started_at, finished_at, status, progress_chat_id, "
    "progress_message_id, in_news FROM announcements"
)


@dataclass(frozen=True, slots=True)
class Recipient:
    """A user an announcement can go to, with what decides their language."""

    user_id: int
    chat_id: int
    language: str | None
    telegram_language: str | None


@dataclass(frozen=True, slots=True)
class NewDelivery:
    """One recipient of a new announcement, in the language they will read it in."""

    user_id: int
    chat_id: int
    language: str


@dataclass(frozen=True, slots=True)
class Announcement:
    """One stored announcement (or automatic notice)."""

    id: int
    created_by: int | None
    kind: AnnouncementKind
    texts: Mapping[str, str]
    default_language: str
    media_type: str | None
    media_file_id: str | None
    audience: Mapping[str, Any]
    send_at: datetime | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    status: AnnouncementStatus
    progress_chat_id: int | None
    progress_message_id: int | None
    in_news: bool = True  # listed by the attendees' /news

    @property
    def went_out_at(self) -> datetime:
        """Return when it started going out (or was created, if it has not yet)."""
        return self.started_at or self.created_at


@dataclass(frozen=True, slots=True)
class Delivery:
    """One pending delivery as the sender sees it."""

    id: int
    announcement_id: int
    user_id: int
    chat_id: int
    language: str
    step: int
    attempts: int


@dataclass(frozen=True, slots=True)
class DeliveryCounts:
    """How many deliveries of an announcement are in each state."""

    pending: int = 0
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    by_language: Mapping[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        """Return the number of recipients."""
        return self.pending + self.sent + self.failed + self.blocked


def _announcement(row: sqlite3.Row) -> Announcement:
    def moment(key: str) -> datetime | None:
        value = row[key]
        return from_db_time(value) if value is not None else None

    return Announcement(
        id=row["id"],
        created_by=row["created_by"],
        kind=row["kind"],
        texts=json.loads(row["texts"]),
        default_language=row["default_language"],
        media_type=row["media_type"],
        media_file_id=row["media_file_id"],
        audience=json.loads(row["audience"]),
        send_at=moment("send_at"),
        created_at=from_db_time(row["created_at"]),
        started_at=moment("started_at"),
        finished_at=moment("finished_at"),
        status=row["status"],
        progress_chat_id=row["progress_chat_id"],
        progress_message_id=row["progress_message_id"],
        in_news=bool(row["in_news"]),
    )


class OutboxStore(Repository):
    """Persist the announcement outbox: announcements and per-recipient deliveries."""

    # -- audiences --------------------------------------------------------------------------

    async def recipients_all(self) -> list[Recipient]:
        """List every active user."""
        return await self._recipients("SELECT {} FROM users u WHERE u.active = 1", ())

    async def recipients_who_saved(self, item_id: str) -> list[Recipient]:
        """List active users who saved a session."""
        return await self._recipients(
            "SELECT {} FROM users u JOIN saved_sessions s ON s.user_id = u.user_id "
            "WHERE u.active = 1 AND s.item_id = ?",
            (item_id,),
        )

    async def recipients_who_asked(self, item_id: str) -> list[Recipient]:
        """List active users whose question was answered with (matched) an item."""
        return await self._recipients(
            "SELECT {} FROM users u WHERE u.active = 1 AND u.user_id IN "
            "(SELECT user_id FROM question_log WHERE matched_id = ?)",
            (item_id,),
        )

    async def _recipients(self, template: str, params: Sequence[Any]) -> list[Recipient]:
        columns = "u.user_id, u.chat_id, u.language, u.telegram_language"
        rows = await self._db.fetch_all(template.format(columns) + " ORDER BY u.user_id", params)
        return [
            Recipient(row["user_id"], row["chat_id"], row["language"], row["telegram_language"])
            for row in rows
        ]

    # -- announcements ----------------------------------------------------------------------

    async def create_announcement(
        self,
        *,
        created_by: int | None,
        kind: AnnouncementKind,
        texts: Mapping[str, str],
        default_language: str,
        audience: Mapping[str, Any],
        recipients: Sequence[NewDelivery],
        media_type: str | None = None,
        media_file_id: str | None = None,
        send_at: datetime | None = None,
        progress_chat_id: int | None = None,
        progress_message_id: int | None = None,
        in_news: bool = True,
    ) -> int:
        """Store an announcement and one pending delivery per recipient, in one transaction."""
        status: AnnouncementStatus = "scheduled" if send_at is not None else "sending"
        now = self._timestamp()
        async with self._db.transaction() as tx:
            announcement_id = await tx.insert(
                """
                INSERT INTO announcements (created_by, kind, texts, default_language, media_type,
                    media_file_id, audience, send_at, created_at, started_at, status,
                    progress_chat_id, progress_message_id, in_news)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                (
                    created_by, kind, json.dumps(dict(texts), ensure_ascii=False),
                    default_language, media_type, media_file_id,
                    json.dumps(dict(audience), ensure_ascii=False),
                    to_db_time(send_at) if send_at is not None else None, now,
                    now if status == "sending" else None, status,
                    progress_chat_id, progress_message_id, int(in_news),
                ),
            )
            # INSERT OR IGNORE: a user listed twice by an audience query still gets one row.
            for recipient in recipients:
                await tx.execute(
                    """
                    INSERT OR IGNORE INTO deliveries (announcement_id, user_id, chat_id, language)
                    VALUES (?, ?, ?, ?)
                    """,
                    (announcement_id, recipient.user_id, recipient.chat_id, recipient.language),
                )
        return announcement_id

    async def get_announcement(self, announcement_id: int) -> Announcement | None:
        """Return one announcement, or None."""
        row = await self._db.fetch_one(
            _SELECT_ANNOUNCEMENTS + " WHERE id = ?", (announcement_id,)
        )
        return _announcement(row) if row is not None else None

    async def recent_announcements(self, limit: int = 10) -> list[Announcement]:
        """List the latest announcements and notices, newest first."""
        rows = await self._db.fetch_all(
            _SELECT_ANNOUNCEMENTS + " ORDER BY id DESC LIMIT ?", (limit,)
        )
        return [_announcement(row) for row in rows]

    async def news(self, language: str, limit: int, offset: int = 0) -> list[Announcement]:
        """List what /news shows a reader of ``language``: gone out, newest first.

        Scheduled ones are not news yet; one for a single language is news only in it.
        """
        rows = await self._db.fetch_all(
            _SELECT_ANNOUNCEMENTS + """
            WHERE in_news = 1 AND status IN ('sending', 'done')
              AND (json_extract(audience, '$.kind') IS NOT 'language'
                   OR json_extract(audience, '$.value') = ?)
            ORDER BY COALESCE(started_at, created_at) DESC, id DESC LIMIT ? OFFSET ?
            """,
            (language, limit, offset),
        )
        return [_announcement(row) for row in rows]

    async def set_progress_message(
        self, announcement_id: int, chat_id: int, message_id: int
    ) -> None:
        """Remember the organiser's message that shows this announcement's progress."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE announcements SET progress_chat_id = ?, progress_message_id = ? "
                "WHERE id = ?",
                (chat_id, message_id, announcement_id),
            )

    async def release_due_announcements(self, now: datetime) -> list[int]:
        """Start every scheduled announcement whose time has come; return their ids."""
        async with self._db.transaction() as tx:
            rows = await tx.fetch_all(
                "SELECT id FROM announcements WHERE status = 'scheduled' AND send_at <= ? "
                "ORDER BY send_at, id",
                (to_db_time(now),),
            )
            ids = [int(row["id"]) for row in rows]
            for announcement_id in ids:
                await tx.execute(
                    "UPDATE announcements SET status = 'sending', started_at = ? WHERE id = ?",
                    (self._timestamp(), announcement_id),
                )
        return ids

    async def finish_if_delivered(self, announcement_id: int) -> bool:
        """Mark an announcement done once nothing is pending; True if this call did it."""
        async with self._db.transaction() as tx:
            changed = await tx.execute(
                """
                UPDATE announcements SET status = 'done', finished_at = ?
                WHERE id = ? AND status = 'sending' AND NOT EXISTS (
                    SELECT 1 FROM deliveries WHERE announcement_id = ? AND status = 'pending')
                """,
                (self._timestamp(), announcement_id, announcement_id),
            )
        return changed > 0

    async def cancel_scheduled(self, announcement_id: int) -> bool:
        """Drop a scheduled announcement and its deliveries; False once it started sending."""
        async with self._db.transaction() as tx:
            # Deliveries go with it (ON DELETE CASCADE); the status check makes this safe
            # against the sender releasing it at the same moment.
            return await tx.execute(
                "DELETE FROM announcements WHERE id = ? AND status = 'scheduled'",
                (announcement_id,),
            ) > 0

    async def sending_announcements(self) -> list[int]:
        """List the ids of announcements being sent, oldest first."""
        rows = await self._db.fetch_all(
            "SELECT id FROM announcements WHERE status = 'sending' ORDER BY id"
        )
        return [int(row["id"]) for row in rows]

    async def delivery_counts(self, announcement_id: int) -> DeliveryCounts:
        """Count an announcement's deliveries per state and recipients per language."""
        rows = await self._db.fetch_all(
            "SELECT status, language, COUNT(*) AS n FROM deliveries "
            "WHERE announcement_id = ? GROUP BY status, language",
            (announcement_id,),
        )
        per_status = dict.fromkeys(DELIVERY_STATUSES, 0)
        per_language: dict[str, int] = {}
        for row in rows:
            per_status[row["status"]] += row["n"]
            per_language[row["language"]] = per_language.get(row["language"], 0) + row["n"]
        return DeliveryCounts(**per_status, by_language=per_language)

    # -- deliveries -------------------------------------------------------------------------

    async def due_deliveries(self, now: datetime, limit: int = 500) -> list[Delivery]:
        """List pending deliveries of announcements being sent, due by ``now``, in order."""
        rows = await self._db.fetch_all(
            """
            SELECT d.id, d.announcement_id, d.user_id, d.chat_id, d.language, d.step, d.attempts
            FROM deliveries d JOIN announcements a ON a.id = d.announcement_id
            WHERE a.status = 'sending' AND d.status = 'pending'
              AND (d.next_attempt_at IS NULL OR d.next_attempt_at <= ?)
            ORDER BY d.announcement_id, d.id LIMIT ?
            """,
            (to_db_time(now), limit),
        )
        return [
            Delivery(row["id"], row["announcement_id"], row["user_id"], row["chat_id"],
                     row["language"], row["step"], row["attempts"])
            for row in rows
        ]

    async def next_retry_at(self) -> datetime | None:
        """Return when the earliest postponed delivery becomes due, if any."""
        row = await self._db.fetch_one(
            """
            SELECT MIN(d.next_attempt_at) AS due FROM deliveries d
            JOIN announcements a ON a.id = d.announcement_id
            WHERE a.status = 'sending' AND d.status = 'pending' AND d.next_attempt_at IS NOT NULL
            """
        )
        return from_db_time(row["due"]) if row is not None and row["due"] else None

    async def next_scheduled_at(self) -> datetime | None:
        """Return the send time of the next scheduled announcement, if any."""
        row = await self._db.fetch_one(
            "SELECT MIN(send_at) AS due FROM announcements WHERE status = 'scheduled'"
        )
        return from_db_time(row["due"]) if row is not None and row["due"] else None

    async def mark_delivery_sent(self, delivery_id: int, message_id: int | None) -> None:
        """Record that Telegram confirmed the (last) message of a delivery."""
        await self._db.write(
            "UPDATE deliveries SET status = 'sent', sent_at = ?, message_id = ?, "
            "step = step + 1, error = NULL WHERE id = ? AND status = 'pending'",
            (self._timestamp(), message_id, delivery_id),
        )

    async def mark_delivery_step(self, delivery_id: int, message_id: int | None) -> None:
        """Record that the first message of a two-part delivery was confirmed."""
        await self._db.write(
            "UPDATE deliveries SET step = step + 1, message_id = ? "
            "WHERE id = ? AND status = 'pending'",
            (message_id, delivery_id),
        )

    async def postpone_delivery(
        self, delivery_id: int, next_attempt_at: datetime, error: str
    ) -> None:
        """Count a failed attempt and set when to try again."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE deliveries SET attempts = attempts + 1, next_attempt_at = ?, error = ? "
                "WHERE id = ? AND status = 'pending'",
                (to_db_time(next_attempt_at), error[:500], delivery_id),
            )

    async def fail_delivery(self, delivery_id: int, error: str) -> None:
        """Give up on a delivery."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE deliveries SET status = 'failed', attempts = attempts + 1, error = ? "
                "WHERE id = ? AND status = 'pending'",
                (error[:500], delivery_id),
            )

    async def block_recipient(self, user_id: int, error: str) -> int:
        """Mark a user who blocked the bot inactive and drop all their pending deliveries."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE users SET active = 0 WHERE user_id = ? AND active = 1", (user_id,)
            )
            dropped = await tx.execute(
                "UPDATE deliveries SET status = 'blocked', error = ? "
                "WHERE user_id = ? AND status = 'pending'",
                (error[:500], user_id),
            )
        self._user_changed(user_id)
        return dropped
