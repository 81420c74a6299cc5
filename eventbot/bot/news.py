"""The attendees' /news: the announcements that went out, newest first, in their language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo
from html import escape

from eventbot.bot.i18n import t
from eventbot.bot.outbox import text_for
from eventbot.bot.render.reply import Button, Reply
from eventbot.bot.render.when import format_clock, format_day
from eventbot.bot.storage._outbox import Announcement

__all__ = ["NEWS_PAGE", "OLDER_PATTERN", "news_entry", "older_offset", "render_news"]

NEWS_PAGE = 5  # a page is read on a phone: five announcements, then an "Older" button
OLDER_PREFIX = "news:older:"
OLDER_PATTERN = r"^news:older:\d{1,6}$"  # the offset of the next page; anything else is forged


def older_offset(data: str) -> int:
    """Return the offset an "Older" button asks for."""
    return int(data.removeprefix(OLDER_PREFIX))


def news_entry(announcement: Announcement, lang: str, tz: tzinfo) -> str:
    """Return one announcement as /news shows it: when it went out, then its text (HTML)."""
    local = announcement.went_out_at.astimezone(tz)
    when = f"{format_day(local.date(), lang)} {format_clock(local, lang)}"
    # The same version as its delivery: the reader's language, else the default one.
    text = text_for(announcement.texts, lang, announcement.default_language)
    lines = [f"🗓 <b>{escape(when)}</b>"]
    if announcement.media_type in ("photo", "document"):
        lines.append(escape(t(lang, f"news.attached.{announcement.media_type}")))
    if text:
        lines.append(escape(text))
    return "\n".join(lines)


def render_news(announcements: Sequence[Announcement], lang: str, tz: tzinfo, *,
                offset: int = 0, more: bool = False) -> Reply:
    """Return a page of /news: a title, the entries, and "Older" when there are more."""
    if not announcements:
        return Reply(escape(t(lang, "news.empty" if offset == 0 else "news.no_older")))
    title = t(lang, "news.title" if offset == 0 else "news.older_title")
    entries = [news_entry(announcement, lang, tz) for announcement in announcements]
    html = "\n\n".join([f"<b>{escape(title)}</b>", *entries])
    buttons: tuple[tuple[Button, ...], ...] = ()
    if more:
        next_offset = offset + len(announcements)
        buttons = ((Button(t(lang, "news.older"), f"{OLDER_PREFIX}{next_offset}"),),)
    return Reply(html, buttons)
