"""Long lists end to end, on a generated KB (200+ side events, 300+ exhibitors): every list is
paged with ◀ n/N ▶ buttons that edit the message in place, and nothing is ever cut."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from datetime import date
from pathlib import Path

import pytest

from eventbot.bot.emulator import ChatMessage, SimUser
from eventbot.bot.i18n import t
from eventbot.bot.render.split import TELEGRAM_LIMIT, utf16_len
from eventbot.bot.render.when import format_day
from tests.big_kb import BIG_PAVILION, write_big_kb
from tests.bot_harness import Harness, running_bot


@pytest.fixture(scope="module")
def big_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_big_kb(tmp_path_factory.mktemp("big") / "kb")


@pytest.fixture
async def bot(tmp_path: Path, big_kb: Path) -> AsyncIterator[Harness]:
    async with running_bot(tmp_path, kb=big_kb, throttle={"burst": 1000}) as harness:
        yield harness


async def edited_to(bot: Harness, user: SimUser, message: ChatMessage,
                    shows: Callable[[ChatMessage], bool]) -> ChatMessage:
    """Wait until the bot has edited ``message`` into what ``shows`` accepts; return it."""
    return await bot.emu.wait_for(lambda: next(
        (m for m in user.bot_messages() if m.message_id == message.message_id and m.edited
         and shows(m)), None))


async def turned(bot: Harness, user: SimUser, page: ChatMessage, label: str) -> ChatMessage:
    """Press a button of a page and return the message once it shows another page."""
    user.press_button(page, label)
    return await edited_to(bot, user, page, lambda m: m.text != page.text)


def position_of(message: ChatMessage) -> str:
    """Return the label of the middle page button, which names the page shown."""
    (row,) = [row for row in message.buttons
              if len(row) == 3 and all(b["callback_data"].startswith("pg:") for b in row)]
    return str(row[1]["text"])


async def every_page(bot: Harness, user: SimUser, first: ChatMessage,
                     lang: str) -> list[ChatMessage]:
    """Press ▶ until the list comes round to its first page; return the pages seen."""
    pages, page = [first], first
    while True:
        page = await turned(bot, user, page, t(lang, "button.page_next"))
        if page.text == first.text:  # ▶ on the last page goes round to the first
            break
        pages.append(page)
        assert len(pages) < 100
    assert [position_of(p) for p in pages] == [
        t(lang, "page.position", page=n, pages=len(pages)) for n in range(1, len(pages) + 1)]
    return pages


def item_buttons(pages: list[ChatMessage], prefix: str = "item:") -> list[str]:
    return [b["callback_data"].removeprefix(prefix) for page in pages for row in page.buttons
            for b in row if b.get("callback_data", "").startswith(prefix)]


@pytest.mark.parametrize(("lang", "user_id"), [("ko", 81), ("en", 82)])
async def test_events_page_through_two_hundred_side_events(
    bot: Harness, lang: str, user_id: int,
) -> None:
    user = bot.emu.user(user_id, language_code=lang)
    user.send_command("/events")
    (first,) = await user.replies()
    assert first.text.startswith(t(lang, "events.title"))
    pages = await every_page(bot, user, first, lang)
    kb = bot.services.knowledge.kb
    side_events = [i.id for i in kb.programme if i.id in kb.side_events]
    assert item_buttons(pages) == side_events and len(side_events) > 200
    for page in pages:  # a whole page, in one message, under Telegram's limit
        assert utf16_len(page.text or "") <= TELEGRAM_LIMIT and "…" not in (page.text or "")
    long_title = kb.side_events["gen-event-006"].title.get(lang, ("en",))
    assert any(long_title in (page.text or "") for page in pages)
    # ◀ from the first page goes to the last.
    last = await turned(bot, user, first, t(lang, "button.page_prev"))
    assert last.text == pages[-1].text


@pytest.mark.parametrize(("lang", "user_id"), [("ko", 83), ("en", 84)])
async def test_booths_of_a_pavilion_page_through_three_hundred_exhibitors(
    bot: Harness, lang: str, user_id: int,
) -> None:
    user = bot.emu.user(user_id, language_code=lang)
    user.send_command("/booths", ["K-TECH"])
    (first,) = await user.replies()
    pages = await every_page(bot, user, first, lang)
    expected = [e.id for e in bot.services.knowledge.kb.exhibitors_in(BIG_PAVILION)]
    assert item_buttons(pages) == expected and len(expected) > 300
    # An exhibitor's button on the last page (◀ from the first) opens its card.
    last = await turned(bot, user, first, t(lang, "button.page_prev"))
    assert last.text == pages[-1].text
    user.press(last, f"item:{expected[-1]}")
    (card,) = await user.replies()
    assert card.text.startswith(bot.services.knowledge.kb.exhibitors[expected[-1]].name.get(
        lang, ("en",)).split(" <")[0])


@pytest.mark.parametrize(("lang", "user_id"), [("ko", 85), ("en", 86)])
async def test_a_day_of_the_schedule_pages_and_keeps_its_day_buttons(
    bot: Harness, lang: str, user_id: int,
) -> None:
    user = bot.emu.user(user_id, language_code=lang)
    user.send_command("/schedule", ["2025-09-03"])
    (first,) = await user.replies()
    pages = await every_page(bot, user, first, lang)
    kb = bot.services.knowledge.kb
    assert item_buttons(pages) == [i.id for i in kb.on_day(date(2025, 9, 3))]
    for page in pages:  # the days around it, last, on every page
        assert [b["callback_data"] for b in page.buttons[-1]] == ["day:2025-09-02",
                                                                  "day:2025-09-04"]
    # The next day's button on the last page (◀ from the first) opens that day's first page.
    last = await turned(bot, user, first, t(lang, "button.page_prev"))
    user.press(last, "day:2025-09-04")
    day4 = await edited_to(bot, user, first, lambda m: m.text != pages[-1].text)
    (middle,) = [b for row in day4.buttons for b in row if b["text"] == position_of(day4)]
    assert middle["callback_data"] == "pg:dy.2025-09-04.0"
    assert day4.text.startswith(t(lang, "day.title", date=format_day(date(2025, 9, 4), lang)))


@pytest.mark.parametrize(("lang", "user_id"), [("ko", 87), ("en", 88)])
async def test_my_agenda_pages_and_removing_keeps_the_page(
    bot: Harness, lang: str, user_id: int,
) -> None:
    user = bot.emu.user(user_id, language_code=lang)
    user.send_command("/my")
    (empty,) = await user.replies()
    assert empty.text == t(lang, "agenda.empty")
    saved = [f"gen-event-{n:03d}" for n in range(1, 200, 4)]
    for item_id in saved:
        await bot.services.store.save_session(user_id, item_id)
    user.send_command("/my")
    (first,) = await user.replies()
    pages = await every_page(bot, user, first, lang)
    assert sorted(item_buttons(pages, "unsave:")) == sorted(saved)
    assert all(page.button_labels[0] == t(lang, "button.ics") for page in pages)
    # Remove one item from the third page: the message stays on the third page.
    third = await turned(bot, user, await turned(bot, user, first, t(lang, "button.page_next")),
                         t(lang, "button.page_next"))
    assert third.text == pages[2].text
    gone = item_buttons([third], "unsave:")[0]
    user.press(third, f"unsave:{gone}")
    redrawn = await edited_to(bot, user, first, lambda m: f"unsave:{gone}" not in str(
        m.reply_markup))
    assert position_of(redrawn) == t(lang, "page.position", page=3, pages=len(pages))
    assert gone not in await bot.services.store.saved_sessions(user_id)


@pytest.mark.parametrize(("lang", "user_id"), [("ko", 89), ("en", 90)])
async def test_venues_page_and_forged_page_buttons_expire(
    bot: Harness, lang: str, user_id: int,
) -> None:
    user = bot.emu.user(user_id, language_code=lang)
    user.send_command("/venues")
    (first,) = await user.replies()
    pages = await every_page(bot, user, first, lang)
    assert len(item_buttons(pages)) == len(bot.services.knowledge.kb.venues)
    for data in ("pg:ev.1\n", "pg:pa.no-such-pavilion.0", "pg:pa.icc-jeju.0", "pg:dy.2025-13-01.0",
                 "pg:zz.0", "pg:my.x.0", "pg:ev.99999", "pg:"):
        answers = len(bot.emu.calls_of("answerCallbackQuery"))
        user.press(first, data, strict=False)
        calls = await bot.emu.wait_for_call("answerCallbackQuery", count=answers + 1)
        assert calls[-1].params["text"] == t(lang, "button.expired"), data
    # A page past the end (a list that shrank since) shows the last page, not an error.
    user.press(first, "pg:ve.999", strict=False)
    await edited_to(bot, user, first, lambda m: m.text == pages[-1].text)
