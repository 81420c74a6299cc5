"""The fast and the careful YAML readers agree, and the careful one knows every line."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventbot.bot.kb.loader import _check
from eventbot.bot.kb.yamlsource import read_yaml, read_yaml_fast
from tests.paths import FIXTURES, SAMPLE_KB

SCALARS = [
    "true", "false", "True", "yes", "no", "on", "off", "y", "n", "~", "null", "",
    "0o17", "0x1F", "017", "-5", "+5", "1.5", "1e3", ".inf", "-.inf", "1_000", "12:30",
    "'quoted'", '"2025"', "K-Beauty", "한라홀", "ハルラ", "济州",
    "1_000.5", "0b101", "0o1_7", "0x_1F", "+.inf", ".NaN", "-0", "00", "1__0", "_1", "1_",
    "0B1", ".5", "5.", "1.2.3", "0x", "TRUE", "Yes", "NULL", "-.5e-3", "_", ".", "KT-01",
    "0.1.0", "1e", "e3", "-0x1F", "1:30",
]


@pytest.mark.parametrize("scalar", SCALARS)
def test_readers_agree_on_scalars(tmp_path: Path, scalar: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(f"value: {scalar}\nlist: [{scalar or '~'}]\n", encoding="utf-8")
    careful, problems = read_yaml(path, "x.yaml")
    fast = read_yaml_fast(path, "x.yaml")
    assert problems == []
    assert careful is not None and fast is not None
    assert repr(careful.data) == repr(fast.data)  # repr: nan == nan


def test_careful_reader_records_lines(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a:\n  - b: 1\n    c:\n      - 2\n  - d: 3\n", encoding="utf-8")
    src, _ = read_yaml(path, "x.yaml")
    assert src is not None
    assert src.lines[("a", 0, "c", 0)] == 4
    assert src.line_of(("a", 1, "d", "missing")) == 5


@pytest.mark.parametrize("folder", [FIXTURES / "kb" / "valid", SAMPLE_KB])
def test_both_paths_load_the_same_knowledge_base(folder: Path) -> None:
    fast, fast_problems = _check(folder, fast=True)
    careful, careful_problems = _check(folder, fast=False)
    assert fast_problems == careful_problems == []
    assert fast is not None and fast == careful


def test_duplicate_key_falls_back_to_the_careful_reader(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")
    assert read_yaml_fast(path, "x.yaml") is None
