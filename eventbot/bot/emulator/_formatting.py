"""Turn parse_mode=HTML text into plain text and entities, rejecting what Telegram rejects."""

from __future__ import annotations

import html
from html.parser import HTMLParser

from eventbot.bot.emulator._types import JSONDict

_SIMPLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
_KNOWN_TAGS = {*_SIMPLE_TAGS, "a", "span", "tg-emoji"}
# Telegram only decodes these named entities; anything else is an error.
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class EntityParseError(ValueError):
    """The text is not valid Telegram HTML."""


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _TelegramHTMLParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []
        self._utf16_offset = 0
        self.open: list[tuple[str, int, JSONDict]] = []
        self.entities: list[JSONDict] = []

    def _emit(self, text: str) -> None:
        self.parts.append(text)
        self._utf16_offset += _utf16_len(text)

    def handle_data(self, data: str) -> None:
        # HTMLParser passes a stray "<" through as data; Telegram refuses it.
        if "<" in data:
            raise EntityParseError('Can\'t parse entities: unexpected "<"; escape it as &lt;')
        self._emit(data)

    def handle_entityref(self, name: str) -> None:
        if name not in _NAMED_ENTITIES:
            raise EntityParseError(f"Can't parse entities: unsupported entity &{name};")
        self._emit(_NAMED_ENTITIES[name])

    def handle_charref(self, name: str) -> None:
        self._emit(html.unescape(f"&#{name};"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _KNOWN_TAGS:
            raise EntityParseError(f'Can\'t parse entities: unsupported start tag "{tag}"')
        attributes = dict(attrs)
        entity: JSONDict
        if tag == "a":
            href = attributes.get("href")
            if not href:
                raise EntityParseError("Can't parse entities: a tag needs an href attribute")
            entity = {"type": "text_link", "url": href}
        elif tag == "span":
            if attributes.get("class") != "tg-spoiler":
                raise EntityParseError('Can\'t parse entities: span needs class="tg-spoiler"')
            entity = {"type": "spoiler"}
        elif tag == "tg-emoji":
            entity = {"type": "custom_emoji", "custom_emoji_id": attributes.get("emoji-id", "")}
        elif tag == "blockquote" and "expandable" in attributes:
            entity = {"type": "expandable_blockquote"}
        else:
            entity = {"type": _SIMPLE_TAGS[tag]}
        language = attributes.get("class") or ""
        in_pre = tag == "code" and bool(self.open) and self.open[-1][0] == "pre"
        if in_pre and language.startswith("language-"):
            self.open[-1][2]["language"] = language.removeprefix("language-")
        self.open.append((tag, self._utf16_offset, entity))

    def handle_endtag(self, tag: str) -> None:
        if not self.open:
            raise EntityParseError(f'Can\'t parse entities: unexpected end tag "{tag}"')
        open_tag, start, entity = self.open.pop()
        if open_tag != tag:
            raise EntityParseError(
                f'Can\'t parse entities: unmatched end tag "{tag}", expected "</{open_tag}>"'
            )
        # <pre><code class="language-x"> is one pre entity with a language, as in Telegram.
        inside_pre = tag == "code" and bool(self.open) and self.open[-1][0] == "pre"
        if self._utf16_offset > start and not inside_pre:
            self.entities.append({**entity, "offset": start, "length": self._utf16_offset - start})

    def finish(self) -> tuple[str, list[JSONDict]]:
        self.close()
        if self.rawdata:
            raise EntityParseError(f"Can't parse entities: unfinished markup {self.rawdata!r}")
        if self.open:
            raise EntityParseError(
                "Can't parse entities: can't find end tag corresponding to start tag "
                f'"{self.open[-1][0]}"'
            )
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.parts), self.entities


def parse_html(text: str) -> tuple[str, list[JSONDict]]:
    """Return the plain text and entities of Telegram HTML, or raise EntityParseError."""
    parser = _TelegramHTMLParser()
    parser.feed(text)
    return parser.finish()
