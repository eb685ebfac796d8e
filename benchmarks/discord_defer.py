"""Discord's 3-second deadline under load: from an interaction's arrival at the gateway to
its acknowledgement.

The real Discord adapter, wired as `guildbot run` wires it (`app.platforms.discord`: shard
claims, autocomplete, the real core on a database of its own), connects to the test suite's
double of Discord's gateway and REST API (`tests/adapters/discord/mock_discord.py`, on
127.0.0.1). The script sends `--burst` interactions at once over the gateway, `--rounds` times
— app commands (`/guild help`, `/guild profile show`, `/coffee status`) and presses of an
earlier message's button, by `--users` different members, so the core also creates members
on first contact — while `--busy` processes keep the CPUs spinning and, optionally, a task
holds the bot's own event loop `--hog` ms of every 100 ms (a busy process's other work).

For each interaction it measures the time from the gateway double sending it to the double
receiving the interaction's callback (the deferral), and from sending to the first reply
(the follow-up), and prints p50/p95/p99/max and the margin left of Discord's 3 s.

The double runs in the bot's process and event loop, so its receiving waits behind the bot's
work too: the figures are an upper bound of what the bot adds. Discord's own gateway delay
and the network come on top — that is what the margin is for.

    .venv/bin/python benchmarks/discord_defer.py
    .venv/bin/python benchmarks/discord_defer.py --burst 200 --rounds 5 --busy 4 --hog 20
    .venv/bin/python benchmarks/discord_defer.py --database-url postgresql+asyncpg://…
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import logging
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# The gateway double is the test suite's; the script runs from the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from guildbot.app import platforms
from guildbot.app.build import build
from guildbot.bot.config import Settings
from tests.adapters.discord.mock_discord import (
    GUILD,
    TOKEN,
    MockDiscord,
)
from tests.adapters.discord.rig import (
    button_message,
    command_data,
    interaction_payload,
)

DEADLINE_MS = 3000.0
CHANNEL = "800000000000000001"
COMMANDS = (
    command_data("guild", {"command": "help"}),
    command_data("guild", {"command": "profile show"}),
    command_data("coffee", {}, sub="status"),
)
PRESS = "gb:coffee.met:42"


def spin(stop: Any) -> None:
    """Keep one CPU busy until told to stop."""
    while not stop.is_set():
        sum(i * i for i in range(10_000))


async def hog(milliseconds: float) -> None:
    """Hold the event loop `milliseconds` of every 100 ms, as other work of a busy bot
    would (a pairing round, rendering a long list)."""
    while True:
        until = time.perf_counter() + milliseconds / 1000
        while time.perf_counter() < until:
            pass
        await asyncio.sleep(max(0.0, 0.1 - milliseconds / 1000))


def payload(interaction_id: str, user: dict[str, Any], n: int) -> dict[str, Any]:
    if n % 4 == 3:
        return interaction_payload(
            interaction_id,
            user=user,
            channel_id=CHANNEL,
            guild_id=GUILD,
            interaction_type=3,
            data={"custom_id": PRESS, "component_type": 2},
            message=button_message(PRESS, "We met", CHANNEL),
        )
    return interaction_payload(
        interaction_id,
        user=user,
        channel_id=CHANNEL,
        guild_id=GUILD,
        interaction_type=2,
        data=COMMANDS[n % 4 % len(COMMANDS)],
    )


def percentiles(values: list[float]) -> str:
    ordered = sorted(values)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return (
        f"p50 {cuts[49]:7.1f}  p95 {cuts[94]:7.1f}  p99 {cuts[98]:7.1f}  max {ordered[-1]:7.1f} ms"
    )


async def run(args: argparse.Namespace, database_url: str) -> None:
    mock = MockDiscord()
    await mock.start()
    users = [f"{100000000000000000 + n}" for n in range(1, args.users + 1)]
    for n, user in enumerate(users):
        mock.add_user(user, f"Member {n}")
    settings = Settings(
        database_url=database_url,
        discord_bot_token=TOKEN,
        discord_api_url=mock.api_url,
        discord_gateway_url=mock.gateway_url,
    )
    app = await build(settings)
    adapter = platforms.discord(app, settings)
    await adapter.start(app.dispatcher(adapter))
    for _ in range(200):  # at most 10 s for the gateway session
        if (await adapter.connection()).connected:
            break
        await asyncio.sleep(0.05)

    stop = multiprocessing.get_context("spawn").Event()
    spinners = [
        multiprocessing.get_context("spawn").Process(target=spin, args=(stop,), daemon=True)
        for _ in range(args.busy)
    ]
    for spinner in spinners:
        spinner.start()
    hogging = asyncio.create_task(hog(args.hog)) if args.hog > 0 else None
    await asyncio.sleep(0.5)  # the spinners are up

    sent: dict[str, float] = {}
    ids = itertools.count(970000000000000001)
    socket = mock.sockets[0]
    try:
        for _ in range(args.rounds):
            burst = [str(next(ids)) for _ in range(args.burst)]
            for n, interaction_id in enumerate(burst):
                data = payload(interaction_id, mock.users[users[n % len(users)]], n)
                event = {"op": 0, "t": "INTERACTION_CREATE", "s": n + 2, "d": data}
                sent[interaction_id] = time.monotonic()
                await socket.send_json(event)
            for _ in range(3000):  # at most a minute for every deferral
                if len(acknowledged(mock)) >= len(sent):
                    break
                await asyncio.sleep(0.02)
            await adapter.drain(30)
            await asyncio.sleep(args.pause)
    finally:
        if hogging is not None:
            hogging.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await hogging
        stop.set()
        for spinner in spinners:
            spinner.join(5)
        await adapter.stop()
        await app.close()
        await mock.stop()

    acks = acknowledged(mock)
    firsts = first_replies(mock)
    ack_ms = [(acks[i] - sent[i]) * 1000 for i in sent if i in acks]
    reply_ms = [(firsts[i] - sent[i]) * 1000 for i in sent if i in firsts]
    print(
        f"{len(sent)} interactions in {args.rounds} bursts of {args.burst}, {args.users} "
        f"members; {args.busy} CPU-spinning processes on {os.cpu_count()} CPUs, loop held "
        f"{args.hog:g} ms/100 ms; load average {os.getloadavg()[0]:.1f}; "
        f"{'PostgreSQL' if database_url.startswith('postgresql') else 'SQLite'}"
    )
    print(f"arrival -> deferral (callback): {percentiles(ack_ms)}")
    print(f"arrival -> first reply:         {percentiles(reply_ms)}")
    missing = len(sent) - len(ack_ms)
    late = sum(1 for ms in ack_ms if ms > DEADLINE_MS)
    print(
        f"margin against 3 s: {DEADLINE_MS - max(ack_ms):.0f} ms at the slowest, "
        f"{DEADLINE_MS - statistics.quantiles(ack_ms, n=100)[98]:.0f} ms at p99; "
        f"{late} past 3 s, {missing} never acknowledged"
    )


def acknowledged(mock: MockDiscord) -> dict[str, float]:
    """Interaction id -> when its callback reached the double (the first one)."""
    found: dict[str, float] = {}
    for call in mock.calls:
        if call.method == "POST" and call.path.endswith("/callback"):
            found.setdefault(call.path.split("/")[2], call.at)
    return found


def first_replies(mock: MockDiscord) -> dict[str, float]:
    """Interaction id -> when its first follow-up reached the double."""
    found: dict[str, float] = {}
    for call in mock.calls:
        if call.method == "POST" and call.path.startswith("/webhooks/"):
            found.setdefault(call.path.rsplit("token-", 1)[-1], call.at)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--burst", type=int, default=100, help="interactions sent at once")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--users", type=int, default=300, help="members sending them")
    parser.add_argument("--busy", type=int, default=os.cpu_count() or 1, help="CPU spinners")
    parser.add_argument("--hog", type=float, default=0.0, help="ms of every 100 the loop is held")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds between bursts")
    parser.add_argument("--database-url", default="", help="default: a new SQLite file")
    args = parser.parse_args()
    logging.basicConfig(level=logging.ERROR)
    with tempfile.TemporaryDirectory() as scratch:
        url = args.database_url or f"sqlite:///{Path(scratch) / 'guildbot.db'}"
        asyncio.run(run(args, url))


if __name__ == "__main__":
    main()
