"""News tips, the core and storage: references, tip-or-question, headers, outbox, export."""

from __future__ import annotations

import argparse
import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from eventbot.bot.clock import ManualClock
from eventbot.bot.relay.worker import delivery_backoff
from eventbot.bot.routing import MessageFacts, route
from eventbot.bot.storage import Storage
from eventbot.bot.tips import (
    HeaderFacts,
    TipContent,
    acknowledgement,
    content_from_json,
    content_to_json,
    header_html,
    kept_summary,
    offer_tip_for,
    open_for_additions,
    parse_reference,
    rate_limited,
    reference,
)
from eventbot.bot.tips_cli import add_tips_parser

NOW = datetime(2025, 9, 1, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "expected"), [
    ("T-0042", 42), ("t42", 42), ("#7", 7), ("12", 12), ("T-0000", None), ("hello", None),
    ("T-42x", None),
])
def test_parse_reference(text: str, expected: int | None) -> None:
    assert parse_reference(text) == expected
    if expected is not None:
        assert parse_reference(reference(expected)) == expected


@pytest.mark.parametrize(("facts", "expected"), [
    (MessageFacts("text"), "question"),
    # Without /tip nothing reaches the newsroom before its sender says yes.
    (MessageFacts("text", forwarded=True), "ask_first"),
    (MessageFacts("photo"), "ask_first"),
    (MessageFacts("voice"), "ask_first"),
    (MessageFacts("location"), "ask_first"),
    (MessageFacts("contact"), "ask_first"),
    (MessageFacts("other"), "not_text"),  # a sticker alone
    (MessageFacts("other", draft_open=True), "tip"),
    (MessageFacts("text", draft_open=True), "tip"),
    (MessageFacts("text", replies_to_ack=True), "add"),
    (MessageFacts("photo", replies_to_ack=True), "add"),
    # A reply to the newsroom joins the tip's thread, never a question or a new tip.
    (MessageFacts("text", replies_to_newsroom=True), "answer"),
    (MessageFacts("voice", replies_to_newsroom=True, ticket_open=True), "answer"),
    # A helpdesk conversation takes everything but explicit tip intents.
    (MessageFacts("text", ticket_open=True), "ticket"),
    (MessageFacts("photo", ticket_open=True), "ticket"),
    (MessageFacts("photo", draft_open=True, ticket_open=True), "tip"),
    # No newsroom: no tip routes at all.
    (MessageFacts("photo", tip_line=False), "not_text"),
    (MessageFacts("text", forwarded=True, tip_line=False), "question"),
    (MessageFacts("text", replies_to_newsroom=True, tip_line=False), "question"),
])
def test_route(facts: MessageFacts, expected: str) -> None:
    assert route(facts) == expected


def test_content_survives_being_kept_as_json() -> None:
    content = TipContent(5, 7, "photo", text="캡션", forward_origin={"type": "hidden_user"},
                         forward_date=NOW, file_id="F", latitude=1.5, extra={"w": 1})
    assert content_from_json(content_to_json(content)) == content


def test_offer_only_for_long_fallbacks() -> None:
    assert offer_tip_for("x" * 201, "fallback")
    assert not offer_tip_for("x" * 150, "fallback")
    assert not offer_tip_for("x" * 300, "answer")


def test_rate_limit_window_and_backoff() -> None:
    assert not rate_limited(19, 20) and rate_limited(20, 20)
    assert [delivery_backoff(n) for n in (1, 2, 3, 10)] == [1.0, 2.0, 4.0, 60.0]
    assert open_for_additions(NOW, "delivered", NOW + timedelta(minutes=30), 30)
    assert not open_for_additions(NOW, "delivered", NOW + timedelta(minutes=31), 30)
    assert not open_for_additions(NOW, "closed", NOW, 30)


def test_header_and_acknowledgement() -> None:
    facts = HeaderFacts(tip_id=42, created_at=NOW, language="ko", kinds=("photo",) * 3,
                        origins=(("channel <Jeju>", NOW),))
    html = header_html(facts, ZoneInfo("Asia/Seoul"))
    assert html.startswith("📰 <b>News tip T-0042</b>\n🕒 2025-09-01 09:00 KST · 🌐 ko")
    assert "album: 3 photo" in html and "channel &lt;Jeju&gt;" in html
    assert "👤" not in html
    assert kept_summary(["photo", "photo", "text"]) == "📷×2 📝"
    ack = acknowledgement("en", 42, ["document"], ["too_large"], 30)
    assert ack.startswith("📰 Thank you! Your tip is saved as T-0042 (📄)")
    assert "too large for the archive" in ack


def content(message_id: int, kind: str = "photo", **fields: object) -> TipContent:
    return TipContent(chat_id=5, message_id=message_id, kind=kind, **fields)  # type: ignore[arg-type]


async def test_store_dedupes_albums_and_orders_the_outbox(tmp_path: Path) -> None:
    clock = ManualClock(NOW)
    async with Storage.open(tmp_path / "t.sqlite3", now=clock) as store:
        await store.touch_user(5, 5, "en")
        first = await store.create_tip(5, "en", content(1, "text", text="hello"))
        again = await store.create_tip(5, "en", content(1, "text", text="hello"))
        assert (first.tip_id, first.new_item) == (1, True)
        assert (again.tip_id, again.new_item) == (1, False)  # a redelivered update
        album = await store.create_tip(5, "en", content(2, media_group_id="g1"))
        await store.add_to_tip(album.tip_id, content(3, media_group_id="g1"), addition=False)
        assert (await store.album_tip(5, "g1")).id == album.tip_id  # type: ignore[union-attr]
        assert await store.pending_relay_rows("tips") == 2  # the album waits to settle
        assert [t.id for t in await store.open_albums()] == [2]
        assert await store.settle_album(2) and not await store.settle_album(2)
        order = []
        while (row := await store.next_relay_row("tips")) is not None:
            item = await store.tip_item(row.item_id) if row.item_id is not None else None
            order.append((row.thread_id, row.kind, item.message_id if item else None))
            await store.tip_delivered(row.id, -100, 100 + row.id)
        assert order == [(1, "header", None), (1, "copy", 1), (2, "header", None),
                         (2, "copy", 2), (2, "copy", 3)]
        assert (await store.get_tip(2)).status == "delivered"  # type: ignore[union-attr]
        assert await store.thread_of_message(-100, 103) == ("tips", 2)
        assert await store.count_tips_since(5, NOW - timedelta(hours=1)) == 2
        assert await store.block_tip_submitter(1) and await store.tip_submitter_blocked(5)


async def _one_tip(db: Path) -> None:
    async with Storage.open(db, now=ManualClock(NOW)) as store:
        await store.touch_user(5, 5, "en")
        await store.create_tip(5, "ko", content(1, file_id="F1", file_size=10, text="cap",
                                                forward_origin={"type": "hidden_user"}))


def test_export_writes_tips_with_file_metadata(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    asyncio.run(_one_tip(db))
    parser = argparse.ArgumentParser()
    add_tips_parser(parser.add_subparsers(dest="command"))
    out = tmp_path / "tips.json"
    args = parser.parse_args(["tips", "export", "--db", str(db), "--out", str(out)])
    assert args.func(args) == 0
    (tip,) = json.loads(out.read_text(encoding="utf-8"))["tips"]
    assert tip["reference"] == "T-0001" and tip["language"] == "ko"
    (item,) = tip["items"]
    assert item["file"]["file_id"] == "F1" and item["text"] == "cap"
    assert item["forward_origin"] == {"type": "hidden_user"}
    assert not {"user_id", "chat_id", "submitter_chat_id"} & set(tip)  # anonymous archive
    missing = parser.parse_args(["tips", "export", "--db", str(tmp_path / "none.sqlite3")])
    assert missing.func(missing) == 2
