"""`eventbot run` in a subprocess: SIGHUP reloads an edited knowledge base, or keeps the old one."""

from __future__ import annotations

import shutil
import signal
from pathlib import Path

from eventbot.bot.emulator import BotAPIEmulator
from tests.paths import SAMPLE_KB
from tests.test_organiser_e2e import add_nap_faq, check_lines, edit
from tests.test_run import start_bot, stop

ORGANISER = 900
NOT_FOUND = "Sorry, I couldn't find that"
NAP_ANSWER = "Nap pods are in the lounge on the second floor."


def write_config(tmp_path: Path, emu: BotAPIEmulator, folder: Path) -> Path:
    config = tmp_path / "config.yaml"
    config.write_text(
        f"knowledge_path: {folder}\ndatabase_path: bot.sqlite3\norganisers: [{ORGANISER}]\n"
        f"telegram:\n  api_base_url: {emu.base_url}\n",
        encoding="utf-8",
    )
    return config


async def test_sighup_reloads_a_valid_edit_and_keeps_the_old_kb_on_a_broken_one(
        tmp_path: Path) -> None:
    folder = tmp_path / "live-kb"
    shutil.copytree(SAMPLE_KB, folder)
    async with BotAPIEmulator() as emu:
        process = await start_bot(write_config(tmp_path, emu, folder), emu)
        try:
            await emu.wait_for_call("setMyCommands", count=5, timeout=60)
            user = emu.user(42, language_code="en")
            organiser = emu.user(ORGANISER, language_code="en")
            organiser.send_command("/start")
            await organiser.replies(timeout=30)
            user.send_text("are there nap pods?")  # answered: post_init is done, SIGHUP is set
            (reply,) = await user.replies(timeout=30)
            assert reply.text.startswith(NOT_FOUND)

            edit(folder / "programme.yaml", "venue: icc-jeju", "venue: icc-jejuu")
            add_nap_faq(folder)
            expected = check_lines(folder)
            mark = emu.mark()
            process.send_signal(signal.SIGHUP)
            (refused,) = await emu.wait_for_bot_messages(ORGANISER, since=mark, timeout=30)
            header, problems_header, *lines = refused.text.splitlines()
            assert header == "Reload requested on the server (SIGHUP):"
            assert problems_header.startswith(
                f"❌ The knowledge base in {folder} has {len(expected)} problems")
            assert lines == expected
            user.send_text("are there nap pods?")
            (still_old,) = await user.replies(timeout=30)
            assert still_old.text.startswith(NOT_FOUND)

            edit(folder / "programme.yaml", "venue: icc-jejuu", "venue: icc-jeju")
            mark = emu.mark()
            process.send_signal(signal.SIGHUP)
            (done,) = await emu.wait_for_bot_messages(ORGANISER, since=mark, timeout=30)
            assert done.text.splitlines()[1] == "✅ Knowledge base reloaded."
            assert "(+1 added, −0 removed, 0 changed)" in done.text
            user.send_text("are there nap pods?")
            (new,) = await user.replies(timeout=30)
            assert NAP_ANSWER in new.text
        finally:
            log = await stop(process)
        assert "SIGHUP received: reloading the knowledge base" in log
        assert ("knowledge base reload refused, the old one keeps serving; "
                f"{len(expected)} problems") in log
        assert expected[0] in log
        assert "knowledge base reloaded: OK:" in log
