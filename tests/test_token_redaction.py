"""The bot token never reaches a log line or an error message, even at DEBUG."""

from __future__ import annotations

import asyncio
import logging
import os
import sys
from pathlib import Path

import pytest

from eventbot.bot.config import ConfigError, load_config, redact
from eventbot.bot.emulator import BotAPIEmulator
from eventbot.bot.runner import TokenRedactor
from tests.paths import ROOT, SAMPLE_KB
from tests.test_run import start_bot, stop

# Shaped like a BotFather token, so the shape rule is exercised as well as the exact match.
TOKEN = "7012345678:AAHk3xQ9-bZ_f0a1b2c3d4e5f6g7h8i9j0k"
SECRET_PART = TOKEN.split(":")[1]


def write_config(tmp_path: Path, base_url: str, level: str = "DEBUG") -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(f"knowledge_path: {SAMPLE_KB}\ndatabase_path: bot.sqlite3\n"
                      f"log_level: {level}\ntelegram:\n  api_base_url: {base_url}\n",
                      encoding="utf-8")
    return config


async def test_debug_run_never_logs_the_token(tmp_path: Path) -> None:
    async with BotAPIEmulator(token=TOKEN) as emu:
        process = await start_bot(write_config(tmp_path, emu.base_url), emu)
        try:
            await emu.wait_for_call("setMyCommands", count=5, timeout=60)
            user = emu.user(42, language_code="en")
            user.send_command("/help")
            await user.replies(timeout=30)
        finally:
            log = await stop(process)
    assert "DEBUG" in log  # really at DEBUG
    assert "<token>" in log  # PTB did try to log its URL
    assert SECRET_PART not in log


async def test_rejected_token_at_start_up_is_never_printed(tmp_path: Path) -> None:
    async with BotAPIEmulator() as emu:  # knows another token: answers 401
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN}
        env.pop("TELEGRAM_API_BASE_URL", None)
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "eventbot", "run", "--config",
            str(write_config(tmp_path, emu.base_url)), cwd=ROOT, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        stdout, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    output = stdout.decode() + stderr.decode()
    assert process.returncode == 1, output
    assert "refused the bot token" in output
    assert SECRET_PART not in output


def test_yaml_error_on_a_line_holding_a_token_does_not_echo_it(tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(f"log_level: INFO\ntelegram:\n  token: {TOKEN}: oops\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(config, env={"TELEGRAM_BOT_TOKEN": TOKEN})
    message = str(caught.value)
    assert f"{config}:3:" in message  # still says where
    assert SECRET_PART not in message


def test_redact_replaces_the_exact_token_and_anything_shaped_like_one() -> None:
    other = "1234567:" + "x" * 35
    text = redact(f"url /bot{TOKEN}/getMe and {other} and test-token", "test-token")
    assert text == "url /bot<token>/getMe and <token> and <token>"
    assert redact("line 1:x", "1:x") == "line 1:x"  # too short to replace blindly


def test_filter_redacts_arguments_and_tracebacks() -> None:
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Keep()
    handler.addFilter(TokenRedactor(TOKEN))
    logger = logging.getLogger("tests.redaction")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        logger.warning("calling %s", f"https://api.telegram.org/bot{TOKEN}/getMe")
        try:
            raise RuntimeError(f"refused {TOKEN}")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
    assert len(records) == 2
    assert all(SECRET_PART not in record for record in records)
    assert "bot<token>/getMe" in records[0]
    assert "refused <token>" in records[1]
