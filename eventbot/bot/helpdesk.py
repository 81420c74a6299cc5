"""The human helpdesk, the pure part: references, "a person, please", headers, KB suggestions.

An attendee the bot cannot help asks a person: the question becomes a ticket (H-0012) relayed
to the helpdesk group (see eventbot/bot/relay), staff replies come back labelled "Helpdesk",
and a ticket's question can be proposed for the knowledge base (``suggestions.yaml``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from html import escape
from pathlib import Path

from eventbot.bot.i18n import t
from eventbot.bot.kb.base import KnowledgeBase
from eventbot.bot.kb.models import Faq
from eventbot.bot.render.cards import CardWriter
from eventbot.bot.render.reply import Button, Reply

_REFERENCE = re.compile(r"^H-?0*(\d{1,9})$", re.IGNORECASE)
# What an attendee types to reach a person, compared after folding case, spaces and
# punctuation away: a set lookup, so it costs nothing before the matcher.
PERSON_PHRASES = frozenset({
    "talktoaperson", "talktoahuman", "speaktoaperson", "speaktoahuman", "human", "ahuman",
    "realperson", "사람과대화", "사람이랑대화", "사람과대화하고싶어요",
    "상담원", "상담원연결", "상담사", "担当者", "担当者と話したい", "人工", "人工客服", "转人工",
})
# A longer message is a question that happens to hold one of the phrases, not a request.
_PHRASE_MAX_CHARS = 40
_FOLD = re.compile(r"[\W_]+")
# Ask-a-person is offered under replies that did not answer.
OFFER_OUTCOMES = frozenset({"fallback", "clarify", "confirm"})
CALLBACK_ASK = "human"  # "human:<question log id>:<message id>" under a reply
CALLBACK_KB = "hkb"  # "hkb:<ticket>" on a ticket; "hkb:<ticket>:<item id or +faq>" to pick
NEW_FAQ = "+faq"
SUGGESTIONS_FILE = "suggestions.yaml"
KB_CANDIDATES = 5  # items proposed for a ticket's question


def reference(ticket_id: int) -> str:
    """Return the public reference of a ticket, e.g. ``H-0012``."""
    return f"H-{ticket_id:04d}"


def parse_reference(text: str) -> int | None:
    """Read ``H-0012`` or ``h12`` as a ticket id; None if it is not one."""
    match = _REFERENCE.match(text.strip())
    if match is None or int(match[1]) == 0:
        return None
    return int(match[1])


def wants_person(text: str) -> bool:
    """Tell whether a message asks for a person ("talk to a person", "상담원", "人工")."""
    if len(text) > _PHRASE_MAX_CHARS:
        return False
    return _FOLD.sub("", text.casefold()) in PERSON_PHRASES


def with_ask_person(reply: Reply, lang: str, log_id: int, message_id: int) -> Reply:
    """Add the "🙋 Ask a person" button under a reply to a logged question."""
    button = Button(t(lang, "help.button"), f"{CALLBACK_ASK}:{log_id}:{message_id}")
    return Reply(reply.html, (*reply.buttons, (button,)), reply.pin, reply.extra)


@dataclass(frozen=True)
class BotAnswer:
    """What the bot had answered a ticket's question: its outcome and the items it named."""

    outcome: str | None  # answer, clarify, confirm, fallback; None: no text to answer
    item_ids: tuple[str, ...] = ()

    def to_json(self) -> str:
        """Encode the item ids for storage."""
        return json.dumps(list(self.item_ids))

    @classmethod
    def from_row(cls, outcome: str | None, item_ids: str | None) -> BotAnswer:
        """Decode what was stored."""
        return cls(outcome, tuple(json.loads(item_ids)) if item_ids else ())


def describe_answer(kb: KnowledgeBase, answer: BotAnswer, lang: str) -> str | None:
    """Say in the staff's language what the bot answered, naming the items."""
    if answer.outcome is None:
        return None
    writer = CardWriter(kb, lang)
    names = ", ".join(writer.plain_name(kb.items[i]) for i in answer.item_ids if i in kb.items)
    if answer.outcome == "fallback" or (answer.outcome != "answer" and not names):
        return t(lang, "help.desk.bot.fallback")
    key = "help.desk.bot.answer" if answer.outcome == "answer" else "help.desk.bot.clarify"
    return t(lang, key, items=names or "?")


@dataclass(frozen=True)
class TicketFacts:
    """What the helpdesk group's header shows about a ticket."""

    ticket_id: int
    created_at: datetime
    language: str
    question: str | None  # None: the first message is media, copied after the header
    answered: str | None  # describe_answer's text
    resent: bool = False


def header_html(facts: TicketFacts, tz: tzinfo, lang: str) -> str:
    """Render a ticket's header for the helpdesk group as Telegram HTML."""
    ref = reference(facts.ticket_id)
    when = facts.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M %Z")
    lines = [t(lang, "help.desk.title", ref=ref),
             f"🕒 {escape(when)} · 🌐 {escape(facts.language)}"]
    if facts.question:
        lines.append(f"❓ {escape(facts.question)}")
    if facts.answered:
        lines.append(f"🤖 {escape(facts.answered)}")
    if facts.resent:
        lines.append(escape(t(lang, "tip.nr.resent")))
    lines.append(f"<i>{escape(t(lang, 'help.desk.footer', ref=ref))}</i>")
    return "\n".join(lines)


def knowledge_button(lang: str, ticket_id: int) -> Button:
    """Return the "➕ Add to knowledge" button of a ticket's header."""
    return Button(t(lang, "help.desk.kb_button"), f"{CALLBACK_KB}:{ticket_id}")


def knowledge_choices(kb: KnowledgeBase, ticket_id: int, candidates: Sequence[str],
                      lang: str) -> tuple[tuple[Button, ...], ...]:
    """Offer the candidate items (one per row) and a new FAQ entry as buttons."""
    writer = CardWriter(kb, lang)
    rows = [(Button(writer.plain_name(kb.items[item_id]), f"{CALLBACK_KB}:{ticket_id}:{item_id}"),)
            for item_id in candidates[:KB_CANDIDATES] if item_id in kb.items
            and len(f"{CALLBACK_KB}:{ticket_id}:{item_id}".encode()) <= 64]
    rows.append((Button(t(lang, "help.desk.kb_new_faq"), f"{CALLBACK_KB}:{ticket_id}:{NEW_FAQ}"),))
    return tuple(rows)


def suggestion_yaml(kb: KnowledgeBase, ticket_id: int, question: str, language: str,
                    target: str, when: datetime, lang: str) -> str:
    """Return the YAML lines proposing a question as an item's alias, or as a new FAQ entry.

    Shaped as knowledge-base items, to paste into a KB file: the item's id and the one field
    to extend (FAQ entries have ``variants``, other items ``aliases``); the comment line is in
    the staff's language ``lang``.
    """
    ref = reference(ticket_id)
    stamp = when.astimezone(kb.tz).strftime("%Y-%m-%d %H:%M")
    quoted = json.dumps(" ".join(question.split()), ensure_ascii=False)  # JSON is YAML
    if target == NEW_FAQ:
        return (f"# {ref} ({language}), {stamp}: {t(lang, 'help.desk.kb_yaml_faq')}\n"
                f"- id: faq-{ref.lower()}\n"
                f"  question:\n    {language}: {quoted}\n"
                f"  answer:\n    {language}: \"\"\n")
    field = "variants" if isinstance(kb.items.get(target), Faq) else "aliases"
    return (f"# {ref} ({language}), {stamp}: {t(lang, 'help.desk.kb_yaml_alias', item=target)}\n"
            f"- id: {target}\n"
            f"  {field}:\n    {language}: [{quoted}]\n")


def suggestions_path(knowledge_path: Path) -> Path:
    """Return where suggestions go: beside the KB folder, never inside (it would be loaded)."""
    return knowledge_path.resolve().parent / SUGGESTIONS_FILE


def append_suggestion(path: Path, lines: str) -> None:
    """Append a suggestion to the file (created if missing); the KB itself is never edited."""
    with path.open("a", encoding="utf-8") as out:
        out.write(lines + "\n")
