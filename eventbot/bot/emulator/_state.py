"""In-memory world of the emulator: chats, messages, the update queue, files, calls, faults."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import logging
import math
import mimetypes
import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from telegram import Update

from eventbot.bot.emulator._types import (
    MESSAGE_METHODS,
    ApiError,
    ChatMessage,
    FaultRule,
    JSONDict,
    RecordedCall,
    WebhookDelivery,
)

logger = logging.getLogger(__name__)

T = TypeVar("T")

_MESSAGE_UPDATE_KEYS = (
    "message",
    "edited_message",
    "channel_post",
    "edited_channel_post",
    "business_message",
    "edited_business_message",
)
# What Telegram sends when allowed_updates was never set (or set to []).
_DEFAULT_EXCLUDED_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_UPDATE_KINDS = frozenset(Update.ALL_TYPES)


class Signal:
    """Wake every waiter at once; notify() is synchronous so injection helpers need no await."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        """Wake current waiters; later waiters wait for the next notify()."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, timeout: float) -> bool:
        """Wait for the next notify() up to ``timeout`` seconds; tell whether it came."""
        event = self._event
        try:
            await asyncio.wait_for(event.wait(), timeout)
        except TimeoutError:
            return False
        return True


@dataclass(slots=True)
class StoredMessage:
    """A message kept in a chat so edits, deletes, copies and forwards can find it."""

    seq: int
    chat_id: int
    message_id: int
    from_bot: bool
    method: str | None
    data: JSONDict
    sent_markup: JSONDict | None = None
    parse_mode: str | None = None
    edited: bool = False
    deleted: bool = False

    def snapshot(self) -> ChatMessage:
        """Return an immutable copy for tests."""
        data = copy.deepcopy(self.data)
        text = data.get("text", data.get("caption"))
        return ChatMessage(
            seq=self.seq,
            chat_id=self.chat_id,
            message_id=self.message_id,
            from_bot=self.from_bot,
            method=self.method,
            text=text if isinstance(text, str) else None,
            reply_markup=copy.deepcopy(self.sent_markup),
            data=data,
            edited=self.edited,
            deleted=self.deleted,
            parse_mode=self.parse_mode,
        )


@dataclass(slots=True)
class ChatState:
    """One chat: its identity and the messages in it."""

    id: int
    type: str
    title: str | None = None
    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    bot_messages: list[StoredMessage] = field(default_factory=list)
    next_message_id: int = 1

    def as_dict(self) -> JSONDict:
        """Return the Chat JSON."""
        chat: JSONDict = {"id": self.id, "type": self.type}
        for key in ("title", "username", "first_name", "last_name"):
            value = getattr(self, key)
            if value is not None:
                chat[key] = value
        return chat

    def allocate_message_id(self) -> int:
        """Return the next message id of this chat."""
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


@dataclass(slots=True)
class StoredFile:
    """A file the emulator can hand out through getFile and the download route."""

    file_id: str
    file_unique_id: str
    file_path: str
    content: bytes
    file_name: str | None
    mime_type: str | None
    kind: str
    width: int | None = None
    height: int | None = None

    def as_file(self) -> JSONDict:
        """Return the File JSON for getFile."""
        return {
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.content),
            "file_path": self.file_path,
        }


@dataclass(slots=True)
class WebhookConfig:
    """What setWebhook stored."""

    url: str
    secret_token: str | None
    max_connections: int
    last_error_date: int | None = None
    last_error_message: str | None = None


@dataclass(slots=True)
class _PollWaiter:
    """A parked getUpdates request."""

    event: asyncio.Event = field(default_factory=asyncio.Event)
    terminated: bool = False


def utf16_len(text: str) -> int:
    """Return the length of ``text`` in UTF-16 code units, the unit of entity offsets."""
    return len(text.encode("utf-16-le")) // 2


class EmulatorState:
    """Hold everything the emulator knows; every method runs on the event loop thread."""

    def __init__(self, token: str, bot_username: str, bot_first_name: str) -> None:
        bot_id = token.split(":", 1)[0]
        if not bot_id.isdigit():
            raise ValueError(f"token must look like '123:ABC', got {token!r}")
        self.token = token
        self.bot_user: JSONDict = {
            "id": int(bot_id),
            "is_bot": True,
            "first_name": bot_first_name,
            "username": bot_username,
        }
        self.chats: dict[int, ChatState] = {}
        self.users: dict[int, JSONDict] = {}
        self.files: dict[str, StoredFile] = {}
        self.files_by_path: dict[str, StoredFile] = {}
        self.calls: list[RecordedCall] = []
        self.deliveries: list[WebhookDelivery] = []
        self.pending_updates: deque[JSONDict] = deque()
        self.allowed_updates: frozenset[str] | None = None
        self.webhook: WebhookConfig | None = None
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.callback_queries: dict[str, bool] = {}
        self.fault_rules: list[FaultRule] = []
        self.blocked: set[int] = set()
        self.global_rate: int | None = None
        self.per_chat_rate: int | None = None
        self._global_sends: deque[float] = deque()
        self._chat_sends: dict[int, deque[float]] = {}
        self.closed = False
        self._closing = asyncio.Event()
        self.changed = Signal()
        self.updates_signal = Signal()
        self.webhook_signal = Signal()
        self._poll_waiters: list[_PollWaiter] = []
        self._next_update_id = 1
        self._next_seq = 1
        self._next_file = 1
        self._next_callback = 1
        self._next_media_group = 1

    # -- chats and messages -------------------------------------------------------------

    def add_chat(self, chat: ChatState) -> ChatState:
        """Register a chat, keeping the messages of an existing one with the same id."""
        existing = self.chats.get(chat.id)
        if existing is not None:
            chat.messages, chat.bot_messages = existing.messages, existing.bot_messages
            chat.next_message_id = existing.next_message_id
        self.chats[chat.id] = chat
        return chat

    def chat(self, chat_id: int) -> ChatState:
        """Return a known chat or raise ValueError (test-side lookups)."""
        try:
            return self.chats[chat_id]
        except KeyError:
            raise ValueError(
                f"unknown chat {chat_id}; create it with emu.user() or emu.group() first"
            ) from None

    def mark(self) -> int:
        """Return the seq of the newest message, to wait for messages after it."""
        return self._next_seq - 1

    def store_message(
        self,
        chat: ChatState,
        data: JSONDict,
        *,
        from_bot: bool,
        method: str | None = None,
        sent_markup: JSONDict | None = None,
        parse_mode: str | None = None,
    ) -> StoredMessage:
        """Keep a message in its chat (replacing one with the same id) and notify waiters."""
        stored = StoredMessage(
            seq=self._next_seq,
            chat_id=chat.id,
            message_id=int(data["message_id"]),
            from_bot=from_bot,
            method=method,
            data=data,
            sent_markup=sent_markup,
            parse_mode=parse_mode,
        )
        self._next_seq += 1
        chat.messages[stored.message_id] = stored
        chat.next_message_id = max(chat.next_message_id, stored.message_id + 1)
        if from_bot:
            chat.bot_messages.append(stored)
        return stored

    def find_message(self, chat_id: int, message_id: int) -> StoredMessage | None:
        """Return a live (not deleted) message, or None."""
        chat = self.chats.get(chat_id)
        stored = chat.messages.get(message_id) if chat else None
        return None if stored is None or stored.deleted else stored

    def bot_messages_since(self, chat_id: int, since: int) -> list[StoredMessage]:
        """Return the bot's messages in a chat created after seq ``since``."""
        chat = self.chats.get(chat_id)
        if chat is None:
            return []
        found = []
        for stored in reversed(chat.bot_messages):
            if stored.seq <= since:
                break
            found.append(stored)
        found.reverse()
        return found

    # -- files ----------------------------------------------------------------------------

    def store_file(
        self,
        kind: str,
        content: bytes,
        *,
        file_name: str | None = None,
        mime_type: str | None = None,
        width: int | None = None,
        height: int | None = None,
    ) -> StoredFile:
        """Keep uploaded bytes under a fresh file_id and file_path."""
        number = self._next_file
        self._next_file += 1
        if mime_type is None and file_name:
            mime_type = mimetypes.guess_type(file_name)[0]
        suffix = ""
        if file_name and "." in file_name:
            suffix = "." + file_name.rsplit(".", 1)[1]
        elif mime_type:
            suffix = mimetypes.guess_extension(mime_type) or ""
        stored = StoredFile(
            file_id=f"EMU{kind[:3].upper()}{number:06d}{self.bot_user['id'] % 10000:04d}",
            file_unique_id=f"U{number:06d}",
            file_path=f"{kind}s/file_{number}{suffix}",
            content=content,
            file_name=file_name,
            mime_type=mime_type,
            kind=kind,
            width=width,
            height=height,
        )
        self.files[stored.file_id] = stored
        self.files_by_path[stored.file_path] = stored
        return stored

    # -- updates ------------------------------------------------------------------------

    def inject(self, update: Mapping[str, Any]) -> JSONDict:
        """Validate an update, assign its update_id, queue it and store its message."""
        data = validate_update(update, self._next_update_id)
        self._next_update_id += 1
        for key in _MESSAGE_UPDATE_KEYS:
            message = data.get(key)
            if isinstance(message, dict):
                self._remember_injected_message(message)
        callback = data.get("callback_query")
        if isinstance(callback, dict):
            self.callback_queries.setdefault(str(callback["id"]), False)
        self.pending_updates.append(data)
        logger.debug("Injected update %d (%s)", data["update_id"], _update_kind(data))
        self.wake_polls()
        self.updates_signal.notify()
        self.changed.notify()
        return copy.deepcopy(data)

    def new_callback_query_id(self) -> str:
        """Return a fresh callback query id."""
        query_id = f"{self.bot_user['id']}{self._next_callback:08d}"
        self._next_callback += 1
        return query_id

    def new_media_group_id(self) -> str:
        """Return a fresh media_group_id."""
        group_id = f"1{self._next_media_group:011d}"
        self._next_media_group += 1
        return group_id

    def _remember_injected_message(self, message: JSONDict) -> None:
        chat_json = message["chat"]
        chat = self.chats.get(chat_json["id"])
        if chat is None:
            chat = self.add_chat(
                ChatState(
                    id=chat_json["id"],
                    type=chat_json["type"],
                    title=chat_json.get("title"),
                    username=chat_json.get("username"),
                    first_name=chat_json.get("first_name"),
                    last_name=chat_json.get("last_name"),
                )
            )
        sender = message.get("from") or {}
        self.store_message(
            chat,
            copy.deepcopy(message),
            from_bot=sender.get("id") == self.bot_user["id"],
        )

    def confirm_updates(self, offset: int) -> None:
        """Forget updates below ``offset`` (negative: keep only the last -offset)."""
        if offset < 0:
            while len(self.pending_updates) > -offset:
                self.pending_updates.popleft()
            return
        while self.pending_updates and self.pending_updates[0]["update_id"] < offset:
            self.pending_updates.popleft()

    def drop_pending_updates(self) -> None:
        """Forget every queued update."""
        self.pending_updates.clear()

    def deliverable_updates(self, limit: int) -> list[JSONDict]:
        """Return up to ``limit`` queued updates, dropping types not in allowed_updates."""
        allowed = self.allowed_updates
        kept: deque[JSONDict] = deque()
        for update in self.pending_updates:
            kind = _update_kind(update)
            excluded = _DEFAULT_EXCLUDED_UPDATES if allowed is None else _UPDATE_KINDS - allowed
            if kind in excluded:
                logger.info("Dropping %s update %d: not allowed", kind, update["update_id"])
            else:
                kept.append(update)
        self.pending_updates = kept
        return [copy.deepcopy(u) for u in list(kept)[:limit]]

    def set_allowed_updates(self, allowed: object) -> None:
        """Remember allowed_updates as Telegram does: a list replaces, [] means the default."""
        if isinstance(allowed, list):
            self.allowed_updates = frozenset(str(a) for a in allowed) or None

    def wake_polls(self, *, terminate: bool = False) -> None:
        """Wake parked getUpdates calls, optionally telling them they were superseded."""
        for waiter in self._poll_waiters:
            waiter.terminated = waiter.terminated or terminate
            waiter.event.set()

    @property
    def parked_polls(self) -> int:
        """Return how many long polls are parked."""
        return len(self._poll_waiters)

    async def wait_for_updates(self, timeout: float, limit: int) -> list[JSONDict] | None:
        """Park a long poll until updates arrive; None if superseded by a newer poll."""
        waiter = _PollWaiter()
        self._poll_waiters.append(waiter)
        self.changed.notify()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            while True:
                batch = self.deliverable_updates(limit)
                if batch or self.closed:
                    return batch
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return []
                try:
                    await asyncio.wait_for(waiter.event.wait(), remaining)
                except TimeoutError:
                    return []
                waiter.event.clear()
                if waiter.terminated:
                    return None
        finally:
            self._poll_waiters.remove(waiter)

    # -- faults and limits ----------------------------------------------------------------

    def take_delay(self, method: str, params: Mapping[str, Any]) -> float:
        """Consume the first matching delay rule and return its delay in seconds."""
        for rule in self.fault_rules:
            if rule.status is None and rule.matches(method, params):
                rule.consume()
                return rule.delay
        return 0.0

    def check_faults(self, method: str, params: Mapping[str, Any]) -> None:
        """Raise the first matching injected failure, the block or the rate limit."""
        for rule in self.fault_rules:
            if rule.status is not None and rule.matches(method, params):
                rule.consume()
                raise ApiError(
                    rule.status,
                    rule.description or _default_description(rule.status, rule.retry_after),
                    rule.retry_after if rule.status == 429 else None,
                )
        self.fault_rules = [r for r in self.fault_rules if r.remaining is None or r.remaining > 0]
        chat_id = params.get("chat_id")
        sends = method in MESSAGE_METHODS or method == "sendChatAction"
        if sends and isinstance(chat_id, int) and chat_id in self.blocked:
            raise ApiError(403, "Forbidden: bot was blocked by the user")
        if method in MESSAGE_METHODS:
            self._check_rate(chat_id if isinstance(chat_id, int) else None)

    def _check_rate(self, chat_id: int | None) -> None:
        now = time.monotonic()
        windows: list[tuple[deque[float], int]] = []
        if self.global_rate is not None:
            windows.append((self._global_sends, self.global_rate))
        if self.per_chat_rate is not None and chat_id is not None:
            windows.append((self._chat_sends.setdefault(chat_id, deque()), self.per_chat_rate))
        for window, limit in windows:
            while window and window[0] <= now - 1.0:
                window.popleft()
            if len(window) >= limit:
                retry_after = max(1, math.ceil(window[0] + 1.0 - now))
                raise ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)
        for window, _ in windows:
            window.append(now)

    # -- recording and waiting ----------------------------------------------------------

    def record(self, call: RecordedCall) -> None:
        """Keep a finished call and wake waiters."""
        self.calls.append(call)
        self.changed.notify()

    def record_delivery(self, delivery: WebhookDelivery) -> None:
        """Keep a webhook delivery attempt and wake waiters."""
        self.deliveries.append(delivery)
        self.changed.notify()

    def close(self) -> None:
        """Release every parked request and background loop."""
        self.closed = True
        self._closing.set()
        self.wake_polls()
        for signal in (self.changed, self.updates_signal, self.webhook_signal):
            signal.notify()

    async def sleep(self, seconds: float) -> None:
        """Sleep, but return at once when the emulator stops."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._closing.wait(), seconds)

    async def wait_for(
        self, predicate: Callable[[], T], timeout: float, what: str | None = None
    ) -> T:
        """Return the first truthy ``predicate()``, re-checked whenever something happens."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            result = predicate()
            if result:
                return result
            remaining = deadline - loop.time()
            if remaining <= 0 or self.closed:
                raise TimeoutError(self.describe_timeout(what or repr(predicate), timeout))
            await self.changed.wait(remaining)

    def describe_timeout(self, what: str, timeout: float) -> str:
        """Explain a wait_for timeout with what the emulator saw."""
        polls = sum(1 for c in self.calls if c.method == "getUpdates")
        others = [c for c in self.calls if c.method != "getUpdates"]
        lines = [f"timed out after {timeout}s waiting for {what}."]
        lines.append(
            f"Recorded {len(self.calls)} calls ({polls} getUpdates); "
            f"{len(self.pending_updates)} updates unconfirmed"
        )
        if self.closed:
            lines.append("The emulator was stopped.")
        shown = others[-25:]
        if len(others) > len(shown):
            lines.append(f"  ... {len(others) - len(shown)} earlier calls")
        lines.extend(f"  {call.summary()}" for call in shown)
        failed = [d for d in self.deliveries if not d.ok][-3:]
        lines.extend(f"  webhook {d.url} -> {d.status or d.error}" for d in failed)
        return "\n".join(lines)


def validate_update(update: Mapping[str, Any], update_id: int) -> JSONDict:
    """Return a JSON copy of ``update`` with ``update_id`` set, or raise ValueError."""
    if not isinstance(update, Mapping):
        raise ValueError(f"an update must be a mapping, got {type(update).__name__}")
    try:
        data: JSONDict = json.loads(json.dumps(dict(update)))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"update is not JSON-serialisable: {exc}") from exc
    data["update_id"] = update_id
    kinds = [key for key in data if key != "update_id"]
    if len(kinds) != 1 or kinds[0] not in _UPDATE_KINDS:
        raise ValueError(f"an update needs exactly one of {sorted(_UPDATE_KINDS)}, got {kinds}")
    payload = data[kinds[0]]
    if not isinstance(payload, dict):
        raise ValueError(f"update field {kinds[0]!r} must be an object")
    if kinds[0] in _MESSAGE_UPDATE_KEYS:
        _check_message(payload, kinds[0])
    elif kinds[0] == "callback_query":
        message = payload.get("message")
        if isinstance(message, dict):
            _check_message(message, "callback_query.message")
    try:
        Update.de_json(copy.deepcopy(data), None)
    except Exception as exc:  # de_json raises KeyError, TypeError, ... on bad shapes
        raise ValueError(f"malformed {kinds[0]} update: {type(exc).__name__}: {exc}") from exc
    return data


def _check_message(message: JSONDict, where: str) -> None:
    if not isinstance(message.get("message_id"), int):
        raise ValueError(f"{where} needs an integer message_id")
    if not isinstance(message.get("date"), int):
        raise ValueError(f"{where} needs an integer date")
    chat = message.get("chat")
    if not (isinstance(chat, dict) and isinstance(chat.get("id"), int) and chat.get("type")):
        raise ValueError(f"{where} needs a chat with an integer id and a type")


def _update_kind(update: Mapping[str, Any]) -> str:
    return next((key for key in update if key != "update_id"), "unknown")


def _default_description(status: int, retry_after: int | None) -> str:
    return {
        400: "Bad Request: injected fault",
        401: "Unauthorized",
        403: "Forbidden: bot was blocked by the user",
        409: "Conflict: terminated by other getUpdates request",
        429: f"Too Many Requests: retry after {retry_after}",
        500: "Internal Server Error",
        502: "Bad Gateway",
    }.get(status, f"Error {status}")
