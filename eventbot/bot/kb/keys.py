"""The searchable texts of a knowledge base: names and aliases, and every other field."""

from __future__ import annotations

import re
from collections.abc import Iterator

from eventbot.bot.kb.base import KIND_OF, KnowledgeBase
from eventbot.bot.kb.models import (
    Exhibitor,
    Faq,
    Item,
    Organisation,
    Pavilion,
    Person,
    Room,
    Session,
    SideEvent,
    Venue,
    aliases_of,
    primary_name,
)
from eventbot.bot.kb.types import Text
from eventbot.bot.matching import Field, FieldText, IndexKey

__all__ = ["field_texts", "index_keys", "primary_name"]


def index_keys(kb: KnowledgeBase) -> Iterator[IndexKey]:
    """Yield every name and alias the fuzzy matcher should know, tagged with id and kind."""
    for item in kb.items.values():
        kind = KIND_OF[type(item)]
        for lang, text in primary_name(item).all():
            yield IndexKey(item.id, kind, lang, text, is_primary=True)
        for lang, text in aliases_of(item).all():
            yield IndexKey(item.id, kind, lang, text)


def field_texts(kb: KnowledgeBase) -> Iterator[FieldText]:
    """Yield every text of every item with the weight of its field, for word retrieval."""
    for item in kb.items.values():
        for key in _names(item):
            yield FieldText(item.id, key, Field.NAME)
        for field, value in _fields(kb, item):
            if value is not None:
                for _, text in value.all():
                    yield FieldText(item.id, text, field)
        for tag in getattr(item, "tags", ()):
            yield FieldText(item.id, tag, Field.TAG)
        if isinstance(item, Exhibitor):
            for booth in booth_spellings(item.booth):
                yield FieldText(item.id, booth, Field.TAG)


_BOOTH_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_./·]+")
_LEADING_ZEROS = re.compile(r"(?<!\d)0+(?=\d)")


def booth_spellings(booth: str) -> dict[str, None]:
    """Return the ways a booth code is typed: as written, run together, without leading
    zeros ("C-15": "C15"; "A-03": "A03", "A3")."""
    compact = _BOOTH_SEPARATORS.sub("", booth)
    return dict.fromkeys((booth, compact, _LEADING_ZEROS.sub("", compact)))


def _names(item: Item) -> Iterator[str]:
    for _, text in primary_name(item).all():
        yield text
    for _, text in aliases_of(item).all():
        yield text


def _fields(kb: KnowledgeBase, item: Item) -> Iterator[tuple[Field, Text | None]]:
    """Yield the other texts of an item, each with its field's weight."""
    if isinstance(item, Session | SideEvent):
        for speaker in kb.speakers(item):
            yield Field.ENTITY, speaker.name
            yield Field.ENTITY, speaker.organisation
            yield Field.PROSE, speaker.role
        for organiser in item.organisers:
            yield Field.ENTITY, kb.organisation_name(organiser)
        yield Field.PROSE, item.description
    elif isinstance(item, Exhibitor):
        yield Field.ENTITY, item.category
        yield Field.ENTITY, item.showcase
        yield Field.PROSE, item.description
    elif isinstance(item, Person):
        yield Field.ENTITY, item.role
        yield Field.ENTITY, kb.organisation_name(item.organisation)
        yield Field.PROSE, item.bio
    elif isinstance(item, Faq):
        yield Field.PROSE, item.answer
    elif isinstance(item, Venue):
        yield Field.TAG, item.city
        yield Field.PROSE, item.address
        yield Field.PROSE, item.description
    elif isinstance(item, Room):
        yield Field.TAG, item.floor
        yield Field.PROSE, item.description
    elif isinstance(item, Pavilion):
        yield Field.PROSE, item.location
        yield Field.PROSE, item.description
    elif isinstance(item, Organisation):
        yield Field.PROSE, item.description
