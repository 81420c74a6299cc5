"""`eventbot schema` prints a valid JSON Schema that accepts real files and rejects bad ones."""

from __future__ import annotations

import json
import subprocess
import sys

import jsonschema
import pytest
import yaml

from eventbot.bot.kb import load_knowledge
from eventbot.bot.kb.problems import KnowledgeBaseError
from tests.paths import FIXTURES, ROOT, SAMPLE_KB


class TextTimestampLoader(yaml.SafeLoader):
    """Load YAML as editors see it: numbers are numbers, timestamps stay text."""


TextTimestampLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(path):
    return yaml.load(path.read_text("utf-8"), Loader=TextTimestampLoader)


def schema() -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, "-m", "eventbot", "schema"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    loaded: dict[str, object] = json.loads(result.stdout)
    return loaded


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())


def test_the_committed_schema_is_what_eventbot_schema_prints() -> None:
    # knowledge/*.yaml point their editors at it: regenerate with
    # `eventbot schema > schema/knowledge-file.json` after changing the KB models.
    committed = json.loads((ROOT / "schema" / "knowledge-file.json").read_text("utf-8"))
    assert committed == schema()
    first_line = (SAMPLE_KB / "event.yaml").read_text("utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=../schema/knowledge-file.json"


def test_schema_accepts_valid_files_and_flags_unknown_keys() -> None:
    validator = jsonschema.Draft202012Validator(schema())
    files = [*(FIXTURES / "kb" / "valid").glob("*.yaml"), *SAMPLE_KB.glob("*.yaml"),
             *(FIXTURES / "kb" / "people").glob("*.yaml"),
             *(ROOT / "tests" / "eval").glob("*/kb/*.yaml")]
    for path in files:
        assert list(validator.iter_errors(load(path))) == [], path
    bad = load(FIXTURES / "kb" / "unknown-key" / "kb.yaml")
    assert any("titel" in e.message for e in validator.iter_errors(bad))



@pytest.mark.parametrize(("aliases", "valid"), [
    (["ICC", 2025], True),  # YAML reads "aliases: [ICC, 2025]" so: a number is a name
    (None, True),  # "aliases:" with nothing under it: none
    ({"en": "ICC"}, True),
    (["ICC", ""], False),
    ({"en": ""}, False),
    (["ICC", True], False),
])
def test_schema_and_loader_agree_on_aliases(tmp_path, aliases, valid) -> None:
    venues = yaml.safe_load((SAMPLE_KB / "venues.yaml").read_text("utf-8"))
    venues["venues"][0]["aliases"] = aliases
    for path in SAMPLE_KB.glob("*.yaml"):
        (tmp_path / path.name).write_text(path.read_text("utf-8"), "utf-8")
    (tmp_path / "venues.yaml").write_text(yaml.safe_dump(venues, allow_unicode=True), "utf-8")
    schema_ok = not list(jsonschema.Draft202012Validator(schema()).iter_errors(
        load(tmp_path / "venues.yaml")))
    try:
        load_knowledge(tmp_path)
        loads = True
    except KnowledgeBaseError:
        loads = False
    assert (schema_ok, loads) == (valid, valid)
