"""The relay's 'tips' channel: news tips, their additions and their threads, to the newsroom."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from html import escape

from eventbot.bot.i18n import t
from eventbot.bot.relay.channel import (
    Channel,
    HtmlPost,
    Post,
    Tell,
    Unreachable,
    copy_of,
    desk_language,
    reason_text,
)
from eventbot.bot.storage._relay import RelayRow
from eventbot.bot.storage._tips import TIPS_CHANNEL, StoredTip
from eventbot.bot.tips import (
    HeaderFacts,
    acknowledgement,
    describe_origin,
    header_html,
    reference,
    submitter_label,
)

logger = logging.getLogger(__name__)


class NewsroomChannel(Channel):
    """Tips to the newsroom: a header rendered at send time, then a copy of each item."""

    staff = "newsroom"
    name = TIPS_CHANNEL

    @property
    def chat_id(self) -> int | None:
        """Return the newsroom chat, or None when the tip line is closed."""
        return self.services.config.tips.newsroom_chat_id

    @property
    def language(self) -> str:
        """Return the newsroom's language (tips.language, else the event's default)."""
        return desk_language(self.services.config.tips.language, self.services)

    def reference(self, thread_id: int) -> str:
        """Return a tip's reference, T-0042."""
        return reference(thread_id)

    async def render(self, row: RelayRow) -> Post:
        """Render a header (new tip, addition, answer) or copy one stored item."""
        if row.kind != "copy":
            return HtmlPost(await self._header(row))
        store = self.services.store
        item = await store.tip_item(row.item_id) if row.item_id is not None else None
        if item is None:
            raise RuntimeError(f"outbox row {row.id} has no item")
        if (item.extra or {}).get("typed_after_command"):
            # `/tip some text`: copying would show the command, so send the stored text.
            return HtmlPost(escape(item.text or ""))
        return copy_of(self.language, reference(row.thread_id), item)

    async def notice(self, row: RelayRow) -> str:
        """Say what could not be delivered, and where to see what was stored."""
        lang = self.language
        item = None
        if row.item_id is not None:
            item = await self.services.store.tip_item(row.item_id)
        key = "tip.nr.item_failed" if row.kind == "copy" else "tip.nr.header_failed"
        return t(lang, key, ref=reference(row.thread_id), kind=item.kind if item else "?",
                 reason=reason_text(lang, row.last_error or ""))

    async def delivered(self, row: RelayRow, chat_id: int,
                        message_ids: Sequence[int]) -> None:
        """Record the row sent; a tip with nothing left to send becomes 'delivered'."""
        await self.services.store.tip_delivered(row.id, chat_id,
                                                message_ids[0] if message_ids else None,
                                                message_ids[1:])

    async def recover(self, tell: Tell) -> None:
        """Queue albums left open by a stop, and acknowledge tips stored but never told."""
        store = self.services.store
        for tip in await store.open_albums():
            await store.settle_album(tip.id)
            logger.info("settled album %s left open at the last stop", reference(tip.id))
        for tip in await store.unacknowledged_tips():
            await self.acknowledge(tip, tell)

    async def acknowledge(self, tip: StoredTip, tell: Tell) -> None:
        """Tell the submitter the reference of a stored tip; record which message did it."""
        store = self.services.store
        items = await store.tip_items(tip.id)
        text = acknowledgement(tip.language, tip.id, [i.kind for i in items],
                               [i.note for i in items],
                               self.services.config.tips.open_window_minutes)
        try:
            message_id = await tell(tip.chat_id, text)
        except Unreachable:
            # Stays unacknowledged: the next start tries again.
            logger.warning("could not acknowledge %s: the submitter is unreachable",
                           reference(tip.id))
            return
        # None: the submitter blocked the bot; the tip still goes to the newsroom.
        await store.mark_acknowledged(tip.id, message_id)
        if message_id is not None:
            logger.info("acknowledged %s", reference(tip.id))

    async def _header(self, row: RelayRow) -> str:
        store = self.services.store
        tip = await store.get_tip(row.thread_id)
        if tip is None:
            raise RuntimeError(f"outbox row {row.id} names a missing tip")
        items = await store.tip_items(tip.id)
        if row.kind in ("addition", "answer"):
            # The header of an addition or answer describes the item that follows it.
            added = await store.addition_item(row.id)
            items = [added] if added is not None else []
        submitter = None
        if self.services.config.tips.show_submitter:
            user = await store.get_user(tip.user_id)
            if user is not None:
                submitter = submitter_label(user.first_name, user.username)
        lang = self.language
        origins = tuple((desc, item.forward_date) for item in items
                        if (desc := describe_origin(item.forward_origin, lang)) is not None)
        facts = HeaderFacts(
            tip_id=tip.id, created_at=tip.created_at, language=tip.language,
            kinds=tuple(item.kind for item in items), origins=origins, submitter=submitter,
            kind=row.kind, resent=row.timed_out,
        )
        return header_html(facts, self.services.knowledge.kb.tz, lang)
