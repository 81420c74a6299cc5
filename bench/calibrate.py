"""Fit the models of ``bot.matching.confidence`` on the eval events' dev sets.

Each dev question the matcher ranks items for is one example. Where the rules do not answer
(a clarify, a "did you mean", a fallback), the answer model learns whether the best item is
the answer, an out-of-scope question weighing six times: answering one is worse than asking
back. Where they answer, the doubt model learns whether that answer is wrong or the question
beyond the KB. Both are gradient-boosted trees (scikit-learn, the dev extra). Each event is
left out of a fit in turn and its examples scored by that fit: the answer model acts from the
lowest likelihood of a grid at which those scores answer at most 3% of the out-of-scope
examples, the doubt from the lowest at which at most a quarter of the answers it undoes were
right. It prints what each likelihood of the grid does, and beside the answer model a logistic
regression of the same features (the earlier model) at as many out-of-scope answers.
``--write`` keeps the fits on every event, with those likelihoods, in
``eventbot/bot/matching/likelihood.json`` and ``doubt.json``. Held-out sets are never read.
Run ``python -m bench.calibrate [--write]``.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Collection, Sequence
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

from eventbot.bot.concierge import Answer, Concierge
from eventbot.bot.evaluation import Case, default_moment, load_cases, passed
from eventbot.bot.kb import KnowledgeBase, load_knowledge
from eventbot.bot.matching import Decision, confidence, retrieval
from eventbot.bot.matching.confidence import (
    ANSWER_MODEL,
    DOUBT_MODEL,
    FEATURES,
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
DOUBTED_RIGHT_SHARE = 0.25  # of the answers the left-out fits doubt, the most that were right
GRID = tuple(round(0.5 + 0.05 * step, 2) for step in range(10))  # 0.5 ... 0.95

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Example:
    """One dev question the matcher ranked items for, and how it should have gone."""

    event: str
    question: str
    evidence: Evidence
    right: bool  # an answer is expected and the best item is it
    out_of_scope: bool
    rules_pass: bool  # the rules' own decision passes the case
    final_pass: bool = False  # ... and the concierge's reply made on it (a place's answer
    # asked what is on there now gives the session on there)

    @property
    def ruled(self) -> bool:
        """Tell whether the rules answered it (the doubt's example; else the answer's)."""
        return self.evidence.outcome == "answer"


def _asked(concierge: Concierge, question: str, moment: datetime
           ) -> tuple[str, Collection[str], Answer] | None:
    """Return what the concierge asks the matcher for a question, if it asks it at all, and
    its reply."""
    asked: list[tuple[str, Collection[str]]] = []
    matcher = concierge.matcher
    decide = matcher.match

    def recording(text: str, *, timely: Collection[str] = ()) -> Decision:
        asked.append((text, timely))
        return decide(text, timely=timely)

    matcher.match = recording  # type: ignore[method-assign,assignment]
    try:
        answer = concierge.ask(question, now=moment)
    finally:
        del matcher.match  # the class's own again
    return (*asked[-1], answer) if asked else None


# Examples are gathered with a model that never answers, so that they do not depend on the fit
# shipped (the concierge asks the matcher again of what an answer leaves), nor need one that fits.
NEVER = Model(base=-50.0, trees=(), threshold=1.0)


def examples() -> list[Example]:
    """Return the examples of every dev set, asked as the concierge asks the matcher."""
    with mock.patch.object(retrieval, "model", lambda name: NEVER):
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
                case.expect == "fallback", passed(case, decision), passed(case, asked[2])))
    return found


def _cases(eval_set: EvalSet, kb: KnowledgeBase) -> list[Case]:
    """Return a dev set's cases, and the questions no event answers if asked of its KB."""
    cases = load_cases(eval_set.questions, kb)
    event, part = eval_set.name.split("/")
    if event in OUT_OF_SCOPE_EVENTS and part in {"dev", "public"}:  # once per event
        questions = yaml.safe_load(OUT_OF_SCOPE_FILE.read_text("utf-8"))
        cases += [Case(question, "", "fallback", None) for question in questions]
    return cases


def _features(rows: Sequence[Example]) -> Matrix:
    """Return the examples' features, a row each."""
    return np.array([row.evidence.vector() for row in rows])


def _arrays(rows: Sequence[Example], task: Task) -> tuple[Matrix, Matrix, Matrix]:
    """Return the features, the labels and the weights of the examples."""
    features = _features(rows)
    labels = np.array([float(task.label(row)) for row in rows])
    weights = np.array([task.weight(row) for row in rows])
    return features, labels, weights


def fit(rows: Sequence[Example], task: Task) -> GradientBoostingClassifier:
    """Return the trees fitted on the examples."""
    features, labels, weights = _arrays(rows, task)
    return GradientBoostingClassifier(**TREES).fit(features, labels, sample_weight=weights)


def fit_logistic(rows: Sequence[Example], task: Task) -> Any:
    """Return a logistic regression fitted on the same examples, for comparison."""
    features, labels, weights = _arrays(rows, task)
    return make_pipeline(StandardScaler(), LogisticRegression(max_iter=5000)).fit(
        features, labels, logisticregression__sample_weight=weights)


def left_out(rows: Sequence[Example], task: Task, fitter: Any = fit) -> Matrix:
    """Return each example's likelihood by a fit on every other event's examples."""
    events = sorted({row.event for row in rows})
    features = _features(rows)
    held = np.zeros(len(rows))
    for event in events:
        inside = np.array([row.event == event for row in rows])
        fitted = fitter([row for row in rows if row.event != event], task)
        held[inside] = fitted.predict_proba(features[inside])[:, 1]
    return held


def exported(trees: GradientBoostingClassifier, rows: Sequence[Example],
             threshold: float) -> dict[str, Any]:
    """Return the trees as the model's file holds them (read by confidence.Model)."""
    features = _features(rows)
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
    return {"features": list(FEATURES), "base": base, "threshold": threshold, "trees": listed}


def answered(rows: Sequence[Example], values: Matrix, threshold: float) -> dict[str, int]:
    """Return what answering from a likelihood gains and costs."""
    chosen = [row for row, value in zip(rows, values, strict=True) if value >= threshold]
    return {"right": sum(row.right for row in chosen),
            "lost": sum(row.rules_pass for row in chosen),
            "out_of_scope": sum(row.out_of_scope for row in chosen),
            "wrong": sum(not row.right and not row.out_of_scope for row in chosen)}


def doubted(rows: Sequence[Example], values: Matrix, threshold: float) -> dict[str, int]:
    """Return what doubting the rules' answers from a likelihood undoes."""
    chosen = [row for row, value in zip(rows, values, strict=True) if value >= threshold]
    return {"doubted": len(chosen), "right_lost": sum(row.final_pass for row in chosen),
            "out_of_scope": sum(row.out_of_scope for row in chosen),
            "wrong": sum(not row.final_pass and not row.out_of_scope for row in chosen)}


def answer_from(rows: Sequence[Example], held: Matrix) -> float:
    """Return the lowest likelihood of the grid whose left-out answers keep to the budget."""
    budget = OUT_OF_SCOPE_BUDGET * sum(row.out_of_scope for row in rows)
    return next((threshold for threshold in GRID
                 if answered(rows, held, threshold)["out_of_scope"] <= budget), GRID[-1])


def doubt_from(rows: Sequence[Example], held: Matrix) -> float:
    """Return the lowest likelihood of the grid whose left-out doubts were rarely right."""
    def right_share(threshold: float) -> float:
        figures = doubted(rows, held, threshold)
        return figures["right_lost"] / figures["doubted"] if figures["doubted"] else 0.0
    return next((threshold for threshold in GRID if right_share(threshold) <= DOUBTED_RIGHT_SHARE),
                GRID[-1])


def at_most(rows: Sequence[Example], values: Matrix, out_of_scope: int) -> dict[str, int]:
    """Return what answering from the lowest likelihood answering that many out of scope does."""
    limits = sorted((value for row, value in zip(rows, values, strict=True)
                     if row.out_of_scope), reverse=True)
    threshold = limits[out_of_scope] + 1e-9 if out_of_scope < len(limits) else 0.0
    return answered(rows, values, threshold)


@dataclass(frozen=True)
class Task:
    """What one model learns: on which examples, to tell what, weighing what more; what acting
    on it does, and from which likelihood it acts."""

    file: str
    label: Callable[[Example], bool]
    weight: Callable[[Example], float]
    examples: Callable[[Example], bool]
    count: Callable[[Sequence[Example], Matrix, float], dict[str, int]]
    acts_from: Callable[[Sequence[Example], Matrix], float]


ANSWER = Task(ANSWER_MODEL, lambda row: row.right,
              lambda row: OUT_OF_SCOPE_WEIGHT if row.out_of_scope else 1.0,
              lambda row: not row.ruled, answered, answer_from)
# The doubt: of the rules' answers, which make a wrong reply or one to a question beyond the KB.
# An out-of-scope one weighs three times (a wrong item at least names what the words found).
DOUBT = Task(DOUBT_MODEL, lambda row: not row.final_pass,
             lambda row: 3.0 if row.out_of_scope else 1.0, lambda row: row.ruled, doubted,
             doubt_from)


def _figures(figures: dict[str, int]) -> str:
    return " ".join(f"{name}={value}" for name, value in figures.items())


def _shipped(task: Task) -> Model | None:
    try:
        return model(task.file)
    except (OSError, ModelError) as exc:
        print(f"no shipped model to compare: {exc}")
        return None


def _report(task: Task, rows: Sequence[Example], verbose: bool) -> tuple[Matrix, float]:
    """Print what each likelihood does, each event left out; return those and the one chosen."""
    held = left_out(rows, task)
    count, chosen = task.count, task.acts_from(rows, held)
    print(f"{task.file}: examples={len(rows)} events={len({row.event for row in rows})} "
          f"out_of_scope={sum(row.out_of_scope for row in rows)} "
          f"labelled={sum(task.label(row) for row in rows)}")
    print("  each event left out of the fit, acting from each likelihood:")
    for threshold in GRID:
        mark = "  <- chosen" if threshold == chosen else ""
        print(f"    {threshold:.2f} {_figures(count(rows, held, threshold))}{mark}")
    if task is ANSWER:
        budget = answered(rows, held, chosen)["out_of_scope"]
        logistic = at_most(rows, left_out(rows, task, fit_logistic), budget)
        print(f"  logistic regression, each event left out, at {budget} out of scope: "
              f"{_figures(logistic)}")
    if (shipped := _shipped(task)) is not None:
        print(f"  the shipped model (fitted on these) from {shipped.threshold}: " + _figures(
            count(rows, np.array([shipped.likelihood(row.evidence) for row in rows]),
                  shipped.threshold)))
    if verbose:
        for row, value in sorted(zip(rows, held, strict=True), key=lambda pair: -pair[1]):
            if value >= chosen - 0.15 and not task.label(row):  # (acting on it is wrong)
                print(f"    {value:.2f} {row.event}: {row.question!r} -> {row.evidence.item_id}")
    return held, chosen


def main() -> None:
    """Fit each event left out, print the figures; with --write, keep the full fits."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true",
                        help=f"write the fits on every event beside {confidence.__file__}")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list the examples the left-out fits act on wrongly, or nearly")
    args = parser.parse_args()
    every = examples()
    for task in (ANSWER, DOUBT):
        rows = [row for row in every if task.examples(row)]
        _, chosen = _report(task, rows, args.verbose)
        if args.write:
            data = exported(fit(rows, task), rows, chosen)
            Model.from_json(data)  # what confidence reads back
            path = Path(confidence.__file__).with_name(task.file)
            path.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
            print(f"  wrote {path} ({len(data['trees'])} trees, from {chosen})")


if __name__ == "__main__":
    main()
