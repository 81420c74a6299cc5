"""Store news tips, their items, newsroom delivery and blocked submitters."""

from __future__ import annotations

from ._db import Repository


class TipStore(Repository):
    """Persist news tips, their items, newsroom delivery and blocked submitters."""
