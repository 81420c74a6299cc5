"""Find the YAML files of a knowledge-base folder, and report whatever cannot be walked.

Nothing is skipped in silence: a folder that cannot be read, a link that loops or leads
nowhere, a folder named ``x.yaml`` or a FIFO named ``x.yaml`` are problems, since ``check``
saying OK about a KB that is not all there is worse than refusing it. Linked folders are
followed (a KB may link shared content); one reached twice is read once.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from eventbot.bot.kb.problems import Problem

YAML_SUFFIXES = (".yaml", ".yml")
# Emacs marks a file being edited with a dangling link named ".#file.yaml".
_EDITOR_LOCK = ".#"


def find_yaml_files(root: Path) -> tuple[list[Path], list[Problem]]:
    """Return the YAML files under the folder ``root``, sorted, and what could not be walked."""
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[tuple[int, int]] = set()
    # Each folder to walk, with the real folders above it: a link to one of them is a loop.
    pending: list[tuple[Path, frozenset[tuple[int, int]]]] = [(root, frozenset())]
    while pending:
        folder, above = pending.pop()
        name = folder.relative_to(root).as_posix() if folder != root else str(root)
        try:
            info = folder.stat()
            with os.scandir(folder) as scan:
                entries = sorted(entry.name for entry in scan)
        except OSError as exc:
            problems.append(_problem(name, f"cannot read this folder ({exc.strerror})"))
            continue
        identity = (info.st_dev, info.st_ino)
        if identity in above:
            problems.append(_problem(name, "a link loop: this folder links back to a folder "
                                           "that contains it"))
            continue
        if identity in seen:
            continue
        seen.add(identity)
        inside = above | {identity}
        subfolders: list[Path] = []
        for entry in entries:
            path = folder / entry
            kind, problem = _classify(path, root)
            if problem is not None:
                problems.append(problem)
            if kind == "folder":
                subfolders.append(path)
            elif kind == "file":
                files.append(path)
        # Reversed onto the stack, so folders are walked in sorted order.
        pending.extend((sub, inside) for sub in reversed(subfolders))
    return sorted(files), problems


def _classify(path: Path, root: Path) -> tuple[str | None, Problem | None]:
    """Say whether ``path`` is a "file" to read or a "folder" to walk, and what is wrong."""
    name = path.relative_to(root).as_posix()
    is_yaml = path.name.endswith(YAML_SUFFIXES)
    if path.name.startswith(_EDITOR_LOCK):
        return None, None
    try:
        mode = path.stat().st_mode  # follows links
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return None, _problem(name, "a link loop: this link leads back to itself")
        if is_yaml:
            return None, _problem(name, f"cannot read the file ({exc.strerror})")
        return None, None  # a dangling link that is not a YAML file: nothing of the KB
    if stat.S_ISDIR(mode):
        # A folder named like a YAML file is walked all the same, so its files are checked.
        wrong = _problem(name, "a folder named like a YAML file: rename it") if is_yaml else None
        return "folder", wrong
    if not is_yaml:
        return None, None
    if not stat.S_ISREG(mode):
        return None, _problem(name, "not a regular file (a FIFO, socket or device?)")
    return "file", None


def _problem(name: str, message: str) -> Problem:
    return Problem(name, 1, "(file)", message)
