"""Run the real bot Application against the emulator, with a manual clock and a temp DB."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from eventbot.bot.app import (
    BotApplication,
    build_application,
    services_of,
    start_services,
    stop_services,
)
from eventbot.bot.clock import ManualClock
from eventbot.bot.config import parse_config
from eventbot.bot.emulator import BotAPIEmulator
from eventbot.bot.inbox.polling import polling as inbox_polling
from eventbot.bot.services import KnowledgeHolder, Services
from tests.paths import SAMPLE_KB

SEOUL = ZoneInfo("Asia/Seoul")


@dataclass
class Harness:
    """A running bot, its emulator and its clock."""

    emu: BotAPIEmulator
    app: BotApplication
    clock: ManualClock

    @property
    def services(self) -> Services:
        return services_of(self.app)

    async def run_job(self, name: str) -> None:
        """Run a repeating job now, as the job queue would."""
        assert self.app.job_queue is not None
        (job,) = self.app.job_queue.get_jobs_by_name(name)
        await job.run(self.app)


@asynccontextmanager
async def running_bot(
    tmp_path: Path, *, at: datetime = datetime(2025, 9, 1, 9, 0, tzinfo=SEOUL),
    kb: Path = SAMPLE_KB, poll: bool = True, **settings: Any,
) -> AsyncIterator[Harness]:
    """Start emulator and bot; the bot is started by hand, so call the lifecycle hooks too.

    ``poll=False`` leaves fetching updates to the test (e.g. with its own Poller).
    """
    clock = ManualClock(at)
    async with BotAPIEmulator() as emu:
        config = parse_config(
            {"knowledge_path": str(kb), "database_path": str(tmp_path / "bot.sqlite3"),
             "telegram": {"api_base_url": emu.base_url}, **settings},
            env={},
        )
        app = build_application(config, emu.token, knowledge=KnowledgeHolder.load(kb),
                                clock=clock, rate_limit=False)
        # As `eventbot run` does: services (and the inbox) first, then handling, then the
        # inbox poller; stopped in reverse, so the last "handled" marks reach the database.
        async with app:
            await start_services(app)
            try:
                await app.start()
                if poll:
                    async with inbox_polling(app, long_poll=1):
                        yield Harness(emu, app, clock)
                else:
                    yield Harness(emu, app, clock)
            finally:
                if app.running:
                    await app.stop()
                await stop_services(app)
