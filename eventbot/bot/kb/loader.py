"""Load a knowledge-base folder: parse, validate item by item, cross-check, report all."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from eventbot.bot.kb.base import KnowledgeBase
from eventbot.bot.kb.folder import find_yaml_files
from eventbot.bot.kb.models import (
    Event,
    Exhibitor,
    Faq,
    Item,
    KnowledgeFile,
    Organisation,
    Pavilion,
    Person,
    Session,
    SideEvent,
    Venue,
)
from eventbot.bot.kb.problems import FieldPath, KnowledgeBaseError, Problem
from eventbot.bot.kb.types import LanguageContext
from eventbot.bot.kb.validate import Placed, check_event, check_items, did_you_mean, problem_at
from eventbot.bot.kb.yamlsource import SourceFile, read_yaml, read_yaml_fast

logger = logging.getLogger(__name__)

SECTIONS: dict[str, type[BaseModel]] = {
    "venues": Venue, "sessions": Session, "side_events": SideEvent,
    "pavilions": Pavilion, "exhibitors": Exhibitor, "faq": Faq, "people": Person,
    "organisations": Organisation,
}


def load_knowledge(path: Path | str) -> KnowledgeBase:
    """Load and validate a knowledge base, or raise with every problem found."""
    kb, problems = check_knowledge(path)
    if kb is None:
        raise KnowledgeBaseError(problems)
    return kb


def check_knowledge(path: Path | str) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Load a knowledge base; return it (None if invalid) and every problem, sorted."""
    root = Path(path)
    # A valid KB needs no line numbers: try the fast reader, and re-read carefully to
    # explain any problem with its exact line.
    kb, problems = _check(root, fast=True)
    if kb is None:
        kb, problems = _check(root, fast=False)
    return kb, problems


def _check(root: Path, *, fast: bool) -> tuple[KnowledgeBase | None, list[Problem]]:
    files, problems = _read_files(root, fast=fast)
    if fast and problems:
        return None, problems
    ctx = _language_context(files)
    events: list[tuple[Event, SourceFile]] = []
    placed: list[Placed] = []
    # Ids of items already reported invalid, and ids written in files that could not be read:
    # a reference to either is not reported again (one syntax error, not 23 unknown venues).
    unresolved: set[str] = _ids_in_unreadable(root, {p.file for p in problems}, files)
    synonyms: list[tuple[str, ...]] = []
    for src in files:
        problems.extend(_validate_file(src, ctx, events, placed, unresolved, synonyms))
    event = events[0][0] if events else None
    declared = any(isinstance(src.data, dict) and "event" in src.data for src in files)
    if not declared and files:
        problems.append(Problem(files[0].name, 1, "event",
                                "no 'event' section in any file of the knowledge base"))
    for _, src in events[1:]:
        first = events[0][1]
        problems.append(problem_at(src, ("event",),
                                   f"the event is defined twice (first in {first.name})"))
    if event is not None:
        problems.extend(check_event(event, events[0][1], ("event",)))
    problems.extend(check_items(event, placed, unresolved))
    # The root cause first: a file that cannot be read explains what follows.
    problems.sort(key=lambda p: (p.path != "(file)", p))
    if problems or event is None:
        return None, problems
    kb = _assemble(event, placed, synonyms)
    logger.debug("knowledge base loaded from %s: %s", root, kb.summary())
    return kb, []


_ID_LINE = re.compile(r"^[\s-]*id:\s*['\"]?([a-z0-9][a-z0-9_-]{0,47})['\"]?\s*(?:#.*)?$", re.M)


def _ids_in_unreadable(root: Path, failed: set[str], files: list[SourceFile]) -> set[str]:
    """Return the ids written in the KB files that failed to parse, read line by line."""
    read = {src.name for src in files}
    base = root.parent if root.is_file() else root
    found: set[str] = set()
    for name in failed - read:
        path = base / name
        if not path.is_file():  # a folder, or a FIFO that would block the read
            continue
        try:
            found.update(_ID_LINE.findall(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError):
            continue
    return found


def _read_files(root: Path, *, fast: bool) -> tuple[list[SourceFile], list[Problem]]:
    problems: list[Problem] = []
    if root.is_file():
        paths, base = [root], root.parent
    elif root.is_dir():
        paths, problems = find_yaml_files(root)
        base = root
    else:
        return [], [Problem(str(root), 1, "(file)", "no such file or folder")]
    if not paths and not problems:
        return [], [Problem(str(root), 1, "(file)", "no .yaml or .yml files in this folder")]
    if fast and problems:
        return [], problems
    files: list[SourceFile] = []
    for file_path in paths:
        name = file_path.relative_to(base).as_posix()
        if fast:
            quick = read_yaml_fast(file_path, name)
            if quick is None:
                return [], [Problem(name, 1, "(file)", "needs the careful reader")]
            files.append(quick)
            continue
        src, found = read_yaml(file_path, name)
        problems.extend(found)
        if src is not None:
            files.append(src)
    return files, problems


def _language_context(files: list[SourceFile]) -> LanguageContext:
    """Read the event's language settings leniently, before anything is validated."""
    for src in files:
        event = src.data.get("event") if isinstance(src.data, dict) else None
        if not isinstance(event, dict):
            continue
        default = event.get("default_language")
        default = default if isinstance(default, str) else "ko"
        languages = _str_list(event.get("languages"))
        required = _str_list(event.get("required_languages")) or (default,)
        return LanguageContext(default, languages, required)
    return LanguageContext()


def _str_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    return ()


def _validate_file(
    src: SourceFile, ctx: LanguageContext,
    events: list[tuple[Event, SourceFile]], placed: list[Placed], unresolved: set[str],
    synonyms: list[tuple[str, ...]],
) -> list[Problem]:
    """Validate each section and item of one file on its own, so one error hides nothing."""
    if src.data is None:
        return []
    if not isinstance(src.data, dict):
        return [problem_at(src, (), "a knowledge-base file must be a mapping of sections "
                           f"({', '.join(KnowledgeFile.model_fields)})")]
    problems: list[Problem] = []
    context = {"languages": ctx}
    for key, value in src.data.items():
        if key == "event":
            event = _validate(Event, value, ("event",), src, context, problems)
            if isinstance(event, Event):
                events.append((event, src))
            continue
        if key == "synonyms":
            problems.extend(_read_synonyms(value, src, synonyms))
            continue
        model = SECTIONS.get(key)
        if model is None:
            hint = did_you_mean(str(key), KnowledgeFile.model_fields)
            problems.append(problem_at(src, (str(key),), f"unknown section '{key}'{hint}"))
            continue
        if value is None:
            continue
        if not isinstance(value, list):
            problems.append(problem_at(src, (key,), f"'{key}' must be a list of items"))
            continue
        for index, raw in enumerate(value):
            path = (key, index)
            item = _validate(model, raw, path, src, context, problems)
            if item is None:
                # Remember the id so references to this item don't cascade into more errors.
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    unresolved.add(raw["id"])
                continue
            placed.append(Placed(item, src, path))  # type: ignore[arg-type]
            if isinstance(item, Venue):
                for r, room in enumerate(item.rooms):
                    placed.append(Placed(room, src, (*path, "rooms", r)))
    return problems


def _read_synonyms(value: Any, src: SourceFile, out: list[tuple[str, ...]]) -> list[Problem]:
    """Collect groups of synonyms: a list of lists of at least two words or phrases."""
    if value is None:
        return []
    if not isinstance(value, list):
        return [problem_at(src, ("synonyms",), "'synonyms' must be a list of word lists, "
                           "such as [[badge, accreditation, 명찰], [toilet, restroom]]")]
    problems = []
    for index, group in enumerate(value):
        words = [str(w).strip() for w in group] if isinstance(group, list) else []
        if (not isinstance(group, list) or len(words) < 2 or not all(words)
                or not all(isinstance(w, str | int | float) for w in group)):
            problems.append(problem_at(src, ("synonyms", index),
                                       "expected a list of at least two words or phrases"))
            continue
        out.append(tuple(words))
    return problems


def _validate(
    model: type[BaseModel], raw: Any, path: FieldPath, src: SourceFile,
    context: dict[str, Any], problems: list[Problem],
) -> BaseModel | None:
    try:
        return model.model_validate(raw, context=context)
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            loc = (*path, *error["loc"])
            problems.append(problem_at(src, loc, _explain(error, model)))
        return None


def _explain(error: ErrorDetails, model: type[BaseModel]) -> str:
    """Turn a pydantic error into a sentence an organiser understands."""
    kind, loc, value = error["type"], error["loc"], error.get("input")
    name = loc[-1] if loc else ""
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        parent = _model_at(model, loc[:-1])
        hint = did_you_mean(str(name), parent.model_fields) if parent else ""
        return f"unknown key '{name}'{hint}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if kind in {"less_than_equal", "greater_than_equal"} and name in {"lat", "lon"}:
        what = "latitude" if name == "lat" else "longitude"
        bound = 90 if name == "lat" else 180
        return f"{what} {value} is out of range (-{bound} to {bound})"
    if kind == "string_pattern_mismatch":
        if name == "daily_hours":
            return f"'{value}' is not opening hours like 10:00-17:00 (or 10:00-12:00, 14:00-17:00)"
        if len(loc) >= 2 and loc[-2] == "hours_on":
            return (f"'{value}' is not a day's opening hours like 09:30-16:00 (or 09:30-12:00, "
                    "14:00-16:00), nor closed")
        if name in {"id", "venue", "room", "pavilion", "organisation"} or (
                len(loc) >= 2 and loc[-2] == "speakers"):
            return (f"'{value}' is not a valid id: use lower-case letters, digits, '-' and '_' "
                    "(at most 48)")
        return f"'{value}' is not a language code (use ko, en, ja, zh …)"
    if kind.startswith("date"):
        return f"'{value}' is not a date like 2025-09-01"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"expected a whole number, got '{value}'"
    if kind in {"float_type", "float_parsing"}:
        return f"expected a number, got '{value}'"
    if kind in {"bool_type", "bool_parsing"}:
        return f"expected true or false, got '{value}'"
    if kind == "string_type":
        return "expected text"
    if kind == "list_type":
        return "expected a list"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "expected a mapping of fields"
    message = str(error["msg"])
    return message[:1].lower() + message[1:]


def _model_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    """Return the model class that validates the value at ``loc`` inside ``model``."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if _is_model(current) else None
        if field is None:
            return None
        current = _unwrap(field.annotation)
    return current if _is_model(current) else None


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _unwrap(annotation: Any) -> Any:
    """Find the model inside list[X] or X | None."""
    if _is_model(annotation):
        return annotation
    for arg in get_args(annotation):
        found = _unwrap(arg)
        if found is not None:
            return found
    return None if get_origin(annotation) is not None else annotation


def _assemble(
    event: Event, placed: list[Placed], synonyms: list[tuple[str, ...]]
) -> KnowledgeBase:
    by_kind: dict[type[Item], dict[str, Any]] = {}
    for p in placed:
        by_kind.setdefault(type(p.item), {})[p.item.id] = p.item
    venues: dict[str, Venue] = by_kind.get(Venue, {})
    return KnowledgeBase(
        event=event,
        venues=venues,
        sessions=by_kind.get(Session, {}),
        side_events=by_kind.get(SideEvent, {}),
        pavilions=by_kind.get(Pavilion, {}),
        exhibitors=by_kind.get(Exhibitor, {}),
        faq=by_kind.get(Faq, {}),
        room_venue={room.id: v.id for v in venues.values() for room in v.rooms},
        people=by_kind.get(Person, {}),
        organisations=by_kind.get(Organisation, {}),
        synonyms=tuple(synonyms),
    )
