"""The relay's 'helpdesk' channel: attendees' tickets, and what they add, to the helpdesk group."""

from __future__ import annotations

import logging
from html import escape

from eventbot.bot.helpdesk import (
    BotAnswer,
    TicketFacts,
    describe_answer,
    header_html,
    knowledge_button,
    reference,
)
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
from eventbot.bot.storage._helpdesk import HELPDESK_CHANNEL, StoredTicket, TicketMessage
from eventbot.bot.storage._relay import RelayRow

logger = logging.getLogger(__name__)


class HelpdeskChannel(Channel):
    """Tickets to the helpdesk group: a header with the question, then what the attendee adds."""

    staff = "helpdesk group"
    name = HELPDESK_CHANNEL

    @property
    def chat_id(self) -> int | None:
        """Return the helpdesk group, or None when there is no helpdesk."""
        return self.services.config.helpdesk.chat_id

    @property
    def language(self) -> str:
        """Return the group's language (helpdesk.language, else the event's default)."""
        return desk_language(self.services.config.helpdesk.language, self.services)

    def reference(self, thread_id: int) -> str:
        """Return a ticket's reference, H-0012."""
        return reference(thread_id)

    async def render(self, row: RelayRow) -> Post:
        """Render a ticket's header, a follow-up, a copy, or the idle close."""
        lang, ref = self.language, reference(row.thread_id)
        if row.kind == "idle":
            minutes = self.services.config.helpdesk.idle_close_minutes
            return HtmlPost(escape(t(lang, "help.desk.idle", ref=ref, minutes=minutes)))
        message = await self._message(row)
        if row.kind == "header":
            return await self._header(row, message)
        if row.kind == "said":
            return HtmlPost(f"{t(lang, 'help.desk.said', ref=ref)}\n{escape(message.text or '')}")
        if row.kind == "sent":
            return HtmlPost(t(lang, "help.desk.sent", ref=ref, kind=escape(message.kind)))
        return copy_of(lang, ref, message)

    async def notice(self, row: RelayRow) -> str:
        """Say which part of a ticket could not be relayed, and why."""
        lang = self.language
        return t(lang, "help.desk.failed", ref=reference(row.thread_id),
                 reason=reason_text(lang, row.last_error or ""))

    async def recover(self, tell: Tell) -> None:
        """Acknowledge tickets stored but never acknowledged (a stop came between)."""
        for ticket in await self.services.store.unacknowledged_tickets():
            await self.acknowledge(ticket, tell)

    async def acknowledge(self, ticket: StoredTicket, tell: Tell) -> None:
        """Tell the attendee their ticket's reference, now that it is stored."""
        try:
            message_id = await tell(ticket.chat_id, t(ticket.language, "help.ack",
                                                      ref=reference(ticket.id)))
        except Unreachable:
            logger.warning("could not acknowledge %s: the attendee is unreachable",
                           reference(ticket.id))
            return
        await self.services.store.mark_ticket_acknowledged(ticket.id, message_id)
        logger.info("acknowledged %s", reference(ticket.id))

    async def _message(self, row: RelayRow) -> TicketMessage:
        message = (await self.services.store.ticket_message(row.item_id)
                   if row.item_id is not None else None)
        if message is None:
            raise RuntimeError(f"outbox row {row.id} has no message")
        return message

    async def _header(self, row: RelayRow, first: TicketMessage) -> HtmlPost:
        ticket = await self.services.store.get_ticket(row.thread_id)
        if ticket is None:
            raise RuntimeError(f"outbox row {row.id} names a missing ticket")
        lang, kb = self.language, self.services.knowledge.kb
        answered = describe_answer(kb, BotAnswer.from_row(ticket.bot_outcome, ticket.bot_items),
                                   lang)
        facts = TicketFacts(ticket.id, ticket.created_at, ticket.language,
                            first.text if first.kind == "text" else None, answered,
                            resent=row.timed_out)
        buttons = ((knowledge_button(lang, ticket.id),),) if ticket.question.strip() else ()
        return HtmlPost(header_html(facts, kb.tz, lang), buttons)
