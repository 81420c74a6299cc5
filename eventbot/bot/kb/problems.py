"""Problems found in a knowledge base, each with its file, line and field path."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

PathPart = str | int
FieldPath = tuple[PathPart, ...]


def format_path(path: FieldPath) -> str:
    """Render a field path the way organisers read it: ``sessions[3].venue``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "(file)"


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the knowledge base."""

    file: str
    line: int
    path: str
    message: str

    def format(self, base: str = "") -> str:
        """Return the ``file:line: field.path: what is wrong`` line."""
        file = f"{base.rstrip('/')}/{self.file}" if base else self.file
        return f"{file}:{self.line}: {self.path}: {self.message}"


class KnowledgeBaseError(Exception):
    """Raised when a knowledge base cannot be loaded; carries every problem at once."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        super().__init__(f"{count} problem{'' if count == 1 else 's'} in the knowledge base")

    def format(self, base: str = "") -> str:
        """Return every problem, one per line."""
        return "\n".join(p.format(base) for p in self.problems)
