"""Interface texts in every supported language, and how a user's language is chosen."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from eventbot.bot.i18n import en, ja, ko, zh

logger = logging.getLogger(__name__)

SUPPORTED: tuple[str, ...] = ("ko", "en", "ja", "zh")
CATALOGS: Mapping[str, Mapping[str, str]] = {
    "ko": ko.MESSAGES,
    "en": en.MESSAGES,
    "ja": ja.MESSAGES,
    "zh": zh.MESSAGES,
}
LANGUAGE_NAMES: Mapping[str, str] = {"ko": "한국어", "en": "English", "ja": "日本語", "zh": "中文"}
# Babel locales: Simplified Chinese for zh; plain English keeps day-month order neutral.
BABEL_LOCALES: Mapping[str, str] = {"ko": "ko_KR", "en": "en", "ja": "ja_JP", "zh": "zh_Hans_CN"}


def t(lang: str, key: str, /, **values: object) -> str:
    """Return the text for ``key`` in ``lang`` (English if missing), with values filled in."""
    catalog = CATALOGS.get(lang, CATALOGS["en"])
    template = catalog.get(key) or CATALOGS["en"].get(key)
    if template is None:
        logger.error("missing interface text %r", key)
        return key
    return template.format(**values) if values else template


def supported(code: str | None) -> str | None:
    """Map a Telegram language_code such as 'zh-hans' or 'en-US' to a supported language."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    return base if base in SUPPORTED else None


def choose_language(
    stored: str | None,
    telegram_code: str | None,
    question_script: str | None,
    default: str,
    available: Sequence[str] = SUPPORTED,
) -> str:
    """Pick the reply language: stored choice, the question's script, Telegram's, default.

    A question in Hangul, kana or Han is answered in Korean, Japanese or Chinese whatever the
    phone's language, unless the user chose one with /language; Latin letters say nothing
    (English, Spanish, Vietnamese …), and kanji alone from a Japanese phone stay Japanese.
    """
    telegram = supported(telegram_code)
    script = question_script if question_script in {"ko", "ja", "zh"} else None
    if script == "zh" and telegram == "ja":
        script = "ja"
    for candidate in (stored, script, telegram, question_script):
        if candidate and candidate in available:
            return candidate
    return default
