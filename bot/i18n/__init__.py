"""Interface texts in every supported language, and how a user's language is chosen."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

from bot.i18n import en, ja, ko, zh

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
    """Pick the reply language: stored choice, Telegram's, the question's script, default."""
    for candidate in (stored, supported(telegram_code), question_script):
        if candidate and candidate in available:
            return candidate
    return default
