"""The `guildbot` command line: run, demo, database and directory tools.

Start-up problems (a bad setting, an unreachable database) end with one line on stderr naming
what to fix and exit status 2 — never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import logging
import os
import secrets
import sqlite3
import sys
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from guildbot import __version__
from guildbot.adapters.console import PLATFORM as CONSOLE
from guildbot.adapters.console import WORKSPACE as CONSOLE_WORKSPACE
from guildbot.adapters.console import ConsoleAdapter
from guildbot.app import admin_cli, hold_cli, platforms, privacy_cli, routing_cli
from guildbot.app import pairing_cli as pair_solve
from guildbot.app.build import Guildbot, build
from guildbot.app.demo.background_answers import BackgroundAnswers
from guildbot.app.demo.dashboard_history import seed_dashboard_history
from guildbot.app.demo.seed import DEMO_START_AS, handle_of, seed_demo
from guildbot.app.demo.time_travel import DemoTime
from guildbot.app.evaluation import command as evaluation
from guildbot.app.metrics_server import MetricsServer
from guildbot.app.runner import Runner, database_answers, process_health
from guildbot.app.web import WebServer
from guildbot.bot import features
from guildbot.bot.adapter_support.localised import CataloguePhrases
from guildbot.bot.clock import ManualClock
from guildbot.bot.config import Settings, load_settings, teams_app_id
from guildbot.bot.context import UserError
from guildbot.bot.features.calendar.feeds import calendar_routes
from guildbot.bot.features.dashboard.web import dashboard_routes
from guildbot.bot.features.directory.importing import DirectoryImporter, ImportFileError
from guildbot.bot.lookup import find_member
from guildbot.contract.adapter import Adapter, PlatformProfile
from guildbot.contract.errors import ConfigError
from guildbot.storage import migrate
from guildbot.storage.engine import DatabaseUnavailable, check_connection, create_engine
from guildbot.storage.models import OutboxStatus
from guildbot.storage.repositories.members import DepartmentRepository, MemberRepository

EXIT_CONFIG = 2
DEMO_DB = Path("guildbot-demo.db")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `guildbot` console script."""
    args = _parser().parse_args(argv)
    if args.command == "eval":
        return evaluation.run(args)  # offline: needs neither settings nor a database
    if args.command == "pair":
        return pair_solve.run(args)  # offline too
    if args.command == "privacy":
        return privacy_cli.run(args)  # from the models: no database
    try:
        if args.command == "teams":
            return _teams_package(args, teams_app_id())  # needs the app id, nothing else
        settings = load_settings()
        if args.command == "demo":
            settings = _demo_settings(settings, args.db, args.reset, args.dashboard)
        # `run` logs what it does at the configured level; a one-off command's output is
        # what it prints, so only its warnings are logged (unless the operator asks DEBUG).
        quiet = args.command != "run" and settings.log_level_number > logging.DEBUG
        logging.basicConfig(
            level=logging.WARNING if quiet else settings.log_level_number,
            format="%(asctime)s %(levelname)s %(name)s: %(message)s",
            stream=sys.stderr,
        )
        return asyncio.run(_run(args, settings))
    except ConfigError as error:
        print(f"guildbot: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except DatabaseUnavailable as error:
        print(f"guildbot: GUILDBOT_DATABASE_URL: cannot use the database: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="guildbot", description="A chat bot for communities of practice."
    )
    parser.add_argument("--version", action="version", version=f"guildbot {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "run",
        help="run the bot with the adapters configured in the environment",
        description=(
            "Serve every platform configured in the environment or .env (SLACK_*, DISCORD_*, "
            "TEAMS_*: see config.example.env) with the web app on GUILDBOT_HTTP_HOST:PORT "
            "(/healthz, calendar feeds) and the scheduler; stop with SIGTERM or Ctrl-C. With "
            "no platform configured it is the console, which needs a terminal. Exit status: 0 "
            "after a clean stop, 1 when a platform made it stop, 2 for a setting that cannot "
            "be used."
        ),
    )
    demo = commands.add_parser(
        "demo", help="try Guildbot in the terminal with a sample organisation"
    )
    demo.add_argument(
        "--db",
        type=Path,
        default=DEMO_DB,
        help=f"SQLite file for the demo, recreated each time (default {DEMO_DB}); a file "
        "an earlier demo did not make is refused unless --reset",
    )
    demo.add_argument(
        "--reset", action="store_true", help="replace the --db file even if a demo did not make it"
    )
    demo.add_argument(
        "--dashboard",
        action="store_true",
        help="also serve the facilitator dashboard on GUILDBOT_HTTP_HOST:PORT (default "
        "127.0.0.1:8080); `dashboard` in the demo prints a sign-in link",
    )
    db = commands.add_parser("db", help="database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="apply pending migrations")
    db_commands.add_parser("current", help="show the schema revision")
    outbox = commands.add_parser("outbox", help="messages waiting to be sent, or already sent")
    outbox_commands = outbox.add_subparsers(dest="outbox_command", required=True)
    outbox_list = outbox_commands.add_parser("list", help="the newest rows first")
    outbox_list.add_argument(
        "--status", choices=[s.value for s in OutboxStatus], help="only rows with this status"
    )
    outbox_list.add_argument(
        "--limit", type=_limit, default=50, help="how many rows (1 to 1000, default 50)"
    )
    outbox_commands.add_parser(
        "retry", help="send a failed, missed, uncertain or cancelled row now"
    ).add_argument("id", type=int)
    outbox_commands.add_parser("cancel", help="never send a row").add_argument("id", type=int)
    schedule = commands.add_parser("schedule", help="recurring messages")
    schedule.add_subparsers(dest="schedule_command", required=True).add_parser(
        "list", help="every schedule and its next occurrence"
    )
    calendar = commands.add_parser("calendar", help="community calendars")
    calendar.add_subparsers(dest="calendar_command", required=True).add_parser(
        "export", help="print a community's iCal feed (all its events) to stdout"
    ).add_argument("slug", help="the community's slug, e.g. accessibility")
    members = commands.add_parser("members", help="the member directory")
    member_commands = members.add_subparsers(dest="members_command", required=True)
    importer = member_commands.add_parser(
        "import",
        help="import or update members from a CSV",
        description=(
            "Import or update members from a UTF-8 CSV with the header "
            "name,email,department,title,timezone,skills,communities (comma- or "
            "semicolon-separated, as spreadsheets save it; skills and communities separated "
            "by ';' within a comma-separated file, by ',' within a semicolon-separated one). "
            "Idempotent by e-mail: importing again updates, never duplicates; blank cells "
            "keep what is stored. Exit status 1 when any row was rejected (each is listed)."
        ),
    )
    importer.add_argument("file", type=Path, help="the CSV file")
    evaluation.add_parser(commands)
    routing_cli.add_parser(commands)
    admin_cli.add_parser(commands)
    privacy_cli.add_parser(commands)
    hold_cli.add_parser(commands)
    pair_solve.add_parser(commands)
    teams = commands.add_parser("teams", help="Microsoft Teams")
    teams_package = teams.add_subparsers(dest="teams_command", required=True).add_parser(
        "package", help="write the Teams app package (manifest.json and icons, zipped)"
    )
    teams_package.add_argument(
        "--output", type=Path, default=Path("guildbot-teams.zip"), help="the zip file to write"
    )
    teams_package.add_argument("--name", default="Guildbot", help="the app's name in Teams")
    teams_package.add_argument("--version", dest="app_version", default="1.0.0")
    teams_package.add_argument("--developer", default="Guildbot", help="who publishes it")
    # No defaults: Teams shows these on the app's About page, so they must be the operator's.
    teams_package.add_argument(
        "--website", help="https:// address of your page about Guildbot (required)"
    )
    teams_package.add_argument(
        "--privacy-url", help="https:// address of its privacy statement (required)"
    )
    teams_package.add_argument(
        "--terms-url", help="https:// address of its terms of use (required)"
    )
    teams_package.add_argument(
        "--channel-routing",
        action="store_true",
        help=(
            "ask Teams to deliver every message of the channels and group chats the app is "
            "added to (resource-specific consent), so questions asked there without "
            "@Guildbot can be routed"
        ),
    )
    return parser


# Thursday 26 November 2026, 14:50 in Toronto: where the README's transcripts start.
DEMO_START = datetime(2026, 11, 26, 19, 50, tzinfo=UTC)
# Written into a demo database's SQLite header, so `demo` replaces only what it made itself.
DEMO_APPLICATION_ID = 0x4742444D  # "GBDM"


def _has_platform(settings: Settings) -> bool:
    return (
        settings.slack_enabled
        or settings.discord_enabled
        or settings.teams_enabled
        or settings.matrix_enabled
    )


def _has_a_reader() -> bool:
    """Whether standard input could bring commands: not closed, not /dev/null (as under a
    service manager, where a console would read nothing and exit at once)."""
    try:
        here = os.fstat(sys.stdin.fileno())
        null = os.stat(os.devnull)
    except (OSError, ValueError, AttributeError):
        return False
    return (here.st_dev, here.st_ino) != (null.st_dev, null.st_ino)


def _reads_only(args: argparse.Namespace) -> bool:
    """Commands that only look at the database (so they migrate and seed nothing)."""
    return args.command == "calendar" or (
        args.command in ("routing", "admin", "hold")
        and getattr(args, f"{args.command}_command", "") in ("status", "list")
    )


def _limit(text: str) -> int:
    """`--limit`: a whole number from 1 to 1000."""
    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 to 1000, not {text!r}")
    return value


def _demo_settings(settings: Settings, path: Path, reset: bool, dashboard: bool) -> Settings:
    if path.exists() and not reset and not _is_demo_database(path):
        raise ConfigError(
            "--db",
            f"{path} is not a Guildbot demo database and may hold real data; the demo would "
            "replace it. Choose another file, or add --reset to replace it anyway",
        )
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with contextlib.closing(sqlite3.connect(path)) as created:
        created.execute(f"PRAGMA application_id = {DEMO_APPLICATION_ID}")
        created.commit()
    return Settings(
        database_url=f"sqlite:///{path}",
        log_level=settings.log_level,
        default_timezone=settings.default_timezone,
        default_locale=settings.default_locale,
        instance_name="demo",
        http_host=settings.http_host,
        http_port=settings.http_port,
        # A secret of this run only: the demo's links die with it.
        dashboard_enabled=dashboard,
        secret_key=secrets.token_urlsafe(48) if dashboard else "",
        public_url=f"http://{settings.http_host}:{settings.http_port}" if dashboard else "",
    )


def _is_demo_database(path: Path) -> bool:
    """Whether `path` is a database an earlier `guildbot demo` made (an empty file counts)."""
    if path.stat().st_size == 0:
        return True
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as existing:
            (application_id,) = existing.execute("PRAGMA application_id").fetchone()
    except sqlite3.DatabaseError:
        return False  # not SQLite at all
    return bool(application_id == DEMO_APPLICATION_ID)


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "db":
        return await _db(args.db_command, settings)
    if args.command in ("outbox", "schedule"):
        return await _operate(args, settings)
    # The demo's clock moves only when told (`advance 1d`), so reminders can be shown.
    # It starts at a fixed moment, so the README's transcripts are what the demo prints.
    demo_clock = ManualClock(DEMO_START) if args.command == "demo" else None
    app = await build(settings, clock=demo_clock, read_only=_reads_only(args))
    try:
        if args.command == "demo":
            summary = await seed_demo(app.database, app.clock, CONSOLE, CONSOLE_WORKSPACE)
            print(
                f"Guildbot demo: {summary.members} people in {summary.departments} departments "
                f"and {summary.communities} communities (database {args.db}).\n"
                "Type commands as you would on Slack, with or without /guild: try `help`, "
                "`expertise add k8s`, `community list`.\n"
                "`as NAME` makes you someone else; a number picks a choice; `quit` or end of "
                "input leaves.\n"
                "Calendar: `event create Show and tell tomorrow 15:00`, `event list`; "
                "`advance 1d` moves the demo's clock a day on."
            )
            if app.dashboard is not None and app.dashboard.access is not None:
                history = await seed_dashboard_history(
                    app.database, app.clock, CONSOLE, CONSOLE_WORKSPACE
                )
                print(
                    f"For the dashboard, the Data Science Network has {history.members} "
                    f"colleagues more and a past: {history.rounds} weekly coffee rounds "
                    f"({history.groups} groups), {history.questions} questions and "
                    f"{history.answers} answers to its events."
                )
                answers = BackgroundAnswers(
                    app.database, app.clock, history.program_id, history.colleagues
                )
                await _demo_with_dashboard(app, settings, demo_clock, answers)
            else:
                await _console(app, handle_of(DEMO_START_AS), demo_clock)
        elif args.command == "run":
            if _has_platform(settings):
                return await _serve(app, settings)
            if not _has_a_reader():
                print(
                    "guildbot: no chat platform is configured (SLACK_*, DISCORD_* or TEAMS_*, "
                    "see config.example.env), and the console needs someone typing at it: "
                    "nothing to run",
                    file=sys.stderr,
                )
                return EXIT_CONFIG
            else:
                await _console(app, getpass.getuser())
        elif args.command == "members":
            return await _import(app, args.file)
        elif args.command == "calendar":
            return await _export_calendar(app, args.slug)
        elif args.command == "routing":
            return await routing_cli.run(app, args)
        elif args.command == "admin":
            return await admin_cli.run(app, args)
        elif args.command == "hold":
            return await hold_cli.run(app, args)
    finally:
        await app.close()
    return 0


async def _serve(app: Guildbot, settings: Settings) -> int:
    """The chat platforms configured in settings, on the shared web app, until SIGTERM."""
    grace = settings.health_grace_seconds
    routes = list(calendar_routes(app.feeds.feed))
    if app.dashboard is not None and app.dashboard.access is not None:
        routes.extend(dashboard_routes(app.dashboard.access, app.dashboard.pages))
    adapters: list[Adapter] = []
    if settings.slack_enabled:
        slack = platforms.slack(app, settings)
        routes.extend(slack.routes())
        adapters.append(slack)
    if settings.discord_enabled:
        adapters.append(platforms.discord(app, settings))
    if settings.teams_enabled:
        teams = platforms.teams(app, settings)
        routes.extend(teams.routes())
        adapters.append(teams)
    if settings.matrix_enabled:
        adapters.append(platforms.matrix(app, settings))
    health = process_health(database_answers(app), adapters, grace)
    web = WebServer(settings.http_host, settings.http_port, health=health)
    web.add_routes(routes)
    metrics = None
    if settings.metrics_port is not None:
        metrics = MetricsServer(
            settings.metrics_host, settings.metrics_port, app.metrics, app.database
        )
    runner = Runner(app, adapters, web, metrics=metrics)
    await runner.run()
    if runner.failure:
        # Why, as the last line (as for a setting that cannot be used): what a supervisor's
        # status shows of the log.
        print(f"guildbot: {runner.failure}", file=sys.stderr)
        return 1
    return 0


def _teams_package(args: argparse.Namespace, app_id: str) -> int:
    """`guildbot teams package`: the zip an administrator uploads to Teams."""
    from guildbot.adapters.teams.manifest import ManifestError, package  # noqa: PLC0415

    try:
        written = package(
            app_id,
            args.output,
            features.catalogue(),
            phrases=CataloguePhrases(),
            name=args.name,
            version=args.app_version,
            developer=args.developer,
            website=args.website,
            privacy_url=args.privacy_url,
            terms_url=args.terms_url,
            channel_messages=args.channel_routing,
        )
    except ManifestError as error:
        print(f"guildbot: teams package {error}", file=sys.stderr)
        return EXIT_CONFIG
    except OSError as error:
        print(f"guildbot: cannot write {args.output}: {error.strerror or error}", file=sys.stderr)
        return EXIT_CONFIG
    print(f"wrote {written}: upload it in Teams (Apps -> Manage your apps -> Upload an app)")
    return 0


async def _console(
    app: Guildbot,
    user_id: str,
    demo_clock: ManualClock | None = None,
    background: Callable[[], Awaitable[None]] | None = None,
) -> None:
    async def switch(name: str) -> tuple[str, str] | str:
        try:
            async with app.database.transaction() as session:
                member = await find_member(session, name, CONSOLE, CONSOLE_WORKSPACE)
                members = MemberRepository(session)
                identities = await members.identities_of(member.id, CONSOLE)
                if identities:
                    return identities[0].user_id, member.display_name
                handle = handle_of(member.display_name) + f".{member.id}"
                await members.link_identity(
                    member.id, CONSOLE, CONSOLE_WORKSPACE, handle, app.clock.now()
                )
                return handle, member.display_name
        except UserError as error:
            return error.words

    async def profile(user_id: str) -> PlatformProfile | None:
        return PlatformProfile(display_name=user_id.replace(".", " ").title())

    async def describe(user_id: str) -> str:
        async with app.database.transaction() as session:
            member = await MemberRepository(session).by_identity(
                CONSOLE, CONSOLE_WORKSPACE, user_id
            )
            if member is None:
                return user_id
            if member.department_id is None:
                return member.display_name
            department = await DepartmentRepository(session).get(member.department_id)
            return f"{member.display_name} · {department.name if department else '?'}"

    async with app.database.transaction() as session:
        start = await MemberRepository(session).by_identity(CONSOLE, CONSOLE_WORKSPACE, user_id)
        name = start.display_name if start else user_id
    adapter = ConsoleAdapter(user_id, name, switch, profile, describe_actor=describe)
    dispatch = app.dispatcher(adapter)
    if demo_clock is not None:
        demo = DemoTime(app, demo_clock, adapter, background)
        dispatch = demo.wrap(dispatch)
        adapter.after_each = demo.tick
    await adapter.start(dispatch)


async def _demo_with_dashboard(
    app: Guildbot,
    settings: Settings,
    demo_clock: ManualClock | None,
    background: Callable[[], Awaitable[None]],
) -> None:
    """The demo's console, with the dashboard served beside it until the demo ends."""
    assert app.dashboard is not None and app.dashboard.access is not None
    web = WebServer(settings.http_host, settings.http_port)
    web.add_routes(dashboard_routes(app.dashboard.access, app.dashboard.pages))
    await web.start()
    print(
        f"Dashboard: {web.url}/dashboard/ — type `dashboard data-science` (as a facilitator, "
        "e.g. `as Li Wei`) for a sign-in link."
    )
    try:
        await _console(app, handle_of(DEMO_START_AS), demo_clock, background)
    finally:
        await web.stop()


async def _db(command: str, settings: Settings) -> int:
    engine = create_engine(settings.database_url)
    try:
        await check_connection(engine)
        if command == "upgrade":
            await migrate.upgrade(engine)
        revision = await migrate.current_revision(engine)
        head = migrate.head_revision()
        state = (
            "up to date"
            if revision == head
            else f"behind (newest is {head}; `guildbot db upgrade` applies it)"
        )
        print(f"schema revision {revision or 'none'}: {state}")
    finally:
        await engine.dispose()
    return 0 if revision == head else 1  # scripts (and deploy checks) can tell


async def _operate(args: argparse.Namespace, settings: Settings) -> int:
    app = await build(
        settings, read_only=args.command == "schedule" or args.outbox_command == "list"
    )
    try:
        if args.command == "schedule":
            rows = await app.outbox.schedules()
            print(f"{'id':>6}  {'kind':<12} {'owner':<20} {'next due (UTC)':<17} rule")
            for item in rows:
                due = f"{item.next_due_at:%Y-%m-%d %H:%M}" if item.next_due_at else "ended"
                owner = f"{item.owner_kind}:{item.owner_id}"[:20]
                print(
                    f"{item.id:>6}  {item.kind:<12} {owner:<20} {due:<17} "
                    f"{item.rrule} ({item.timezone}, from {item.local_start})"
                )
            print(f"{len(rows)} schedule(s)")
            return 0
        if args.outbox_command == "list":
            status = OutboxStatus(args.status) if args.status else None
            messages = await app.outbox.listing(status, args.limit)
            print(f"{'id':>8}  {'status':<10} {'kind':<12} {'due (UTC)':<17} {'tries':>5}  target")
            for row in messages:
                target = (
                    f"member {row.target_member_id}"
                    if row.target_member_id
                    else (f"{row.platform}:{row.channel_id}")
                )
                print(
                    f"{row.id:>8}  {row.status:<10} {row.kind:<12} "
                    f"{row.due_at:%Y-%m-%d %H:%M} {row.attempts:>5}  {target}"
                    + (f"  ({row.last_error})" if row.last_error else "")
                )
            print(f"{len(messages)} row(s)")
            return 0
        if not await app.outbox.exists(args.id):
            print(
                f"guildbot: there is no outbox row {args.id} (see `outbox list`)", file=sys.stderr
            )
            return EXIT_CONFIG
        if args.outbox_command == "retry":
            done = await app.outbox.retry(args.id)
            print(
                f"row {args.id} will be sent at the next tick"
                if done
                else f"row {args.id} is not failed, missed, uncertain or cancelled (or its text "
                "is gone after retention): nothing changed"
            )
            return 0 if done else 1
        done = await app.outbox.cancel(args.id)
        print(
            f"row {args.id} cancelled"
            if done
            else f"row {args.id} is not pending, failed or uncertain: nothing changed"
        )
        return 0 if done else 1
    finally:
        await app.close()


async def _export_calendar(app: Guildbot, slug: str) -> int:
    feed = await app.feeds.feed(slug, None, check_token=False)
    if feed is None:
        print(f"guildbot: no community {slug!r} (see `community list`)", file=sys.stderr)
        return EXIT_CONFIG
    sys.stdout.buffer.write(feed)
    sys.stdout.flush()
    return 0


async def _import(app: Guildbot, path: Path) -> int:
    importer = DirectoryImporter(app.database, app.clock, app.settings.default_timezone)
    try:
        report = await importer.import_file(path)
    except ImportFileError as error:
        print(f"guildbot: {error}", file=sys.stderr)
        return EXIT_CONFIG
    print(report.summary())
    return 1 if report.rejected else 0  # a script importing nightly must see rejections


if __name__ == "__main__":
    raise SystemExit(main())
