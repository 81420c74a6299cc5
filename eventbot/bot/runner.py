"""``eventbot run``: load config and knowledge base, then poll or serve a webhook until stopped."""

from __future__ import annotations

import logging
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.error import InvalidToken, NetworkError, TelegramError

from eventbot.bot.app import build_application
from eventbot.bot.clock import Clock, parse_moment, shifted_clock, system_clock
from eventbot.bot.config import Config, ConfigError, bot_token, load_config
from eventbot.bot.services import KnowledgeHolder

logger = logging.getLogger(__name__)
EXIT_OK = 0
EXIT_USAGE = 1
EXIT_INVALID = 2


@dataclass(frozen=True)
class WebhookOptions:
    """Where to listen and the public URL Telegram should post to."""

    listen: str
    port: int
    url: str
    secret_token: str | None


def configure_logging(level: str) -> None:
    """Log to stderr; keep HTTP client logs quiet (their URLs contain the bot token)."""
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    for noisy in ("httpx", "httpcore", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for handler in logging.getLogger().handlers:  # handler filters see propagated records too
        handler.addFilter(_no_bootstrap_traceback)


def _no_bootstrap_traceback(record: logging.LogRecord) -> bool:
    """Drop PTB's traceback when start-up fails: run() says why in one line instead."""
    return "Bootstrap" not in record.getMessage() or record.levelno < logging.ERROR


def run(config_path: Path, *, webhook: WebhookOptions | None = None,
        at: str | None = None) -> int:
    """Run the bot until SIGTERM or SIGINT; return the process exit code."""
    try:
        config = load_config(config_path)
        token = bot_token()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    configure_logging(config.log_level)
    knowledge = KnowledgeHolder.load_or_report(config.knowledge_path, sys.stderr)
    if knowledge is None:
        return EXIT_INVALID
    clock = _clock(config, knowledge, at)
    if clock is None:
        print(f"--at: cannot read '{at}' (use e.g. '2025-09-04 14:00')", file=sys.stderr)
        return EXIT_USAGE
    app = build_application(config, token, knowledge=knowledge, clock=clock)
    # SIGHUP re-reads the knowledge base like /reload; the handler is installed in post_init.
    from eventbot.handlers.organiser import install_reload_signal  # a self-contained seam

    install_reload_signal(app)
    # run_* install SIGINT/SIGTERM handlers, call post_init and post_shutdown (closing the DB).
    try:
        if webhook is None:
            app.run_polling(allowed_updates=Update.ALL_TYPES,
                            poll_interval=config.telegram.poll_interval_seconds)
        else:
            app.run_webhook(
                listen=webhook.listen, port=webhook.port,
                url_path=urlsplit(webhook.url).path.lstrip("/"), webhook_url=webhook.url,
                secret_token=webhook.secret_token, allowed_updates=Update.ALL_TYPES,
            )
    except (TelegramError, sqlite3.Error, OSError) as exc:
        # An ordinary situation at start-up (no network, a wrong token or URL, a locked
        # database): one line that says what to check, never a traceback.
        print(startup_failure(exc, config, token), file=sys.stderr)
        return EXIT_USAGE
    logger.info("bot stopped")
    return EXIT_OK


def startup_failure(exc: BaseException, config: Config, token: str) -> str:
    """Say in one line why the bot could not start and what to check; the token never shows."""
    base = config.telegram.api_base_url
    if isinstance(exc, InvalidToken):
        text = (f"the Bot API at {base} refused the bot token: check TELEGRAM_BOT_TOKEN "
                "(from BotFather) and TELEGRAM_API_BASE_URL")
    elif isinstance(exc, NetworkError):
        text = f"cannot reach the Bot API at {base} ({exc}): check the network and the URL"
    elif isinstance(exc, TelegramError):
        text = f"the Bot API at {base} answered with an error at start-up: {exc}"
    else:
        text = (f"cannot use the database {config.database_path} ({exc}): check that its "
                "folder is writable and that no other bot holds it")
    return "eventbot: " + text.replace(token, "<token>")


def _clock(config: Config, knowledge: KnowledgeHolder, at: str | None) -> Clock | None:
    if not at:
        return system_clock
    tz = ZoneInfo(config.timezone) if config.timezone else knowledge.kb.tz
    try:
        return shifted_clock(parse_moment(at, tz))
    except ValueError:
        return None
