"""The newsroom goes away (5xx, 403, timeouts): tips queue, then arrive once each, in order.

The worker's loop is stopped and driven with ``run_once`` and the manual clock: no sleeping.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from eventbot.bot.emulator import CLIENT_GONE, SimUser
from eventbot.bot.relay.worker import RelayWorker, relay_of
from tests.bot_harness import Harness, running_bot

NEWSROOM = -100777


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


async def attempt(h: Harness, worker: RelayWorker) -> int:
    """Let any backoff pass on the manual clock and run one delivery pass."""
    h.clock.advance(timedelta(minutes=10))
    return await worker.run_once()


async def tip_first(user: SimUser) -> None:
    """Send /tip: what follows is a tip, sent without asking."""
    user.send_command("/tip")
    await user.replies()


def newsroom_failures(h: Harness, status: int) -> int:
    return sum(1 for c in h.emu.calls if c.chat_id == NEWSROOM and c.status == status)


async def test_outage_then_every_tip_delivered_once_in_order(
        bot: tuple[Harness, RelayWorker]) -> None:
    h, worker = bot
    emu = h.emu
    emu.fail("*", status=500, chat_id=NEWSROOM, times=None)
    users = [emu.user(30 + i, language_code="en") for i in range(3)]
    refs = []
    for number, user in enumerate(users):
        await tip_first(user)
        user.send_photo(caption=f"tip {number}")
        (ack,) = await user.replies()
        refs.append(ack.text.split("saved as ")[1][:6])
    assert refs == ["T-0001", "T-0002", "T-0003"]
    assert await h.services.store.pending_relay_rows("tips") == 6  # stored before acknowledged

    # 5xx: transient, exponential backoff.
    assert await attempt(h, worker) == 0
    assert await attempt(h, worker) == 0
    assert newsroom_failures(h, 500) == 2
    assert worker.retry_at is not None
    assert (worker.retry_at - h.clock()).total_seconds() == pytest.approx(2.0)

    # 403: the bot was removed from the group; keep queued, keep backing off (seconds, not
    # minutes: once someone re-adds the bot, the queue must move promptly).
    emu.clear_faults()
    emu.fail("*", status=403, chat_id=NEWSROOM, times=None)
    assert await attempt(h, worker) == 0
    assert newsroom_failures(h, 403) == 1
    assert worker.retry_at is not None
    assert (worker.retry_at - h.clock()).total_seconds() == pytest.approx(4.0)
    assert await worker.run_once() == 0  # still backing off: no call at all
    assert newsroom_failures(h, 403) == 1

    # Timeouts: Telegram holds the call past our timeout, then fails it (nothing posted).
    emu.clear_faults()
    emu.delay("*", 1.0, chat_id=NEWSROOM, times=2)
    emu.fail("*", status=502, chat_id=NEWSROOM, times=2)
    for gone in (1, 2):
        assert await attempt(h, worker) == 0
        await emu.wait_for(lambda n=gone: newsroom_failures(h, CLIENT_GONE) >= n)  # type: ignore[misc]

    # Recovery: everything, once, in order.
    assert await attempt(h, worker) == 6
    messages = emu.bot_messages(NEWSROOM)
    assert [m.method for m in messages] == ["sendMessage", "copyMessage"] * 3
    assert [m.text.split("\n")[0] for m in messages[::2]] == [
        f"📰 News tip {ref}" for ref in refs]
    assert [m.text for m in messages[1::2]] == ["tip 0", "tip 1", "tip 2"]
    assert "may be a duplicate" in messages[0].text  # it had timed out before
    for user in users:  # acknowledged exactly once
        assert sum("saved as" in (m.text or "") for m in user.bot_messages()) == 1
    for tip_id in (1, 2, 3):
        tip = await h.services.store.get_tip(tip_id)
        assert tip is not None and tip.status == "delivered"
    assert await h.services.store.pending_relay_rows("tips") == 0
    assert await attempt(h, worker) == 0  # nothing left, nothing resent


async def test_a_timeout_that_did_post_is_resent_marked_as_possible_duplicate(
        bot: tuple[Harness, RelayWorker]) -> None:
    h, worker = bot
    user = h.emu.user(40, language_code="en")
    h.emu.delay("sendMessage", 1.0, chat_id=NEWSROOM)  # slow, but it does post
    await tip_first(user)
    user.send_photo(caption="late")
    await user.replies()
    assert await attempt(h, worker) == 0
    await h.emu.wait_for(lambda: newsroom_failures(h, CLIENT_GONE) == 1)
    assert await attempt(h, worker) == 2
    first, second, copy = h.emu.bot_messages(NEWSROOM)
    # The Bot API cannot tell us whether a timed-out call posted: never lose, flag the resend.
    assert "News tip T-0001" in first.text and "may be a duplicate" not in first.text
    assert "News tip T-0001" in second.text and "may be a duplicate" in second.text
    assert copy.text == "late"


async def test_retry_after_is_honoured(bot: tuple[Harness, RelayWorker]) -> None:
    h, worker = bot
    user = h.emu.user(41, language_code="en")
    h.emu.fail("sendMessage", status=429, chat_id=NEWSROOM, retry_after=7)
    await tip_first(user)
    user.send_photo()
    await user.replies()
    assert await attempt(h, worker) == 0
    assert worker.retry_at is not None
    assert (worker.retry_at - h.clock()).total_seconds() == 7
    assert await attempt(h, worker) == 2


async def test_deleted_original_is_sent_from_what_was_stored(
        bot: tuple[Harness, RelayWorker]) -> None:
    h, worker = bot
    user = h.emu.user(42, language_code="en")
    h.emu.fail("copyMessage", status=400, description="Bad Request: message to copy not found")
    await tip_first(user)
    user.forward_text("the stored words", origin="Someone")
    await user.replies()
    assert await attempt(h, worker) == 2
    _, fallback = h.emu.bot_messages(NEWSROOM)
    assert "no longer available" in fallback.text and "the stored words" in fallback.text
