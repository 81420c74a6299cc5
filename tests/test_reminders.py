"""Reminder lead times (parsing, buttons, storage, scheduling) and what a save confirms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from eventbot.bot.agenda import due_reminders
from eventbot.bot.i18n import t
from eventbot.bot.kb import load_knowledge
from eventbot.bot.kb.base import KnowledgeBase
from eventbot.bot.reminders import (
    ANSWER_LIMIT,
    LEAD_CHOICES,
    OFF,
    bad_lead_reply,
    choice_reply,
    effective_lead,
    is_choice_data,
    lead_from_data,
    lead_times,
    parse_lead,
    save_confirmation,
    with_clash_line,
)
from eventbot.bot.render.reply import Reply
from eventbot.bot.storage import Storage, UnknownUserError
from eventbot.bot.storage._migrations import MIGRATIONS
from tests.paths import FIXTURES

SEOUL = ZoneInfo("Asia/Seoul")
EXTRA = """  - id: overlapping
    title: {ko: 겹치는 세션, en: Overlapping <Session>}
    start: 2025-09-01 11:30
    end: 2025-09-01 13:00
    venue: icc-jeju
  - id: also-overlapping
    title: {ko: 또 겹치는 세션, en: Also Overlapping}
    start: 2025-09-01 11:00
    end: 2025-09-01 11:45
    venue: icc-jeju
  - id: later
    title: {ko: 오후 세션, en: Afternoon Session}
    start: 2025-09-01 14:00
    end: 2025-09-01 15:00
    venue: icc-jeju
  - id: long-title
    title: {ko: 긴 제목, en: LONG_TITLE}
    start: 2025-09-01 12:30
    end: 2025-09-01 12:45
    venue: icc-jeju
  - id: all-week
    title: {ko: 주간 전시, en: All-week Show}
    start: 2025-09-01
    end: 2025-09-05
    venue: icc-jeju
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder: Path = tmp_path_factory.mktemp("kb")
    for path in (FIXTURES / "kb" / "valid").glob("*.yaml"):
        text = path.read_text("utf-8")
        if path.name == "programme.yaml":
            text += EXTRA.replace("LONG_TITLE", "L" * 190)
        (folder / path.name).write_text(text, "utf-8")
    return load_knowledge(folder)


@pytest.mark.parametrize(("typed", "minutes"), [
    ("15", 15), (" 5 ", 5), ("30m", 30), ("60 min", 60), ("15 Minutes", 15), ("15분", 15),
    ("30分", 30), ("off", OFF), ("OFF", OFF), ("0", OFF),
    ("7", None), ("120", None), ("-5", None), ("fifteen", None), ("15 hours", None), ("", None),
    ("15; drop table", None), ("１５", 15), ("99999999999", None),
])
def test_parse_lead_reads_only_the_offered_choices(typed: str, minutes: int | None) -> None:
    assert parse_lead(typed) == minutes


@pytest.mark.parametrize(("data", "ours", "minutes"), [
    ("remind:", True, None), ("remind:5", True, 5), ("remind:60", True, 60),
    ("remind:off", True, OFF),
    ("remind:7", False, None), ("remind:0", False, None), ("remind:offf", False, None),
    ("remind:15 ", False, None), ("remind:15\n", False, None), ("remind:-5", False, None),
    ("remind:015", False, None), ("remind", False, None), ("xremind:15", False, None),
    ("remind:" + "9" * 60, False, None),
])
def test_choice_data_is_checked_strictly(data: str, ours: bool, minutes: int | None) -> None:
    assert is_choice_data(data) is ours
    assert lead_from_data(data) == minutes


def test_the_choice_offers_every_lead_ticks_the_current_and_fits_callback_data() -> None:
    reply = choice_reply("en", 30)
    data = [b.data for row in reply.buttons for b in row]
    assert data == [f"remind:{m}" for m in LEAD_CHOICES] + ["remind:off"]
    assert all(is_choice_data(d) and len(d.encode()) <= 64 for d in data)
    labels = [b.label for row in reply.buttons for b in row]
    assert [label for label in labels if label.startswith("✓")] == ["✓ 30 minutes"]
    assert reply.html == t("en", "remind.choose") + "\nNow: 30 minutes before."
    off = choice_reply("en", OFF)
    assert off.html.endswith("Now: no reminders.")
    assert [b.label for row in off.buttons for b in row][-1] == "✓ 🔕 Off"


def test_a_bad_lead_is_quoted_escaped_and_cut_with_the_choices() -> None:
    reply = bad_lead_reply("en", "<b>" + "x" * 100, 15)
    assert reply.html.startswith("I can't set the reminder time to '&lt;b&gt;xxx")
    assert "…'" in reply.html and "x" * 41 not in reply.html
    assert "5, 15, 30, or 60 minutes" in reply.html
    assert "✓ 15 minutes" in [b.label for row in reply.buttons for b in row]


def test_effective_lead_and_lead_times() -> None:
    assert effective_lead(None, 15) == 15
    assert effective_lead(60, 15) == 60
    assert effective_lead(OFF, 15) == OFF
    assert lead_times({1: 5, 2: 0}) == {1: timedelta(minutes=5), 2: timedelta(0)}


def test_each_user_is_reminded_at_their_own_lead_and_off_means_never(kb: KnowledgeBase) -> None:
    pairs = [(1, "opening-forum"), (2, "opening-forum"), (3, "opening-forum")]
    leads = lead_times({1: 60, 3: OFF})  # user 2 never chose: the default 15
    at = lambda h, m: datetime(2025, 9, 1, h, m, tzinfo=SEOUL)  # noqa: E731
    due = lambda when: [d.user_id for d in due_reminders(  # noqa: E731
        kb, pairs, when, timedelta(minutes=15), leads=leads)]
    assert due(at(8, 59)) == []
    assert due(at(9, 0)) == [1]
    assert due(at(9, 45)) == [1, 2]
    assert due(at(9, 59)) == [1, 2]
    assert due(at(10, 0)) == []


def test_save_confirms_the_users_lead_or_that_reminders_are_off(kb: KnowledgeBase) -> None:
    item = kb.programme_item("later")
    assert item is not None
    saved = ["later"]
    confirm = lambda lead, lang="en": save_confirmation(  # noqa: E731
        kb, lang, item, saved, lead_minutes=lead, newly_saved=True)
    assert confirm(60).answer == t("en", "agenda.saved", minutes=60)
    assert "60 minutes" in confirm(60).answer
    assert confirm(60, "ko").answer == "내 일정에 저장했어요. 시작 60분 전에 알려 드릴게요."
    assert confirm(OFF).answer == t("en", "agenda.saved_no_reminder")
    assert confirm(5).clash_html is None
    week = kb.programme_item("all-week")
    assert week is not None
    assert save_confirmation(kb, "en", week, ["all-week", "opening-forum"], lead_minutes=15,
                             newly_saved=True) == (
        save_confirmation(kb, "en", week, ["all-week"], lead_minutes=15, newly_saved=True))
    assert save_confirmation(kb, "en", week, ["all-week"], lead_minutes=15,
                             newly_saved=True).answer == t("en", "agenda.saved_all_day")


def test_save_names_the_saved_items_it_clashes_with(kb: KnowledgeBase) -> None:
    item = kb.programme_item("overlapping")
    assert item is not None
    saved = ["opening-forum", "later", "overlapping", "also-overlapping"]
    saving = save_confirmation(kb, "en", item, saved, lead_minutes=15, newly_saved=True)
    assert saving.answer == (t("en", "agenda.saved", minutes=15)
                             + "\n⚠ overlaps with Innovation Forum, Also Overlapping")
    assert saving.clash_html == "⚠ overlaps with Innovation Forum, Also Overlapping"
    # The other way round, the title is escaped for the message and plain in the pop-up.
    forum = kb.programme_item("opening-forum")
    assert forum is not None
    back = save_confirmation(kb, "en", forum, saved, lead_minutes=15, newly_saved=True)
    assert "Overlapping <Session>" in back.answer
    assert back.clash_html is not None and "Overlapping &lt;Session&gt;" in back.clash_html
    ko = save_confirmation(kb, "ko", forum, saved, lead_minutes=15, newly_saved=True)
    assert ko.answer.endswith("\n⚠ 또 겹치는 세션, 겹치는 세션과 시간이 겹쳐요")
    already = save_confirmation(kb, "en", forum, saved, lead_minutes=15, newly_saved=False)
    assert already.answer.startswith(t("en", "agenda.already"))
    assert already.clash_html == back.clash_html  # a second tap's redraw keeps the warning


def test_a_long_clash_answer_is_cut_to_what_telegram_accepts(kb: KnowledgeBase) -> None:
    item = kb.programme_item("overlapping")
    assert item is not None
    saving = save_confirmation(kb, "en", item, ["overlapping", "long-title"], lead_minutes=15,
                               newly_saved=True)
    assert len(saving.answer) == ANSWER_LIMIT and saving.answer.endswith("L…")
    assert saving.clash_html is not None and saving.clash_html.endswith("L" * 190)


def test_the_clash_line_goes_atop_a_card_only_when_it_still_fits() -> None:
    card = Reply("<b>Card</b>")
    assert with_clash_line(card, None) is card
    assert with_clash_line(card, "⚠ clash").html == "⚠ clash\n\n<b>Card</b>"
    full = Reply("x" * 4090)
    assert with_clash_line(full, "⚠ clash") is full


# --- storage ----------------------------------------------------------------------------------

NOW = datetime(2025, 6, 1, 9, 0, tzinfo=UTC)


def test_the_lead_time_migration_is_the_next_version() -> None:
    versions = [m.version for m in MIGRATIONS]
    assert versions == list(range(1, len(versions) + 1))
    assert any("reminder_leads" in m.description for m in MIGRATIONS)


async def test_lead_time_is_stored_changed_and_survives_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    async with Storage.open(path, now=lambda: NOW) as store:
        await store.touch_user(1, 1, None)
        await store.touch_user(2, 2, None)
        assert await store.reminder_lead(1) is None
        await store.set_reminder_lead(1, 30)
        await store.set_reminder_lead(1, 30)  # the same choice twice is no error
        await store.set_reminder_lead(2, 5)
        await store.set_reminder_lead(2, OFF)
    async with Storage.open(path, now=lambda: NOW) as store:
        assert await store.reminder_lead(1) == 30
        assert await store.reminder_lead(2) == OFF
        assert await store.reminder_leads() == {1: 30, 2: OFF}
        await store.forget_user(1)
        assert await store.reminder_leads() == {2: OFF}


async def test_lead_time_of_an_unknown_user_or_negative_is_refused() -> None:
    async with Storage.open(":memory:", now=lambda: NOW) as store:
        with pytest.raises(UnknownUserError):
            await store.set_reminder_lead(404, 15)
        await store.touch_user(1, 1, None)
        with pytest.raises(ValueError):
            await store.set_reminder_lead(1, -5)
        assert await store.reminder_leads() == {}
