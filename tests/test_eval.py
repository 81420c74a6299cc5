"""The public eval set: every question gets the expected outcome and item.

Known misses are listed by question and marked strict xfail: fixing one makes its xfail fail,
so the list only shrinks; a regression elsewhere fails normally. None of the known misses is a
confident wrong answer: each asks back or falls back.
"""

from __future__ import annotations

import pytest

from bot.concierge import Concierge
from bot.kb import load_knowledge
from tests.eval_set import EVAL_MOMENT, load_cases, passed, score
from tests.paths import SAMPLE_KB

CASES = load_cases()
KNOWN_MISSES = {
    "개회식 축사 누가 했어요",  # a paraphrase: no key mentions the congratulatory speech
    "퍼듀대 발표 있나요?",  # abbreviation of 퍼듀대학교 in a longer question: asks back
    "지갑 잃어버렸어요",  # lost-and-found paraphrase: asks back
    "SME ministerial meeting dates",  # ties with the minister FAQ: asks back
    "Who is giving the keynote?",
    "is there a job fair",
    "k beauty booths",  # plural 'booths' is not a frame word: asks back
    "何か国が参加していますか",
    "ホテルはどこ",  # generic word in unspaced Japanese doesn't reach clarify
    "韓妝展館",
    "有多少人参加",
}


@pytest.fixture(scope="module")
def concierge() -> Concierge:
    return Concierge(load_knowledge(SAMPLE_KB))


def test_eval_set_is_large_and_covers_four_languages() -> None:
    assert len(CASES) >= 150
    langs = {c.lang for c in CASES}
    assert langs == {"ko", "en", "ja", "zh"}
    assert sum(c.expect == "fallback" for c in CASES) >= 30
    assert {c.q for c in CASES} >= KNOWN_MISSES


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, id=c.label, marks=pytest.mark.xfail(strict=True) if c.q in KNOWN_MISSES
                  else ()) for c in CASES],
)
def test_question(concierge: Concierge, case) -> None:
    answer = concierge.ask(case.q, now=EVAL_MOMENT)
    assert passed(case, answer), (answer.outcome, [m.item_id for m in answer.matches])


def test_aggregate_floors(concierge: Concierge) -> None:
    figures, failures = score(concierge, CASES)
    assert figures.false_answers == 0  # no out-of-scope question gets a confident answer
    assert all(answer.outcome != "answer" for _, answer in failures)  # misses never answer wrong
    assert figures.top1_accuracy >= 0.95
