"""Split Telegram-HTML text into messages under Telegram's length limit."""

from __future__ import annotations

import re

TELEGRAM_LIMIT = 4096
_UNSAFE_TAIL = re.compile(r"(<[^>]*|&[#a-zA-Z0-9]*)$")  # a cut inside a tag or an entity


def split_html(markup: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split at line breaks where possible; never inside a tag or an HTML entity.

    Cards put each tag pair on one line, so cutting between lines keeps tags balanced; a
    single line longer than the limit (pasted text) is cut between characters.
    """
    chunks: list[str] = []
    current = ""
    for line in markup.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            chunks.append(current)
        while len(line) > limit:
            cut = limit
            tail = _UNSAFE_TAIL.search(line[:cut])
            if tail and tail.start() > 0:
                cut = tail.start()
            chunks.append(line[:cut])
            line = line[cut:]
        current = line
    if current or not chunks:
        chunks.append(current)
    return chunks
