"""`guildbot hold on|off|list`: legal holds, placed and lifted by the operator (the privacy
officer's hands), audited. While a hold is in force, the member's data — or everyone's, with
`all` — is neither erased (a member asking is told plainly, and the request is recorded) nor
purged by retention."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from guildbot.app.admin_cli import operator_name
from guildbot.app.build import Guildbot
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.holds import HoldRepository
from guildbot.storage.repositories.members import MemberRepository

EXIT_BAD_INPUT = 2
EVERYONE = "all"


def add_parser(commands: Any) -> None:
    """Add `hold on|off|list` to the CLI's subcommands."""
    hold = commands.add_parser("hold", help="legal holds: suspend erasure and purging")
    kinds = hold.add_subparsers(dest="hold_command", required=True)
    on = kinds.add_parser("on", help="place a hold on a member (by e-mail) or on all")
    on.add_argument("who", help=f"the member's e-mail, or {EVERYONE!r}")
    on.add_argument("--why", required=True, help="the request it serves (kept and audited)")
    off = kinds.add_parser("off", help="lift the hold on a member (by e-mail) or on all")
    off.add_argument("who", help=f"the member's e-mail, or {EVERYONE!r}")
    kinds.add_parser("list", help="the holds in force")


async def run(app: Guildbot, args: argparse.Namespace) -> int:
    """Run `hold …`; returns the exit status."""
    now = app.clock.now()
    async with app.database.transaction() as session:
        holds = HoldRepository(session)
        if args.hold_command == "list":
            members = MemberRepository(session)
            in_force = await holds.in_force()
            for hold in in_force:
                member = await members.get(hold.member_id) if hold.member_id else None
                who = (
                    "everyone"
                    if hold.member_id is None
                    else (
                        f"{member.display_name} <{member.email}>"
                        if member
                        else f"member {hold.member_id}"
                    )
                )
                print(f"{who}: since {hold.placed_at:%Y-%m-%d} by {hold.placed_by} — {hold.reason}")
            print(f"{len(in_force)} hold(s) in force")
            return 0
        member_id: int | None = None
        label = "everyone"
        if args.who.strip().casefold() != EVERYONE:
            member = await MemberRepository(session).by_email(args.who.strip())
            if member is None:
                print(
                    f"guildbot: nobody with the e-mail {args.who.strip()!r} is known",
                    file=sys.stderr,
                )
                return EXIT_BAD_INPUT
            member_id, label = member.id, member.display_name
        operator = operator_name()
        if args.hold_command == "on":
            reason = " ".join(args.why.split())
            if not reason:
                print("guildbot: --why must say which request the hold serves", file=sys.stderr)
                return EXIT_BAD_INPUT
            await holds.place(member_id, reason[:1000], operator, now)
            action, done = (
                "hold.on",
                f"hold placed on {label}: nothing of theirs is erased or purged until it is lifted",
            )
        else:
            if not await holds.lift(member_id, now):
                print(f"no hold in force on {label}: nothing changed")
                return 1
            action, done = "hold.off", f"hold on {label} lifted"
        await AuditLog(session).record(
            now,
            None,
            action,
            "member" if member_id is not None else "deployment",
            member_id,
            {"operator": operator, **({"why": args.why} if args.hold_command == "on" else {})},
        )
    print(done)
    return 0
