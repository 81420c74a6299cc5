"""The one use of python-telegram-bot's private API: fails here first if PTB changes it."""

from __future__ import annotations

import inspect
import subprocess

from telegram import Bot
from telegram.ext import ExtBot

from eventbot.bot.emulator import BotAPIEmulator
from eventbot.bot.outbox import TokenBucket
from eventbot.bot.rate_limit import BudgetedRateLimiter
from eventbot.handlers.ptb_adapter import post
from tests.paths import ROOT


def test_bot_post_keeps_the_signature_the_adapter_calls() -> None:
    method = Bot._post
    assert inspect.iscoroutinefunction(method)
    params = list(inspect.signature(method).parameters.values())
    assert [p.name for p in params[:3]] == ["self", "endpoint", "data"]
    assert all(p.kind is p.KEYWORD_ONLY for p in params[3:])


async def test_post_sends_through_the_rate_limiter_and_returns_no_message() -> None:
    budget = TokenBucket(rate=1.0, capacity=1.0, now=lambda: 0.0)
    async with BotAPIEmulator() as emu:
        user = emu.user(4242, language_code="en")
        bot = ExtBot(emu.token, base_url=emu.base_url, rate_limiter=BudgetedRateLimiter(budget))
        async with bot:
            result = await post(bot, "sendMessage", {"chat_id": user.id, "text": "<b>hi</b>",
                                                     "parse_mode": "HTML"})
        assert result is None
        (call,) = emu.calls_of("sendMessage", ok=True)
        assert call.params["text"] == "<b>hi</b>" and int(call.params["chat_id"]) == user.id
    assert budget.reserve() == 1.0  # the send took the budget's token: it passed the limiter


def test_no_other_module_uses_private_ptb_api() -> None:
    # `bot._post`, `application._…`: private PTB names stay in the adapter module.
    found = subprocess.run(
        ["grep", "-rnE", r"\b(bot|application|app|updater|request)\._[a-z]", "eventbot",
         "--include=*.py"], capture_output=True, text=True, cwd=ROOT, check=False).stdout
    offenders = [line for line in found.splitlines()
                 if not line.startswith(("eventbot/handlers/ptb_adapter.py",
                                         "eventbot/bot/emulator/"))]
    assert offenders == [], offenders
