"""End to end: /remind and its buttons, each user's lead time across a restart, clash warnings."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from eventbot.bot.emulator import ChatMessage
from eventbot.bot.emulator._types import RecordedCall
from eventbot.bot.i18n import t, tn
from eventbot.bot.render.cards import CardWriter
from tests.bot_harness import SEOUL, Harness, running_bot
from tests.paths import SAMPLE_KB

PLENARY = "plenary-new-tech"  # 2025-09-02 10:00-12:00 in the sample knowledge base
POLICY = "plenary-smart-policy"  # 14:00-16:00; moved to 11:00 where a clash is wanted
EXPIRED = "This button has expired. Please ask again."


@pytest.fixture
async def bot(tmp_path: Path) -> Any:
    async with running_bot(tmp_path) as harness:
        yield harness


async def command(user: Any, name: str, *args: str) -> ChatMessage:
    user.send_command(f"/{name}", list(args) or None)
    (reply,) = await user.replies()
    return reply


async def press(bot: Harness, user: Any, message: ChatMessage, data: str, *,
                strict: bool = True) -> RecordedCall:
    """Press a button and return the bot's answer to it."""
    answered = len(bot.emu.calls_of("answerCallbackQuery"))
    user.press(message, data, strict=strict)
    calls = await bot.emu.wait_for_call("answerCallbackQuery", count=answered + 1)
    return calls[answered]


async def edited(bot: Harness, user: Any, message: ChatMessage, text: str) -> ChatMessage:
    """Wait until the bot has edited ``message`` to show ``text``, and return it."""
    return await bot.emu.wait_for(lambda: next(
        (m for m in user.bot_messages() if m.message_id == message.message_id and m.edited
         and text in (m.text or "")), None))


async def save(bot: Harness, user: Any, item_id: str) -> RecordedCall:
    card = await command(user, "start", f"session_{item_id}")
    return await press(bot, user, card, f"save:{item_id}")


def no_errors(bot: Harness, user_id: int, caplog: pytest.LogCaptureFixture) -> bool:
    sorry = [m for lang in ("en", "ko") for m in bot.emu.bot_messages(user_id)
             if m.text == t(lang, "error.generic")]
    failures = [r for r in caplog.records if r.message == "error while handling an update"]
    return not sorry and not failures


async def test_remind_is_in_the_command_menus(bot: Harness) -> None:
    for lang in ("ko", "en"):
        menu = {c["command"]: c["description"] for c in bot.emu.commands(lang)}
        assert menu["remind"] == t(lang, "cmd.remind")
    assert [c["command"] for c in bot.emu.commands("en")].index("remind") == 8  # after /my


@pytest.mark.parametrize(("lang", "user_id"), [("ko", 31), ("en", 32)])
async def test_remind_offers_the_choices_and_the_same_choice_twice_is_fine(
    bot: Harness, caplog: pytest.LogCaptureFixture, lang: str, user_id: int,
) -> None:
    user = bot.emu.user(user_id, language_code=lang)
    choice = await command(user, "remind")
    assert choice.text == t(lang, "remind.choose") + "\n" + tn(lang, "remind.now", 15)
    assert "✓ " + tn(lang, "remind.minutes", 15) in choice.button_labels
    for _ in range(2):  # the second tap redraws nothing: Telegram's "not modified", no error
        answer = await press(bot, user, choice, "remind:30")
        assert answer.params["text"] == tn(lang, "remind.set", 30)
        now = await edited(bot, user, choice, tn(lang, "remind.set", 30))
        assert "✓ " + tn(lang, "remind.minutes", 30) in now.button_labels
    edits = await bot.emu.wait_for_call("editMessageText", count=2)
    assert [c.ok for c in edits] == [True, False]
    assert await bot.services.store.reminder_lead(user_id) == 30
    answer = await press(bot, user, choice, "remind:off")
    assert answer.params["text"] == t(lang, "remind.set_off")
    assert await bot.services.store.reminder_lead(user_id) == 0
    assert no_errors(bot, user_id, caplog)


async def test_remind_with_an_argument_and_a_bad_one(bot: Harness) -> None:
    user = bot.emu.user(33, language_code="en")
    set_60 = await command(user, "remind", "60")
    assert set_60.text == tn("en", "remind.set", 60)
    assert "✓ 60 minutes" in set_60.button_labels
    assert await bot.services.store.reminder_lead(33) == 60
    assert (await command(user, "remind", "off")).text == t("en", "remind.set_off")
    assert await bot.services.store.reminder_lead(33) == 0
    for typed in ("7", "soon", "<b>15</b>"):
        refused = await command(user, "remind", typed)
        assert refused.text == t("en", "remind.bad_value", value=typed,
                                 choices="5, 15, 30, or 60"), typed
        assert "✓ 🔕 Off" in refused.button_labels
    assert await bot.services.store.reminder_lead(33) == 0
    ko = bot.emu.user(34, language_code="ko")
    assert (await command(ko, "remind", "5분")).text == tn("ko", "remind.set", 5)


async def test_the_lead_time_survives_a_restart_and_fires_once_at_the_new_time(
    tmp_path: Path,
) -> None:
    async with running_bot(tmp_path) as first:
        chose = first.emu.user(21, language_code="en")
        answer = await save(first, chose, PLENARY)
        assert answer.params["text"] == t("en", "agenda.saved", minutes=15)
        await command(chose, "remind", "60")  # changed after saving: applies all the same
        stayed = first.emu.user(22, language_code="ko")
        await save(first, stayed, PLENARY)
    at = datetime(2025, 9, 2, 8, 58, tzinfo=SEOUL)  # 62 minutes before 10:00
    async with running_bot(tmp_path, at=at) as second:
        for user_id in (21, 22):
            second.emu.user(user_id)  # their chats, on the new emulator

        def reminders(user_id: int) -> list[str]:
            return [m.text or "" for m in second.emu.bot_messages(user_id)]

        await second.run_job("reminders")
        assert reminders(21) == [] and reminders(22) == []
        second.clock.advance(timedelta(minutes=2))  # 09:00, an hour before
        await second.run_job("reminders")
        await second.run_job("reminders")
        (reminder,) = reminders(21)
        assert reminder.startswith("⏰ Starting in 60 minutes:") and "Plenary" in reminder
        assert reminders(22) == []
        for moment in ((9, 45), (9, 59)):  # the default's window: the one who kept it only
            second.clock.moment = datetime(2025, 9, 2, *moment, tzinfo=SEOUL)
            await second.run_job("reminders")
        assert len(reminders(21)) == 1
        (default,) = reminders(22)
        assert default.startswith("⏰ 15분 후 시작합니다:")


async def test_off_sends_nothing_and_a_change_after_the_reminder_sends_no_second(
    bot: Harness,
) -> None:
    quiet = bot.emu.user(41, language_code="en")
    await command(quiet, "remind", "off")
    answer = await save(bot, quiet, PLENARY)
    assert answer.params["text"] == t("en", "agenda.saved_no_reminder")
    early = bot.emu.user(42, language_code="en")
    await save(bot, early, PLENARY)
    mark = bot.emu.mark()
    bot.clock.moment = datetime(2025, 9, 2, 9, 50, tzinfo=SEOUL)
    await bot.run_job("reminders")
    assert bot.emu.bot_messages(41, since=mark) == []
    assert len(bot.emu.bot_messages(42, since=mark)) == 1
    await command(early, "remind", "5")
    await command(quiet, "remind", "5")  # back on: its reminder was never sent
    mark = bot.emu.mark()
    bot.clock.moment = datetime(2025, 9, 2, 9, 56, tzinfo=SEOUL)
    await bot.run_job("reminders")
    await bot.run_job("reminders")
    assert bot.emu.bot_messages(42, since=mark) == []
    (reminder,) = bot.emu.bot_messages(41, since=mark)
    assert reminder.text and reminder.text.startswith("⏰ Starting in 4 minutes:")


@pytest.mark.parametrize(("lang", "user_id"), [("ko", 51), ("en", 52)])
async def test_saving_a_clashing_session_says_which_one(
    tmp_path: Path, lang: str, user_id: int,
) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(SAMPLE_KB, kb)
    programme = kb / "programme.yaml"
    text = programme.read_text("utf-8")
    assert "start: 2025-09-02 14:00" in text
    programme.write_text(text.replace("start: 2025-09-02 14:00", "start: 2025-09-02 11:00", 1),
                         "utf-8")
    async with running_bot(tmp_path, kb=kb) as bot:
        user = bot.emu.user(user_id, language_code=lang)
        first = await save(bot, user, PLENARY)
        assert first.params["text"] == t(lang, "agenda.saved", minutes=15)
        assert not first.params.get("show_alert")
        card = await command(user, "start", f"session_{POLICY}")
        answer = await press(bot, user, card, f"save:{POLICY}")
        kb = bot.services.knowledge.kb
        title = CardWriter(kb, lang).plain_name(kb.items[PLENARY])
        clash = t(lang, "agenda.clash", other=title)
        assert answer.params["text"] == t(lang, "agenda.saved", minutes=15) + "\n" + clash
        assert answer.params["show_alert"] in (True, "true")
        shown = await edited(bot, user, card, clash)
        assert (shown.text or "").startswith(clash + "\n\n")
        assert t(lang, "button.remove") in shown.button_labels


async def test_my_offers_the_reminder_choice_and_its_buttons_refuse_forgeries(
    tmp_path: Path, caplog: pytest.LogCaptureFixture,
) -> None:
    async with running_bot(tmp_path, throttle={"burst": 100}) as bot:  # many taps at once
        user = bot.emu.user(61, language_code="en")
        await save(bot, user, PLENARY)
        agenda = await command(user, "my")
        assert agenda.callback_data(t("en", "button.remind")) == "remind:"
        assert (await press(bot, user, agenda, "remind:")).params.get("text") is None
        (choice,) = await user.replies()
        assert choice.text == t("en", "remind.choose") + "\nNow: 15 minutes before."
        for data in ("remind:7", "remind:0", "remind:15\n", "remind:15;drop",
                     "remind:" + "9" * 57, "unsave:no-such-item", "item:../../etc",
                     "save:icc-jeju", "ics", "day:x"):
            for message in (agenda, choice):
                answer = await press(bot, user, message, data, strict=False)
                assert answer.params["text"] == EXPIRED, data
        assert await bot.services.store.reminder_lead(61) is None
        assert await bot.services.store.saved_sessions(61) == [PLENARY]
        # Remove twice: the second tap, on the emptied list, is told so and breaks nothing.
        await press(bot, user, agenda, f"unsave:{PLENARY}")
        await edited(bot, user, agenda, t("en", "agenda.empty"))
        again = await press(bot, user, agenda, f"unsave:{PLENARY}", strict=False)
        assert again.params["text"] == t("en", "agenda.not_saved")
        assert no_errors(bot, 61, caplog)
