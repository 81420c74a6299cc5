"""Telegram I/O: read the update, call the core, reply."""
