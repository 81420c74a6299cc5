"""What a relay channel provides: its staff chat, how its rows look, what happens once sent.

Pure: a channel reads the store and renders values; the worker does the Telegram I/O.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Protocol

from eventbot.bot.i18n import t
from eventbot.bot.render.reply import Button
from eventbot.bot.render.split import truncate_utf16
from eventbot.bot.services import Services
from eventbot.bot.storage._relay import RelayRow

# Telegram's reason for a refusal, as told to the staff chat, is cut to this many UTF-16 units.
REASON_LIMIT = 200


@dataclass(frozen=True)
class HtmlPost:
    """Post this HTML (split if long), with buttons under its last part."""

    html: str
    buttons: tuple[tuple[Button, ...], ...] = ()


@dataclass(frozen=True)
class CopyPost:
    """Copy a user's message; if the original is gone, post ``fallback_html`` instead."""

    from_chat_id: int
    message_id: int
    fallback_html: str


Post = HtmlPost | CopyPost


class Unreachable(Exception):
    """The user could not be reached now (a network error): try again later."""


# Send a plain text to a chat; return the message's id, or None if the user blocked the bot.
Tell = Callable[[int, str], Awaitable[int | None]]


class Channel(ABC):
    """One use of the relay: a staff chat and the rows queued for it."""

    name: str  # the outbox's channel column
    staff: str  # what the staff chat is called in logs

    def __init__(self, services: Services) -> None:
        self.services = services

    @property
    @abstractmethod
    def chat_id(self) -> int | None:
        """Return the staff chat, or None when the config names none (nothing is sent)."""

    @property
    @abstractmethod
    def language(self) -> str:
        """Return the language of the staff chat's texts."""

    @abstractmethod
    def reference(self, thread_id: int) -> str:
        """Return a thread's public reference (for logs and notices)."""

    @abstractmethod
    async def render(self, row: RelayRow) -> Post:
        """Return what to post for a row."""

    @abstractmethod
    async def notice(self, row: RelayRow) -> str:
        """Return the plain text posted instead of a row given up on."""

    async def delivered(self, row: RelayRow, chat_id: int, message_ids: Sequence[int]) -> None:
        """Record a row as sent (no ``message_ids``: a notice that could not be posted)."""
        await self.services.store.relay_delivered(row.id, chat_id,
                                                  message_ids[0] if message_ids else None,
                                                  message_ids[1:])

    @abstractmethod
    async def recover(self, tell: Tell) -> None:
        """Finish what a stop interrupted (acknowledgements never sent), before delivering."""


def desk_language(configured: str | None, services: Services) -> str:
    """Return a staff chat's language: the configured one, else the event's default."""
    return configured or services.knowledge.kb.event.default_language


def reason_text(lang: str, reason: str) -> str:
    """Return Telegram's reason for a refusal on one line, cut short, for a notice."""
    return truncate_utf16(" ".join(reason.split()) or t(lang, "relay.unknown_error"),
                          REASON_LIMIT)


class StoredMessage(Protocol):
    """A user's message as a channel stored it: a tip's item, a ticket's message."""

    @property
    def chat_id(self) -> int: ...
    @property
    def message_id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def text(self) -> str | None: ...
    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...


def copy_of(lang: str, ref: str, message: StoredMessage) -> CopyPost:
    """Copy a stored message; if its original was deleted, post the stored text instead."""
    lines = [escape(t(lang, "relay.original_gone", ref=ref, kind=message.kind))]
    if message.text:
        lines.append(escape(message.text))
    if message.latitude is not None and message.longitude is not None:
        lines.append(f"📍 {message.latitude}, {message.longitude}")
    return CopyPost(message.chat_id, message.message_id, "\n".join(lines))
