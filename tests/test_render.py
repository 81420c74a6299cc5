"""Cards escape KB text, lead with what the question asks, and format times per language."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from bot.kb import load_knowledge
from bot.kb.models import Session
from bot.kb.types import LocalTime, Text
from bot.matching import QuestionKind
from bot.render.cards import CardWriter
from bot.render.when import format_when
from tests.paths import FIXTURES, SAMPLE_KB

VALID = FIXTURES / "kb" / "valid"


def session(start: str, end: str) -> Session:
    return Session(
        id="s", title=Text({"ko": "세션", "en": "Session"}), venue="v",
        start=LocalTime._validate(start), end=LocalTime._validate(end),
    )


@pytest.mark.parametrize(
    ("lang", "start", "end", "expected"),
    [
        ("en", "2025-09-05", "2025-09-07", "Sep 5\u2009–\u20097, 2025"),
        ("ko", "2025-09-05", "2025-09-07", "2025년 9월 5일~7일"),
        ("ja", "2025-09-05", "2025-09-07", "2025年9月5日～7日"),
        ("zh", "2025-09-05", "2025-09-07", "2025年9月5日至7日"),
        ("en", "2025-09-01 10:00", "2025-09-01 12:00", "Mon, Sep 1, 2025 10:00\u2009–\u200912:00"),
        ("ko", "2025-09-01 10:00", "2025-09-01 12:00", "2025년 9월 1일 (월) 10:00 ~ 12:00"),
        ("en", "2025-09-04", "2025-09-04", "Thu, Sep 4, 2025"),
    ],
)
def test_format_when_per_language(lang: str, start: str, end: str, expected: str) -> None:
    assert format_when(session(start, end), lang) == expected


def test_kb_text_is_escaped(tmp_path: Path) -> None:
    for path in VALID.glob("*.yaml"):
        text = path.read_text("utf-8").replace("Innovation Forum", "<b>Forum</b> & <script>")
        (tmp_path / path.name).write_text(text, "utf-8")
    kb = load_knowledge(tmp_path)
    reply = CardWriter(kb, "en").card(kb.items["opening-forum"])
    assert "&lt;b&gt;Forum&lt;/b&gt; &amp; &lt;script&gt;" in reply.html
    assert "<script>" not in reply.html
    assert "<b>Forum</b> & <script>" in reply.text


def test_question_kind_decides_what_comes_first() -> None:
    kb = load_knowledge(VALID)
    writer = CardWriter(kb, "en")
    item = kb.items["opening-forum"]
    when_first = writer.card(item, QuestionKind.WHEN).text.splitlines()
    where_first = writer.card(item, QuestionKind.WHERE).text.splitlines()
    assert when_first[1].startswith("🗓") and when_first[2].startswith("📍")
    assert where_first[1].startswith("📍") and where_first[2].startswith("🗓")
    assert writer.card(item, QuestionKind.WHERE).pin is not None
    assert writer.card(item, QuestionKind.WHEN).pin is None


def test_exhibitor_card_gives_pavilion_and_booth_in_the_language() -> None:
    kb = load_knowledge(VALID)
    assert "부스 KT-01" in CardWriter(kb, "ko").card(kb.items["robo-one"]).text
    text = CardWriter(kb, "ja").card(kb.items["robo-one"]).text
    assert "ブース KT-01" in text and "K-TECH Pavilion" in text  # no ja name: falls back


def test_venue_card_lists_programme_with_days_and_pins_the_map() -> None:
    kb = load_knowledge(VALID)
    reply = CardWriter(kb, "en").card(kb.items["icc-jeju"])
    assert "Mon, Sep 1, 2025 10:00–12:00 Innovation Forum" in reply.text
    assert reply.pin is not None and (reply.pin.lat, reply.pin.lon) == (33.239, 126.4125)
    assert datetime(2025, 9, 1).weekday() == 0  # the fixture's Monday


def test_map_pin_gives_the_address_or_else_the_city(tmp_path: Path) -> None:
    kb = load_knowledge(SAMPLE_KB)  # its venues have cities but no street addresses
    pins = {lang: CardWriter(kb, lang).card(kb.items["icc-jeju"]).pin for lang in ("ko", "en")}
    assert pins["ko"] is not None and pins["ko"].address == "제주"
    assert pins["en"] is not None and pins["en"].address == "Jeju"
    shutil.copytree(SAMPLE_KB, tmp_path / "kb")
    venues = tmp_path / "kb" / "venues.yaml"
    location = "    location: {lat: 33.2390, lon: 126.4125}"
    address = "    address: {ko: 중문로 224, en: 224 Jungmun-ro}"
    venues.write_text(venues.read_text(encoding="utf-8").replace(
        location, f"{location}\n{address}", 1), encoding="utf-8")
    kb = load_knowledge(tmp_path / "kb")
    pin = CardWriter(kb, "en").card(kb.items["icc-jeju"]).pin
    assert pin is not None and pin.address == "224 Jungmun-ro"
