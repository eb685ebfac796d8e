"""`guildbot admin grant|revoke|list`: who the organisation's admins are, from the server.

How a deployment gets its first admin: import the directory (`members import`), or let the
person message the bot once (their platform gives their e-mail), then `admin grant EMAIL`.
Every change is audited (`admin.grant`, `admin.revoke`, by the operator's login name), and
the last admin is never revoked: there is always someone who can manage the organisation.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from sqlalchemy import select

from guildbot.app.build import Guildbot
from guildbot.storage.models import Member
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.members import MemberRepository

EXIT_REFUSED = 1  # understood, and refused
EXIT_BAD_INPUT = 2  # names nobody


def add_parser(commands: Any) -> None:
    """Add `admin grant|revoke|list` to the CLI's subcommands."""
    admin = commands.add_parser(
        "admin",
        help="organisation admins: grant, revoke, list",
        description=(
            "Organisation admins manage every community and the organisation's settings. "
            "The person must be known to the bot: imported with `members import`, or having "
            "messaged the bot once."
        ),
    )
    admin_commands = admin.add_subparsers(dest="admin_command", required=True)
    for name, summary in (
        ("grant", "make the member with this e-mail an organisation admin"),
        ("revoke", "make them an ordinary member again (never the last admin)"),
    ):
        admin_commands.add_parser(name, help=summary).add_argument(
            "email", help="their e-mail address, as in the directory"
        )
    admin_commands.add_parser("list", help="the organisation admins")


async def run(app: Guildbot, args: argparse.Namespace) -> int:
    """Run `admin …`; returns the exit status."""
    async with app.database.transaction() as session:
        if args.admin_command == "list":
            admins = (
                await session.scalars(
                    select(Member).where(Member.is_admin.is_(True)).order_by(Member.id)
                )
            ).all()
            for admin in admins:
                print(f"{admin.display_name} <{admin.email or 'no e-mail'}>")
            print(f"{len(admins)} organisation admin(s)")
            return 0
        email = str(args.email).strip()
        member = await MemberRepository(session).by_email(email)
        if member is None:
            print(
                f"guildbot: nobody with the e-mail {email!r} is known yet: import the directory "
                "(`guildbot members import FILE`) or have them message the bot once",
                file=sys.stderr,
            )
            return EXIT_BAD_INPUT
        granting = args.admin_command == "grant"
        if member.is_admin == granting:
            state = "already an organisation admin" if granting else "not an organisation admin"
            print(f"{member.display_name} is {state}: nothing changed")
            return 0
        if not granting:
            others = await session.scalar(
                select(Member.id).where(Member.is_admin.is_(True), Member.id != member.id)
            )
            if others is None:
                print(
                    f"guildbot: {member.display_name} is the only organisation admin; grant "
                    "someone else first",
                    file=sys.stderr,
                )
                return EXIT_REFUSED
        member.is_admin = granting
        await AuditLog(session).record(
            app.clock.now(),
            None,
            "admin.grant" if granting else "admin.revoke",
            "member",
            member.id,
            {"via": "cli", "operator": operator_name()},
        )
    print(
        f"{member.display_name} is now an organisation admin"
        if granting
        else f"{member.display_name} is no longer an organisation admin"
    )
    return 0


def operator_name() -> str:
    """Who ran the command, for the audit log: the login name."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without a passwd entry)
        return "unknown"
