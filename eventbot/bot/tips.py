"""News tips, the pure part: references, tip-or-question, album grouping, rate limit, headers.

Nothing here talks to Telegram: handlers turn a message into a ``TipContent`` and the
delivery worker sends the header text this module renders.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from html import escape
from typing import Any, Literal

from eventbot.bot.backoff import doubling
from eventbot.bot.i18n import t, tn
from eventbot.bot.render.split import truncate_utf16

# A text longer than this that the matcher cannot answer reads more like a report than a
# question (the longest question in the eval set is ~120 characters): offer to send it as a tip.
LONG_TEXT_CHARS = 200
# Telegram sends an album's items as separate updates within a fraction of a second; wait this
# long after the last item before acknowledging the album once.
ALBUM_SETTLE_SECONDS = 1.0
# Bots cannot download files above 20 MB (getFile), so the archive keeps only their metadata.
ARCHIVE_MAX_BYTES = 20 * 1024 * 1024

MEDIA_KINDS = (
    "photo", "video", "voice", "audio", "video_note", "animation", "document",
    "location", "venue", "contact",
)
KIND_ICONS: Mapping[str, str] = {
    "text": "📝", "photo": "📷", "video": "🎬", "voice": "🎙", "audio": "🎵",
    "video_note": "📹", "animation": "🎞", "document": "📄", "location": "📍", "venue": "📍",
    "contact": "👤", "other": "📦",
}
STATUSES = ("received", "delivered", "replied", "closed")
_REFERENCE = re.compile(r"^(?:T-?|#)?0*(\d{1,9})$", re.IGNORECASE)

Classification = Literal["tip", "add", "question", "not_text"]


def reference(tip_id: int) -> str:
    """Return the public reference of a tip, e.g. ``T-0042``."""
    return f"T-{tip_id:04d}"


def parse_reference(text: str) -> int | None:
    """Read ``T-0042``, ``t42``, ``#42`` or ``42`` as a tip id; None if it is not one."""
    match = _REFERENCE.match(text.strip())
    if match is None or int(match[1]) == 0:
        return None
    return int(match[1])


@dataclass(frozen=True)
class TipContent:
    """One message's worth of tip content, as stored (no Telegram types)."""

    chat_id: int
    message_id: int
    kind: str
    text: str | None = None
    forward_origin: Mapping[str, Any] | None = None
    forward_date: datetime | None = None
    media_group_id: str | None = None
    file_id: str | None = None
    file_unique_id: str | None = None
    file_name: str | None = None
    mime_type: str | None = None
    file_size: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    contact: Mapping[str, Any] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def note(self) -> str | None:
        """Why this item is not kept in full: 'too_large', 'unknown', or None."""
        if self.kind == "other":
            return "unknown"
        if self.file_size is not None and self.file_size > ARCHIVE_MAX_BYTES:
            return "too_large"
        return None


@dataclass(frozen=True)
class MessageFacts:
    """What the classifier needs to know about a private message."""

    kind: str  # "text", one of MEDIA_KINDS, or "other" (sticker, poll, dice, ...)
    forwarded: bool = False
    draft_open: bool = False  # the user sent /tip (or /tip T-0042) and we wait for content
    replies_to_ack: bool = False  # a reply to one of our tip acknowledgements


def classify(facts: MessageFacts) -> Classification:
    """Decide whether a private message is a tip, an addition, a question or other non-text.

    Explicit intent wins (a reply to an acknowledgement adds, an open /tip takes anything);
    then what a question never is: a forward or media. Plain text stays a question.
    """
    if facts.replies_to_ack:
        return "add"
    if facts.draft_open:
        return "tip"
    if facts.forwarded or facts.kind in MEDIA_KINDS:
        return "tip"
    return "question" if facts.kind == "text" else "not_text"


def offer_tip_for(text: str, outcome: str) -> bool:
    """Tell whether a question the matcher fell back on should offer "send as a news tip"."""
    return outcome == "fallback" and len(text.strip()) > LONG_TEXT_CHARS


def album_key(chat_id: int, media_group_id: str) -> str:
    """Return the name of the job that settles one album (one per chat and media group)."""
    return f"tip-album:{chat_id}:{media_group_id}"


def rate_limited(recent_tips: int, per_hour_limit: int) -> bool:
    """Tell whether a submitter with ``recent_tips`` new tips in the past hour must wait."""
    return recent_tips >= per_hour_limit


def rate_window_start(now: datetime) -> datetime:
    """Return the start of the rate-limit window ending at ``now``."""
    return now - timedelta(hours=1)


def open_for_additions(created_at: datetime, status: str, now: datetime,
                       window_minutes: int) -> bool:
    """Tell whether a tip still accepts additions from its submitter."""
    return status != "closed" and now - created_at <= timedelta(minutes=window_minutes)


def kept_summary(kinds: Iterable[str]) -> str:
    """Summarise kinds as icons with counts, language-neutral: ``📷×3 📝``."""
    counts = Counter(kinds)
    parts = []
    for kind, count in counts.items():
        icon = KIND_ICONS.get(kind, KIND_ICONS["other"])
        parts.append(icon if count == 1 else f"{icon}×{count}")
    return " ".join(parts)


def describe_kinds(kinds: Sequence[str]) -> str:
    """Describe kinds in words for the newsroom: ``album: 3 photo``, ``document``."""
    counts = Counter(kinds)
    words = ", ".join(k if n == 1 else f"{n} {k}" for k, n in counts.items())
    return f"album: {words}" if len(kinds) > 1 else words


def describe_origin(origin: Mapping[str, Any] | None) -> str | None:
    """Describe a Telegram forward origin (as stored JSON) in one line."""
    if not origin:
        return None
    kind = origin.get("type")
    if kind == "user":
        user = origin.get("sender_user") or {}
        name = " ".join(filter(None, (user.get("first_name"), user.get("last_name"))))
        handle = f" (@{user['username']})" if user.get("username") else ""
        return f"user {name or '?'}{handle}"
    if kind == "hidden_user":
        return f"hidden user {origin.get('sender_user_name') or '?'}"
    chat = origin.get("chat") or origin.get("sender_chat") or {}
    title = chat.get("title") or chat.get("username") or "?"
    handle = f" (@{chat['username']})" if chat.get("username") else ""
    return f"{'channel' if kind == 'channel' else 'chat'} {title}{handle}"


@dataclass(frozen=True)
class HeaderFacts:
    """What the newsroom header shows about a tip."""

    tip_id: int
    created_at: datetime
    language: str
    kinds: tuple[str, ...]
    origins: tuple[tuple[str, datetime | None], ...] = ()
    submitter: str | None = None  # only when the config says show_submitter
    addition: bool = False
    resent: bool = False


def header_html(facts: HeaderFacts, tz: tzinfo) -> str:
    """Render the newsroom header of a tip (or of an addition to it) as Telegram HTML."""
    ref = reference(facts.tip_id)
    when = facts.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")
    title = f"➕ <b>Addition to {ref}</b>" if facts.addition else f"📰 <b>News tip {ref}</b>"
    lines = [title, f"🕒 {escape(when)} · 🌐 {escape(facts.language)}"
             f" · {escape(describe_kinds(facts.kinds) or 'empty')}"]
    for origin, date in facts.origins:
        stamp = f", {date.astimezone(tz).strftime('%Y-%m-%d %H:%M')}" if date else ""
        lines.append(f"↪️ Forwarded from {escape(origin)}{escape(stamp)}")
    if facts.submitter:
        lines.append(f"👤 {escape(facts.submitter)}")
    if facts.resent:
        lines.append("⚠️ Resent after a timeout: this may be a duplicate.")
    lines.append(f"<i>Reply to this message to answer the submitter · /close {ref} · "
                 f"/block {ref}</i>")
    return "\n".join(lines)


# Delivery retries, doubling from a second up to a minute. An unreachable newsroom (5xx,
# timeouts, 403: the bot was removed, 400: chat not found) pauses the whole worker, but a new
# tip wakes it at once, so the first tip after an outage goes through within seconds (it used to
# wait 300 s). A row the newsroom refuses by itself (400: too long, message to copy not found)
# waits alone, holding back only its submitter's later rows, and is given up after
# MAX_REJECTIONS: the newsroom then gets a notice instead, and /tips lists it.
RETRY_FIRST_SECONDS = 1.0
RETRY_MAX_SECONDS = 60.0
MAX_REJECTIONS = 5
# Telegram's reason, as told to the newsroom, is cut to this many UTF-16 units.
REASON_LIMIT = 200


def delivery_backoff(failures: int) -> float:
    """Return how long to wait before the next delivery attempt after ``failures`` in a row."""
    return doubling(failures, RETRY_FIRST_SECONDS, RETRY_MAX_SECONDS)


def undelivered_notice(tip_id: int, row_kind: str, item_kind: str | None, reason: str) -> str:
    """Return the plain-text notice the newsroom gets for an outbox row given up on."""
    what = (f"an item ({item_kind}) could not be copied" if row_kind == "copy"
            else "its header could not be sent")
    reason = truncate_utf16(" ".join(reason.split()) or "unknown error", REASON_LIMIT)
    ref = reference(tip_id)
    return (f"⚠️ tip {ref}: {what}: {reason}\n"
            f"/tip {ref} shows what was stored; reply here to answer the submitter.")


def fallback_html(tip_id: int, item_kind: str, text: str | None,
                  location: tuple[float, float] | None) -> str:
    """Return what replaces an item whose original was deleted: the stored text, as HTML."""
    lines = [f"⚠️ {reference(tip_id)}: the original {escape(item_kind)} is no longer"
             " available to copy."]
    if text:
        lines.append(escape(text))
    if location is not None:
        lines.append(f"📍 {location[0]}, {location[1]}")
    return "\n".join(lines)


def item_notes(notes: Iterable[str | None]) -> Counter[str]:
    """Count why items were not kept in full ('too_large', 'unknown')."""
    return Counter(note for note in notes if note)


def acknowledgement(lang: str, tip_id: int, kinds: Sequence[str], notes: Iterable[str | None],
                    window_minutes: int, *, addition: bool = False) -> str:
    """Return the submitter's acknowledgement: reference, what was kept, what happens next."""
    ref, kept = reference(tip_id), kept_summary(kinds)
    lines = [t(lang, "tip.added", ref=ref, kept=kept) if addition
             else t(lang, "tip.ack", ref=ref, kept=kept, minutes=window_minutes)]
    for note, count in item_notes(notes).items():
        lines.append(tn(lang, f"tip.note.{note}", count))
    return "\n".join(lines)
