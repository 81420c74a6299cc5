"""Fuzz the real bot with 10,000 updates through the emulator and print what broke.

Run ``python bench/fuzz.py`` (``--updates``, ``--batch``, ``--seed``). The updates, the bot and
the checks are those of tests/test_fuzz.py, which runs a few dozen batches in CI: random
Unicode, forged and oversized callback data, edits, channel posts, updates without a sender,
polls, group messages, huge command arguments, unknown commands. Every batch is handled in full
before the next; problems are collected, not raised, so one run shows them all. Exit status 1
if there was any.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from tests.test_fuzz import FuzzBot, Report, update_spec


def run(updates: int, batch: int, random_seed: int) -> int:
    """Feed ``updates`` fuzzed updates in batches of ``batch``; print the figures."""
    total = Report()
    problems: Counter[str] = Counter()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="eventbot-fuzz-") as folder, \
            FuzzBot(Path(folder)) as bot:

        @seed(random_seed)
        @settings(max_examples=-(-updates // batch), deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(st.lists(update_spec, min_size=batch, max_size=batch))
        def fuzz(specs: list[dict[str, Any]]) -> None:
            report = bot.feed(specs)
            total.updates += report.updates
            total.callbacks += report.callbacks
            total.replies += report.replies
            total.kinds.update(report.kinds)
            for problem in report.problems:
                problems[problem[:160]] += 1
            if total.updates % 1000 < batch:
                print(f"  {total.updates} updates, {sum(problems.values())} problems "
                      f"({time.perf_counter() - started:.0f} s)", flush=True)

        fuzz()
        answered = len(bot.emu.calls_of("answerCallbackQuery", ok=True))
        methods = Counter(call.method for call in bot.emu.calls if call.method != "getUpdates")
        logged = Counter(bot.logged)
    elapsed = time.perf_counter() - started
    print(f"fuzz: {total.updates} updates in {elapsed:.0f} s ({total.updates / elapsed:.0f}/s), "
          f"seed {random_seed}")
    print("  kinds: " + ", ".join(f"{kind} {n}" for kind, n in total.kinds.most_common()))
    print(f"  callback queries {total.callbacks}, answers {answered}; replies and edits "
          f"checked {total.replies}")
    print("  bot calls: " + ", ".join(f"{method} {n}" for method, n in methods.most_common()))
    print(f"  unhandled exceptions, unanswered callbacks, tracebacks or unescaped HTML: "
          f"{sum(problems.values())}")
    for problem, count in problems.most_common(20):
        print(f"    {count} x {problem}")
    print(f"  ERROR log records: {sum(logged.values())}")
    for line, count in logged.most_common(10):
        print(f"    {count} x {line}")
    return 1 if problems else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=10_000)
    parser.add_argument("--batch", type=int, default=10, help="updates in flight at once")
    parser.add_argument("--seed", type=int, default=20250902)
    args = parser.parse_args()
    sys.exit(run(args.updates, args.batch, args.seed))


if __name__ == "__main__":
    main()
