"""The typed callback context: handlers reach the services as ``context.services``."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram.ext import CallbackContext, ExtBot

from eventbot.bot.services import Services
from eventbot.bot.throttle import UserThrottle

SERVICES_KEY = "services"
PENDING_PINS_KEY = "pending_pins"
THROTTLE_KEY = "throttle"


class BotContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """CallbackContext with the bot's services."""

    @property
    def services(self) -> Services:
        """Return the services built at start-up."""
        services: Services = self.bot_data[SERVICES_KEY]
        return services

    @property
    def pending_pins(self) -> dict[int, asyncio.Task[None]]:
        """Return the map pins still on their way, by chat."""
        pins: dict[int, asyncio.Task[None]] = self.bot_data.setdefault(PENDING_PINS_KEY, {})
        return pins

    @property
    def throttle(self) -> UserThrottle:
        """Return the per-user throttle, built from the config on first use."""
        # On the monotonic clock, not the services' one: that is the event's time (shifted in a
        # demo, moved by hand in tests), while a rate is about how fast updates really arrive.
        throttle = self.bot_data.get(THROTTLE_KEY)
        if not isinstance(throttle, UserThrottle):
            limits = self.services.config.throttle
            throttle = self.bot_data[THROTTLE_KEY] = UserThrottle(limits.burst,
                                                                  limits.per_minute / 60)
        return throttle
