"""Measure whether one flooding user slows everyone else: others' p95 with and without a flood.

Run ``python bench/fairness.py`` (``--users``, ``--seconds``, ``--flood``, ``--latency``,
``--no-throttle``). This process runs the Bot API emulator and the simulated users; the bot runs
in a subprocess of this script, as ``eventbot run`` would: the sample KB, a temporary database,
polling, and the rate limiter on (Telegram's 30 messages a second for the whole bot).

Load: ``--users`` normal users (20) each ask a question from tests/eval/questions.yaml, wait for
the answer, pause 0.5-1.5 s and ask again, for ``--seconds`` (10). In the flood run one more user
sends ``--flood`` questions (500) evenly over the same seconds without waiting. A question's
latency runs from its injection to the bot's first text message in that chat after it. Each run
starts a fresh emulator and bot. ``--no-throttle`` sets the per-user limit out of reach (1,000
at once, 100 a second), to see what the throttle itself buys; fair turns between chats stay.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.e2e import BOT_CLOCK, LANGUAGES, ROOT, SEED, Watcher, draw_questions
from eventbot.bot.emulator import BotAPIEmulator, SimUser

FIRST_USER = 700_000
FLOODER = 699_999
NO_THROTTLE = {"burst": 1000, "per_minute": 6000}


def bot_worker(base_url: str, token: str, throttle: bool) -> None:
    """Run the real bot with its rate limiter (sample KB, temporary database) until SIGTERM."""
    import logging

    from telegram import Update

    from eventbot.bot.app import build_application
    from eventbot.bot.clock import parse_moment, shifted_clock
    from eventbot.bot.config import parse_config
    from eventbot.bot.services import KnowledgeHolder

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    knowledge = KnowledgeHolder.load(ROOT / "knowledge")
    clock = shifted_clock(parse_moment(BOT_CLOCK, knowledge.kb.tz))
    with tempfile.TemporaryDirectory(prefix="eventbot-fairness-") as folder:
        config = parse_config(
            {"knowledge_path": str(ROOT / "knowledge"),
             "database_path": str(Path(folder) / "bench.sqlite3"),
             "telegram": {"api_base_url": base_url},
             **({} if throttle else {"throttle": NO_THROTTLE}),
             "log_level": "WARNING"},
            env={},
        )
        app = build_application(config, token, knowledge=knowledge, clock=clock)
        app.run_polling(allowed_updates=Update.ALL_TYPES,
                        poll_interval=config.telegram.poll_interval_seconds)


async def normal_user(watcher: Watcher, user: SimUser, questions: list[str], until: float,
                      rng: random.Random, latencies: list[float]) -> None:
    """Ask, wait for the answer, pause, ask again, until the time is up."""
    for question in questions:
        if time.perf_counter() >= until:
            return
        waiting = watcher.expect(user.id)
        sent = time.perf_counter()
        user.send_text(question)
        await asyncio.wait_for(waiting.answered.wait(), 120)
        latencies.append(time.perf_counter() - sent)
        await asyncio.sleep(rng.uniform(0.5, 1.5))  # load shaping: a person reads, then types


async def flood(user: SimUser, questions: list[str], seconds: float) -> None:
    """Send every question without waiting for answers, evenly over ``seconds``."""
    start = time.perf_counter()
    for index, question in enumerate(questions):
        delay = start + seconds * index / len(questions) - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        user.send_text(question)


async def measure(users: int, seconds: float, flood_size: int, latency: float, throttle: bool,
                  seed: int) -> dict[str, Any]:
    """Run one load (with a flood if flood_size) on a fresh emulator and bot; return figures."""
    rng = random.Random(seed)
    async with BotAPIEmulator() as emu:
        ids = list(range(FIRST_USER, FIRST_USER + users))
        languages = {uid: rng.choice(LANGUAGES) for uid in [*ids, FLOODER]}
        sim = {uid: emu.user(uid, f"User {uid}", language_code=languages[uid])
               for uid in [*ids, FLOODER]}
        questions = draw_questions([*ids, FLOODER], languages, max(flood_size, 100), rng)
        for method in ("sendMessage", "sendVenue") if latency else ():
            emu.delay(method, latency, times=None)
        command = [sys.executable, __file__, "--worker", "--base-url", emu.base_url,
                   "--token", emu.token, *([] if throttle else ["--no-throttle"])]
        process = await asyncio.create_subprocess_exec(
            *command, cwd=ROOT, env={**os.environ, "PTB_TIMEDELTA": "1"},
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        watcher = Watcher(emu)
        follow = asyncio.create_task(watcher.run())
        latencies: list[float] = []
        try:
            await emu.wait_for(lambda: emu.parked_polls > 0, timeout=60, what="the bot to poll")
            until = time.perf_counter() + seconds
            load = [normal_user(watcher, sim[uid], questions[uid], until, random.Random(uid),
                                latencies) for uid in ids]
            if flood_size:
                load.append(flood(sim[FLOODER], questions[FLOODER][:flood_size], seconds))
            await asyncio.gather(*load)
        finally:
            follow.cancel()
            process.send_signal(signal.SIGTERM)
            _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
        if b"Traceback" in stderr:
            print(stderr.decode(), file=sys.stderr)
        flood_replies = [call for call in emu.calls_of("sendMessage", ok=True)
                         if call.chat_id == FLOODER]
        latencies.sort()
        return {
            "questions": len(latencies),
            "p50": latencies[len(latencies) // 2],
            "p95": latencies[int(len(latencies) * 0.95)],
            "max": latencies[-1],
            "flood_replies": len(flood_replies),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20, help="normal users")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--flood", type=int, default=500, help="questions the flooder sends")
    parser.add_argument("--latency", type=float, default=0.0, metavar="SECONDS",
                        help="hold every sent message this long, as a distant Telegram would")
    parser.add_argument("--no-throttle", action="store_true",
                        help="set the per-user limit out of reach (fair turns stay)")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--base-url", help=argparse.SUPPRESS)
    parser.add_argument("--token", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        bot_worker(args.base_url, args.token, throttle=not args.no_throttle)
        return
    throttle = not args.no_throttle
    quiet = asyncio.run(measure(args.users, args.seconds, 0, args.latency, throttle, args.seed))
    flooded = asyncio.run(measure(args.users, args.seconds, args.flood, args.latency, throttle,
                                  args.seed))
    for name, run in (("without flood", quiet), ("with flood", flooded)):
        print(f"{name}: {run['questions']} questions from {args.users} users, p50 "
              f"{run['p50']:.3f} s, p95 {run['p95']:.3f} s, max {run['max']:.3f} s", flush=True)
    print(f"flooder: {args.flood} questions in {args.seconds:g} s, {flooded['flood_replies']} "
          f"messages back (answers and the slow-down notice)")
    print(f"fairness: throttle={'on' if throttle else 'off'} others_p95_quiet="
          f"{quiet['p95']:.3f} others_p95_flood={flooded['p95']:.3f} "
          f"ratio={flooded['p95'] / quiet['p95']:.2f}")


if __name__ == "__main__":
    main()
