"""Pure question matching: normalisation, question kinds, and the fuzzy item index."""

from __future__ import annotations

from eventbot.bot.matching.index import IndexKey, ItemScore, MatchIndex, MatchResult
from eventbot.bot.matching.intent import QuestionAnalysis, QuestionKind, TimeHint, analyse
from eventbot.bot.matching.lexical import (
    Field,
    FieldText,
    LexicalIndex,
    unmatchable_synonyms,
)
from eventbot.bot.matching.lexicon import EVENT_VOCABULARY, SHIPPED_VOCABULARY
from eventbot.bot.matching.normalize import fold_key, match_key, normalize_text
from eventbot.bot.matching.retrieval import Decision, Matcher, Outcome, settle_heap

__all__ = [
    "EVENT_VOCABULARY",
    "SHIPPED_VOCABULARY",
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
    "settle_heap",
    "unmatchable_synonyms",
]
