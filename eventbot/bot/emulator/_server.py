"""The aiohttp side: routes, request decoding, fault application and webhook delivery."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from typing import Any

import aiohttp
from aiohttp import web

from eventbot.bot.emulator._methods import BotApiMethods
from eventbot.bot.emulator._state import EmulatorState
from eventbot.bot.emulator._types import (
    CLIENT_GONE,
    ApiError,
    JSONDict,
    RecordedCall,
    UploadedFile,
    WebhookDelivery,
)

logger = logging.getLogger(__name__)

# Telegram accepts uploads up to 50 MB; aiohttp's default body limit is 1 MiB.
MAX_BODY_BYTES = 50 * 1024 * 1024

_JSON_FIELDS = frozenset(
    {
        "reply_markup",
        "commands",
        "entities",
        "caption_entities",
        "allowed_updates",
        "media",
        "scope",
        "link_preview_options",
        "reply_parameters",
        "results",
        "menu_button",
        "message_ids",
        "reaction",
    }
)
_INT_FIELDS = frozenset(
    {
        "chat_id",
        "from_chat_id",
        "message_id",
        "message_thread_id",
        "reply_to_message_id",
        "offset",
        "limit",
        "timeout",
        "duration",
        "width",
        "height",
        "live_period",
        "heading",
        "proximity_alert_radius",
        "cache_time",
        "max_connections",
        "user_id",
    }
)
_FLOAT_FIELDS = frozenset({"latitude", "longitude", "horizontal_accuracy"})
_BOOL_FIELDS = frozenset(
    {
        "disable_notification",
        "protect_content",
        "allow_sending_without_reply",
        "drop_pending_updates",
        "show_alert",
        "has_spoiler",
        "supports_streaming",
        "disable_content_type_detection",
        "show_caption_above_media",
        "allow_paid_broadcast",
        "disable_web_page_preview",
    }
)


def decode_value(key: str, raw: str) -> Any:
    """Decode one form value the way Telegram reads it: JSON fields, ids, numbers, booleans."""
    if key in _JSON_FIELDS:
        try:
            return json.loads(raw)
        except ValueError:
            raise ApiError(400, f"Bad Request: can't parse {key} JSON object") from None
    if key in _INT_FIELDS:
        try:
            return int(raw)
        except ValueError:
            if key == "chat_id" or key == "from_chat_id":
                return raw  # "@channelusername"
            raise ApiError(400, f"Bad Request: invalid {key}") from None
    if key in _FLOAT_FIELDS:
        try:
            return float(raw)
        except ValueError:
            raise ApiError(400, f"Bad Request: invalid {key}") from None
    if key in _BOOL_FIELDS and raw in ("true", "false"):
        return raw == "true"
    return raw


async def read_params(request: web.Request) -> JSONDict:
    """Return the decoded parameters of a form, multipart, JSON or query-string request."""
    raw: dict[str, Any] = dict(request.query)
    if request.method == "POST" and request.can_read_body:
        if request.content_type == "application/json":
            body = await request.json()
            if not isinstance(body, dict):
                raise ApiError(400, "Bad Request: JSON body must be an object")
            # JSON bodies already carry typed values.
            return {**{k: decode_value(k, v) for k, v in raw.items()}, **body}
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                with value.file:
                    content = value.file.read()
                raw[key] = UploadedFile(
                    field_name=key,
                    filename=value.filename,
                    content_type=value.content_type,
                    content=content,
                )
            else:
                raw[key] = value
    return {
        key: value if isinstance(value, UploadedFile) else decode_value(key, str(value))
        for key, value in raw.items()
    }


def _json_response(body: Any, status: int = 200) -> web.Response:
    return web.Response(
        body=json.dumps(body, ensure_ascii=False).encode(),
        status=status,
        content_type="application/json",
    )


class EmulatorServer:
    """Serve the Bot API over HTTP and push updates to a webhook when one is set."""

    def __init__(
        self,
        state: EmulatorState,
        methods: BotApiMethods,
        *,
        webhook_retry_initial: float,
        webhook_retry_max: float,
        webhook_timeout: float,
    ) -> None:
        self.state = state
        self.methods = methods
        self.webhook_retry_initial = webhook_retry_initial
        self.webhook_retry_max = webhook_retry_max
        self.webhook_timeout = webhook_timeout
        self.app = web.Application(client_max_size=MAX_BODY_BYTES)
        self.app.router.add_route("*", "/bot{token}/{method}", self.handle_api)
        self.app.router.add_get("/file/bot{token}/{file_path:.+}", self.handle_file)
        self._runner: web.AppRunner | None = None
        self._delivery_task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None

    async def start(self, host: str, port: int) -> int:
        """Listen on host:port (0 picks a free port) and return the bound port."""
        self._runner = web.AppRunner(self.app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        bound = self._runner.addresses[0][1]
        self._session = aiohttp.ClientSession()
        self._delivery_task = asyncio.create_task(self._deliver_forever(), name="emulator-webhook")
        return int(bound)

    async def stop(self) -> None:
        """Release parked requests, stop webhook delivery and close the listener."""
        self.state.close()
        if self._delivery_task is not None:
            self._delivery_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._delivery_task
            self._delivery_task = None
        if self._session is not None:
            await self._session.close()
            self._session = None
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- Bot API requests ---------------------------------------------------------------

    async def handle_api(self, request: web.Request) -> web.Response:
        """Answer one Bot API call and record it."""
        started = time.monotonic()
        method = request.match_info["method"]
        params: JSONDict = {}
        result: Any = None
        try:
            if request.match_info["token"] != self.state.token:
                raise ApiError(401, "Unauthorized")
            params = await read_params(request)
            resolved = self.methods.resolve(method)
            if resolved is None:
                # Never 404: PTB maps 404 to InvalidToken.
                raise ApiError(
                    400, f"Bad Request: method {method} is not implemented by the emulator"
                )
            method, handler = resolved
            delay = self.state.take_delay(method, params)
            if delay > 0:
                await self.state.sleep(delay)
            self.state.check_faults(method, params)
            try:
                result = await handler(params)
            except ApiError:
                raise
            except Exception as exc:
                # A bug in the emulator: answer like a Telegram outage so the test shows it.
                logger.exception("Emulator failed on %s", method)
                raise ApiError(500, f"Internal Server Error: emulator bug: {exc!r}") from exc
        except ApiError as error:
            self._record(
                method,
                params,
                self._status(request, error.status),
                started,
                description=error.description,
            )
            if error.status >= 500:
                logger.info("Answering %s with injected %d", method, error.status)
            return _json_response(error.to_json(), error.status)
        self._record(method, params, self._status(request, 200), started, result=result)
        return _json_response({"ok": True, "result": result})

    @staticmethod
    def _status(request: web.Request, status: int) -> int:
        """Return CLIENT_GONE instead of ``status`` when nobody is left to read the reply."""
        # A poll PTB cancelled, or a client that timed out on a delayed call: record that
        # the reply was lost rather than a 409 or 200 nobody saw.
        transport = request.transport
        return CLIENT_GONE if transport is None or transport.is_closing() else status

    def _record(
        self,
        method: str,
        params: JSONDict,
        status: int,
        started: float,
        *,
        result: Any = None,
        description: str | None = None,
    ) -> None:
        self.state.record(
            RecordedCall(
                method=method,
                params=params,
                status=status,
                at=started,
                duration=time.monotonic() - started,
                result=result,
                description=description,
            )
        )

    async def handle_file(self, request: web.Request) -> web.Response:
        """Serve the bytes of a stored file to the bot."""
        if request.match_info["token"] != self.state.token:
            return _json_response(ApiError(401, "Unauthorized").to_json(), 401)
        stored = self.state.files_by_path.get(request.match_info["file_path"])
        if stored is None:
            return _json_response(ApiError(404, "Not Found").to_json(), 404)
        return web.Response(
            body=stored.content, content_type=stored.mime_type or "application/octet-stream"
        )

    # -- webhook delivery -------------------------------------------------------------------

    async def _deliver_forever(self) -> None:
        """POST queued updates to the webhook one at a time, retrying with backoff."""
        backoff = self.webhook_retry_initial
        while not self.state.closed:
            hook = self.state.webhook
            batch = self.state.deliverable_updates(1) if hook is not None else []
            if hook is None or not batch:
                await self.state.updates_signal.wait(3600)
                continue
            update = batch[0]
            if await self._post_update(hook.url, hook.secret_token, update):
                backoff = self.webhook_retry_initial
                self.state.confirm_updates(update["update_id"] + 1)
                continue
            # Wait before retrying, but move on at once if the webhook changes.
            await self.state.webhook_signal.wait(backoff)
            backoff = min(backoff * 2, self.webhook_retry_max)

    async def _post_update(self, url: str, secret: str | None, update: JSONDict) -> bool:
        assert self._session is not None
        headers = {"Content-Type": "application/json"}
        if secret:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        status: int | None = None
        error: str | None = None
        try:
            async with self._session.post(
                url,
                data=json.dumps(update, ensure_ascii=False).encode(),
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.webhook_timeout),
            ) as response:
                status = response.status
                await response.read()
        except (aiohttp.ClientError, TimeoutError) as exc:
            error = f"{type(exc).__name__}: {exc}"
        delivery = WebhookDelivery(
            update_id=update["update_id"],
            url=url,
            status=status,
            error=error,
            at=time.monotonic(),
            secret_token=secret,
        )
        hook = self.state.webhook
        if not delivery.ok and hook is not None:
            hook.last_error_date = int(time.time())
            hook.last_error_message = error or f"Wrong response from the webhook: {status}"
            logger.debug("Webhook delivery of update %d failed: %s", delivery.update_id, error)
        self.state.record_delivery(delivery)
        return delivery.ok
