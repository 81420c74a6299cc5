"""Interface texts in every language that has a catalog, and how a user's language is chosen.

The texts live in gettext catalogs (:mod:`eventbot.bot.i18n.catalogs`), read once at import.
``t`` fills a text, ``tn`` one with plural forms; a text a catalog lacks shows in English.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from babel import Locale
from babel.lists import format_list
from babel.numbers import format_decimal

from eventbot.bot.i18n.catalogs import LanguageCatalog, Message, folder_of, load_catalogs
from eventbot.bot.i18n.particles import fill, has_particles

logger = logging.getLogger(__name__)

# The first four in this order (the project's own), then the others alphabetically.
_FIRST = ("ko", "en", "ja", "zh")
LANGUAGES: Mapping[str, LanguageCatalog] = load_catalogs()
SUPPORTED: tuple[str, ...] = (*(c for c in _FIRST if c in LANGUAGES),
                              *sorted(c for c in LANGUAGES if c not in _FIRST))
# key -> text per language (plural texts: their forms), for tests and tools.
CATALOGS: Mapping[str, Mapping[str, Message]] = {
    code: catalog.messages for code, catalog in LANGUAGES.items()}
_ENGLISH = LANGUAGES["en"]
# zh is Simplified Chinese (the language KBs have used), zh-Hant Traditional.
_BABEL_OVERRIDES = {"ko": "ko_KR", "en": "en", "ja": "ja_JP", "zh": "zh_Hans_CN",
                    "zh-Hant": "zh_Hant_TW"}
# Babel locales for dates and numbers: plain English keeps day-month order neutral.
BABEL_LOCALES: Mapping[str, str] = {
    code: _BABEL_OVERRIDES.get(code, folder_of(code)) for code in SUPPORTED}


_NAME_OVERRIDES = {"zh": "中文", "id": "Bahasa Indonesia"}  # as speakers name them in a menu


def _native_name(code: str) -> str:
    if code in _NAME_OVERRIDES:
        return _NAME_OVERRIDES[code]
    name = Locale.parse(folder_of(code)).get_display_name(folder_of(code)) or code
    return name[:1].upper() + name[1:]


LANGUAGE_NAMES: Mapping[str, str] = {code: _native_name(code) for code in SUPPORTED}


def _day_first(code: str) -> bool:
    pattern: str = Locale.parse(BABEL_LOCALES[code]).date_formats["short"].pattern
    return pattern.find("d") < pattern.find("M")


# Whether "3/9" is the 3rd of September (es, ru, vi …) or March 9th (en, ko, ja, zh), as
# each language writes a short date (Babel's CLDR data).
DAY_FIRST: Mapping[str, bool] = {code: _day_first(code) for code in SUPPORTED}
# Templates that choose a Korean particle need the slower formatter (see particles.py).
_WITH_PARTICLES: frozenset[str] = frozenset(
    text for catalog in LANGUAGES.values() for message in catalog.messages.values()
    for text in ((message,) if isinstance(message, str) else message) if has_particles(text))


def _fill(template: str, values: dict[str, object]) -> str:
    if not values:
        return template
    return fill(template, values) if template in _WITH_PARTICLES else template.format(**values)


def _lookup(lang: str, key: str) -> tuple[LanguageCatalog, Message] | None:
    """Return the catalog that has ``key`` (``lang``'s, else English's) and its text."""
    catalog = LANGUAGES.get(lang, _ENGLISH)
    message = catalog.messages.get(key)
    if message is None:
        catalog, message = _ENGLISH, _ENGLISH.messages.get(key)
    if message is None:
        logger.error("missing interface text %r", key)
        return None
    return catalog, message


def t(lang: str, key: str, /, **values: object) -> str:
    """Return the text for ``key`` in ``lang`` (English if missing), with values filled in."""
    found = _lookup(lang, key)
    if found is None:
        return key
    catalog, message = found
    if not isinstance(message, str):  # a plural text asked without a number: its "other"
        message = message[catalog.plural(2)] if len(message) > 1 else message[0]
    return _fill(message, values)


def tn(lang: str, key: str, count: int, /, **values: object) -> str:
    """Return the plural form of ``key`` that fits ``count`` in ``lang``, filled in.

    ``count`` is also a value of the text, formatted for the language (1,234).
    """
    found = _lookup(lang, key)
    if found is None:
        return key
    catalog, message = found
    forms = (message,) if isinstance(message, str) else message
    form = forms[min(catalog.plural(count), len(forms) - 1)]
    values.setdefault("count", format_decimal(count, locale=BABEL_LOCALES.get(lang, "en")))
    return _fill(form, values)


def language_list(reader: str, codes: Sequence[str]) -> str:
    """Name the languages ``codes`` in the reader's language: "Korean, English and Thai"."""
    locale = BABEL_LOCALES.get(reader, "en")
    names = [Locale.parse(folder_of(code)).get_display_name(locale) or code for code in codes]
    return format_list(names, locale=locale)


def supported(code: str | None) -> str | None:
    """Map a Telegram language_code such as 'zh-hans' or 'en-US' to a supported language."""
    if not code:
        return None
    parts = code.replace("_", "-").lower().split("-")
    base = parts[0]
    if base == "zh" and "zh-Hant" in LANGUAGES and (
            "hant" in parts or {"tw", "hk", "mo"} & set(parts[1:])):
        return "zh-Hant"
    return base if base in LANGUAGES else None


_SCRIPTS = frozenset({"ko", "ja", "zh", "zh-Hant", "th", "ru"})  # scripts that say a language
_HAN = frozenset({"zh", "zh-Hant"})


def choose_language(
    stored: str | None,
    telegram_code: str | None,
    question_script: str | None,
    default: str,
    available: Sequence[str] = SUPPORTED,
) -> str:
    """Pick the reply language: stored choice, the question's script, Telegram's, default.

    Someone whose Telegram language, or whose question's script, the event doesn't offer gets
    English when it is offered.

    A question in Hangul, kana, Han, Thai or Cyrillic is answered in Korean, Japanese, Chinese,
    Thai or Russian whatever the phone's language, unless the user chose one with /language;
    Latin letters say nothing (English, Spanish, Vietnamese …), and kanji alone from a Japanese
    phone stay Japanese, Han from a phone set to Traditional Chinese stays Traditional, and
    Traditional characters (喺邊度, 會場) get Traditional Chinese where the event offers it.
    """
    telegram = supported(telegram_code)
    script = question_script if question_script in _SCRIPTS else None
    if script in _HAN and telegram == "ja":
        script = "ja"  # kanji from a Japanese phone (東京駅 reads as Traditional)
    if script == "zh" and telegram == "zh-Hant":
        script = telegram  # 午餐: no character tells, the phone does
    if script in _HAN and script not in available:
        other = "zh-Hant" if script == "zh" else "zh"
        script = other if other in available else script  # Han at an event of the other
    for candidate in (stored, script, telegram, question_script):
        if candidate and candidate in available:
            return candidate
    # A phone set to, or a question written in, a language the event doesn't offer (French,
    # Russian at a ko/en event): English, the lingua franca of international events, serves
    # better than the host's language.
    # (Han alone may be Japanese kanji: at a ja/ko event it gets the default, as before)
    unoffered = (telegram_code and supported(telegram_code) not in available) or (
        script not in {None, *_HAN} and script not in available)
    if unoffered and "en" in available:
        return "en"
    return default
