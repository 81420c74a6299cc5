"""Compare two versions of the matcher question by question, held-out questions in aggregate only.

``python -m bench.compare run OUT.jsonl`` asks every question of every eval set
(``tests.eval_set.EVAL_SETS``) through the concierge, as ``bench.eval`` does, and writes one
JSON line per question: its set, whether the set is held out, the question, what it expects,
what the concierge did and whether that passed.

``python -m bench.compare diff BEFORE.jsonl AFTER.jsonl`` prints, for dev sets, each question
whose outcome changed; for held-out sets only how many gained and lost, so that nothing is tuned
on them; then what changed in all: right answers, wrong ones and out-of-scope questions answered,
dev and held out apart.

``python -m bench.compare floors RUN.jsonl`` lists the sets of a run below their floors in
``tests/test_eval.py`` (what its ``test_other_sets_hold_their_floors`` would fail).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from eventbot.bot.concierge import Concierge
from eventbot.bot.evaluation import default_moment, load_cases, passed
from eventbot.bot.kb import load_knowledge
from tests.eval_set import EVAL_SETS

Row = dict[str, Any]
WORKERS = 2  # the machines have two cores


def _asked(kb: str, only: str | None) -> list[Row]:
    """Ask every question of the sets on one KB; return a row per question."""
    concierge = Concierge(load_knowledge(kb))
    rows: list[Row] = []
    for eval_set in EVAL_SETS:
        if str(eval_set.kb) != kb or (only and only not in eval_set.name):
            continue
        moment = eval_set.moment or default_moment(concierge.kb)
        for case in load_cases(eval_set.questions, concierge.kb):
            answer = concierge.ask(case.q, now=moment)
            rows.append({
                "set": eval_set.name, "held_out": eval_set.held_out, "q": case.q,
                "lang": case.lang, "expect": case.expect, "id": case.id,
                "passed": passed(case, answer), "outcome": answer.outcome,
                "items": [match.item_id for match in answer.matches[:4]],
                "choices": len(answer.matches)})
    return rows


def run(out: Path, only: str | None = None) -> int:
    """Write a row per question of every eval set; return how many."""
    kbs = sorted({str(eval_set.kb) for eval_set in EVAL_SETS
                  if not only or only in eval_set.name})
    count = 0
    with ProcessPoolExecutor(WORKERS) as pool, out.open("w", encoding="utf-8") as file:
        for rows in pool.map(_asked, kbs, [only] * len(kbs)):
            for row in rows:
                file.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += len(rows)
    return count


def read(path: Path) -> dict[tuple[str, str, int], Row]:
    """Return a run's rows by set, question and which time the set asks it."""
    rows: dict[tuple[str, str, int], Row] = {}
    seen: Counter[tuple[str, str]] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        key = (row["set"], row["q"])
        rows[(*key, seen[key])] = row
        seen[key] += 1
    return rows


def _answered_out_of_scope(row: Row) -> bool:
    return bool(row["expect"] == "fallback" and row["outcome"] == "answer")


def _answered_wrong(row: Row) -> bool:
    return bool(row["expect"] != "fallback" and row["outcome"] == "answer"
                and not row["passed"])


def diff(before: dict[tuple[str, str, int], Row],
         after: dict[tuple[str, str, int], Row]) -> Iterator[str]:
    """Yield the report of what changed: dev questions one by one, held-out ones counted."""
    changes: Counter[str] = Counter()
    held_out: Counter[str] = Counter()
    for key, old in before.items():
        new = after.get(key)
        if new is None:
            continue
        side = "held out" if old["held_out"] else "dev"
        if old["expect"] == "fallback":
            changes[f"{side}: out of scope answered"] += (
                _answered_out_of_scope(new) - _answered_out_of_scope(old))
        else:
            changes[f"{side}: right"] += new["passed"] - old["passed"]
            changes[f"{side}: wrong answers"] += _answered_wrong(new) - _answered_wrong(old)
        if old["passed"] == new["passed"] and old["outcome"] == new["outcome"]:
            continue
        gained = int(new["passed"]) - int(old["passed"])
        mark = "+" if gained > 0 else "-" if gained < 0 else "="
        if old["held_out"]:
            held_out[mark] += 1
            continue
        before_top = old["items"][0] if old["items"] else None
        after_top = new["items"][0] if new["items"] else None
        yield (f"{mark} {old['set']} {old['expect']} {old['id']} | {old['q']} | "
               f"{old['outcome']} {before_top} -> {new['outcome']} {after_top}")
    yield (f"held out: {held_out['+']} gained, {held_out['-']} lost, {held_out['=']} changed "
           "but neither (questions not shown)")
    for name in sorted(changes):
        yield f"{name} {changes[name]:+d}"


def floors(rows: Iterable[Row]) -> Iterator[str]:
    """Yield the sets of a run that fall below their floors in tests/test_eval.py."""
    from tests.test_eval import FLOORS  # (the floors are the tests')

    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    out_of_scope: Counter[str] = Counter()
    one_choice: Counter[str] = Counter()
    for row in rows:
        name = row["set"]
        total[name] += 1
        right[name] += row["passed"]
        out_of_scope[name] += _answered_out_of_scope(row)
        one_choice[name] += row["outcome"] == "clarify" and row["choices"] < 2
    for name, (least, most) in FLOORS.items():
        if not total[name]:
            continue
        rate = right[name] / total[name]
        if rate < least or out_of_scope[name] > most or one_choice[name]:
            yield (f"{name}: {right[name]}/{total[name]} = {rate:.3f} (floor {least}), "
                   f"{out_of_scope[name]} out of scope answered (at most {most}), "
                   f"{one_choice[name]} one-choice lists")


def main(argv: Sequence[str] | None = None) -> int:
    """Run, diff or check floors, as the module's docstring says."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    asked = commands.add_parser("run", help="ask every eval question; write JSON lines")
    asked.add_argument("out", type=Path)
    asked.add_argument("--only", help="the sets whose name contains this")
    compared = commands.add_parser("diff", help="what changed between two runs")
    compared.add_argument("before", type=Path)
    compared.add_argument("after", type=Path)
    checked = commands.add_parser("floors", help="the sets of a run below their floors")
    checked.add_argument("run", type=Path)
    args = parser.parse_args(argv)
    if args.command == "run":
        print(f"{run(args.out, args.only)} questions -> {args.out}")
        return 0
    if args.command == "diff":
        for line in diff(read(args.before), read(args.after)):
            print(line)
        return 0
    below = list(floors(read(args.run).values()))
    for line in below:
        print(line)
    print(f"{len(below)} sets below their floors")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
