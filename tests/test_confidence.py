"""The fitted answer likelihood: its weights, its sense, and the answers it makes."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from eventbot.bot.concierge import Concierge
from eventbot.bot.evaluation import default_moment
from eventbot.bot.kb import load_knowledge
from eventbot.bot.matching.confidence import (
    DOUBT_MODEL,
    FEATURES,
    Evidence,
    Model,
    ModelError,
    answer_likelihood,
    likelihood,
    model,
)
from tests.eval_set import EVAL_DIR

# A "did you mean" the rules ask: a name-like item far ahead of the rest, every word known.
CLEAR = Evidence(
    item_id="faq-cloakroom", best=75.0, second=35.0, third=30.0, unknown_share=0.0, known=True,
    focus=1.0, about=True, names_word=False, share=78.9, second_share=20.0, matched=3,
    key_hit=False, outcome="confirm", kind="faq", asked="unknown", words=3, length=20)


def test_the_shipped_model_reads_every_feature_and_only_those() -> None:
    shipped = model()
    assert len(CLEAR.vector()) == len(FEATURES)
    used = {feature for tree in shipped.trees for feature in tree.feature if feature >= 0}
    assert used <= set(range(len(FEATURES)))
    assert len(used) > len(FEATURES) // 2  # the fit found most of them worth a split
    assert 0.5 <= shipped.threshold < 1.0


def test_a_model_fitted_on_other_features_is_refused_with_what_to_do() -> None:
    data = {"features": [*FEATURES, "new"], "base": 0.0, "threshold": 0.6, "trees": []}
    with pytest.raises(ModelError, match="refit"):
        Model.from_json(data)
    with pytest.raises(ModelError, match="not a model"):
        Model.from_json({"features": list(FEATURES), "base": 0.0, "trees": []})


def test_a_model_is_its_trees_steps_added_to_its_start() -> None:
    # one split on "best" (feature 0): below 0.5 a step down, above it a step up
    stump = {"feature": [0, -1, -1], "threshold": [0.5, 0.0, 0.0], "left": [1, -1, -1],
             "right": [2, -1, -1], "value": [0.0, -2.0, 2.0]}
    built = Model.from_json({"features": list(FEATURES), "base": 0.5, "threshold": 0.6,
                             "trees": [stump, stump]})
    assert built.likelihood(replace(CLEAR, best=40.0)) == pytest.approx(1 / (1 + math.exp(3.5)))
    assert built.likelihood(CLEAR) == pytest.approx(1 / (1 + math.exp(-4.5)))
    assert built.reaches(CLEAR) and not built.reaches(replace(CLEAR, best=40.0))


def test_a_clear_lead_is_answered_and_a_close_race_is_not() -> None:
    assert likelihood(CLEAR) >= answer_likelihood()
    # two items about as close to the question, neither named by it whole: the rules' list
    close = replace(CLEAR, second=73.0, third=72.0, second_share=76.0, outcome="clarify",
                    focus=0.5, about=False)
    assert likelihood(close) < answer_likelihood()


def test_words_the_kb_does_not_know_lower_the_likelihood() -> None:
    vague = replace(CLEAR, best=55.0, second=50.0, share=40.0, focus=0.3, about=False,
                    unknown_share=0.5, matched=1, outcome="fallback")
    assert likelihood(vague) < likelihood(CLEAR) and likelihood(vague) < 0.5


def test_the_likelihood_answers_what_the_rules_only_offer() -> None:
    concierge = Concierge(load_knowledge(EVAL_DIR / "energy-week" / "kb"))
    question = "I'm a journalist, how do I get a press pass"
    ruled, evidence = concierge.matcher.weigh(question)
    assert ruled.outcome != "answer" and evidence is not None
    answer = concierge.ask(question, now=default_moment(concierge.kb))
    assert answer.outcome == "answer"
    assert answer.matches[0].item_id == "faq-press"


def test_a_name_no_piece_of_the_kb_covers_lowers_the_likelihood() -> None:
    chinese = replace(CLEAR, script="zh", outcome="fallback", best=60.0, second=20.0)
    assert likelihood(replace(chinese, strange=True)) < likelihood(chinese)


def test_a_chinese_question_whose_words_the_kb_holds_is_answered() -> None:
    # Read by pieces, its lead is worth more than a Latin question's of the same scores.
    concierge = Concierge(load_knowledge(EVAL_DIR / "singapore-smartcity-summit" / "kb"))
    question = "证件在哪里领"
    ruled, evidence = concierge.matcher.weigh(question)
    assert ruled.outcome != "answer" and evidence is not None and not evidence.strange
    assert likelihood(evidence) > likelihood(replace(evidence, script="en"))
    answer = concierge.ask(question, now=default_moment(concierge.kb))
    assert answer.outcome == "answer"
    assert answer.matches[0].item_id == "faq-badge"


def test_an_unknown_company_in_chinese_is_strange() -> None:
    concierge = Concierge(load_knowledge(EVAL_DIR / "mobility-expo" / "kb"))
    _, evidence = concierge.matcher.weigh("华为有没有参展")  # no Huawei there
    assert evidence is not None and evidence.strange
    assert likelihood(evidence) < likelihood(replace(evidence, strange=False))
    answer = concierge.ask("华为有没有参展", now=default_moment(concierge.kb))
    assert answer.outcome != "answer"


def test_words_that_point_elsewhere_lower_the_likelihood() -> None:
    assert likelihood(replace(CLEAR, elsewhere=0.5)) < likelihood(CLEAR)


def test_the_share_of_the_words_an_item_lacks() -> None:
    concierge = Concierge(load_knowledge(EVAL_DIR / "energy-week" / "kb"))
    lexical = concierge.matcher.lexical
    assert lexical.share_lacked("faq-press", ["press"]) == 0.0
    lacked = lexical.share_lacked("faq-press", ["press", "hydrogen"])
    assert 0.0 < lacked < 1.0
    assert lexical.share_lacked("faq-press", ["hydrogen"]) == 1.0
    assert lexical.share_lacked("faq-press", ["no-such-term"]) == 0.0


def test_the_doubt_undoes_an_answer_to_a_question_beyond_the_item_and_offers_it() -> None:
    concierge = Concierge(load_knowledge(EVAL_DIR / "auckland-agrifood-week" / "kb"))
    doubt = model(DOUBT_MODEL)
    moment = default_moment(concierge.kb)
    beyond = ("herdsense collars run on solar right.. how many days do they last with no sun, "
              "like a grey southland winter?")
    for question, doubted in ((beyond, True), ("where is the herdsense booth", False)):
        ruled, evidence = concierge.matcher.weigh(question)
        assert ruled.outcome == "answer" and evidence is not None, question
        assert doubt.reaches(evidence) is doubted, question
        answer = concierge.ask(question, now=moment)
        assert answer.outcome == ("fallback" if doubted else "answer"), answer
        assert answer.matches[0].item_id == "ex-herdsense"  # answered, or offered
    assert 0.5 <= doubt.threshold < 1.0


def test_a_doubted_answer_is_not_given_again_from_the_first_sentence_alone() -> None:
    concierge = Concierge(load_knowledge(EVAL_DIR / "lima-forum" / "kb"))
    matcher = concierge.matcher
    first = "alpaca data ear tags - do they need phone signal?"
    question = f"{first} our herders up in the puna barely get coverage"
    ruled, evidence = matcher.weigh(question)
    assert ruled.outcome == "answer" and evidence is not None
    assert model(DOUBT_MODEL).reaches(evidence)  # the whole question is doubted ...
    alone = matcher.match(first)
    assert alone.outcome == "answer"  # ... though its first sentence alone is answered
    assert alone.matches[0].item_id == ruled.matches[0].item_id == "alpaca-data"
    answer = concierge.ask(question, now=default_moment(concierge.kb))
    assert answer.outcome == "fallback"
    assert [match.item_id for match in answer.matches][:1] == ["alpaca-data"]  # offered
