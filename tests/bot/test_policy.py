"""Every management action refused to a member who may not do it: a polite answer, one
audit entry for the attempt, and nothing else changed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from guildbot.storage.models import AuditEntry, Base
from tests.bot.features.calendar.helpers import create_event, setup_community
from tests.fakes import Harness

# (what Bo types, where: "channel" or "direct", the audited action)
REFUSED = [
    ("community link accessibility", "channel", "community.link"),
    ("community welcome accessibility on", "direct", "community.welcome"),
    ("role grant @bo facilitator accessibility", "direct", "role.grant"),
    ("role revoke @ana admin accessibility", "direct", "role.revoke"),
    ("event create Show and tell tomorrow 15:00", "channel", "event.create"),
    ("event edit 1 where: Room 9", "direct", "event.edit"),
    ("event cancel 1", "direct", "event.cancel"),
    ("event feed accessibility private", "direct", "event.feed.private"),
    ("announce #C-general Hello at 2026-12-01 09:00", "direct", "announce.create"),
    ("coffee setup accessibility weekly on monday at 10:00", "direct", "coffee.setup"),
    ("coffee settings accessibility groups of 3", "direct", "coffee.settings"),
    ("coffee pause accessibility", "direct", "coffee.pause"),
    ("coffee preview accessibility", "direct", "coffee.preview"),
    ("coffee stats accessibility", "direct", "coffee.stats"),
    ("ask mode auto", "channel", "ask.mode"),
    ("expertise default in", "direct", "expertise.default"),
]


async def _everything(harness: Harness) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table but the audit log (which a refusal adds to)."""
    async with harness.app.database.transaction() as session:
        snapshot = {}
        for table in Base.metadata.sorted_tables:
            if table.name in ("audit_log", "processed_events"):
                continue
            rows = (await session.execute(select(table))).all()
            snapshot[table.name] = sorted(tuple(map(repr, row)) for row in rows)
        return snapshot


@pytest.mark.parametrize(("typed", "where", "action"), REFUSED)
async def test_a_refused_management_action_is_audited_and_changes_nothing(
    harness: Harness, typed: str, where: str, action: str
) -> None:
    await setup_community(harness, "bo")
    await harness.text("ana", "coffee setup accessibility weekly on monday at 10:00")
    await create_event(harness, "Show and tell tomorrow 15:00")
    before = await _everything(harness)
    [answer] = await harness.say(
        "bo", typed, harness.channel if where == "channel" else harness.direct
    )
    assert "Only" in answer.text and ("facilitators" in answer.text or "admins" in answer.text)
    async with harness.app.database.transaction() as session:
        refusals = (
            await session.scalars(select(AuditEntry).where(AuditEntry.action.like("%.refused")))
        ).all()
    assert [entry.action for entry in refusals] == [f"{action}.refused"]
    assert await _everything(harness) == before
