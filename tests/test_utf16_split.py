"""One splitter, counting as Telegram counts (UTF-16 units), never leaving a tag unbalanced."""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from eventbot.bot.emulator._formatting import parse_html
from eventbot.bot.relay.worker import relay_of
from eventbot.bot.render.split import (
    CAPTION_LIMIT,
    TELEGRAM_LIMIT,
    split_html,
    truncate_utf16,
    utf16_len,
    utf16_prefix,
)
from eventbot.bot.tips import TipContent
from tests.bot_harness import running_bot
from tests.paths import SAMPLE_KB

EMOJI = "😀"  # outside the Basic Multilingual Plane: two UTF-16 units, one Python character


def visible(markup: str) -> str:
    """Return the text Telegram shows for ``markup`` (raises if Telegram would refuse it)."""
    text, _ = parse_html(markup)
    return text


def test_emoji_count_twice() -> None:
    assert utf16_len(EMOJI * 3) == 6
    assert utf16_len("한국어 abc") == 7
    assert utf16_prefix(EMOJI * 3, 5) == 2  # never half a surrogate pair
    assert truncate_utf16(EMOJI * 600, 1000) == EMOJI * 499 + "…"
    assert truncate_utf16("short", 10) == "short"


def test_emoji_text_is_split_by_utf16_units() -> None:
    markup = escape(EMOJI * 3000)  # 3,000 characters, 6,000 units: over the limit
    chunks = split_html(markup)
    assert len(chunks) == 2
    assert all(utf16_len(chunk) <= TELEGRAM_LIMIT for chunk in chunks)
    assert "".join(chunks) == markup


def test_a_long_code_line_is_closed_and_reopened_at_the_cut() -> None:
    line = f"<code>{escape('kb/faq.yaml:12: answer: ' + 'x' * 5000)}</code>"
    chunks = split_html(f"❌ 1 problem:\n{line}")
    assert len(chunks) >= 2
    for chunk in chunks:
        assert utf16_len(chunk) <= TELEGRAM_LIMIT
        visible(chunk)  # balanced: Telegram would parse every message
    assert all(c.startswith("<code>") and c.endswith("</code>") for c in chunks[1:])
    assert "".join(visible(c) for c in chunks[1:]).count("x") == 5000


def test_a_pre_block_over_many_lines_is_split_between_lines_and_stays_balanced() -> None:
    block = "<pre>" + "\n".join(f"line {i} " + EMOJI * 40 for i in range(200)) + "</pre>"
    chunks = split_html(block)
    assert len(chunks) > 1
    for chunk in chunks:
        assert utf16_len(chunk) <= TELEGRAM_LIMIT
        assert chunk.startswith("<pre>") and chunk.endswith("</pre>")
        assert visible(chunk).split("\n")[0].startswith("line ")  # cut at line breaks


def test_a_long_line_is_cut_at_a_space() -> None:
    chunks = split_html("word " * 30, limit=40)
    assert all(chunk.endswith("word ") for chunk in chunks)


_TAGS = ("b", "i", "code", "u", "s")
_TEXT = st.text(alphabet=st.sampled_from(["a", " ", "\n", "<", "&", "é", EMOJI, "한"]),
                max_size=60)


@st.composite
def html_markup(draw: st.DrawFn) -> str:
    """Valid Telegram HTML: escaped Unicode text in (possibly nested) tags, over many lines."""
    pieces = []
    for _ in range(draw(st.integers(0, 12))):
        text = escape(draw(_TEXT), quote=False)
        for tag in draw(st.lists(st.sampled_from(_TAGS), max_size=2, unique=True)):
            text = f"<{tag}>{text}</{tag}>"
        pieces.append(text)
    return draw(st.sampled_from(["", "\n"])).join(pieces)


@given(html_markup(), st.integers(min_value=40, max_value=120))
def test_every_chunk_fits_parses_and_nothing_visible_is_lost(markup: str, limit: int) -> None:
    chunks = split_html(markup, limit=limit)
    for chunk in chunks:
        assert utf16_len(chunk) <= limit
    shown = "".join(visible(chunk) for chunk in chunks)
    assert "".join(shown.split()) == "".join(visible(markup).split())


# -- where long texts come from --------------------------------------------------------------

NEWSROOM = -100555
ORGANISER = 900


async def test_tip_with_five_500_emoji_items_is_shown_in_messages_telegram_accepts(
        tmp_path: Path) -> None:
    async with running_bot(tmp_path, tips={"newsroom_chat_id": NEWSROOM}) as bot:
        bot.emu.group(NEWSROOM, "Newsroom")
        worker = relay_of(bot.app)
        assert worker is not None
        await worker.stop()  # only the /tip reply goes to the newsroom here
        store = bot.services.store
        items = [TipContent(chat_id=5, message_id=n, kind="text", text=f"{n}" + EMOJI * 500)
                 for n in range(1, 6)]
        added = await store.create_tip(5, "en", items[0])
        for item in items[1:]:
            await store.add_to_tip(added.tip_id, item, addition=True)
        mark = bot.emu.mark()
        bot.emu.user(ORGANISER, language_code="en").send_command(
            "/tip", "T-0001", chat_id=NEWSROOM)
        await bot.emu.wait_for(lambda: any(
            "5. text" in (m.text or "") for m in bot.emu.bot_messages(NEWSROOM, since=mark)))
        shown = [m.text or "" for m in bot.emu.bot_messages(NEWSROOM, since=mark)]
        assert all(utf16_len(text) <= TELEGRAM_LIMIT for text in shown)
        text = "\n".join(shown)
        assert all(f"{n}. text: {n}{EMOJI}" in text for n in range(1, 6))


def live_kb(tmp_path: Path) -> Path:
    """A copy of the sample knowledge base that the test then breaks."""
    folder = tmp_path / "live-kb"
    shutil.copytree(SAMPLE_KB, folder)
    return folder


def break_kb(folder: Path, faq_items: int, venue: str = "icc-jejuu") -> None:
    """Give a session an unknown venue, and add ``faq_items`` FAQ with a bogus field each."""
    programme = folder / "programme.yaml"
    programme.write_text(programme.read_text(encoding="utf-8").replace(
        "venue: icc-jeju", f"venue: {venue}", 1), encoding="utf-8")
    faq = folder / "faq.yaml"
    faq.write_text(faq.read_text(encoding="utf-8") + "".join(
        f"\n  - id: faq-bad-{n}\n    question: {{en: Question {n}}}\n"
        f"    answer: {{en: Answer {n}}}\n    bogus_field_{n}: true\n"
        for n in range(faq_items)), encoding="utf-8")


async def test_a_problem_line_over_4096_units_is_split_with_balanced_code_tags(
        tmp_path: Path) -> None:
    folder = live_kb(tmp_path)
    async with running_bot(tmp_path, kb=folder, organisers=[ORGANISER]) as bot:
        break_kb(folder, 0, venue="x" * 5000)
        organiser = bot.emu.user(ORGANISER, language_code="en")
        organiser.send_command("/reload")
        replies = await bot.emu.wait_for(lambda: "".join(
            m.text or "" for m in organiser.bot_messages()).count("x") >= 5000
            and organiser.bot_messages())
        assert len(replies) >= 2
        assert all(utf16_len(m.text or "") <= TELEGRAM_LIMIT for m in replies)
        assert all(m.parse_mode == "HTML" for m in replies)  # the emulator parsed each one
        assert bot.emu.calls_of("sendMessage", ok=False) == []


async def test_a_large_broken_kb_gets_a_summary_and_problems_txt(tmp_path: Path) -> None:
    folder = live_kb(tmp_path)
    async with running_bot(tmp_path, kb=folder, organisers=[ORGANISER]) as bot:
        break_kb(folder, 1500)
        organiser = bot.emu.user(ORGANISER, language_code="en")
        organiser.send_command("/reload")
        (call,) = await bot.emu.wait_for_call("sendDocument", timeout=60)
        replies = organiser.bot_messages()
        assert 1 <= len(replies) <= 3  # it would have been hundreds of messages
        assert all(utf16_len(m.text or "") <= TELEGRAM_LIMIT for m in replies)
        upload = call.params["document"]
        assert upload.filename == "problems.txt"
        problems = upload.content.decode("utf-8").splitlines()
        assert len(problems) >= 1501
        assert f"has {len(problems):,} problems" in replies[0].text
        in_faq = sum(1 for line in problems if "/faq.yaml:" in line)
        assert f"faq.yaml {in_faq:,} · programme.yaml 1" in replies[0].text  # counts per file
        assert problems[0] in replies[0].text and problems[-1] not in replies[-1].text
        assert utf16_len(call.params.get("caption", "")) <= CAPTION_LIMIT
