"""Turn knowledge-base items and match results into replies; no Telegram here."""

from __future__ import annotations

from eventbot.bot.render.reply import Button, Reply, VenuePin, html_to_text

__all__ = ["Button", "Reply", "VenuePin", "html_to_text"]
