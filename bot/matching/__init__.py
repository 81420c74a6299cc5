"""Pure question matching: normalisation, question kinds, and the fuzzy item index."""

from __future__ import annotations

from bot.matching.index import IndexKey, ItemScore, MatchIndex, MatchResult
from bot.matching.intent import QuestionAnalysis, QuestionKind, TimeHint, analyse
from bot.matching.lexical import Field, FieldText, LexicalIndex
from bot.matching.lexicon import EVENT_VOCABULARY
from bot.matching.normalize import fold_key, match_key, normalize_text
from bot.matching.retrieval import Decision, Matcher, Outcome

__all__ = [
    "EVENT_VOCABULARY",
    "Decision",
    "Field",
    "FieldText",
    "IndexKey",
    "ItemScore",
    "LexicalIndex",
    "MatchIndex",
    "MatchResult",
    "Matcher",
    "Outcome",
    "QuestionAnalysis",
    "QuestionKind",
    "TimeHint",
    "analyse",
    "fold_key",
    "match_key",
    "normalize_text",
]
