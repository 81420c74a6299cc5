"""How likely the best-ranked item is the answer, when the rules on its scores are unsure.

The rules of :meth:`bot.matching.retrieval.Matcher._by_words` answer when a score is high and
leads clearly; below that they ask back or fall back. Many right items sit there: a paraphrase
whose one distinctive word is the FAQ's, a surname that leads by far at a middling score. A
model over what the ranking shows (scores, lead, how much of the question is known, the item's
kind against the question's) tells those from guesses: gradient-boosted trees, fitted on the dev
halves and dev probes of every eval event by ``python -m bench.calibrate --write``, which keeps
them in ``likelihood.json`` beside this module with the likelihood to answer from, and prints
what each event left out of the fit would gain and cost. Trees because the signals work
together (a lead means more when every word is known, less in a Chinese question read by
pieces): each event left out, they answer a fifth more right than a logistic regression of the
same features at as many out-of-scope answers (341 against 291 of 2290 examples, 23 out of
scope).

Where the rules do answer, a second model of the same features, the doubt, tells answers that
are wrong or to a question beyond the item ("herdsense collars run on solar right.. how many
days do they last with no sun"): from its likelihood on, the item is offered, not answered.
It is fitted by the same command on the rules' answers, kept in ``doubt.json``. Refit both
after changing how items are ranked.
"""

from __future__ import annotations

import json
import math
from array import array
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["ANSWER_MODEL", "DOUBT_MODEL", "FEATURES", "Evidence", "Model", "ModelError",
           "answer_likelihood", "likelihood", "model"]

ANSWER_MODEL = "likelihood.json"  # where the rules are unsure: is the best item the answer?
DOUBT_MODEL = "doubt.json"  # where they answer: is the answer wrong, or the question beyond it?

KINDS = ("session", "exhibitor", "faq", "venue", "room", "person", "organisation", "side_event",
         "pavilion")
ASKED = ("booth", "unknown", "what", "when", "where", "who")
SCRIPTS = {"kana": ("ja",), "hangul": ("ko",), "han": ("zh", "zh-Hant"), "thai": ("th",)}


@dataclass(frozen=True)
class Evidence:
    """What the ranking of one question shows about its best item; scores are 0-100."""

    item_id: str  # the best item (not a feature)
    best: float
    second: float
    third: float
    unknown_share: float  # of the question's weight, what no item knows (0-1)
    known: bool  # some word of the question is the KB's
    focus: float  # how much of the best item's best-covered name the question holds (0-1)
    about: bool  # the item's name is all about the question's words and holds one itself
    names_word: bool  # the item's names hold a word of the question itself, not a synonym
    share: float  # the word score of the best item (0-100)
    second_share: float  # ... and of the second
    matched: int  # terms of the question some item holds
    key_hit: bool  # a name or alias of the item matched as a whole (the fuzzy index)
    outcome: str  # what the rules decided: "clarify", "confirm" or "fallback"
    kind: str  # the best item's kind (a person's: the speaker of a talk a who-question describes)
    asked: str  # the question's kind (bot.matching.intent.QuestionKind)
    words: int  # the question's words, without its frame ("where is")
    length: int  # the question's characters
    # The question's script (bot.matching.intent.script_lang): unspaced scripts are read by
    # two-character pieces, so their unknown words count for little in unknown_share ...
    script: str = "en"
    strange: bool = False  # ... and this tells of one: a run no piece of the KB covers (华为)
    # of the weight of the question's words some item holds, the share the best item lacks:
    # words that point elsewhere (0-1)
    elsewhere: float = 0.0

    def vector(self) -> tuple[float, ...]:
        """Return the features in the order of :data:`FEATURES`."""
        best, margin = self.best / 100, (self.best - self.second) / 100
        return (
            best, margin, (self.second - self.third) / 100, self.unknown_share,
            float(self.known), self.focus, float(self.about), float(self.names_word),
            self.share / 100, self.second_share / 100, min(self.matched, 6) / 6,
            float(self.key_hit), float(self.outcome == "confirm"),
            float(self.outcome == "clarify"), best * best, margin * margin, best * margin,
            min(self.words, 10) / 10, min(self.length, 80) / 80,
            *(float(self.kind == kind) for kind in KINDS),
            *(float(self.asked == asked) for asked in ASKED),
            *(float(self.script in scripts) for scripts in SCRIPTS.values()),
            float(self.strange), self.elsewhere,
        )


FEATURES = (
    "best", "margin", "second_lead", "unknown_share", "known", "focus", "about", "names_word",
    "share", "second_share", "matched", "key_hit", "confirm", "clarify", "best^2", "margin^2",
    "best*margin", "words", "length", *(f"kind={kind}" for kind in KINDS),
    *(f"asked={asked}" for asked in ASKED),
    *(f"script={script}" for script in SCRIPTS), "strange", "elsewhere",
)


class ModelError(ValueError):
    """A fitted model's file does not fit this code: refit (``bench.calibrate --write``)."""


@dataclass(frozen=True)
class Tree:
    """One regression tree, as parallel lists: a leaf's feature is -1 and its value counts."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]  # the leaf's step, the learning rate already applied

    def step(self, vector: tuple[float, ...]) -> float:
        """Return the value of the leaf a feature vector falls in."""
        node = 0
        while (feature := self.feature[node]) >= 0:
            node = self.left[node] if vector[feature] <= self.threshold[node] else (
                self.right[node])
        return self.value[node]


@dataclass(frozen=True)
class Model:
    """The fitted trees: a log-odds start, a step from each tree, and the likelihood from
    which the matcher acts on them (answers, or doubts an answer)."""

    base: float
    trees: tuple[Tree, ...]
    threshold: float

    def likelihood(self, evidence: Evidence) -> float:
        """Return the likelihood (0-1) that the best item answers the question."""
        # as single-precision numbers, which is what the fit split (scikit-learn's trees read
        # their input so): in double precision, a value at a split may fall on its other side
        vector = tuple(array("f", evidence.vector()))
        total = self.base + sum(tree.step(vector) for tree in self.trees)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, total))))

    def reaches(self, evidence: Evidence) -> bool:
        """Tell whether the likelihood is high enough to act on."""
        return self.likelihood(evidence) >= self.threshold

    @classmethod
    def from_json(cls, data: Any) -> Model:
        """Read a model written by ``bench.calibrate``; say why one does not fit this code."""
        if not isinstance(data, dict) or data.get("features") != list(FEATURES):
            raise ModelError("the model was fitted on other features than these: refit it "
                             "with python -m bench.calibrate --write")
        try:
            trees = tuple(Tree(*(tuple(tree[part]) for part in (
                "feature", "threshold", "left", "right", "value"))) for tree in data["trees"])
            return cls(float(data["base"]), trees, float(data["threshold"]))
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"not a model bench.calibrate writes: {exc}") from None


@cache
def model(name: str = ANSWER_MODEL) -> Model:
    """Return a shipped model (its file beside this module), read once."""
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    try:
        return Model.from_json(json.loads(text))
    except ModelError as exc:
        raise ModelError(f"{name}: {exc}") from None


def likelihood(evidence: Evidence) -> float:
    """Return the likelihood (0-1) that the best item answers the question, where the rules
    are unsure."""
    return model(ANSWER_MODEL).likelihood(evidence)


def answer_likelihood() -> float:
    """Return the likelihood the matcher answers from, where the rules are unsure."""
    return model(ANSWER_MODEL).threshold
