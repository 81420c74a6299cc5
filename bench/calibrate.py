"""Fit the answer likelihood of ``bot.matching.confidence`` on the eval events' dev halves.

Each dev question the matcher's rules do not answer (a clarify, a "did you mean", a fallback)
is one example: is its best item the answer? The fit is a logistic regression with an L2
penalty, an out-of-scope question weighing six times. It prints what answering from the
shipped threshold gains and costs on each event when that event is left out of the fit
(leave-one-event-out), then the weights to paste into ``confidence.py``. Held-out halves are
never read. Needs numpy (the dev extra). Run ``python -m bench.calibrate``.
"""

from __future__ import annotations

import argparse
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import numpy.typing as npt
import yaml

from eventbot.bot.concierge import Concierge
from eventbot.bot.evaluation import Case, default_moment, load_cases, passed
from eventbot.bot.kb import KnowledgeBase, load_knowledge
from eventbot.bot.matching import Decision
from eventbot.bot.matching.confidence import (
    ANSWER_LIKELIHOOD,
    FEATURES,
    INTERCEPT,
    WEIGHTS,
    Evidence,
)
from tests.eval_set import EVAL_SETS, OUT_OF_SCOPE_EVENTS, OUT_OF_SCOPE_FILE, EvalSet

OUT_OF_SCOPE_WEIGHT = 6.0  # answering an out-of-scope question is worse than asking back
PENALTY = 1.0  # L2, on standardised features
STEPS = 3000
RATE = 0.5

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Example:
    """One dev question the rules left unsure, and how it should have gone."""

    event: str
    question: str
    evidence: Evidence
    right: bool  # an answer is expected and the best item is it
    out_of_scope: bool
    rules_pass: bool  # the rules' own decision passes the case


def _asked(concierge: Concierge, question: str, moment: datetime
           ) -> tuple[str, Collection[str]] | None:
    """Return what the concierge asks the matcher for a question, if it asks it at all."""
    asked: list[tuple[str, Collection[str]]] = []
    matcher = concierge.matcher
    decide = matcher.match

    def recording(text: str, *, timely: Collection[str] = ()) -> Decision:
        asked.append((text, timely))
        return decide(text, timely=timely)

    matcher.match = recording  # type: ignore[method-assign,assignment]
    try:
        concierge.ask(question, now=moment)
    finally:
        del matcher.match  # the class's own again
    return asked[-1] if asked else None


def examples() -> list[Example]:
    """Return the examples of every dev half, asked as the concierge asks the matcher."""
    found: list[Example] = []
    concierges: dict[str, Concierge] = {}
    for eval_set in EVAL_SETS:
        if eval_set.held_out:
            continue
        concierge = concierges.get(str(eval_set.kb))
        if concierge is None:
            concierge = concierges[str(eval_set.kb)] = Concierge(load_knowledge(eval_set.kb))
        moment = eval_set.moment or default_moment(concierge.kb)
        event = eval_set.name.split("/")[0]
        for case in _cases(eval_set, concierge.kb):
            asked = _asked(concierge, case.q, moment)
            if asked is None:  # answered before the matcher (small talk, a day's programme)
                continue
            decision, evidence = concierge.matcher.weigh(asked[0], timely=asked[1])
            if evidence is None:
                continue
            found.append(Example(
                event, case.q, evidence, case.expect == "answer" and evidence.item_id in case.right,
                case.expect == "fallback", passed(case, decision)))
    return found


def _cases(eval_set: EvalSet, kb: KnowledgeBase) -> list[Case]:
    """Return a dev set's cases, and the questions no event answers if asked of its KB."""
    cases = load_cases(eval_set.questions, kb)
    event, part = eval_set.name.split("/")
    if event in OUT_OF_SCOPE_EVENTS and part in {"dev", "public"}:  # once per event
        questions = yaml.safe_load(OUT_OF_SCOPE_FILE.read_text("utf-8"))
        cases += [Case(question, "", "fallback", None) for question in questions]
    return cases


def fit(rows: Sequence[Example], only: Sequence[str] = ()) -> tuple[float, Matrix]:
    """Return the intercept and weights, in the features' own units.

    ``only``: fit these features' weights alone, the others and the intercept kept as shipped
    (their sum an offset), to add a feature without moving what the shipped weights decide.
    """
    features = np.array([row.evidence.vector() for row in rows])
    labels = np.array([float(row.right) for row in rows])
    weights = np.array([OUT_OF_SCOPE_WEIGHT if row.out_of_scope else 1.0 for row in rows])
    shipped = np.array([WEIGHTS[name] for name in FEATURES])
    chosen = np.array([name in only for name in FEATURES]) if only else np.ones(
        len(FEATURES), dtype=bool)
    offset = features[:, ~chosen] @ shipped[~chosen] + INTERCEPT if only else np.zeros(len(rows))
    features = features[:, chosen]
    # (fitting only some, they are not centred: centring would move the shipped intercept)
    mean, spread = np.zeros(features.shape[1]) if only else features.mean(0), features.std(0)
    spread[spread == 0] = 1.0
    scaled = (features - mean) / spread
    coef, bias = np.zeros(features.shape[1]), 0.0
    for _ in range(STEPS):
        error = weights * (1.0 / (1.0 + np.exp(-(scaled @ coef + bias + offset))) - labels)
        coef -= RATE * (scaled.T @ error / weights.sum() + PENALTY * coef / len(rows))
        if not only:
            bias -= RATE * error.sum() / weights.sum()
    raw = coef / spread
    if not only:
        return bias - float(raw @ mean), raw
    merged = shipped.copy()
    merged[chosen] = raw
    return INTERCEPT, merged


def likelihoods(model: tuple[float, Matrix], rows: Sequence[Example]) -> Matrix:
    """Return the fitted likelihood of each example."""
    intercept, raw = model
    features = np.array([row.evidence.vector() for row in rows])
    result: Matrix = 1.0 / (1.0 + np.exp(-(features @ raw + intercept)))
    return result


def main() -> None:
    """Fit, print the leave-one-event-out figures and the weights."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threshold", type=float, default=ANSWER_LIKELIHOOD,
                        help="answer from this likelihood on (default: the shipped one)")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list the guesses the left-out fits would answer, or nearly")
    parser.add_argument("--only", nargs="+", choices=FEATURES, default=(), metavar="FEATURE",
                        help="fit these features' weights alone, keeping the others as shipped")
    args = parser.parse_args()
    rows = examples()
    events = sorted({row.event for row in rows})
    held = np.zeros(len(rows))
    for event in events:
        inside = [i for i, row in enumerate(rows) if row.event == event]
        model = fit([row for row in rows if row.event != event], args.only)
        held[inside] = likelihoods(model, [rows[i] for i in inside])
    print(f"examples={len(rows)} events={len(events)} threshold={args.threshold}")
    shipped = likelihoods((INTERCEPT, np.array([WEIGHTS[name] for name in FEATURES])), rows)
    for label, values in (("the shipped weights (fitted on these)", shipped),
                          ("leave-one-event-out", held)):
        chosen = [row for row, value in zip(rows, values, strict=True)
                  if value >= args.threshold]
        print(f"{label}, answered from the threshold: "
              f"right={sum(row.right for row in chosen)} "
              f"lost={sum(row.rules_pass for row in chosen)} "
              f"out_of_scope={sum(row.out_of_scope for row in chosen)} "
              f"wrong={sum(not row.right and not row.out_of_scope for row in chosen)}")
    if args.verbose:
        for row, value in sorted(zip(rows, held, strict=True), key=lambda pair: -pair[1]):
            if value >= args.threshold - 0.15 and not row.right:
                kind = "out of scope" if row.out_of_scope else "wrong"
                print(f"  {value:.2f} {kind:12} {row.event}: {row.question!r} -> "
                      f"{row.evidence.item_id} ({row.evidence.outcome})")
    intercept, raw = fit(rows, args.only)
    drift = max(abs(INTERCEPT - intercept), *(
        abs(WEIGHTS.get(name, 0.0) - value) for name, value in zip(FEATURES, raw, strict=True)))
    print(f"largest difference from the shipped weights: {drift:.4f} (refit if it matters)")
    print(f"INTERCEPT = {intercept:.4f}")
    print("WEIGHTS: dict[str, float] = {")
    for name, value in zip(FEATURES, raw, strict=True):
        print(f'    "{name}": {value:.4f},')
    print("}")


if __name__ == "__main__":
    main()
