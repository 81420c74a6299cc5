"""Simulated users and group chats that inject updates into the emulator."""

from __future__ import annotations

import re
import struct
import time
import zlib
from collections.abc import Mapping, Sequence
from typing import Any, Literal, Protocol

from eventbot.bot.emulator._state import ChatState, EmulatorState, utf16_len
from eventbot.bot.emulator._types import ChatMessage, JSONDict


class MessageLike(Protocol):
    """Anything naming a message: a ChatMessage or a telegram.Message."""

    @property
    def chat_id(self) -> int: ...

    @property
    def message_id(self) -> int: ...


MessageRef = MessageLike | Mapping[str, Any]


def tiny_png(width: int = 1, height: int = 1) -> bytes:
    """Return a valid all-white PNG of the given size, handy as photo content."""

    def chunk(kind: bytes, payload: bytes) -> bytes:
        body = kind + payload
        return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\xff\xff\xff" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


# An @username as Telegram marks it: 5–32 letters, digits or underscores, not inside a word.
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{4,31}(?![\w@])")


def _entities(text: str) -> list[JSONDict]:
    """Return the entities Telegram's server adds to a plain text: a leading command, mentions."""
    found: list[JSONDict] = []
    command = text.split(maxsplit=1)[0] if text.startswith("/") and len(text) > 1 else ""
    if command:
        found.append({"type": "bot_command", "offset": 0, "length": utf16_len(command)})
    for match in _MENTION.finditer(text, len(command)):  # "/start@bot" is one command
        found.append({"type": "mention", "offset": utf16_len(text[:match.start()]),
                      "length": utf16_len(match[0])})
    return found


def message_key(message: MessageRef) -> tuple[int, int]:
    """Return (chat_id, message_id) of a message reference."""
    if isinstance(message, Mapping):
        return int(message["chat"]["id"]), int(message["message_id"])
    return int(message.chat_id), int(message.message_id)


class SimChat:
    """A group, supergroup or channel that simulated users can write in."""

    def __init__(self, chat: ChatState) -> None:
        self._chat = chat

    @property
    def id(self) -> int:
        """Return the chat id (negative for groups and channels)."""
        return self._chat.id

    @property
    def type(self) -> str:
        """Return group, supergroup or channel."""
        return self._chat.type

    @property
    def title(self) -> str | None:
        """Return the chat title."""
        return self._chat.title

    def as_dict(self) -> JSONDict:
        """Return the Chat JSON."""
        return self._chat.as_dict()

    def __repr__(self) -> str:
        return f"SimChat(id={self.id}, type={self.type!r}, title={self.title!r})"


class SimUser:
    """A Telegram user who writes to the bot; every helper injects one update and returns it."""

    def __init__(self, state: EmulatorState, profile: JSONDict) -> None:
        self._state = state
        self.profile = profile
        self._last_chat_id = int(profile["id"])
        self._mark = state.mark()

    @property
    def id(self) -> int:
        """Return the user id, which is also the id of the private chat with the bot."""
        return int(self.profile["id"])

    @property
    def first_name(self) -> str:
        """Return the first name."""
        return str(self.profile["first_name"])

    @property
    def language_code(self) -> str | None:
        """Return the IETF language tag Telegram reports for this user."""
        code = self.profile.get("language_code")
        return str(code) if code is not None else None

    def as_dict(self) -> JSONDict:
        """Return the User JSON."""
        return dict(self.profile)

    def __repr__(self) -> str:
        return f"SimUser(id={self.id}, first_name={self.first_name!r})"

    # -- messages -----------------------------------------------------------------------

    def send(
        self,
        content: Mapping[str, Any],
        *,
        chat_id: int | None = None,
        reply_to: MessageRef | None = None,
    ) -> JSONDict:
        """Inject a message with any content fields (sticker, poll, ...); return the update."""
        chat = self._state.chat(self.id if chat_id is None else chat_id)
        message: JSONDict = {
            "message_id": chat.allocate_message_id(),
            "from": self.as_dict(),
            "chat": chat.as_dict(),
            "date": int(time.time()),
            **content,
        }
        if reply_to is not None:
            target = self._state.find_message(*message_key(reply_to))
            if target is None:
                raise ValueError(f"cannot reply to unknown or deleted message {reply_to!r}")
            replied = dict(target.data)
            replied.pop("reply_to_message", None)
            message["reply_to_message"] = replied
        update = self._state.inject({"message": message})
        self._last_chat_id, self._mark = chat.id, self._state.mark()
        return update

    def send_text(
        self,
        text: str,
        *,
        chat_id: int | None = None,
        reply_to: MessageRef | None = None,
        entities: Sequence[JSONDict] | None = None,
    ) -> JSONDict:
        """Inject a text message with Telegram's entities (a leading /command, @mentions)."""
        content: JSONDict = {"text": text}
        found = list(entities) if entities is not None else _entities(text)
        if found:
            content["entities"] = found
        return self.send(content, chat_id=chat_id, reply_to=reply_to)

    def send_command(
        self,
        command: str,
        args: str | Sequence[str] | None = None,
        *,
        chat_id: int | None = None,
    ) -> JSONDict:
        """Inject ``/command args`` with its bot_command entity."""
        command = command if command.startswith("/") else f"/{command}"
        tail = args if isinstance(args, str) else " ".join(args or ())
        text = f"{command} {tail}".strip()
        entity = {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
        return self.send({"text": text, "entities": [entity]}, chat_id=chat_id)

    def send_photo(
        self,
        content: bytes | None = None,
        *,
        caption: str | None = None,
        width: int = 800,
        height: int = 600,
        chat_id: int | None = None,
    ) -> JSONDict:
        """Inject a photo the bot can download through getFile."""
        photo = self._photo_size(content, width, height)
        fields: JSONDict = {"photo": [photo]}
        if caption:
            fields["caption"] = caption
        return self.send(fields, chat_id=chat_id)

    def send_document(
        self,
        content: bytes,
        file_name: str = "document.txt",
        *,
        mime_type: str | None = None,
        caption: str | None = None,
        chat_id: int | None = None,
    ) -> JSONDict:
        """Inject a document the bot can download through getFile."""
        fields: JSONDict = {"document": self._document(content, file_name, mime_type)}
        if caption:
            fields["caption"] = caption
        return self.send(fields, chat_id=chat_id)

    def send_location(
        self,
        latitude: float,
        longitude: float,
        *,
        live_period: int | None = None,
        chat_id: int | None = None,
    ) -> JSONDict:
        """Inject a shared location."""
        location: JSONDict = {"latitude": float(latitude), "longitude": float(longitude)}
        if live_period is not None:
            location["live_period"] = live_period
        return self.send({"location": location}, chat_id=chat_id)

    def send_contact(self, phone_number: str, *, chat_id: int | None = None) -> JSONDict:
        """Inject this user sharing their own contact."""
        contact = {"phone_number": phone_number, "first_name": self.first_name, "user_id": self.id}
        return self.send({"contact": contact}, chat_id=chat_id)

    def forward_text(
        self,
        text: str,
        *,
        origin: SimUser | SimChat | str | None = None,
        chat_id: int | None = None,
    ) -> JSONDict:
        """Inject a forwarded text; origin is a user, a channel/group, or a hidden sender name."""
        now = int(time.time())
        forward_origin: JSONDict
        if isinstance(origin, SimUser):
            forward_origin = {"type": "user", "sender_user": origin.as_dict(), "date": now}
        elif isinstance(origin, SimChat) and origin.type == "channel":
            forward_origin = {
                "type": "channel",
                "chat": origin.as_dict(),
                "message_id": 1,
                "date": now,
            }
        elif isinstance(origin, SimChat):
            forward_origin = {"type": "chat", "sender_chat": origin.as_dict(), "date": now}
        else:
            forward_origin = {
                "type": "hidden_user",
                "sender_user_name": origin or "Anonymous",
                "date": now,
            }
        return self.send({"text": text, "forward_origin": forward_origin}, chat_id=chat_id)

    def send_media_group(
        self,
        contents: Sequence[bytes],
        *,
        kind: Literal["photo", "document"] = "photo",
        caption: str | None = None,
        chat_id: int | None = None,
    ) -> list[JSONDict]:
        """Inject an album: one update per item, all sharing a media_group_id."""
        if len(contents) < 2:
            raise ValueError("a media group needs at least two items")
        group_id = self._state.new_media_group_id()
        updates = []
        for index, content in enumerate(contents):
            fields: JSONDict = {"media_group_id": group_id}
            if kind == "photo":
                fields["photo"] = [self._photo_size(content, 800, 600)]
            else:
                fields["document"] = self._document(content, f"file{index + 1}.bin", None)
            if caption and index == 0:
                fields["caption"] = caption
            updates.append(self.send(fields, chat_id=chat_id))
        return updates

    # -- callback queries ---------------------------------------------------------------

    def press(self, message: MessageRef, data: str, *, strict: bool = True) -> JSONDict:
        """Inject a callback query for a button on a bot message (strict: the button must exist)."""
        chat_id, message_id = message_key(message)
        stored = self._state.find_message(chat_id, message_id)
        if stored is None:
            raise ValueError(f"message {message_id} in chat {chat_id} is unknown or deleted")
        snapshot = stored.snapshot()
        offered = [
            button.get("callback_data")
            for row in (stored.data.get("reply_markup") or {}).get("inline_keyboard", [])
            for button in row
        ]
        if strict and data not in offered:
            raise ValueError(
                f"message {message_id} has no button with callback_data {data!r}; "
                f"buttons: {snapshot.button_labels} with data {offered}"
            )
        query = {
            "id": self._state.new_callback_query_id(),
            "from": self.as_dict(),
            "chat_instance": f"{chat_id}{self._state.bot_user['id']}",
            "data": data,
            "message": snapshot.data,
        }
        update = self._state.inject({"callback_query": query})
        self._last_chat_id, self._mark = chat_id, self._state.mark()
        return update

    def press_button(self, message: ChatMessage, label: str) -> JSONDict:
        """Press the inline button with this label."""
        return self.press(message, message.callback_data(label))

    # -- reading replies ----------------------------------------------------------------

    def bot_messages(self) -> list[ChatMessage]:
        """Return what the bot sent to this user's private chat."""
        return [m.snapshot() for m in self._state.bot_messages_since(self.id, 0)]

    async def replies(self, count: int = 1, *, timeout: float = 5.0) -> list[ChatMessage]:
        """Wait for ``count`` bot messages after this user's last action; return them all."""
        chat_id, mark = self._last_chat_id, self._mark

        def enough() -> list[ChatMessage]:
            found = self._state.bot_messages_since(chat_id, mark)
            return [m.snapshot() for m in found] if len(found) >= count else []

        return await self._state.wait_for(
            enough, timeout, f"{count} bot message(s) in chat {chat_id} after {self!r} acted"
        )

    # -- file helpers -------------------------------------------------------------------

    def _photo_size(self, content: bytes | None, width: int, height: int) -> JSONDict:
        stored = self._state.store_file(
            "photo", content if content is not None else tiny_png(), mime_type="image/png"
        )
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "width": width,
            "height": height,
            "file_size": len(stored.content),
        }

    def _document(self, content: bytes, file_name: str, mime_type: str | None) -> JSONDict:
        stored = self._state.store_file(
            "document", content, file_name=file_name, mime_type=mime_type
        )
        document: JSONDict = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_name": file_name,
            "file_size": len(content),
        }
        if stored.mime_type:
            document["mime_type"] = stored.mime_type
        return document
