"""Every language has every interface text, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from eventbot.bot.i18n import CATALOGS, SUPPORTED, choose_language, supported, t


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("lang", SUPPORTED)
def test_catalog_has_every_key_with_same_placeholders(lang: str) -> None:
    english = CATALOGS["en"]
    catalog = CATALOGS[lang]
    assert set(catalog) == set(english)
    for key, template in english.items():
        assert placeholders(catalog[key]) == placeholders(template), key
        assert catalog[key].strip(), key


@pytest.mark.parametrize(
    ("stored", "telegram", "script", "expected"),
    [
        ("ja", "en", "ko", "ja"),        # the stored choice wins
        (None, "en-US", "ko", "ko"),     # then a Hangul, kana or Han question's script
        (None, "zh-hans", "ja", "ja"),
        (None, "ja", "zh", "ja"),        # kanji alone from a Japanese phone stay Japanese
        (None, "en-US", "en", "en"),     # Latin letters say nothing: Telegram's language_code
        (None, "zh-hans", None, "zh"),
        (None, "fr", "en", "en"),        # unsupported code: the question's script
        (None, None, None, "ko"),        # else the event default
        ("xx", None, "ja", "ja"),
    ],
)
def test_choose_language_order(stored, telegram, script, expected) -> None:
    assert choose_language(stored, telegram, script, "ko") == expected


def test_supported_and_formatting() -> None:
    assert supported("en_GB") == "en"
    assert supported("") is None
    assert t("ko", "label.booth", booth="KT-01") == "부스 KT-01"
    assert t("xx", "label.booth", booth="KT-01") == "Booth KT-01"
