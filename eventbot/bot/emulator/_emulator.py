"""BotAPIEmulator: the one object tests, benchmarks and the demo talk to."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from types import TracebackType
from typing import Any, Literal, TypeVar

from eventbot.bot.emulator._methods import BotApiMethods
from eventbot.bot.emulator._server import EmulatorServer
from eventbot.bot.emulator._state import ChatState, EmulatorState
from eventbot.bot.emulator._types import (
    ChatMessage,
    FaultRule,
    JSONDict,
    RecordedCall,
    WebhookDelivery,
)
from eventbot.bot.emulator._users import SimChat, SimUser

logger = logging.getLogger(__name__)

T = TypeVar("T")


class BotAPIEmulator:
    """A local Telegram Bot API server for python-telegram-bot, with test-side controls."""

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        bot_username: str = "eventbot_test_bot",
        bot_first_name: str = "EventBot",
        auto_create_chats: bool = False,
        webhook_retry_initial: float = 0.05,
        webhook_retry_max: float = 1.0,
        webhook_timeout: float = 10.0,
    ) -> None:
        self.token = token
        self.host = host
        self._requested_port = port
        self._port: int | None = None
        self._state = EmulatorState(token, bot_username, bot_first_name)
        self._methods = BotApiMethods(self._state, auto_create_chats=auto_create_chats)
        self._server = EmulatorServer(
            self._state,
            self._methods,
            webhook_retry_initial=webhook_retry_initial,
            webhook_retry_max=webhook_retry_max,
            webhook_timeout=webhook_timeout,
        )
        self._users: dict[int, SimUser] = {}

    # -- lifecycle ------------------------------------------------------------------------

    async def start(self) -> None:
        """Bind the HTTP server; port 0 picks a free port."""
        if self._port is not None:
            raise RuntimeError("the emulator is already running")
        if self._state.closed:
            raise RuntimeError("a stopped emulator cannot be restarted; create a new one")
        self._port = await self._server.start(self.host, self._requested_port)
        logger.info("Bot API emulator listening on %s:%d", self.host, self._port)

    async def stop(self) -> None:
        """Release parked long polls and delays, stop webhook delivery, close the server."""
        await self._server.stop()
        self._port = None

    async def __aenter__(self) -> BotAPIEmulator:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def port(self) -> int:
        """Return the bound port."""
        if self._port is None:
            raise RuntimeError("the emulator is not running; call start() first")
        return self._port

    @property
    def url(self) -> str:
        """Return the server root, e.g. http://127.0.0.1:PORT."""
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """Return the value for ``Application.builder().base_url(...)``."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """Return the value for ``Application.builder().base_file_url(...)``."""
        return f"{self.url}/file/bot"

    @property
    def bot_user(self) -> JSONDict:
        """Return the bot's User JSON (what getMe answers)."""
        return dict(self._state.bot_user)

    # -- world ----------------------------------------------------------------------------

    def user(
        self,
        user_id: int,
        first_name: str = "User",
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        is_premium: bool | None = None,
    ) -> SimUser:
        """Return the simulated user with this id, creating it and its private chat."""
        if user_id <= 0:
            raise ValueError("user ids are positive")
        profile: JSONDict = {"id": user_id, "is_bot": False, "first_name": first_name}
        optional = {
            "last_name": last_name,
            "username": username,
            "language_code": language_code,
            "is_premium": is_premium,
        }
        profile.update({k: v for k, v in optional.items() if v is not None})
        self._state.users[user_id] = profile
        self._state.add_chat(
            ChatState(
                id=user_id,
                type="private",
                first_name=first_name,
                last_name=last_name,
                username=username,
            )
        )
        handle = self._users.get(user_id)
        if handle is None:
            handle = self._users[user_id] = SimUser(self._state, profile)
        handle.profile = profile
        return handle

    def group(
        self,
        chat_id: int,
        title: str = "Group",
        *,
        supergroup: bool = True,
        username: str | None = None,
    ) -> SimChat:
        """Create (or return) a group chat; its id must be negative."""
        if chat_id >= 0:
            raise ValueError("group chat ids are negative (supergroups look like -100...)")
        kind = "supergroup" if supergroup else "group"
        chat = ChatState(id=chat_id, type=kind, title=title, username=username)
        return SimChat(self._state.add_chat(chat))

    def channel(
        self, chat_id: int, title: str = "Channel", *, username: str | None = None
    ) -> SimChat:
        """Create (or return) a channel chat, e.g. as a forward origin; its id must be negative."""
        if chat_id >= 0:
            raise ValueError("channel ids are negative (-100...)")
        chat = ChatState(id=chat_id, type="channel", title=title, username=username)
        return SimChat(self._state.add_chat(chat))

    def inject_update(self, update: Mapping[str, Any]) -> JSONDict:
        """Validate a raw update, assign its update_id, queue it; raise ValueError if malformed."""
        return self._state.inject(update)

    @property
    def pending_updates(self) -> list[JSONDict]:
        """Return the updates the bot has not confirmed yet."""
        return list(self._state.pending_updates)

    @property
    def parked_polls(self) -> int:
        """Return how many getUpdates calls are waiting for updates right now."""
        return self._state.parked_polls

    # -- recordings -----------------------------------------------------------------------

    @property
    def calls(self) -> list[RecordedCall]:
        """Return every Bot API call answered so far, oldest first."""
        return list(self._state.calls)

    def calls_of(self, method: str, *, ok: bool | None = None) -> list[RecordedCall]:
        """Return the calls of one method, optionally only successes (ok=True) or failures."""
        return [
            call
            for call in self._state.calls
            if call.method == method and (ok is None or call.ok == ok)
        ]

    def clear_calls(self) -> None:
        """Forget recorded calls and webhook deliveries (chats and messages stay)."""
        self._state.calls.clear()
        self._state.deliveries.clear()

    @property
    def webhook_deliveries(self) -> list[WebhookDelivery]:
        """Return every webhook delivery attempt, failures included."""
        return list(self._state.deliveries)

    def messages(self, chat_id: int) -> list[ChatMessage]:
        """Return every message of a chat (users' and the bot's), current state, oldest first."""
        chat = self._state.chats.get(chat_id)
        return [m.snapshot() for m in chat.messages.values()] if chat else []

    def bot_messages(self, chat_id: int, *, since: int = 0) -> list[ChatMessage]:
        """Return what the bot posted in a chat (after mark ``since``), edits applied."""
        return [m.snapshot() for m in self._state.bot_messages_since(chat_id, since)]

    def mark(self) -> int:
        """Return a checkpoint; pass it as ``since`` to see only later messages."""
        return self._state.mark()

    def commands(self, language_code: str = "", scope: JSONDict | None = None) -> list[JSONDict]:
        """Return the commands set for a language and scope (default scope if None)."""
        key = (json.dumps(scope or {"type": "default"}, sort_keys=True), language_code)
        return list(self._state.commands.get(key, []))

    # -- waiting --------------------------------------------------------------------------

    async def wait_for(
        self, predicate: Callable[[], T], timeout: float = 5.0, *, what: str | None = None
    ) -> T:
        """Return the first truthy ``predicate()``, re-checked on every call, update and delivery.

        Raises TimeoutError listing the recorded calls when ``timeout`` passes first.
        """
        return await self._state.wait_for(predicate, timeout, what)

    async def wait_for_bot_messages(
        self, chat_id: int, count: int = 1, *, since: int = 0, timeout: float = 5.0
    ) -> list[ChatMessage]:
        """Wait until the bot posted at least ``count`` messages in a chat after ``since``."""

        def enough() -> list[ChatMessage]:
            found = self._state.bot_messages_since(chat_id, since)
            return [m.snapshot() for m in found] if len(found) >= count else []

        return await self._state.wait_for(
            enough, timeout, f"{count} bot message(s) in chat {chat_id} after mark {since}"
        )

    async def wait_for_call(
        self, method: str, count: int = 1, *, timeout: float = 5.0
    ) -> list[RecordedCall]:
        """Wait until ``method`` was called at least ``count`` times; return those calls."""

        def enough() -> list[RecordedCall]:
            found = self.calls_of(method)
            return found if len(found) >= count else []

        return await self._state.wait_for(enough, timeout, f"{count} {method} call(s)")

    # -- faults ---------------------------------------------------------------------------

    def fail(
        self,
        method: str,
        *,
        status: Literal[400, 403, 409, 429, 500, 502] | int = 500,
        chat_id: int | None = None,
        retry_after: int = 1,
        times: int | None = 1,
        description: str | None = None,
        when: Callable[[Mapping[str, Any]], bool] | None = None,
    ) -> FaultRule:
        """Answer the next ``times`` matching calls with an error (times=None: until cleared).

        ``method="*"`` matches every method except getUpdates; rules apply in the order added.
        """
        if status < 400:
            raise ValueError("a fault needs an error status (>= 400)")
        rule = FaultRule(
            method=method,
            status=status,
            chat_id=chat_id,
            retry_after=retry_after if status == 429 else None,
            description=description,
            remaining=times,
            when=when,
        )
        self._state.fault_rules.append(rule)
        return rule

    def delay(
        self,
        method: str,
        seconds: float,
        *,
        chat_id: int | None = None,
        times: int | None = 1,
        when: Callable[[Mapping[str, Any]], bool] | None = None,
    ) -> FaultRule:
        """Hold matching calls ``seconds`` before handling them, to provoke client timeouts.

        The call still takes effect after the delay, as a slow Telegram would.
        """
        rule = FaultRule(
            method=method,
            status=None,
            chat_id=chat_id,
            delay=seconds,
            remaining=times,
            when=when,
        )
        self._state.fault_rules.append(rule)
        return rule

    def clear_faults(self) -> None:
        """Remove every fault and delay rule, blocks and rate limits."""
        self._state.fault_rules.clear()
        self._state.blocked.clear()
        self.set_global_rate_limit(None)

    def block(self, chat_id: int) -> None:
        """Answer sends to this chat with 403 'bot was blocked by the user'."""
        self._state.blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        """Undo block()."""
        self._state.blocked.discard(chat_id)

    def set_global_rate_limit(
        self, per_second: int | None, *, per_chat_per_second: int | None = None
    ) -> None:
        """Answer 429 beyond ``per_second`` message sends in any sliding second (None: off)."""
        self._state.global_rate = per_second
        self._state.per_chat_rate = per_chat_per_second
