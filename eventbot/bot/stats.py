"""Organisers' figures: usage today, unanswered questions grouped, CSV and chart; KB changes.

Pure functions over values the storage returns; nothing here talks to Telegram.
"""

from __future__ import annotations

import csv
import importlib.util
import io
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from html import escape
from typing import NamedTuple

from rapidfuzz import fuzz, process

from eventbot.bot.i18n import LANGUAGE_NAMES, choose_language, t, tn
from eventbot.bot.kb import KnowledgeBase
from eventbot.bot.matching import Matcher
from eventbot.bot.matching.intent import analyse
from eventbot.bot.render.cards import CardWriter
from eventbot.bot.storage import QuestionCount
from eventbot.bot.storage._stats import HourCount, LanguagePair, UnansweredWording

OUTCOMES = ("answer", "clarify", "fallback")
# English words that say nothing about the topic when they lead a question; the matcher's
# frame stripping (analyse) already removes "where is", "어디예요", "どこですか", "在哪里"...
FILLER_WORDS = frozenset({
    "a", "an", "the", "is", "are", "was", "there", "any", "my", "i", "me", "we", "can",
    "could", "do", "does", "you", "please", "to", "for", "of", "in", "at", "on",
})
# Two unanswered questions belong together when their topics (see topic_of) score at least
# this with fuzz.ratio. Chosen on the pairs in tests/test_stats.py: 85 keeps "wifi password"
# with "what is the wi-fi password" and "와이파이 비밀번호" with "와이파이 비번" (86), but
# "hall a" apart from "hall b" (80) and "nap pod" apart from "nap room" (62).
SIMILAR_TOPIC_SCORE = 85.0
# Distinct unanswered keys considered for grouping: greedy grouping is quadratic, and the
# most asked ones are those worth an alias or a FAQ entry.
MAX_UNANSWERED_KEYS = 2000
TOP_LIMIT = 10
GROUPS_SHOWN = 10
# An unanswered question's best item below this score is chance, not a proposal; so is one
# that shares no word with the question (a whole-string likeness only).
PROPOSAL_MIN_SCORE = 50.0
QUESTION_SHOWN_CHARS = 120  # in the /stats message; the CSV keeps the whole question
# A spreadsheet runs a cell that starts with one of these as a formula: attendees type the
# questions, so such cells get a leading apostrophe (OWASP's advice on CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHART_HOURS = 24
CSV_COLUMNS = ("group", "count", "example question", "languages", "first asked", "last asked",
               "proposed item")
# Chart colours per outcome (colour-blind safe: blue, orange, vermillion).
OUTCOME_COLOURS = {"answer": "#0072B2", "clarify": "#E69F00", "fallback": "#D55E00"}
# Knowledge-base sections compared on reload, in the order of KnowledgeBase.summary().
KB_SECTIONS = ("venues", "rooms", "sessions", "side_events", "pavilions", "exhibitors", "faq")


# -- usage figures ---------------------------------------------------------------------------


@dataclass(frozen=True)
class UnansweredGroup:
    """Unanswered questions that read alike, led by the most asked wording."""

    wordings: tuple[UnansweredWording, ...]

    @property
    def example(self) -> str:
        """Return the most asked wording, as last typed."""
        return self.wordings[0].example

    @property
    def count(self) -> int:
        """Return how often any wording of the group was asked."""
        return sum(w.count for w in self.wordings)

    @property
    def languages(self) -> tuple[str, ...]:
        """Return the reply languages the group was asked in."""
        return tuple(sorted({lang for w in self.wordings for lang in w.languages}))

    @property
    def first_asked(self) -> datetime:
        """Return when the group was first asked."""
        return min(w.first_asked for w in self.wordings)

    @property
    def last_asked(self) -> datetime:
        """Return when the group was last asked."""
        return max(w.last_asked for w in self.wordings)


class Proposal(NamedTuple):
    """The item an unanswered group might become an alias of: its id (for the YAML), its name."""

    item_id: str
    title: str


@dataclass(frozen=True)
class StatsReport:
    """What /stats shows: today's figures, the top questions and the unanswered groups."""

    day: date
    timezone: str
    users_by_language: Mapping[str, int]
    active_today: int
    outcomes_today: Mapping[str, int]
    top_today: Sequence[QuestionCount]
    unanswered: Sequence[UnansweredGroup]
    # Per unanswered group shown (by its example question): the item the matcher ranks first,
    # to which the organiser might add the wording as an alias.
    proposals: Mapping[str, Proposal] = field(default_factory=dict)

    @property
    def users(self) -> int:
        """Return how many active users there are."""
        return sum(self.users_by_language.values())

    @property
    def questions_today(self) -> int:
        """Return how many questions were asked today."""
        return sum(self.outcomes_today.values())


def day_start(now: datetime, tz: tzinfo) -> datetime:
    """Return the midnight that starts ``now``'s day in the event's timezone."""
    return datetime.combine(now.astimezone(tz).date(), time(), tz)


def users_by_language(
    pairs: Iterable[LanguagePair], default: str, available: Sequence[str]
) -> dict[str, int]:
    """Count users by the language the bot answers them in (choice, Telegram's, default)."""
    counts: Counter[str] = Counter()
    for pair in pairs:
        lang = choose_language(pair.language, pair.telegram_language, None, default, available)
        counts[lang] += pair.count
    return {lang: counts[lang] for lang in sorted(counts, key=lambda lang: (-counts[lang], lang))}


def outcome_split(counts: Mapping[str, int]) -> dict[str, int]:
    """Return the count of every outcome in OUTCOMES order, zero if none.

    A "did you mean X?" (confirm) asks back like a list of choices: it counts as clarified.
    """
    split = {outcome: counts.get(outcome, 0) for outcome in OUTCOMES}
    split["clarify"] += counts.get("confirm", 0)
    return split


def charts_available() -> bool:
    """Tell whether matplotlib (the optional `eventbot[charts]`) is installed."""
    return importlib.util.find_spec("matplotlib") is not None


def topic_of(key: str) -> str:
    """Return what a question is about: its letters and digits without frame or filler words.

    Spaces go too, so "흡연 구역" and "흡연구역", or "wi-fi" and "wifi", read the same.
    """
    words = analyse(key).stripped_text.split() or key.split()
    start = 0
    while start < len(words) - 1 and words[start] in FILLER_WORDS:
        start += 1  # leading only: "is there a smoking area", but keep "hall a"
    return "".join(ch for ch in "".join(words[start:]) if ch.isalnum()) or key


def group_unanswered(
    wordings: Sequence[UnansweredWording], threshold: float = SIMILAR_TOPIC_SCORE
) -> list[UnansweredGroup]:
    """Group similar unanswered questions greedily, most asked first.

    The most asked ungrouped wording leads a new group and takes every ungrouped wording
    whose topic scores at least ``threshold`` against its own.
    """
    ordered = sorted(wordings, key=lambda w: (-w.count, -w.last_asked.timestamp(), w.key))
    topics = [topic_of(w.key) for w in ordered]
    grouped = [False] * len(ordered)
    groups: list[UnansweredGroup] = []
    for lead, topic in enumerate(topics):
        if grouped[lead]:
            continue
        grouped[lead] = True
        members = [lead]
        rest = {index: topics[index] for index in range(lead + 1, len(ordered))
                if not grouped[index]}
        for _, _, index in process.extract(topic, rest, scorer=fuzz.ratio,
                                           score_cutoff=threshold, limit=None):
            grouped[index] = True
            members.append(index)
        groups.append(UnansweredGroup(tuple(ordered[i] for i in sorted(members))))
    groups.sort(key=lambda g: (-g.count, -g.last_asked.timestamp()))
    return groups


def propose_items(groups: Sequence[UnansweredGroup], matcher: Matcher, kb: KnowledgeBase,
                  lang: str) -> dict[str, Proposal]:
    """Propose, per group, the item the matcher ranks first for its example question."""
    writer = CardWriter(kb, lang)
    proposals: dict[str, Proposal] = {}
    for group in groups:
        sharing = matcher.lexical.score(analyse(group.example).stripped_text).scores
        best = next((scored for scored in matcher.rank(group.example)
                     if scored.score >= PROPOSAL_MIN_SCORE and sharing.get(scored.item_id)
                     and scored.item_id in kb.items), None)
        if best is not None:
            name = writer.plain_name(kb.items[best.item_id])
            proposals[group.example] = Proposal(best.item_id, name)
    return proposals


def build_report(
    *, now: datetime, tz: tzinfo, default_language: str, languages: Sequence[str],
    pairs: Iterable[LanguagePair], active_today: int, outcomes_today: Mapping[str, int],
    top_today: Sequence[QuestionCount], unanswered: Sequence[UnansweredGroup],
    proposals: Mapping[str, Proposal] | None = None,
) -> StatsReport:
    """Assemble the report from what the storage returned."""
    return StatsReport(
        day=now.astimezone(tz).date(),
        timezone=str(tz),
        users_by_language=users_by_language(pairs, default_language, languages),
        active_today=active_today,
        outcomes_today=outcome_split(outcomes_today),
        top_today=top_today,
        unanswered=unanswered,
        proposals=proposals or {},
    )


def _shown(question: str) -> str:
    """Return a question for the report: on one line, shortened, HTML-escaped."""
    flat = " ".join(question.split())
    if len(flat) > QUESTION_SHOWN_CHARS:
        flat = flat[:QUESTION_SHOWN_CHARS - 1] + "…"
    return escape(flat)


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def render_report(report: StatsReport, lang: str) -> str:
    """Return the report as Telegram HTML in the organiser's language."""
    split = report.outcomes_today
    total = report.questions_today
    by_language = ", ".join(
        f"{LANGUAGE_NAMES.get(code, code)} {count}"
        for code, count in report.users_by_language.items()
    ) or t(lang, "org.stats.none")
    lines = [
        t(lang, "org.stats.title", date=report.day.isoformat(), timezone=report.timezone),
        t(lang, "org.stats.users", total=report.users, active=report.active_today),
        t(lang, "org.stats.by_language", languages=escape(by_language)),
        t(lang, "org.stats.questions", total=total,
          answer=split["answer"], answer_pct=_percent(split["answer"], total),
          clarify=split["clarify"], clarify_pct=_percent(split["clarify"], total),
          fallback=split["fallback"], fallback_pct=_percent(split["fallback"], total)),
        "",
        t(lang, "org.stats.top"),
    ]
    lines += [t(lang, "org.stats.line", count=q.count, question=_shown(q.question))
              for q in report.top_today] or [t(lang, "org.stats.none")]
    lines += ["", t(lang, "org.stats.unanswered", groups=len(report.unanswered))]
    for group in report.unanswered[:GROUPS_SHOWN]:
        line = t(lang, "org.stats.line", count=group.count, question=_shown(group.example))
        if len(group.wordings) > 1:
            line += " " + t(lang, "org.stats.similar", n=len(group.wordings) - 1)
        proposal = report.proposals.get(group.example)
        if proposal:
            line += f" → {escape(proposal.title)} (<code>{escape(proposal.item_id)}</code>)"
        lines.append(line)
    if not report.unanswered:
        lines.append(t(lang, "org.stats.none"))
    return "\n".join(lines)


# -- the CSV file and the chart --------------------------------------------------------------


def unanswered_csv(groups: Sequence[UnansweredGroup], tz: tzinfo,
                   proposals: Mapping[str, Proposal] | None = None) -> str:
    """Return the unanswered groups as CSV text, one row per group, times in the event's zone."""
    proposals = proposals or {}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for number, group in enumerate(groups, start=1):
        writer.writerow([
            number, group.count, _cell(group.example), " ".join(group.languages),
            _local(group.first_asked, tz), _local(group.last_asked, tz),
            proposals[group.example].item_id if group.example in proposals else "",
        ])
    return out.getvalue()


def _cell(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _local(moment: datetime, tz: tzinfo) -> str:
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


@dataclass(frozen=True)
class HourBucket:
    """Questions in one hour, per outcome."""

    start: datetime
    counts: Mapping[str, int]


def chart_since(now: datetime, hours: int = CHART_HOURS) -> datetime:
    """Return the start of the chart's first hour: ``hours`` whole hours ending with now's."""
    top_of_hour = now.replace(minute=0, second=0, microsecond=0)
    return top_of_hour - timedelta(hours=hours - 1)


def hourly_buckets(
    counts: Iterable[HourCount], now: datetime, hours: int = CHART_HOURS
) -> list[HourBucket]:
    """Spread per-hour counts over the last ``hours`` hours, empty hours included."""
    first = chart_since(now, hours)
    table: dict[datetime, Counter[str]] = {first + timedelta(hours=h): Counter()
                                           for h in range(hours)}
    for row in counts:
        bucket = table.get(row.hour)
        if bucket is not None:
            bucket[row.outcome] += row.count
    return [HourBucket(start, outcome_split(c)) for start, c in table.items()]


def questions_chart_png(buckets: Sequence[HourBucket], tz: tzinfo, title: str) -> bytes:
    """Draw questions per hour as bars stacked by outcome and return the PNG bytes.

    Labels stay ASCII: the server may have no CJK fonts.
    """
    # Imported here: matplotlib takes a while to import and only this function needs it.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    figure = Figure(figsize=(10, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(buckets)))
    bottoms = [0] * len(buckets)
    for outcome in OUTCOMES:
        heights = [bucket.counts.get(outcome, 0) for bucket in buckets]
        axes.bar(positions, heights, bottom=bottoms, label=outcome,
                 color=OUTCOME_COLOURS[outcome], width=0.8)
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    step = max(1, len(buckets) // 12)
    axes.set_xticks(positions[::step],
                    [b.start.astimezone(tz).strftime("%H:%M") for b in buckets[::step]])
    axes.set_ylabel("questions")
    axes.set_title(title)
    axes.legend(loc="upper left")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    figure.tight_layout()
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


# -- knowledge-base reload -------------------------------------------------------------------


@dataclass(frozen=True)
class SectionChange:
    """How one section of the knowledge base changed on reload."""

    section: str
    before: int
    after: int
    added: int
    removed: int
    changed: int

    @property
    def any(self) -> bool:
        """Tell whether anything in the section changed."""
        return bool(self.added or self.removed or self.changed)


def kb_changes(old: KnowledgeBase, new: KnowledgeBase) -> list[SectionChange]:
    """Compare two knowledge bases section by section: counts, added, removed, changed ids."""
    changes = []
    for section in KB_SECTIONS:
        before: Mapping[str, object] = getattr(old, section)
        after: Mapping[str, object] = getattr(new, section)
        changes.append(SectionChange(
            section=section, before=len(before), after=len(after),
            added=len(after.keys() - before.keys()),
            removed=len(before.keys() - after.keys()),
            changed=sum(1 for key in after.keys() & before.keys() if after[key] != before[key]),
        ))
    return changes


def render_reload(old: KnowledgeBase, new: KnowledgeBase, lang: str) -> str:
    """Return the success reply: the new summary and what changed, as Telegram HTML."""
    lines = [t(lang, "org.reload.done"), escape(new.summary())]
    changes = [c for c in kb_changes(old, new) if c.any]
    if old.event != new.event:
        lines.append(t(lang, "org.reload.event_changed"))
    if not changes and old.event == new.event:
        lines.append(t(lang, "org.reload.unchanged"))
    lines += [
        t(lang, "org.reload.change", section=t(lang, f"org.reload.section.{c.section}"),
          before=c.before, after=c.after, added=c.added, removed=c.removed, changed=c.changed)
        for c in changes
    ]
    return "\n".join(lines)


def render_problems(lines: Sequence[str], lang: str, path: str) -> str:
    """Return the refusal: how many problems, then each ``file:line: path: message`` line."""
    header = tn(lang, "org.reload.failed", len(lines), path=escape(path))
    return "\n".join([header, *(f"<code>{escape(line)}</code>" for line in lines)])
