"""The typed callback context: handlers reach the services as ``context.services``."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram.ext import CallbackContext, ExtBot

from eventbot.bot.services import Services

SERVICES_KEY = "services"
PENDING_PINS_KEY = "pending_pins"


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
