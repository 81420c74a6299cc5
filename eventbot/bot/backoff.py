"""Waits that double after each failure in a row, up to a ceiling."""

from __future__ import annotations


def doubling(failures: int, first: float, most: float) -> float:
    """Return ``first`` after one failure, twice that after two, … but never over ``most``."""
    return float(min(most, first * 2.0 ** max(0, failures - 1)))
