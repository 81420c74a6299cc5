"""Fit the answer likelihood of ``bot.matching.confidence`` on the eval events' dev sets.

Each dev question the matcher's rules do not answer (a clarify, a "did you mean", a fallback)
is one example: is its best item the answer? The model is gradient-boosted trees (scikit-learn,
the dev extra), an out-of-scope question weighing six times: answering one is worse than asking
back. Each event is left out of a fit in turn and its examples scored by that fit; the
likelihood to answer from is the lowest on a grid at which those left-out scores answer no more
than 3% of the out-of-scope examples. It prints, for each likelihood of the grid, what the
left-out fits answer, and beside them a logistic regression of the same features (the earlier
model) at as many out-of-scope answers. ``--write`` keeps the fit on every event, with that
likelihood, in ``eventbot/bot/matching/likelihood.json``. Held-out sets are never read. Run
``python -m bench.calibrate [--write]``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import numpy.typing as npt
import yaml
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from eventbot.bot.concierge import Concierge
from eventbot.bot.evaluation import Case, default_moment, load_cases, passed
from eventbot.bot.kb import KnowledgeBase, load_knowledge
from eventbot.bot.matching import Decision, confidence, retrieval
from eventbot.bot.matching.confidence import (
    FEATURES,
    MODEL_FILE,
    Evidence,
    Model,
    ModelError,
    model,
)
from tests.eval_set import EVAL_SETS, OUT_OF_SCOPE_EVENTS, OUT_OF_SCOPE_FILE, EvalSet

OUT_OF_SCOPE_WEIGHT = 6.0  # answering an out-of-scope question is worse than asking back
# Chosen each event left out, among depths 2-4, 150-300 trees, leaves of 20 or 40 examples:
# all did about as well, far better than the logistic regression; shallow trees, many small
# steps and large leaves generalise best to an event no fit has seen.
TREES: dict[str, Any] = {"max_depth": 3, "n_estimators": 300, "learning_rate": 0.05,
                         "subsample": 0.8, "min_samples_leaf": 40, "random_state": 0}
OUT_OF_SCOPE_BUDGET = 0.03  # of the out-of-scope examples, the most the left-out fits answer
GRID = tuple(round(0.5 + 0.05 * step, 2) for step in range(10))  # 0.5 ... 0.95
MODEL_PATH = Path(confidence.__file__).with_name(MODEL_FILE)

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


# Examples are gathered with a model that never answers, so that they do not depend on the fit
# shipped (the concierge asks the matcher again of what an answer leaves), nor need one that fits.
NEVER = Model(base=-50.0, trees=(), answer_from=1.0)


def examples() -> list[Example]:
    """Return the examples of every dev half, asked as the concierge asks the matcher."""
    with mock.patch.object(retrieval, "model", lambda: NEVER):
        return _examples()


def _examples() -> list[Example]:
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


def _arrays(rows: Sequence[Example]) -> tuple[Matrix, Matrix, Matrix]:
    """Return the features, the labels and the weights of the examples."""
    features = np.array([row.evidence.vector() for row in rows])
    labels = np.array([float(row.right) for row in rows])
    weights = np.array([OUT_OF_SCOPE_WEIGHT if row.out_of_scope else 1.0 for row in rows])
    return features, labels, weights


def fit(rows: Sequence[Example]) -> GradientBoostingClassifier:
    """Return the trees fitted on the examples."""
    features, labels, weights = _arrays(rows)
    return GradientBoostingClassifier(**TREES).fit(features, labels, sample_weight=weights)


def fit_logistic(rows: Sequence[Example]) -> Any:
    """Return a logistic regression fitted on the same examples, for comparison."""
    features, labels, weights = _arrays(rows)
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000)).fit(
        features, labels, logisticregression__sample_weight=weights)


def left_out(rows: Sequence[Example], fitter: Any = fit) -> Matrix:
    """Return each example's likelihood by a fit on every other event's examples."""
    events = sorted({row.event for row in rows})
    features = np.array([row.evidence.vector() for row in rows])
    held = np.zeros(len(rows))
    for event in events:
        inside = np.array([row.event == event for row in rows])
        fitted = fitter([row for row in rows if row.event != event])
        held[inside] = fitted.predict_proba(features[inside])[:, 1]
    return held


def exported(trees: GradientBoostingClassifier, rows: Sequence[Example],
             answer_from: float) -> dict[str, Any]:
    """Return the trees as ``likelihood.json`` holds them (read by confidence.Model)."""
    features = np.array([row.evidence.vector() for row in rows])
    rate = float(trees.learning_rate)
    listed = []
    for tree in (estimator.tree_ for estimator in trees.estimators_[:, 0]):
        leaf = tree.children_left < 0
        listed.append({
            "feature": [-1 if is_leaf else int(f) for f, is_leaf in zip(
                tree.feature, leaf, strict=True)],
            "threshold": [0.0 if is_leaf else float(t) for t, is_leaf in zip(
                tree.threshold, leaf, strict=True)],
            "left": [int(n) for n in tree.children_left],
            "right": [int(n) for n in tree.children_right],
            "value": [float(v) * rate if is_leaf else 0.0 for v, is_leaf in zip(
                tree.value[:, 0, 0], leaf, strict=True)]})
    steps = sum(rate * estimator.predict(features) for estimator in trees.estimators_[:, 0])
    base = float(np.mean(trees.decision_function(features) - steps))  # the prior's log-odds
    return {"features": list(FEATURES), "base": base, "answer_from": answer_from,
            "trees": listed}


def answered(rows: Sequence[Example], values: Matrix, threshold: float) -> dict[str, int]:
    """Return what answering from a likelihood gains and costs."""
    chosen = [row for row, value in zip(rows, values, strict=True) if value >= threshold]
    return {"right": sum(row.right for row in chosen),
            "lost": sum(row.rules_pass for row in chosen),
            "out_of_scope": sum(row.out_of_scope for row in chosen),
            "wrong": sum(not row.right and not row.out_of_scope for row in chosen)}


def answer_from(rows: Sequence[Example], held: Matrix) -> float:
    """Return the lowest likelihood of the grid whose left-out answers keep to the budget."""
    budget = OUT_OF_SCOPE_BUDGET * sum(row.out_of_scope for row in rows)
    return next((threshold for threshold in GRID
                 if answered(rows, held, threshold)["out_of_scope"] <= budget), GRID[-1])


def at_most(rows: Sequence[Example], values: Matrix, out_of_scope: int) -> dict[str, int]:
    """Return what answering from the lowest likelihood answering that many out of scope does."""
    limits = sorted((value for row, value in zip(rows, values, strict=True)
                     if row.out_of_scope), reverse=True)
    threshold = limits[out_of_scope] + 1e-9 if out_of_scope < len(limits) else 0.0
    return answered(rows, values, threshold)


def _figures(figures: dict[str, int]) -> str:
    return " ".join(f"{name}={value}" for name, value in figures.items())


def main() -> None:
    """Fit each event left out, print the figures; with --write, keep the full fit."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true",
                        help=f"write the fit on every event to {MODEL_PATH}")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list the guesses the left-out fits would answer, or nearly")
    args = parser.parse_args()
    rows = examples()
    held = left_out(rows)
    chosen = answer_from(rows, held)
    print(f"examples={len(rows)} events={len({row.event for row in rows})} "
          f"out_of_scope={sum(row.out_of_scope for row in rows)} "
          f"right={sum(row.right for row in rows)}")
    print("each event left out of the fit, answered from each likelihood:")
    for threshold in GRID:
        mark = "  <- answer from" if threshold == chosen else ""
        print(f"  {threshold:.2f} {_figures(answered(rows, held, threshold))}{mark}")
    budget = answered(rows, held, chosen)["out_of_scope"]
    logistic = at_most(rows, left_out(rows, fit_logistic), budget)
    print(f"logistic regression, each event left out, at {budget} out of scope: "
          f"{_figures(logistic)}")
    try:
        shipped = model()
    except (OSError, ModelError) as exc:
        print(f"no shipped model to compare: {exc}")
    else:
        print(f"the shipped model (fitted on these) from {shipped.answer_from}: " + _figures(
            answered(rows, np.array([shipped.likelihood(row.evidence) for row in rows]),
                     shipped.answer_from)))
    if args.verbose:
        for row, value in sorted(zip(rows, held, strict=True), key=lambda pair: -pair[1]):
            if value >= chosen - 0.15 and not row.right:
                kind = "out of scope" if row.out_of_scope else "wrong"
                print(f"  {value:.2f} {kind:12} {row.event}: {row.question!r} -> "
                      f"{row.evidence.item_id} ({row.evidence.outcome})")
    if args.write:
        data = exported(fit(rows), rows, chosen)
        Model.from_json(data)  # what confidence reads back
        MODEL_PATH.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH} ({len(data['trees'])} trees, answer from {chosen})")


if __name__ == "__main__":
    main()
