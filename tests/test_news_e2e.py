"""/news, organisers' help and menus, and the announce flow's edges, end to end on the emulator."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from telegram.ext import ConversationHandler

from eventbot.bot.app import publish_commands
from eventbot.bot.emulator import ChatMessage, SimUser
from eventbot.bot.i18n import t
from eventbot.bot.outbox import Audience
from eventbot.bot.storage._outbox import NewDelivery
from tests.bot_harness import Harness, running_bot
from tests.test_announce_e2e import ORGANISER, attendees, choose, compose, press, sender

ORGANISERS_CHAT = -1001234
MONDAY_EN, MONDAY_KO = "Mon, Sep 1, 2025", "2025년 9월 1일 (월)"
BUTTONS = ["✅ Confirm", "🕒 Send later…", "📰 Show in /news: yes", "✖ Cancel"]


@pytest.fixture
async def bot(tmp_path: Path):
    async with running_bot(tmp_path, organisers=[ORGANISER]) as harness:
        yield harness


async def confirmed(bot: Harness, org: SimUser, summary: ChatMessage) -> str:
    """Press Confirm on a summary and return what the summary message finally says."""
    org.press_button(summary, "✅ Confirm")
    done = await bot.emu.wait_for(lambda: next(
        (m for m in org.bot_messages() if m.message_id == summary.message_id
         and any(word in (m.text or "") for word in ("delivered", "will go out"))), None))
    return done.text or ""


async def announce_now(bot: Harness, org: SimUser, text: str, **translations: str) -> None:
    summary = await choose(bot, org, await compose(bot, org, text, **translations), "Everyone")
    assert "delivered" in await confirmed(bot, org, summary)


async def news(user: SimUser) -> ChatMessage:
    user.send_command("/news")
    (reply,) = await user.replies()
    return reply


async def test_news_shows_what_went_out_newest_first_in_each_reader_s_language(
        bot: Harness) -> None:
    await attendees(bot, {1: "ko", 2: "en"})
    org = bot.emu.user(ORGANISER, language_code="en")
    await announce_now(bot, org, "전체회의가 한라홀 B로 옮깁니다.",
                       en="The plenary moves to Halla Hall B.")
    bot.clock.advance(timedelta(minutes=10))
    await announce_now(bot, org, "<b>무료</b> 커피 & 차")  # no English: the default for all
    bot.clock.advance(timedelta(minutes=5))
    # Kept out of /news by the organiser: the toggle flips on the summary itself.
    summary = await choose(bot, org, await compose(bot, org, "내부 공지", en="Internal"),
                           "Everyone")
    assert summary.button_labels == BUTTONS
    mark = bot.emu.mark()
    org.press_button(summary, "📰 Show in /news: yes")
    flipped = await bot.emu.wait_for(lambda: next(
        (m for m in org.bot_messages()
         if m.message_id == summary.message_id and "📰 Show in /news: no" in m.button_labels),
        None))
    assert flipped.text == summary.text and bot.emu.bot_messages(org.id, since=mark) == []
    assert "delivered" in await confirmed(bot, org, flipped)
    # Scheduled for later: not news until it goes out.
    summary = await choose(bot, org, await compose(bot, org, "내일 공지", en="Tomorrow's"),
                           "Everyone")
    await press(bot, org, summary, "🕒 Send later…", "At what time?")
    org.send_text("tomorrow 08:00")
    (again,) = await org.replies()
    assert "will go out" in await confirmed(bot, org, again)

    late = bot.emu.user(3, language_code="en")  # joins after all that
    english = await news(late)
    assert english.text == (
        "📢 Latest announcements\n\n"
        f"🗓 {MONDAY_EN} 09:10\n<b>무료</b> 커피 & 차\n\n"
        f"🗓 {MONDAY_EN} 09:00\nThe plenary moves to Halla Hall B.")
    assert english.parse_mode == "HTML" and english.button_labels == []
    korean = await news(bot.emu.user(4, language_code="ko"))
    assert f"🗓 {MONDAY_KO} 09:00\n전체회의가 한라홀 B로 옮깁니다." in korean.text
    assert "Internal" not in korean.text and "내부 공지" not in korean.text

    org.send_command("/announcements")
    (listing,) = await org.replies()
    assert listing.parse_mode == "HTML"
    lines = listing.text.split("\n\n")
    assert lines[0].startswith("#4 · ") and lines[0].endswith("“내일 공지”")
    assert lines[1].startswith("#3 · ") and "· not in /news\n“내부 공지”" in lines[1]
    assert lines[2].endswith("“<b>무료</b> 커피 & 차”")  # escaped: shown as typed
    assert lines[3].endswith("“전체회의가 한라홀 B로 옮깁니다.”")
    stored = await bot.services.store.get_announcement(3)
    assert stored is not None and not stored.in_news


async def test_news_pages_with_an_older_button_and_respects_language_audiences(
        bot: Harness) -> None:
    store = bot.services.store
    await attendees(bot, {1: "ko"})
    reader = bot.emu.user(2, language_code="en")
    assert (await news(reader)).text == t("en", "news.empty")
    for number in range(1, 8):
        audience = Audience("language", "ko") if number == 4 else Audience("all")
        await store.create_announcement(
            created_by=ORGANISER, kind="announcement", texts={"ko": f"공지 {number}"},
            default_language="ko", audience=audience.to_json(),
            recipients=[NewDelivery(1, 1, "ko")] if number == 4 else [])
        bot.clock.advance(timedelta(minutes=1))
    first = await news(reader)
    entries = first.text.split("\n\n")[1:]
    assert [e.split("\n")[1] for e in entries] == ["공지 7", "공지 6", "공지 5", "공지 3", "공지 2"]
    assert entries[0].startswith(f"🗓 {MONDAY_EN} 09:06")
    assert first.button_labels == ["Older ▶"]
    mark = bot.emu.mark()
    reader.press_button(first, "Older ▶")
    (older,) = await bot.emu.wait_for_bot_messages(reader.id, 1, since=mark)
    assert older.text == f"📢 Older announcements\n\n🗓 {MONDAY_EN} 09:00\n공지 1"
    assert older.button_labels == []
    await bot.emu.wait_for(lambda: next(  # the pressed button is gone: no second page twice
        m for m in reader.bot_messages() if m.message_id == first.message_id).button_labels
        == [])
    # The Korean reader also sees the one for Korean readers only.
    korean = await news(bot.emu.user(1, language_code="ko"))
    assert "공지 4" in korean.text


async def test_typed_text_and_media_at_the_preview_get_the_buttons_again(bot: Harness) -> None:
    users = await attendees(bot, {1: "en"})
    org = bot.emu.user(ORGANISER, language_code="en")
    summary = await choose(bot, org, await compose(bot, org, "공지", en="Notice"), "Everyone")
    org.send_text("where is halla hall?")
    (nudge,) = await org.replies()
    assert nudge.text == "Please choose with the buttons (or /cancel):"
    assert nudge.button_labels == BUTTONS
    org.send_photo()
    (again,) = await org.replies()
    assert again.text == nudge.text
    assert await bot.services.store.top_questions(5) == []  # never reached the matcher
    assert "delivered" in await confirmed(bot, org, again)
    assert [m.text for m in users[1].bot_messages()] == ["Notice"]
    # Where an audience button is expected, likewise.
    menu = await compose(bot, org, "둘째", en="Second")
    await press(bot, org, menu, "Continue ▶", "Who should receive it?")
    org.send_text("everyone please")
    (audience,) = await org.replies()
    assert audience.text == nudge.text and "Everyone" in audience.button_labels
    assert summary.button_labels == BUTTONS  # the first summary's buttons still work too


async def test_a_past_time_is_refused_with_tomorrow_suggested(bot: Harness) -> None:
    await attendees(bot, {1: "ko"})
    org = bot.emu.user(ORGANISER, language_code="en")
    summary = await choose(bot, org, await compose(bot, org, "공지"), "Everyone")
    await press(bot, org, summary, "🕒 Send later…", "At what time?")
    org.send_text("08:30")  # it is 09:00 in Seoul
    (refused,) = await org.replies()
    assert refused.text == ("08:30 today has already passed (it is 09:00 now). "
                            "To send it tomorrow, send “tomorrow 08:30”.")
    org.send_text("2025-08-31 10:00")
    (past_day,) = await org.replies()
    assert past_day.text.startswith("Sun, Aug 31, 2025 10:00 has already passed")
    org.send_text("내일 08:30")
    (again,) = await org.replies()
    assert "It goes out at Tue, Sep 2, 2025 08:30." in again.text
    assert "Announcement #1 will go out at Tue, Sep 2, 2025 08:30" in await confirmed(
        bot, org, again)


async def test_an_idle_draft_is_dropped_and_the_organiser_told(tmp_path: Path) -> None:
    # 0.02 minutes: the real conversation timeout on the job queue, without waiting minutes.
    async with running_bot(tmp_path, organisers=[ORGANISER],
                           announcements={"idle_minutes": 0.02}) as bot:
        users = await attendees(bot, {1: "en"})
        org = bot.emu.user(ORGANISER, language_code="en")
        await compose(bot, org, "공지")
        dropped = await bot.emu.wait_for(lambda: next(
            (m for m in org.bot_messages() if (m.text or "").startswith("⌛")), None))
        assert dropped.text == ("⌛ No reply for 1 minute, so the announcement draft was "
                                "dropped; nothing was sent. Send /announce to start again.")
        # The conversation is over: text is a question again, and nothing went out.
        org.send_text("where is halla hall?")
        replies = await org.replies()
        assert replies[0].text.startswith("Halla Hall")
        await sender(bot).run_once()
        assert users[1].bot_messages() == []
        assert await bot.services.store.recent_announcements() == []


def test_the_idle_time_defaults_to_15_minutes(bot: Harness) -> None:
    (conversation,) = [h for h in bot.app.handlers[0]
                       if isinstance(h, ConversationHandler) and h.name == "announce"]
    assert conversation.conversation_timeout == timedelta(minutes=15)


async def test_organisers_get_their_commands_in_help_and_in_their_menus(tmp_path: Path) -> None:
    async with running_bot(tmp_path, organisers=[ORGANISER],
                           organisers_chat_id=ORGANISERS_CHAT) as bot:
        own = {"type": "chat", "chat_id": ORGANISER}
        # Neither chat existed at start-up: nothing set, and the bot started all the same.
        assert bot.emu.commands(scope=own) == []
        assert [c["command"] for c in bot.emu.commands("en")].count("news") == 1
        attendee = bot.emu.user(5, language_code="en")
        attendee.send_command("/help")
        (plain,) = await attendee.replies()
        assert "/news – the announcements so far" in plain.text
        assert "Organiser commands" not in plain.text and "/announce" not in plain.text
        org = bot.emu.user(ORGANISER, language_code="en")
        org.send_command("/help")
        (helped,) = await org.replies()
        # The attendees' help first, then the organisers' commands.
        assert helped.text.startswith(plain.text + "\n\nOrganiser commands:\n/announce – ")
        assert "/announcements – " in helped.text and "/reload – " in helped.text
        # Their first /help set their own menu: the attendees' commands, then theirs.
        menu = [c["command"] for c in bot.emu.commands(scope=own)]
        assert menu[:2] == ["start", "help"] and "news" in menu
        assert menu[-4:] == ["announce", "announcements", "stats", "reload"]
        korean = bot.emu.commands("ko", scope=own)
        assert korean[2]["description"] == t("ko", "cmd.schedule")
        assert bot.emu.commands("en", scope=own)[2]["description"] == "Programme by day"
        # The organisers' group gets it per language too, once the bot can see the group.
        bot.emu.group(ORGANISERS_CHAT, "Organisers")
        await publish_commands(bot.app)
        group = {"type": "chat", "chat_id": ORGANISERS_CHAT}
        assert [c["command"] for c in bot.emu.commands("ja", scope=group)][-4:] == [
            "announce", "announcements", "stats", "reload"]
        assert bot.emu.commands("ja", scope=group)[2]["description"] == t("ja", "cmd.schedule")
        # Choosing a language keeps an organiser's commands, all in that language.
        from eventbot.handlers.menus import set_personal_menu

        await set_personal_menu(bot.app.bot, bot.services, ORGANISER, "en")
        for code in ("", "ko", "ja"):
            chosen = bot.emu.commands(code, scope=own)
            assert chosen[2]["description"] == "Programme by day"
            assert chosen[-1]["command"] == "reload"
