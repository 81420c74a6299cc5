"""News tips, the pure part: references, album grouping, rate limit, the /tip briefing, headers.

Nothing here talks to Telegram: handlers turn a message into a ``TipContent`` (where it goes is
eventbot/bot/routing.py) and the relay's newsroom channel (eventbot/bot/relay) posts the header
text this module renders, in the newsroom's language.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from html import escape
from typing import Any

from eventbot.bot.i18n import t, tn

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


def describe_kinds(kinds: Sequence[str], lang: str = "en") -> str:
    """Describe kinds in words for the newsroom: ``album: 3 photo``, ``document``."""
    counts = Counter(kinds)
    words = ", ".join(k if n == 1 else f"{n} {k}" for k, n in counts.items())
    return t(lang, "tip.nr.album", kinds=words) if len(kinds) > 1 else words


def describe_origin(origin: Mapping[str, Any] | None, lang: str = "en") -> str | None:
    """Describe a Telegram forward origin (as stored JSON) in one line."""
    if not origin:
        return None
    kind = origin.get("type")
    if kind == "user":
        user = origin.get("sender_user") or {}
        name = " ".join(filter(None, (user.get("first_name"), user.get("last_name"))))
        handle = f" (@{user['username']})" if user.get("username") else ""
        return t(lang, "tip.nr.origin.user", name=f"{name or '?'}{handle}")
    if kind == "hidden_user":
        return t(lang, "tip.nr.origin.hidden_user", name=origin.get("sender_user_name") or "?")
    chat = origin.get("chat") or origin.get("sender_chat") or {}
    title = chat.get("title") or chat.get("username") or "?"
    handle = f" (@{chat['username']})" if chat.get("username") else ""
    key = "tip.nr.origin.channel" if kind == "channel" else "tip.nr.origin.chat"
    return t(lang, key, name=f"{title}{handle}")


def submitter_label(first_name: str | None, username: str | None) -> str:
    """Name a submitter as the newsroom sees them (only with show_submitter)."""
    return f"{first_name or '?'}" + (f" (@{username})" if username else "")


@dataclass(frozen=True)
class HeaderFacts:
    """What the newsroom header shows about a tip."""

    tip_id: int
    created_at: datetime
    language: str
    kinds: tuple[str, ...]
    origins: tuple[tuple[str, datetime | None], ...] = ()
    submitter: str | None = None  # only when the config says show_submitter
    kind: str = "header"  # 'header' (a new tip), 'addition' or 'answer' (in the thread)
    resent: bool = False


_HEADER_TITLES = {"header": "tip.nr.title", "addition": "tip.nr.addition",
                  "answer": "tip.nr.answer"}


def header_html(facts: HeaderFacts, tz: tzinfo, lang: str = "en") -> str:
    """Render the newsroom header of a tip (or of an addition or answer) as Telegram HTML."""
    ref = reference(facts.tip_id)
    when = facts.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")
    kinds = describe_kinds(facts.kinds, lang) or t(lang, "tip.nr.empty")
    lines = [t(lang, _HEADER_TITLES.get(facts.kind, "tip.nr.title"), ref=ref),
             f"🕒 {escape(when)} · 🌐 {escape(facts.language)} · {escape(kinds)}"]
    for origin, date in facts.origins:
        stamp = f", {date.astimezone(tz).strftime('%Y-%m-%d %H:%M')}" if date else ""
        lines.append(escape(t(lang, "tip.nr.forwarded", origin=origin, stamp=stamp)))
    if facts.submitter:
        lines.append(f"👤 {escape(facts.submitter)}")
    if facts.resent:
        lines.append(escape(t(lang, "tip.nr.resent")))
    lines.append(f"<i>{escape(t(lang, 'tip.nr.footer', ref=ref))}</i>")
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


def prompt(lang: str, submitter: str | None) -> str:
    """Return what `/tip` says first: what a good tip holds and what the newsroom will see.

    ``submitter``: how the newsroom sees the sender (show_submitter), None if it does not.
    """
    sees = (t(lang, "tip.sees_name", name=submitter) if submitter is not None
            else t(lang, "tip.sees_nothing"))
    return "\n\n".join((t(lang, "tip.prompt"), t(lang, "tip.good_tip"), sees))


def content_to_json(content: TipContent) -> str:
    """Encode a message's content for keeping (an offer waiting for its sender's yes)."""
    data = {name: getattr(content, name) for name in TipContent.__dataclass_fields__}
    data["forward_date"] = content.forward_date.isoformat() if content.forward_date else None
    data["extra"] = dict(content.extra)
    return json.dumps(data, ensure_ascii=False)


def content_from_json(text: str) -> TipContent:
    """Decode what content_to_json wrote."""
    data = json.loads(text)
    if data.get("forward_date"):
        data["forward_date"] = datetime.fromisoformat(data["forward_date"])
    return TipContent(**data)
