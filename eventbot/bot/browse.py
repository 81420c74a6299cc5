"""Browse views: the programme by day, venues, side events, booths, a user's agenda."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from html import escape

from eventbot.bot.agenda import agenda
from eventbot.bot.concierge import Concierge
from eventbot.bot.days import find_day
from eventbot.bot.i18n import LANGUAGE_NAMES, t
from eventbot.bot.kb.models import Exhibitor, Item, Pavilion, Session, SideEvent
from eventbot.bot.matching import QuestionKind
from eventbot.bot.render.cards import DAY_VIEW, PAVILION_VIEW, CardWriter
from eventbot.bot.render.pages import PagedList, PageRef, render_page
from eventbot.bot.render.reply import Button, Reply

# The lists shown a page at a time, as named in their page buttons' data (see render.pages);
# a pavilion's exhibitors and a day's programme are named in render.cards.
EVENTS_VIEW, VENUES_VIEW, PAVILIONS_VIEW, AGENDA_VIEW = "ev", "ve", "bo", "my"
BOOTH_MIN_SCORE = 75.0  # /booths <query>: below this, say nothing matched rather than guess
_MONTH_DAY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})$")


def programme_days(concierge: Concierge) -> list[date]:
    """Return every day on which something is on, in order."""
    return list(concierge.kb.programme_days)


def parse_day(text: str, days: Sequence[date], today: date | None = None, *,
              day_first: bool = False, event_days: Sequence[date] | None = None) -> date | None:
    """Read '2025-09-02', '9/2' ('2/9' when the reader writes the day first), a day of the
    month ('2'), or, given today, 'tomorrow', 'friday', '내일', '明日', 'Sep 4', '9월 4일'
    among the programme days, 'day 2' among the event's (``event_days``)."""
    text = text.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = _MONTH_DAY.match(text)
    if match:
        month, day = int(match[1]), int(match[2])
        if day_first:
            month, day = day, month
        return next((d for d in days if (d.month, d.day) == (month, day)), None)
    # isdecimal, not isdigit: '²' and '①' are digits that int() refuses.
    if text.isdecimal() and len(text) <= 2:
        return next((d for d in days if d.day == int(text)), None)
    named = find_day(text, today, days, day_first=day_first,
                     event_days=event_days) if today is not None else None
    return named[0] if named is not None and not named[1] else None


def schedule_page(concierge: Concierge, day: date, lang: str, page: int = 0) -> Reply:
    """Return a page of one day's programme, buttons to its items and to the days around it."""
    days = programme_days(concierge)
    writer = CardWriter(concierge.kb, lang)
    items = list(concierge.kb.on_day(day))
    label = writer.day_title(datetime.combine(day, datetime.min.time()))
    nav = []
    if day in days:
        index = days.index(day)
        if index > 0:
            prev = days[index - 1]
            nav.append(Button(t(lang, "button.prev", day=_short_day(writer, prev)),
                              f"day:{prev.isoformat()}"))
        if index < len(days) - 1:
            nxt = days[index + 1]
            nav.append(Button(t(lang, "button.next", day=_short_day(writer, nxt)),
                              f"day:{nxt.isoformat()}"))
    return render_page(PagedList(
        DAY_VIEW, f"<b>{escape(t(lang, 'day.title', date=label))}</b>",
        writer.listing_lines(items, writer.short_when), _item_buttons(writer, items),
        key=day.isoformat(), bottom_rows=(tuple(nav),) if nav else (),
        empty=t(lang, "today.nothing", date=label)), page, lang)


def _short_day(writer: CardWriter, day: date) -> str:
    return writer.day_title(datetime.combine(day, datetime.min.time())).split(",")[0]


def first_day(concierge: Concierge, now: datetime) -> date:
    """Return today if something is on, else the next programme day, else the first."""
    today = now.astimezone(concierge.kb.tz).date()
    days = programme_days(concierge)
    return next((d for d in days if d >= today), days[0] if days else today)


def _item_buttons(writer: CardWriter, items: Sequence[Item]) -> list[Button]:
    return [Button(writer.plain_name(i), f"item:{i.id}") for i in items]


def venues_reply(concierge: Concierge, lang: str, page: int = 0) -> Reply:
    """List the venues, a page at a time, with a button to each."""
    writer = CardWriter(concierge.kb, lang)
    venues = list(concierge.kb.venues.values())
    lines = [f"• {writer.name(v)}" + (f" — {writer.text(v.city)}" if v.city else "")
             for v in venues]
    return render_page(PagedList(VENUES_VIEW, f"<b>{t(lang, 'venues.title')}</b>", lines,
                                 _item_buttons(writer, venues)), page, lang)


def events_reply(concierge: Concierge, lang: str, page: int = 0) -> Reply:
    """List the side events in date order, a page at a time, with a button to each."""
    writer = CardWriter(concierge.kb, lang)
    items = [i for i in concierge.kb.programme if isinstance(i, SideEvent)]
    return render_page(PagedList(EVENTS_VIEW, f"<b>{escape(t(lang, 'events.title'))}</b>",
                                 writer.listing_lines(items), _item_buttons(writer, items),
                                 empty=f"<b>{escape(t(lang, 'events.title'))}</b>"), page, lang)


def pavilions_reply(concierge: Concierge, lang: str, page: int = 0) -> Reply:
    """List the pavilions, a page at a time, with a button to each."""
    writer = CardWriter(concierge.kb, lang)
    pavilions = list(concierge.kb.pavilions.values())
    lines = [f"• {writer.name(p)}" + (f" ({t(lang, 'label.companies', count=p.companies)})"
                                      if p.companies else "") for p in pavilions]
    return render_page(PagedList(PAVILIONS_VIEW, f"<b>{t(lang, 'booths.title')}</b>", lines,
                                 _item_buttons(writer, pavilions)), page, lang)


def booths_reply(concierge: Concierge, query: str, lang: str) -> Reply:
    """List pavilions, or show the pavilion or exhibitor that best matches ``query``."""
    writer = CardWriter(concierge.kb, lang)
    if not query.strip():
        return pavilions_reply(concierge, lang)
    hits = [h for h in concierge.matcher.rank(query, booth_first=True)[:20]
            if h.kind in {"pavilion", "exhibitor"} and h.score >= BOOTH_MIN_SCORE]
    if not hits:
        return Reply(t(lang, "booths.none", query=escape(query.strip()[:100])))
    item = concierge.kb.items[hits[0].item_id]
    assert isinstance(item, Pavilion | Exhibitor)
    return writer.card(item, QuestionKind.BOOTH)


def item_card(
    concierge: Concierge, item_id: str, lang: str, *, saved: bool, bot_username: str,
    kind: QuestionKind = QuestionKind.UNKNOWN,
) -> Reply | None:
    """Return an item's card; programme items get Save/Remove and a share link."""
    reply = concierge.card(item_id, lang, kind)
    if reply is None or not on_programme(concierge, item_id):
        return reply
    return with_agenda_button(reply, item_id, lang, saved=saved, bot_username=bot_username)


def on_programme(concierge: Concierge, item_id: str) -> bool:
    """Tell whether an item can be saved to an agenda (a session or a side event)."""
    return isinstance(concierge.kb.items.get(item_id), Session | SideEvent)


def with_agenda_button(
    reply: Reply, item_id: str, lang: str, *, saved: bool, bot_username: str
) -> Reply:
    """Add the Save or Remove button and a share link to a programme card."""
    button = (Button(t(lang, "button.remove"), f"unsave:{item_id}") if saved
              else Button(t(lang, "button.save"), f"save:{item_id}"))
    html = reply.html
    if bot_username:
        link = f"https://t.me/{bot_username}?start=session_{item_id}"
        html += "\n" + t(lang, "share.link", link=link)
    return Reply(html, buttons=((button,), *reply.buttons), pin=reply.pin, extra=reply.extra)


def agenda_reply(concierge: Concierge, saved_ids: Sequence[str], lang: str,
                 page: int = 0) -> Reply:
    """List a user's saved items in time order, a page at a time; flag clashes, offer the .ics."""
    writer = CardWriter(concierge.kb, lang)
    entries = agenda(concierge.kb, saved_ids)
    lines = []
    for entry in entries:
        line = f"• {escape(writer.dated_when(entry.item))} <b>{writer.name(entry.item)}</b>"
        for other in entry.clashes:
            line += "\n   " + t(lang, "agenda.clash", other=writer.name(other))
        lines.append(line)
    return render_page(PagedList(
        AGENDA_VIEW, f"<b>{t(lang, 'agenda.title')}</b>", lines,
        [Button(f"✖ {writer.plain_name(e.item)}", f"unsave:{e.item.id}") for e in entries],
        top_rows=((Button(t(lang, "button.ics"), "ics:"),
                   Button(t(lang, "button.remind"), "remind:")),),  # the lead time: /remind
        empty=t(lang, "agenda.empty")),
        page, lang)


def list_page(concierge: Concierge, wanted: PageRef, lang: str,
              saved_ids: Sequence[str] = ()) -> Reply | None:
    """Return the page a page button asks for; None if no such list (a forged button)."""
    page, key = wanted.page, wanted.key
    if wanted.view in _WHOLE_LISTS and key is None:
        return _WHOLE_LISTS[wanted.view](concierge, lang, page)
    if wanted.view == AGENDA_VIEW and key is None:
        return agenda_reply(concierge, saved_ids, lang, page)
    pavilion = concierge.kb.pavilions.get(key or "")
    if wanted.view == PAVILION_VIEW and pavilion is not None:
        return CardWriter(concierge.kb, lang).pavilion_page(pavilion, page)
    if wanted.view == DAY_VIEW and key is not None:
        try:
            day = date.fromisoformat(key)
        except ValueError:
            return None
        return schedule_page(concierge, day, lang, page)
    return None


_WHOLE_LISTS: dict[str, Callable[[Concierge, str, int], Reply]] = {
    EVENTS_VIEW: events_reply, VENUES_VIEW: venues_reply, PAVILIONS_VIEW: pavilions_reply,
}


def language_reply(languages: Sequence[str], current: str) -> Reply:
    """Offer the event's languages as buttons, the current one marked."""
    buttons = tuple(
        (Button(("✓ " if code == current else "") + LANGUAGE_NAMES.get(code, code),
                f"lang:{code}"),)
        for code in languages if code in LANGUAGE_NAMES
    )
    return Reply(t(current, "language.choose"), buttons=buttons)
