"""`/metrics` for operators: Prometheus text with every family after a real tick, a failed
send counted for its platform, served on a listener of its own that is off unless asked for
(nothing listening when off) — by `guildbot run` itself too."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from datetime import timedelta
from pathlib import Path

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from guildbot.app.build import Guildbot
from guildbot.app.metrics_server import MetricsServer
from guildbot.app.runner import Runner
from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.outbox import Target
from guildbot.contract.errors import DeliveryError, RecipientUnreachable
from guildbot.storage.models import OutboxKind
from tests.fakes import RecordingAdapter

Sleep = Callable[[float], Awaitable[None]]
FAMILIES = {
    "guildbot_outbox_rows",
    "guildbot_send_duration_seconds",
    "guildbot_send_lateness_seconds",
    "guildbot_send_failures",
    "guildbot_tick_duration_seconds",
    "guildbot_commands",
    "guildbot_questions_routed",
    "guildbot_questions_unrouted",
}
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def at(channel: str, platform: str = "fake") -> Target:
    return Target(platform, "T1", channel, None, "channel")


@pytest.fixture
async def served(app: Guildbot) -> AsyncIterator[MetricsServer]:
    server = MetricsServer("127.0.0.1", 0, app.metrics, app.database)
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


async def scrape(url: str) -> tuple[set[str], Samples]:
    """The metric families and samples `url` answers, checked to be Prometheus text."""
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        assert response.status == 200
        assert response.content_type == "text/plain"
        assert "version=0.0.4" in response.headers["Content-Type"]
        body = await response.text()
    families = list(text_string_to_metric_families(body))
    samples = {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in families
        for sample in family.samples
    }
    return {family.name for family in families}, samples


def value(samples: Samples, name: str, **labels: str) -> float | None:
    return samples.get((name, frozenset(labels.items())))


async def test_metrics_answer_prometheus_text_after_a_tick_delivers_rows(
    app: Guildbot,
    adapter: RecordingAdapter,
    clock: ManualClock,
    sleep: Sleep,
    served: MetricsServer,
) -> None:
    now = clock.now()
    await app.outbox.enqueue(OutboxKind.REMINDER, "r1", at("C1"), now, "One")
    await app.outbox.enqueue(OutboxKind.REMINDER, "r2", at("C2"), now, "Two")
    later = now + timedelta(hours=1)
    await app.outbox.enqueue(OutboxKind.ANNOUNCEMENT, "a1", at("C3"), later, "Later")
    report = await app.ticker([adapter], sleep=sleep).tick()
    assert report.delivery.sent == 2 and len(adapter.sent) == 2

    families, samples = await scrape(served.url)
    assert families >= FAMILIES
    assert value(samples, "guildbot_send_duration_seconds_count", platform="fake") == 2
    assert value(samples, "guildbot_send_lateness_seconds_count", platform="fake") == 2
    assert value(samples, "guildbot_tick_duration_seconds_count") == 1
    rows = "guildbot_outbox_rows"
    assert value(samples, rows, status="pending", kind="announcement") == 1
    assert value(samples, rows, status="pending", kind="reminder") == 0  # both sent
    assert value(samples, rows, status="claimed", kind="reminder") == 0
    assert not [key for key in samples if key[0] == "guildbot_send_failures_total"]

    # The depth is counted again at each scrape.
    clock.advance(timedelta(hours=1))
    await app.ticker([adapter], sleep=sleep).tick()
    _, samples = await scrape(served.url)
    assert value(samples, rows, status="pending", kind="announcement") == 0
    assert value(samples, "guildbot_tick_duration_seconds_count") == 2


async def test_a_failed_send_counts_a_failure_for_that_platform_only(
    app: Guildbot, clock: ManualClock, sleep: Sleep, served: MetricsServer
) -> None:
    failing = RecordingAdapter(clock, platform="fake")
    working = RecordingAdapter(clock, platform="slack")
    failing.failures.append(RecipientUnreachable("not in channel", code="not_in_channel"))
    failing.failures.append(DeliveryError("busy", retryable=True, retry_after=5))
    now = clock.now()
    await app.outbox.enqueue(OutboxKind.REMINDER, "gone", at("C1"), now, "Unreachable")
    await app.outbox.enqueue(OutboxKind.REMINDER, "busy", at("C2"), now, "Busy")
    await app.outbox.enqueue(OutboxKind.REMINDER, "fine", at("C3", "slack"), now, "Fine")
    report = await app.ticker([failing, working], sleep=sleep).tick()
    assert (report.delivery.failed, report.delivery.retried, report.delivery.sent) == (1, 1, 1)

    _, samples = await scrape(served.url)
    failures = "guildbot_send_failures_total"
    assert value(samples, failures, platform="fake", outcome="failed") == 1
    assert value(samples, failures, platform="fake", outcome="retried") == 1
    assert not [k for k in samples if k[0] == failures and ("platform", "slack") in k[1]]
    assert value(samples, "guildbot_send_duration_seconds_count", platform="slack") == 1
    assert value(samples, "guildbot_send_duration_seconds_count", platform="fake") is None
    assert value(samples, "guildbot_outbox_rows", status="pending", kind="reminder") == 1


async def test_only_metrics_is_served_there(served: MetricsServer) -> None:
    async with aiohttp.ClientSession() as session:
        for path in ("/", "/healthz", "/metrics/../healthz"):
            async with session.get(served.url.removesuffix("/metrics") + path) as response:
                assert response.status == 404, path


async def test_the_runner_serves_metrics_while_it_runs_and_not_after(app: Guildbot) -> None:
    server = MetricsServer("127.0.0.1", 0, app.metrics, app.database)
    runner = Runner(app, [RecordingAdapter()], scheduler=False, metrics=server)
    running = asyncio.create_task(runner.run())
    try:
        await runner.started.wait()
        families, _ = await scrape(server.url)
        assert families >= FAMILIES
    finally:
        runner.request_stop()
        await running
    with pytest.raises(aiohttp.ClientConnectionError):
        await scrape(server.url)


# -- `guildbot run` ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextlib.contextmanager
def guildbot_run(cwd: Path, env: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    """`guildbot run` as a service manager starts it; stopped with SIGTERM."""
    process = subprocess.Popen(
        [sys.executable, "-m", "guildbot.app.cli", "run"],
        cwd=cwd,
        env={"PATH": "/usr/bin:/bin", **env},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for_port(process: subprocess.Popen[str], port: int) -> None:
    """Until something listens on 127.0.0.1:`port` (60 s at most, the process running)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
            return
        time.sleep(0.1)
    raise AssertionError(f"nothing listened on port {port}")


async def test_guildbot_run_serves_metrics_on_its_own_port_only_when_asked(
    database_url: str, tmp_path: Path
) -> None:
    http, metrics = free_port(), free_port()
    env = {
        "GUILDBOT_DATABASE_URL": database_url,
        "TEAMS_ANONYMOUS": "on",  # a platform that needs no connection out
        "GUILDBOT_HTTP_PORT": str(http),
    }
    with guildbot_run(tmp_path, {**env, "GUILDBOT_METRICS_PORT": str(metrics)}) as process:
        wait_for_port(process, metrics)
        wait_for_port(process, http)
        families, samples = await scrape(f"http://127.0.0.1:{metrics}/metrics")
        assert families >= FAMILIES
        assert value(samples, "guildbot_outbox_rows", status="pending", kind="reminder") == 0
        public = f"http://127.0.0.1:{http}/metrics"
        async with aiohttp.ClientSession() as session, session.get(public) as response:
            assert response.status == 404  # not on the public listener
    with guildbot_run(tmp_path, env) as process:
        wait_for_port(process, http)  # listening after the metrics' port would be
        with pytest.raises(aiohttp.ClientConnectionError):
            await scrape(f"http://127.0.0.1:{metrics}/metrics")
