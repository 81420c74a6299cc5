"""The public eval set: every question gets the expected outcome and item.

Known misses are listed by question and marked strict xfail: fixing one makes its xfail fail,
so the list only shrinks; a regression elsewhere fails normally. None of the known misses is a
confident wrong answer: each asks back or falls back.
"""

from __future__ import annotations

from collections import Counter

import pytest

from eventbot.bot.concierge import Concierge
from eventbot.bot.evaluation import Case, default_moment
from eventbot.bot.evaluation import load_cases as load_file
from eventbot.bot.evaluation import score as score_at
from eventbot.bot.kb import load_knowledge
from tests.eval_set import EVAL_MOMENT, EVAL_SETS, EvalSet, load_cases, passed, score
from tests.paths import SAMPLE_KB

CASES = load_cases()
KNOWN_MISSES = {
    # The new languages (written before their vocabulary was): each asks back or falls back.
    "konferensi pres kapan",  # "did you mean the press briefing?"
}


@pytest.fixture(scope="module")
def concierge() -> Concierge:
    return Concierge(load_knowledge(SAMPLE_KB))


def test_eval_set_is_large_and_covers_every_language() -> None:
    assert len(CASES) >= 150
    per_language = Counter(c.lang for c in CASES)
    assert set(per_language) == {"ko", "en", "ja", "zh", "es", "ru", "vi", "th", "id", "zh-Hant"}
    assert min(per_language.values()) >= 15
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


def test_a_fallback_offering_the_right_item_is_counted_but_not_passed(
        concierge: Concierge) -> None:
    cases = [Case("robot demo", "en", "answer", "kt-dolbot"),  # offered, among the robots
             Case("robot demo", "en", "answer", "faq-wifi")]  # not offered
    figures, failures = score_at(concierge, cases, EVAL_MOMENT)
    assert (figures.passed, figures.offered_right, len(failures)) == (0, 1, 2)


def test_aggregate_floors(concierge: Concierge) -> None:
    figures, failures = score(concierge, CASES)
    assert figures.false_answers == 0  # no out-of-scope question gets a confident answer
    assert all(answer.outcome != "answer" for _, answer in failures)  # misses never answer wrong
    assert figures.top1_accuracy >= 0.95
    assert figures.one_choice_lists == 0


# The held-out sets (and the other KBs' dev sets) were written before the matcher changed, by
# people who never saw it. Their misses are not listed (nothing is tuned on them); these floors
# are today's figures less a little, so a regression fails and an improvement raises them. The
# probes are dev sets written while developing, to find what a class of questions misses.
FLOORS = {  # name: (least share passed, most confident answers out of scope)
    # A little under each set's figure when last raised (2026-12-05: one question or three
    # points under, whichever is more, where it had risen by more than four points), so that
    # a change that loses a few questions is seen; the out-of-scope caps are the figures (all
    # lowered to them on 2026-12-05, when the doubt of the rules' answers came).
    "sample/heldout": (0.78, 0),
    "tokyo-forum/dev": (0.82, 0),
    "tokyo-forum/heldout": (0.77, 0),
    "mobility-expo/dev": (0.92, 0),
    "mobility-expo/heldout": (0.75, 0),
    "sample/probes": (0.82, 0),
    "tokyo-forum/probes": (0.89, 0),
    "mobility-expo/probes": (0.66, 0),  # products in other words: the class to work on
    "food-fair/heldout": (0.72, 0),  # unseen: 0.500 and 2 when it was added
    # unseen, written at once by two writers who saw neither the matcher nor any question file,
    # measured once when added (at 30b2d26): 101 and 98 of 120, one out of scope answered each
    "vancouver-cleantech/heldout": (0.84, 1),
    "kaohsiung-port-expo/heldout": (0.81, 1),
    # unseen, written by one who saw neither the matcher nor any question file, measured once
    # when added (at 21fc73b, and the same at 2147413): 87 of 120, two out of scope answered
    "brunei-halal-forum/heldout": (0.72, 2),
    # Events written by someone who never saw the matcher (health and tourism: 0.50/0.50
    # and 0.40/0.53, 0/2 and 0/2 out of scope, when added; energy-week 0.64/0.69 and 1/0)
    "health-congress/dev": (0.77, 0),
    "health-congress/heldout": (0.63, 0),
    "tourism-mart/dev": (0.77, 0),
    "tourism-mart/heldout": (0.72, 0),
    "energy-week/dev": (0.87, 0),
    "energy-week/heldout": (0.78, 0),
    # The fourth, a Vietnamese-led startup summit (0.59/0.72 at d622f24; 0.63/0.73 when added)
    "startup-summit/dev": (0.86, 0),
    "startup-summit/heldout": (0.77, 0),
    # A Traditional Chinese-led trade fair in Taipei and a Spanish-led APEC forum in Lima
    # (0.62/0.67 and 0.59/0.64, out of scope 2/0 and 2/2, when added at 54d8b81)
    "taipei-show/dev": (0.83, 0),
    "taipei-show/heldout": (0.73, 0),
    "lima-forum/dev": (0.81, 0),
    "lima-forum/heldout": (0.74, 0),
    # An Indonesian-led expo in Jakarta (0.59/0.60, out of scope 3/1, at 54d8b81)
    "jakarta-expo/dev": (0.83, 0),
    "jakarta-expo/heldout": (0.76, 0),
    # An English-led water congress in Sydney, a quarter of its English questions sharing no
    # word with their item (0.68/0.55, out of scope 2/1, at 30fb43c, this session's start)
    "sydney-congress/dev": (0.78, 0),
    "sydney-congress/heldout": (0.62, 0),
    # A Russian-led economic forum in Vladivostok (0.58/0.55, out of scope 0/2, at 30fb43c)
    "vladivostok-forum/dev": (0.75, 0),
    "vladivostok-forum/heldout": (0.70, 1),
    # A Thai-led digital trade week in Bangkok (0.67/0.63, out of scope 1/2, at 30fb43c)
    "bangkok-week/dev": (0.83, 0),
    "bangkok-week/heldout": (0.84, 0),
    # Hong Kong (Cantonese, 0.57/0.64, out of scope 1/1), Manila (Taglish and Filipino,
    # 0.56/0.53, 0/0) and Kuala Lumpur (Malay, 326 exhibitors, 0.62/0.53, 2/1), at 7a0dd66;
    # reading Filipino, Malay and Cantonese question words took Manila's and Kuala Lumpur's
    # dev to 0.65 and 0.69, and one ticket FAQ each to a question out of scope
    "hongkong-fintech/dev": (0.71, 0),
    "hongkong-fintech/heldout": (0.70, 1),
    "manila-summit/dev": (0.80, 0),
    "manila-summit/heldout": (0.63, 1),  # elsewhere at 0.6: 69/100, 1 out of scope
    "kl-halal-expo/dev": (0.82, 0),
    "kl-halal-expo/heldout": (0.71, 0),
    # A Thai-led craft and creative-economy week in Chiang Mai, 60% of its questions in Thai
    # (0.55/0.55, out of scope 1/0, at aabd508); Thai cut into dictionary words (the thai
    # extra, which the tests install) took both halves to 0.60
    "chiangmai-craft-week/dev": (0.75, 0),
    "chiangmai-craft-week/heldout": (0.70, 0),
    # A Vietnamese-led digital economy and tourism week in Da Nang, Vietnamese typed mostly
    # without its accents (0.65/0.72, out of scope 2/1, at a3cf245, before any change for it)
    "danang-digital-week/dev": (0.86, 0),
    "danang-digital-week/heldout": (0.77, 0),
    # A Simplified Chinese-led hardware fair in Shenzhen, half its questions in Chinese as
    # typed on phones (0.71/0.60, out of scope 0/0, at a3cf245, before any change for it)
    "shenzhen-hardware-fair/dev": (0.85, 0),
    "shenzhen-hardware-fair/heldout": (0.73, 0),
    # A Japanese-led manufacturing and robotics fair in Osaka (124 exhibitors) and an
    # English-led smart-city summit in Singapore (Singlish, Chinese, Malay, Indonesian):
    # 0.75/0.67 and 0.57/0.61, out of scope 0/1 and 0/2, at 68d4928, before any change for them
    "osaka-monozukuri-expo/dev": (0.87, 0),
    "osaka-monozukuri-expo/heldout": (0.77, 1),
    "singapore-smartcity-summit/dev": (0.73, 0),
    "singapore-smartcity-summit/heldout": (0.77, 1),
    # A Korean-led marine and seafood week in Busan and a Spanish-led (Mexican) trade forum in
    # Mexico City, measured before any change for them: 0.65/0.70 and 0.69/0.67, out of scope
    # 0/3 and 4/1, at 7773798 (at 68d4928, this session's start: 0.60/0.68 and 0.64/0.67, 0/3
    # and 4/0)
    "busan-marine-week/dev": (0.78, 0),
    # a rain plan, a cheque size untold: was 3
    "busan-marine-week/heldout": (0.68, 2),
    "mexico-trade-forum/dev": (0.81, 0),
    "mexico-trade-forum/heldout": (0.72, 0),
    # A Chilean Spanish-led critical-minerals forum in Santiago and an English-led agrifood and
    # blue-economy week in Auckland (zh/ko/ja), measured before any change for them:
    # 0.68/0.72 and 0.74/0.75, out of scope 2/0 and 1/1, at b291193
    "santiago-mining-forum/dev": (0.80, 1),
    "santiago-mining-forum/heldout": (0.76, 0),
    "auckland-agrifood-week/dev": (0.80, 0),
    "auckland-agrifood-week/heldout": (0.73, 1),
    # An English-led Pacific islands summit in Port Moresby (Tok Pisin and Australian slang,
    # zh/ja/ko/id/ru) and an English-led SME trade expo in San Francisco (Mexican Spanish,
    # Chinese, Vietnamese, Taglish, Korean), measured before any change for them: 0.62/0.65
    # and 0.67/0.77, out of scope 0/0 and 3/1, at 2140625
    "portmoresby-pacific-summit/dev": (0.71, 0),
    "portmoresby-pacific-summit/heldout": (0.72, 0),
    "sanfrancisco-trade-expo/dev": (0.78, 0),
    "sanfrancisco-trade-expo/heldout": (0.80, 0),
    # Out-of-scope probes written from twelve dev events' KBs alone (2026-12-04): 57 of their
    # 360 questions answered at a883fd8; the words for hiring, warranties, contact details and
    # the city's services brought that to 24 (a product's price mostly: the booth's card)
    "manila-summit/probes-oos": (0.96, 0),
    "chiangmai-craft-week/probes-oos": (0.96, 0),
    "busan-marine-week/probes-oos": (0.96, 0),
    "kl-halal-expo/probes-oos": (0.83, 0),
    "danang-digital-week/probes-oos": (0.93, 0),
    "shenzhen-hardware-fair/probes-oos": (0.96, 0),
    "osaka-monozukuri-expo/probes-oos": (0.90, 0),
    "singapore-smartcity-summit/probes-oos": (0.90, 0),
    "mexico-trade-forum/probes-oos": (0.90, 0),
    "santiago-mining-forum/probes-oos": (0.90, 0),
    "auckland-agrifood-week/probes-oos": (0.83, 1),
    "sanfrancisco-trade-expo/probes-oos": (0.90, 0),
    # The second round, written for twelve more events with other attributes asked: 80 of 360
    # answered at a883fd8, 77 when added (the first round's words carried over to three);
    # their own words (founded in, 本社, 母公司, market share, 国籍 ...) took that to 41
    "health-congress/probes-oos": (0.96, 0),
    # a waiting list, a city's nature untold: was 1
    "tourism-mart/probes-oos": (0.86, 0),
    "energy-week/probes-oos": (0.96, 0),
    "startup-summit/probes-oos": (0.86, 2),
    "taipei-show/probes-oos": (0.90, 0),
    "lima-forum/probes-oos": (0.83, 1),
    "jakarta-expo/probes-oos": (0.90, 0),
    "sydney-congress/probes-oos": (0.90, 0),
    "vladivostok-forum/probes-oos": (0.93, 0),
    "bangkok-week/probes-oos": (0.96, 0),
    "hongkong-fintech/probes-oos": (0.93, 0),
    "portmoresby-pacific-summit/probes-oos": (0.80, 1),
    # Written last (2026-12-04) and measured before any change for them, at 98e761b: 140 of
    # 240 questions the KB answers (58%, against 73% on the held-out halves), and 61 of 150
    # out of scope answered (awards, certifications, export markets, next year's dates): the
    # figures a change has to move without being tuned on them
    "tourism-mart/probes-blind": (0.49, 0),
    "startup-summit/probes-blind": (0.57, 0),
    "lima-forum/probes-blind": (0.67, 0),
    "bangkok-week/probes-blind": (0.72, 0),
    "kl-halal-expo/probes-blind": (0.79, 0),
    "auckland-agrifood-week/probes-blind": (0.74, 0),
    # ... then tuned on: words for awards, podcasts, order minimums and lead times, summaries
    # and translations took the third round from 60 answered to 25
    # a waiting list, a city's nature untold: was 1
    "health-congress/probes-oos-3": (0.88, 0),
    "energy-week/probes-oos-3": (0.92, 0),
    "taipei-show/probes-oos-3": (0.92, 0),
    "sydney-congress/probes-oos-3": (0.96, 0),
    "shenzhen-hardware-fair/probes-oos-3": (0.88, 1),
    "mexico-trade-forum/probes-oos-3": (0.96, 0),
    # A second blind set (held out), written for six other events after the first had been
    # looked at, and measured at e1cb864 before any change: 124 of 240 (52%)
    "busan-marine-week/probes-blind-2": (0.52, 0),
    "chiangmai-craft-week/probes-blind-2": (0.42, 0),
    # the answer likelihood's trees: was (0.69, 0), now 27/40, 0 out of scope answered
    "danang-digital-week/probes-blind-2": (0.67, 0),
    "hongkong-fintech/probes-blind-2": (0.47, 0),
    "santiago-mining-forum/probes-blind-2": (0.54, 0),
    "vladivostok-forum/probes-blind-2": (0.54, 0),
    # A fourth out-of-scope round (held out), written for six other events and measured at
    # 0bb3bee before any change for it: 41 of 150 answered
    # where someone studied, how long they have held a post: was 1
    "manila-summit/probes-oos-4": (0.84, 0),
    "osaka-monozukuri-expo/probes-oos-4": (0.84, 1),
    # the answer likelihood's trees: was (0.56, 2), now 17/25, 3 out of scope answered
    "singapore-smartcity-summit/probes-oos-4": (0.64, 3),
    "sanfrancisco-trade-expo/probes-oos-4": (0.92, 1),  # elsewhere at 0.6: 23/25, 2 out of scope
    "portmoresby-pacific-summit/probes-oos-4": (0.80, 4),
    "jakarta-expo/probes-oos-4": (0.64, 5),  # elsewhere at 0.6: 17/25, 7 out of scope
    # A third blind set (held out), for six events of neither blind set before, written from
    # each KB alone and measured at 0647e0b: 87 of 240 (36%); the right item within one tap
    # (answered, asked back about or offered by a fallback) 157, against 110 at b0c1a3a
    "health-congress/probes-blind-3": (0.42, 0),
    "energy-week/probes-blind-3": (0.37, 0),  # 14, then 13 at the key outweighed
    "taipei-show/probes-blind-3": (0.37, 0),
    "osaka-monozukuri-expo/probes-blind-3": (0.47, 0),
    "mexico-trade-forum/probes-blind-3": (0.44, 0),
    "portmoresby-pacific-summit/probes-blind-3": (0.52, 0),
    # A fourth blind set (dev), written with the third for six other events, measured at
    # b980c26 before any change for it: 92 of 240 (38%); within one tap 163 (106 at b0c1a3a)
    "jakarta-expo/probes-blind-4": (0.42, 0),
    "sydney-congress/probes-blind-4": (0.54, 0),
    "manila-summit/probes-blind-4": (0.54, 0),  # 19, 17 at the key outweighed, 16 at script=han
    "shenzhen-hardware-fair/probes-blind-4": (0.52, 0),
    "singapore-smartcity-summit/probes-blind-4": (0.37, 0),
    "sanfrancisco-trade-expo/probes-blind-4": (0.47, 0),
    # A fifth out-of-scope round and questions the KB answers near it (held out), written from
    # each KB alone by writers who saw no matcher code and no question file, after 21fc4a7.
    # At a69ff56 (before the sights, services and companies' facts): 40 of 150 answered out of
    # scope, near 67 of 120; at 21fc4a7: 29 of 150, near 67 of 120 (no question changed)
    "tourism-mart/probes-oos-5": (0.80, 4),
    "busan-marine-week/probes-oos-5": (0.76, 4),
    # the answer likelihood's trees: was (0.72, 4), now 19/25, 5 out of scope answered
    "hongkong-fintech/probes-oos-5": (0.72, 4),
    "kl-halal-expo/probes-oos-5": (0.72, 6),
    "chiangmai-craft-week/probes-oos-5": (0.80, 4),
    "vladivostok-forum/probes-oos-5": (0.84, 1),  # elsewhere at 0.6: 21/25, 2 out of scope
    "tourism-mart/probes-near-5": (0.50, 0),
    "busan-marine-week/probes-near-5": (0.55, 0),
    "hongkong-fintech/probes-near-5": (0.55, 0),
    "kl-halal-expo/probes-near-5": (0.65, 0),
    "chiangmai-craft-week/probes-near-5": (0.65, 0),
    "vladivostok-forum/probes-near-5": (0.65, 0),
    # A sixth round of both kinds for twelve events of neither round 4 nor 5, written at once
    # from each KB alone by writers who saw no matcher code and no question file, and measured
    # at efe7bc4 before any change: out of scope 45 of 150 answered (dev six), 35 of 150
    # (held-out six); near 59 and 52 of 120. The first six are tuned on, the others never.
    "startup-summit/probes-oos-6": (0.92, 0),  # elsewhere at 0.6: 22/25, 2 out of scope
    "lima-forum/probes-oos-6": (0.96, 0),
    # a doubted answer is not given from the first sentence alone: was 2
    # a doubted company is not answered from the first sentence by its booth or organisation: was 1
    "bangkok-week/probes-oos-6": (0.88, 0),
    "danang-digital-week/probes-oos-6": (0.88, 0),  # elsewhere at 0.6: 22/25, 3 out of scope
    "santiago-mining-forum/probes-oos-6": (0.92, 1),
    "auckland-agrifood-week/probes-oos-6": (0.80, 0),
    # a doubted answer is not given from the first sentence alone: was 3
    "tokyo-forum/probes-oos-6": (0.84, 2),  # elsewhere at 0.6: 20/25, 5 out of scope
    # (4 since a talk asked for is answered when it leads clearly: "will the slides from the
    # solid state battery talk be shared" gets the talk, which says nothing of its slides)
    "mobility-expo/probes-oos-6": (0.84, 2),
    # a rain plan, a cheque size untold: was 3
    "health-congress/probes-oos-6": (0.84, 2),  # elsewhere at 0.6: 20/25, 5 out of scope
    # the answer likelihood's trees: was (0.76, 1), now 22/25, 2 out of scope answered
    "energy-week/probes-oos-6": (0.84, 2),
    # (4 since a company asked for is answered when it leads clearly: "수소연료전지 트럭 만드는
    # 회사도 D홀에 나와요?" gets Qingliu's booth, and Hall D has no fuel-cell maker)
    # the answer likelihood's trees: was (0.72, 4), now 19/25, 5 out of scope answered
    "taipei-show/probes-oos-6": (0.72, 5),
    "mexico-trade-forum/probes-oos-6": (0.80, 4),  # elsewhere at 0.6: 21/25, 4 out of scope
    "startup-summit/probes-near-6": (0.25, 0),
    # the answer likelihood's trees: was (0.65, 0), now 12/20, 0 out of scope answered
    "lima-forum/probes-near-6": (0.60, 0),
    "bangkok-week/probes-near-6": (0.45, 0),  # elsewhere at 0.6: 9/20, 0 out of scope
    "danang-digital-week/probes-near-6": (0.45, 0),
    "santiago-mining-forum/probes-near-6": (0.70, 0),
    "auckland-agrifood-week/probes-near-6": (0.50, 0),
    "tokyo-forum/probes-near-6": (0.70, 0),
    "mobility-expo/probes-near-6": (0.35, 0),  # elsewhere at 0.6: 7/20, 0 out of scope
    "health-congress/probes-near-6": (0.55, 0),
    "energy-week/probes-near-6": (0.45, 0),
    "taipei-show/probes-near-6": (0.35, 0),
    "mexico-trade-forum/probes-near-6": (0.35, 0),
    # A seventh round for six events of neither round 5 nor 6, written the same way after the
    # changes tuned on round 6, held out: at efe7bc4 (before them) 30 of 150 out of scope
    # answered and 57 of 120 near right; at the commit adding it, 26 and 57
    # (one more answered since "roughly", "usually", "incl" and the like name nothing)
    "sydney-congress/probes-oos-7": (0.80, 2),
    # the answer likelihood's trees: was (0.76, 3), now 20/25, 4 out of scope answered
    "kl-halal-expo/probes-oos-7": (0.76, 3),
    "chiangmai-craft-week/probes-oos-7": (0.84, 2),
    "shenzhen-hardware-fair/probes-oos-7": (0.84, 2),
    "portmoresby-pacific-summit/probes-oos-7": (0.84, 3),
    "sanfrancisco-trade-expo/probes-oos-7": (0.92, 1),
    # the answer likelihood's trees: was (0.45, 0), now 7/20, 0 out of scope answered
    # the doubt of the rules' answers: was (0.35, 0), now 6/20, 0 out of scope answered
    "sydney-congress/probes-near-7": (0.30, 0),
    # the answer likelihood's trees: was (0.50, 0), now 9/20, 0 out of scope answered
    "kl-halal-expo/probes-near-7": (0.45, 0),
    # the answer likelihood's trees: was (0.60, 0), now 11/20, 0 out of scope answered
    # the doubt of the rules' answers: was (0.55, 0), now 10/20, 0 out of scope answered
    "chiangmai-craft-week/probes-near-7": (0.50, 0),
    "shenzhen-hardware-fair/probes-near-7": (0.60, 0),
    "portmoresby-pacific-summit/probes-near-7": (0.40, 0),  # elsewhere at 0.6: 6/20, 0 out of scope
    "sanfrancisco-trade-expo/probes-near-7": (0.55, 0),
    # An eighth round for six more events, written the same way at the end of that session,
    # before any later change, held out: at d1b9ef7 39 of 150 out of scope answered, near 58 of
    # 120 right (at efe7bc4, before round 6's changes: 42 and 59)
    "jakarta-expo/probes-oos-8": (0.64, 7),
    "vladivostok-forum/probes-oos-8": (0.72, 3),
    # where someone studied, how long they have held a post: was 5
    "hongkong-fintech/probes-oos-8": (0.72, 4),
    # a doubted answer is not given from the first sentence alone: was 1
    "manila-summit/probes-oos-8": (0.92, 0),
    "osaka-monozukuri-expo/probes-oos-8": (0.88, 1),
    # the answer likelihood's trees: was (0.72, 5), now 17/25, 6 out of scope answered
    # a doubted answer is not given from the first sentence alone: was 4
    "singapore-smartcity-summit/probes-oos-8": (0.68, 3),
    # the answer likelihood's trees: was (0.50, 0), now 9/20, 0 out of scope answered
    "jakarta-expo/probes-near-8": (0.45, 0),
    "vladivostok-forum/probes-near-8": (0.60, 0),
    # the answer likelihood's trees: was (0.55, 0), now 10/20, 0 out of scope answered
    # the doubt of the rules' answers: was (0.50, 0), now 9/20, 0 out of scope answered
    "hongkong-fintech/probes-near-8": (0.45, 0),
    "manila-summit/probes-near-8": (0.50, 0),
    "osaka-monozukuri-expo/probes-near-8": (0.45, 0),  # elsewhere at 0.6: 8/20, 0 out of scope
    "singapore-smartcity-summit/probes-near-8": (0.40, 0),
    # A ninth round for six events of rounds 5 and 6, written the same way after the rules of
    # the session measured on round 8 (counts, founding, fares, economies, booths of unknown
    # names), held out: at e1a248b (before them) 43 of 150 out of scope answered and 64 of
    # 120 near right; at the commit adding it, 35 and 64
    "busan-marine-week/probes-oos-9": (0.84, 2),
    "energy-week/probes-oos-9": (0.88, 1),
    # where someone studied, how long they have held a post: was 8
    # a rain plan, a cheque size untold: was 7
    "mexico-trade-forum/probes-oos-9": (0.64, 6),
    "mobility-expo/probes-oos-9": (0.72, 5),
    # a doubted answer is not given from the first sentence alone: was 4
    "taipei-show/probes-oos-9": (0.80, 3),
    # the answer likelihood's trees: was (0.84, 2), now 22/25, 3 out of scope answered
    "tourism-mart/probes-oos-9": (0.84, 3),
    "busan-marine-week/probes-near-9": (0.45, 0),
    "energy-week/probes-near-9": (0.55, 0),
    "mexico-trade-forum/probes-near-9": (0.55, 0),  # 10 -> 9 of 20 at b687535 (see below)
    # the answer likelihood's trees: was (0.55, 0), now 10/20, 0 out of scope answered
    # a rain plan, a cheque size untold (0a0f1b1): was (0.50, 0), now 9/20
    "mobility-expo/probes-near-9": (0.45, 0),
    "taipei-show/probes-near-9": (0.45, 0),  # elsewhere at 0.6: 9/20, 0 out of scope
    "tourism-mart/probes-near-9": (0.65, 0),
    # (b687535, something near a place that its information does not hold, lost one of
    # Mexico's: 3 more out of scope not answered on dev, none lost; held out 3 gained, 1 lost)
    # A tenth round for round 6's six dev events, written the same way with the ninth's
    # measure, to tune on: at e1a248b 36 of 150 out of scope answered and 61 of 120 near right;
    # at the commit adding it, 31 and 61
    "auckland-agrifood-week/probes-oos-10": (0.92, 0),
    "bangkok-week/probes-oos-10": (0.96, 0),
    "danang-digital-week/probes-oos-10": (0.92, 1),
    # a doubted answer is not given from the first sentence alone: was 3
    "lima-forum/probes-oos-10": (0.80, 1),
    "santiago-mining-forum/probes-oos-10": (0.76, 1),
    "startup-summit/probes-oos-10": (0.88, 0),
    "auckland-agrifood-week/probes-near-10": (0.55, 0),
    "bangkok-week/probes-near-10": (0.60, 0),  # elsewhere at 0.6: 10/20, 0 out of scope
    "danang-digital-week/probes-near-10": (0.60, 0),
    "lima-forum/probes-near-10": (0.50, 0),
    "santiago-mining-forum/probes-near-10": (0.65, 0),
    "startup-summit/probes-near-10": (0.60, 0),
    # An eleventh round for round 7's six events (30 near questions each, half of them ordinary
    # ones), written the same way at the start of the next session, held out: at b45f640
    # (before it) 32 of 150 out of scope answered and 105 of 180 near right; at e6c166d, 28 and
    # 105
    # the answer likelihood's trees: was (0.80, 3), now 19/25, 4 out of scope answered
    "chiangmai-craft-week/probes-oos-11": (0.76, 3),
    # where someone studied, how long they have held a post: was 5
    "kl-halal-expo/probes-oos-11": (0.68, 4),
    "portmoresby-pacific-summit/probes-oos-11": (0.72, 3),
    "sanfrancisco-trade-expo/probes-oos-11": (0.92, 2),
    "shenzhen-hardware-fair/probes-oos-11": (0.80, 3),
    "sydney-congress/probes-oos-11": (0.76, 2),
    "chiangmai-craft-week/probes-near-11": (0.60, 0),
    "kl-halal-expo/probes-near-11": (0.60, 0),
    # the doubt of the rules' answers: was (0.50, 0), now 14/30, 0 out of scope answered
    "portmoresby-pacific-summit/probes-near-11": (0.46, 0),
    "sanfrancisco-trade-expo/probes-near-11": (0.50, 0),
    "shenzhen-hardware-fair/probes-near-11": (0.55, 0),
    "sydney-congress/probes-near-11": (0.66, 0),
    # A twelfth for round 6's dev events, the same shape, less obvious questions out of scope
    # (a product's spec, whether a person will be at a booth, a child on a tour), written in
    # that session, to tune on: at b45f640 67 of 150 out of scope answered and 105 of 180 near
    # right; at e6c166d, 36 and 105
    # (one answered since question words ending in -s find their synonyms: "what are the 5
    # categories of the ... awards?" reaches the closing session that presents the awards)
    "auckland-agrifood-week/probes-oos-12": (0.76, 1),
    # a doubted answer is not given from the first sentence alone: was 5
    # a rain plan, a cheque size untold: was 4
    "bangkok-week/probes-oos-12": (0.76, 3),
    # a doubted answer is not given from the first sentence alone: was 2
    "danang-digital-week/probes-oos-12": (0.80, 1),
    # a doubted answer is not given from the first sentence alone: was 2
    "lima-forum/probes-oos-12": (0.84, 1),
    # the answer likelihood's trees: was (0.64, 7), now 15/25, 8 out of scope answered
    "santiago-mining-forum/probes-oos-12": (0.76, 3),
    # the answer likelihood's trees: was (0.88, 3), now 21/25, 4 out of scope answered
    "startup-summit/probes-oos-12": (0.92, 1),
    "auckland-agrifood-week/probes-near-12": (0.60, 0),
    "bangkok-week/probes-near-12": (0.66, 0),
    "danang-digital-week/probes-near-12": (0.53, 0),
    "lima-forum/probes-near-12": (0.65, 0),
    "santiago-mining-forum/probes-near-12": (0.70, 0),
    "startup-summit/probes-near-12": (0.56, 0),
    # A thirteenth round of questions looking for a company by what it does ("anyone selling
    # portable solar packs? my juice cart has no plug"), 25 per event, and 10 of the same form
    # for what no one there offers, written for round 6's dev events (to tune on) and round 8's
    # (held out) before the rule for them: at 279bd48, before it, dev 43 of 150 right and 5 of
    # 60 out of scope answered, held out 36 and 3; at the commit adding it, 56 and 7, 43 and 3
    "auckland-agrifood-week/probes-oos-13": (1.00, 0),
    "bangkok-week/probes-oos-13": (0.90, 0),
    "danang-digital-week/probes-oos-13": (0.80, 1),
    # a doubted answer is not given from the first sentence alone: was 2
    "lima-forum/probes-oos-13": (0.80, 1),
    "santiago-mining-forum/probes-oos-13": (0.90, 0),
    "startup-summit/probes-oos-13": (0.90, 1),
    "hongkong-fintech/probes-oos-13": (1.00, 0),
    # (one answered since chat that names nothing, "guy", "stuff", 那家, is no unknown word)
    "jakarta-expo/probes-oos-13": (0.90, 1),
    "manila-summit/probes-oos-13": (0.90, 0),
    "osaka-monozukuri-expo/probes-oos-13": (0.90, 0),
    "singapore-smartcity-summit/probes-oos-13": (1.00, 0),
    "vladivostok-forum/probes-oos-13": (0.80, 1),
    "auckland-agrifood-week/probes-near-13": (0.52, 0),
    "bangkok-week/probes-near-13": (0.44, 0),
    "danang-digital-week/probes-near-13": (0.28, 0),
    "lima-forum/probes-near-13": (0.24, 0),
    "santiago-mining-forum/probes-near-13": (0.48, 0),
    "startup-summit/probes-near-13": (0.68, 0),
    # the answer likelihood's trees: was (0.28, 0), now 6/25, 0 out of scope answered
    "hongkong-fintech/probes-near-13": (0.24, 0),
    "jakarta-expo/probes-near-13": (0.24, 0),
    "manila-summit/probes-near-13": (0.32, 0),
    "osaka-monozukuri-expo/probes-near-13": (0.08, 0),
    "singapore-smartcity-summit/probes-near-13": (0.52, 0),
    "vladivostok-forum/probes-near-13": (0.32, 0),
    # A fourteenth round of questions looking for a talk by its subject ("any talks on getting
    # loans for a small shop?"), 20 per event, and 8 of the same form no entry answers, for
    # round 6's dev events (to tune on) and round 7's (held out), written before the rule for
    # them: at cfc851a dev 23 of 120 right and 2 of 48 out of scope answered, held out 30 and
    # 1; at the commit adding it, 33 and 2, 42 and 4
    "auckland-agrifood-week/probes-oos-14": (0.87, 0),
    "bangkok-week/probes-oos-14": (0.75, 0),
    "danang-digital-week/probes-oos-14": (0.75, 1),
    "lima-forum/probes-oos-14": (0.87, 1),
    # (since "mines" finds the mining group, a panel on strikes at the mines is asked back)
    "santiago-mining-forum/probes-oos-14": (0.87, 0),
    "startup-summit/probes-oos-14": (1.00, 0),
    "chiangmai-craft-week/probes-oos-14": (0.87, 0),
    "kl-halal-expo/probes-oos-14": (0.87, 1),
    "portmoresby-pacific-summit/probes-oos-14": (0.87, 0),
    "sanfrancisco-trade-expo/probes-oos-14": (0.87, 0),
    "shenzhen-hardware-fair/probes-oos-14": (0.87, 0),
    "sydney-congress/probes-oos-14": (0.75, 1),
    "auckland-agrifood-week/probes-near-14": (0.50, 0),
    "bangkok-week/probes-near-14": (0.50, 0),
    "danang-digital-week/probes-near-14": (0.25, 0),
    "lima-forum/probes-near-14": (0.25, 0),
    "santiago-mining-forum/probes-near-14": (0.50, 0),
    "startup-summit/probes-near-14": (0.15, 0),
    "chiangmai-craft-week/probes-near-14": (0.40, 0),
    "kl-halal-expo/probes-near-14": (0.40, 0),
    "portmoresby-pacific-summit/probes-near-14": (0.25, 0),
    # (one question fewer since vocabulary phrases mixing katakana, Han and Latin are kept whole,
    # one since a Korean noun made a verb with 하 or 해주 is the noun: 얘기하, 번역해주)
    "sanfrancisco-trade-expo/probes-near-14": (0.35, 0),
    "shenzhen-hardware-fair/probes-near-14": (0.45, 0),
    "sydney-congress/probes-near-14": (0.30, 0),
    # A fifteenth, written with it, of questions looking for a person by what they do ("who's
    # the minister opening it"), 15 per event, and 7 no entry answers (a minister of another
    # portfolio or economy, a person the event does not have): at cfc851a dev 30 of 90 right and
    # 8 of 42 out of scope answered, held out 28 and 13; at the commit adding the posts' rule,
    # 30 and 2, 29 and 10
    # where someone studied, how long they have held a post: was 1
    "auckland-agrifood-week/probes-oos-15": (0.71, 0),
    "bangkok-week/probes-oos-15": (1.00, 0),
    "danang-digital-week/probes-oos-15": (0.85, 0),
    "lima-forum/probes-oos-15": (0.57, 0),
    "santiago-mining-forum/probes-oos-15": (1.00, 0),
    "startup-summit/probes-oos-15": (0.85, 0),
    # the answer likelihood's trees: was (0.71, 1), now 5/7, 2 out of scope answered
    "chiangmai-craft-week/probes-oos-15": (0.71, 2),
    "kl-halal-expo/probes-oos-15": (0.85, 1),
    "portmoresby-pacific-summit/probes-oos-15": (0.85, 1),
    # where someone studied, how long they have held a post: was 2
    "sanfrancisco-trade-expo/probes-oos-15": (0.71, 1),  # elsewhere at 0.6: 5/7, 2 out of scope
    "shenzhen-hardware-fair/probes-oos-15": (0.57, 2),
    "sydney-congress/probes-oos-15": (0.28, 3),
    "auckland-agrifood-week/probes-near-15": (0.60, 0),
    "bangkok-week/probes-near-15": (0.33, 0),
    "danang-digital-week/probes-near-15": (0.33, 0),
    "lima-forum/probes-near-15": (0.46, 0),
    "santiago-mining-forum/probes-near-15": (0.46, 0),
    "startup-summit/probes-near-15": (0.60, 0),
    "chiangmai-craft-week/probes-near-15": (0.46, 0),
    "kl-halal-expo/probes-near-15": (0.53, 0),
    "portmoresby-pacific-summit/probes-near-15": (0.46, 0),
    "sanfrancisco-trade-expo/probes-near-15": (0.33, 0),
    "shenzhen-hardware-fair/probes-near-15": (0.53, 0),
    "sydney-congress/probes-near-15": (0.53, 0),
    # A sixteenth round of both kinds for twelve events (details an entry does or does not
    # state), written at once: six to tune on (dev), six held out. Floors and caps: the figures
    # of the commit adding it (its matcher unchanged). A refit of both models with round 16's dev
    # sets did worse on the held-out sets (4231 -> 4217 right, 164 -> 168 out of scope): not kept
    "jakarta-expo/probes-near-16": (0.68, 0),
    "jakarta-expo/probes-oos-16": (0.80, 3),
    "manila-summit/probes-near-16": (0.56, 0),
    # where someone studied, how long they have held a post: was 4
    "manila-summit/probes-oos-16": (0.76, 3),
    "sanfrancisco-trade-expo/probes-near-16": (0.68, 0),
    # where someone studied, how long they have held a post: was 7
    # a rain plan, a cheque size untold: was 5
    "sanfrancisco-trade-expo/probes-oos-16": (0.68, 4),
    "shenzhen-hardware-fair/probes-near-16": (0.60, 0),
    "shenzhen-hardware-fair/probes-oos-16": (0.96, 1),
    "singapore-smartcity-summit/probes-near-16": (0.56, 0),
    # where someone studied, how long they have held a post: was 7
    # a rain plan, a cheque size untold: was 6
    "singapore-smartcity-summit/probes-oos-16": (0.72, 5),
    "sydney-congress/probes-near-16": (0.76, 0),
    "sydney-congress/probes-oos-16": (0.96, 1),
    "busan-marine-week/probes-near-16": (0.72, 0),
    "busan-marine-week/probes-oos-16": (0.88, 1),
    # where someone studied, how long they have held a post (f9b0073): was (0.72, 0), now 17/25
    "chiangmai-craft-week/probes-near-16": (0.68, 0),
    "chiangmai-craft-week/probes-oos-16": (0.92, 2),
    "hongkong-fintech/probes-near-16": (0.68, 0),
    "hongkong-fintech/probes-oos-16": (0.84, 3),
    "kl-halal-expo/probes-near-16": (0.76, 0),
    "kl-halal-expo/probes-oos-16": (0.88, 2),
    "osaka-monozukuri-expo/probes-near-16": (0.60, 0),
    # a rain plan, a cheque size untold: was 4
    "osaka-monozukuri-expo/probes-oos-16": (0.84, 3),
    "vladivostok-forum/probes-near-16": (0.60, 0),
    "vladivostok-forum/probes-oos-16": (0.84, 2),
    # Round 17 (places and getting around), set on 2026-12-06 after the changes of that day
    "energy-week/probes-near-17": (0.76, 0),
    "energy-week/probes-oos-17": (0.80, 1),
    "health-congress/probes-near-17": (0.60, 0),
    "health-congress/probes-oos-17": (0.73, 2),
    "jakarta-expo/probes-near-17": (0.50, 0),
    "jakarta-expo/probes-oos-17": (0.33, 7),
    "manila-summit/probes-near-17": (0.76, 0),
    "manila-summit/probes-oos-17": (0.86, 1),
    "mexico-trade-forum/probes-near-17": (0.63, 0),
    "mexico-trade-forum/probes-oos-17": (0.60, 3),
    "portmoresby-pacific-summit/probes-near-17": (0.73, 0),
    "portmoresby-pacific-summit/probes-oos-17": (0.66, 1),
    "sanfrancisco-trade-expo/probes-near-17": (0.70, 0),
    "sanfrancisco-trade-expo/probes-oos-17": (0.80, 0),
    "shenzhen-hardware-fair/probes-near-17": (0.76, 0),
    "shenzhen-hardware-fair/probes-oos-17": (0.66, 3),
    "singapore-smartcity-summit/probes-near-17": (0.63, 0),
    "singapore-smartcity-summit/probes-oos-17": (0.80, 2),
    "sydney-congress/probes-near-17": (0.80, 0),
    "sydney-congress/probes-oos-17": (0.73, 1),
    "taipei-show/probes-near-17": (0.66, 0),
    "taipei-show/probes-oos-17": (0.73, 2),
    "tourism-mart/probes-near-17": (0.63, 0),
    "tourism-mart/probes-oos-17": (0.60, 3),
    # round 18 (people and organisations), at the figures of the session that wrote it
    "auckland-agrifood-week/probes-near-18": (0.80, 0),
    "auckland-agrifood-week/probes-oos-18": (0.93, 0),
    "bangkok-week/probes-near-18": (0.76, 0),
    "bangkok-week/probes-oos-18": (0.80, 0),
    "danang-digital-week/probes-near-18": (0.63, 0),
    "danang-digital-week/probes-oos-18": (0.80, 1),
    "energy-week/probes-near-18": (0.70, 0),
    "energy-week/probes-oos-18": (0.80, 2),
    "health-congress/probes-near-18": (0.63, 0),
    "health-congress/probes-oos-18": (0.86, 1),
    "hongkong-fintech/probes-near-18": (0.70, 0),
    "hongkong-fintech/probes-oos-18": (0.86, 1),
    "lima-forum/probes-near-18": (0.70, 0),
    "lima-forum/probes-oos-18": (0.80, 1),
    "mobility-expo/probes-near-18": (0.70, 0),
    "mobility-expo/probes-oos-18": (0.73, 2),
    "santiago-mining-forum/probes-near-18": (0.73, 0),
    "santiago-mining-forum/probes-oos-18": (0.73, 2),
    "startup-summit/probes-near-18": (0.66, 0),
    "startup-summit/probes-oos-18": (0.93, 0),
    "taipei-show/probes-near-18": (0.60, 0),
    "taipei-show/probes-oos-18": (0.80, 2),
    "vladivostok-forum/probes-near-18": (0.60, 0),
    "vladivostok-forum/probes-oos-18": (0.86, 1),
    # round 19 (what exhibitors make, sell and show), at the figures of the session that wrote it
    "auckland-agrifood-week/probes-near-19": (0.70, 0),
    "auckland-agrifood-week/probes-oos-19": (0.73, 1),
    "busan-marine-week/probes-near-19": (0.50, 0),
    "busan-marine-week/probes-oos-19": (0.86, 0),
    "chiangmai-craft-week/probes-near-19": (0.40, 0),
    "chiangmai-craft-week/probes-oos-19": (0.73, 3),
    "energy-week/probes-near-19": (0.30, 0),
    "energy-week/probes-oos-19": (0.66, 3),
    "jakarta-expo/probes-near-19": (0.33, 0),
    "jakarta-expo/probes-oos-19": (0.60, 2),
    "kl-halal-expo/probes-near-19": (0.26, 0),
    "kl-halal-expo/probes-oos-19": (0.53, 4),
    "mobility-expo/probes-near-19": (0.56, 0),
    "mobility-expo/probes-oos-19": (0.60, 2),
    "osaka-monozukuri-expo/probes-near-19": (0.36, 0),
    "osaka-monozukuri-expo/probes-oos-19": (0.80, 1),
    "sanfrancisco-trade-expo/probes-near-19": (0.40, 0),
    "sanfrancisco-trade-expo/probes-oos-19": (0.66, 4),
    "shenzhen-hardware-fair/probes-near-19": (0.30, 0),
    "shenzhen-hardware-fair/probes-oos-19": (0.73, 1),
    "taipei-show/probes-near-19": (0.30, 0),
    "taipei-show/probes-oos-19": (0.66, 2),
    "tourism-mart/probes-near-19": (0.46, 0),
    "tourism-mart/probes-oos-19": (0.66, 2),
    # round 20 (practical needs and services, told through the asker's situation), at the
    # figures of the session that wrote it
    "bangkok-week/probes-near-20": (0.16, 0),
    "bangkok-week/probes-oos-20": (0.73, 3),
    "energy-week/probes-near-20": (0.46, 0),
    "energy-week/probes-oos-20": (0.86, 1),
    "health-congress/probes-near-20": (0.40, 0),
    "health-congress/probes-oos-20": (0.73, 3),
    "kl-halal-expo/probes-near-20": (0.33, 0),
    "kl-halal-expo/probes-oos-20": (0.86, 1),
    "lima-forum/probes-near-20": (0.26, 0),
    "lima-forum/probes-oos-20": (0.93, 0),
    "manila-summit/probes-near-20": (0.30, 0),
    "manila-summit/probes-oos-20": (0.80, 2),
    "mexico-trade-forum/probes-near-20": (0.43, 0),
    "mexico-trade-forum/probes-oos-20": (0.86, 0),
    "mobility-expo/probes-near-20": (0.30, 0),
    "mobility-expo/probes-oos-20": (0.93, 0),
    "startup-summit/probes-near-20": (0.36, 0),
    "startup-summit/probes-oos-20": (0.73, 1),
    "sydney-congress/probes-near-20": (0.33, 0),
    "sydney-congress/probes-oos-20": (0.86, 1),
    "taipei-show/probes-near-20": (0.40, 0),
    "taipei-show/probes-oos-20": (0.80, 2),
    "tourism-mart/probes-near-20": (0.40, 0),
    "tourism-mart/probes-oos-20": (0.40, 8),
    # round 21 (the programme by day, time and place), at the figures of the session that
    # wrote it
    "auckland-agrifood-week/probes-near-21": (0.56, 0),
    "auckland-agrifood-week/probes-oos-21": (0.86, 1),
    "busan-marine-week/probes-near-21": (0.46, 0),
    "busan-marine-week/probes-oos-21": (0.86, 1),
    "chiangmai-craft-week/probes-near-21": (0.43, 0),
    "chiangmai-craft-week/probes-oos-21": (0.86, 1),
    "danang-digital-week/probes-near-21": (0.66, 0),
    "danang-digital-week/probes-oos-21": (0.80, 1),
    "hongkong-fintech/probes-near-21": (0.33, 0),
    "hongkong-fintech/probes-oos-21": (0.86, 1),
    "jakarta-expo/probes-near-21": (0.26, 0),
    "jakarta-expo/probes-oos-21": (0.73, 3),
    "osaka-monozukuri-expo/probes-near-21": (0.56, 0),
    "osaka-monozukuri-expo/probes-oos-21": (0.73, 3),
    "portmoresby-pacific-summit/probes-near-21": (0.66, 0),
    "portmoresby-pacific-summit/probes-oos-21": (0.73, 2),
    "sanfrancisco-trade-expo/probes-near-21": (0.63, 0),
    "sanfrancisco-trade-expo/probes-oos-21": (0.86, 1),
    "santiago-mining-forum/probes-near-21": (0.56, 0),
    "santiago-mining-forum/probes-oos-21": (0.73, 1),
    "singapore-smartcity-summit/probes-near-21": (0.40, 0),
    "singapore-smartcity-summit/probes-oos-21": (0.73, 3),
    "vladivostok-forum/probes-near-21": (0.43, 0),
    "vladivostok-forum/probes-oos-21": (0.73, 3),
    # round 22 (rules, permissions and signing up), at the figures of the session that
    # wrote it
    "busan-marine-week/probes-near-22": (0.43, 0),
    "busan-marine-week/probes-oos-22": (0.60, 3),
    "chiangmai-craft-week/probes-near-22": (0.36, 0),
    "chiangmai-craft-week/probes-oos-22": (0.86, 1),
    "energy-week/probes-near-22": (0.50, 0),
    "energy-week/probes-oos-22": (0.46, 3),
    "hongkong-fintech/probes-near-22": (0.40, 0),
    "hongkong-fintech/probes-oos-22": (0.86, 0),
    "kl-halal-expo/probes-near-22": (0.56, 0),
    "kl-halal-expo/probes-oos-22": (0.60, 4),
    "manila-summit/probes-near-22": (0.46, 0),
    "manila-summit/probes-oos-22": (0.80, 1),
    "mexico-trade-forum/probes-near-22": (0.33, 0),
    "mexico-trade-forum/probes-oos-22": (0.60, 4),
    "sanfrancisco-trade-expo/probes-near-22": (0.50, 0),
    "sanfrancisco-trade-expo/probes-oos-22": (0.60, 3),
    "santiago-mining-forum/probes-near-22": (0.63, 0),
    "santiago-mining-forum/probes-oos-22": (0.73, 1),
    "singapore-smartcity-summit/probes-near-22": (0.26, 0),
    "singapore-smartcity-summit/probes-oos-22": (0.73, 1),
    "sydney-congress/probes-near-22": (0.50, 0),
    "sydney-congress/probes-oos-22": (0.80, 2),
    "tourism-mart/probes-near-22": (0.43, 0),
    "tourism-mart/probes-oos-22": (0.80, 1),
    # round 23 (a kind of thing asked for: several entries fit, one or none), at the figures
    # of the session that wrote it
    "busan-marine-week/probes-near-23": (0.46, 0),
    "busan-marine-week/probes-oos-23": (0.73, 1),
    "chiangmai-craft-week/probes-near-23": (0.40, 0),
    "chiangmai-craft-week/probes-oos-23": (0.86, 0),
    "health-congress/probes-near-23": (0.16, 0),
    "health-congress/probes-oos-23": (0.80, 1),
    "kl-halal-expo/probes-near-23": (0.56, 0),
    "kl-halal-expo/probes-oos-23": (0.73, 1),
    "lima-forum/probes-near-23": (0.36, 0),
    "lima-forum/probes-oos-23": (0.86, 1),
    "mobility-expo/probes-near-23": (0.53, 0),
    "mobility-expo/probes-oos-23": (0.73, 1),
    "osaka-monozukuri-expo/probes-near-23": (0.46, 0),
    "osaka-monozukuri-expo/probes-oos-23": (0.80, 0),
    "sanfrancisco-trade-expo/probes-near-23": (0.33, 0),
    "sanfrancisco-trade-expo/probes-oos-23": (0.73, 2),
    "singapore-smartcity-summit/probes-near-23": (0.20, 0),
    "singapore-smartcity-summit/probes-oos-23": (0.86, 1),
    "taipei-show/probes-near-23": (0.30, 0),
    "taipei-show/probes-oos-23": (0.86, 0),
    "tourism-mart/probes-near-23": (0.30, 0),
    "tourism-mart/probes-oos-23": (0.93, 0),
    "vladivostok-forum/probes-near-23": (0.30, 0),
    "vladivostok-forum/probes-oos-23": (0.86, 1),
}


@pytest.mark.parametrize("eval_set", [s for s in EVAL_SETS if s.name in FLOORS],
                         ids=lambda s: s.name)
def test_other_sets_hold_their_floors(eval_set: EvalSet) -> None:
    concierge = Concierge(load_knowledge(eval_set.kb))
    cases = load_cases_for(eval_set, concierge)
    figures, _ = score_at(concierge, cases, eval_set.moment or default_moment(concierge.kb))
    least, most_false = FLOORS[eval_set.name]
    assert figures.rate >= least, figures
    assert figures.false_answers <= most_false, figures
    assert figures.one_choice_lists == 0


def load_cases_for(eval_set: EvalSet, concierge: Concierge):
    return load_file(eval_set.questions, concierge.kb)
