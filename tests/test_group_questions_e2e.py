"""Questions in groups end to end: answered when the bot is mentioned or replied to, else not.

Silence is shown without waiting: a chat's updates are handled in order, so when the bot's
first message after some ignored ones answers the last question, the others got nothing.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from eventbot.bot.emulator import ChatMessage, SimUser
from eventbot.bot.i18n import t
from eventbot.bot.render import html_to_text
from tests.bot_harness import SEOUL, Harness, running_bot

GROUP, NEWSROOM, HELPDESK = -100777, -100123, -100456
BOT = "@eventbot_test_bot"
WHEN = {"ko": "개막식은 언제예요?", "en": "When is the opening ceremony?"}
WHEN_PLENARY = {"ko": "전체회의 1 언제예요?", "en": "When is plenary 1?"}


@asynccontextmanager
async def bot_with_groups(tmp_path: Path, **settings: Any) -> AsyncIterator[Harness]:
    """Run the bot with an attendees' group, a newsroom and a helpdesk group."""
    async with running_bot(tmp_path, tips={"newsroom_chat_id": NEWSROOM, "language": "en"},
                           helpdesk={"chat_id": HELPDESK, "language": "en"},
                           **settings) as harness:
        for chat_id, title in ((GROUP, "Attendees"), (NEWSROOM, "Newsroom"),
                               (HELPDESK, "Helpdesk")):
            harness.emu.group(chat_id, title)
        yield harness


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Harness]:
    async with bot_with_groups(tmp_path) as harness:
        yield harness


async def private_answer(user: SimUser, text: str) -> str:
    """Return what the bot answers ``text`` in private: the group's answer must match it."""
    user.send_text(text)
    (answer,) = await user.replies()
    assert answer.text
    return answer.text


async def only_reply(bot: Harness, user: SimUser, since: int) -> ChatMessage:
    """Wait for the bot's answer to the user's last group message; it must be its only one."""
    (answer,) = await user.replies()
    assert [m.message_id for m in bot.emu.bot_messages(GROUP, since=since)] == [answer.message_id]
    return answer


@pytest.mark.parametrize(("lang", "user_id"), [("ko", 71), ("en", 72)])
async def test_a_group_question_is_answered_only_when_it_mentions_or_replies_to_the_bot(
    bot: Harness, lang: str, user_id: int,
) -> None:
    user, friend = bot.emu.user(user_id, language_code=lang), bot.emu.user(user_id + 100)
    expected = await private_answer(user, WHEN[lang])
    mark = bot.emu.mark()
    user.send_text(WHEN[lang], chat_id=GROUP)  # people talking among themselves
    chat = friend.send_text("see you there", chat_id=GROUP)
    user.send_text(f"yes {BOT.upper()[1:]}", chat_id=GROUP)  # the name, but no mention
    user.send_text(f"@other_bot {WHEN[lang]}", chat_id=GROUP)  # another bot's
    user.send_text(WHEN[lang], chat_id=GROUP, reply_to=chat["message"])  # a reply to a person
    asked = user.send_text(f"{BOT} {WHEN[lang]}", chat_id=GROUP)
    answer = await only_reply(bot, user, mark)
    assert answer.text == expected  # the mention was removed before matching
    assert answer.data["reply_to_message"]["message_id"] == asked["message"]["message_id"]
    # A reply to the bot's answer is a question too, without a mention.
    expected = await private_answer(user, WHEN_PLENARY[lang])
    mark = bot.emu.mark()
    user.send_text(WHEN_PLENARY[lang], chat_id=GROUP, reply_to=answer)
    assert (await only_reply(bot, user, mark)).text == expected
    logged = await bot.services.store.questions_since(datetime(2025, 1, 1, tzinfo=SEOUL))
    assert [q.question for q in logged] == [WHEN[lang], WHEN[lang], WHEN_PLENARY[lang],
                                            WHEN_PLENARY[lang]]


@pytest.mark.parametrize(("lang", "user_id"), [("ko", 73), ("en", 74)])
async def test_group_commands_for_other_bots_and_unknown_ones_get_nothing(
    bot: Harness, lang: str, user_id: int,
) -> None:
    user = bot.emu.user(user_id, language_code=lang)
    mark = bot.emu.mark()
    for text in ("/start@otherbot", "/help@otherbot", "/frobnicate", "/schedule@other_bot 2"):
        user.send_text(text, chat_id=GROUP)
    user.send_text(f"/help{BOT}", chat_id=GROUP)
    help_text = await only_reply(bot, user, mark)
    how = html_to_text(t(lang, "group.how_to_ask", bot=BOT))
    assert help_text.text.startswith(how + "\n\n" + html_to_text(t(lang, "help.text")))
    mark = bot.emu.mark()
    user.send_text("/help", chat_id=GROUP)
    assert (await only_reply(bot, user, mark)).text.startswith(how)
    # In private, /help is unchanged and an unknown command, even another bot's, is answered.
    user.send_text("/help")
    (private,) = await user.replies()
    assert not private.text.startswith(how)
    for text in ("/frobnicate", "/start@otherbot"):
        user.send_text(text)
        (unknown,) = await user.replies()
        assert unknown.text == t(lang, "unknown.command")


async def test_staff_replies_in_the_newsroom_and_helpdesk_are_not_questions(
    bot: Harness,
) -> None:
    submitter = bot.emu.user(75, language_code="en")
    submitter.send_command("/tip", "Crowd at gate 2")
    await submitter.replies()
    header, _ = await bot.emu.wait_for_bot_messages(NEWSROOM, 2)  # the tip's header, its copy
    editor = bot.emu.user(900, "Editor", language_code="en")
    mark = bot.emu.mark()
    # A staff reply mentioning the bot still goes to the submitter, not to the Q&A.
    editor.send_text(f"{BOT} which gate exactly?", chat_id=NEWSROOM, reply_to=header)
    (relayed,) = await bot.emu.wait_for_bot_messages(submitter.id, since=mark)
    assert "which gate exactly?" in relayed.text
    (confirm,) = await bot.emu.wait_for_bot_messages(NEWSROOM, since=mark)
    assert confirm.text.startswith("✉️ Sent to the submitter")
    # Mentions in the staff chats are staff talk; the same mention in a group is answered.
    for chat_id in (NEWSROOM, HELPDESK):
        editor.send_text(f"{BOT} {WHEN['en']}", chat_id=chat_id)
    editor.send_text(f"{BOT} {WHEN['en']}", chat_id=GROUP)
    await editor.replies()
    assert [m.text for m in bot.emu.bot_messages(NEWSROOM, since=mark)] == [confirm.text]
    assert bot.emu.bot_messages(HELPDESK, since=mark) == []


async def test_group_chatter_is_never_throttled_nor_told_to_slow_down(tmp_path: Path) -> None:
    async with bot_with_groups(tmp_path, throttle={"burst": 3, "per_minute": 1}) as bot:
        user = bot.emu.user(76, language_code="en")
        expected = await private_answer(bot.emu.user(77, language_code="en"), WHEN["en"])
        mark = bot.emu.mark()
        for number in range(12):  # four times the burst, none of it for the bot
            user.send_text(f"chatting {number}", chat_id=GROUP)
        user.send_text(f"{BOT} {WHEN['en']}", chat_id=GROUP)
        assert (await only_reply(bot, user, mark)).text == expected
