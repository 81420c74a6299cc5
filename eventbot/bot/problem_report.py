"""What an organiser is told about a refused knowledge base: a chat summary, a file if long.

A few problems are listed in the chat as ``eventbot check`` prints them. A broken KB with
thousands of problems would take thousands of messages, so past a few messages the chat gets
the counts and the first problems, and the full list comes as ``problems.txt``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from eventbot.bot.i18n import t, tn
from eventbot.bot.render.split import (
    CAPTION_LIMIT,
    TELEGRAM_LIMIT,
    split_html,
    truncate_utf16,
    utf16_len,
)
from eventbot.bot.stats import render_problems

PROBLEMS_FILE = "problems.txt"
# The whole list stays in the chat while it takes at most this many messages (about 150
# typical lines); beyond that it is a file, as nobody scrolls through more.
MAX_INLINE_MESSAGES = 3
# The summary shows this many problems, each cut to PROBLEM_UNITS UTF-16 units.
SUMMARY_PROBLEMS = 20
PROBLEM_UNITS = 400
# Files named in the per-file counts; the rest are summed up as "other files".
COUNTED_FILES = 5


@dataclass(frozen=True, slots=True)
class ProblemReport:
    """The messages (Telegram HTML) and, for a long list, the file with every problem."""

    messages: tuple[str, ...]
    document: bytes | None = None
    caption: str | None = None


def problem_report(lines: Sequence[str], lang: str, path: str, *,
                   prefix: str = "") -> ProblemReport:
    """Return the report of ``lines`` (``file:line: path: message``), each message fitting."""
    markup = prefix + render_problems(lines, lang, path)
    # Longer than this cannot fit the messages allowed: skip splitting megabytes for nothing.
    if utf16_len(markup) <= MAX_INLINE_MESSAGES * TELEGRAM_LIMIT:
        full = split_html(markup)
        if len(full) <= MAX_INLINE_MESSAGES:
            return ProblemReport(tuple(full))
    shown = lines[:SUMMARY_PROBLEMS]
    summary = [
        prefix + tn(lang, "org.reload.failed", len(lines), path=escape(path)),
        escape(t(lang, "org.reload.per_file", counts=per_file_counts(lines, path))),
        *(f"<code>{escape(truncate_utf16(line, PROBLEM_UNITS))}</code>" for line in shown),
        escape(t(lang, "org.reload.more", count=len(lines) - len(shown), file=PROBLEMS_FILE)),
    ]
    caption = truncate_utf16(tn(lang, "org.reload.file_caption", len(lines), path=path),
                             CAPTION_LIMIT)
    document = ("\n".join(lines) + "\n").encode("utf-8")
    return ProblemReport(tuple(split_html("\n".join(summary))), document, caption)


def per_file_counts(lines: Sequence[str], path: str = "") -> str:
    """Count problems per file (relative to ``path``), most first: ``faq.yaml 3,600 · …``."""
    counts = Counter(line.split(":", 1)[0].removeprefix(path.rstrip("/") + "/")
                     for line in lines)
    parts = [f"{name} {count:,}" for name, count in counts.most_common(COUNTED_FILES)]
    rest = sum(counts.values()) - sum(count for _, count in counts.most_common(COUNTED_FILES))
    if rest:
        parts.append(f"… {rest:,}")
    return " · ".join(parts)
