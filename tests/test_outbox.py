"""The announcement core, the outbox storage and schedule-change notices, without Telegram."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from eventbot.bot.clock import ManualClock
from eventbot.bot.kb import load_knowledge
from eventbot.bot.outbox import (
    CAPTION_LIMIT,
    Audience,
    ChatPacer,
    Draft,
    Part,
    ProgressThrottle,
    RetryPolicy,
    TokenBucket,
    deliveries_for,
    message_parts,
    progress_text,
    report_text,
    split_text,
    text_for,
    versions,
)
from eventbot.bot.outbox_notices import diff_programme, notice_texts
from eventbot.bot.storage import Storage
from eventbot.bot.storage._outbox import DeliveryCounts, NewDelivery, Recipient
from tests.bot_harness import SEOUL
from tests.paths import SAMPLE_KB

NOW = datetime(2025, 9, 1, 9, 0, tzinfo=SEOUL)


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_token_bucket_paces_at_rate_with_burst_of_one() -> None:
    clock = FakeMonotonic()
    bucket = TokenBucket(10.0, now=clock)
    assert bucket.reserve() == 0.0
    assert bucket.reserve() == pytest.approx(0.1)
    assert bucket.reserve() == pytest.approx(0.2)  # reservations queue up
    clock.now += 1.0
    assert bucket.reserve() == 0.0  # refilled, but never beyond one token
    assert bucket.reserve() == pytest.approx(0.1)


def test_broadcast_bucket_catches_up_after_a_late_send_within_its_burst() -> None:
    clock = FakeMonotonic()
    bucket = TokenBucket.for_broadcast(300.0, now=clock)
    assert bucket.capacity == 3.0  # 10 ms of sends
    assert TokenBucket.for_broadcast(25.0).capacity == 1.0  # never below one
    assert bucket.reserve() == 0.0
    clock.now += 0.02  # a slow send: 20 ms instead of 3.3
    waits = [bucket.reserve() for _ in range(4)]
    assert waits[:3] == [0.0, 0.0, 0.0]  # the burst makes up for it at once
    assert waits[3] == pytest.approx(1 / 300)


def simulate_sends(bucket: TokenBucket, clock: FakeMonotonic, count: int) -> list[float]:
    """Send as the bucket allows, each send and commit taking 1-6 ms (2.75 ms on average)."""
    import random

    rng = random.Random(7)
    sends = []
    for _ in range(count):
        clock.now += bucket.reserve()
        sends.append(clock.now)
        clock.now += rng.choice((0.001, 0.002, 0.002, 0.006))
    return sends


def test_broadcast_bucket_never_exceeds_rate_plus_burst_in_any_second() -> None:
    clock = FakeMonotonic()
    bucket = TokenBucket.for_broadcast(294.0, now=clock)
    sends = simulate_sends(bucket, clock, 3000)
    start = 0
    for end, at in enumerate(sends):
        while sends[start] <= at - 1.0:
            start += 1
        assert end - start + 1 <= 294 + bucket.capacity
    rate = (len(sends) - 1) / (sends[-1] - sends[0])
    one_clock = FakeMonotonic()
    no_burst = simulate_sends(TokenBucket(294.0, now=one_clock), one_clock, 3000)
    rate_no_burst = (len(no_burst) - 1) / (no_burst[-1] - no_burst[0])
    assert rate > 0.98 * 294 > rate_no_burst  # jitter costs rate only without the burst


def test_token_bucket_pause_holds_everything() -> None:
    clock = FakeMonotonic()
    bucket = TokenBucket(100.0, now=clock)
    bucket.pause(3.0)
    assert bucket.reserve() == pytest.approx(3.01)
    clock.now += 5.0
    assert bucket.reserve() == 0.0


def test_chat_pacer_spaces_messages_to_one_chat() -> None:
    clock = FakeMonotonic()
    pacer = ChatPacer(1.0, now=clock)
    assert pacer.wait(7) == 0.0
    pacer.note(7)
    clock.now += 0.25
    assert pacer.wait(7) == pytest.approx(0.75)
    assert pacer.wait(8) == 0.0


def test_retry_policy_backs_off_then_gives_up() -> None:
    policy = RetryPolicy(max_attempts=5, first_delay=1.0, max_delay=5.0)
    delays = [policy.delay(attempts) for attempts in range(5)]
    assert delays == [timedelta(seconds=s) for s in (1, 2, 4, 5)] + [None]


@pytest.mark.parametrize(
    ("text", "media", "kinds"),
    [
        ("hello", None, ["text"]),
        ("hello", "photo", ["photo"]),
        ("x" * CAPTION_LIMIT, "document", ["document"]),
        ("x" * (CAPTION_LIMIT + 1), "photo", ["photo", "text"]),
        ("word " * 2000, None, ["text", "text", "text"]),
    ],
)
def test_message_parts(text: str, media: str | None, kinds: list[str]) -> None:
    parts = message_parts(text, media, "FILE" if media else None)
    assert [p.kind for p in parts] == kinds
    assert all(len(p.text or "") <= 4096 for p in parts)
    if media and len(text) <= CAPTION_LIMIT:
        assert parts == [Part(media, text, "FILE")]  # type: ignore[arg-type]


def test_emoji_count_twice_in_captions_and_messages() -> None:
    # Telegram counts UTF-16 units: 600 emoji are 1,200 of them, too long for a caption.
    emoji = "🎉" * 600
    assert [p.kind for p in message_parts(emoji, "photo", "FILE")] == ["photo", "text"]
    chunks = split_text("🎉 " * 3000)
    assert all(len(c.encode("utf-16-le")) // 2 <= 4096 for c in chunks)
    assert " ".join(chunks).split() == ("🎉 " * 3000).split()


def test_split_text_keeps_every_word() -> None:
    text = " ".join(f"w{i}" for i in range(3000))
    assert " ".join(split_text(text, 500)).split() == text.split()


def test_text_falls_back_to_the_default_language() -> None:
    texts = {"ko": "플레너리가 B홀로 옮겨요", "en": "The plenary moves to Hall B"}
    assert text_for(texts, "en", "ko") == "The plenary moves to Hall B"
    assert text_for(texts, "ja", "ko") == "플레너리가 B홀로 옮겨요"


def test_deliveries_choose_language_and_filter_language_audience() -> None:
    recipients = [
        Recipient(1, 1, None, "ko"), Recipient(2, 2, "en", "ko"), Recipient(3, 3, None, "ja-JP"),
        Recipient(4, 4, None, "fr"),
    ]
    langs = ["ko", "en", "ja", "zh"]
    everyone = deliveries_for(recipients, Audience("all"), "ko", langs)
    # A French phone at a ko/en event reads English, not the host's Korean.
    assert [(d.user_id, d.language) for d in everyone] == [(1, "ko"), (2, "en"), (3, "ja"),
                                                          (4, "en")]
    english = deliveries_for(recipients, Audience("language", "en"), "ko", langs)
    assert [d.user_id for d in english] == [2, 4]
    grouped = versions(everyone, {"ko": "k", "en": "e"}, "ko")
    assert grouped == {"ko": {"ko": 1, "ja": 1}, "en": {"en": 2}}


def test_progress_and_report_texts() -> None:
    counts = DeliveryCounts(pending=3769, sent=1240, failed=0, blocked=3)
    assert progress_text(7, counts, "en", 25.0) == (
        "Announcement #7: 1,240 / 5,012 sent · 3 blocked · 0 failed · ETA 3 min"
    )
    done = DeliveryCounts(sent=5009, blocked=3)
    report = report_text(7, done, "ko", NOW, NOW + timedelta(seconds=40))
    assert "5,009 / 5,012" in report and "40초" in report


def test_progress_throttle_allows_one_edit_every_two_seconds() -> None:
    clock = ManualClock(NOW)
    throttle = ProgressThrottle(clock)
    assert throttle.due(1) and not throttle.due(1)
    assert throttle.due(2)
    clock.advance(timedelta(seconds=2))
    assert throttle.due(1)


def test_draft_tracks_missing_languages() -> None:
    draft = Draft("ko").with_text("ko", "안내").with_text("en", "Notice")
    assert draft.missing_languages(["ko", "en", "ja", "zh"]) == ["ja", "zh"]
    assert Audience.from_json(Audience("saved", "x", "X").to_json()) == Audience("saved", "x", "X")
    assert Audience("saved", "x", "Plenary").describe("en") == "people who saved “Plenary”"


# -- schedule changes ------------------------------------------------------------------------


def moved_kb(tmp_path: Path) -> Path:
    """Copy the sample KB, move plenary-new-tech to 14:00 in another room, drop a side event."""
    folder = tmp_path / "kb"
    shutil.copytree(SAMPLE_KB, folder)
    programme = folder / "programme.yaml"
    text = programme.read_text(encoding="utf-8")
    old = ("    start: 2025-09-02 10:00\n    end: 2025-09-02 12:00\n    venue: icc-jeju\n"
           "    room: halla-hall\n")
    assert old in text
    programme.write_text(text.replace(old, old.replace("10:00", "14:00").replace(
        "12:00", "16:00").replace("halla-hall", "exhibition-hall")), encoding="utf-8")
    return folder


def test_diff_programme_finds_moves_and_removals(tmp_path: Path) -> None:
    old_kb = load_knowledge(SAMPLE_KB)
    new_kb = load_knowledge(moved_kb(tmp_path))
    (change,) = diff_programme(old_kb, new_kb)
    assert change.item_id == "plenary-new-tech"
    assert change.time_changed and change.place_changed and not change.removed
    assert diff_programme(old_kb, old_kb) == []
    texts = notice_texts(change, old_kb, new_kb)
    assert set(texts) == set(old_kb.event.languages)  # one notice per language the event offers
    assert texts["en"].startswith("⚠ Schedule change: Plenary 1")
    assert "14:00" in texts["en"] and "10:00" in texts["en"]
    assert "Halla Hall" in texts["en"]


def test_diff_programme_reports_removed_items(tmp_path: Path) -> None:
    old_kb = load_knowledge(SAMPLE_KB)
    folder = tmp_path / "kb"
    shutil.copytree(SAMPLE_KB, folder)
    (folder / "side_events.yaml").write_text("side_events: []\n", encoding="utf-8")
    changes = diff_programme(old_kb, load_knowledge(folder))
    assert changes and all(c.removed for c in changes)
    assert {c.item_id for c in changes} == set(old_kb.side_events)


# -- the outbox in SQLite --------------------------------------------------------------------


@pytest.fixture
async def store(tmp_path: Path):
    clock = ManualClock(NOW)
    async with Storage.open(tmp_path / "outbox.sqlite3", now=clock) as opened:
        opened.test_clock = clock  # type: ignore[attr-defined]
        for user_id in (1, 2, 3):
            await opened.touch_user(user_id, user_id, "en")
        yield opened


async def test_rows_are_written_before_sending_and_resume_in_order(store) -> None:
    recipients = [NewDelivery(u, u, "en") for u in (1, 2, 3, 3)]
    aid = await store.create_announcement(
        created_by=1, kind="announcement", texts={"en": "hi"}, default_language="ko",
        audience=Audience("all").to_json(), recipients=recipients,
    )
    counts = await store.delivery_counts(aid)
    assert (counts.total, counts.pending) == (3, 3)  # one row per user, duplicates folded
    due = await store.due_deliveries(NOW)
    assert [d.user_id for d in due] == [1, 2, 3]
    await store.mark_delivery_sent(due[0].id, 11)
    await store.mark_delivery_sent(due[0].id, 12)  # a sent row never changes again
    await store.postpone_delivery(due[1].id, NOW + timedelta(seconds=5), "NetworkError")
    assert [d.user_id for d in await store.due_deliveries(NOW)] == [3]
    assert await store.next_retry_at() == NOW + timedelta(seconds=5)
    assert await store.block_recipient(3, "Forbidden") == 1
    assert not (await store.get_user(3)).active
    assert not await store.finish_if_delivered(aid)
    await store.fail_delivery(due[1].id, "gave up")
    assert await store.finish_if_delivered(aid)
    counts = await store.delivery_counts(aid)
    assert (counts.sent, counts.failed, counts.blocked, counts.pending) == (1, 1, 1, 0)
    (listed,) = await store.recent_announcements()
    assert listed.status == "done" and listed.texts == {"en": "hi"}


async def test_scheduled_announcements_wait_for_their_time(store) -> None:
    aid = await store.create_announcement(
        created_by=1, kind="announcement", texts={"en": "later"}, default_language="en",
        audience=Audience("all").to_json(), recipients=[NewDelivery(1, 1, "en")],
        send_at=NOW + timedelta(minutes=30),
    )
    assert await store.due_deliveries(NOW) == []
    assert await store.release_due_announcements(NOW) == []
    assert await store.next_scheduled_at() == NOW + timedelta(minutes=30)
    assert await store.release_due_announcements(NOW + timedelta(minutes=30)) == [aid]
    assert len(await store.due_deliveries(NOW + timedelta(minutes=30))) == 1


async def test_only_a_scheduled_announcement_can_be_cancelled(store) -> None:
    def create(send_at):
        return store.create_announcement(
            created_by=1, kind="announcement", texts={"en": "x"}, default_language="en",
            audience=Audience("all").to_json(), recipients=[NewDelivery(1, 1, "en")],
            send_at=send_at,
        )

    later = await create(NOW + timedelta(minutes=30))
    now = await create(None)
    assert await store.cancel_scheduled(later)
    assert await store.get_announcement(later) is None
    assert await store.next_scheduled_at() is None
    assert [d.announcement_id for d in await store.due_deliveries(NOW)] == [now]
    assert not await store.cancel_scheduled(now)  # already sending
    assert not await store.cancel_scheduled(later)  # gone
    assert not await store.cancel_scheduled(404)


async def test_audience_queries(store) -> None:
    await store.save_session(1, "plenary-new-tech")
    await store.log_question(2, "where is halla hall", "en", "answer", "halla-hall")
    await store.log_question(2, "halla hall?", "en", "answer", "halla-hall")
    assert [r.user_id for r in await store.recipients_all()] == [1, 2, 3]
    assert [r.user_id for r in await store.recipients_who_saved("plenary-new-tech")] == [1]
    assert [r.user_id for r in await store.recipients_who_asked("halla-hall")] == [2]
    await store.mark_inactive(1)
    assert await store.recipients_who_saved("plenary-new-tech") == []
