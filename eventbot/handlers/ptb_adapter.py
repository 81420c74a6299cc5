"""The one place that uses python-telegram-bot's private API; tests/test_ptb_adapter.py guards it.

``Bot._post`` is the step under the public send methods: the same defaults, rate limiter and
errors, but it returns the raw JSON instead of building a Message. ``bot.send_message`` turns
Telegram's copy of the sent message into a Message, which costs about a tenth of a whole
answer's CPU, and replies never read it. Should PTB rename or change ``_post``, the adapter's
test fails and ``post`` falls back to the public ``do_api_request`` (slower: it builds no
Message either, but re-serialises the parameters it is given).
"""

from __future__ import annotations

from typing import Any

from telegram import Bot

JSONDict = dict[str, Any]


async def post(bot: Bot, method: str, data: JSONDict) -> None:
    """Call a Bot API method whose result is not needed, leaving the result unparsed."""
    private = getattr(bot, "_post", None)
    if private is None:  # a PTB without _post: the public, slightly slower way
        await bot.do_api_request(method, api_kwargs=data)
        return
    await private(method, data)
