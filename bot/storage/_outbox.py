"""Store the announcement outbox: announcements and per-recipient deliveries."""

from __future__ import annotations

from ._db import Repository


class OutboxStore(Repository):
    """Persist the announcement outbox: announcements and per-recipient deliveries."""
