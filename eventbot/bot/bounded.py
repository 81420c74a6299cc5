"""Bounded in-memory caches: plain dicts that forget their oldest entry when full."""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


def remember(cache: dict[K, V], key: K, value: V, limit: int) -> V:
    """Store ``value`` under ``key``, first dropping the oldest entry if ``limit`` is reached."""
    if key not in cache and len(cache) >= limit:
        del cache[next(iter(cache))]  # dicts keep insertion order: the first is the oldest
    cache[key] = value
    return value
