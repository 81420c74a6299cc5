"""eventbot: a self-hosted Telegram concierge for large multilingual events."""

from __future__ import annotations

__version__ = "0.1.0"
