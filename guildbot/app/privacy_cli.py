"""`guildbot privacy inventory`: what is stored, where, why and for how long, for a privacy
impact assessment. Offline: read from the models, no database needed."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from guildbot.storage.inventory import as_text, inventory


def add_parser(commands: Any) -> None:
    """Add `privacy inventory` to the CLI's subcommands."""
    privacy = commands.add_parser("privacy", help="what Guildbot stores about people")
    kinds = privacy.add_subparsers(dest="privacy_command", required=True)
    listing = kinds.add_parser(
        "inventory",
        help="every table: what it holds, why, whether it is personal data, how long it is kept",
    )
    listing.add_argument("--json", action="store_true", help="as JSON")


def run(args: argparse.Namespace) -> int:
    """Print the inventory; returns the exit status."""
    entries = inventory()
    if args.json:
        print(json.dumps([asdict(entry) for entry in entries], indent=2))
    else:
        print(as_text(entries))
    return 0
