"""The relay's storage: the newsroom outbox moved over, tickets, offers, per-sender order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from eventbot.bot.clock import ManualClock
from eventbot.bot.storage import Storage
from eventbot.bot.storage._db import Database
from eventbot.bot.storage._migrations import MIGRATIONS
from eventbot.bot.tips import TipContent

NOW = datetime(2025, 9, 1, 0, 0, tzinfo=UTC)
STAMP = NOW.isoformat(timespec="microseconds")


def text(message_id: int, words: str = "hello", chat_id: int = 5) -> TipContent:
    return TipContent(chat_id=chat_id, message_id=message_id, kind="text", text=words)


async def test_a_version_7_newsroom_outbox_moves_into_the_relay(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    db = await Database.open(path, migrations=[m for m in MIGRATIONS if m.version < 8])
    async with db.transaction() as tx:
        await tx.execute("INSERT INTO tips (id, user_id, chat_id, language, created_at, "
                         "updated_at) VALUES (7, 5, 5, 'ko', ?, ?)", (STAMP, STAMP))
        await tx.execute("INSERT INTO tip_items (id, tip_id, chat_id, message_id, kind, text, "
                         "received_at) VALUES (1, 7, 5, 10, 'text', 'smoke', ?)", (STAMP,))
        await tx.execute("INSERT INTO tip_outbox (id, tip_id, item_id, kind, created_at, sent_at, "
                         "sent_chat_id, sent_message_id) VALUES (3, 7, NULL, 'header', ?, ?, "
                         "-100, 40)", (STAMP, STAMP))
        await tx.execute("INSERT INTO tip_outbox (id, tip_id, item_id, kind, created_at, "
                         "rejections, last_error) VALUES (4, 7, 1, 'copy', ?, 2, 'BadRequest')",
                         (STAMP,))
        await tx.execute("INSERT INTO tip_newsroom_messages VALUES (-100, 40, 7)")
        await tx.execute("INSERT INTO tip_thread (tip_id, event, text, at) "
                         "VALUES (7, 'reply', 'when?', ?)", (STAMP,))
    await db.close()

    async with Storage.open(path, now=ManualClock(NOW)) as store:
        row = await store.next_relay_row("tips")
        assert row is not None and (row.id, row.thread_id, row.sender_id, row.kind) == (
            4, 7, 5, "copy")
        assert row.item_id == 1 and row.rejections == 2 and row.last_error == "BadRequest"
        assert await store.thread_of_message(-100, 40) == ("tips", 7)
        assert [(e.event, e.text) for e in await store.tip_thread(7)] == [("reply", "when?")]
        assert await store.pending_relay_rows("tips") == 1
        await store.forget_user(5)  # a tip's relay rows and links go with it
        assert await store.pending_relay_rows("tips") == 0
        assert await store.thread_of_message(-100, 40) is None


async def test_tickets_one_open_per_attendee_and_rows_in_order(tmp_path: Path) -> None:
    clock = ManualClock(NOW)
    async with Storage.open(tmp_path / "t.sqlite3", now=clock) as store:
        first = await store.open_ticket(5, "ko", "기도실?", "fallback", "[]", text(1, "기도실?"))
        again = await store.open_ticket(5, "ko", "기도실?", "fallback", "[]", text(1, "기도실?"))
        assert (first.ticket_id, first.new_ticket) == (1, True)
        assert (again.ticket_id, again.new_message) == (1, False)  # a redelivered update
        joined = await store.open_ticket(5, "ko", "또", None, None, text(2, "또"))
        assert (joined.ticket_id, joined.new_ticket) == (1, False)  # one open ticket each
        await store.add_to_ticket(1, TipContent(5, 3, "photo", text="여기"))
        other = await store.open_ticket(6, "en", "hi", None, None, text(1, "hi", chat_id=6))
        assert other.ticket_id == 2
        order = []
        while (row := await store.next_relay_row("helpdesk")) is not None:
            order.append((row.thread_id, row.kind))
            await store.relay_delivered(row.id, -200, 100 + row.id)
        assert order == [(1, "header"), (1, "said"), (1, "sent"), (1, "copy"), (2, "header")]
        assert await store.thread_of_message(-200, 101) == ("helpdesk", 1)
        assert await store.next_relay_row("tips") is None  # channels apart

        clock.moment = NOW + timedelta(minutes=121)
        idle = await store.idle_tickets(clock() - timedelta(minutes=120))
        assert [t.id for t in idle] == [1, 2]
        assert await store.close_ticket(1, "idle") and not await store.close_ticket(1, "idle")
        row = await store.next_relay_row("helpdesk")
        assert row is not None and (row.thread_id, row.kind) == (1, "idle")
        ticket, draft = await store.helpdesk_state(5, NOW)
        assert ticket is None and not draft
        # A staff answer to a closed ticket reopens it (the attendee has no other open one).
        assert await store.record_helpdesk_reply(1, TipContent(-200, 900, "text", text="yes"))
        ticket, _ = await store.helpdesk_state(5, NOW)
        assert ticket is not None and ticket.id == 1


async def test_offers_keep_media_until_yes_and_forget_it_on_no(tmp_path: Path) -> None:
    async with Storage.open(tmp_path / "t.sqlite3", now=ManualClock(NOW)) as store:
        await store.touch_user(5, 5, "en")
        album = [TipContent(5, n, "photo", media_group_id="g", file_id=f"F{n}") for n in (1, 2)]
        offer = await store.offer_tip(5, "en", album[0])
        assert (await store.offer_tip(5, "en", album[1])).id == offer.id
        again = await store.offer_tip(5, "en", album[1])
        assert not again.new_item and len(again.contents) == 2
        assert await store.pending_relay_rows("tips") == 0  # nothing queued before a yes
        tip_id = await store.accept_tip_offer(offer.id)
        assert tip_id == 1 and await store.accept_tip_offer(offer.id) == 1  # a double tap
        assert [i.message_id for i in await store.tip_items(1)] == [1, 2]
        assert await store.pending_relay_rows("tips") == 3  # header and two copies
        late = await store.offer_tip(5, "en", TipContent(5, 3, "photo", media_group_id="g"))
        assert late.tip_id == 1  # a late item of the album joins the tip
        voice = await store.offer_tip(5, "en", TipContent(5, 9, "voice", file_id="V"))
        assert await store.decline_tip_offer(voice.id)
        assert await store.tip_offer(voice.id) is None
        assert not await store.decline_tip_offer(offer.id)  # accepted: stays a tip
