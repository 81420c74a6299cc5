"""Store statistics for organisers: users, questions per hour, unanswered questions."""

from __future__ import annotations

from ._db import Repository


class StatsStore(Repository):
    """Persist statistics for organisers: users, questions per hour, unanswered questions."""
