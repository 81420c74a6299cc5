"""eventbot: a self-hosted Telegram concierge for large multilingual events.

``eventbot.bot`` is the core (no Telegram imports outside the modules that exist to talk to
it); ``eventbot.handlers`` is the thin Telegram I/O.
"""

from __future__ import annotations
