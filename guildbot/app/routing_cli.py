"""`guildbot routing status|refit`: which ranking model routes questions, and a refit now.

A refit also happens on its own (hourly housekeeping, when one is due); `refit` is for an
operator who imported a history or wants to see the fit at once.
"""

from __future__ import annotations

import argparse
from typing import Any

from guildbot.app.build import Guildbot


def add_parser(commands: Any) -> None:
    """Add `routing status|refit` to the CLI's subcommands."""
    routing = commands.add_parser("routing", help="the ranking that routes questions to experts")
    routing_commands = routing.add_subparsers(dest="routing_command", required=True)
    routing_commands.add_parser(
        "status", help="the model in use, what it was fitted on, and whether a refit is due"
    )
    routing_commands.add_parser(
        "refit", help="fit the ranking on the resolved questions now and use it everywhere"
    )


async def run(app: Guildbot, args: argparse.Namespace) -> int:
    """Run `routing status` or `routing refit`; returns the exit status."""
    if app.questions is None:
        print("guildbot: expert routing is not part of this build")
        return 1
    calibrator = app.questions.calibrator
    if args.routing_command == "refit":
        calibration = await calibrator.refit_if_due(force=True)
        if calibration is not None:
            print(f"stored a new model: {calibration.reason}")
    for line in (await calibrator.status()).lines():
        print(line)
    return 0
