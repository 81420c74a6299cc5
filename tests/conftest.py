"""Shared test set-up."""

from __future__ import annotations

import os

# RetryAfter warns about its timedelta API unless this is set, and warnings are errors here.
os.environ.setdefault("PTB_TIMEDELTA", "1")
