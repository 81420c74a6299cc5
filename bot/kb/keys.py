"""The searchable strings of a knowledge base: names, titles, aliases, question variants."""

from __future__ import annotations

from collections.abc import Iterator

from bot.kb.base import KIND_OF, KnowledgeBase
from bot.kb.models import Faq, Item, Session, SideEvent
from bot.kb.types import Text
from bot.matching import IndexKey


def primary_name(item: Item) -> Text:
    """Return the item's display name: a title, a name, or a question."""
    if isinstance(item, Session | SideEvent):
        return item.title
    if isinstance(item, Faq):
        return item.question
    return item.name


def index_keys(kb: KnowledgeBase) -> Iterator[IndexKey]:
    """Yield every key the matcher should know, tagged with item id, kind and language."""
    for item in kb.items.values():
        kind = KIND_OF[type(item)]
        for lang, text in primary_name(item).all():
            yield IndexKey(item.id, kind, lang, text, is_primary=True)
        aliases = item.variants if isinstance(item, Faq) else item.aliases
        for lang, text in aliases.all():
            yield IndexKey(item.id, kind, lang, text)
