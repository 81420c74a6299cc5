"""Ask every event's common services in its attendees' languages, the way they type them.

``bench/services.yaml`` lists, per service an event has (Wi-Fi, a cloakroom, parking, first
aid...), the ids its FAQ goes by in the eval KBs (``faq_ids``: any FAQ whose id holds one) and,
per language, three questions naming the service the way attendees do, not the way a KB writes
it ("where do i park", "dónde cargo el celular", "bateri nak habis"). Each KB of the eval sets
(``tests.eval_set``, not the unseen events: they stay held out) is asked the questions of every
service it has an FAQ for; a question is right when the concierge answers with such an FAQ.

These questions were written and used while extending the vocabulary: they are a dev set, a
check that a service stays reachable in every language, not a measure of unseen questions.

Run ``python -m bench.services`` (``--misses`` lists every question not answered right).
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from eventbot.bot.concierge import Concierge
from eventbot.bot.evaluation import default_moment
from eventbot.bot.kb import load_knowledge
from tests.eval_set import EVAL_SETS, UNSEEN_EVENTS

SERVICES = Path(__file__).with_name("services.yaml")


def main() -> None:
    """Ask the questions on every dev KB; print the share right per language and service."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="list the questions missed")
    args = parser.parse_args()
    services: dict[str, Any] = yaml.safe_load(SERVICES.read_text(encoding="utf-8"))
    kbs = sorted({str(s.kb) for s in EVAL_SETS if s.name.split("/")[0] not in UNSEEN_EVENTS})
    right: Counter[tuple[str, str]] = Counter()
    asked: Counter[tuple[str, str]] = Counter()
    for kb_path in kbs:
        kb = load_knowledge(kb_path)
        concierge, now = Concierge(kb), default_moment(kb)
        for service, entry in services.items():
            faqs = {faq for faq in kb.faq if any(part in faq for part in entry["faq_ids"])}
            if not faqs:
                continue
            for lang, questions in entry["questions"].items():
                for question in questions:
                    answer = concierge.ask(question, now=now)
                    ok = answer.outcome == "answer" and answer.matches[0].item_id in faqs
                    asked[(service, lang)] += 1
                    right[(service, lang)] += ok
                    if args.misses and not ok:
                        print(f"miss {Path(kb_path).parent.name} [{lang}] {question!r}: "
                              f"{answer.outcome} {[m.item_id for m in answer.matches][:2]}")
    _report("language", {lang for _, lang in asked}, 1, right, asked)
    _report("service", set(services), 0, right, asked)
    total, done = sum(asked.values()), sum(right.values())
    print(f"services: right={done} asked={total} share={done / max(total, 1):.3f}")


def _report(title: str, keys: set[str], position: int, right: Counter[tuple[str, str]],
            asked: Counter[tuple[str, str]]) -> None:
    """Print the share right per language or per service, weakest first."""
    rows = []
    for key in keys:
        done = sum(n for k, n in right.items() if k[position] == key)
        total = sum(n for k, n in asked.items() if k[position] == key)
        rows.append((done / max(total, 1), key, done, total))
    print(f"by {title}: " + ", ".join(
        f"{key} {done}/{total}" for _, key, done, total in sorted(rows)))


if __name__ == "__main__":
    main()
