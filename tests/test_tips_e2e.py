"""News tips end to end: the real Application, the emulator, a newsroom group."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from eventbot.bot.emulator import ChatMessage, SimUser
from eventbot.bot.i18n import t, tn
from eventbot.bot.relay.worker import relay_of
from tests.bot_harness import Harness, running_bot

NEWSROOM = -100123
REF = re.compile(r"T-\d{4}")


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Harness]:
    async with running_bot(tmp_path, tips={"newsroom_chat_id": NEWSROOM,
                                           "language": "en"}) as harness:
        harness.emu.group(NEWSROOM, "Newsroom")
        yield harness


async def as_tip(user: SimUser) -> ChatMessage:
    """Answer "send this to the newsroom?" with yes; return the acknowledgement."""
    (asked,) = await user.replies()
    assert asked.button_labels == ["✅ Yes, send it", "✖ No"], asked.text
    user.press_button(asked, "✅ Yes, send it")
    (ack,) = await user.replies()
    return ack


async def newsroom(h: Harness, count: int, since: int = 0) -> list[ChatMessage]:
    """Wait for ``count`` bot messages in the newsroom after mark ``since``."""
    return await h.emu.wait_for_bot_messages(NEWSROOM, count, since=since)


async def settled(h: Harness) -> None:
    """Wait until the delivery pass in flight has committed (run_once takes its lock)."""
    worker = relay_of(h.app)
    assert worker is not None
    await worker.run_once()


def ref_of(message: ChatMessage) -> str:
    found = REF.search(message.text or "")
    assert found, message.text
    return found[0]


async def test_forwarded_text_is_a_tip_delivered_by_copy_with_a_header(bot: Harness) -> None:
    user = bot.emu.user(11, "Mina", username="mina", language_code="en")
    channel = bot.emu.channel(-1009, "Jeju Daily", username="jejudaily")
    user.forward_text("Power cut in hall B", origin=channel)
    ack = await as_tip(user)
    assert ack.text.startswith("📰 Thank you! Your tip is saved as T-0001 (📝)")
    header, copy = await newsroom(bot, 2)
    assert "News tip T-0001" in header.text and "🌐 en" in header.text
    assert "Forwarded from channel Jeju Daily (@jejudaily)" in header.text
    assert "Mina" not in header.text and "mina" not in header.text  # show_submitter is off
    assert copy.method == "copyMessage" and copy.text == "Power cut in hall B"
    (call,) = bot.emu.calls_of("copyMessage")
    assert call.params["from_chat_id"] == user.id and call.params["chat_id"] == NEWSROOM
    assert not bot.emu.calls_of("forwardMessage")
    await settled(bot)
    tip = await bot.services.store.get_tip(1)
    assert tip is not None and tip.status == "delivered"
    (item,) = await bot.services.store.tip_items(1)
    assert item.forward_origin and item.forward_origin["type"] == "channel"
    assert item.forward_date is not None


async def test_photo_document_location_each_get_the_next_reference(bot: Harness) -> None:
    user = bot.emu.user(12, language_code="ko")
    user.send_photo(caption="무대 뒤 연기")
    first = await as_tip_ko(user)
    user.send_document(b"%PDF-1.4", "schedule.pdf", mime_type="application/pdf")
    second = await as_tip_ko(user)
    user.send_location(33.24, 126.41)
    third = await as_tip_ko(user)
    assert [ref_of(m) for m in (first, second, third)] == ["T-0001", "T-0002", "T-0003"]
    assert "제보가 T-0001 번으로 저장" in first.text  # in the submitter's language
    messages = await newsroom(bot, 6)
    assert [m.kind for m in messages[1::2]] == ["photo", "document", "location"]
    assert messages[1].text == "무대 뒤 연기"
    photo, document, location = [(await bot.services.store.tip_items(i))[0] for i in (1, 2, 3)]
    assert photo.kind == "photo" and photo.text == "무대 뒤 연기" and photo.file_id
    assert document.file_name == "schedule.pdf" and document.mime_type == "application/pdf"
    assert location.latitude == pytest.approx(33.24)


async def as_tip_ko(user: SimUser) -> ChatMessage:
    """Say yes in Korean ("send this to the newsroom?" in the submitter's language)."""
    (asked,) = await user.replies()
    yes = t("ko", "tip.ask_yes")
    assert asked.button_labels == [yes, t("ko", "tip.ask_no")]
    user.press_button(asked, yes)
    (ack,) = await user.replies()
    return ack


async def test_album_of_three_is_one_tip_acknowledged_once(bot: Harness) -> None:
    user = bot.emu.user(13, language_code="en")
    user.send_media_group([b"a", b"b", b"c"], caption="queue at gate 3")
    ack = await as_tip(user)
    assert "T-0001 (📷×3)" in ack.text
    header, *copies = await newsroom(bot, 4)
    assert "album: 3 photo" in header.text
    assert [m.method for m in copies] == ["copyMessage"] * 3
    assert len(await bot.services.store.tip_items(1)) == 3
    assert await bot.services.store.get_tip(2) is None
    await settled(bot)
    assert len(user.bot_messages()) == 2  # asked once, acknowledged once


async def test_submitter_shown_only_when_configured(tmp_path: Path) -> None:
    async with running_bot(tmp_path, tips={"newsroom_chat_id": NEWSROOM,
                                           "show_submitter": True, "language": "en"}) as h:
        h.emu.group(NEWSROOM, "Newsroom")
        user = h.emu.user(14, "Jun", username="junp", language_code="en")
        user.send_photo()
        await as_tip(user)
        header, _ = await newsroom(h, 2)
        assert "👤 Jun (@junp)" in header.text


async def reply_in_newsroom(h: Harness, member: SimUser, header: ChatMessage, text: str) -> None:
    member.send_text(text, chat_id=NEWSROOM, reply_to=header)


async def test_newsroom_reply_close_and_mytips(bot: Harness) -> None:
    user = bot.emu.user(15, language_code="en")
    user.send_photo(caption="crowd")
    await as_tip(user)
    header, _ = await newsroom(bot, 2)
    editor = bot.emu.user(900, "Editor", language_code="en")
    mark = bot.emu.mark()
    await reply_in_newsroom(bot, editor, header, "Which gate exactly?")
    (to_user,) = await bot.emu.wait_for_bot_messages(user.id, since=mark)
    assert to_user.text == ("💬 Reply from the newsroom about T-0001:\nWhich gate exactly?\n\n"
                            "↩️ Reply to this message to answer the newsroom.")
    (confirm,) = await newsroom(bot, 1, since=mark)
    assert confirm.text == "✉️ Sent to the submitter of T-0001."
    user.send_command("/mytips")
    (mine,) = await user.replies()
    assert "T-0001" in mine.text and "replied" in mine.text, mine.text
    mark = bot.emu.mark()
    editor.send_command("/close", "T-0001 thanks, confirmed", chat_id=NEWSROOM)
    (closed,) = await bot.emu.wait_for_bot_messages(user.id, since=mark)
    assert closed.text.startswith("✅ Your tip T-0001 was reviewed")
    assert closed.text.endswith("📝 The newsroom's closing note: thanks, confirmed")
    user.send_command("/mytips")
    (mine,) = await user.replies()
    assert "closed" in mine.text
    mark = bot.emu.mark()
    editor.send_command("/tip", "T-0001", chat_id=NEWSROOM)
    (shown,) = await newsroom(bot, 1, since=mark)
    assert "crowd" in shown.text and "reply: Which gate exactly?" in shown.text
    assert "close: thanks, confirmed" in shown.text


async def test_block_refuses_further_tips_without_revealing_who(bot: Harness) -> None:
    user = bot.emu.user(16, "Secret Name", username="secretname", language_code="en")
    user.send_photo()
    await as_tip(user)
    await newsroom(bot, 2)
    editor = bot.emu.user(901, language_code="en")
    mark = bot.emu.mark()
    editor.send_command("/block", "T-0001", chat_id=NEWSROOM)
    (done,) = await newsroom(bot, 1, since=mark)
    assert "T-0001 is blocked" in done.text
    assert "Secret" not in done.text and "16" not in done.text.replace("T-0001", "")
    user.send_photo()
    refused = await as_tip(user)
    assert refused.text.startswith("Sorry, the newsroom is not accepting tips")
    assert await bot.services.store.get_tip(2) is None


async def test_newsroom_commands_are_refused_to_others_and_logged(
        bot: Harness, caplog: pytest.LogCaptureFixture) -> None:
    stranger = bot.emu.user(17, language_code="en")
    bot.emu.group(-100555, "Other group")
    with caplog.at_level(logging.WARNING, logger="eventbot.handlers.auth"):
        stranger.send_command("/tips")
        (private,) = await stranger.replies()
        stranger.send_command("/close", "T-0001", chat_id=-100555)
        (group,) = await stranger.replies()
    assert private.text == group.text == "This command is for the newsroom."
    assert "refused /tips for user 17" in caplog.text
    assert "refused /close for user 17" in caplog.text
    editor = bot.emu.user(902, language_code="en")
    editor.send_command("/tips", chat_id=NEWSROOM)
    (listing,) = await editor.replies()
    assert listing.text == "No open tips."


async def test_plain_question_is_answered_not_taken_as_a_tip(bot: Harness) -> None:
    user = bot.emu.user(18, language_code="ko")
    user.send_text("한라홀 어디에 있어요?")
    card, _ = await user.replies(2)
    assert card.text.startswith("한라홀")
    assert await bot.services.store.get_tip(1) is None
    assert not bot.emu.bot_messages(NEWSROOM)


async def test_long_unanswerable_text_offers_send_as_tip(bot: Harness) -> None:
    user = bot.emu.user(19, language_code="en")
    report = ("I just saw a large crowd gathering outside, somebody fainted near the bins and "
              "paramedics arrived a few minutes ago; the path is now blocked and people are "
              "being redirected elsewhere by volunteers wearing yellow vests.")
    user.send_text(report)
    fallback, offer = await user.replies(2)
    assert fallback.text.startswith("Sorry")
    assert offer.button_labels == ["📰 Send as a news tip"]
    assert await bot.services.store.get_tip(1) is None
    user.press_button(offer, "📰 Send as a news tip")
    (ack,) = await user.replies()
    assert "T-0001" in ack.text
    _, copy = await newsroom(bot, 2)
    assert copy.text == report
    user.send_text("xyzzy plugh")  # short: the fallback alone, no offer
    (only,) = await user.replies()
    user.send_command("/mytips")
    (mine,) = await user.replies()
    assert [m.seq for m in user.bot_messages() if m.seq > only.seq] == [mine.seq]


async def test_tip_command_then_text_and_inline_text(bot: Harness) -> None:
    user = bot.emu.user(20, language_code="en")
    user.send_command("/tip")
    (prompt,) = await user.replies()
    assert prompt.text.startswith("📰 Send your tip now")
    user.send_text("where is the press room?")  # after /tip, text is a tip, not a question
    (ack,) = await user.replies()
    assert "T-0001" in ack.text
    user.send_command("/tip", "Fire alarm test at 3pm in hall C")
    (ack2,) = await user.replies()
    assert "T-0002" in ack2.text
    messages = await newsroom(bot, 4)
    assert messages[1].text == "where is the press room?"
    assert messages[3].text == "Fire alarm test at 3pm in hall C"  # no "/tip" in the copy


async def test_additions_by_reply_and_by_reference(bot: Harness) -> None:
    user = bot.emu.user(21, language_code="en")
    user.send_photo(caption="first")
    ack = await as_tip(user)
    await newsroom(bot, 2)
    mark = bot.emu.mark()
    user.send({"text": "it was at 2pm"}, reply_to=ack)
    (added,) = await user.replies()
    assert added.text == "➕ Added to T-0001 (📝)."
    header, copy = await newsroom(bot, 2, since=mark)
    assert "Addition to T-0001" in header.text and copy.text == "it was at 2pm"
    user.send_command("/tip", "T-0001")
    (prompt,) = await user.replies()
    assert "T-0001" in prompt.text
    user.send_location(33.2, 126.5)
    (added2,) = await user.replies()
    assert added2.text.startswith("➕ Added to T-0001")
    assert len(await bot.services.store.tip_items(1)) == 3
    bot.clock.advance(timedelta(minutes=31))
    user.send_command("/tip", "T-0001")
    (late,) = await user.replies()
    assert late.text.startswith("T-0001 can no longer be added to")


async def test_rate_limit_is_polite(tmp_path: Path) -> None:
    async with running_bot(tmp_path, tips={"newsroom_chat_id": NEWSROOM,
                                           "per_hour_limit": 2}) as h:
        h.emu.group(NEWSROOM, "Newsroom")
        user = h.emu.user(22, language_code="en")
        for _ in range(2):
            user.send_photo()
            await as_tip(user)
        user.send_photo()
        limited = await as_tip(user)
        assert limited.text.startswith("Thank you for all your tips! You have sent 2")
        assert await h.services.store.get_tip(3) is None


async def test_unknown_content_after_tip_is_kept_as_is(bot: Harness) -> None:
    user = bot.emu.user(23, language_code="en")
    user.send({"sticker": _sticker(bot)})
    (not_text,) = await user.replies()
    assert not_text.text.startswith("I answer text questions")  # a sticker alone is no tip
    user.send_command("/tip")
    await user.replies()
    user.send({"sticker": _sticker(bot)})
    (ack,) = await user.replies()
    assert "(📦)" in ack.text and tn("en", "tip.note.unknown", 1) in ack.text


def _sticker(h: Harness) -> dict[str, Any]:
    return {"file_id": "stk1", "file_unique_id": "u-stk1", "type": "regular", "width": 512,
            "height": 512, "is_animated": False, "is_video": False}


async def test_tip_content_never_reaches_info_logs(
        bot: Harness, caplog: pytest.LogCaptureFixture) -> None:
    user = bot.emu.user(24, language_code="en")
    with caplog.at_level(logging.INFO):
        user.forward_text("SECRET-CONTENT-42", origin="Whistle Blower")
        await as_tip(user)
        await newsroom(bot, 2)
    logged = "\n".join(r.getMessage() for r in caplog.records if r.levelno >= logging.INFO)
    assert "T-0001" in logged
    assert "SECRET-CONTENT-42" not in logged and "Whistle" not in logged
