"""One send budget for the whole bot: replies, reminders and tip relays draw on it here."""

from __future__ import annotations

import asyncio
import warnings
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

from eventbot.bot.outbox import TokenBucket

JSONDict = dict[str, Any]
Callback = Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]]


def retry_after_seconds(exc: RetryAfter) -> float:
    """Return a RetryAfter's wait in seconds, whichever type PTB reports it as."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PTB 22 warns about the int form unless PTB_TIMEDELTA
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class BudgetedRateLimiter(AIORateLimiter):
    """AIORateLimiter whose overall limit is the bot-wide budget shared with the broadcast worker.

    AIORateLimiter keeps its per-group limit (20 messages a minute) and retries 429s; its own
    overall limiter is off, because the announcement worker sends through a Bot of its own
    and both must stay under one limit together. A 429 seen here pauses the budget, so the
    worker stops too.
    """

    def __init__(self, budget: TokenBucket, max_retries: int = 3) -> None:
        super().__init__(overall_max_rate=0, max_retries=max_retries)
        self.budget = budget

    async def process_request(
        self, callback: Callback, args: Any, kwargs: dict[str, Any], endpoint: str,
        data: dict[str, Any], rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        """Wait for the budget (messages to a chat only, as Telegram counts), then send."""
        if data.get("chat_id") is not None:
            await asyncio.sleep(self.budget.reserve())
        budget = self.budget

        async def send(*call_args: Any, **call_kwargs: Any) -> bool | JSONDict | list[JSONDict]:
            try:
                return await callback(*call_args, **call_kwargs)
            except RetryAfter as exc:
                budget.pause(retry_after_seconds(exc))
                raise

        return await super().process_request(send, args, kwargs, endpoint, data,
                                             rate_limit_args)
