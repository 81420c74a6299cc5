"""The welcome and help texts: the bot's own, or the event's where its KB gives them."""

from __future__ import annotations

from html import escape

from eventbot.bot.i18n import language_list, t
from eventbot.bot.kb import KnowledgeBase


def welcome_text(kb: KnowledgeBase, lang: str) -> str:
    """Return the welcome after /start: the event's own (``event.welcome``) or the bot's."""
    event = kb.event
    if event.welcome is not None:
        return escape(event.welcome.get(lang, ("en", event.default_language)))
    name = event.name.get(lang, ("en", event.default_language))
    return t(lang, "start.welcome", event=escape(name),
             languages=escape(language_list(lang, event.languages)),
             example=escape(example_question(kb, lang)))


def example_question(kb: KnowledgeBase, lang: str) -> str:
    """Return a question this event can answer, to show how to ask: where its first hall is."""
    fallbacks = ("en", kb.event.default_language)
    names = [room.name for room in kb.rooms.values()] + [v.name for v in kb.venues.values()]
    if not names:
        return t(lang, "example.now")
    return t(lang, "example.where", place=names[0].get(lang, fallbacks))


def help_text(kb: KnowledgeBase, lang: str, *, tips: bool = False,
              helpdesk: bool = False) -> str:
    """Return /help: the commands, /human and the tip line where they serve, the event's note."""
    parts = [t(lang, "help.text") + ("\n" + t(lang, "help.human") if helpdesk else "")]
    if tips:
        parts.append(t(lang, "tip.help"))
    note = kb.event.help_note
    if note is not None:
        parts.append(escape(note.get(lang, ("en", kb.event.default_language))))
    return "\n\n".join(parts)
