"""Legal holds: `guildbot hold on|off|list`, audited; while one is in force the member's data
is neither erased (they are told, and the request is recorded) nor purged by retention."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from guildbot.bot.clock import ManualClock
from guildbot.bot.scheduler.outbox import Target
from guildbot.storage.models import AuditEntry, Member, OutboxKind, OutboxMessage
from tests.cli import guildbot
from tests.fakes import Harness


async def give_email(harness: Harness, user: str, email: str) -> int:
    member_id = await harness.member_id(user)
    async with harness.app.database.transaction() as session:
        member = await session.get(Member, member_id)
        assert member is not None
        member.email = email
    return member_id


async def sent_to(harness: Harness, clock: ManualClock, member_id: int, key: str) -> None:
    """A message to the member, sent long ago (past the retention)."""
    await harness.app.outbox.enqueue(
        OutboxKind.NOTICE,
        key,
        Target("fake", "T1", None, None, "direct", member_id=member_id),
        clock.now(),
        "An old note",
    )
    async with harness.app.database.transaction() as session:
        row = (
            await session.scalars(select(OutboxMessage).where(OutboxMessage.dedupe_key == key))
        ).one()
        row.status = "sent"
        row.sent_at = clock.now()


async def test_a_hold_stops_erasure_and_purging_until_lifted(
    harness: Harness, clock: ManualClock, database_url: str, tmp_path: Path
) -> None:
    env = {"GUILDBOT_DATABASE_URL": database_url}
    await harness.text("ana", "profile")
    await harness.text("ben", "profile")
    ana = await give_email(harness, "ana", "ana@example.org")
    ben = await give_email(harness, "ben", "ben@example.org")
    await sent_to(harness, clock, ana, "old-ana")
    await sent_to(harness, clock, ben, "old-ben")

    placed = guildbot(tmp_path, "hold", "on", "ana@example.org", "--why", "ATIP A-2026-17", env=env)
    assert placed.returncode == 0, placed.stderr
    assert "hold placed on Ana" in placed.stdout
    listing = guildbot(tmp_path, "hold", "list", env=env)
    assert "Ana <ana@example.org>" in listing.stdout and "ATIP A-2026-17" in listing.stdout

    [answer] = await harness.say("ana", "privacy erase")
    assert "under a legal hold" in answer.text and "recorded your request" in answer.text
    assert answer.buttons == ()
    clock.advance(harness.app.settings.retention_messages + timedelta(days=1))
    await harness.app.housekeeping()
    async with harness.app.database.transaction() as session:
        keys = set((await session.scalars(select(OutboxMessage.dedupe_key))).all())
        assert await session.get(Member, ana) is not None
        actions = [
            e.action for e in await session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]
    assert any(k.startswith("old-ana") for k in keys)  # held: kept
    assert not any(k.startswith("old-ben") for k in keys)  # purged as usual
    assert "hold.on" in actions and "privacy.erase.held" in actions

    lifted = guildbot(tmp_path, "hold", "off", "ana@example.org", env=env)
    assert lifted.returncode == 0 and "lifted" in lifted.stdout
    assert guildbot(tmp_path, "hold", "off", "ana@example.org", env=env).returncode == 1
    [ask] = await harness.say("ana", "privacy erase")
    [done] = await harness.press("ana", ask.buttons[0])
    assert done.text.startswith("Done: your data is erased.")


async def test_a_hold_on_everyone_suspends_all_purging_and_bad_input_changes_nothing(
    harness: Harness, clock: ManualClock, database_url: str, tmp_path: Path
) -> None:
    env = {"GUILDBOT_DATABASE_URL": database_url}
    await harness.text("ben", "profile")
    await sent_to(harness, clock, await harness.member_id("ben"), "old-ben")
    assert (
        guildbot(tmp_path, "hold", "on", "all", "--why", "Litigation 42", env=env).returncode == 0
    )
    clock.advance(harness.app.settings.retention_messages + timedelta(days=1))
    await harness.app.housekeeping()
    async with harness.app.database.transaction() as session:
        assert (await session.scalars(select(OutboxMessage.dedupe_key))).all()
    unknown = guildbot(tmp_path, "hold", "on", "nobody@example.org", "--why", "x", env=env)
    assert unknown.returncode == 2 and "nobody with the e-mail" in unknown.stderr
    no_reason = guildbot(tmp_path, "hold", "on", "all", env=env)
    assert no_reason.returncode == 2  # --why is required
    assert "1 hold(s) in force" in guildbot(tmp_path, "hold", "list", env=env).stdout
