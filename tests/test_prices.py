"""Whether an item's text gives a price or a count, in the currencies and words events use."""

from __future__ import annotations

import pytest

from eventbot.bot.matching.prices import (
    numbers_told,
    tells_amount,
    tells_price,
    tells_share,
    tells_time,
)


@pytest.mark.parametrize("text", [
    "show price of 4,500 baht", "show price VND 2,490,000", "月額3,980円から", "입장료 5,000원",
    "$25 per person", "US$25", "S$ 30", "₩10,000", "Rp 50.000", "RM25", "免费试吃", "10元一杯",
    "¥1,500", "₱500 only", "free tasting", "무료 시식", "50 soles", "S/ 40", "12 dollars", "2만원",
    "Free entry", "GRATIS", "entrada gratuita", "HK$ 80", "бесплатная дегустация", "60 kina",
    "60키나(아침 포함)", "费用60基那", "60キナ",
])
def test_an_amount_with_its_currency_or_free_is_a_price(text: str) -> None:
    assert tells_price(text)


@pytest.mark.parametrize("text", [
    "gluten-free bakery", "duty-free shopping", "booth A-12", "founded in 2015",
    "4,500 visitors a day", "500 kg per day", "Room 301", "hands-free", "rpm 3000",
    "a farm of 25 hectares", "freedom to operate", "",
])
def test_a_number_or_word_that_is_no_price_is_none(text: str) -> None:
    assert not tells_price(text)


@pytest.mark.parametrize(("text", "told"), [
    ("a taxi costs about AUD 60", True), ("S/ 12-18", True),
    ("by Grab, or the free shuttle", False), ("Free entry", False), ("Room 301", False),
])
def test_an_amount_is_a_price_told_in_money_not_free(text: str, told: bool) -> None:
    assert tells_amount(text) is told


@pytest.mark.parametrize(("text", "told"), [
    ("for a 1% fee", True), ("수수료 1%", True), ("手续费 0.5 %", True), ("komisi %5", True),
    ("30% less energy", True), ("booth A-12", False), ("100 percent cotton", False), ("", False),
])
def test_a_share_of_an_amount_is_told_with_its_percent_sign(text: str, told: bool) -> None:
    assert tells_share(text) is told


@pytest.mark.parametrize(("text", "numbers"), [
    ("300 seats", {"300"}), ("좌석 120석", {"120"}), ("机付き200席", {"200"}),
    ("1,200 people", {"1200"}),
    ("a 3.5 km walk", {"3.5"}), ("NZ$180", {"180"}),
    # a place's number counts nothing
    ("Room 201, 2nd floor", set()), ("Pier 26", set()), ("Hall 10 and Gate 12", set()),
    ("307호", set()), ("5号馆", set()), ("Sala 14", set()), ("200 seats in Hall 3", {"200"}),
    ("open 10:00-17:00", set()), ("on 2026-09-04", set()), ("booth B-12", set()),
    ("the T2 humanoid", set()), ("FX-500 lathe", set()), ("", set()),
])
def test_a_count_is_a_number_not_a_time_date_or_code(text: str, numbers: set[str]) -> None:
    assert numbers_told(text) == numbers


@pytest.mark.parametrize(("text", "told"), [
    ("Open 10:00-17:00", True), ("9am to 5pm", True), ("오전 10시부터", True), ("18時まで", True),
    ("下午3点开门", True), ("mở cửa 8h - 17h", True), ("open 24/7", True), ("24시간 운영", True),
    ("Booth B-12, 300 seats", False), ("Hall 3, level 2", False), ("founded in 2015", False),
    ("8 hectares", False), ("", False),
])
def test_a_time_of_day_is_told_in_any_clock(text: str, told: bool) -> None:
    assert tells_time(text) is told
