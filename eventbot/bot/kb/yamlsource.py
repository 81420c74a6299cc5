"""Read YAML files into plain data, fast, or slowly while remembering every field's line.

Two readers agree on YAML 1.2 core-schema scalars (``no`` and ``yes`` are text: a language
list may well contain ``no`` for Norwegian):

- ``read_yaml_fast`` uses yaml-rs (Rust, ~14x faster than PyYAML on a 3 MB KB) and keeps
  no positions; the loader uses it first, since a valid KB needs no line numbers.
- ``read_yaml`` composes nodes with PyYAML (libyaml when available) and builds the values
  itself, so each field path maps to a line and duplicate keys are reported instead of
  silently overwritten. The loader falls back to it as soon as anything is wrong.

A hostile file must not take either down: a "billion laughs" of nested aliases, an alias
inside itself (``&l [*l]``), or thousands of nested ``- - -``. A file that may hold an
alias is measured event by event, without expanding anything, before either reader builds
it; such files, and any with very deep indentation, never reach yaml-rs, which replays
aliases by copying and overflows its stack on deep nesting. Both are reported as ordinary
problems: ``file:line: alias *x expands too far`` or ``nested too deep``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import yaml

from eventbot.bot.kb.problems import FieldPath, Problem, format_path

_fast_yaml: ModuleType | None
try:
    import yaml_rs as _fast_yaml
except ImportError:  # pragma: no cover - the careful reader still works alone
    _fast_yaml = None

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"

# Deeper than any field of the schema (venues[0].rooms[0].aliases.en[0] is 8 levels).
MAX_DEPTH = 32
# What aliases may add to a file, in characters of scalars (plus one per value): as much as
# the file itself, plus this. Reusing a block a few hundred times fits; a bomb does not.
ALIAS_ALLOWANCE = 100_000
# An alias or anchor starts a token, so it never follows a letter or digit: "Q&A", "R&D"
# and "5*3" don't match. A false match only costs the careful reader; a miss would be a bomb.
# The class comes first so the regex engine can skip ahead to it: 4x faster than a
# look-behind first (35 ms on a 6.4 MB file, where yaml-rs takes 310 ms).
_MAYBE_ALIAS = re.compile(r"[&*](?<!\w[&*])[^\s\[\]{},]")
# A block collection can only open within a line's leading run of spaces and "- ", "? ",
# ": " indicators, so a short run bounds block depth far below what yaml-rs survives
# (it crashed at 20,000 nested "- "; it refuses flow nesting beyond about 256 itself).
_DEEP_BLOCK = re.compile(r"^[ \t?:-]{100}", re.MULTILINE)

# libyaml's composer is ~10x faster than the pure-Python one.
_Base: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _CoreSchemaLoader(_Base):  # type: ignore[misc]
    """Resolve plain scalars by the YAML 1.2 core schema, like yaml-rs does."""


_CoreSchemaLoader.yaml_implicit_resolvers = {}
_NUMBER_START = "-+0123456789._"
for _tag, _pattern, _first in (
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    # Like yaml-rs: underscores anywhere in the digits, 0b/0o/0x in either case.
    (_INT, r"^[-+]?(?:0[bB][01_]*[01][01_]*|0[oO][0-7_]*[0-7][0-7_]*"
           r"|0[xX][0-9a-fA-F_]*[0-9a-fA-F][0-9a-fA-F_]*|[0-9_]*[0-9][0-9_]*)$", _NUMBER_START),
    (_FLOAT, r"^[-+]?(?:(?=[0-9_]*\.?[0-9_]*[0-9])(?:[0-9_]*\.[0-9_]*(?:[eE][-+]?[0-9]+)?"
             r"|[0-9_]+[eE][-+]?[0-9]+)|\.(?:inf|Inf|INF))$|^\.(?:nan|NaN|NAN)$", _NUMBER_START),
):
    _CoreSchemaLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


@dataclass
class SourceFile:
    """One YAML file's data, with the line (1-based) of each field path."""

    name: str
    data: Any
    lines: dict[FieldPath, int] = field(default_factory=dict)

    def line_of(self, path: FieldPath) -> int:
        """Return the line of the deepest known prefix of ``path``."""
        for end in range(len(path), 0, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return 1


def _scalar(node: yaml.ScalarNode) -> Any:
    tag = node.tag
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return node.value.lower() == "true"
    if tag == _INT:
        digits = node.value.replace("_", "")
        sign, body = ("-", digits[1:]) if digits[:1] == "-" else ("", digits.lstrip("+"))
        if body[:2].lower() in ("0b", "0o", "0x"):
            return int(sign + body, 0)
        return int(sign + body)
    if tag == _FLOAT:
        return float(node.value.replace("_", "").replace("inf", "Inf").lower()
                     .replace(".inf", "inf").replace(".nan", "nan"))
    # Strings, and timestamps kept as text: pydantic parses them with a precise message.
    return node.value


class _TooDeep(Exception):
    """Raised inside ``_build`` to stop at the first node nested deeper than MAX_DEPTH."""

    def __init__(self, line: int, path: FieldPath) -> None:
        super().__init__(line, path)
        self.line, self.path = line, path


def _build(
    node: yaml.Node, path: FieldPath, src: SourceFile, problems: list[Problem]
) -> Any:
    """Convert a node to Python data, recording lines and duplicate keys."""
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
    # The depth guard also stops a cycle the alias check would have missed.
    if len(path) >= MAX_DEPTH:
        raise _TooDeep(node.start_mark.line + 1, path)
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, child in enumerate(node.value):
            child_path = (*path, index)
            src.lines[child_path] = child.start_mark.line + 1
            items.append(_build(child, child_path, src, problems))
        return items
    if isinstance(node, yaml.MappingNode):
        mapping: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _build(key_node, path, src, problems)
            if isinstance(key, list | dict):
                problems.append(
                    Problem(src.name, key_node.start_mark.line + 1, format_path(path),
                            "a key must be plain text, not a list or mapping")
                )
                continue
            key_path = (*path, str(key))
            line = key_node.start_mark.line + 1
            if key in mapping:
                problems.append(
                    Problem(src.name, line, format_path(key_path),
                            f"duplicate key '{key}' (first given on line {src.lines[key_path]})")
                )
                continue
            src.lines[key_path] = line
            mapping[key] = _build(value_node, key_path, src, problems)
        return mapping
    raise TypeError(f"unexpected YAML node {node!r}")  # pragma: no cover


def _too_deep(name: str, line: int) -> Problem:
    return Problem(name, line, "(file)", f"nested too deep (more than {MAX_DEPTH} levels)")


def _expansion_problem(text: str, name: str) -> Problem | None:
    """Measure what the aliases of a file expand to, event by event, expanding nothing.

    Return the first alias that refers to a node containing it, adds more than the
    allowance, or nests deeper than MAX_DEPTH; None when all is well or the YAML is
    broken (the reader then reports the syntax error).
    """
    allowance = len(text) + ALIAS_ALLOWANCE
    added = 0
    measured: dict[str, tuple[int, int]] = {}  # anchor -> (size, height) of its node
    # Open collections: [anchor, size so far, height so far].
    open_nodes: list[list[Any]] = []
    loader = _CoreSchemaLoader(text)
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line + 1
            if isinstance(event, yaml.CollectionStartEvent):
                if len(open_nodes) >= MAX_DEPTH:
                    return _too_deep(name, line)
                open_nodes.append([event.anchor, 1, 1])
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, size, height = open_nodes.pop()
            elif isinstance(event, yaml.ScalarEvent):
                anchor, size, height = event.anchor, 1 + len(event.value), 1
            elif isinstance(event, yaml.AliasEvent):
                alias = event.anchor
                if any(frame[0] == alias for frame in open_nodes):
                    return Problem(name, line, "(file)", f"alias *{alias} expands too far: "
                                   "it refers to the list or mapping that contains it")
                if alias not in measured:
                    continue  # an undefined alias: the reader reports it
                anchor, (size, height) = None, measured[alias]
                added += size
                if added > allowance:
                    return Problem(name, line, "(file)", f"alias *{alias} expands too far "
                                   f"(the file's aliases would add over {allowance:,} characters)")
                if len(open_nodes) + height > MAX_DEPTH:
                    return _too_deep(name, line)
            else:
                continue  # stream and document boundaries
            if anchor is not None:
                measured[anchor] = (size, height)
            if open_nodes:
                parent = open_nodes[-1]
                parent[1] += size
                parent[2] = max(parent[2], height + 1)
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None


def _read_text(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    try:
        return path.read_text(encoding="utf-8"), []
    except UnicodeDecodeError as exc:
        return None, [Problem(name, 1, "(file)", f"not UTF-8 text ({exc.reason})")]
    except OSError as exc:
        return None, [Problem(name, 1, "(file)", f"cannot read the file ({exc.strerror})")]


def read_yaml(path: Path, name: str) -> tuple[SourceFile | None, list[Problem]]:
    """Parse one YAML file; return its data or the syntax problem with its line."""
    text, problems = _read_text(path, name)
    if text is None:
        return None, problems
    return _read_carefully(text, name)


def _read_carefully(text: str, name: str) -> tuple[SourceFile | None, list[Problem]]:
    if _MAYBE_ALIAS.search(text):
        bomb = _expansion_problem(text, name)
        if bomb is not None:
            return None, [bomb]
    problems: list[Problem] = []
    src = SourceFile(name=name, data=None)
    try:
        loader = _CoreSchemaLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        # libyaml gives up beyond 1,000 levels: say it as we do for 33.
        deep = _expansion_problem(text, name)
        if deep is not None:
            return None, [deep]
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark is not None:
            what = f"{what} ({exc.context} on line {exc.context_mark.line + 1})"
        return None, [Problem(name, line, "(file)", f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:
        return None, [Problem(name, 1, "(file)", f"YAML error: {exc}")]
    except RecursionError:  # the pure-Python composer, without libyaml's own depth limit
        return None, [_too_deep(name, 1)]
    if root is not None:
        try:
            src.data = _build(root, (), src, problems)
        except _TooDeep as exc:
            return None, [_too_deep(name, exc.line)]
    return src, problems


def read_yaml_fast(path: Path, name: str) -> SourceFile | None:
    """Parse one YAML file without positions; None when it needs the careful reader."""
    if _fast_yaml is None:
        return None
    text, _ = _read_text(path, name)
    if text is None:
        return None
    if _MAYBE_ALIAS.search(text) or _DEEP_BLOCK.search(text):
        # Not for yaml-rs (see the module's docstring): this one file is read carefully.
        src, problems = _read_carefully(text, name)
        return src if not problems else None
    try:
        data = _fast_yaml.loads(text)
    except Exception:  # any doubt at all: the careful reader will explain it
        return None
    return SourceFile(name=name, data=data)
