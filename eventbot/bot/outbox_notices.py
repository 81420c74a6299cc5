"""Tell people who saved a session when a knowledge-base reload moves or removes it."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from eventbot.bot.i18n import t
from eventbot.bot.kb import KnowledgeBase
from eventbot.bot.kb.models import Session, SideEvent
from eventbot.bot.outbox import Audience, deliveries_for
from eventbot.bot.render.when import format_when
from eventbot.bot.services import Services

logger = logging.getLogger(__name__)

ProgrammeItem = Session | SideEvent


@dataclass(frozen=True, slots=True)
class ProgrammeChange:
    """A session or side event whose time or place changed, or that was removed."""

    item_id: str
    old: ProgrammeItem
    new: ProgrammeItem | None  # None: removed
    time_changed: bool = False
    place_changed: bool = False

    @property
    def removed(self) -> bool:
        """Tell whether the item is gone from the new knowledge base."""
        return self.new is None


def diff_programme(old_kb: KnowledgeBase, new_kb: KnowledgeBase) -> list[ProgrammeChange]:
    """Return the programme items moved in time or place, or removed, in the old order."""
    changes = []
    for old in old_kb.programme:
        new = new_kb.programme_item(old.id)
        if new is None:
            changes.append(ProgrammeChange(old.id, old, None))
            continue
        time_changed = (old.start, old.end) != (new.start, new.end)
        place_changed = (old.venue, old.room) != (new.venue, new.room)
        if time_changed or place_changed:
            changes.append(ProgrammeChange(old.id, old, new, time_changed, place_changed))
    return changes


def place_name(kb: KnowledgeBase, item: ProgrammeItem, lang: str) -> str:
    """Return 'room, venue' (or the venue alone) in a language."""
    fallbacks = (kb.event.default_language, "en")
    venue = kb.venues.get(item.venue)
    venue_name = venue.name.get(lang, fallbacks) if venue is not None else item.venue
    room = kb.rooms.get(item.room) if item.room else None
    return f"{room.name.get(lang, fallbacks)}, {venue_name}" if room is not None else venue_name


def notice_texts(change: ProgrammeChange, old_kb: KnowledgeBase,
                 new_kb: KnowledgeBase) -> dict[str, str]:
    """Render the notice for a change in every language of the (new) event."""
    texts = {}
    for lang in new_kb.event.languages:
        fallbacks = (new_kb.event.default_language, "en")
        was_when, was_place = format_when(change.old, lang), place_name(old_kb, change.old, lang)
        if change.new is None:
            title = change.old.title.get(lang, fallbacks)
            texts[lang] = t(lang, "org.notice.removed", title=title, when=was_when,
                            place=was_place)
            continue
        texts[lang] = t(
            lang, "org.notice.changed", title=change.new.title.get(lang, fallbacks),
            when=format_when(change.new, lang), place=place_name(new_kb, change.new, lang),
            was_when=was_when, was_place=was_place,
        )
    return texts


async def notify_changes(services: Services, old: KnowledgeBase, new: KnowledgeBase) -> list[int]:
    """Enqueue one notice per changed item to the people who saved it; return the ids."""
    store = services.store
    created = []
    for change in diff_programme(old, new):
        audience = Audience("saved", change.item_id,
                            change.old.title.get(new.event.default_language))
        recipients = await store.recipients_who_saved(change.item_id)
        deliveries = deliveries_for(recipients, audience, new.event.default_language,
                                    new.event.languages)
        if not deliveries:
            continue
        created.append(await store.create_announcement(
            created_by=None, kind="notice", texts=notice_texts(change, old, new),
            default_language=new.event.default_language, audience=audience.to_json(),
            recipients=deliveries,
        ))
        logger.info("schedule change of %s: notice to %d people", change.item_id,
                    len(deliveries))
    return created
