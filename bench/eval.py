"""Report the question-answering eval: top-1 accuracy and out-of-scope false answers.

Last line: ``eval: questions=N passed=P top1=A false_answer_rate=F``.
"""

from __future__ import annotations

import argparse

from bot.concierge import Concierge
from bot.kb import load_knowledge
from tests.eval_set import load_cases, score
from tests.paths import SAMPLE_KB


def main() -> None:
    """Run the eval set and print the figures (and failures with -v)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="list every failure")
    args = parser.parse_args()
    figures, failures = score(Concierge(load_knowledge(SAMPLE_KB)), load_cases())
    if args.verbose:
        for case, answer in failures:
            got = ", ".join(f"{m.item_id}:{m.score:.0f}" for m in answer.matches[:3])
            print(f"FAIL {case.label} (want {case.id}) -> {answer.outcome} [{got}]")
    for lang, (good, seen) in sorted(figures.by_lang.items()):
        print(f"{lang}: {good}/{seen}")
    print(f"answer questions: top-1 {figures.top1_correct}/{figures.answer_cases}")
    print(f"out-of-scope: {figures.false_answers}/{figures.out_of_scope} got a confident answer")
    print(f"eval: questions={figures.total} passed={figures.passed} "
          f"top1={figures.top1_accuracy:.3f} false_answer_rate={figures.false_answer_rate:.3f}")


if __name__ == "__main__":
    main()
