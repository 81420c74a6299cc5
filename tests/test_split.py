"""Long replies are split under Telegram's limit without breaking tags or entities."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eventbot.bot.render.split import TELEGRAM_LIMIT, split_html


def test_short_text_is_one_message() -> None:
    assert split_html("<b>Hi</b>\nthere") == ["<b>Hi</b>\nthere"]
    assert split_html("") == [""]


def test_splits_between_lines() -> None:
    lines = [f"<b>line {i}</b> " + "x" * 90 for i in range(200)]
    chunks = split_html("\n".join(lines))
    assert all(len(c) <= TELEGRAM_LIMIT for c in chunks)
    assert "\n".join(chunks) == "\n".join(lines)
    assert all(c.count("<b>") == c.count("</b>") for c in chunks)


def test_long_line_never_cut_inside_an_entity() -> None:
    line = "&amp;" * 2000
    chunks = split_html(line)
    assert "".join(chunks) == line
    assert all(c.endswith("&amp;") for c in chunks)
    assert all(len(c) <= TELEGRAM_LIMIT for c in chunks)


# No ">": a complete tag would be closed and reopened at a cut (tests/test_utf16_split.py), and
# a chunk of only spaces is never sent (Telegram refuses an empty message), so compare the rest.
@given(st.text(alphabet=st.sampled_from(list("ab \n<&;b/")), max_size=20_000))
def test_split_loses_nothing(text: str) -> None:
    chunks = split_html(text, limit=50)
    assert all(len(c) <= 50 for c in chunks)
    assert "".join("".join(chunks).split()) == "".join(text.split())
