"""A Babel extractor for the English source texts: ``pybabel extract -F babel.cfg``.

Every entry of ``MESSAGES`` in ``en.py`` becomes a catalog message whose context is its key
(``msgctxt "label.booth"``) and whose id is the English text; a tuple (one, other) becomes a
message with a plural. The comment above an entry reaches translators as an extracted comment.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

Extracted = tuple[int, str, str | tuple[str | None, ...], list[str]]


def extract_messages(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Yield (line, function, messages, comments) for each text of a MESSAGES dict."""
    source = fileobj.read().decode("utf-8")
    lines = source.splitlines()
    for node in ast.walk(ast.parse(source)):
        target: ast.expr
        value: ast.expr | None
        if isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        elif isinstance(node, ast.Assign):
            target, value = node.targets[0], node.value
        else:
            continue
        if not (isinstance(target, ast.Name) and target.id == "MESSAGES"
                and isinstance(value, ast.Dict)):
            continue
        for key_node, text_node in zip(value.keys, value.values, strict=True):
            if not (isinstance(key_node, ast.Constant) and isinstance(key_node.value, str)):
                continue
            key: str = key_node.value
            text = ast.literal_eval(text_node)
            comments = _comments_above(lines, key_node.lineno)
            if isinstance(text, tuple):
                one, other = str(text[0]), str(text[1])
                yield key_node.lineno, "npgettext", (key, one, other, None), comments
            else:
                yield key_node.lineno, "pgettext", (key, str(text)), comments


def _comments_above(lines: list[str], lineno: int) -> list[str]:
    comments: list[str] = []
    index = lineno - 2
    while index >= 0 and lines[index].strip().startswith("#"):
        comments.insert(0, lines[index].strip().lstrip("#").strip())
        index -= 1
    return comments
