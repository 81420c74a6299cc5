"""One send budget: replies and an announcement together stay under the bot-wide limit."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import pytest
from telegram.error import RetryAfter

from eventbot.bot.app import build_application, services_of
from eventbot.bot.config import parse_config
from eventbot.bot.emulator import BotAPIEmulator
from eventbot.bot.outbox import TokenBucket
from eventbot.bot.rate_limit import BudgetedRateLimiter, JSONDict
from eventbot.bot.services import KnowledgeHolder
from tests.paths import SAMPLE_KB
from tests.test_broadcast_crash import enqueue, start_bot, until

LIMIT = 40.0  # messages/s, bot-wide: replies, announcement, map pins together
RECIPIENTS = 60
ASKERS = 40
WINDOW = 0.5  # seconds


def busiest_window(times: list[float], window: float) -> int:
    """Return the most sends that fell within any ``window`` seconds."""
    times = sorted(times)
    most, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] > window:
            start += 1
        most = max(most, end - start + 1)
    return most


def test_busiest_window_counts_a_sliding_window() -> None:
    assert busiest_window([0.0, 0.1, 0.2, 1.0, 1.05], 0.5) == 3
    assert busiest_window([], 0.5) == 0


async def test_the_applications_limiter_draws_on_the_budget_and_a_429_pauses_it() -> None:
    now = [100.0]
    budget = TokenBucket(rate=1.0, capacity=1.0, now=lambda: now[0])
    limiter = BudgetedRateLimiter(budget, max_retries=0)
    calls: list[str] = []

    async def ok(name: str) -> JSONDict:
        calls.append(name)
        return {}

    await limiter.process_request(ok, ("getUpdates",), {}, "getUpdates", {}, None)
    await limiter.process_request(ok, ("sendMessage",), {}, "sendMessage", {"chat_id": 7}, None)
    assert calls == ["getUpdates", "sendMessage"]
    assert budget.reserve() == 1.0  # the message took the one token; getUpdates took none

    async def flood(name: str) -> JSONDict:
        raise RetryAfter(30)

    with pytest.raises(RetryAfter):
        await limiter.process_request(flood, ("answerCallbackQuery",), {},
                                      "answerCallbackQuery", {}, None)
    assert budget.reserve() >= 30  # every sender waits out Telegram's retry_after


def test_every_sender_shares_the_services_budget(tmp_path: Path) -> None:
    config = parse_config({"knowledge_path": str(SAMPLE_KB), "telegram": {
        "messages_per_second": 12}}, env={})
    app = build_application(config, "123:abc", knowledge=KnowledgeHolder.load(SAMPLE_KB))
    services = services_of(app)
    assert services.send_budget.rate == 12
    assert isinstance(app.bot.rate_limiter, BudgetedRateLimiter)
    assert app.bot.rate_limiter.budget is services.send_budget


async def test_replies_and_an_announcement_share_the_limit(tmp_path: Path) -> None:
    users = list(range(20_000, 20_000 + RECIPIENTS))
    askers = list(range(30_000, 30_000 + ASKERS))
    async with BotAPIEmulator() as emu:
        for user_id in users + askers:
            emu.user(user_id, language_code="en")
        config = tmp_path / "config.yaml"
        # Each alone may go at the limit; together they must still keep to it.
        config.write_text(
            f"knowledge_path: {SAMPLE_KB}\ndatabase_path: bot.sqlite3\nlog_level: WARNING\n"
            f"telegram:\n  api_base_url: {emu.base_url}\n  messages_per_second: {LIMIT}\n"
            f"broadcast:\n  rate_per_second: {LIMIT}\n", encoding="utf-8")
        await enqueue(tmp_path / "bot.sqlite3", users)
        bot = await start_bot(config, emu)
        try:
            await until(lambda: len(emu.calls_of("sendMessage")) >= 5, 60)  # broadcast under way
            for user_id in askers:
                emu.user(user_id).send_text("Where is Halla Hall?")
            answered = {user_id: False for user_id in askers}

            def everyone_served() -> bool:
                sent = [int(c.params["chat_id"]) for c in emu.calls_of("sendMessage", ok=True)]
                for chat in sent:
                    answered[chat] = True
                return all(answered.values()) and len(set(sent) & set(users)) == RECIPIENTS

            await until(everyone_served, 60)
        finally:
            bot.send_signal(signal.SIGTERM)
            await asyncio.wait_for(bot.communicate(), timeout=30)
        sends = [call.at for call in emu.calls if "chat_id" in call.params
                 and call.method.startswith("send")]
    # The bucket allows its burst on top of the rate; one more for a send on the edge.
    allowed = LIMIT * WINDOW + TokenBucket.for_send_budget(LIMIT).capacity + 1
    assert len(sends) >= RECIPIENTS + ASKERS
    assert busiest_window(sends, WINDOW) <= allowed
