"""End-to-end checks of the Bot API emulator with real python-telegram-bot over real HTTP."""

from __future__ import annotations

import os

# RetryAfter warns about its int retry_after unless this is set; warnings are errors here.
os.environ.setdefault("PTB_TIMEDELTA", "1")

import asyncio
import datetime as dtm
import time
from typing import Any

import pytest
from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllGroupChats,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    Message,
    Update,
)
from telegram.constants import ChatAction, ParseMode
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, RetryAfter, TimedOut
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters
from telegram.request import HTTPXRequest

from eventbot.bot.emulator import CLIENT_GONE, BotAPIEmulator, tiny_png
from tests.emulator_helpers import application_builder, bot_for, free_port, polling

TOKEN = "123456:TEST-TOKEN"
NEWSROOM = -1001234567890


@pytest.fixture
async def emu():
    async with BotAPIEmulator(token=TOKEN, host="127.0.0.1", port=0) as emulator:
        yield emulator


@pytest.fixture
async def bot(emu):
    async with bot_for(emu) as telegram_bot:
        yield telegram_bot


def keyboard(*pairs: tuple[str, str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data)] for text, data in pairs]
    )


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply with the text received."""
    message = update.effective_message
    assert message is not None
    await message.reply_text(f"echo: {message.text}")


# -- plain Bot calls ----------------------------------------------------------------------


async def test_get_me_reports_the_bot_with_username(emu, bot):
    me = await bot.get_me()

    assert me.is_bot
    assert me.username == "eventbot_test_bot"
    assert me.id == 123456
    assert emu.base_url == f"http://127.0.0.1:{emu.port}/bot"
    assert emu.calls_of("getMe")[0].ok


async def test_send_message_with_inline_keyboard_shows_in_bot_messages(emu, bot):
    alice = emu.user(1001, "Alice", language_code="ko")

    sent = await bot.send_message(alice.id, "Pick a day", reply_markup=keyboard(("Mon", "d:1")))

    assert sent.chat.id == alice.id
    assert sent.from_user is not None and sent.from_user.is_bot
    assert sent.reply_markup is not None
    [message] = emu.bot_messages(alice.id)
    assert message.text == "Pick a day"
    assert message.message_id == sent.message_id
    assert message.callback_data("Mon") == "d:1"
    call = emu.calls_of("sendMessage")[0]
    assert call.params["chat_id"] == alice.id  # decoded from the form string
    assert call.params["reply_markup"]["inline_keyboard"][0][0]["text"] == "Mon"


async def test_send_to_unknown_chat_is_chat_not_found(bot):
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(999, "hello?")


async def test_edit_of_missing_message_is_bad_request(emu, bot):
    alice = emu.user(1001, "Alice")

    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("new", chat_id=alice.id, message_id=77)
    sent = await bot.send_message(alice.id, "same")
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("same", chat_id=alice.id, message_id=sent.message_id)
    edited = await bot.edit_message_text("changed", chat_id=alice.id, message_id=sent.message_id)

    assert edited.text == "changed"
    assert emu.bot_messages(alice.id)[0].edited


async def test_copy_forward_and_delete_use_stored_messages(emu, bot):
    alice = emu.user(1001, "Alice")
    emu.group(NEWSROOM, "Newsroom")
    question = alice.send_text("Where is hall B?")["message"]

    forwarded = await bot.forward_message(NEWSROOM, alice.id, question["message_id"])
    copied = await bot.copy_message(NEWSROOM, alice.id, question["message_id"])
    with pytest.raises(BadRequest, match=r"(?i)message to copy not found"):
        await bot.copy_message(NEWSROOM, alice.id, 999)

    assert forwarded.forward_origin is not None
    assert forwarded.forward_origin.sender_user.id == alice.id
    assert forwarded.chat.type == "supergroup"
    newsroom = emu.bot_messages(NEWSROOM)
    assert [m.text for m in newsroom] == ["Where is hall B?", "Where is hall B?"]
    assert newsroom[1].message_id == copied.message_id
    assert await bot.delete_message(NEWSROOM, copied.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to delete not found"):
        await bot.delete_message(NEWSROOM, copied.message_id)
    assert emu.bot_messages(NEWSROOM)[1].deleted


async def test_location_venue_contact_and_media_group_carry_their_content(emu, bot):
    alice = emu.user(1001, "Alice")

    venue = await bot.send_venue(alice.id, 37.5665, 126.978, "Hall B", "1 Main St")
    location = await bot.send_location(alice.id, 37.5, 127.0)
    contact = await bot.send_contact(alice.id, "+8210", "Desk")
    album = await bot.send_media_group(
        alice.id, [InputMediaPhoto(tiny_png(2, 3)), InputMediaPhoto(tiny_png(), caption="map")]
    )

    assert venue.venue is not None and venue.venue.title == "Hall B"
    assert venue.venue.location.latitude == pytest.approx(37.5665)
    assert location.location is not None and location.location.longitude == 127.0
    assert contact.contact is not None and contact.contact.phone_number == "+8210"
    assert len(album) == 2 and album[0].media_group_id == album[1].media_group_id
    assert album[0].photo[-1].width == 2 and album[1].caption == "map"
    assert [m.kind for m in emu.bot_messages(alice.id)] == [
        "venue",
        "location",
        "contact",
        "photo",
        "photo",
    ]
    assert emu.calls_of("sendVenue")[0].params["latitude"] == pytest.approx(37.5665)


async def test_html_parse_mode_yields_entities_and_rejects_bad_markup(emu, bot):
    alice = emu.user(1001, "Alice")

    sent = await bot.send_message(alice.id, "<b>Hall</b> &amp; more", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities"):
        await bot.send_message(alice.id, "1 < 2 <b>oops", parse_mode=ParseMode.HTML)

    assert sent.text == "Hall & more"
    assert sent.entities[0].type == "bold" and sent.entities[0].length == 4
    assert emu.bot_messages(alice.id)[0].parse_mode == "HTML"


async def test_document_upload_get_file_and_download_round_trip(emu, bot):
    alice = emu.user(1001, "Alice")
    payload = bytes(range(256)) * 40

    sent = await bot.send_document(alice.id, payload, filename="agenda.pdf")
    file = await bot.get_file(sent.document.file_id)
    downloaded = await file.download_as_bytearray()

    assert bytes(downloaded) == payload
    assert sent.document.file_name == "agenda.pdf"
    assert sent.document.file_size == len(payload)
    upload = emu.calls_of("sendDocument")[0].params["document"]
    assert upload.filename == "agenda.pdf" and upload.size == len(payload)


@pytest.mark.parametrize("kind", ["photo", "video", "voice"])
async def test_media_uploads_are_stored_and_downloadable(emu, bot, kind):
    alice = emu.user(1001, "Alice")
    payload = tiny_png(3, 2) if kind == "photo" else f"{kind}-bytes".encode()

    message = await getattr(bot, f"send_{kind}")(alice.id, payload, caption="clip")
    media = message.photo[-1] if kind == "photo" else getattr(message, kind)
    file = await media.get_file()

    assert bytes(await file.download_as_bytearray()) == payload
    assert message.caption == "clip"
    assert emu.bot_messages(alice.id)[0].kind == kind
    if kind == "photo":
        assert (media.width, media.height) == (3, 2)


async def test_chat_action_get_chat_markup_edit_and_lifecycle_calls(emu, bot):
    alice = emu.user(1001, "Alice", username="alice")
    emu.group(NEWSROOM, "Newsroom")

    assert await bot.send_chat_action(alice.id, ChatAction.TYPING)
    newsroom = await bot.get_chat(NEWSROOM)
    sent = await bot.send_message(alice.id, "vote", reply_markup=keyboard(("A", "a")))
    edited = await bot.edit_message_reply_markup(
        alice.id, sent.message_id, reply_markup=keyboard(("B", "b"))
    )

    assert (newsroom.title, newsroom.type) == ("Newsroom", "supergroup")
    assert (await bot.get_chat(alice.id)).username == "alice"
    assert isinstance(edited, Message) and edited.reply_markup is not None
    assert edited.reply_markup.inline_keyboard[0][0].text == "B"
    assert emu.bot_messages(alice.id)[0].button_labels == ["B"]
    assert await bot.log_out()
    assert await bot.close()


async def test_user_photo_can_be_downloaded_by_the_bot(emu, bot):
    alice = emu.user(1001, "Alice")
    photo = tiny_png(4, 4)

    update = Update.de_json(alice.send_photo(photo, caption="badge"), bot)
    assert update.message is not None
    file = await update.message.photo[-1].get_file()

    assert bytes(await file.download_as_bytearray()) == photo
    assert update.message.caption == "badge"


async def test_commands_are_stored_per_scope_and_language(emu, bot):
    await bot.set_my_commands([BotCommand("start", "Start")])
    await bot.set_my_commands([BotCommand("start", "시작")], language_code="ko")
    await bot.set_my_commands([BotCommand("news", "News")], scope=BotCommandScopeAllGroupChats())

    assert [c.description for c in await bot.get_my_commands()] == ["Start"]
    assert [c.description for c in await bot.get_my_commands(language_code="ko")] == ["시작"]
    assert await bot.get_my_commands(language_code="ja") == ()
    group_scope = BotCommandScopeAllGroupChats()
    assert [c.command for c in await bot.get_my_commands(scope=group_scope)] == ["news"]
    assert await bot.delete_my_commands(language_code="ko")
    assert emu.commands("ko") == []
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])


# -- errors and faults ------------------------------------------------------------------


async def test_injected_429_becomes_retry_after(emu, bot):
    alice = emu.user(1001, "Alice")
    rule = emu.fail("sendMessage", status=429, retry_after=7)

    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(alice.id, "hi")
    await bot.send_message(alice.id, "again")  # the rule was used up

    assert caught.value.retry_after == dtm.timedelta(seconds=7)
    assert rule.hits == 1 and rule.remaining == 0
    assert [c.status for c in emu.calls_of("sendMessage")] == [429, 200]


@pytest.mark.parametrize(
    ("status", "error"), [(403, Forbidden), (400, BadRequest), (500, Exception), (502, Exception)]
)
async def test_injected_statuses_map_to_ptb_errors(emu, bot, status, error):
    alice = emu.user(1001, "Alice")
    emu.fail("sendMessage", status=status, chat_id=alice.id, description=f"Injected {status}")

    with pytest.raises(error, match=f"Injected {status}"):
        await bot.send_message(alice.id, "hi")


async def test_blocked_chat_is_forbidden(emu, bot):
    alice = emu.user(1001, "Alice")
    emu.block(alice.id)

    with pytest.raises(Forbidden, match=r"(?i)bot was blocked by the user"):
        await bot.send_message(alice.id, "hi")
    emu.unblock(alice.id)
    await bot.send_message(alice.id, "hi")


async def test_unknown_method_is_bad_request_not_invalid_token(bot):
    with pytest.raises(BadRequest, match=r"(?i)fooBar"):
        await bot.do_api_request("fooBar")


async def test_wrong_token_is_invalid_token(emu):
    with pytest.raises(InvalidToken):
        async with Bot("999:WRONG", base_url=emu.base_url, base_file_url=emu.base_file_url):
            pass
    assert emu.calls[0].status == 401


async def test_global_rate_limit_answers_429_beyond_the_window(emu, bot):
    alice = emu.user(1001, "Alice")
    emu.set_global_rate_limit(per_second=3)

    results = await asyncio.gather(
        *(bot.send_message(alice.id, f"m{i}") for i in range(5)), return_exceptions=True
    )

    limited = [r for r in results if isinstance(r, RetryAfter)]
    assert len(limited) == 2
    assert all(r.retry_after == dtm.timedelta(seconds=1) for r in limited)
    assert len(emu.bot_messages(alice.id)) == 3


async def test_per_chat_rate_limit_only_limits_that_chat(emu, bot):
    alice, bob = emu.user(1001, "Alice"), emu.user(1002, "Bob")
    emu.set_global_rate_limit(None, per_chat_per_second=1)

    await bot.send_message(alice.id, "first")
    with pytest.raises(RetryAfter):
        await bot.send_message(alice.id, "second")
    await bot.send_message(bob.id, "first")


async def test_delay_fault_makes_the_client_time_out(emu):
    alice = emu.user(1001, "Alice")
    emu.delay("sendMessage", 0.3)

    async with bot_for(emu, request=HTTPXRequest(read_timeout=0.1)) as slow_bot:
        with pytest.raises(TimedOut):
            await slow_bot.send_message(alice.id, "slow")
        # The emulator still delivers the late message, as Telegram may.
        await emu.wait_for_bot_messages(alice.id, 1)
        [late] = await emu.wait_for_call("sendMessage")

    assert late.status == CLIENT_GONE


# -- updates ----------------------------------------------------------------------------


async def test_application_receives_injected_updates_via_polling(emu):
    seen_languages: list[str | None] = []

    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_user is not None and update.effective_message is not None
        seen_languages.append(update.effective_user.language_code)
        await update.effective_message.reply_text(f"Welcome {' '.join(context.args or [])}")

    app = application_builder(emu).build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    emu.group(NEWSROOM, "Newsroom")
    alice = emu.user(1001, "Alice", language_code="ko")
    bob = emu.user(1002, "Bob", language_code="en")

    async with polling(app):
        alice.send_command("/start", ["vip"])
        [welcome] = await alice.replies()
        bob.send_text("hello", chat_id=NEWSROOM)
        [echoed] = await bob.replies()
        alice.send_text("where?")
        [answer] = await alice.replies()

    assert welcome.text == "Welcome vip"
    assert echoed.text == "echo: hello" and echoed.chat_id == NEWSROOM
    assert answer.text == "echo: where?"
    assert echoed.data["reply_to_message"]["text"] == "hello"  # PTB quotes in groups only
    assert seen_languages == ["ko"]
    assert emu.pending_updates == []
    # Stopping abandons the parked poll; nothing else failed.
    assert {call.status for call in emu.calls} <= {200, CLIENT_GONE}


async def test_callback_query_round_trip(emu):
    async def menu(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Menu", reply_markup=keyboard(("Talks", "talks")))

    async def choose(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        await query.answer("Loading")
        await query.edit_message_text(f"You chose {query.data}")

    app = application_builder(emu).build()
    app.add_handler(CommandHandler("menu", menu))
    app.add_handler(CallbackQueryHandler(choose))
    alice = emu.user(1001, "Alice")

    async with polling(app):
        alice.send_command("menu")
        [menu_message] = await alice.replies()
        alice.press_button(menu_message, "Talks")
        [edit] = await emu.wait_for_call("editMessageText")

    [answer] = emu.calls_of("answerCallbackQuery")
    assert answer.ok and answer.params["text"] == "Loading"
    assert edit.ok
    [final] = emu.bot_messages(alice.id)
    assert final.text == "You chose talks" and final.edited
    assert final.reply_markup is None
    with pytest.raises(ValueError, match=r"(?i)no button"):
        alice.press(final, "talks")


async def test_inject_update_assigns_ids_and_media_groups_share_an_id(emu):
    alice = emu.user(1001, "Alice")

    first = alice.send_text("one")
    album = alice.send_media_group([tiny_png(), tiny_png()], caption="photos")
    forwarded = alice.forward_text("news", origin=emu.channel(-1009, "Event news"))
    located = alice.send_location(37.5, 127.0)

    assert [u["update_id"] for u in [first, *album, forwarded, located]] == [1, 2, 3, 4, 5]
    assert album[0]["message"]["media_group_id"] == album[1]["message"]["media_group_id"]
    assert forwarded["message"]["forward_origin"]["chat"]["title"] == "Event news"
    location = Update.de_json(located, None).effective_message
    assert location is not None and location.location is not None
    assert location.location.latitude == 37.5
    assert len(emu.messages(alice.id)) == 5


@pytest.mark.parametrize(
    "update",
    [
        {"message": {"message_id": 1, "text": "no date or chat"}},
        {"message": {"message_id": 1, "date": 1, "chat": {"id": 5}}},
        {"callback_query": {"id": "1", "from": {"id": 1, "is_bot": False, "first_name": "A"}}},
        {"message": 5},
        {},
        {"message": {"message_id": 1, "date": 1, "chat": {"id": 1, "type": "private"}}, "poll": {}},
    ],
    ids=[
        "no-date",
        "chat-without-type",
        "callback-without-chat-instance",
        "not-object",
        "empty",
        "two-kinds",
    ],
)
async def test_inject_update_rejects_malformed_updates(emu, update):
    with pytest.raises(ValueError):
        emu.inject_update(update)
    assert emu.pending_updates == []


async def test_webhook_delivery_retries_until_the_receiver_listens(emu, bot):
    port = free_port()
    received: list[tuple[str | None, dict[str, Any]]] = []

    async def receive(request: web.Request) -> web.Response:
        received.append(
            (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
        )
        return web.Response()

    await bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret")
    alice = emu.user(1001, "Alice")
    alice.send_text("via webhook")
    await emu.wait_for(lambda: [d for d in emu.webhook_deliveries if not d.ok])

    receiver = web.Application()
    receiver.router.add_post("/hook", receive)
    runner = web.AppRunner(receiver)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    try:
        await emu.wait_for(lambda: received, what="a webhook delivery")
    finally:
        await runner.cleanup()

    [(secret, update)] = received
    assert secret == "s3cret"
    assert update["message"]["text"] == "via webhook"
    info = await bot.get_webhook_info()
    assert info.url.endswith("/hook") and info.last_error_message
    await emu.wait_for(lambda: not emu.pending_updates, what="the update to be confirmed")


async def test_get_updates_conflicts_while_a_webhook_is_set(emu, bot):
    await bot.set_webhook("http://127.0.0.1:9/hook")
    with pytest.raises(Conflict):
        await bot.get_updates()
    await bot.delete_webhook()
    assert await bot.get_updates() == ()


async def test_stop_releases_a_parked_long_poll_promptly(emu, bot):
    poll = asyncio.create_task(bot.get_updates(timeout=30))
    await emu.wait_for(lambda: emu.parked_polls, what="a parked poll")

    started = time.monotonic()
    await emu.stop()

    assert await poll == ()
    assert time.monotonic() - started < 1.0


async def test_wait_for_timeout_explains_what_was_recorded(emu, bot):
    alice = emu.user(1001, "Alice")
    await bot.send_message(alice.id, "only one")

    with pytest.raises(TimeoutError, match=r"sendMessage\(chat_id=1001, text='only one'\) -> 200"):
        await emu.wait_for_bot_messages(alice.id, 2, timeout=0.05)


async def test_application_in_webhook_mode_receives_updates(emu):
    app = application_builder(emu).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    alice = emu.user(1001, "Alice")
    port = free_port()

    async with app:
        assert app.updater is not None
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="hook",
            webhook_url=f"http://127.0.0.1:{port}/hook",
            secret_token="s3cret",
        )
        await app.start()
        try:
            alice.send_text("over the hook")
            [reply] = await alice.replies()
        finally:
            await app.updater.stop()
            await app.stop()

    assert reply.text == "echo: over the hook"
    assert all(d.secret_token == "s3cret" for d in emu.webhook_deliveries)
