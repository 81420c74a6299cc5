"""The ``eventbot`` command line: check, init, schema, ask, eval, run, demo, tips export."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

from eventbot.bot.clock import parse_moment, system_clock
from eventbot.bot.concierge import Answer, Concierge
from eventbot.bot.data_cli import add_data_parsers
from eventbot.bot.i18n import SUPPORTED
from eventbot.bot.kb import KnowledgeBase, check_knowledge
from eventbot.bot.kb.locate import TEMPLATE_KB, TOUR_SCRIPT, default_kb, missing_kb_message
from eventbot.bot.kb.schema import knowledge_json_schema
from eventbot.bot.matching import unmatchable_synonyms
from eventbot.bot.tips_cli import add_tips_parser

EXIT_OK = 0
EXIT_USAGE = 1
EXIT_INVALID = 2


def _check(args: argparse.Namespace) -> int:
    """Validate a knowledge-base folder and print every problem, or a summary."""
    if not args.path.exists():
        print(missing_kb_message(args.path, "give the folder: eventbot check DIR"),
              file=sys.stderr)
        return EXIT_INVALID
    kb, problems = check_knowledge(args.path)
    if kb is None:
        base = "" if Path(args.path).is_file() else str(args.path)
        if Path(args.path).is_file():
            base = str(Path(args.path).parent)
        for problem in problems:
            print(problem.format(base if problem.file != str(args.path) else ""))
        count = len(problems)
        print(f"{count} problem{'' if count == 1 else 's'} found", file=sys.stderr)
        return EXIT_INVALID
    print(kb.summary())
    for phrase, word in unmatchable_synonyms(kb.synonyms):
        print(f"note: the synonym {phrase!r} reads as {word!r} once its accents go, a common "
              f"word in other languages: it is left out of matching (a longer phrase with it "
              f"still counts)")
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    """Start a knowledge base: a commented template that passes check, and its schema."""
    target: Path = args.dir
    if target.exists() and any(target.iterdir()):
        print(f"{target} is not empty: choose a new folder", file=sys.stderr)
        return EXIT_USAGE
    target.mkdir(parents=True, exist_ok=True)
    for source in sorted(TEMPLATE_KB.glob("*.yaml")):
        (target / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    schema = json.dumps(knowledge_json_schema(), ensure_ascii=False, indent=2)
    (target / "knowledge-file.json").write_text(schema + "\n", encoding="utf-8")
    print(f"Wrote a knowledge base to {target}: edit its YAML files, then run "
          f"`eventbot check {target}` and `eventbot ask --kb {target} \"...\"`.")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of a knowledge-base file."""
    print(json.dumps(knowledge_json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def _kb_path(given: Path | None) -> Path | None:
    """Return the KB folder to use, or None after saying where none was found."""
    path = given or default_kb()
    if not path.exists():
        print(missing_kb_message(path), file=sys.stderr)
        return None
    return path


def _load_kb(given: Path | None) -> KnowledgeBase | None:
    """Load the KB a command was pointed at, or print why not (on stderr) and return None."""
    path = _kb_path(given)
    if path is None:
        return None
    kb, problems = check_knowledge(path)
    for problem in problems:
        print(problem.format(str(path)), file=sys.stderr)
    return kb


_SEMANTIC_HELP = ("add sentence embeddings, as matching.semantic does (needs "
                  "eventbot[semantic]; item vectors kept in ~/.cache/eventbot)")


def _concierge(kb: KnowledgeBase, semantic: bool) -> Concierge | None:
    """Return the KB's concierge, with sentence embeddings if asked (None: not installed)."""
    if not semantic:
        return Concierge(kb)
    from eventbot.bot.services import Semantic, default_store

    loaded = Semantic.load(default_store(), sys.stderr, asked_by="--semantic")
    return loaded.concierge(kb) if loaded else None


def _ask(args: argparse.Namespace) -> int:
    """Answer questions as the bot would: from the arguments, or one per line of stdin."""
    kb = _load_kb(args.kb)
    if kb is None:
        return EXIT_INVALID
    concierge = _concierge(kb, args.semantic)
    if concierge is None:
        return EXIT_USAGE
    try:
        now = parse_moment(args.at, kb.tz) if args.at else system_clock()
    except ValueError:
        print(f"--at: cannot read '{args.at}' (use e.g. '2025-09-04 14:00')", file=sys.stderr)
        return EXIT_USAGE
    questions = [" ".join(args.question)] if args.question else sys.stdin
    for raw in questions:
        question = raw.rstrip("\n")
        if not question.strip() and not args.question:
            continue
        answer = concierge.ask(question, now=now, stored_lang=args.lang)
        if args.json:
            print(json.dumps(_answer_json(answer), ensure_ascii=False))
        else:
            print(_answer_text(answer))
    return EXIT_OK


def _eval(args: argparse.Namespace) -> int:
    """Score a KB's answers on a question file: by language and kind, then every miss."""
    from eventbot.bot.evaluation import CaseFileError, default_moment, load_cases, report, score

    kb = _load_kb(args.kb)
    if kb is None:
        return EXIT_INVALID
    try:
        cases = load_cases(args.questions, kb)
        now = parse_moment(args.at, kb.tz) if args.at else default_moment(kb)
    except CaseFileError as exc:
        print(exc, file=sys.stderr)
        return EXIT_INVALID
    except ValueError:
        print(f"--at: cannot read '{args.at}' (use e.g. '2025-09-04 14:00')", file=sys.stderr)
        return EXIT_USAGE
    if not cases:
        print(f"{args.questions}: no questions", file=sys.stderr)
        return EXIT_INVALID
    concierge = _concierge(kb, args.semantic)
    if concierge is None:
        return EXIT_USAGE
    figures, failures = score(concierge, cases, now)
    print(report(figures, failures, misses=not args.quiet,
                 lacking=concierge.matcher.lacking))
    if args.min is not None and figures.rate < args.min:
        print(f"below --min {args.min:.2f}: {figures.rate:.3f}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _answer_json(answer: Answer) -> dict[str, object]:
    return {
        "question": answer.question,
        "lang": answer.lang,
        "outcome": answer.outcome,
        "reply": _reply_text(answer),
        "matches": [{"id": m.item_id, "kind": m.kind, "score": round(m.score, 1)}
                    for m in answer.matches],
    }


def _reply_text(answer: Answer) -> str:
    """Return the reply as the user sees it, buttons as numbered choices."""
    lines = [answer.reply.text]
    labels = [button.label for row in answer.reply.buttons for button in row]
    lines += [f"  [{n}] {label}" for n, label in enumerate(labels, 1)]
    return "\n".join(lines)


def _answer_text(answer: Answer) -> str:
    return f"> {answer.question}\n[{answer.outcome}, {answer.lang}]\n{_reply_text(answer)}\n"


def _run(args: argparse.Namespace) -> int:
    """Run the bot (imported here: the other commands never load Telegram)."""
    from eventbot.bot.config import WEBHOOK_SECRET_ENV, ConfigError, secret
    from eventbot.bot.runner import WebhookOptions, run

    if args.secret is not None:
        print(f"--secret would show the secret to anyone who runs ps: set {WEBHOOK_SECRET_ENV} "
              f"(or {WEBHOOK_SECRET_ENV}_FILE) instead", file=sys.stderr)
        return EXIT_USAGE
    webhook = None
    if args.webhook:
        if not args.url:
            print("--webhook needs --url (the public HTTPS address Telegram posts to)",
                  file=sys.stderr)
            return EXIT_USAGE
        try:
            token = secret(WEBHOOK_SECRET_ENV)
        except ConfigError as exc:
            print(exc, file=sys.stderr)
            return EXIT_INVALID
        host, _, port = args.listen.rpartition(":")
        webhook = WebhookOptions(host or "0.0.0.0", int(port), args.url, token)
    return run(args.config, webhook=webhook, at=args.at)


def _demo(args: argparse.Namespace) -> int:
    """Chat with the real bot through the local emulator (imported here, as for run)."""
    from eventbot.bot.demo import demo

    return demo(args.kb, args.at, args.lang, args.script)


def _version() -> str:
    try:
        return metadata.version("eventbot")
    except metadata.PackageNotFoundError:  # run from a checkout that was never installed
        return "unknown (not installed)"


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="eventbot", description=__doc__)
    parser.add_argument("--version", action="version", version=f"eventbot {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate a knowledge-base folder")
    check.add_argument("path", type=Path, nargs="?", default=Path("knowledge"))
    check.set_defaults(func=_check)
    init = sub.add_parser("init", help="start a knowledge base from a commented template")
    init.add_argument("dir", type=Path, help="a new or empty folder")
    init.set_defaults(func=_init)
    schema = sub.add_parser("schema", help="print the JSON Schema of a knowledge-base file")
    schema.set_defaults(func=_schema)
    ask = sub.add_parser("ask", help="answer questions as the bot would (to test a KB)")
    ask.add_argument("question", nargs="*", help="the question; none: one per line of stdin")
    ask.add_argument("--kb", type=Path, help="knowledge-base folder (default: ./knowledge, "
                     "else the sample)")
    ask.add_argument("--lang", choices=SUPPORTED, help="reply language (default: the question's)")
    ask.add_argument("--json", action="store_true", help="one JSON object per line")
    ask.add_argument("--at", help="answer as at this local time, e.g. '2025-09-04 14:00'")
    ask.add_argument("--semantic", action="store_true", help=_SEMANTIC_HELP)
    ask.set_defaults(func=_ask)
    evaluate = sub.add_parser(
        "eval", help="score the answers on a file of questions written for this KB")
    evaluate.add_argument("questions", type=Path,
                          help="YAML list of {q, lang, expect: answer|clarify|fallback, id}")
    evaluate.add_argument("--kb", type=Path, help="knowledge-base folder (default: ./knowledge)")
    evaluate.add_argument("--at", help="ask as at this local time (default: 10:30 on day one)")
    evaluate.add_argument("--min", type=float, help="exit 1 when the share passed is below this")
    evaluate.add_argument("--quiet", action="store_true", help="figures only, no misses")
    evaluate.add_argument("--semantic", action="store_true", help=_SEMANTIC_HELP)
    evaluate.set_defaults(func=_eval)
    run = sub.add_parser("run", help="run the bot (polling, or --webhook)")
    run.add_argument("--config", type=Path, default=Path("config.yaml"))
    run.add_argument("--webhook", action="store_true", help="receive updates by webhook")
    run.add_argument("--listen", default="0.0.0.0:8443", help="webhook listen HOST:PORT")
    run.add_argument("--url", help="public webhook URL, e.g. https://bot.example.org/hook")
    run.add_argument("--secret", help=argparse.SUPPRESS)  # refused: argv shows in ps
    run.add_argument("--at", help="run as at this local time, e.g. '2025-09-04 14:00'")
    run.set_defaults(func=_run)
    demo = sub.add_parser("demo", help="chat with the real bot in this terminal (no Telegram)")
    demo.add_argument("--kb", type=Path, help="knowledge-base folder (default: knowledge/)")
    demo.add_argument("--at", help="the bot's clock starts here, e.g. '2025-09-04 14:00' "
                      "(default: 2025-09-02 09:50)")
    demo.add_argument("--lang", default="en", help="the attendee's Telegram language_code")
    demo.add_argument("--script", nargs="?", const=str(TOUR_SCRIPT), metavar="FILE",
                      help="play this conversation, one message per line ('-': stdin; "
                      "no FILE: the shipped tour of the sample event), print the transcript")
    demo.set_defaults(func=_demo)
    add_tips_parser(sub)
    add_data_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line."""
    args = build_parser().parse_args(argv)
    code: int = args.func(args)
    return code


def entry() -> None:
    """Console-script entry point."""
    try:
        sys.exit(main())
    except BrokenPipeError:  # `eventbot ask ... | head`: the reader left, nothing is wrong
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no error at exit
        sys.exit(EXIT_OK)
