"""Outbox delivery: 10,000 reminders due within a minute, 3 processes, one rate-limited platform.

A local mock platform (aiohttp, 127.0.0.1, a free port) accepts at most `--rate` messages per
second overall — a token bucket refilled at that rate, holding `--burst` tokens (default a
quarter of a second of traffic) — and answers 429 with a Retry-After header (whole seconds, as
Slack does) beyond that. It records every accepted message and when it arrived.

The script creates its own PostgreSQL database and migrates it, enqueues the reminders through
`OutboxService.enqueue` (ahead of time, as a bot would, so enqueueing does not compete with
delivery), then starts `--processes` OS processes (multiprocessing, spawn). Each builds its own
engine and `Ticker` (real `SystemClock`, real `asyncio.sleep`) driven by the production `Timer`
every `--tick` seconds, with a benchmark-only adapter that POSTs to the mock over one keep-alive
`aiohttp.ClientSession` and raises `DeliveryError(retryable=True, retry_after=…)` on 429 and
5xx. Each process's `DeliveryPolicy.send_rate_per_second` is its equal share of the mock's
limit times `--client-share` (0: no client-side limit). Once every worker ticks, one UPDATE
moves the reminders so the first is due `--lead` seconds later and the rest evenly over
`--window` seconds, to `--channels` channels (a seeded random mix; 0 gives every message its
own channel). The script waits until no row is pending or claimed (at most
`--timeout` seconds), prints the figures and drops the database.

    .venv/bin/python benchmarks/outbox_delivery.py
    .venv/bin/python benchmarks/outbox_delivery.py --messages 10000 --processes 3 --rate 200
    .venv/bin/python benchmarks/outbox_delivery.py --timeline --burst 20 --client-share 0.95

Targets (issue 4): sends/s >= 90 % of the mock's limit; p95 lateness <= tick + 5 s;
0 duplicates at the mock; 0 rows left claimed.

Sends/s is accepted messages / (last accepted - first due), so it can only reach 90 % of the
limit when the messages are due at least that fast: the default 50 s window offers exactly the
limit (10,000 / 50 s = 200/s). A 60 s window offers 167/s (83 %), which caps the figure there.

Guildbot paces each channel to one message per `--channel-interval` across all processes
(conversation slots in the database), so the busiest channel caps the figure too: with 300
channels its 50 messages take 50 s from whenever they start, and the last is sent about 10 s
after the last due. "best possible" prints what a perfect sender would reach with the same
dues (each message sent once due and its channel is free, capped at the mock's rate). The
default mix is therefore 1,000 channels (at most about 25 messages each; best possible 98 %),
a burst where the platform's overall limit, not one channel's, is what is measured — as with
event reminders, which mostly go by direct message. `--channels 300` shows the capped case:
best possible 167/s (83.5 %), so no sender that respects one message a second per channel
can reach the 90 % target there.
"same-channel < interval" counts consecutive messages of one channel that arrived closer
than the interval, whichever processes sent them.
Figures depend on the machine: the mock, PostgreSQL and the workers share its CPUs, and the
load average is printed with them.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import dataclasses
import logging
import math
import multiprocessing
import os
import random
import resource
import statistics
import sys
import time
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from multiprocessing.synchronize import Event as EventType
from typing import Any

import aiohttp
from aiohttp import web
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url

from guildbot.app.build import instance_id
from guildbot.bot.clock import SystemClock
from guildbot.bot.config import Settings
from guildbot.bot.scheduler.operations import OutboxService, Target
from guildbot.bot.scheduler.policy import DEFAULT_GRACE, SHARED_SEND_RATES, DeliveryPolicy
from guildbot.bot.scheduler.tick import Ticker, TickReport
from guildbot.bot.scheduler.timer import Timer
from guildbot.contract.adapter import Capabilities, Dispatch, PlatformProfile
from guildbot.contract.errors import DeliveryError
from guildbot.contract.outbound import OutboundMessage
from guildbot.contract.refs import ConversationKind, ConversationRef, MemberRef, MessageRef
from guildbot.storage import migrate
from guildbot.storage.engine import Database, create_engine
from guildbot.storage.models import OutboxKind, OutboxMessage

PLATFORM = "mock"
WORKSPACE = "T-bench"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
ENQUEUE_CONCURRENCY = 8


# -- the mock platform -----------------------------------------------------------------------


@dataclass
class MockPlatform:
    """A chat API that accepts `rate` messages per second (token bucket of `burst`)."""

    rate: float
    burst: float
    accepted: list[tuple[str, str, float]] = field(default_factory=list)  # text, channel, at
    rejected_at: list[float] = field(default_factory=list)
    _tokens: float = 0.0
    _refilled: float = 0.0

    def __post_init__(self) -> None:
        self._tokens = self.burst
        self._refilled = time.monotonic()

    def _take(self) -> float:
        """0.0 when a token was taken; otherwise seconds until one will be there."""
        now = time.monotonic()
        self._tokens = min(self.burst, self._tokens + (now - self._refilled) * self.rate)
        self._refilled = now
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return 0.0
        return (1.0 - self._tokens) / self.rate

    async def post_message(self, request: web.Request) -> web.Response:
        arrived = time.time()
        body = await request.json()
        wait = self._take()
        if wait > 0:
            self.rejected_at.append(arrived)
            return web.json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(max(1, math.ceil(wait)))},
            )
        self.accepted.append((str(body["text"]), str(body["channel"]), arrived))
        return web.json_response({"ok": True, "ts": f"{arrived:.6f}"})

    async def start(self) -> tuple[web.AppRunner, str]:
        app = web.Application()
        app.router.add_post("/api/chat.postMessage", self.post_message)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None
        port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
        return runner, f"http://127.0.0.1:{port}"


# -- the benchmark's adapter (runs in each worker process) -----------------------------------


class MockAdapter:
    """Implements `guildbot.bot.ports.Adapter` against the mock platform."""

    def __init__(self, base_url: str, capabilities: Capabilities) -> None:
        self.base_url = base_url
        self._capabilities = capabilities
        self._session: aiohttp.ClientSession | None = None
        self.accepted = 0
        self.rate_limited = 0
        self.server_errors = 0

    @property
    def platform(self) -> str:
        return PLATFORM

    @property
    def capabilities(self) -> Capabilities:
        return self._capabilities

    async def start(self, dispatch: Dispatch) -> None:
        return None

    async def stop(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def send(self, message: OutboundMessage) -> MessageRef:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=64, keepalive_timeout=60),
                timeout=aiohttp.ClientTimeout(total=10),
            )
        body = {"channel": message.to.channel_id, "text": message.text.plain()}
        try:
            async with self._session.post(
                f"{self.base_url}/api/chat.postMessage", json=body
            ) as response:
                if response.status == 429 or response.status >= 500:
                    retry_after = _seconds(response.headers.get("Retry-After"))
                    if response.status == 429:
                        self.rate_limited += 1
                    else:
                        self.server_errors += 1
                    raise DeliveryError(
                        f"HTTP {response.status}",
                        retryable=True,
                        retry_after=retry_after,
                        code="ratelimited" if response.status == 429 else f"http_{response.status}",
                    )
                if response.status != 200:
                    raise DeliveryError(
                        f"HTTP {response.status}", retryable=False, code=f"http_{response.status}"
                    )
                answer = await response.json()
        except aiohttp.ClientError as error:
            raise DeliveryError(type(error).__name__, retryable=True, code="network") from None
        self.accepted += 1
        return MessageRef(message.to, str(answer["ts"]))

    async def open_conversation(
        self, members: Sequence[MemberRef], key: str | None = None
    ) -> ConversationRef:
        return ConversationRef(
            PLATFORM,
            WORKSPACE,
            "D" + "-".join(m.user_id for m in members),
            None,
            ConversationKind.DIRECT,
        )

    async def lookup_user(self, member: MemberRef) -> PlatformProfile | None:
        return None


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _seconds(header: str | None) -> float | None:
    try:
        return float(header) if header is not None else None
    except ValueError:
        return None


class CountingTicker(Ticker):
    """A Ticker that keeps each tick's report and duration, for the summary."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.reports: list[tuple[float, TickReport]] = []
        self.running = False

    async def tick(self) -> TickReport:
        started = time.monotonic()
        self.running = True
        try:
            report = await super().tick()
        finally:
            self.running = False
        self.reports.append((time.monotonic() - started, report))
        return report


@dataclass(frozen=True)
class WorkerConfig:
    index: int
    database_url: str
    mock_url: str
    tick_seconds: float
    channel_interval: float
    send_rate: float | None  # this process's share of the mock's limit, or no client limit
    shipped: str | None = None  # use the shipped shared rate of this platform, split live


def worker(config: WorkerConfig, ready: Any, stop: EventType, results: Any) -> None:
    """One Guildbot process: its own engine, ticker and timer, until told to stop."""
    logging.basicConfig(level=logging.WARNING, format=f"[worker {config.index}] %(message)s")
    logging.getLogger("apscheduler").setLevel(logging.ERROR)
    logging.getLogger("guildbot.bot.scheduler.delivery").setLevel(logging.ERROR)
    logging.getLogger("guildbot.bot.scheduler.tick").setLevel(logging.ERROR)
    profile_dir = os.environ.get("OUTBOX_BENCH_PROFILE")
    if not profile_dir:
        asyncio.run(_worker(config, ready, stop, results))
        return
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    try:
        asyncio.run(_worker(config, ready, stop, results))
    finally:
        profiler.disable()
        profiler.dump_stats(os.path.join(profile_dir, f"worker{config.index}.prof"))


async def _worker(config: WorkerConfig, ready: Any, stop: EventType, results: Any) -> None:
    settings = Settings(database_url=config.database_url, tick_seconds=config.tick_seconds)
    database = Database(create_engine(settings.database_url))
    adapter = MockAdapter(
        config.mock_url, Capabilities(min_send_interval_seconds=config.channel_interval)
    )
    grace = dict(DEFAULT_GRACE)
    grace[OutboxKind.REMINDER] = settings.grace_reminder
    policy = DeliveryPolicy(
        grace=grace,
        lease=timedelta(seconds=settings.lease_seconds),
        max_attempts=settings.max_send_attempts,
    )
    if config.shipped is not None:
        # As a deployment without GUILDBOT_SEND_RATE: the platform's shipped rate, shared
        # among the instances that tick.
        shared = {PLATFORM: SHARED_SEND_RATES[config.shipped]}
        policy = dataclasses.replace(policy, shared_send_rate=shared)
    elif config.send_rate is not None:
        policy = dataclasses.replace(policy, send_rate_per_second={PLATFORM: config.send_rate})
    ticker = CountingTicker(
        database,
        SystemClock(),
        {PLATFORM: adapter},
        policy,
        instance_id(f"bench{config.index}"),
    )
    timer = Timer(ticker, settings.tick_seconds)
    try:
        timer.start()
        ready.put(config.index)
        while not await asyncio.to_thread(stop.wait, 0.5):
            pass
        await timer.stop()
        # Let a tick in flight (or just handed over by the timer) finish, within 15 s.
        await asyncio.sleep(0.2)
        for _ in range(150):
            if not ticker.running:
                break
            await asyncio.sleep(0.1)
    finally:
        await adapter.stop()
        await database.dispose()
        durations = [d for d, _ in ticker.reports]
        results.put(
            {
                "index": config.index,
                "accepted": adapter.accepted,
                "rate_limited": adapter.rate_limited,
                "server_errors": adapter.server_errors,
                "ticks": len(ticker.reports),
                "claimed": sum(r.claimed for _, r in ticker.reports),
                "sent": sum(r.delivery.sent for _, r in ticker.reports),
                "retried": sum(r.delivery.retried for _, r in ticker.reports),
                "skipped": sum(r.delivery.skipped for _, r in ticker.reports),
                "recovered": sum(r.recovered for _, r in ticker.reports),
                "tick_max": max(durations, default=0.0),
                "cpu": _cpu_seconds(),
            }
        )


# -- the run ---------------------------------------------------------------------------------


def _admin_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)


async def _create_database(url: str, name: str) -> str:
    engine = create_engine(_admin_url(url), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        await engine.dispose()
    created = make_url(_admin_url(url)).set(database=name).render_as_string(hide_password=False)
    engine = create_engine(created)
    try:
        await migrate.upgrade(engine)
    finally:
        await engine.dispose()
    return created


async def _drop_database(url: str, name: str) -> None:
    engine = create_engine(_admin_url(url), isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await engine.dispose()


async def _enqueue(
    service: OutboxService, plan: list[tuple[int, str, datetime]]
) -> tuple[float, int]:
    """Enqueue in due order through the service; (seconds taken, rows created)."""
    started = time.monotonic()
    created = 0
    queue: asyncio.Queue[tuple[int, str, datetime]] = asyncio.Queue()
    for item in plan:
        queue.put_nowait(item)

    async def run() -> None:
        nonlocal created
        while not queue.empty():
            number, channel, due = queue.get_nowait()
            new = await service.enqueue(
                OutboxKind.REMINDER,
                f"bench:{number}",
                Target(PLATFORM, WORKSPACE, channel, None, ConversationKind.CHANNEL.value),
                due,
                f"m{number}",
            )
            created += new

    await asyncio.gather(*(run() for _ in range(ENQUEUE_CONCURRENCY)))
    return time.monotonic() - started, created


async def _status_counts(database: Database) -> dict[str, int]:
    async with database.transaction() as session:
        rows = await session.execute(
            select(OutboxMessage.status, func.count(OutboxMessage.id)).group_by(
                OutboxMessage.status
            )
        )
        return {status: count for status, count in rows.all()}


def _percentile(values: Sequence[float], fraction: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


async def run(args: argparse.Namespace) -> int:
    load_before = os.getloadavg()[0]
    name = f"guildbot_bench_{uuid.uuid4().hex[:10]}"
    database_url = await _create_database(args.postgres, name)
    mock = MockPlatform(rate=args.rate, burst=args.burst or max(1.0, args.rate / 4))
    runner, mock_url = await mock.start()
    context = multiprocessing.get_context("spawn")
    ready = context.Queue()
    results = context.Queue()
    stop = context.Event()
    send_rate = args.rate * args.client_share / args.processes if args.client_share else None
    if args.shipped:
        send_rate = None
    processes = [
        context.Process(
            target=worker,
            args=(
                WorkerConfig(
                    i,
                    database_url,
                    mock_url,
                    args.tick,
                    args.channel_interval,
                    send_rate,
                    args.shipped,
                ),
                ready,
                stop,
                results,
            ),
            name=f"guildbot-bench-{i}",
        )
        for i in range(args.processes)
    ]
    database = Database(create_engine(database_url))
    finished = False
    reports: list[dict[str, Any]] = []
    try:
        # Reminders are scheduled ahead of time, as a bot would: enqueued through the service
        # against a placeholder start an hour away, before any worker runs (so enqueueing
        # does not compete with delivery), then moved by one UPDATE once the workers tick.
        placeholder = datetime.now(UTC) + timedelta(hours=1)
        step = args.window / max(1, args.messages - 1)
        plan = [
            (n, channel, placeholder + timedelta(seconds=n * step))
            for n, (_, channel) in enumerate(_plan_channels(args))
        ]
        enqueue_seconds, created = await _enqueue(OutboxService(database, SystemClock()), plan)
        if created != args.messages:
            raise RuntimeError(f"enqueued {created} of {args.messages}")

        for process in processes:
            process.start()
        for _ in processes:
            await asyncio.to_thread(ready.get, True, 60)
        first_due = datetime.now(UTC) + timedelta(seconds=args.lead)
        shift = placeholder - first_due
        async with database.transaction() as session:
            await session.execute(
                text(
                    "UPDATE outbox SET due_at = due_at - make_interval(secs => :s), "
                    "not_before = not_before - make_interval(secs => :s)"
                ),
                {"s": shift.total_seconds()},
            )
        due_of = {f"m{n}": (due - shift).timestamp() for n, _, due in plan}

        deadline = time.monotonic() + args.timeout
        counts: dict[str, int] = {}
        while time.monotonic() < deadline:
            await asyncio.sleep(0.5)
            counts = await _status_counts(database)
            open_rows = counts.get("pending", 0) + counts.get("claimed", 0)
            if open_rows == 0 and sum(counts.values()) >= args.messages:
                finished = True
                break
        stop.set()
        for _ in processes:
            with contextlib.suppress(Exception):
                reports.append(await asyncio.to_thread(results.get, True, 30))
        for process in processes:
            await asyncio.to_thread(process.join, 30)
            if process.is_alive():
                process.terminate()
        counts = await _status_counts(database)
    finally:
        stop.set()
        for process in processes:
            if process.is_alive():
                process.terminate()
        await database.dispose()
        await runner.cleanup()
        await _drop_database(args.postgres, name)

    load = (load_before, os.getloadavg()[0], os.cpu_count() or 0)
    _print_table(args, mock, due_of, first_due, enqueue_seconds, counts, reports, finished, load)
    return 0 if finished else 1


def _print_table(
    args: argparse.Namespace,
    mock: MockPlatform,
    due_of: dict[str, float],
    first_due: datetime,
    enqueue_seconds: float,
    counts: dict[str, int],
    reports: list[dict[str, Any]],
    finished: bool,
    load: tuple[float, float, int],
) -> None:
    seen = Counter(body for body, _, _ in mock.accepted)
    duplicates = sum(n - 1 for n in seen.values() if n > 1)
    first_arrival: dict[str, float] = {}
    for body, _, at in mock.accepted:
        first_arrival.setdefault(body, at)
    lateness = [at - due_of[body] for body, at in first_arrival.items()]
    last = max((at for _, _, at in mock.accepted), default=first_due.timestamp())
    span = last - first_due.timestamp()
    per_second = len(mock.accepted) / span if span > 0 else 0.0
    by_channel: dict[str, list[float]] = {}
    for _, channel, at in mock.accepted:
        by_channel.setdefault(channel, []).append(at)
    gaps = sorted(
        b - a
        for times in by_channel.values()
        for a, b in zip(sorted(times), sorted(times)[1:], strict=False)
    )
    close = sum(1 for gap in gaps if gap < args.channel_interval)
    bound_rate, bound_p95, bound_max = _channel_bound(args, due_of, first_due.timestamp())
    channels = f"{args.channels} channels (seeded random mix)" if args.channels else "distinct"
    client_limit = (
        f"shipped {args.shipped} rate {SHARED_SEND_RATES[args.shipped]:g}/s shared among the "
        "live instances"
        if args.shipped
        else f"{args.rate * args.client_share / args.processes:.1f}/s per process"
        if args.client_share
        else "none"
    )
    rows = [
        ("messages", f"{args.messages:,} to {channels}, due over {args.window:g} s"),
        ("processes / tick", f"{args.processes} / {args.tick:g} s"),
        ("mock limit", f"{args.rate:g}/s (bucket of {mock.burst:g}); client limit {client_limit}"),
        ("enqueue", f"{enqueue_seconds:.1f} s via OutboxService.enqueue (before the clock)"),
        ("machine load", f"{load[0]:.1f} before, {load[1]:.1f} after (1-min avg, {load[2]} CPUs)"),
        ("sends/s", f"{per_second:.1f}  (accepted {len(mock.accepted):,} over {span:.1f} s)"),
        ("% of mock's limit", f"{100 * per_second / args.rate:.1f} %"),
        ("lateness p50", f"{statistics.median(lateness) if lateness else math.nan:.2f} s"),
        ("lateness p95", f"{_percentile(lateness, 0.95):.2f} s"),
        ("lateness max", f"{max(lateness, default=math.nan):.2f} s"),
        ("duplicates at mock", f"{duplicates}"),
        ("rows left claimed", f"{counts.get('claimed', 0)}"),
        ("rows by status", ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))),
        (
            "429s received",
            f"{sum(r['rate_limited'] for r in reports)} (mock sent {len(mock.rejected_at)})",
        ),
        (
            "same-channel < interval",
            f"{close} pairs closer than {args.channel_interval:g} s, all processes together "
            f"(closest {min(gaps, default=math.nan):.3f} s, as the mock saw them arrive)",
        ),
        (
            "best possible",
            f"{bound_rate:.1f} sends/s ({100 * bound_rate / args.rate:.1f} %), lateness p95 "
            f"{bound_p95:.2f} s, max {bound_max:.2f} s: these dues at {args.rate:g}/s and "
            f"one message per {args.channel_interval:g} s per channel",
        ),
        (
            "per process sent",
            ", ".join(
                f"#{r['index']}: {r['sent']} (ticks {r['ticks']}, longest {r['tick_max']:.1f} s, "
                f"CPU {r['cpu']:.1f} s)"
                for r in sorted(reports, key=lambda r: r["index"])
            ),
        ),
    ]
    width = max(len(k) for k, _ in rows)
    print("outbox delivery benchmark")
    for key, value in rows:
        print(f"  {key:<{width}}  {value}")
    if args.timeline:
        _print_timeline(mock, due_of, first_due.timestamp())
    p95 = _percentile(lateness, 0.95)
    targets = [
        ("throughput >= 90 % of limit", per_second >= 0.9 * args.rate),
        (f"p95 lateness <= {args.tick + 5:g} s", p95 <= args.tick + 5),
        ("0 duplicates", duplicates == 0),
        ("0 left claimed", counts.get("claimed", 0) == 0),
    ]
    for label, ok in targets:
        print(f"  target {label:<30} {'met' if ok else 'MISSED'}")
    if not finished:
        print(f"DID NOT FINISH within {args.timeout:g} s: rows still pending or claimed")


def _channel_bound(
    args: argparse.Namespace, due_of: dict[str, float], start: float
) -> tuple[float, float, float]:
    """What a perfect sender could do with these dues: (sends/s as measured above, p95 and
    max lateness), sending each message as soon as it is due and its channel's previous
    message is `--channel-interval` old, never faster than the mock's `--rate` overall. (The
    rate is only a cap here, so the lateness figures are a lower bound.)"""
    channel_of = dict(_plan_channels(args))
    free: dict[str, float] = {}
    lateness: list[float] = []
    last = start
    for body, due in sorted(due_of.items(), key=lambda item: item[1]):
        channel = channel_of[body]
        at = max(due, free.get(channel, -math.inf))
        free[channel] = at + args.channel_interval
        lateness.append(at - due)
        last = max(last, at)
    span = last - start
    rate = min(args.rate, len(lateness) / span) if span > 0 else math.nan
    return rate, _percentile(lateness, 0.95), max(lateness, default=math.nan)


def _plan_channels(args: argparse.Namespace) -> list[tuple[str, str]]:
    """(message text, channel) as `run` planned them (the same seeded draw)."""
    rng = random.Random(4)
    channels = [f"C{n:04d}" for n in range(args.channels)]
    return [
        (f"m{n}", rng.choice(channels) if channels else f"C{n:05d}") for n in range(args.messages)
    ]


def _print_timeline(mock: MockPlatform, due_of: dict[str, float], start: float) -> None:
    """Per 5 s from the first due: messages due, accepted, 429s, mean lateness of those."""
    step = 5.0
    due = Counter(int((at - start) // step) for at in due_of.values())
    accepted: dict[int, list[float]] = {}
    for body, _, at in mock.accepted:
        accepted.setdefault(int((at - start) // step), []).append(at - due_of[body])
    rejected = Counter(int((at - start) // step) for at in mock.rejected_at)
    print("  timeline (s from first due: due / accepted / 429s / mean lateness of accepted)")
    for bucket in range(min([0, *due, *accepted]), max([0, *due, *accepted]) + 1):
        late = accepted.get(bucket, [])
        mean = f"{statistics.fmean(late):5.1f} s" if late else "    -"
        print(
            f"    {bucket * step:5.0f}  {due.get(bucket, 0):5d} {len(late):5d} "
            f"{rejected.get(bucket, 0):4d}  {mean}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--rate", type=float, default=200.0, help="mock's messages per second")
    parser.add_argument("--burst", type=float, default=0.0, help="mock's bucket (rate/4)")
    parser.add_argument("--postgres", default=DEFAULT_URL)
    parser.add_argument("--channels", type=int, default=1000, help="0: one channel per message")
    parser.add_argument("--window", type=float, default=50.0, help="seconds the dues span")
    parser.add_argument("--lead", type=float, default=5.0, help="seconds to the first due")
    parser.add_argument("--tick", type=float, default=1.0, help="GUILDBOT_TICK_SECONDS")
    parser.add_argument("--channel-interval", type=float, default=1.0)
    parser.add_argument(
        "--client-share",
        type=float,
        default=1.0,
        help="each process's DeliveryPolicy.send_rate_per_second is rate x this / processes "
        "(0: no client-side limit, only the mock's 429s)",
    )
    parser.add_argument(
        "--shipped",
        choices=sorted(SHARED_SEND_RATES),
        help="no configured rate: use this platform's shipped rate, shared among the live "
        "instances (run with --rate 50, the platform's documented limit)",
    )
    parser.add_argument("--timeout", type=float, default=300.0, help="give up after this")
    parser.add_argument("--timeline", action="store_true", help="print figures per 5 s")
    args = parser.parse_args(argv)
    if make_url(args.postgres).host not in ("127.0.0.1", "localhost"):
        parser.error("only a local PostgreSQL (127.0.0.1) is used")
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
