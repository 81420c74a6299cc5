"""JSON Schema of a knowledge-base file, for editors with the YAML language server."""

from __future__ import annotations

from typing import Any

from eventbot.bot.kb.models import KnowledgeFile


def knowledge_json_schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of one knowledge-base file."""
    schema = KnowledgeFile.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://eventbot.invalid/schema/knowledge-file.json"
    schema["description"] = (
        "One YAML file of an eventbot knowledge base. A knowledge base is a folder of such "
        "files; each section (event, venues, sessions, side_events, pavilions, exhibitors, "
        "faq) may live in any file, and lists are concatenated."
    )
    return schema
