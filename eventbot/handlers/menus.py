"""The command menus Telegram shows: one per event language, and a user's own after /language."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from eventbot.bot.i18n import t
from eventbot.bot.services import Services

logger = logging.getLogger(__name__)

COMMANDS = (
    "start", "help", "schedule", "now", "venues", "events", "booths", "my", "remind", "news",
    "language", "tip", "mytips", "human",
)
TIP_COMMANDS = ("tip", "mytips")
HELPDESK_COMMANDS = ("human",)


def telegram_code(lang: str) -> str:
    """Return the two-letter code Telegram keys menus by: zh-Hant shares zh's."""
    return lang.split("-", 1)[0].lower()


def menu(services: Services, lang: str) -> list[BotCommand]:
    """Return the commands with their descriptions in ``lang``; tips only with a newsroom."""
    names: tuple[str, ...] = COMMANDS
    if services.config.tips.newsroom_chat_id is None:  # no newsroom: no tip line to offer
        names = tuple(name for name in COMMANDS if name not in TIP_COMMANDS)
    if services.config.helpdesk.chat_id is None:  # no helpdesk: nothing of it shows
        names = tuple(name for name in names if name not in HELPDESK_COMMANDS)
    return [BotCommand(name, t(lang, f"cmd.{name}")) for name in names]


async def publish_menus(bot: Bot, services: Services) -> None:
    """Set the default menu (the event's language) and one per language Telegram can tell."""
    event = services.knowledge.kb.event
    await bot.set_my_commands(menu(services, event.default_language))
    published: set[str] = set()
    for lang in event.languages:  # the first of zh and zh-Hant listed gets zh's menu
        code = telegram_code(lang)
        if code not in published:
            published.add(code)
            await bot.set_my_commands(menu(services, lang), language_code=code)
    # Organisers' chats get their own menu on top (organiser_menu.py; local import: it
    # builds on this module).
    from eventbot.handlers.organiser_menu import publish_organiser_menus

    await publish_organiser_menus(bot, services)


async def set_personal_menu(bot: Bot, services: Services, chat_id: int, lang: str) -> None:
    """Show a user who chose a language their menu in it, in their private chat."""
    if chat_id <= 0:  # a group's menu is everyone's
        return
    if services.config.is_organiser(chat_id):  # an organiser keeps their commands
        from eventbot.handlers.organiser_menu import set_organiser_menu

        await set_organiser_menu(bot, services, chat_id, lang)
        return
    try:
        await bot.set_my_commands(menu(services, lang), scope=BotCommandScopeChat(chat_id))
    except TelegramError as exc:  # the choice is stored: only the menu stays as it was
        logger.info("could not set the menu of chat %d: %s", chat_id, exc)
