"""Split Telegram-HTML text into messages under Telegram's length limits, counted as it counts.

Telegram measures text in UTF-16 code units: an emoji outside the Basic Multilingual Plane
counts twice. Every limit here is in those units, and the markup itself is measured, so a chunk
that fits here fits after Telegram parses it too (tags and entities only ever shrink it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TELEGRAM_LIMIT = 4096  # a message's text
CAPTION_LIMIT = 1024  # a media caption
ELLIPSIS = "…"

# A tag, an entity, a line break, a run of plain text, or a stray "<" / "&" (kept as text).
_TOKEN = re.compile(r"<[^<>]*>|&#?[a-zA-Z0-9]+;|\n|[^<&\n]+|[<&]")
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*>$")


def utf16_len(text: str) -> int:
    """Return the length of ``text`` as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def utf16_prefix(text: str, limit: int) -> int:
    """Return how many code points of ``text`` fit in ``limit`` UTF-16 units (never half a pair)."""
    if len(text) * 2 <= limit or utf16_len(text) <= limit:
        return len(text)
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return index
    return len(text)


def truncate_utf16(text: str, limit: int) -> str:
    """Return ``text`` cut to ``limit`` UTF-16 units, ending with an ellipsis if it was cut."""
    if utf16_len(text) <= limit:
        return text
    return text[:utf16_prefix(text, max(0, limit - utf16_len(ELLIPSIS)))] + ELLIPSIS


@dataclass
class _Chunk:
    """The message being filled: its markup and the tags open at its end."""

    opened: list[tuple[str, str]]  # (name, opening tag) still open, outermost first
    parts: list[str] = field(default_factory=list)
    used: int = 0
    visible: bool = False  # any non-space text yet (Telegram refuses an empty message)
    reopened: int = 0  # how many parts are the tags reopened from the previous chunk
    # The last line break after visible text: (parts before it, tags open there, token index).
    line_break: tuple[int, list[tuple[str, str]], int] | None = None

    @classmethod
    def reopening(cls, opened: list[tuple[str, str]]) -> _Chunk:
        chunk = cls(list(opened), reopened=len(opened))
        for _, tag in opened:
            chunk.add(tag)
        return chunk

    def add(self, token: str) -> None:
        self.parts.append(token)
        self.used += utf16_len(token)

    def room(self, opened: list[tuple[str, str]], limit: int) -> int:
        """Return the units left if the chunk had to close ``opened`` after what it holds."""
        return limit - self.used - sum(len(name) + 3 for name, _ in opened)


def _closing(opened: list[tuple[str, str]]) -> str:
    return "".join(f"</{name}>" for name, _ in reversed(opened))


def _after_tag(opened: list[tuple[str, str]], token: str) -> list[tuple[str, str]]:
    """Return the open tags after ``token`` (unchanged if it is not a tag)."""
    match = _TAG.match(token)
    if match is None:
        return opened
    name = match[2].lower()
    if not match[1]:
        return [*opened, (name, token)]
    for index in range(len(opened) - 1, -1, -1):
        if opened[index][0] == name:
            return opened[:index] + opened[index + 1:]
    return opened


def split_html(markup: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split at line breaks where possible; never inside a tag or an entity, never unbalanced.

    A cut inside an element (a long ``<code>`` line, a ``<pre>`` block over many lines) closes
    the open tags at the end of one message and reopens them at the start of the next. A single
    line longer than the limit is cut at a space if there is one in its second half, else
    between characters.
    """
    if utf16_len(markup) <= limit:
        return [markup]
    tokens = _TOKEN.findall(markup)
    chunks: list[str] = []
    index, opened = 0, list[tuple[str, str]]()
    while index < len(tokens):
        chunk, index = _fill(tokens, index, opened, limit)
        opened = chunk.opened
        if chunk.visible:
            chunks.append("".join(chunk.parts) + _closing(chunk.opened))
    return chunks or [""]


def _fill(tokens: list[str], index: int, opened: list[tuple[str, str]],
          limit: int) -> tuple[_Chunk, int]:
    """Fill one chunk from ``tokens[index:]``; return it and the index of the next token."""
    chunk = _Chunk.reopening(opened)
    while index < len(tokens):
        token = tokens[index]
        after = _after_tag(chunk.opened, token)
        if token == "\n" and chunk.visible:
            chunk.line_break = (len(chunk.parts), list(chunk.opened), index + 1)
        if utf16_len(token) <= chunk.room(after, limit):
            chunk.add(token)
            chunk.visible = chunk.visible or (after is chunk.opened and not token.isspace())
            chunk.opened = after
            index += 1
            continue
        if chunk.line_break is not None:  # rather end at the last line break
            kept, chunk.opened, index = chunk.line_break
            del chunk.parts[kept:]
            return chunk, index
        if not chunk.visible and len(chunk.parts) > chunk.reopened:
            return chunk, index  # only empty tags and spaces so far: drop them, start afresh
        if token[0] not in "<&" and len(token) > 1:  # plain text: take what fits
            room = chunk.room(chunk.opened, limit)
            cut = utf16_prefix(token, room)
            space = token.rfind(" ", 0, cut)
            cut = space + 1 if space > cut // 2 else cut
            if cut == 0 and not chunk.visible:
                cut = 1  # not even one character fits beside the open tags: never stall
            if cut > 0:
                chunk.add(token[:cut])
                chunk.visible = chunk.visible or not token[:cut].isspace()
                tokens[index] = token[cut:]
            return chunk, index
        if not chunk.visible:  # one tag or entity longer than a message: send it alone
            chunk.add(token)
            chunk.opened = after
            chunk.visible = True
            index += 1
        return chunk, index
    return chunk, index
