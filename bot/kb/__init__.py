"""The knowledge base: schema, loading, validation."""

from __future__ import annotations

from bot.kb.base import KnowledgeBase
from bot.kb.loader import check_knowledge, load_knowledge
from bot.kb.problems import KnowledgeBaseError, Problem
from bot.kb.types import Aliases, LocalTime, Text

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
