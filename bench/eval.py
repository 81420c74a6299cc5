"""Report the question-answering eval on every eval KB, dev and held-out sets apart.

One line per set: ``eval[NAME]: questions=N passed=P rate=R top1=A false_answers=F/O ...``.
``-v`` lists the misses of the dev sets only: held-out misses are never looked at, so nothing
is tuned on them. ``--semantic`` adds the optional sentence-embedding signal (eventbot[semantic]);
item vectors are kept in the user's cache folder, so only the first run embeds them.
"""

from __future__ import annotations

import argparse
import sys

from eventbot.bot.concierge import Concierge
from eventbot.bot.evaluation import default_moment, load_cases, report, score
from eventbot.bot.kb import load_knowledge
from eventbot.bot.services import Semantic, default_store
from tests.eval_set import EVAL_SETS


def main() -> None:
    """Run each eval set and print its figures (and dev misses with -v)."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="list dev-set misses")
    parser.add_argument("--only", help="run the sets whose name contains this")
    parser.add_argument("--baseline", action="store_true",
                        help="decide by the whole-key fuzzy index alone, as before word retrieval")
    parser.add_argument("--semantic", action="store_true",
                        help="add the sentence-embedding signal (needs eventbot[semantic])")
    args = parser.parse_args()
    semantic = (Semantic.load(default_store(), sys.stderr, asked_by="--semantic")
                if args.semantic else None)
    if args.semantic and semantic is None:
        sys.exit(2)
    concierges: dict[str, Concierge] = {}
    for eval_set in EVAL_SETS:
        if args.only and args.only not in eval_set.name:
            continue
        key = str(eval_set.kb)
        if key not in concierges:
            kb = load_knowledge(eval_set.kb)
            concierges[key] = semantic.concierge(kb) if semantic else Concierge(kb)
            if args.baseline:  # the decision of the earlier matcher, for comparison
                concierges[key].matcher.match = concierges[key].matcher.fuzzy.match  # type: ignore[method-assign,assignment]
        concierge = concierges[key]
        cases = load_cases(eval_set.questions, concierge.kb)
        moment = eval_set.moment or default_moment(concierge.kb)
        figures, failures = score(concierge, cases, moment)
        text = report(figures, failures, misses=args.verbose and not eval_set.held_out)
        print(f"== {eval_set.name}")
        print(text.replace("eval: ", f"eval[{eval_set.name}]: "))


if __name__ == "__main__":
    main()
