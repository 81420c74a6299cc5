"""One user cannot slow everyone: per-user throttling, fair turns between chats, and buttons."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from eventbot.bot import throttle as throttle_module
from eventbot.bot.emulator import ChatMessage, SimUser
from eventbot.bot.i18n import t
from eventbot.bot.throttle import UserThrottle, Verdict
from eventbot.handlers.context import THROTTLE_KEY
from eventbot.handlers.processing import ChatOrderedProcessor
from tests.bot_harness import Harness, running_bot
from tests.test_processing import Script, settle, update_in

NEWSROOM = -100777


class FakeTime:
    """A monotonic clock the test moves by hand; it counts how often it was read."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.reads = 0
        self._waiters: list[tuple[int, asyncio.Event]] = []

    def __call__(self) -> float:
        self.reads += 1
        for count, event in self._waiters:
            if self.reads >= count:
                event.set()
        return self.now

    async def read(self, count: int) -> None:
        """Wait until the clock was read ``count`` times: one read per throttled update."""
        event = asyncio.Event()
        self._waiters.append((count, event))
        if self.reads >= count:
            event.set()
        await asyncio.wait_for(event.wait(), 5)


# -- the pure accounting -------------------------------------------------------------------


def test_a_burst_passes_then_one_warning_then_silence() -> None:
    clock = FakeTime()
    limiter = UserThrottle(3, 0.5, now=clock)
    verdicts = [limiter.check(7) for _ in range(6)]
    assert verdicts == [Verdict.HANDLE] * 3 + [Verdict.WARN] + [Verdict.DROP] * 2
    assert limiter.check(8) is Verdict.HANDLE  # another user has a bucket of their own


def test_tokens_come_back_at_the_rate_and_a_new_burst_warns_again() -> None:
    clock = FakeTime()
    limiter = UserThrottle(2, 0.5, now=clock)
    assert [limiter.check(7) for _ in range(3)] == [Verdict.HANDLE] * 2 + [Verdict.WARN]
    clock.now += 2.0  # one token back, but the burst is not over: no second warning
    assert [limiter.check(7) for _ in range(2)] == [Verdict.HANDLE, Verdict.DROP]
    clock.now += 4.0  # quiet long enough to refill: the next flood is told again
    assert [limiter.check(7) for _ in range(3)] == [Verdict.HANDLE] * 2 + [Verdict.WARN]


def test_a_clock_set_back_neither_refills_nor_fails() -> None:
    clock = FakeTime()
    limiter = UserThrottle(1, 1.0, now=clock)
    assert limiter.check(7) is Verdict.HANDLE
    clock.now -= 100
    assert limiter.check(7) is Verdict.WARN


def test_idle_users_are_forgotten(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(throttle_module, "SWEEP_AT", 10)
    clock = FakeTime()
    limiter = UserThrottle(2, 1.0, now=clock)
    for user_id in range(10):
        limiter.check(user_id)
    clock.now += 60
    limiter.check(99)
    assert limiter.tracked == 1


def test_a_throttle_needs_a_positive_rate() -> None:
    with pytest.raises(ValueError, match="per_second"):
        UserThrottle(1, 0)


# -- fair turns between chats --------------------------------------------------------------


async def test_a_chat_with_a_backlog_does_not_hold_back_another_chat() -> None:
    processor = ChatOrderedProcessor(2, overlap_after=3600)  # one at a time, none slow
    script = Script()
    backlog = [asyncio.create_task(processor.process_update(update_in(1, n),
                                                            script.handle(f"a{n}")))
               for n in range(20)]
    await settle()
    other = asyncio.create_task(processor.process_update(update_in(2, 99), script.handle("b")))
    await settle()
    script.let_go("a0")
    await settle()
    # Before, the backlog's updates held every slot while waiting for their own chat, and b
    # started only after all twenty. Now chats with waiting updates take turns.
    assert script.log == ["start a0", "end a0", "start b"]
    for n in range(20):
        script.let_go(f"a{n}")
    script.let_go("b")
    await asyncio.gather(*backlog, other)
    assert processor._chats == {}


async def test_updates_without_a_chat_queue_behind_their_senders_chat() -> None:
    from telegram import CallbackQuery, Update, User

    processor = ChatOrderedProcessor(8, overlap_after=0)
    script = Script()
    first = asyncio.create_task(processor.process_update(update_in(5, 1), script.handle("msg")))
    tap = Update(2, callback_query=CallbackQuery("q", User(5, "U", False), "ci", data="x"))
    second = asyncio.create_task(processor.process_update(tap, script.handle("tap")))
    await settle()
    assert script.log == ["start msg"]  # the tap keeps the user's order
    script.let_go("msg")
    script.let_go("tap")
    await asyncio.gather(first, second)


# -- end to end ----------------------------------------------------------------------------


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[tuple[Harness, FakeTime, list[BaseException]]]:
    """A bot with a throttle of 5 at once, 1 a second, on a clock the test moves."""
    async with running_bot(tmp_path, tips={"newsroom_chat_id": NEWSROOM}) as harness:
        harness.emu.group(NEWSROOM, "Newsroom")
        clock = FakeTime()
        harness.app.bot_data[THROTTLE_KEY] = UserThrottle(5, 1.0, now=clock)
        errors: list[BaseException] = []

        async def record(update: object, context: Any) -> None:
            errors.append(context.error)

        harness.app.add_error_handler(record)
        yield harness, clock, errors


async def settled_after(h: Harness, user: SimUser, clock: FakeTime,
                        seconds: float = 1.0) -> ChatMessage:
    """Let one token come back, send /whoami and return its answer: all before it is done."""
    clock.now += seconds
    user.send_command("whoami")
    expected = re.sub("<[^>]+>", "", t(user.language_code or "en", "whoami.text",
                                       user_id=user.id, chat_id=user.id))
    return await h.emu.wait_for(lambda: next(
        (m for m in user.bot_messages() if m.text == expected), None))


async def test_a_flood_gets_its_burst_answered_and_one_notice_in_its_language(bot) -> None:
    h, clock, errors = bot
    flooder, other = h.emu.user(31, language_code="ko"), h.emu.user(32, language_code="en")
    for _ in range(12):
        flooder.send_command("help")
    other.send_command("help")
    (answer,) = await other.replies(1)
    assert answer.text.startswith(t("en", "help.text"))
    await clock.read(13)  # every /help checked against the throttle
    await settled_after(h, flooder, clock)
    texts = [m.text or "" for m in flooder.bot_messages()]
    assert sum(text.startswith(t("ko", "help.text")) for text in texts) == 5
    assert texts.count(t("ko", "throttle.slow_down")) == 1
    assert len(texts) == 7  # five answers, one notice, the /whoami after a second
    assert errors == []


async def test_a_flooding_submitter_loses_no_photo_of_an_album_nor_a_tip(bot) -> None:
    h, _, errors = bot
    submitter = h.emu.user(33, language_code="en")
    for _ in range(8):
        submitter.send_command("help")
    submitter.send_command("tip")  # never throttled; media without it would be asked about
    submitter.send_media_group([bytes([n]) for n in range(10)], caption="queue at gate 3")
    await h.emu.wait_for(lambda: any("T-0001" in (m.text or "")
                                     for m in submitter.bot_messages()))
    assert len(await h.services.store.tip_items(1)) == 10
    submitter.send_command("tip")
    submitter.send_text("the stage lights fell in hall B")
    await h.emu.wait_for(lambda: any("T-0002" in (m.text or "")
                                     for m in submitter.bot_messages()))
    assert len(await h.services.store.tip_items(2)) == 1
    assert errors == []


async def test_throttled_taps_are_answered_with_the_notice(bot) -> None:
    h, _, errors = bot
    user = h.emu.user(34, language_code="en")
    user.send_command("schedule")
    (page,) = await user.replies(1)
    day = next(b["callback_data"] for row in page.buttons for b in row
               if b.get("callback_data", "").startswith("day:"))
    presses = [user.press(page, day)["callback_query"]["id"] for _ in range(8)]
    answers = await h.emu.wait_for_call("answerCallbackQuery", count=8)
    assert {a.params["callback_query_id"] for a in answers if a.ok} == set(presses)
    notices = [a for a in answers if a.params.get("text") == t("en", "throttle.slow_down")]
    assert len(notices) == 4  # 1 token for /schedule, 4 for taps, then 4 told to slow down
    assert errors == []


async def test_a_forged_tap_without_its_message_is_answered_as_expired(bot) -> None:
    h, clock, errors = bot
    user = h.emu.user(35, language_code="en")
    for data in ("day:2025-09-02", "save:plenary-new-tech", "tipq:1:1", "stats:csv", "x"):
        h.emu.inject_update({"callback_query": {
            "id": f"forged-{data}", "from": user.as_dict(), "chat_instance": "1", "data": data}})
    await clock.read(5)
    await settled_after(h, user, clock)
    answered = {c.params["callback_query_id"] for c in h.emu.calls_of("answerCallbackQuery",
                                                                        ok=True)}
    assert {f"forged-{d}" for d in ("day:2025-09-02", "save:plenary-new-tech", "tipq:1:1",
                                    "stats:csv", "x")} <= answered
    assert errors == []


async def test_a_double_tap_is_not_an_error(bot) -> None:
    h, clock, errors = bot
    h.app.bot_data[THROTTLE_KEY] = UserThrottle(100, 1.0, now=clock)  # no tap throttled here
    user = h.emu.user(36, language_code="en")
    user.send_command("language")
    (menu,) = await user.replies(1)
    user.press(menu, "lang:en")
    user.press(menu, "lang:en", strict=False)  # the second tap of a double tap, same message
    user.send_command("schedule")
    (page,) = await user.replies(1)
    day = next(b["callback_data"] for row in page.buttons for b in row
               if b.get("callback_data", "").startswith("day:"))
    user.press(page, day)
    user.press(page, day)
    await settled_after(h, user, clock)
    assert len(h.emu.calls_of("answerCallbackQuery", ok=True)) == 4
    assert not any(m.text == t("en", "error.generic") for m in user.bot_messages())
    assert errors == []
