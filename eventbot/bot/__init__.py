"""The core: knowledge base, matching, rendering, storage, i18n, and the application's wiring."""

from __future__ import annotations
