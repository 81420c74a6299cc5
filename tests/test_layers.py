"""The pure core never imports telegram; handlers are the only Telegram I/O."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import eventbot.bot
from tests.paths import ROOT

# Everything under eventbot/bot/ is core except the modules that exist to talk to Telegram.
TELEGRAM_SIDE = {
    "eventbot.bot.app", "eventbot.bot.emulator", "eventbot.bot.demo", "eventbot.bot.runner",
    "eventbot.bot.sender", "eventbot.bot.relay.worker",
    "eventbot.bot.inbox.receiving", "eventbot.bot.inbox.polling", "eventbot.bot.rate_limit",
}


def core_modules() -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(eventbot.bot.__path__, "eventbot.bot.")]
    return sorted(
        n for n in names
        if not any(n == side or n.startswith(side + ".") for side in TELEGRAM_SIDE)
    )


def test_core_modules_are_found() -> None:
    expected = {"eventbot.bot.kb.loader", "eventbot.bot.config", "eventbot.bot.cli"}
    assert expected <= set(core_modules())


def test_core_never_imports_telegram() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'telegram' or m.startswith('telegram.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
