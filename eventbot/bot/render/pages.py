"""Long lists a page at a time: a page of entries, ◀ ▶ buttons that redraw the message in place.

A page holds at most ``PAGE_ENTRIES`` entries and never more markup than one Telegram message
takes, so no entry is ever cut: an entry that cannot share a page gets one of its own. The
buttons carry only the list's name, its argument and a page number (``pg:pa.ktech-pavilion.2``);
the page is rebuilt from the knowledge base when pressed, so a forged button can show at most
another page of a public list, or the presser's own agenda, clamped to the pages there are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from eventbot.bot.i18n import t
from eventbot.bot.render.reply import Button, Reply
from eventbot.bot.render.split import TELEGRAM_LIMIT, utf16_len

PAGE_ENTRIES = 10  # a phone's screenful of a list, and as many buttons as stay easy to tap
PAGE_PREFIX = "pg:"
# pg:<list>[.<argument>].<page>: the argument is a KB id or an ISO day (both [a-z0-9_-]), so
# the longest, a 48-character id on page 9999, is 60 bytes: under Telegram's 64.
PAGE_DATA = re.compile(r"pg:([a-z]{2})(?:\.([a-z0-9][a-z0-9_-]{0,47}))?\.(\d{1,4})")

Rows = tuple[tuple[Button, ...], ...]


@dataclass(frozen=True)
class PageRef:
    """Which page of which list a button asks for."""

    view: str  # the list: "ev" side events, "pa" a pavilion's exhibitors, … (see browse)
    key: str | None  # the list's argument: a pavilion id, a day; None for a list of everything
    page: int


@dataclass(frozen=True)
class PagedList:
    """A titled list to show a page at a time, each entry with its own button."""

    view: str
    heading: str  # HTML above the entries on every page
    entries: Sequence[str]  # HTML, one entry per item (an entry may span lines)
    buttons: Sequence[Button] = ()  # one per entry, in the same order; or none
    key: str | None = None
    top_rows: Rows = ()  # on every page, above the entries' buttons (the calendar file)
    bottom_rows: Rows = ()  # on every page, below ◀ ▶ (the days around a day)
    empty: str = ""  # what to say when there are no entries


def page_data(view: str, key: str | None, page: int) -> str:
    """Return a page button's callback data."""
    return f"{PAGE_PREFIX}{view}.{key}.{page}" if key else f"{PAGE_PREFIX}{view}.{page}"


def parse_page(data: str) -> PageRef | None:
    """Read a page button's data; None if it is not one of ours."""
    match = PAGE_DATA.fullmatch(data)  # not match: "$" would let a trailing newline in
    return PageRef(match[1], match[2], int(match[3])) if match else None


def page_starts(heading: str, entries: Sequence[str],
                limit: int = TELEGRAM_LIMIT) -> list[int]:
    """Return the index of each page's first entry: a page ends at PAGE_ENTRIES or the limit."""
    starts: list[int] = []
    used = count = 0
    base = utf16_len(heading)
    for index, entry in enumerate(entries):
        size = 1 + utf16_len(entry)  # its line break and itself
        if not starts or count == PAGE_ENTRIES or used + size > limit:
            starts.append(index)
            used, count = base, 0
        used += size
        count += 1
    return starts


def render_page(listing: PagedList, page: int, lang: str) -> Reply:
    """Return one page of a list with its buttons; a page past the end shows the last one."""
    if not listing.entries:
        return Reply(listing.empty or listing.heading, buttons=listing.bottom_rows)
    starts = page_starts(listing.heading, listing.entries)
    page = min(max(page, 0), len(starts) - 1)
    end = starts[page + 1] if page + 1 < len(starts) else len(listing.entries)
    html = "\n".join([listing.heading, *listing.entries[starts[page]:end]])
    own = tuple((button,) for button in listing.buttons[starts[page]:end])
    return Reply(html, buttons=(*listing.top_rows, *own,
                                *_turns(listing, page, len(starts), lang), *listing.bottom_rows))


def _turns(listing: PagedList, page: int, pages: int, lang: str) -> Rows:
    """Return the ◀ n/N ▶ row; ◀ on the first page goes round to the last."""
    # Always three buttons: the middle one (redrawing the page shown) tells shown_page which
    # page a message shows, and the row keeps its place as the user pages.
    if pages < 2:
        return ()

    def to(number: int) -> str:
        return page_data(listing.view, listing.key, number % pages)

    return ((Button(t(lang, "button.page_prev"), to(page - 1)),
             Button(t(lang, "page.position", page=page + 1, pages=pages), to(page)),
             Button(t(lang, "button.page_next"), to(page + 1))),)


def shown_page(button_data: Iterable[str], view: str) -> int:
    """Return the page a message shows, read from its buttons (0 if it has no ◀ ▶ row)."""
    pages = [ref.page for ref in map(parse_page, button_data)
             if ref is not None and ref.view == view]
    return pages[1] if len(pages) == 3 else 0  # ◀, the page shown, ▶
