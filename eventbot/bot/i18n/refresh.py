"""Refresh the template and every catalog from en.py: ``python -m eventbot.bot.i18n.refresh``.

Babel's ``pybabel extract`` and ``pybabel update`` do the work; this only runs them with the
project's options and puts back the ``X-Machine-Drafted`` header, which ``update`` drops
because Babel keeps only the headers it knows.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.frontend import CommandLineInterface

from eventbot.bot.i18n.catalogs import DOMAIN, LOCALE_DIR, MACHINE_DRAFTED

ROOT = LOCALE_DIR.parents[3]  # the checkout: babel.cfg names files relative to it
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
_DRAFTED = re.compile(r'^"' + MACHINE_DRAFTED + r':\s*(yes|true|1)\b', re.MULTILINE | re.I)
_LAST_HEADER = re.compile(r'^"Generated-By: [^"]*"\n', re.MULTILINE)


def refresh(root: Path = ROOT) -> list[Path]:
    """Extract the template, update every catalog, keep drafted marks; return the catalogs."""
    catalogs = sorted(LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    drafted = {path for path in catalogs if _DRAFTED.search(path.read_text(encoding="utf-8"))}
    babel = CommandLineInterface()
    babel.run(["pybabel", "-q", "extract", "-F", str(root / "babel.cfg"), "-o", str(TEMPLATE),
               "--project", "eventbot", "--version", "0.1",
               "--copyright-holder", "the eventbot authors",
               "--msgid-bugs-address", "https://github.com/eventbot/eventbot/issues",
               "--no-location", "--no-wrap", str(root)])  # type: ignore[no-untyped-call]
    babel.run(["pybabel", "-q", "update", "-i", str(TEMPLATE), "-d", str(LOCALE_DIR),
               "-D", DOMAIN, "--no-wrap"])  # type: ignore[no-untyped-call]
    for path in drafted:
        text = path.read_text(encoding="utf-8")
        if not _DRAFTED.search(text):
            text = _LAST_HEADER.sub(lambda m: m[0] + f'"{MACHINE_DRAFTED}: yes\\n"\n', text, 1)
            path.write_text(text, encoding="utf-8")
    return catalogs


if __name__ == "__main__":
    for catalog in refresh():
        print(catalog)
