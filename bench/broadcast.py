"""Benchmark an announcement to 5,000 people against a Bot API that answers 429 beyond R msg/s.

Run ``python bench/broadcast.py`` (``--recipients``, ``--limit``, ``--rate-factor``). The bot runs
as a real ``eventbot run`` subprocess (production wiring, AIORateLimiter on for replies); the
emulator enforces a sliding-window limit of R sends per second and records every call. The
announcement is written to the bot's database before it starts, exactly as /announce's Confirm
writes it. Achieved rate = recipients / (last send - first send), from the emulator's clock.

Why the bot's rate is set a little under R (``--rate-factor 0.98``): a 429 costs a pause of
``retry_after`` seconds, and Telegram (like the emulator) rounds it up to whole seconds, so one
429 costs 1 s, i.e. 6% of a 17-second broadcast at 300/s. Exactly R leaves no slack for network
jitter (a send that arrives a little late makes the 300th one in its window look early), and
above R every window overflows. ``--rate-factor 1.05`` shows the sender adapting: it pauses on
each 429 and still loses and duplicates nobody, at a lower overall rate.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eventbot.bot.clock import system_clock
from eventbot.bot.emulator import BotAPIEmulator
from eventbot.bot.outbox import Audience
from eventbot.bot.storage import Storage
from eventbot.bot.storage._outbox import NewDelivery

ROOT = Path(__file__).resolve().parent.parent
FIRST_USER = 100_000


async def enqueue(database: Path, user_ids: list[int]) -> None:
    """Create the users and one confirmed announcement to all of them."""
    async with Storage.open(database, now=system_clock) as store:
        for user_id in user_ids:
            await store.touch_user(user_id, user_id, "en" if user_id % 3 else "ko")
        await store.create_announcement(
            created_by=None, kind="announcement",
            texts={"ko": "전체회의가 한라홀 B로 옮깁니다.",
                   "en": "The plenary moves to Halla Hall B."},
            default_language="ko", audience=Audience("all").to_json(),
            recipients=[NewDelivery(u, u, "en" if u % 3 else "ko") for u in user_ids],
        )


async def run(recipients: int, limit: int, rate_factor: float) -> str:
    user_ids = list(range(FIRST_USER, FIRST_USER + recipients))
    rate = limit * rate_factor
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        async with BotAPIEmulator() as emu:
            for user_id in user_ids:
                emu.user(user_id, language_code="en")
            (tmp / "config.yaml").write_text(
                f"knowledge_path: {ROOT / 'knowledge'}\ndatabase_path: bot.sqlite3\n"
                f"log_level: WARNING\ntelegram:\n  api_base_url: {emu.base_url}\n"
                f"  messages_per_second: {rate}\n"
                f"broadcast:\n  rate_per_second: {rate}\n",
                encoding="utf-8",
            )
            await enqueue(tmp / "bot.sqlite3", user_ids)
            emu.set_global_rate_limit(limit)
            env = {**os.environ, "TELEGRAM_BOT_TOKEN": emu.token, "PTB_TIMEDELTA": "1"}
            env.pop("TELEGRAM_API_BASE_URL", None)
            process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "eventbot", "run", "--config", str(tmp / "config.yaml"),
                cwd=ROOT, env=env, stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,
            )
            try:
                deadline = time.monotonic() + 20 + 3 * recipients / rate
                while len({c.chat_id for c in emu.calls_of("sendMessage", ok=True)}) < recipients:
                    if time.monotonic() > deadline:
                        break
                    await asyncio.sleep(0.2)
            finally:
                process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.wait(), 30)
            sends = emu.calls_of("sendMessage")
    ok = [c for c in sends if c.ok]
    flood = sum(1 for c in sends if c.status == 429)
    received = Counter(int(c.params["chat_id"]) for c in ok)
    lost = sum(1 for u in user_ids if received[u] == 0)
    duplicates = sum(n - 1 for n in received.values() if n > 1)
    elapsed = ok[-1].at - ok[0].at if len(ok) > 1 else float("inf")
    achieved = (len(ok) - 1) / elapsed
    print(f"recipients={recipients} limit R={limit}/s bot rate={rate:.0f}/s")
    print(f"sent {len(ok)} in {elapsed:.2f} s: {achieved:.1f} msg/s; 429 answers: {flood}")
    return (f"broadcast: rate_ratio={achieved / limit:.3f} lost={lost} duplicates={duplicates} "
            f"retry_after={flood}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=5000)
    parser.add_argument("--limit", type=int, default=300, help="the emulator's limit R, msg/s")
    parser.add_argument("--rate-factor", type=float, default=0.98,
                        help="the bot's broadcast rate as a fraction of R")
    args = parser.parse_args()
    print(asyncio.run(run(args.recipients, args.limit, args.rate_factor)))


if __name__ == "__main__":
    main()
