"""Where the commands find the sample knowledge base, the demo tour and the KB template."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent.parent  # eventbot/


def _shipped(packaged: str, in_repository: str) -> Path:
    """Return a folder shipped with eventbot: inside the installed wheel, else in the checkout."""
    # A wheel maps the repository's top-level folder into the package (pyproject's package-dir);
    # an editable install or a checkout reads it where it lies, beside the package.
    inside = _PACKAGE / packaged
    return inside if inside.is_dir() else _PACKAGE.parent / in_repository


SAMPLE_KB = _shipped("knowledge", "knowledge")
TOUR_SCRIPT = _shipped("tour", "demo") / "sample.txt"  # what `eventbot demo --script` plays
TEMPLATE_KB = Path(__file__).resolve().parent / "template"  # what `eventbot init` copies


def default_kb() -> Path:
    """Return ``knowledge/`` in the current directory, else the sample KB shipped with eventbot."""
    here = Path("knowledge")
    return here if here.is_dir() else SAMPLE_KB


def missing_kb_message(path: Path, how: str = "pass --kb DIR") -> str:
    """Say where a command looked for a knowledge base and how to point it at one."""
    return (f"no knowledge base at {path.resolve()}: {how} "
            f"(a folder of YAML files, such as the sample in {SAMPLE_KB})")
