"""Multilingual text, aliases and local times validate with one clear message each."""

from __future__ import annotations

import contextlib
from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from eventbot.bot.kb.types import Aliases, LanguageContext, LocalTime, Text

CTX = {"languages": LanguageContext("ko", ("ko", "en", "ja", "zh"), ("ko", "en"))}


class Holder(BaseModel):
    text: Text | None = None
    aliases: Aliases = Aliases.empty()
    when: LocalTime | None = None


def errors(**data: object) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        Holder.model_validate(data, context=CTX)
    return [e["msg"].removeprefix("Value error, ") for e in caught.value.errors()]


def test_text_mapping_and_fallback_order() -> None:
    held = Holder.model_validate({"text": {"ko": "한라홀", "en": "Halla Hall"}}, context=CTX)
    assert held.text is not None
    assert held.text.get("ja", ["en", "ko"]) == "Halla Hall"
    assert held.text.get("ja", ["ko"]) == "한라홀"
    assert held.text.get("ko") == "한라홀"


def test_plain_string_counts_as_default_language_only() -> None:
    assert errors(text="한라홀") == [
        "missing text in required language(s): en (a plain string counts as ko only)"
    ]


def test_every_text_problem_in_one_message() -> None:
    assert errors(text={"ko": "a", "fr": "b", "en": ""}) == [
        "language 'fr' is not declared in event.languages (ko, en, ja, zh); the en text is empty"
    ]


@pytest.mark.parametrize("value", [[1, 2], True, None])
def test_text_of_wrong_shape(value: object) -> None:
    if value is None:
        assert Holder.model_validate({"text": None}, context=CTX).text is None
    else:
        assert errors(text=value) == [
            "expected text, or a mapping of language to text such as {ko: ..., en: ...}"
        ]


def test_aliases_list_means_default_language() -> None:
    held = Holder.model_validate({"aliases": ["한라 홀", "할라홀"]}, context=CTX)
    assert list(held.aliases.all()) == [("ko", "한라 홀"), ("ko", "할라홀")]
    held = Holder.model_validate({"aliases": {"en": "Halla", "ja": ["ハルラ"]}}, context=CTX)
    assert list(held.aliases.all()) == [("en", "Halla"), ("ja", "ハルラ")]
    assert errors(aliases={"en": [""]}) == ["en: every alias must be non-empty text"]


@pytest.mark.parametrize(
    ("raw", "value", "all_day"),
    [
        ("2025-09-01 10:00", datetime(2025, 9, 1, 10, 0), False),
        ("2025-09-01T09:05:30", datetime(2025, 9, 1, 9, 5, 30), False),
        ("2025-09-01", datetime(2025, 9, 1), True),
    ],
)
def test_local_time_forms(raw: str, value: datetime, all_day: bool) -> None:
    when = Holder.model_validate({"when": raw}, context=CTX).when
    assert when == LocalTime(value, all_day)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("2025-09-01 10:00+09:00",
         "give the local time in the event's timezone, without an offset"),
        ("2025-02-30", "'2025-02-30' is not a real date or time (day is out of range for month)"),
        ("tomorrow", "'tomorrow': expected a local date-time like '2025-09-01 10:00' "
                     "or a date like '2025-09-01' (all day)"),
    ],
)
def test_local_time_errors(raw: str, message: str) -> None:
    assert errors(when=raw) == [message]


@given(st.one_of(st.text(), st.dictionaries(st.text(), st.text()), st.integers(), st.none()))
def test_text_validation_never_raises_anything_but_validation_error(value: object) -> None:
    with contextlib.suppress(ValidationError):
        Holder.model_validate({"text": value, "aliases": value, "when": value}, context=CTX)
