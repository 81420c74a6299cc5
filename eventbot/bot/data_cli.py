"""``eventbot backup``, ``restore`` and ``forget``: the database, kept and given back."""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from pathlib import Path
from typing import Any

from eventbot.bot.config import ConfigError, load_config
from eventbot.bot.storage import Storage, StorageError, backup_database, restore_database, utc_now

EXIT_OK = 0
EXIT_INVALID = 2


def add_data_parsers(subparsers: Any) -> None:
    """Add ``backup``, ``restore`` and ``forget`` to the CLI's subparsers."""
    backup = subparsers.add_parser(
        "backup", help="copy the database consistently, even while the bot runs")
    backup.add_argument("path", type=Path, help="the backup file to write")
    restore = subparsers.add_parser(
        "restore", help="replace the database with a backup (stop the bot first)")
    restore.add_argument("path", type=Path, help="the backup file to read")
    forget = subparsers.add_parser(
        "forget", help="delete everything stored about one Telegram user")
    forget.add_argument("user_id", type=int, help="the user's numeric Telegram id")
    for command, func in ((backup, _backup), (restore, _restore), (forget, _forget)):
        add_database_arguments(command)
        command.set_defaults(func=func)


def add_database_arguments(command: argparse.ArgumentParser) -> None:
    """Add ``--config FILE | --db FILE``: where a command finds the database."""
    source = command.add_mutually_exclusive_group()
    source.add_argument("--config", type=Path, default=None,
                        help="read the database path from this config (default config.yaml)")
    source.add_argument("--db", type=Path, default=None, help="the database file itself")


def database_path(args: argparse.Namespace, *, must_exist: bool = True) -> Path | None:
    """Return the database path from --db or the config, or None after saying why not."""
    path = args.db
    if path is None:
        try:
            path = load_config(args.config or Path("config.yaml")).database_path
        except ConfigError as exc:
            print(exc, file=sys.stderr)
            return None
    if must_exist and not Path(path).exists():
        print(f"no database at {path}", file=sys.stderr)
        return None
    return Path(path)


def _backup(args: argparse.Namespace) -> int:
    database = database_path(args)
    if database is None:
        return EXIT_INVALID
    try:
        backup_database(database, args.path)
    except (sqlite3.Error, OSError) as exc:
        print(f"backup failed: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print(f"backed up {database} to {args.path}")
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    database = database_path(args, must_exist=False)
    if database is None:
        return EXIT_INVALID
    if not args.path.exists():
        print(f"no backup at {args.path}", file=sys.stderr)
        return EXIT_INVALID
    try:
        restore_database(args.path, database)
    except (sqlite3.Error, OSError) as exc:
        print(f"restore failed, {database} is unchanged: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print(f"restored {database} from {args.path}; start the bot again")
    return EXIT_OK


def _forget(args: argparse.Namespace) -> int:
    database = database_path(args)
    if database is None:
        return EXIT_INVALID
    try:
        counts = asyncio.run(_forget_user(database, args.user_id))
    except StorageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    deleted = ", ".join(f"{kind} {count}" for kind, count in counts.items())
    print(f"forgot user {args.user_id}: {deleted}")
    return EXIT_OK


async def _forget_user(database: Path, user_id: int) -> dict[str, int]:
    async with Storage.open(database, now=utc_now) as store:
        return await store.forget_user(user_id)
