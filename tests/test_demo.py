"""`eventbot demo`: the scripted tour and a tiny script in a subprocess, and the formatting."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from eventbot.bot.demo import Step, callback_buttons, format_message, format_notice, parse_line
from eventbot.bot.render.when import format_day
from tests.paths import ROOT


def day(number: int, lang: str) -> str:
    """Return a September 2025 day as the bot writes it (Babel's wording may change)."""
    return format_day(date(2025, 9, number), lang)

Exchange = tuple[str, list[str]]


def run_demo(*args: str, script: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PTB_TIMEDELTA": "1"}
    return subprocess.run(
        [sys.executable, "-m", "eventbot", "demo", *args], input=script, capture_output=True,
        text=True, encoding="utf-8", cwd=ROOT, env=env, timeout=120,
    )


def exchanges(transcript: str) -> list[Exchange]:
    """Split a transcript into (attendee line, bot lines); comments end an exchange."""
    found: list[Exchange] = []
    current: list[str] | None = None
    for line in transcript.splitlines():
        if line.startswith("> "):
            current = []
            found.append((line[2:], current))
        elif line.startswith("#"):
            current = None
        elif current is not None and (line or current):
            current.append(line)
    for _, lines in found:
        while lines and not lines[-1]:
            lines.pop()
    return found


def reply_to(found: list[Exchange], said: str, nth: int = 0) -> list[str]:
    return [lines for line, lines in found if line == said][nth]


@pytest.fixture(scope="module")
def tour() -> list[Exchange]:
    result = run_demo("--script", "demo/sample.txt")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "no answer within" not in result.stdout
    return exchanges(result.stdout)


def test_korean_where_question_leads_with_the_hall_then_a_map_pin(tour: list[Exchange]) -> None:
    reply = reply_to(tour, "한라홀 어디에 있어요?")
    assert reply[0] == "한라홀"
    assert reply[1] == "📍 제주국제컨벤션센터"
    pin = next(line for line in reply if line.startswith("📍 제주국제컨벤션센터 — "))
    assert pin.endswith(")") and "(33.2" in pin


def test_korean_when_question_leads_with_the_time(tour: list[Exchange]) -> None:
    reply = reply_to(tour, "전체회의 2 언제 해요?")
    assert reply[0].startswith("전체회의 2")
    assert reply[1].startswith(f"🗓 {day(2, 'ko')} 14:00")


def test_clarify_shows_numbered_choices_and_a_number_opens_the_card(
    tour: list[Exchange],
) -> None:
    choices = reply_to(tour, "포럼")
    assert choices[0] == "혹시 이 중에 찾으시는 것이 있나요?"
    assert choices[1].startswith("  [1] ") and "포럼" in choices[1]
    assert choices[2].startswith("  [2] ")
    first = choices[1].removeprefix("  [1] ")
    card = reply_to(tour, f"[1] {first}")
    assert first.startswith(f"{card[0]} · ")  # the name, then what tells it apart: its day
    assert card[1].startswith("🗓 ") and "2025" in card[1]  # the when-line comes first
    assert card[-1] == "  [1] ⭐ 저장"


def test_schedule_pages_by_editing_the_message(tour: list[Exchange]) -> None:
    page = reply_to(tour, "/schedule")
    assert page[0] == f"{day(2, 'ko')} 일정"
    assert page[-1] == f"  [5] ◀ {day(1, 'ko')}  [6] {day(3, 'ko')} ▶"
    assert reply_to(tour, f"[6] {day(3, 'ko')} ▶")[0] == f"(edited) {day(3, 'ko')} 일정"


def test_saving_a_session_pops_up_and_redraws_the_card(tour: list[Exchange]) -> None:
    saved = reply_to(tour, "[1] ⭐ Save")
    assert saved[0].startswith("💬 Saved to your agenda")
    assert saved[2] == "(edited) Plenary 2: Smart policy"
    assert saved[-1] == "  [1] ✖ Remove from my agenda"
    agenda = reply_to(tour, "/my")
    line = f"• {day(2, 'en')} 14:00–16:00 Plenary 2: Smart policy"
    assert agenda[:2] == ["Your agenda", line]
    calendar = reply_to(tour, "[1] 📅 Calendar file (.ics)")
    assert calendar[0].startswith("📎 my-agenda.ics (") and calendar[0].endswith(" bytes)")


def test_now_reads_the_demo_clock(tour: list[Exchange]) -> None:
    assert reply_to(tour, "/now")[0] == f"On now ({day(2, 'en')} 09:50)"


def test_other_languages_and_the_stored_choice(tour: list[Exchange]) -> None:
    assert reply_to(tour, "ハラホールはどこですか？")[0] == "漢拏ホール"
    assert reply_to(tour, "汉拿厅在哪里？")[0] == "汉拿厅"
    assert reply_to(tour, "What is the weather on Mars?")[0].startswith("Sorry, I couldn't find")
    assert reply_to(tour, "[3] 日本語") == ["(edited) これから日本語でお答えします。"]
    # Telegram still says "en", but the stored choice wins.
    assert reply_to(tour, "where is the food expo?", 1)[-3] == "  [1] ⭐ 保存"


def test_a_script_from_stdin_with_clock_language_and_quit() -> None:
    script = "# a comment\n\n/now\n#lang en\nforum\n9\n/quit\nnever sent\n"
    result = run_demo("--script", "-", "--at", "2025-09-04 14:00", "--lang", "ko", script=script)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.startswith("# eventbot demo: the bot's clock reads Thu 2025-09-04 14:00")
    found = exchanges(result.stdout)
    assert [line for line, _ in found] == ["/now", "forum", "9  (no button 9: choose 1–4)"]
    assert found[0][1][0] == f"지금 진행 중 ({day(4, 'ko')} 14:00)"
    assert found[1][1][0] == "Did you mean one of these?"
    assert "# a comment" in result.stdout and "never sent" not in result.stdout


# -- formatting ---------------------------------------------------------------------------

CHAT = {"id": 7, "type": "private"}


def test_text_then_numbered_buttons_across_rows() -> None:
    message = {
        "message_id": 3, "chat": CHAT, "text": "Plenary 1\n🗓 Tue",
        "reply_markup": {"inline_keyboard": [
            [{"text": "⭐ Save", "callback_data": "save:p1"}],
            [{"text": "◀", "callback_data": "day:2025-09-01"},
             {"text": "Map", "url": "https://example.org/map"},
             {"text": "▶", "callback_data": "day:2025-09-03"}],
        ]},
    }
    assert format_message(message) == [
        "Plenary 1", "🗓 Tue", "  [1] ⭐ Save", "  [2] ◀  [Map → https://example.org/map]  [3] ▶",
    ]
    assert callback_buttons(message) == [
        ("⭐ Save", "save:p1"), ("◀", "day:2025-09-01"), ("▶", "day:2025-09-03"),
    ]


def test_venue_document_and_edit_marks() -> None:
    venue = {"message_id": 4, "chat": CHAT,
             "location": {"latitude": 33.239, "longitude": 126.4125},
             "venue": {"location": {"latitude": 33.239, "longitude": 126.4125},
                       "title": "ICC Jeju", "address": "224 Jungmungwangwang-ro"}}
    assert format_message(venue) == ["📍 ICC Jeju — 224 Jungmungwangwang-ro (33.239, 126.4125)"]
    document = {"message_id": 5, "chat": CHAT, "caption": "Your agenda",
                "document": {"file_id": "x", "file_unique_id": "u", "file_name": "my.ics",
                             "file_size": 511}}
    assert format_message(document) == ["📎 my.ics (511 bytes)", "Your agenda"]
    edited = {"message_id": 6, "chat": CHAT, "text": "Saved\nagain"}
    assert format_message(edited, edited=True) == ["(edited) Saved", "again"]
    assert format_notice("Saved.") == "💬 Saved."
    assert format_notice("Expired", alert=True) == "⚠️ Expired"


@pytest.mark.parametrize(("line", "step"), [
    ("", None),
    ("   \n", None),
    ("# a comment", Step("comment", "# a comment")),
    ("#lang ko", Step("lang", "ko")),
    ("#lang zh-hans\n", Step("lang", "zh-hans")),
    ("#hashtag", Step("say", "#hashtag")),
    ("/schedule 2025-09-02", Step("say", "/schedule 2025-09-02")),
    ("3", Step("say", "3")),
])
def test_script_lines(line: str, step: Step | None) -> None:
    assert parse_line(line) == step
