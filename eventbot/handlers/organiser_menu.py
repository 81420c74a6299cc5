"""What organisers see beyond the attendees' help and menu: their own commands."""

from __future__ import annotations

import logging

from telegram import Bot, BotCommand, BotCommandScopeChat, Update
from telegram.constants import ChatType
from telegram.error import TelegramError

from eventbot.bot.i18n import t
from eventbot.bot.services import Services
from eventbot.handlers.auth import is_organiser
from eventbot.handlers.context import BotContext
from eventbot.handlers.menus import menu, telegram_code

logger = logging.getLogger(__name__)

# After the attendees' commands in an organiser's menu; descriptions are 'org.cmd.<name>'.
ORGANISER_COMMANDS = ("announce", "announcements", "stats", "reload")


def organiser_menu(services: Services, lang: str) -> list[BotCommand]:
    """Return the attendees' menu followed by the organisers' commands, in ``lang``."""
    own = [BotCommand(name, t(lang, f"org.cmd.{name}")) for name in ORGANISER_COMMANDS]
    return [*menu(services, lang), *own]


def organiser_chats(services: Services) -> list[int]:
    """Return the configured organisers' private chats and the organisers' group, if any."""
    config = services.config
    chats = list(dict.fromkeys(config.organisers))  # a user's private chat id is their id
    if config.organisers_chat_id is not None and config.organisers_chat_id not in chats:
        chats.append(config.organisers_chat_id)
    return chats


async def set_organiser_menu(bot: Bot, services: Services, chat_id: int,
                             chosen: str | None = None) -> bool:
    """Set the organisers' menu in one chat, per language Telegram can tell, or all in ``chosen``.

    Returns False if Telegram refused (an organiser who never opened the bot has no chat yet).
    """
    event = services.knowledge.kb.event
    scope = BotCommandScopeChat(chat_id)
    # Every language's entry is written even for a chosen language: entries of this chat's
    # scope set earlier would otherwise win over the one without a language.
    entries = {"": event.default_language}
    for lang in event.languages:  # the first of zh and zh-Hant listed gets zh's menu
        entries.setdefault(telegram_code(lang), lang)
    try:
        for code, lang in entries.items():
            await bot.set_my_commands(organiser_menu(services, chosen or lang), scope=scope,
                                      language_code=code or None)
    except TelegramError as exc:
        logger.info("could not set the organisers' menu in chat %d: %s", chat_id, exc)
        return False
    return True


async def publish_organiser_menus(bot: Bot, services: Services) -> None:
    """Give each configured organiser and the organisers' group the organisers' menu."""
    for chat_id in organiser_chats(services):
        chosen = await _chosen(services, chat_id) if chat_id > 0 else None  # /language wins
        await set_organiser_menu(bot, services, chat_id, chosen)


async def organiser_help(update: Update, context: BotContext, lang: str) -> str | None:
    """Return the organisers' part of /help for an organiser in private or their group."""
    chat = update.effective_chat
    group = context.services.config.organisers_chat_id
    if chat is None or (chat.type != ChatType.PRIVATE and chat.id != group):
        return None  # a public group never sees the organisers' commands
    if not await is_organiser(update, context):
        return None
    services = context.services
    if chat.type == ChatType.PRIVATE and services.config.is_organiser(chat.id):
        # One who first opened the bot after start-up had no chat to set the menu in then.
        await set_organiser_menu(context.bot, services, chat.id, await _chosen(services, chat.id))
    return t(lang, "org.help")


async def _chosen(services: Services, user_id: int) -> str | None:
    if services.storage is None:
        return None
    user = await services.store.get_user(user_id)
    return user.language if user is not None else None
