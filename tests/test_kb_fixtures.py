"""Every broken knowledge base gives its exact message and line; the valid one loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from eventbot.bot.kb import KnowledgeBaseError, check_knowledge, load_knowledge
from tests.paths import FIXTURES

KB_FIXTURES = FIXTURES / "kb"
BROKEN = sorted(p.name for p in KB_FIXTURES.iterdir() if (p / "expected.txt").exists())


def test_there_is_a_broken_fixture_per_error_kind() -> None:
    assert len(BROKEN) >= 15


@pytest.mark.parametrize("name", BROKEN)
def test_broken_fixture_reports_exact_problems(name: str) -> None:
    folder = KB_FIXTURES / name
    kb, problems = check_knowledge(folder)
    assert kb is None
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert [p.format() for p in problems] == expected


@pytest.mark.parametrize("name", BROKEN)
def test_load_raises_with_every_problem(name: str) -> None:
    with pytest.raises(KnowledgeBaseError) as caught:
        load_knowledge(KB_FIXTURES / name)
    assert len(caught.value.problems) == len(
        (KB_FIXTURES / name / "expected.txt").read_text(encoding="utf-8").splitlines()
    )


def test_valid_fixture_split_over_files_loads() -> None:
    kb = load_knowledge(KB_FIXTURES / "valid")
    assert set(kb.items) == {"icc-jeju", "halla-hall", "opening-forum", "k-tech", "robo-one"}
    assert kb.room_venue == {"halla-hall": "icc-jeju"}
    forum = kb.sessions["opening-forum"]
    assert kb.starts_at(forum).isoformat() == "2025-09-01T10:00:00+09:00"
    assert forum.title.get("ja", ["en"]) == "Innovation Forum"


def test_many_problems_in_one_file_are_all_reported(tmp_path: Path) -> None:
    text = (KB_FIXTURES / "valid" / "programme.yaml").read_text(encoding="utf-8")
    broken = text.replace("venue: icc-jeju", "venue: nowhere").replace("12:00", "09:00")
    (tmp_path / "programme.yaml").write_text(broken, encoding="utf-8")
    for name in ("event.yaml", "venues.yaml"):
        (tmp_path / name).write_text((KB_FIXTURES / "valid" / name).read_text("utf-8"), "utf-8")
    (tmp_path / "extra.yaml").write_text("venues:\n  - id: x\n    name: 1.5\n    titl: 2\n")
    _, problems = check_knowledge(tmp_path)
    assert [(p.file, p.line, p.path) for p in problems] == [
        ("extra.yaml", 3, "venues[0].name"),
        ("extra.yaml", 4, "venues[0].titl"),
        ("programme.yaml", 5, "sessions[0].end"),
        ("programme.yaml", 6, "sessions[0].venue"),
    ]


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventbot", *args], capture_output=True, text=True, timeout=60
    )


def test_cli_check_prints_file_line_and_exits_2() -> None:
    folder = KB_FIXTURES / "unknown-venue"
    result = run_cli("check", str(folder))
    assert result.returncode == 2
    expected = (folder / "expected.txt").read_text(encoding="utf-8").strip()
    assert result.stdout.strip() == f"{folder}/{expected}"
    assert "Traceback" not in result.stderr


def test_cli_check_valid_prints_summary_and_exits_0() -> None:
    result = run_cli("check", str(KB_FIXTURES / "valid"))
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("OK: 1 venues, 1 rooms, 1 sessions")
    assert "languages ko/en/ja" in result.stdout


def test_cli_check_missing_folder_is_a_clear_message(tmp_path: Path) -> None:
    result = run_cli("check", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert f"no knowledge base at {tmp_path / 'nope'}: give the folder" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe\x00garbage", b"event: [unclosed", b"\t- tab indented: x\n", b"{}", b"~"],
)
def test_garbage_files_never_raise(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "kb.yaml").write_bytes(content)
    kb, problems = check_knowledge(tmp_path)
    assert kb is None
    assert problems and all(p.file == "kb.yaml" and p.line >= 1 for p in problems)
