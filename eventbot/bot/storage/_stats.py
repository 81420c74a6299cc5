"""Store statistics for organisers: users, questions per hour, unanswered questions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ._db import Repository, from_db_time, to_db_time
from ._questions import FALLBACK_OUTCOME

# to_db_time writes fixed-width UTC text ("2025-09-01T00:15:00.000000+00:00"): its first 13
# characters name the UTC hour, so SQL can bucket by hour without parsing dates.
_HOUR_PREFIX = 13


@dataclass(frozen=True, slots=True)
class LanguagePair:
    """How many active users chose a language, by the language Telegram reports for them."""

    language: str | None
    telegram_language: str | None
    count: int


@dataclass(frozen=True, slots=True)
class HourCount:
    """How many questions with one outcome were asked in one UTC hour."""

    hour: datetime
    outcome: str
    count: int


@dataclass(frozen=True, slots=True)
class UnansweredWording:
    """One unanswered question (a normalised key) with how often and when it was asked."""

    key: str
    example: str
    count: int
    languages: tuple[str, ...]
    first_asked: datetime
    last_asked: datetime


class StatsStore(Repository):
    """Persist statistics for organisers: users, questions per hour, unanswered questions."""

    async def count_users_seen_since(self, since: datetime) -> int:
        """Count users whose last update reached the bot at or after `since`."""
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM users WHERE last_seen >= ?", (to_db_time(since),)
        )
        return int(row["n"]) if row is not None else 0

    async def count_users_by_language_pair(self) -> list[LanguagePair]:
        """Count active users per (chosen language, Telegram's language)."""
        rows = await self._db.fetch_all(
            "SELECT language, telegram_language, COUNT(*) AS n FROM users WHERE active = 1"
            " GROUP BY language, telegram_language"
        )
        return [LanguagePair(row["language"], row["telegram_language"], row["n"]) for row in rows]

    async def questions_per_hour(self, since: datetime) -> list[HourCount]:
        """Count questions per UTC hour and outcome, from `since` on, oldest hour first."""
        rows = await self._db.fetch_all(
            f"SELECT substr(asked_at, 1, {_HOUR_PREFIX:d}) AS hour, outcome, COUNT(*) AS n"
            " FROM question_log WHERE asked_at >= ? GROUP BY hour, outcome ORDER BY hour, outcome",
            (to_db_time(since),),
        )
        return [
            HourCount(from_db_time(row["hour"] + ":00:00+00:00"), row["outcome"], row["n"])
            for row in rows
        ]

    async def unanswered_wordings(
        self, limit: int, *, since: datetime | None = None
    ) -> list[UnansweredWording]:
        """List the most asked unanswered question keys, with their latest wording."""
        where, params = "outcome = ?", [FALLBACK_OUTCOME]
        if since is not None:
            where += " AND asked_at >= ?"
            params.append(to_db_time(since))
        # Group first, then fetch each group's latest row by id for its wording.
        rows = await self._db.fetch_all(
            "SELECT g.*, q.question FROM ("
            " SELECT question_key, MAX(id) AS latest, COUNT(*) AS n,"
            " group_concat(DISTINCT language) AS languages,"
            " MIN(asked_at) AS first_asked, MAX(asked_at) AS last_asked"
            " FROM question_log WHERE " + where +
            " GROUP BY question_key ORDER BY n DESC, latest DESC LIMIT ?"
            ") AS g JOIN question_log AS q ON q.id = g.latest ORDER BY g.n DESC, g.latest DESC",
            (*params, limit),
        )
        return [
            UnansweredWording(
                key=row["question_key"],
                example=row["question"],
                count=row["n"],
                languages=tuple(sorted(filter(None, (row["languages"] or "").split(",")))),
                first_asked=from_db_time(row["first_asked"]),
                last_asked=from_db_time(row["last_asked"]),
            )
            for row in rows
        ]
