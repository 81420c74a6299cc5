"""End to end: /reload and /stats against the emulator, with the real Application."""

from __future__ import annotations

import asyncio
import csv
import io
import logging
import os
import shutil
import subprocess
import sys
import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from eventbot.bot import services as services_module
from eventbot.bot.emulator import ChatMessage
from eventbot.bot.i18n import tn
from eventbot.bot.kb import KnowledgeBase
from tests.bot_harness import SEOUL, Harness, running_bot
from tests.paths import ROOT, SAMPLE_KB
from tests.test_stats import NAP_FAQ

ORGANISER = 900
REFUSED = "Sorry, this command is for the event organisers only."
OLD_WIFI = "The Wi-Fi network name and password are not in this bot's information."
NEW_WIFI = "The Wi-Fi network is EXPO-GUEST, password jeju2025."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the sample knowledge base that the tests edit."""
    live = tmp_path / "live-kb"
    shutil.copytree(SAMPLE_KB, live)
    return live


def edit(path: Path, old: str, new: str) -> None:
    """Replace text in a knowledge-base file atomically, as an editor saving it would."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    scratch = path.with_suffix(".tmp")
    scratch.write_text(text.replace(old, new), encoding="utf-8")
    os.replace(scratch, path)


def add_nap_faq(folder: Path) -> None:
    faq = folder / "faq.yaml"
    edit(faq, faq.read_text(encoding="utf-8"), faq.read_text(encoding="utf-8") + NAP_FAQ)


def check_lines(folder: Path) -> list[str]:
    """Return what `eventbot check` prints for a folder."""
    result = subprocess.run([sys.executable, "-m", "eventbot", "check", str(folder)], cwd=ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    return result.stdout.splitlines()


async def ask(user, text: str, count: int = 1) -> list[ChatMessage]:
    user.send_text(text)
    return await user.replies(count)


async def command(user, name: str, count: int = 1) -> list[ChatMessage]:
    user.send_command(f"/{name}")
    return await user.replies(count)


# -- refusals --------------------------------------------------------------------------------


async def test_non_organisers_are_refused_and_logged(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="eventbot.handlers.auth")
    async with running_bot(tmp_path, organisers=[ORGANISER]) as bot:
        user = bot.emu.user(7, language_code="en")
        (reload_reply,) = await command(user, "reload")
        (stats_reply,) = await command(user, "stats")
        assert reload_reply.text == stats_reply.text == REFUSED
        (ko,) = await command(bot.emu.user(8, language_code="ko"), "stats")
        assert ko.text == "죄송합니다. 이 명령은 행사 주최 측만 사용할 수 있습니다."
        # A forged stats button from a non-organiser is refused too, and sends nothing.
        user.press(reload_reply, "stats:csv", strict=False)
        await bot.emu.wait_for_call("answerCallbackQuery")
        assert bot.emu.calls_of("answerCallbackQuery")[-1].params["text"] == REFUSED
        assert bot.emu.calls_of("sendDocument") == []
    assert [r.getMessage() for r in caplog.records] == [
        "refused /reload for user 7", "refused /stats for user 7", "refused /stats for user 8",
        "refused stats:csv for user 7",
    ]


# -- /reload ---------------------------------------------------------------------------------


async def test_broken_edit_is_refused_with_the_check_lines_and_the_old_kb_serves(
        tmp_path: Path, folder: Path) -> None:
    async with running_bot(tmp_path, kb=folder, organisers=[ORGANISER]) as bot:
        before = bot.services.knowledge.kb
        edit(folder / "programme.yaml", "venue: icc-jeju", "venue: icc-jejuu")
        edit(folder / "faq.yaml", "  - id: faq-info-desk", "  - id: faq-registration")
        organiser = bot.emu.user(ORGANISER, language_code="en")
        (reply,) = await command(organiser, "reload")
        header, *lines = reply.text.splitlines()
        expected = check_lines(folder)
        assert header == tn("en", "org.reload.failed", len(expected), path=str(folder))
        assert f"has {len(expected)} problems" in header
        assert lines == expected and len(expected) >= 4
        first = next(number for number, line in enumerate(
            (folder / "programme.yaml").read_text("utf-8").splitlines(), 1)
            if "venue: icc-jejuu" in line)
        assert f"{folder}/programme.yaml:{first}: sessions[0].venue: unknown venue 'icc-jejuu'" \
               " (did you mean 'icc-jeju'?)" in lines
        assert bot.services.knowledge.kb is before
        (card,) = await ask(bot.emu.user(5, language_code="en"), "wifi password")
        assert OLD_WIFI in card.text


async def test_a_long_error_list_is_split_over_several_messages(
        tmp_path: Path, folder: Path) -> None:
    broken = "".join(
        f"\n  - id: faq-bad-{n}\n    question: {{ko: 질문 {n}, en: Question {n}}}\n"
        f"    answer: {{ko: 답 {n}, en: Answer {n}}}\n    bogus_field_{n}: true\n"
        for n in range(60)
    )
    async with running_bot(tmp_path, kb=folder, organisers=[ORGANISER]) as bot:
        faq = folder / "faq.yaml"
        edit(faq, faq.read_text(encoding="utf-8"), faq.read_text(encoding="utf-8") + broken)
        expected = check_lines(folder)
        assert len("\n".join(expected)) > 4096
        organiser = bot.emu.user(ORGANISER, language_code="en")
        organiser.send_command("/reload")

        def all_lines() -> list[str] | None:
            found = [line for m in organiser.bot_messages() for line in (m.text or "").splitlines()]
            return found if len(found) > len(expected) else None

        lines = await bot.emu.wait_for(all_lines)
        replies = organiser.bot_messages()
        assert len(replies) >= 2 and all(len(m.text or "") <= 4096 for m in replies)
        assert lines[1:] == expected


async def test_valid_edit_serves_new_answers_and_calls_the_listeners(
        tmp_path: Path, folder: Path, caplog) -> None:
    async with running_bot(tmp_path, kb=folder, organisers=[ORGANISER]) as bot:
        user = bot.emu.user(5, language_code="en")
        (before,) = await ask(user, "are there nap pods?")
        assert before.text.startswith("Sorry, I couldn't find that")
        heard: list[tuple[KnowledgeBase, KnowledgeBase]] = []

        async def broken(old: KnowledgeBase, new: KnowledgeBase) -> None:
            raise RuntimeError("listener bug")

        async def record(old: KnowledgeBase, new: KnowledgeBase) -> None:
            heard.append((old, new))

        bot.services.reload_listeners.extend([broken, record])
        old_kb = bot.services.knowledge.kb
        add_nap_faq(folder)
        edit(folder / "faq.yaml", OLD_WIFI, NEW_WIFI)
        organiser = bot.emu.user(ORGANISER, language_code="en")
        with caplog.at_level(logging.ERROR, logger="eventbot.handlers.organiser"):
            (reply,) = await command(organiser, "reload")
            await bot.emu.wait_for(lambda: heard)
        faq = len(old_kb.faq)
        assert reply.text.splitlines() == [
            "✅ Knowledge base reloaded.",
            bot.services.knowledge.kb.summary(),
            f"FAQ: {faq} → {faq + 1} (+1 added, −0 removed, 1 changed)",
        ]
        assert heard == [(old_kb, bot.services.knowledge.kb)]
        assert "reload listener" in caplog.text and "listener bug" in caplog.text
        (after,) = await ask(user, "are there nap pods?")
        assert "Nap pods are in the lounge on the second floor." in after.text
        (wifi,) = await ask(user, "wifi password")
        assert NEW_WIFI in wifi.text


async def test_reply_in_the_organisers_language(tmp_path: Path, folder: Path) -> None:
    async with running_bot(tmp_path, kb=folder, organisers=[ORGANISER]) as bot:
        (reply,) = await command(bot.emu.user(ORGANISER, language_code="ko"), "reload")
        assert reply.text.splitlines()[0] == "✅ 지식 베이스를 다시 불러왔습니다."
        assert reply.text.splitlines()[-1] == "바뀐 항목이 없습니다."


async def test_questions_during_a_reload_see_the_old_kb_until_the_swap(
        tmp_path: Path, folder: Path, monkeypatch) -> None:
    release = threading.Event()
    loading = threading.Event()
    real_load = services_module.load_knowledge

    def slow_load(path: Path) -> KnowledgeBase:
        loading.set()
        assert release.wait(10)
        return real_load(path)

    async with running_bot(tmp_path, kb=folder, organisers=[ORGANISER]) as harness:
        monkeypatch.setattr(services_module, "load_knowledge", slow_load)
        add_nap_faq(folder)
        organiser = harness.emu.user(ORGANISER, language_code="en")
        organiser.send_command("/reload")
        assert await asyncio.to_thread(loading.wait, 10)
        user = harness.emu.user(5, language_code="en")
        (during,) = await ask(user, "are there nap pods?")  # the loop still answers
        assert during.text.startswith("Sorry, I couldn't find that")
        release.set()
        (done,) = await organiser.replies()
        assert done.text.startswith("✅ Knowledge base reloaded.")
        (after,) = await ask(user, "are there nap pods?")
        assert "Nap pods are in the lounge" in after.text


async def test_reloads_while_many_questions_are_answered(tmp_path: Path, folder: Path) -> None:
    """Each answer comes whole from one knowledge base or the other, never from a mix."""
    faq = folder / "faq.yaml"
    versions = [faq.read_text(encoding="utf-8")]
    versions.append(versions[0].replace(OLD_WIFI, NEW_WIFI))
    async with running_bot(tmp_path, kb=folder, organisers=[ORGANISER]) as bot:
        users = [bot.emu.user(100 + n, language_code="en") for n in range(8)]
        organiser = bot.emu.user(ORGANISER, language_code="en")

        async def keep_reloading() -> int:
            swaps = 0
            for round_ in range(6):
                scratch = faq.with_suffix(".tmp")
                scratch.write_text(versions[(round_ + 1) % 2], encoding="utf-8")
                os.replace(scratch, faq)
                (reply,) = await command(organiser, "reload")
                assert reply.text.startswith("✅ Knowledge base reloaded."), reply.text
                swaps += 1
            return swaps

        async def keep_asking(user) -> list[str]:
            texts = []
            for _ in range(6):
                (reply,) = await ask(user, "wifi password")
                texts.append(reply.text or "")
            return texts

        swaps, *answers = await asyncio.gather(keep_reloading(), *map(keep_asking, users))
        assert swaps == 6
        seen = {NEW_WIFI in text for texts in answers for text in texts}
        for text in (text for texts in answers for text in texts):
            assert (OLD_WIFI in text) != (NEW_WIFI in text), text
        assert seen == {False, True}  # answers came from both versions as reloads interleaved


# -- /stats ----------------------------------------------------------------------------------


async def seed(harness: Harness) -> None:
    """Ask real questions: one user yesterday, three today, in three languages."""
    yesterday = harness.emu.user(4, language_code="en")
    await ask(yesterday, "is there a nap pod")
    harness.clock.advance(timedelta(hours=12))  # 21:00 on 31 August → 09:00 on 1 September
    en, ko, ja = (harness.emu.user(n, language_code=code)
                  for n, code in ((1, "en"), (2, "ko"), (3, "ja")))
    await ask(en, "wifi password")
    await ask(en, "wifi password?")
    await ask(en, "forum")
    await ask(en, "nap pods")
    await ask(ko, "흡연구역")
    harness.clock.advance(timedelta(hours=1))
    await ask(ko, "흡연 구역 어디예요")
    await ask(ja, "Wi-Fi password")
    await ask(en, "where is the ATM")


async def test_stats_figures_csv_and_chart(tmp_path: Path) -> None:
    start = datetime(2025, 8, 31, 21, 0, tzinfo=SEOUL)
    async with running_bot(tmp_path, at=start, organisers=[ORGANISER]) as bot:
        await seed(bot)
        organiser = bot.emu.user(ORGANISER, language_code="en")
        (report,) = await command(organiser, "stats")
        lines = report.text.splitlines()
        assert lines[:4] == [
            "📊 Statistics for 2025-09-01 (Asia/Seoul)",
            "Users: 5 · active today: 4",  # the organiser counts too; user 4 was here yesterday
            "By language: English 3, 日本語 1, 한국어 1",
            "Questions today: 8 · answered 3 (38%) · clarified 1 (12%) · not found 4 (50%)",
        ]
        first = lines.index("Top questions today") + 1
        assert lines[first:lines.index("", first)] == [
            "2× wifi password?",  # rewordings group, shown as last typed; then the latest first
            "1× where is the ATM", "1× Wi-Fi password", "1× 흡연 구역 어디예요", "1× 흡연구역",
            "1× nap pods", "1× forum",
        ]
        unanswered = lines[lines.index(
            "Unanswered questions, grouped by similarity (3 groups, all days)") + 1:]
        assert unanswered == [
            "2× 흡연 구역 어디예요 (+1 similar)",  # ties: the most recently asked first
            "2× nap pods (+1 similar)",
            "1× where is the ATM",
        ]
        assert report.button_labels == ["📄 Unanswered (CSV)", "📈 Questions per hour"]

        organiser.press_button(report, "📄 Unanswered (CSV)")
        await bot.emu.wait_for_call("sendDocument")
        (call,) = bot.emu.calls_of("sendDocument")
        upload = call.params["document"]
        assert upload.filename == "unanswered-2025-09-01.csv"
        rows = list(csv.reader(io.StringIO(upload.content.decode("utf-8-sig"))))
        assert rows == [
            ["group", "count", "example question", "languages", "first asked", "last asked",
             "proposed item"],  # none of these shares a word with an item: no proposal
            ["1", "2", "흡연 구역 어디예요", "ko", "2025-09-01 09:00", "2025-09-01 10:00", ""],
            ["2", "2", "nap pods", "en", "2025-08-31 21:00", "2025-09-01 09:00", ""],
            ["3", "1", "where is the ATM", "en", "2025-09-01 10:00", "2025-09-01 10:00", ""],
        ]
        assert call.params["caption"].startswith("Unanswered questions in 3 groups")

        organiser.press_button(report, "📈 Questions per hour")
        await bot.emu.wait_for_call("sendPhoto", timeout=30)
        (photo,) = bot.emu.calls_of("sendPhoto")
        assert photo.params["photo"].content.startswith(b"\x89PNG\r\n\x1a\n")
        assert photo.params["caption"] == (
            "Questions per hour by outcome, last 24 hours (Asia/Seoul).")


async def test_stats_with_nothing_asked_yet(tmp_path: Path) -> None:
    async with running_bot(tmp_path, organisers=[ORGANISER]) as bot:
        organiser = bot.emu.user(ORGANISER, language_code="en")
        (report,) = await command(organiser, "stats")
        assert "Questions today: 0 · answered 0 (0%)" in report.text
        organiser.press_button(report, "📄 Unanswered (CSV)")
        (nothing,) = await organiser.replies()
        assert nothing.text == "No unanswered questions yet."
        assert bot.emu.calls_of("sendDocument") == []


async def test_without_matplotlib_stats_offers_no_chart_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    from eventbot.bot import stats

    async with running_bot(tmp_path, organisers=[ORGANISER]) as bot:
        organiser = bot.emu.user(ORGANISER, language_code="en")
        monkeypatch.setattr(stats, "charts_available", lambda: True)
        (with_charts,) = await command(organiser, "stats")
        monkeypatch.setattr(stats, "charts_available", lambda: False)
        (report,) = await command(organiser, "stats")
        assert report.button_labels == ["📄 Unanswered (CSV)"]
        organiser.press_button(with_charts, "📈 Questions per hour")  # an older message
        (reply,) = await organiser.replies()
        assert "eventbot[charts]" in reply.text
        assert not bot.emu.calls_of("sendPhoto")
