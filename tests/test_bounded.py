"""Bounded caches forget their oldest entry, never the one being stored."""

from __future__ import annotations

from eventbot.bot.bounded import remember


def test_remember_drops_the_oldest_entry_when_full() -> None:
    cache: dict[str, int] = {}
    for n, key in enumerate("abc"):
        assert remember(cache, key, n, limit=2) == n
    assert cache == {"b": 1, "c": 2}


def test_remember_replaces_a_known_key_without_dropping_another() -> None:
    cache = {"a": 0, "b": 1}
    remember(cache, "a", 5, limit=2)
    assert cache == {"a": 5, "b": 1}
