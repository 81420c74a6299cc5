"""Field types of the knowledge base: multilingual text, aliases and local times.

Each type validates itself with one clear message (a pydantic union would report one
error per union member) and publishes a JSON Schema that editors understand. The event's
languages come from the validation context, so a plain string means "the default language".
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, ClassVar

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationInfo
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"
_LANG_RE = re.compile(LANG_PATTERN)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")
_OFFSET_RE = re.compile(r"(Z|[+-]\d{2}:?\d{2})$")
# Years a date may fall in: any event this bot will serve, and far from datetime's years 1
# and 9999, where the day after, or a timezone conversion, overflows.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def check_year(day: date) -> date:
    """Return ``day``, or raise ValueError when its year is outside the years accepted."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"{day.isoformat()} is outside the years this bot accepts "
                         f"({FIRST_YEAR} to {LAST_YEAR})")
    return day


@dataclass(frozen=True)
class LanguageContext:
    """What the event declares about languages, passed as pydantic validation context."""

    default: str = "ko"
    languages: tuple[str, ...] = ()
    required: tuple[str, ...] = ()


def _context(info: ValidationInfo) -> LanguageContext:
    ctx = info.context
    if isinstance(ctx, dict):
        langs = ctx.get("languages")
        if isinstance(langs, LanguageContext):
            return langs
    return LanguageContext()


def _check_language(lang: object, ctx: LanguageContext) -> str | None:
    """Return what is wrong with a language key, or None."""
    if not isinstance(lang, str) or not _LANG_RE.match(lang):
        return f"'{lang}' is not a language code (use ko, en, ja, zh …)"
    if ctx.languages and lang not in ctx.languages:
        return f"language '{lang}' is not declared in event.languages ({', '.join(ctx.languages)})"
    return None


class _LanguageField:
    """A field validated against the event's languages (from the validation context)."""

    @classmethod
    def _validate(cls, value: Any, info: ValidationInfo) -> Any:
        raise NotImplementedError

    def dump(self) -> object:
        """Return the plain data the field was written as."""
        raise NotImplementedError

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda v: v.dump()),
        )


@dataclass(frozen=True)
class Text(_LanguageField):
    """A human text in one or more languages."""

    values: Mapping[str, str]

    def get(self, lang: str, fallbacks: Sequence[str] = ()) -> str:
        """Return the text in ``lang``, else in the first fallback that has it, else any."""
        for candidate in (lang, *fallbacks):
            value = self.values.get(candidate)
            if value:
                return value
        return next(iter(self.values.values()), "")

    def has(self, lang: str) -> bool:
        """Tell whether the text exists in ``lang``."""
        return bool(self.values.get(lang))

    def all(self) -> Iterator[tuple[str, str]]:
        """Yield (language, text) pairs."""
        yield from self.values.items()

    _EXPECTED: ClassVar[str] = (
        "expected text, or a mapping of language to text such as {ko: ..., en: ...}"
    )

    @classmethod
    def _validate(cls, value: Any, info: ValidationInfo) -> Text:
        ctx = _context(info)
        if isinstance(value, Text):
            return value
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            text = str(value).strip()
            if not text:
                raise ValueError("text is empty")
            values = {ctx.default: text}
        elif isinstance(value, dict):
            if not value:
                raise ValueError("no text given in any language")
            errors: list[str] = []
            values = {}
            for lang, text in value.items():
                wrong = _check_language(lang, ctx)
                if wrong:
                    errors.append(wrong)
                elif not isinstance(text, str | int | float) or isinstance(text, bool):
                    errors.append(f"the {lang} text must be plain text")
                elif not str(text).strip():
                    errors.append(f"the {lang} text is empty")
                else:
                    values[lang] = str(text).strip()
            if errors:
                raise ValueError("; ".join(errors))
        else:
            raise ValueError(cls._EXPECTED)
        missing = [lang for lang in ctx.required if lang not in values]
        if missing:
            note = ""
            if isinstance(value, str):
                note = f" (a plain string counts as {ctx.default} only)"
            raise ValueError(f"missing text in required language(s): {', '.join(missing)}{note}")
        return cls(values)

    def dump(self) -> object:
        """Return the plain data this text was written as."""
        return dict(self.values)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "description": "Text in the default language, or one text per language code.",
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "propertyNames": {"pattern": LANG_PATTERN},
                    "additionalProperties": {"type": "string", "minLength": 1},
                    "minProperties": 1,
                },
            ],
        }


@dataclass(frozen=True)
class Aliases(_LanguageField):
    """Other names people use for an item, per language."""

    values: Mapping[str, tuple[str, ...]]

    def all(self) -> Iterator[tuple[str, str]]:
        """Yield (language, alias) pairs."""
        for lang, names in self.values.items():
            for name in names:
                yield lang, name

    @classmethod
    def empty(cls) -> Aliases:
        """Return an empty alias set."""
        return cls({})

    @classmethod
    def _names(cls, value: Any, where: str) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise ValueError(f"{where}: expected a list of names")
        names = []
        for name in value:
            if not isinstance(name, str | int) or isinstance(name, bool) or not str(name).strip():
                raise ValueError(f"{where}: every alias must be non-empty text")
            names.append(str(name).strip())
        return tuple(names)

    @classmethod
    def _validate(cls, value: Any, info: ValidationInfo) -> Aliases:
        ctx = _context(info)
        if isinstance(value, Aliases):
            return value
        if value is None:
            return cls.empty()
        if isinstance(value, list | str):
            return cls({ctx.default: cls._names(value, "aliases")})
        if not isinstance(value, dict):
            raise ValueError("expected a list of names, or a mapping of language to names")
        errors: list[str] = []
        values: dict[str, tuple[str, ...]] = {}
        for lang, names in value.items():
            wrong = _check_language(lang, ctx)
            if wrong:
                errors.append(wrong)
                continue
            try:
                values[lang] = cls._names(names, str(lang))
            except ValueError as exc:
                errors.append(str(exc))
        if errors:
            raise ValueError("; ".join(errors))
        return cls(values)

    def dump(self) -> object:
        """Return the plain data these aliases were written as."""
        return {lang: list(names) for lang, names in self.values.items()}

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # As the loader reads them: a number is a name ("aliases: [2025]"), none is no aliases.
        name = {"anyOf": [{"type": "string", "minLength": 1}, {"type": "integer"}]}
        names = {"type": "array", "items": name}
        return {
            "description": "Names in the default language, or names per language code.",
            "anyOf": [
                names,
                {"type": "string", "minLength": 1},
                {"type": "null"},
                {
                    "type": "object",
                    "propertyNames": {"pattern": LANG_PATTERN},
                    "additionalProperties": {"anyOf": [names, {"type": "string", "minLength": 1}]},
                },
            ],
        }


@dataclass(frozen=True, order=True)
class LocalTime:
    """A moment in the event's timezone: a date-time, or a whole day."""

    value: datetime
    all_day: bool

    @property
    def day(self) -> date:
        """Return the calendar day."""
        return self.value.date()

    _EXPECTED: ClassVar[str] = (
        "expected a local date-time like '2025-09-01 10:00' or a date like '2025-09-01' (all day)"
    )

    @classmethod
    def _validate(cls, value: Any) -> LocalTime:
        moment = cls._parse(value)
        check_year(moment.day)
        return moment

    @classmethod
    def _parse(cls, value: Any) -> LocalTime:
        if isinstance(value, LocalTime):
            return value
        if isinstance(value, datetime):
            if value.tzinfo is not None:
                raise ValueError("give the local time in the event's timezone, without an offset")
            return cls(value, all_day=False)
        if isinstance(value, date):
            return cls(datetime.combine(value, time()), all_day=True)
        if not isinstance(value, str):
            raise ValueError(cls._EXPECTED)
        text = value.strip()
        try:
            if _DATE_RE.match(text):
                return cls(datetime.combine(date.fromisoformat(text), time()), all_day=True)
            match = _DATETIME_RE.match(text)
            if match:
                day, hour, minute, second = match.groups()
                moment = datetime.combine(
                    date.fromisoformat(day), time(int(hour), int(minute), int(second or 0))
                )
                return cls(moment, all_day=False)
        except ValueError as exc:
            raise ValueError(f"'{text}' is not a real date or time ({exc})") from None
        if _OFFSET_RE.search(text):
            raise ValueError("give the local time in the event's timezone, without an offset")
        raise ValueError(f"'{text}': {cls._EXPECTED}")

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._validate,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda t: t.value.date().isoformat() if t.all_day else t.value.isoformat(" ")
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "description": "Local time in the event timezone ('2025-09-01 10:00'), "
            "or a date for a whole day ('2025-09-01').",
            "type": "string",
            "pattern": r"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?)?$",
        }
