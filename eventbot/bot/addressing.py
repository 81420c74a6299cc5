"""Whether a group message is meant for the bot, and what it asks once the mention is gone."""

from __future__ import annotations

import re
from collections.abc import Sequence

# What may sit between a mention and the question: "@bot, where…", "where… @bot?".
_AROUND_MENTION = " \t\n,:;"
# "/start@other_bot args": the command's own addressee (Telegram allows 5–32 characters).
_COMMAND_TARGET = re.compile(r"^/[A-Za-z0-9_]{1,32}@([A-Za-z0-9_]{1,32})(?:\s|$)")


def addressed_question(
    text: str, mentions: Sequence[tuple[int, int]], bot_username: str, *, reply_to_bot: bool,
) -> str | None:
    """Return what a group message asks the bot, without the mention; None if not asked."""
    # Telegram's mention entities count UTF-16 code units: cut the text in those units.
    units = text.encode("utf-16-le")
    handle = f"@{bot_username}".casefold()
    ours = sorted(((offset, length) for offset, length in mentions
                   if units[2 * offset:2 * (offset + length)].decode("utf-16-le", "replace")
                   .casefold() == handle), reverse=True)
    if not ours and not reply_to_bot:
        return None
    for offset, length in ours:  # from the end, so earlier offsets stay right
        units = units[:2 * offset] + " ".encode("utf-16-le") + units[2 * (offset + length):]
    return " ".join(units.decode("utf-16-le", "replace").split()).strip(_AROUND_MENTION)


def command_addressee(text: str) -> str | None:
    """Return the bot a command names (``/start@other_bot`` → ``other_bot``), if it names one."""
    match = _COMMAND_TARGET.match(text)
    return match[1] if match else None
