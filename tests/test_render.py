"""Cards escape KB text, lead with what the question asks, and format times per language."""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from babel.dates import get_day_names, get_month_names

from eventbot.bot.i18n import BABEL_LOCALES, tn
from eventbot.bot.kb import load_knowledge
from eventbot.bot.kb.models import Session
from eventbot.bot.kb.types import LocalTime, Text
from eventbot.bot.matching import QuestionKind
from eventbot.bot.render.cards import MAX_LABEL, MAX_LISTED, CardWriter
from eventbot.bot.render.when import format_clock, format_day, format_when
from tests.paths import FIXTURES, SAMPLE_KB

VALID = FIXTURES / "kb" / "valid"


def session(start: str, end: str) -> Session:
    return Session(
        id="s", title=Text({"ko": "세션", "en": "Session"}), venue="v",
        start=LocalTime._validate(start), end=LocalTime._validate(end),
    )


def numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text)]


# What a date phrase must carry, not how a given Babel release spells it: the year, the month
# (as a number or the language's own month name), both days, both times, and the weekday of a
# one-day item. Exact strings change between releases ("至" became " – " in Babel 2.19).
@pytest.mark.parametrize("lang", ["en", "ko", "ja", "zh"])
@pytest.mark.parametrize(
    ("start", "end", "wanted", "one_day"),
    [
        ("2025-09-05", "2025-09-07", [2025, 5, 7], False),
        ("2025-09-01 10:00", "2025-09-01 12:00", [2025, 1, 10, 0, 12, 0], True),
        ("2025-09-04", "2025-09-04", [2025, 4], True),
        ("2025-09-04 18:00", "2025-09-05 09:30", [2025, 4, 18, 0, 5, 9, 30], False),
    ],
)
def test_format_when_carries_every_part_in_each_language(
    lang: str, start: str, end: str, wanted: list[int], one_day: bool
) -> None:
    item = session(start, end)
    phrase = format_when(item, lang)
    assert "\n" not in phrase
    found = numbers(phrase)
    for number in wanted:
        assert number in found, (phrase, number)
        found.remove(number)
    locale = BABEL_LOCALES[lang]
    month_names = [get_month_names(w, locale=locale)[9] for w in ("abbreviated", "wide")]
    assert 9 in found or any(name in phrase for name in month_names), phrase
    if one_day:
        weekday = item.start.day.weekday()
        day_names = [get_day_names(w, locale=locale)[weekday] for w in ("abbreviated", "short")]
        assert any(name in phrase for name in day_names), phrase


def test_day_ranges_read_differently_from_single_days() -> None:
    for lang in ("en", "ko", "ja", "zh"):
        assert format_when(session("2025-09-05", "2025-09-07"), lang) != format_when(
            session("2025-09-05", "2025-09-05"), lang)


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


@pytest.mark.parametrize("lang", ["en", "ko", "ja"])
def test_a_choice_says_what_tells_it_from_the_others(lang: str) -> None:
    kb = load_knowledge(VALID)
    writer = CardWriter(kb, lang)
    booth = writer.choice_label(kb.items["robo-one"])
    assert booth.startswith(writer.plain_name(kb.items["robo-one"])) and "KT-01" in booth
    forum = kb.items["opening-forum"]
    assert isinstance(forum, Session)
    when = writer.choice_label(forum)
    assert when.startswith(writer.plain_name(forum))
    assert format_clock(forum.start.value, lang) in when
    assert writer.choice_label(kb.items["halla-hall"]) == writer.plain_name(kb.items["halla-hall"])


def test_a_long_name_is_cut_before_what_tells_it_apart() -> None:
    long = session("2025-09-01T14:30", "2025-09-01T16:00")
    long = long.model_copy(update={"title": Text({"en": "A very long session title " * 4})})
    label = CardWriter(load_knowledge(VALID), "en").choice_label(long)
    assert len(label) <= MAX_LABEL and "…" in label
    assert label.endswith(format_clock(long.start.value, "en"))


def test_venue_card_lists_programme_with_days_and_pins_the_map() -> None:
    kb = load_knowledge(VALID)
    reply = CardWriter(kb, "en").card(kb.items["icc-jeju"])
    assert f"{format_day(date(2025, 9, 1), 'en')} 10:00–12:00 Innovation Forum" in reply.text
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


@pytest.mark.parametrize("lang", ["en", "ko", "ru"])
def test_a_cut_list_in_a_card_says_how_many_more(lang: str) -> None:
    kb = load_knowledge(SAMPLE_KB)
    writer = CardWriter(kb, lang)
    items = list(kb.programme) * 3  # more than a card lists
    text = writer.listing("Programme", items)
    assert text.endswith(tn(lang, "label.more_items", len(items) - MAX_LISTED))
    assert str(len(items) - MAX_LISTED) in text.splitlines()[-1]
