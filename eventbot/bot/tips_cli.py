"""``eventbot tips export``: write every tip, its items and files' metadata to JSON."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path
from typing import Any

from eventbot.bot.data_cli import add_database_arguments, database_path
from eventbot.bot.storage import Storage, StorageError, utc_now
from eventbot.bot.tips import reference

EXIT_OK = 0
EXIT_INVALID = 2


def add_tips_parser(subparsers: Any) -> None:
    """Add ``tips export [--config FILE | --db PATH] [--out FILE]`` to the CLI's subparsers."""
    tips = subparsers.add_parser("tips", help="news tips: export for archiving")
    actions = tips.add_subparsers(dest="tips_action", required=True)
    export = actions.add_parser("export", help="write tips with their files' metadata as JSON")
    add_database_arguments(export)
    export.add_argument("--out", type=Path, default=None, help="output file (default stdout)")
    export.set_defaults(func=export_command)


def export_command(args: argparse.Namespace) -> int:
    """Run ``tips export``; return the exit code."""
    db_path = database_path(args)
    if db_path is None:
        return EXIT_INVALID
    try:
        data = asyncio.run(export_tips(Path(db_path)))
    except StorageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"{len(data['tips'])} tip(s) written to {args.out}", file=sys.stderr)
    return EXIT_OK


async def export_tips(db_path: Path) -> dict[str, Any]:
    """Return every tip with its items and thread as JSON-ready data."""
    async with Storage.open(db_path, now=utc_now) as store:
        tips = []
        for tip in await store.all_tips():
            items = await store.tip_items(tip.id)
            thread = await store.tip_thread(tip.id)
            tips.append({
                "reference": reference(tip.id), "id": tip.id, "status": tip.status,
                "language": tip.language,  # never who sent it: the archive stays anonymous
                "created_at": tip.created_at.isoformat(), "acknowledged": tip.acked,
                "close_note": tip.close_note,
                "items": [item.as_json() for item in items],
                "thread": [{"event": e.event, "text": e.text, "at": e.at.isoformat()}
                           for e in thread],
            })
    return {"exported_at": utc_now().isoformat(), "tips": tips}
