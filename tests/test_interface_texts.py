"""No interface text is left outside the catalogs: a scan of the code for English sentences."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "eventbot"

# Modules whose texts never reach a Telegram user, with the reason. Everything else is scanned,
# so a new module that sends a hard-coded sentence fails this test.
NOT_INTERFACE = {
    "bot/i18n/": "the catalogs themselves",
    "bot/emulator/": "the fake Bot API server",
    "bot/kb/": "knowledge-base problems, in English like the YAML keys they name",
    "bot/storage/": "SQL and database errors for the operator",
    "bot/matching/": "words the matcher recognises, not texts it sends",
    "bot/smalltalk.py": "words the matcher recognises",
    "bot/days.py": "day words the parser recognises",
    "bot/config.py": "config field descriptions for the operator",
    "bot/cli.py": "the operator's command line",
    "bot/data_cli.py": "the operator's command line",
    "bot/tips_cli.py": "the operator's command line",
    "bot/runner.py": "start-up errors on the operator's console",
    "bot/services.py": "start-up errors on the operator's console",
    "bot/demo.py": "the demo console's own captions",
    "bot/evaluation.py": "the eval report for the operator",
}
# Three words in a row: a sentence or a phrase, not an identifier, a key or a format.
PROSE = re.compile(r"[A-Za-z]{2,}[,']? [A-Za-z]{2,} [A-Za-z]{2,}")
# Arguments that never reach a user: log lines, task names, refusal log labels.
QUIET_CALLS = {"debug", "info", "warning", "error", "exception", "critical", "log_refusal"}
QUIET_KEYWORDS = {"name"}
# A Telegram error text the code matches against, on the same line as this marker.
MARKER = "# not shown to users"


def _quiet_nodes(tree: ast.AST) -> set[int]:
    quiet: set[int] = set()

    def silence(node: ast.AST) -> None:
        quiet.update(id(sub) for sub in ast.walk(node))

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
                and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)):
            silence(body[0])
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in QUIET_CALLS:
                silence(node)
            for keyword in node.keywords:
                if keyword.arg in QUIET_KEYWORDS:
                    silence(keyword)
        if isinstance(node, ast.Raise | ast.Assert):
            silence(node)
    return quiet


def _sentences(source: str, label: str) -> list[str]:
    lines = source.splitlines()
    tree = ast.parse(source)
    quiet = _quiet_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if id(node) in quiet or not isinstance(node, ast.Constant):
            continue
        if not isinstance(node.value, str):
            continue
        if PROSE.search(node.value) and MARKER not in lines[node.lineno - 1]:
            found.append(f"{label}:{node.lineno}: {node.value[:60]!r}")
    return found


def _scanned() -> list[Path]:
    return [path for path in sorted(PACKAGE.rglob("*.py"))
            if not path.relative_to(PACKAGE).as_posix().startswith(tuple(NOT_INTERFACE))]


def test_no_interface_text_outside_the_catalogs() -> None:
    found = [line for path in _scanned()
             for line in _sentences(path.read_text(encoding="utf-8"),
                                    path.relative_to(PACKAGE).as_posix())]
    assert not found, "put these texts in eventbot/bot/i18n/en.py and use t():\n" + "\n".join(found)


@pytest.mark.parametrize("snippet", [
    'await update.message.reply_text("Sorry, that did not work.")',
    'text = f"Sent to the submitter of {ref}."',
    'CAPTION = "Your saved sessions as a file"',
])
def test_the_scan_finds_a_hard_coded_sentence(snippet: str) -> None:
    assert _sentences(f"async def probe(update, ref):\n    {snippet}\n", "probe.py")


def test_the_scan_ignores_logs_docstrings_errors_and_marked_lines() -> None:
    source = (
        'def probe(logger, ref):\n'
        '    """Send the tip to the newsroom."""\n'
        '    logger.info("Sent the tip %s to the newsroom", ref)\n'
        '    if "chat not found here" in ref:  # not shown to users\n'
        '        raise ValueError("this is not shown to anybody")\n')
    assert _sentences(source, "probe.py") == []


def test_the_exempt_modules_exist() -> None:
    for prefix in NOT_INTERFACE:
        assert (PACKAGE / prefix).exists(), f"{prefix} is gone: drop it from NOT_INTERFACE"
