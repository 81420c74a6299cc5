"""The eval sets: thirty events' knowledge bases, each with questions to tune on and held out.

- the sample KB (``knowledge/``): ``eval/questions.yaml`` (public, tuned on) and
  ``eval/sample-heldout.yaml``;
- ``eval/tokyo-forum/``, ``eval/mobility-expo/``, ``eval/health-congress/``,
  ``eval/tourism-mart/``, ``eval/energy-week/``, ``eval/startup-summit/``,
  ``eval/taipei-show/``, ``eval/lima-forum/``, ``eval/jakarta-expo/``, ``eval/sydney-congress/``,
  ``eval/vladivostok-forum/``, ``eval/bangkok-week/``, ``eval/hongkong-fintech/``,
  ``eval/manila-summit/``, ``eval/kl-halal-expo/``, ``eval/chiangmai-craft-week/``,
  ``eval/danang-digital-week/``, ``eval/shenzhen-hardware-fair/``,
  ``eval/osaka-monozukuri-expo/``, ``eval/singapore-smartcity-summit/``,
  ``eval/busan-marine-week/``, ``eval/mexico-trade-forum/``, ``eval/santiago-mining-forum/``,
  ``eval/auckland-agrifood-week/``, ``eval/portmoresby-pacific-summit/`` and
  ``eval/sanfrancisco-trade-expo/``: ``kb/``, ``dev.yaml`` and ``heldout.yaml`` (the last
  twenty-four events written by someone who never saw the matcher, nor ran it on them);
- ``eval/food-fair/``, ``eval/vancouver-cleantech/``, ``eval/kaohsiung-port-expo/`` and
  ``eval/brunei-halal-forum/``: ``kb/`` and ``heldout.yaml`` only, unseen events
  (``UNSEEN_EVENTS``): no dev half at all;
- probes (dev): ``eval/probes-sample.yaml``, ``eval/tokyo-forum/probes.yaml``,
  ``eval/mobility-expo/probes.yaml``, written while developing; ``eval/out-of-scope.yaml``,
  asked of the sample, tokyo and mobility KBs (``tests/test_out_of_scope.py``);
  ``eval/<event>/probes-oos.yaml`` for 24 events (``OOS_PROBE_EVENTS``), questions their
  KB does not answer, written from the KB alone; ``probes-blind.yaml`` (six events, 40
  questions each that the KB answers, most in other words) and ``probes-oos-3.yaml`` (six
  events, 25 each out of scope), written the same way and measured before any change for
  them; ``probes-blind-2.yaml`` (six other events, 40 each that the KB answers), written the
  same way later and held out; ``probes-oos-4.yaml`` (six other events, 25 each out of
  scope), written later still and held out; ``probes-blind-3.yaml`` (six more events, 40
  each that the KB answers), written the same way after the fallback's offers, held out;
  ``probes-blind-4.yaml`` (six others, 40 each), written at the same time to tune on (dev);
  ``probes-oos-5.yaml`` (six events of no out-of-scope round since the second, 25 each out of
  scope: facts of the KB's own companies and people it does not state, and the city around
  the event) and ``probes-near-5.yaml`` (the same six, 20 each that the KB answers, close to
  those: its own tours and sights, its health, family and money FAQs, companies' stated
  certifications and prices), held out, written from each KB alone by writers who saw
  neither the matcher nor any question file; ``probes-oos-6.yaml`` and ``probes-near-6.yaml``
  (twelve events of neither round 5 nor round 4, 25 and 20 each), written the same way at
  once: six events' to tune on (dev), six events' held out, all measured before any change;
  ``probes-oos-7.yaml`` and ``probes-near-7.yaml`` (six events of neither round 5 nor 6),
  written the same way after the changes tuned on round 6, held out; ``probes-oos-8.yaml`` and
  ``probes-near-8.yaml`` (six more events), written the same way after those, held out;
  ``probes-oos-9.yaml`` and ``probes-near-9.yaml`` (six events of rounds 5 and 6), written the
  same way after the rules measured on round 8, held out; ``probes-oos-10.yaml`` and
  ``probes-near-10.yaml`` (round 6's six dev events), written with them, to tune on;
  ``probes-oos-11.yaml`` and ``probes-near-11.yaml`` (round 7's six events; 30 near questions
  each, half of them ordinary ones), written the same way at the start of the next session,
  held out; ``probes-oos-12.yaml`` and ``probes-near-12.yaml`` (round 6's six dev events,
  the same shape), written later in that session, to tune on; ``probes-oos-16.yaml`` and
  ``probes-near-16.yaml`` (25 each: details an entry does or does not state), written at once
  for twelve events, six to tune on (dev, ``PROBE_16_EVENTS``) and six held out;
  ``probes-oos-17.yaml`` and ``probes-near-17.yaml`` (15 and 30 each: places and getting
  around), written the same way for twelve events, six to tune on and six held out;
  ``probes-oos-18.yaml`` and ``probes-near-18.yaml`` (15 and 30 each: people and
  organisations), written the same way for twelve events, six to tune on and six held out;
  ``probes-oos-19.yaml`` and ``probes-near-19.yaml`` (15 and 30 each: what exhibitors make,
  sell and show, often asked in another language than their entry's), written the same way;
  ``probes-oos-20.yaml`` and ``probes-near-20.yaml`` (15 and 30 each: practical needs and
  services, told through the asker's situation), written the same way.

The held-out files were written before the matcher was changed and are never tuned on: tests
check only their aggregate floors, and ``bench.eval`` lists misses of the dev sets only.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from eventbot.bot.concierge import Answer, Concierge
from eventbot.bot.evaluation import Case, Score, passed
from eventbot.bot.evaluation import load_cases as _load_cases
from eventbot.bot.evaluation import score as _score
from eventbot.bot.kb import load_knowledge
from eventbot.bot.matching import Matcher
from tests.paths import SAMPLE_KB

EVAL_DIR = Path(__file__).resolve().parent / "eval"
EVAL_FILE = EVAL_DIR / "questions.yaml"


@functools.cache
def eval_concierge(event: str) -> Concierge:
    """Return the concierge of an eval event's KB, as the bot builds it (once per event: a
    concierge is not changed by asking it)."""
    return Concierge(load_knowledge(EVAL_DIR / event / "kb"))


def eval_matcher(event: str) -> Matcher:
    """Return the matcher of an eval event's KB, as the bot builds it."""
    return eval_concierge(event).matcher


# Questions no event answers, asked of the events they were written for (dev).
OUT_OF_SCOPE_FILE = EVAL_DIR / "out-of-scope.yaml"
OUT_OF_SCOPE_EVENTS = ("sample", "tokyo-forum", "mobility-expo")
# A moment during the event, so "today" and "now" questions have something to list.
EVAL_MOMENT = datetime(2025, 9, 2, 10, 30, tzinfo=ZoneInfo("Asia/Seoul"))

__all__ = ["EVAL_FILE", "EVAL_MOMENT", "EVAL_SETS", "OUT_OF_SCOPE_EVENTS", "OUT_OF_SCOPE_FILE",
           "Case", "EvalSet", "Score", "load_cases", "passed", "score"]


@dataclass(frozen=True)
class EvalSet:
    """One KB's questions: which file, whether it is held out, and when they are asked."""

    name: str
    kb: Path
    questions: Path
    held_out: bool
    moment: datetime | None = None  # None: 10:30 on the event's first day


# Events of a KB and held-out questions only, written by someone who saw neither the matcher
# nor any question file: a food fair (its own session), a clean-tech summit in Vancouver and a
# port and maritime expo in Kaohsiung (written together, measured once when added), and a
# halal economy and Islamic finance forum in Bandar Seri Begawan (the first from Brunei).
UNSEEN_EVENTS = ("food-fair", "vancouver-cleantech", "kaohsiung-port-expo", "brunei-halal-forum")

OOS_PROBE_EVENTS = ("manila-summit", "chiangmai-craft-week", "busan-marine-week", "kl-halal-expo",
                    "danang-digital-week", "shenzhen-hardware-fair", "osaka-monozukuri-expo",
                    "singapore-smartcity-summit", "mexico-trade-forum", "santiago-mining-forum",
                    "auckland-agrifood-week", "sanfrancisco-trade-expo",
                    # a second round, asking other things (a founding year, a head office,
                    # a parent company, a spouse), measured before the words they ask changed
                    "health-congress", "tourism-mart", "energy-week", "startup-summit",
                    "taipei-show", "lima-forum", "jakarta-expo", "sydney-congress",
                    "vladivostok-forum", "bangkok-week", "hongkong-fintech",
                    "portmoresby-pacific-summit")

BLIND_PROBE_EVENTS = ("tourism-mart", "startup-summit", "lima-forum", "bangkok-week",
                      "kl-halal-expo", "auckland-agrifood-week")
# A second blind set, written later for six other events: held out, never tuned on.
BLIND_PROBE_2_EVENTS = ("busan-marine-week", "chiangmai-craft-week", "danang-digital-week",
                        "hongkong-fintech", "santiago-mining-forum", "vladivostok-forum")
# A third blind set, for six events of neither blind set before: held out, never tuned on.
BLIND_PROBE_3_EVENTS = ("health-congress", "energy-week", "taipei-show", "osaka-monozukuri-expo",
                        "mexico-trade-forum", "portmoresby-pacific-summit")
# A fourth blind set, written with the third for six other events: dev, to tune on.
BLIND_PROBE_4_EVENTS = ("jakarta-expo", "sydney-congress", "manila-summit",
                        "shenzhen-hardware-fair", "singapore-smartcity-summit",
                        "sanfrancisco-trade-expo")
# A fourth out-of-scope round for six others, written later: held out, never tuned on.
OOS_PROBE_4_EVENTS = ("manila-summit", "osaka-monozukuri-expo", "singapore-smartcity-summit",
                      "sanfrancisco-trade-expo", "portmoresby-pacific-summit", "jakarta-expo")
# A fifth out-of-scope round and its near questions, for six others: held out, never tuned on.
PROBE_5_EVENTS = ("tourism-mart", "busan-marine-week", "hongkong-fintech", "kl-halal-expo",
                  "chiangmai-craft-week", "vladivostok-forum")
# A sixth round of both kinds, written at once for twelve events: six to tune on (dev) ...
PROBE_6_EVENTS = ("danang-digital-week", "santiago-mining-forum", "auckland-agrifood-week",
                  "lima-forum", "bangkok-week", "startup-summit")
# ... and six held out, never tuned on.
PROBE_6_HELD_OUT_EVENTS = ("mobility-expo", "tokyo-forum", "health-congress", "energy-week",
                           "taipei-show", "mexico-trade-forum")
# A seventh round, written after the rules tuned on the sixth: held out, never tuned on.
PROBE_7_EVENTS = ("sydney-congress", "shenzhen-hardware-fair", "portmoresby-pacific-summit",
                  "sanfrancisco-trade-expo", "kl-halal-expo", "chiangmai-craft-week")
# An eighth round, written at the end of the session that wrote the seventh, before any later
# change: held out, never tuned on.
PROBE_8_EVENTS = ("manila-summit", "osaka-monozukuri-expo", "singapore-smartcity-summit",
                  "jakarta-expo", "hongkong-fintech", "vladivostok-forum")
# A ninth round, written after the next session's rules (measured on the eighth) were made,
# for six events of rounds 5 and 6: held out, never tuned on.
PROBE_9_EVENTS = ("busan-marine-week", "tourism-mart", "mobility-expo", "energy-week",
                  "taipei-show", "mexico-trade-forum")
# A thirteenth round, of questions looking for a company by what it does ("any battery
# startups?", "有没有做冷链的公司") and of the same form for what no one there offers, written
# for twelve events before the rule for them: six to tune on (dev) ...
PROBE_13_EVENTS = PROBE_6_EVENTS
# ... and six held out, never tuned on.
PROBE_13_HELD_OUT_EVENTS = PROBE_8_EVENTS
# A fourteenth round, of questions looking for a talk by its subject ("any talks on getting
# loans for a small shop?"), and a fifteenth, for a person by what they do ("who's the
# minister opening it"), each with questions of the same form no entry answers, written at
# once before any rule for them: round 6's six to tune on (dev) ...
PROBE_14_EVENTS = PROBE_6_EVENTS
# ... and round 7's six held out, never tuned on.
PROBE_14_HELD_OUT_EVENTS = PROBE_7_EVENTS
# A sixteenth round of both kinds (25 out of scope, most asking a detail an entry does not state
# of a real item, and 25 the KB answers, half of them asking a detail it does), written at once
# for twelve events to give the fitted models more examples: six to tune on (dev) ...
PROBE_16_EVENTS = BLIND_PROBE_4_EVENTS
# ... and six held out, never tuned on, measured before any change for them.
PROBE_16_HELD_OUT_EVENTS = ("busan-marine-week", "chiangmai-craft-week", "kl-halal-expo",
                            "osaka-monozukuri-expo", "hongkong-fintech", "vladivostok-forum")
# A seventeenth round of both kinds (30 questions the KB answers and 15 it does not, about places
# and getting around: a venue's way there, rooms and floors, where a talk or a booth is), written
# at once for twelve events before any change for them: six to tune on (dev) ...
PROBE_17_EVENTS = BLIND_PROBE_4_EVENTS
# ... and six held out, never tuned on.
PROBE_17_HELD_OUT_EVENTS = ("tourism-mart", "health-congress", "energy-week", "taipei-show",
                            "mexico-trade-forum", "portmoresby-pacific-summit")
# Round 18, people and organisations, written the same way: six events to tune on ...
PROBE_18_EVENTS = PROBE_6_EVENTS
# ... and six held out, never tuned on.
PROBE_18_HELD_OUT_EVENTS = ("mobility-expo", "health-congress", "energy-week", "taipei-show",
                            "hongkong-fintech", "vladivostok-forum")
# Round 19, what exhibitors make, sell and show, written the same way: six to tune on ...
PROBE_19_EVENTS = ("shenzhen-hardware-fair", "sanfrancisco-trade-expo", "kl-halal-expo",
                   "chiangmai-craft-week", "osaka-monozukuri-expo", "jakarta-expo")
# ... and six held out, never tuned on.
PROBE_19_HELD_OUT_EVENTS = ("mobility-expo", "taipei-show", "energy-week", "busan-marine-week",
                            "tourism-mart", "auckland-agrifood-week")
# Round 20, practical needs and services (the FAQ's and the venues'), told through the asker's
# situation and often in a language the entry lacks, written the same way: six to tune on ...
PROBE_20_EVENTS = ("sydney-congress", "kl-halal-expo", "startup-summit", "lima-forum",
                   "manila-summit", "bangkok-week")
# ... and six held out, never tuned on.
PROBE_20_HELD_OUT_EVENTS = ("energy-week", "taipei-show", "health-congress", "mobility-expo",
                            "mexico-trade-forum", "tourism-mart")
# Round 21, the programme by day, time and place ("the keynote tomorrow morning", "what's in
# the harakeke room after lunch", "the last talk on thursday"), asked at 10:30 on the first
# day, written the same way: six to tune on ...
PROBE_21_EVENTS = ("auckland-agrifood-week", "busan-marine-week", "chiangmai-craft-week",
                   "danang-digital-week", "santiago-mining-forum", "singapore-smartcity-summit")
# ... and six held out, never tuned on.
PROBE_21_HELD_OUT_EVENTS = ("hongkong-fintech", "vladivostok-forum", "osaka-monozukuri-expo",
                            "sanfrancisco-trade-expo", "portmoresby-pacific-summit",
                            "jakarta-expo")
# Round 22, rules, permissions and signing up ("can i film the keynote on my phone", "do i
# need to book the boat trip or just turn up", "is lunch included with a visitor pass"), told
# through the asker's situation, written the same way: six to tune on ...
PROBE_22_EVENTS = ("sydney-congress", "singapore-smartcity-summit", "hongkong-fintech",
                   "mexico-trade-forum", "chiangmai-craft-week", "busan-marine-week")
# ... and six held out, never tuned on.
PROBE_22_HELD_OUT_EVENTS = ("sanfrancisco-trade-expo", "manila-summit", "energy-week",
                            "santiago-mining-forum", "kl-halal-expo", "tourism-mart")
# Round 23, a kind of thing asked for, not one thing ("any battery startups here", "有哪些跟电池
# 有关的讲座"): several entries fit (a list), one does (its answer) or none (a fallback), written
# the same way: six to tune on ...
PROBE_23_EVENTS = ("busan-marine-week", "chiangmai-craft-week", "sanfrancisco-trade-expo",
                   "singapore-smartcity-summit", "lima-forum", "osaka-monozukuri-expo")
# ... and six held out, never tuned on.
PROBE_23_HELD_OUT_EVENTS = ("health-congress", "taipei-show", "tourism-mart", "vladivostok-forum",
                            "kl-halal-expo", "mobility-expo")
OOS_PROBE_3_EVENTS = ("health-congress", "energy-week", "taipei-show", "sydney-congress",
                      "shenzhen-hardware-fair", "mexico-trade-forum")

def _per_event(part: str, events: Iterable[str], *, held_out: bool) -> Iterator[EvalSet]:
    """Return one set per event: its ``<part>.yaml`` questions, asked of its KB."""
    for event in events:
        yield EvalSet(f"{event}/{part}", EVAL_DIR / event / "kb",
                      EVAL_DIR / event / f"{part}.yaml", held_out)


def _round(parts: Iterable[str], dev: Iterable[str], held_out: Iterable[str]
           ) -> Iterator[EvalSet]:
    """Return a round's sets: each part for the events to tune on, then for the held-out ones."""
    for part in parts:
        yield from _per_event(part, dev, held_out=False)
        yield from _per_event(part, held_out, held_out=True)


EVAL_SETS = (
    EvalSet("sample/public", SAMPLE_KB, EVAL_FILE, False, EVAL_MOMENT),
    EvalSet("sample/heldout", SAMPLE_KB, EVAL_DIR / "sample-heldout.yaml", True, EVAL_MOMENT),
    *(EvalSet(f"{event}/{part}", EVAL_DIR / event / "kb", EVAL_DIR / event / f"{part}.yaml",
              part == "heldout")
      for event in ("tokyo-forum", "mobility-expo", "health-congress", "tourism-mart",
                    "energy-week", "startup-summit", "taipei-show", "lima-forum", "jakarta-expo",
                    "sydney-congress", "vladivostok-forum", "bangkok-week", "hongkong-fintech",
                    "manila-summit", "kl-halal-expo", "chiangmai-craft-week",
                    "danang-digital-week", "shenzhen-hardware-fair", "osaka-monozukuri-expo",
                    "singapore-smartcity-summit", "busan-marine-week", "mexico-trade-forum",
                    "santiago-mining-forum", "auckland-agrifood-week",
                    "portmoresby-pacific-summit", "sanfrancisco-trade-expo")
      for part in ("dev", "heldout")),
    # Probes written during development to find what a class of questions misses (dev).
    EvalSet("sample/probes", SAMPLE_KB, EVAL_DIR / "probes-sample.yaml", False, EVAL_MOMENT),
    *_per_event("probes", ("tokyo-forum", "mobility-expo"), held_out=False),
    # Out-of-scope probes (dev): 30 questions per event that its KB does not answer, written
    # from the KB alone, most of them near misses (a real exhibitor's hiring or warranty, a
    # company that is not there, the city's services)
    *_per_event("probes-oos", OOS_PROBE_EVENTS, held_out=False),
    # Written last, from the KB alone, and measured before any change for them: questions the
    # KB answers, most in other words than its own (blind), and a third round out of scope
    *_per_event("probes-blind", BLIND_PROBE_EVENTS, held_out=False),
    *_per_event("probes-oos-3", OOS_PROBE_3_EVENTS, held_out=False),
    # The same kind of questions as probes-blind for six other events, written after the
    # first blind set had been looked at: held out, so nothing is tuned on them
    *_per_event("probes-blind-2", BLIND_PROBE_2_EVENTS, held_out=True),
    *_per_event("probes-oos-4", OOS_PROBE_4_EVENTS, held_out=True),
    *_per_event("probes-blind-3", BLIND_PROBE_3_EVENTS, held_out=True),
    *_per_event("probes-blind-4", BLIND_PROBE_4_EVENTS, held_out=False),
    *_per_event("probes-oos-5", PROBE_5_EVENTS, held_out=True),
    *_per_event("probes-near-5", PROBE_5_EVENTS, held_out=True),
    *_per_event("probes-oos-6", PROBE_6_EVENTS, held_out=False),
    *_per_event("probes-near-6", PROBE_6_EVENTS, held_out=False),
    *_per_event("probes-oos-6", PROBE_6_HELD_OUT_EVENTS, held_out=True),
    *_per_event("probes-near-6", PROBE_6_HELD_OUT_EVENTS, held_out=True),
    *_per_event("probes-oos-7", PROBE_7_EVENTS, held_out=True),
    *_per_event("probes-near-7", PROBE_7_EVENTS, held_out=True),
    *_per_event("probes-oos-8", PROBE_8_EVENTS, held_out=True),
    *_per_event("probes-near-8", PROBE_8_EVENTS, held_out=True),
    *_per_event("probes-oos-9", PROBE_9_EVENTS, held_out=True),
    *_per_event("probes-near-9", PROBE_9_EVENTS, held_out=True),
    *_per_event("probes-oos-10", PROBE_6_EVENTS, held_out=False),
    *_per_event("probes-near-10", PROBE_6_EVENTS, held_out=False),
    *_per_event("probes-oos-11", PROBE_7_EVENTS, held_out=True),
    *_per_event("probes-near-11", PROBE_7_EVENTS, held_out=True),
    *_per_event("probes-oos-12", PROBE_6_EVENTS, held_out=False),
    *_per_event("probes-near-12", PROBE_6_EVENTS, held_out=False),
    *_per_event("probes-oos-13", PROBE_13_EVENTS, held_out=False),
    *_per_event("probes-near-13", PROBE_13_EVENTS, held_out=False),
    *_per_event("probes-oos-13", PROBE_13_HELD_OUT_EVENTS, held_out=True),
    *_per_event("probes-near-13", PROBE_13_HELD_OUT_EVENTS, held_out=True),
    *_round(("probes-oos-14", "probes-near-14", "probes-oos-15", "probes-near-15"),
            PROBE_14_EVENTS, PROBE_14_HELD_OUT_EVENTS),
    *_round(("probes-oos-16", "probes-near-16"), PROBE_16_EVENTS, PROBE_16_HELD_OUT_EVENTS),
    *_round(("probes-oos-17", "probes-near-17"), PROBE_17_EVENTS, PROBE_17_HELD_OUT_EVENTS),
    *_round(("probes-oos-18", "probes-near-18"), PROBE_18_EVENTS, PROBE_18_HELD_OUT_EVENTS),
    *_round(("probes-oos-19", "probes-near-19"), PROBE_19_EVENTS, PROBE_19_HELD_OUT_EVENTS),
    *_round(("probes-oos-20", "probes-near-20"), PROBE_20_EVENTS, PROBE_20_HELD_OUT_EVENTS),
    *_round(("probes-oos-21", "probes-near-21"), PROBE_21_EVENTS, PROBE_21_HELD_OUT_EVENTS),
    *_round(("probes-oos-22", "probes-near-22"), PROBE_22_EVENTS, PROBE_22_HELD_OUT_EVENTS),
    *_round(("probes-oos-23", "probes-near-23"), PROBE_23_EVENTS, PROBE_23_HELD_OUT_EVENTS),
    # Events written by someone who never saw the matcher, all of them held out.
    *(EvalSet(f"{event}/heldout", EVAL_DIR / event / "kb", EVAL_DIR / event / "heldout.yaml",
              True) for event in UNSEEN_EVENTS),
)


def load_cases(path: Path = EVAL_FILE) -> list[Case]:
    """Read an eval set (the sample's public one by default)."""
    return _load_cases(path)


def score(concierge: Concierge, cases: list[Case],
          now: datetime = EVAL_MOMENT) -> tuple[Score, list[tuple[Case, Answer]]]:
    """Run every case; return the figures and the failures."""
    return _score(concierge, cases, now)
