"""Where the commands look for a knowledge base when none is given."""

from __future__ import annotations

from pathlib import Path

SAMPLE_KB = Path(__file__).resolve().parent.parent.parent / "knowledge"
TEMPLATE_KB = Path(__file__).resolve().parent / "template"  # what `eventbot init` copies


def default_kb() -> Path:
    """Return ``knowledge/`` in the current directory, else the sample KB shipped with eventbot."""
    here = Path("knowledge")
    return here if here.is_dir() else SAMPLE_KB


def missing_kb_message(path: Path, how: str = "pass --kb DIR") -> str:
    """Say where a command looked for a knowledge base and how to point it at one."""
    return (f"no knowledge base at {path.resolve()}: {how} "
            f"(a folder of YAML files, such as the sample in {SAMPLE_KB})")
