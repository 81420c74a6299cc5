"""Allow ``python -m eventbot``."""

from __future__ import annotations

from eventbot.bot.cli import entry

entry()
