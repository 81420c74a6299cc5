"""``eventbot demo``: chat with the real bot in a terminal, through the local Bot API emulator.

The emulator (a free port) and the real Application (polling, no rate limiter) run in this
process on a temporary database; the terminal user is one simulated attendee. Interactive by
default; ``--script FILE`` plays a conversation line by line and prints the transcript.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import io
import logging
import re
import sys
import tempfile
import threading
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, TextIO

from telegram import Update
from telegram.ext import TypeHandler

from eventbot.bot.app import build_application, start_services, stop_services
from eventbot.bot.clock import parse_moment, shifted_clock
from eventbot.bot.config import parse_config
from eventbot.bot.emulator import BotAPIEmulator, RecordedCall, SimUser
from eventbot.bot.kb.locate import default_kb
from eventbot.bot.services import KnowledgeHolder
from eventbot.handlers.context import BotContext
from eventbot.handlers.send import pin_landed

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_USAGE = 1
EXIT_INVALID = 2
# The sample event lies in the past: the demo's clock starts on its second morning.
DEFAULT_AT = "2025-09-02 09:50"
ATTENDEE_ID = 1001
ATTENDEE_NAME = "Demo Attendee"
QUIT = "/quit"
# Generous: a reply takes milliseconds; this only bounds a bot that never answers.
REPLY_TIMEOUT = 30.0
# Runs after every real handler group of the same update (PTB processes groups in order).
DONE_GROUP = 99
# What the bot does that the attendee sees; sendChatAction ("typing…") is left out.
SHOWN_METHODS = frozenset({
    "sendMessage", "sendVenue", "sendLocation", "sendDocument", "sendPhoto",
    "editMessageText", "editMessageCaption", "editMessageReplyMarkup", "answerCallbackQuery",
})
EDIT_METHODS = frozenset({"editMessageText", "editMessageCaption", "editMessageReplyMarkup"})
LANG_DIRECTIVE = re.compile(r"^#lang\s+([A-Za-z]{2,3}(?:-[A-Za-z0-9]+)?)\s*$")

BANNER = """\
eventbot demo: you are an attendee chatting with the real bot (real python-telegram-bot,
real HTTP) through a local Telegram Bot API emulator. Nothing leaves this machine.

Knowledge base: {event}.
It lies in the past, so the bot's clock starts at {at} ({tz}) and runs on from there:
/now, "today" and reminders behave as at that moment (change it with --at).

Ask in your words:  한라홀 어디에 있어요?  ·  When is plenary 2?
                   ハラホールはどこですか？ (#lang ja)  ·  汉拿厅在哪里？ (#lang zh)
Commands:  /start  /schedule  /now  /my  /language  /help
Buttons show as [1], [2], …: type the number to press it on the latest message that has them.
#lang ko switches your Telegram language (now {lang}). /quit or Ctrl-D leaves.
"""


# -- formatting (pure) -------------------------------------------------------------------------

def callback_buttons(message: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Return (label, callback_data) of a message's inline buttons, row by row."""
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    return [(str(b.get("text", "")), str(b["callback_data"]))
            for row in rows for b in row if "callback_data" in b]


def format_message(message: Mapping[str, Any], *, edited: bool = False) -> list[str]:
    """Return the lines a terminal shows for one bot message: content, then numbered buttons."""
    lines: list[str] = []
    venue, location = message.get("venue"), message.get("location")
    document = message.get("document")
    if isinstance(venue, Mapping):
        spot = venue.get("location") or {}
        lines.append(f"📍 {venue.get('title', '')} — {venue.get('address', '')} "
                     f"({spot.get('latitude')}, {spot.get('longitude')})")
    elif isinstance(location, Mapping):
        lines.append(f"📍 ({location.get('latitude')}, {location.get('longitude')})")
    if isinstance(document, Mapping):
        lines.append(f"📎 {document.get('file_name', 'file')} "
                     f"({document.get('file_size', 0)} bytes)")
    if "photo" in message:
        lines.append("🖼 photo")
    text = message.get("text", message.get("caption"))
    if isinstance(text, str) and text:
        lines.extend(text.splitlines())
    if edited:
        lines = [f"(edited) {lines[0]}" if lines else "(edited)", *lines[1:]]
    number = 0
    for row in (message.get("reply_markup") or {}).get("inline_keyboard") or []:
        shown = []
        for button in row:
            label = str(button.get("text", ""))
            if "callback_data" in button:
                number += 1
                shown.append(f"[{number}] {label}")
            else:
                shown.append(f"[{label} → {button.get('url', '')}]")
        lines.append("  " + "  ".join(shown))
    return lines


def format_notice(text: str, *, alert: bool = False) -> str:
    """Return how a button's pop-up answer (answerCallbackQuery text) shows."""
    return f"{'⚠️' if alert else '💬'} {text}"


@dataclass(frozen=True)
class Step:
    """One line of a script: a message to send, a language switch, or a comment to echo."""

    kind: Literal["say", "lang", "comment"]
    value: str


def parse_line(line: str) -> Step | None:
    """Read one script or terminal line; None for a blank line."""
    text = line.rstrip("\r\n")
    if not text.strip():
        return None
    directive = LANG_DIRECTIVE.match(text.strip())
    if directive:
        return Step("lang", directive[1])
    if text.strip() == "#" or text.startswith("# "):
        return Step("comment", text)
    return Step("say", text)


# -- the attendee's side of the chat ----------------------------------------------------------

@dataclass
class _ButtonTarget:
    chat_id: int
    message_id: int
    buttons: list[tuple[str, str]]


class DemoChat:
    """The simulated attendee: sends lines, presses buttons, and formats what the bot did."""

    def __init__(self, emu: BotAPIEmulator, user: SimUser) -> None:
        self.emu = emu
        self.user = user
        self._seen_calls = len(emu.calls)
        self._target: _ButtonTarget | None = None
        self._done: dict[int, asyncio.Event] = {}

    async def mark_done(self, update: Update, context: BotContext) -> None:
        """Note that every handler of this update has run and its map pin has landed."""
        # Registered in group 99, so it runs after the others; a pin travels on its own.
        if update.effective_chat is not None:
            await pin_landed(context, update.effective_chat.id)
        self._event(update.update_id).set()

    def _event(self, update_id: int) -> asyncio.Event:
        return self._done.setdefault(update_id, asyncio.Event())

    def set_language(self, code: str) -> str:
        """Switch the attendee's Telegram language_code; later updates carry it."""
        self.user = self.emu.user(self.user.id, self.user.first_name, language_code=code)
        return f"# language_code is now {code}"

    def send(self, text: str) -> tuple[str, int | None]:
        """Send a line as the attendee (a number presses a button); return the echo and update id.

        The update id is None when nothing was sent (e.g. a button number out of range).
        """
        stripped = text.strip()
        if stripped.isdigit() and self._target is not None:
            target, number = self._target, int(stripped)
            if not 1 <= number <= len(target.buttons):
                return f"> {stripped}  (no button {number}: choose 1–{len(target.buttons)})", None
            label, data = target.buttons[number - 1]
            ref = {"chat": {"id": target.chat_id}, "message_id": target.message_id}
            try:
                update = self.user.press(ref, data)
            except ValueError:
                return f"> [{number}] {label}  (that button is gone)", None
            return f"> [{number}] {label}", int(update["update_id"])
        return f"> {text}", int(self.user.send_text(text)["update_id"])

    async def wait_done(self, update_id: int, timeout: float = REPLY_TIMEOUT) -> bool:
        """Wait until every handler of the update has run; tell whether it did in time."""
        try:
            await asyncio.wait_for(self._event(update_id).wait(), timeout)
        except TimeoutError:
            return False
        self._done.pop(update_id, None)
        return True

    def has_output(self) -> bool:
        """Tell whether the bot made calls not shown yet."""
        return len(self.emu.calls) > self._seen_calls

    def take_output(self) -> list[str]:
        """Return what the bot showed the attendee since the last call, formatted."""
        calls = self.emu.calls
        fresh, self._seen_calls = calls[self._seen_calls:], len(calls)
        blocks = [lines for call in fresh if (lines := self._format_call(call))]
        return [line for index, block in enumerate(blocks)
                for line in ([""] if index else []) + block]

    def _format_call(self, call: RecordedCall) -> list[str]:
        if call.method not in SHOWN_METHODS or not call.ok:
            return []
        if call.method == "answerCallbackQuery":
            text = call.params.get("text")
            return [format_notice(str(text), alert=call.params.get("show_alert") is True)] \
                if text else []
        message = call.result
        if not isinstance(message, Mapping) or message.get("chat", {}).get("id") != self.user.id:
            return []
        buttons = callback_buttons(message)
        key = (self.user.id, int(message["message_id"]))
        if buttons:
            self._target = _ButtonTarget(*key, buttons)
        elif self._target is not None and (self._target.chat_id, self._target.message_id) == key:
            self._target = None
        return format_message(message, edited=call.method in EDIT_METHODS)


# -- running the bot ------------------------------------------------------------------------

Play = Callable[[DemoChat], Awaitable[None]]


@dataclass(frozen=True)
class DemoSettings:
    """What the demo runs: the knowledge base, the clock's start, the attendee's language."""

    kb: Path
    at: str = DEFAULT_AT
    lang: str = "en"


async def run_demo(settings: DemoSettings, knowledge: KnowledgeHolder, start: datetime,
                   play: Play) -> None:
    """Start the emulator and the bot on a temporary database, play, then stop everything."""
    with tempfile.TemporaryDirectory(prefix="eventbot-demo-") as folder:
        async with BotAPIEmulator() as emu:
            config = parse_config(
                {"knowledge_path": str(settings.kb),
                 "database_path": str(Path(folder) / "demo.sqlite3"),
                 "telegram": {"api_base_url": emu.base_url}, "log_level": "WARNING",
                 # A script types faster than any person: the flood guard would cut the tour.
                 "throttle": {"burst": 1000}},
                env={},
            )
            app = build_application(config, emu.token, knowledge=knowledge,
                                    clock=shifted_clock(start), rate_limit=False)
            chat = DemoChat(emu, emu.user(ATTENDEE_ID, ATTENDEE_NAME,
                                          language_code=settings.lang))
            # After the real handlers (groups below 99) of the same update: "answered".
            app.add_handler(TypeHandler(Update, chat.mark_done), group=DONE_GROUP)
            # Driven by hand, so PTB calls neither post_init nor post_shutdown: we do.
            async with app:
                assert app.updater is not None
                await app.updater.start_polling(timeout=dtm.timedelta(seconds=1),
                                                allowed_updates=Update.ALL_TYPES)
                await app.start()
                await start_services(app)
                try:
                    await play(chat)
                finally:
                    await app.updater.stop()
                    await app.stop()
                    await stop_services(app)


async def exchange(chat: DemoChat, step: Step) -> list[str]:
    """Act out one step and return the transcript lines: the attendee's, then the bot's."""
    if step.kind == "comment":
        return [step.value]
    if step.kind == "lang":
        return [chat.set_language(step.value)]
    echo, update_id = chat.send(step.value)
    if update_id is None:
        return [echo]
    if not await chat.wait_done(update_id):
        return [echo, f"(no answer within {REPLY_TIMEOUT:.0f} s)", *chat.take_output()]
    return [echo, *chat.take_output()]


def script_player(lines: Iterable[str], out: TextIO) -> Play:
    """Return a player that sends each script line, waits for the answer and prints it."""

    async def play(chat: DemoChat) -> None:
        for line in lines:
            step = parse_line(line)
            if step is None:
                continue
            if step.kind == "say" and step.value.strip() == QUIT:
                break
            transcript = await exchange(chat, step)
            print("\n".join(transcript), file=out, flush=True)
            if step.kind == "say":
                print(file=out)

    return play


async def read_line(prompt: str) -> str | None:
    """Return the next terminal line, or None at end of input.

    ``input()`` runs in a daemon thread, not the default executor: after Ctrl-C the interpreter
    must not wait for a read nobody will finish.
    """
    loop = asyncio.get_running_loop()
    future: asyncio.Future[str | None] = loop.create_future()

    def deliver(line: str | None) -> None:
        if not future.done():
            future.set_result(line)

    def read() -> None:
        try:
            line: str | None = input(prompt)
        except (EOFError, OSError, ValueError):
            line = None
        with contextlib.suppress(RuntimeError):  # the loop closed meanwhile (Ctrl-C)
            loop.call_soon_threadsafe(deliver, line)

    threading.Thread(target=read, name="demo-input", daemon=True).start()
    return await future


def terminal_player(out: TextIO, prompt: str = "> ") -> Play:
    """Return a player that chats with the terminal, printing the bot's messages as they come."""

    async def play(chat: DemoChat) -> None:
        idle = asyncio.Event()

        async def show_unprompted() -> None:
            # Reminders and other messages that arrive while the attendee is typing.
            while True:
                await idle.wait()
                try:
                    await chat.emu.wait_for(lambda: idle.is_set() and chat.has_output(),
                                            timeout=3600)
                except TimeoutError:
                    continue
                lines = chat.take_output()
                if lines:
                    print("\n" + "\n".join(lines) + "\n", file=out)
                    print(prompt, end="", file=out, flush=True)

        watcher = asyncio.create_task(show_unprompted())
        try:
            while True:
                idle.set()
                line = await read_line(prompt)
                idle.clear()
                if line is None:
                    print(file=out)  # end the prompt's line
                    break
                if line.strip() == QUIT:
                    break
                step = parse_line(line)
                if step is None:
                    continue
                transcript = await exchange(chat, step)
                if step.kind == "say" and transcript[0] == f"> {step.value}":
                    transcript = transcript[1:]  # the attendee's line is already on screen
                elif step.kind == "say":
                    transcript[0] = "→ " + transcript[0].removeprefix("> ")  # a button press
                print("\n".join(transcript), file=out, flush=True)
                print(file=out)
        finally:
            watcher.cancel()
            await asyncio.gather(watcher, return_exceptions=True)

    return play


def demo(kb: Path | None, at: str | None, lang: str, script: str | None,
         out: TextIO = sys.stdout) -> int:
    """Run the demo; return the process exit code."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    if isinstance(out, io.TextIOWrapper):
        out.reconfigure(errors="replace")  # a terminal without emoji or Hangul still works
    settings = DemoSettings(kb=kb or default_kb(), at=at or DEFAULT_AT, lang=lang)
    knowledge = KnowledgeHolder.load_or_report(settings.kb, sys.stderr)
    if knowledge is None:
        return EXIT_INVALID
    tz = knowledge.kb.tz
    try:
        start = parse_moment(settings.at, tz)
    except ValueError:
        print(f"--at: cannot read '{settings.at}' (use e.g. '2025-09-04 14:00')", file=sys.stderr)
        return EXIT_USAGE
    clock_line = f"{start.astimezone(tz):%a %Y-%m-%d %H:%M} {tz}"
    if script is not None:
        try:
            lines: Sequence[str] = _read_script(script)
        except OSError as exc:
            print(f"--script: cannot read {script} ({exc.strerror})", file=sys.stderr)
            return EXIT_USAGE
        print(f"# eventbot demo: the bot's clock reads {clock_line}; "
              f"language_code {settings.lang}\n", file=out, flush=True)
        play = script_player(lines, out)
    else:
        event = knowledge.kb.event.name.get("en", (knowledge.kb.event.default_language,))
        print(BANNER.format(event=event, at=clock_line.rsplit(" ", 1)[0], tz=tz,
                            lang=settings.lang), file=out, flush=True)
        play = terminal_player(out)
    try:
        asyncio.run(run_demo(settings, knowledge, start, play))
    except KeyboardInterrupt:
        print("\nbye", file=out, flush=True)
    return EXIT_OK


def _read_script(script: str) -> list[str]:
    if script == "-":
        return sys.stdin.read().splitlines()
    return Path(script).read_text(encoding="utf-8").splitlines()
