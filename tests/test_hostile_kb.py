"""Hostile knowledge bases and inputs: YAML bombs, deep nesting, absurd dates, odd folders.

Each is refused as an ordinary problem (``file:line: ...``, `check` exits 2) instead of
eating the machine's memory, crashing with a traceback, or being skipped in silence.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from eventbot.bot.browse import parse_day
from eventbot.bot.i18n import t
from eventbot.bot.kb import check_knowledge, load_knowledge
from eventbot.bot.kb.loader import _check
from eventbot.bot.storage._db import Database
from tests.bot_harness import running_bot
from tests.paths import FIXTURES, SAMPLE_KB

VALID = FIXTURES / "kb" / "valid"
# A child `check` may use this much address space: a bomb used to need gigabytes.
MEMORY_CAP = 1 << 30
# What `check` of the valid fixture peaks at is about 52 MB; a bomb may not cost more than this.
PEAK_LIMIT_MB = 150


def laughs(levels: int = 9) -> str:
    """Return a "billion laughs": each level a list of nine aliases to the one before."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, levels):
        lines.append(f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


BOMBS = {
    # 342 bytes: 9**9 (387 million) strings once expanded.
    "billion-laughs": (laughs(), 5),
    # Mappings instead of lists, the same growth.
    "mapping-laughs": ("m0: &m0 {a: lol, b: lol, c: lol, d: lol}\n" + "".join(
        f"m{n}: &m{n} {{a: *m{n - 1}, b: *m{n - 1}, c: *m{n - 1}, d: *m{n - 1}}}\n"
        for n in range(1, 14)), None),
    # One long text repeated: few values, many characters. yaml-rs copies each one, so this
    # 0.5 MB file took it past 1 GB, within its own limit of a million replayed values.
    "long-text": ('big: &big "' + "x" * 500_000 + '"\n'
                  "faq: [" + ", ".join(["*big"] * 3000) + "]\n", 2),
    # An alias inside the list it names: infinite.
    "self-reference": ("faq: &l [*l]\n", 1),
}


def kb_with(tmp_path: Path, name: str, text: str) -> Path:
    """Return a copy of the valid fixture with one more file."""
    folder = tmp_path / "kb"
    shutil.copytree(VALID, folder)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def check_peak(folder: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run `eventbot check` capped at MEMORY_CAP; return its result and peak RSS in MB."""
    # A fresh parent, so RUSAGE_CHILDREN covers this one `check` and nothing else.
    script = (
        "import resource, subprocess, sys\n"
        "cap = int(sys.argv[2])\n"
        "def limit(): resource.setrlimit(resource.RLIMIT_AS, (cap, cap))\n"
        "done = subprocess.run([sys.executable, '-m', 'eventbot', 'check', sys.argv[1]],"
        " capture_output=True, text=True, preexec_fn=limit)\n"
        "sys.stdout.write(done.stdout)\n"
        "sys.stderr.write(done.stderr)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
        "sys.stderr.write(f'\\npeak-kb={peak} exit={done.returncode}\\n')\n"
    )
    result = subprocess.run([sys.executable, "-c", script, str(folder), str(MEMORY_CAP)],
                            capture_output=True, text=True, timeout=120)
    tail = result.stderr.rsplit("peak-kb=", 1)[1].split()
    peak_kb, code = int(tail[0]), int(tail[1].removeprefix("exit="))
    return subprocess.CompletedProcess(result.args, code, result.stdout, result.stderr), \
        peak_kb / 1024


# -- YAML bombs and deep nesting ---------------------------------------------------------------


@pytest.mark.parametrize("bomb", sorted(BOMBS))
def test_check_refuses_a_yaml_bomb_in_little_memory(tmp_path: Path, bomb: str) -> None:
    text, line = BOMBS[bomb]
    folder = kb_with(tmp_path, "bomb.yaml", text)
    result, peak_mb = check_peak(folder)
    assert result.returncode == 2, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    (problem,) = result.stdout.splitlines()
    assert problem.startswith(f"{folder}/bomb.yaml:" + (f"{line}:" if line else ""))
    assert "expands too far" in problem
    assert peak_mb < PEAK_LIMIT_MB


@pytest.mark.parametrize(("text", "line"), [
    ("faq:\n  " + "- " * 20_000 + "x\n", 2),  # yaml-rs crashed `check` (SIGSEGV) on this
    ("faq:\n  " + "- " * 40 + "x\n", 2),
    ("faq: " + "[" * 300 + "]" * 300 + "\n", 1),
    ("a: &deep " + "[" * 20 + "]" * 20 + "\nb: [[[[[[[[[[[[[[[*deep]]]]]]]]]]]]]]]\n", 2),
])
def test_check_refuses_nesting_too_deep(tmp_path: Path, text: str, line: int) -> None:
    folder = kb_with(tmp_path, "deep.yaml", text)
    result = subprocess.run([sys.executable, "-m", "eventbot", "check", str(folder)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2, result.stderr[-2000:]
    (problem,) = result.stdout.splitlines()
    assert problem.startswith(f"{folder}/deep.yaml:{line}:")
    assert "nested too deep" in problem


@pytest.mark.parametrize("bomb", ["billion-laughs", "self-reference"])
async def test_a_bomb_in_a_reloaded_kb_is_refused_and_the_old_one_serves(
        tmp_path: Path, bomb: str) -> None:
    folder = tmp_path / "kb"
    shutil.copytree(SAMPLE_KB, folder)
    async with running_bot(tmp_path, kb=folder, organisers=[900]) as bot:
        before = bot.services.knowledge.kb
        (folder / "bomb.yaml").write_text(BOMBS[bomb][0], encoding="utf-8")
        _, problems = check_knowledge(folder)
        expected = [p.format(str(folder)) for p in problems]
        organiser = bot.emu.user(900, language_code="en")
        organiser.send_command("/reload")
        (reply,) = await organiser.replies(1)
        assert len(expected) == 1 and expected[0] in reply.text.splitlines()
        assert bot.services.knowledge.kb is before


BLOCK = {"ko": "안내 데스크", "en": "Info desk"}


def test_small_use_of_anchors_and_aliases_still_loads(tmp_path: Path) -> None:
    folder = kb_with(tmp_path, "more.yaml", (
        "venues:\n"
        "  - id: annex\n"
        "    name: {ko: 별관, en: Annex}\n"
        "    location: &pin {lat: 33.24, lon: 126.41}\n"
        "    directions: &desk {ko: 안내 데스크, en: Info desk}\n"
        "  - id: annex-b\n"
        "    name: {ko: 별관 B, en: Annex B}\n"
        "    location: *pin\n"
        "    directions: *desk\n"
        "faq:\n"
        "  - id: q-and-a\n"
        "    question: {ko: Q&A 세션?, en: '*Where* is the Q&A?'}\n"
        "    answer: *desk\n"
    ))
    kb = load_knowledge(folder)
    assert kb.venues["annex-b"].location == kb.venues["annex"].location
    assert kb.venues["annex-b"].directions == kb.venues["annex"].directions
    assert dict(kb.faq["q-and-a"].answer.all()) == BLOCK
    fast, _ = _check(folder, fast=True)
    careful, _ = _check(folder, fast=False)
    assert fast is not None and fast == careful


# -- absurd dates ------------------------------------------------------------------------------


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01"])
def test_check_refuses_dates_outside_sensible_years(tmp_path: Path, day: str) -> None:
    folder = tmp_path / "kb"
    shutil.copytree(VALID, folder)
    for path in folder.glob("*.yaml"):
        text = path.read_text(encoding="utf-8").replace("2025-09-01", day)
        path.write_text(text.replace("2025-09-05", day), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "eventbot", "check", str(folder)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    places = [": ".join(line.split(": ")[:2]) for line in result.stdout.splitlines()]
    assert places == [f"{folder}/event.yaml:4: event.dates.end",
                      f"{folder}/event.yaml:4: event.dates.start",
                      f"{folder}/programme.yaml:4: sessions[0].start",
                      f"{folder}/programme.yaml:5: sessions[0].end"]
    assert all(day in line for line in result.stdout.splitlines())


# -- what the folder walk used to skip ---------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    copy = tmp_path / "kb"
    shutil.copytree(VALID, copy)
    return copy


def problems_of(folder: Path) -> list[tuple[str, int]]:
    kb, problems = check_knowledge(folder)
    assert kb is None
    return [(p.file, p.line) for p in problems]


def test_a_link_loop_is_a_problem(folder: Path) -> None:
    (folder / "self").symlink_to("self")
    assert problems_of(folder) == [("self", 1)]


def test_a_folder_linking_to_its_parent_is_a_problem(folder: Path) -> None:
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..")
    assert problems_of(folder) == [("sub/up", 1)]


def test_a_folder_named_like_a_yaml_file_is_a_problem(folder: Path) -> None:
    (folder / "extra.yaml").mkdir()
    assert problems_of(folder) == [("extra.yaml", 1)]


def test_a_fifo_or_a_dangling_link_named_yaml_is_a_problem(folder: Path) -> None:
    os.mkfifo(folder / "pipe.yaml")
    (folder / "gone.yaml").symlink_to("nowhere.yaml")
    (folder / ".#event.yaml").symlink_to("editor@host.123")  # Emacs' lock: not ours to judge
    assert problems_of(folder) == [("gone.yaml", 1), ("pipe.yaml", 1)]


def test_an_unreadable_subfolder_is_a_problem(
        folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = folder / "locked"
    locked.mkdir()
    shutil.copy(folder / "venues.yaml", locked / "more-venues.yaml")
    real_scandir = os.scandir

    def scandir(path: object) -> Iterator[os.DirEntry[str]]:
        # chmod 000 does not stop root, who runs these tests in the container.
        if Path(str(path)) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[call-overload, no-any-return]

    monkeypatch.setattr(os, "scandir", scandir)
    assert problems_of(folder) == [("locked", 1)]


def test_a_linked_folder_is_read(folder: Path, tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (folder / "venues.yaml").rename(shared / "venues.yaml")
    (folder / "shared").symlink_to(shared)
    assert "halla-hall" in load_knowledge(folder).items


# -- the database file -------------------------------------------------------------------------


async def test_the_database_and_its_wal_are_private(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        db = await Database.open(tmp_path / "bot.sqlite3")
        await db.write("CREATE TABLE probe (x)")
        await db.write("INSERT INTO probe VALUES (1)")
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.iterdir()}
        await db.close()
    finally:
        os.umask(old)
    assert modes == {"bot.sqlite3": 0o600, "bot.sqlite3-wal": 0o600, "bot.sqlite3-shm": 0o600}


# -- /schedule arguments -----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["²", "①"])
def test_parse_day_reads_odd_digits_as_no_day(text: str) -> None:
    assert parse_day(text, [date(2025, 9, 1)], date(2025, 9, 1)) is None


async def test_schedule_with_odd_digits_says_it_cannot_read_the_day(tmp_path: Path) -> None:
    async with running_bot(tmp_path) as bot:
        user = bot.emu.user(9, language_code="en")
        for text in ("²", "9" * 5000):
            user.send_command("/schedule", [text])
            (reply,) = await user.replies(1)
            assert reply.text == t("en", "schedule.bad_day", day=text[:40])
