"""The answer likelihood's fit: a feature fitted alone leaves the shipped weights as they are."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from bench.calibrate import Example, fit
from eventbot.bot.matching.confidence import FEATURES, INTERCEPT, WEIGHTS, Evidence

BASE = Evidence(
    item_id="faq-x", best=60.0, second=30.0, third=20.0, unknown_share=0.0, known=True,
    focus=1.0, about=True, names_word=False, share=60.0, second_share=30.0, matched=3,
    key_hit=False, outcome="fallback", kind="faq", asked="unknown", words=3, length=20)


def _examples() -> list[Example]:
    """Chinese questions mostly right, others mostly not, an unknown name never."""
    rows = []
    for i in range(40):
        script = "zh" if i % 2 else "en"
        strange = i % 5 == 0
        right = not strange and (script == "zh" or i % 8 == 0)
        rows.append(Example("event", f"q{i}", replace(BASE, script=script, strange=strange),
                            right, out_of_scope=not right, rules_pass=False))
    return rows


def test_fitting_some_features_alone_keeps_the_others_as_shipped() -> None:
    intercept, weights = fit(_examples(), ("script=han", "strange"))
    assert intercept == INTERCEPT
    for name, value in zip(FEATURES, weights, strict=True):
        if name not in {"script=han", "strange"}:
            assert value == WEIGHTS[name], name
    fitted = dict(zip(FEATURES, weights, strict=True))
    # what the examples tell: a Chinese question is more often right, a strange one never
    assert fitted["script=han"] > 0 > fitted["strange"]


def test_a_full_fit_moves_every_weight() -> None:
    intercept, weights = fit(_examples())
    assert intercept != INTERCEPT
    assert not np.allclose(weights, [WEIGHTS[name] for name in FEATURES])
