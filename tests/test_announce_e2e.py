"""Announcements end to end: the real bot, the emulator, an organiser and attendees."""

from __future__ import annotations

import logging
import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from eventbot.bot.emulator import ChatMessage, SimUser
from eventbot.bot.render.when import format_day
from eventbot.bot.sender import AnnouncementSender, sender_of
from tests.bot_harness import Harness, running_bot
from tests.paths import SAMPLE_KB
from tests.test_outbox import moved_kb

ORGANISER = 100
REFUSED = "Sorry, this command is for the event organisers only."


@pytest.fixture
async def bot(tmp_path: Path):
    async with running_bot(tmp_path, organisers=[ORGANISER]) as harness:
        yield harness


def sender(bot: Harness) -> AnnouncementSender:
    found = sender_of(bot.app.bot_data)
    assert found is not None
    return found


async def attendees(bot: Harness, languages: dict[int, str]) -> dict[int, SimUser]:
    """Create emulator users and make them known to the bot, as if they had written."""
    users = {}
    for user_id, lang in languages.items():
        users[user_id] = bot.emu.user(user_id, f"User{user_id}", language_code=lang)
        await bot.services.store.touch_user(user_id, user_id, lang)
    return users


async def next_message(bot: Harness, user: SimUser, predicate, *, timeout: float = 5.0):
    return await bot.emu.wait_for(
        lambda: next((m for m in reversed(user.bot_messages()) if predicate(m)), None),
        timeout, what="a matching bot message",
    )


def starts(prefix: str):
    return lambda m: (m.text or "").startswith(prefix)


async def press(bot: Harness, org: SimUser, message: ChatMessage, label: str,
                expect: str) -> ChatMessage:
    mark = bot.emu.mark()
    org.press_button(message, label)
    return await bot.emu.wait_for(
        lambda: next((m for m in bot.emu.bot_messages(org.id, since=mark)
                      if (m.text or "").startswith(expect)), None),
        what=f"reply starting {expect!r}",
    )


async def compose(bot: Harness, org: SimUser, text: str, **translations: str) -> ChatMessage:
    """Start /announce, write the default text and translations; return the last menu."""
    org.send_command("/announce")
    (prompt,) = await org.replies()
    assert prompt.text.startswith("New announcement. Send the text in 한국어")
    org.send_text(text)
    (menu,) = await org.replies()
    for lang, translated in translations.items():
        label = {"en": "+ English", "ja": "+ 日本語", "zh": "+ 中文"}[lang]
        await press(bot, org, menu, label, "Send the")
        org.send_text(translated)
        (menu,) = await org.replies()
    assert menu.text.startswith("Text ready in:")
    return menu


async def choose(bot: Harness, org: SimUser, menu: ChatMessage, *labels: str) -> ChatMessage:
    """Continue to the audience, press the labels in turn, return the summary."""
    message = await press(bot, org, menu, "Continue ▶", "Who should receive it?")
    for label in labels[:-1]:
        message = await press(bot, org, message, label, "")
    return await press(bot, org, message, labels[-1], "Audience:")


async def delivered(bot: Harness, user: SimUser, count: int = 1) -> list[ChatMessage]:
    return await bot.emu.wait_for_bot_messages(user.id, count)


async def test_everyone_gets_it_once_in_their_language(bot: Harness) -> None:
    users = await attendees(bot, {1: "ko", 2: "en", 3: "ja"})
    org = bot.emu.user(ORGANISER, "Org", language_code="en")
    menu = await compose(bot, org, "전체회의가 한라홀 B로 옮깁니다.",
                         en="The plenary moves to Halla Hall B.")
    assert "+ 日本語" in menu.button_labels and "+ English" not in menu.button_labels
    mark = bot.emu.mark()
    summary = await choose(bot, org, menu, "Everyone")
    # The organiser is a user too: 4 recipients, and nothing was sent to anyone yet.
    assert "Recipients: 4" in summary.text and "Nothing has been sent yet." in summary.text
    previews = [m.text for m in bot.emu.bot_messages(org.id, since=mark)]
    assert "Preview: the English version, for 2 people (English 2):" in previews
    assert "Preview: the 한국어 version, for 2 people (日本語 1 · 한국어 1):" in previews
    assert "The plenary moves to Halla Hall B." in previews
    assert all(not users[u].bot_messages() for u in users)

    org.press_button(summary, "✅ Confirm")
    report = await bot.emu.wait_for(lambda: next(
        (m for m in org.bot_messages()
         if m.message_id == summary.message_id and "delivered" in (m.text or "")), None))
    assert report.text.startswith("Announcement #1 delivered: 4 / 4 sent · 0 blocked · 0 failed")
    assert [m.text for m in users[1].bot_messages()] == ["전체회의가 한라홀 B로 옮깁니다."]
    assert [m.text for m in users[2].bot_messages()] == ["The plenary moves to Halla Hall B."]
    assert [m.text for m in users[3].bot_messages()] == ["전체회의가 한라홀 B로 옮깁니다."]
    assert len(bot.emu.calls_of("sendMessage", ok=True)) == len(previews) + 4 + 1 + 3

    org.send_command("/announcements")
    (listing,) = await org.replies()
    assert listing.text.startswith("#1 · ")
    assert "announcement · everyone · done: 4 / 4 sent · 0 blocked · 0 failed" in listing.text


async def test_non_organisers_are_refused_and_logged(bot: Harness, caplog) -> None:
    stranger = bot.emu.user(5, language_code="en")
    caplog.set_level(logging.WARNING, logger="eventbot.handlers.auth")
    for command in ("/announce", "/announcements"):
        stranger.send_command(command)
        (reply,) = await stranger.replies()
        assert reply.text == REFUSED
    assert [r.getMessage() for r in caplog.records] == [
        "refused /announce for user 5", "refused /announcements for user 5"]
    # The refused user is not in a conversation: their text is a question again.
    stranger.send_text("where is halla hall?")
    replies = await stranger.replies()
    assert replies[0].text.startswith("Halla Hall")
    (ko_reply,) = await (lambda u: (u.send_command("/announce"), u.replies())[1])(
        bot.emu.user(6, language_code="ko"))
    assert ko_reply.text.startswith("죄송합니다")


async def test_attendees_text_is_not_swallowed_by_an_open_draft(bot: Harness) -> None:
    org = bot.emu.user(ORGANISER, language_code="en")
    org.send_command("/announce")
    await org.replies()
    attendee = bot.emu.user(7, language_code="en")
    attendee.send_text("where is halla hall?")
    replies = await attendee.replies()
    assert replies[0].text.startswith("Halla Hall")


async def test_cancel_at_any_step_sends_nothing(bot: Harness) -> None:
    users = await attendees(bot, {1: "ko"})
    org = bot.emu.user(ORGANISER, language_code="en")
    menu = await compose(bot, org, "취소될 공지")
    org.send_command("/cancel")
    (reply,) = await org.replies()
    assert reply.text == "Announcement cancelled; nothing was sent."
    menu = await compose(bot, org, "또 취소될 공지")
    summary = await choose(bot, org, menu, "Everyone")
    org.press_button(summary, "✖ Cancel")
    await bot.emu.wait_for(lambda: any(
        m.message_id == summary.message_id and m.text.startswith("Announcement cancelled")
        for m in org.bot_messages()))
    sender(bot).wake()
    await sender(bot).run_once()
    assert users[1].bot_messages() == []
    assert await bot.services.store.recent_announcements() == []


async def test_language_audience_reaches_only_that_language(bot: Harness) -> None:
    users = await attendees(bot, {1: "ko", 2: "en", 3: "en"})
    await bot.services.store.set_language(3, "ja")  # a stored choice beats Telegram's
    org = bot.emu.user(ORGANISER, language_code="en")
    menu = await compose(bot, org, "영어 사용자만", en="English readers only")
    summary = await choose(bot, org, menu, "One language", "English")
    # User 2 and the organiser read English; user 3 chose Japanese.
    assert "Recipients: 2" in summary.text and "English readers" in summary.text
    org.press_button(summary, "✅ Confirm")
    await delivered(bot, users[2])
    await bot.emu.wait_for(lambda: any("delivered" in (m.text or "") for m in org.bot_messages()))
    assert [m.text for m in users[2].bot_messages()] == ["English readers only"]
    assert users[1].bot_messages() == [] and users[3].bot_messages() == []


async def test_people_who_saved_a_session_picked_by_name(bot: Harness) -> None:
    users = await attendees(bot, {1: "ko", 2: "en", 3: "en"})
    store = bot.services.store
    await store.save_session(1, "plenary-new-tech")
    await store.save_session(2, "plenary-new-tech")
    org = bot.emu.user(ORGANISER, language_code="en")
    menu = await compose(bot, org, "전체회의 1 장소 변경", en="Plenary 1 changes room")
    ask = await press(bot, org, await press(bot, org, menu, "Continue ▶", "Who should"),
                      "People who saved a session", "Type the name")
    assert ask.text.startswith("Type the name of the session")
    org.send_text("plenary 1")
    (choices,) = await org.replies()
    assert choices.text == "Which one?"
    label = next(lb for lb in choices.button_labels if lb.startswith("Plenary 1"))
    summary = await press(bot, org, choices, label, "Audience:")
    assert "people who saved “전체회의 1" in summary.text and "Recipients: 2" in summary.text
    org.press_button(summary, "✅ Confirm")
    await delivered(bot, users[1])
    await delivered(bot, users[2])
    assert users[3].bot_messages() == []
    assert users[2].bot_messages()[0].text == "Plenary 1 changes room"


async def test_people_who_asked_about_an_item(bot: Harness) -> None:
    users = await attendees(bot, {1: "en", 2: "en"})
    users[1].send_text("where is halla hall?")
    await users[1].replies()
    org = bot.emu.user(ORGANISER, language_code="en")
    menu = await compose(bot, org, "한라홀 공사 중", en="Halla Hall: works at the entrance")
    await press(bot, org, await press(bot, org, menu, "Continue ▶", "Who should"),
                "People who asked about an item", "Type the name")
    org.send_text("halla hall")
    (choices,) = await org.replies()
    summary = await press(bot, org, choices, choices.button_labels[0], "Audience:")
    assert "Recipients: 1" in summary.text
    mark = bot.emu.mark()
    org.press_button(summary, "✅ Confirm")
    (got,) = await bot.emu.wait_for_bot_messages(users[1].id, since=mark)
    assert got.text == "Halla Hall: works at the entrance"
    assert users[2].bot_messages() == []


async def test_photo_with_caption_and_long_text_as_second_message(bot: Harness) -> None:
    users = await attendees(bot, {1: "ko", 2: "en"})
    org = bot.emu.user(ORGANISER, language_code="en")
    org.send_command("/announce")
    await org.replies()
    org.send_photo(caption="새 지도입니다")
    (menu,) = await org.replies()
    assert "photo attached" in menu.text
    await press(bot, org, menu, "+ English", "Send the")
    long_english = ("The new map. " + "Details follow. " * 80).strip()  # over 1,024 characters
    org.send_text(long_english)
    (menu,) = await org.replies()
    summary = await choose(bot, org, menu, "Everyone")
    org.press_button(summary, "✅ Confirm")
    (photo,) = await delivered(bot, users[1])
    assert photo.kind == "photo" and photo.text == "새 지도입니다"
    first, second = await delivered(bot, users[2], 2)
    assert first.kind == "photo" and first.text is None
    assert second.text == long_english
    calls = [c for c in bot.emu.calls if c.chat_id == users[2].id]
    assert calls[1].at - calls[0].at >= 0.95  # at most one message per second per chat


async def test_blocked_users_and_flood_limits(bot: Harness) -> None:
    users = await attendees(bot, {1: "en", 2: "en", 3: "en", 4: "en"})
    bot.emu.block(2)
    bot.emu.fail("sendMessage", status=429, retry_after=1, times=1, chat_id=3)
    org = bot.emu.user(ORGANISER, language_code="en")
    menu = await compose(bot, org, "공지", en="Notice")
    summary = await choose(bot, org, menu, "Everyone")
    org.press_button(summary, "✅ Confirm")
    report = await bot.emu.wait_for(lambda: next(
        (m for m in org.bot_messages() if "delivered" in (m.text or "")), None), timeout=10)
    assert report.text.startswith("Announcement #1 delivered: 4 / 5 sent · 1 blocked · 0 failed")
    for user_id in (1, 3, 4):
        assert [m.text for m in users[user_id].bot_messages()] == ["Notice"]
    assert not (await bot.services.store.get_user(2)).active
    assert sender(bot).stats.retry_after == 1
    flood = [c for c in bot.emu.calls_of("sendMessage") if c.chat_id == 3]
    assert [c.status for c in flood] == [429, 200]
    assert flood[1].at - flood[0].at >= 1.0  # everything paused for retry_after
    # Blocked users are not in the next audience.
    menu = await compose(bot, org, "두 번째", en="Second")
    summary = await choose(bot, org, menu, "Everyone")
    assert "Recipients: 4" in summary.text


async def test_server_errors_are_retried_with_backoff_on_the_clock(bot: Harness) -> None:
    users = await attendees(bot, {1: "en"})
    bot.emu.fail("sendMessage", status=500, times=2, chat_id=1)
    org = bot.emu.user(ORGANISER, language_code="en")
    menu = await compose(bot, org, "재시도", en="Retried")
    summary = await choose(bot, org, menu, "Everyone")
    org.press_button(summary, "✅ Confirm")
    await bot.emu.wait_for(lambda: len(bot.emu.calls_of("sendMessage", ok=False)) == 1)
    await sender(bot).run_once()
    assert users[1].bot_messages() == []  # not due before the backoff on the bot's clock
    for seconds in (1, 2):
        bot.clock.advance(timedelta(seconds=seconds))
        await sender(bot).run_once()
    assert [m.text for m in users[1].bot_messages()] == ["Retried"]
    assert len([c for c in bot.emu.calls_of("sendMessage") if c.chat_id == 1]) == 3


async def test_scheduled_announcement_is_released_by_the_clock(bot: Harness) -> None:
    users = await attendees(bot, {1: "en"})
    org = bot.emu.user(ORGANISER, language_code="en")
    menu = await compose(bot, org, "9시 30분 공지", en="At half past nine")
    summary = await choose(bot, org, menu, "Everyone")
    await press(bot, org, summary, "🕒 Send later…", "At what time?")
    org.send_text("half past nine")
    (bad,) = await org.replies()
    assert bad.text.startswith("I couldn't read that time")
    org.send_text("09:30")
    (again,) = await org.replies()
    monday = format_day(date(2025, 9, 1), "en")
    assert f"It goes out at {monday} 09:30." in again.text
    org.press_button(again, "✅ Confirm")
    await bot.emu.wait_for(lambda: any(
        (m.text or "").startswith(f"Announcement #1 will go out at {monday} 09:30 to 2")
        for m in org.bot_messages()))
    await sender(bot).run_once()
    assert users[1].bot_messages() == []
    bot.clock.advance(timedelta(minutes=30))
    sender(bot).wake()
    (got,) = await delivered(bot, users[1])
    assert got.text == "At half past nine"


async def test_schedule_change_notices_after_reload(tmp_path: Path) -> None:
    folder = tmp_path / "live-kb"
    shutil.copytree(SAMPLE_KB, folder)
    async with running_bot(tmp_path, kb=folder, organisers=[ORGANISER]) as bot:
        users = await attendees(bot, {1: "ko", 2: "en", 3: "en"})
        await bot.services.store.save_session(1, "plenary-new-tech")
        await bot.services.store.save_session(2, "plenary-new-tech")
        shutil.rmtree(folder)
        shutil.copytree(moved_kb(tmp_path), folder)
        old, new = await bot.services.knowledge.reload()
        for listener in bot.services.reload_listeners:
            await listener(old, new)
        (ko,) = await delivered(bot, users[1])
        (en,) = await delivered(bot, users[2])
        assert ko.text.startswith("⚠ 일정 변경: 전체회의 1")
        assert en.text.startswith("⚠ Schedule change: Plenary 1: Innovation based on new")
        assert "14:00" in en.text and "(was " in en.text and "Halla Hall" in en.text
        assert users[3].bot_messages() == []
        (notice,) = await bot.services.store.recent_announcements()
        assert notice.kind == "notice" and notice.created_by is None


async def answer_to(bot: Harness, press_it):
    """Press a button and return the bot's answerCallbackQuery call for it."""
    before = len(bot.emu.calls_of("answerCallbackQuery"))
    press_it()
    (answer,) = (await bot.emu.wait_for_call("answerCallbackQuery", before + 1))[before:]
    return answer


async def schedule_one(bot: Harness, org: SimUser, text: str, at: str) -> None:
    menu = await compose(bot, org, text)
    summary = await choose(bot, org, menu, "Everyone")
    await press(bot, org, summary, "🕒 Send later…", "At what time?")
    org.send_text(at)
    (again,) = await org.replies()
    org.press_button(again, "✅ Confirm")
    await bot.emu.wait_for(lambda: any("will go out at" in (m.text or "")
                                       for m in org.bot_messages()))


async def test_a_scheduled_announcement_can_be_cancelled_until_it_starts(bot: Harness) -> None:
    users = await attendees(bot, {1: "en", 2: "ko"})
    org = bot.emu.user(ORGANISER, language_code="en")
    await schedule_one(bot, org, "10시 공지", "10:00")
    await schedule_one(bot, org, "9시 30분 공지", "09:30")
    org.send_command("/announcements")
    (listing,) = await org.replies()
    assert listing.button_labels == ["Cancel #2", "Cancel #1"]  # newest first, as listed
    # An attendee who forges the button is refused; nothing is dropped.
    attendee = users[1]
    attendee.send_command("/help")
    (help_message,) = await attendee.replies()
    refusal = await answer_to(bot, lambda: attendee.press(help_message, "ann_cancel:1",
                                                          strict=False))
    assert refusal.params["text"] == REFUSED
    assert await bot.services.store.get_announcement(1) is not None
    await press(bot, org, listing, "Cancel #1", "Announcement #1 is cancelled")
    assert await bot.services.store.get_announcement(1) is None
    bot.clock.advance(timedelta(minutes=30))  # 09:30: #2 starts
    sender(bot).wake()
    await delivered(bot, users[2])  # user 2 has no other message: this is #2 arriving
    late = await answer_to(bot, lambda: org.press_button(listing, "Cancel #2"))
    assert "can no longer be cancelled" in late.params["text"]
    bot.clock.advance(timedelta(minutes=60))  # 10:30: #1 would have gone out
    sender(bot).wake()
    await sender(bot).run_once()
    assert [m.text for m in users[2].bot_messages()] == ["9시 30분 공지"]  # never #1
    assert [m.text for m in users[1].bot_messages()][1:] == ["9시 30분 공지"]  # after /help
