"""bench.compare: runs of every eval question, compared with held-out questions never shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bench.compare import diff, floors, main, read
from tests.test_eval import FLOORS


def _row(name: str, q: str, *, held_out: bool, expect: str = "answer", passed: bool,
         outcome: str) -> dict[str, Any]:
    return {"set": name, "held_out": held_out, "q": q, "lang": "en", "expect": expect,
            "id": None if expect == "fallback" else "faq-x", "passed": passed,
            "outcome": outcome, "items": ["faq-x"], "choices": 1}


def _keyed(*rows: dict[str, Any]) -> dict[tuple[str, str, int], dict[str, Any]]:
    return {(row["set"], row["q"], 0): row for row in rows}


def test_a_diff_shows_dev_questions_and_only_counts_held_out_ones() -> None:
    before = _keyed(
        _row("x/dev", "where is the wifi", held_out=False, passed=False, outcome="fallback"),
        _row("x/heldout", "secret held-out question", held_out=True, passed=False,
             outcome="fallback"),
        _row("x/heldout", "another one", held_out=True, expect="fallback", passed=True,
             outcome="fallback"))
    after = _keyed(
        _row("x/dev", "where is the wifi", held_out=False, passed=True, outcome="answer"),
        _row("x/heldout", "secret held-out question", held_out=True, passed=True,
             outcome="answer"),
        _row("x/heldout", "another one", held_out=True, expect="fallback", passed=False,
             outcome="answer"))
    report = "\n".join(diff(before, after))
    assert "+ x/dev answer faq-x | where is the wifi | fallback faq-x -> answer faq-x" in report
    assert "secret" not in report and "another one" not in report
    assert "held out: 1 gained, 1 lost" in report
    assert "held out: out of scope answered +1" in report and "held out: right +1" in report
    assert "dev: right +1" in report


def test_floors_name_the_sets_below_theirs() -> None:
    name, (least, _) = next(iter(FLOORS.items()))
    rows = [_row(name, f"q{n}", held_out=True, passed=False, outcome="fallback")
            for n in range(10)]
    below = list(floors(rows))
    assert len(below) == 1 and below[0].startswith(f"{name}: 0/10 = 0.000 (floor {least})")
    assert list(floors([_row(name, "q", held_out=True, passed=True, outcome="answer")])) == []


def test_a_run_writes_a_row_per_question_that_floors_and_diff_read(tmp_path: Path,
                                                                    capsys) -> None:
    out = tmp_path / "run.jsonl"
    assert main(["run", str(out), "--only", "tokyo-forum/dev"]) == 0
    rows = read(out)
    assert len(rows) >= 40 and {row["set"] for row in rows.values()} == {"tokyo-forum/dev"}
    assert sum(row["passed"] for row in rows.values()) > len(rows) / 2
    assert main(["floors", str(out)]) == 0
    assert main(["diff", str(out), str(out)]) == 0
    assert "dev: right +0" in capsys.readouterr().out
