"""The question-answering eval set: load it, run it through the concierge, score it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from bot.concierge import Answer, Concierge

EVAL_FILE = Path(__file__).resolve().parent / "eval" / "questions.yaml"
# A moment during the event, so "today" and "now" questions have something to list.
EVAL_MOMENT = datetime(2025, 9, 2, 10, 30, tzinfo=ZoneInfo("Asia/Seoul"))


@dataclass(frozen=True)
class Case:
    """One eval question and what it should get."""

    q: str
    lang: str
    expect: str
    id: str | None
    note: str

    @property
    def label(self) -> str:
        return f"{self.lang}:{self.expect}:{self.q}"


def load_cases(path: Path = EVAL_FILE) -> list[Case]:
    """Read the eval set."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Case(str(e["q"]), e["lang"], e["expect"], e.get("id"), e.get("note", "")) for e in raw]


def passed(case: Case, answer: Answer) -> bool:
    """Tell whether the concierge did what the case expects."""
    ids = [m.item_id for m in answer.matches]
    if case.expect == "answer":
        return answer.outcome == "answer" and (case.id is None or ids[:1] == [case.id])
    if case.expect == "clarify":
        return answer.outcome == "clarify" and (case.id is None or case.id in ids)
    return answer.outcome == "fallback"


@dataclass(frozen=True)
class Score:
    """Aggregate figures of one eval run."""

    total: int
    passed: int
    top1_correct: int
    answer_cases: int
    out_of_scope: int
    false_answers: int
    by_lang: dict[str, tuple[int, int]]

    @property
    def top1_accuracy(self) -> float:
        return self.top1_correct / self.answer_cases if self.answer_cases else 0.0

    @property
    def false_answer_rate(self) -> float:
        return self.false_answers / self.out_of_scope if self.out_of_scope else 0.0


def score(concierge: Concierge, cases: list[Case]) -> tuple[Score, list[tuple[Case, Answer]]]:
    """Run every case; return the figures and the failures."""
    failures = []
    ok = top1 = answer_cases = oos = false_answers = 0
    by_lang: dict[str, tuple[int, int]] = {}
    for case in cases:
        answer = concierge.ask(case.q, now=EVAL_MOMENT)
        good = passed(case, answer)
        ok += good
        done, seen = by_lang.get(case.lang, (0, 0))
        by_lang[case.lang] = (done + good, seen + 1)
        if case.expect == "answer" and case.id:
            answer_cases += 1
            top1 += answer.outcome == "answer" and answer.matches[:1] != () and (
                answer.matches[0].item_id == case.id)
        if case.expect == "fallback":
            oos += 1
            false_answers += answer.outcome == "answer"
        if not good:
            failures.append((case, answer))
    return Score(len(cases), ok, top1, answer_cases, oos, false_answers, by_lang), failures
