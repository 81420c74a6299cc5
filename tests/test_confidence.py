"""The fitted answer likelihood: its weights, its sense, and the answers it makes."""

from __future__ import annotations

from dataclasses import replace

from eventbot.bot.concierge import Concierge
from eventbot.bot.evaluation import default_moment
from eventbot.bot.kb import load_knowledge
from eventbot.bot.matching.confidence import (
    ANSWER_LIKELIHOOD,
    FEATURES,
    WEIGHTS,
    Evidence,
    likelihood,
)
from tests.eval_set import EVAL_DIR

# A "did you mean" the rules ask: a name-like item far ahead of the rest, every word known.
CLEAR = Evidence(
    item_id="faq-cloakroom", best=75.0, second=35.0, third=30.0, unknown_share=0.0, known=True,
    focus=1.0, about=True, names_word=False, share=78.9, second_share=20.0, matched=3,
    key_hit=False, outcome="confirm", kind="faq", asked="unknown", words=3, length=20)


def test_every_feature_has_a_weight() -> None:
    assert set(WEIGHTS) == set(FEATURES)
    assert len(CLEAR.vector()) == len(FEATURES)


def test_a_clear_lead_is_answered_and_a_close_race_is_not() -> None:
    assert likelihood(CLEAR) >= ANSWER_LIKELIHOOD
    # two items about as close to the question, neither named by it whole: the rules' list
    close = replace(CLEAR, second=73.0, third=72.0, second_share=76.0, outcome="clarify",
                    focus=0.5, about=False)
    assert likelihood(close) < ANSWER_LIKELIHOOD


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
