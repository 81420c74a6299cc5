"""Announcements, Telegram-free: drafts, audiences, message parts, pacing, retries, progress."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any, Literal

from babel.numbers import format_decimal

from eventbot.bot.backoff import doubling
from eventbot.bot.i18n import BABEL_LOCALES, LANGUAGE_NAMES, choose_language, t
from eventbot.bot.render.split import utf16_len, utf16_prefix
from eventbot.bot.storage._outbox import DeliveryCounts, NewDelivery, Recipient

AudienceKind = Literal["all", "language", "saved", "asked"]
MediaType = Literal["photo", "document"]
PartKind = Literal["text", "photo", "document"]

# Telegram's limits: 4,096 characters in a message, 1,024 in a media caption.
TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
# The sender's burst: a send that ran late may catch up by this much of a second's sends, so
# jitter doesn't cost rate, while any one-second window still holds at most rate + burst sends.
BURST_SECONDS = 0.01
# The bot-wide budget's burst: a few replies to different people go out at once, and any
# one-second window still holds at most rate + this much of a second's sends.
SEND_BURST_SECONDS = 0.2
# Live progress edits: Telegram allows about one edit per second per message; every 2 s is
# plenty for a human and leaves the rate budget to the recipients.
PROGRESS_EVERY = timedelta(seconds=2)


# -- drafts and audiences -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Audience:
    """Who an announcement goes to: everyone, one language, or people tied to an item."""

    kind: AudienceKind
    value: str | None = None  # the language, or the item id
    label: str | None = None  # the item's title when it was chosen, for lists

    def to_json(self) -> dict[str, Any]:
        """Return the stored form."""
        return {"kind": self.kind, "value": self.value, "label": self.label}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Audience:
        """Read the stored form back."""
        kind = data.get("kind", "all")
        if kind not in ("all", "language", "saved", "asked"):
            kind = "all"
        return cls(kind, data.get("value"), data.get("label"))

    def describe(self, lang: str) -> str:
        """Return the audience in words, for previews and lists."""
        if self.kind == "language":
            name = LANGUAGE_NAMES.get(self.value or "", self.value or "?")
            return t(lang, "org.announce.audience.language", language=name)
        if self.kind in ("saved", "asked"):
            return t(lang, f"org.announce.audience.{self.kind}", title=self.label or self.value)
        return t(lang, "org.announce.audience.all")


@dataclass(frozen=True, slots=True)
class Draft:
    """An announcement being composed: texts per language, an attachment, audience, time."""

    default_language: str
    texts: Mapping[str, str] = field(default_factory=dict)
    media_type: MediaType | None = None
    media_file_id: str | None = None
    audience: Audience | None = None
    send_at: datetime | None = None
    in_news: bool = True  # listed by the attendees' /news once it has gone out

    def with_text(self, lang: str, text: str) -> Draft:
        """Return the draft with the text for one language set."""
        return replace(self, texts={**self.texts, lang: text})

    def with_media(self, media_type: MediaType, file_id: str) -> Draft:
        """Return the draft with an attachment."""
        return replace(self, media_type=media_type, media_file_id=file_id)

    def missing_languages(self, languages: Sequence[str]) -> list[str]:
        """Return the event's languages that have no text yet, in the event's order."""
        return [lang for lang in languages if lang not in self.texts]


def text_for(texts: Mapping[str, str], lang: str, default_language: str) -> str:
    """Return the recipient's text: their language, else the event default, else any."""
    return texts.get(lang) or texts.get(default_language) or next(iter(texts.values()), "")


def headline(text: str, limit: int = 60) -> str:
    """Return the first non-empty line of a text, shortened to ``limit`` characters with '…'."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def text_language(texts: Mapping[str, str], lang: str, default_language: str) -> str:
    """Return which version of the text a reader of ``lang`` gets."""
    if texts.get(lang):
        return lang
    if texts.get(default_language):
        return default_language
    return next(iter(texts), default_language)


def recipient_language(
    recipient: Recipient, default_language: str, languages: Sequence[str]
) -> str:
    """Return the language a recipient reads: their choice, Telegram's, the event default."""
    return choose_language(recipient.language, recipient.telegram_language, None,
                           default_language, languages)


def deliveries_for(
    recipients: Iterable[Recipient], audience: Audience, default_language: str,
    languages: Sequence[str],
) -> list[NewDelivery]:
    """Return one delivery per recipient (language audiences keep only that language)."""
    out = []
    for recipient in recipients:
        lang = recipient_language(recipient, default_language, languages)
        if audience.kind == "language" and lang != audience.value:
            continue
        out.append(NewDelivery(recipient.user_id, recipient.chat_id, lang))
    return out


def versions(
    deliveries: Iterable[NewDelivery], texts: Mapping[str, str], default_language: str
) -> dict[str, dict[str, int]]:
    """Group recipients by the text version they get: {version: {reader language: count}}."""
    out: dict[str, dict[str, int]] = {}
    for delivery in deliveries:
        version = text_language(texts, delivery.language, default_language)
        per_lang = out.setdefault(version, {})
        per_lang[delivery.language] = per_lang.get(delivery.language, 0) + 1
    return out


# -- what a recipient receives ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Part:
    """One Telegram message of a delivery."""

    kind: PartKind
    text: str | None
    file_id: str | None = None


def message_parts(text: str, media_type: str | None, file_id: str | None) -> list[Part]:
    """Return the messages of a delivery: media with the text as caption, or media then text."""
    if media_type in ("photo", "document") and file_id:
        kind: PartKind = "photo" if media_type == "photo" else "document"
        if utf16_len(text) <= CAPTION_LIMIT:
            return [Part(kind, text or None, file_id)]
        return [Part(kind, None, file_id), *(Part("text", c) for c in split_text(text))]
    return [Part("text", c) for c in split_text(text)]


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Split plain text under the limit, at paragraph, line or word breaks when possible.

    The limit is in UTF-16 units, as Telegram counts (an emoji may count twice).
    """
    chunks: list[str] = []
    rest = text
    while utf16_len(rest) > limit:
        fits = utf16_prefix(rest, limit)
        window = rest[:fits]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
        cut = cut if cut > fits // 2 else fits
        chunks.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    chunks.append(rest)
    return chunks


# -- pacing and retries ----------------------------------------------------------------------


class TokenBucket:
    """Pace sends at ``rate`` per second with a burst of ``capacity``, on a monotonic clock."""

    def __init__(self, rate: float, capacity: float = 1.0,
                 now: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate
        self.capacity = capacity
        self._now = now
        self._tokens = capacity
        self._updated = now()

    @classmethod
    def for_broadcast(cls, rate: float, now: Callable[[], float] = time.monotonic) -> TokenBucket:
        """Return the sender's bucket: ``rate`` per second, a burst of BURST_SECONDS of it."""
        return cls(rate, capacity=max(1.0, rate * BURST_SECONDS), now=now)

    @classmethod
    def for_send_budget(cls, rate: float,
                        now: Callable[[], float] = time.monotonic) -> TokenBucket:
        """Return the bot-wide budget: ``rate`` per second, a burst of SEND_BURST_SECONDS."""
        return cls(rate, capacity=max(1.0, rate * SEND_BURST_SECONDS), now=now)

    def reserve(self) -> float:
        """Take one token and return how many seconds to wait before using it (0: send now)."""
        now = self._now()
        if now > self._updated:
            self._tokens = min(self.capacity, self._tokens + (now - self._updated) * self.rate)
            self._updated = now
        self._tokens -= 1.0
        ready = self._updated + max(0.0, -self._tokens) / self.rate
        return max(0.0, ready - now)

    def pause(self, seconds: float) -> None:
        """Stop every send for ``seconds`` (Telegram's retry_after) and start again empty."""
        self._tokens = min(self._tokens, 0.0)
        self._updated = max(self._updated, self._now() + seconds)


class ChatPacer:
    """Keep at least 1/``per_second`` seconds between two messages to the same chat."""

    def __init__(self, per_second: float, now: Callable[[], float] = time.monotonic,
                 keep: int = 10_000) -> None:
        self.interval = 1.0 / per_second
        self._now = now
        self._last: dict[int, float] = {}
        self._keep = keep

    def wait(self, chat_id: int) -> float:
        """Return how long until this chat may receive the next message."""
        last = self._last.get(chat_id)
        return 0.0 if last is None else max(0.0, last + self.interval - self._now())

    def note(self, chat_id: int) -> None:
        """Record a message sent to a chat now."""
        now = self._now()
        self._last[chat_id] = now
        if len(self._last) > self._keep:
            horizon = now - self.interval
            self._last = {c: at for c, at in self._last.items() if at > horizon}


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Exponential backoff for network errors and 5xx, bounded in attempts."""

    max_attempts: int = 5
    first_delay: float = 1.0
    max_delay: float = 60.0

    def delay(self, attempts_so_far: int) -> timedelta | None:
        """Return the wait before the next try after a failure, or None to give up."""
        failures = attempts_so_far + 1
        if failures >= self.max_attempts:
            return None
        return timedelta(seconds=doubling(failures, self.first_delay, self.max_delay))


# -- progress and reports --------------------------------------------------------------------


def format_count(value: int, lang: str) -> str:
    """Return a count with the language's grouping, e.g. 5,012."""
    return format_decimal(value, locale=BABEL_LOCALES.get(lang, "en"))


def format_duration(seconds: float, lang: str) -> str:
    """Return a short duration: '40 s', '3 min'."""
    if seconds < 90:
        return t(lang, "org.announce.seconds", n=max(0, math.ceil(seconds)))
    return t(lang, "org.announce.minutes", n=math.ceil(seconds / 60))


def progress_text(announcement_id: int, counts: DeliveryCounts, lang: str,
                  rate_per_second: float) -> str:
    """Return the live progress line: '1,240 / 5,012 sent · 3 blocked · ETA 2 min'."""
    return t(
        lang, "org.announce.progress", id=announcement_id,
        sent=format_count(counts.sent, lang), total=format_count(counts.total, lang),
        blocked=format_count(counts.blocked, lang), failed=format_count(counts.failed, lang),
        eta=format_duration(counts.pending / rate_per_second, lang),
    )


def report_text(announcement_id: int, counts: DeliveryCounts, lang: str,
                started: datetime | None, finished: datetime | None) -> str:
    """Return the final delivery report."""
    took = (finished - started).total_seconds() if started and finished else 0.0
    return t(
        lang, "org.announce.report", id=announcement_id,
        sent=format_count(counts.sent, lang), total=format_count(counts.total, lang),
        blocked=format_count(counts.blocked, lang), failed=format_count(counts.failed, lang),
        duration=format_duration(took, lang),
    )


class ProgressThrottle:
    """Allow one progress edit per announcement every PROGRESS_EVERY of the given clock."""

    def __init__(self, clock: Callable[[], datetime], every: timedelta = PROGRESS_EVERY) -> None:
        self._clock = clock
        self._every = every
        self._last: dict[int, datetime] = {}

    def due(self, announcement_id: int) -> bool:
        """Tell whether an edit may go now, and if so count it."""
        now = self._clock()
        last = self._last.get(announcement_id)
        if last is not None and now - last < self._every:
            return False
        self._last[announcement_id] = now
        return True

    def forget(self, announcement_id: int) -> None:
        """Drop an announcement that is finished."""
        self._last.pop(announcement_id, None)
