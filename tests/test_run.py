"""`eventbot run` in a subprocess: answers over polling and webhook, stops cleanly on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from eventbot.bot.emulator import BotAPIEmulator
from tests.emulator_helpers import free_port
from tests.paths import ROOT, SAMPLE_KB


def write_config(tmp_path: Path, emu: BotAPIEmulator) -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(
        f"knowledge_path: {SAMPLE_KB}\ndatabase_path: bot.sqlite3\n"
        f"telegram:\n  api_base_url: {emu.base_url}\n",
        encoding="utf-8",
    )
    return config


async def start_bot(config: Path, emu: BotAPIEmulator, *args: str,
                    **extra_env: str) -> asyncio.subprocess.Process:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": emu.token, **extra_env}
    env.pop("TELEGRAM_API_BASE_URL", None)
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "eventbot", "run", "--config", str(config), *args,
        cwd=ROOT, env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )


async def stop(process: asyncio.subprocess.Process) -> str:
    process.send_signal(signal.SIGTERM)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=30)
    log = stderr.decode()
    assert process.returncode == 0, log
    assert "Traceback" not in log
    assert "database closed" in log
    return log


async def test_run_polling_answers_and_stops_on_sigterm(tmp_path: Path) -> None:
    async with BotAPIEmulator() as emu:
        process = await start_bot(write_config(tmp_path, emu), emu)
        try:
            await emu.wait_for_call("setMyCommands", count=5, timeout=60)
            user = emu.user(42, language_code="ko")
            user.send_text("한라홀 어디예요?")
            replies = await user.replies(timeout=30)
            assert replies[0].text.startswith("한라홀")
        finally:
            log = await stop(process)
        assert emu.token not in log  # the token never reaches the logs
        assert (tmp_path / "bot.sqlite3").exists()


async def test_run_webhook_receives_updates(tmp_path: Path) -> None:
    port = free_port()
    secret_file = tmp_path / "webhook-secret"  # a file, as Docker and systemd hand secrets
    secret_file.write_text("s3cret\n", encoding="utf-8")
    async with BotAPIEmulator() as emu:
        url = f"http://127.0.0.1:{port}/hook"
        process = await start_bot(write_config(tmp_path, emu), emu, "--webhook",
                                  "--listen", f"127.0.0.1:{port}", "--url", url,
                                  TELEGRAM_WEBHOOK_SECRET_FILE=str(secret_file))
        try:
            await emu.wait_for_call("setWebhook", timeout=60)
            assert emu.calls_of("setWebhook")[-1].params["secret_token"] == "s3cret"
            user = emu.user(43, language_code="en")
            user.send_command("/help")
            (reply,) = await user.replies(timeout=30)
            assert "/schedule" in reply.text
        finally:
            await stop(process)


@pytest.mark.parametrize(
    ("config_text", "expected"),
    [
        ("reminder_minutes: -1\n", "reminder_minutes: Input should be greater than or equal to 0"),
        ("knowledge_path: tests/fixtures/kb/unknown-venue\n",
         "unknown venue 'icc-jejuu' (did you mean 'icc-jeju'?)"),
    ],
)
async def test_run_refuses_bad_config_or_kb_clearly(tmp_path, config_text, expected) -> None:
    config = tmp_path / "config.yaml"
    config.write_text(config_text.replace("tests/", f"{ROOT}/tests/"), encoding="utf-8")
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "1:x"}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "eventbot", "run", "--config", str(config), cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == 2
    assert expected in stderr.decode()
    assert "Traceback" not in stderr.decode()


async def start_failure(tmp_path: Path, token: str, base_url: str,
                        database: str = "bot.sqlite3") -> tuple[int | None, str]:
    config = tmp_path / "config.yaml"
    config.write_text(f"knowledge_path: {SAMPLE_KB}\ndatabase_path: {database}\n"
                      f"telegram:\n  api_base_url: {base_url}\n", encoding="utf-8")
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": token}
    env.pop("TELEGRAM_API_BASE_URL", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "eventbot", "run", "--config", str(config), cwd=ROOT, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    _, stderr = await asyncio.wait_for(process.communicate(), timeout=60)
    return process.returncode, stderr.decode()


async def test_start_up_failures_are_one_clear_line_each(tmp_path: Path) -> None:
    nobody = f"http://127.0.0.1:{free_port()}/bot"
    code, log = await start_failure(tmp_path, "123:secret-token", nobody)
    assert code == 1 and "Traceback" not in log, log
    last = log.strip().splitlines()[-1]
    assert last.startswith(f"eventbot: cannot reach the Bot API at {nobody}")
    async with BotAPIEmulator() as emu:
        code, log = await start_failure(tmp_path, "999:wrong-token", emu.base_url)
        assert code == 1 and "Traceback" not in log, log
        assert "refused the bot token: check TELEGRAM_BOT_TOKEN" in log
        assert "wrong-token" not in log  # the token never reaches the output
        (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
        code, log = await start_failure(tmp_path, emu.token, emu.base_url,
                                        database=str(tmp_path / "a-file" / "bot.sqlite3"))
        assert code == 1 and "Traceback" not in log, log
        assert "cannot use the database" in log and "check that its folder is writable" in log
