"""Paths the tests share."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_KB = ROOT / "knowledge"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
