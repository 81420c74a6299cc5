"""Read the translation catalogs (gettext ``.po`` files) once, at start-up.

English is the source: ``en.py`` holds every interface text by key, and a Babel extractor
(:mod:`eventbot.bot.i18n.extract`) writes them to ``locale/eventbot.pot`` with the key as the
message context. Each other language is ``locale/<lang>/LC_MESSAGES/eventbot.po``, which a
translator edits in Poedit or Weblate; a language is supported when its catalog exists. A text
with plural forms is a tuple in ``en.py`` (one, other) and has ``msgstr[n]`` in a catalog.
"""

from __future__ import annotations

import gettext
import io
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from eventbot.bot.i18n.en import MESSAGES as ENGLISH

logger = logging.getLogger(__name__)

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "eventbot"
SOURCE_LANGUAGE = "en"
# A header line that says a catalog was drafted by a machine and awaits a translator's review.
MACHINE_DRAFTED = "X-Machine-Drafted"

Message = str | tuple[str, ...]  # a text, or its plural forms in the catalog's order


@dataclass(frozen=True)
class LanguageCatalog:
    """One language's texts by key, and how it chooses a plural form for a number."""

    lang: str
    messages: Mapping[str, Message]
    plural: Callable[[int], int]
    machine_drafted: bool = False


def code_of(folder: str) -> str:
    """Return the bot's language code for a catalog folder: ``zh_Hant`` -> ``zh-Hant``."""
    return folder.replace("_", "-")


def folder_of(code: str) -> str:
    """Return the catalog folder for a language code: ``zh-Hant`` -> ``zh_Hant``."""
    return code.replace("-", "_")


def _english() -> LanguageCatalog:
    return LanguageCatalog(SOURCE_LANGUAGE, dict(ENGLISH), lambda n: 0 if n == 1 else 1)


def _plural_function(catalog: Catalog) -> Callable[[int], int]:
    expression = catalog.plural_expr or "0"
    return gettext.c2py(expression)


def read_catalog(path: Path, lang: str) -> LanguageCatalog:
    """Read one ``.po`` file; untranslated and fuzzy entries are left out (English shows)."""
    raw = path.read_bytes()
    catalog = read_po(io.BytesIO(raw), locale=folder_of(lang), domain=DOMAIN)
    messages: dict[str, Message] = {}
    for message in catalog:
        key = message.context
        if not key or message.fuzzy or not message.string:
            continue
        if isinstance(message.string, tuple | list):
            forms = tuple(message.string)
            if all(forms):
                messages[key] = forms
        else:
            messages[key] = message.string
    # Babel keeps only the headers it knows: read this one from the file itself.
    drafted = re.search(rb'^"' + MACHINE_DRAFTED.encode() + rb':\s*(yes|true|1)\b', raw,
                        re.MULTILINE | re.IGNORECASE) is not None
    return LanguageCatalog(lang, messages, _plural_function(catalog), drafted)


def load_catalogs(locale_dir: Path = LOCALE_DIR) -> dict[str, LanguageCatalog]:
    """Return every language's catalog, English (the source) included."""
    catalogs = {SOURCE_LANGUAGE: _english()}
    for path in sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
        lang = code_of(path.parent.parent.name)
        catalogs[lang] = read_catalog(path, lang)
    return catalogs


def missing(catalog: LanguageCatalog) -> list[str]:
    """Return the keys a catalog has no translation for (English shows instead)."""
    return [key for key in ENGLISH if key not in catalog.messages]
