"""A reply as plain values: HTML text, buttons, an optional map pin."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Button:
    """An inline button: its label and the callback data it sends back."""

    label: str
    data: str


@dataclass(frozen=True)
class VenuePin:
    """A place to show on a map."""

    lat: float
    lon: float
    title: str
    address: str


@dataclass(frozen=True)
class Reply:
    """What the bot says: Telegram-HTML text, button rows, and perhaps a map pin."""

    html: str
    buttons: tuple[tuple[Button, ...], ...] = ()
    pin: VenuePin | None = None
    extra: tuple[str, ...] = field(default=())  # further HTML messages, e.g. a split long card

    @property
    def text(self) -> str:
        """Return the text without HTML, as the user reads it."""
        return html_to_text(self.html)


def html_to_text(markup: str) -> str:
    """Strip Telegram-HTML tags and unescape entities."""
    return html.unescape(_TAG.sub("", markup))
