"""Measure a knowledge base's answers against questions written for it (``eventbot eval``).

The question file is a YAML list, one entry per question::

    - q: 한라홀 어디에 있어요?    # as an attendee would type it
      lang: ko                     # the question's language
      expect: answer               # answer | clarify | fallback
      id: halla-hall               # answer: the item first; clarify: among those offered
      also: [jeju-icc]             # optional: other items as right as ``id``
      note: particle + frame       # optional

``clarify`` passes when the bot asks back: a list holding the item, or "did you mean <item>?".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any

import yaml

from eventbot.bot.concierge import Answer, Concierge
from eventbot.bot.kb.base import KnowledgeBase
from eventbot.bot.matching import Decision, analyse

EXPECTS = ("answer", "clarify", "fallback")
DEFAULT_HOUR = time(10, 30)  # "now" and "today" questions need a moment inside the event


@dataclass(frozen=True)
class Case:
    """One eval question and what it should get."""

    q: str
    lang: str
    expect: str
    id: str | None
    note: str = ""
    also: tuple[str, ...] = ()  # other items as right as ``id`` ("his talk, or his card")

    @property
    def right(self) -> tuple[str, ...]:
        """Return every item that is a right reply, ``id`` first."""
        return (self.id, *self.also) if self.id is not None else ()

    @property
    def label(self) -> str:
        return f"{self.lang}:{self.expect}:{self.q}"


class CaseFileError(ValueError):
    """The question file cannot be read; the message says where and why."""


def load_cases(path: Path, kb: KnowledgeBase | None = None) -> list[Case]:
    """Read a question file; with a KB, check that every id exists in it."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CaseFileError(f"{path}: {exc}") from None
    if not isinstance(raw, list):
        raise CaseFileError(f"{path}: expected a list of questions")
    cases, problems = [], []
    for number, entry in enumerate(raw, 1):
        case = _case(entry)
        if isinstance(case, str):
            problems.append(f"{path}: question {number}: {case}")
        elif kb is not None and (unknown := [i for i in case.right if i not in kb.items]):
            problems.append(f"{path}: question {number}: unknown id '{unknown[0]}'")
        else:
            cases.append(case)
    if problems:
        raise CaseFileError("\n".join(problems))
    return cases


def _case(entry: Any) -> Case | str:
    """Return the question an entry holds, or what is wrong with it."""
    if (not isinstance(entry, dict) or entry.get("expect") not in EXPECTS or "q" not in entry
            or not isinstance(entry.get("lang"), str)):
        return f"needs q, lang and expect ({'/'.join(EXPECTS)})"
    item_id = entry.get("id")
    also = entry.get("also") or ()
    if isinstance(also, str):
        also = (also,)
    if not isinstance(also, list | tuple):
        return "also: expected a list of ids"
    if also and item_id is None:
        return "also: needs an id to be as right as"
    return Case(str(entry["q"]), entry["lang"], entry["expect"],
                str(item_id) if item_id is not None else None, str(entry.get("note", "")),
                tuple(map(str, also)))


def default_moment(kb: KnowledgeBase) -> datetime:
    """Return 10:30 on the event's first day, in its timezone."""
    return datetime.combine(kb.event.dates.start, DEFAULT_HOUR, tzinfo=kb.tz)


def passed(case: Case, answer: Answer | Decision) -> bool:
    """Tell whether the concierge (or the matcher's decision alone) did what the case expects."""
    ids = [m.item_id for m in answer.matches]
    if case.expect == "answer":
        return answer.outcome == "answer" and (
            case.id is None or (bool(ids) and ids[0] in case.right))
    if case.expect == "clarify":  # asking back: a list, or yes/no about one guess
        return answer.outcome in {"clarify", "confirm"} and (
            case.id is None or any(right in ids for right in case.right))
    return answer.outcome == "fallback"


@dataclass
class Score:
    """Aggregate figures of one eval run."""

    total: int = 0
    passed: int = 0
    top1_correct: int = 0
    answer_cases: int = 0
    out_of_scope: int = 0
    false_answers: int = 0  # out-of-scope questions answered with confidence
    wrong_answers: int = 0  # in-scope questions answered with the wrong item
    one_choice_lists: int = 0  # clarify lists of a single item: must stay zero
    offered_right: int = 0  # in-scope questions that fell back offering the right item
    outcomes: Counter[str] = field(default_factory=Counter)
    by_lang: dict[str, tuple[int, int]] = field(default_factory=dict)
    by_kind: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.passed / self.total if self.total else 0.0

    @property
    def top1_accuracy(self) -> float:
        return self.top1_correct / self.answer_cases if self.answer_cases else 0.0

    @property
    def false_answer_rate(self) -> float:
        return self.false_answers / self.out_of_scope if self.out_of_scope else 0.0


def _tally(table: dict[str, tuple[int, int]], key: str, good: bool) -> None:
    done, seen = table.get(key, (0, 0))
    table[key] = (done + good, seen + 1)


def score(
    concierge: Concierge, cases: Sequence[Case], now: datetime
) -> tuple[Score, list[tuple[Case, Answer]]]:
    """Run every case; return the figures and the failures."""
    figures = Score()
    failures = []
    for case in cases:
        answer = concierge.ask(case.q, now=now)
        good = passed(case, answer)
        figures.total += 1
        figures.passed += good
        figures.outcomes[answer.outcome] += 1
        _tally(figures.by_lang, case.lang, good)
        _tally(figures.by_kind, analyse(case.q).kind.value, good)
        figures.one_choice_lists += answer.outcome == "clarify" and len(answer.matches) < 2
        top = answer.matches[0].item_id if answer.matches else None
        if case.expect == "answer" and case.id:
            figures.answer_cases += 1
            figures.top1_correct += answer.outcome == "answer" and top in case.right
            figures.offered_right += answer.near and any(
                m.item_id in case.right for m in answer.matches)
        if case.expect == "fallback":
            figures.out_of_scope += 1
            figures.false_answers += answer.outcome == "answer"
        elif answer.outcome == "answer" and case.id and top not in case.right:
            figures.wrong_answers += 1
        if not good:
            failures.append((case, answer))
    return figures, failures


def report(figures: Score, failures: Sequence[tuple[Case, Answer]], *, misses: bool,
           lacking: Callable[[str], Sequence[str]] | None = None) -> str:
    """Return the summary an organiser reads: every miss, then by language and kind.

    ``lacking``: the words of a question no item holds (Matcher.lacking), listed under each
    miss that expected an item: a synonym or an alias away from being found.
    """
    lines = []
    if misses:
        for case, answer in failures:
            got = ", ".join(f"{m.item_id}:{m.score:.0f}" for m in answer.matches[:3])
            reply = answer.reply.text.splitlines()[0] if answer.reply.text else ""
            lines.append(f"MISS {case.label} (want {case.id or 'fallback'}) -> "
                         f"{answer.outcome} [{got}] {reply[:80]}")
            if lacking is not None and case.expect != "fallback" and (
                    words := lacking(case.q)):
                lines.append(f"     no item holds: {', '.join(words)} (a synonym or an alias "
                             f"of {case.id or 'the item'} would find it)")
    for title, table in (("language", figures.by_lang), ("question kind", figures.by_kind)):
        parts = [f"{key} {good}/{seen}" for key, (good, seen) in sorted(table.items())]
        lines.append(f"by {title}: " + ", ".join(parts))
    lines.append("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(figures.outcomes.items())))
    lines.append(
        f"eval: questions={figures.total} passed={figures.passed} rate={figures.rate:.3f} "
        f"top1={figures.top1_accuracy:.3f} false_answers={figures.false_answers}/"
        f"{figures.out_of_scope} wrong_answers={figures.wrong_answers} "
        f"one_choice_lists={figures.one_choice_lists} "
        f"fallbacks_offering_the_right_item={figures.offered_right}")
    return "\n".join(lines)
