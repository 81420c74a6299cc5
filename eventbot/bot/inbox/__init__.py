"""The durable inbox: every update stored before Telegram may forget it, handled once.

``ledger`` is the core (no Telegram); ``receiving`` and ``polling`` connect it to
python-telegram-bot.
"""

from __future__ import annotations

from eventbot.bot.inbox.ledger import DEDUP_WINDOW, MAX_REPLAYS, Inbox, InboxBackend

__all__ = ["DEDUP_WINDOW", "MAX_REPLAYS", "Inbox", "InboxBackend"]
