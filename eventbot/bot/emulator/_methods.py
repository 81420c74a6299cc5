"""Bot API methods: each takes decoded params and returns a result or raises ApiError."""

from __future__ import annotations

import copy
import json
import logging
import re
import struct
import time
from collections.abc import Awaitable, Callable
from typing import Any

from eventbot.bot.emulator._formatting import EntityParseError, parse_html
from eventbot.bot.emulator._state import (
    ChatState,
    EmulatorState,
    StoredFile,
    StoredMessage,
    WebhookConfig,
    utf16_len,
)
from eventbot.bot.emulator._types import ApiError, JSONDict, UploadedFile

logger = logging.getLogger(__name__)

Handler = Callable[[JSONDict], Awaitable[Any]]

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64
_COMMAND_RE = re.compile(r"^[a-z0-9_]{1,32}$")
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
# Fields a copy or forward carries over from the original message.
_CONTENT_FIELDS = (
    "text",
    "entities",
    "caption",
    "caption_entities",
    "photo",
    "video",
    "voice",
    "audio",
    "animation",
    "document",
    "sticker",
    "location",
    "venue",
    "contact",
)
_MEDIA_DEFAULTS: dict[str, JSONDict] = {
    "photo": {"width": 800, "height": 600},
    "video": {"width": 640, "height": 360, "duration": 1, "mime_type": "video/mp4"},
    "animation": {"width": 320, "height": 240, "duration": 1, "mime_type": "video/mp4"},
    "voice": {"duration": 1, "mime_type": "audio/ogg"},
    "audio": {"duration": 1, "mime_type": "audio/mpeg"},
    "document": {},
}
_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup "
    "are exactly the same as a content and reply markup of the current message"
)


def png_size(content: bytes) -> tuple[int, int] | None:
    """Return (width, height) of PNG bytes, or None for anything else."""
    if content[:8] == b"\x89PNG\r\n\x1a\n" and len(content) >= 24:
        width, height = struct.unpack(">II", content[16:24])
        return int(width), int(height)
    return None


class BotApiMethods:
    """The Bot API methods the emulator implements, looked up case-insensitively."""

    def __init__(self, state: EmulatorState, *, auto_create_chats: bool = False) -> None:
        self.state = state
        self.auto_create_chats = auto_create_chats
        handlers: dict[str, Handler] = {
            "getMe": self.get_me,
            "logOut": self.ok,
            "close": self.ok,
            "getUpdates": self.get_updates,
            "setWebhook": self.set_webhook,
            "deleteWebhook": self.delete_webhook,
            "getWebhookInfo": self.get_webhook_info,
            "sendMessage": self.send_message,
            "editMessageText": self.edit_message_text,
            "editMessageCaption": self.edit_message_caption,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message,
            "answerCallbackQuery": self.answer_callback_query,
            "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands,
            "deleteMyCommands": self.delete_my_commands,
            "sendLocation": self.send_location,
            "sendVenue": self.send_venue,
            "sendContact": self.send_contact,
            "sendPhoto": self._media_sender("photo"),
            "sendVideo": self._media_sender("video"),
            "sendVoice": self._media_sender("voice"),
            "sendAudio": self._media_sender("audio"),
            "sendAnimation": self._media_sender("animation"),
            "sendDocument": self._media_sender("document"),
            "sendMediaGroup": self.send_media_group,
            "copyMessage": self.copy_message,
            "forwardMessage": self.forward_message,
            "getFile": self.get_file,
            "sendChatAction": self.send_chat_action,
            "getChat": self.get_chat,
            # Cosmetic bot settings: accepted so startup code works, otherwise ignored.
            "setMyDescription": self.ok,
            "setMyShortDescription": self.ok,
            "setMyName": self.ok,
            "setChatMenuButton": self.ok,
        }
        self._handlers = {name.lower(): (name, handler) for name, handler in handlers.items()}

    def resolve(self, name: str) -> tuple[str, Handler] | None:
        """Return the canonical name and handler of a method, ignoring case as Telegram does."""
        return self._handlers.get(name.lower())

    # -- helpers --------------------------------------------------------------------------

    def chat_of(self, params: JSONDict, key: str = "chat_id") -> ChatState:
        """Return the chat a call targets, or raise 'chat not found'."""
        value = params.get(key)
        if value is None or value == "":
            raise ApiError(400, f"Bad Request: {key} is empty")
        chat: ChatState | None = None
        if isinstance(value, int):
            chat = self.state.chats.get(value)
            if chat is None and self.auto_create_chats and value > 0:
                chat = self.state.add_chat(ChatState(id=value, type="private", first_name="User"))
        else:
            name = str(value).removeprefix("@").lower()
            chat = next(
                (c for c in self.state.chats.values() if (c.username or "").lower() == name),
                None,
            )
        if chat is None:
            raise ApiError(400, "Bad Request: chat not found")
        return chat

    def _post(
        self,
        chat: ChatState,
        method: str,
        content: JSONDict,
        params: JSONDict,
        *,
        markup: bool = True,
    ) -> StoredMessage:
        """Store a new bot message in ``chat`` with the common fields filled in."""
        sent_markup, inline_markup = _reply_markup(params) if markup else (None, None)
        reply_to = self._reply_to(chat, params)
        data: JSONDict = {
            "message_id": chat.allocate_message_id(),
            "from": dict(self.state.bot_user),
            "chat": chat.as_dict(),
            "date": int(time.time()),
        }
        if isinstance(params.get("message_thread_id"), int):
            data["message_thread_id"] = params["message_thread_id"]
        if reply_to is not None:
            data["reply_to_message"] = reply_to
        data.update(content)
        if inline_markup is not None:
            data["reply_markup"] = inline_markup
        parse_mode = params.get("parse_mode")
        return self.state.store_message(
            chat,
            data,
            from_bot=True,
            method=method,
            sent_markup=sent_markup,
            parse_mode=parse_mode if isinstance(parse_mode, str) else None,
        )

    def _reply_to(self, chat: ChatState, params: JSONDict) -> JSONDict | None:
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            chat_id = reply.get("chat_id", chat.id)
            allow = bool(reply.get("allow_sending_without_reply"))
        elif "reply_to_message_id" in params:
            message_id = params["reply_to_message_id"]
            chat_id = chat.id
            allow = bool(params.get("allow_sending_without_reply"))
        else:
            return None
        target = None
        if isinstance(chat_id, int) and isinstance(message_id, int):
            target = self.state.find_message(chat_id, message_id)
        if target is None:
            if allow:
                return None
            raise ApiError(400, "Bad Request: message to be replied not found")
        replied = copy.deepcopy(target.data)
        replied.pop("reply_to_message", None)  # Telegram never nests replies
        return replied

    def _message_of(
        self, params: JSONDict, verb: str, *, chat_key: str = "chat_id"
    ) -> StoredMessage:
        if params.get("inline_message_id"):
            raise ApiError(400, "Bad Request: inline messages are not supported by the emulator")
        chat = self.chat_of(params, chat_key)
        message_id = params.get("message_id")
        if not isinstance(message_id, int):
            raise ApiError(400, "Bad Request: message identifier is not specified")
        stored = self.state.find_message(chat.id, message_id)
        if stored is None:
            raise ApiError(400, f"Bad Request: message to {verb} not found")
        return stored

    def _editable(self, params: JSONDict) -> StoredMessage:
        stored = self._message_of(params, "edit")
        if not stored.from_bot:
            raise ApiError(400, "Bad Request: message can't be edited")
        return stored

    def _resolve_file(self, value: Any, kind: str, params: JSONDict) -> StoredFile:
        """Turn an upload, attach:// reference, file_id or URL into a stored file."""
        if isinstance(value, str) and value.startswith("attach://"):
            value = params.get(value.removeprefix("attach://"))
        if isinstance(value, UploadedFile):
            size = png_size(value.content) if kind == "photo" else None
            mime = None if value.content_type == "application/octet-stream" else value.content_type
            return self.state.store_file(
                kind,
                value.content,
                file_name=value.filename,
                mime_type=mime,
                width=size[0] if size else None,
                height=size[1] if size else None,
            )
        if isinstance(value, str) and value in self.state.files:
            return self.state.files[value]
        if isinstance(value, str) and value.startswith(("http://", "https://")):
            # The emulator never fetches URLs; it keeps an empty file under that name.
            name = value.rstrip("/").rsplit("/", 1)[-1] or None
            return self.state.store_file(kind, b"", file_name=name)
        raise ApiError(400, "Bad Request: wrong file identifier/HTTP URL specified")

    def _media_content(self, stored: StoredFile, kind: str, params: JSONDict) -> Any:
        info: JSONDict = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
        }
        defaults = _MEDIA_DEFAULTS[kind]
        for key in ("width", "height", "duration"):
            if key in defaults:
                value = params.get(key) or getattr(stored, key, None) or defaults[key]
                info[key] = int(value)
        if kind == "photo":
            return [info]
        if kind in ("document", "video", "audio", "animation") and stored.file_name:
            info["file_name"] = stored.file_name
        mime = stored.mime_type or defaults.get("mime_type")
        if kind != "photo" and mime:
            info["mime_type"] = mime
        for key in ("title", "performer"):
            if kind == "audio" and isinstance(params.get(key), str):
                info[key] = params[key]
        return info

    # -- bot and updates ------------------------------------------------------------------

    async def ok(self, params: JSONDict) -> bool:
        """Accept a call that changes nothing the emulator models."""
        return True

    async def get_me(self, params: JSONDict) -> JSONDict:
        """Return the bot user."""
        return {
            **self.state.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def get_updates(self, params: JSONDict) -> list[JSONDict]:
        """Return queued updates, long-polling up to ``timeout`` seconds."""
        state = self.state
        if state.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        if isinstance(params.get("offset"), int):
            state.confirm_updates(params["offset"])
        state.set_allowed_updates(params.get("allowed_updates"))
        limit = params.get("limit")
        limit = max(1, min(100, limit)) if isinstance(limit, int) else 100
        timeout = params.get("timeout")
        # A new poll supersedes a parked one, as on Telegram's side.
        state.wake_polls(terminate=True)
        batch = state.deliverable_updates(limit)
        if batch or not isinstance(timeout, int) or timeout <= 0:
            return batch
        waited = await state.wait_for_updates(float(timeout), limit)
        if waited is None:
            raise ApiError(
                409,
                "Conflict: terminated by other getUpdates request; "
                "make sure that only one bot instance is running",
            )
        return waited

    async def set_webhook(self, params: JSONDict) -> bool:
        """Store the webhook; the server's delivery loop starts posting updates to it."""
        url = params.get("url")
        if not url:
            return await self.delete_webhook(params)
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise ApiError(400, "Bad Request: bad webhook: invalid URL")
        secret = params.get("secret_token")
        if secret is not None and not (isinstance(secret, str) and _SECRET_RE.match(secret)):
            raise ApiError(400, "Bad Request: secret token contains unallowed characters")
        if params.get("drop_pending_updates"):
            self.state.drop_pending_updates()
        self.state.set_allowed_updates(params.get("allowed_updates"))
        max_connections = params.get("max_connections")
        self.state.webhook = WebhookConfig(
            url=url,
            secret_token=secret,
            max_connections=max_connections if isinstance(max_connections, int) else 40,
        )
        self.state.wake_polls(terminate=True)
        self.state.webhook_signal.notify()
        self.state.updates_signal.notify()
        logger.info("Webhook set to %s", url)
        return True

    async def delete_webhook(self, params: JSONDict) -> bool:
        """Remove the webhook, optionally dropping queued updates."""
        if params.get("drop_pending_updates"):
            self.state.drop_pending_updates()
        self.state.webhook = None
        self.state.webhook_signal.notify()
        return True

    async def get_webhook_info(self, params: JSONDict) -> JSONDict:
        """Describe the webhook as Telegram does."""
        hook = self.state.webhook
        info: JSONDict = {
            "url": hook.url if hook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.state.pending_updates),
        }
        if hook is not None:
            info["max_connections"] = hook.max_connections
            if hook.last_error_date is not None:
                info["last_error_date"] = hook.last_error_date
                info["last_error_message"] = hook.last_error_message
        if self.state.allowed_updates is not None:
            info["allowed_updates"] = sorted(self.state.allowed_updates)
        return info

    # -- messages -------------------------------------------------------------------------

    async def send_message(self, params: JSONDict) -> JSONDict:
        """Post a text message."""
        chat = self.chat_of(params)
        text, entities = _formatted(
            params, "text", "entities", TEXT_LIMIT, "Bad Request: message text is empty"
        )
        content: JSONDict = {"text": text}
        if entities:
            content["entities"] = entities
        return copy.deepcopy(self._post(chat, "sendMessage", content, params).data)

    async def edit_message_text(self, params: JSONDict) -> JSONDict:
        """Replace the text (and inline keyboard) of a bot message."""
        stored = self._editable(params)
        if "text" not in stored.data:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        text, entities = _formatted(
            params, "text", "entities", TEXT_LIMIT, "Bad Request: message text is empty"
        )
        return self._apply_edit(stored, {"text": text, "entities": entities}, params)

    async def edit_message_caption(self, params: JSONDict) -> JSONDict:
        """Replace the caption (and inline keyboard) of a bot media message."""
        stored = self._editable(params)
        if "text" in stored.data:
            raise ApiError(400, "Bad Request: there is no caption in the message to edit")
        caption, entities = _formatted(params, "caption", "caption_entities", CAPTION_LIMIT, None)
        return self._apply_edit(
            stored, {"caption": caption or None, "caption_entities": entities}, params
        )

    async def edit_message_reply_markup(self, params: JSONDict) -> JSONDict:
        """Replace or remove the inline keyboard of a bot message."""
        return self._apply_edit(self._editable(params), {}, params)

    def _apply_edit(self, stored: StoredMessage, fields: JSONDict, params: JSONDict) -> JSONDict:
        sent_markup, inline_markup = _reply_markup(params)
        if sent_markup is not None and inline_markup is None:
            raise ApiError(400, "Bad Request: inline keyboard expected")
        unchanged = all(stored.data.get(k) == (v or None) for k, v in fields.items())
        if unchanged and stored.data.get("reply_markup") == inline_markup:
            raise ApiError(400, _NOT_MODIFIED)
        for key, value in fields.items():
            if value:
                stored.data[key] = value
            else:
                stored.data.pop(key, None)
        # Omitting reply_markup in an edit removes the keyboard, as on Telegram.
        if inline_markup is None:
            stored.data.pop("reply_markup", None)
        else:
            stored.data["reply_markup"] = inline_markup
        stored.sent_markup = sent_markup
        stored.data["edit_date"] = int(time.time())
        stored.edited = True
        if isinstance(params.get("parse_mode"), str):
            stored.parse_mode = params["parse_mode"]
        return copy.deepcopy(stored.data)

    async def delete_message(self, params: JSONDict) -> bool:
        """Mark a message deleted."""
        self._message_of(params, "delete").deleted = True
        return True

    async def copy_message(self, params: JSONDict) -> JSONDict:
        """Post a copy of a message without a link to the original; return its id."""
        source = self._message_of(params, "copy", chat_key="from_chat_id")
        chat = self.chat_of(params)
        content = {k: copy.deepcopy(v) for k, v in source.data.items() if k in _CONTENT_FIELDS}
        if "caption" in params and "text" not in content:
            caption, entities = _formatted(
                params, "caption", "caption_entities", CAPTION_LIMIT, None
            )
            content.pop("caption_entities", None)
            content.update({"caption": caption} if caption else {})
            if entities:
                content["caption_entities"] = entities
        stored = self._post(chat, "copyMessage", content, params)
        return {"message_id": stored.message_id}

    async def forward_message(self, params: JSONDict) -> JSONDict:
        """Post a forward of a message, with forward_origin pointing at the original."""
        source = self._message_of(params, "forward", chat_key="from_chat_id")
        chat = self.chat_of(params)
        content = {k: copy.deepcopy(v) for k, v in source.data.items() if k in _CONTENT_FIELDS}
        origin = source.data.get("forward_origin")
        if origin is None:
            source_chat = source.data["chat"]
            if source_chat.get("type") == "channel":
                origin = {
                    "type": "channel",
                    "chat": source_chat,
                    "message_id": source.message_id,
                    "date": source.data["date"],
                }
            else:
                sender = source.data.get("from") or self.state.bot_user
                origin = {"type": "user", "sender_user": sender, "date": source.data["date"]}
        content["forward_origin"] = copy.deepcopy(origin)
        stored = self._post(chat, "forwardMessage", content, params, markup=False)
        return copy.deepcopy(stored.data)

    async def send_location(self, params: JSONDict) -> JSONDict:
        """Post a location."""
        chat = self.chat_of(params)
        location = _location(params)
        for key in ("horizontal_accuracy", "live_period", "heading"):
            if isinstance(params.get(key), int | float):
                location[key] = params[key]
        stored = self._post(chat, "sendLocation", {"location": location}, params)
        return copy.deepcopy(stored.data)

    async def send_venue(self, params: JSONDict) -> JSONDict:
        """Post a venue; like Telegram, the message also carries its location."""
        chat = self.chat_of(params)
        location = _location(params)
        venue: JSONDict = {"location": dict(location)}
        for key in ("title", "address"):
            value = params.get(key)
            if not isinstance(value, str) or not value:
                raise ApiError(400, f"Bad Request: venue {key} is empty")
            venue[key] = value
        for key in ("foursquare_id", "foursquare_type", "google_place_id", "google_place_type"):
            if isinstance(params.get(key), str):
                venue[key] = params[key]
        stored = self._post(chat, "sendVenue", {"venue": venue, "location": location}, params)
        return copy.deepcopy(stored.data)

    async def send_contact(self, params: JSONDict) -> JSONDict:
        """Post a contact card."""
        chat = self.chat_of(params)
        contact: JSONDict = {}
        for key in ("phone_number", "first_name"):
            value = params.get(key)
            if not isinstance(value, str) or not value:
                raise ApiError(400, f"Bad Request: contact {key} is empty")
            contact[key] = value
        for key in ("last_name", "vcard"):
            if isinstance(params.get(key), str):
                contact[key] = params[key]
        stored = self._post(chat, "sendContact", {"contact": contact}, params)
        return copy.deepcopy(stored.data)

    def _media_sender(self, kind: str) -> Handler:
        method = "send" + kind.capitalize()

        async def send_media(params: JSONDict) -> JSONDict:
            chat = self.chat_of(params)
            if kind not in params:
                raise ApiError(400, f"Bad Request: there is no {kind} in the request")
            stored_file = self._resolve_file(params[kind], kind, params)
            content: JSONDict = {kind: self._media_content(stored_file, kind, params)}
            caption, entities = _formatted(
                params, "caption", "caption_entities", CAPTION_LIMIT, None
            )
            if caption:
                content["caption"] = caption
            if entities:
                content["caption_entities"] = entities
            return copy.deepcopy(self._post(chat, method, content, params).data)

        send_media.__doc__ = f"Post a {kind}, storing an uploaded file."
        return send_media

    async def send_media_group(self, params: JSONDict) -> list[JSONDict]:
        """Post 2-10 media as an album sharing one media_group_id."""
        chat = self.chat_of(params)
        items = params.get("media")
        if not isinstance(items, list) or not 2 <= len(items) <= 10:
            raise ApiError(400, "Bad Request: media must be a list of 2-10 InputMedia")
        group_id = self.state.new_media_group_id()
        prepared = []
        for item in items:
            kind = item.get("type") if isinstance(item, dict) else None
            if kind not in ("photo", "video", "document", "audio"):
                raise ApiError(400, f"Bad Request: unsupported media type {kind!r} in the group")
            stored_file = self._resolve_file(item.get("media"), kind, params)
            content: JSONDict = {
                kind: self._media_content(stored_file, kind, item),
                "media_group_id": group_id,
            }
            caption, entities = _formatted(item, "caption", "caption_entities", CAPTION_LIMIT, None)
            if caption:
                content["caption"] = caption
            if entities:
                content["caption_entities"] = entities
            prepared.append(content)
        messages = [
            self._post(chat, "sendMediaGroup", content, params, markup=False)
            for content in prepared
        ]
        return [copy.deepcopy(m.data) for m in messages]

    async def send_chat_action(self, params: JSONDict) -> bool:
        """Accept a typing indicator for a known chat."""
        self.chat_of(params)
        if not params.get("action"):
            raise ApiError(400, "Bad Request: wrong parameter action in request")
        return True

    async def get_chat(self, params: JSONDict) -> JSONDict:
        """Return ChatFullInfo for a known chat."""
        chat = self.chat_of(params)
        return {
            **chat.as_dict(),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        }

    async def get_file(self, params: JSONDict) -> JSONDict:
        """Return the File for a file_id so the bot can download it."""
        stored = self.state.files.get(str(params.get("file_id")))
        if stored is None:
            raise ApiError(400, "Bad Request: invalid file_id")
        return stored.as_file()

    async def answer_callback_query(self, params: JSONDict) -> bool:
        """Accept the single answer to a callback query the emulator injected."""
        query_id = str(params.get("callback_query_id"))
        if self.state.callback_queries.get(query_id, True):
            raise ApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        self.state.callback_queries[query_id] = True
        return True

    # -- commands -------------------------------------------------------------------------

    async def set_my_commands(self, params: JSONDict) -> bool:
        """Store the command list for a scope and language."""
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        if len(commands) > 100:
            raise ApiError(400, "Bad Request: too many commands")
        language = params.get("language_code")
        if language and not (len(str(language)) == 2 and str(language).isalpha()):
            # Telegram takes a two-letter ISO 639-1 code only ("zh", never "zh-Hant")
            raise ApiError(400, "Bad Request: invalid language code specified")
        self._check_scope(params)
        for command in commands:
            if not isinstance(command, dict):
                raise ApiError(400, "Bad Request: can't parse BotCommand")
            if not _COMMAND_RE.match(str(command.get("command", ""))):
                raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise ApiError(400, "Bad Request: command description is empty or too long")
        self.state.commands[_command_key(params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    async def get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        """Return the command list stored for exactly this scope and language."""
        self._check_scope(params)
        return copy.deepcopy(self.state.commands.get(_command_key(params), []))

    async def delete_my_commands(self, params: JSONDict) -> bool:
        """Forget the command list for a scope and language."""
        self._check_scope(params)
        self.state.commands.pop(_command_key(params), None)
        return True

    def _check_scope(self, params: JSONDict) -> None:
        """Refuse a scope of an unknown type, or of a chat the bot cannot see, as Telegram does."""
        scope = params.get("scope") or {"type": "default"}
        kind = scope.get("type") if isinstance(scope, dict) else None
        if kind not in _SCOPE_TYPES:
            raise ApiError(400, "Bad Request: can't parse BotCommandScope")
        if kind in ("chat", "chat_administrators", "chat_member"):
            self.chat_of(scope)  # a chat the bot never met: "chat not found"
        if kind == "chat_member" and not isinstance(scope.get("user_id"), int):
            raise ApiError(400, "Bad Request: user_id is empty")


_SCOPE_TYPES = frozenset({"default", "all_private_chats", "all_group_chats",
                          "all_chat_administrators", "chat", "chat_administrators",
                          "chat_member"})


def _command_key(params: JSONDict) -> tuple[str, str]:
    scope = params.get("scope") or {"type": "default"}
    language = params.get("language_code") or ""
    return json.dumps(scope, sort_keys=True), str(language)


def _location(params: JSONDict) -> JSONDict:
    latitude, longitude = params.get("latitude"), params.get("longitude")
    if not isinstance(latitude, float | int) or not isinstance(longitude, float | int):
        raise ApiError(400, "Bad Request: wrong latitude or longitude")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise ApiError(400, "Bad Request: wrong latitude or longitude")
    return {"latitude": float(latitude), "longitude": float(longitude)}


def _formatted(
    params: JSONDict, key: str, entities_key: str, limit: int, empty_error: str | None
) -> tuple[str, list[JSONDict] | None]:
    """Return text and entities after parse_mode, enforcing emptiness and length limits."""
    text = params.get(key)
    if not isinstance(text, str) or not text.strip():
        if empty_error is not None:
            raise ApiError(400, empty_error)
        return "", None
    entities = params.get(entities_key)
    parse_mode = params.get("parse_mode")
    if isinstance(parse_mode, str) and parse_mode.lower() == "html" and entities is None:
        try:
            text, entities = parse_html(text)
        except EntityParseError as exc:
            raise ApiError(400, f"Bad Request: {exc}") from exc
    # MarkdownV2 and Markdown are passed through unparsed: the text keeps its markup.
    if utf16_len(text) > limit:
        what = "message" if key == "text" else "message caption"
        raise ApiError(400, f"Bad Request: {what} is too long")
    return text, entities if isinstance(entities, list) and entities else None


def _reply_markup(params: JSONDict) -> tuple[JSONDict | None, JSONDict | None]:
    """Return (markup as sent, inline markup to put on the message), validating buttons."""
    markup = params.get("reply_markup")
    if markup is None:
        return None, None
    if not isinstance(markup, dict):
        raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
    if "inline_keyboard" not in markup:
        if not {"keyboard", "remove_keyboard", "force_reply"} & markup.keys():
            raise ApiError(400, "Bad Request: can't parse reply keyboard markup JSON object")
        return markup, None
    rows = markup["inline_keyboard"]
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise ApiError(400, "Bad Request: can't parse inline keyboard markup JSON object")
    for row in rows:
        for button in row:
            if not isinstance(button, dict) or not button.get("text"):
                raise ApiError(400, "Bad Request: inline keyboard button text is empty")
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= CALLBACK_DATA_LIMIT:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            if len(button.keys() - {"text"}) != 1:
                raise ApiError(
                    400, "Bad Request: inline keyboard button must have exactly one action"
                )
    return markup, (markup if any(rows) else None)
