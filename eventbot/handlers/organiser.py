"""Organisers' tools: /reload (and SIGHUP) swaps in an edited knowledge base; /stats."""

from __future__ import annotations

import asyncio
import logging
import signal
from dataclasses import dataclass
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from telegram import InputFile, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import ExtBot

from eventbot.bot import stats
from eventbot.bot.i18n import t
from eventbot.bot.kb import KnowledgeBase, KnowledgeBaseError
from eventbot.bot.problem_report import PROBLEMS_FILE, problem_report
from eventbot.bot.render import Reply
from eventbot.bot.render.reply import Button
from eventbot.bot.render.split import split_html
from eventbot.bot.services import Services
from eventbot.handlers.auth import is_organiser, log_refusal
from eventbot.handlers.context import SERVICES_KEY, BotContext
from eventbot.handlers.send import NO_PREVIEW, send_reply
from eventbot.handlers.users import chat_and_language

if TYPE_CHECKING:
    from eventbot.bot.app import BotApplication

logger = logging.getLogger(__name__)

CSV_CALLBACK = "stats:csv"
CHART_CALLBACK = "stats:chart"
# Registered with this pattern so the generic button handler keeps every other button.
STATS_CALLBACK_PATTERN = r"^stats:(csv|chart)$"


# -- /reload and SIGHUP ----------------------------------------------------------------------


@dataclass(frozen=True)
class ReloadResult:
    """A reload's outcome: the swapped knowledge bases, or the problems that prevented it."""

    old: KnowledgeBase | None = None
    new: KnowledgeBase | None = None
    problems: tuple[str, ...] = ()


def problem_lines(error: KnowledgeBaseError, path: Path) -> tuple[str, ...]:
    """Return the problems exactly as ``eventbot check <path>`` prints them."""
    base = str(path.parent) if path.is_file() else str(path)
    return tuple(p.format(base if p.file != str(path) else "") for p in error.problems)


async def reload_knowledge(services: Services) -> ReloadResult:
    """Re-read the knowledge base; the holder swaps it in only if it is valid."""
    try:
        old, new = await services.knowledge.reload()
    except KnowledgeBaseError as exc:
        lines = problem_lines(exc, services.knowledge.path)
        logger.warning("knowledge base reload refused, the old one keeps serving; "
                       "%d problems:\n%s", len(lines), "\n".join(lines))
        return ReloadResult(problems=lines)
    logger.info("knowledge base reloaded: %s", new.summary())
    return ReloadResult(old, new)


async def send_reload_reply(bot: ExtBot[Any], chat_id: int, result: ReloadResult, lang: str,
                            path: Path, *, prefix: str = "") -> None:
    """Tell an organiser what changed, or what is wrong: a long list comes as problems.txt."""
    if result.old is not None and result.new is not None:
        await send_html(bot, chat_id, prefix + stats.render_reload(result.old, result.new, lang))
        return
    report = problem_report(result.problems, lang, str(path), prefix=prefix)
    for chunk in report.messages:
        await bot.send_message(chat_id, chunk, parse_mode=ParseMode.HTML,
                               link_preview_options=NO_PREVIEW)
    if report.document is not None:
        await bot.send_document(chat_id, InputFile(report.document, filename=PROBLEMS_FILE),
                                caption=report.caption)


async def notify_reload_listeners(services: Services, result: ReloadResult) -> None:
    """Await every reload listener with (old, new); one that fails does not stop the rest."""
    if result.old is None or result.new is None:
        return
    for listener in list(services.reload_listeners):
        try:
            await listener(result.old, result.new)
        except Exception:
            logger.exception("reload listener %r failed", listener)


async def reload(update: Update, context: BotContext) -> None:
    """Reload the knowledge base and tell the organiser what changed or what is wrong."""
    if not await is_organiser(update, context):
        await refuse(update, context, "/reload")
        return
    chat_id, lang = await chat_and_language(update, context)
    services = context.services
    result = await reload_knowledge(services)
    try:
        await send_reload_reply(context.bot, chat_id, result, lang, services.knowledge.path)
    finally:  # the new knowledge base is serving: listeners run even if the reply failed
        await notify_reload_listeners(services, result)


async def reload_from_signal(app: BotApplication) -> None:
    """Reload on SIGHUP: log the result, tell each configured organiser, run the listeners."""
    services: Services = app.bot_data[SERVICES_KEY]
    result = await reload_knowledge(services)
    path = services.knowledge.path
    for organiser in services.config.organisers:
        lang = await _language_of(services, organiser)
        prefix = t(lang, "org.reload.by_signal") + "\n"
        try:
            await send_reload_reply(app.bot, organiser, result, lang, path, prefix=prefix)
        except TelegramError as exc:
            logger.warning("could not tell organiser %s about the reload: %s", organiser, exc)
    await notify_reload_listeners(services, result)


def install_reload_signal(app: BotApplication) -> None:
    """Make SIGHUP reload the knowledge base, from the application's post_init on."""
    if not hasattr(signal, "SIGHUP"):
        return  # Windows has no SIGHUP; /reload still works
    previous = app.post_init
    running: set[asyncio.Task[None]] = set()  # strong references until each reload ends

    async def post_init(application: BotApplication) -> None:
        loop = asyncio.get_running_loop()

        def on_sighup() -> None:
            logger.info("SIGHUP received: reloading the knowledge base")
            task = loop.create_task(_logged(reload_from_signal(application)))
            running.add(task)
            task.add_done_callback(running.discard)

        try:
            loop.add_signal_handler(signal.SIGHUP, on_sighup)
        except NotImplementedError:
            logger.warning("this event loop cannot handle SIGHUP; use /reload instead")
        if previous is not None:
            await previous(application)

    app.post_init = post_init


async def _logged(reloading: Any) -> None:
    try:
        await reloading
    except Exception:
        logger.exception("reload on SIGHUP failed")


async def _language_of(services: Services, user_id: int) -> str:
    user = await services.store.get_user(user_id) if services.storage is not None else None
    concierge = services.knowledge.concierge
    if user is None:
        return concierge.kb.event.default_language
    return concierge.language(user.language, user.telegram_language)


# -- /stats and its buttons ------------------------------------------------------------------


async def stats_command(update: Update, context: BotContext) -> None:
    """Show today's figures, the top and the unanswered questions, with CSV and chart buttons."""
    if not await is_organiser(update, context):
        await refuse(update, context, "/stats")
        return
    chat_id, lang = await chat_and_language(update, context)
    report = await collect_report(context.services, lang)
    row = [Button(t(lang, "org.stats.button.csv"), CSV_CALLBACK)]
    if stats.charts_available():  # matplotlib is the optional extra eventbot[charts]
        row.append(Button(t(lang, "org.stats.button.chart"), CHART_CALLBACK))
    buttons = (tuple(row),)
    await send_reply(context, chat_id, Reply(stats.render_report(report, lang), buttons))


async def stats_button(update: Update, context: BotContext) -> None:
    """Send the unanswered questions as a CSV file, or the questions-per-hour chart."""
    query = update.callback_query
    if query is None:
        return
    if not await is_organiser(update, context):
        log_refusal(update, query.data or "stats button")
        _, lang = await chat_and_language(update, context)
        await query.answer(t(lang, "org.refused"), show_alert=True)
        return
    await query.answer()
    chat_id, lang = await chat_and_language(update, context)
    services = context.services
    tz = event_tz(services)
    day = services.clock().astimezone(tz).date().isoformat()
    if query.data == CSV_CALLBACK:
        groups = await unanswered_groups(services)
        if not groups:
            await context.bot.send_message(chat_id, t(lang, "org.stats.no_unanswered"))
            return
        # utf-8-sig: spreadsheet programs then read Korean, Japanese and Chinese correctly.
        proposals = await proposals_for(services, groups, lang)
        data = stats.unanswered_csv(groups, tz, proposals).encode("utf-8-sig")
        await context.bot.send_document(
            chat_id, InputFile(data, filename=f"unanswered-{day}.csv"),
            caption=t(lang, "org.stats.csv_caption", groups=len(groups)))
    elif not stats.charts_available():  # a button from before the extra was removed
        await context.bot.send_message(chat_id, t(lang, "org.stats.no_charts"))
    else:
        now = services.clock()
        counts = await services.store.questions_per_hour(stats.chart_since(now))
        buckets = stats.hourly_buckets(counts, now)
        title = t(lang, "org.stats.chart_title", hours=stats.CHART_HOURS, timezone=str(tz))
        png = await asyncio.to_thread(stats.questions_chart_png, buckets, tz, title)
        await context.bot.send_photo(
            chat_id, InputFile(png, filename=f"questions-{day}.png"),
            caption=t(lang, "org.stats.chart_caption", timezone=str(tz)))


async def collect_report(services: Services, lang: str) -> stats.StatsReport:
    """Query the figures /stats shows and assemble the report."""
    store, kb, now = services.store, services.knowledge.kb, services.clock()
    tz = event_tz(services)
    today = stats.day_start(now, tz)
    return stats.build_report(
        now=now, tz=tz, default_language=kb.event.default_language, languages=kb.languages,
        pairs=await store.count_users_by_language_pair(),
        active_today=await store.count_users_seen_since(today),
        outcomes_today=await store.count_questions_by_outcome(today),
        top_today=await store.top_questions(stats.TOP_LIMIT, since=today),
        unanswered=(groups := await unanswered_groups(services)),
        proposals=await proposals_for(services, groups[:stats.GROUPS_SHOWN], lang),
    )


async def proposals_for(services: Services, groups: list[stats.UnansweredGroup],
                        lang: str) -> dict[str, stats.Proposal]:
    """Propose an item for each group (ranking runs off the loop)."""
    concierge = services.knowledge.concierge
    return await asyncio.to_thread(stats.propose_items, groups, concierge.matcher, concierge.kb,
                                   lang)


async def unanswered_groups(services: Services) -> list[stats.UnansweredGroup]:
    """Return every unanswered question grouped by similarity (grouping runs off the loop)."""
    wordings = await services.store.unanswered_wordings(stats.MAX_UNANSWERED_KEYS)
    return await asyncio.to_thread(stats.group_unanswered, wordings)


def event_tz(services: Services) -> tzinfo:
    """Return the timezone days are counted in: the config's override, else the event's."""
    zone = services.config.timezone
    return ZoneInfo(zone) if zone else services.knowledge.kb.tz


# -- shared ----------------------------------------------------------------------------------


async def refuse(update: Update, context: BotContext, what: str) -> None:
    """Refuse an organiser command with a short message, and log the refusal."""
    log_refusal(update, what)
    chat_id, lang = await chat_and_language(update, context)
    await context.bot.send_message(chat_id, t(lang, "org.refused"))


async def send_html(bot: ExtBot[Any], chat_id: int, html: str) -> None:
    """Send HTML text, split into several messages if it is too long for one."""
    for chunk in split_html(html):
        await bot.send_message(chat_id, chunk, parse_mode=ParseMode.HTML,
                               link_preview_options=NO_PREVIEW)

