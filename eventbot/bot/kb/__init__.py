"""The knowledge base: schema, loading, validation."""

from __future__ import annotations

from eventbot.bot.kb.base import KnowledgeBase
from eventbot.bot.kb.loader import check_knowledge, load_knowledge
from eventbot.bot.kb.problems import KnowledgeBaseError, Problem
from eventbot.bot.kb.types import Aliases, LocalTime, Text

__all__ = [
    "Aliases",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "LocalTime",
    "Problem",
    "Text",
    "check_knowledge",
    "load_knowledge",
]
