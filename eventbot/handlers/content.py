"""What a message holds, as the core stores it (a tip's item, a ticket's message)."""

from __future__ import annotations

from typing import Any

from telegram import Message

from eventbot.bot.tips import TipContent


def content_of(message: Message) -> TipContent:
    """Describe a message's content for storage (no Telegram types leave this function)."""
    origin = message.forward_origin
    base: dict[str, Any] = {
        "chat_id": message.chat_id, "message_id": message.message_id,
        "media_group_id": message.media_group_id,
        "forward_origin": origin.to_dict() if origin is not None else None,
        "forward_date": origin.date if origin is not None else None,
    }
    caption = message.caption
    if message.text is not None:
        return TipContent(kind="text", text=message.text, **base)
    if message.photo:
        size = message.photo[-1]
        return TipContent(kind="photo", text=caption, file_id=size.file_id,
                          file_unique_id=size.file_unique_id, file_size=size.file_size,
                          extra={"width": size.width, "height": size.height}, **base)
    for kind in ("animation", "video", "voice", "audio", "video_note", "document"):
        media = getattr(message, kind)
        if media is not None:
            return TipContent(
                kind=kind, text=caption, file_id=media.file_id,
                file_unique_id=media.file_unique_id, file_size=media.file_size,
                file_name=getattr(media, "file_name", None),
                mime_type=getattr(media, "mime_type", None), **base)
    if message.venue is not None:
        venue = message.venue
        return TipContent(kind="venue", text=f"{venue.title}\n{venue.address}",
                          latitude=venue.location.latitude, longitude=venue.location.longitude,
                          **base)
    if message.location is not None:
        return TipContent(kind="location", latitude=message.location.latitude,
                          longitude=message.location.longitude, **base)
    if message.contact is not None:
        return TipContent(kind="contact", contact=message.contact.to_dict(), **base)
    attachment = message.effective_attachment
    what = type(attachment).__name__.lower() if attachment else "unknown"
    return TipContent(kind="other", text=caption, extra={"type": what}, **base)
