"""Pure question matching: normalisation, question kinds, and the fuzzy item index."""

from __future__ import annotations

from bot.matching.index import IndexKey, ItemScore, MatchIndex, MatchResult, Outcome
from bot.matching.intent import QuestionAnalysis, QuestionKind, TimeHint, analyse
from bot.matching.normalize import fold_key, match_key, normalize_text

__all__ = [
    "IndexKey",
    "ItemScore",
    "MatchIndex",
    "MatchResult",
    "Outcome",
    "QuestionAnalysis",
    "QuestionKind",
    "TimeHint",
    "analyse",
    "fold_key",
    "match_key",
    "normalize_text",
]
