"""Read YAML files into plain data, fast, or slowly while remembering every field's line.

Two readers agree on YAML 1.2 core-schema scalars (``no`` and ``yes`` are text: a language
list may well contain ``no`` for Norwegian):

- ``read_yaml_fast`` uses yaml-rs (Rust, ~14x faster than PyYAML on a 3 MB KB) and keeps
  no positions; the loader uses it first, since a valid KB needs no line numbers.
- ``read_yaml`` composes nodes with PyYAML (libyaml when available) and builds the values
  itself, so each field path maps to a line and duplicate keys are reported instead of
  silently overwritten. The loader falls back to it as soon as anything is wrong.
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


def _build(
    node: yaml.Node, path: FieldPath, src: SourceFile, problems: list[Problem]
) -> Any:
    """Convert a node to Python data, recording lines and duplicate keys."""
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node)
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


def read_yaml(path: Path, name: str) -> tuple[SourceFile | None, list[Problem]]:
    """Parse one YAML file; return its data or the syntax problem with its line."""
    problems: list[Problem] = []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, 1, "(file)", f"not UTF-8 text ({exc.reason})")]
    except OSError as exc:
        return None, [Problem(name, 1, "(file)", f"cannot read the file ({exc.strerror})")]
    src = SourceFile(name=name, data=None)
    try:
        loader = _CoreSchemaLoader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark is not None:
            what = f"{what} ({exc.context} on line {exc.context_mark.line + 1})"
        return None, [Problem(name, line, "(file)", f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:
        return None, [Problem(name, 1, "(file)", f"YAML error: {exc}")]
    if root is not None:
        src.data = _build(root, (), src, problems)
    return src, problems


def read_yaml_fast(path: Path, name: str) -> SourceFile | None:
    """Parse one YAML file without positions; None when it needs the careful reader."""
    if _fast_yaml is None:
        return None
    try:
        data = _fast_yaml.loads(path.read_text(encoding="utf-8"))
    except Exception:  # any doubt at all: the careful reader will explain it
        return None
    return SourceFile(name=name, data=data)
