"""Connect the inbox to python-telegram-bot: store before queuing, mark handled, replay."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from telegram import Update
from telegram.ext import Application

from eventbot.bot.inbox.ledger import Inbox, InboxBackend

logger = logging.getLogger(__name__)


class DurableUpdateQueue(asyncio.Queue[object]):
    """The application's update queue; ``put`` stores an update in the inbox before queuing it.

    PTB's webhook server answers Telegram only once ``put`` returns, so an update is on disk
    before the 200; if storing fails the answer is an error and Telegram delivers it again.
    """

    def __init__(self, inbox: Inbox) -> None:
        super().__init__()
        self._inbox = inbox

    async def put(self, item: object) -> None:
        """Store an update (a duplicate is dropped), then queue it."""
        if (isinstance(item, Update) and self._inbox.attached
                and not await self._inbox.accept([(item.update_id, item.to_json())])):
            return
        await super().put(item)


class InboxApplication(Application[Any, Any, Any, Any, Any, Any]):
    """An Application that tells its inbox when all the work for an update has ended."""

    def __init__(self, *, inbox: Inbox, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.inbox = inbox

    async def process_update(self, update: object) -> None:
        """Handle the update as PTB does, counted as work on it."""
        tracked = isinstance(update, Update) and self.inbox.begin(update.update_id)
        try:
            await super().process_update(update)
        finally:
            if tracked:
                assert isinstance(update, Update)
                self.inbox.end(update.update_id)

    def create_task(self, coroutine: Any, update: object | None = None, *,
                    name: str | None = None) -> asyncio.Task[Any]:
        """Start a task as PTB does; one started for an update counts as work on it.

        PTB starts one for each handler with block=False and, with concurrent updates, one
        around each update's handling.
        """
        task: asyncio.Task[Any] = super().create_task(coroutine, update, name=name)
        if isinstance(update, Update) and self.inbox.begin(update.update_id):
            task.add_done_callback(_ender(self.inbox, update.update_id))
        return task


def _ender(inbox: Inbox, update_id: int) -> Callable[[asyncio.Task[Any]], None]:
    return lambda _task: inbox.end(update_id)


def inbox_of(app: Application[Any, Any, Any, Any, Any, Any]) -> Inbox | None:
    """Return the application's inbox, if it was built with one."""
    return app.inbox if isinstance(app, InboxApplication) else None


async def start_inbox(app: Application[Any, Any, Any, Any, Any, Any], store: InboxBackend,
                      now: Callable[[], datetime]) -> None:
    """Attach the inbox to the open storage and queue the updates the last run left."""
    inbox = inbox_of(app)
    if inbox is None:
        return
    for stored in await inbox.attach(store, now):
        try:
            update = Update.de_json(json.loads(stored.payload), app.bot)
        except (ValueError, TypeError, KeyError):
            logger.exception("inbox: stored update %d cannot be read; skipping it",
                             stored.update_id)
            inbox.begin(stored.update_id)
            inbox.end(stored.update_id)
            continue
        app.update_queue.put_nowait(update)


async def stop_inbox(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Write the last "handled" marks; call after the application stopped, before closing."""
    inbox = inbox_of(app)
    if inbox is not None:
        await inbox.close()
