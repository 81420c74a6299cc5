"""Log every question asked and what the matcher made of it, for the organisers' statistics."""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ._db import Clock, Database, Repository, UnknownUserError, from_db_time, to_db_time

# The matcher's outcome when it found nothing to answer with.
FALLBACK_OUTCOME = "fallback"

_SELECT_QUESTIONS = (
    "SELECT id, user_id, question, language, outcome, matched_id, asked_at FROM question_log"
)


@dataclass(frozen=True, slots=True)
class LoggedQuestion:
    """One question as asked, with the matcher's outcome."""

    id: int
    user_id: int | None
    question: str
    language: str | None
    outcome: str
    matched_id: str | None
    asked_at: datetime


@dataclass(frozen=True, slots=True)
class QuestionCount:
    """How often a question was asked, shown in its latest wording."""

    question: str
    count: int


def question_key(question: str) -> str:
    """Fold case, width and spacing, and drop end punctuation, so rewordings group together."""
    folded = unicodedata.normalize("NFKC", question).casefold()
    return " ".join(folded.split()).rstrip(" ?!.¿¡？！。")


def _logged_question(row: sqlite3.Row) -> LoggedQuestion:
    return LoggedQuestion(
        id=row["id"],
        user_id=row["user_id"],
        question=row["question"],
        language=row["language"],
        outcome=row["outcome"],
        matched_id=row["matched_id"],
        asked_at=from_db_time(row["asked_at"]),
    )


class QuestionLog(Repository):
    """Record questions and answer the statistics queries about them."""

    def __init__(self, db: Database, now: Clock) -> None:
        super().__init__(db, now)
        self._next_log_id: int | None = None  # ids are given here: rows are written later

    async def log_question(
        self,
        user_id: int | None,
        question: str,
        language: str | None,
        outcome: str,
        matched_id: str | None,
    ) -> int:
        """Record one question and return its log id.

        The row is written with the next batch of deferred writes (see Database.defer): it
        is there for every later read, and a crash may lose the last half-second of them.
        """
        if user_id is not None and not await self._user_known(user_id):
            raise UnknownUserError(user_id)
        if self._next_log_id is None:
            row = await self._db.fetch_one("SELECT COALESCE(MAX(id), 0) AS top FROM question_log")
            if self._next_log_id is None:  # another question may have read it meanwhile
                self._next_log_id = int(row["top"] if row is not None else 0) + 1
        log_id, self._next_log_id = self._next_log_id, self._next_log_id + 1
        # The subquery keeps a batch safe from a user deleted meanwhile: the row turns anonymous.
        self._db.defer(
            """
            INSERT INTO question_log
                (id, user_id, question, question_key, language, outcome, matched_id, asked_at)
            VALUES (?, (SELECT user_id FROM users WHERE user_id = ?), ?, ?, ?, ?, ?, ?)
            """,
            (log_id, user_id, question, question_key(question), language, outcome, matched_id,
             self._timestamp()),
        )
        return log_id

    async def questions_since(self, since: datetime) -> list[LoggedQuestion]:
        """List questions asked at or after `since`, oldest first."""
        rows = await self._db.fetch_all(
            _SELECT_QUESTIONS + " WHERE asked_at >= ? ORDER BY asked_at, id",
            (to_db_time(since),),
        )
        return [_logged_question(row) for row in rows]

    async def count_questions_by_outcome(self, since: datetime | None = None) -> dict[str, int]:
        """Count questions per matcher outcome, optionally only those since a moment."""
        where, params = _since_clause(since)
        rows = await self._db.fetch_all(
            "SELECT outcome, COUNT(*) AS n FROM question_log WHERE " + where + " GROUP BY outcome",
            params,
        )
        return {row["outcome"]: row["n"] for row in rows}

    async def top_questions(
        self,
        limit: int = 10,
        *,
        since: datetime | None = None,
        outcome: str | None = None,
    ) -> list[QuestionCount]:
        """Return the most asked questions, rewordings grouped, most frequent first."""
        where, params = _since_clause(since)
        if outcome is not None:
            where += " AND outcome = ?"
            params = (*params, outcome)
        # SQLite fills a bare column in a MAX() aggregate from the row holding the maximum,
        # so `question` is the latest wording of each group.
        rows = await self._db.fetch_all(
            "SELECT question, MAX(id) AS latest, COUNT(*) AS n FROM question_log WHERE "
            + where
            + " GROUP BY question_key ORDER BY n DESC, latest DESC LIMIT ?",
            (*params, limit),
        )
        return [QuestionCount(question=row["question"], count=row["n"]) for row in rows]

    async def unanswered_questions(
        self, limit: int = 50, *, since: datetime | None = None
    ) -> list[LoggedQuestion]:
        """List the latest questions the matcher fell back on, newest first."""
        where, params = _since_clause(since)
        rows = await self._db.fetch_all(
            _SELECT_QUESTIONS
            + " WHERE outcome = ? AND "
            + where
            + " ORDER BY asked_at DESC, id DESC LIMIT ?",
            (FALLBACK_OUTCOME, *params, limit),
        )
        return [_logged_question(row) for row in rows]


def _since_clause(since: datetime | None) -> tuple[str, tuple[Any, ...]]:
    # Always a valid WHERE fragment, so callers can append " AND ..." without branching.
    if since is None:
        return "1", ()
    return "asked_at >= ?", (to_db_time(since),)
