"""Where a private message goes: a news tip, a tip's thread, a helpdesk ticket, or a question.

Pure: handlers gather the facts (one or two lookups) and act on the route.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from eventbot.bot.tips import MEDIA_KINDS

Route = Literal["tip", "add", "answer", "ticket", "ask_first", "question", "not_text"]


@dataclass(frozen=True)
class MessageFacts:
    """What the router needs to know about a private message."""

    kind: str  # "text", one of MEDIA_KINDS, or "other" (sticker, poll, dice, ...)
    forwarded: bool = False
    draft_open: bool = False  # the user sent /tip (or /tip T-0042) and we wait for content
    replies_to_ack: bool = False  # a reply to one of our tip acknowledgements
    replies_to_newsroom: bool = False  # a reply to a newsroom message we relayed
    ticket_open: bool = False  # the user talks to the helpdesk (an open ticket, or /human)
    tip_line: bool = True  # a newsroom takes tips (tips.newsroom_chat_id is set)


def route(facts: MessageFacts) -> Route:
    """Decide where a private message goes.

    Explicit intent wins: a reply to a tip's acknowledgement adds to it, a reply to the
    newsroom answers it in the tip's thread, an open /tip takes anything. Then a
    conversation with the helpdesk takes everything until it is closed. Media or a forward
    without /tip may be a tip: ask first, so nothing reaches the newsroom without a yes.
    Plain text stays a question.
    """
    if facts.tip_line and facts.replies_to_ack:
        return "add"
    if facts.tip_line and facts.replies_to_newsroom:
        return "answer"
    if facts.tip_line and facts.draft_open:
        return "tip"
    if facts.ticket_open:
        return "ticket"
    if facts.tip_line and (facts.forwarded or facts.kind in MEDIA_KINDS):
        return "ask_first"
    return "question" if facts.kind == "text" else "not_text"
