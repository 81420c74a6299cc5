"""Who is writing: record the user, pick their language, read their agenda."""

from __future__ import annotations

from telegram import Update

from eventbot.handlers.context import BotContext


async def chat_and_language(update: Update, context: BotContext, *,
                            question: bool = False, asked: str = "") -> tuple[int, str]:
    """Record the user and return the chat to answer in and the language to answer in.

    For a ``question`` (the message's text, or ``asked`` when it came earlier), its script
    decides before the phone's language (a Korean question gets a Korean answer); other
    messages (commands, an organiser's draft) never switch it.
    """
    chat = update.effective_chat
    user = update.effective_user
    services = context.services
    if user is None:
        return (chat.id if chat else 0), services.knowledge.kb.event.default_language
    # A callback query without its message (forged, or on a message too old to show) has no
    # chat: answer in the user's private chat, whose id is the user's. That private chat is
    # also the one stored, so a command typed in a group never sends reminders there.
    chat_id = chat.id if chat is not None else user.id
    stored = await services.store.touch_user(
        user.id, user.id, user.language_code, username=user.username,
        first_name=user.first_name,
    )
    text = update.effective_message.text if update.effective_message and question else None
    lang = services.knowledge.concierge.language(stored.language, user.language_code,
                                                 text or asked)
    return chat_id, lang


async def saved_ids(update: Update, context: BotContext) -> list[str]:
    """Return the ids the user saved to their agenda."""
    user = update.effective_user
    return await context.services.store.saved_sessions(user.id) if user else []
