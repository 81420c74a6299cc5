"""``eventbot run``: load config and knowledge base, then poll or serve a webhook until stopped."""

from __future__ import annotations

import asyncio
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
from eventbot.bot.config import Config, ConfigError, bot_token, load_config, redact
from eventbot.bot.inbox.polling import TokenRefused, run_polling
from eventbot.bot.services import KnowledgeHolder, Semantic

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


def configure_logging(level: str, token: str | None = None) -> None:
    """Log to stderr; keep HTTP client logs quiet; the bot token never reaches a log line."""
    logging.basicConfig(
        level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr
    )
    for noisy in ("httpx", "httpcore", "apscheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    for handler in logging.getLogger().handlers:  # handler filters see propagated records too
        handler.addFilter(_no_bootstrap_traceback)
        handler.addFilter(TokenRedactor(token))


class TokenRedactor(logging.Filter):
    """Replace the bot token (and anything shaped like one) in a record and its traceback.

    PTB logs the Bot API URL, which holds the token, at DEBUG; httpx and error messages carry
    it too. The record is rewritten in place, so every handler after this one sees it redacted.
    """

    def __init__(self, token: str | None) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact the message, its arguments and any traceback; keep the record."""
        message = record.getMessage()
        clean = redact(message, self._token)
        if clean != message:
            record.msg, record.args = clean, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, self._token)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, self._token)
        return True


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
    configure_logging(config.log_level, token)
    semantic = Semantic.from_config(config.matching, sys.stderr)
    knowledge = KnowledgeHolder.load_or_report(config.knowledge_path, sys.stderr, semantic)
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
    # Both install SIGINT/SIGTERM handlers, call post_init and post_shutdown (closing the DB).
    # Polling is the inbox's own loop (eventbot/bot/inbox): each batch stored before Telegram
    # is told it arrived; a webhook update is stored before PTB's server answers 200.
    try:
        if webhook is None:
            asyncio.run(run_polling(app, allowed_updates=Update.ALL_TYPES,
                                    interval=config.telegram.poll_interval_seconds))
        else:
            app.run_webhook(
                listen=webhook.listen, port=webhook.port,
                url_path=urlsplit(webhook.url).path.lstrip("/"), webhook_url=webhook.url,
                secret_token=webhook.secret_token, allowed_updates=Update.ALL_TYPES,
            )
    except TokenRefused as exc:
        # Alive but deaf helps nobody: exit with an error so the supervisor restarts the bot.
        print(redact(f"eventbot: the Bot API at {config.telegram.api_base_url} refused the bot "
                     f"token while polling ({exc}): check TELEGRAM_BOT_TOKEN and "
                     "TELEGRAM_API_BASE_URL; stopping", token), file=sys.stderr)
        return EXIT_USAGE
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
    return redact("eventbot: " + text, token)


def _clock(config: Config, knowledge: KnowledgeHolder, at: str | None) -> Clock | None:
    if not at:
        return system_clock
    tz = ZoneInfo(config.timezone) if config.timezone else knowledge.kb.tz
    try:
        return shifted_clock(parse_moment(at, tz))
    except ValueError:
        return None
