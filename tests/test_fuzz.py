"""Fuzz the real Application through the emulator: odd, forged and hostile updates.

Hypothesis draws batches of updates (random Unicode, forged and oversized callback data, edits,
channel posts, updates without a sender, polls, group messages, huge command arguments, unknown
commands); each batch goes through the emulator to the bot, and once the bot has handled all of
it the batch must have reached the error handler with no exception, every callback query must
have been answered, and no reply may carry a traceback or HTML that came in as text. The bot
runs on an event loop of its own thread, so one bot serves every example. CI runs a few dozen
batches; ``bench/fuzz.py`` runs 10,000 updates and prints the figures.
"""

from __future__ import annotations

import asyncio
import logging
import re
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventbot.bot.emulator import BotAPIEmulator, RecordedCall, SimUser
from eventbot.bot.i18n import t
from tests.bot_harness import Harness, running_bot

NEWSROOM = -100500
GROUP = -100600
CHANNEL = -100700
ORGANISER = 900
USERS = 120  # ids 1001..; enough that the throttle (20 at once, 1 a second) rarely drops
FIRST_USER = 1001
# Sent inside user text: if a reply ever shows it without its tags, HTML came through unescaped.
MARKER = "QZX"
MARKED = (f"<b>{MARKER}</b>", f"<i>{MARKER}</i>", f'<a href="https://x.y">{MARKER}</a>',
          f"&lt;{MARKER}&gt;", f"<{MARKER}>", f"&{MARKER};")
UNESCAPED = re.compile(rf"(?<![<>;&]){MARKER}")
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\", line \d+")
COMMANDS = ("start", "help", "schedule", "now", "venues", "events", "booths", "my", "language",
            "tip", "mytips", "whoami", "tips", "close", "block", "stats", "announce",
            "announcements", "reload", "cancel")
BUTTON = "\x00button:"  # stands for the n-th button of the message tapped
CALLBACK_PREFIXES = ("item", "save", "unsave", "lang", "day", "ics", "no", "tipq", "stats",
                     "ann", "ann:lang", "ann:aud", "ann_cancel", "cancel")
SAMPLE_IDS = ("plenary-new-tech", "halla-hall", "icc-jeju", "opening-ceremony", "k-beauty")
LANGUAGE_CODES = ("ko", "en", "ja", "zh", "zh-hans", "en-US", "fr", "xx-YY", None)


# -- strategies: what an update may look like ------------------------------------------------

unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
marked_text = st.lists(st.one_of(unicode_text, st.sampled_from(MARKED)), max_size=4).map(
    "".join)
# Long texts without making Hypothesis draw thousands of characters one by one.
huge_text = st.tuples(st.one_of(unicode_text, st.just("9")), st.integers(100, 5000)).map(
    lambda pair: ((pair[0] or "x") * pair[1])[:pair[1]])
any_text = st.one_of(marked_text, unicode_text, huge_text)


@st.composite
def command_text(draw: st.DrawFn) -> str:
    """Return a command, known or not, perhaps addressed to a bot, with odd arguments."""
    name = draw(st.one_of(st.sampled_from(COMMANDS), st.from_regex(r"[a-z_]{1,20}",
                                                                  fullmatch=True)))
    target = draw(st.sampled_from(("", "", "@eventbot_test_bot", "@otherbot")))
    args = draw(st.one_of(
        st.just(""), any_text, st.integers(1, 6000).map(lambda n: "9" * n),
        st.sampled_from(("T-0001", "T-9999", "T-", "2025-09-02", "9999-12-31", "0000-00-00",
                         "session_plenary-new-tech", "session_", "tomorrow", "-1", "1e400")),
        st.sampled_from(SAMPLE_IDS).map(lambda item: f"session_{item}"),
    ))
    return f"/{name}{target} {args}".rstrip()


def photo(tag: str) -> dict[str, Any]:
    return {"file_id": f"FZPHOTO{tag}", "file_unique_id": f"FZU{tag}", "width": 8, "height": 8}


message_content = st.one_of(
    st.builds(lambda text: {"text": text}, any_text.filter(bool)),
    command_text().map(lambda text: {"text": text}),
    st.builds(lambda caption, group: {"photo": [photo("p")], "caption": caption,
                                      **({"media_group_id": group} if group else {})},
              unicode_text, st.sampled_from((None, "fzalbum1", "fzalbum2"))),
    st.just({"sticker": {"file_id": "FZSTICKER", "file_unique_id": "FZS", "type": "regular",
                         "width": 8, "height": 8, "is_animated": False, "is_video": False}}),
    st.builds(lambda lat, lon: {"location": {"latitude": lat, "longitude": lon}},
              st.floats(-90, 90), st.floats(-180, 180)),
    st.builds(lambda name: {"contact": {"phone_number": "+82100000000", "first_name": name or "x"}},
              unicode_text),
    st.builds(lambda question: {"poll": {
        "id": "fzpoll", "question": question or "?", "total_voter_count": 0, "is_closed": False,
        "is_anonymous": True, "type": "regular", "allows_multiple_answers": False,
        "allows_revoting": False, "members_only": False,
        "options": [{"text": "a", "voter_count": 0, "persistent_id": "a"},
                    {"text": "b", "voter_count": 0, "persistent_id": "b"}]}},
        unicode_text),
    st.just({"dice": {"emoji": "🎲", "value": 3}}),
    st.builds(lambda name: {"document": {"file_id": "FZDOC", "file_unique_id": "FZD",
                                         "file_name": name or "x.txt"}}, unicode_text),
)


@st.composite
def message_spec(draw: st.DrawFn) -> dict[str, Any]:
    """Return a message from a user: private, in a group or the newsroom, maybe a reply."""
    return {
        "kind": "message",
        "user": draw(user_index),
        "chat": draw(st.sampled_from(("private", "private", "private", "group", "newsroom"))),
        "content": draw(message_content),
        "reply": draw(st.one_of(st.none(), st.integers(0, 3))),
        "forward": draw(st.sampled_from((None, None, "hidden", "channel", "user"))),
        "edited": draw(st.booleans()) and draw(st.booleans()),
    }


user_index = st.one_of(st.integers(0, USERS - 1), st.just(-1))  # -1: the organiser
callback_data = st.one_of(
    st.tuples(st.sampled_from(CALLBACK_PREFIXES),
              st.one_of(st.sampled_from((*SAMPLE_IDS, "2025-09-02", "9999-12-31", "ko", "fr",
                                         "1:1", "csv", "chart", "")),
                        unicode_text)).map(lambda pair: f"{pair[0]}:{pair[1]}"),
    unicode_text, huge_text.map(lambda text: text[:300]), st.none(),
    # A real button of the message tapped (the announcement wizard, schedule pages, cards).
    st.integers(0, 7).map(lambda index: f"{BUTTON}{index}"),
    st.integers(0, 7).map(lambda index: f"{BUTTON}{index}"),
)
callback_spec = st.fixed_dictionaries({
    "kind": st.just("callback"), "user": user_index, "data": callback_data,
    "message": st.sampled_from(("recent", "recent", "none", "inaccessible", "group")),
    "recent": st.integers(0, 3),
})
other_spec = st.one_of(
    st.fixed_dictionaries({"kind": st.just("channel_post"), "text": any_text.filter(bool),
                           "edited": st.booleans()}),
    st.fixed_dictionaries({"kind": st.just("anonymous"), "text": any_text.filter(bool)}),
    st.fixed_dictionaries({"kind": st.just("poll_answer"), "user": user_index}),
    st.fixed_dictionaries({"kind": st.just("blocked"), "user": user_index,
                           "status": st.sampled_from(("kicked", "member"))}),
    st.fixed_dictionaries({"kind": st.just("inline_query"), "user": user_index,
                           "query": unicode_text}),
)
# Six in ten are messages, two in ten button taps, the rest the other kinds.
update_spec = st.integers(0, 9).flatmap(
    lambda n: message_spec() if n < 6 else callback_spec if n < 8 else other_spec)


# -- the bot on a thread of its own ------------------------------------------------------------


@dataclass
class Report:
    """What one batch did, and what went wrong."""

    updates: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    callbacks: int = 0
    replies: int = 0
    problems: list[str] = field(default_factory=list)


class FuzzBot:
    """The real bot against the emulator, on its own event loop, fed batches of update specs."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="fuzz-bot",
                                       daemon=True)
        self.errors: list[tuple[BaseException | None, str]] = []
        self.logged: list[str] = []
        self.handled = 0
        self._handled_signal = asyncio.Event()
        self._stack = AsyncExitStack()
        self._next_id = 1_000_000
        self._sent: dict[int, list[int]] = {}

    def __enter__(self) -> FuzzBot:
        self.thread.start()
        self._run(self._start())
        return self

    def __exit__(self, *exc: object) -> None:
        self._run(self._stack.aclose())
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(30)
        self.loop.close()

    def feed(self, specs: list[dict[str, Any]]) -> Report:
        """Inject a batch, wait until the bot has handled all of it, and check what it did."""
        return self._run(self._feed(specs))

    def _run(self, coroutine: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(120)

    async def _start(self) -> None:
        self.harness: Harness = await self._stack.enter_async_context(running_bot(
            self.folder, tips={"newsroom_chat_id": NEWSROOM}, organisers=[ORGANISER]))
        emu = self.emu
        emu.group(NEWSROOM, "Newsroom")
        emu.group(GROUP, "Attendees")
        emu.channel(CHANNEL, "Channel")
        self.users = [emu.user(FIRST_USER + n, f"User{n}",
                               language_code=LANGUAGE_CODES[n % len(LANGUAGE_CODES)])
                      for n in range(USERS)]
        self.organiser = emu.user(ORGANISER, "Org", language_code="en")
        app = self.harness.app
        processor: Any = app.update_processor
        handle = processor.do_process_update

        async def counted(update: object, coroutine: Any) -> None:
            try:
                await handle(update, coroutine)
            finally:
                self.handled += 1
                self._handled_signal.set()

        processor.do_process_update = counted

        async def record(update: object, context: Any) -> None:
            self.errors.append((context.error, repr(update)[:300]))

        app.add_error_handler(record)
        recorder = _ErrorLogs(self.logged)
        logging.getLogger().addHandler(recorder)
        self._stack.callback(logging.getLogger().removeHandler, recorder)

    @property
    def emu(self) -> BotAPIEmulator:
        return self.harness.emu

    async def _feed(self, specs: list[dict[str, Any]]) -> Report:
        report = Report()
        errors, calls = len(self.errors), len(self.emu.calls)
        target = self.handled
        callbacks: list[str] = []
        for spec in specs:
            update = self._update(spec)
            if "__injected__" in update:  # a user's message: SimUser.send() injected it
                update = update["__injected__"]
            else:
                self.emu.inject_update(update)
            target += 1
            report.kinds[spec["kind"]] += 1
            if "callback_query" in update:
                callbacks.append(update["callback_query"]["id"])
        report.updates, report.callbacks = len(specs), len(callbacks)
        while self.handled < target:
            self._handled_signal.clear()
            await asyncio.wait_for(self._handled_signal.wait(), 60)
        await self._background_work()
        fresh = self.emu.calls[calls:]
        for error, source in self.errors[errors:]:
            report.problems.append(f"error handler reached: {error!r} for {source}")
        answered = {c.params.get("callback_query_id") for c in fresh
                    if c.method == "answerCallbackQuery" and c.ok}
        report.problems += [f"callback {q} never answered" for q in callbacks
                            if q not in answered]
        for call in fresh:
            report.replies += call.method in ("sendMessage", "editMessageText")
            report.problems += _reply_problems(call)
        return report

    async def _background_work(self) -> None:
        """Wait for what handlers left running: block=False handlers and map pins."""
        current = asyncio.current_task()
        pending = [task for task in asyncio.all_tasks() if task is not current and (
            "non_blocking" in task.get_name() or task.get_name().startswith("map pin"))]
        if pending:
            await asyncio.wait(pending, timeout=60)

    # -- building updates from specs ---------------------------------------------------------

    def _user(self, index: int) -> SimUser:
        return self.organiser if index < 0 else self.users[index]

    def _fresh_id(self) -> int:
        self._next_id += 1
        return self._next_id

    def _recent(self, chat_id: int, back: int) -> dict[str, Any] | None:
        """Return one of the bot's latest messages in a chat, as Telegram would quote it."""
        found = self.emu.bot_messages(chat_id)
        return found[-1 - back].data if len(found) > back else None

    def _update(self, spec: dict[str, Any]) -> dict[str, Any]:
        kind = spec["kind"]
        if kind == "message":
            return self._message(spec)
        if kind == "callback":
            return self._callback(spec)
        if kind in ("channel_post", "anonymous"):
            chat = {"id": CHANNEL, "type": "channel", "title": "Channel"}
            where = "edited_channel_post" if spec.get("edited") else "channel_post"
            if kind == "anonymous":  # an anonymous group admin: a sender_chat, no from
                chat, where = {"id": GROUP, "type": "supergroup", "title": "Attendees"}, "message"
            return {where: {"message_id": self._fresh_id(), "date": 1, "chat": chat,
                            "sender_chat": chat, "text": spec["text"], **(
                                {"edit_date": 2} if where.startswith("edited") else {})}}
        user = self._user(spec["user"]).as_dict()
        if kind == "poll_answer":
            return {"poll_answer": {"poll_id": "fzpoll", "user": user, "option_ids": [0],
                                    "option_persistent_ids": ["0"]}}
        if kind == "blocked":
            bot = self.emu.bot_user
            return {"my_chat_member": {
                "chat": {"id": user["id"], "type": "private", "first_name": "x"}, "from": user,
                "date": 1, "old_chat_member": {"status": "member", "user": bot},
                "new_chat_member": {"status": spec["status"], "user": bot,
                                    **({"until_date": 0} if spec["status"] == "kicked" else {})}}}
        return {"inline_query": {"id": str(self._fresh_id()), "from": user,
                                 "query": spec["query"], "offset": ""}}

    def _message(self, spec: dict[str, Any]) -> dict[str, Any]:
        user = self._user(spec["user"])
        chat_id = {"private": user.id, "group": GROUP, "newsroom": NEWSROOM}[spec["chat"]]
        content = dict(spec["content"])
        text = content.get("text")
        if isinstance(text, str) and text.startswith("/"):
            command = text.split(maxsplit=1)[0] if text.split() else text
            content["entities"] = [{"type": "bot_command", "offset": 0,
                                    "length": len(command.encode("utf-16-le")) // 2}]
        origin = spec["forward"]
        if origin == "hidden":
            content["forward_origin"] = {"type": "hidden_user", "sender_user_name": "X",
                                         "date": 1}
        elif origin == "user":
            content["forward_origin"] = {"type": "user", "date": 1,
                                         "sender_user": self.users[0].as_dict()}
        elif origin == "channel":
            content["forward_origin"] = {"type": "channel", "message_id": 1, "date": 1, "chat": {
                "id": CHANNEL, "type": "channel", "title": "Channel"}}
        sent = self._sent.setdefault(chat_id, [])
        if spec["edited"] and sent:
            message = {"message_id": sent[-1], "date": 1, "edit_date": 2, "from": user.as_dict(),
                       "chat": self.emu_chat(chat_id), **content}
            return {"edited_message": message}
        reply = self._recent(chat_id, spec["reply"]) if spec["reply"] is not None else None
        update = user.send(content, chat_id=chat_id, reply_to=reply)
        sent.append(update["message"]["message_id"])
        return {"__injected__": update}

    def emu_chat(self, chat_id: int) -> dict[str, Any]:
        if chat_id == NEWSROOM:
            return {"id": NEWSROOM, "type": "supergroup", "title": "Newsroom"}
        if chat_id == GROUP:
            return {"id": GROUP, "type": "supergroup", "title": "Attendees"}
        return {"id": chat_id, "type": "private", "first_name": "x"}

    def _callback(self, spec: dict[str, Any]) -> dict[str, Any]:
        user = self._user(spec["user"])
        query: dict[str, Any] = {"id": f"fz{self._fresh_id()}", "from": user.as_dict(),
                                 "chat_instance": "fz"}
        data = spec["data"]
        where = spec["message"]
        if where in ("recent", "group"):
            message = self._recent(user.id if where == "recent" else NEWSROOM, spec["recent"])
            if message is not None:
                query["message"] = message
        elif where == "inaccessible":
            query["message"] = {"message_id": 1, "date": 0, "chat": self.emu_chat(user.id)}
        if data is not None and data.startswith(BUTTON):
            rows = query.get("message", {}).get("reply_markup", {}).get("inline_keyboard", [])
            offered = [b["callback_data"] for row in rows for b in row if "callback_data" in b]
            index = int(data.removeprefix(BUTTON))
            data = offered[index % len(offered)] if offered else "none"
        if data is not None:
            query["data"] = data
        return {"callback_query": query}


class _ErrorLogs(logging.Handler):
    """Keep the ERROR records logged while fuzzing (the bench prints them)."""

    def __init__(self, into: list[str]) -> None:
        super().__init__(logging.ERROR)
        self.into = into

    def emit(self, record: logging.LogRecord) -> None:
        self.into.append(f"{record.name}: {record.getMessage()[:200]}")


def _reply_problems(call: RecordedCall) -> list[str]:
    """Return what is wrong with one call the bot made: a traceback, unescaped user HTML."""
    if call.method not in ("sendMessage", "editMessageText", "sendDocument", "sendPhoto",
                           "copyMessage", "answerCallbackQuery"):
        return []
    sent = " ".join(str(call.params.get(key, "")) for key in ("text", "caption"))
    shown = call.result.get("text", "") if isinstance(call.result, dict) else ""
    problems = []
    if TRACEBACK.search(sent):
        problems.append(f"{call.method} carries a traceback: {sent[:200]!r}")
    if call.params.get("parse_mode") == "HTML" and UNESCAPED.search(shown or ""):
        problems.append(f"{call.method} shows user HTML unescaped: {shown[:200]!r}")
    if t("en", "error.generic") in sent:
        problems.append(f"{call.method} told a user something went wrong")
    return problems


# -- the suite ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fuzz_bot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzBot]:
    with FuzzBot(tmp_path_factory.mktemp("fuzz")) as bot:
        yield bot


@settings(max_examples=30, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(batch=st.lists(update_spec, min_size=1, max_size=10))
def test_no_update_breaks_the_bot(fuzz_bot: FuzzBot, batch: list[dict[str, Any]]) -> None:
    report = fuzz_bot.feed(batch)
    assert report.problems == []
