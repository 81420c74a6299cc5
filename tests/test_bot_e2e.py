"""End to end: the real Application against the emulator over HTTP, in Korean and English."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram import Message

from eventbot.bot.emulator import ChatMessage
from eventbot.bot.i18n import t
from eventbot.bot.render.when import format_day
from tests.bot_harness import SEOUL, Harness, running_bot
from tests.paths import SAMPLE_KB


@pytest.fixture
async def bot(tmp_path: Path):
    async with running_bot(tmp_path) as harness:
        yield harness


async def ask(user, text: str, count: int = 1) -> list[ChatMessage]:
    user.send_text(text)
    return await user.replies(count)


async def command(user, name: str, *args: str, count: int = 1) -> list[ChatMessage]:
    user.send_command(f"/{name}", list(args) or None)
    return await user.replies(count)


async def test_start_welcomes_in_the_users_language(bot: Harness) -> None:
    (ko,) = await command(bot.emu.user(1, "민지", language_code="ko"), "start")
    (en,) = await command(bot.emu.user(2, "Sam", language_code="en"), "start")
    assert (
        ko.text.startswith("제31차 APEC 중소기업 장관회의에 오신 것을 환영합니다")
        or "환영" in ko.text
    )
    assert "Welcome to" in en.text and "/schedule" in en.text


async def test_command_menus_are_published_per_language(bot: Harness) -> None:
    assert [c["command"] for c in bot.emu.commands("ko")][:3] == ["start", "help", "schedule"]
    assert bot.emu.commands("ko")[2]["description"] == "날짜별 일정"
    assert bot.emu.commands("en")[2]["description"] == "Programme by day"
    assert bot.emu.commands("ja") and bot.emu.commands("zh") and bot.emu.commands("")


async def test_deep_link_opens_a_session_card_with_save(bot: Harness) -> None:
    (card,) = await command(
        bot.emu.user(3, language_code="en"), "start", "session_plenary-new-tech"
    )
    assert "Plenary" in card.text
    assert card.callback_data("⭐ Save") == "save:plenary-new-tech"
    assert "https://t.me/eventbot_test_bot?start=session_plenary-new-tech" in card.text


async def test_where_question_answers_with_card_and_map_pin(bot: Harness) -> None:
    user = bot.emu.user(4, language_code="ko")
    card, pin = await ask(user, "한라홀 어디에 있어요?", count=2)
    assert card.text.startswith("한라홀")
    assert pin.kind == "venue" and pin.data["venue"]["location"]["latitude"] == pytest.approx(
        33.239, abs=0.01
    )


async def test_a_slow_map_pin_holds_back_its_own_chat_only(bot: Harness) -> None:
    ann, ben = bot.emu.user(41, language_code="ko"), bot.emu.user(42, language_code="en")
    bot.emu.delay("sendVenue", 1.0, chat_id=ann.id)  # a slow round trip for Ann's pin
    ann.send_text("한라홀 어디에 있어요?")
    ben.send_text("When is the opening ceremony?")
    ann.send_text("개막식은 언제예요?")
    (ben_answer,) = await ben.replies(1)
    card, pin, second = await ann.replies(3)
    # Ben was answered while Ann's pin was on its way; Ann still sees card, pin, next answer.
    assert ben_answer.seq < pin.seq
    assert (card.method, pin.method, second.method) == ("sendMessage", "sendVenue", "sendMessage")
    assert card.seq < pin.seq < second.seq


async def test_a_slow_answer_holds_back_its_own_chat_only(bot: Harness) -> None:
    ann, ben = bot.emu.user(43, language_code="en"), bot.emu.user(44, language_code="en")
    bot.emu.delay("sendMessage", 1.0, chat_id=ann.id)  # Telegram slow to take Ann's answer
    ann.send_text("Where is Halla Hall?")
    ann.send_text("When is the opening ceremony?")
    ben.send_text("When is the opening ceremony?")
    (ben_answer,) = await ben.replies(1)
    first, pin, second = await ann.replies(3)
    # Ben was answered while Ann's first answer was held; Ann's kept their order.
    assert ben_answer.seq < first.seq < pin.seq < second.seq
    assert first.text.startswith("Halla Hall") and pin.method == "sendVenue"
    assert second.text == ben_answer.text


async def test_answers_do_not_parse_telegrams_copy_of_what_was_sent(
    bot: Harness, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Parsing each sent message back into a Message cost a tenth of an answer's CPU, unused.
    senders: list[bool] = []
    de_json = Message.de_json.__func__  # type: ignore[attr-defined]

    def counting(cls: type[Message], data: dict[str, Any], bot: Any = None) -> Message:
        senders.append(data["from"]["is_bot"])
        return de_json(cls, data, bot)  # type: ignore[no-any-return]

    monkeypatch.setattr(Message, "de_json", classmethod(counting))
    user = bot.emu.user(4, language_code="ko")
    card, pin = await ask(user, "한라홀 어디에 있어요?", count=2)
    assert pin.kind == "venue" and card.text.startswith("한라홀")
    # The question was parsed (by the emulator's check and by the bot); the card and pin not.
    assert senders and not any(senders)


async def test_when_and_where_lead_differently_in_english(bot: Harness) -> None:
    user = bot.emu.user(5, language_code="en")
    (when,) = await ask(user, "when is the food expo?")
    assert when.text.splitlines()[1].startswith("🗓")
    where = await ask(user, "where is the food expo?", count=2)
    assert where[0].text.splitlines()[1].startswith("📍")
    assert where[1].kind == "venue"


async def test_clarify_offers_buttons_and_a_button_opens_the_card(bot: Harness) -> None:
    user = bot.emu.user(6, language_code="en")
    (choice,) = await ask(user, "forum")
    assert choice.text == "Did you mean one of these?"
    assert len(choice.buttons) >= 2
    label = choice.button_labels[0]
    user.press_button(choice, label)
    (card,) = await user.replies()
    assert label.startswith(f"{card.text.splitlines()[0]} · ")  # the name, then its day


async def test_one_weak_candidate_is_a_yes_no_question(bot: Harness) -> None:
    user = bot.emu.user(16, language_code="en")
    (asked,) = await ask(user, "konferensi pres kapan")  # Indonesian: "press conference when"
    assert asked.text == t("en", "reply.confirm")
    assert asked.button_labels == ["Outcome press briefing", t("en", "button.not_this")]
    user.press_button(asked, "Outcome press briefing")  # yes: the card
    (card,) = await user.replies()
    assert card.text.startswith("Outcome press briefing")
    user.press_button(asked, t("en", "button.not_this"))  # no: said in place, with the ways on
    edited = await bot.emu.wait_for(lambda: next(
        (m for m in user.bot_messages() if m.message_id == asked.message_id and m.edited), None))
    assert edited.text.startswith("Sorry, I couldn't find that") and "/schedule" in edited.text


async def test_fallback_is_honest_and_logged(bot: Harness) -> None:
    user = bot.emu.user(7, language_code="en")
    (reply,) = await ask(user, "what is the bitcoin price in Paris?")
    assert reply.text.startswith("Sorry, I couldn't find that")
    logged = await bot.services.store.questions_since(datetime(2025, 1, 1, tzinfo=SEOUL))
    assert [(q.question, q.outcome) for q in logged] == [
        ("what is the bitcoin price in Paris?", "fallback")
    ]


async def test_asked_what_no_event_information_holds_the_item_named_is_a_tap_away(
        bot: Harness) -> None:
    user = bot.emu.user(17, language_code="ko")
    (reply,) = await ask(user, "오르다AI 채용해요?")  # whether Orda AI is hiring
    assert reply.text == t("ko", "reply.beyond", name="오르다AI")
    assert reply.button_labels == ["오르다AI"]
    user.press_button(reply, "오르다AI")
    (card,) = await user.replies()
    assert card.text.startswith("오르다AI") and "KT-01" in card.text


async def test_items_a_question_only_came_near_are_offered_a_tap_away(bot: Harness) -> None:
    user = bot.emu.user(18, language_code="en")
    (reply,) = await ask(user, "robot demo")
    assert reply.text == t("en", "reply.near")
    assert "Dolbot" in " ".join(reply.button_labels)  # the care robot's booth, among others
    label = next(label for label in reply.button_labels if "Dolbot" in label)
    user.press_button(reply, label)
    (card,) = await user.replies()
    assert "Dolbot" in card.text and "KT-" in card.text  # its card, with its booth
    logged = await bot.services.store.questions_since(datetime(2025, 1, 1, tzinfo=SEOUL))
    # ... an item offered, not asked about: no announcement to those who asked about it
    assert [(q.question, q.outcome, q.matched_id) for q in logged] == [
        ("robot demo", "fallback", None)]


async def test_language_choice_is_stored_and_used(bot: Harness) -> None:
    user = bot.emu.user(8, language_code="ko")
    (menu,) = await command(user, "language")
    assert menu.text == "언어를 선택하세요:"
    user.press(menu, "lang:en")
    await bot.emu.wait_for(
        lambda: any(m.text == "From now on I'll answer in English." for m in user.bot_messages())
    )
    # Their own menu follows the choice (Telegram allows a menu per private chat).
    mine = bot.emu.commands(scope={"type": "chat", "chat_id": 8})
    assert mine and mine[2]["description"] == t("en", "cmd.schedule")
    (reply,) = await ask(user, "한라홀 어디에 있어요?", count=1)
    assert reply.text.startswith("Halla Hall")
    assert (await bot.services.store.get_user(8)).language == "en"


async def test_schedule_pages_through_days(bot: Harness) -> None:
    user = bot.emu.user(9, language_code="en")
    (page,) = await command(user, "schedule")
    assert page.text.startswith(f"Programme for {format_day(date(2025, 9, 1), 'en')}")
    next_label = next(label for label in page.button_labels if label.endswith("▶"))
    user.press_button(page, next_label)
    edited = await bot.emu.wait_for(
        lambda: next(
            (m for m in user.bot_messages() if m.message_id == page.message_id and m.edited), None
        )
    )
    assert edited.text.startswith(f"Programme for {format_day(date(2025, 9, 2), 'en')}")
    (bad,) = await command(user, "schedule", "someday")
    assert "couldn't read the day" in bad.text


async def test_now_uses_the_injected_clock(bot: Harness) -> None:
    bot.clock.moment = datetime(2025, 9, 2, 10, 30, tzinfo=SEOUL)
    (reply,) = await command(bot.emu.user(10, language_code="ko"), "now")
    running = reply.text.split("다음 순서")[0]
    assert f"지금 진행 중 ({format_day(date(2025, 9, 2), 'ko')} 10:30)" in running
    assert "전체회의 1" in running


async def test_what_is_on_now_asked_in_words_is_a_list_without_a_save_button(
        bot: Harness) -> None:
    bot.clock.moment = datetime(2025, 9, 2, 10, 30, tzinfo=SEOUL)
    (reply,) = await ask(bot.emu.user(12, language_code="en"), "what's on now")
    # the plenary on now, a button of its own first; no agenda button: the list is no card
    assert reply.button_labels[0].startswith("Plenary 1")
    assert reply.callback_data(reply.button_labels[0]) == "item:plenary-new-tech"
    assert not any(label.startswith("⭐") for label in reply.button_labels)


async def test_whoami_gives_the_ids_an_organiser_needs(bot: Harness) -> None:
    user = bot.emu.user(4242, language_code="ko")
    (reply,) = await command(user, "whoami")
    assert "4242" in reply.text and "organisers" in reply.text
    assert reply.text.splitlines()[0].startswith("내 텔레그램 사용자 ID")


async def test_browse_commands(bot: Harness) -> None:
    user = bot.emu.user(11, language_code="en")
    (venues,) = await command(user, "venues")
    assert venues.text.startswith("Venues") and "ICC" in venues.text
    (events,) = await command(user, "events")
    assert "Food Expo" in events.text
    (booths,) = await command(user, "booths")
    assert "K-TECH" in booths.text and "K-Beauty" in booths.text
    (beauty,) = await command(user, "booths", "k", "beauty")
    assert "KB-01" in beauty.text
    (none,) = await command(user, "booths", "<b>nothing</b>")
    assert "No pavilion or exhibitor matches '<b>nothing</b>'" in none.text


async def test_agenda_save_list_ics_remove(bot: Harness) -> None:
    user = bot.emu.user(12, language_code="en")
    (card,) = await command(user, "start", "session_plenary-new-tech")
    user.press(card, "save:plenary-new-tech")
    answered = await bot.emu.wait_for_call("answerCallbackQuery")
    assert (
        answered[-1].params["text"].startswith("Saved to your agenda. I'll remind you 15 minutes")
    )
    refreshed = await bot.emu.wait_for(
        lambda: next(
            (m for m in user.bot_messages() if m.message_id == card.message_id and m.edited), None
        )
    )
    assert refreshed.callback_data("✖ Remove from my agenda") == "unsave:plenary-new-tech"
    (agenda,) = await command(user, "my")
    assert agenda.text.startswith("Your agenda") and "Plenary" in agenda.text
    user.press(agenda, "ics:")
    (document,) = await user.replies()
    assert document.kind == "document"
    upload = bot.emu.calls_of("sendDocument")[-1].params["document"]
    ics = upload.content.decode()
    assert "BEGIN:VCALENDAR" in ics and "DTSTART;TZID=Asia/Seoul:20250902T100000" in ics
    user.press(agenda, "unsave:plenary-new-tech")
    emptied = await bot.emu.wait_for(
        lambda: next(
            (m for m in user.bot_messages() if m.message_id == agenda.message_id and m.edited), None
        )
    )
    assert "You haven't saved anything yet" in emptied.text
    assert await bot.services.store.saved_sessions(12) == []


async def test_reminder_fires_once_at_the_right_time(bot: Harness) -> None:
    user = bot.emu.user(13, language_code="ko")
    (card,) = await command(user, "start", "session_plenary-new-tech")
    user.press(card, "save:plenary-new-tech")
    await bot.emu.wait_for_call("answerCallbackQuery")
    mark = bot.emu.mark()
    bot.clock.moment = datetime(2025, 9, 2, 9, 40, tzinfo=SEOUL)  # 20 min before: too early
    await bot.run_job("reminders")
    assert bot.emu.bot_messages(13, since=mark) == []
    bot.clock.advance(timedelta(minutes=6))  # 14 min before
    await bot.run_job("reminders")
    (reminder,) = bot.emu.bot_messages(13, since=mark)
    assert reminder.text.startswith("⏰ 14분 후 시작합니다:")
    await bot.run_job("reminders")
    assert len(bot.emu.bot_messages(13, since=mark)) == 1


async def test_forged_and_stale_buttons_expire_politely(bot: Harness) -> None:
    user = bot.emu.user(14, language_code="en")
    (card,) = await command(user, "start", "session_plenary-new-tech")
    for data in (
        "item:no-such-item",
        "save:icc-jeju",
        "lang:fr",
        "day:2025-13-40",
        "x" * 64,
        "drop table",
    ):
        mark = len(bot.emu.calls_of("answerCallbackQuery"))
        user.press(card, data, strict=False)
        calls = await bot.emu.wait_for_call("answerCallbackQuery", count=mark + 1)
        assert calls[-1].params["text"] == "This button has expired. Please ask again.", data


async def test_unknown_command_non_text_and_huge_message(bot: Harness) -> None:
    user = bot.emu.user(15, language_code="en")
    (unknown,) = await command(user, "frobnicate")
    assert unknown.text.startswith("I don't know that command")
    user.send_photo(caption="look")
    (photo,) = await user.replies()
    assert photo.text.startswith("I answer text questions")
    (huge,) = await ask(user, "한라홀 " + "x" * 4000)
    assert huge.text


async def test_telegram_error_gets_a_polite_message_and_nothing_breaks(bot: Harness) -> None:
    user = bot.emu.user(16, language_code="en")
    bot.emu.fail("sendMessage", status=400, description="Bad Request: injected", times=1)
    user.send_command("/help")
    (sorry,) = await user.replies()
    assert sorry.text.startswith("Sorry, something went wrong")
    (help_text,) = await command(user, "help")
    assert "/schedule" in help_text.text


async def test_a_failed_map_pin_is_logged_and_the_chat_goes_on(
    bot: Harness, caplog: pytest.LogCaptureFixture,
) -> None:
    user = bot.emu.user(18, language_code="ko")
    bot.emu.fail("sendVenue", status=400, description="Bad Request: injected", times=1)
    (card,) = await ask(user, "한라홀 어디에 있어요?")
    (answer,) = await ask(user, "개막식은 언제예요?")
    assert card.text.startswith("한라홀") and answer.method == "sendMessage"
    assert not [m for m in bot.emu.messages(18) if m.method == "sendVenue"]
    errors = [r for r in caplog.records if r.message == "error while handling an update"]
    assert any("injected" in str(r.exc_info).lower() for r in errors)


async def test_reminder_survives_a_restart(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as first:
        user = first.emu.user(17, language_code="en")
        (card,) = await command(user, "start", "session_plenary-smart-policy")
        user.press(card, "save:plenary-smart-policy")
        await first.emu.wait_for_call("answerCallbackQuery")
    at = datetime(2025, 9, 2, 13, 50, tzinfo=SEOUL)  # 10 minutes before 14:00
    async with running_bot(tmp_path, at=at) as second:
        second.emu.user(17, language_code="en")  # the user's chat, on the new emulator
        await second.run_job("reminders")
        await second.run_job("reminders")
        (reminder,) = second.emu.bot_messages(17)
        assert reminder.text.startswith("⏰ Starting in 10 minutes:")
        assert "Plenary" in reminder.text


async def test_a_moved_session_is_reminded_again_at_its_new_time(tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(SAMPLE_KB, kb)
    async with running_bot(tmp_path, kb=kb) as bot:
        user = bot.emu.user(18, language_code="en")
        (card,) = await command(user, "start", "session_plenary-new-tech")
        user.press(card, "save:plenary-new-tech")
        await bot.emu.wait_for_call("answerCallbackQuery")
        mark = bot.emu.mark()
        bot.clock.moment = datetime(2025, 9, 2, 9, 50, tzinfo=SEOUL)
        await bot.run_job("reminders")
        assert len(bot.emu.bot_messages(18, since=mark)) == 1
        programme = kb / "programme.yaml"
        text = programme.read_text("utf-8")
        assert "2025-09-02 10:00" in text
        programme.write_text(text.replace("2025-09-02 10:00", "2025-09-02 11:00", 1), "utf-8")
        await bot.services.knowledge.reload()
        await bot.run_job("reminders")  # 09:50: the new start is 70 minutes away
        bot.clock.moment = datetime(2025, 9, 2, 10, 50, tzinfo=SEOUL)
        await bot.run_job("reminders")
        await bot.run_job("reminders")
        reminders = [m for m in bot.emu.bot_messages(18, since=mark) if m.text.startswith("⏰")]
        assert len(reminders) == 2


def before_placeholder(lang: str, key: str) -> str:
    """Return a catalog text up to its first placeholder: what a reply must start with."""
    text = t(lang, key)
    return text.split("{", 1)[0]


@pytest.mark.parametrize(("lang", "user_id"), [("ko", 61), ("en", 62)])
async def test_every_command_and_button_answers_in_the_users_language(
    bot: Harness, lang: str, user_id: int,
) -> None:
    user = bot.emu.user(user_id, language_code=lang)
    (help_text,) = await command(user, "help")
    assert help_text.text == t(lang, "help.text")
    (now,) = await command(user, "now")
    assert now.text.startswith(before_placeholder(lang, "now.title"))
    # /schedule, then its button to the next day, which edits the page in place.
    (page,) = await command(user, "schedule")
    assert page.text.startswith(before_placeholder(lang, "day.title"))
    (next_day,) = [b["callback_data"] for row in page.buttons for b in row
                   if b.get("callback_data", "").startswith("day:")]
    user.press(page, next_day)
    turned = await bot.emu.wait_for(lambda: next(
        (m for m in user.bot_messages() if m.message_id == page.message_id and m.edited), None))
    assert turned.text.startswith(before_placeholder(lang, "day.title"))
    assert turned.text != page.text
    (bad_day,) = await command(user, "schedule", "someday")
    assert bad_day.text == t(lang, "schedule.bad_day", day="someday")
    for name, key in (("venues", "venues.title"), ("events", "events.title"),
                      ("booths", "booths.title")):
        (listing,) = await command(user, name)
        assert listing.text.startswith(t(lang, key)), name
    (no_booth,) = await command(user, "booths", "zzz")
    assert no_booth.text == t(lang, "booths.none", query="zzz")
    (empty,) = await command(user, "my")
    assert empty.text == t(lang, "agenda.empty")
    # A shared session link, its Save button, /my with the calendar file, then Remove.
    (card,) = await command(user, "start", "session_plenary-new-tech")
    answers = len(bot.emu.calls_of("answerCallbackQuery"))
    user.press_button(card, t(lang, "button.save"))
    answered = await bot.emu.wait_for_call("answerCallbackQuery", count=answers + 1)
    assert answered[-1].params["text"] == t(lang, "agenda.saved", minutes=15)
    saved = await bot.emu.wait_for(lambda: next(
        (m for m in user.bot_messages() if m.message_id == card.message_id and m.edited), None))
    assert t(lang, "button.remove") in saved.button_labels
    (agenda,) = await command(user, "my")
    assert agenda.text.startswith(t(lang, "agenda.title"))
    user.press_button(agenda, t(lang, "button.ics"))
    (calendar,) = await user.replies()
    assert calendar.kind == "document" and calendar.text == t(lang, "agenda.ics_caption")
    user.press_button(agenda, next(b for b in agenda.button_labels if b.startswith("✖")))
    emptied = await bot.emu.wait_for(lambda: next(
        (m for m in user.bot_messages() if m.message_id == agenda.message_id and m.edited), None))
    assert emptied.text == t(lang, "agenda.empty")
    # A vague question offers choices; a choice opens its card.
    (choice,) = await ask(user, {"ko": "포럼", "en": "forum"}[lang])
    assert choice.text == t(lang, "reply.clarify") and len(choice.buttons) >= 2
    user.press_button(choice, choice.button_labels[0])
    (chosen,) = await user.replies()
    assert choice.button_labels[0].startswith(chosen.text.splitlines()[0])
    # /language and its button; an unknown command; a photo.
    (menu,) = await command(user, "language")
    assert menu.text == t(lang, "language.choose")
    user.press(menu, f"lang:{lang}")
    await bot.emu.wait_for(
        lambda: any(m.text == t(lang, "language.set") for m in user.bot_messages()))
    (unknown,) = await command(user, "frobnicate")
    assert unknown.text == t(lang, "unknown.command")
    user.send_photo()
    (photo,) = await user.replies()
    assert photo.text == t(lang, "not_text")
