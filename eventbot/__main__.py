"""Allow ``python -m eventbot``."""

from __future__ import annotations

import sys

from eventbot.bot.cli import main

sys.exit(main())
