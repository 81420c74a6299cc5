"""The deployment kit: no Docker engine runs here, so these check what `docker build` and
`systemd` would read: the files parse, every path they copy exists, the bot runs as a user
of its own, and no secret is written in them or passed on a command line."""

from __future__ import annotations

import re
import shlex

import yaml

from eventbot.bot.config import load_config
from tests.paths import ROOT

SECRET_LIKE = re.compile(r"\d{6,}:[A-Za-z0-9_-]{20,}")  # the shape of a bot token


def instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text("utf-8").replace("\\\n", " ")
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1])
            for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_dockerfile_copies_what_exists_and_runs_as_a_user() -> None:
    steps = instructions()
    kinds = [kind for kind, _ in steps]
    assert kinds[0] == "FROM" and "HEALTHCHECK" in kinds
    for kind, rest in steps:
        if kind == "COPY" and not rest.startswith("--from="):  # not from an earlier stage
            *sources, _ = shlex.split(rest)
            for source in sources:
                assert (ROOT / source).exists(), source
    users = [rest.strip() for kind, rest in steps if kind == "USER"]
    assert users and users[-1] not in {"root", "0"}
    assert kinds.index("USER") < kinds.index("ENTRYPOINT")
    entry = dict(steps)
    assert yaml.safe_load(entry["ENTRYPOINT"]) == ["eventbot"]
    assert yaml.safe_load(entry["CMD"])[:1] == ["run"]
    assert "eventbot" in entry["HEALTHCHECK"]


def test_the_image_config_loads(tmp_path) -> None:
    config = load_config(ROOT / "deploy" / "config.docker.yaml")
    assert config.retention.questions_days and config.database_path.name == "eventbot.sqlite3"


def test_compose_file_takes_the_token_from_a_secret_and_keeps_data_in_a_volume() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text("utf-8"))
    bot = compose["services"]["bot"]
    assert bot["environment"]["TELEGRAM_BOT_TOKEN_FILE"].startswith("/run/secrets/")
    assert "telegram_bot_token" in bot["secrets"]
    assert any(volume.endswith(":/data") for volume in bot["volumes"])
    assert "eventbot-data" in compose["volumes"]


def test_systemd_unit_runs_the_bot_with_its_token_from_a_credential() -> None:
    unit = (ROOT / "deploy" / "eventbot.service").read_text("utf-8")
    exec_start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    assert "eventbot run --config" in exec_start and "TOKEN" not in exec_start
    assert "TELEGRAM_BOT_TOKEN_FILE=%d/" in unit and "User=eventbot" in unit


def test_no_secret_is_written_in_the_kit() -> None:
    for name in ("Dockerfile", "compose.yaml", "deploy/eventbot.service",
                 "deploy/config.docker.yaml", "config.example.yaml"):
        assert not SECRET_LIKE.search((ROOT / name).read_text("utf-8")), name
