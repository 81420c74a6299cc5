"""SIGKILL `eventbot run` during bursts of questions and tips: no confirmed update is lost.

Every update Telegram counted as delivered (its offset confirmed) is handled exactly once, or
once more when the kill caught it in flight: handled (its reply sent) but not yet marked done
in the inbox. Each update comes from its own user, so the replies in a chat count its handlings.
"""

from __future__ import annotations

import random
import signal
import sqlite3
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from eventbot.bot.emulator import BotAPIEmulator
from tests.test_run import start_bot, stop
from tests.test_tips_crash import NEWSROOM, write_config

ROUNDS = 5
BURST = 30  # updates per round, half questions and half tips: about a second of replies
SEED = 20250901
FIRST_USER = 50_000


@dataclass
class Figures:
    """What the kills left behind, for the assertions and the report."""

    sent: dict[int, int] = field(default_factory=dict)  # update id -> its user (= chat)
    confirmed: set[int] = field(default_factory=set)  # offsets Telegram saw confirmed
    # Replied to but not marked done, per kill: a replay may come again, and a kill during the
    # replay catches it in flight once more.
    in_flight: Counter[int] = field(default_factory=Counter)
    kills: list[str] = field(default_factory=list)


def unfinished(db: Path) -> set[int]:
    """Read the dead process's inbox: the updates stored but not marked done."""
    with sqlite3.connect(db) as conn:
        try:
            return {r[0] for r in conn.execute("SELECT update_id FROM inbox WHERE done_at IS NULL")}
        except sqlite3.OperationalError:  # no inbox (the code before it): nothing stored
            return set()


def replies(emu: BotAPIEmulator) -> Counter[int]:
    return Counter(int(c.params["chat_id"]) for c in emu.calls_of("sendMessage", ok=True)
                   if isinstance(c.params.get("chat_id"), int) and c.params["chat_id"] > 0)


async def burst_then_kill(emu: BotAPIEmulator, config: Path, figures: Figures,
                          rng: random.Random) -> None:
    """Start the bot, send a burst, kill it at a random point; note what Telegram confirmed."""
    ready = len(emu.calls_of("setMyCommands")) + 5
    process = await start_bot(config, emu)
    try:
        await emu.wait_for_call("setMyCommands", count=ready, timeout=60)
        burst = []
        for number in range(BURST):
            user = emu.user(FIRST_USER + len(figures.sent), language_code="en")
            update = (user.send_text("When is plenary 2?") if number % 2
                      else user.send_photo(caption=f"smoke near stage {number}"))
            figures.sent[update["update_id"]] = user.id
            burst.append(update["update_id"])
        point = rng.choice(["at once", "after confirmations", "after replies"])
        count = rng.randrange(1, BURST)
        if point == "after confirmations":
            await emu.wait_for(lambda: len(set(burst) - pending_ids(emu)) >= count, timeout=30)
        elif point == "after replies":
            users = {figures.sent[u] for u in burst}
            await emu.wait_for(lambda: sum(replies(emu)[u] > 0 for u in users) >= count,
                               timeout=30)
        figures.kills.append(f"{point} ({count})" if point != "at once" else point)
    finally:
        process.send_signal(signal.SIGKILL)
        await process.wait()
    figures.confirmed |= set(figures.sent) - pending_ids(emu)
    replied = replies(emu)
    figures.in_flight.update(u for u in unfinished(config.parent / "bot.sqlite3")
                             if replied[figures.sent[u]] > 0)


def pending_ids(emu: BotAPIEmulator) -> set[int]:
    return {u["update_id"] for u in emu.pending_updates}


async def test_sigkill_during_bursts_loses_no_confirmed_update(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    figures = Figures()
    async with BotAPIEmulator() as emu:
        emu.group(NEWSROOM, "Newsroom")
        config = write_config(tmp_path, emu)
        for _ in range(ROUNDS):
            await burst_then_kill(emu, config, figures, rng)
        confirmed_unhandled = sum(1 for u in figures.confirmed
                                  if replies(emu)[figures.sent[u]] == 0)

        ready = len(emu.calls_of("setMyCommands")) + 5
        process = await start_bot(config, emu)
        try:
            await emu.wait_for_call("setMyCommands", count=ready, timeout=60)
            users = set(figures.sent.values())
            with suppress(TimeoutError):  # the assertions below say which were lost
                await emu.wait_for(lambda: all(replies(emu)[u] for u in users), timeout=60)
        finally:
            await stop(process)

    handled = replies(emu)
    lost = sorted(u for u in figures.confirmed if handled[figures.sent[u]] == 0)
    never = sorted(u for u in figures.sent if handled[figures.sent[u]] == 0)
    twice = {u for u in figures.sent if handled[figures.sent[u]] == 2}
    # Each kill that caught an update mid-way may add one handling, and nothing else may.
    more = sorted(u for u in figures.sent
                  if handled[figures.sent[u]] > 1 + figures.in_flight[u])
    print(f"\ninbox crash: {len(figures.sent)} updates in {ROUNDS} rounds killed "
          f"{figures.kills}; {len(figures.confirmed)} confirmed before a kill, "
          f"{confirmed_unhandled} of them unhandled at the kill; after restarts: lost "
          f"{len(lost)}, never handled {len(never)}, handled twice {len(twice)} "
          f"(in flight at a kill: {len(figures.in_flight)}), more than its kills allow "
          f"{len(more)}")
    assert lost == [], f"confirmed to Telegram, never handled: {lost}"
    assert never == []
    assert more == []
    assert twice <= set(figures.in_flight)  # a second handling only for what a kill caught
