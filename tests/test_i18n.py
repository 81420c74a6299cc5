"""Every language has every interface text, with the same placeholders."""

from __future__ import annotations

import string

import pytest
from babel.messages.pofile import read_po

from eventbot.bot.i18n import CATALOGS, LANGUAGES, SUPPORTED, choose_language, supported, t, tn
from eventbot.bot.i18n.catalogs import LOCALE_DIR, missing


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def forms(message: str | tuple[str, ...]) -> tuple[str, ...]:
    return (message,) if isinstance(message, str) else message


# Reviewed catalogs must be complete; a machine-drafted one may lag behind English a little,
# and what it lacks shows in English (counted here, never logged per message).
MOST_MISSING_IN_A_DRAFT = 10


@pytest.mark.parametrize("lang", SUPPORTED)
def test_catalog_has_every_key_with_same_placeholders(lang: str) -> None:
    english = CATALOGS["en"]
    catalog = LANGUAGES[lang]
    lacking = missing(catalog)
    assert len(lacking) <= (MOST_MISSING_IN_A_DRAFT if catalog.machine_drafted else 0), lacking
    assert set(catalog.messages) <= set(english)  # nothing the code no longer asks for
    for key, message in catalog.messages.items():
        wanted = placeholders(forms(english[key])[-1])
        for form in forms(message):
            assert placeholders(form) == wanted, (key, form)
            assert form.strip(), key
            t(lang, key, **dict.fromkeys(wanted, "x"))  # fills without an error


@pytest.mark.parametrize("lang", SUPPORTED)
def test_plural_texts_have_every_form_the_language_has(lang: str) -> None:
    catalog = LANGUAGES[lang]
    numbers = {catalog.plural(n) for n in range(200)}
    for key, message in catalog.messages.items():
        if not isinstance(CATALOGS["en"][key], str):
            assert not isinstance(message, str), key
            assert len(message) > max(numbers), key


def test_plurals_follow_the_number() -> None:
    assert tn("en", "label.companies", 1) == "1 company"
    assert tn("en", "label.companies", 1234) == "1,234 companies"
    assert tn("ko", "label.companies", 3) == "3개 기업"
    assert "problems" not in tn("en", "org.reload.failed", 1, path="kb")
    assert "problems" in tn("en", "org.reload.failed", 2, path="kb")


def test_the_template_file_holds_every_english_text() -> None:
    with (LOCALE_DIR / "eventbot.pot").open("rb") as file:
        template = read_po(file)
    extracted = {message.context: message.id for message in template if message.context}
    english = {key: text if isinstance(text, str) else tuple(text)
               for key, text in CATALOGS["en"].items()}
    assert extracted == english, "run: pybabel extract -F babel.cfg (see README, Translating)"


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
        (None, "fr", None, "en"),        # ... or English, not the host's language
        (None, "pt-BR", None, "en"),
        (None, None, None, "ko"),        # else the event default
        ("xx", None, "ja", "ja"),
        (None, "en", "ru", "ru"),        # Cyrillic and Thai are unambiguous too
        (None, "ko", "th", "th"),
        ("en", "ko", "th", "en"),
    ],
)
def test_choose_language_order(stored, telegram, script, expected) -> None:
    assert choose_language(stored, telegram, script, "ko") == expected


def test_a_question_in_a_language_the_event_does_not_offer_gets_english() -> None:
    offered = ("ko", "en", "ja", "zh")
    assert choose_language(None, None, "ru", "ko", offered) == "en"  # not the host's Korean
    assert choose_language(None, "ko", "th", "ko", offered) == "ko"  # the phone's, if offered
    assert choose_language(None, None, "ru", "ko", ("ko", "ja")) == "ko"  # no English: host's
    # Han at an event that offers Traditional Chinese only is answered in it, not in English
    assert choose_language(None, None, "zh", "en", ("zh-Hant", "en")) == "zh-Hant"
    assert choose_language(None, None, "zh", "ja", ("ja", "ko", "en")) == "ja"  # kanji, maybe
    assert choose_language(None, None, "zh-Hant", "ja", ("ja", "ko", "en")) == "ja"


def test_traditional_characters_get_traditional_chinese() -> None:
    from eventbot.bot.matching.intent import script_lang

    assert script_lang("喺邊度攞證件") == "zh-Hant"
    assert script_lang("在哪里领参会证") == "zh"
    both = ("en", "zh", "zh-Hant")
    assert choose_language(None, None, script_lang("會場在哪裡"), "en", both) == "zh-Hant"
    assert choose_language(None, None, script_lang("会场在哪里"), "en", both) == "zh"
    # ... Simplified where the event has no Traditional, and kanji from a Japanese phone stay
    # Japanese (東京駅 has characters Simplified Chinese writes otherwise)
    assert choose_language(None, None, "zh-Hant", "en", ("en", "zh")) == "zh"
    assert choose_language(None, "ja", script_lang("東京駅"), "en", ("en", "ja", "zh")) == "ja"
    # no character tells: the phone's Traditional Chinese does
    assert choose_language(None, "zh-TW", script_lang("午餐"), "en", both) == "zh-Hant"


def test_supported_and_formatting() -> None:
    assert supported("en_GB") == "en"
    assert supported("") is None
    assert t("ko", "label.booth", booth="KT-01") == "부스 KT-01"
    assert t("xx", "label.booth", booth="KT-01") == "Booth KT-01"


def test_languages_are_data_each_catalog_a_language() -> None:
    # The four reviewed ones, and six drafted by a machine for the economies of the event.
    assert {"ko", "en", "ja", "zh", "es", "ru", "vi", "th", "id", "zh-Hant"} <= set(SUPPORTED)
    drafted = {code for code, catalog in LANGUAGES.items() if catalog.machine_drafted}
    assert drafted >= {"es", "ru", "vi", "th", "id", "zh-Hant"}
    assert not drafted & {"ko", "en", "ja", "zh"}
    assert supported("zh-TW") == supported("zh-hant") == "zh-Hant" and supported("zh-CN") == "zh"
    assert [tn("ru", "label.participants", n).split()[1] for n in (1, 2, 5, 21)] == [
        "участник", "участника", "участников", "участник"]


@pytest.mark.parametrize("lang", SUPPORTED)
def test_plural_texts_render_for_0_1_2_and_5(lang: str) -> None:
    plural_keys = [key for key, text in CATALOGS["en"].items() if not isinstance(text, str)]
    assert plural_keys
    for key in plural_keys:
        wanted = placeholders(forms(CATALOGS["en"][key])[-1]) - {"count"}
        for n in (0, 1, 2, 5):
            text = tn(lang, key, n, **dict.fromkeys(wanted, "x"))
            assert str(n) in text and "{" not in text, (lang, key, n, text)
    if lang == "en":
        assert tn(lang, "label.companies", 0) == "0 companies"  # English: 0 takes "other"
