"""Public value types of the Bot API emulator: recorded calls, chat messages, fault rules."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

JSONDict = dict[str, Any]

#: Recorded status of a call whose client disconnected before the reply (nginx's convention);
#: the call still took effect unless it failed.
CLIENT_GONE = 499

#: Bot API methods that post a message; the rate limiter and ``block()`` look at these.
MESSAGE_METHODS = frozenset(
    {
        "sendMessage",
        "sendPhoto",
        "sendVideo",
        "sendVoice",
        "sendAudio",
        "sendAnimation",
        "sendDocument",
        "sendMediaGroup",
        "sendLocation",
        "sendVenue",
        "sendContact",
        "copyMessage",
        "forwardMessage",
    }
)


class ApiError(Exception):
    """Carry a Bot API error reply: HTTP status, description and optional retry_after."""

    def __init__(self, status: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after

    def to_json(self) -> JSONDict:
        """Return the reply body exactly as Telegram shapes it."""
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


@dataclass(frozen=True, slots=True)
class UploadedFile:
    """A file part of a multipart request, as the bot uploaded it."""

    field_name: str
    filename: str
    content_type: str
    content: bytes = field(repr=False)

    @property
    def size(self) -> int:
        """Return the size in bytes."""
        return len(self.content)


@dataclass(frozen=True, slots=True)
class RecordedCall:
    """One Bot API request the emulator answered."""

    method: str
    #: Form values with JSON fields decoded, ids as int, uploads as :class:`UploadedFile`.
    params: Mapping[str, Any]
    status: int
    #: ``time.monotonic()`` when the request arrived.
    at: float
    duration: float
    #: The ``result`` of a successful reply, else None.
    result: Any = None
    #: The error description of a failed reply, else None.
    description: str | None = None

    @property
    def ok(self) -> bool:
        """Tell whether the reply was a success."""
        return self.status == 200

    @property
    def chat_id(self) -> int | str | None:
        """Return the chat_id parameter, if any."""
        value = self.params.get("chat_id")
        return value if isinstance(value, int | str) else None

    def summary(self) -> str:
        """Return a one-line description for failure messages and demos."""
        shown = []
        for key in ("chat_id", "message_id", "text", "caption", "title", "data", "url"):
            if key in self.params:
                value = repr(self.params[key])
                shown.append(f"{key}={value[:40] + '…' if len(value) > 40 else value}")
        tail = f" ({self.description})" if self.description else ""
        return f"{self.method}({', '.join(shown)}) -> {self.status}{tail}"


@dataclass(frozen=True, slots=True)
class ChatMessage:
    """A snapshot of one message in a chat, sent by the bot or injected as a user."""

    #: Emulator-wide order of creation; compare with ``emu.mark()``.
    seq: int
    chat_id: int
    message_id: int
    from_bot: bool
    #: The Bot API method that created it (``"sendMessage"``), None for injected messages.
    method: str | None
    #: Text, or caption for media messages.
    text: str | None
    #: The reply_markup the bot sent, decoded (any keyboard type), else None.
    reply_markup: JSONDict | None
    #: The full Message JSON in its current state (edits applied).
    data: JSONDict
    edited: bool = False
    deleted: bool = False
    #: The parse_mode the bot asked for, if any.
    parse_mode: str | None = None

    @property
    def kind(self) -> str:
        """Return the content type: text, photo, document, venue, location, ..."""
        for key in _CONTENT_KINDS:
            if key in self.data:
                return key
        return "other"

    @property
    def buttons(self) -> list[list[JSONDict]]:
        """Return the inline keyboard rows, or an empty list."""
        markup = self.reply_markup or {}
        rows = markup.get("inline_keyboard") or markup.get("keyboard") or []
        return [[b if isinstance(b, dict) else {"text": b} for b in row] for row in rows]

    @property
    def button_labels(self) -> list[str]:
        """Return every button text, row by row."""
        return [str(button.get("text", "")) for row in self.buttons for button in row]

    def callback_data(self, label: str) -> str:
        """Return the callback_data of the inline button labelled ``label``."""
        for row in self.buttons:
            for button in row:
                if button.get("text") == label and "callback_data" in button:
                    return str(button["callback_data"])
        raise KeyError(f"no callback button {label!r}; buttons: {self.button_labels}")


# Venue before location: a venue message carries both.
_CONTENT_KINDS = (
    "text",
    "photo",
    "video",
    "voice",
    "audio",
    "animation",
    "document",
    "venue",
    "location",
    "contact",
    "sticker",
)


@dataclass(slots=True)
class FaultRule:
    """An injected failure or delay, consumed by matching calls until ``remaining`` hits 0."""

    method: str
    #: HTTP status to answer with, or None for a pure delay.
    status: int | None
    chat_id: int | None = None
    retry_after: int | None = None
    description: str | None = None
    #: Seconds to hold the request before answering (delay rules).
    delay: float = 0.0
    #: Calls left to affect; None means until removed.
    remaining: int | None = 1
    #: Extra condition on the decoded params.
    when: Callable[[Mapping[str, Any]], bool] | None = None
    hits: int = 0

    def matches(self, method: str, params: Mapping[str, Any]) -> bool:
        """Tell whether this rule applies to a call."""
        if self.remaining is not None and self.remaining <= 0:
            return False
        # A wildcard never hits getUpdates: failing polls would only stall every test.
        if self.method != method and (self.method != "*" or method == "getUpdates"):
            return False
        if self.chat_id is not None and params.get("chat_id") != self.chat_id:
            return False
        return self.when is None or self.when(params)

    def consume(self) -> None:
        """Count one use."""
        self.hits += 1
        if self.remaining is not None:
            self.remaining -= 1


@dataclass(frozen=True, slots=True)
class WebhookDelivery:
    """One attempt to POST an update to the webhook."""

    update_id: int
    url: str
    #: HTTP status of the receiver, or None when the connection failed.
    status: int | None
    error: str | None
    at: float
    #: The X-Telegram-Bot-Api-Secret-Token header sent, if any.
    secret_token: str | None = None

    @property
    def ok(self) -> bool:
        """Tell whether the receiver accepted the update."""
        return self.status is not None and 200 <= self.status < 300
