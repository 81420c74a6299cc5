"""Long lists a page at a time: never cut, never over Telegram's limit, forged data refused."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from eventbot.bot import browse
from eventbot.bot.concierge import Concierge
from eventbot.bot.kb import load_knowledge
from eventbot.bot.render import Reply
from eventbot.bot.render.pages import (
    PAGE_ENTRIES,
    PagedList,
    PageRef,
    page_data,
    parse_page,
    render_page,
    shown_page,
)
from eventbot.bot.render.reply import Button
from eventbot.bot.render.split import TELEGRAM_LIMIT, utf16_len
from tests.big_kb import BIG_PAVILION, write_big_kb


@pytest.fixture(scope="module")
def concierge(tmp_path_factory: pytest.TempPathFactory) -> Concierge:
    return Concierge(load_knowledge(write_big_kb(tmp_path_factory.mktemp("big") / "kb")))


def all_pages(first: Reply, turn: str, page_of: object) -> list[Reply]:
    """Follow ▶ from the first page until it comes round again."""
    pages, reply = [first], first
    assert callable(page_of)
    while True:
        ref = parse_page(next(b.data for row in reply.buttons for b in row if b.label == turn))
        assert ref is not None
        reply = page_of(ref)
        if reply == first:
            return pages
        pages.append(reply)


def page_data_of(reply: Reply) -> list[str]:
    return [b.data for row in reply.buttons for b in row if b.data.startswith("pg:")]


def test_every_entry_once_in_order_and_no_page_over_the_limit() -> None:
    # Entries of every size, some alone near the limit, with markup and astral characters.
    entries = [f"• <b>{i}</b> " + ("😀" * (i * 37 % 1900)) for i in range(120)]
    listing = PagedList("ev", "<b>Heading</b>", entries, [Button(str(i), f"item:e{i}")
                                                          for i in range(120)])
    shown: list[str] = []
    page = 0
    while True:
        reply = render_page(listing, page, "en")
        assert utf16_len(reply.html) <= TELEGRAM_LIMIT
        lines = reply.html.split("\n")
        assert lines[0] == "<b>Heading</b>" and 1 <= len(lines) - 1 <= PAGE_ENTRIES
        shown += lines[1:]
        # One button per entry shown, then the ◀ n/N ▶ row.
        assert [row[0].label for row in reply.buttons[:-1]] == [
            line.split("</b>")[0].removeprefix("• <b>") for line in lines[1:]]
        prev, position, nxt = reply.buttons[-1]
        assert position.data == page_data("ev", None, page)
        pages = int(position.label.split(" / ")[1])
        assert prev.data == page_data("ev", None, (page - 1) % pages)  # the first: to the last
        if page == pages - 1:
            assert nxt.data == page_data("ev", None, 0)  # round to the first
            break
        page += 1
    assert shown == entries


def test_a_short_list_has_no_page_row_and_an_empty_one_says_so() -> None:
    short = PagedList("ve", "<b>Venues</b>", ["• a", "• b"], [Button("a", "item:a"),
                                                             Button("b", "item:b")])
    assert render_page(short, 0, "en") == Reply("<b>Venues</b>\n• a\n• b", buttons=(
        (Button("a", "item:a"),), (Button("b", "item:b"),)))
    days = ((Button("◀ Mon", "day:2025-09-01"),),)
    empty = PagedList("dy", "<b>Tue</b>", [], key="2025-09-02", bottom_rows=days,
                      empty="Nothing is scheduled.")
    assert render_page(empty, 3, "ko") == Reply("Nothing is scheduled.", buttons=days)


def test_a_page_past_the_end_shows_the_last_one() -> None:
    listing = PagedList("ev", "<b>H</b>", [f"• {i}" for i in range(25)])
    assert render_page(listing, 999, "en") == render_page(listing, 2, "en")
    assert render_page(listing, -5, "en") == render_page(listing, 0, "en")


@pytest.mark.parametrize("data", [
    "pg:ev", "pg:ev.", "pg:ev.-1", "pg:ev.12345", "pg:EV.1", "pg:ev.1 ", "pg:pa.Bad-Id.1",
    "pg:pa..1", "pg:pa.-x.1", "pg:e.1", "pg:eve.1", "pg:pa.a.b.1", "pg:pa." + "a" * 49 + ".1",
    "pg:ev.1\n", "item:pg:ev.1", "pg:dy.2025-09-02.1;drop", "",
])
def test_forged_page_data_is_refused(data: str) -> None:
    assert parse_page(data) is None


def test_the_longest_page_data_fits_telegrams_64_bytes() -> None:
    data = page_data("pa", "a" * 48, 9999)
    assert parse_page(data) == PageRef("pa", "a" * 48, 9999)
    assert len(data.encode()) <= 64


def test_shown_page_reads_the_middle_button() -> None:
    listing = PagedList("my", "<b>H</b>", [f"• {i}" for i in range(35)])
    for page in range(4):
        assert shown_page(page_data_of(render_page(listing, page, "en")), "my") == page
    assert shown_page(["ics:", "unsave:x"], "my") == 0
    assert shown_page(page_data_of(render_page(listing, 2, "en")), "ev") == 0


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_two_hundred_side_events_page_through_all(concierge: Concierge, lang: str) -> None:
    first = browse.events_reply(concierge, lang)
    pages = all_pages(first, "▶", lambda ref: browse.list_page(concierge, ref, lang))
    side_events = [i for i in concierge.kb.programme if i.id in concierge.kb.side_events]
    assert len(side_events) > 200
    opened = [b.data.removeprefix("item:") for page in pages for row in page.buttons
              for b in row if b.data.startswith("item:")]
    assert opened == [i.id for i in side_events]  # every one, once, in date order
    assert all(utf16_len(page.html) <= TELEGRAM_LIMIT for page in pages)
    # Long names fill some pages before ten entries: those pages end early, not cut.
    assert any(len(page.html.split("\n")) - 1 < PAGE_ENTRIES for page in pages[:-1])
    assert all(page.html.startswith(f"<b>{browse.t(lang, 'events.title')}</b>")
               for page in pages)
    # A long name (with <, & and >) is whole and escaped, never cut.
    long_name = concierge.kb.side_events["gen-event-006"].title.get(lang, ("en",))
    assert any(long_name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
               in page.html for page in pages)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_three_hundred_exhibitors_page_through_their_pavilion(concierge: Concierge,
                                                              lang: str) -> None:
    first = browse.booths_reply(concierge, "K-TECH", lang)
    assert first == concierge.card(BIG_PAVILION, lang)  # the same card, however reached
    pages = all_pages(first, "▶", lambda ref: browse.list_page(concierge, ref, lang))
    booths = [b.data.removeprefix("item:") for page in pages for row in page.buttons
              for b in row if b.data.startswith("item:")]
    assert booths == [e.id for e in concierge.kb.exhibitors_in(BIG_PAVILION)]
    assert len(booths) > 300 and all(utf16_len(p.html) <= TELEGRAM_LIMIT for p in pages)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_crowded_day_pages_and_keeps_its_day_buttons(concierge: Concierge, lang: str) -> None:
    day = date(2025, 9, 2)
    first = browse.schedule_page(concierge, day, lang)
    pages = all_pages(first, "▶", lambda ref: browse.list_page(concierge, ref, lang))
    listed = [b.data.removeprefix("item:") for page in pages for row in page.buttons
              for b in row if b.data.startswith("item:")]
    assert listed == [i.id for i in concierge.kb.on_day(day)] and len(listed) > 40
    for page in pages:  # every page keeps the way to the days around it, last
        assert [b.data for b in page.buttons[-1]] == ["day:2025-09-01", "day:2025-09-03"]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_long_agenda_pages_with_its_calendar_button_on_every_page(concierge: Concierge,
                                                                   lang: str) -> None:
    saved = [f"gen-event-{n:03d}" for n in range(0, 200, 3)]
    first = browse.agenda_reply(concierge, saved, lang)
    pages = all_pages(first, "▶", lambda ref: browse.list_page(concierge, ref, lang, saved))
    removable = [b.data.removeprefix("unsave:") for page in pages for row in page.buttons
                 for b in row if b.data.startswith("unsave:")]
    assert sorted(removable) == sorted(saved)
    assert all(page.buttons[0][0].data == "ics:" for page in pages)


def test_venues_and_pavilions_page_too(concierge: Concierge) -> None:
    venues = all_pages(browse.venues_reply(concierge, "en"), "▶",
                       lambda ref: browse.list_page(concierge, ref, "en"))
    assert len(venues) >= 3 and sum(len(p.buttons) - 1 for p in venues) == len(
        concierge.kb.venues)
    assert page_data_of(browse.booths_reply(concierge, "", "en")) == []  # two pavilions


@pytest.mark.parametrize("ref", [
    PageRef("ev", "x", 0), PageRef("my", "x", 0), PageRef("pa", None, 0),
    PageRef("pa", "no-such-pavilion", 0), PageRef("pa", "icc-jeju", 0), PageRef("dy", None, 0),
    PageRef("dy", "2025-13-40", 0), PageRef("zz", None, 0),
])
def test_a_page_of_no_such_list_is_none(concierge: Concierge, ref: PageRef) -> None:
    assert browse.list_page(concierge, ref, "en") is None


def test_the_generated_kb_is_what_the_tests_say(tmp_path: Path) -> None:
    kb = load_knowledge(write_big_kb(tmp_path / "kb"))
    assert len(kb.exhibitors_in(BIG_PAVILION)) >= 300 and len(kb.side_events) >= 200


@pytest.mark.parametrize(("lang", "question"), [("ko", "9월 2일 일정"), ("en", "what's on sep 2?")])
def test_a_question_about_a_crowded_day_is_paged_too(concierge: Concierge, lang: str,
                                                      question: str) -> None:
    now = datetime(2025, 9, 1, 9, 0, tzinfo=concierge.kb.tz)
    reply = concierge.ask(question, now=now, stored_lang=lang).reply
    day = date(2025, 9, 2)
    assert page_data("dy", day.isoformat(), 1) in page_data_of(reply)
    first_page = [b.data for row in reply.buttons for b in row if b.data.startswith("item:")]
    assert first_page == [f"item:{i.id}" for i in concierge.kb.on_day(day)][:len(first_page)]
    # Its ▶ turns to the second page of that day's /schedule.
    assert browse.list_page(concierge, PageRef("dy", day.isoformat(), 1), lang) == (
        browse.schedule_page(concierge, day, lang, 1))
