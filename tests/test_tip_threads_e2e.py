"""News tips that converse: the /tip briefing, threads both ways, asking before media is a tip."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from eventbot.bot.emulator import ChatMessage, SimUser
from eventbot.bot.i18n import t
from tests.bot_harness import Harness, running_bot

NEWSROOM = -100444
EDITOR = 901


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Harness]:
    async with running_bot(tmp_path, tips={"newsroom_chat_id": NEWSROOM,
                                           "language": "en"}) as harness:
        harness.emu.group(NEWSROOM, "Newsroom")
        yield harness


async def newsroom(h: Harness, count: int, since: int = 0) -> list[ChatMessage]:
    return await h.emu.wait_for_bot_messages(NEWSROOM, count, since=since)


async def say_yes(user: SimUser, lang: str) -> ChatMessage:
    """Answer "send this to the newsroom?" with yes; return the acknowledgement."""
    (asked,) = await user.replies()
    assert asked.button_labels == [t(lang, "tip.ask_yes"), t(lang, "tip.ask_no")]
    user.press_button(asked, t(lang, "tip.ask_yes"))
    (ack,) = await user.replies()
    return ack


@pytest.mark.parametrize(("show", "expected"), [
    (False, "🔒 The newsroom will not see your name or username"),
    (True, "👤 The newsroom will see your name and username (Mina (@mina))"),
])
async def test_tip_command_says_what_a_good_tip_holds_and_what_the_newsroom_sees(
        tmp_path: Path, show: bool, expected: str) -> None:
    async with running_bot(tmp_path, tips={"newsroom_chat_id": NEWSROOM,
                                           "show_submitter": show}) as h:
        user = h.emu.user(11, "Mina", username="mina", language_code="en")
        user.send_command("/tip")
        (prompt,) = await user.replies()
        assert t("en", "tip.good_tip") in prompt.text
        for part in ("what happened", "where and when", "photos or video", "reach you"):
            assert part in prompt.text
        assert expected in prompt.text


async def test_a_thread_both_ways_in_korean(bot: Harness) -> None:
    user = bot.emu.user(12, language_code="ko")
    user.send_photo(caption="무대 뒤 연기")
    ack = await say_yes(user, "ko")
    assert "T-0001" in ack.text
    header, _ = await newsroom(bot, 2)
    editor = bot.emu.user(EDITOR, "Editor Park", language_code="en")

    # The newsroom asks; its message says how to answer.
    mark = bot.emu.mark()
    editor.send_text("몇 시에 보셨나요?", chat_id=NEWSROOM, reply_to=header)
    (asked,) = await bot.emu.wait_for_bot_messages(user.id, since=mark)
    assert asked.text == t("ko", "tip.reply", ref="T-0001", text="몇 시에 보셨나요?")
    assert "Park" not in asked.text
    await newsroom(bot, 1, since=mark)

    # The submitter's reply joins the tip: no question answered, no new tip.
    mark = bot.emu.mark()
    user.send_text("한라홀 어디에 있어요? 2시쯤 그 앞에서요", reply_to=asked)
    (told,) = await user.replies()
    assert told.text == t("ko", "tip.answered", ref="T-0001")
    answer_header, copy = await newsroom(bot, 2, since=mark)
    assert "The submitter of T-0001 answers" in answer_header.text
    assert copy.method == "copyMessage" and copy.text == "한라홀 어디에 있어요? 2시쯤 그 앞에서요"
    assert await bot.services.store.get_tip(2) is None

    # The newsroom answers that answer with media; the submitter replies with a voice note.
    mark = bot.emu.mark()
    editor.send({"location": {"latitude": 33.24, "longitude": 126.41}}, chat_id=NEWSROOM,
                reply_to=answer_header)
    label, pin = await bot.emu.wait_for_bot_messages(user.id, 2, since=mark)
    assert label.text == t("ko", "tip.reply_media", ref="T-0001") and pin.kind == "location"
    await newsroom(bot, 1, since=mark)
    mark = bot.emu.mark()
    user.send({"voice": {"file_id": "vo1", "file_unique_id": "u-vo1", "duration": 3}},
              reply_to=pin)
    (told,) = await user.replies()
    assert told.text == t("ko", "tip.answered", ref="T-0001")
    voice_header, voice = await newsroom(bot, 2, since=mark)
    assert "T-0001" in voice_header.text and voice.kind == "voice"
    assert len(await bot.services.store.tip_items(1)) == 3

    # /tip T-0001 shows the thread in order.
    mark = bot.emu.mark()
    editor.send_command("/tip", "T-0001", chat_id=NEWSROOM)
    (shown,) = await newsroom(bot, 1, since=mark)
    assert shown.text.index("reply: 몇 시에 보셨나요?") < shown.text.index(
        "submitter: 한라홀 어디에 있어요?") < shown.text.index("submitter: voice")


async def test_an_answer_to_a_closed_tip_reaches_nobody(bot: Harness) -> None:
    user = bot.emu.user(13, language_code="en")
    user.send_command("/tip")
    await user.replies()
    user.send_text("The lift in hall A is stuck")
    await user.replies()
    header, _ = await newsroom(bot, 2)
    editor = bot.emu.user(EDITOR, language_code="en")
    mark = bot.emu.mark()
    editor.send_text("Thanks, which floor?", chat_id=NEWSROOM, reply_to=header)
    (asked,) = await bot.emu.wait_for_bot_messages(user.id, since=mark)
    await newsroom(bot, 1, since=mark)
    editor.send_command("/close", "T-0001 fixed now", chat_id=NEWSROOM)
    await newsroom(bot, 2, since=mark)
    mark = bot.emu.mark()
    user.send_text("Third floor", reply_to=asked)
    (closed,) = await user.replies()
    assert closed.text == t("en", "tip.answer_closed", ref="T-0001")
    assert not bot.emu.bot_messages(NEWSROOM, since=mark)


async def test_media_without_tip_asks_first_and_no_sends_nothing(bot: Harness) -> None:
    user = bot.emu.user(14, language_code="en")
    user.send({"voice": {"file_id": "vo2", "file_unique_id": "u-vo2", "duration": 2}})
    (asked,) = await user.replies()
    assert asked.text == t("en", "tip.ask_first", kept="🎙")
    user.press_button(asked, "✖ No")
    (declined,) = await user.replies()
    assert declined.text == t("en", "tip.ask_declined")
    assert await bot.services.store.get_tip(1) is None
    # A late "yes" on the same question finds nothing kept.
    user.press(asked, f"tipm:{asked.callback_data('✖ No').split(':')[1]}:y", strict=False)
    calls = await bot.emu.wait_for_call("answerCallbackQuery", count=2)
    assert calls[-1].params.get("text") == t("en", "button.expired")
    assert not bot.emu.bot_messages(NEWSROOM)


async def test_media_without_tip_asks_first_and_yes_sends_it_without_resending(
        bot: Harness) -> None:
    user = bot.emu.user(15, language_code="en")
    photo = user.send_photo(caption="crowd at gate 3")
    user.send_location(33.24, 126.41)
    (asked_photo, asked_location) = await user.replies(2)
    assert not bot.emu.bot_messages(NEWSROOM)  # nothing before a yes
    user.press_button(asked_location, "✅ Yes, send it")
    (ack,) = await user.replies()
    assert "T-0001 (📍)" in ack.text
    user.press(asked_location, asked_location.callback_data("✅ Yes, send it"), strict=False)
    header, pin = await newsroom(bot, 2)
    assert "News tip T-0001" in header.text and pin.kind == "location"
    user.press_button(asked_photo, "✅ Yes, send it")
    (ack2,) = await user.replies()
    assert "T-0002 (📷)" in ack2.text
    _, copy = await newsroom(bot, 2, since=pin.seq)
    (call,) = [c for c in bot.emu.calls_of("copyMessage") if c.params["message_id"] ==
               photo["message"]["message_id"]]
    assert call.params["from_chat_id"] == user.id and copy.text == "crowd at gate 3"
    assert await bot.services.store.get_tip(3) is None  # the double tap made no second tip
    assert sum("saved as" in (m.text or "") for m in user.bot_messages()) == 2


async def test_an_album_without_tip_is_asked_about_once(bot: Harness) -> None:
    user = bot.emu.user(16, language_code="en")
    user.send_media_group([b"a", b"b"], caption="two views")
    ack = await say_yes(user, "en")
    assert "T-0001 (📷×2)" in ack.text
    header, *copies = await newsroom(bot, 3)
    assert "album: 2 photo" in header.text and len(copies) == 2


async def test_the_newsroom_reads_its_own_language(tmp_path: Path) -> None:
    async with running_bot(tmp_path, tips={"newsroom_chat_id": NEWSROOM,
                                           "language": "ko"}) as h:
        h.emu.group(NEWSROOM, "Newsroom")
        user = h.emu.user(17, language_code="en")
        user.send_command("/tip")
        await user.replies()
        user.send_text("Fire drill at 3pm")
        (ack,) = await user.replies()
        assert ack.text.startswith("📰 Thank you!")  # the submitter's language: English
        await newsroom(h, 2)
        editor = h.emu.user(EDITOR, language_code="en")
        mark = h.emu.mark()
        editor.send_command("/tips", chat_id=NEWSROOM)
        (listing,) = await newsroom(h, 1, since=mark)
        assert t("ko", "tip.status.delivered") in listing.text  # the newsroom's: Korean
