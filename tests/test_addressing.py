"""Which group messages are for the bot, and the question once its mention is removed."""

from __future__ import annotations

import pytest

from eventbot.bot.addressing import addressed_question, command_addressee

BOT = "eventbot_test_bot"


def mentions(text: str, *handles: str) -> list[tuple[int, int]]:
    """Return mention entities as Telegram sends them: (offset, length) in UTF-16 units."""
    found = []
    for handle in handles:
        start = text.index(handle)
        found.append((len(text[:start].encode("utf-16-le")) // 2,
                      len(handle.encode("utf-16-le")) // 2))
    return found


@pytest.mark.parametrize(("text", "handles", "reply_to_bot", "question"), [
    ("@eventbot_test_bot where is Halla Hall?", ["@eventbot_test_bot"], False,
     "where is Halla Hall?"),
    ("@eventbot_test_bot 한라홀 어디에 있어요?", ["@eventbot_test_bot"], False,
     "한라홀 어디에 있어요?"),
    ("@EventBot_Test_Bot, when is the opening?", ["@EventBot_Test_Bot"], False,
     "when is the opening?"),
    ("한라홀 어디예요 @eventbot_test_bot", ["@eventbot_test_bot"], False, "한라홀 어디예요"),
    ("😀🎉 @eventbot_test_bot where?", ["@eventbot_test_bot"], False, "😀🎉 where?"),
    ("@eventbot_test_bot", ["@eventbot_test_bot"], False, ""),
    ("where is Halla Hall?", [], True, "where is Halla Hall?"),  # a reply to the bot
    ("where is Halla Hall?", [], False, None),  # chatter among people
    ("ask @other_bot where Halla Hall is", ["@other_bot"], False, None),
    # Written like the bot's handle without being a mention entity (e.g. inside a code span).
    ("@eventbot_test_bot where", [], False, None),
    ("@eventbot_test_botx where", ["@eventbot_test_botx"], False, None),
    ("@other_bot 한라홀?", ["@other_bot"], True, "@other_bot 한라홀?"),  # a reply keeps the rest
])
def test_addressed_question(text: str, handles: list[str], reply_to_bot: bool,
                            question: str | None) -> None:
    assert addressed_question(text, mentions(text, *handles), BOT,
                              reply_to_bot=reply_to_bot) == question


@pytest.mark.parametrize(("text", "addressee"), [
    ("/start@otherbot", "otherbot"), ("/help@eventbot_test_bot now", "eventbot_test_bot"),
    ("/start", None), ("/start session_x", None), ("/start @otherbot", None), ("hi", None),
])
def test_command_addressee(text: str, addressee: str | None) -> None:
    assert command_addressee(text) == addressee
