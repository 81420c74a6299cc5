"""The answer likelihood's fit: the trees written are the trees fitted, and where they answer."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from bench.calibrate import (
    ANSWER,
    DOUBT,
    DOUBTED_RIGHT_SHARE,
    GRID,
    Example,
    answer_from,
    answered,
    doubt_from,
    doubted,
    exported,
    fit,
    left_out,
)
from eventbot.bot.matching.confidence import Evidence, Model

BASE = Evidence(
    item_id="faq-x", best=60.0, second=30.0, third=20.0, unknown_share=0.0, known=True,
    focus=1.0, about=True, names_word=False, share=60.0, second_share=30.0, matched=3,
    key_hit=False, outcome="fallback", kind="faq", asked="unknown", words=3, length=20)


def _examples() -> list[Example]:
    """Four events: Chinese questions mostly right, others mostly not, an unknown name never."""
    rows = []
    for i in range(400):
        script = "zh" if i % 2 else "en"
        strange = i % 5 == 0
        right = not strange and (script == "zh" or i % 8 == 0)
        evidence = replace(BASE, script=script, strange=strange, best=40.0 + i % 37,
                           second=20.0 + i % 11)
        rows.append(Example(f"event-{i % 4}", f"q{i}", evidence, right,
                            out_of_scope=not right, rules_pass=i % 7 == 0))
    return rows


def test_the_trees_written_score_as_the_trees_fitted() -> None:
    rows = _examples()
    trees = fit(rows, ANSWER)
    shipped = Model.from_json(exported(trees, rows, 0.6))
    fitted = trees.predict_proba(np.array([row.evidence.vector() for row in rows]))[:, 1]
    read = [shipped.likelihood(row.evidence) for row in rows]
    assert read == pytest.approx(fitted, abs=1e-9)
    assert shipped.threshold == 0.6
    # what the examples tell: a Chinese question is more often right, a strange one never
    chinese = replace(BASE, script="zh")
    assert shipped.likelihood(chinese) > shipped.likelihood(replace(chinese, script="en"))
    assert shipped.likelihood(replace(chinese, strange=True)) < shipped.likelihood(chinese)


def test_answering_from_a_likelihood_counts_what_it_gains_and_costs() -> None:
    rows = _examples()[:4]  # right, out of scope, out of scope, right ... as built
    values = np.array([0.9, 0.7, 0.4, 0.2])
    figures = answered(rows, values, 0.5)
    assert figures["right"] == sum(row.right for row in rows[:2])
    assert figures["out_of_scope"] == sum(row.out_of_scope for row in rows[:2])
    assert figures["lost"] == sum(row.rules_pass for row in rows[:2])


def test_the_likelihood_answered_from_is_the_lowest_within_the_budget() -> None:
    rows = _examples()
    held = left_out(rows, ANSWER)
    chosen = answer_from(rows, held)
    budget = 0.03 * sum(row.out_of_scope for row in rows)
    assert chosen in GRID
    assert answered(rows, held, chosen)["out_of_scope"] <= budget
    lower = [threshold for threshold in GRID if threshold < chosen]
    assert all(answered(rows, held, threshold)["out_of_scope"] > budget for threshold in lower)


def test_the_doubt_acts_from_the_lowest_likelihood_whose_doubts_were_rarely_right() -> None:
    # eight answers by the rules: four right, two wrong, two out of scope
    rows = [replace(row, evidence=replace(row.evidence, outcome="answer")) for row in
            _examples()[:8]]
    rows = [replace(row, final_pass=i < 4, out_of_scope=i >= 6, right=i < 4)
            for i, row in enumerate(rows)]
    assert all(DOUBT.examples(row) and not ANSWER.examples(row) for row in rows)
    # likelihoods of being wrong: the bad ones high, right ones among them lower down
    held = np.array([0.55, 0.6, 0.3, 0.72, 0.95, 0.9, 0.85, 0.74])
    chosen = doubt_from(rows, held)
    figures = doubted(rows, held, chosen)
    assert figures["right_lost"] / figures["doubted"] <= DOUBTED_RIGHT_SHARE
    assert chosen == 0.65  # below, two right answers of six doubted, three of seven
    assert figures == {"doubted": 5, "right_lost": 1, "out_of_scope": 2, "wrong": 2}
