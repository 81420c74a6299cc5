"""The human helpdesk end to end: the real Application, the emulator, a helpdesk group."""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from eventbot.bot.emulator import ChatMessage, SimUser
from eventbot.bot.i18n import t
from eventbot.bot.relay.worker import relay_of
from tests.bot_harness import Harness, running_bot
from tests.paths import SAMPLE_KB

HELPDESK = -100321
NEWSROOM = -100322
OTHER_GROUP = -100323
STAFF = 700
ASK = "🙋 Ask a person"
SETTINGS: dict[str, Any] = {
    "helpdesk": {"chat_id": HELPDESK, "language": "en", "idle_close_minutes": 120},
    "tips": {"newsroom_chat_id": NEWSROOM, "language": "en"},
}


@pytest.fixture
async def bot(tmp_path: Path) -> AsyncIterator[Harness]:
    async with running_bot(tmp_path, **SETTINGS) as harness:
        harness.emu.group(HELPDESK, "Helpdesk")
        harness.emu.group(NEWSROOM, "Newsroom")
        yield harness


async def desk(h: Harness, count: int, since: int = 0) -> list[ChatMessage]:
    """Wait for ``count`` bot messages in the helpdesk group after mark ``since``."""
    return await h.emu.wait_for_bot_messages(HELPDESK, count, since=since)


async def settled(h: Harness) -> None:
    """Wait until the helpdesk relay's pass in flight has committed."""
    worker = relay_of(h.app, "helpdesk")
    assert worker is not None
    await worker.run_once()


async def open_ticket_by_button(h: Harness, user: SimUser, question: str) -> ChatMessage:
    """Ask something the bot cannot answer, press "Ask a person"; return the acknowledgement."""
    user.send_text(question)
    (reply,) = await user.replies()
    ask = t(user.language_code or "en", "help.button")  # in the asker's language
    assert reply.button_labels[-1] == ask, reply.button_labels
    user.press_button(reply, ask)
    (ack,) = await user.replies()
    return ack


async def test_round_trip_in_korean(bot: Harness) -> None:
    user = bot.emu.user(11, "Minji", username="minji", language_code="ko")
    ack = await open_ticket_by_button(bot, user, "기도실 있어요?")
    assert "H-0001" in ack.text
    (header,) = await desk(bot, 1)
    assert "Helpdesk H-0001" in header.text and "🌐 ko" in header.text
    assert "❓ 기도실 있어요?" in header.text and "🤖 The bot asked: did you mean" in header.text
    assert header.button_labels == ["➕ Add to knowledge"]
    assert "Minji" not in header.text and "minji" not in header.text

    staff = bot.emu.user(STAFF, "Staff Kim", username="staffkim", language_code="en")
    mark = bot.emu.mark()
    staff.send_text("3층 302호가 기도실입니다.", chat_id=HELPDESK, reply_to=header)
    (answer,) = await bot.emu.wait_for_bot_messages(user.id, since=mark)
    assert answer.text == t("ko", "help.reply", ref="H-0001", text="3층 302호가 기도실입니다.")
    assert "Kim" not in answer.text and "staffkim" not in answer.text  # "Helpdesk" only
    (confirm,) = await desk(bot, 1, since=mark)
    assert confirm.text == "✉️ Sent to the attendee of H-0001."

    # The attendee's next messages go to the ticket, not to the matcher.
    mark = bot.emu.mark()
    user.send_text("한라홀 어디에 있어요?")  # the matcher would answer this with a card
    (said,) = await desk(bot, 1, since=mark)
    assert said.text == "💬 H-0001 · the attendee:\n한라홀 어디에 있어요?"
    assert not bot.emu.bot_messages(user.id, since=mark)  # no card, no acknowledgement
    mark = bot.emu.mark()
    user.send_photo(caption="이 방인가요?")
    sent, copy = await desk(bot, 2, since=mark)
    assert sent.text == "💬 H-0001 · the attendee sends (photo):"
    assert copy.method == "copyMessage" and copy.text == "이 방인가요?"
    assert await bot.services.store.get_tip(1) is None  # media in a ticket is no tip

    # Staff can answer a follow-up too, with media (copied: no name shows); then close it.
    mark = bot.emu.mark()
    staff.send({"location": {"latitude": 33.24, "longitude": 126.41}}, chat_id=HELPDESK,
               reply_to=said)
    label, pin = await bot.emu.wait_for_bot_messages(user.id, 2, since=mark)
    assert label.text == t("ko", "help.reply_media", ref="H-0001") and pin.kind == "location"
    assert pin.method == "copyMessage"
    await desk(bot, 1, since=mark)  # "sent to the attendee"
    mark = bot.emu.mark()
    staff.send_command("/close", "H-0001", chat_id=HELPDESK)
    (closed,) = await bot.emu.wait_for_bot_messages(user.id, since=mark)
    assert closed.text.startswith(t("ko", "help.closed", ref="H-0001")[:10])
    (done,) = await desk(bot, 1, since=mark)
    assert done.text == "Closed H-0001."
    # Closed: questions go to the matcher again.
    user.send_text("한라홀 어디에 있어요?")
    card, _ = await user.replies(2)
    assert card.text.startswith("한라홀")
    ticket = await bot.services.store.get_ticket(1)
    assert ticket is not None and ticket.status == "closed" and ticket.closed_by == "staff"


async def test_talk_to_a_person_then_close_with_a_note_in_english(
        bot: Harness, caplog: pytest.LogCaptureFixture) -> None:
    user = bot.emu.user(12, language_code="en")
    user.send_text("Talk to a person!")
    (prompt,) = await user.replies()
    assert prompt.text == t("en", "help.prompt")
    with caplog.at_level(logging.INFO):
        user.send_text("Can my driver wait at the VIP entrance?")
        (ack,) = await user.replies()
        await desk(bot, 1)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "H-0001" in logged and "VIP" not in logged  # the question never reaches the log
    assert ack.text == t("en", "help.ack", ref="H-0001")
    (header,) = await desk(bot, 1)
    assert "❓ Can my driver wait at the VIP entrance?" in header.text
    assert "🌐 en" in header.text
    staff = bot.emu.user(STAFF, language_code="en")
    mark = bot.emu.mark()
    staff.send_text("Yes, for 10 minutes.", chat_id=HELPDESK, reply_to=header)
    (answer,) = await bot.emu.wait_for_bot_messages(user.id, since=mark)
    await desk(bot, 1, since=mark)  # "sent to the attendee"
    mark = bot.emu.mark()
    user.send({"text": "Thanks! And at gate 2?"}, reply_to=answer)
    (said,) = await desk(bot, 1, since=mark)
    assert said.text == "💬 H-0001 · the attendee:\nThanks! And at gate 2?"
    mark = bot.emu.mark()
    staff.send_command("/close", "H-0001 gate 2 too", chat_id=HELPDESK)
    (closed,) = await bot.emu.wait_for_bot_messages(user.id, since=mark)
    assert closed.text.endswith("📝 The helpdesk's closing note: gate 2 too")
    await desk(bot, 1, since=mark)
    mark = bot.emu.mark()
    staff.send_command("/close", "H-0001", chat_id=HELPDESK)
    (again,) = await desk(bot, 1, since=mark)
    assert again.text == "H-0001 is already closed."


@pytest.mark.parametrize("phrase", ["human", "사람과 대화", "상담원", "担当者", "人工"])
async def test_phrases_reach_a_person_before_the_matcher(bot: Harness, phrase: str) -> None:
    user = bot.emu.user(13, language_code="en")
    user.send_text(phrase)
    (prompt,) = await user.replies()
    assert prompt.text == t("en", "help.prompt")
    user.send_text("My badge is misspelled")
    (ack,) = await user.replies()
    assert "H-0001" in ack.text


async def test_human_command_then_media_opens_a_ticket(bot: Harness) -> None:
    user = bot.emu.user(14, language_code="en")
    user.send_command("/human")
    (prompt,) = await user.replies()
    assert prompt.text == t("en", "help.prompt")
    user.send_location(33.24, 126.41)
    (ack,) = await user.replies()
    assert "H-0001" in ack.text
    header, copy = await desk(bot, 2)
    assert "Helpdesk H-0001" in header.text and "❓" not in header.text
    assert copy.kind == "location"


async def test_idle_ticket_is_closed_and_the_attendee_told(bot: Harness) -> None:
    user = bot.emu.user(15, language_code="en")
    await open_ticket_by_button(bot, user, "is there a prayer room?")
    await desk(bot, 1)
    bot.clock.advance(timedelta(minutes=119))
    await bot.run_job("helpdesk-idle")
    ticket = await bot.services.store.get_ticket(1)
    assert ticket is not None and ticket.status == "open"  # not yet
    user.send_text("still there?")  # activity: the idle clock starts again
    await desk(bot, 2)
    bot.clock.advance(timedelta(minutes=119))
    await bot.run_job("helpdesk-idle")
    assert (await bot.services.store.get_ticket(1)).status == "open"  # type: ignore[union-attr]
    mark = bot.emu.mark()
    bot.clock.advance(timedelta(minutes=2))
    await bot.run_job("helpdesk-idle")
    (told,) = await bot.emu.wait_for_bot_messages(user.id, since=mark)
    assert told.text == t("en", "help.idle_closed", ref="H-0001", minutes=120)
    (notice,) = await desk(bot, 1, since=mark)
    assert notice.text.startswith("⏱ H-0001 was closed after 120 minutes")
    ticket = await bot.services.store.get_ticket(1)
    assert ticket is not None and ticket.closed_by == "idle"
    user.send_text("한라홀 어디에 있어요?")  # the matcher again
    card, _ = await user.replies(2)
    assert card.text.startswith("한라홀")


async def test_no_helpdesk_configured_shows_nothing_of_it(tmp_path: Path) -> None:
    async with running_bot(tmp_path, tips={"newsroom_chat_id": NEWSROOM}) as h:
        user = h.emu.user(16, language_code="en")
        user.send_text("is there a prayer room?")
        (fallback,) = await user.replies()
        assert fallback.text.startswith("Sorry") and ASK not in fallback.button_labels
        user.send_text("홀")
        (clarify,) = await user.replies()
        assert clarify.button_labels and ASK not in clarify.button_labels
        user.send_command("/human")
        (unknown,) = await user.replies()
        assert unknown.text == t("en", "unknown.command")
        user.send_text("talk to a person")  # a question like any other
        (reply,) = await user.replies()
        assert reply.text != t("en", "help.prompt") and ASK not in reply.button_labels
        assert await h.services.store.get_ticket(1) is None
        user.send_command("/help")
        (help_reply,) = await user.replies()
        assert "/human" not in help_reply.text


async def test_help_names_human_where_there_is_a_helpdesk(bot: Harness) -> None:
    for code in ("en", "ko"):
        user = bot.emu.user(30 if code == "en" else 31, language_code=code)
        user.send_command("/help")
        (help_reply,) = await user.replies()
        assert t(code, "help.human") in help_reply.text and "/remind" in help_reply.text


async def test_with_a_helpdesk_fallback_and_clarify_offer_a_person(bot: Harness) -> None:
    user = bot.emu.user(17, language_code="en")
    user.send_text("홀")
    (clarify,) = await user.replies()
    # A Korean question: a Korean reply, whose last button asks for a person.
    assert clarify.button_labels[-1] == t("ko", "help.button") and len(clarify.button_labels) == 3
    user.send_text("한라홀 어디에 있어요?")
    card, _ = await user.replies(2)
    assert ASK not in card.button_labels  # an answer offers no person
    user.send_text("기도실 있어요?")  # "did you mean …?"
    (confirm,) = await user.replies()
    no = t("ko", "button.not_this")  # a Korean question: a Korean reply
    ask_ko = t("ko", "help.button")
    assert confirm.button_labels[-2:] == [no, ask_ko]
    user.press_button(confirm, no)
    await bot.emu.wait_for_call("editMessageText")
    (edited,) = [m for m in user.bot_messages() if m.message_id == confirm.message_id]
    assert edited.text != confirm.text and edited.button_labels == [ask_ko]  # it stays
    user.press_button(edited, ask_ko)
    (ack,) = await user.replies()
    assert ack.text == t("ko", "help.ack", ref="H-0001")
    (header,) = await desk(bot, 1)
    assert "❓ 기도실 있어요?" in header.text


async def test_staff_actions_count_only_in_the_helpdesk_group(bot: Harness) -> None:
    user = bot.emu.user(18, language_code="en")
    await open_ticket_by_button(bot, user, "is there a prayer room?")
    await desk(bot, 1)
    bot.emu.group(OTHER_GROUP, "Somewhere else")
    stranger = bot.emu.user(19, language_code="en")
    mark = bot.emu.mark()
    stranger.send_command("/close", "H-0001", chat_id=OTHER_GROUP)
    (refused,) = await bot.emu.wait_for_bot_messages(OTHER_GROUP, since=mark)
    assert refused.text == "This is for the helpdesk group."
    stranger.send_command("/close", "H-0001")  # in private
    (refused_private,) = await stranger.replies()
    assert refused_private.text == "This is for the helpdesk group."
    ticket = await bot.services.store.get_ticket(1)
    assert ticket is not None and ticket.status == "open"
    # A staff reply from elsewhere reaches nobody.
    stranger.send_text("here is the answer", chat_id=OTHER_GROUP, reply_to=refused)
    # "Add to knowledge" pressed from elsewhere (forged onto another chat's message).
    stranger.press(refused, "hkb:1", strict=False)
    calls = await bot.emu.wait_for_call("answerCallbackQuery", count=2)
    assert calls[-1].params.get("text") == "This is for the helpdesk group."
    assert not bot.emu.bot_messages(HELPDESK, since=mark)
    assert [m.text for m in user.bot_messages()][-1] == t("en", "help.ack", ref="H-0001")


async def test_add_to_knowledge_appends_yaml_beside_the_kb(tmp_path: Path) -> None:
    kb = tmp_path / "event-kb"
    shutil.copytree(SAMPLE_KB, kb)
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in kb.iterdir()}
    async with running_bot(tmp_path, kb=kb, **SETTINGS) as h:
        h.emu.group(HELPDESK, "Helpdesk")
        user = h.emu.user(20, language_code="en")
        question = "can my colleague collect my badge for me"
        await open_ticket_by_button(h, user, question)
        (header,) = await desk(h, 1)
        staff = h.emu.user(STAFF, language_code="en")
        mark = h.emu.mark()
        staff.press_button(header, "➕ Add to knowledge")
        (pick,) = await desk(h, 1, since=mark)
        assert question in pick.text
        labels = pick.button_labels
        assert labels[-1] == "🆕 A new FAQ entry" and len(labels) >= 2
        target = next(label for label in labels if "registration" in label.lower())
        mark = h.emu.mark()
        staff.press_button(pick, target)
        (shown,) = await desk(h, 1, since=mark)
        suggestions = tmp_path / "suggestions.yaml"
        assert suggestions.exists()
        (entry,) = yaml.safe_load(suggestions.read_text(encoding="utf-8"))
        assert entry == {"id": "faq-registration", "variants": {"en": [question]}}
        assert "- id: faq-registration" in shown.text and "H-0001" in shown.text
        mark = h.emu.mark()
        staff.press(pick, "hkb:1:+faq", strict=False)
        await desk(h, 1, since=mark)
        entries = yaml.safe_load(suggestions.read_text(encoding="utf-8"))
        assert entries[1]["id"] == "faq-h-0001" and entries[1]["question"] == {"en": question}
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in kb.iterdir()}
    assert after == before  # the KB itself is never edited


async def test_close_dispatches_by_reference(bot: Harness) -> None:
    submitter = bot.emu.user(21, language_code="en")
    submitter.send_command("/tip")
    await submitter.replies()
    submitter.send_text("Smoke near gate 4")
    await submitter.replies()
    attendee = bot.emu.user(22, language_code="en")
    await open_ticket_by_button(bot, attendee, "is there a prayer room?")
    await desk(bot, 1)
    editor = bot.emu.user(STAFF, language_code="en")
    editor.send_command("/close", "T-0001", chat_id=NEWSROOM)
    await bot.emu.wait_for(lambda: any((m.text or "") == "Closed T-0001."
                                       for m in bot.emu.bot_messages(NEWSROOM)))
    editor.send_command("/close", "H-0001", chat_id=NEWSROOM)  # not from the helpdesk group
    await bot.emu.wait_for(lambda: any((m.text or "") == "This is for the helpdesk group."
                                       for m in bot.emu.bot_messages(NEWSROOM)))
    editor.send_command("/close", "H-0001", chat_id=HELPDESK)
    await bot.emu.wait_for(lambda: any((m.text or "") == "Closed H-0001."
                                       for m in bot.emu.bot_messages(HELPDESK)))
    tip = await bot.services.store.get_tip(1)
    ticket = await bot.services.store.get_ticket(1)
    assert tip is not None and tip.status == "closed"
    assert ticket is not None and ticket.status == "closed"


def test_references() -> None:
    from eventbot.bot.helpdesk import parse_reference, reference, wants_person

    assert reference(12) == "H-0012" and parse_reference("h12") == 12
    assert parse_reference("H-0012") == 12 and parse_reference("T-0012") is None
    assert wants_person("Talk to a person.") and wants_person("상담원 연결")
    assert not wants_person("where is the human resources session?")
    assert re.fullmatch(r"H-\d{4}", reference(1))
