"""A loaded knowledge base's index stays out of the cyclic collector's passes."""

from __future__ import annotations

import gc
import weakref

import pytest

from eventbot.bot.concierge import Concierge
from eventbot.bot.services import KnowledgeHolder
from tests.paths import SAMPLE_KB


def _tracked(obj: object) -> bool:
    """Tell whether the collector's generations (not the frozen part) hold ``obj``."""
    return any(held is obj for held in gc.get_objects())


@pytest.fixture(autouse=True)
def _unfreeze() -> object:
    yield None
    gc.unfreeze()  # leave the rest of the test run as it was


def test_a_loaded_index_is_frozen_out_of_collections() -> None:
    holder = KnowledgeHolder.load(SAMPLE_KB)
    keys = holder.concierge.matcher.fuzzy._key_jamo  # a list: the collector tracks it
    assert gc.is_tracked(keys)
    assert not _tracked(keys)
    assert gc.get_freeze_count() > 0


async def test_a_reload_freezes_the_new_index_and_frees_the_old() -> None:
    holder = KnowledgeHolder.load(SAMPLE_KB)
    old = weakref.ref(holder.concierge.matcher)
    await holder.reload()
    assert old() is None
    assert not _tracked(holder.concierge.matcher.fuzzy._key_jamo)


def test_a_built_index_goes_straight_to_the_oldest_generation() -> None:
    # else the first young collection after a build walks every object it made
    knowledge = KnowledgeHolder.load(SAMPLE_KB).kb
    gc.unfreeze()
    matcher = Concierge(knowledge).matcher
    oldest = gc.get_objects(generation=2)
    assert any(held is matcher.fuzzy._key_jamo for held in oldest)
    assert any(held is matcher.lexical._postings for held in oldest)
