"""Double taps and stale links end to end: a button pressed twice, or whose message would not
change, is never "something went wrong"; a link to an unknown session says so and welcomes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from eventbot.bot.emulator import ChatMessage, SimUser
from eventbot.bot.i18n import t
from eventbot.bot.render import html_to_text
from tests.big_kb import write_big_kb
from tests.bot_harness import Harness, running_bot

SESSION = "plenary-new-tech"


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Harness]:
    kb = write_big_kb(tmp_path / "kb", side_events=30, exhibitors=0, venues=0)
    async with running_bot(tmp_path, kb=kb) as harness:
        yield harness


async def settled(bot: Harness, user: SimUser, lang: str) -> None:
    """Return once every update the user sent so far is handled: a chat's go in order."""
    mark = bot.emu.mark()
    user.send_command("/whoami")
    said = html_to_text(t(lang, "whoami.text", user_id=user.id, chat_id=user.id))
    await bot.emu.wait_for(lambda: [m for m in bot.emu.bot_messages(user.id, since=mark)
                                    if m.text == said])


def no_error_said(bot: Harness, user: SimUser, lang: str) -> None:
    said = [m.text for m in user.bot_messages()]
    assert t(lang, "error.generic") not in said and t("en", "error.generic") not in said


def double_tap(user: SimUser, message: ChatMessage, data: str) -> None:
    """Press a button twice before the bot answers, as a quick double tap does."""
    user.press(message, data)
    user.press(message, data)


@pytest.mark.parametrize(("lang", "user_id"), [("ko", 91), ("en", 92)])
async def test_save_and_remove_twice_are_no_error(
    bot: Harness, lang: str, user_id: int, caplog: pytest.LogCaptureFixture,
) -> None:
    user = bot.emu.user(user_id, language_code=lang)
    user.send_command("/start", [f"session_{SESSION}"])
    (card,) = await user.replies()
    answers = len(bot.emu.calls_of("answerCallbackQuery"))
    double_tap(user, card, f"save:{SESSION}")
    answered = await bot.emu.wait_for_call("answerCallbackQuery", count=answers + 2)
    assert answered[-1].params["text"] == t(lang, "agenda.already")
    await settled(bot, user, lang)
    saved = next(m for m in user.bot_messages() if m.message_id == card.message_id)
    assert saved.callback_data(t(lang, "button.remove")) == f"unsave:{SESSION}"
    # The second redraw asked Telegram for what the card already showed, and was refused.
    assert bot.emu.calls_of("editMessageText", ok=False)
    double_tap(user, saved, f"unsave:{SESSION}")
    answered = await bot.emu.wait_for_call("answerCallbackQuery", count=answers + 4)
    assert answered[-1].params["text"] == t(lang, "agenda.not_saved")
    # The same from /my: remove twice.
    await bot.services.store.save_session(user_id, SESSION)
    user.send_command("/my")
    (agenda,) = await user.replies()
    double_tap(user, agenda, f"unsave:{SESSION}")
    await settled(bot, user, lang)
    assert next(m for m in user.bot_messages()
                if m.message_id == agenda.message_id).text == t(lang, "agenda.empty")
    no_error_said(bot, user, lang)
    assert not [r for r in caplog.records if r.message == "error while handling an update"]


@pytest.mark.parametrize(("lang", "user_id"), [("ko", 93), ("en", 94)])
async def test_page_language_and_no_buttons_twice_are_no_error(
    bot: Harness, lang: str, user_id: int, caplog: pytest.LogCaptureFixture,
) -> None:
    user = bot.emu.user(user_id, language_code=lang)
    user.send_command("/events")
    (events,) = await user.replies()
    (nxt,) = [b["callback_data"] for row in events.buttons for b in row
              if b["text"] == t(lang, "button.page_next")]
    # The page shown (the middle button) pressed: it redraws what is there already.
    (shown,) = [row[1]["callback_data"] for row in events.buttons if len(row) == 3]
    user.press(events, shown)
    double_tap(user, events, nxt)
    user.send_command("/language")
    await settled(bot, user, lang)
    (menu,) = [m for m in user.bot_messages() if m.text == t(lang, "language.choose")]
    double_tap(user, menu, f"lang:{lang}")
    user.send_text("konferensi pres kapan")  # "Did you mean this?", with a "no" button
    (asked,) = await user.replies()
    double_tap(user, asked, "no:")
    await settled(bot, user, lang)
    turned = next(m for m in user.bot_messages() if m.message_id == events.message_id)
    assert turned.text != events.text and turned.edited
    assert len(bot.emu.calls_of("editMessageText", ok=False)) >= 4
    no_error_said(bot, user, lang)
    assert not [r for r in caplog.records if r.message == "error while handling an update"]


@pytest.mark.parametrize(("lang", "user_id"), [("ko", 95), ("en", 96)])
async def test_a_link_to_an_unknown_session_says_so_and_welcomes(
    bot: Harness, lang: str, user_id: int,
) -> None:
    user = bot.emu.user(user_id, language_code=lang)
    user.send_command("/start", ["session_no-such-session"])
    (reply,) = await user.replies()
    said, welcome = t(lang, "start.unknown_session"), html_to_text(t(lang, "help.text"))
    assert reply.text.startswith(said + "\n\n") and welcome in reply.text
    # A plain /start, or another kind of link, just welcomes.
    for args in ([], ["from_poster"]):
        user.send_command("/start", args)
        (plain,) = await user.replies()
        assert said not in plain.text and welcome in plain.text
