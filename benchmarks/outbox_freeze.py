"""An instance frozen mid-send: three real `guildbot run` processes on one PostgreSQL database,
Slack (HTTP mode) against the local Web API double and Discord against its REST + gateway
double, many reminders and announcements due within a minute; one process is stopped with
SIGSTOP for longer than the lease (`--freeze`, default 25 s against a 10 s lease), then
SIGCONT. Three modes (`--modes`), each `--runs` times: frozen with no transaction open
(`no-transaction`), while it holds one open, as pg_stat_activity shows (`in-transaction`), and
frozen with no transaction open while Slack refuses to read history, as it does for an app
without the history scopes (`no-history-scopes`: Slack cannot tell, so the outbox's policy
decides, and announcements are put to their owner).

Each run creates its own database, starts the three processes (tick 1 s, lease `--lease`),
queues `--messages` rows per platform (half reminders, half announcements, each with an owner
who has a Slack and a Discord account) to `--channels` channels per platform, due in `--waves`
waves over `--window` seconds (the rows of a wave all due at once, as a meetup's reminders
are; each wave at its own fraction of a second, so that different processes claim them). A
process that claims a wave sends it for a moment with many sends in flight; process 0 is
frozen in such a moment: from `--freeze-after` seconds into the burst, when the Slack double
receives one of its posts (each process has its own bot token) while it holds at least
`--min-claims` claims, the double stops it before answering (in `in-transaction` only if it
has a transaction open; in the other modes it is let go and tried again at a later post if it
turns out to be inside one). So it stops with sends the doubles have answered but it has not
recorded, sends on their way, and claims not sent yet (outside a transaction it is also
tried between posts). A run in which it could not be caught so (`mid-send=NO`: it claimed no
wave, or was never outside a transaction while it held claims) is shown and run again, up to
`--tries` times. Then the run waits until nothing is pending or claimed, and counts what the
doubles received:

- duplicates: messages posted more than once (per row, beyond the first);
- unposted: rows never posted (and how many ended `uncertain`);
- found / replayed: claims of the frozen process the others found on Slack (history search by
  metadata) and sends Discord answered with the message its nonce already had — the sends the
  frozen process had made but not recorded;
- owner questions: messages to the owner saying something may not have been posted;
- recovery: seconds from the freeze until every claim the frozen process held was no longer
  held by it (taken over), and until each of those was settled (sent, or uncertain).
  The promise is lease + one tick.

    .venv/bin/python benchmarks/outbox_freeze.py               # 5 runs of each mode
    .venv/bin/python benchmarks/outbox_freeze.py --runs 1 --modes in-transaction

Done when (issue 22): with the history scopes, 0 duplicates and 0 unposted on Slack and
Discord; at most one owner question per incident; taken over within lease + one tick.

The doubles run in this process (aiohttp on 127.0.0.1); figures depend on the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import statistics
import sys
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import text
from sqlalchemy.engine import make_url

from guildbot.bot.clock import SystemClock
from guildbot.bot.scheduler.operations import OutboxService
from guildbot.bot.scheduler.outbox import Target
from guildbot.storage import migrate
from guildbot.storage.engine import Database, create_engine
from guildbot.storage.models import Member, OutboxKind, PlatformIdentity

# The platform doubles are the test suite's (tests/adapters/*/mock_*.py).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.adapters.discord.mock_discord import TOKEN as DISCORD_TOKEN
from tests.adapters.discord.mock_discord import MockDiscord
from tests.adapters.processes import environment, free_port, wait_until_healthy
from tests.adapters.slack.mock_slack import TEAM, Call, MockSlack

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
ROOT = Path(__file__).resolve().parent.parent
SLACK_OWNER = "U1"
DISCORD_OWNER = "100000000000000001"
QUESTION_WORDS = ("may not have been posted", "may or may not have posted")
PROCESSES = 3
NO_TRANSACTION = "no-transaction"
IN_TRANSACTION = "in-transaction"
NO_HISTORY_SCOPES = "no-history-scopes"  # frozen outside a transaction; Slack cannot tell
MODES = (NO_TRANSACTION, IN_TRANSACTION, NO_HISTORY_SCOPES)


@dataclass
class RunFigures:
    mode: str
    frozen_claims: int = 0
    duplicates: dict[str, int] = field(default_factory=dict)
    unposted: dict[str, int] = field(default_factory=dict)
    uncertain: int = 0
    questions: int = 0
    taken_over_s: float | None = None
    settled_s: float | None = None
    froze_in_transaction: bool = False
    caught: bool = False  # stopped mid-send, as asked (else at the end of the window)
    found: int = 0  # Slack: frozen claims found in the history, marked sent
    replayed: int = 0  # Discord: resends answered with the message their nonce had
    statuses: dict[str, int] = field(default_factory=dict)


@dataclass
class NonceCountingDiscord(MockDiscord):
    """The Discord double, counting the creates it answered with an existing message."""

    replayed: int = 0

    def _create(self, channel: str, body: dict[str, Any], bot: dict[str, Any]) -> dict[str, Any]:
        before = sum(len(kept) for kept in self.messages.values())
        message = super()._create(channel, body, bot)
        if sum(len(kept) for kept in self.messages.values()) == before:
            self.replayed += 1
        return message


async def admin(url: str, statement: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


async def add_owner(database: Database) -> int:
    now = datetime.now(UTC)
    async with database.transaction() as session:
        member = Member(display_name="Owner", timezone="UTC", created_at=now)
        session.add(member)
        await session.flush()
        for platform, workspace, user in (
            ("slack", TEAM, SLACK_OWNER),
            ("discord", "discord", DISCORD_OWNER),
        ):
            session.add(
                PlatformIdentity(
                    member_id=member.id,
                    platform=platform,
                    workspace_id=workspace,
                    user_id=user,
                    created_at=now,
                )
            )
        return member.id


def words(platform: str, n: int) -> str:
    kind = "reminder" if n % 2 == 0 else "announcement"
    return f"[{platform} {kind} {n}] the meetup starts soon"


async def enqueue(
    database: Database, owner: int, args: argparse.Namespace, start: datetime
) -> dict[str, str]:
    """The rows, due in waves over the window; what each says, by platform."""
    outbox = OutboxService(database, SystemClock())
    texts: dict[str, str] = {}
    per_wave = max(1, -(-args.messages // args.waves))
    gap = args.window / args.waves
    # Each wave at its own fraction of a second: the processes tick once a second each, at
    # phases of their own, and the first to tick after a wave is due claims all of it; waves
    # on whole seconds would all go to the same process.
    phases = [random.random() for _ in range(args.waves)]
    for platform, workspace in (("slack", TEAM), ("discord", "discord")):
        for n in range(args.messages):
            channel = (
                f"C{n % args.channels:05d}"
                if platform == "slack"
                else str(930000000000000000 + n % args.channels)
            )
            say = words(platform, n)
            texts[say] = platform
            await outbox.enqueue(
                OutboxKind.REMINDER if n % 2 == 0 else OutboxKind.ANNOUNCEMENT,
                f"{platform}:{n}",
                Target(platform, workspace, channel, None, "channel"),
                start + timedelta(seconds=(n // per_wave) * gap + phases[n // per_wave]),
                say,
                owner_member_id=owner,
            )
    return texts


async def launch(
    url: str, index: int, slack: MockSlack, discord: MockDiscord, lease: int, log: Any
) -> Any:
    port = free_port()
    app_url = make_url(url).update_query_dict({"application_name": f"freeze-{index}"})
    env = environment(
        SLACK_BOT_TOKEN=token_of(index),
        SLACK_SIGNING_SECRET="freezebenchmarksecret0123",
        SLACK_API_URL=slack.api_url,
        DISCORD_BOT_TOKEN=DISCORD_TOKEN,
        DISCORD_API_URL=discord.api_url,
        DISCORD_GATEWAY_URL=discord.gateway_url,
        DISCORD_SHARD_COUNT=str(PROCESSES),
        DISCORD_SHARD_IDS=str(index),
        GUILDBOT_HTTP_PORT=str(port),
        GUILDBOT_DATABASE_URL=app_url.render_as_string(hide_password=False),
        GUILDBOT_INSTANCE_NAME=f"freeze-{index}",
        GUILDBOT_TICK_SECONDS="1",
        GUILDBOT_LEASE_SECONDS=str(lease),
        GUILDBOT_LOG_LEVEL=os.environ.get("FREEZE_LOG_LEVEL", "WARNING"),
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "guildbot.app.cli",
        "run",
        env=env,
        cwd=ROOT,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=log,
    )
    return process, port


async def state_of(database: Database, name: str) -> tuple[int, bool]:
    """How many claims process `name` holds, and whether one of its sessions has a
    transaction open, now."""
    async with database.transaction() as session:
        row = (
            await session.execute(
                text(
                    "SELECT (SELECT count(*) FROM outbox WHERE status = 'claimed' "
                    "AND claimed_by LIKE :prefix), "
                    "(SELECT count(*) FROM pg_stat_activity WHERE application_name = :name "
                    "AND xact_start IS NOT NULL)"
                ),
                {"prefix": f"{name}@%", "name": name},
            )
        ).one()
    return int(row[0]), bool(row[1])


def token_of(index: int) -> str:
    """Each process's Slack bot token: how the Web API double knows who posts."""
    return f"xoxb-freeze-{index}"


@dataclass
class FreezingSlack(MockSlack):
    """The Slack double, telling `on_post` (awaited before it answers) of every post."""

    on_post: Callable[[str], Awaitable[None]] | None = None

    async def _record(self, call: Call) -> None:
        await super()._record(call)
        if self.on_post is not None and call.method == "chat.postMessage":
            await self.on_post(call.token)


class Freezer:
    """Stops process 0 while a post of its own is on its way: the Slack double holds the
    post's answer until the process is stopped, then posts it, so the process stops with at
    least that send made and not recorded (and its other sends in flight, on both platforms);
    outside a transaction, also between two posts. Only once it holds `min_claims` claims,
    and has a transaction open (`inside`) or none."""

    def __init__(
        self, process: Any, database: Database, name: str, inside: bool, min_claims: int
    ) -> None:
        self.process = process
        self.database = database
        self.name = name
        self.inside = inside
        self.min_claims = min_claims
        self.frozen = asyncio.Event()
        self.in_transaction = False
        self.caught = False  # stopped mid-send (not at the end of the window, whatever it did)
        self._trying = False

    async def on_post(self, token: str) -> None:
        if token == token_of(0):
            await self.attempt()

    async def attempt(self) -> None:
        """Stop the process if it holds enough claims, and let it go again unless it turned
        out to be inside (or outside) a transaction as asked."""
        if self.frozen.is_set() or self._trying:
            return
        self._trying = True
        try:
            claims, open_ = await state_of(self.database, self.name)
            # Outside a transaction is only known once it is stopped (in a burst it opens
            # one every few milliseconds): stopped inside one, it is let go and tried again.
            if claims < self.min_claims or (self.inside and not open_):
                return
            os.kill(self.process.pid, signal.SIGSTOP)
            await asyncio.sleep(0.02)  # let the kernel stop it and PostgreSQL settle
            claims, open_ = await state_of(self.database, self.name)
            if open_ != self.inside:
                os.kill(self.process.pid, signal.SIGCONT)  # it moved on before it stopped
                return
            self.in_transaction = open_
            self.caught = True
            self.frozen.set()
        finally:
            self._trying = False

    async def freeze(self, within: float) -> bool:
        """Wait for the moment (at most `within` seconds; then stop it whatever it does);
        whether it froze inside a transaction.

        Outside a transaction it is also tried between posts, every few milliseconds: while
        it sends, some transaction of its (a renewal, a record) is open nearly all the time."""
        poller = None if self.inside else asyncio.create_task(self._poll())
        try:
            await asyncio.wait_for(self.frozen.wait(), within)
        except TimeoutError:
            os.kill(self.process.pid, signal.SIGSTOP)
            await asyncio.sleep(0.05)
            self.frozen.set()
            self.in_transaction = (await state_of(self.database, self.name))[1]
        finally:
            if poller is not None:
                poller.cancel()
        return self.in_transaction

    async def _poll(self) -> None:
        while not self.frozen.is_set():
            await self.attempt()
            await asyncio.sleep(0.005)


async def claims_of(database: Database, prefix: str) -> list[int]:
    async with database.transaction() as session:
        rows = await session.execute(
            text("SELECT id FROM outbox WHERE status = 'claimed' AND claimed_by LIKE :p"),
            {"p": f"{prefix}@%"},
        )
        return [int(r[0]) for r in rows.all()]


async def watch_recovery(
    database: Database, ids: list[int], prefix: str, frozen_at: float, figures: RunFigures
) -> None:
    """Record when the frozen claims were all taken over, and all settled."""
    if not ids:
        figures.taken_over_s = figures.settled_s = 0.0
        return
    while figures.settled_s is None:
        async with database.transaction() as session:
            rows = (
                await session.execute(
                    text("SELECT status, claimed_by FROM outbox WHERE id = ANY(:ids)"),
                    {"ids": ids},
                )
            ).all()
        held = sum(
            1 for status, by in rows if status == "claimed" and (by or "").startswith(prefix)
        )
        open_ = sum(1 for status, _ in rows if status in ("claimed", "pending"))
        elapsed = time.monotonic() - frozen_at
        if held == 0 and figures.taken_over_s is None:
            figures.taken_over_s = elapsed
        if open_ == 0:
            figures.settled_s = elapsed
            return
        await asyncio.sleep(0.1)


async def outstanding(database: Database) -> int:
    async with database.transaction() as session:
        return int(
            await session.scalar(
                text("SELECT count(*) FROM outbox WHERE status IN ('pending', 'claimed')")
            )
            or 0
        )


async def wait_settled(database: Database, watcher: asyncio.Task[None], deadline: float) -> None:
    """Until no row is pending or claimed and the recovery watch is done, or `deadline`."""
    while time.monotonic() < deadline:
        if watcher.done() and not await outstanding(database):
            return
        await asyncio.sleep(0.5)


def open_log(path: Path) -> Any:
    """A process's log file (its stderr: a full pipe would stop it as surely as SIGSTOP)."""
    return path.open("w")


async def one_run(
    args: argparse.Namespace, mode: str, slack: FreezingSlack, discord: NonceCountingDiscord
) -> RunFigures:
    figures = RunFigures(mode)
    name = f"guildbot_freeze_{uuid.uuid4().hex[:10]}"
    base = make_url(args.postgres).set(drivername="postgresql+asyncpg")
    await admin(base.render_as_string(hide_password=False), f'CREATE DATABASE "{name}"')
    url = base.set(database=name).render_as_string(hide_password=False)
    # Without the history scopes Slack answers conversations.history with missing_scope.
    slack.scopes = set() if mode == NO_HISTORY_SCOPES else None
    slack.messages.clear()
    slack.calls.clear()
    discord.messages.clear()
    discord.calls.clear()
    discord._nonces.clear()  # row ids start again in the new database
    replayed_before = discord.replayed
    engine = create_engine(url)
    database = Database(engine)
    processes: list[Any] = []
    files: list[Any] = []
    logs = Path(args.logs) / f"{mode}-{name}"
    logs.mkdir(parents=True, exist_ok=True)
    try:
        await migrate.upgrade(engine)
        owner = await add_owner(database)
        async with aiohttp.ClientSession() as http:
            for index in range(PROCESSES):
                log = open_log(logs / f"freeze-{index}.log")
                files.append(log)
                process, port = await launch(url, index, slack, discord, args.lease, log)
                processes.append((process, port))
                # One after the other: processes seeding a fresh database at the same moment
                # race on the starter skills (a unique key), and all but one stop.
                await wait_until_healthy(http, f"http://127.0.0.1:{port}/healthz", process)
        start = datetime.now(UTC) + timedelta(seconds=3)
        texts = await enqueue(database, owner, args, start)
        await asyncio.sleep(max(0.0, (start - datetime.now(UTC)).total_seconds()))
        await asyncio.sleep(args.freeze_after)
        victim, _ = processes[0]
        freezer = Freezer(victim, database, "freeze-0", mode == IN_TRANSACTION, args.min_claims)
        slack.on_post = freezer.on_post
        try:
            figures.froze_in_transaction = await freezer.freeze(args.window)
        finally:
            slack.on_post = None
        figures.caught = freezer.caught
        frozen_at = time.monotonic()
        ids = await claims_of(database, "freeze-0")
        figures.frozen_claims = len(ids)
        watcher = asyncio.create_task(watch_recovery(database, ids, "freeze-0", frozen_at, figures))
        await asyncio.sleep(args.freeze)
        os.kill(victim.pid, signal.SIGCONT)
        await wait_settled(database, watcher, time.monotonic() + args.timeout)
        watcher.cancel()
        await asyncio.sleep(2)  # owner questions due a moment after the incident
        count_posts(figures, texts, slack, discord)
        async with database.transaction() as session:
            figures.statuses = {
                str(s): int(c)
                for s, c in (
                    await session.execute(text("SELECT status, count(*) FROM outbox GROUP BY 1"))
                ).all()
            }
        figures.uncertain = figures.statuses.get("uncertain", 0)
        async with database.transaction() as session:
            figures.found = int(
                await session.scalar(
                    text(
                        "SELECT count(*) FROM outbox WHERE status = 'sent' "
                        "AND last_error LIKE 'found on the platform%'"
                    )
                )
                or 0
            )
        figures.replayed = discord.replayed - replayed_before
    finally:
        for process, _ in processes:
            if process.returncode is None:
                process.send_signal(signal.SIGCONT)
                process.send_signal(signal.SIGTERM)
        for process, _ in processes:
            try:
                await asyncio.wait_for(process.wait(), 30)
            except TimeoutError:
                process.kill()
                await process.wait()
        for file in files:
            file.close()
        await engine.dispose()
        await admin(
            base.render_as_string(hide_password=False),
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
        )
    return figures


def count_posts(
    figures: RunFigures, texts: dict[str, str], slack: MockSlack, discord: MockDiscord
) -> None:
    said = Counter(m["text"] for m in slack.posted())
    said.update(m["content"] for m in discord.created())
    for platform in ("slack", "discord"):
        mine = [t for t, p in texts.items() if p == platform]
        figures.duplicates[platform] = sum(max(0, said[t] - 1) for t in mine)
        figures.unposted[platform] = sum(1 for t in mine if said[t] == 0)
    figures.questions = sum(
        n for t, n in said.items() if any(words_ in t for words_ in QUESTION_WORDS)
    )


def show(figures: RunFigures, promise: float) -> str:
    taken = "-" if figures.taken_over_s is None else f"{figures.taken_over_s:.1f}s"
    settled = "-" if figures.settled_s is None else f"{figures.settled_s:.1f}s"
    return (
        f"{figures.mode:17} mid-send={'yes' if figures.caught else 'NO'} "
        f"in-tx={'yes' if figures.froze_in_transaction else 'no'} "
        f"frozen claims={figures.frozen_claims} found slack={figures.found} "
        f"replayed discord={figures.replayed}  duplicates slack={figures.duplicates['slack']} "
        f"discord={figures.duplicates['discord']}  unposted slack={figures.unposted['slack']} "
        f"discord={figures.unposted['discord']}  uncertain={figures.uncertain}  "
        f"owner questions={figures.questions}  taken over {taken}  settled {settled} "
        f"(promise {promise:.0f}s)"
    )


def summary(mode: str, results: list[RunFigures], promise: float) -> str:
    mine = [r for r in results if r.mode == mode]
    taken = [r.taken_over_s for r in mine if r.taken_over_s is not None]
    settled = [r.settled_s for r in mine if r.settled_s is not None]
    nan = float("nan")
    return (
        f"{mode}: runs={len(mine)} mid-send={sum(r.caught for r in mine)} "
        f"in-tx={sum(r.froze_in_transaction for r in mine)} "
        f"frozen claims={sum(r.frozen_claims for r in mine)} "
        f"found={sum(r.found for r in mine)} replayed={sum(r.replayed for r in mine)} "
        f"duplicates={sum(sum(r.duplicates.values()) for r in mine)} "
        f"unposted={sum(sum(r.unposted.values()) for r in mine)} "
        f"uncertain={sum(r.uncertain for r in mine)} "
        f"owner questions={sum(r.questions for r in mine)} "
        f"taken over median={statistics.median(taken) if taken else nan:.1f}s "
        f"max={max(taken) if taken else nan:.1f}s "
        f"settled max={max(settled) if settled else nan:.1f}s "
        f"(promise lease + tick = {promise:.0f}s)"
    )


async def main(args: argparse.Namespace) -> None:
    slack = FreezingSlack(epoch=time.time)
    slack.add_user(SLACK_OWNER, "Owner")
    discord = NonceCountingDiscord(now=time.time)
    discord.add_user(DISCORD_OWNER, "Owner")
    await slack.start()
    await discord.start()
    promise = args.lease + 1.0
    results: list[RunFigures] = []
    try:
        print(
            f"{args.messages} rows per platform in {args.waves} waves over {args.window:.0f}s "
            f"to {args.channels} channels each; {PROCESSES} processes; lease {args.lease}s, "
            f"tick 1s; process 0 frozen {args.freeze:.0f}s once it holds "
            f"{args.min_claims}+ claims",
            flush=True,
        )
        for run in range(args.runs):
            for mode in args.modes:
                # A run whose process 0 was never caught mid-send (it claimed no wave, or
                # was inside a transaction whenever it held claims) measures nothing: it is
                # shown, not counted, and run again (at most `--tries` times).
                for _ in range(args.tries):
                    figures = await one_run(args, mode, slack, discord)
                    print(f"run {run + 1}: {show(figures, promise)}", flush=True)
                    if figures.caught:
                        break
                results.append(figures)
    finally:
        await slack.stop()
        await discord.stop()
    for mode in args.modes:
        print(summary(mode, results, promise))


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgres", default=DEFAULT_URL)
    parser.add_argument("--runs", type=int, default=5, help="of each mode")
    parser.add_argument("--modes", nargs="+", choices=MODES, default=list(MODES))
    parser.add_argument("--messages", type=int, default=240, help="rows per platform")
    parser.add_argument("--channels", type=int, default=60, help="channels per platform")
    parser.add_argument("--window", type=float, default=60.0)
    parser.add_argument("--waves", type=int, default=8, help="rows due at once, this often")
    parser.add_argument("--min-claims", type=int, default=10, help="held when frozen")
    parser.add_argument("--tries", type=int, default=3, help="per run, to catch it mid-send")
    parser.add_argument("--lease", type=int, default=10)
    parser.add_argument("--freeze", type=float, default=25.0)
    parser.add_argument("--freeze-after", type=float, default=0.0)
    parser.add_argument("--timeout", type=float, default=180.0)
    parser.add_argument("--logs", default="/tmp/guildbot-freeze", help="the processes' logs")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(arguments()))
