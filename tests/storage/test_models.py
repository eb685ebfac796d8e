from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import IntegrityError, StatementError

from guildbot.storage.engine import Database, create_engine
from guildbot.storage.models import Member
from guildbot.storage.repositories.audit import AuditLog
from guildbot.storage.repositories.members import MemberRepository

NOW = datetime(2026, 3, 8, 7, 30, tzinfo=UTC)


@pytest.fixture
async def database(database_url: str) -> Database:
    db = Database(create_engine(database_url))
    yield db  # type: ignore[misc]
    await db.dispose()


async def test_instants_come_back_aware_utc(database: Database) -> None:
    toronto = timezone(timedelta(hours=-5))
    async with database.transaction() as session:
        member = await MemberRepository(session).add(
            Member(display_name="Ana", created_at=NOW.astimezone(toronto))
        )
        member_id = member.id
    async with database.transaction() as session:
        loaded = await MemberRepository(session).get(member_id)
        assert loaded is not None
        assert loaded.created_at == NOW
        assert loaded.created_at.tzinfo is not None
        assert loaded.created_at.utcoffset() == timedelta(0)


async def test_naive_datetimes_are_refused(database: Database) -> None:
    with pytest.raises(StatementError):
        async with database.transaction() as session:
            await MemberRepository(session).add(
                Member(display_name="Ana", created_at=datetime(2026, 1, 1))
            )


async def test_one_platform_identity_per_platform_user(database: Database) -> None:
    async with database.transaction() as session:
        members = MemberRepository(session)
        ana = await members.add(Member(display_name="Ana", created_at=NOW))
        await members.link_identity(ana.id, "slack", "T1", "U1", NOW)
        await members.link_identity(ana.id, "teams", "tenant", "29:abc", NOW)
    async with database.transaction() as session:
        members = MemberRepository(session)
        found_on_slack = await members.by_identity("slack", "T1", "U1")
        found_on_teams = await members.by_identity("teams", "tenant", "29:abc")
        assert found_on_slack is not None and found_on_teams is not None
        assert found_on_slack.id == found_on_teams.id  # one person, two platforms
    with pytest.raises(IntegrityError):
        async with database.transaction() as session:
            members = MemberRepository(session)
            ben = await members.add(Member(display_name="Ben", created_at=NOW))
            await members.link_identity(ben.id, "slack", "T1", "U1", NOW)
    async with database.transaction() as session:
        assert await MemberRepository(session).count() == 1  # the failed unit left nothing


async def test_emails_are_unique(database: Database) -> None:
    async with database.transaction() as session:
        await MemberRepository(session).add(
            Member(display_name="Ana", email="ana@example.org", created_at=NOW)
        )
    with pytest.raises(IntegrityError):
        async with database.transaction() as session:
            await MemberRepository(session).add(
                Member(display_name="Ana Two", email="ana@example.org", created_at=NOW)
            )


async def test_audit_log_keeps_details(database: Database) -> None:
    async with database.transaction() as session:
        audit = AuditLog(session)
        await audit.record(NOW, 7, "role.grant", "community", 3, {"role": "facilitator"})
        await audit.record(NOW, None, "members.import", "directory")
    async with database.transaction() as session:
        entries = await AuditLog(session).recent()
        assert [e.action for e in entries] == ["members.import", "role.grant"]
        assert entries[1].details == {"role": "facilitator"}
        assert entries[1].object_id == "3"
