"""An event's own welcome and help line, per language, from its knowledge base."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from babel import Locale

from eventbot.bot.concierge import Concierge
from eventbot.bot.i18n import language_list, t
from eventbot.bot.kb import KnowledgeBaseError, load_knowledge
from eventbot.bot.welcome import help_text, welcome_text
from tests.bot_harness import running_bot
from tests.paths import SAMPLE_KB

EVENT_TEXTS = """
  welcome:
    ko: 제주에 오신 것을 환영합니다! <무엇이든> 물어보세요.
    en: Welcome to Jeju! Ask me <anything>.
  help_note:
    ko: 안내데스크 064-000-0000 (1층 로비)
    en: Help desk 064-000-0000 (lobby, 1F)
"""


@pytest.fixture
def kb_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "kb"
    shutil.copytree(SAMPLE_KB, folder)
    event = folder / "event.yaml"
    text = event.read_text("utf-8")
    event.write_text(text.replace("event:\n", "event:" + EVENT_TEXTS, 1), "utf-8")
    return folder


def test_the_events_welcome_and_help_note_replace_and_extend_the_bots(kb_folder: Path) -> None:
    kb = load_knowledge(kb_folder)
    assert welcome_text(kb, "en") == "Welcome to Jeju! Ask me &lt;anything&gt;."  # escaped
    assert welcome_text(kb, "ja") == welcome_text(kb, "en")  # no Japanese: English first
    help_en = help_text(kb, "en")
    assert help_en.startswith(t("en", "help.text"))
    assert help_en.endswith("Help desk 064-000-0000 (lobby, 1F)")
    assert help_text(kb, "ko").endswith("안내데스크 064-000-0000 (1층 로비)")
    # "help" asked as a question gets the same text, note included.
    now = datetime(2025, 9, 2, 10, 0, tzinfo=kb.tz)
    assert Concierge(kb).ask("help", now=now, stored_lang="en").reply.text == help_en


def test_without_them_the_bots_own_texts_show(tmp_path: Path) -> None:
    kb = load_knowledge(SAMPLE_KB)
    assert welcome_text(kb, "en").startswith(
        t("en", "start.welcome", event="x", languages="", example="")[:10])
    assert help_text(kb, "en") == t("en", "help.text")


def test_the_welcome_names_the_events_languages_and_one_of_its_halls(tmp_path: Path) -> None:
    kb = load_knowledge(SAMPLE_KB)
    text = welcome_text(kb, "en")
    # The languages come from event.languages, named by Babel in the reader's language.
    for code in kb.event.languages:
        name = Locale.parse(code.replace("-", "_")).get_display_name("en")
        assert name in text
    first_hall = next(iter(kb.rooms.values())).name.get("en")
    assert first_hall in text
    assert "Korean" in welcome_text(kb, "en")
    # Another event's list: only its languages, in the reader's language.
    assert language_list("en", ["ko", "en"]) in {"Korean and English", "Korean, English"}
    assert "Japanese" not in language_list("en", ["ko", "en"])
    korean = language_list("ko", ["ko", "th"])
    assert "한국어" in korean and "태국어" in korean


def test_they_are_validated_like_every_text(kb_folder: Path) -> None:
    event = kb_folder / "event.yaml"
    text = event.read_text("utf-8")
    event.write_text(text.replace("    en: Welcome to Jeju! Ask me <anything>.\n",
                                  "    xx1: Welcome\n"), "utf-8")
    with pytest.raises(KnowledgeBaseError) as error:
        load_knowledge(kb_folder)
    assert "welcome" in str(error.value.format(str(kb_folder)))


async def test_start_shows_the_events_welcome(tmp_path: Path, kb_folder: Path) -> None:
    async with running_bot(tmp_path, kb=kb_folder) as bot:
        user = bot.emu.user(5150, language_code="en")
        user.send_command("start")
        (reply,) = await user.replies(timeout=30)
        assert reply.text.startswith("Welcome to Jeju! Ask me <anything>.")
        assert reply.text.rstrip().endswith("Help desk 064-000-0000 (lobby, 1F)")


async def test_an_event_in_traditional_chinese_publishes_menus_telegram_accepts(
        tmp_path: Path, kb_folder: Path) -> None:
    event = kb_folder / "event.yaml"
    text = event.read_text("utf-8")
    languages = re.search(r"^  languages: \[.*\]$", text, re.MULTILINE)
    assert languages is not None
    reordered = "  languages: [ko, en, ja, zh-Hant, zh, es, ru, vi, th, id]"
    event.write_text(text.replace(languages[0], reordered), "utf-8")
    async with running_bot(tmp_path, kb=kb_folder) as bot:  # the emulator refuses "zh-Hant"
        # Telegram keys menus by two letters: the first Chinese listed gets "zh".
        assert bot.emu.commands("zh")[2]["description"] == t("zh-Hant", "cmd.schedule")
        assert bot.emu.commands("ja") and not bot.emu.commands("zh-Hant")
