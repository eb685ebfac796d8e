"""`guildbot admin grant|revoke|list`: the way a deployment gets (and changes) its
organisation admins outside the demo, audited, never leaving it without one."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from guildbot.app.build import Guildbot
from guildbot.bot.clock import ManualClock
from guildbot.storage.models import AuditEntry, Member
from tests.cli import guildbot


async def add(app: Guildbot, clock: ManualClock, name: str, email: str) -> None:
    async with app.database.transaction() as session:
        session.add(Member(display_name=name, email=email, timezone="UTC", created_at=clock.now()))


async def admins(app: Guildbot) -> list[str]:
    async with app.database.transaction() as session:
        rows = await session.scalars(select(Member).where(Member.is_admin.is_(True)))
        return sorted(m.display_name for m in rows)


async def test_grant_list_revoke_audited_and_the_last_admin_stays(
    app: Guildbot, clock: ManualClock, database_url: str, tmp_path: Path
) -> None:
    env = {"GUILDBOT_DATABASE_URL": database_url}
    await add(app, clock, "Ana Silva", "ana@example.org")
    await add(app, clock, "Bo Chen", "bo@example.org")

    granted = guildbot(tmp_path, "admin", "grant", "Ana@Example.org", env=env)
    assert granted.returncode == 0, granted.stderr
    assert granted.stdout.strip() == "Ana Silva is now an organisation admin"
    assert await admins(app) == ["Ana Silva"]
    again = guildbot(tmp_path, "admin", "grant", "ana@example.org", env=env)
    assert "already an organisation admin: nothing changed" in again.stdout

    last = guildbot(tmp_path, "admin", "revoke", "ana@example.org", env=env)
    assert last.returncode == 1
    assert "the only organisation admin; grant someone else first" in last.stderr
    assert await admins(app) == ["Ana Silva"]

    assert guildbot(tmp_path, "admin", "grant", "bo@example.org", env=env).returncode == 0
    listing = guildbot(tmp_path, "admin", "list", env=env)
    assert "Ana Silva <ana@example.org>" in listing.stdout
    assert listing.stdout.strip().endswith("2 organisation admin(s)")
    revoked = guildbot(tmp_path, "admin", "revoke", "ana@example.org", env=env)
    assert revoked.stdout.strip() == "Ana Silva is no longer an organisation admin"
    assert await admins(app) == ["Bo Chen"]

    async with app.database.transaction() as session:
        entries = (
            await session.scalars(
                select(AuditEntry).where(AuditEntry.action.like("admin.%")).order_by(AuditEntry.id)
            )
        ).all()
    assert [e.action for e in entries] == ["admin.grant", "admin.grant", "admin.revoke"]
    assert all(e.details["via"] == "cli" and e.details["operator"] for e in entries)


async def test_an_unknown_email_changes_nothing_and_says_how_to_get_there(
    app: Guildbot, database_url: str, tmp_path: Path
) -> None:
    unknown = guildbot(
        tmp_path,
        "admin",
        "grant",
        "nobody@example.org",
        env={"GUILDBOT_DATABASE_URL": database_url},
    )
    assert unknown.returncode == 2
    assert "nobody with the e-mail 'nobody@example.org' is known yet" in unknown.stderr
    assert "members import" in unknown.stderr
    assert "Traceback" not in unknown.stderr
    assert await admins(app) == []
