"""One tip the newsroom keeps refusing must not stop the others, and outages end promptly.

The worker's loop is stopped and driven with ``run_once`` and the manual clock (no sleeping),
except where the loop itself is under test: there the test awaits the emulator's events.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from eventbot.bot.emulator import ChatMessage, SimUser
from eventbot.bot.relay.worker import MAX_REJECTIONS, RelayWorker, relay_of
from eventbot.bot.render.split import TELEGRAM_LIMIT, utf16_len
from tests.bot_harness import Harness, running_bot

NEWSROOM = -100888
EDITOR = 900
FIRE = "🔥"  # two UTF-16 units


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[tuple[Harness, RelayWorker]]:
    async with running_bot(tmp_path, tips={"newsroom_chat_id": NEWSROOM,
                                           "language": "en"}) as harness:
        harness.emu.group(NEWSROOM, "Newsroom")
        worker = relay_of(harness.app)
        assert worker is not None
        await worker.stop()  # the test drives it
        worker.timeout = 0.3
        yield harness, worker


def copies_from(user: SimUser, message_id: int | None = None) -> Any:
    """Match copyMessage calls that copy ``user``'s messages (or only that one)."""
    def matches(params: Mapping[str, Any]) -> bool:
        return params.get("from_chat_id") == user.id and message_id in (
            None, params.get("message_id"))
    return matches


def newsroom_texts(h: Harness) -> list[str]:
    return [m.text or "" for m in h.emu.bot_messages(NEWSROOM)]


def copy_attempts(h: Harness, user: SimUser, message_id: int) -> int:
    return sum(1 for c in h.emu.calls_of("copyMessage")
               if copies_from(user, message_id)(c.params))


async def send_tip(user: SimUser, caption: str) -> int:
    """Send /tip and a photo, wait for its acknowledgement, return the photo's message id."""
    user.send_command("/tip")
    await user.replies()
    update = user.send_photo(caption=caption)
    await user.replies()
    return int(update["message"]["message_id"])


async def test_a_deleted_long_emoji_forward_arrives_in_parts_telegram_accepts(
        bot: tuple[Harness, RelayWorker]) -> None:
    h, worker = bot
    poster, other = h.emu.user(51, language_code="en"), h.emu.user(52, language_code="en")
    # The case: the original was deleted, so the bot sends what it stored; a forward
    # of 2,040 emoji is 4,080 UTF-16 units, over the limit once the notice line precedes it.
    h.emu.fail("copyMessage", status=400, description="Bad Request: message to copy not found",
               times=None, when=copies_from(poster))
    poster.send_command("/tip")
    await poster.replies()
    poster.forward_text(FIRE * 2040, origin="Someone")
    await poster.replies()
    await send_tip(other, "the next tip")
    assert await worker.run_once() == 4  # header + the stored text, then the other tip
    texts = newsroom_texts(h)
    assert all(utf16_len(text) <= TELEGRAM_LIMIT for text in texts)
    assert sum(text.count(FIRE) for text in texts) == 2040
    assert any("no longer available" in text for text in texts)
    assert newsroom_texts(h)[-1] == "the next tip"
    assert await h.services.store.pending_relay_rows("tips") == 0


async def test_a_refused_item_holds_back_only_its_submitter_then_becomes_a_notice(
        bot: tuple[Harness, RelayWorker]) -> None:
    h, worker = bot
    poisoned, other = h.emu.user(61, language_code="en"), h.emu.user(62, language_code="en")
    first = await send_tip(poisoned, "first")  # T-0001: its copy is refused, every time
    h.emu.fail("copyMessage", status=400, description="Bad Request: message can't be copied",
               times=None, when=copies_from(poisoned, first))
    await send_tip(other, "unrelated")  # T-0002: another submitter, must not wait
    await send_tip(poisoned, "second")  # T-0003: same submitter, waits behind T-0001

    assert await worker.run_once() == 3
    texts = newsroom_texts(h)
    assert any("News tip T-0001" in text for text in texts)
    assert any("News tip T-0002" in text for text in texts) and "unrelated" in texts
    assert not any("T-0003" in text for text in texts) and "second" not in texts
    assert await worker.run_once() == 0 and copy_attempts(h, poisoned, first) == 1  # backing off

    # Each refusal doubles the wait; the wait survives a restart of the worker.
    store, waits = h.services.store, []
    for attempt in range(2, MAX_REJECTIONS + 1):
        due = await store.next_relay_attempt_at("tips")
        assert due is not None
        waits.append((due - h.clock()).total_seconds())
        if attempt == 3:
            worker = RelayWorker(h.app.bot, h.services)  # as after a restart
            assert await worker.run_once() == 0 and copy_attempts(h, poisoned, first) == 2
        h.clock.advance(due - h.clock())
        sent = await worker.run_once()
        assert copy_attempts(h, poisoned, first) == attempt
    assert waits == [1.0, 2.0, 4.0, 8.0]

    # Given up after the bound: a plain notice instead, then the submitter's next tip.
    assert sent == 3
    notice, header, copy = h.emu.bot_messages(NEWSROOM)[-3:]
    assert "T-0001" in (notice.text or "") and "could not be copied" in (notice.text or "")
    assert "News tip T-0003" in (header.text or "") and copy.text == "second"
    assert await store.pending_relay_rows("tips") == 0

    editor = h.emu.user(EDITOR, language_code="en")
    mark = h.emu.mark()
    editor.send_command("/tips", chat_id=NEWSROOM)
    (listing,) = await h.emu.wait_for_bot_messages(NEWSROOM, since=mark)
    undelivered = (listing.text or "").split("Not delivered")[1]
    assert "T-0001" in undelivered and "T-0003" not in undelivered
    assert "notice sent" in undelivered


async def test_newsroom_back_after_a_ten_second_403_gets_the_queue_within_seconds(
        bot: tuple[Harness, RelayWorker]) -> None:
    h, worker = bot
    h.emu.fail("*", status=403, chat_id=NEWSROOM, times=None)
    await send_tip(h.emu.user(71, language_code="en"), "during the outage")
    outage_ends = h.clock() + timedelta(seconds=10)
    assert await worker.run_once() == 0
    # Run passes when the worker's loop would: each time its pause ends.
    while True:
        assert worker.retry_at is not None
        h.clock.advance(worker.retry_at - h.clock())
        if h.clock() >= outage_ends:
            h.emu.clear_faults()
        if await worker.run_once() == 2:
            break
        assert h.clock() < outage_ends + timedelta(minutes=10)
    waited = (h.clock() - outage_ends).total_seconds()
    assert 0 <= waited < 10  # it was 290 s: a fixed 300 s retry after any 403


async def test_a_new_tip_wakes_the_worker_out_of_its_pause(tmp_path: Path) -> None:
    async with running_bot(tmp_path, tips={"newsroom_chat_id": NEWSROOM,
                                           "language": "en"}) as h:
        h.emu.group(NEWSROOM, "Newsroom")
        h.emu.fail("*", status=403, chat_id=NEWSROOM, times=None)
        await send_tip(h.emu.user(81, language_code="en"), "queued in the outage")
        await h.emu.wait_for(lambda: any(c.status == 403 for c in h.emu.calls
                                         if c.chat_id == NEWSROOM))
        h.emu.clear_faults()  # the bot is back in the group; the manual clock stands still
        await send_tip(h.emu.user(82, language_code="en"), "after the outage")
        messages: list[ChatMessage] = await h.emu.wait_for_bot_messages(NEWSROOM, 4)
        assert [m.text for m in messages if "News tip" not in (m.text or "")] == [
            "queued in the outage", "after the outage"]
